import { parseArgs, type ParseArgsConfig } from "node:util";
import { RetrieverError } from "../../core/errors/retriever-error.js";
import { ErrorCodes } from "../../core/errors/error-codes.js";
import { mergeConfigInputs, readRetrieverConfigFile } from "../../config/config-file.js";
import type { RetrieverConfigInput } from "../../config/retriever-config.js";
import { UsageError } from "../cli-error.js";

/** Flags every technique command understands; they map one to one onto `RetrieverConfigInput`. */
export const retrieverFlags = {
  technique: { type: "string", short: "t" },
  k: { type: "string" },
  filter: { type: "string" },
  data: { type: "string" },
  dataset: { type: "string" },
  embeddings: { type: "string" },
  "search-type": { type: "string" },
  "score-threshold": { type: "string" },
  "include-title": { type: "boolean" },
  "no-save": { type: "boolean" },
  store: { type: "string" },
  llm: { type: "string" },
  config: { type: "string", short: "c" },
} as const satisfies NonNullable<ParseArgsConfig["options"]>;

type FlagValues = { [Key in keyof typeof retrieverFlags]?: (typeof retrieverFlags)[Key]["type"] extends "boolean" ? boolean : string };

/** `node:util` parseArgs with usage errors instead of TypeErrors. */
export function parseCommandArgs<Options extends NonNullable<ParseArgsConfig["options"]>>(args: string[], options: Options, allowPositionals: boolean) {
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
  if (values.k !== undefined) config.k = numberFlag("--k", values.k);
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
      throw new RetrieverError({
        code: ErrorCodes.INVALID_FILTER,
        message: `--filter is not valid JSON (${(error as Error).message}); example: --filter '{"category": ["laptop"], "price": {"lt": 800}}'`,
      });
    }
    if (config.filter === null) {
      throw new RetrieverError({ code: ErrorCodes.INVALID_FILTER, message: `--filter null is not a filter; leave --filter out to search without one` });
    }
  }
  if (values.config !== undefined) return mergeConfigInputs(readRetrieverConfigFile(values.config), config as RetrieverConfigInput);
  return config as RetrieverConfigInput;
}

function numberFlag(flag: string, text: string): number {
  const value = Number(text);
  // Plain decimal notation only: Number() would also read "0x10" as 16, "1e3" as 1000 and " " as 0.
  if (!/^-?(?:\d+(?:\.\d*)?|\.\d+)$/.test(text) || !Number.isFinite(value)) throw new UsageError(`${flag} expects a decimal number such as 5 or 0.5, got "${text}"`);
  return value;
}
