import { warnOnce, type RecognizerContext } from "./mentions.js";
import { foldPhrase } from "./value-matcher.js";

/**
 * Quoted text is a quotation or a title the question talks about ('a review that calls it "the best
 * buy of 2024"', 'is "Model 2" a good name?'): nothing inside it is read as a constraint. It stays in
 * the semantic query. One exception: a quote that is exactly a known value's name after a word that
 * attaches it to the documents ('listings by "Maria Lopez"', 'what did people think of "Kestrel"')
 * names that value.
 */
const DOUBLE = /"([^"\n]{1,200})"/gu;
/** Single quotes only at word boundaries (an apostrophe inside "don't" opens nothing). */
const SINGLE = /(?<![\p{L}\p{N}_])'([^'\n]{1,200})'(?![\p{L}\p{N}_])/gu;
const ATTACHING_CUE = /(?<![\p{L}\p{N}_])(?:by|of|from|in|about|for|on|than|except|excluding|not)\s*$/u;

export function recognizeQuotations(context: RecognizerContext): void {
  const { text } = context;
  const names = knownNames(context);
  for (const pattern of [DOUBLE, SINGLE]) {
    for (const match of text.masked().matchAll(pattern)) {
      const span = { start: match.index, end: match.index + match[0].length };
      if (!text.isFree(span)) continue;
      const inner = (match[1] as string).trim();
      if (inner === "") continue;
      const before = text.masked().slice(Math.max(0, span.start - 20), span.start);
      if (names.has(foldPhrase(inner).replace(/\s+/gu, " ")) && ATTACHING_CUE.test(before)) continue;
      text.protect(span);
      const folded = ` ${foldPhrase(inner).replace(/[^\p{L}\p{N}]+/gu, " ")} `;
      const named = [...names].some((name) => folded.includes(` ${name.replace(/[^\p{L}\p{N}]+/gu, " ").trim()} `));
      if (/\p{N}/u.test(inner) || named)
        warnOnce(
          context,
          `"${text.original.slice(span.start + 1, span.end - 1).trim()}" is quoted; nothing inside a quotation is read as a constraint`,
        );
    }
  }
}

/** The folded names of every listed value (value, label, aliases) of the schema's enum and string attributes. */
function knownNames(context: RecognizerContext): Set<string> {
  const names = new Set<string>();
  for (const attribute of context.schema.attributes) {
    if (attribute.type !== "enum" && attribute.type !== "string") continue;
    for (const entry of attribute.values) {
      for (const phrase of [String(entry.value), entry.label, ...entry.aliases]) {
        if (phrase !== undefined && phrase.trim() !== "") names.add(foldPhrase(phrase).replace(/\s+/gu, " "));
      }
    }
  }
  return names;
}
