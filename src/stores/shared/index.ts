export { maximalMarginalRelevance, type MaximalMarginalRelevanceInput } from "./maximal-marginal-relevance.js";
export { contentHashId, sameContent, type HashableDocument } from "./content-hash.js";
export { canonicalJson } from "./canonical-json.js";
export { resolveDocumentIds, embeddingsDimension, embeddingsModelIdOf, compareIds } from "./store-inputs.js";
export { documentIdsDigest } from "./ids-digest.js";
