import { z } from "zod/v4";
import { DataError } from "../core/errors/data-error.js";
import { InvalidOptionError } from "../core/errors/invalid-option-error.js";
import { assertJsonDepth } from "../core/io/json-depth.js";
import { readLocalFileSync } from "../core/io/read-local-file.js";
import { closestName } from "../core/parse-options.js";
import { BUILT_IN_PIPELINE_NAMES, builtInPipeline, expandPipelineTechnique, type Pipeline } from "./built-in-pipelines.js";
import { validateConfigInput } from "./config-file.js";
import { TECHNIQUES, type RetrieverConfigInput } from "./retriever-config.js";

/** Valid pipeline names. */
export const PIPELINE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** Fields a pipeline cannot set: the whole run shares them (one dataset, one embeddings model, one index folder). */
export const RUN_WIDE_FIELDS = ["data", "dataset", "embeddings", "store", "indexDirectory"] as const;
/** Most pipelines a file may define. */
export const MAXIMUM_PIPELINES = 64;

const entrySchema = z
  .object({
    name: z
      .string()
      .regex(
        PIPELINE_NAME_PATTERN,
        "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit (it names the TREC run file)",
      ),
    description: z.string().max(500).optional(),
    config: z.record(z.string(), z.unknown()),
  })
  .strict();

/**
 * Reads a pipelines file: JSON, either `{"pipelines": [entry, ...]}` or a bare array of entries, each
 * `{"name": "...", "config": {RetrieverConfig}, "description"?: "..."}`. Every entry is validated with
 * the configuration schema; an error names the file, the entry (position and name) and the field.
 * A name may not repeat, nor be a built-in pipeline's name.
 */
export function readPipelinesFile(file: string): Pipeline[] {
  const text = readLocalFileSync(file, { kind: "config", what: "pipelines file", hint: "; check the path given to --pipelines" }).toString(
    "utf8",
  );
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DataError({
      file,
      message: `not valid JSON (${(error as Error).message}); a pipelines file is {"pipelines": [{"name": "mine", "config": {"technique": "hybrid"}}]}`,
      cause: error,
    });
  }
  assertJsonDepth(value, { what: `pipelines file ${file}` });
  return parsePipelines(value, file);
}

/** Validates pipeline definitions (the parsed JSON of a pipelines file); `source` names them in errors. */
export function parsePipelines(value: unknown, source: string): Pipeline[] {
  const list = Array.isArray(value)
    ? value
    : typeof value === "object" && value !== null && Array.isArray((value as { pipelines?: unknown }).pipelines)
      ? (value as { pipelines: unknown[] }).pipelines
      : undefined;
  if (list === undefined)
    throw new DataError({ file: source, message: `a pipelines file holds {"pipelines": [...]} or an array of {"name", "config"} entries` });
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const extra = Object.keys(value).find((key) => key !== "pipelines");
    if (extra !== undefined)
      throw new InvalidOptionError({
        option: extra,
        value: (value as Record<string, unknown>)[extra],
        message: `unknown field in ${source}; the file's only field is "pipelines"`,
      });
  }
  if (list.length === 0 || list.length > MAXIMUM_PIPELINES)
    throw new DataError({ file: source, message: `needs 1 to ${MAXIMUM_PIPELINES} pipelines, got ${list.length}` });
  const pipelines: Pipeline[] = [];
  for (const [index, entry] of list.entries()) {
    const label = `pipelines[${index}]${typeof (entry as { name?: unknown } | null)?.name === "string" ? ` ("${(entry as { name: string }).name}")` : ""}`;
    const parsed = entrySchema.safeParse(entry);
    if (!parsed.success) {
      // An unknown field explains a missing one best (a typo of "config" is both).
      const issue = parsed.error.issues.find((candidate) => candidate.code === "unrecognized_keys") ?? parsed.error.issues[0]!;
      const field = issue.code === "unrecognized_keys" ? issue.keys[0]! : issue.path.map(String).join(".") || "entry";
      const message =
        issue.code === "unrecognized_keys"
          ? `unknown field${didYouMean(field)} (an entry has "name", "config" and optionally "description")`
          : issue.message;
      throw new InvalidOptionError({
        option: `${label}.${field}`,
        value: readField(entry, field),
        message: `${message} (in ${source})`,
        cause: parsed.error,
      });
    }
    const { name, config, description } = parsed.data;
    if (pipelines.some((pipeline) => pipeline.name === name))
      throw new InvalidOptionError({
        option: `${label}.name`,
        value: name,
        message: `names a pipeline twice in ${source}; give each entry its own name`,
      });
    if (builtInPipeline(name) !== undefined)
      throw new InvalidOptionError({
        option: `${label}.name`,
        value: name,
        message: `is a built-in pipeline (${BUILT_IN_PIPELINE_NAMES.join(", ")}); give yours another name`,
      });
    const runWide = RUN_WIDE_FIELDS.find((field) => field in config);
    if (runWide !== undefined)
      throw new InvalidOptionError({
        option: `${label}.config.${runWide}`,
        value: config[runWide],
        message: `is shared by the whole run: give it as a command-line flag or in --config, not per pipeline (in ${source})`,
      });
    const expanded = expandPipelineTechnique(config as RetrieverConfigInput);
    try {
      validateConfigInput(expanded, `${source}, ${label}`);
    } catch (error) {
      if (!InvalidOptionError.isInstance(error)) throw error;
      throw new InvalidOptionError({
        option: `${label}.config.${error.option}`,
        value: error.value,
        message: error.message.replace(/^advanced-retrievers: /, ""),
        cause: error,
      });
    }
    pipelines.push({ name, config: expanded, ...(description === undefined ? {} : { description }) });
  }
  return pipelines;
}

/**
 * The pipelines named in a comma-separated list (`--techniques naive,recommended,mine`): built-in ones
 * and those of `defined` (a pipelines file). With no list: every pipeline of `defined` when given,
 * else every technique. An unknown name lists the known ones.
 */
export function resolvePipelineList(text: string | undefined, defined: readonly Pipeline[] = [], option = "--techniques"): Pipeline[] {
  if (text === undefined) return defined.length > 0 ? [...defined] : TECHNIQUES.map((technique) => builtInPipeline(technique)!);
  const names = [
    ...new Set(
      text
        .split(",")
        .map((name) => name.trim())
        .filter((name) => name !== ""),
    ),
  ];
  const known = [...BUILT_IN_PIPELINE_NAMES, ...defined.map((pipeline) => pipeline.name)];
  if (names.length === 0)
    throw new InvalidOptionError({
      option,
      value: text,
      message: `names no pipeline; give a comma-separated list of: ${known.join(", ")}`,
    });
  return names.map((name) => {
    const pipeline = defined.find((candidate) => candidate.name === name) ?? builtInPipeline(name);
    if (pipeline === undefined)
      throw new InvalidOptionError({
        option,
        value: name,
        message: `is not a technique or pipeline; choose from ${known.join(", ")}${defined.length === 0 ? " (or define your own with --pipelines FILE)" : ""}`,
      });
    return pipeline;
  });
}

function readField(value: unknown, field: string): unknown {
  let current = value;
  for (const key of field.split(".")) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** `; did you mean "name"?` for a likely typo of an entry's field, else "". */
function didYouMean(field: string): string {
  const closest = closestName(field, ["name", "config", "description"]);
  return closest === undefined ? "" : `; did you mean "${closest}"?`;
}
