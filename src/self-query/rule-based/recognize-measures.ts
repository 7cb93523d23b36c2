import type { AttributeDefinition } from "../attribute-schema.js";
import { negationBefore, warnOnce, type Mention, type OrderOperator, type RecognizerContext } from "./mentions.js";
import {
  BOUNDARY_AFTER,
  BOUNDARY_BEFORE,
  BOUNDED_NUMBER_SOURCE,
  cachedRegExp,
  CLAUSE_BREAK,
  DIGITS_SOURCE,
  FOREIGN_UNITS,
  hasScale,
  NUMBER_SOURCE,
  NUMBER_WORDS,
  parseNumberToken,
  phrasePattern,
  phrasesPattern,
} from "./patterns.js";
import { MASK } from "./question-text.js";
import { anotherEventBefore, isOtherThing, isYearMeasure, namesTheDocuments } from "./recognize-dates.js";

/**
 * Comparisons on number/integer attributes (e.g. a price or a score), in words and symbols:
 * "higher than 7", "above 7", "over 7", "more than 7", "> 7", "at least 8", "8 or more", "8+",
 * "no more than 4", "at most 4", "4 or less", "below 6", "under 6", "less than 6", "between 6 and 8",
 * "from 6 to 8", "6-8", "rated 10", "gave it a 10", "10/10", "10 stars", "1-star", "9 or 10",
 * "a perfect score".
 *
 * A number is only read as a value of an attribute when something says so:
 * - a unit of the attribute right after it ("10 stars", "10/10");
 * - an alias of the attribute shortly before it in the same clause ("rated season 4 below 6",
 *   "gave it 9 or 10") or right after it ("8+ rating");
 * - or an explicit comparison ("above 7") when the schema has a single number attribute whose range
 *   holds the value and the number is not followed by a content word ("over 2 fights" is not a score).
 * Numbers that are film numbers, years, authors or limits were claimed earlier and are never read here.
 */

const PREFIX_WORDS: ReadonlyArray<[OrderOperator, readonly string[], boolean]> = [
  // [operator, phrases, explicit comparison]
  [
    "gt",
    [
      "more expensive than",
      "pricier than",
      "costlier than",
      "higher than",
      "greater than",
      "more than",
      "better than",
      "bigger than",
      "larger than",
      "longer than",
      "above",
      "over",
      "exceeding",
      "in excess of",
      "beyond",
      "upwards of",
      // "north of $1,000", "north of 3,000 sq ft": only ever read before a number
      "north of",
      // "over the $500 mark": only before a word for a threshold (see `MARK_AFTER`)
      "over the",
      "above the",
      ">",
    ],
    true,
  ],
  [
    "gte",
    [
      "at least",
      "no less than",
      "not less than",
      "no lower than",
      "not lower than",
      "no worse than",
      "not below",
      "not under",
      "a minimum of",
      "minimum of",
      "minimum",
      "min",
      ">=",
      "=>",
      "≥",
    ],
    true,
  ],
  [
    "lt",
    [
      "cheaper than",
      "less expensive than",
      "for less than",
      "for under",
      "lower than",
      "less than",
      "smaller than",
      "shorter than",
      "worse than",
      "below",
      "under",
      "beneath",
      "fewer than",
      "south of",
      "under the",
      "below the",
      // "sub-$80 headphones", "sub 50k"
      "sub",
      "<",
    ],
    true,
  ],
  [
    "lte",
    [
      "at most",
      "no more than",
      "not more than",
      "no higher than",
      "not higher than",
      "no better than",
      "not above",
      "not over",
      "a maximum of",
      "maximum of",
      "maximum",
      "max",
      "up to",
      // "within 2 km of the beach", "within 30 minutes"
      "within",
      "<=",
      "=<",
      "≤",
    ],
    true,
  ],
  ["eq", ["exactly", "equal to", "equals", "=", "==", "perfect"], true],
  ["eq", ["of", "a", "an", "solid", "is", "was", "as"], false],
];

// Built on first use: dozens of patterns with Unicode classes take milliseconds to compile, at import otherwise.
let prefixPatternList: Array<{ operator: OrderOperator; explicit: boolean; phrase: string; pattern: RegExp }> | undefined;
const prefixPatterns = () =>
  (prefixPatternList ??= PREFIX_WORDS.flatMap(([operator, phrases, explicit]) =>
    phrases.map((phrase) => ({
      operator,
      explicit,
      phrase,
      // "under-$15k hatchbacks", "over-50 runners": an explicit comparison word may be glued to its number with a hyphen.
      pattern: new RegExp(
        `${phrasePattern(phrase)}${explicit && /\p{L}$/u.test(phrase) ? "(?:\\s*-\\s*|\\s*)" : "\\s*"}(?:(?:a|an)\\s+)?$`,
        "u",
      ),
    })),
  ));

/** Comparisons that say the number is a price ("cheaper than $80"). */
const PRICE_COMPARISONS = new Set([
  "more expensive than",
  "pricier than",
  "costlier than",
  "cheaper than",
  "less expensive than",
  "for less than",
  "for under",
]);
/** Units that name a currency: a measure declaring one is the price a price comparison talks about. */
const CURRENCY_UNIT = /^(?:[$€£¥]|usd|eur|gbp|dollars?|euros?|pounds?|bucks)$/iu;

/** A declared unit written before the number: symbols and codes ("$800", "USD 800", "€ 90"). */
function writtenBefore(unit: string): boolean {
  return !/\p{L}/u.test(unit) || /^[A-Z]{2,4}$/u.test(unit.trim());
}

/** A unit as a regular expression source, its characters escaped. */
function escapeUnit(unit: string): string {
  return unit.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
}

/** A suffix word must not start a comparison of its own ("above 8 and below 5"). */
const NO_NUMBER_AFTER = `(?![\\p{L}\\p{N}_])(?!\\s*(?:(?:than|a|an)\\s+)?${NUMBER_SOURCE}(?![\\p{L}\\p{N}_]))`;
const SUFFIX_GTE = [
  /^\s*\+/u,
  new RegExp(
    `^\\s*(?:or|and)\\s+(?:more|higher|above|greater|better|up|upwards|over|bigger|beyond|longer|later|after)${NO_NUMBER_AFTER}`,
    "u",
  ),
  new RegExp(`^\\s*and\\s+up${NO_NUMBER_AFTER}`, "u"),
  // "season 2 onwards", "episode 100 onward"
  new RegExp(`^\\s*onwards?${NO_NUMBER_AFTER}`, "u"),
  // "4 bedrooms minimum", "3 years at least"
  new RegExp(`^\\s*,?\\s*(?:minimum|min|at\\s+(?:the\\s+)?least)${NO_NUMBER_AFTER}`, "u"),
];
const SUFFIX_LTE = [
  new RegExp(
    `^\\s*(?:or|and)\\s+(?:less|lower|below|under|fewer|worse|down|beneath|smaller|shorter|earlier|before)${NO_NUMBER_AFTER}`,
    "u",
  ),
  // "250k max", "$40 tops", "two hours at most"
  new RegExp(`^\\s*,?\\s*(?:maximum|max|tops|at\\s+(?:the\\s+)?most)${NO_NUMBER_AFTER}`, "u"),
];
/** True when a suffix comparison follows: the number starts a phrase of its own, never a list item. */
const suffixFollows = (after: string) => [...SUFFIX_GTE, ...SUFFIX_LTE].some((pattern) => pattern.test(after));

const NUMBER_AT_START = new RegExp(`^(${NUMBER_SOURCE})(?![\\p{L}\\p{N}_]|\\.\\d)`, "u");
const LIST_JOIN_AFTER = /^\s*(?:,\s*(?:or|and)?|or|and|&|\/)\s*(?:(?:a|an)\s+)?/u;

/** Words after a number that leave it a plausible bare value ("above 7 that ...", "above 7."). */
const FUNCTION_WORDS = new Set([
  "and",
  "or",
  // "episode 100 through episode 120": the other end of a range.
  "through",
  "thru",
  "until",
  "till",
  "but",
  "that",
  "who",
  "whom",
  "which",
  "with",
  "from",
  "in",
  "for",
  "on",
  "by",
  "to",
  "of",
  "the",
  "a",
  "an",
  "about",
  "what",
  "how",
  "why",
  "do",
  "did",
  "does",
  "is",
  "are",
  "was",
  "were",
  "have",
  "has",
  "had",
  "please",
  "only",
  "so",
  "still",
  "yet",
  "then",
  "say",
  "said",
  "says",
  "think",
  "thought",
  "mention",
  "mentioned",
  "talk",
  "complain",
  "complained",
  "like",
  "liked",
  "dislike",
  "disliked",
  "love",
  "loved",
  "hate",
  "hated",
  "praise",
  "praised",
  "reviews",
  "review",
  "reviewers",
  "reviewer",
  "people",
  "users",
  "critics",
  "written",
  "posted",
  "overall",
  "also",
  "too",
  "this",
  "these",
  "those",
  "it",
  "they",
  "them",
  "their",
  "we",
  "i",
  "you",
  "should",
  "would",
  "could",
  "can",
  "will",
  "point",
  "criticize",
  "criticise",
  "where",
  "when",
]);

const GAP_FILLERS = [
  "it",
  "a",
  "an",
  "the",
  "them",
  "this",
  "that",
  "one",
  "with",
  "of",
  "as",
  "at",
  "was",
  "is",
  "were",
  "are",
  "only",
  "just",
  "solid",
];

/** Words between a cue and its number that go with the cue: the fillers and the one-word names of enum attributes ("rated the film 8"). */
function gapFillers(context: RecognizerContext): ReadonlySet<string> {
  const names = context.schema.attributes
    .filter((attribute) => attribute.type === "enum")
    .flatMap((attribute) => attribute.aliases.filter((alias) => /^\p{L}+$/u.test(alias)).map((alias) => alias.toLowerCase()));
  return new Set([...GAP_FILLERS, ...names]);
}

interface Phrase {
  start: number;
  end: number;
  values: number[];
  shape: "single" | "range" | "list";
  operator: OrderOperator;
  explicit: boolean;
  unitAttribute?: AttributeDefinition;
  /** The comparison words before the number, when there are some ("cheaper than"). */
  prefixPhrase?: string;
  /** An indefinite article right before the number ("with a 9"): the number is a grade, not a count. */
  article?: boolean;
  /** What the written unit is in the attribute's declared unit ("hours" on minutes: 60). */
  factor?: number;
}

interface MatchedUnit {
  attribute: AttributeDefinition;
  length: number;
  factor: number;
}

/** Words for people right before a comparison ("kids under 10"): the number after it is their age. */
const PERSON_BEFORE =
  /(?<![\p{L}])(?:kids|children|toddlers|teens|teenagers|babies|boys|girls|adults|people|students|players|seniors|users|anyone|someone)\s+$/u;

/** A threshold noun after "under the <number>" ("the $400 mark", "the 2,000 sq ft threshold"). */
const MARK_AFTER = /^\s+(?:mark|threshold|level|line|limit|barrier)(?![\p{L}])/u;

/** A score written as a fraction: "/5", "out of 10". */
const FRACTION_UNIT = /^(?:\/|out\s+of\s+)\s*(\d+)$/u;
/** "only the 7/10s", "the 4/5's": a fraction score in the plural (the documents of that grade), then a word boundary. */
const FRACTION_PLURAL = "(?:['’]?s)?(?![\\p{L}\\p{N}_])";

/**
 * "9/10" or "8 out of 10" on the one measure that declares a score as a fraction of another base ("/5"): converted to
 * its scale (9/10 on a 1-5 rating is 4.5), where before "9/10" read as the list 9 or 10.
 */
function fractionUnits(
  measures: readonly AttributeDefinition[],
): Array<{ attribute: AttributeDefinition; factor: number; pattern: RegExp }> {
  const scored = measures.filter(
    (attribute) => attribute.maximum !== undefined && attribute.units.some((unit) => FRACTION_UNIT.test(unit.trim())),
  );
  if (scored.length !== 1) return [];
  const attribute = scored[0] as AttributeDefinition;
  const declared = new Set(attribute.units.map((unit) => Number(FRACTION_UNIT.exec(unit.trim())?.[1])));
  return [5, 10, 100]
    .filter((base) => !declared.has(base))
    .map((base) => ({
      attribute,
      factor: (attribute.maximum as number) / base,
      pattern: new RegExp(`^\\s*(?:\\/|out\\s+of)\\s*${base}${FRACTION_PLURAL}`, "u"),
    }));
}

/** Units of time, in minutes. */
const DURATION_UNITS: ReadonlyMap<string, number> = new Map([
  ["second", 1 / 60],
  ["seconds", 1 / 60],
  ["sec", 1 / 60],
  ["secs", 1 / 60],
  ["minute", 1],
  ["minutes", 1],
  ["min", 1],
  ["mins", 1],
  ["hour", 60],
  ["hours", 60],
  ["hr", 60],
  ["hrs", 60],
  ["day", 1_440],
  ["days", 1_440],
  ["week", 10_080],
  ["weeks", 10_080],
]);

/** A count of nights and the units of days it converts from, in nights. */
const NIGHT_UNITS: ReadonlyMap<string, number> = new Map([
  ["night", 1],
  ["nights", 1],
  ["day", 1],
  ["days", 1],
  ["week", 7],
  ["weeks", 7],
]);

/**
 * The one measure that declares a unit of time ("minutes"), with the other units of time it converts from
 * ("hours" = 60 minutes); `undefined` when no measure or several do.
 */
function durationMeasure(
  measures: readonly AttributeDefinition[],
): { attribute: AttributeDefinition; unit: string; otherUnits: string[]; factorOf: (unit: string) => number } | undefined {
  const timedBy = (table: ReadonlyMap<string, number>) =>
    measures.flatMap((attribute) => {
      const unit = attribute.units.find((candidate) => table.has(candidate.toLowerCase().trim()));
      return unit === undefined ? [] : [{ attribute, unit }];
    });
  // A count of nights ("nights" of a stay) is a duration in days: "for more than a week" is over 7 nights. Only
  // when no measure declares a unit of time proper, and it converts only from days and weeks (not from hours).
  const clock = timedBy(DURATION_UNITS);
  const nightly = clock.length === 0 ? timedBy(NIGHT_UNITS) : [];
  const timed = clock.length === 0 ? nightly : clock;
  const table = clock.length === 0 ? NIGHT_UNITS : DURATION_UNITS;
  if (timed.length !== 1) return undefined;
  const { attribute, unit } = timed[0] as { attribute: AttributeDefinition; unit: string };
  const base = table.get(unit.toLowerCase().trim()) as number;
  const declared = new Set(attribute.units.map((candidate) => candidate.toLowerCase().trim()));
  return {
    attribute,
    unit,
    otherUnits: [...table.keys()].filter((candidate) => !declared.has(candidate)),
    factorOf: (written) => {
      const lower = written.toLowerCase().trim();
      return declared.has(lower) || !table.has(lower) ? 1 : (table.get(lower) as number) / base;
    },
  };
}

export function recognizeMeasures(context: RecognizerContext): void {
  const measures = context.schema.attributes.filter((attribute) => attribute.type === "number" || attribute.type === "integer");
  if (measures.length === 0) return;
  const hasDate = context.schema.attributes.some((attribute) => attribute.type === "date");
  const duration = durationMeasure(measures);
  const units = measures.flatMap((attribute) =>
    // "10-star", but "$300-$600" is a range: a unit written before its number takes no dash after one.
    // A plural unit also matches in the singular ("1 *year of experience*" for "years of experience").
    // A duration in another unit of time than the one declared is converted ("2 hours" on a minutes attribute).
    [
      ...new Set([
        ...attribute.units.flatMap((unit) => [unit, singularUnit(unit)]),
        ...(duration?.attribute === attribute ? duration.otherUnits : []),
      ]),
    ].map((unit) => ({
      attribute,
      factor: duration?.attribute === attribute ? duration.factorOf(unit) : 1,
      pattern: new RegExp(
        `^(?:\\s*${writtenBefore(unit) ? "" : "-?\\s*"}${FRACTION_UNIT.test(unit.trim()) ? `${phrasePattern(unit, { boundaryAfter: false })}${FRACTION_PLURAL}` : phrasePattern(unit)}${/^\p{L}+$/u.test(unit.trim()) ? `|${escapeUnit(unit.trim().toLowerCase())}(?![\\p{L}\\p{N}_])` : ""})`,
        "u",
      ),
    })),
  );
  units.push(...fractionUnits(measures));
  const foreignUnit = new RegExp(`^\\s*-?\\s*${phrasesPattern(FOREIGN_UNITS)}`, "u");
  const aliasPatterns = measures.map((attribute) => ({
    attribute,
    pattern: new RegExp(phrasesPattern(attribute.aliases.flatMap(inflections)), "gu"),
  }));
  const unitsBefore = measures.flatMap((attribute) =>
    attribute.units
      .filter(writtenBefore)
      .map((unit) => ({ attribute, pattern: new RegExp(`(?:^|(?<![\\p{L}\\p{N}_]))${phrasePattern(unit)}\\s*$`, "u") })),
  );
  const unitPrefix =
    unitsBefore.length === 0 ? "" : `(?:${phrasesPattern(measures.flatMap((attribute) => attribute.units.filter(writtenBefore)))}\\s*)?`;
  const { text } = context;

  const matchUnitBefore = (before: string): { attribute: AttributeDefinition; length: number } | undefined => {
    let best: { attribute: AttributeDefinition; length: number } | undefined;
    for (const { attribute, pattern } of unitsBefore) {
      const match = pattern.exec(before);
      if (match && (best === undefined || match[0].length > best.length)) best = { attribute, length: match[0].length };
    }
    return best;
  };

  const matchUnit = (after: string): MatchedUnit | undefined => {
    let best: MatchedUnit | undefined;
    for (const { attribute, pattern, factor } of units) {
      const match = pattern.exec(after);
      if (match && (best === undefined || match[0].length > best.length)) best = { attribute, length: match[0].length, factor };
    }
    return best;
  };

  // A declared unit of letters may be glued to its number ("3br", "2bd", "5kg"): only the schema's own units.
  const glued = measures.flatMap((attribute) => attribute.units).filter((unit) => /^\p{L}+$/u.test(unit.trim()));
  const gluedAfter =
    glued.length === 0 ? "" : `|(?=(?:${glued.map((unit) => escapeUnit(unit.trim().toLowerCase())).join("|")})(?![\\p{L}\\p{N}_]))`;
  const numberPattern =
    gluedAfter === ""
      ? new RegExp(BOUNDED_NUMBER_SOURCE, "gu")
      : new RegExp(`(?<![\\p{L}\\p{N}_.])${NUMBER_SOURCE}(?:(?![\\p{L}\\p{N}_]|\\.\\d)${gluedAfter})`, "gu");
  const numberAtStart =
    gluedAfter === "" ? NUMBER_AT_START : new RegExp(`^(${NUMBER_SOURCE})(?:(?![\\p{L}\\p{N}_]|\\.\\d)${gluedAfter})`, "u");
  recognizeNoneRequired(context, measures);
  // Amounts of time in words first ("under two and a half hours"), before their number words are read alone.
  if (duration !== undefined) recognizeArticleDurations(context, duration.attribute, duration.factorOf);
  recognizeLengthsOfAnother(context, measures);
  for (const match of text.masked().matchAll(numberPattern)) {
    const start = match.index;
    const token = match[0];
    if (!text.isFree({ start, end: start + token.length })) continue;
    const masked = text.masked();
    const value = parseNumberToken(token);
    if (value === undefined) continue;
    if (NUMBER_WORDS.has(token) && /^\s+of(?![\p{L}\p{N}_])/u.test(masked.slice(start + token.length))) continue;
    const unitBefore = matchUnitBefore(masked.slice(Math.max(0, start - 12), start));
    const afterToken = masked.slice(start + token.length);
    // "2500+ sq ft": the unit may follow the "+".
    const declaredAfter = matchUnit(afterToken) ?? matchUnit(afterToken.replace(/^\s*\+/u, ""));
    // Declared units win over the built-in list of units that count something else.
    // "2000-2800 m": a four-digit number whose range's other end carries a declared unit is no year.
    const otherEnd = /^\s*(?:-|to)\s*\d[\d,.]*/u.exec(afterToken);
    const declared =
      unitBefore !== undefined ||
      declaredAfter !== undefined ||
      (otherEnd !== null && matchUnit(afterToken.slice(otherEnd[0].length)) !== undefined);
    if (!declared && hasDate && /^\d{4}$/.test(token)) continue;
    // "cited fewer than fifty times": "times" after a number cued by a measure's alias counts that verb's occasions.
    const occasionsCue = /^\s+times(?![\p{L}])/u.test(afterToken)
      ? cueBefore(masked, start, aliasPatterns, gapFillers(context))
      : undefined;
    const occasions = occasionsCue !== undefined && countsOccasions(occasionsCue.attribute);
    if (!declared && !occasions && foreignUnit.test(masked.slice(start + token.length))) continue;
    // "for the last 10 years", "over the past 3 months": a period of time (the dates read it, or leave it), no measure.
    if (
      /(?<![\p{L}])(?:last|past|previous|next|coming)\s+$/u.test(masked.slice(Math.max(0, start - 12), start)) &&
      /^\s*(?:years?|months?|weeks?|days?)(?![\p{L}])(?!\s+(?:of|in)(?![\p{L}]))/u.test(afterToken)
    )
      continue;

    const phrase = readPhrase(masked, start, token, value, matchUnit, unitBefore, unitPrefix, numberAtStart);
    if (phrase === undefined) continue;
    // Said once the number is placed: "read "2 hours" as cook_minutes 120 (minutes)".
    let conversion: string | undefined;
    if (phrase.factor !== undefined && phrase.factor !== 1) {
      const converted = phrase.values.map((number) => Math.round(number * (phrase.factor as number) * 1e6) / 1e6);
      const timed = duration !== undefined && phrase.unitAttribute === duration.attribute;
      conversion = `read "${text.original.slice(phrase.start, phrase.end).trim()}" as ${phrase.unitAttribute?.name ?? "a duration"} ${converted.join("-")}${timed ? ` (${duration.unit})` : ` (on its ${phrase.unitAttribute?.minimum ?? ""}-${phrase.unitAttribute?.maximum ?? ""} scale)`}`;
      phrase.values = converted;
    }
    // "earbuds that fit kids under 10", "a camp for teens over 14": a bare number compared right after a word for people is
    // their age.
    const person = PERSON_BEFORE.exec(masked.slice(Math.max(0, phrase.start - 20), phrase.start));
    if (person !== null && phrase.unitAttribute === undefined && phrase.explicit && phrase.prefixPhrase !== undefined) {
      warnOnce(
        context,
        `"${text.original.slice(phrase.start - person[0].length, phrase.end).trim()}" is an age of people; not read as a constraint`,
      );
      continue;
    }
    // "a company over 10 years old": an age, read (or warned about) with the dates, never a duration.
    if (
      /^\s+old(?![\p{L}])/u.test(masked.slice(phrase.end)) &&
      /(?:year|month|week|day)s?\s*$/u.test(masked.slice(phrase.start, phrase.end))
    )
      continue;
    // "under the $400 mark": "the" goes with a threshold noun; "over the 2 fights" compares nothing.
    const mark = MARK_AFTER.exec(masked.slice(phrase.end));
    if (phrase.prefixPhrase?.endsWith(" the") === true) {
      if (mark === null) continue;
      phrase.end += mark[0].length;
    }
    const difference = differenceOrWorth(context, phrase, masked);
    if (difference !== undefined) {
      warnOnce(context, `"${difference}" is not a value of the documents; not read as a constraint`);
      continue;
    }
    if (describesSomethingElse(context, phrase, masked)) {
      warnOnce(
        context,
        `"${text.original.slice(phrase.start, phrase.end)}" describes something else here (it qualifies "${nextWord(masked, phrase.end) ?? ""}"); not read as ${phrase.unitAttribute?.name ?? "a constraint"}`,
      );
      continue;
    }
    // "a sabbatical after five years", "3 years ago", "a raise every 2 years": a point or a period in time, not an amount.
    const when = pointInTime(masked, phrase);
    if (when !== undefined && !namesItsAttribute(text.normalized.slice(phrase.start, phrase.end), measures)) {
      warnOnce(context, `"${when}" says when something happens; not read as a constraint`);
      continue;
    }
    // "the top 5 tracks", "the first 3 episodes": a selection of that many things, not a value of the documents.
    if (!phrase.explicit && phrase.shape === "single" && SELECTION_BEFORE.test(masked.slice(Math.max(0, phrase.start - 12), phrase.start)))
      continue;
    const attribution = attributeOf(context, phrase, measures, aliasPatterns);
    if (attribution === undefined) {
      if (phrase.explicit) {
        warnOnce(
          context,
          `"${text.original.slice(phrase.start, phrase.end).trim()}" was not read as a constraint: nothing says which of ${measures.map((measure) => measure.name).join(", ")} it is (add a unit or the attribute's name)`,
        );
      }
      continue;
    }

    // "recipes that keep for 3 days": another unit of time is only converted after a comparison or the attribute's cue.
    if (conversion !== undefined && duration?.attribute === attribution.attribute && !phrase.explicit && attribution.cueStart === undefined)
      continue;
    // "€5,000 a month" on a yearly salary: twelve times that a year (and the other way round), with a warning.
    const perYear = yearlyRate(masked, phrase, attribution.attribute);
    const said = anotherAmount(masked, phrase, attribution.attribute);
    const other = perYear !== undefined && said?.startsWith("an amount per") === true ? undefined : said;
    if (other === undefined && perYear !== undefined) {
      phrase.values = phrase.values.map((number) => Math.round(number * perYear * 1e6) / 1e6);
      warnOnce(
        context,
        `read "${text.original.slice(phrase.start, phrase.end).trim()}${RATE_AFTER.exec(masked.slice(phrase.end))?.[0] ?? ""}" as ${attribution.attribute.name} ${phrase.values.join("-")} (${perYear > 1 ? "a year" : "a month"})`,
      );
    }
    if (other !== undefined) {
      warnOnce(
        context,
        `"${text.original.slice(phrase.start, phrase.end).trim()}" is ${other}, not ${attribution.attribute.name}; not read as a constraint`,
      );
      continue;
    }
    repeatedNameRange(masked, phrase, attribution);
    orderBeforeCue(masked, phrase, attribution);
    const claimStart = attribution.cueStart ?? phrase.start;
    const negationStart = negationBefore(text, claimStart);
    text.claim({ start: negationStart ?? phrase.start, end: phrase.end });
    // "in the $500k-$750k range", "in the 2-3 bedroom bracket": the frame belongs to the range.
    const frameAfter = /^\s*(?:price\s+)?(?:range|bracket)(?![\p{L}])/u.exec(text.masked().slice(phrase.end));
    const frameBefore = /(?<![\p{L}])(?:in|within)\s+the\s+$/u.exec(text.masked().slice(Math.max(0, phrase.start - 12), phrase.start));
    if (phrase.shape === "range" && frameAfter !== null) {
      text.claim({ start: phrase.end, end: phrase.end + frameAfter[0].length });
      if (frameBefore !== null) text.claim({ start: phrase.start - frameBefore[0].length, end: phrase.start });
    }
    // "over €60k a year" on a yearly salary: the rate belongs to the amount.
    const rate = RATE_AFTER.exec(text.masked().slice(phrase.end));
    if (rate !== null) text.claim({ start: phrase.end, end: phrase.end + rate[0].length });
    if (attribution.cueStart !== undefined && attribution.cueEnd !== undefined) {
      text.claim({ start: attribution.cueStart, end: attribution.cueEnd });
      if (attribution.claimGap) text.claim({ start: attribution.cueEnd, end: phrase.start });
    }
    if (negationStart !== undefined) text.claim({ start: negationStart, end: claimStart });
    // "5 years of experience": the attribute's name right after the phrase belongs to it.
    const trailing = cachedRegExp(`^\\s*(?:of\\s+|in\\s+)?${phrasesPattern(attribution.attribute.aliases)}`).exec(
      text.masked().slice(phrase.end),
    );
    if (trailing !== null && attribution.attribute.aliases.length > 0)
      text.claim({ start: phrase.end, end: phrase.end + trailing[0].length });
    let approximate =
      phrase.shape === "single" && phrase.operator === "eq" && !phrase.explicit
        ? APPROXIMATE.exec(text.masked().slice(Math.max(0, phrase.start - 20), phrase.start))
        : null;
    // "about" is mostly a preposition ("tell me about 3-bedroom homes"); it approximates only after the attribute's cue or a copula.
    if (approximate !== null && /^about/u.test(approximate[0].trim())) {
      const before = text.normalized.slice(Math.max(0, phrase.start - approximate[0].length - 30), phrase.start - approximate[0].length);
      const previous = /([\p{L}]+)\s*$/u.exec(before)?.[1];
      const cued = attribution.cueEnd !== undefined && attribution.cueEnd <= phrase.start - approximate[0].length;
      if (!cued && (previous === undefined || !ABOUT_AFTER.has(previous))) approximate = null;
    }
    if (conversion !== undefined) warnOnce(context, conversion);
    if (approximate !== null) {
      text.claim({ start: phrase.start - approximate[0].length, end: phrase.start });
      addApproximate(
        context,
        attribution.attribute,
        phrase,
        negationStart !== undefined,
        text.original.slice(phrase.start - approximate[0].length, phrase.end),
      );
      continue;
    }
    addMention(context, attribution.attribute, phrase, negationStart !== undefined);
  }

  recognizeExtremes(context, measures);
}

/**
 * The value of an amount of time in words, in the measure's unit, from the groups of one amount: half, its unit, "and a
 * half/quarter", the word before "quarter(s)", its unit, the count before "and a half", its unit.
 */
function amountValue(groups: ReadonlyArray<string | undefined>, factorOf: (unit: string) => number): number {
  const [half, unit, andPart, quarterWord, quarterUnit, halvedWord, halvedUnit] = groups;
  const halvedCount = halvedWord === undefined ? undefined : parseNumberToken(halvedWord);
  const count =
    quarterWord !== undefined
      ? quarterWord === "three"
        ? 0.75
        : 0.25
      : halvedCount !== undefined
        ? halvedCount + 0.5
        : half !== undefined
          ? 0.5
          : andPart !== undefined
            ? andPart.endsWith("quarter")
              ? 1.25
              : 1.5
            : 1;
  return Math.round(count * factorOf((unit ?? quarterUnit ?? halvedUnit) as string) * 1e6) / 1e6;
}

/** Words before a bare count that select that many things ("the top 5 tracks"). */
const SELECTION_BEFORE = /(?<![\p{L}])(?:top|first|last|latest|best|worst)\s+$/u;

/** Words around an amount of time in words that make it the value itself ("two hours and a half *long*", "*lasting* an hour"). */
const AMOUNT_ITSELF_AFTER = /^\s*-?\s*long(?![\p{L}])/u;
const AMOUNT_ITSELF_BEFORE = /(?<![\p{L}])(?:lasting|runs|running|of)\s+$/u;

/** A count before "and a half" ("two and a half hours", "2 and a half hours"). */
const HALVED_COUNT = `\\d+|${[...NUMBER_WORDS.keys()].filter((word) => word !== "zero" && !/\\s/u.test(word)).join("|")}`;

/**
 * "under an hour", "in less than half an hour", "at most a day and a half": a unit of time counted by its article,
 * after an explicit comparison, on the one measure of time (in its declared unit).
 */
function recognizeArticleDurations(context: RecognizerContext, attribute: AttributeDefinition, factorOf: (unit: string) => number): void {
  const { text } = context;
  const comparisons = PREFIX_WORDS.filter(([, , explicit]) => explicit).flatMap(([operator, phrases]) =>
    phrases.filter((phrase) => /^\p{L}/u.test(phrase)).map((phrase) => ({ operator, phrase })),
  );
  // "half an hour", "an hour and a half", "an hour and a quarter", "a quarter (of an) hour", "three quarters of an hour",
  // "two and a half hours".
  const amount = `(?:(half\\s+)?an?\\s+(minute|hour|day|week)(\\s+and\\s+a\\s+(?:half|quarter))?|(a|one|three)\\s+quarters?\\s+(?:of\\s+an?\\s+)?(minute|hour|day|week)|(${HALVED_COUNT})\\s+and\\s+a\\s+half\\s+(minute|hour|day|week)s)`;
  const pattern = new RegExp(
    `(?<![\\p{L}])(?:(${phrasesPattern(comparisons.map((entry) => entry.phrase))})\\s+)?${amount}(?![\\p{L}])`,
    "gu",
  );
  const masked = text.masked();
  // "between half an hour and an hour": a range of two amounts.
  for (const match of masked.matchAll(new RegExp(`(?<![\\p{L}])between\\s+${amount}\\s+and\\s+${amount}(?![\\p{L}])`, "gu"))) {
    const span = { start: match.index, end: match.index + match[0].length };
    if (!text.isFree(span)) continue;
    const [first, second] = [amountValue(match.slice(1, 8), factorOf), amountValue(match.slice(8, 15), factorOf)];
    const negationStart = negationBefore(text, span.start);
    text.claim({ start: negationStart ?? span.start, end: span.end });
    const values = [Math.min(first, second), Math.max(first, second)];
    warnOnce(context, `read "${text.original.slice(span.start, span.end)}" as ${attribute.name} ${values.join("-")}`);
    addMention(
      context,
      attribute,
      { start: span.start, end: span.end, values, shape: "range", operator: "eq", explicit: true, unitAttribute: attribute },
      negationStart !== undefined,
    );
  }
  for (const match of masked.matchAll(pattern)) {
    const span = { start: match.index, end: match.index + match[0].length };
    if (!text.isFree(span)) continue;
    const words = (match[1] ?? "").replace(/\s+/gu, " ");
    // "two and a half hours or less", "half an hour max": the comparison after the amount.
    const after = masked.slice(span.end);
    const suffix = SUFFIX_GTE.find((candidate) => candidate.test(after)) ?? SUFFIX_LTE.find((candidate) => candidate.test(after));
    // "two and a half hours long", "episodes lasting half an hour": the amount itself.
    const itself = AMOUNT_ITSELF_AFTER.test(after) || AMOUNT_ITSELF_BEFORE.test(masked.slice(Math.max(0, span.start - 12), span.start));
    const operator =
      match[1] !== undefined
        ? comparisons.find((entry) => entry.phrase === words)?.operator
        : suffix !== undefined
          ? SUFFIX_GTE.includes(suffix)
            ? "gte"
            : "lte"
          : itself
            ? "eq"
            : undefined;
    if (operator === undefined) continue;
    if (match[1] === undefined && suffix !== undefined) span.end += suffix.exec(after)?.[0].length ?? 0;
    const value = amountValue(match.slice(2, 9), factorOf);
    // "soups that *take* under an hour": the attribute's cue right before goes with it.
    const before = text.masked().slice(Math.max(0, span.start - 40), span.start);
    const cue =
      attribute.aliases.length === 0 ? null : cachedRegExp(`${phrasesPattern(attribute.aliases.flatMap(inflections))}\\s*$`).exec(before);
    if (cue !== null) text.claim({ start: span.start - (before.length - cue.index), end: span.start });
    const negationStart = negationBefore(text, span.start);
    text.claim({ start: negationStart ?? span.start, end: span.end });
    const phrase: Phrase = {
      start: span.start,
      end: span.end,
      values: [value],
      shape: "single",
      operator,
      explicit: true,
      unitAttribute: attribute,
    };
    warnOnce(context, `read "${text.original.slice(span.start, span.end)}" as ${attribute.name} ${value}`);
    addMention(context, attribute, phrase, negationStart !== undefined);
  }
}

/** Units of length, in metres. */
const LENGTH_UNITS: ReadonlyMap<string, number> = new Map([
  ...["m", "metre", "metres", "meter", "meters"].map((unit): [string, number] => [unit, 1]),
  ...["km", "kms", "kilometre", "kilometres", "kilometer", "kilometers"].map((unit): [string, number] => [unit, 1000]),
  ...["ft", "foot", "feet"].map((unit): [string, number] => [unit, 0.3048]),
  ...["mi", "mile", "miles"].map((unit): [string, number] => [unit, 1609.344]),
]);

/**
 * "over a kilometre of ascent", "less than half a kilometre of climb", "more than 1.5 km of climbing": a length in
 * another unit than the one a length measure declares, followed by "of" and that measure's alias, is that measure, in
 * its declared unit (a unit with an article and no number is one of it). Only the attribute named after "of" decides:
 * "1.5 km of climbing" is the ascent in metres even when the route's distance is declared in kilometres.
 */
function recognizeLengthsOfAnother(context: RecognizerContext, measures: readonly AttributeDefinition[]): void {
  const lengths = measures.flatMap((attribute) => {
    const unit = attribute.units.find((candidate) => LENGTH_UNITS.has(candidate.trim().toLowerCase()));
    return unit === undefined || attribute.aliases.length === 0
      ? []
      : [{ attribute, metres: LENGTH_UNITS.get(unit.trim().toLowerCase()) as number }];
  });
  if (lengths.length === 0) return;
  const { text } = context;
  const comparisons = PREFIX_WORDS.filter(([, , explicit]) => explicit).flatMap(([operator, phrases]) =>
    phrases.filter((phrase) => /^\p{L}/u.test(phrase)).map((phrase) => ({ operator, phrase })),
  );
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}_.])(?:(${phrasesPattern(comparisons.map((entry) => entry.phrase))})\\s+)?(?:(half\\s+)?an?\\s+|(${DIGITS_SOURCE})\\s*)(${[...LENGTH_UNITS.keys()].join("|")})\\s+of\\s+(?:(?:the|total)\\s+)?(${phrasesPattern(lengths.flatMap(({ attribute }) => attribute.aliases.flatMap(inflections)))})(?![\\p{L}])`,
    "gu",
  );
  for (const match of text.masked().matchAll(pattern)) {
    const span = { start: match.index, end: match.index + match[0].length };
    if (!text.isFree(span)) continue;
    const alias = (match[5] as string).toLowerCase();
    const target = lengths.find(({ attribute }) => attribute.aliases.flatMap(inflections).some((form) => form.toLowerCase() === alias));
    const written = LENGTH_UNITS.get((match[4] as string).toLowerCase()) as number;
    if (target === undefined || written === target.metres) continue;
    const count = match[3] === undefined ? (match[2] === undefined ? 1 : 0.5) : parseNumberToken(match[3]);
    if (count === undefined) continue;
    const words = (match[1] ?? "").replace(/\s+/gu, " ");
    const operator = match[1] === undefined ? "eq" : comparisons.find((entry) => entry.phrase === words)?.operator;
    if (operator === undefined) continue;
    const value = Math.round(((count * written) / target.metres) * 1e6) / 1e6;
    const negationStart = negationBefore(text, span.start);
    text.claim({ start: negationStart ?? span.start, end: span.end });
    warnOnce(context, `read "${text.original.slice(span.start, span.end)}" as ${target.attribute.name} ${value}`);
    addMention(
      context,
      target.attribute,
      { start: span.start, end: span.end, values: [value], shape: "single", operator, explicit: true, unitAttribute: target.attribute },
      negationStart !== undefined,
    );
  }
}

function readPhrase(
  masked: string,
  start: number,
  token: string,
  value: number,
  matchUnit: (after: string) => MatchedUnit | undefined,
  unitBefore: { attribute: AttributeDefinition; length: number } | undefined,
  unitPrefix: string,
  numberAtStart: RegExp,
): Phrase | undefined {
  let end = start + token.length;
  const unit = matchUnit(masked.slice(end));
  let unitAttribute = unitBefore?.attribute ?? unit?.attribute;
  let factor = unitBefore === undefined ? unit?.factor : 1;
  if (unit) end += unit.length;
  // "$800": the phrase starts at the unit, comparison words come before it.
  start -= unitBefore?.length ?? 0;

  const before = masked.slice(Math.max(0, start - 40), start);
  const article = unitBefore === undefined && /(?<![\p{L}\p{N}_'])(?:a|an)\s+$/u.test(before) ? { article: true } : {};
  let prefix: { operator: OrderOperator; explicit: boolean; length: number; phrase: string } | undefined;
  for (const candidate of prefixPatterns()) {
    const found = candidate.pattern.exec(before);
    if (found && (prefix === undefined || found[0].length > prefix.length))
      prefix = { operator: candidate.operator, explicit: candidate.explicit, length: found[0].length, phrase: candidate.phrase };
  }
  const RANGE_AFTER = new RegExp(
    `^\\s*(-|to|through|thru|and|up\\s+to|until|till)\\s*(?:(?:a|an)\\s+)?${unitPrefix}(?=${NUMBER_SOURCE}(?![\\p{L}\\p{N}_]))`,
    "u",
  );
  const betweenBefore = /(?<![\p{L}\p{N}_])(between|from)\s*$/u.exec(before);

  // Range: "between 6 and 8", "from 6 to 8", "6-8", "6 to 8"
  const rangeJoin = RANGE_AFTER.exec(masked.slice(end));
  // "from $300k up to $450k": "up to" / "until" join a range only after "from".
  const joinWord = rangeJoin?.[1]?.replace(/\s+/gu, " ");
  const joins =
    joinWord === "and"
      ? betweenBefore?.[1] === "between"
      : ["up to", "until", "till"].includes(joinWord ?? "")
        ? betweenBefore?.[1] === "from"
        : true;
  if (rangeJoin && joins) {
    const secondStart = end + rangeJoin[0].length;
    const second = numberAtStart.exec(masked.slice(secondStart));
    const secondValue = second ? parseNumberToken(second[1] as string) : undefined;
    if (second && secondValue !== undefined) {
      let rangeEnd = secondStart + second[0].length;
      const secondUnit = matchUnit(masked.slice(rangeEnd));
      if (secondUnit) {
        rangeEnd += secondUnit.length;
        unitAttribute ??= secondUnit.attribute;
        factor ??= secondUnit.factor;
      }
      const rangeStart = betweenBefore ? start - betweenBefore[0].length : start;
      // "1 to 2 million", "40-55k": a scale written once, after the second number, applies to both ends.
      const firstValue = sharedScale(masked.slice(start, end), second[1] as string, value, secondValue);
      const low = Math.min(firstValue, secondValue);
      const high = Math.max(firstValue, secondValue);
      return {
        start: rangeStart,
        end: rangeEnd,
        values: [low, high],
        shape: "range",
        operator: "eq",
        explicit: true,
        ...(unitAttribute ? { unitAttribute } : {}),
        ...(factor === undefined ? {} : { factor }),
      };
    }
  }

  // Suffix comparison: "8 or more", "8+", "4 or less"
  const after = masked.slice(end);
  const gte = SUFFIX_GTE.map((pattern) => pattern.exec(after)).find((found) => found !== null);
  const lte = SUFFIX_LTE.map((pattern) => pattern.exec(after)).find((found) => found !== null);
  if (gte || lte) {
    const suffix = (gte ?? lte) as RegExpExecArray;
    let suffixEnd = end + suffix[0].length;
    const trailingUnit = matchUnit(masked.slice(suffixEnd));
    if (trailingUnit) {
      suffixEnd += trailingUnit.length;
      unitAttribute ??= trailingUnit.attribute;
      factor ??= trailingUnit.factor;
    }
    const phraseStart = prefix && !prefix.explicit ? start - prefix.length : start;
    return {
      start: phraseStart,
      end: suffixEnd,
      values: [value],
      shape: "single",
      operator: gte ? "gte" : "lte",
      explicit: true,
      ...(unitAttribute ? { unitAttribute } : {}),
      ...(factor === undefined ? {} : { factor }),
    };
  }

  // List: "9 or 10", "8, 9 or 10"
  const values = [value];
  let listEnd = end;
  for (;;) {
    const join = LIST_JOIN_AFTER.exec(masked.slice(listEnd));
    if (!join || join[0].trim() === "") break;
    const nextStart = listEnd + join[0].length;
    const next = numberAtStart.exec(masked.slice(nextStart));
    const nextValue = next ? parseNumberToken(next[1] as string) : undefined;
    if (!next || nextValue === undefined || /^\d{4}$/.test(next[1] as string)) break;
    // "two bedrooms, 250k max": a number with a comparison of its own after it is not a list item.
    if (suffixFollows(masked.slice(nextStart + next[0].length))) break;
    values.push(nextValue);
    listEnd = nextStart + next[0].length;
    const listUnit = matchUnit(masked.slice(listEnd));
    if (listUnit) {
      listEnd += listUnit.length;
      unitAttribute ??= listUnit.attribute;
      factor ??= listUnit.factor;
    }
  }
  if (values.length > 1) {
    const listStart = prefix && !prefix.explicit ? start - prefix.length : start;
    return {
      start: listStart,
      end: listEnd,
      values,
      shape: "list",
      operator: "eq",
      explicit: false,
      ...(unitAttribute ? { unitAttribute } : {}),
      ...(factor === undefined ? {} : { factor }),
      ...article,
    };
  }

  const phraseStart = prefix ? start - prefix.length : start;
  return {
    start: phraseStart,
    end,
    values: [value],
    shape: "single",
    operator: prefix?.operator ?? "eq",
    explicit: prefix?.explicit ?? false,
    ...(unitAttribute ? { unitAttribute } : {}),
    ...(factor === undefined ? {} : { factor }),
    ...(prefix ? { prefixPhrase: prefix.phrase } : {}),
    ...article,
  };
}

/** A one-word alias and its verb forms ("score" → "scores", "scored", "scoring"); a phrasal verb's base form ("tops out" → "top out"). */
export function inflections(alias: string): string[] {
  // "tops out at": a phrasal verb (a verb in the third person, a particle, maybe a preposition); its base form too, with
  // or without the preposition at its end ("routes that *top out* above 1,800 m").
  const phrasal =
    /^(\p{L}{2,}[^\P{L}s]s)(\s+(?:out|up|down|off|over|back|through|around|in|on))(\s+(?:at|to|in|on|of|for|by|around))?$/u.exec(
      alias.toLowerCase(),
    );
  if (phrasal !== null) {
    const verb = phrasal[1] as string;
    const base = /(?:ch|sh|ss|x|o)es$/u.test(verb) ? verb.slice(0, -2) : verb.slice(0, -1);
    const particle = phrasal[2] as string;
    const forms = [`${verb}${particle}`, `${base}${particle}`];
    return [...new Set([alias, ...forms.map((form) => `${form}${phrasal[3] ?? ""}`), ...(phrasal[3] === undefined ? [] : forms)])];
  }
  if (!/^\p{L}{3,}$/u.test(alias)) return [alias];
  const word = alias.toLowerCase();
  // A verb's third person ("serves", "seats"): its other forms too ("mains that *serve* 6", "served", "serving").
  if (/^\p{L}{3,}[^\P{L}s]s$/u.test(word)) return [alias, ...inflections(word.slice(0, -1))];
  const stem = word.endsWith("e") ? word.slice(0, -1) : word;
  return [alias, `${word}s`, `${stem}ed`, `${stem}ing`];
}

let comparisonAfter: RegExp | undefined;
/** The text starts with an explicit comparison word and a number ("under 600k", "over $350,000"). */
const COMPARISON_AFTER = () =>
  (comparisonAfter ??= new RegExp(
    `^\\s*,?\\s*(?:and\\s+)?${phrasesPattern(PREFIX_WORDS.filter(([, , explicit]) => explicit).flatMap(([, phrases]) => phrases))}[\\s-]*(?:[$€£¥]\\s*)?${NUMBER_SOURCE}`,
    "u",
  ));

/** The next word after `end`, if any. */
function nextWord(masked: string, end: number): string | undefined {
  return /^\s*([\p{L}][\p{L}'-]*)/u.exec(masked.slice(end))?.[1];
}

/**
 * "a five-star hotel", "a ten out of ten soundtrack": a number with its unit followed by a content
 * word qualifies that word; it is a value of the attribute only when the word is one the
 * schema or the documents use ("5-star reviews", "3-bedroom houses", where "houses" names a value).
 */
function describesSomethingElse(context: RecognizerContext, phrase: Phrase, masked: string): boolean {
  // "a perfect 6-minute jammy egg": "perfect" before a hyphenated measure is an adjective, not "exactly".
  const adjective = phrase.prefixPhrase === "perfect" && /\d\s*-\s*\p{L}+$/u.test(masked.slice(phrase.start, phrase.end));
  if (phrase.unitAttribute === undefined || phrase.shape !== "single" || (phrase.explicit && !adjective)) return false;
  const after = masked.slice(phrase.end);
  if (/^\s*\u0001/u.test(after)) return false;
  // "4 bedrooms under 600k": a comparison of its own starts after the phrase, which ends there.
  if (COMPARISON_AFTER().test(after)) return false;
  // "€90 per night": a rate after the amount belongs to it (`anotherAmount` checks the attribute names that rate).
  if (RATE_AFTER.test(after)) return false;
  const word = nextWord(masked, phrase.end);
  if (word === undefined) return false;
  const bare = word.replace(/'s$/, "");
  if (context.stopWords.has(bare) || context.stopWords.has(bare.replace(/s$/, "")) || FUNCTION_WORDS.has(bare)) return false;
  const named = context.schema.attributes.some((attribute) => attribute.aliases.some((alias) => alias.toLowerCase() === bare));
  // "40 minutes long", "a 3-hour-long hike": the length is the amount of time itself.
  const timeLong = bare === "long" && /(?:second|sec|minute|min|hour|hr|day|week)s?\s*-?\s*$/u.test(masked.slice(phrase.start, phrase.end));
  return !named && !timeLong;
}

/** Words of approximation or comparison between "by" / "worth" and the amount ("dropped by *more than* $50k"). */
const HEDGE = String.raw`(?:(?:more|less|fewer|over|under|about|around|almost|nearly|roughly|some|approximately|at\s+least|at\s+most|up\s+to|a\s+good|a\s+whole)\s+(?:than\s+)?)*`;
/** A change and "by" before an amount ("the price dropped by", "rent went up by", "was cut by"). */
const CHANGE_BY = new RegExp(
  String.raw`(?<![\p{L}])((?:drop|fall|rise|increase|decrease|reduce|cut|slash|raise|lower|jump|climb|grow|shrink|discount|hike|mark(?:ed|s)?\s+down)\p{L}*|fell|rose|grew|(?:went|gone|goes|go|came|come|comes)\s+(?:up|down))\s+by\s+${HEDGE}$`,
  "u",
);
/** A noun of change and "of" before an amount ("a price drop of $50k", "a discount of $200"). */
const CHANGE_OF = new RegExp(
  String.raw`(?<![\p{L}])((?:drop|cut|reduction|increase|decrease|discount|markdown|rise|hike|raise|saving|savings|rebate|refund)s?\s+of\s+${HEDGE})$`,
  "u",
);
const WORTH = new RegExp(String.raw`(?<![\p{L}])([\p{L}][\p{L}'-]*)\s+worth\s+${HEDGE}$`, "u");
/** The text before a number ends with "per" ("6 litres per 100 km", "€20 per 1 m2"): that number is the rate's base. */
const PER_BEFORE = /(?<![\p{L}])(?:per|every|for\s+every|for\s+each)\s+$/u;

/**
 * An amount that is not a value of the documents: a change ("the price dropped by more than $50k", "rent went up by
 * €200", "a discount of $200"), what something the schema does not know is worth ("equity worth around €20k", "a gift
 * card worth $50"; "bikes worth $1,500" is read: the documents' word), or the base of a rate ("under 6 litres per 100
 * km"). Returns the words that say so, or `undefined`.
 */
function differenceOrWorth(context: RecognizerContext, phrase: Phrase, masked: string): string | undefined {
  const before = masked.slice(Math.max(0, phrase.start - 60), phrase.start);
  const written = (length: number) => context.text.original.slice(phrase.start - length, phrase.end).trim();
  const per = PER_BEFORE.exec(before);
  // "every 10/10", "every 5-star one": "every" before a grade quantifies the documents that have it, it is no rate.
  const everyGrade = per !== null && per[0].trim() === "every" && phrase.unitAttribute?.quality === true;
  if (per !== null && !everyGrade) return written(per[0].length);
  const change = CHANGE_BY.exec(before) ?? CHANGE_OF.exec(before);
  if (change !== null) return written(change[0].length);
  const worth = WORTH.exec(before);
  if (worth !== null) {
    const noun = worth[1] as string;
    const other = !noun.includes(MASK) && isOtherThing(context, noun) && !namesTheDocuments(context, ` ${noun}`) && !RESULT_NOUNS.has(noun);
    if (other && !context.stopWords.has(noun) && !FUNCTION_WORDS.has(noun)) return written(worth[0].length);
  }
  return undefined;
}
/** Words for the things sought that are no noun of the description ("ones worth $500", "anything worth $20"). */
const RESULT_NOUNS = new Set(["ones", "one", "anything", "something", "things", "items", "options", "stuff", "those", "these"]);

interface Attribution {
  attribute: AttributeDefinition;
  cueStart?: number;
  cueEnd?: number;
  /** Claim the words between the cue and the phrase too (they are fillers: "gave it a"). */
  claimGap: boolean;
}

function attributeOf(
  context: RecognizerContext,
  phrase: Phrase,
  measures: AttributeDefinition[],
  aliasPatterns: Array<{ attribute: AttributeDefinition; pattern: RegExp }>,
): Attribution | undefined {
  const masked = context.text.masked();
  if (saidOfAnotherNoun(context, phrase.start)) return undefined;
  if (!phrase.explicit && doneByAnotherNoun(context, phrase, measures)) return undefined;
  // "groups of 4 to 8", "parties of six or more", "a table for two": a collective noun of people counts people.
  const collective = phrase.unitAttribute === undefined ? peopleCount(masked, phrase, measures) : undefined;
  if (collective !== undefined) return collective;
  // "a road trip of 3,000 miles", "a range of 300 miles": "<noun> of <number>" measures that noun, unless the schema knows it.
  const ofBefore = context.text.masked().slice(Math.max(0, phrase.start - 30), phrase.start);
  const ofNoun = (phrase.prefixPhrase === "of" ? /(?<![\p{L}])([\p{L}]+)\s+$/u : /(?<![\p{L}])([\p{L}]+)\s+of\s+$/u).exec(ofBefore)?.[1];
  if (!phrase.explicit && ofNoun !== undefined && !OF_QUANTIFIERS.has(ofNoun) && isOtherThing(context, ofNoun)) {
    const nounStart = phrase.start - ofBefore.length + ofBefore.lastIndexOf(ofNoun);
    warnOnce(context, `"${context.text.original.slice(nounStart, phrase.end).trim()}" measures "${ofNoun}"; not read as a constraint`);
    return undefined;
  }
  // "a cake my kids baked for 40 minutes too long": a number in someone else's past event.
  const event = phrase.explicit
    ? undefined
    : anotherEventBefore(
        context,
        measures.flatMap((measure) => measure.aliases.flatMap(inflections)),
        phrase.start,
      );
  if (event !== undefined) {
    warnOnce(
      context,
      `"${context.text.original.slice(phrase.start, phrase.end).trim()}" is said of what "${event}" did; not read as a constraint`,
    );
    return undefined;
  }
  if (phrase.unitAttribute) {
    // "summits over 900 m", "a high point of at least 2,500 metres" with two measures in metres: the alias next to the
    // number names which one ("summit", "high point"), before it or right after it ("800 m of ascent").
    const sharing = measures.filter((measure) => sharesUnit(measure, phrase.unitAttribute as AttributeDefinition));
    if (sharing.length > 1) {
      const patterns = aliasPatterns.filter((entry) => sharing.includes(entry.attribute));
      const named = cueBefore(masked, phrase.start, patterns, gapFillers(context)) ?? aliasAfter(masked, phrase.end, patterns);
      if (named !== undefined) return named;
    }
    // "gave it 10/10": also claim the cue, when there is one.
    const cue = cueBefore(masked, phrase.start, aliasPatterns, gapFillers(context), phrase.unitAttribute);
    return cue === undefined ? { attribute: phrase.unitAttribute, claimGap: false } : cue;
  }
  const cued = cueBefore(masked, phrase.start, aliasPatterns, gapFillers(context));
  // "bedrooms under 500k": a cue whose attribute cannot hold an amount of that magnitude points elsewhere.
  const cue = cued !== undefined && implausibleMagnitude(cued.attribute, phrase, masked) ? undefined : cued;
  // "gave it 2 thumbs up", "scored 3 goals": a number followed by a word no attribute declares counts that thing.
  if (cue !== undefined) {
    const endsWithNumber = cachedRegExp(`${NUMBER_SOURCE}$`).test(masked.slice(phrase.start, phrase.end));
    // "rated 5 comparing it to ...": a participle after the number starts a phrase of its own, it is not what is counted.
    const participleAfter = /^\s+\p{L}{3,}ing(?![\p{L}])/u.test(masked.slice(phrase.end));
    // "serve 6 under 700 calories": a comparison of its own after the number ends the phrase.
    const comparisonAfter = COMPARISON_AFTER().test(masked.slice(phrase.end));
    // "cited fewer than fifty times": "times" counts the occasions of the cue's verb, it is no other thing.
    const occasionsAfter = /^\s+times(?![\p{L}])/u.test(masked.slice(phrase.end)) && countsOccasions(cue.attribute);
    return !endsWithNumber ||
      occasionsAfter ||
      bareValueEnds(masked, phrase.end) ||
      stopWordAfter(context, masked, phrase.end) ||
      participleAfter ||
      comparisonAfter
      ? cue
      : undefined;
  }

  // "for under 2 kg": a number followed by a word no attribute declares counts something else.
  if (phrase.prefixPhrase !== undefined && PRICE_COMPARISONS.has(phrase.prefixPhrase) && bareValueEnds(masked, phrase.end)) {
    const priced = measures.filter((attribute) => attribute.units.some((unit) => CURRENCY_UNIT.test(unit.trim())));
    if (priced.length === 1) return { attribute: priced[0] as AttributeDefinition, claimGap: false };
  }

  for (const { attribute: candidate, pattern } of aliasPatterns) {
    const anchored = cachedRegExp(`^\\s*(?:${pattern.source})`);
    const after = anchored.exec(masked.slice(phrase.end));
    if (after) return { attribute: candidate, cueStart: phrase.end, cueEnd: phrase.end + after[0].length, claimGap: false };
  }

  // "with a 9 or a 10": a grade, on the one rating attribute (`quality: true`) whose range holds it.
  if (phrase.article === true && bareValueEnds(masked, phrase.end)) {
    const graded = measures.filter(
      (candidate) =>
        candidate.quality === true &&
        phrase.values.every((value) => value >= (candidate.minimum as number) && value <= (candidate.maximum as number)),
    );
    if (graded.length === 1) return { attribute: graded[0] as AttributeDefinition, claimGap: false };
  }

  // "condos around 1.5 million", "homes for about 450k": an approximate amount written with a scale is money, when one
  // measure is ("a startup with around 2 million users" counts users).
  const approximate = APPROXIMATE.exec(masked.slice(Math.max(0, phrase.start - 20), phrase.start));
  const endsHere = /^\s*(?:$|[,.;:!?)]|(?:in|at|near|for|with|and|or|that|which|please|only)(?![\p{L}]))/u.test(masked.slice(phrase.end));
  if (!phrase.explicit && approximate !== null && hasScale(masked.slice(phrase.start, phrase.end)) && endsHere) {
    const previous = /([\p{L}]+)\s*$/u.exec(
      masked.slice(Math.max(0, phrase.start - approximate[0].length - 20), phrase.start - approximate[0].length),
    )?.[1];
    const priced = measures.filter((attribute) => attribute.units.some((unit) => CURRENCY_UNIT.test(unit.trim())));
    if (priced.length === 1 && (!/^about/u.test(approximate[0].trim()) || (previous !== undefined && ABOUT_AFTER.has(previous))))
      return { attribute: priced[0] as AttributeDefinition, claimGap: false };
  }
  if (!phrase.explicit) return undefined;
  // An explicit comparison with no unit or name: the one measure whose range can hold the value.
  const holding = measures.filter((candidate) =>
    phrase.values.every(
      (value) =>
        (candidate.minimum === undefined || value >= candidate.minimum) && (candidate.maximum === undefined || value <= candidate.maximum),
    ),
  );
  // "homes in the 400-500k range", "jobs in the 60-80k band": a range noun after the number ends it.
  const rangeNoun = phrase.shape === "range" && /^\s+(?:range|bracket|band)(?![\p{L}])/u.test(masked.slice(phrase.end));
  if (!bareValueEnds(masked, phrase.end) && !rangeNoun) return undefined;
  if (holding.length === 1) return { attribute: holding[0] as AttributeDefinition, claimGap: false };
  // "under 250k", "over 2 million": amounts written with a scale are money, when one measure is.
  if (hasScale(masked.slice(phrase.start, phrase.end))) {
    const priced = holding.filter((attribute) => attribute.units.some((unit) => CURRENCY_UNIT.test(unit.trim())));
    if (priced.length === 1) return { attribute: priced[0] as AttributeDefinition, claimGap: false };
  }
  return undefined;
}

/**
 * "a team whose manager has 10 years of experience", "positions where the last hire stayed 8 years": a number inside
 * a "whose"/"where" clause about a noun the schema does not name measures that noun, not the documents.
 * "jobs where the salary is over 100k" names an alias and is read.
 */
function saidOfAnotherNoun(context: RecognizerContext, start: number): boolean {
  const before = context.text.normalized.slice(Math.max(0, start - 60), start);
  if (askersSpell(context, before, start)) return true;
  const clause = /(?<![\p{L}])(?:whose|where)\s+(?:(?:the|a|an|my|our|their|its)\s+)?(?:\p{L}+\s+)??(\p{L}+)\s[^,.;:!?]*$/u.exec(before);
  if (clause === null) return false;
  // The clause's first words, past its determiner ("where *the garage* is 400 square feet").
  const words = clause[0]
    .split(/\s+/u)
    .slice(1, 4)
    .filter((word, index) => index > 0 || !["the", "a", "an", "my", "our", "their", "its"].includes(word));
  const known = (word: string) =>
    context.schema.attributes.some((attribute) =>
      [...attribute.aliases, ...attribute.units].some((phrase) => phrase.toLowerCase().split(/\s+/u).includes(word)),
    );
  // "jobs where you need 3 years of experience": a clause about the asker or the documents themselves.
  if (words.some(known) || ["you", "i", "we", "it", "they", "one"].includes(words[0] ?? "")) return false;
  warnOnce(context, `"${clause[0].trim()}" is said of something else here; the number after it is not read as a constraint`);
  return true;
}

/**
 * "roles where you're posted abroad for two years", "where you live there for 3 years": a time after "for" in a clause
 * about the asker is how long the asker's act lasts, not a measure of the documents (unless the clause names the
 * attribute: "where you need experience for 3 years" is read).
 */
function askersSpell(context: RecognizerContext, before: string, start: number): boolean {
  const clause = /(?<![\p{L}])(?:where|when|if)\s+(?:you|you['’]re|you['’]ll|i|i['’]m|we|we['’]re|one)\s([^,.;:!?]*)for\s+$/u.exec(before);
  if (
    clause === null ||
    /(?<![\p{L}])(?:ask|asks|asking|asked|look|looking|search|searching|apply|applying)\s+$/u.test(clause[1] as string)
  )
    return false;
  if (!/^[\p{L}\p{N}.,]+\s+(?:years?|months?|weeks?|days?)(?![\p{L}])(?!\s+of(?![\p{L}]))/u.test(context.text.normalized.slice(start)))
    return false;
  const words = (clause[1] as string).split(/\s+/u).filter((word) => word !== "");
  const known = (word: string) =>
    context.schema.attributes.some(
      (attribute) =>
        (attribute.type === "number" || attribute.type === "integer") &&
        attribute.aliases.some((alias) => alias.toLowerCase().split(/\s+/u).includes(word)),
    );
  if (words.some(known)) return false;
  warnOnce(context, `"${clause[0].trim()}" is how long something else lasts here; the number after it is not read as a constraint`);
  return true;
}

/**
 * True when a value is far outside the attribute's declared range: written with a scale ("500k") or over ten
 * times its maximum. A value just outside ("rated 11" on a 1-10 scale) stays the attribute's, with a warning.
 */
function implausibleMagnitude(attribute: AttributeDefinition, phrase: Phrase, masked: string): boolean {
  const { minimum, maximum } = attribute;
  const outside = phrase.values.some((value) => (minimum !== undefined && value < minimum) || (maximum !== undefined && value > maximum));
  if (!outside || maximum === undefined) return false;
  return hasScale(masked.slice(phrase.start, phrase.end)) || phrase.values.some((value) => value > 10 * Math.max(1, maximum));
}

let numberBefore: RegExp | undefined;
/** The text ends with a number ("4 ", "three-"). */
const NUMBER_BEFORE = () => (numberBefore ??= new RegExp(`(?<![\\p{L}\\p{N}_.])${NUMBER_SOURCE}\\s*-?\\s*$`, "u"));

/** Nouns before "of" that only count what follows ("a total of 3 bedrooms", "a couple of"). */
const OF_QUANTIFIERS = new Set([
  "total",
  "couple",
  "lot",
  "lots",
  "number",
  "pair",
  "set",
  "maximum",
  "minimum",
  "max",
  "min",
  "sum",
  "average",
  "age",
]);

const AUXILIARIES = new Set([
  "can",
  "could",
  "should",
  "will",
  "would",
  "must",
  "may",
  "might",
  "does",
  "do",
  "did",
  "to",
  "needs",
  "need",
  "has",
  "have",
  "had",
  "is",
  "are",
  "was",
  "were",
  "be",
  "usually",
  "always",
  "still",
  "only",
  "just",
]);
/** Verbs that say what a thing has, not what it does: their numbers are the thing's ("a car that has 50,000 miles"). */
const HAVING_VERBS = new Set([
  "has",
  "have",
  "had",
  "is",
  "are",
  "was",
  "were",
  "gets",
  "get",
  "got",
  "comes",
  "come",
  "includes",
  "include",
  "offers",
  "offer",
  "costs",
  "cost",
  "sells",
  "sell",
]);

/**
 * "a warranty that lasts 100,000 miles", "a marinade that should rest for 30 minutes": a relative clause about a noun the
 * schema does not know, whose verb is no measure's word: its bare number (no comparison) is what that noun does.
 */
function doneByAnotherNoun(context: RecognizerContext, phrase: Phrase, measures: readonly AttributeDefinition[]): boolean {
  const before = context.text.masked().slice(Math.max(0, phrase.start - 80), phrase.start);
  const clause = /(?<![\p{L}])([\p{L}\u0001][\p{L}\u0001'-]*)\s+(?:that|which)\s+([^,.;:!?]*)$/u.exec(before);
  if (clause === null) return false;
  const antecedent = clause[1] as string;
  if (antecedent.includes(MASK) || !isOtherThing(context, antecedent)) return false;
  const words = (clause[2] as string).match(/[\p{L}'\u0001]+/gu) ?? [];
  const verb = words.find((word) => !AUXILIARIES.has(word));
  if (verb === undefined || verb.includes(MASK) || HAVING_VERBS.has(verb) || words.some((word) => word.includes(MASK))) return false;
  const stem = verb.replace(/(?:es|s|ed|ing)$/u, "").slice(0, 5);
  const measureWords = measures.flatMap((measure) =>
    `${measure.description} ${measure.aliases.join(" ")}`.toLowerCase().split(/[^\p{L}]+/u),
  );
  if (stem.length < 3 || measureWords.some((word) => word.startsWith(stem))) return false;
  warnOnce(
    context,
    `"${context.text.original.slice(phrase.start, phrase.end).trim()}" is what "${antecedent} ${clause[2]?.trim()}" does, not the documents; not read as a constraint`,
  );
  return true;
}

/** Words of asking before "no <name>" ("requiring no experience") and after it ("no experience needed"). */
const ASKING_BEFORE = String.raw`requir(?:ing|es?|ed)|need(?:ing|s|ed)?|ask(?:ing|s)?\s+for|demand(?:ing|s)?|expect(?:ing|s)?`;
const ASKING_AFTER = String.raw`required|needed|necessary|asked\s+for|expected|wanted|req(?:uired)?\.?`;

/**
 * "no experience required", "requiring no prior experience": zero of a measure whose range starts at 0, named by its
 * alias after "no", when a word of asking comes before or after it ("people with no experience" is not read).
 */
function recognizeNoneRequired(context: RecognizerContext, measures: readonly AttributeDefinition[]): void {
  const { text } = context;
  for (const attribute of measures) {
    if (attribute.minimum !== 0 || attribute.quality === true || attribute.aliases.length === 0 || isYearMeasure(attribute)) continue;
    const pattern = cachedRegExp(
      `(?<![\\p{L}])(?:(${ASKING_BEFORE})\\s+)?no\\s+(?:(?:prior|previous|professional|formal|relevant|real)\\s+)?${phrasesPattern(attribute.aliases.flatMap(inflections))}(?:\\s+(?:is\\s+|at\\s+all\\s+)?(${ASKING_AFTER}))?(?![\\p{L}])`,
      "gu",
    );
    for (const match of text.masked().matchAll(pattern)) {
      const span = { start: match.index, end: match.index + match[0].length };
      if (!text.isFree(span)) continue;
      // "no experience required" also reads where the alias holds the asking word ("experience required").
      const asked = match[1] !== undefined || match[2] !== undefined || new RegExp(`(?:${ASKING_AFTER})$`, "u").test(match[0]);
      if (!asked) continue;
      text.claim(span);
      addMention(
        context,
        attribute,
        { start: span.start, end: span.end, values: [0], shape: "single", operator: "eq", explicit: true },
        false,
      );
    }
  }
}

/** Order words before an attribute's name said right before its number ("*before* episode 50", "*up to* season 3"). */
const ORDER_BEFORE_CUE =
  /(?<![\p{L}])(before|prior\s+to|earlier\s+than|after|later\s+than|past|beyond|since|starting\s+(?:at|with|from)|up\s+to|until|till|through|thru|no\s+later\s+than|at\s+least|at\s+most|more\s+than|less\s+than|over|under|above|below)\s+(?:(?:the|an?)\s+)?$/u;
const ORDER_OPERATORS: ReadonlyArray<[RegExp, OrderOperator]> = [
  [/^(?:before|prior to|earlier than|less than|under|below)$/u, "lt"],
  [/^(?:after|later than|past|beyond|more than|over|above)$/u, "gt"],
  [/^(?:since|starting (?:at|with|from)|at least)$/u, "gte"],
  [/^(?:up to|until|till|through|thru|no later than|at most)$/u, "lte"],
];

/**
 * "from lesson 10 to lesson 20", "between episode 5 and episode 9": a range whose second end repeats the attribute's
 * name, which comes right before each bare number.
 */
function repeatedNameRange(masked: string, phrase: Phrase, attribution: Attribution): void {
  if (phrase.shape !== "single" || phrase.operator !== "eq" || phrase.explicit || phrase.unitAttribute !== undefined) return;
  const { attribute, cueStart, cueEnd } = attribution;
  if (cueStart === undefined || cueEnd === undefined || cueEnd > phrase.start || attribute.aliases.length === 0) return;
  if (!/^\s*(?:number\s+|no\.?\s*|#\s*)?$/u.test(masked.slice(cueEnd, phrase.start))) return;
  const opening = /(?<![\p{L}])(from|between)\s+(?:(?:the|an?)\s+)?$/u.exec(masked.slice(Math.max(0, cueStart - 20), cueStart));
  if (opening === null) return;
  const second = cachedRegExp(
    `^\\s*(${opening[1] === "between" ? "and" : "-|to|through|thru|until|till"})\\s*(?:(?:the|an?)\\s+)?${phrasesPattern(attribute.aliases.flatMap(inflections))}\\s*(?:number\\s+|no\\.?\\s*|#\\s*)?(${NUMBER_SOURCE})(?![\\p{L}\\p{N}_]|\\.\\d)`,
  ).exec(masked.slice(phrase.end));
  const high = second === null ? undefined : parseNumberToken(second[2] as string);
  if (second === null || high === undefined) return;
  const low = phrase.values[0] as number;
  phrase.shape = "range";
  phrase.values = [Math.min(low, high), Math.max(low, high)];
  phrase.end += second[0].length;
  attribution.cueStart = cueStart - opening[0].length;
}

/**
 * "before number 50", "after episode 100", "up to season 3": a comparison written before the attribute's name, which
 * comes right before the bare number (only "number", "no." or "#" between them), compares the number.
 */
function orderBeforeCue(masked: string, phrase: Phrase, attribution: Attribution): void {
  if (phrase.shape !== "single" || phrase.operator !== "eq" || phrase.explicit || phrase.unitAttribute !== undefined) return;
  if (attribution.cueStart === undefined || attribution.cueEnd === undefined || attribution.cueEnd > phrase.start) return;
  if (!/^\s*(?:number\s+|no\.?\s*|#\s*)?$/u.test(masked.slice(attribution.cueEnd, phrase.start))) return;
  const order = ORDER_BEFORE_CUE.exec(masked.slice(Math.max(0, attribution.cueStart - 30), attribution.cueStart));
  if (order === null) return;
  const words = (order[1] as string).replace(/\s+/gu, " ");
  const operator = ORDER_OPERATORS.find(([pattern]) => pattern.test(words))?.[1];
  if (operator === undefined) return;
  phrase.operator = operator;
  attribution.cueStart -= order[0].length;
}

/**
 * True when an attribute can count how often something happened ("cited fewer than fifty times"): an integer with no upper
 * bound that is no grade. A bounded scale ("reviewed fewer than a dozen times" on a 1-5 rating) counts no occasions.
 */
function countsOccasions(attribute: AttributeDefinition): boolean {
  return attribute.type === "integer" && attribute.maximum === undefined && attribute.quality !== true;
}

/** The nearest alias of a measure before `start` in the same clause, at most 4 words away. */
function cueBefore(
  masked: string,
  start: number,
  aliasPatterns: Array<{ attribute: AttributeDefinition; pattern: RegExp }>,
  fillers: ReadonlySet<string>,
  only?: AttributeDefinition,
): Attribution | undefined {
  const windowStart = Math.max(0, start - 80);
  const before = masked.slice(windowStart, start);
  let best: { attribute: AttributeDefinition; start: number; end: number } | undefined;
  for (const { attribute, pattern } of aliasPatterns) {
    if (only !== undefined && attribute !== only) continue;
    pattern.lastIndex = 0;
    for (const match of before.matchAll(pattern)) {
      const candidate = { attribute, start: windowStart + match.index, end: windowStart + match.index + match[0].length };
      if (best === undefined || candidate.end > best.end || (candidate.end === best.end && candidate.start < best.start)) best = candidate;
    }
  }
  if (best === undefined) return undefined;
  best = ratingCue(masked, best, aliasPatterns, only);
  // "4 bedrooms under 600k": an alias right after a number is that number's unit, not a cue for the next one.
  if (NUMBER_BEFORE().test(masked.slice(Math.max(0, best.start - 30), best.start))) return undefined;
  const gap = masked.slice(best.end, start);
  if (CLAUSE_BREAK.test(gap) || /\d/.test(gap)) return undefined;
  const words = gap.replaceAll(MASK, " ").match(/[\p{L}\p{N}_']+/gu) ?? [];
  if (words.length > 4) return undefined;
  return {
    attribute: best.attribute,
    cueStart: best.start,
    cueEnd: best.end,
    claimGap: !gap.includes(MASK) && words.every((word) => fillers.has(word)),
  };
}

/** The words of rating something: "rated", "rating", "ratings". */
const RATING_WORD = /^(?:rated|ratings?)$/u;

/**
 * "hostels rated 8 or above" where the price's alias is "rate": "rated" is only a verb form of that alias, while the
 * schema declares a rating (an attribute with `quality: true`, or one named "rated"/"rating" by an alias). A word of
 * rating goes to that attribute unless the cued attribute declares the word itself.
 */
function ratingCue<Cue extends { attribute: AttributeDefinition; start: number; end: number }>(
  masked: string,
  cue: Cue,
  aliasPatterns: Array<{ attribute: AttributeDefinition; pattern: RegExp }>,
  only: AttributeDefinition | undefined,
): Cue {
  const word = masked.slice(cue.start, cue.end).toLowerCase();
  if (only !== undefined || !RATING_WORD.test(word) || cue.attribute.quality === true) return cue;
  if (cue.attribute.aliases.some((alias) => alias.toLowerCase() === word)) return cue;
  const isRating = (attribute: AttributeDefinition) =>
    attribute.aliases.some((alias) => RATING_WORD.test(alias.toLowerCase())) || attribute.quality === true;
  const ratings = aliasPatterns.map(({ attribute }) => attribute).filter((attribute) => attribute !== cue.attribute && isRating(attribute));
  const named = ratings.filter((attribute) => attribute.aliases.some((alias) => RATING_WORD.test(alias.toLowerCase())));
  const chosen = named.length === 1 ? named : ratings.filter((attribute) => attribute.quality === true);
  return chosen.length === 1 ? { ...cue, attribute: chosen[0] as AttributeDefinition } : cue;
}

/** Collective nouns of people, singular and plural ("a group of", "parties of", "tables for"). */
const COLLECTIVE_BEFORE =
  /(?<![\p{L}])(groups?|part(?:y|ies)|tables?|class(?:es)?|teams?|crews?|famil(?:y|ies)|bunch(?:es)?)\s+(?:(?:of|for)\s+)?$/u;
/** Units that count people. */
const PERSON_UNITS = new Set([
  ...["people", "persons", "person", "guests", "guest", "adults", "adult", "students", "student", "pupils", "pupil", "kids"],
  ...["children", "players", "player", "members", "member", "attendees", "participants", "diners", "passengers", "travellers"],
  ...["travelers", "riders", "of us"],
]);

/**
 * "groups of 4 to 8", "parties of six or more", "tables for two": a number right after a collective noun of people
 * (and "of"/"for") is the one measure that counts people (a unit of it is a word for people).
 */
function peopleCount(masked: string, phrase: Phrase, measures: readonly AttributeDefinition[]): Attribution | undefined {
  const before = masked.slice(Math.max(0, phrase.start - 20), phrase.start);
  const written = masked.slice(phrase.start, phrase.end);
  const noun = COLLECTIVE_BEFORE.exec(
    /^\s*(?:of|for)\s/u.test(written) ? `${before}${written.slice(0, written.search(/\s/u) + 1)}` : before,
  );
  // "a group of 20 students": a noun after the number is what is counted, unless it ends there.
  if (noun === null || !bareValueEnds(masked, phrase.end)) return undefined;
  const counting = measures.filter(
    (measure) => measure.type === "integer" && measure.units.some((unit) => PERSON_UNITS.has(unit.trim().toLowerCase())),
  );
  if (counting.length !== 1) return undefined;
  const cueStart = phrase.start - before.length + noun.index;
  return {
    attribute: counting[0] as AttributeDefinition,
    cueStart,
    cueEnd: Math.min(phrase.start, cueStart + (noun[1] as string).length),
    claimGap: true,
  };
}

/** Two measures declare a unit in common ("m" on an elevation gain and on a summit height). */
function sharesUnit(measure: AttributeDefinition, other: AttributeDefinition): boolean {
  const units = new Set(other.units.map((unit) => unit.trim().toLowerCase()));
  return measure.units.some((unit) => units.has(unit.trim().toLowerCase()));
}

/** "800 m of ascent", "1,200 metres of climbing": an alias right after the number and its unit, after "of". */
function aliasAfter(
  masked: string,
  end: number,
  aliasPatterns: Array<{ attribute: AttributeDefinition; pattern: RegExp }>,
): Attribution | undefined {
  for (const { attribute, pattern } of aliasPatterns) {
    const found = cachedRegExp(`^(\\s+of\\s+(?:(?:the|total)\\s+)?)(?:${pattern.source})`).exec(masked.slice(end));
    if (found !== null) return { attribute, cueStart: end, cueEnd: end + found[0].length, claimGap: false };
  }
  return undefined;
}

/** The next word is a word for the documents ("rated 8 *reviews*"). */
function stopWordAfter(context: RecognizerContext, masked: string, end: number): boolean {
  const next = /^\s*([\p{L}][\p{L}']*)/u.exec(masked.slice(end))?.[1];
  return next !== undefined && (context.stopWords.has(next) || context.stopWords.has(next.replace(/s$/u, "")));
}

/**
 * Nouns of amounts that are not what documents are filtered by unless an attribute is named so: "HOA
 * *fees* under $300", "a *budget* over €2 million" (generic English, not a domain's words).
 */
const OTHER_AMOUNTS = new RegExp(
  `(?<![\\p{L}])(${[
    "fee",
    "fees",
    "tax",
    "taxes",
    "budget",
    "budgets",
    "deposit",
    "dues",
    "revenue",
    "revenues",
    "funding",
    "bonus",
    "charge",
    "charges",
    "payment",
    "payments",
    "premium",
    "premiums",
    "turnover",
    "valuation",
    "tuition",
    "fine",
    "fines",
    "donation",
    "donations",
  ].join("|")})(?:\\s+([\\p{L}']+))?\\s*$`,
  "u",
);
/** A rate after an amount ("$300 *a month*", "€40k *per year*", "$20 *hourly*"). */
const RATE_AFTER =
  /^\s*(?:(?:a|an|per|each|every|\/)\s*(hour|day|night|week|month|year|annum|yr|mo)(?![\p{L}])|(hourly|daily|nightly|weekly|monthly|yearly|annually)(?![\p{L}]))/u;
const PERIOD_WORDS: Readonly<Record<string, RegExp>> = {
  hour: /hour/u,
  day: /day|daily/u,
  night: /night/u,
  week: /week/u,
  month: /month/u,
  mo: /month/u,
  year: /year|annual|annum/u,
  yr: /year|annual|annum/u,
  annum: /year|annual|annum/u,
};

/**
 * When the amount is said of something else, what it is: another noun of money right before the
 * comparison ("property *taxes* below $4,000") that is not an alias of the attribute, or a rate after it
 * ("$300 *a month*") that the attribute's description, aliases and units never mention.
 */
function anotherAmount(masked: string, phrase: Phrase, attribute: AttributeDefinition): string | undefined {
  const own = [attribute.name, attribute.description, ...attribute.aliases, ...attribute.units].join(" ").toLowerCase();
  // The noun right before the comparison, or one word before it ("fees *stay* under $100"), unless that word is the attribute's.
  const other = OTHER_AMOUNTS.exec(masked.slice(Math.max(0, phrase.start - 40), phrase.start));
  const aliases = attribute.aliases.map((alias) => alias.toLowerCase());
  const noun = other?.[1];
  if (other !== null && noun !== undefined && askersBudget(masked, phrase, other, attribute)) return undefined;
  if (noun !== undefined && !aliases.includes(noun) && (other?.[2] === undefined || !aliases.includes(other[2])))
    return `said of "${noun}"`;
  const rate = RATE_AFTER.exec(masked.slice(phrase.end));
  if (rate !== null) {
    const period = (rate[1] ??
      (rate[2] as string)
        .replace(/ly$/u, "")
        .replace(/^dai$/u, "day")
        .replace(/^annual$/u, "year")) as string;
    const known = PERIOD_WORDS[period] ?? new RegExp(period, "u");
    if (!known.test(own)) return `an amount per ${period}`;
  }
  return undefined;
}

/** Money units: currency signs, codes and names. */
const MONEY_UNIT = /[$€£¥]|dollar|euro|pound|yen|usd|eur|gbp|bucks/iu;

/**
 * "a laptop, budget is less than $1,500", "my budget is €800": the asker's own budget (a clause that starts with it, or
 * "my"/"our" budget, then nothing or a copula before the amount) is an upper bound on the price (a money attribute);
 * "a budget over €2 million" that a role manages or a film's budget stays another amount. A bare amount becomes "at most".
 */
function askersBudget(masked: string, phrase: Phrase, other: RegExpExecArray, attribute: AttributeDefinition): boolean {
  if (!/^budgets?$/u.test(other[1] as string) || !attribute.units.some((unit) => MONEY_UNIT.test(unit))) return false;
  if (other[2] !== undefined && !/^(?:is|was|of|around|about)$/u.test(other[2])) return false;
  const nounStart = Math.max(0, phrase.start - 40) + other.index;
  if (!/(?:^|[,;:.!?(—–]|(?<![\p{L}])(?:my|our))\s*$/u.test(masked.slice(0, nounStart))) return false;
  if (phrase.shape === "single" && phrase.operator === "eq") phrase.operator = "lte";
  return true;
}

/**
 * The factor that turns a monthly amount into the attribute's yearly one (12) or a yearly amount into its monthly one
 * (1/12), when the rate written after the amount is the other of the two; `undefined` otherwise.
 */
function yearlyRate(masked: string, phrase: Phrase, attribute: AttributeDefinition): number | undefined {
  const rate = RATE_AFTER.exec(masked.slice(phrase.end));
  // "a €500 a month bonus": the rate qualifies another noun.
  if (rate === null || !bareValueEnds(masked, phrase.end + rate[0].length)) return undefined;
  const period = rate[1] ?? (rate[2] as string);
  const own = `${attribute.name} ${attribute.description} ${attribute.aliases.join(" ")}`.toLowerCase();
  const ownYearly = /year|annual|annum/u.test(own);
  const ownMonthly = /month/u.test(own);
  if (ownYearly === ownMonthly) return undefined;
  if (/^(?:month|mo|monthly)$/u.test(period) && ownYearly) return 12;
  if (/^(?:year|yr|annum|yearly|annually)$/u.test(period) && ownMonthly) return 1 / 12;
  return undefined;
}

const POINT_BEFORE = /(?<![\p{L}])(?:after|every|each)\s+(?:(?:a|an|the|another)\s+)?$/u;
const POINT_AFTER = /^\s*(?:ago|later|from\s+now|into)(?![\p{L}])/u;

/**
 * The phrase names a moment, not an amount: after "after"/"every" ("after five years", "every 2 years") or before
 * "ago"/"later"/"into" ("3 years ago", "two years later", "a year into the job"). Explicit comparisons ("over 5 years") are amounts.
 */
function pointInTime(masked: string, phrase: Phrase): string | undefined {
  if (phrase.explicit) return undefined;
  const found = POINT_BEFORE.exec(masked.slice(Math.max(0, phrase.start - 20), phrase.start));
  // "every 10/10": "every" before a grade quantifies the documents that have it (see `differenceOrWorth`).
  const before = found !== null && /^(?:every|each)\s/u.test(found[0]) && phrase.unitAttribute?.quality === true ? null : found;
  const after = POINT_AFTER.exec(masked.slice(phrase.end));
  if (before === null && after === null) return undefined;
  return masked.slice(phrase.start - (before?.[0].length ?? 0), phrase.end + (after?.[0].length ?? 0)).trim();
}

/** The phrase holds a whole alias of a measure ("after 3 *years of experience*"): it is about that measure. */
function namesItsAttribute(phrase: string, measures: readonly AttributeDefinition[]): boolean {
  return measures.some((measure) => cachedRegExp(phrasesPattern(measure.aliases)).test(phrase));
}

/** After a bare comparison, the next word must not be a content word ("over 2 fights"). */
function bareValueEnds(masked: string, end: number): boolean {
  const after = masked.slice(end);
  // "a 2-page script": a hyphenated compound qualifies the noun after it.
  if (/^-\p{L}/u.test(after)) return false;
  const next = /^\s*([\p{L}\p{N}_']+|\S)?/u.exec(after)?.[1];
  if (next === undefined) return true;
  if (!/^[\p{L}\p{N}_']+$/u.test(next)) return true;
  return FUNCTION_WORDS.has(next);
}

function addMention(context: RecognizerContext, attribute: AttributeDefinition, phrase: Phrase, negated: boolean): void {
  const base = { attribute, field: attribute.name, negated, position: phrase.start };
  const outside = phrase.values.filter(
    (value) =>
      (attribute.minimum !== undefined && value < attribute.minimum) || (attribute.maximum !== undefined && value > attribute.maximum),
  );
  if (outside.length > 0 && attribute.minimum !== undefined && attribute.maximum !== undefined) {
    warnOnce(
      context,
      `${attribute.name} ${outside.join(", ")} is outside ${attribute.minimum}-${attribute.maximum}; the filter may match nothing`,
    );
  }
  let mention: Mention;
  if (phrase.shape === "range") mention = { ...base, kind: "range", low: phrase.values[0] as number, high: phrase.values[1] as number };
  else if (phrase.shape === "list") mention = { ...base, kind: "numbers", values: phrase.values };
  else mention = { ...base, kind: "compare", operator: phrase.operator, value: phrase.values[0] as number };
  context.mentions.push(mention);
}

/** Words that make a number approximate ("around $800", "roughly 100 dollars"); "what about" is not one. */
const APPROXIMATE =
  /(?<![\p{L}\p{N}_])(?<!(?:what|how)\s+)(?:around|about|roughly|approximately|approx\.?|circa|close\s+to|somewhere\s+around|in\s+the\s+region\s+of|~)\s*$/u;
/** Words after which "about" approximates ("costs about $50", "rated at about 4"). */
const ABOUT_AFTER = new Set(["at", "for", "is", "are", "was", "were", "costs", "cost", "costing", "just", "only", "priced", "rated"]);
/** Share of the declared range (or of the value, for an unbounded attribute) on each side of an approximate number. */
const APPROXIMATE_SHARE = 0.1;

/** "around $800": the number ± 10% of the attribute's range (of the value when the range is open), with a warning. */
function addApproximate(
  context: RecognizerContext,
  attribute: AttributeDefinition,
  phrase: Phrase,
  negated: boolean,
  written: string,
): void {
  const value = phrase.values[0] as number;
  const bounded = attribute.minimum !== undefined && attribute.maximum !== undefined;
  const margin = APPROXIMATE_SHARE * (bounded ? (attribute.maximum as number) - (attribute.minimum as number) : Math.abs(value));
  let low = value - margin;
  let high = value + margin;
  if (attribute.type === "integer") {
    low = Math.floor(low);
    high = Math.ceil(high);
  }
  low = Math.round(Math.max(low, attribute.minimum ?? -Infinity) * 1e6) / 1e6;
  high = Math.round(Math.min(high, attribute.maximum ?? Infinity) * 1e6) / 1e6;
  context.mentions.push({ kind: "range", attribute, field: attribute.name, low, high, negated, position: phrase.start });
  warnOnce(
    context,
    `read "${written.trim()}" as ${attribute.name} ${low}-${high} (±${APPROXIMATE_SHARE * 100}% of ${bounded ? `its ${attribute.minimum}-${attribute.maximum} range` : "the value"}); name a range to be exact`,
  );
}

const MAXIMUM_PHRASES = [
  "perfect score",
  "perfect scores",
  "perfect rating",
  "perfect ratings",
  "perfect marks",
  "full marks",
  "top marks",
  "maximum score",
  "max score",
  "highest possible score",
  "highest possible rating",
  "best possible score",
  "best possible rating",
];
const MINIMUM_PHRASES = [
  "lowest possible score",
  "lowest possible rating",
  "worst possible score",
  "worst possible rating",
  "minimum score",
  "min score",
];

/** "a perfect score" = the maximum, "the lowest possible score" = the minimum. */
function recognizeExtremes(context: RecognizerContext, measures: AttributeDefinition[]): void {
  const { text } = context;
  for (const [phrases, extreme] of [
    [MAXIMUM_PHRASES, "maximum"],
    [MINIMUM_PHRASES, "minimum"],
  ] as const) {
    const pattern = new RegExp(`${BOUNDARY_BEFORE}(?:a\\s+|the\\s+)?${phrasesPattern(phrases)}${BOUNDARY_AFTER}`, "gu");
    for (const match of text.masked().matchAll(pattern)) {
      const span = { start: match.index, end: match.index + match[0].length };
      if (!text.isFree(span)) continue;
      const named = measures.filter((attribute) => attribute.aliases.some((alias) => new RegExp(phrasePattern(alias), "u").test(match[0])));
      const candidates = (named.length > 0 ? named : measures).filter((attribute) => attribute[extreme] !== undefined);
      if (candidates.length !== 1) continue;
      const attribute = candidates[0] as AttributeDefinition;
      const negationStart = negationBefore(text, span.start);
      text.claim({ start: negationStart ?? span.start, end: span.end });
      context.mentions.push({
        kind: "compare",
        attribute,
        field: attribute.name,
        operator: "eq",
        value: attribute[extreme] as number,
        negated: negationStart !== undefined,
        position: span.start,
      });
    }
  }
}

/** The first number of a range times the scale only the second one carries ("1 to 2 *million*"), when that keeps low below high. */
function sharedScale(firstPhrase: string, secondPhrase: string, first: number, second: number): number {
  if (hasScale(firstPhrase)) return first;
  const scale = /(?:\dk|\s(thousand|million|billion|grand))\s*$/u.exec(secondPhrase);
  if (scale === null) return first;
  const factor = scale[1] === undefined ? 1_000 : (parseNumberToken(`1 ${scale[1]}`) ?? 1);
  return first * factor <= second && first < second ? first * factor : first;
}

/** A unit with its first word in the singular ("years of experience" → "year of experience"); the unit itself otherwise. */
function singularUnit(unit: string): string {
  return unit.replace(/^(\p{L}{3,}[^s\P{L}])s(?=$|\s)/u, "$1");
}
