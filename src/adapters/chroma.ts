/**
 * `advanced-retrievers/chroma`: the Chroma store and the local server lifecycle. `chromadb` is imported
 * lazily on first use, with an install hint when it is missing. The metadata encoding and filter
 * planning behind the store stay internal.
 */
export {
  ChromaStore,
  DEFAULT_CHROMA_BATCH_SIZE,
  DEFAULT_CHROMA_READ_PAGE_SIZE,
  CHROMA_MAXIMUM_DIMENSION,
  CHROMA_MAXIMUM_K,
  CHROMA_FILTER_LIMITS,
  CHROMA_EXTRA_METADATA_KEY,
  type ChromaStoreOptions,
  type ChromaSearchOptions,
  type ChromaHnswOptions,
  connectChroma,
  resolveChromaUrl,
  ChromaRejection,
  DEFAULT_CHROMA_URL,
  DEFAULT_CHROMA_TIMEOUT_MS,
  DEFAULT_CHROMA_MAX_RETRIES,
  DEFAULT_CHROMA_TOTAL_TIMEOUT_MS,
  type ChromaConnection,
  type ChromaConnectionOptions,
  startChromaServer,
  resolveChromaCli,
  DEFAULT_CHROMA_PATH,
  DEFAULT_CHROMA_PORT,
  DEFAULT_CHROMA_HOST,
  DEFAULT_STARTUP_TIMEOUT_MS,
  DEFAULT_STOP_GRACE_MS,
  type ChromaServer,
  type StartChromaServerOptions,
  isValidCollectionName,
  MIN_COLLECTION_NAME_LENGTH,
  MAX_COLLECTION_NAME_LENGTH,
} from "../stores/chroma/index.js";
