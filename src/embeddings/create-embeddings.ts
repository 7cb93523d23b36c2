import { Embeddings } from "@langchain/core/embeddings";
import { z } from "zod/v4";
import { parseOptions } from "../core/parse-options.js";
import { CachedEmbeddings } from "./cache/cached-embeddings.js";
import { LocalEmbeddings, type LocalEmbeddingsOptions } from "./local/local-embeddings.js";
import { InvalidOptionError } from "../core/errors/invalid-option-error.js";
import type { OpenAIEmbeddingsOptions, RetryingOpenAIEmbeddings } from "./openai/openai-embeddings.js";
import { openAIEmbeddingsModelId } from "./openai/openai-model-id.js";

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
  /**
   * Folder of the on-disk cache (a relative path resolves against the working directory).
   * @default `embeddings` in the user cache folder: `$RETRIEVERS_CACHE_DIR/embeddings`, else `$XDG_CACHE_HOME/advanced-retrievers/embeddings`, else `~/.cache/advanced-retrievers/embeddings`
   */
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
export function resolveEmbeddingsProvider(
  provider: EmbeddingsProvider = DEFAULT_EMBEDDINGS_PROVIDER,
  environment: NodeJS.ProcessEnv = process.env,
): "local" | "openai" {
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
      ? new DeferredOpenAIEmbeddings(options.openai ?? {})
      : new LocalEmbeddings({ ...(onWarning === undefined ? {} : { onWarning }), ...options.local });
  if (parsed.cache === false) return inner;
  return new CachedEmbeddings(inner, {
    namespace: inner.modelId,
    ...(parsed.cacheDirectory === undefined ? {} : { directory: parsed.cacheDirectory }),
    ...(onWarning === undefined ? {} : { onWarning }),
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

/**
 * OpenAI embeddings that import `@langchain/openai` on the first call (so importing the library, or
 * using it offline, never loads the OpenAI SDK): a `RetryingOpenAIEmbeddings` built from the same
 * options then does the work. The model id is known at once (it names the cache); a missing key is
 * reported at once too, other option errors on the first call.
 */
export class DeferredOpenAIEmbeddings extends Embeddings {
  readonly modelId: string;
  private readonly options: OpenAIEmbeddingsOptions;
  private instance: Promise<RetryingOpenAIEmbeddings> | undefined;

  constructor(options: OpenAIEmbeddingsOptions = {}) {
    super({});
    this.options = { ...options };
    const apiKey = options.apiKey ?? nonEmpty(process.env.OPENAI_API_KEY);
    const baseURL = options.baseURL ?? nonEmpty(process.env.OPENAI_BASE_URL);
    if (apiKey === undefined && baseURL === undefined) {
      throw new InvalidOptionError({
        option: "OpenAIEmbeddings.apiKey",
        value: undefined,
        message:
          "an OpenAI API key is needed: set OPENAI_API_KEY (or pass apiKey), or point baseURL / OPENAI_BASE_URL at an OpenAI-compatible server",
      });
    }
    let modelId: string;
    try {
      modelId = openAIEmbeddingsModelId({ model: options.model, dimensions: options.dimensions, baseURL });
    } catch (error) {
      throw new InvalidOptionError({
        option: "OpenAIEmbeddings.baseURL",
        value: baseURL,
        message: "must be an http(s) URL, e.g. http://localhost:11434/v1",
        cause: error,
      });
    }
    this.modelId = modelId;
  }

  /** The `RetryingOpenAIEmbeddings` doing the work (imports `@langchain/openai` on first use). */
  load(): Promise<RetryingOpenAIEmbeddings> {
    this.instance ??= import("./openai/openai-embeddings.js").then(
      ({ RetryingOpenAIEmbeddings }) => new RetryingOpenAIEmbeddings(this.options),
    );
    this.instance.catch(() => {
      this.instance = undefined;
    });
    return this.instance;
  }

  override async embedDocuments(texts: string[]): Promise<number[][]> {
    return (await this.load()).embedDocuments(texts);
  }

  override async embedQuery(text: string): Promise<number[]> {
    return (await this.load()).embedQuery(text);
  }

  async close(): Promise<void> {
    if (this.instance !== undefined) await (await this.instance).close();
  }
}
