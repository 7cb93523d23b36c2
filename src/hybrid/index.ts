export {
  DEFAULT_RRF_CONSTANT,
  reciprocalRankFusion,
  reciprocalRankContribution,
  normalizedScoreFusion,
  minMaxNormalize,
  type RankedItem,
  type FusionLeg,
  type FusedItem,
  type LegPosition,
} from "./fusion.js";
export { porterStem } from "./porter-stemmer.js";
export { TextAnalyzer, ENGLISH_STOP_WORDS, DEFAULT_MIN_TERM_LENGTH, type TextAnalyzerOptions } from "./text-analyzer.js";
export {
  Bm25Index,
  isBm25Index,
  DEFAULT_BM25_K1,
  DEFAULT_BM25_B,
  DEFAULT_BM25_DELTA,
  BM25_INDEX_FORMAT,
  BM25_INDEX_FORMAT_VERSION,
  type Bm25IndexOptions,
  type Bm25Hit,
} from "./bm25-index.js";
export { Bm25Retriever, type Bm25RetrieverOptions } from "./bm25-retriever.js";
export {
  HybridRetriever,
  DEFAULT_HYBRID_CANDIDATES,
  DEFAULT_LEG_WEIGHT,
  FUSION_METHODS,
  type FusionMethod,
  type HybridRetrieverOptions,
  type HybridFeedbackOptions,
  type HybridLegDetails,
} from "./hybrid-retriever.js";
export { DEFAULT_FEEDBACK_DOCUMENTS, DEFAULT_EXPANSION_TERMS, ExpansionTermSelector } from "./expansion-terms.js";
