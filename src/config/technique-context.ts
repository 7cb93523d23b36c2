import type { DocumentInterface } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import type { SearchRetriever } from "../core/search-retriever.js";
import type { RetrieverVectorStore } from "../core/vector-store.js";
import type { Dataset } from "../datasets/dataset.js";
import type { RetrieverConfig, Technique } from "./retriever-config.js";

/** Embeddings as the configuration layer uses them: `modelId` names the model for index files. */
export type ConfigEmbeddings = EmbeddingsInterface & { modelId?: string; close?: () => Promise<void> };

/** What a technique builder gets: the validated configuration, the documents and shared services. */
export interface TechniqueContext {
  config: RetrieverConfig;
  /** The dataset: its self-query attributes, filter-only ordering and fields. */
  dataset: Dataset;
  /** The loaded documents (each with an `id`). */
  documents: DocumentInterface[];
  embeddings: ConfigEmbeddings;
  /** Opens (loads or builds and saves) a vector index of `documents` named `name`, in the configured store. */
  openStore(
    name: string,
    documents: DocumentInterface[],
  ): Promise<{ store: RetrieverVectorStore; loaded: boolean; location: string | null }>;
  /** Builds another technique on the same documents (for compositions such as rerank over hybrid). Memoized. */
  build(technique: Technique): Promise<TechniqueBuild>;
}

/** What a technique builder returns. */
export interface TechniqueBuild {
  retriever: SearchRetriever;
  /** The main vector store (for reports and filter-only listing). */
  store: RetrieverVectorStore;
  /** Counts to report (documents, chunks, whether the index came from disk, ...). */
  stats: Record<string, number | string | boolean>;
}

export type TechniqueBuilder = (context: TechniqueContext) => Promise<TechniqueBuild>;
