import { warnOnce, type RecognizerContext } from "./mentions.js";
import { BOUNDARY_AFTER, BOUNDARY_BEFORE, FOREIGN_UNITS, NUMBER_WORDS, phrasesPattern } from "./patterns.js";

/**
 * How many results the question asks for: "top 3 reviews", "the 5 best reviews", "5 reviews",
 * "give me three reviews", "at most 4 results", "limit to 10". A number followed by a unit
 * ("5 star reviews") is a measure, not a count, and is left alone.
 */
// Not after a currency sign or a comparison ("bikes over $500 with great reviews", "over 500 reviews": an amount).
const COUNT = `(?<![/\\-.]|[$€£¥]\\s?|(?:over|under|above|below|beyond|north\\s+of|south\\s+of)\\s+)(?<!(?<!(?:no|not)\\s+)(?:more|fewer|less)\\s+than\\s+)(\\d+|${[...NUMBER_WORDS.keys()].filter((word) => word !== "zero").join("|")})`;
const NOUNS =
  "reviews|review|results|result|documents|document|docs|doc|matches|match|hits|opinions|opinion|comments|comment|posts|post|critiques|write-?ups|examples|items|entries|passages|ones";
const QUANTIFIERS =
  "at most|up to|no more than|not more than|a maximum of|maximum of|max|only|just|limit(?:ed)?(?:\\s+(?:it|this|that|results|them))?(?:\\s+to)?";

const TOP = new RegExp(`${BOUNDARY_BEFORE}(?:the\\s+)?(?:top|best|first|highest|leading)\\s+${COUNT}${BOUNDARY_AFTER}`, "gu");
const COUNTED = new RegExp(
  `${BOUNDARY_BEFORE}(?:(?:${QUANTIFIERS})\\s+)?${COUNT}\\s+((?:(?:[\\p{L}'\\-]+|\\u0001+)\\s+){0,3}?)(?:${NOUNS})${BOUNDARY_AFTER}`,
  "gu",
);
const LIMIT_TO = new RegExp(
  `${BOUNDARY_BEFORE}limit(?:ed)?\\s+(?:(?:it|this|that|results|them)\\s+)?to\\s+${COUNT}${BOUNDARY_AFTER}`,
  "gu",
);

const MIDDLE_PREPOSITIONS = new Set(["with", "for", "from", "by", "in", "on", "at", "under", "over", "about", "without"]);

export function recognizeLimits(context: RecognizerContext): void {
  // A unit or a measure's alias between the number and the noun ("5 star reviews") makes it a value.
  const measures = context.schema.attributes.filter((attribute) => attribute.type === "number" || attribute.type === "integer");
  const blocked = new RegExp(
    `^${phrasesPattern([...FOREIGN_UNITS, ...measures.flatMap((attribute) => [...attribute.units, ...attribute.aliases])])}$`,
    "u",
  );
  for (const pattern of [LIMIT_TO, TOP, COUNTED]) {
    for (const match of context.text.masked().matchAll(pattern)) {
      const span = { start: match.index, end: match.index + match[0].length };
      if (!context.text.isFree(span)) continue;
      if (pattern === TOP && countsOtherThings(context, span.end)) {
        warnOnce(
          context,
          `"${context.text.original.slice(span.start, span.end).trim()} ${nounAfter(context, span.end)}" counts other things; not read as a limit`,
        );
        continue;
      }
      const middle = (match[2] ?? "").trim();
      if (middle !== "" && middle.split(/\s+/).some((word) => blocked.test(word))) continue;
      // "500 with great reviews", "3 for the reviews": a preposition in between; the number counts nothing there.
      if (pattern === COUNTED && middle.split(/\s+/).some((word) => MIDDLE_PREPOSITIONS.has(word))) continue;
      const countText = match[1] as string;
      const count = /^\d+$/.test(countText) ? Number(countText) : (NUMBER_WORDS.get(countText) ?? 0);
      // Keep the words between the number and the noun ("positive", "negative") in the semantic query.
      const claimEnd = middle === "" || pattern !== COUNTED ? span.end : match.index + match[0].indexOf(countText) + countText.length;
      context.text.claim({ start: span.start, end: claimEnd });
      setLimit(context, count, context.text.original.slice(span.start, span.end).trim());
    }
  }
}

/** Nouns after "top N" that still count results. */
const RESULT_NOUNS = new Set([
  ...NOUNS.split("|").filter((noun) => /^[a-z]+$/.test(noun)),
  "picks",
  "pick",
  "choices",
  "recommendations",
  "suggestions",
  "write-ups",
  "writeups",
]);
const HEAD_END = new Set([
  "for",
  "with",
  "from",
  "by",
  "in",
  "on",
  "of",
  "under",
  "over",
  "below",
  "above",
  "that",
  "which",
  "who",
  "to",
  "and",
  "or",
  "about",
  "at",
  "than",
]);

/** The words of the noun phrase right after `end` (up to a function word or punctuation). */
function nounPhraseAfter(context: RecognizerContext, end: number): string[] {
  const after = context.text.masked().slice(end, end + 60);
  const words: string[] = [];
  for (const match of after.matchAll(/\s*([\p{L}\u0001][\p{L}\u0001'-]*|\S)/gu)) {
    const word = match[1] as string;
    if (!/^[\p{L}\u0001]/u.test(word) || HEAD_END.has(word) || words.length >= 4) break;
    // A claimed value right after the count is the noun ("top 5 *laptops*"); after other words it is another constraint.
    if (word.startsWith("\u0001") && words.length > 0) break;
    words.push(word);
  }
  return words;
}

function nounAfter(context: RecognizerContext, end: number): string {
  return nounPhraseAfter(context, end).join(" ");
}

/**
 * "their top 10 action movies": the noun after the count is neither a word for the documents (a stop
 * word), a claimed value nor a word for results, so the count is of other things.
 */
function countsOtherThings(context: RecognizerContext, end: number): boolean {
  const words = nounPhraseAfter(context, end);
  const head = words[words.length - 1];
  if (head === undefined || head.includes("\u0001")) return false;
  const singular = head.replace(/s$/u, "");
  // An enum attribute's own name ("films", "cities") counts those things, not the documents.
  const enumAlias = context.schema.attributes.some(
    (attribute) =>
      attribute.type === "enum" && attribute.aliases.some((alias) => alias.toLowerCase() === head || alias.toLowerCase() === singular),
  );
  if (enumAlias) return true;
  return !(RESULT_NOUNS.has(head) || context.stopWords.has(head) || context.stopWords.has(singular));
}

export function setLimit(context: RecognizerContext, count: number, phrase: string): void {
  if (count < 1) {
    warnOnce(context, `"${phrase}" asks for no results; the limit was ignored`);
    return;
  }
  let limit = count;
  if (limit > context.maximumLimit) {
    warnOnce(context, `"${phrase}" asks for ${count} results; capped at ${context.maximumLimit}`);
    limit = context.maximumLimit;
  }
  if (context.limit !== undefined && context.limit !== limit) {
    warnOnce(context, `the question asks for ${context.limit} and ${limit} results; using ${Math.min(context.limit, limit)}`);
    limit = Math.min(context.limit, limit);
  }
  context.limit = limit;
}
