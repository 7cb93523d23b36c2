import type { AttributeDefinition } from "../attribute-schema.js";
import { negationBefore, warnOnce, type RecognizerContext } from "./mentions.js";
import { BOUNDARY_AFTER, BOUNDARY_BEFORE, phrasesPattern } from "./patterns.js";

/**
 * Counts named by their verb alone, with no number: on an integer attribute that starts at 0 (how many times something
 * was done or given), an alias that is a participle ("played", "visited", "cited") after a negation says the count is 0
 * ("tracks I've never played", "places I haven't visited"), and a hyphenated participle before a noun says it is at least
 * 1 ("Michelin-starred meals"). Runs after the measures, so a participle with a number ("played 5 times") is theirs.
 */
export function recognizeCounts(context: RecognizerContext): void {
  for (const attribute of context.schema.attributes) {
    if (attribute.type !== "integer" || attribute.minimum !== 0) continue;
    const participles = attribute.aliases.filter((alias) => /^(?:\p{L}+-)?\p{L}{2,}ed$/u.test(alias));
    if (participles.length === 0) continue;
    const pattern = new RegExp(`${BOUNDARY_BEFORE}${phrasesPattern(participles)}${BOUNDARY_AFTER}`, "gu");
    for (const match of context.text.masked().matchAll(pattern)) {
      const span = { start: match.index, end: match.index + match[0].length };
      if (!context.text.isFree(span) || context.mentions.some((mention) => mention.attribute === attribute)) continue;
      const negationStart = negationBefore(context.text, span.start);
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
