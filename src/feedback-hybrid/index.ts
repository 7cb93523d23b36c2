export { DEFAULT_EXPANSION_TERMS, ExpansionTermSelector } from "./expansion-terms.js";
export {
  DEFAULT_FEEDBACK_DOCUMENTS,
  DEFAULT_FEEDBACK_HYBRID_CANDIDATES,
  FeedbackHybridRetriever,
  type FeedbackHybridLegDetails,
  type FeedbackHybridRetrieverOptions,
} from "./feedback-hybrid-retriever.js";
