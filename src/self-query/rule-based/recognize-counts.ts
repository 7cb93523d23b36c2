import type { AttributeDefinition } from "../attribute-schema.js";
import { negationBefore, warnOnce, type RecognizerContext } from "./mentions.js";
import { BOUNDARY_AFTER, BOUNDARY_BEFORE, phrasesPattern } from "./patterns.js";
import { singular } from "./value-matcher.js";

/**
 * Counts named by their verb alone, with no number: on an integer attribute that starts at 0 (how many times something
 * was done or given), an alias that is a participle ("played", "visited", "cited") after a negation says the count is 0
 * ("tracks I've never played", "places I haven't visited"), and a hyphenated participle before a noun says it is at least
 * 1 ("Michelin-starred meals"); "a single <unit>" after a verb of giving a grade is 1 of it ("got a single star"). Runs
 * after the measures, so a participle with a number ("played 5 times") is theirs.
 */
export function recognizeCounts(context: RecognizerContext): void {
  recognizeSingleUnits(context);
  for (const attribute of context.schema.attributes) {
    if (attribute.type !== "integer" || attribute.minimum !== 0) continue;
    const participles = attribute.aliases.filter((alias) => /^(?:\p{L}+-)?\p{L}{2,}ed$/u.test(alias));
    if (participles.length === 0) continue;
    const pattern = new RegExp(`${BOUNDARY_BEFORE}${phrasesPattern(participles)}${BOUNDARY_AFTER}`, "gu");
    for (const match of context.text.masked().matchAll(pattern)) {
      const span = { start: match.index, end: match.index + match[0].length };
      if (!context.text.isFree(span) || context.mentions.some((mention) => mention.attribute === attribute)) continue;
      // "papers that never cited the transformer paper", "songs I never played for anyone": a verb with its own object or
      // complement says what was done to something else, not how often the documents were.
      const negationStart = negationBefore(context.text, span.start);
      if (negationStart !== undefined && !COUNT_PHRASE_ENDS.test(context.text.masked().slice(span.end))) continue;
      const adjective = /-/u.test(match[0]) && /^\s+\p{L}/u.test(context.text.masked().slice(span.end));
      if (negationStart === undefined && !adjective) continue;
      context.text.claim({ start: negationStart ?? span.start, end: span.end });
      context.mentions.push(
        countMention(attribute, negationStart === undefined ? "gte" : "eq", negationStart === undefined ? 1 : 0, span.start),
      );
      warnOnce(
        context,
        `read "${context.text.original.slice(negationStart ?? span.start, span.end)}" as ${attribute.name} ${negationStart === undefined ? ">= 1" : "= 0"}`,
      );
    }
  }
}

function countMention(
  attribute: AttributeDefinition,
  operator: "eq" | "gte",
  value: number,
  position: number,
): RecognizerContext["mentions"][number] {
  return { kind: "compare", attribute, field: attribute.name, operator, value, negated: false, position };
}

/** What may follow a count's participle: the end of the clause, another constraint, or a word of time. */
const COUNT_PHRASE_ENDS =
  /^\s*(?:$|[,.;:!?)\u0001]|(?:and|or|but|that|which|in|from|by|since|yet|before|again|once|this|last|so|either|at\s+all)(?![\p{L}]))/u;

/** A verb of giving or getting a grade before "a single <unit>" ("got a single star", "rated it a single star"). */
const GRADED_BEFORE =
  /(?<![\p{L}])(?:got|get|gets|gave|give|gives|given|rated|rate|rates|earned|earns|received|receives|scored|scores|with|only)(?:\s+(?:it|them|just|only))?\s+$/u;

/**
 * "reviews that got a single star", "rated it a single star": "a single" before a declared unit of a bounded attribute,
 * after a verb of giving or getting a grade and at the end of its noun phrase, is 1 of that unit.
 */
function recognizeSingleUnits(context: RecognizerContext): void {
  for (const attribute of context.schema.attributes) {
    const units = attribute.units.filter((unit) => /^\p{L}+$/u.test(unit)).flatMap((unit) => [unit, singular(unit)]);
    if ((attribute.type !== "integer" && attribute.type !== "number") || attribute.maximum === undefined || units.length === 0) continue;
    const pattern = new RegExp(
      `${BOUNDARY_BEFORE}a\\s+single\\s+${phrasesPattern(units)}(?=\\s*(?:$|[,.;:!?)]|\\s(?:and|or|but|for|from|of|in|on|by|that|which|this|last)(?![\\p{L}])))`,
      "gu",
    );
    for (const match of context.text.masked().matchAll(pattern)) {
      const span = { start: match.index, end: match.index + match[0].length };
      const before = context.text.masked().slice(Math.max(0, span.start - 30), span.start);
      if (!context.text.isFree(span) || !GRADED_BEFORE.test(before) || context.mentions.some((mention) => mention.attribute === attribute))
        continue;
      context.text.claim(span);
      context.mentions.push(countMention(attribute, "eq", 1, span.start));
    }
  }
}
