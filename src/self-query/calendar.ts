/**
 * Calendar arithmetic for date attributes. Dates are compared as whole days since 1970-01-01 UTC
 * ("epoch days"), so no time zone can shift a date by one day.
 */

/** Milliseconds in a day. */
export const MILLISECONDS_PER_DAY = 86_400_000;

/** Month names and their usual abbreviations, lower case, to month numbers 1-12. */
export const MONTH_NUMBERS: ReadonlyMap<string, number> = new Map(
  ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"].flatMap(
    (name, index): Array<[string, number]> => [
      [name, index + 1],
      [name.slice(0, 3), index + 1],
      ...(name === "september" ? [["sept", 9] as [string, number]] : []),
    ],
  ),
);

/** Whole days since 1970-01-01 UTC of a calendar date (month 1-12). */
export function epochDay(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / MILLISECONDS_PER_DAY);
}

/** Number of days in a month (month 1-12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True when year/month/day name a real calendar day (no 31 February). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** `YYYY-MM-DD` of an epoch day. */
export function epochDayToIsoDate(day: number): string {
  return new Date(day * MILLISECONDS_PER_DAY).toISOString().slice(0, 10);
}

/** A span of calendar days, inclusive at both ends, as epoch days. */
export interface DaySpan {
  first: number;
  last: number;
}

/** The days of a whole year. */
export function yearSpan(year: number): DaySpan {
  return { first: epochDay(year, 1, 1), last: epochDay(year, 12, 31) };
}

/** The days of a whole month (month 1-12). */
export function monthSpan(year: number, month: number): DaySpan {
  return { first: epochDay(year, month, 1), last: epochDay(year, month, daysInMonth(year, month)) };
}

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DAY_MONTH_YEAR = /^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$/i;
const MONTH_DAY_YEAR = /^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i;

/**
 * Reads a written calendar date (`2015-05-06`, `6 May 2015`, `May 6, 2015`) as an epoch day;
 * `undefined` when the text is not one. Used to read dates an LLM or a user wrote in a filter.
 */
export function parseCalendarText(text: string): number | undefined {
  const trimmed = text.trim();
  let parts: [number, number, number] | undefined;
  const iso = ISO_DATE.exec(trimmed);
  if (iso) parts = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  const dayFirst = DAY_MONTH_YEAR.exec(trimmed);
  if (dayFirst) {
    const month = MONTH_NUMBERS.get((dayFirst[2] ?? "").toLowerCase());
    if (month !== undefined) parts = [Number(dayFirst[3]), month, Number(dayFirst[1])];
  }
  const monthFirst = MONTH_DAY_YEAR.exec(trimmed);
  if (monthFirst) {
    const month = MONTH_NUMBERS.get((monthFirst[1] ?? "").toLowerCase());
    if (month !== undefined) parts = [Number(monthFirst[3]), month, Number(monthFirst[2])];
  }
  if (parts === undefined) return undefined;
  const [year, month, day] = parts;
  return isCalendarDate(year, month, day) ? epochDay(year, month, day) : undefined;
}
