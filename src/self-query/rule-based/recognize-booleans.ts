import type { FilterScalar } from "../../core/filter/filter-schema.js";
import type { AttributeDefinition } from "../attribute-schema.js";
import { negationBefore, type RecognizerContext } from "./mentions.js";
import { phrasePattern } from "./patterns.js";

/**
 * Yes/no attributes (`boolean`): the attribute's aliases and its name in words ("in stock",
 * "pet-friendly", "in_stock" → "in stock") name `true`; the aliases of a listed value name that value
 * ("out of stock" → false). A negation before the phrase flips it: "not in stock", "aren't
 * pet-friendly". Longer phrases win ("no pets allowed" over "pets allowed").
 */
export function recognizeBooleans(context: RecognizerContext): void {
  for (const attribute of context.schema.attributes) {
    if (attribute.type !== "boolean") continue;
    const phrases: Array<{ phrase: string; value: boolean }> = [
      ...[...attribute.aliases, attribute.name.replace(/[_-]+/g, " ")].map((phrase) => ({ phrase, value: true })),
      ...attribute.values.flatMap((entry) =>
        [...entry.aliases, ...(entry.label === undefined ? [] : [entry.label])].map((phrase) => ({ phrase, value: entry.value === true })),
      ),
    ];
    phrases.sort((left, right) => right.phrase.length - left.phrase.length);
    for (const { phrase, value } of phrases) {
      const pattern = new RegExp(phrasePattern(phrase), "gu");
      for (const match of context.text.masked().matchAll(pattern)) {
        const span = { start: match.index, end: match.index + match[0].length };
        if (!context.text.isFree(span)) continue;
        addMention(context, attribute, span, value);
      }
    }
  }
}

function addMention(
  context: RecognizerContext,
  attribute: AttributeDefinition,
  span: { start: number; end: number },
  value: boolean,
): void {
  const negationStart = negationBefore(context.text, span.start);
  context.text.claim({ start: negationStart ?? span.start, end: span.end });
  const wanted: FilterScalar = negationStart === undefined ? value : !value;
  context.mentions.push({ kind: "members", attribute, field: attribute.name, values: [wanted], negated: false, position: span.start });
}
