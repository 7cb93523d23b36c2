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
 * A short, safe rendering of a value for error messages: an instance of a class is shown by its class
 * name (`a MemoryVectorStore`), plain data JSON-like, at most 3 levels and 5 items per level; never dumps
 * huge or serialized objects, never throws (10,000-deep nesting, cycles, throwing getters) and never
 * prints `[object Object]`.
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
    text = renderValue(value, 0);
  } catch {
    text = "[unprintable value]";
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function renderValue(value: unknown, depth: number): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (typeof value === "function") return "[function]";
  if (typeof value === "string") return JSON.stringify(value.length > 80 ? value.slice(0, 80) : value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value !== "object") return String(value);
  if (value instanceof Date) return JSON.stringify(value);
  if (depth >= 3) return Array.isArray(value) ? "[...]" : "{...}";
  const items = Array.isArray(value)
    ? value.slice(0, 5).map((item: unknown) => renderValue(item, depth + 1))
    : Object.entries(value)
        .slice(0, 5)
        .map(([key, item]) => `${JSON.stringify(key)}:${renderValue(item, depth + 1)}`);
  const more = (Array.isArray(value) ? value.length : Object.keys(value).length) > 5 ? ",..." : "";
  return Array.isArray(value) ? `[${items.join(",")}${more}]` : `{${items.join(",")}${more}}`;
}
