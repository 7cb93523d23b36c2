import { ErrorCodes } from "./error-codes.js";
import { RetrieverError } from "./retriever-error.js";

const marker = Symbol.for("advanced-retrievers.data-error");

/** A data file cannot be loaded. The message names the file and, when known, the line and the fix. */
export class DataError extends RetrieverError {
  readonly [marker] = true;
  readonly file: string;
  /** 1-based line number in the file, when the problem is on a line. */
  readonly line: number | undefined;

  constructor({ file, line, message, cause }: { file: string; line?: number; message: string; cause?: unknown }) {
    super({ code: ErrorCodes.INVALID_DATA, message: `${file}${line === undefined ? "" : `:${line}`}: ${message}`, cause });
    this.name = "DataError";
    this.file = file;
    this.line = line;
  }

  static override isInstance(error: unknown): error is DataError {
    return typeof error === "object" && error !== null && marker in error;
  }
}
