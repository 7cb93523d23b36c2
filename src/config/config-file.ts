import { dirname, isAbsolute, resolve } from "node:path";
import type { z } from "zod/v4";
import { DataError } from "../core/errors/data-error.js";
import { InvalidOptionError } from "../core/errors/invalid-option-error.js";
import { assertJsonDepth } from "../core/io/json-depth.js";
import { closestName } from "../core/parse-options.js";
import { readLocalFileSync } from "../core/io/read-local-file.js";
import { expandPipelineTechnique } from "./built-in-pipelines.js";
import { retrieverConfigSchema, type RetrieverConfigInput } from "./retriever-config.js";

/** Fields holding paths: in a configuration file, relative paths are relative to the file's folder. */
export const CONFIG_PATH_FIELDS = ["data", "dataset", "indexDirectory"] as const;

/**
 * Reads a JSON configuration file (the same fields as `RetrieverConfigInput`, e.g.
 * `{ "technique": "rerank", "k": 5, "rerank": { "base": "hybrid" } }`) and validates it with
 * `retrieverConfigSchema`. Relative `data` and `indexDirectory` paths are resolved against the file's
 * folder. Returns the file's values as written (defaults are applied later by `buildRetriever`, so
 * other values such as command-line flags can be merged in with `mergeConfigInputs`).
 *
 * Errors name the file: a missing file is `NOT_FOUND`; invalid JSON a `DataError` with the line; an
 * unknown field, a wrong type or a value outside an enum an `InvalidOptionError` whose `option` is the
 * field's dotted path and whose message lists the allowed fields or values.
 */
export function readRetrieverConfigFile(file: string): RetrieverConfigInput {
  const text = readLocalFileSync(file, { kind: "config", hint: "; check the path given to --config" }).toString("utf8");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const line = jsonErrorLine(error as Error, text);
    throw new DataError({
      file,
      ...(line === undefined ? {} : { line }),
      message: `not valid JSON (${(error as Error).message}); a configuration file is one JSON object, e.g. {"technique": "hybrid", "k": 5}`,
      cause: error,
    });
  }
  assertJsonDepth(value, { what: `configuration file ${file}` });
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new DataError({
      file,
      message: `a configuration file must hold one JSON object, e.g. {"technique": "hybrid", "k": 5}; got ${Array.isArray(value) ? "an array" : typeof value === "object" ? "null" : typeof value}`,
    });
  }
  validateConfigInput(value, file, text);
  return resolvePaths(value as Record<string, unknown>, dirname(resolve(file)));
}

/**
 * Validates a configuration input with `retrieverConfigSchema` and throws an `InvalidOptionError`
 * naming the field (dotted path), the value, the allowed fields or values, and `source` (a file name).
 */
export function validateConfigInput(input: unknown, source: string, text?: string): void {
  const result = retrieverConfigSchema.safeParse(expandPipelineTechnique(input));
  if (result.success) return;
  const issue = result.error.issues[0]!;
  const path = issue.path.map(String);
  const where = `${source}${lineOf(text, path)}`;
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0]!;
    const allowed = allowedKeys(path);
    const suggestion = closestName(key, allowed);
    throw new InvalidOptionError({
      option: [...path, key].join("."),
      value: readPath(input, [...path, key]),
      message: `unknown field in ${source}${lineOf(text, [...path, key])}${suggestion === undefined ? "" : ` (did you mean "${suggestion}"?)`}; the allowed fields${path.length === 0 ? "" : ` of "${path.join(".")}"`} are: ${allowed.join(", ")}`,
      cause: result.error,
    });
  }
  throw new InvalidOptionError({
    option: path.join(".") || "config",
    value: readPath(input, path),
    message: `${issue.message} (in ${where})`,
    cause: result.error,
  });
}

/**
 * Merges configuration inputs, later ones winning field by field; nested sections (`hybrid`, `rerank`,
 * ...) are merged, not replaced. `undefined` values are ignored.
 */
export function mergeConfigInputs(...inputs: RetrieverConfigInput[]): RetrieverConfigInput {
  const merged: Record<string, unknown> = {};
  for (const input of inputs) assertJsonDepth(input, { what: "a configuration", code: "INVALID_OPTION" });
  for (const input of inputs) mergeInto(merged, input as Record<string, unknown>);
  return merged as RetrieverConfigInput;
}

function mergeInto(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined) continue;
    const existing = target[key];
    if (isPlainObject(value) && isPlainObject(existing) && key !== "filter") {
      const nested = { ...existing };
      mergeInto(nested, value);
      target[key] = nested;
    } else {
      target[key] = value;
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function resolvePaths(config: Record<string, unknown>, folder: string): RetrieverConfigInput {
  const resolved = { ...config };
  for (const field of CONFIG_PATH_FIELDS) {
    const value = resolved[field];
    // A dataset may be a preset name (no path separator, no .json): left as written.
    if (field === "dataset" && typeof value === "string" && !/[\\/]|\.json$/i.test(value)) continue;
    if (typeof value === "string" && !isAbsolute(value)) resolved[field] = resolve(folder, value);
  }
  return resolved as RetrieverConfigInput;
}

/** The 1-based line of a JSON.parse error: from "line N" (Node 22+) or "position N" (Node 20). */
function jsonErrorLine(error: Error, text: string): number | undefined {
  const line = /line (\d+)/.exec(error.message);
  if (line !== null) return Number(line[1]);
  const position = /position (\d+)/.exec(error.message);
  if (position !== null) return text.slice(0, Number(position[1])).split("\n").length;
  return text.trim() === "" ? 1 : undefined;
}

/** ":<line>" of the field at `path` in the file's text (searching each key after the previous one), or "". */
function lineOf(text: string | undefined, path: string[]): string {
  if (text === undefined || path.length === 0) return "";
  let offset = 0;
  for (const key of path) {
    if (/^\d+$/.test(key)) continue;
    const found = text.indexOf(JSON.stringify(key), offset);
    if (found === -1) return "";
    offset = found;
  }
  return `:${text.slice(0, offset).split("\n").length}`;
}

/** The field names allowed at `path` of the configuration schema. */
function allowedKeys(path: string[]): string[] {
  let schema: z.ZodType | undefined = retrieverConfigSchema;
  for (const key of path) schema = objectShape(schema)?.[key];
  return Object.keys(objectShape(schema) ?? {});
}

/** The shape of an object schema, looking through default / prefault / optional / pipe wrappers. */
function objectShape(schema: z.ZodType | undefined): Record<string, z.ZodType> | undefined {
  let current: unknown = schema;
  for (let depth = 0; depth < 10 && current !== undefined; depth += 1) {
    const definition = (current as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (definition === undefined) return undefined;
    if (definition.type === "object") return definition.shape as Record<string, z.ZodType>;
    current = definition.innerType ?? definition.in;
  }
  return undefined;
}

function readPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The allowed name closest to `name` (edit distance at most 2, or same letters ignoring case and separators). */
