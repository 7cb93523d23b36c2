import type { AttributeSchema } from "../attribute-schema.js";
import { withNamePhrases } from "../attribute-schema.js";
import type { ConstructedQuery } from "../query-constructor.js";
import { assembleFilter } from "./assemble-filter.js";
import type { Mention, RecognizerContext } from "./mentions.js";
import { QuestionText } from "./question-text.js";
import { recognizeBooleans } from "./recognize-booleans.js";
import { recognizeBypassAttempts } from "./recognize-bypass.js";
import { recognizeCounts } from "./recognize-counts.js";
import { recognizeDates } from "./recognize-dates.js";
import { recognizeEnums } from "./recognize-enums.js";
import { recognizeLimits } from "./recognize-limits.js";
import { recognizeMeasures } from "./recognize-measures.js";
import { recognizeQuotations } from "./recognize-quotations.js";
import { recognizeQuality } from "./recognize-quality.js";
import { recognizeVocabulary } from "./recognize-vocabulary.js";
import { markForeignScopes } from "./scope.js";
import { DEFAULT_STOP_WORDS, semanticRemainder } from "./semantic-remainder.js";
import { warnUnplaced } from "./warn-unplaced.js";
import { warnUnreadFields } from "./warn-unread-fields.js";

/**
 * The rule-based constructor's pipeline in two steps, so that tools which study the rules (the bench's experiments) run
 * the very same code as `RuleBasedQueryConstructor.constructSync` and can still see the mentions between the steps.
 * Internal: not exported from the package.
 */

/** What the recognisers read every question of one schema with, derived once. */
export interface ReadingSetup {
  /** The declared schema with the phrases of its field names as aliases (`withNamePhrases`). */
  readonly schema: AttributeSchema;
  /** Words that alone do not make a semantic query. */
  readonly stopWords: ReadonlySet<string>;
  /** The stop words and the words of aliases of several words ("on the market"): left alone, no topic. */
  readonly remainderStopWords: ReadonlySet<string>;
  /** Largest limit a question may set. */
  readonly maximumLimit: number;
}

/** Derives the reading setup of a defined schema (`defineAttributeSchema` has run on it). */
export function prepareReading(attributes: AttributeSchema, maximumLimit: number, extraStopWords: readonly string[]): ReadingSetup {
  const aliasWords = attributes.attributes.flatMap((attribute) => attribute.aliases).filter((alias) => /^[\p{L}]+$/u.test(alias));
  // The nouns of the documents' description ("A product in an electronics catalog") name the documents, not a topic.
  // Capitalised words (names such as "IMDB") are left out: they can be a topic.
  const documentWords = (attributes.documentContents.match(/(?<![\p{L}])\p{Ll}{3,}(?:-\p{Ll}+)*/gu) ?? []).flatMap((word) =>
    word.split("-"),
  );
  const stopWords = new Set([...DEFAULT_STOP_WORDS, ...aliasWords, ...documentWords, ...extraStopWords].map((word) => word.toLowerCase()));
  const phraseWords = attributes.attributes.flatMap((attribute) => attribute.aliases.flatMap((alias) => alias.toLowerCase().split(/\s+/u)));
  return {
    schema: withNamePhrases(attributes),
    stopWords,
    remainderStopWords: new Set([...stopWords, ...phraseWords.filter((word) => /^[\p{L}]+$/u.test(word))]),
    maximumLimit,
  };
}

/**
 * Runs the recognisers over a question, in their fixed order, each claiming the characters it used so a later one cannot
 * reread them. Returns the context: the mentions found, the warnings and the claimed text.
 */
export function recognizeQuestion(question: string, setup: ReadingSetup, now: Date): RecognizerContext {
  const context: RecognizerContext = {
    text: new QuestionText(question),
    schema: setup.schema,
    mentions: [],
    warnings: [],
    limit: undefined,
    maximumLimit: setup.maximumLimit,
    stopWords: setup.stopWords,
    now,
    governed: [],
  };
  recognizeBypassAttempts(context);
  recognizeQuotations(context);
  markForeignScopes(context);
  recognizeBooleans(context);
  recognizeVocabulary(context);
  recognizeEnums(context);
  recognizeDates(context);
  recognizeLimits(context);
  recognizeMeasures(context);
  recognizeQuality(context);
  recognizeCounts(context);
  warnUnplaced(context);
  warnUnreadFields(context);
  return context;
}

/**
 * The constructed query of a recognised question: the filter of the mentions kept (all of them unless told), the semantic
 * remainder and the warnings. The context is left as it was, so it can be assembled again with other mentions.
 */
export function assembleQuery(
  context: RecognizerContext,
  setup: ReadingSetup,
  mentions: readonly Mention[] = context.mentions,
): ConstructedQuery {
  const warnings = [...context.warnings];
  const filter = assembleFilter(mentions, setup.schema, warnings);
  const query = semanticRemainder(context.text, setup.remainderStopWords);
  return { query, filter, ...(context.limit === undefined ? {} : { limit: context.limit }), warnings };
}
