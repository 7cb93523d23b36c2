import { z } from "zod/v4";
import { DataError } from "../../core/errors/data-error.js";
import { closestName, nestedKeys, parseOptions } from "../../core/parse-options.js";
import { readBoundedFile } from "../../loaders/bounded-file.js";
import type { Dataset } from "../dataset.js";
import { datasetFromDefinition, definitionFolder } from "./dataset-from-definition.js";
import { datasetDefinitionSchema, type DatasetDefinition } from "./definition-schema.js";

/** Largest dataset.json read. */
export const MAX_DATASET_DEFINITION_BYTES = 1_000_000;

/**
 * Validates a dataset definition (the parsed `dataset.json`). Every problem is a `DataError` naming
 * `file`, the line of the field when `text` is given, the field's dotted path and the fix.
 */
export function parseDatasetDefinition(value: unknown, file: string, text?: string): DatasetDefinition {
  const result = datasetDefinitionSchema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.map(String);
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0]!;
    const fieldPath = [...path, key];
    const closest = closestName(key, nestedKeys(datasetDefinitionSchema, issue.path));
    throw new DataError({
      file,
      ...lineOf(text, fieldPath),
      message: `field "${fieldPath.join(".")}" is not a dataset.json field; ${closest === undefined ? "remove it or fix its spelling" : `did you mean "${closest}"?`} (see the dataset.json fields in the README's "Your own data")`,
      cause: result.error,
    });
  }
  const field = path.length === 0 ? "(the file)" : path.join(".");
  const missing = issue.code === "invalid_type" && readPath(value, path) === undefined;
  throw new DataError({
    file,
    ...lineOf(text, path),
    message: `field "${field}": ${missing ? "is missing; add it" : `${issue.message}; fix the value`}`,
    cause: result.error,
  });
}

/** Options of `readDatasetFile`. */
export interface ReadDatasetFileOptions {
  /** Read the documents from this file or folder (same shape as `source`) instead of `source.path`. @default source.path */
  dataOverride?: string;
}

const readOptionsSchema = z
  .object({ file: z.string().min(1, "must not be empty"), dataOverride: z.string().min(1, "must not be empty").optional() })
  .strict();

/**
 * Reads and validates a `dataset.json` (bounded size, regular file) and returns its `Dataset`.
 * Relative paths in it are relative to its folder; `dataOverride` reads the documents from another
 * file or folder of the same shape.
 */
export async function readDatasetFile(file: string, options: ReadDatasetFileOptions = {}): Promise<Dataset> {
  parseOptions(readOptionsSchema, { file, ...options }, "readDatasetFile");
  const text = (await readBoundedFile(file, { maxBytes: MAX_DATASET_DEFINITION_BYTES, purpose: "dataset file" }))
    .toString("utf8")
    .replace(/^\uFEFF/, "");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DataError({
      file,
      message: `not valid JSON (${(error as Error).message}); a dataset file is one JSON object (see \`retrievers init --data FILE\` to write one)`,
      cause: error,
    });
  }
  const definition = parseDatasetDefinition(value, file, text);
  return datasetFromDefinition(definition, {
    baseFolder: definitionFolder(file),
    ...(options.dataOverride === undefined ? {} : { dataOverride: options.dataOverride }),
  });
}

function lineOf(text: string | undefined, path: readonly string[]): { line?: number } {
  if (text === undefined || path.length === 0) return {};
  let offset = 0;
  for (const key of path) {
    if (/^\d+$/.test(key)) continue;
    const found = text.indexOf(JSON.stringify(key), offset);
    if (found === -1) return {};
    offset = found;
  }
  return { line: text.slice(0, offset).split("\n").length };
}

function readPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
