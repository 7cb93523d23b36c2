import { phrasesPattern } from "./patterns.js";
import type { QuestionText } from "./question-text.js";

/**
 * The semantic query: the question without its constraint phrases. Words that only connected a
 * removed phrase ("reviews *of* season 3", "*written* in 2023", "*with a* score above 7") go too.
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
  "anything",
  "that's",
  "it's",
  "stuff",
  "currently",
  "need",
  "needs",
  "something",
  "item",
  "items",
  "product",
  "products",
  "listing",
  "listings",
  "property",
  "properties",
  // Generic words for postings of work ("positions", "roles", "openings"): they name the documents, not a topic.
  "position",
  "positions",
  "role",
  "roles",
  "opening",
  "openings",
  "vacancy",
  "vacancies",
  "posting",
  "postings",
  // Frame words of a filter ("everything X wrote", "in the $40k-$55k range").
  "whatever",
  "what's",
  "that's",
  "publish",
  // General words for the documents or for written judgements ("early-2020 write-ups", "pre-2012 vehicles", "korean food").
  "write-ups",
  "writeups",
  "takes",
  "opinions",
  "vehicles",
  "gear",
  "stuff",
  "food",
  "wrote",
  "range",
  "required",
  "came",
  "out",
  "work",
  "place",
  "places",
  "thing",
  "things",
  "option",
  "options",
  "record",
  "records",
  "entry",
  "matches",
  "match",
  "available",
  // What catalogues of courses, events, recipes or deals call their entries ("jazz gigs in Leeds").
  "gigs",
  "shows",
  "events",
  "performances",
  "classes",
  "courses",
  "lessons",
  "workshops",
  "dishes",
  "recipes",
  "ideas",
  "deals",
  "picks",
  "choices",
  "now",
  "either",
  "both",
  "selling",
  "went",
  "asking",
  "requiring",
  "needing",
  "looking",
  "searching",
  "wanting",
  "fetch",
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
  "where",
  "got",
  "with",
  "written",
  "would",
  "you",
];

// Built on first use: a pattern with this many Unicode classes takes milliseconds to compile, at import otherwise.
let connectorBefore: RegExp | undefined;

export function semanticRemainder(text: QuestionText, stopWords: ReadonlySet<string>): string {
  absorbConnectors(text);
  absorbJoiners(text);
  absorbPossessives(text);
  const strict = tidy(text.unclaimedText(), stopWords);
  if (strict === "") return "";
  // Something semantic is left: keep the words that named values ("Acme *headphones* with deep bass").
  return withSubject(text, tidy(text.unclaimedText(true), stopWords) || strict);
}

/** "what did think of the ending" (a name removed): an auxiliary right before a bare verb gets "they" back. */
const AUXILIARY_BEFORE_VERB =
  /(?<![\p{L}'])(did|does|do|will|would|could|can|should|might)\s+(think|thinks|feel|feels|say|says|like|likes|love|loves|hate|hates|make|rate|rates|write|writes|mention|mentions|describe|describes|praise|praises|criticize|criticise|complain|complains|call|calls|compare|compares)(?![\p{L}'])/giu;

function withSubject(text: QuestionText, remainder: string): string {
  // Only where the question had a subject between them, now removed ("what did Mateo Ruiz think").
  if (!AUXILIARY_BEFORE_VERB.test(remainder)) return remainder;
  AUXILIARY_BEFORE_VERB.lastIndex = 0;
  const hadNone = new RegExp(AUXILIARY_BEFORE_VERB.source, "iu").test(text.original);
  return hadNone
    ? remainder
    : remainder.replace(AUXILIARY_BEFORE_VERB, (_, auxiliary: string, verb: string) => {
        // "how does filmbuff88 feel" → "how do they feel".
        const agreed = auxiliary.toLowerCase() === "does" ? `${auxiliary.slice(0, 1)}o` : auxiliary;
        return `${agreed} they ${verb}`;
      });
}

/** True when a word alone does not make a semantic query (plurals of stop words included). */
function isStopWord(word: string, stopWords: ReadonlySet<string>): boolean {
  return (
    stopWords.has(word) ||
    (word.length > 3 && word.endsWith("s") && stopWords.has(word.slice(0, -1))) ||
    (word.endsWith("ies") && stopWords.has(`${word.slice(0, -3)}y`))
  );
}

/** Words left dangling at the end once a constraint is removed ("laptops that", "homes which are"). */
const DANGLING_END =
  /(?:\s+(?:that|which|who|whose|where|and|or|but|with|are|is|were|was|have|has|had|be|been|being|aren't|isn't|the|a|an|of|by|from|my|our|your|their))+\s*([.?!]*)$/iu;

function tidy(text: string, stopWords: ReadonlySet<string>): string {
  let remainder = text
    .replace(/\s+/g, " ")
    .replace(/\s+([,.;:!?)])/g, "$1")
    .replace(/([(])\s+/g, "$1")
    .replace(/([,;:])(?:\s*[,;:])+/g, "$1")
    .replace(/\(\s*\)/g, "")
    .replace(/"\s*"|(?<![\p{L}\p{N}])'\s*'(?![\p{L}\p{N}])|\u201C\s*\u201D/gu, "")
    .trim();
  remainder = remainder.replace(/^[\s,.;:!?\-–—'"]+/u, "").replace(/[\s,;:\-–—]+$/u, "");
  remainder = remainder.replace(/[\s,;:\-–—]+([.?!]+)$/u, "$1");
  for (let previous = ""; previous !== remainder;) {
    previous = remainder;
    remainder = remainder.replace(DANGLING_END, "$1").replace(/[\s,;:\-–—]+([.?!]*)$/u, "$1");
  }
  remainder = remainder.replace(/^(?:but|and|or)\s+/iu, "").replace(/\s*:\s*/u, (match, offset: number) => (offset === 0 ? "" : match));
  const words = remainder.toLowerCase().match(/[\p{L}\p{N}_]+(?:'[\p{L}]+)?/gu) ?? [];
  if (words.every((word) => isStopWord(word, stopWords))) return "";
  return remainder;
}

/** Claims connector words left of each claimed span, repeatedly ("reviews written in 2023"). */
function absorbConnectors(text: QuestionText): void {
  for (let changed = true; changed;) {
    changed = false;
    for (const span of text.claimedSpans()) {
      // A value's own words may stay in the query ("houses in Boston"): keep the words that connect them.
      if (text.isSoft(span.start)) continue;
      const before = text.masked().slice(Math.max(0, span.start - 30), span.start);
      connectorBefore ??= new RegExp(`(?:^|[^\\p{L}\\p{N}_'])(${phrasesPattern(CONNECTORS)})\\s*$`, "du");
      const connector = connectorBefore.exec(before)?.indices?.[1];
      if (connector === undefined) continue;
      text.claim({ start: span.start - before.length + connector[0], end: span.start });
      changed = true;
    }
  }
}

const JOINER_GAP = /^\s*(?:,\s*)?(?:and|or|&|\/|nor|plus|as well as|vs\.?|versus|,)?\s*$/u;

/** Claims a bare list joiner between two removed phrases ("Leofwine_draca *and* Coventry", "Acme *plus* Kestrel"). */
function absorbJoiners(text: QuestionText): void {
  const spans = text.claimedSpans();
  for (let index = 1; index < spans.length; index += 1) {
    const previous = spans[index - 1] as { end: number };
    const next = spans[index] as { start: number };
    if (JOINER_GAP.test(text.normalized.slice(previous.end, next.start))) text.claim({ start: previous.end, end: next.start });
  }
}

/** Claims a possessive ending left after a removed phrase ("the newest film*'s* reviews"). */
function absorbPossessives(text: QuestionText): void {
  for (const span of text.claimedSpans()) {
    const possessive = /^['’]s?(?![\p{L}\p{N}])/u.exec(text.original.slice(span.end));
    if (possessive !== null && !text.isSoft(span.end - 1)) text.claim({ start: span.end, end: span.end + possessive[0].length });
  }
}
