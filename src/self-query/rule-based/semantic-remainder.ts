import { phrasesPattern } from "./patterns.js";
import type { QuestionText } from "./question-text.js";

/**
 * The semantic query: the question without its constraint phrases. Words that only connected a
 * removed phrase ("reviews *of* Chapter 3", "*written* in 2023", "*with a* score above 7") go too.
 * When nothing but stop words is left ("Show me all reviews by X"), the question was filter-only and
 * the semantic query is `""`.
 */

/** Words that connect a constraint phrase to the rest of the question; removed with it. */
const CONNECTORS = [
  "of",
  "for",
  "from",
  "in",
  "on",
  "during",
  "about",
  "by",
  "with",
  "having",
  "written",
  "posted",
  "published",
  "dated",
  "made",
  "rated",
  "scored",
  "given",
  "gave",
  "give",
  "it",
  "a",
  "an",
  "the",
  "to",
  "were",
  "was",
  "that got",
  "which got",
];

/** Words that alone do not make a semantic query. */
export const DEFAULT_STOP_WORDS: readonly string[] = [
  "a",
  "about",
  "all",
  "an",
  "and",
  "any",
  "are",
  "as",
  "at",
  "be",
  "been",
  "being",
  "by",
  "can",
  "could",
  "dated",
  "did",
  "display",
  "do",
  "document",
  "documents",
  "does",
  "each",
  "entries",
  "every",
  "everything",
  "fetch",
  "film",
  "films",
  "find",
  "for",
  "from",
  "get",
  "give",
  "had",
  "has",
  "have",
  "i",
  "in",
  "is",
  "it",
  "its",
  "just",
  "list",
  "made",
  "me",
  "movie",
  "movies",
  "of",
  "on",
  "one",
  "ones",
  "only",
  "or",
  "people",
  "person",
  "users",
  "user",
  "critics",
  "critic",
  "someone",
  "anyone",
  "everyone",
  "everybody",
  "somebody",
  "please",
  "posted",
  "published",
  "rated",
  "result",
  "results",
  "retrieve",
  "return",
  "review",
  "reviewed",
  "reviewer",
  "reviewers",
  "reviews",
  "see",
  "show",
  "some",
  "that",
  "the",
  "their",
  "them",
  "these",
  "they",
  "this",
  "those",
  "to",
  "us",
  "want",
  "was",
  "were",
  "what",
  "which",
  "who",
  "whose",
  "with",
  "written",
  "would",
  "you",
];

const connectorBefore = new RegExp(`(?:^|[^\\p{L}\\p{N}_'])(${phrasesPattern(CONNECTORS)})\\s*$`, "du");

export function semanticRemainder(text: QuestionText, stopWords: ReadonlySet<string>): string {
  absorbConnectors(text);
  absorbJoiners(text);
  let remainder = text
    .unclaimedText()
    .replace(/\s+/g, " ")
    .replace(/\s+([,.;:!?)])/g, "$1")
    .replace(/([(])\s+/g, "$1")
    .replace(/([,;:])(?:\s*[,;:])+/g, "$1")
    .replace(/\(\s*\)/g, "")
    .trim();
  remainder = remainder.replace(/^[\s,.;:!?\-–—'"]+/u, "").replace(/[\s,;:\-–—]+$/u, "");
  remainder = remainder.replace(/[\s,;:\-–—]+([.?!]+)$/u, "$1");
  const words = remainder.toLowerCase().match(/[\p{L}\p{N}_]+(?:'[\p{L}]+)?/gu) ?? [];
  if (words.every((word) => stopWords.has(word))) return "";
  return remainder;
}

/** Claims connector words left of each claimed span, repeatedly ("reviews written in 2023"). */
function absorbConnectors(text: QuestionText): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (const span of text.claimedSpans()) {
      const before = text.masked().slice(Math.max(0, span.start - 30), span.start);
      const connector = connectorBefore.exec(before)?.indices?.[1];
      if (connector === undefined) continue;
      text.claim({ start: span.start - before.length + connector[0], end: span.start });
      changed = true;
    }
  }
}

const JOINER_GAP = /^\s*(?:,\s*)?(?:and|or|&|\/|nor|,)?\s*$/u;

/** Claims a bare list joiner between two removed phrases ("Leofwine_draca *and* Coventry"). */
function absorbJoiners(text: QuestionText): void {
  const spans = text.claimedSpans();
  for (let index = 1; index < spans.length; index += 1) {
    const previous = spans[index - 1] as { end: number };
    const next = spans[index] as { start: number };
    if (JOINER_GAP.test(text.normalized.slice(previous.end, next.start))) text.claim({ start: previous.end, end: next.start });
  }
}
