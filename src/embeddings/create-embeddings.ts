import type { Embeddings } from "@langchain/core/embeddings";
import { z } from "zod/v4";
import { parseOptions } from "../core/parse-options.js";
import { CachedEmbeddings } from "./cache/cached-embeddings.js";
import { LocalEmbeddings, type LocalEmbeddingsOptions } from "./local/local-embeddings.js";
import { RetryingOpenAIEmbeddings, type OpenAIEmbeddingsOptions } from "./openai/openai-embeddings.js";

export const EMBEDDINGS_PROVIDERS = ["local", "openai", "auto"] as const;
export type EmbeddingsProvider = (typeof EMBEDDINGS_PROVIDERS)[number];
/** The library defaults to the offline model: OpenAI only when asked for (`"openai"`, or `"auto"` with a key set). */
export const DEFAULT_EMBEDDINGS_PROVIDER: EmbeddingsProvider = "local";

/** What `createEmbeddings` returns: LangChain embeddings that name their model and can be closed. */
export type LibraryEmbeddings = Embeddings & {
  /** Identifies the model (and dimensions, server); also the cache namespace. */
  readonly modelId: string;
  /** Frees resources (worker threads) and waits for cache writes. */
  close(): Promise<void>;
};

export interface CreateEmbeddingsOptions {
  /**
   * `local`: the offline Universal Sentence Encoder; `openai`: the OpenAI API (or a compatible
   * server); `auto`: `openai` when OPENAI_API_KEY or OPENAI_BASE_URL is set, else `local` (what the
   * `retrievers` CLI uses). The default never switches to a network service because a key happens to
   * be set in the environment.
   * @default "local"
   */
  provider?: EmbeddingsProvider;
  /** Whether vectors are cached on disk (see `CachedEmbeddings`). @default true */
  cache?: boolean;
  /** Folder of the on-disk cache, relative to the working directory. @default ".retrievers/cache/embeddings" */
  cacheDirectory?: string;
  /** Options of the local model. @default {} */
  local?: LocalEmbeddingsOptions;
  /** Options of the OpenAI client. @default {} (key and URL from the environment) */
  openai?: OpenAIEmbeddingsOptions;
  /** Receives warnings (cache problems, worker fallback). @default console.warn */
  onWarning?: (message: string) => void;
}

const optionsSchema = z
  .object({
    provider: z.enum(EMBEDDINGS_PROVIDERS).optional(),
    cache: z.boolean().optional(),
    cacheDirectory: z.string().min(1).optional(),
    local: z.object({}).loose().optional(),
    openai: z.object({}).loose().optional(),
    onWarning: z.custom<(message: string) => void>((value) => typeof value === "function", "must be a function").optional(),
  })
  .strict();

/** Which provider `auto` picks in the current environment. */
export function resolveEmbeddingsProvider(provider: EmbeddingsProvider = DEFAULT_EMBEDDINGS_PROVIDER, environment: NodeJS.ProcessEnv = process.env): "local" | "openai" {
  if (provider !== "auto") return provider;
  const isSet = (value: string | undefined) => value !== undefined && value.trim() !== "";
  return isSet(environment.OPENAI_API_KEY) || isSet(environment.OPENAI_BASE_URL) ? "openai" : "local";
}

/**
 * The library's default embeddings: the local model unless `provider` says otherwise, wrapped in the persistent
 * cache unless `cache: false`. Any other LangChain `Embeddings` can be used with the techniques
 * directly (and wrapped in `CachedEmbeddings` by hand).
 */
export function createEmbeddings(options: CreateEmbeddingsOptions = {}): LibraryEmbeddings {
  const parsed = parseOptions(optionsSchema, options, "createEmbeddings");
  const onWarning = options.onWarning;
  const provider = resolveEmbeddingsProvider(parsed.provider);
  const inner: LibraryEmbeddings =
    provider === "openai"
      ? new RetryingOpenAIEmbeddings(options.openai ?? {})
      : new LocalEmbeddings({ ...(onWarning === undefined ? {} : { onWarning }), ...options.local });
  if (parsed.cache === false) return inner;
  return new CachedEmbeddings(inner, {
    namespace: inner.modelId,
    ...(parsed.cacheDirectory === undefined ? {} : { directory: parsed.cacheDirectory }),
    ...(onWarning === undefined ? {} : { onWarning }),
  });
}
