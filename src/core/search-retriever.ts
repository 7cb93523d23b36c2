import { BaseRetriever, type BaseRetrieverInput } from "@langchain/core/retrievers";
import { Document, type DocumentInterface } from "@langchain/core/documents";
import type { CallbackManagerForRetrieverRun } from "@langchain/core/callbacks/manager";
import type { FilterExpression } from "./filter/filter-schema.js";
import { validateQuery } from "./validate-query.js";

/** Options of one `search` call. Anything left out falls back to the retriever's own settings. */
export interface SearchOptions {
  /** How many results to return. @default the retriever's `k` */
  k?: number;
  /** Metadata filter, AND-ed with the retriever's own filter (it can only narrow it). @default none */
  filter?: FilterExpression | null;
  /** Cancels the search; the promise rejects with an `ABORTED` error. @default none */
  signal?: AbortSignal;
}

/** Which step of a technique produced a result's score. Used by `compare` and the benchmark. */
export type SearchStage = "dense" | "mmr" | "bm25" | "hybrid" | "parent" | "rerank" | "filter-only";

/** One ranked result of `search`. */
export interface SearchResult {
  /** The retrieved document, with its `id`. */
  document: DocumentInterface;
  /** Higher is better. Its scale depends on `stage` (cosine similarity, BM25, RRF, reranker score). */
  score: number;
  /** The step that produced `score`. */
  stage: SearchStage;
  /** Stage-specific extras: the original rank before reranking, matching child snippets, ... */
  details?: Record<string, unknown>;
}

/** What every technique offers besides LangChain's `invoke`: ranked, scored results. */
export interface Searchable {
  search(query: string, options?: SearchOptions): Promise<SearchResult[]>;
}

/** Metadata keys `invoke` adds to each returned document copy. */
export const RELEVANCE_SCORE_KEY = "relevance_score";
export const RETRIEVAL_STAGE_KEY = "retrieval_stage";

/**
 * Base class of every technique: a LangChain `BaseRetriever` (so `invoke`, `batch`, `pipe`, callbacks
 * and LCEL all work) whose work is done by `search`. `invoke` returns copies of the documents with
 * `relevance_score` and `retrieval_stage` added to their metadata; the stored documents are never mutated.
 */
export abstract class SearchRetriever extends BaseRetriever implements Searchable {
  lc_namespace = ["advanced_retrievers", "retrievers"];

  constructor(fields?: BaseRetrieverInput) {
    super(fields);
  }

  abstract search(query: string, options?: SearchOptions): Promise<SearchResult[]>;

  override async _getRelevantDocuments(query: string, _runManager?: CallbackManagerForRetrieverRun): Promise<DocumentInterface[]> {
    validateQuery(query);
    const results = await this.search(query);
    return results.map(resultToDocument);
  }
}

/** A copy of the result's document carrying its score and stage in metadata. */
export function resultToDocument(result: SearchResult): DocumentInterface {
  const { document } = result;
  return new Document({
    id: document.id,
    pageContent: document.pageContent,
    metadata: { ...document.metadata, [RELEVANCE_SCORE_KEY]: result.score, [RETRIEVAL_STAGE_KEY]: result.stage },
  });
}
