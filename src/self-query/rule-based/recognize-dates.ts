import type { AttributeDefinition } from "../attribute-schema.js";
import { MONTH_NUMBERS, epochDay, isCalendarDate, monthSpan, type DaySpan, yearSpan } from "../calendar.js";
import { negationBefore, type Mention, type OrderOperator, type RecognizerContext, aloneInConstraintFragment } from "./mentions.js";
import { BOUNDARY_AFTER, BOUNDARY_BEFORE, cachedRegExp, NUMBER_WORDS, parseNumberToken, phrasesPattern } from "./patterns.js";
import { MASK } from "./question-text.js";
import { singular } from "./value-matcher.js";
import { warnOnce } from "./mentions.js";

/**
 * Dates and years: "in 2015", "from 2015", "written in 2015", "before 2020", "after May 2019",
 * "since 2021", "2020 or later", "between 2016 and 2018", "from 2016 to 2018", "2016-2018",
 * "in 2016 or 2017", "on 6 May 2015", "May 2019", "not in 2023".
 *
 * Whole years compare on the attribute's year field when it has one (`release_year`), anything finer
 * on the day field (`release_date`, epoch days). A bare year with no preposition or comparison
 * ("the 2014 film") is not read as a date.
 */

type Granularity = "year" | "month" | "day";

interface DateAtom {
  start: number;
  end: number;
  granularity: Granularity;
  year: number;
  span: DaySpan;
  /** The day a comparison uses instead of the span ("before *the start of* 2026": 1 January). */
  edge?: number;
}

const MONTH = `(?:${[...MONTH_NUMBERS.keys()].sort((left, right) => right.length - left.length).join("|")})`;
const YEAR = "(?:1[89]\\d\\d|20\\d\\d|21\\d\\d)";
const DAY = "(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?";

/** Parts of a year: "early 2021", "the second half of 2021", "Q3 2021", "H2 2025", "summer 2026". */
const PART_OF_YEAR =
  "(?:the\\s+)?(?:start|beginning|end)\\s+of|early|mid|late|(?:the\\s+)?(?:first|second|1st|2nd)\\s+half\\s+of|(?:the\\s+)?(?:first|second|third|fourth|1st|2nd|3rd|4th)\\s+quarter\\s+of|q[1-4]|h[12]|spring|summer|fall|autumn|winter";

/** First and last month (1-12, the last may pass 12 into the next year) of a part of a year. */
function partMonths(part: string): [number, number] {
  const words = part.replace(/\s+/g, " ").replace(/^the /u, "");
  // "the start of 2026" / "the end of 2025": as a span, early / late; as a bound, its first / last day (see `edge`).
  if (/^(?:start|beginning) of$/u.test(words)) return [1, 4];
  if (/^end of$/u.test(words)) return [9, 12];
  if (words === "early") return [1, 4];
  if (words === "mid") return [5, 8];
  if (words === "late") return [9, 12];
  if (/^h[12]$/u.test(words)) return words === "h1" ? [1, 6] : [7, 12];
  if (/half/.test(words)) return /first|1st/.test(words) ? [1, 6] : [7, 12];
  const quarter =
    /q([1-4])/.exec(words)?.[1] ??
    (/first|1st/.test(words)
      ? "1"
      : /second|2nd/.test(words)
        ? "2"
        : /third|3rd/.test(words)
          ? "3"
          : /fourth|4th/.test(words)
            ? "4"
            : undefined);
  if (quarter !== undefined) return [Number(quarter) * 3 - 2, Number(quarter) * 3];
  if (words === "spring") return [3, 5];
  if (words === "summer") return [6, 8];
  if (words === "fall" || words === "autumn") return [9, 11];
  return [12, 14]; // winter: December to February of the next year
}

/** A year written relative to now ("early *last year*", "May *this year*"). */
const RELATIVE_YEAR = "(?:last|this|next)\\s+year";

const ATOM = new RegExp(
  [
    `(?<part>${PART_OF_YEAR})(?:\\s+of)?[\\s-]+(?<partYear>${YEAR}|${RELATIVE_YEAR})`,
    `(?<isoYear>${YEAR})-(?<isoMonth>0?[1-9]|1[0-2])-(?<isoDay>[0-3]?\\d)`,
    `(?<dmyDay>${DAY})\\s+(?:of\\s+)?(?<dmyMonth>${MONTH})\\.?,?\\s+(?<dmyYear>${YEAR})`,
    `(?<mdyMonth>${MONTH})\\.?\\s+(?<mdyDay>${DAY}),?\\s+(?<mdyYear>${YEAR})`,
    `(?<myMonth>${MONTH})\\.?,?\\s+(?:of\\s+)?(?<myYear>${YEAR}|${RELATIVE_YEAR})`,
    `(?<year>${YEAR})`,
    // "in '72", "from '05": a year written with two digits after an apostrophe.
    `(?<shortYear>'\\d\\d)`,
  ]
    .map((alternative) => `${BOUNDARY_BEFORE}${alternative}${BOUNDARY_AFTER}`)
    .join("|"),
  "gu",
);

/** Comparison words before a date, longest first within each operator. */
const PREFIXES: ReadonlyArray<[OrderOperator, string]> = [
  ["gte", "on or after|in or after|no earlier than|not earlier than|starting from|starting in|starting|beginning in|beginning|as of|since"],
  ["lte", "on or before|in or before|no later than|not later than|up until|up till|up to|until|till|through|thru"],
  ["gt", "later than|more recent than|newer than|after|past|beyond|post"],
  ["lt", "earlier than|older than|prior to|before|pre"],
  ["eq", "during|within|dated|written|posted|published|reviewed|from|in|on|of|for|year"],
];

/** Suffixes after a date that turn it into a bound ("2020 or later", "2015 onwards"). */
const NO_DATE_AFTER = `(?![\\p{L}\\p{N}_])(?!\\s*(?:(?:than|to)\\s+)?(?:\\d|${MONTH}${BOUNDARY_AFTER}))`;
const SUFFIXES: ReadonlyArray<[OrderOperator, RegExp]> = [
  [
    "gte",
    new RegExp(
      `^\\s*-?\\s*(?:(?:or|and)[\\s-]+(?:later|after|newer|more\\s+recent|since|beyond|onwards?|up)|onwards?|and[\\s-]+on|forward)${NO_DATE_AFTER}`,
      "u",
    ),
  ],
  ["gte", /^\s*\+/u],
  // "the 2019-and-earlier reviews": the suffix may be joined to the year by hyphens.
  ["lte", new RegExp(`^\\s*-?\\s*(?:or|and)[\\s-]+(?:earlier|before|older|prior|sooner)${NO_DATE_AFTER}`, "u")],
];

const RANGE_MIDDLE = /^\s*(?:-|to|through|thru|until|till|and)\s*$/u;
const LIST_MIDDLE = /^\s*(?:,|or|and|&|\/)\s*(?:,?\s*(?:or|and)\s*)?(?:in\s+)?$/u;

export function recognizeDates(context: RecognizerContext): void {
  const dateAttributes = context.schema.attributes.filter((candidate) => candidate.type === "date");
  const dateAttribute = dateAttributes[0];
  const yearMeasures = context.schema.attributes.filter(isYearMeasure);
  const attribute = dateAttribute ?? yearMeasures[0];
  if (attribute === undefined) return;
  recognizeAges(context, dateAttribute, yearMeasures);
  if (dateAttribute !== undefined) recognizeRelativeDates(context, dateAttribute);
  const { text } = context;
  /** Where whole years go: the date (its year field) or a number attribute that is a year ("model_year"). */
  const route = (start: number, years: readonly DateAtom[]): YearRoute | undefined =>
    routeYears(context, dateAttribute, yearMeasures, start, years);
  recognizeDecades(context, attribute, dateAttributes, route);
  if (dateAttribute !== undefined) recognizeDaysOfMonth(context, dateAttribute);
  const masked = text.masked();
  const atoms: DateAtom[] = [];
  for (const match of masked.matchAll(ATOM)) {
    const atom = toAtom(match, context.now);
    if (atom !== undefined && text.isFree(atom)) atoms.push(atom);
  }
  atoms.push(...chainedAtoms(context, atoms));
  atoms.push(...bareMonthAtoms(context, atoms));
  if (dateAttribute !== undefined) atoms.push(...dayWithoutYearAtoms(context, atoms, dateAttribute));
  atoms.sort((left, right) => left.start - right.start);

  for (let index = 0; index < atoms.length; index += 1) {
    const atom = atoms[index] as DateAtom;
    // Months and days are only ever a date attribute's.
    if (dateAttribute === undefined && atom.granularity !== "year") continue;
    const before = masked.slice(Math.max(0, atom.start - 40), atom.start);
    const prefix = findPrefix(before);
    const start = prefix === undefined ? atom.start : atom.start - prefix.length;
    // "a kitchen renovated in 2019": the date of something else, not of this attribute.
    const doer = /([\p{L}]+)\s*$/u.exec(masked.slice(Math.max(0, start - 30), start))?.[1];
    // "a film that takes place in 1944", "a story set in 1985": when the story happens, not a date of the documents.
    const setting = prefix !== undefined ? SETTING_BEFORE.exec(masked.slice(Math.max(0, start - 30), start)) : null;
    // ... unless those words are the date's own ("concerts *happening* in 2027").
    const ownSetting = setting !== null && attribute.aliases.some((alias) => setting[0].includes(alias.toLowerCase()));
    if (setting !== null && !ownSetting) {
      warnOnce(
        context,
        `"${text.original.slice(start - setting[0].length, atom.end).trim()}" says when something happens; not read as a date`,
      );
      continue;
    }
    // "houses built after 2000" on a `year_built`: the event is the one a number attribute holding years records.
    const eventYear = doer !== undefined && prefix !== undefined ? yearOfEvent(yearMeasures, doer, atom, dateAttributes) : undefined;
    const routeHere = (years: readonly DateAtom[]): YearRoute | undefined =>
      eventYear !== undefined && years.every((year) => year.granularity === "year")
        ? { attribute: eventYear, start: start - (doer as string).length - 1 }
        : route(start, years);
    if (eventYear === undefined && doer !== undefined && prefix !== undefined && isOtherEvent(context, attribute, doer)) {
      warnOnce(
        context,
        `"${text.original.slice(start - doer.length - 1, atom.end).trim()}" was not read as ${attribute.name}: "${doer}" names another event`,
      );
      continue;
    }
    // "a stew my grandmother cooked for 6 hours in 1962", "a startup that raised money in 2021": another event's date.
    if (eventOfAnother(context, attribute, start, atom.end)) continue;
    // "looks like it came out in 1985": a comparison with an imagined date, not a date of the documents.
    const simile = SIMILE_BEFORE.exec(masked.slice(Math.max(0, start - 50), start));
    if (simile !== null) {
      warnOnce(
        context,
        `"${text.original.slice(start - simile[0].length, atom.end).trim()}" compares with a date ("${simile[1] as string}"); not read as ${attribute.name}`,
      );
      continue;
    }
    // "a music video from 2010": the year of another thing, not of the documents.
    // ... but "Acme gear from 2022": a noun after a value is what is sought.
    const afterValue = doer !== undefined && new RegExp(`${MASK}\\s+${doer}\\s*$`, "u").test(masked.slice(Math.max(0, start - 40), start));
    // ... nor "write-ups from 2019": a word for results (its last part alone, "ups", is no thing).
    const saidOfResults = RESULT_WORDS.has(/([\p{L}][\p{L}-]*)\s*$/u.exec(masked.slice(Math.max(0, start - 30), start))?.[1] ?? "");
    if (
      doer !== undefined &&
      prefix?.word === "from" &&
      atom.granularity === "year" &&
      !afterValue &&
      !saidOfResults &&
      isOtherThing(context, doer)
    ) {
      warnOnce(
        context,
        `"${text.original.slice(start - doer.length - 1, atom.end).trim()}" was not read as ${attribute.name}: the year is said of "${doer}"`,
      );
      continue;
    }

    // "sept 2025 is my cutoff, only homes listed before it": the comparison points back at the date named first.
    const anaphor = prefix === undefined ? anaphoricBound(masked, atom.end) : undefined;
    if (anaphor !== undefined) {
      const target = atom.granularity === "year" ? routeHere([atom]) : { attribute: dateAttribute as AttributeDefinition };
      if (target !== undefined) {
        addComparison(context, target.attribute, atom, anaphor.operator, target.start ?? start, anaphor.namingEnd);
        text.claim(anaphor.comparison);
      }
      continue;
    }

    // Ranges: "between 2016 and 2018", "from 2016 to 2018", "2016-2018"
    const next = atoms[index + 1];
    if (next !== undefined) {
      const middle = masked.slice(atom.end, next.start);
      // "and" makes a range only after "between" ("in 2016 and 2017" is a list).
      if (RANGE_MIDDLE.test(middle) && (prefix?.word === "between" || !/\band\b/.test(middle))) {
        const target = routeHere([atom, next]);
        if (target !== undefined) addRange(context, target.attribute, atom, next, target.start ?? start, next.end);
        index += 1;
        continue;
      }
    }

    // Lists: "in 2016 or 2017", "in 2016, 2017 and 2018"
    const listed: DateAtom[] = [atom];
    while (index + listed.length < atoms.length) {
      const following = atoms[index + listed.length] as DateAtom;
      const previous = listed[listed.length - 1] as DateAtom;
      if (!LIST_MIDDLE.test(masked.slice(previous.end, following.start)) || following.granularity !== atom.granularity) break;
      listed.push(following);
    }
    const last = listed[listed.length - 1] as DateAtom;
    const suffix = SUFFIXES.map(([operator, pattern]) => ({ operator, match: pattern.exec(masked.slice(last.end)) })).find(
      (entry) => entry.match !== null,
    );
    const end = last.end + (suffix?.match?.[0].length ?? 0);

    if (listed.length > 1 && suffix === undefined) {
      if (prefix !== undefined && prefix.operator !== "eq") {
        // "before 2016 or 2017": read the comparison on the first date only.
        listed.length = 1;
      } else {
        const target = routeHere(listed);
        if (target !== undefined) addList(context, target.attribute, listed, target.start ?? start, end);
        index += listed.length - 1;
        continue;
      }
    }
    const single = listed[0] as DateAtom;
    const operator = suffix?.operator ?? prefix?.operator ?? "eq";
    // "2025 cameras", "2020 posts", "2018 Subaru wagons": a bare year before a value or a word for the documents dates them.
    const modifier =
      prefix === undefined && suffix === undefined && single.granularity === "year" && modifiesKnownNoun(context, single, dateAttributes);
    const explicit =
      standsAlone(masked, start, single, listed.length) ||
      prefix !== undefined ||
      suffix !== undefined ||
      single.granularity !== "year" ||
      /^\s*reviews?\b/u.test(masked.slice(single.end)) ||
      namesTheDocuments(context, text.normalized.slice(single.end)) ||
      modifier ||
      // "quietviewer, 2025 only", "chinese or korean, 2025": a year alone in a fragment of a list of constraints.
      aloneInConstraintFragment(text, { start, end }, context.stopWords);
    // "2000+ square feet", "1990 sq ft": a year-like number before a declared unit of a measure is that measure.
    // "an altitude of 2000-2800 m": a range of a measure, whatever comes before it.
    const measureRange = /^\s*(?:-|to)\s*\d/u.test(masked.slice(end)) && measureUnitAfter(context, masked.slice(end));
    if (
      single.granularity === "year" &&
      listed.length === 1 &&
      (prefix === undefined || measureRange) &&
      measureUnitAfter(context, masked.slice(end))
    )
      continue;
    if (!explicit) continue;
    // "security updates until 2030", "supported through 2031": an upper bound past next year says when something else
    // ends; documents dated by a past act (or a year they were made) all fall before it.
    if (
      (operator === "lt" || operator === "lte") &&
      single.year > context.now.getUTCFullYear() + 1 &&
      (dateAttribute === undefined || pastDated(dateAttribute))
    ) {
      warnOnce(
        context,
        `"${text.original.slice(start, single === last ? end : single.end).trim()}" is after now; it says until when something else lasts, not read as a date`,
      );
      continue;
    }
    // "after the 3G shutdown in 2027": a year still to come, on documents dated by a past act, dates something else unless
    // a word for the documents, a value or the date's own word comes right before ("phones released in 2027" is read).
    if (
      !modifier &&
      single.granularity === "year" &&
      (operator === "eq" || operator === "gt" || operator === "gte") &&
      single.year > context.now.getUTCFullYear() &&
      dateAttribute !== undefined &&
      pastDated(dateAttribute) &&
      !namesSoughtThing(context, masked.slice(0, start), "before", dateAttribute)
    ) {
      warnOnce(
        context,
        `"${text.original.slice(start, single.end).trim()}" is after now and not said of the documents; not read as a date`,
      );
      continue;
    }
    const target = single.granularity === "year" ? routeHere([single]) : { attribute: dateAttribute as AttributeDefinition };
    if (target === undefined) continue;
    addComparison(context, target.attribute, single, operator, target.start ?? start, single === last ? end : single.end);
    // "2020 posts", "2022 Chapter 4 write-ups": the word for results goes with the year (it names no topic), also after
    // the values read before it.
    const resultWord = modifier ? /^((?:\s*\u0001+)*)\s+([\p{L}][\p{L}-]*)/u.exec(text.masked().slice(single.end)) : null;
    if (resultWord !== null && RESULT_WORDS.has(resultWord[2] as string)) {
      const wordStart = single.end + resultWord[0].length - (resultWord[2] as string).length;
      text.claim({ start: wordStart, end: single.end + resultWord[0].length });
    }
  }
}

/** A fragment of a terse list of constraints is over: a comma or a stop, after "only"/"just"/"please". */
const FRAGMENT_END = /^\s*(?:(?:only|just|please)\s*)?(?:$|[,;.!?)])/u;
/** The question is over, after "only"/"just"/"please" and a stop. */
const QUESTION_END = /^\s*(?:(?:only|just|please)\s*)?[.!?]?\s*$/u;
/** "2025, chinese or korean": after the year, a comma and only values read already (masked) and their joining words. */
const TERSE_REST = new RegExp(
  `^\\s*(?:(?:only|just)\\s*)?[,;:](?:[\\s${MASK},;&/.!?]|(?<![\\p{L}])(?:or|and|only|just|please)(?![\\p{L}]))*$`,
  "u",
);
/** A fragment starts: a comma, colon or semicolon, with only claimed values (the mask) between. */
const FRAGMENT_START = new RegExp(`[,;:(][\\s${MASK}]*$`, "u");

/**
 * "quietviewer, 2025 only", "chinese or korean, 2025": a year that is a fragment of its own in a terse list of
 * constraints (after a comma, up to the next one or the end, or the whole question) is a constraint on the documents'
 * year, as a value alone is. "2019, the year it all changed" (a year opening a sentence) is not.
 */
function standsAlone(masked: string, start: number, atom: DateAtom, listLength: number): boolean {
  if (atom.granularity !== "year" || listLength !== 1 || atom.start !== start) return false;
  const before = masked.slice(0, start);
  const after = masked.slice(atom.end);
  if (new RegExp(`^[\\s${MASK}]*$`, "u").test(before)) return QUESTION_END.test(after) || TERSE_REST.test(after);
  return FRAGMENT_START.test(before) && FRAGMENT_END.test(after);
}

/** A date named as a bound ("is my cutoff", "was the limit"), then the comparison pointing back at it ("before it"). */
const BOUND_NAMED =
  /^\s*(?:is|was|'s|being|=|:)?\s*(?:(?:my|the|our|their|a)\s+)?(?:cut-?off|limit|deadline|threshold|boundary|line|cut\s+off\s+(?:date|point))(?![\p{L}])/u;
const POINTING_BACK = new RegExp(
  `(?<![\\p{L}])(${PREFIXES.filter(([operator]) => operator !== "eq")
    .flatMap(([, words]) => words.split("|"))
    .sort((left, right) => right.length - left.length)
    .map((word) => word.replace(/\s+/gu, "\\s+"))
    .join("|")})\\s+(?:it|that|then|this|(?:that|this|the)\\s+(?:date|day|month|year|point|cutoff|limit))(?![\\p{L}])`,
  "u",
);

/**
 * "sept 2025 is my cutoff, only homes listed before it", "june 2024 is the limit: after that": the date is named as a bound
 * right after it, and a comparison later in the question points back at it ("before it", "after that", "since then").
 */
function anaphoricBound(
  masked: string,
  end: number,
): { operator: OrderOperator; namingEnd: number; comparison: { start: number; end: number } } | undefined {
  const named = BOUND_NAMED.exec(masked.slice(end));
  if (named === null) return undefined;
  const rest = masked.slice(end + named[0].length);
  const back = POINTING_BACK.exec(rest);
  if (back === null) return undefined;
  const word = (back[1] as string).replace(/\s+/gu, " ");
  const operator = PREFIXES.find(([candidate, words]) => candidate !== "eq" && words.split("|").includes(word))?.[0];
  if (operator === undefined) return undefined;
  const start = end + named[0].length + back.index;
  return { operator, namingEnd: end + named[0].length, comparison: { start, end: start + back[0].length } };
}

/** "in the 1990s", "since the 2010s", "before the '80s", "90s films": a decade. */
const DECADE_WORDS = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"];
const DECADE = new RegExp(
  `${BOUNDARY_BEFORE}(?:(in|during|from|since|before|after|throughout)\\s+)?(the\\s+)?(?:(early|mid|late)[\\s-]+)?(?:(?:(1[89]|20)(\\d)0|'?(\\d)0)s|(nineteen[\\s-]?)?(${DECADE_WORDS.join("|")}))${BOUNDARY_AFTER}`,
  "gu",
);

/**
 * Decades as ranges of years, on a number attribute holding years only: after in/during/from/throughout the ("in the 2010s"), as bounds after since/after/before
 * ("since the 2010s" ≥ 2010, "after the 1990s" > 1999), or bare before a value or a word for results ("1990s films" on
 * a film's release year). "of the 1980s", "a 1920s bungalow" are not read. Two digits: '30s to '90s are the 1900s,
 * '00s to '20s the 2000s.
 */
function recognizeDecades(
  context: RecognizerContext,
  attribute: AttributeDefinition,
  dateAttributes: readonly AttributeDefinition[],
  route: (start: number, years: readonly DateAtom[]) => YearRoute | undefined,
): void {
  const { text } = context;
  for (const match of text.masked().matchAll(DECADE)) {
    const span = { start: match.index, end: match.index + match[0].length };
    if (!text.isFree(span)) continue;
    const [comparison, article, part, century, tens, nineteen, word] = [
      match[1],
      match[2],
      match[3],
      match[4],
      match[5],
      match[7],
      match[8],
    ];
    // "the seventies": the tens of its word ("twenties" = 2), as "'70s"; "the nineteen-twenties" in the 1900s.
    const shortTens = word === undefined ? match[6] : String(DECADE_WORDS.indexOf(word) + 2);
    const first =
      century !== undefined
        ? Number(century) * 100 + Number(tens) * 10
        : (nineteen !== undefined || Number(shortTens) >= 3 ? 1900 : 2000) + Number(shortTens) * 10;
    const yearAtom = (year: number): DateAtom => ({ start: span.start, end: span.end, granularity: "year", year, span: yearSpan(year) });
    // "the 1800s", "the 1900s": a century; "the 2000s" a decade. "the early 2000s", "the mid-1970s", "the late nineties":
    // the first, middle or last few years of it (0-3, 4-6, 7-9 of a decade; thirds of a century).
    const length = century !== undefined && century !== "20" && tens === "0" ? 100 : 10;
    const [from, to] = part === "early" ? [0, 0.3] : part === "mid" ? [0.4, 0.6] : part === "late" ? [0.7, 0.9] : [0, 0.9];
    const [low, high] = [yearAtom(first + Math.round(from * length)), yearAtom(first + Math.round(to * length) + (length === 100 ? 9 : 0))];
    if (comparison === undefined) {
      // Bare: only before a value or a word for results, and not after "of" / a possessive.
      // ("a 1920s house" when the documents are houses).
      const beforeNoun =
        modifiesKnownNoun(context, { ...low, year: Math.min(first, context.now.getUTCFullYear()) }, dateAttributes) ||
        namesTheDocuments(context, text.normalized.slice(span.end));
      if (article !== undefined || !beforeNoun) continue;
    } else if (article === undefined) continue;
    // "looks like it came out in the 90s": a comparison with an imagined date.
    if (SIMILE_BEFORE.test(text.masked().slice(Math.max(0, span.start - 50), span.start))) continue;
    const doer = /([\p{L}]+)\s*$/u.exec(text.masked().slice(Math.max(0, span.start - 30), span.start))?.[1];
    // "homes built in the 1980s" on a `year_built`.
    const eventYear =
      doer !== undefined && comparison !== undefined ? yearOfEvent(yearMeasuresOf(context), doer, low, dateAttributes) : undefined;
    if (eventYear !== undefined) {
      const start = span.start - (doer as string).length - 1;
      if (comparison === "since") addComparison(context, eventYear, low, "gte", start, span.end);
      else if (comparison === "after") addComparison(context, eventYear, high, "gt", start, span.end);
      else if (comparison === "before") addComparison(context, eventYear, low, "lt", start, span.end);
      else addRange(context, eventYear, low, high, start, span.end);
      continue;
    }
    if (
      comparison !== undefined &&
      doer !== undefined &&
      (isOtherEvent(context, attribute, doer) || (comparison === "from" && isOtherThing(context, doer)))
    ) {
      warnOnce(context, `"${text.original.slice(span.start, span.end).trim()}" was not read as ${attribute.name}: it is said of "${doer}"`);
      continue;
    }
    if (eventOfAnother(context, attribute, span.start, span.end)) continue;
    const doing = comparison === undefined ? undefined : doingBefore(context, span.start);
    if (doing !== undefined) {
      warnOnce(context, `"${text.original.slice(span.start, span.end).trim()}" says when "${doing}" happened; not read as a date`);
      continue;
    }
    // "a novel about a jazz singer in the thirties", "life in the fifties": "in" a decade after a noun of the question's
    // topic dates that topic; only the attribute's own word, a word for the documents or a value before it date them.
    const cued = [...yearMeasuresOf(context), ...dateAttributes].some(
      (candidate) => aliasBefore(context, candidate, span.start) !== undefined,
    );
    if (
      !cued &&
      (comparison === "in" || comparison === "during" || comparison === "throughout") &&
      doer !== undefined &&
      !RESULT_WORDS.has(doer) &&
      !namesTheDocuments(context, ` ${doer}`) &&
      !new RegExp(`${MASK}\\s+${doer}\\s*$`, "u").test(text.masked().slice(Math.max(0, span.start - 40), span.start))
    ) {
      warnOnce(context, `"${text.original.slice(span.start, span.end).trim()}" dates "${doer}", not the documents; not read as a year`);
      continue;
    }
    const target = route(span.start, [low, high]);
    // A decade is read on a number attribute holding years (a model year, a vintage); a date of the documents (a review's,
    // a listing's) is rarely given by decade, and "homes from the 1890s" speaks of something else: left, with a warning.
    // ... unless the date's own word says it right before ("phones released in the 2020s").
    if (
      target === undefined ||
      (target.attribute.type === "date" && (comparison === undefined || aliasBefore(context, target.attribute, span.start) === undefined))
    )
      continue;
    const start = target.start ?? span.start;
    if (comparison === "since") addComparison(context, target.attribute, low, "gte", start, span.end);
    else if (comparison === "after") addComparison(context, target.attribute, high, "gt", start, span.end);
    else if (comparison === "before") addComparison(context, target.attribute, low, "lt", start, span.end);
    else addRange(context, target.attribute, low, high, start, span.end);
  }
}

/**
 * "growing up in the sixties", "living through the 1970s": an "-ing" verb (with its particle) right before the period
 * says when that happens, unless it is a word of the schema ("recording" of a `recorded` alias). Returns the verb.
 */
function doingBefore(context: RecognizerContext, start: number): string | undefined {
  const found = /(?<![\p{L}])(\p{L}{3,}ing)(?:\s+(?:up|out|around|through|back|away))?\s*$/u.exec(
    context.text.masked().slice(Math.max(0, start - 30), start),
  );
  if (found === null) return undefined;
  const verb = found[1] as string;
  const stem = verb.replace(/ing$/u, "");
  const schemaWords = context.schema.attributes.flatMap(
    (attribute) => `${attribute.name} ${attribute.aliases.join(" ")}`.toLowerCase().match(/\p{L}+/gu) ?? [],
  );
  if (schemaWords.some((word) => word === verb || word.startsWith(stem.slice(0, Math.max(4, stem.length - 1))))) return undefined;
  return found[0].trim();
}

function yearMeasuresOf(context: RecognizerContext): AttributeDefinition[] {
  return context.schema.attributes.filter(isYearMeasure);
}

/**
 * The number attribute holding years whose name, aliases or description hold the event's verb ("built" for `year_built`,
 * "The year the house was built") and whose range holds the year.
 */
function yearOfEvent(
  yearMeasures: readonly AttributeDefinition[],
  verb: string,
  atom: DateAtom,
  dateAttributes: readonly AttributeDefinition[] = [],
): AttributeDefinition | undefined {
  if (atom.granularity !== "year") return undefined;
  // "editions published in 2024" with a date whose alias is "published": the aliases decide (see `routeYears`).
  if (dateAttributes.some((date) => date.aliases.some((alias) => alias.toLowerCase().split(/\s+/u).includes(verb)))) return undefined;
  const matching = yearMeasures.filter(
    (measure) =>
      `${measure.name} ${measure.aliases.join(" ")} ${measure.description}`
        .toLowerCase()
        .split(/[^\p{L}]+/u)
        .includes(verb) &&
      (measure.minimum === undefined || atom.year >= measure.minimum) &&
      (measure.maximum === undefined || atom.year <= measure.maximum),
  );
  return matching.length === 1 ? matching[0] : undefined;
}

/** Where a year phrase goes, and where its cue starts when the cue is a number attribute's alias before it ("model year 2018"). */
interface YearRoute {
  attribute: AttributeDefinition;
  start?: number;
}

/** The declared range of an attribute that holds calendar years ("first_published", 1500-2026) lies within these. */
const YEAR_RANGE: readonly [number, number] = [1000, 2200];

/**
 * A number attribute that holds years: "year" is a word of its name or of an alias ("model_year", "year built") and its
 * declared range, if any, reaches past 1900; or it is an integer with no unit whose declared range lies within 1000-2200
 * ("first_published", 1500 to 2026).
 */
export function isYearMeasure(attribute: AttributeDefinition): boolean {
  if (attribute.type !== "number" && attribute.type !== "integer") return false;
  const words = [attribute.name, ...attribute.aliases].flatMap((phrase) => phrase.toLowerCase().split(/[\s_-]+/u));
  if (words.includes("year")) return attribute.maximum === undefined || attribute.maximum >= 1900;
  return (
    attribute.type === "integer" &&
    attribute.units.length === 0 &&
    attribute.minimum !== undefined &&
    attribute.maximum !== undefined &&
    attribute.minimum >= YEAR_RANGE[0] &&
    attribute.maximum <= YEAR_RANGE[1]
  );
}

/** An alias of the attribute in the last few words before `start`, in the same clause: where it starts. */
function aliasBefore(context: RecognizerContext, attribute: AttributeDefinition, start: number): number | undefined {
  if (attribute.aliases.length === 0) return undefined;
  const before = context.text.masked().slice(Math.max(0, start - 50), start);
  let clause = before.slice(Math.max(0, before.search(/[,.;:!?][^,.;:!?]*$/u) + 1));
  // "huts I stayed at, 2020 and after": a year that opens a fragment after a comma is cued by the clause before it.
  if (clause.trim() === "" && /,\s*$/u.test(before)) {
    const previous = before.slice(0, before.length - clause.length - 1);
    clause = `${previous.slice(Math.max(0, previous.search(/[,.;:!?][^,.;:!?]*$/u) + 1))} ${clause}`;
  }
  const found = cachedRegExp(`${phrasesPattern(attribute.aliases)}((?:\\s+[\\p{L}']+){0,3})\\s*$`).exec(clause);
  return found === null ? undefined : start - clause.length + found.index;
}

/**
 * Whole years go to the date attribute, unless the schema has a number attribute holding years (a car's model year):
 * then a phrase cued by the date's alias ("listed in 2018") is the date's, one cued by the number's ("model year 2018")
 * the number's, and an uncued one ("2018 Subarus", "from 2019 to 2021") the year of the thing itself, the number, with a
 * warning naming the date it could also be.
 */
function routeYears(
  context: RecognizerContext,
  dateAttribute: AttributeDefinition | undefined,
  yearMeasures: readonly AttributeDefinition[],
  start: number,
  years: readonly DateAtom[],
): YearRoute | undefined {
  if (years.some((atom) => atom.granularity !== "year")) return dateAttribute === undefined ? undefined : { attribute: dateAttribute };
  const holding = yearMeasures.filter((measure) =>
    years.every(
      (atom) =>
        (measure.minimum === undefined || atom.year >= measure.minimum) && (measure.maximum === undefined || atom.year <= measure.maximum),
    ),
  );
  if (holding.length === 0) return dateAttribute === undefined ? undefined : { attribute: dateAttribute };
  // The cue may hold the comparison word ("model *year* 2018", where "year" also reads as "in the year").
  const first = (years[0] as DateAtom).start;
  const cued = holding.flatMap((measure) => {
    const cueStart = aliasBefore(context, measure, first);
    return cueStart === undefined ? [] : [{ attribute: measure, start: Math.min(cueStart, start), cueStart }];
  });
  const dateCue = dateAttribute === undefined ? undefined : aliasBefore(context, dateAttribute, first);
  // "first published before 1980" with a date aliased "published" and a year aliased "first published": the longer alias
  // that holds the date's (it starts before it and runs past its start) names the year.
  const masked = context.text.masked();
  const longer =
    dateCue === undefined
      ? []
      : cued.filter(
          (cue) =>
            cue.cueStart < dateCue &&
            (cachedRegExp(`^${phrasesPattern(cue.attribute.aliases)}`).exec(masked.slice(cue.cueStart))?.[0].length ?? 0) >
              dateCue - cue.cueStart,
        );
  if (dateAttribute !== undefined && dateCue !== undefined && longer.length !== 1) return { attribute: dateAttribute };
  if (longer.length === 1)
    return { attribute: (longer[0] as (typeof cued)[number]).attribute, start: (longer[0] as (typeof cued)[number]).start };
  if (cued.length === 1) return cued[0];
  const written = context.text.original.slice(start, (years[years.length - 1] as DateAtom).end).trim();
  if (holding.length === 1) {
    const measure = holding[0] as AttributeDefinition;
    if (dateAttribute !== undefined)
      warnOnce(
        context,
        `read "${written}" as ${measure.name}; name ${dateAttribute.aliases[0] === undefined ? dateAttribute.name : `"${dateAttribute.aliases[0]}"`} to mean ${dateAttribute.name}`,
      );
    return { attribute: measure };
  }
  warnOnce(context, `"${written}" could be any of ${holding.map((measure) => measure.name).join(", ")}; not read (name the attribute)`);
  return undefined;
}

/**
 * How long ago the documents' own event was: "roles that have been advertised for three weeks or less" (the date's
 * alias, or a general word for being published, after "been", or "on the market" as the alias itself, then "for" and an
 * amount of time compared) is a rolling window ending now; "for more than a month" is before its far end. And "two months
 * back to today", "from ten days ago until now": a rolling window written from its far end.
 */
function recognizeSinceEvent(
  context: RecognizerContext,
  attribute: AttributeDefinition,
  today: number,
  shifted: (unit: string, count: number) => number,
): void {
  const { text } = context;
  const countOf = (written: string | undefined, article: string | undefined): number | undefined => {
    if (article !== undefined) return 1;
    const countText = (written ?? "").replace(/\s+/gu, " ");
    return /couple/u.test(countText) ? 2 : /few/u.test(countText) ? 3 : parseNumberToken(countText);
  };
  const farEnd = (unit: string, count: number) => (unit === "fortnight" ? shifted("week", -2 * count) : shifted(unit, -count));
  const base = { attribute, negated: false };
  for (const match of text.masked().matchAll(BACK_TO_NOW)) {
    const span = { start: match.index, end: match.index + match[0].length };
    const count = countOf(match[1], match[2]);
    if (!text.isFree(span) || count === undefined || match[3] === "hour" || saidOfAPerson(context, span)) continue;
    push(
      context,
      { ...base, position: span.start, kind: "range", field: attribute.name, low: farEnd(match[3] as string, count), high: today },
      span.start,
      span.end,
    );
  }
  const states = [...new Set([...attribute.aliases, ...PUBLISHED_STATE])];
  const lead = new RegExp(
    `(?<![\\p{L}])(?:(?:been|being|stayed|remained)\\s+(?:${phrasesPattern(states)})|${phrasesPattern(attribute.aliases.filter((alias) => /\s/u.test(alias)))})\\s+for\\s+`,
    "gu",
  );
  for (const match of text.masked().matchAll(lead)) {
    const amountStart = match.index + match[0].length;
    const amount = HELD_FOR.exec(text.masked().slice(amountStart));
    if (amount === null || amount.index !== 0) continue;
    const span = { start: match.index, end: amountStart + amount[0].length };
    if (!text.isFree(span) || saidOfAPerson(context, span)) continue;
    const prefixed = amount[1] !== undefined || amount[2] !== undefined;
    const count = prefixed ? countOf(amount[3], amount[4]) : countOf(amount[6], amount[7]);
    const unit = (prefixed ? amount[5] : amount[8]) as string;
    if (count === undefined || unit === "hour") continue;
    const shorter = prefixed ? amount[1] !== undefined : amount[9] !== undefined;
    const mention = shorter
      ? ({ ...base, position: span.start, kind: "range", field: attribute.name, low: farEnd(unit, count), high: today } as const)
      : ({ ...base, position: span.start, kind: "compare", field: attribute.name, operator: "lte", value: farEnd(unit, count) } as const);
    push(context, mention, span.start, span.end);
  }
}

/**
 * A relative year ("this year", "last year") whose cue right before is the alias of a number attribute holding years
 * ("came out" of a `release_year`), not of the date: that attribute, as a written year would be (`routeYears`).
 */
function cuedYearMeasure(
  context: RecognizerContext,
  dateAttribute: AttributeDefinition,
  start: number,
  year: number,
): YearRoute | undefined {
  const yearMeasures = yearMeasuresOf(context);
  const holding = yearMeasures.filter(
    (measure) => (measure.minimum === undefined || year >= measure.minimum) && (measure.maximum === undefined || year <= measure.maximum),
  );
  const cued = holding.filter((measure) => aliasBefore(context, measure, start) !== undefined);
  if (cued.length !== 1) return undefined;
  const atom: DateAtom = { start, end: start, granularity: "year", year, span: yearSpan(year) };
  const route = routeYears(context, dateAttribute, yearMeasures, start, [atom]);
  return route?.attribute === cued[0] ? route : undefined;
}

/** Words for results, which a year before them dates ("2020 posts"). */
const RESULT_WORDS = new Set([
  "review",
  "reviews",
  "post",
  "posts",
  "write-up",
  "write-ups",
  "writeups",
  "result",
  "results",
  "entries",
  "entry",
  "items",
  "listing",
  "listings",
  "posting",
  "postings",
  "articles",
  "ones",
]);

/**
 * "2025 cameras", "2020 posts", "the 2019 Hondas": a year (not past the next two years) right before a value another
 * recogniser read or a word for results is the year of the things sought, when one date is all the schema has (two
 * dates: left, with a warning). Not after a possessive ("my 2019 laptop") or a currency sign ("$2000 laptops").
 */
function modifiesKnownNoun(context: RecognizerContext, atom: DateAtom, dateAttributes: readonly AttributeDefinition[]): boolean {
  const { text, now } = context;
  if (atom.year > now.getUTCFullYear() + 2 || atom.year < 1900) return false;
  const before = text.normalized.slice(Math.max(0, atom.start - 20), atom.start);
  if (/(?:(?<![\p{L}])(?:my|your|his|her|our|their|its)|'s|[$€£¥\p{N}.,\-+])\s*$/u.test(before)) return false;
  const after = text.masked().slice(atom.end);
  const next = /^\s+([\p{L}][\p{L}-]*)/u.exec(after)?.[1];
  if (!/^\s+\u0001/u.test(after) && (next === undefined || !RESULT_WORDS.has(next))) return false;
  if (dateAttributes.length > 1) {
    warnOnce(
      context,
      `"${text.original.slice(atom.start, atom.end)}" may date the documents, but there are several dates (${dateAttributes.map((date) => date.name).join(", ")}); not read (say which)`,
    );
    return false;
  }
  return true;
}

/** True when the text starts with a unit a number attribute declares ("square feet", "km"). */
function measureUnitAfter(context: RecognizerContext, after: string): boolean {
  // "an altitude of 2000-2800 m": the unit may follow the range's other end.
  const lower = after
    .toLowerCase()
    .replace(/^\s*(?:-|to|and)\s*\d[\d,.]*/u, "")
    .replace(/^\s*\+/u, "")
    .trimStart();
  return context.schema.attributes.some(
    (attribute) =>
      (attribute.type === "number" || attribute.type === "integer") &&
      attribute.units.some((unit) => {
        const written = unit.toLowerCase().trim();
        return /\p{L}/u.test(written) && lower.startsWith(written) && !/^[\p{L}\p{N}_]/u.test(lower.slice(written.length));
      }),
  );
}

/**
 * True when the words after a bare year are the documents' own noun, as the schema's `documentContents`
 * names them ("2025 *job postings*" when the documents are "A job posting"): the year is theirs.
 */
export const DESCRIPTION_FUNCTION_WORDS: ReadonlySet<string> = new Set([
  "the",
  "and",
  "for",
  "with",
  "from",
  "one",
  "that",
  "this",
  "its",
  "their",
  "about",
  "each",
  "sale",
]);

export function namesTheDocuments(context: RecognizerContext, after: string): boolean {
  const next = /^\s+([\p{L}][\p{L}-]*)/u.exec(after)?.[1];
  if (next === undefined) return false;
  const nouns = (context.schema.documentContents.toLowerCase().match(/[\p{L}][\p{L}-]*/gu) ?? []).filter(
    (word) => word.length >= 3 && !DESCRIPTION_FUNCTION_WORDS.has(word),
  );
  return nouns.some((noun) => noun === next || singular(next) === singular(noun));
}

/** Months and parts of a year named before a month or part that carries the year ("October *or* November 2026"). */
const CHAINED = new RegExp(
  `${BOUNDARY_BEFORE}(${MONTH}|early|mid|late|spring|summer|fall|autumn|winter)\\.?\\s*(?:,\\s*(?:or|and)?|or|and|&|/|-|to|through|thru|until|till)\\s*(?:in\\s+)?$`,
  "u",
);
const MAXIMUM_CHAIN = 12;

/**
 * "October or November 2026", "from May to August 2025", "spring or summer 2026": the year is written
 * once, after the last month; each month before it takes that year (the year before when its month comes
 * later in the calendar: "December or January 2026" is December 2025).
 */
function chainedAtoms(context: RecognizerContext, atoms: readonly DateAtom[]): DateAtom[] {
  const { text } = context;
  const masked = text.masked();
  const added: DateAtom[] = [];
  for (const atom of atoms) {
    if (atom.granularity !== "month") continue;
    let chainStart = atom.start;
    let nextMonth = new Date(atom.span.first * 86_400_000).getUTCMonth() + 1;
    let year = atom.year;
    for (let count = 0; count < MAXIMUM_CHAIN; count += 1) {
      const before = masked.slice(Math.max(0, chainStart - 40), chainStart);
      const match = CHAINED.exec(before);
      if (match === null) break;
      const word = match[1] as string;
      const start = chainStart - before.length + match.index;
      const span = { start, end: start + word.length };
      if (!text.isFree(span)) break;
      const month = MONTH_NUMBERS.get(word);
      const [firstMonth, lastMonth] = month === undefined ? partMonths(word) : [month, month];
      const ownYear = firstMonth > nextMonth ? year - 1 : year;
      const lastYear = ownYear + Math.floor((lastMonth - 1) / 12);
      const last = monthSpan(lastYear, ((lastMonth - 1) % 12) + 1).last;
      added.push({ ...span, granularity: "month", year: ownYear, span: { first: epochDay(ownYear, firstMonth, 1), last } });
      chainStart = start;
      nextMonth = firstMonth;
      year = ownYear;
    }
  }
  return added;
}

function toAtom(match: RegExpMatchArray, now: Date): DateAtom | undefined {
  const groups = match.groups ?? {};
  const start = match.index ?? 0;
  const end = start + match[0].length;
  const dayOf = (text: string | undefined): number => Number.parseInt(text ?? "", 10);
  const build = (year: number, month: number | undefined, day: number | undefined): DateAtom | undefined => {
    if (month === undefined) return { start, end, granularity: "year", year, span: yearSpan(year) };
    if (day === undefined) return { start, end, granularity: "month", year, span: monthSpan(year, month) };
    if (!isCalendarDate(year, month, day)) return undefined;
    const value = epochDay(year, month, day);
    return { start, end, granularity: "day", year, span: { first: value, last: value } };
  };
  const yearOf = (written: string): number => {
    const relative = /^(last|this|next)\s+year$/u.exec(written);
    if (relative === null) return Number(written);
    return now.getUTCFullYear() + (relative[1] === "last" ? -1 : relative[1] === "next" ? 1 : 0);
  };
  if (groups.partYear) {
    const year = yearOf(groups.partYear);
    const part = groups.part ?? "";
    const [firstMonth, lastMonth] = partMonths(part);
    const lastYear = year + Math.floor((lastMonth - 1) / 12);
    const last = monthSpan(lastYear, ((lastMonth - 1) % 12) + 1).last;
    const span = { first: epochDay(year, firstMonth, 1), last };
    const edge = /start|beginning/u.test(part) ? span.first : /end\s+of/u.test(part) ? span.last : undefined;
    return { start, end, granularity: "month", year, span, ...(edge === undefined ? {} : { edge }) };
  }
  if (groups.isoYear) return build(Number(groups.isoYear), Number(groups.isoMonth), Number(groups.isoDay));
  if (groups.dmyYear) return build(Number(groups.dmyYear), MONTH_NUMBERS.get(groups.dmyMonth ?? ""), dayOf(groups.dmyDay));
  if (groups.mdyYear) return build(Number(groups.mdyYear), MONTH_NUMBERS.get(groups.mdyMonth ?? ""), dayOf(groups.mdyDay));
  if (groups.myYear) return build(yearOf(groups.myYear), MONTH_NUMBERS.get(groups.myMonth ?? ""), undefined);
  if (groups.year) return build(Number(groups.year), undefined, undefined);
  // "'72" is 1972, "'05" 2005: the latest such year up to next year.
  if (groups.shortYear) {
    const twoDigits = Number(groups.shortYear.slice(1));
    const century = twoDigits <= (now.getUTCFullYear() + 1) % 100 ? 2000 : 1900;
    return build(century + twoDigits, undefined, undefined);
  }
  return undefined;
}

/** Full month names that are also common words: read bare only when capitalised ("since May", not "it may"). */
const MONTHS_ALSO_WORDS = new Set(["may", "march"]);
const FULL_MONTHS = [...MONTH_NUMBERS.keys()].filter((name) => name.length > 4 || name === "june" || name === "july" || name === "may");
// "since the start of september", "until the end of june": a month's edge.
const BARE_MONTH = new RegExp(
  `${BOUNDARY_BEFORE}(?:(?:the\\s+)?(start|beginning|end)\\s+of\\s+)?(${FULL_MONTHS.join("|")})${BOUNDARY_AFTER}(?!\\s*\\d)`,
  "gu",
);
/** What may follow a lower-case "may" / "march" read as a month after a comparison ("anything since may", "since march, ..."). */
const AFTER_LOWER_CASE_MONTH =
  /^\s*(?:$|[,.;:!?)]|(?:and|or|but|with|that|which|who|where|for|please|only|in|at|near|from|under|over|on|by|about|mentioning)(?![\p{L}]))/u;

/**
 * A month named without a year after a comparison or "in"/"during" ("since October", "before
 * November", "posted in June"): its latest occurrence that has begun by now (October of this year from
 * November on, of last year before).
 */
function bareMonthAtoms(context: RecognizerContext, atoms: readonly DateAtom[]): DateAtom[] {
  const { text, now } = context;
  const masked = text.masked();
  const added: DateAtom[] = [];
  const matches = [...masked.matchAll(BARE_MONTH)];
  for (const [index, match] of matches.entries()) {
    const span = { start: match.index, end: match.index + match[0].length };
    if (!text.isFree(span) || atoms.some((atom) => atom.start < span.end && span.start < atom.end)) continue;
    const name = match[2] as string;
    // "in july or august", "from april, may or june": a month listed after a month read is one too.
    const previous = added[added.length - 1];
    if (previous !== undefined && match[1] === undefined && LIST_MIDDLE.test(masked.slice(previous.end, span.start))) {
      const month = MONTH_NUMBERS.get(name) as number;
      const year = month <= now.getUTCMonth() + 1 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
      added.push({ ...span, granularity: "month", year, span: monthSpan(year, month) });
      continue;
    }
    const prefix = findPrefix(masked.slice(Math.max(0, span.start - 40), span.start));
    // "jobs from september or october": "from" dates the documents when a list of months follows it.
    const following = matches[index + 1];
    const listFollows = following !== undefined && following[1] === undefined && LIST_MIDDLE.test(masked.slice(span.end, following.index));
    if (
      prefix === undefined ||
      (prefix.operator === "eq" && !["in", "during"].includes(prefix.word) && !(prefix.word === "from" && listFollows))
    )
      continue;
    // "since May", and "anything since may" (lower case: right after a comparison, at the end of a clause or before a
    // function word; "before it may rain" is no month).
    const capitalised = /\p{Lu}/u.test(text.original.slice(span.end - name.length, span.end).slice(0, 1));
    // "jobs posted in may": "in" only right after a date attribute's own word.
    const dateWords = context.schema.attributes
      .filter((attribute) => attribute.type === "date")
      .flatMap((attribute) => attribute.aliases.map((alias) => alias.toLowerCase()));
    const cuedIn =
      prefix.operator === "eq" &&
      dateWords.some((alias) => ` ${masked.slice(0, span.start - prefix.length).trimEnd()}`.endsWith(` ${alias}`));
    const lowerCaseRead =
      (prefix.operator !== "eq" || cuedIn) &&
      prefix.length <= prefix.word.length + 1 &&
      AFTER_LOWER_CASE_MONTH.test(masked.slice(span.end));
    if (MONTHS_ALSO_WORDS.has(name) && !capitalised && !lowerCaseRead) continue;
    const month = MONTH_NUMBERS.get(name) as number;
    const year = month <= now.getUTCMonth() + 1 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
    const days = monthSpan(year, month);
    const edge = match[1] === undefined ? undefined : match[1] === "end" ? days.last : days.first;
    added.push({ ...span, granularity: "month", year, span: days, ...(edge === undefined ? {} : { edge }) });
    warnOnce(
      context,
      `read "${text.original.slice(span.start, span.end)}" as ${name[0]?.toUpperCase() ?? ""}${name.slice(1)} ${year} (its latest occurrence); name the year to be exact`,
    );
  }
  return added;
}

/** "between the 1st and 15th of november", "from the 1st to the 7th of march 2025": days of one month. */
const DAYS_OF_MONTH = new RegExp(
  `${BOUNDARY_BEFORE}(between|from)\\s+(?:the\\s+)?(${DAY})\\s+(?:and|to|-|through|thru|until|till)\\s+(?:the\\s+)?(${DAY})\\s+(?:of\\s+)?(${MONTH})\\.?(?:,?\\s+(${YEAR}))?${BOUNDARY_AFTER}`,
  "gu",
);

/**
 * Two days of one month, the month written once after the second ("between the 1st and 15th of november"): a range of
 * days, in the year written, or the latest occurrence of its first day by now (the nearest one for a date of events).
 */
function recognizeDaysOfMonth(context: RecognizerContext, attribute: AttributeDefinition): void {
  const { text, now } = context;
  const today = epochDay(now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate());
  for (const match of text.masked().matchAll(DAYS_OF_MONTH)) {
    const span = { start: match.index, end: match.index + match[0].length };
    if (!text.isFree(span) || saidOfAPerson(context, span) || eventOfAnother(context, attribute, span.start, span.end)) continue;
    // "a story set between the 1st and 15th of november": when something happens, not a date of the documents.
    if (SETTING_BEFORE.test(text.masked().slice(Math.max(0, span.start - 30), span.start))) continue;
    const month = MONTH_NUMBERS.get(match[4] as string) as number;
    const [first, last] = [match[2], match[3]].map((day) => Number.parseInt(day as string, 10)) as [number, number];
    const written = match[5] === undefined ? undefined : Number(match[5]);
    const candidates = [now.getUTCFullYear() - 1, now.getUTCFullYear(), now.getUTCFullYear() + 1].filter(
      (candidate) => isCalendarDate(candidate, month, first) && isCalendarDate(candidate, month, last),
    );
    const nearest = [...candidates].sort(
      (left, right) => Math.abs(epochDay(left, month, first) - today) - Math.abs(epochDay(right, month, first) - today),
    )[0];
    const year =
      written ?? (pastDated(attribute) ? candidates.filter((candidate) => epochDay(candidate, month, first) <= today).at(-1) : nearest);
    if (year === undefined || !isCalendarDate(year, month, first) || !isCalendarDate(year, month, last) || first > last) continue;
    const low = epochDay(year, month, first);
    const high = epochDay(year, month, last);
    if (written === undefined)
      warnOnce(
        context,
        `read "${text.original.slice(span.start, span.end)}" as days of ${match[4] as string} ${year}; name the year to be exact`,
      );
    push(
      context,
      { attribute, negated: false, position: span.start, kind: "range", field: attribute.name, low, high },
      span.start,
      span.end,
    );
  }
}

/** The date says when something was done (a past participle in its description or aliases: "written", "posted", "released"). */
function pastDated(attribute: AttributeDefinition): boolean {
  const words = `${attribute.description} ${attribute.aliases.join(" ")}`.toLowerCase().match(/\p{L}+/gu) ?? [];
  return words.some((word) => (word.length >= 5 && word.endsWith("ed")) || IRREGULAR_PAST_PARTICIPLES.has(word));
}
const IRREGULAR_PAST_PARTICIPLES = new Set([
  "written",
  "made",
  "built",
  "sold",
  "bought",
  "shot",
  "taken",
  "given",
  "seen",
  "done",
  "put",
  "set",
  "out",
]);

/** Ordinal words for the first days of a month ("since the first of november"). */
const DAY_WORDS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

/** "December 20", "Dec 20th", "20 December", "the 20th of December", "the first of November": a day without its year. */
const DAY_WITHOUT_YEAR = new RegExp(
  `${BOUNDARY_BEFORE}(?:(?<month>${MONTH})\\.?\\s+(?<day>${DAY})|(?:the\\s+)?(?<dayFirst>${DAY}|(?<=the\\s+)(?:${DAY_WORDS.join("|")})(?=\\s+of\\s))\\s+(?:of\\s+)?(?<monthAfter>${MONTH}))${BOUNDARY_AFTER}(?!,?\\s*\\d)`,
  "gu",
);

/**
 * A day without a year after a comparison or "on"/"for"/"from" ("before December 20", "since March 3rd", "concerts on
 * the 5th of January"; "on"/"for"/"from" only right after a word for the documents, a value or the date's alias): for
 * documents dated by a past act (`pastDated`) its latest occurrence by now, otherwise (an event's day) the occurrence
 * nearest to now, with a warning naming the year.
 */
function dayWithoutYearAtoms(context: RecognizerContext, atoms: readonly DateAtom[], attribute: AttributeDefinition): DateAtom[] {
  const { text, now } = context;
  const masked = text.masked();
  const today = epochDay(now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate());
  const added: DateAtom[] = [];
  for (const match of masked.matchAll(DAY_WITHOUT_YEAR)) {
    const span = { start: match.index, end: match.index + match[0].length };
    if (!text.isFree(span) || atoms.some((atom) => atom.start < span.end && span.start < atom.end)) continue;
    const groups = match.groups ?? {};
    const monthName = groups.month ?? groups.monthAfter ?? "";
    // "it may 5 ...": "may" and "march" only when capitalised.
    const monthStart = span.start + match[0].indexOf(monthName);
    // "the third of march" is a day whatever the case; "march 3" only capitalised.
    const dayOfMonth = groups.dayFirst !== undefined && /\sof\s/u.test(match[0]);
    if (MONTHS_ALSO_WORDS.has(monthName) && !dayOfMonth && !/^\p{Lu}/u.test(text.original.slice(monthStart, monthStart + 1))) continue;
    const prefix = findPrefix(masked.slice(Math.max(0, span.start - 40), span.start));
    if (prefix === undefined || (prefix.operator === "eq" && !["on", "for", "from"].includes(prefix.word))) continue;
    // "concerts on December 20", "reviews posted on May 5", not "what happens on December 25 in the film".
    if (prefix.operator === "eq" && !namesSoughtThing(context, masked.slice(0, span.start - prefix.length), "before", attribute)) continue;
    const month = MONTH_NUMBERS.get(monthName) as number;
    const written = groups.day ?? groups.dayFirst ?? "";
    const day = DAY_WORDS.includes(written) ? DAY_WORDS.indexOf(written) + 1 : Number.parseInt(written, 10);
    const candidates = [now.getUTCFullYear() - 1, now.getUTCFullYear(), now.getUTCFullYear() + 1].filter((candidate) =>
      isCalendarDate(candidate, month, day),
    );
    const past = pastDated(attribute);
    const year = past
      ? candidates.filter((candidate) => epochDay(candidate, month, day) <= today).at(-1)
      : candidates.sort((left, right) => Math.abs(epochDay(left, month, day) - today) - Math.abs(epochDay(right, month, day) - today))[0];
    if (year === undefined) continue;
    const value = epochDay(year, month, day);
    added.push({ ...span, granularity: "day", year, span: { first: value, last: value } });
    warnOnce(
      context,
      `read "${text.original.slice(span.start, span.end)}" as ${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")} (${past ? "its latest occurrence" : "the nearest one"}); name the year to be exact`,
    );
  }
  return added;
}

/** A simile before a date in the same clause: "looks like it came out in", "as if it were from". */
const SIMILE_BEFORE = /(?<![\p{L}])((?:looks?|looking|feels?|feeling|seems?|sounds?)\s+like|as\s+if|as\s+though)(?:\s+[\p{L}']+){0,4}\s+$/u;

interface Prefix {
  operator: OrderOperator;
  word: string;
  /** Characters from the start of the prefix word to the date. */
  length: number;
}

const prefixPatterns = [
  ...PREFIXES.map(([operator, words]) => ({
    operator,
    // "pre-2023", "post-2020": the hyphen joins the prefix to the date.
    pattern: new RegExp(`${BOUNDARY_BEFORE}(${words})(?:\\s+|(?<=pre|post)-)(?:the\\s+(?:year|month)\\s+(?:of\\s+)?)?$`, "u"),
  })),
  { operator: "eq" as OrderOperator, pattern: new RegExp(`${BOUNDARY_BEFORE}(between)\\s+(?:the\\s+years\\s+)?$`, "u") },
];

function findPrefix(before: string): Prefix | undefined {
  let best: Prefix | undefined;
  for (const { operator, pattern } of prefixPatterns) {
    const match = pattern.exec(before);
    if (!match) continue;
    const candidate = { operator, word: (match[1] as string).replace(/\s+/g, " "), length: match[0].length };
    // The longest phrase wins ("on or after" over "after", "up to" over "to").
    if (best === undefined || candidate.length > best.length) best = candidate;
  }
  return best;
}

/**
 * Year-level comparisons use the year field when there is one (a number attribute holding years is itself the field);
 * anything finer uses days.
 */
function yearFieldOf(attribute: AttributeDefinition, ...atoms: DateAtom[]): string | undefined {
  if (attribute.type !== "date") return attribute.name;
  return atoms.every((atom) => atom.granularity === "year") ? attribute.yearField : undefined;
}

/** The attribute's own words right before a date ("that went *on the market* in 2025", "*listed* since October"). */
function cueStartBefore(context: RecognizerContext, attribute: AttributeDefinition, start: number): number | undefined {
  if (attribute.aliases.length === 0) return undefined;
  const before = context.text.masked().slice(Math.max(0, start - 60), start);
  const cue = cachedRegExp(
    `(?<![\\p{L}])(?:(?:that|which)\\s+)?(?:(?:was|were|is|are|been|being|be|got|gets|went|goes|came|comes|first)\\s+)*${phrasesPattern(attribute.aliases)}\\s+$`,
  ).exec(before);
  return cue === null ? undefined : start - before.length + cue.index;
}

function push(context: RecognizerContext, mention: Mention, claimStart: number, claimEnd: number): void {
  const negationStart = negationBefore(context.text, claimStart, mention.attribute.aliases);
  context.text.claim({ start: negationStart ?? claimStart, end: claimEnd });
  const cueStart = negationStart === undefined ? cueStartBefore(context, mention.attribute, claimStart) : undefined;
  if (cueStart !== undefined) context.text.claim({ start: cueStart, end: claimStart });
  context.mentions.push(negationStart === undefined ? mention : { ...mention, negated: true });
}

function addComparison(
  context: RecognizerContext,
  attribute: AttributeDefinition,
  atom: DateAtom,
  operator: OrderOperator,
  start: number,
  end: number,
): void {
  const base = { attribute, negated: false, position: atom.start };
  const yearField = yearFieldOf(attribute, atom);
  if (yearField !== undefined) {
    push(context, { ...base, kind: "compare", field: yearField, operator, value: atom.year }, start, end);
    return;
  }
  const field = attribute.name;
  const { first, last } = operator !== "eq" && atom.edge !== undefined ? { first: atom.edge, last: atom.edge } : atom.span;
  let mention: Mention;
  switch (operator) {
    case "eq":
      mention =
        first === last
          ? { ...base, kind: "compare", field, operator: "eq", value: first }
          : { ...base, kind: "range", field, low: first, high: last };
      break;
    case "gt":
      mention = { ...base, kind: "compare", field, operator: "gt", value: last };
      break;
    case "gte":
      mention = { ...base, kind: "compare", field, operator: "gte", value: first };
      break;
    case "lt":
      mention = { ...base, kind: "compare", field, operator: "lt", value: first };
      break;
    case "lte":
      mention = { ...base, kind: "compare", field, operator: "lte", value: last };
      break;
  }
  push(context, mention, start, end);
}

function addRange(
  context: RecognizerContext,
  attribute: AttributeDefinition,
  from: DateAtom,
  to: DateAtom,
  start: number,
  end: number,
): void {
  const [low, high] = from.span.first <= to.span.first ? [from, to] : [to, from];
  const base = { attribute, negated: false, position: from.start };
  const yearField = yearFieldOf(attribute, low, high);
  if (yearField !== undefined) {
    push(context, { ...base, kind: "range", field: yearField, low: low.year, high: high.year }, start, end);
  } else {
    push(context, { ...base, kind: "range", field: attribute.name, low: low.span.first, high: high.span.last }, start, end);
  }
}

function addList(context: RecognizerContext, attribute: AttributeDefinition, atoms: DateAtom[], start: number, end: number): void {
  const base = { attribute, negated: false, position: (atoms[0] as DateAtom).start };
  const yearField = yearFieldOf(attribute, ...atoms);
  if (yearField !== undefined) {
    push(context, { ...base, kind: "numbers", field: yearField, values: atoms.map((atom) => atom.year) }, start, end);
    return;
  }
  if (atoms.every((atom) => atom.granularity === "day")) {
    push(context, { ...base, kind: "numbers", field: attribute.name, values: atoms.map((atom) => atom.span.first) }, start, end);
    return;
  }
  // "september or october", "july, august or september": months that follow each other are one range.
  const sorted = [...atoms].sort((left, right) => left.span.first - right.span.first);
  if (
    sorted.every((atom) => atom.granularity === "month") &&
    sorted.every((atom, index) => index === 0 || atom.span.first === (sorted[index - 1] as DateAtom).span.last + 1)
  ) {
    addRange(context, attribute, sorted[0] as DateAtom, sorted[sorted.length - 1] as DateAtom, start, end);
    return;
  }
  // Months (or years without a year field): any of their day ranges.
  push(
    context,
    { ...base, kind: "ranges", field: attribute.name, ranges: atoms.map((atom) => ({ low: atom.span.first, high: atom.span.last })) },
    start,
    end,
  );
}

/** Words before a date that say when a story or an event happens ("takes place in", "happened in", "is set in"). */
const SETTING_BEFORE = /(?<![\p{L}])(?:(?:takes?|took|taking|taken)\s+place|happen(?:s|ed|ing)?|(?:is|are|was|were)\s+set)\s+$/u;

/** Irregular past participles that name an event ("built in 2019"). */
const IRREGULAR_PARTICIPLES = new Set([
  "built",
  "made",
  "done",
  "shot",
  "sold",
  "bought",
  "grown",
  "begun",
  "founded",
  "held",
  "won",
  "seen",
  "taken",
  "born",
  "set",
]);

/** A participle before a date that is not a word of this attribute (nor of any other): the date belongs to that event. */
function isOtherEvent(context: RecognizerContext, attribute: AttributeDefinition, word: string): boolean {
  if (!(word.endsWith("ed") || IRREGULAR_PARTICIPLES.has(word))) return false;
  const aliasWords = context.schema.attributes
    .flatMap((candidate) => candidate.aliases)
    .flatMap((alias) => alias.toLowerCase().split(/\s+/));
  const stems = new Set(aliasWords.map((alias) => alias.replace(/(?:ed|d|s|ing)$/u, "")));
  if (aliasWords.includes(word) || stems.has(word.replace(/(?:ed|d)$/u, ""))) return false;
  return attribute.aliases.length > 0 || aliasWords.length > 0;
}

/** Past forms without "-ed" that name an event someone did ("my dad drove", "they bought"). */
const IRREGULAR_PAST = new Set([
  ...IRREGULAR_PARTICIPLES,
  "drove",
  "bought",
  "grew",
  "ran",
  "took",
  "gave",
  "got",
  "went",
  "began",
  "won",
  "sold",
]);
const POSSESSIVES = new Set(["my", "your", "his", "her", "our", "their"]);

/**
 * A past verb before the date in the same clause (at most five words back) that is not a word of the date attribute,
 * whose subject is someone's ("my grandmother cooked ... in 1962") or a noun the schema does not know, in a relative
 * clause ("a startup that raised 40 million last year"): the date is that event's. Warned.
 */
function eventOfAnother(context: RecognizerContext, attribute: AttributeDefinition, start: number, end: number): boolean {
  const event =
    anotherEventBefore(context, attribute.aliases, start) ??
    clauseEventBefore(context, attribute.aliases, start) ??
    lastingState(context, attribute.aliases, start, end);
  if (event === undefined) return false;
  warnOnce(
    context,
    `"${context.text.original.slice(start, end).trim()}" dates what "${event}" did, not the documents; not read as ${attribute.name}`,
  );
  return true;
}

/**
 * "employers that have been profitable for the last 10 years", "a band that has been touring for the past 2 years": a
 * period after "for" following a perfect of "be" in the same clause is how long a state lasts, not when the documents
 * are dated. Returns "have been <word>", or `undefined`.
 */
function lastingState(context: RecognizerContext, aliases: readonly string[], start: number, end: number): string | undefined {
  const masked = context.text.masked();
  const span = masked.slice(start, end);
  const before = masked.slice(Math.max(0, start - 80), start);
  if (!/^for\s/u.test(span) && !/(?<![\p{L}])for\s+$/u.test(before)) return undefined;
  const clause = before.slice(before.search(/[^,.;:!?]*$/u));
  const state = /(?<![\p{L}])(?:have|has|had|['’]ve|['’]s)\s+been\s+(\p{L}+)(?:\s+\p{L}+){0,3}\s+(?:for\s+)?$/u.exec(clause);
  if (state === null) return undefined;
  // "listings that have been *listed* for the last month": the date's own word.
  const stem = (word: string) => word.replace(/(?:ing|ed|d|s)$/u, "");
  const word = state[1] as string;
  if (
    aliases.some((alias) =>
      alias
        .toLowerCase()
        .split(/\s+/u)
        .some((part) => stem(part) === stem(word)),
    )
  )
    return undefined;
  return `have been ${word}`;
}

/** "rebuilt", "remade", "outgrew": an irregular past with a prefix. */
function isIrregularPast(word: string): boolean {
  if (IRREGULAR_PAST.has(word)) return true;
  for (const past of IRREGULAR_PAST) if (word.endsWith(past) && word.length - past.length <= 3 && past.length >= 4) return true;
  return false;
}

/**
 * The event before `start` in the same clause that is someone else's: a past verb (at most five words back) that is
 * not one of `aliases`' words, whose subject is someone's ("my kids baked") or an unknown noun before "that"/"which"
 * ("a startup that raised"). Returns "subject verb", or `undefined`.
 */
export function anotherEventBefore(context: RecognizerContext, aliases: readonly string[], start: number): string | undefined {
  const before = context.text.masked().slice(Math.max(0, start - 80), start);
  const clause = before.slice(before.search(/[^,.;:!?]*$/u));
  const words = clause.match(/[\p{L}'\u0001][\p{L}'\u0001-]*/gu) ?? [];
  const own = aliases.flatMap((alias) => alias.toLowerCase().split(/\s+/u));
  const ownStems = new Set(own.map((word) => word.replace(/(?:ed|d|s|ing)$/u, "")));
  for (let index = words.length - 1; index >= Math.max(1, words.length - 6); index -= 1) {
    const verb = words[index] as string;
    if (!((verb.length >= 4 && verb.endsWith("ed")) || isIrregularPast(verb))) continue;
    if (own.includes(verb) || ownStems.has(verb.replace(/(?:ed|d)$/u, ""))) return undefined;
    // "condos that went *on the market* in 2025": the attribute's own words after the verb cue it.
    if (aliases.length > 0 && cachedRegExp(phrasesPattern(aliases)).test(words.slice(index + 1).join(" "))) return undefined;
    // A claimed word is a value the schema knows ("condos that went ...").
    const unknown = (word: string | undefined) => word !== undefined && !word.includes(MASK) && isOtherThing(context, word);
    const subject = words[index - 1] as string;
    const determiner = words[index - 2];
    if (determiner !== undefined && POSSESSIVES.has(determiner) && unknown(subject)) return `${subject} ${verb}`;
    const antecedent = words[index - 2];
    // "a startup that raised ...", "a manager who worked at Google for 10 years".
    if (["that", "which", "who"].includes(subject) && unknown(antecedent)) return `${antecedent as string} ${verb}`;
    return undefined;
  }
  return undefined;
}

const MODALS = new Set(["can", "could", "will", "would", "should", "must", "might", "shall", "'ll"]);
const RELATIVE_PRONOUNS = new Set(["that", "which", "who"]);
/** Verbs of having something done to the documents ("cars that *had* new brakes put on", "games that *got* an update"). */
const HAVE_VERBS = new Set(["had", "has", "have", "got", "gets", "get", "received", "needed"]);
const AUXILIARIES = new Set(["was", "were", "is", "are", "been", "being", "be", "has", "have", "had", "got", "get"]);

/**
 * The event of a clause before `start` whose verb is not one of `aliases`' words (the date's own words anywhere in the
 * clause cue it: "condos that were listed in the last 2 years"):
 * - a modal and its verb ("sellers who can close before February 15", "a shop that will open next month"): a plan,
 *   not a date of the documents;
 * - a relative clause of something the schema does not know, passive ("a kitchen that was remodeled in the last 2
 *   years"), or one whose verb has an object the schema does not know ("games that got a big update within the last 6
 *   months", "cars that had new brakes put on last month"): that thing's event.
 * Returns "subject verb", or `undefined`. Bounded: the clause is at most 80 characters back.
 */
function clauseEventBefore(context: RecognizerContext, aliases: readonly string[], start: number): string | undefined {
  const before = context.text.masked().slice(Math.max(0, start - 80), start);
  const clause = before.slice(before.search(/[^,.;:!?]*$/u));
  const words = clause.match(/[\p{L}'\u0001][\p{L}'\u0001-]*/gu) ?? [];
  // The date's own words after the modal or the relative pronoun cue it ("condos that have been on the market since
  // march"); before it they name the documents' date of something else ("jobs posted by companies that were founded ...").
  const cuedAfter = (index: number) => aliases.length > 0 && cachedRegExp(phrasesPattern(aliases)).test(words.slice(index + 1).join(" "));
  const own = aliases.flatMap((alias) => alias.toLowerCase().split(/\s+/u));
  const ownStems = new Set(own.map((word) => word.replace(/(?:ed|d|s|ing)$/u, "")));
  const isOwn = (word: string) => own.includes(word) || ownStems.has(word.replace(/(?:ed|d|s|ing)$/u, ""));
  const unknown = (word: string | undefined) =>
    word !== undefined && !word.includes(MASK) && !context.stopWords.has(word) && isOtherThing(context, word);
  const from = Math.max(0, words.length - 8);
  for (let index = words.length - 2; index >= from; index -= 1) {
    const word = words[index] as string;
    const verb = words[index + 1] as string;
    if (MODALS.has(word) && !isOwn(verb) && !context.stopWords.has(verb) && !cuedAfter(index)) return `${word} ${verb}`;
  }
  // "a car with tires replaced last month": a participle no word of the date's, right after a noun the schema does not know.
  const last = words.at(-1);
  const beforeLast = words.at(-2);
  // "condos renovated in the last 2 years": after the documents, only a verb no attribute records.
  const schemaWords = new Set(
    context.schema.attributes.flatMap(
      (attribute) => `${attribute.name} ${attribute.description} ${attribute.aliases.join(" ")}`.toLowerCase().match(/\p{L}+/gu) ?? [],
    ),
  );
  const stem = (word: string) => word.replace(/(?:ed|d|s|ing)$/u, "");
  const recorded = (verb: string) => [...schemaWords].some((word) => word === verb || stem(word) === stem(verb));
  if (
    last !== undefined &&
    beforeLast !== undefined &&
    last.length >= 5 &&
    last.endsWith("ed") &&
    !isOwn(last) &&
    !recorded(last) &&
    !beforeLast.endsWith("ly") &&
    !AUXILIARIES.has(beforeLast) &&
    (unknown(beforeLast) || beforeLast.includes(MASK) || namesTheDocuments(context, ` ${beforeLast}`))
  )
    return `${beforeLast.includes(MASK) ? "they" : beforeLast} ${last}`;
  // "a company whose stock rose 40% in 2025": a clause about something else the documents have.
  const whose = words.findLastIndex((word, index) => index >= from && word === "whose");
  // ... not "whose launch was before 2023": the date's own word ("launched").
  if (whose >= 0 && !cuedAfter(whose) && unknown(words[whose + 1]) && !isOwn(words[whose + 1] as string))
    return `whose ${words[whose + 1] as string}`;
  const pronoun = words.findLastIndex((word, index) => index >= from && RELATIVE_PRONOUNS.has(word));
  if (pronoun < 1 || cuedAfter(pronoun)) return undefined;
  const antecedent = words[pronoun - 1];
  let verbIndex = pronoun + 1;
  // "that was remodeled", "which has been repainted": the auxiliaries before the verb.
  const pastForm = (word: string) => (word.length >= 4 && word.endsWith("ed")) || isIrregularPast(word) || word === "put";
  while (
    verbIndex < words.length - 1 &&
    AUXILIARIES.has(words[verbIndex] as string) &&
    (AUXILIARIES.has(words[verbIndex + 1] as string) || pastForm(words[verbIndex + 1] as string))
  )
    verbIndex += 1;
  const verb = words[verbIndex];
  if (verb === undefined || isOwn(verb)) return undefined;
  const past = pastForm(verb) || HAVE_VERBS.has(verb);
  if (!past) return undefined;
  const passive = verbIndex > pronoun + 1 && !HAVE_VERBS.has(verb);
  if (passive && unknown(antecedent)) return `${antecedent as string} ${verb}`;
  // "a coworking space that was repainted in the last year": something done to the documents that no attribute records
  // (no attribute's name, alias or description holds the verb: "homes that were built before 1990" is a `year_built`).
  if (passive && !recorded(verb)) return `${words[pronoun] as string} ${words[verbIndex - 1] as string} ${verb}`;
  const object = words.slice(verbIndex + 1).some((word) => unknown(word));
  if (object && (HAVE_VERBS.has(verb) || !passive)) return `${words[pronoun] as string} ${verb}`;
  return undefined;
}

/** A content noun that is neither a word for the documents nor a word of the schema. */
export function isOtherThing(context: RecognizerContext, word: string): boolean {
  const { stopWords } = context;
  if (stopWords.has(word) || (word.endsWith("s") && stopWords.has(word.slice(0, -1)))) return false;
  const schemaWords = context.schema.attributes.flatMap((attribute) => [
    ...attribute.aliases,
    // "under 80k km from 2019 onwards": a declared unit is a word of the schema.
    ...attribute.units,
    ...attribute.values.flatMap((entry) => [String(entry.value), ...entry.aliases]),
  ]);
  return !schemaWords.some((phrase) => phrase.toLowerCase().split(/\s+/).includes(word));
}

const UNIT = "(hour|day|week|fortnight|month|year)s?";
const COUNT = `(\\d+|${[...NUMBER_WORDS.keys()].filter((word) => word !== "zero").join("|")}|(?:a\\s+)?couple(?:\\s+of)?|(?:a\\s+)?few)`;
const LEAD = "(?:(?:in|during|over|within|from|for|since)\\s+)?";
/** Rolling windows ending now ("in the past 30 days", "the last 2 weeks", "past year") or starting now ("the next 3 months"). */
const ROLLING = new RegExp(
  `${BOUNDARY_BEFORE}(?<!(?:${PART_OF_YEAR}|${MONTH})(?:\\s+of)?\\s+)${LEAD}(?:the\\s+)?(last|past|previous|next|coming|upcoming)\\s+(?:${COUNT}(\\s+and\\s+a\\s+half)?\\s+|(half)(?:\\s+an?)?\\s+)?${UNIT}(\\s+and\\s+a\\s+half)?${BOUNDARY_AFTER}`,
  "gu",
);
/** "two months back to today", "from ten days ago until now": a rolling window written from its far end. */
const BACK_TO_NOW = new RegExp(
  `${BOUNDARY_BEFORE}(?:(?:from|since)\\s+)?(?:${COUNT}|(an?))\\s+${UNIT}\\s+(?:back|ago|before)\\s+(?:to|until|till|through|thru|up\\s+to|up\\s+till)\\s+(?:today|now|the\\s+present|this\\s+day)${BOUNDARY_AFTER}`,
  "gu",
);
/** Comparisons of an amount of time: "for *three weeks or less*", "for *under ten days*", "for *more than a month*". */
const SHORTER = "less\\s+than|fewer\\s+than|under|below|at\\s+most|no\\s+more\\s+than|not\\s+more\\s+than|up\\s+to|within";
const LONGER = "more\\s+than|over|longer\\s+than|at\\s+least|upwards\\s+of";
const SHORTER_AFTER = "or\\s+(?:less|fewer|under|shorter)|max(?:imum)?|at\\s+most|tops";
const LONGER_AFTER = "or\\s+(?:more|longer|over)|\\+|plus|at\\s+least";
/** "been advertised for three weeks or less", "on the market for under ten days": how long since the date's event. */
const HELD_FOR = new RegExp(
  `(?:(${SHORTER})|(${LONGER}))\\s+(?:${COUNT}|(an?))\\s+${UNIT}${BOUNDARY_AFTER}|(?:${COUNT}|(an?))\\s+${UNIT}\\s*(?:(${SHORTER_AFTER})|(${LONGER_AFTER}))${BOUNDARY_AFTER}`,
  "u",
);
/** General English words for being published, after "been": "jobs that have been *up* for two weeks". */
const PUBLISHED_STATE = ["up", "online", "live", "out", "open", "listed", "posted", "advertised", "available"];

/** Calendar periods ("last year", "this month", "next year"); "the last year" is a rolling window. */
const CALENDAR = new RegExp(
  `${BOUNDARY_BEFORE}(?<!the\\s+)(?<!(?:${PART_OF_YEAR}|${MONTH})(?:\\s+of)?\\s+)${LEAD}(last|this|next|the\\s+current|the\\s+present)\\s+(?:calendar\\s+)?(year|month|quarter)${BOUNDARY_AFTER}`,
  "gu",
);
/**
 * Seasons relative to now: "last summer" (the latest one that has ended), "this spring", "since last fall", "next spring"
 * (the first one that has not begun).
 */
const SEASON = new RegExp(
  `${BOUNDARY_BEFORE}(since\\s+|(?:in|during|over)\\s+)?(last|this|past|next|coming)\\s+(spring|summer|fall|autumn|winter)${BOUNDARY_AFTER}`,
  "gu",
);

/**
 * "my nephew who turns 10 next month", "a friend whose birthday is this month": a relative date inside a
 * clause about a person ("who", "whose", up to the next punctuation) dates that person, not the documents.
 * Limit: "reviews by people who watched it last year" is left out too (with the warning), though it may mean the reviews.
 */
function saidOfAPerson(context: RecognizerContext, span: { start: number; end: number }): boolean {
  const before = context.text.masked().slice(Math.max(0, span.start - 60), span.start);
  if (!/(?<![\p{L}])who(?:se)?\s[^,.;:!?]*$/u.test(before)) return false;
  warnOnce(
    context,
    `"${context.text.original.slice(span.start, span.end).trim()}" is said of a person here, not of the documents; not read as a date`,
  );
  return true;
}

/** Days and weeks near now: "today", "tonight", "tomorrow", "yesterday", "this week", "this/next/last weekend", "upcoming". */
const NEAR_DAYS = new RegExp(
  `${BOUNDARY_BEFORE}(?:(since|after|from|before|until|till|by)\\s+)?(today|tonight|tomorrow|yesterday|this\\s+week|(?:this|next|last|the)\\s+weekend|upcoming)${BOUNDARY_AFTER}`,
  "gu",
);

/**
 * "concerts tonight", "jobs posted today", "jazz gigs this weekend", "upcoming concerts", "listings since yesterday": read
 * only right after a word for the documents, a value, or the date's own alias, or after a comparison ("since
 * yesterday"); "upcoming" only right before a word for the documents or a value. Elsewhere ("is it still good today",
 * "what to watch this weekend") they are about the asker, not the documents, and are left in the query.
 * Weeks run Monday to Sunday; "this weekend" is the coming (or current) Saturday and Sunday.
 */
function recognizeNearDays(context: RecognizerContext, attribute: AttributeDefinition, today: number): void {
  const { text } = context;
  const weekday = (new Date(today * 86_400_000).getUTCDay() + 6) % 7; // Monday 0 ... Sunday 6
  const monday = today - weekday;
  for (const match of text.masked().matchAll(NEAR_DAYS)) {
    const span = { start: match.index, end: match.index + match[0].length };
    if (!text.isFree(span)) continue;
    const comparison = match[1];
    const word = (match[2] as string).replace(/\s+/gu, " ");
    const masked = text.masked();
    const read =
      word === "upcoming"
        ? comparison === undefined && namesSoughtThing(context, masked.slice(span.end), "after")
        : (comparison !== undefined && comparison !== "from") ||
          namesSoughtThing(context, masked.slice(0, span.start), "before", attribute);
    if (!read) {
      warnOnce(
        context,
        `"${text.original.slice(span.start, span.end).trim()}" is not said of the documents here; not read as ${attribute.name}`,
      );
      continue;
    }
    let low: number;
    let high: number;
    if (word === "upcoming") [low, high] = [today, Number.POSITIVE_INFINITY];
    else if (word === "today" || word === "tonight") [low, high] = [today, today];
    else if (word === "tomorrow") [low, high] = [today + 1, today + 1];
    else if (word === "yesterday") [low, high] = [today - 1, today - 1];
    else if (word === "this week") [low, high] = [monday, monday + 6];
    else {
      // The weekend of this week (under way on a Saturday or Sunday), the one after, the one before.
      const saturday = monday + 5 + (word === "next weekend" ? 7 : word === "last weekend" ? -7 : 0);
      [low, high] = [saturday, saturday + 1];
    }
    const base = { attribute, field: attribute.name, negated: false, position: span.start };
    let mention: Mention;
    if (comparison === "since" || comparison === "after")
      mention = { ...base, kind: "compare", operator: comparison === "since" ? "gte" : "gt", value: comparison === "since" ? low : high };
    else if (comparison === "before") mention = { ...base, kind: "compare", operator: "lt", value: low };
    else if (comparison === "until" || comparison === "till" || comparison === "by")
      mention = { ...base, kind: "compare", operator: "lte", value: high };
    else if (high === Number.POSITIVE_INFINITY) mention = { ...base, kind: "compare", operator: "gte", value: low };
    else mention = low === high ? { ...base, kind: "compare", operator: "eq", value: low } : { ...base, kind: "range", low, high };
    push(context, mention, span.start, span.end);
  }
}

/**
 * True when the word next to a relative day, on `side`, names what is sought: a claimed value, a word for the documents
 * or results, or (before it) the date's own alias ("posted today", "playing tonight").
 */
function namesSoughtThing(context: RecognizerContext, text: string, side: "before" | "after", attribute?: AttributeDefinition): boolean {
  // "opera tickets under $60 this weekend": an amount between the noun and the day is passed over.
  const before =
    side === "before" ? text.replace(AMOUNT_AT_END, " ").replace(/(?<![\p{L}])(?:(?:for|on|in|during|over)\s+)?(?:the\s+)?$/u, "") : text;
  // The head noun, or the word before it ("*opera* tickets tonight").
  const words =
    side === "after"
      ? [/^\s+([\p{L}\u0001][\p{L}\u0001'-]*)/u.exec(text)?.[1]]
      : (/(?:([\p{L}\u0001][\p{L}\u0001'-]*)\s+)?([\p{L}\u0001][\p{L}\u0001'-]*)\s*$/u.exec(before) ?? []).slice(1).reverse();
  const sought = (word: string) => word.includes(MASK) || RESULT_WORDS.has(word) || namesTheDocuments(context, ` ${word}`);
  const head = words[0];
  if (head === undefined) return false;
  if (sought(head)) return true;
  // The date's alias, in any of its forms ("opening" for "opened").
  const stem = (word: string) => word.replace(/(?:ing|ed|d|s)$/u, "");
  if (attribute !== undefined && attribute.aliases.some((alias) => stem(alias.toLowerCase().split(/\s+/u).at(-1) ?? "") === stem(head)))
    return true;
  // A date's alias of a verb and its particle ("checking in", "sailing on"), in any form of the verb, right before.
  if (side === "before" && attribute !== undefined && phrasalAliasAtEnd(attribute, text.replace(AMOUNT_AT_END, " "), stem)) return true;
  // A plural noun after a value is what is sought ("opera tickets", "rock shows"); "the first film looks ..." is not.
  const modifier = words[1];
  return modifier !== undefined && modifier.includes(MASK) && /\p{L}{2,}[^s\P{L}]s$/u.test(head);
}

/** The text ends with a multiword alias of the date whose first word may be inflected ("checked in" for "checking in"). */
function phrasalAliasAtEnd(attribute: AttributeDefinition, text: string, stem: (word: string) => string): boolean {
  const lower = text.toLowerCase();
  return attribute.aliases.some((alias) => {
    const [verb, ...rest] = alias.toLowerCase().split(/\s+/u);
    if (verb === undefined || rest.length === 0 || !/^\p{L}{3,}$/u.test(verb)) return false;
    const tail = rest.map((word) => word.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&")).join("\\s+");
    const found = cachedRegExp(`(?<![\\p{L}])(\\p{L}+)\\s+${tail}\\s*$`).exec(lower);
    return found !== null && stem(found[1] as string) === stem(verb);
  });
}
/** A comparison and an amount at the end of a text ("under $60 ", "for €20 "). */
const AMOUNT_AT_END =
  /(?<![\p{L}])(?:(?:under|over|below|above|for|from|at\s+most|at\s+least|up\s+to|less\s+than|more\s+than)\s+)?[$€£¥]?\s?\d[\d,.]*k?(?:\s?[$€£¥])?\s+$/u;

/** The year and month (1-12) `offset` months from now's. */
function monthOf(now: Date, offset: number): [number, number] {
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
  return [month.getUTCFullYear(), month.getUTCMonth() + 1];
}

/** "under 5 years old", "less than 2 weeks old", "older than 10 years", "at least 20 years old". */
const AGE = new RegExp(
  `${BOUNDARY_BEFORE}(under|less\\s+than|younger\\s+than|newer\\s+than|at\\s+most|no\\s+more\\s+than|over|more\\s+than|older\\s+than|at\\s+least)\\s+(\\d+|${[...NUMBER_WORDS.keys()].filter((word) => word !== "zero").join("|")}|an?)\\s+(day|week|month|year)s?(\\s+old)?${BOUNDARY_AFTER}`,
  "gu",
);

/**
 * An age, against now: on a number attribute holding years ("cars under 5 years old": `model_year > 2021` in 2026;
 * "older than 10 years": `< 2016`), or on the documents' date for days, weeks and months ("listings less than 2 weeks
 * old"). "older than" / "newer than" need no "old"; the others do ("under 5 years" is a duration).
 */
function recognizeAges(
  context: RecognizerContext,
  dateAttribute: AttributeDefinition | undefined,
  yearMeasures: readonly AttributeDefinition[],
): void {
  const { text, now } = context;
  for (const match of text.masked().matchAll(AGE)) {
    const span = { start: match.index, end: match.index + match[0].length };
    const comparison = (match[1] as string).replace(/\s+/gu, " ");
    if (!text.isFree(span) || (match[4] === undefined && !/older|newer|younger/u.test(comparison))) continue;
    const count = /^an?$/u.test(match[2] as string) ? 1 : parseNumberToken(match[2] as string);
    if (count === undefined) continue;
    const unit = match[3] as string;
    const younger = /under|less|younger|newer|at most|no more/u.test(comparison);
    const strict = !/at most|no more|at least/u.test(comparison);
    const base = { negated: false, position: span.start };
    if (unit === "year" && yearMeasures.length === 1) {
      const attribute = yearMeasures[0] as AttributeDefinition;
      const year = now.getUTCFullYear() - count;
      const operator: OrderOperator = younger ? (strict ? "gt" : "gte") : strict ? "lt" : "lte";
      push(context, { ...base, attribute, field: attribute.name, kind: "compare", operator, value: year }, span.start, span.end);
    } else if (unit !== "year" && dateAttribute !== undefined && pastDated(dateAttribute)) {
      const moved = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
      if (unit === "day") moved.setUTCDate(moved.getUTCDate() - count);
      if (unit === "week") moved.setUTCDate(moved.getUTCDate() - 7 * count);
      if (unit === "month") moved.setUTCMonth(moved.getUTCMonth() - count);
      const day = Math.round(moved.getTime() / 86_400_000);
      const operator: OrderOperator = younger ? (strict ? "gt" : "gte") : strict ? "lt" : "lte";
      push(
        context,
        { ...base, attribute: dateAttribute, field: dateAttribute.name, kind: "compare", operator, value: day },
        span.start,
        span.end,
      );
    } else if (match[4] !== undefined) {
      // "a company over 10 years old": the age of something no attribute dates (the measures leave "N years old" alone).
      warnOnce(context, `"${text.original.slice(span.start, span.end).trim()}" is an age no attribute records; not read as a constraint`);
    }
  }
}

/** "since the start of the month", "before the end of this year", "after the beginning of last month". */
const PERIOD_EDGE = new RegExp(
  `${BOUNDARY_BEFORE}(since|after|from|before|until|till|by)\\s+the\\s+(start|beginning|end)\\s+of\\s+(the|this|last|next|the\\s+current)\\s+(month|year)${BOUNDARY_AFTER}`,
  "gu",
);

/** A bound at the first or last day of the current, last or next month or year. */
function recognizePeriodEdges(context: RecognizerContext, attribute: AttributeDefinition): void {
  const { text, now } = context;
  for (const match of text.masked().matchAll(PERIOD_EDGE)) {
    const span = { start: match.index, end: match.index + match[0].length };
    if (!text.isFree(span) || saidOfAPerson(context, span) || eventOfAnother(context, attribute, span.start, span.end)) continue;
    const offset = match[3] === "last" ? -1 : match[3] === "next" ? 1 : 0;
    const days = match[4] === "year" ? yearSpan(now.getUTCFullYear() + offset) : monthSpan(...monthOf(now, offset));
    const day = match[2] === "end" ? days.last : days.first;
    const comparison = match[1] as string;
    const operator: OrderOperator =
      comparison === "since" || comparison === "from" ? "gte" : comparison === "after" ? "gt" : comparison === "before" ? "lt" : "lte";
    const mention: Mention = {
      attribute,
      field: attribute.name,
      negated: false,
      position: span.start,
      kind: "compare",
      operator,
      value: day,
    };
    push(context, mention, span.start, span.end);
  }
}

/**
 * "a job that starts next month", "a car I'll need for the next 2 years": a period still to come, on documents dated by
 * a past act, is read only next to a word for the documents, a value or the date's own word ("jobs posted next month",
 * "homes listed over the next 2 weeks"); elsewhere it is when something else happens. Warned.
 */
function futureOfAnother(context: RecognizerContext, attribute: AttributeDefinition, span: { start: number; end: number }): boolean {
  if (!pastDated(attribute)) return false;
  // The span may start with its preposition ("in next month").
  const lead = /^(?:in|on|during|over|within|for|from)\s+/u.exec(context.text.masked().slice(span.start, span.end))?.[0] ?? "";
  const written = context.text.masked().slice(0, span.start) + lead;
  const before = written.replace(/(?<![\p{L}])(?:in|during|over|within|for|from)\s+$/u, "");
  // "trips checking in next month": the date's own word may end in the preposition ("checking in", "moving in").
  if (namesSoughtThing(context, before, "before", attribute) || namesSoughtThing(context, written, "before", attribute)) return false;
  warnOnce(
    context,
    `"${context.text.original.slice(span.start, span.end).trim()}" is not said of the documents here; not read as ${attribute.name}`,
  );
  return true;
}

/** Relative dates, against the constructor's `now`. */
function recognizeRelativeDates(context: RecognizerContext, attribute: AttributeDefinition): void {
  const { text, now } = context;
  const today = epochDay(now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate());
  const shifted = (unit: string, count: number): number => {
    const moved = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    if (unit === "day") moved.setUTCDate(moved.getUTCDate() + count);
    if (unit === "week") moved.setUTCDate(moved.getUTCDate() + 7 * count);
    if (unit === "month") moved.setUTCMonth(moved.getUTCMonth() + count);
    if (unit === "year") moved.setUTCFullYear(moved.getUTCFullYear() + count);
    return Math.round(moved.getTime() / 86_400_000);
  };
  recognizeSinceEvent(context, attribute, today, shifted);
  recognizeNearDays(context, attribute, today);
  recognizePeriodEdges(context, attribute);
  // Calendar periods first: "last year" is the previous calendar year, "the past year" a rolling one.
  for (const match of text.masked().matchAll(CALENDAR)) {
    const span = { start: match.index, end: match.index + match[0].length };
    if (!text.isFree(span) || saidOfAPerson(context, span) || eventOfAnother(context, attribute, span.start, span.end)) continue;
    const offset = match[1] === "last" ? -1 : match[1] === "next" ? 1 : 0; // "this", "the current", "the present": 0
    if (offset === 1 && futureOfAnother(context, attribute, span)) continue;
    const base = { attribute, negated: false, position: span.start };
    // "since last year": from its first day on.
    const since = /^since\s/u.test(match[0]);
    // "last quarter", "this quarter": a calendar quarter (January-March ...).
    // ... only next to a word for the documents, a value or the date's word ("what about last quarter's earnings" is not).
    if (
      match[2] === "quarter" &&
      (/^['’]s(?![\p{L}])/u.test(text.masked().slice(span.end)) ||
        !namesSoughtThing(context, text.masked().slice(0, match.index), "before", attribute))
    ) {
      warnOnce(
        context,
        `"${text.original.slice(span.start, span.end).trim()}" is not said of the documents here; not read as ${attribute.name}`,
      );
      continue;
    }
    if (match[2] === "quarter") {
      const quarterStart = Math.floor(now.getUTCMonth() / 3) * 3 + 3 * offset;
      const low = monthSpan(...monthOf(now, quarterStart - now.getUTCMonth())).first;
      const high = monthSpan(...monthOf(now, quarterStart + 2 - now.getUTCMonth())).last;
      const quarter = since
        ? ({ ...base, kind: "compare", field: attribute.name, operator: "gte", value: low } as const)
        : ({ ...base, kind: "range", field: attribute.name, low, high } as const);
      push(context, quarter, span.start, span.end);
      continue;
    }
    if (since) {
      const first = match[2] === "year" ? yearSpan(now.getUTCFullYear() + offset).first : monthSpan(...monthOf(now, offset)).first;
      push(context, { ...base, kind: "compare", field: attribute.name, operator: "gte", value: first }, span.start, span.end);
      continue;
    }
    if (match[2] === "year") {
      const year = now.getUTCFullYear() + offset;
      // "tracks that came out this year" with a `release_year` aliased "came out": the year of that event.
      const cued = cuedYearMeasure(context, attribute, span.start, year);
      if (cued !== undefined)
        push(
          context,
          { ...base, kind: "compare", field: cued.attribute.name, operator: "eq", value: year },
          Math.min(cued.start ?? span.start, span.start),
          span.end,
        );
      else if (attribute.yearField !== undefined)
        push(context, { ...base, kind: "compare", field: attribute.yearField, operator: "eq", value: year }, span.start, span.end);
      else
        push(
          context,
          { ...base, kind: "range", field: attribute.name, low: yearSpan(year).first, high: yearSpan(year).last },
          span.start,
          span.end,
        );
    } else {
      const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
      const days = monthSpan(month.getUTCFullYear(), month.getUTCMonth() + 1);
      push(context, { ...base, kind: "range", field: attribute.name, low: days.first, high: days.last }, span.start, span.end);
    }
  }
  for (const match of text.masked().matchAll(SEASON)) {
    const span = { start: match.index, end: match.index + match[0].length };
    if (!text.isFree(span) || saidOfAPerson(context, span) || eventOfAnother(context, attribute, span.start, span.end)) continue;
    // "a road trip next summer": a coming season said of the asker's plans, not of the documents (read after "since" or
    // next to a word for the documents, a value or the date's alias: "listings from next spring", "posted last summer").
    if (
      /^(?:next|coming)$/u.test(match[2] as string) &&
      match[1] === undefined &&
      // "SUVs for next summer": what they are for, not when they were listed.
      (/(?<![\p{L}])for\s+$/u.test(text.masked().slice(Math.max(0, span.start - 5), span.start)) ||
        !namesSoughtThing(context, text.masked().slice(0, span.start), "before", attribute))
    ) {
      warnOnce(
        context,
        `"${text.original.slice(span.start, span.end).trim()}" is not said of the documents here; not read as ${attribute.name}`,
      );
      continue;
    }
    const [firstMonth, lastMonth] = partMonths(match[3] as string);
    const seasonOf = (year: number) => ({ low: epochDay(year, firstMonth, 1), high: epochDay(year, lastMonth + 1, 1) - 1 });
    let year = now.getUTCFullYear();
    // "this winter" in January is the winter that began last December; "last summer" is the latest one that has ended.
    if (match[2] === "this") {
      if (seasonOf(year).low > today && seasonOf(year - 1).high >= today) year -= 1;
    } else if (match[2] === "next" || match[2] === "coming") {
      while (seasonOf(year - 1).low > today) year -= 1;
      while (seasonOf(year).low <= today) year += 1;
    } else while (seasonOf(year).high >= today) year -= 1;
    const { low, high } = seasonOf(year);
    const base = { attribute, negated: false, position: span.start };
    if (match[1]?.startsWith("since") === true)
      push(context, { ...base, kind: "compare", field: attribute.name, operator: "gte", value: low }, span.start, span.end);
    else push(context, { ...base, kind: "range", field: attribute.name, low, high }, span.start, span.end);
  }
  for (const match of text.masked().matchAll(ROLLING)) {
    const span = { start: match.index, end: match.index + match[0].length };
    if (!text.isFree(span) || saidOfAPerson(context, span) || eventOfAnother(context, attribute, span.start, span.end)) continue;
    // "in the last 24 hours"; not "the last 2 hours of rising" (hours only after "in"/"within"..., never before "of").
    const said = match[5] as string;
    if (
      said === "hour" &&
      (!/^(?:in|during|over|within|from|for|since)\s/u.test(match[0]) || /^\s+of(?![\p{L}])/u.test(text.masked().slice(span.end)))
    )
      continue;
    const countText = (match[2] ?? "1").replace(/\s+/g, " ");
    const whole = match[4] !== undefined ? 0 : /couple/u.test(countText) ? 2 : /few/u.test(countText) ? 3 : parseNumberToken(countText);
    if (whole === undefined) continue;
    // "the past half year", "the last year and a half", "the past two and a half months": halves.
    const count = whole + (match[3] !== undefined || match[4] !== undefined || match[6] !== undefined ? 0.5 : 0);
    if (count < 0.5 || (count < 1 && match[6] === undefined && match[4] === undefined)) continue;
    // "the last fortnight": two weeks. "the last 24 hours": whole days, the one begun before now included.
    // Half a year in months, half a month in days, half a week in days.
    const fractional = !Number.isInteger(count);
    const unit =
      said === "fortnight" ? "week" : said === "hour" ? "day" : fractional && said === "year" ? "month" : fractional ? "day" : said;
    const weeks =
      said === "fortnight" ? 2 : said === "hour" ? 1 / 24 : fractional ? ({ year: 12, month: 30, week: 7, day: 1 }[said] ?? 1) : 1;
    const forward = /next|coming|upcoming/.test(match[1] as string);
    if (forward && futureOfAnother(context, attribute, span)) continue;
    const base = { attribute, negated: false, position: span.start };
    const amount = Math.ceil(count * weeks);
    const [low, high] = forward ? [today, shifted(unit, amount)] : [shifted(unit, -amount), today];
    push(context, { ...base, kind: "range", field: attribute.name, low, high }, span.start, span.end);
  }
}
