export { NaiveRetriever, SEARCH_TYPES, type NaiveRetrieverOptions, type SearchType } from "./naive-retriever.js";
