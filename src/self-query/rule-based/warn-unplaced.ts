import { warnOnce, type RecognizerContext } from "./mentions.js";
import { BOUNDARY_AFTER, BOUNDARY_BEFORE, ORDINAL_WORDS } from "./patterns.js";

/**
 * After every recogniser ran: a warning naming the numbers, years and position words ("the second
 * one") that are still in the question, so nobody mistakes a constraint the rules could not place for
 * one they applied. (In a purely semantic question such a warning is harmless: "the 300 bodies" is
 * meant as text.)
 */
// "just the 10s", "the 7's": a number in the plural names the things that have it.
const NUMBER_WITH_WORD = new RegExp(`${BOUNDARY_BEFORE}[$€£]?\\d[\\d,.]*k?(?:'?s)?${BOUNDARY_AFTER}(?:[\\s-]*([\\p{L}%/]+))?`, "gu");
const RELATIVE = new RegExp(
  `${BOUNDARY_BEFORE}(?:last|past|next|this|coming|recent)\\s+(?:\\w+\\s+)?(?:days?|weeks?|months?|years?|quarters?)${BOUNDARY_AFTER}`,
  "gu",
);
const ORDINAL = new RegExp(`${BOUNDARY_BEFORE}(?:${[...ORDINAL_WORDS.keys()].join("|")})\\s+(?:one|ones)${BOUNDARY_AFTER}`, "gu");
/** Date words a date attribute could mean, after a word that places them in time ("from May", "last spring", "the 2010s"). */
const DATE_WORDS = new RegExp(
  `${BOUNDARY_BEFORE}(?:(?:in|from|since|before|after|during|until|till|by|last|this|next|of|around|early|late)\\s+(?:the\\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|december|spring|summer|fall|autumn|winter|(?:19|20)\\d0s)|yesterday|today|tomorrow|(?:\\d+|a|an|one|two|three|a\\s+few|several)\\s+(?:days?|weeks?|months?|years?)\\s+ago|the\\s+(?:19|20)\\d0s)${BOUNDARY_AFTER}`,
  "gu",
);
const MAXIMUM_LISTED = 6;

export function warnUnplaced(context: RecognizerContext): void {
  const { text } = context;
  const masked = text.masked();
  const found: Array<{ start: number; phrase: string }> = [];
  const hasDate = context.schema.attributes.some((attribute) => attribute.type === "date");
  for (const pattern of hasDate ? [DATE_WORDS, RELATIVE, ORDINAL, NUMBER_WITH_WORD] : [RELATIVE, ORDINAL, NUMBER_WITH_WORD]) {
    for (const match of masked.matchAll(pattern)) {
      const span = { start: match.index, end: match.index + match[0].length };
      if (!text.isFree({ start: span.start, end: span.start + 1 })) continue;
      if (found.some((entry) => entry.start <= span.start && span.start < entry.start + entry.phrase.length)) continue;
      // The word after a number says what it counts ("10 hours"), unless it is a function word.
      const word = match[1];
      const end =
        word !== undefined && (context.stopWords.has(word) || word === "out" || word === "and" || word === "or" || word === "at")
          ? span.end - word.length
          : span.end;
      const phrase = text.original
        .slice(span.start, end)
        .replace(/[\s-]+$/u, "")
        .trim();
      const number = /[$€£]?\d[\d,.]*k?/u.exec(phrase)?.[0] ?? phrase;
      if (context.warnings.some((warning) => warning.includes(number))) continue;
      found.push({ start: span.start, phrase });
    }
  }
  if (found.length === 0) return;
  found.sort((left, right) => left.start - right.start);
  const listed = found.slice(0, MAXIMUM_LISTED).map((entry) => `"${entry.phrase}"`);
  const more = found.length > MAXIMUM_LISTED ? ` and ${found.length - MAXIMUM_LISTED} more` : "";
  warnOnce(context, `not read as constraints (kept in the semantic query): ${listed.join(", ")}${more}`);
}
