import { z } from "zod/v4";
import { parseOptions } from "../core/parse-options.js";
import { throwIfAborted, validateQuery } from "../core/validate-query.js";
import { defineAttributeSchema, type AttributeSchema } from "./attribute-schema.js";
import type { ConstructOptions, ConstructedQuery, QueryConstructor } from "./query-constructor.js";
import { MAX_CONSTRUCTED_LIMIT } from "./query-constructor.js";
import { assembleQuery, prepareReading, recognizeQuestion, type ReadingSetup } from "./rule-based/pipeline.js";

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
  /** The schema the rules read and the word lists derived from it, once. */
  private readonly reading: ReadingSetup;

  constructor(options: RuleBasedQueryConstructorOptions) {
    const parsed = parseOptions(optionsSchema, options, "RuleBasedQueryConstructor");
    this.attributes = defineAttributeSchema(options.attributes);
    this.maximumLimit = parsed.maximumLimit ?? DEFAULT_MAXIMUM_LIMIT;
    this.now = options.now ?? (() => new Date());
    this.reading = prepareReading(this.attributes, this.maximumLimit, parsed.extraStopWords ?? []);
  }

  async construct(question: string, options: ConstructOptions = {}): Promise<ConstructedQuery> {
    throwIfAborted(options.signal);
    return this.constructSync(question);
  }

  /** `construct` without the promise (the rules never wait for anything). */
  constructSync(question: string): ConstructedQuery {
    validateQuery(question);
    return assembleQuery(recognizeQuestion(question, this.reading, this.now()), this.reading);
  }
}
