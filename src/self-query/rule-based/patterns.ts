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
  ["fifteen", 15],
  ["twenty", 20],
  ["thirty", 30],
  ["fifty", 50],
  ["hundred", 100],
]);

/**
 * A number written with digits (thousands separators, decimals, a "k" suffix and scale words allowed:
 * "1,200", "75.50", "400k", "1.5k", "1 million") or as a word ("eight", "a dozen").
 */
export const NUMBER_SOURCE = `(?:(?:\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)(?:k(?![\\p{L}\\p{N}_])|\\s*(?:thousand|million|billion)(?![\\p{L}\\p{N}_]))?|${[...NUMBER_WORDS.keys()].join("|")})`;
/** `NUMBER_SOURCE` with word boundaries (a trailing "." that is not a decimal is allowed). */
export const BOUNDED_NUMBER_SOURCE = `(?<![\\p{L}\\p{N}_.])${NUMBER_SOURCE}(?![\\p{L}\\p{N}_]|\\.\\d)`;

/** The value of a number token, or `undefined`. */
export function parseNumberToken(token: string): number | undefined {
  const word = NUMBER_WORDS.get(token.toLowerCase());
  if (word !== undefined) return word;
  const match = /^(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(k|\s*thousand|\s*million|\s*billion)?$/i.exec(token);
  if (!match) return undefined;
  const scale = (match[2] ?? "").trim().toLowerCase();
  const factor = scale === "k" || scale === "thousand" ? 1_000 : scale === "million" ? 1_000_000 : scale === "billion" ? 1_000_000_000 : 1;
  const value = Number((match[1] as string).replaceAll(",", "")) * factor;
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
