import type { AttributeDefinition } from "../attribute-schema.js";
import { warnOnce, type RecognizerContext } from "./mentions.js";
import { BOUNDARY_AFTER, CLAUSE_BREAK, NUMBER_WORDS, phrasesPattern } from "./patterns.js";

/**
 * After every recogniser ran: a warning naming the words of a field that are still free in the question when nothing was
 * read for that field, where they look like a constraint the rules could not read:
 * - a word of a value (a yes/no field's alias, a named value of a number: "*splurge* dinners", "no *instrumentals*");
 * - an alias or unit of the field next to a quantity, a comparison or a negation ("reviews that got a single *star*",
 *   "papers *cited* fewer than a hundred times"), when the cue itself was not read either (in "films rated 4 or below"
 *   the 4 is the rating's, and "films" only names the documents).
 * The warning says so instead of dropping the constraint silently. A field word alone ("what do *employers* say about…")
 * says nothing of a constraint and gets no warning; function words ("by", "at", "in") never count.
 */
/** Function words of three letters or more (shorter words never count): alone they name no field. */
const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  ["the", "and", "for", "from", "with", "into", "onto", "per", "via", "its", "our", "your", "their", "this", "that"].concat([
    "these",
    "those",
    "what",
    "who",
    "which",
    "where",
    "when",
    "how",
    "was",
    "were",
    "are",
    "has",
    "have",
    "had",
    "any",
  ]),
);
const MAXIMUM_LISTED = 4;
/** How many words either side of a field word a quantity, comparison or negation may be. */
const CUE_WINDOW = 3;
const CUE_WORDS: ReadonlySet<string> = new Set([
  ...NUMBER_WORDS.keys(),
  ...["single", "hundred", "thousand", "few", "several", "couple", "dozens", "hundreds", "thousands", "zero", "once", "twice"],
  ...["under", "over", "below", "above", "beyond", "than", "least", "most", "more", "less", "fewer", "between", "within", "upto"],
  ...["higher", "lower", "bigger", "smaller", "longer", "shorter", "cheaper", "max", "min", "maximum", "minimum", "plus"],
  ...["no", "not", "never", "without", "non", "zero", "any"],
]);
const patterns = new WeakMap<AttributeDefinition, { value: RegExp | null; field: RegExp | null }>();

function hasContent(phrase: string): boolean {
  const words = phrase.toLowerCase().match(/\p{L}+/gu) ?? [];
  return words.some((word) => word.length >= 3 && !FUNCTION_WORDS.has(word));
}

/** A plural or possessive of a phrase counts too ("instrumentals", "the rating's"). */
function patternOfPhrases(phrases: readonly string[]): RegExp | null {
  const kept = phrases.filter(hasContent);
  return kept.length === 0 ? null : new RegExp(`${phrasesPattern(kept, { boundaryAfter: false })}(?:['’]?e?s)?${BOUNDARY_AFTER}`, "gu");
}

/** The words of a field's values (a yes/no field's aliases, named values of a number) and the words of the field itself. */
function patternsOf(attribute: AttributeDefinition): { value: RegExp | null; field: RegExp | null } {
  let found = patterns.get(attribute);
  if (found === undefined) {
    const namedValues = attribute.type === "enum" || attribute.type === "string" || attribute.type === "date";
    const valueWords = namedValues
      ? []
      : attribute.values.flatMap((value) => [...value.aliases, ...(value.label === undefined ? [] : [value.label])]);
    found =
      attribute.type === "boolean"
        ? { value: patternOfPhrases([...attribute.aliases, ...valueWords]), field: null }
        : { value: patternOfPhrases(valueWords), field: patternOfPhrases([...attribute.aliases, ...attribute.units]) };
    patterns.set(attribute, found);
  }
  return found;
}

/** True when an unread quantity, comparison or negation is within a few words of the span, in the same clause. */
function nearCue(masked: string, start: number, end: number): boolean {
  const before = masked.slice(0, start).split(CLAUSE_BREAK).at(-1) ?? "";
  const after = masked.slice(end).split(CLAUSE_BREAK)[0] ?? "";
  const words = [
    ...(before.match(/[\p{L}\p{N}+]+/gu) ?? []).slice(-CUE_WINDOW),
    ...(after.match(/[\p{L}\p{N}+]+/gu) ?? []).slice(0, CUE_WINDOW),
  ];
  return words.some((word) => /\d/u.test(word) || word.endsWith("+") || CUE_WORDS.has(word));
}

function firstFree(pattern: RegExp | null, masked: string, accept: (start: number, end: number) => boolean): RegExpExecArray | undefined {
  if (pattern === null) return undefined;
  pattern.lastIndex = 0;
  for (const match of masked.matchAll(pattern)) if (accept(match.index, match.index + match[0].length)) return match;
  return undefined;
}

export function warnUnreadFields(context: RecognizerContext): void {
  const read = new Set(context.mentions.map((mention) => mention.attribute.name));
  const masked = context.text.masked();
  const found: Array<{ start: number; phrase: string; field: string }> = [];
  for (const attribute of context.schema.attributes) {
    if (read.has(attribute.name)) continue;
    const { value, field } = patternsOf(attribute);
    const match = firstFree(value, masked, () => true) ?? firstFree(field, masked, (start, end) => nearCue(masked, start, end));
    if (match === undefined) continue;
    const phrase = context.text.original.slice(match.index, match.index + match[0].length);
    // A phrase a warning already names was seen by a recogniser and explained there.
    if (context.warnings.some((warning) => warning.toLowerCase().includes(`"${phrase.toLowerCase()}`))) continue;
    found.push({ start: match.index, phrase, field: attribute.name });
  }
  if (found.length === 0) return;
  found.sort((left, right) => left.start - right.start);
  const listed = found.slice(0, MAXIMUM_LISTED).map((entry) => `"${entry.phrase}" (${entry.field})`);
  const more = found.length > MAXIMUM_LISTED ? ` and ${found.length - MAXIMUM_LISTED} more` : "";
  warnOnce(context, `words for fields with no constraint read (kept in the semantic query): ${listed.join(", ")}${more}`);
}
