import type { VectorStoreInterface } from "@langchain/core/vectorstores";
import { z } from "zod/v4";
import type { RetrieverVectorStore } from "../core/vector-store.js";
import { isLangChainVectorStore, isRetrieverVectorStore, toRetrieverVectorStore } from "./langchain-vector-store.js";

/**
 * The `store` option of the techniques: a store of this library (MemoryStore, ChromaStore), or any
 * LangChain `VectorStore`, adapted by `fromLangChainVectorStore`.
 */
export const vectorStoreOptionSchema = vectorStoreOptionSchemaWith([]);

/** `vectorStoreOptionSchema` for a technique that also needs these methods of a store of this library. */
export function vectorStoreOptionSchemaWith(methods: ReadonlyArray<keyof RetrieverVectorStore>) {
  return z
    .custom<RetrieverVectorStore | VectorStoreInterface>(
      (value) =>
        (isRetrieverVectorStore(value) &&
          methods.every((method) => typeof (value as unknown as Record<string, unknown>)[method] === "function")) ||
        isLangChainVectorStore(value),
      "must be a vector store: MemoryStore, ChromaStore or any LangChain VectorStore (e.g. MemoryVectorStore)",
    )
    .transform((value): RetrieverVectorStore => toRetrieverVectorStore(value));
}
