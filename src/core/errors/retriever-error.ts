import type { ErrorCode } from "./error-codes.js";

/** Every message the library produces starts with this prefix, so its errors are easy to spot in logs. */
export const ERROR_MESSAGE_PREFIX = "advanced-retrievers: ";

const marker = Symbol.for("advanced-retrievers.error");

export interface RetrieverErrorOptions {
  /** The catalogue code (see `ErrorCodes`). */
  code: ErrorCode;
  /** What went wrong and how to fix it. The library prefix is added for you. */
  message: string;
  /** The underlying error, if any. */
  cause?: unknown;
}

/**
 * The base class of every error the library throws. Branch on `code`, not on the message.
 * Use `RetrieverError.isInstance(error)` rather than `instanceof`: it also works when two copies of
 * the library (ESM and CJS) are loaded in one process.
 */
export class RetrieverError extends Error {
  readonly [marker] = true;
  readonly code: ErrorCode;

  constructor({ code, message, cause }: RetrieverErrorOptions) {
    // The prefix once, at the start: a message quoting another error's message does not repeat it.
    super(ERROR_MESSAGE_PREFIX + message.split(ERROR_MESSAGE_PREFIX).join(""), { cause });
    this.name = "RetrieverError";
    this.code = code;
  }

  static isInstance(error: unknown): error is RetrieverError {
    return typeof error === "object" && error !== null && marker in error;
  }
}
