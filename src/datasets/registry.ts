import { stat } from "node:fs/promises";
import { extname, join, resolve } from "node:path";
import { z } from "zod/v4";
import { ErrorCodes } from "../core/errors/error-codes.js";
import { parseOptions } from "../core/parse-options.js";
import { InvalidOptionError } from "../core/errors/invalid-option-error.js";
import { RetrieverError } from "../core/errors/retriever-error.js";
import type { Dataset } from "./dataset.js";
import { readDatasetFile } from "./dataset-file/read-dataset-file.js";
import { inferredDataset } from "./infer/infer-dataset.js";
import { JOHN_WICK_PRESET } from "./john-wick/index.js";
import type { DatasetPreset } from "./preset.js";
import { PRODUCTS_PRESET } from "./products/preset.js";

/** The bundled presets by name; the first is the default. */
const presets = new Map<string, DatasetPreset>([
  [JOHN_WICK_PRESET.name, JOHN_WICK_PRESET],
  [PRODUCTS_PRESET.name, PRODUCTS_PRESET],
]);

/** The dataset used when neither `dataset` nor `data` says otherwise. */
export const DEFAULT_DATASET = JOHN_WICK_PRESET.name;
/** File name of a dataset definition looked for in a `--data` folder. */
export const DATASET_FILE_NAME = "dataset.json";

/** Names of the registered presets. */
export function datasetPresetNames(): string[] {
  return [...presets.keys()];
}

/** The preset called `name`, or undefined. */
export function findDatasetPreset(name: string): DatasetPreset | undefined {
  return presets.get(name);
}

/** Registers a preset (applications bundling their own data); a name already taken is an error. */
export function registerDatasetPreset(preset: DatasetPreset): void {
  if (presets.has(preset.name))
    throw new InvalidOptionError({
      option: "preset.name",
      value: preset.name,
      message: `a dataset preset named "${preset.name}" is already registered; pick another name`,
    });
  presets.set(preset.name, preset);
}

/** Options of `resolveDataset`. */
export interface ResolveDatasetOptions {
  /** A preset name (`john-wick`, `products`) or the path of a `dataset.json`. @default inferred from `data`, else "john-wick" */
  dataset?: string;
  /**
   * Where the documents are: with `dataset`, overrides its source; alone, a `.csv` / `.jsonl` file
   * (its dataset is inferred), a `dataset.json`, or a folder (holding a `dataset.json`, or files a
   * preset recognises, such as the John Wick review files). @default the dataset's own location
   */
  data?: string;
  /** Working folder for relative paths. @default process.cwd() */
  cwd?: string;
}

const resolveOptionsSchema = z
  .object({
    dataset: z.string().min(1, "must not be empty").optional(),
    data: z.string().min(1, "must not be empty").optional(),
    cwd: z.string().min(1, "must not be empty").optional(),
  })
  .strict();

/**
 * Picks the dataset of a command or configuration:
 * 1. `dataset` names a preset → that preset (reading from `data` when given);
 * 2. `dataset` is a path → that `dataset.json` (reading from `data` when given);
 * 3. `data` alone: a `.json` file is a dataset file; a `.csv` / `.jsonl` file gets an inferred
 *    dataset; a folder with a `dataset.json` uses it; a folder a preset recognises uses the preset;
 *    another folder gets a dataset inferred from its CSV files, else its Markdown / text files;
 * 4. nothing: the default preset.
 * Errors name the path or name given and the fix.
 */
export async function resolveDataset(options: ResolveDatasetOptions = {}): Promise<Dataset> {
  const parsed = parseOptions(resolveOptionsSchema, options, "resolveDataset");
  const cwd = parsed.cwd ?? process.cwd();
  const { dataset, data } = parsed;
  if (dataset !== undefined) {
    const preset = presets.get(dataset);
    if (preset !== undefined) return await preset.open({ ...(data === undefined ? {} : { data }), cwd });
    const file = resolve(cwd, dataset);
    const kind = await pathKind(file);
    if (kind === "missing") {
      throw new InvalidOptionError({
        option: "dataset",
        value: dataset,
        message: `is neither a dataset preset (${datasetPresetNames().join(", ")}) nor an existing dataset file; check the name or path`,
      });
    }
    return await readDatasetFile(
      kind === "folder" ? join(file, DATASET_FILE_NAME) : file,
      data === undefined ? {} : { dataOverride: resolve(cwd, data) },
    );
  }
  if (data === undefined) return await (presets.get(DEFAULT_DATASET) as DatasetPreset).open({ cwd });

  const path = resolve(cwd, data);
  const kind = await pathKind(path);
  if (kind === "missing")
    throw new RetrieverError({ code: ErrorCodes.NOT_FOUND, message: `data ${path} does not exist; check the --data path` });
  if (kind === "file") {
    const extension = extname(path).toLowerCase();
    if (extension === ".json") return await readDatasetFile(path);
    if (extension === ".csv" || extension === ".jsonl") return await inferredDataset(path);
    throw new RetrieverError({
      code: ErrorCodes.INVALID_DATA,
      message: `data ${path} is a "${extension || "(no extension)"}" file; pass a .csv or .jsonl file, a dataset.json, or a folder`,
    });
  }
  if ((await pathKind(join(path, DATASET_FILE_NAME))) === "file") return await readDatasetFile(join(path, DATASET_FILE_NAME));
  for (const preset of presets.values()) if ((await preset.recognizes?.(path)) === true) return await preset.open({ data: path, cwd });
  try {
    return await inferredDataset(path);
  } catch (error) {
    if (!RetrieverError.isInstance(error) || error.code !== ErrorCodes.NOT_FOUND) throw error;
    throw new RetrieverError({
      code: ErrorCodes.NOT_FOUND,
      message: `data folder ${path} holds no ${DATASET_FILE_NAME}, no files a preset recognises and no .csv, .md or .txt file; write a ${DATASET_FILE_NAME} (\`retrievers init --data FILE\` infers one) or pass --dataset`,
      cause: error,
    });
  }
}

async function pathKind(path: string): Promise<"file" | "folder" | "missing"> {
  try {
    const stats = await stat(path);
    return stats.isDirectory() ? "folder" : "file";
  } catch {
    return "missing";
  }
}
