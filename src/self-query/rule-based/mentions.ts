import type { FilterScalar } from "../../core/filter/filter-schema.js";
import type { AttributeDefinition, AttributeSchema } from "../attribute-schema.js";
import { phrasesPattern } from "./patterns.js";
import type { QuestionText, Span } from "./question-text.js";

/** Comparison operators a question can express for ordered values. */
export type OrderOperator = "eq" | "gt" | "gte" | "lt" | "lte";

/** A constraint found in the question, before it becomes a filter. */
export type Mention =
  /** The field is one of `values` (enum members, vocabulary values). */
  | {
      kind: "members";
      attribute: AttributeDefinition;
      field: string;
      values: FilterScalar[];
      negated: boolean;
      position: number;
      /** The characters the mention claimed, when a later rule may give them back. */
      span?: Span;
    }
  /** The field compares with a number. */
  | {
      kind: "compare";
      attribute: AttributeDefinition;
      field: string;
      operator: OrderOperator;
      value: number;
      negated: boolean;
      position: number;
    }
  /** The field is within `[low, high]` (inclusive). */
  | { kind: "range"; attribute: AttributeDefinition; field: string; low: number; high: number; negated: boolean; position: number }
  /** The field is within any of several ranges ("in May or June 2019"). */
  | {
      kind: "ranges";
      attribute: AttributeDefinition;
      field: string;
      ranges: Array<{ low: number; high: number }>;
      negated: boolean;
      position: number;
    }
  /** The field is one of several numbers ("9 or 10"). */
  | { kind: "numbers"; attribute: AttributeDefinition; field: string; values: number[]; negated: boolean; position: number };

/** What recognisers share while taking a question apart. */
export interface RecognizerContext {
  readonly text: QuestionText;
  readonly schema: AttributeSchema;
  readonly mentions: Mention[];
  readonly warnings: string[];
  limit: number | undefined;
  readonly maximumLimit: number;
  /** Words that alone do not make a semantic query (lower case). */
  readonly stopWords: ReadonlySet<string>;
  /** The clock relative dates are read against. */
  readonly now: Date;
  /** Noun phrases that are the object of another word ("fit *a Lumen phone*"): no value inside them is a constraint. */
  readonly governed: Span[];
}

const NEGATION_CUES = [
  "not",
  "no",
  "nothing",
  "none",
  "anything but",
  "everything but",
  "anywhere but",
  "anyone but",
  "all but",
  "outside",
  "outside of",
  "other than",
  "rather than",
  "instead of",
  "except",
  "except for",
  "excepting",
  "excluding",
  "exclude",
  "other than",
  "apart from",
  "aside from",
  // "besides filmbuff88, who else ...": someone other than the one named.
  "besides",
  // "not one of Dan Whitaker's", "not a single one of ...".
  "not one of",
  "not a single one of",
  "not any of",
  "but not",
  "without",
  "never",
  // "that I haven't read", "we have not played", "not yet watched": a negated perfect says it was not done.
  "haven't",
  "hasn't",
  "hadn't",
  "have not",
  "has not",
  "had not",
  "have never",
  "has never",
  "not yet",
  // "no longer in print", "no longer remote".
  "no longer",
  // "books I have yet to read", "tracks I'm yet to download".
  "yet to",
  // "neither evergreen nor hardy".
  "nor",
  // "tickets nobody escalated": no one did it.
  "nobody",
  "no one",
  "isn't",
  "aren't",
  // Typed without the apostrophe: "trails that dont need a car".
  "isnt",
  "arent",
  "wasnt",
  "werent",
  "dont",
  "doesnt",
  "didnt",
  "havent",
  "hasnt",
  "wasn't",
  "weren't",
  "didn't",
  "don't",
  "doesn't",
  "minus",
  "ignoring",
  "leave out",
  "leaving out",
  "skip",
  "skipping",
  "neither",
  // Verbs of putting something out of consideration: "leaving aside the first two films", "barring Acme".
  "leave aside",
  "leaving aside",
  "set aside",
  "setting aside",
  "put aside",
  "putting aside",
  "barring",
  "save for",
  "not counting",
  "not including",
  "discounting",
  "omit",
  "omitting",
  "rule out",
  "ruling out",
  "avoid",
  "avoiding",
  "steer clear of",
  "stay away from",
];

/** "listings not handled by Maria Lopez", "reviews never written by X": a negated participle and "by". */
const NOT_PARTICIPLE_BY =
  /(?:^|[^\p{L}\p{N}_'])((?:not|never|isn't|aren't|wasn't|weren't)\s+(?:\p{L}+ed|\p{L}+en|sold|made|run|built)\s+by)\s*$/du;
/** "non-senior roles", "non-Acme laptops": "non-" glued to the value. */
const NON_PREFIX = /(?:^|[^\p{L}\p{N}_'])(non-)$/du;

/** "any brand but Kestrel", "every city except Austin": a word for the attribute between "any" and "but". */
const ANY_BUT = /(?:^|[^\p{L}\p{N}_'])((?:any|every|all)\s+\p{L}+\s+(?:but|except)(?:\s+(?:the|a|an|for))?)\s*$/du;

const NEGATION_FILLERS = [
  "the",
  "a",
  "an",
  "any",
  "for",
  "from",
  "in",
  "on",
  "of",
  "about",
  "by",
  "at",
  // "apart from their phones": the maker's own products, excluded.
  "their",
  "its",
  // "not my favourite", "not our style".
  "my",
  "our",
  "your",
  "to",
  "it",
  "review",
  "reviews",
  "those",
  "ones",
  "that",
  "which",
  "written",
  "posted",
  "published",
  "dated",
  "made",
  "be",
  "been",
  "being",
  "is",
  "are",
  "was",
  "were",
  "reviewed",
  "rated",
  "made",
  "those",
  "ones",
  // "not yet played", "never even finished", "haven't actually read": adverbs of time and degree between the cue and the phrase.
  "yet",
  "ever",
  "even",
  // "nobody has escalated", "no one had read"; "which haven't I tried" (a question's subject after its auxiliary).
  "has",
  "have",
  "had",
  "i",
  "we",
  "actually",
  "really",
  // "not currently in stock", "not still available".
  "currently",
  "still",
];

function negationPatternOf(extraFillers: readonly string[]): RegExp {
  return new RegExp(
    `(?:^|[^\\p{L}\\p{N}_'])(${phrasesPattern(NEGATION_CUES)})(?:\\s+${phrasesPattern([...NEGATION_FILLERS, ...extraFillers])})*\\s*$`,
    "du",
  );
}
// Built on first use (keyed by the extra fillers): a pattern with this many Unicode classes takes
// milliseconds to compile, at import otherwise.
const negationPatterns = new Map<string, RegExp>();

/**
 * When a negation cue ("not", "except", "excluding the", ...) ends just before `start` (only filler
 * words between, or one of `extraFillers`: an attribute's own words, "not *listed* in 2025"), returns
 * where the cue starts; otherwise `undefined`.
 */
export function negationBefore(text: QuestionText, start: number, extraFillers: readonly string[] = []): number | undefined {
  const before = text.masked().slice(Math.max(0, start - 80), start);
  const key = extraFillers.join("\u0000");
  let pattern = negationPatterns.get(key);
  if (pattern === undefined) {
    pattern = negationPatternOf(extraFillers);
    if (negationPatterns.size < 100) negationPatterns.set(key, pattern);
  }
  const cue =
    pattern.exec(before)?.indices?.[1] ??
    ANY_BUT.exec(before)?.indices?.[1] ??
    NOT_PARTICIPLE_BY.exec(before)?.indices?.[1] ??
    NON_PREFIX.exec(before)?.indices?.[1];
  if (cue === undefined) return undefined;
  // "besides being pet-friendly", "apart from having a patio": with a gerund the phrase is added to, not excluded.
  if (/^(?:besides|apart\s+from|aside\s+from)\s+\p{L}+ing(?![\p{L}])/u.test(before.slice(cue[0]))) return undefined;
  return start - before.length + cue[0];
}

const LIST_JOINER = /^\s*(?:,|and|or|&|\/|nor|as well as|plus)?\s*(?:,\s*)?(?:and|or)?\s*$/u;
/** A joiner and an article ("a condo *or a* townhouse"). */
const LIST_JOINER_WITH_ARTICLE = /^\s*(?:,\s*)?(?:and|or|nor|as well as|plus)\s+(?:a|an|the)\s+$/u;

/** True when only a list joiner ("and", "or", ",", "&") separates two spans. */
export function joinedAsList(text: QuestionText, previous: Span, next: Span): boolean {
  if (previous.end > next.start) return false;
  const between = text.normalized.slice(previous.end, next.start);
  return LIST_JOINER.test(between) || LIST_JOINER_WITH_ARTICLE.test(between);
}

/**
 * "where remote isn't an option", "wifi is not free", "working from home is not possible": after a yes/no phrase, a
 * negated copula and a predicate of availability say no. Returns the length of those words, or 0.
 */
const NEGATED_PREDICATE_AFTER =
  /^\s+(?:is|are|was|were|will\s+be)\s*(?:n't|\s+not|\s+never)\s+(?:(?:really|always|even)\s+)?(?:an?\s+)?(?:option|possible|available|offered|allowed|permitted|free|included|provided|a\s+thing|on\s+the\s+table)(?![\p{L}])/u;
export function negatedPredicateAfter(text: QuestionText, end: number): number {
  return NEGATED_PREDICATE_AFTER.exec(text.masked().slice(end))?.[0].length ?? 0;
}

/** "outside Soho", "outside the Dolomites": a one-word phrase that is a preposition before a value the schema knows. */
export function prepositionBeforeValue(text: QuestionText, span: Span, knows: (word: string) => boolean): boolean {
  if (!/^(?:outside|inside|near|around|beyond|within)$/u.test(text.normalized.slice(span.start, span.end))) return false;
  const next = /^\s+(?:the\s+)?([\p{L}][\p{L}'-]*)/u.exec(text.normalized.slice(span.end))?.[1];
  return next !== undefined && knows(next);
}

/** Words that restrict or soften a fragment of constraints ("2025 only", "just mokalu", "uptown please"). */
export const RESTRICTING_WORDS: ReadonlySet<string> = new Set(["only", "just", "solely", "exclusively", "please", "pls"]);

const FRAGMENT_MARKS = /[,;:()!?]/gu;

/**
 * The unclaimed words of the fragment of the question around a span (between punctuation marks), the span's own left
 * out: "quietviewer, *2025 only*" has "only" around "2025".
 */
export function fragmentWords(text: QuestionText, span: Span): string[] {
  const masked = text.masked();
  let start = 0;
  let end = masked.length;
  for (const mark of masked.matchAll(FRAGMENT_MARKS)) {
    if (mark.index < span.start) start = mark.index + 1;
    else if (mark.index >= span.end) {
      end = mark.index;
      break;
    }
  }
  return `${masked.slice(start, span.start)} ${masked.slice(span.end, end)}`.match(/[\p{L}\p{N}_']+/gu) ?? [];
}

/**
 * "quietviewer, 2025 only", "chinese or korean, 2025": a span alone in its fragment (but for stop words and restricting
 * words) in a question whose other fragments name constraints already: one more constraint of the list.
 */
export function aloneInConstraintFragment(text: QuestionText, span: Span, stopWords: ReadonlySet<string>): boolean {
  const masked = text.masked();
  const claimedElsewhere = /\u0001/u.test(masked.slice(0, span.start)) || /\u0001/u.test(masked.slice(span.end));
  return claimedElsewhere && fragmentWords(text, span).every((word) => stopWords.has(word) || RESTRICTING_WORDS.has(word));
}

/** Adds a warning once. */
export function warnOnce(context: RecognizerContext, warning: string): void {
  if (!context.warnings.includes(warning)) context.warnings.push(warning);
}
