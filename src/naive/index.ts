export { NaiveRetriever, DEFAULT_K, DEFAULT_FETCH_K, DEFAULT_MMR_LAMBDA, SEARCH_TYPES, type NaiveRetrieverOptions, type SearchType } from "./naive-retriever.js";
