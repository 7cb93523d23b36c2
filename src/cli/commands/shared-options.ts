import { DEFAULT_COMMAND_TECHNIQUE, expandPipelineTechnique, type PipelineConfigInput } from "../../config/built-in-pipelines.js";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { ErrorCodes } from "../../core/errors/error-codes.js";
import { mergeConfigInputs, readRetrieverConfigFile } from "../../config/config-file.js";
import type { RetrieverConfigInput } from "../../config/retriever-config.js";
import { DEFAULT_CONFIG_K, TECHNIQUES } from "../../config/retriever-config.js";
import { buildRetriever, type BuiltRetriever } from "../../config/build-retriever.js";
import { retrieverConfigSchema } from "../../config/retriever-config.js";
import { parseOptions } from "../../core/parse-options.js";
import { createEmbeddings } from "../../embeddings/create-embeddings.js";
import { resolveCacheFolders } from "../cache-folder.js";
import { UsageError } from "../cli-error.js";
import { withEmbeddingProgress } from "../progress-embeddings.js";
import type { FlagTable } from "../help.js";

/** Flags every technique command understands; they map one to one onto `RetrieverConfigInput`. */
export const retrieverFlags = {
  technique: { type: "string", short: "t", valueName: "NAME", description: `Technique: ${TECHNIQUES.join(", ")}`, defaultText: "naive" },
  k: { type: "string", valueName: "N", description: "Results per question (a whole number ≥ 1)", defaultText: String(DEFAULT_CONFIG_K) },
  filter: {
    type: "string",
    valueName: "JSON",
    description: `Metadata filter for every question, e.g. '{"category": ["laptop"], "price": {"lt": 800}}'`,
  },
  data: {
    type: "string",
    valueName: "PATH",
    description: "The documents: a .csv/.jsonl file, a dataset.json, or a folder",
    defaultText: "data/john-wick/ when fetched, else data/sample/",
  },
  dataset: {
    type: "string",
    valueName: "NAME|FILE",
    description: "A dataset preset (john-wick, products) or a dataset.json",
    defaultText: "inferred from --data, else john-wick",
  },
  embeddings: {
    type: "string",
    valueName: "PROVIDER",
    description: "Embeddings: auto (OpenAI when OPENAI_API_KEY / OPENAI_BASE_URL is set, else local), local, openai",
    defaultText: "auto",
  },
  "search-type": {
    type: "string",
    valueName: "TYPE",
    description: "Naive search type: similarity, mmr, similarity_score_threshold",
    defaultText: "similarity",
  },
  "score-threshold": {
    type: "string",
    valueName: "X",
    description: "Minimum similarity (-1 to 1) for --search-type similarity_score_threshold",
  },
  "include-title": { type: "boolean", description: "Prepend each document's title to the indexed text" },
  "no-save": { type: "boolean", description: "Keep the index in memory only (do not save it)" },
  store: {
    type: "string",
    valueName: "STORE",
    description: "Where vectors live: memory (saved index files) or chroma (CHROMA_URL)",
    defaultText: "memory",
  },
  llm: {
    type: "string",
    valueName: "PROVIDER",
    description: "Chat model of the LLM steps: auto, openai, none (offline)",
    defaultText: "auto",
  },
  config: {
    type: "string",
    short: "c",
    valueName: "FILE",
    description: "JSON configuration (the library's RetrieverConfig fields); flags override it",
  },
  "cache-dir": {
    type: "string",
    valueName: "DIR",
    description: "Folder for caches and saved indexes (also RETRIEVERS_CACHE_DIR)",
    defaultText: "$XDG_CACHE_HOME/advanced-retrievers, else ~/.cache/advanced-retrievers",
  },
} as const satisfies FlagTable;

/** Output flags of the commands that print results. */
export const outputFlags = {
  json: { type: "boolean", description: 'Print one JSON object on stdout (errors as {"error": {code, message}} on stderr)' },
  quiet: { type: "boolean", short: "q", description: "No progress on stderr" },
  progress: { type: "boolean", description: "Progress on stderr even with --json" },
} as const satisfies FlagTable;

type FlagValues = {
  [Key in keyof typeof retrieverFlags]?: (typeof retrieverFlags)[Key]["type"] extends "boolean" ? boolean : string | undefined;
};

/** `node:util` parseArgs with usage errors instead of TypeErrors. */
export function parseCommandArgs<Options extends NonNullable<ParseArgsConfig["options"]>>(
  args: string[],
  options: Options,
  allowPositionals: boolean,
) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * Turns command-line flags into a configuration; number and JSON flags are checked here with the flag's
 * name. With `--config FILE`, the file's values (validated, errors naming the file) come first and the
 * flags override them.
 */
export function configFromFlags(values: FlagValues): RetrieverConfigInput {
  const config: Record<string, unknown> = {};
  if (values.technique !== undefined) config.technique = values.technique;
  if (values.k !== undefined) config.k = wholeNumberFlag("--k", values.k, 1);
  if (values.data !== undefined) config.data = values.data;
  if (values.dataset !== undefined) config.dataset = values.dataset;
  if (values.embeddings !== undefined) config.embeddings = values.embeddings;
  if (values["search-type"] !== undefined) config.searchType = values["search-type"];
  if (values["score-threshold"] !== undefined) config.scoreThreshold = numberFlag("--score-threshold", values["score-threshold"]);
  if (values["include-title"]) config.includeTitle = true;
  if (values["no-save"]) config.indexDirectory = null;
  if (values.store !== undefined) config.store = values.store;
  if (values.llm !== undefined) config.llm = values.llm;
  if (values.filter !== undefined) {
    try {
      config.filter = JSON.parse(values.filter);
    } catch (error) {
      throw new UsageError(
        `--filter is not valid JSON (${(error as Error).message}); example: --filter '{"category": ["laptop"], "price": {"lt": 800}}'`,
        ErrorCodes.INVALID_FILTER,
      );
    }
    if (config.filter === null) {
      throw new UsageError("--filter null is not a filter; leave --filter out to search without one", ErrorCodes.INVALID_FILTER);
    }
  }
  const merged =
    values.config === undefined
      ? (config as RetrieverConfigInput)
      : mergeConfigInputs(readRetrieverConfigFile(values.config), config as RetrieverConfigInput);
  // Saved indexes go to the user cache folder unless the configuration file names a folder (or --no-save).
  if (merged.indexDirectory === undefined || (values["cache-dir"] !== undefined && merged.indexDirectory !== null)) {
    return { ...merged, indexDirectory: resolveCacheFolders(values["cache-dir"]).index };
  }
  return merged;
}

/** Options of `buildFromFlags`. */
export interface BuildFromFlagsOptions {
  /** Configuration fields set by the command itself (e.g. compare's first technique). */
  overrides?: Partial<RetrieverConfigInput | PipelineConfigInput>;
  /** Fields used when neither the flags nor `--config` set them (e.g. the default technique). @default none */
  defaults?: Partial<RetrieverConfigInput | PipelineConfigInput>;
  /** Progress of the embedding work on stderr (see `showProgress`). @default true */
  progress?: boolean;
}

/** Whether a command shows progress: not with --quiet; with --json only when --progress asks for it. */
export function showProgress(values: { quiet?: boolean | undefined; json?: boolean | undefined; progress?: boolean | undefined }): boolean {
  if (values.quiet === true) return false;
  return values.json !== true || values.progress === true;
}

/**
 * `buildRetriever` for a command: the configuration from the flags, the embeddings cached in the user
 * cache folder (`--cache-dir`, RETRIEVERS_CACHE_DIR, XDG), with progress on stderr for long embedding
 * work. Configuration errors keep naming the field (`main` turns the ones about a flag into usage errors).
 */
export async function buildFromFlags(values: FlagValues, options: BuildFromFlagsOptions = {}): Promise<BuiltRetriever> {
  const input = { ...options.defaults, ...configFromFlags(values), ...options.overrides } as RetrieverConfigInput | PipelineConfigInput;
  const config = parseOptions(retrieverConfigSchema, expandPipelineTechnique(input), "config");
  const cached = createEmbeddings({ provider: config.embeddings, cacheDirectory: resolveCacheFolders(values["cache-dir"]).embeddings });
  const embeddings = options.progress === false ? cached : withEmbeddingProgress(cached, process.stderr);
  let built: BuiltRetriever;
  try {
    built = await buildRetriever(input, { embeddings });
  } catch (error) {
    await cached.close?.();
    throw error;
  }
  const close = built.close;
  return {
    ...built,
    close: async () => {
      await close();
      await cached.close?.();
    },
  };
}

/** The technique or pipeline name a command runs: `--technique`, else the `--config` file's, else the commands' default (`recommended`). */
export function requestedTechnique(values: FlagValues): string {
  return String(configFromFlags(values).technique ?? DEFAULT_COMMAND_TECHNIQUE);
}

function numberFlag(flag: string, text: string): number {
  const value = Number(text);
  // Plain decimal notation only: Number() would also read "0x10" as 16, "1e3" as 1000 and " " as 0.
  if (!/^-?(?:\d+(?:\.\d*)?|\.\d+)$/.test(text) || !Number.isFinite(value))
    throw new UsageError(`${flag} expects a decimal number such as 5 or 0.5, got "${text}"`);
  return value;
}

/** A whole number of at least `minimum`, else a usage error naming the flag (`--k must be a whole number ≥ 1, got "0"`). */
export function wholeNumberFlag(flag: string, text: string, minimum: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < minimum)
    throw new UsageError(`${flag} must be a whole number ≥ ${minimum}, got "${text}"`);
  return value;
}
