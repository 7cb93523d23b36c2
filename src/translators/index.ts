export { toMetadataPredicate, compileFilter, type MetadataPredicate } from "./in-memory.js";
export { toChromaWhere, chromaWhereIsExact } from "./chroma.js";
export { toLangChainFilter, toStructuredQuery, fromLangChainFilter, fromStructuredQuery, type FromLangChainOptions } from "./langchain.js";
export { normalizeFilter } from "./normalize-filter.js";
