/**
 * `advanced-retrievers/openai`: the OpenAI adapters alone (embeddings, chat model factory), for apps
 * that want them without the rest of the library. Needs `@langchain/openai`.
 */
export * from "../embeddings/openai/openai-embeddings.js";
export * from "../llm/index.js";
