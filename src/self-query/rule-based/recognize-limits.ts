import { warnOnce, type RecognizerContext } from "./mentions.js";
import { BOUNDARY_AFTER, BOUNDARY_BEFORE, FOREIGN_UNITS, NUMBER_WORDS, phrasesPattern } from "./patterns.js";

/**
 * How many results the question asks for: "top 3 reviews", "the 5 best reviews", "5 reviews",
 * "give me three reviews", "at most 4 results", "limit to 10". A number followed by a unit
 * ("5 star reviews") is a measure, not a count, and is left alone.
 */
const COUNT = `(?<![/\\-.])(\\d+|${[...NUMBER_WORDS.keys()].filter((word) => word !== "zero").join("|")})`;
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
      const middle = (match[2] ?? "").trim();
      if (middle !== "" && middle.split(/\s+/).some((word) => blocked.test(word))) continue;
      const countText = match[1] as string;
      const count = /^\d+$/.test(countText) ? Number(countText) : (NUMBER_WORDS.get(countText) ?? 0);
      // Keep the words between the number and the noun ("positive", "negative") in the semantic query.
      const claimEnd = middle === "" || pattern !== COUNTED ? span.end : match.index + match[0].indexOf(countText) + countText.length;
      context.text.claim({ start: span.start, end: claimEnd });
      setLimit(context, count, context.text.original.slice(span.start, span.end).trim());
    }
  }
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
