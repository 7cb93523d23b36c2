import { ErrorCodes } from "./errors/error-codes.js";
import { RetrieverError } from "./errors/retriever-error.js";

/**
 * Longest question accepted, in characters. Longer input is almost always a mistake (a whole document
 * pasted as a question) and would cost a slow embedding call; it is rejected with a clear error.
 */
export const MAX_QUERY_LENGTH = 8_192;

/** Rejects empty, whitespace-only and over-long questions with an `INVALID_QUERY` error. */
export function validateQuery(query: unknown, maxLength: number = MAX_QUERY_LENGTH): string {
  if (typeof query !== "string") {
    throw new RetrieverError({ code: ErrorCodes.INVALID_QUERY, message: `the question must be a string, got ${typeof query}` });
  }
  // Invisible characters (zero-width spaces, joiners, BOMs, controls) count as whitespace.
  if (query.replace(/[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}]/gu, "").length === 0) {
    throw new RetrieverError({ code: ErrorCodes.INVALID_QUERY, message: "the question is empty; ask something, e.g. \"Which reviews praise the action?\"" });
  }
  if (query.length > maxLength) {
    throw new RetrieverError({
      code: ErrorCodes.INVALID_QUERY,
      message: `the question is ${query.length} characters long, over the limit of ${maxLength}; shorten it (a question, not a document)`,
    });
  }
  return query;
}

/** Throws an `ABORTED` error when the signal has fired. Call between expensive steps. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new RetrieverError({ code: ErrorCodes.ABORTED, message: "the operation was aborted", cause: signal.reason });
  }
}
