import { z } from "zod/v4";
import { parseOptions } from "../core/parse-options.js";
import { throwIfAborted, validateQuery } from "../core/validate-query.js";
import { defineAttributeSchema, withNamePhrases, type AttributeSchema } from "./attribute-schema.js";
import type { ConstructOptions, ConstructedQuery, QueryConstructor } from "./query-constructor.js";
import { MAX_CONSTRUCTED_LIMIT } from "./query-constructor.js";
import { assembleFilter } from "./rule-based/assemble-filter.js";
import type { RecognizerContext } from "./rule-based/mentions.js";
import { QuestionText } from "./rule-based/question-text.js";
import { recognizeBooleans } from "./rule-based/recognize-booleans.js";
import { recognizeBypassAttempts } from "./rule-based/recognize-bypass.js";
import { recognizeCounts } from "./rule-based/recognize-counts.js";
import { recognizeDates } from "./rule-based/recognize-dates.js";
import { recognizeEnums } from "./rule-based/recognize-enums.js";
import { recognizeLimits } from "./rule-based/recognize-limits.js";
import { recognizeMeasures } from "./rule-based/recognize-measures.js";
import { recognizeQuotations } from "./rule-based/recognize-quotations.js";
import { recognizeQuality } from "./rule-based/recognize-quality.js";
import { recognizeVocabulary } from "./rule-based/recognize-vocabulary.js";
import { markForeignScopes } from "./rule-based/scope.js";
import { DEFAULT_STOP_WORDS, semanticRemainder } from "./rule-based/semantic-remainder.js";
import { warnUnplaced } from "./rule-based/warn-unplaced.js";

/** Largest number of results a question may ask for ("top 500 reviews" is capped to this). */
export const DEFAULT_MAXIMUM_LIMIT = 100;

/** Options of `RuleBasedQueryConstructor`. */
export interface RuleBasedQueryConstructorOptions {
  /**
   * What the metadata means and which words name fields and values (required). Pass it through
   * `buildVocabulary(documents, schema)` first so values found in the documents are recognised.
   */
  attributes: AttributeSchema;
  /** Largest limit a question may set ("top 500 reviews" becomes this, with a warning). @default 100 */
  maximumLimit?: number;
  /** More words that alone do not make a semantic query (added to the built-in list). @default [] */
  extraStopWords?: string[];
  /** The clock relative dates ("last year", "in the past 30 days") are read against. @default () => new Date() */
  now?: () => Date;
}

const optionsSchema = z
  .object({
    attributes: z.custom<AttributeSchema>(
      (value) => typeof value === "object" && value !== null && Array.isArray((value as { attributes?: unknown }).attributes),
      "is required: the attribute schema of the documents (defineAttributeSchema({ documentContents, attributes: [...] }))",
    ),
    maximumLimit: z.number().int().min(1).max(MAX_CONSTRUCTED_LIMIT).optional(),
    extraStopWords: z.array(z.string().min(1)).optional(),
    now: z.custom<() => Date>((value) => typeof value === "function", "must be a function returning a Date").optional(),
  })
  .strict();

/**
 * The default, offline query constructor: deterministic rules, no model, no network. It reads
 * comparisons in words and symbols ("higher than 7", "8+", "between 6 and 8", "a perfect score"),
 * enum values by their text, label or aliases ("laptops", "the first two models", "anything but phones"), vocabulary
 * values such as authors ("by X", "what did X think"), dates ("in 2015", "after May 2019",
 * "2020 or later") and limits ("top 3 reviews"), removes them from the semantic query and builds a
 * filter in the library's filter language.
 *
 * Recognisers run in a fixed order, each claiming the characters it used so a later one cannot
 * reread them: filter-bypass phrases, quotations (never read), booleans, vocabulary values, enum values,
 * dates, limits, numeric comparisons, then vague quality phrases ("highly rated"). That order is what
 * keeps "model 3" an enum value rather than a measure and "5 reviews" a limit rather than a measure.
 */
export class RuleBasedQueryConstructor implements QueryConstructor {
  readonly attributes: AttributeSchema;
  readonly maximumLimit: number;
  private readonly now: () => Date;
  /** The schema the rules read: the declared one with the phrases of its field names as aliases (`namePhrases`). */
  private readonly readingSchema: AttributeSchema;
  private readonly stopWords: ReadonlySet<string>;
  /** The stop words and the words of aliases of several words ("on the market"): left alone, no topic. */
  private readonly remainderStopWords: ReadonlySet<string>;

  constructor(options: RuleBasedQueryConstructorOptions) {
    const parsed = parseOptions(optionsSchema, options, "RuleBasedQueryConstructor");
    this.attributes = defineAttributeSchema(options.attributes);
    this.readingSchema = withNamePhrases(this.attributes);
    this.maximumLimit = parsed.maximumLimit ?? DEFAULT_MAXIMUM_LIMIT;
    this.now = options.now ?? (() => new Date());
    const aliasWords = this.attributes.attributes.flatMap((attribute) => attribute.aliases).filter((alias) => /^[\p{L}]+$/u.test(alias));
    // The nouns of the documents' description ("A product in an electronics catalog") name the documents, not a topic.
    // Capitalised words (names such as "IMDB") are left out: they can be a topic.
    const documentWords = (this.attributes.documentContents.match(/(?<![\p{L}])\p{Ll}{3,}(?:-\p{Ll}+)*/gu) ?? []).flatMap((word) =>
      word.split("-"),
    );
    this.stopWords = new Set(
      [...DEFAULT_STOP_WORDS, ...aliasWords, ...documentWords, ...(parsed.extraStopWords ?? [])].map((word) => word.toLowerCase()),
    );
    const phraseWords = this.attributes.attributes.flatMap((attribute) =>
      attribute.aliases.flatMap((alias) => alias.toLowerCase().split(/\s+/u)),
    );
    this.remainderStopWords = new Set([...this.stopWords, ...phraseWords.filter((word) => /^[\p{L}]+$/u.test(word))]);
  }

  async construct(question: string, options: ConstructOptions = {}): Promise<ConstructedQuery> {
    throwIfAborted(options.signal);
    return this.constructSync(question);
  }

  /** `construct` without the promise (the rules never wait for anything). */
  constructSync(question: string): ConstructedQuery {
    validateQuery(question);
    const context: RecognizerContext = {
      text: new QuestionText(question),
      schema: this.readingSchema,
      mentions: [],
      warnings: [],
      limit: undefined,
      maximumLimit: this.maximumLimit,
      stopWords: this.stopWords,
      now: this.now(),
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
    const filter = assembleFilter(context.mentions, this.readingSchema, context.warnings);
    const query = semanticRemainder(context.text, this.remainderStopWords);
    return { query, filter, ...(context.limit === undefined ? {} : { limit: context.limit }), warnings: context.warnings };
  }
}
