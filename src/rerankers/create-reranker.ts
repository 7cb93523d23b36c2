import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { z } from "zod/v4";
import { embeddingsOptionSchema } from "../core/option-schemas.js";
import { InvalidOptionError } from "../core/errors/invalid-option-error.js";
import { parseOptions } from "../core/parse-options.js";
import { COHERE_API_KEY_ENV, CohereReranker, type CohereRerankerOptions } from "./cohere-reranker.js";
import { LlmReranker, type LlmRerankerOptions } from "./llm-reranker.js";
import { LocalReranker, type LocalRerankerOptions } from "./local-reranker.js";
import type { Reranker } from "./reranker.js";

export const RERANKER_PROVIDERS = ["local", "cohere", "llm", "auto"] as const;
export type RerankerProvider = (typeof RERANKER_PROVIDERS)[number];
export const DEFAULT_RERANKER_PROVIDER: RerankerProvider = "auto";

export interface CreateRerankerOptions {
  /**
   * `local`: the offline LocalReranker; `cohere`: Cohere's hosted rerank model; `llm`: the LlmReranker
   * over `llm.model` (any LangChain chat model); `auto`: `cohere` when COHERE_API_KEY is set, else
   * `local` (never `llm`). @default "auto"
   */
  provider?: RerankerProvider;
  /** Embeddings for the local reranker's semantic signals (use the store's). @default none (keywords only) */
  embeddings?: EmbeddingsInterface;
  /** Further options of the local reranker. @default {} */
  local?: Omit<LocalRerankerOptions, "embeddings">;
  /** Options of the Cohere reranker. @default {} (key and URL from the environment) */
  cohere?: CohereRerankerOptions;
  /** Options of the LLM reranker; required (with its `model`) for provider `llm`. @default none */
  llm?: LlmRerankerOptions;
}

const optionsSchema = z
  .object({
    provider: z.enum(RERANKER_PROVIDERS).optional(),
    embeddings: embeddingsOptionSchema.optional(),
    local: z.object({}).loose().optional(),
    cohere: z.object({}).loose().optional(),
    llm: z.object({}).loose().optional(),
  })
  .strict();

/** Which provider `auto` picks in the current environment. */
export function resolveRerankerProvider(
  provider: RerankerProvider = DEFAULT_RERANKER_PROVIDER,
  environment: NodeJS.ProcessEnv = process.env,
): "local" | "cohere" | "llm" {
  if (provider !== "auto") return provider;
  const key = environment[COHERE_API_KEY_ENV];
  return key !== undefined && key.trim() !== "" ? "cohere" : "local";
}

/**
 * The library's default reranker: Cohere when a key is configured (COHERE_API_KEY, optionally
 * COHERE_BASE_URL), else the offline LocalReranker over the given embeddings.
 */
export function createReranker(options: CreateRerankerOptions = {}): Reranker {
  const parsed = parseOptions(optionsSchema, options, "createReranker");
  const provider = resolveRerankerProvider(parsed.provider);
  if (provider === "cohere") return new CohereReranker(options.cohere ?? {});
  if (provider === "llm") {
    if (options.llm === undefined) {
      throw new InvalidOptionError({
        option: "createReranker.llm",
        value: undefined,
        message: 'provider "llm" needs a chat model: pass llm: { model } (e.g. createChatModel()), or choose provider "local" or "cohere"',
      });
    }
    return new LlmReranker(options.llm);
  }
  return new LocalReranker({ ...options.local, ...(options.embeddings === undefined ? {} : { embeddings: options.embeddings }) });
}
