export {
  DEFAULT_RANK_FUSION_CANDIDATES,
  MAXIMUM_FUSED_RETRIEVERS,
  RankFusionRetriever,
  type FusedRetriever,
  type RankFusionRetrieverOptions,
} from "./rank-fusion-retriever.js";
