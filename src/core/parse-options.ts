import type { z } from "zod/v4";
import { InvalidOptionError } from "./errors/invalid-option-error.js";

/**
 * Validates an options object against a zod schema at construction time. On failure throws
 * `InvalidOptionError` naming the first offending option (dotted path, prefixed by `owner`), the value
 * given and what is expected.
 */
export function parseOptions<Schema extends z.ZodType>(schema: Schema, options: unknown, owner: string): z.output<Schema> {
  const result = schema.safeParse(options);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.map(String).join(".") ?? "";
  const value = path === "" ? options : readPath(options, issue?.path ?? []);
  throw new InvalidOptionError({
    option: path === "" ? owner : `${owner}.${path}`,
    value,
    message: issue?.message ?? "invalid value",
    cause: result.error,
  });
}

function readPath(value: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = value;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
