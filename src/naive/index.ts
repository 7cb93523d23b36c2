export { NaiveRetriever, DEFAULT_K, SEARCH_TYPES, type NaiveRetrieverOptions, type SearchType } from "./naive-retriever.js";
