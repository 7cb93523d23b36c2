export { maximalMarginalRelevance, type MaximalMarginalRelevanceInput } from "./maximal-marginal-relevance.js";
export { contentHashId, type HashableDocument } from "./content-hash.js";
export { canonicalJson } from "./canonical-json.js";
