/**
 * `advanced-retrievers/cohere`: the Cohere reranker alone. `cohere-ai` is imported lazily on the first
 * rerank call, with an install hint when it is missing.
 */
export {
  CohereReranker,
  COHERE_API_KEY_ENV,
  COHERE_BASE_URL_ENV,
  COHERE_MAX_DOCUMENTS_PER_REQUEST,
  COHERE_RERANK_SERVICE,
} from "../rerankers/cohere-reranker.js";
export type { Reranker, RerankOptions, RerankResult } from "../rerankers/reranker.js";
