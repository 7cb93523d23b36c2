export {
  ChromaStore,
  DEFAULT_CHROMA_BATCH_SIZE,
  DEFAULT_CHROMA_READ_PAGE_SIZE,
  CHROMA_MAXIMUM_DIMENSION,
  CHROMA_MAXIMUM_K,
  COLLECTION_METADATA_KEYS,
  type ChromaStoreOptions,
  type ChromaSearchOptions,
  type ChromaHnswOptions,
} from "./chroma-store.js";
export {
  connectChroma,
  resolveChromaUrl,
  ChromaRejection,
  DEFAULT_CHROMA_URL,
  DEFAULT_CHROMA_TIMEOUT_MS,
  DEFAULT_CHROMA_MAX_RETRIES,
  DEFAULT_CHROMA_TOTAL_TIMEOUT_MS,
  type ChromaConnection,
  type ChromaConnectionOptions,
} from "./chroma-connection.js";
export {
  startChromaServer,
  resolveChromaCli,
  DEFAULT_CHROMA_PATH,
  DEFAULT_CHROMA_PORT,
  DEFAULT_CHROMA_HOST,
  DEFAULT_STARTUP_TIMEOUT_MS,
  DEFAULT_STOP_GRACE_MS,
  type ChromaServer,
  type StartChromaServerOptions,
} from "./chroma-server.js";
export {
  CHROMA_EXTRA_METADATA_KEY,
  encodeChromaMetadata,
  decodeChromaMetadata,
  type ChromaMetadata,
  type EncodedMetadata,
} from "./chroma-metadata.js";
export { CHROMA_FILTER_LIMITS, planChromaFilter, type ChromaFilterPlan } from "./chroma-filter-plan.js";
export { chromaCollectionName, isValidCollectionName, MIN_COLLECTION_NAME_LENGTH, MAX_COLLECTION_NAME_LENGTH } from "./collection-name.js";
