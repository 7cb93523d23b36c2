import { ErrorCodes } from "./error-codes.js";
import { RetrieverError } from "./retriever-error.js";

const marker = Symbol.for("advanced-retrievers.invalid-option-error");

/** An option has a value the library cannot use. The message names the option, the value and the fix. */
export class InvalidOptionError extends RetrieverError {
  readonly [marker] = true;
  /** Dotted path of the offending option, e.g. `searchType` or `mmr.lambda`. */
  readonly option: string;
  readonly value: unknown;

  constructor({ option, value, message, cause }: { option: string; value: unknown; message: string; cause?: unknown }) {
    super({ code: ErrorCodes.INVALID_OPTION, message: `option "${option}" = ${describeValue(value)}: ${message}`, cause });
    this.name = "InvalidOptionError";
    this.option = option;
    this.value = value;
  }

  static override isInstance(error: unknown): error is InvalidOptionError {
    return typeof error === "object" && error !== null && marker in error;
  }
}

/**
 * A short, safe rendering of a value for error messages: never dumps huge or serialized objects. An
 * instance of a class is shown by its class name (`a MemoryVectorStore`), plain data as truncated JSON.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "function") return "[function]";
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== null && prototype !== Object.prototype) {
      const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
      return typeof name === "string" && name !== "" ? `a ${name}` : "an object";
    }
  }
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
