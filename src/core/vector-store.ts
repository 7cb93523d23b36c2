import type { DocumentInterface } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import type { FilterExpression } from "./filter/filter-schema.js";

/** MMR: candidates fetched by similarity before re-selection, when not given. */
export const DEFAULT_FETCH_K = 20;
/** MMR trade-off when not given: 1 = pure relevance, 0 = pure diversity. */
export const DEFAULT_MMR_LAMBDA = 0.5;

/** Options of a vector search on a `RetrieverVectorStore`. */
export interface VectorSearchOptions {
  /** How many hits at most. */
  k: number;
  /** Metadata filter in the library's filter language, applied before similarity. @default none */
  filter?: FilterExpression | null;
}

/** Options of a maximal-marginal-relevance search. */
export interface MaximalMarginalRelevanceOptions extends VectorSearchOptions {
  /** Candidates fetched by similarity before MMR picks `k` of them. @default 20 */
  fetchK?: number;
  /** 1 = pure relevance, 0 = pure diversity. @default 0.5 */
  lambda?: number;
}

/** One hit: the stored document (with `id`) and its similarity to the query (higher is better). */
export interface VectorHit {
  document: DocumentInterface;
  /** Cosine similarity in [-1, 1]. Every store reports similarity, never distance. */
  score: number;
}

/**
 * What techniques need from a vector store. Our stores (in-memory, Chroma) are LangChain
 * `VectorStore` subclasses whose `FilterType` is the library's filter language, and also implement
 * this interface. Document ids are stable strings; adding a document whose id exists replaces it.
 */
export interface RetrieverVectorStore {
  readonly embeddings: EmbeddingsInterface;
  /** Embeds and stores documents (upsert by `ids`, else by `document.id`, else a content hash). Returns the ids. */
  addDocuments(documents: DocumentInterface[], options?: { ids?: string[] }): Promise<string[]>;
  /** Stores documents with precomputed vectors (upsert by id, like `addDocuments`). */
  addVectors(vectors: number[][], documents: DocumentInterface[], options?: { ids?: string[] }): Promise<string[]>;
  /** Removes documents by id; unknown ids are ignored. */
  delete(params: { ids: string[] }): Promise<void>;
  /** Exact top-k by cosine similarity among documents matching the filter, best first. */
  searchByVector(vector: number[], options: VectorSearchOptions): Promise<VectorHit[]>;
  /** MMR re-selection of the top `fetchK` similar documents; scores are the hits' similarities. */
  maximalMarginalRelevanceByVector(vector: number[], options: MaximalMarginalRelevanceOptions): Promise<VectorHit[]>;
  /** Documents matching a filter (all when none), ordered by id; for filter-only questions. */
  listDocuments(options?: { filter?: FilterExpression | null; limit?: number }): Promise<DocumentInterface[]>;
  /** Number of stored documents. */
  count(): Promise<number>;
  /** The stored documents with these ids, in the order asked, unknown ids skipped (LangChain's `getByIds`). Both stores of this library have it. */
  getByIds?(ids: string[]): Promise<DocumentInterface[]>;
}
