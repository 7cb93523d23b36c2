export {
  ContextualCompressionRetriever,
  DEFAULT_RERANK_CANDIDATES,
  DEFAULT_RERANK_TOP_N,
  type ContextualCompressionRetrieverOptions,
  type RerankDetails,
} from "./contextual-compression-retriever.js";
