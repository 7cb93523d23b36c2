import { DataError } from "../core/errors/data-error.js";

/**
 * Strict, documented conversions of CSV cells to typed metadata values. Nothing is guessed: a cell
 * that does not match its type exactly is a `DataError` naming the file, line and column, never a
 * `NaN`, a `0` or a date shifted by the local time zone.
 *
 * - `string`: the cell as written (optionally trimmed by the caller).
 * - `number`: decimal notation after trimming, e.g. `8`, `-2.5`, `1e3`; no thousands separators,
 *   no hex, no `NaN`/`Infinity`.
 * - `integer`: an optional sign and digits after trimming, within the safe integer range.
 * - `boolean`: `true`/`false`, `yes`/`no`, `1`/`0` (any case, trimmed).
 * - `date`: a calendar date, read in UTC: `2015-05-06`, `6 May 2015`, `6 Sep 2015`, `May 6, 2015`,
 *   or an ISO timestamp with an explicit zone (`2015-05-06T10:00:00Z`). Out-of-range days such as
 *   `31 February 2015` are rejected.
 */

/** The types a CSV column can be converted to. */
export const CELL_TYPES = ["string", "number", "integer", "boolean", "date"] as const;
export type CellType = (typeof CELL_TYPES)[number];

/**
 * How a `date` cell is stored in metadata: `iso-date` = `"2015-05-06"`, `epoch-day` = days since
 * 1970-01-01 UTC (what filters compare), `year` = `2015`, `epoch-ms` = milliseconds since the epoch.
 */
export const DATE_OUTPUTS = ["iso-date", "epoch-day", "year", "epoch-ms"] as const;
export type DateOutput = (typeof DATE_OUTPUTS)[number];

/** A date as read from a cell, in UTC. */
export interface CalendarDate {
  year: number;
  /** 1-12 */
  month: number;
  /** 1-31 */
  day: number;
  /** Whole days since 1970-01-01 UTC (negative before). */
  epochDay: number;
  /** `YYYY-MM-DD` */
  isoDate: string;
}

/** Milliseconds in a day. */
export const MILLISECONDS_PER_DAY = 86_400_000;

const MONTHS: ReadonlyMap<string, number> = new Map(
  ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"].flatMap(
    (name, index) => [[name, index + 1], [name.slice(0, 3), index + 1], ...(name === "september" ? [["sept", 9] as [string, number]] : [])],
  ),
);

const NUMBER_PATTERN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER_PATTERN = /^[+-]?\d+$/;
const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;
const DAY_MONTH_YEAR_PATTERN = /^(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})$/;
const MONTH_DAY_YEAR_PATTERN = /^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/;

/** Parses a decimal number strictly; `undefined` when the text is not one. */
export function parseStrictNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (!NUMBER_PATTERN.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

/** Parses an integer strictly (no decimals, within the safe range); `undefined` when the text is not one. */
export function parseStrictInteger(text: string): number | undefined {
  const trimmed = text.trim();
  if (!INTEGER_PATTERN.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** Parses `true/false/yes/no/1/0` (any case); `undefined` otherwise. */
export function parseStrictBoolean(text: string): boolean | undefined {
  const normalized = text.trim().toLowerCase();
  if (normalized === "true" || normalized === "yes" || normalized === "1") return true;
  if (normalized === "false" || normalized === "no" || normalized === "0") return false;
  return undefined;
}

/** Parses a calendar date (formats in the module comment), in UTC; `undefined` when it is not one. */
export function parseCalendarDate(text: string): CalendarDate | undefined {
  const trimmed = text.trim();
  let match = ISO_DATE_PATTERN.exec(trimmed);
  if (match) return makeDate(Number(match[1]), Number(match[2]), Number(match[3]));
  if (ISO_TIMESTAMP_PATTERN.test(trimmed)) {
    const milliseconds = Date.parse(trimmed);
    if (!Number.isFinite(milliseconds)) return undefined;
    const date = new Date(milliseconds);
    return makeDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
  }
  match = DAY_MONTH_YEAR_PATTERN.exec(trimmed);
  if (match) {
    const month = MONTHS.get((match[2] ?? "").toLowerCase());
    return month === undefined ? undefined : makeDate(Number(match[3]), month, Number(match[1]));
  }
  match = MONTH_DAY_YEAR_PATTERN.exec(trimmed);
  if (match) {
    const month = MONTHS.get((match[1] ?? "").toLowerCase());
    return month === undefined ? undefined : makeDate(Number(match[3]), month, Number(match[2]));
  }
  return undefined;
}

function makeDate(year: number, month: number, day: number): CalendarDate | undefined {
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const milliseconds = Date.UTC(year, month - 1, day);
  const check = new Date(milliseconds);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return {
    year,
    month,
    day,
    epochDay: Math.round(milliseconds / MILLISECONDS_PER_DAY),
    isoDate: `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
  };
}

/** Where a cell is, for error messages. */
export interface CellLocation {
  file: string;
  line: number;
  column: string;
}

/** A typed metadata value. */
export type CellValue = string | number | boolean;

/** Converts one non-empty cell to `type`, or throws a `DataError` naming the file, line and column. */
export function coerceCell(value: string, type: CellType, location: CellLocation, dateOutput: DateOutput = "iso-date"): CellValue {
  switch (type) {
    case "string":
      return value;
    case "number": {
      const parsed = parseStrictNumber(value);
      if (parsed === undefined)
        throw cellError(location, value, "a number (digits, optional sign and decimal point, e.g. 7 or 7.5; no thousands separators)");
      return parsed;
    }
    case "integer": {
      const parsed = parseStrictInteger(value);
      if (parsed === undefined) throw cellError(location, value, "a whole number (e.g. 7)");
      return parsed;
    }
    case "boolean": {
      const parsed = parseStrictBoolean(value);
      if (parsed === undefined) throw cellError(location, value, "a boolean (true/false, yes/no or 1/0)");
      return parsed;
    }
    case "date": {
      const parsed = parseCalendarDate(value);
      if (parsed === undefined) throw cellError(location, value, 'a date such as "2015-05-06", "6 May 2015" or "May 6, 2015"');
      return formatDate(parsed, dateOutput);
    }
  }
}

/** Stores a parsed date the way `output` says. */
export function formatDate(date: CalendarDate, output: DateOutput): string | number {
  switch (output) {
    case "iso-date":
      return date.isoDate;
    case "epoch-day":
      return date.epochDay;
    case "year":
      return date.year;
    case "epoch-ms":
      return date.epochDay * MILLISECONDS_PER_DAY;
  }
}

/** The `DataError` for a cell that does not hold what its column needs. */
export function cellError(location: CellLocation, value: string, expected: string): DataError {
  return new DataError({
    file: location.file,
    line: location.line,
    message: `column ${JSON.stringify(location.column)} has ${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)}, which is not ${expected}; correct the cell`,
  });
}

/**
 * Date formats a dataset can accept (`dataset.json` `formats`): `YYYY-MM-DD`, `YYYY/MM/DD`,
 * `DD/MM/YYYY`, `MM/DD/YYYY`, `D MMMM YYYY` ("6 May 2015", "6 Sep 2015"), `MMMM D, YYYY`
 * ("May 6, 2015") and `ISO-8601` (a timestamp with an explicit zone, read in UTC).
 */
export const DATE_FORMATS = ["YYYY-MM-DD", "YYYY/MM/DD", "DD/MM/YYYY", "MM/DD/YYYY", "D MMMM YYYY", "MMMM D, YYYY", "ISO-8601"] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

const SLASH_YEAR_FIRST = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;
const SLASH_YEAR_LAST = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** Parses `text` in one of `formats` (tried in order), in UTC; `undefined` when none matches. */
export function parseDateInFormats(text: string, formats: readonly DateFormat[]): CalendarDate | undefined {
  const trimmed = text.trim();
  for (const format of formats) {
    const parsed = parseDateInFormat(trimmed, format);
    if (parsed !== undefined) return parsed;
  }
  return undefined;
}

function parseDateInFormat(text: string, format: DateFormat): CalendarDate | undefined {
  let match: RegExpExecArray | null;
  switch (format) {
    case "YYYY-MM-DD":
      return ISO_DATE_PATTERN.test(text) ? parseCalendarDate(text) : undefined;
    case "ISO-8601":
      return ISO_TIMESTAMP_PATTERN.test(text) ? parseCalendarDate(text) : undefined;
    case "D MMMM YYYY":
      return DAY_MONTH_YEAR_PATTERN.test(text) ? parseCalendarDate(text) : undefined;
    case "MMMM D, YYYY":
      return MONTH_DAY_YEAR_PATTERN.test(text) ? parseCalendarDate(text) : undefined;
    case "YYYY/MM/DD":
      match = SLASH_YEAR_FIRST.exec(text);
      return match === null ? undefined : makeDate(Number(match[1]), Number(match[2]), Number(match[3]));
    case "DD/MM/YYYY":
      match = SLASH_YEAR_LAST.exec(text);
      return match === null ? undefined : makeDate(Number(match[3]), Number(match[2]), Number(match[1]));
    case "MM/DD/YYYY":
      match = SLASH_YEAR_LAST.exec(text);
      return match === null ? undefined : makeDate(Number(match[3]), Number(match[1]), Number(match[2]));
  }
}
