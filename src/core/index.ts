export * from "./errors/index.js";
export * from "./filter/index.js";
export {
  SearchRetriever,
  DEFAULT_K,
  childSearchOptions,
  resultToDocument,
  RELEVANCE_SCORE_KEY,
  RETRIEVAL_STAGE_KEY,
  OUTSIDE_FILTER_KEY,
  type Searchable,
  type SearchOptions,
  type SearchResult,
  type SearchStage,
  type SearchRequest,
  type SearchRetrieverFields,
  type SearchConfigurable,
} from "./search-retriever.js";
export { validateQuery, throwIfAborted, abortedError, raceWithAbort, MAX_QUERY_LENGTH } from "./validate-query.js";
export { DEFAULT_FETCH_K, DEFAULT_MMR_LAMBDA } from "./vector-store.js";
export type { RetrieverVectorStore, VectorSearchOptions, MaximalMarginalRelevanceOptions, VectorHit } from "./vector-store.js";
export { parseOptions, closestName, type ParseOptionsSettings } from "./parse-options.js";
export { writeFileAtomic } from "./io/write-file-atomic.js";
export {
  readLocalFile,
  readLocalFileSync,
  maxFileBytes,
  DEFAULT_MAX_FILE_BYTES,
  LOCAL_FILE_KINDS,
  MAX_FILE_BYTES_VARIABLE,
  type LocalFileKind,
  type ReadLocalFileOptions,
} from "./io/read-local-file.js";
export { assertJsonDepth, MAX_JSON_DEPTH, type AssertJsonDepthOptions } from "./io/json-depth.js";
export { sanitizeTerminalText, escapeTerminalJson, type SanitizeTerminalTextOptions } from "./io/terminal-text.js";
export {
  withRetries,
  parseRetryAfter,
  isRetryableStatus,
  type RetryPolicy,
  type AttemptFailure,
  type AttemptContext,
  type RetryEvent,
  type RetryLoopOptions,
} from "./retry.js";
export { embeddingsOptionSchema, kOptionSchema, filterOptionSchema } from "./option-schemas.js";
