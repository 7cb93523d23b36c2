export {
  blendScores,
  DEFAULT_PASSAGE_BLEND_CANDIDATES,
  DEFAULT_PASSAGE_BLEND_K,
  DEFAULT_PASSAGE_WEIGHT,
  PassageBlendRetriever,
  type PassageBlendRetrieverOptions,
} from "./passage-blend-retriever.js";
