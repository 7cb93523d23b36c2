import { Document, type DocumentInterface } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import type { VectorStoreInterface } from "@langchain/core/vectorstores";
import { ErrorCodes } from "../core/errors/error-codes.js";
import { RetrieverError } from "../core/errors/retriever-error.js";
import { compileFilter } from "../core/filter/compile-filter.js";
import type { FilterExpression } from "../core/filter/filter-schema.js";
import { parseFilter } from "../core/filter/parse-filter.js";
import type { MaximalMarginalRelevanceOptions, RetrieverVectorStore, VectorHit, VectorSearchOptions } from "../core/vector-store.js";
import { DEFAULT_FETCH_K, DEFAULT_MMR_LAMBDA } from "../core/vector-store.js";
import { validateVector, validateVectors } from "../embeddings/validate-vectors.js";
import { maximalMarginalRelevance } from "../stores/shared/maximal-marginal-relevance.js";
import { compareIds, resolveDocumentIds } from "../stores/shared/store-inputs.js";
import { chromaWhereIsExact, toChromaWhere } from "../translators/chroma.js";

/** Without a filter translator, a filtered search asks the store for `k` times this many hits (at least 100) and filters them here. */
export const DEFAULT_OVER_FETCH_FACTOR = 10;

/** How a LangChain store's filters are applied. */
export type FilterStrategy = "predicate" | "chroma-where" | "over-fetch";

/** Options of `fromLangChainVectorStore`. */
export interface LangChainVectorStoreAdapterOptions {
  /** Filtered searches without a translator ask for `k * overFetchFactor` (at least 100) hits, filtered here. @default 10 */
  overFetchFactor?: number;
  /** Receives the one-time warning about filters applied after an over-fetch. @default console.warn */
  onWarning?: (message: string) => void;
}

/** The parts of a LangChain `VectorStore` the adapter uses (`similaritySearchVectorWithScore` and `embeddings`). */
type LangChainStore = Pick<VectorStoreInterface, "embeddings" | "addVectors" | "addDocuments" | "similaritySearchVectorWithScore"> & {
  delete?: (params: { ids: string[] }) => Promise<void>;
  _vectorstoreType?: () => string;
};

/** A `MemoryVectorStore` of `@langchain/classic` (filters are `(document) => boolean`). */
interface MemoryVectorStoreLike extends LangChainStore {
  memoryVectors: Array<{ id?: string; content: string; metadata: Record<string, unknown>; embedding: number[] }>;
}

/** The `Chroma` store of `@langchain/community` (filters are Chroma `where` objects; scores are distances). */
interface CommunityChromaLike extends LangChainStore {
  collectionMetadata?: Record<string, unknown>;
  ensureCollection(): Promise<{
    get(params: {
      ids?: string[];
      where?: object;
      include?: string[];
      limit?: number;
      offset?: number;
    }): Promise<{ ids: string[]; documents: Array<string | null>; metadatas: Array<Record<string, unknown> | null> }>;
    count(): Promise<number>;
  }>;
}

/** True for a LangChain vector store (it has `similaritySearchVectorWithScore` and `embeddings`) that is not already one of ours. */
export function isLangChainVectorStore(value: unknown): value is VectorStoreInterface {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.similaritySearchVectorWithScore === "function" &&
    typeof candidate.embeddings === "object" &&
    candidate.embeddings !== null &&
    typeof candidate.searchByVector !== "function"
  );
}

/** True for a store of this library (`RetrieverVectorStore`, recognised by `searchByVector`). */
export function isRetrieverVectorStore(value: unknown): value is RetrieverVectorStore {
  return typeof value === "object" && value !== null && typeof (value as RetrieverVectorStore).searchByVector === "function";
}

/** A store of this library as is; a LangChain vector store through `fromLangChainVectorStore`. Used by the techniques' `store` options. */
export function toRetrieverVectorStore(value: RetrieverVectorStore | VectorStoreInterface): RetrieverVectorStore {
  return isRetrieverVectorStore(value) ? value : fromLangChainVectorStore(value);
}

/**
 * Uses any LangChain `VectorStore` as the store of the naive, parent-document and hybrid techniques
 * (the techniques apply this to a LangChain store given as `store`). Filters in the library's
 * language are translated where a translator exists: an in-memory predicate for `MemoryVectorStore`
 * (`@langchain/classic`), a Chroma `where` for the `Chroma` store of `@langchain/community`; other
 * stores get `k * overFetchFactor` hits filtered here (with a one-time warning: a selective filter may
 * then return fewer than `k`). Scores are similarities (higher is better): Chroma's distances are
 * converted by its space (cosine, ip; l2 assumes unit vectors). MMR re-embeds the `fetchK` candidates
 * (LangChain stores do not return vectors). `listDocuments` and `count` work on the two stores above;
 * on others `listDocuments` throws `UNSUPPORTED_OPERATION` and `count` is unknown (Infinity).
 * Documents are deep-copied on the way in and out.
 */
export function fromLangChainVectorStore(
  store: VectorStoreInterface,
  options: LangChainVectorStoreAdapterOptions = {},
): RetrieverVectorStore & { readonly langChainStore: VectorStoreInterface; readonly filterStrategy: FilterStrategy } {
  if (!isLangChainVectorStore(store)) {
    throw new RetrieverError({
      code: ErrorCodes.INVALID_OPTION,
      message: "fromLangChainVectorStore needs a LangChain VectorStore (with embeddings and similaritySearchVectorWithScore)",
    });
  }
  return new LangChainVectorStoreAdapter(store as unknown as LangChainStore, options);
}

class LangChainVectorStoreAdapter implements RetrieverVectorStore {
  readonly langChainStore: VectorStoreInterface;
  readonly filterStrategy: FilterStrategy;
  private readonly store: LangChainStore;
  private readonly overFetchFactor: number;
  private readonly onWarning: (message: string) => void;
  private warned = false;

  constructor(store: LangChainStore, options: LangChainVectorStoreAdapterOptions) {
    this.store = store;
    this.langChainStore = store as unknown as VectorStoreInterface;
    this.overFetchFactor = options.overFetchFactor ?? DEFAULT_OVER_FETCH_FACTOR;
    this.onWarning = options.onWarning ?? ((message) => console.warn(`advanced-retrievers: ${message}`));
    this.filterStrategy = isMemoryVectorStore(store) ? "predicate" : isCommunityChroma(store) ? "chroma-where" : "over-fetch";
  }

  get embeddings(): EmbeddingsInterface {
    return this.store.embeddings;
  }

  async addDocuments(documents: DocumentInterface[], options: { ids?: string[] } = {}): Promise<string[]> {
    const ids = resolveDocumentIds(documents, options.ids);
    const vectors = validateVectors(await this.embeddings.embedDocuments(documents.map((document) => document.pageContent)), {
      source: "the embeddings",
      expectedCount: documents.length,
    });
    return this.addVectors(vectors, documents, { ids });
  }

  async addVectors(vectors: number[][], documents: DocumentInterface[], options: { ids?: string[] } = {}): Promise<string[]> {
    const ids = resolveDocumentIds(documents, options.ids);
    const checked = validateVectors(vectors, { source: "addVectors", expectedCount: documents.length });
    const copies = documents.map(
      (document, index) =>
        new Document({ id: ids[index], pageContent: document.pageContent, metadata: structuredClone(document.metadata ?? {}) }),
    );
    if (isMemoryVectorStore(this.store)) {
      // MemoryVectorStore appends; replacing by id keeps our upsert semantics.
      const replaced = new Set(ids);
      this.store.memoryVectors = this.store.memoryVectors.filter((vector) => vector.id === undefined || !replaced.has(vector.id));
    }
    await this.store.addVectors(checked, copies, { ids });
    return ids;
  }

  async delete({ ids }: { ids: string[] }): Promise<void> {
    if (ids.length === 0) return;
    if (isMemoryVectorStore(this.store)) {
      const removed = new Set(ids);
      this.store.memoryVectors = this.store.memoryVectors.filter((vector) => vector.id === undefined || !removed.has(vector.id));
      return;
    }
    if (typeof this.store.delete !== "function") throw unsupported("delete");
    await this.store.delete({ ids });
  }

  async searchByVector(vector: number[], options: VectorSearchOptions): Promise<VectorHit[]> {
    const query = validateVector(vector, { source: "the query vector" });
    const filter = options.filter == null ? null : parseFilter(options.filter);
    const { k } = options;
    if (filter === null) return this.rawSearch(query, k, undefined);
    const predicate = compileFilter(filter);
    if (this.filterStrategy === "predicate") {
      return this.rawSearch(query, k, (document: DocumentInterface) => predicate(document.metadata ?? {}));
    }
    if (this.filterStrategy === "chroma-where" && chromaWhereIsExact(filter)) {
      return this.rawSearch(query, k, toChromaWhere(filter));
    }
    if (!this.warned) {
      this.warned = true;
      this.onWarning(
        `${this.describe()} has no filter translator here: filters are applied after fetching ${this.overFetchFactor}x k hits, so a selective filter may return fewer than k results`,
      );
    }
    const hits = await this.rawSearch(query, Math.max(k * this.overFetchFactor, 100), undefined);
    return hits.filter((hit) => predicate(hit.document.metadata)).slice(0, k);
  }

  async maximalMarginalRelevanceByVector(vector: number[], options: MaximalMarginalRelevanceOptions): Promise<VectorHit[]> {
    const fetchK = Math.max(options.fetchK ?? DEFAULT_FETCH_K, options.k);
    const candidates = await this.searchByVector(vector, { k: fetchK, filter: options.filter ?? null });
    if (candidates.length === 0) return [];
    const vectors = await this.embeddings.embedDocuments(candidates.map((hit) => hit.document.pageContent));
    const selection = maximalMarginalRelevance({
      query: vector,
      candidates: vectors,
      k: options.k,
      lambda: options.lambda ?? DEFAULT_MMR_LAMBDA,
    });
    return selection.map((index) => candidates[index] as VectorHit);
  }

  async listDocuments(options: { filter?: FilterExpression | null; limit?: number } = {}): Promise<DocumentInterface[]> {
    const filter = options.filter == null ? null : parseFilter(options.filter);
    const predicate = filter === null ? () => true : compileFilter(filter);
    const limit = options.limit ?? Infinity;
    let documents: DocumentInterface[];
    if (isMemoryVectorStore(this.store)) {
      documents = this.store.memoryVectors.map(
        (vector, index) => new Document({ id: vector.id ?? String(index), pageContent: vector.content, metadata: vector.metadata }),
      );
    } else if (isCommunityChroma(this.store)) {
      const collection = await this.store.ensureCollection();
      const exact = chromaWhereIsExact(filter);
      const where = filter !== null && exact ? toChromaWhere(filter) : undefined;
      const answer = await collection.get({ ...(where === undefined ? {} : { where }), include: ["documents", "metadatas"] });
      documents = answer.ids.map(
        (id, index) => new Document({ id, pageContent: answer.documents[index] ?? "", metadata: answer.metadatas[index] ?? {} }),
      );
    } else {
      throw unsupported("listDocuments");
    }
    return documents
      .filter((document) => predicate(document.metadata))
      .sort((left, right) => compareIds(left.id ?? "", right.id ?? ""))
      .slice(0, limit)
      .map(copyDocument);
  }

  async getByIds(ids: string[]): Promise<DocumentInterface[]> {
    const wanted = new Set(ids);
    const found = new Map(
      (await this.listDocuments()).filter((document) => wanted.has(document.id ?? "")).map((document) => [document.id as string, document]),
    );
    return ids.flatMap((id) => (found.has(id) ? [found.get(id) as DocumentInterface] : []));
  }

  async count(): Promise<number> {
    if (isMemoryVectorStore(this.store)) return this.store.memoryVectors.length;
    if (isCommunityChroma(this.store)) return (await this.store.ensureCollection()).count();
    return Infinity;
  }

  private async rawSearch(query: number[], k: number, filter: unknown): Promise<VectorHit[]> {
    const hits = await this.store.similaritySearchVectorWithScore(query, k, filter as never);
    const toSimilarity =
      this.filterStrategy === "chroma-where" ? chromaDistanceToSimilarity(this.store as CommunityChromaLike) : (score: number) => score;
    return hits.map(([document, score]) => ({ document: copyDocument(document), score: toSimilarity(score) }));
  }

  private describe(): string {
    const type = typeof this.store._vectorstoreType === "function" ? this.store._vectorstoreType() : "this vector store";
    return `the LangChain vector store "${type}"`;
  }
}

function isMemoryVectorStore(store: LangChainStore): store is MemoryVectorStoreLike {
  return (
    Array.isArray((store as Partial<MemoryVectorStoreLike>).memoryVectors) &&
    typeof store._vectorstoreType === "function" &&
    store._vectorstoreType() === "memory"
  );
}

function isCommunityChroma(store: LangChainStore): store is CommunityChromaLike {
  return (
    typeof (store as Partial<CommunityChromaLike>).ensureCollection === "function" &&
    typeof store._vectorstoreType === "function" &&
    store._vectorstoreType() === "chroma"
  );
}

/** Chroma answers distances; its space is in the collection metadata (`hnsw:space`, default l2). */
function chromaDistanceToSimilarity(store: CommunityChromaLike): (distance: number) => number {
  const space = store.collectionMetadata?.["hnsw:space"] ?? "l2";
  if (space === "l2") return (distance) => 1 - distance / 2;
  return (distance) => 1 - distance;
}

function copyDocument(document: DocumentInterface): DocumentInterface {
  return new Document({ id: document.id, pageContent: document.pageContent, metadata: structuredClone(document.metadata ?? {}) });
}

function unsupported(operation: string): RetrieverError {
  return new RetrieverError({
    code: ErrorCodes.UNSUPPORTED_OPERATION,
    message: `${operation} is not available on this LangChain vector store through fromLangChainVectorStore (only MemoryVectorStore and the community Chroma store support it); use a MemoryStore or ChromaStore of this library for techniques that need it`,
  });
}
