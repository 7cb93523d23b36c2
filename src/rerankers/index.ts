export {
  RerankerDocumentCompressor,
  isReranker,
  sortRerankResults,
  DEFAULT_COMPRESSOR_TOP_N,
  type Reranker,
  type RerankOptions,
  type RerankResult,
  type RerankerDocumentCompressorOptions,
} from "./reranker.js";
export {
  CohereReranker,
  DEFAULT_COHERE_RERANK_MODEL,
  DEFAULT_COHERE_BASE_URL,
  COHERE_API_KEY_ENV,
  COHERE_BASE_URL_ENV,
  COHERE_MAX_DOCUMENTS_PER_REQUEST,
  DEFAULT_COHERE_TIMEOUT_MS,
  DEFAULT_COHERE_MAX_RETRIES,
  DEFAULT_COHERE_INITIAL_RETRY_DELAY_MS,
  DEFAULT_COHERE_MAX_RETRY_DELAY_MS,
  DEFAULT_COHERE_TOTAL_TIMEOUT_MS,
  COHERE_RERANK_SERVICE,
  type CohereRerankerOptions,
} from "./cohere-reranker.js";
export {
  LocalReranker,
  DEFAULT_LOCAL_RERANKER_WEIGHTS,
  DEFAULT_LOCAL_RERANKER_CACHE_SIZE,
  LOCAL_RERANKER_FUSION_METHODS,
  type LocalRerankerFusion,
  type LocalRerankerOptions,
  type LocalRerankerSignals,
} from "./local-reranker.js";
export {
  LlmReranker,
  LLM_RERANK_MODES,
  LLM_RERANK_SERVICE,
  LLM_MAX_RATING,
  DEFAULT_LLM_LISTWISE_WINDOW,
  DEFAULT_LLM_POINTWISE_BATCH_SIZE,
  DEFAULT_LLM_MAX_CONCURRENCY,
  DEFAULT_LLM_MAX_DOCUMENT_CHARACTERS,
  type LlmRerankMode,
  type LlmRerankerOptions,
} from "./llm-reranker.js";
export {
  createReranker,
  resolveRerankerProvider,
  RERANKER_PROVIDERS,
  DEFAULT_RERANKER_PROVIDER,
  type RerankerProvider,
  type CreateRerankerOptions,
} from "./create-reranker.js";
export { splitSentences, DEFAULT_MIN_SENTENCE_WORDS, DEFAULT_MAX_SENTENCE_WORDS } from "./sentences.js";
export { candidateBm25Scores, DEFAULT_CANDIDATE_BM25_K1, DEFAULT_CANDIDATE_BM25_B } from "./candidate-bm25.js";
