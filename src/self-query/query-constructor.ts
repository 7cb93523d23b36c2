import { z } from "zod/v4";
import { filterExpressionSchema, type FilterExpression } from "../core/filter/filter-schema.js";
import { InvalidFilterError } from "../core/errors/invalid-filter-error.js";

/**
 * The query-constructor step of the self-query technique: a question in, a semantic query and a
 * metadata filter (in the library's filter language) out. The rule-based constructor is the offline
 * default; an LLM constructor implements the same interface.
 */

/** What a query constructor makes of a question. */
export interface ConstructedQuery {
  /**
   * The text to embed and compare with documents, with the constraint phrases removed.
   * `""` means the question was only constraints: list the documents matching `filter`.
   */
  query: string;
  /** The metadata constraints, or `null` when the question has none. */
  filter: FilterExpression | null;
  /** How many results the question asks for ("top 3 reviews"); absent when it does not say. */
  limit?: number;
  /** What the constructor could not understand or had to adjust, for `--explain` and logs. */
  warnings: string[];
  /**
   * Which constructor actually produced this query, when it says: `"llm"` for the LLM constructor's own
   * answer; after a fallback, the fallback's name (`"rule-based"`). @default absent (not reported)
   */
  producedBy?: string;
  /** Set when the LLM constructor failed and a fallback constructor produced the query: why. @default absent */
  fallbackReason?: string;
}

/** Options of one `construct` call. */
export interface ConstructOptions {
  /** Cancels the work; the promise rejects with an `ABORTED` error. @default none */
  signal?: AbortSignal;
}

/** Turns a question into a `ConstructedQuery`. */
export interface QueryConstructor {
  construct(question: string, options?: ConstructOptions): Promise<ConstructedQuery>;
}

/** Largest `limit` a constructed query may carry. */
export const MAX_CONSTRUCTED_LIMIT = 1_000;

/** zod schema of a `ConstructedQuery` (for checking what an LLM or a plug-in constructor returned). */
export const constructedQuerySchema = z
  .object({
    query: z.string(),
    filter: filterExpressionSchema.nullable(),
    limit: z.number().int().min(1).max(MAX_CONSTRUCTED_LIMIT).optional(),
    warnings: z.array(z.string()),
    producedBy: z.string().min(1).optional(),
    fallbackReason: z.string().optional(),
  })
  .strict();

/**
 * Checks a constructed query from any constructor before it is used. Throws `InvalidFilterError`
 * (with the path of the problem) when it is not a valid `ConstructedQuery`. Returns a fresh copy,
 * so later changes to the input cannot reach the search.
 */
export function checkConstructedQuery(value: unknown, source = "query constructor"): ConstructedQuery {
  const result = constructedQuerySchema.safeParse(value);
  if (result.success) {
    const { limit, producedBy, fallbackReason, ...rest } = result.data;
    return {
      ...rest,
      ...(limit === undefined ? {} : { limit }),
      ...(producedBy === undefined ? {} : { producedBy }),
      ...(fallbackReason === undefined ? {} : { fallbackReason }),
    };
  }
  const issue = result.error.issues[0];
  throw new InvalidFilterError({
    path: issue?.path.map(String).join(".") ?? "",
    message: `the ${source} returned an invalid query: ${issue?.message ?? "invalid value"}`,
    cause: result.error,
  });
}
