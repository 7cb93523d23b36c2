import { ErrorCodes } from "./error-codes.js";
import { RetrieverError } from "./retriever-error.js";

const marker = Symbol.for("advanced-retrievers.invalid-filter-error");

/** A metadata filter does not follow the filter language. `path` points at the offending node. */
export class InvalidFilterError extends RetrieverError {
  readonly [marker] = true;
  /** Where in the filter the problem is, e.g. `and[1].value`. Empty for the root. */
  readonly path: string;

  constructor({ path, message, cause }: { path: string; message: string; cause?: unknown }) {
    super({ code: ErrorCodes.INVALID_FILTER, message: `invalid filter${path ? ` at ${path}` : ""}: ${message}`, cause });
    this.name = "InvalidFilterError";
    this.path = path;
  }

  static override isInstance(error: unknown): error is InvalidFilterError {
    return typeof error === "object" && error !== null && marker in error;
  }
}
