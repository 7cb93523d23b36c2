export {
  DEFAULT_RANK_FUSION_CANDIDATES,
  DEFAULT_RANK_FUSION_K,
  MAXIMUM_FUSED_RETRIEVERS,
  RankFusionRetriever,
  type FusedRetriever,
  type RankFusionRetrieverOptions,
} from "./rank-fusion-retriever.js";
