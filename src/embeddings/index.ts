export {
  createEmbeddings,
  resolveEmbeddingsProvider,
  EMBEDDINGS_PROVIDERS,
  DEFAULT_EMBEDDINGS_PROVIDER,
  type CreateEmbeddingsOptions,
  type EmbeddingsProvider,
  type LibraryEmbeddings,
} from "./create-embeddings.js";
export {
  LocalEmbeddings,
  DEFAULT_LOCAL_EMBEDDING_WORKERS,
  DEFAULT_LOCAL_EMBEDDING_BATCH_SIZE,
  MAX_LOCAL_EMBEDDING_WORKERS,
  LOCAL_EMBEDDINGS_SERVICE,
  type LocalEmbeddingsOptions,
} from "./local/local-embeddings.js";
export { UNIVERSAL_SENTENCE_ENCODER_DIMENSIONS, UNIVERSAL_SENTENCE_ENCODER_MODEL_ID } from "./local/universal-sentence-encoder.js";
export { LOCAL_EMBEDDINGS_WORKER_SERVICE } from "./local/worker-pool.js";
export {
  createOpenAIEmbeddings,
  RetryingOpenAIEmbeddings,
  OPENAI_EMBEDDINGS_SERVICE,
  DEFAULT_OPENAI_EMBEDDING_MODEL,
  DEFAULT_OPENAI_BASE_URL,
  DEFAULT_OPENAI_TIMEOUT_MS,
  DEFAULT_OPENAI_MAX_RETRIES,
  DEFAULT_OPENAI_RETRY_DELAY_MS,
  DEFAULT_OPENAI_MAX_RETRY_DELAY_MS,
  DEFAULT_OPENAI_TOTAL_TIMEOUT_MS,
  DEFAULT_OPENAI_BATCH_SIZE,
  DEFAULT_OPENAI_MAX_CONCURRENCY,
  type OpenAIEmbeddingsOptions,
} from "./openai/openai-embeddings.js";
export {
  CachedEmbeddings,
  describeEmbeddingsModel,
  DEFAULT_EMBEDDING_CACHE_CHUNK_SIZE,
  type CachedEmbeddingsOptions,
  type IdentifiedEmbeddings,
} from "./cache/cached-embeddings.js";
export {
  EmbeddingCache,
  DEFAULT_EMBEDDING_CACHE_DIRECTORY,
  DEFAULT_EMBEDDING_CACHE_MAX_SHARDS,
  type EmbeddingCacheOptions,
  type EmbeddingRole,
} from "./cache/embedding-cache.js";
export { validateVectors, validateVector, type ValidateVectorsOptions } from "./validate-vectors.js";
