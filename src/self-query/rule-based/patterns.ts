/**
 * Regular-expression building blocks shared by the rule-based recognisers. Every pattern runs on the
 * lower-cased, masked question text (see `QuestionText`), with the `u` flag.
 */

/** No letter, digit or underscore just before. */
export const BOUNDARY_BEFORE = "(?<![\\p{L}\\p{N}_])";
/** No letter, digit or underscore just after. */
export const BOUNDARY_AFTER = "(?![\\p{L}\\p{N}_])";

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/**
 * The pattern of a phrase: case already folded, runs of letters/digits must appear as written,
 * white space and the separators `: , . -` between them are interchangeable ("Series: Season 3"
 * = "series season 3"), symbols keep their place with optional spaces around ("/10" = "/ 10").
 * Word boundaries are required at both ends when the phrase starts/ends with a letter or digit.
 */
export function phrasePattern(phrase: string, options: { boundaryAfter?: boolean } = {}): string {
  const lower = phrase.toLowerCase().trim();
  const pieces = lower.match(/[\p{L}\p{N}_']+|[^\s\p{L}\p{N}_']/gu) ?? [];
  let source = "";
  let previousIsWord = false;
  for (const piece of pieces) {
    const isWord = /^[\p{L}\p{N}_']+$/u.test(piece);
    const isSeparator = /^[:,.-]$/.test(piece);
    if (isSeparator) {
      // Separators are optional and interchangeable with white space.
      source += "[\\s:,.\\-]*";
      previousIsWord = false;
      continue;
    }
    if (source !== "") source += isWord && previousIsWord ? "[\\s:,.\\-]+" : "\\s*";
    source += escapeRegExp(piece).replace(/'/g, "['’]");
    previousIsWord = isWord;
  }
  const startsWithWord = /^[\p{L}\p{N}_]/u.test(lower);
  const endsWithWord = /[\p{L}\p{N}_]$/u.test(lower);
  const boundaryAfter = endsWithWord && (options.boundaryAfter ?? true);
  return `${startsWithWord ? BOUNDARY_BEFORE : ""}(?:${source})${boundaryAfter ? BOUNDARY_AFTER : ""}`;
}

/** An alternation of phrases, longest first (so "made by" wins over "made"). */
export function phrasesPattern(phrases: readonly string[], options: { boundaryAfter?: boolean } = {}): string {
  const unique = [...new Set(phrases.map((phrase) => phrase.toLowerCase().trim()).filter((phrase) => phrase !== ""))];
  unique.sort((left, right) => right.length - left.length);
  if (unique.length === 0) return "(?!)";
  return `(?:${unique.map((phrase) => phrasePattern(phrase, options)).join("|")})`;
}

const compiled = new Map<string, RegExp>();
const MAXIMUM_COMPILED = 500;

/**
 * `new RegExp(source, flags)`, compiled once per source (bounded): the patterns built from a schema's aliases are the
 * same for every question, and patterns with Unicode classes take a while to compile. Only for patterns used with
 * `exec`/`test` without the `g` or `y` flags (a shared pattern must carry no `lastIndex`).
 */
export function cachedRegExp(source: string, flags = "u"): RegExp {
  const key = `${flags}/${source}`;
  let pattern = compiled.get(key);
  if (pattern === undefined) {
    pattern = new RegExp(source, flags);
    if (compiled.size >= MAXIMUM_COMPILED) compiled.clear();
    compiled.set(key, pattern);
  }
  return pattern;
}

/** Number words understood as values. */
export const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ["zero", 0],
  ["one", 1],
  ["two", 2],
  ["three", 3],
  ["four", 4],
  ["five", 5],
  ["six", 6],
  ["seven", 7],
  ["eight", 8],
  ["nine", 9],
  ["ten", 10],
  ["eleven", 11],
  ["twelve", 12],
  ["dozen", 12],
  ["thirteen", 13],
  ["fourteen", 14],
  ["fifteen", 15],
  ["sixteen", 16],
  ["seventeen", 17],
  ["eighteen", 18],
  ["nineteen", 19],
  ["twenty", 20],
  ["thirty", 30],
  ["forty", 40],
  ["fifty", 50],
  ["sixty", 60],
  ["seventy", 70],
  ["eighty", 80],
  ["ninety", 90],
  ["hundred", 100],
]);

/** "forty-five", "twenty one": a tens word and a units word make one number. */
const TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety";
const UNITS = "one|two|three|four|five|six|seven|eight|nine";
const COMPOUND_TENS = `(?:${TENS})[-\\s](?:${UNITS})(?![\\p{L}])`;
const COMPOUND_TENS_AT_START = new RegExp(`^(${TENS})[-\\s](${UNITS})(?![\\p{L}])`, "u");

/** Scale words after a number ("fifty *thousand*", "400 *grand*", "twelve *hundred*"). */
const SCALES: ReadonlyMap<string, number> = new Map([
  ["hundred", 100],
  ["thousand", 1_000],
  ["grand", 1_000],
  ["k", 1_000],
  ["million", 1_000_000],
  ["m", 1_000_000],
  ["mil", 1_000_000],
  ["mn", 1_000_000],
  ["billion", 1_000_000_000],
  ["bn", 1_000_000_000],
]);
// "40 000 $", "2 500 €": a space (or a no-break space) may separate thousands too, only in groups of three digits.
export const DIGITS_SOURCE = String.raw`(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3}(?!\d))+(?:\.\d+)?|\d+(?:\.\d+)?)`;
const WORD_END = String.raw`(?![\p{L}\p{N}_])`;

/**
 * A number written with digits (thousands separators, decimals, a "k" suffix and scale words allowed:
 * "1,200", "75.50", "400k", "1.5k", "1 million", "400 grand"; "m"/"bn" right after a currency sign:
 * "$1.2M") or in words ("eight", "a dozen", "twelve hundred", "fifty thousand", "half a million").
 */
export const NUMBER_SOURCE = `(?:${DIGITS_SOURCE}(?:k${WORD_END}|(?<=[$€£¥]\\s?${DIGITS_SOURCE})(?:m|mil|mn|bn)${WORD_END}|\\s*(?:thousand|million|billion|grand)${WORD_END})?|(?:half\\s+)?a\\s+(?:(?:hundred|grand|thousand|million|billion)(?:\\s+(?:thousand|million))?)${WORD_END}|${COMPOUND_TENS}(?:\\s+(?:hundred|thousand|million|billion|grand)${WORD_END})*|(?:${[...NUMBER_WORDS.keys()].join("|")})(?:\\s+(?:hundred|thousand|million|billion|grand)${WORD_END})*)`;
/** `NUMBER_SOURCE` with word boundaries (a trailing "." that is not a decimal is allowed). */
export const BOUNDED_NUMBER_SOURCE = `(?<![\\p{L}\\p{N}_.])${NUMBER_SOURCE}(?![\\p{L}\\p{N}_]|\\.\\d)`;

/** True when a number phrase carries a scale word ("250k", "2 million", "400 grand"): amounts of money, mostly. */
export function hasScale(phrase: string): boolean {
  return /\dk(?![\p{L}])|(?:\d|\p{L})\s*(?:thousand|million|billion|grand)(?![\p{L}])|[$€£¥]\s?[\d.,]+(?:m|mil|mn|bn)(?![\p{L}])/iu.test(
    phrase,
  );
}

/** The value of a number token, or `undefined`. */
export function parseNumberToken(token: string): number | undefined {
  const lower = token.toLowerCase().trim();
  // "half a million", "a grand", "a thousand", "a hundred", "a hundred thousand".
  const single = /^(half\s+)?a\s+((?:hundred|grand|thousand|million|billion)(?:\s+(?:thousand|million))?)$/u.exec(lower);
  if (single) {
    const scale = (single[2] as string).split(/\s+/u).reduce((product, word) => product * (SCALES.get(word) as number), 1);
    return scale / (single[1] === undefined ? 1 : 2);
  }
  const compound = COMPOUND_TENS_AT_START.exec(lower);
  if (compound) {
    const sum = (NUMBER_WORDS.get(compound[1] as string) ?? 0) + (NUMBER_WORDS.get(compound[2] as string) ?? 0);
    return parseNumberToken(`${sum}${lower.slice(compound[0].length)}`);
  }
  const match = new RegExp(`^(${DIGITS_SOURCE}|[a-z]+(?![a-z]))((?:\\s*[a-z]+(?![a-z]))?(?:\\s+[a-z]+(?![a-z]))*)$`, "u").exec(lower);
  if (!match) return undefined;
  const head = match[1] as string;
  const digits = head.replace(/[, \u00a0\u202f]/gu, "");
  let value = /^\d/.test(head) ? Number(digits) : NUMBER_WORDS.get(head);
  if (value === undefined) return undefined;
  for (const scale of (match[2] as string)
    .trim()
    .split(/\s+/u)
    .filter((word) => word !== "")) {
    const factor = SCALES.get(scale);
    if (factor === undefined) return undefined;
    value *= factor;
  }
  return Number.isFinite(value) ? Math.round(value * 1e6) / 1e6 : undefined;
}

/** Ordinal words and their positions (1-based). */
export const ORDINAL_WORDS: ReadonlyMap<string, number> = new Map([
  ["first", 1],
  ["second", 2],
  ["third", 3],
  ["fourth", 4],
  ["fifth", 5],
  ["sixth", 6],
  ["seventh", 7],
  ["eighth", 8],
  ["ninth", 9],
  ["tenth", 10],
  ["1st", 1],
  ["2nd", 2],
  ["3rd", 3],
  ["4th", 4],
  ["5th", 5],
  ["6th", 6],
  ["7th", 7],
  ["8th", 8],
  ["9th", 9],
  ["10th", 10],
]);

/** Ordinal-like words meaning the last value ("the latest film"). */
export const LAST_WORDS = ["last", "latest", "newest", "final", "most recent"] as const;

/** Roman numerals II-X (a lone "i", "v" or "x" is too ambiguous to read as a number). */
export const ROMAN_NUMERALS: ReadonlyMap<string, number> = new Map([
  ["ii", 2],
  ["iii", 3],
  ["iv", 4],
  ["vi", 6],
  ["vii", 7],
  ["viii", 8],
  ["ix", 9],
]);

/** Words that, right after a number, say it counts something else ("2 hours", "3 kills"). */
export const FOREIGN_UNITS = [
  "hour",
  "hours",
  "hr",
  "hrs",
  "minute",
  "minutes",
  "min",
  "mins",
  "second",
  "seconds",
  "time",
  "times",
  "year",
  "years",
  "day",
  "days",
  "week",
  "weeks",
  "month",
  "months",
  "people",
  "person",
  "persons",
  "percent",
  "%",
  "dollar",
  "dollars",
  "million",
  "millions",
  "billion",
  "thousand",
  "hundred",
  "bucks",
  "words",
  "word",
  "characters",
  "pages",
] as const;

/** Sentence punctuation: constraint cues do not reach across it. */
export const CLAUSE_BREAK = /[.;!?]/;
