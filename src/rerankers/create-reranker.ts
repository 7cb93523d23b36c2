import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { z } from "zod/v4";
import { parseOptions } from "../core/parse-options.js";
import { COHERE_API_KEY_ENV, CohereReranker, type CohereRerankerOptions } from "./cohere-reranker.js";
import { LocalReranker, type LocalRerankerOptions } from "./local-reranker.js";
import type { Reranker } from "./reranker.js";

export const RERANKER_PROVIDERS = ["local", "cohere", "auto"] as const;
export type RerankerProvider = (typeof RERANKER_PROVIDERS)[number];
export const DEFAULT_RERANKER_PROVIDER: RerankerProvider = "auto";

export interface CreateRerankerOptions {
  /**
   * `local`: the offline LocalReranker; `cohere`: Cohere's hosted rerank model; `auto`: `cohere` when
   * COHERE_API_KEY is set, else `local`. @default "auto"
   */
  provider?: RerankerProvider;
  /** Embeddings for the local reranker's semantic signals (use the store's). @default none (keywords only) */
  embeddings?: EmbeddingsInterface;
  /** Further options of the local reranker. @default {} */
  local?: Omit<LocalRerankerOptions, "embeddings">;
  /** Options of the Cohere reranker. @default {} (key and URL from the environment) */
  cohere?: CohereRerankerOptions;
}

const optionsSchema = z
  .object({
    provider: z.enum(RERANKER_PROVIDERS).optional(),
    embeddings: z.custom<EmbeddingsInterface>((value) => typeof value === "object" && value !== null, "must be LangChain Embeddings").optional(),
    local: z.object({}).loose().optional(),
    cohere: z.object({}).loose().optional(),
  })
  .strict();

/** Which provider `auto` picks in the current environment. */
export function resolveRerankerProvider(provider: RerankerProvider = DEFAULT_RERANKER_PROVIDER, environment: NodeJS.ProcessEnv = process.env): "local" | "cohere" {
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
  if (resolveRerankerProvider(parsed.provider) === "cohere") return new CohereReranker(options.cohere ?? {});
  return new LocalReranker({ ...options.local, ...(options.embeddings === undefined ? {} : { embeddings: options.embeddings }) });
}

