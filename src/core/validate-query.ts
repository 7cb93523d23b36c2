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
    throw new RetrieverError({
      code: ErrorCodes.INVALID_QUERY,
      message: "the question is empty; pass a non-empty question (the text to search for)",
    });
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
  if (signal?.aborted) throw abortedError(signal);
}

/** The `ABORTED` error for a fired signal; says "timed out" when the signal came from a timeout (LangChain's `timeout`). */
export function abortedError(signal: AbortSignal): RetrieverError {
  const reason: unknown = signal.reason;
  const timedOut = typeof reason === "object" && reason !== null && (reason as { name?: unknown }).name === "TimeoutError";
  return new RetrieverError({
    code: ErrorCodes.ABORTED,
    message: timedOut ? "the operation timed out (the call's timeout or signal fired) and was aborted" : "the operation was aborted",
    cause: reason,
  });
}

/**
 * Settles with `work`, or rejects as soon as `signal` fires, whichever comes first (the work itself is
 * not stopped; it should check the signal between steps). The rejection is `rejection(signal)`: an
 * `ABORTED` error by default.
 */
export function raceWithAbort<Result>(
  work: Promise<Result>,
  signal: AbortSignal | undefined,
  rejection: (signal: AbortSignal) => unknown = abortedError,
): Promise<Result> {
  if (signal === undefined) return work;
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(rejection(signal));
  }
  return new Promise<Result>((resolve, reject) => {
    const onAbort = () => reject(rejection(signal));
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
