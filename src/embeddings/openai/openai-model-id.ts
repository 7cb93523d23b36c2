/**
 * What identifies OpenAI embeddings without loading the OpenAI SDK: the defaults and the model id
 * formula `RetryingOpenAIEmbeddings` uses, so `createEmbeddings` can name (and cache) them before
 * `@langchain/openai` is imported on the first embedding call.
 */

/** Embedding model when none is given. */
export const DEFAULT_OPENAI_EMBEDDING_MODEL = "text-embedding-3-small";
/** Where requests go when neither `baseURL` nor OPENAI_BASE_URL says otherwise. */
export const DEFAULT_OPENAI_BASE_URL = "https://api.openai.com/v1";

/** `openai:<model>:<dimensions|native>@<host><path>`: identifies model, dimensions and server; contains no secret. */
export function openAIEmbeddingsModelId(options: {
  model?: string | undefined;
  dimensions?: number | undefined;
  baseURL?: string | undefined;
}): string {
  const server = new URL(options.baseURL ?? DEFAULT_OPENAI_BASE_URL);
  return `openai:${options.model ?? DEFAULT_OPENAI_EMBEDDING_MODEL}:${options.dimensions ?? "native"}@${server.host}${server.pathname.replace(/\/+$/, "")}`;
}
