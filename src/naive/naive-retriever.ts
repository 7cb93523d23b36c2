import type { BaseRetrieverInput } from "@langchain/core/retrievers";
import type { VectorStoreInterface } from "@langchain/core/vectorstores";
import { z } from "zod/v4";
import type { FilterExpression } from "../core/filter/filter-schema.js";
import { filterOptionSchema, kOptionSchema, pickRetrieverInput, retrieverOptionsSchema } from "../core/option-schemas.js";
import { parseOptions } from "../core/parse-options.js";
import { SearchRetriever, type SearchRequest, type SearchResult } from "../core/search-retriever.js";
import { throwIfAborted } from "../core/validate-query.js";
import { vectorStoreOptionSchema } from "../adapters/vector-store-option.js";
import { DEFAULT_FETCH_K, DEFAULT_MMR_LAMBDA, type RetrieverVectorStore } from "../core/vector-store.js";

export const SEARCH_TYPES = ["similarity", "similarity_score_threshold", "mmr"] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

export interface NaiveRetrieverOptions extends BaseRetrieverInput {
  /**
   * Where the document vectors live; its `embeddings` embed the question. A store of this library
   * (MemoryStore, ChromaStore) or any LangChain `VectorStore` (adapted by `fromLangChainVectorStore`).
   */
  store: RetrieverVectorStore | VectorStoreInterface;
  /** Results per search. @default 4 */
  k?: number;
  /**
   * `similarity`: exact top-k by cosine; `similarity_score_threshold`: the same, dropping hits under
   * `scoreThreshold`; `mmr`: maximal marginal relevance over the top `fetchK`. @default "similarity"
   */
  searchType?: SearchType;
  /** Minimum cosine similarity kept; required for `similarity_score_threshold`, ignored otherwise. @default none */
  scoreThreshold?: number;
  /** MMR only: candidates fetched before re-selection. @default 20 */
  fetchK?: number;
  /** MMR only: 1 = pure relevance, 0 = pure diversity. @default 0.5 */
  lambda?: number;
  /** A filter applied to every search; per-call filters are AND-ed with it and can only narrow it. @default none */
  filter?: FilterExpression | null;
}

/** The same options in LangChain's spelling (`vectorStore`), as its `VectorStoreRetriever` takes them. */
export interface LangChainNaiveRetrieverOptions extends Omit<NaiveRetrieverOptions, "store"> {
  vectorStore: RetrieverVectorStore | VectorStoreInterface;
}

const optionsSchema = retrieverOptionsSchema({
  store: vectorStoreOptionSchema,
  k: kOptionSchema.optional(),
  searchType: z.enum(SEARCH_TYPES).optional(),
  scoreThreshold: z.number().min(-1).max(1).optional(),
  fetchK: z.number().int().positive().max(100_000).optional(),
  lambda: z.number().min(0).max(1).optional(),
  filter: filterOptionSchema.optional(),
}).superRefine((options, context) => {
  if (options.searchType === "similarity_score_threshold" && options.scoreThreshold === undefined) {
    context.addIssue({
      code: "custom",
      path: ["scoreThreshold"],
      message: 'is required when searchType is "similarity_score_threshold" (a cosine similarity, e.g. 0.3)',
    });
  }
});

/**
 * The baseline technique: embed the question and return the top-k most similar documents, optionally
 * with a score threshold or MMR for diversity.
 */
export class NaiveRetriever extends SearchRetriever {
  static override lc_name(): string {
    return "NaiveRetriever";
  }

  readonly store: RetrieverVectorStore;
  readonly searchType: SearchType;
  readonly scoreThreshold: number | undefined;
  readonly fetchK: number;
  readonly lambda: number;

  constructor(options: NaiveRetrieverOptions | LangChainNaiveRetrieverOptions) {
    const parsed = parseOptions(optionsSchema, options, "NaiveRetriever", {
      aliases: { vectorStore: "store" },
      rejected: {
        searchKwargs: "is LangChain's VectorStoreRetriever option; give its fields directly: `fetchK`, `lambda` (MMR) or `scoreThreshold`",
      },
    });
    super({ ...pickRetrieverInput(parsed), k: parsed.k, filter: parsed.filter });
    this.store = parsed.store;
    this.searchType = parsed.searchType ?? "similarity";
    this.scoreThreshold = parsed.scoreThreshold;
    this.fetchK = Math.max(parsed.fetchK ?? DEFAULT_FETCH_K, this.k);
    this.lambda = parsed.lambda ?? DEFAULT_MMR_LAMBDA;
  }

  protected async searchResolved({ query, k, filter, signal }: SearchRequest): Promise<SearchResult[]> {
    const vector = await this.store.embeddings.embedQuery(query);
    throwIfAborted(signal);

    if (this.searchType === "mmr") {
      const hits = await this.store.maximalMarginalRelevanceByVector(vector, {
        k,
        filter,
        fetchK: Math.max(this.fetchK, k),
        lambda: this.lambda,
      });
      return hits.map(({ document, score }) => ({ document, score, stage: "mmr" }));
    }
    const hits = await this.store.searchByVector(vector, { k, filter });
    const threshold = this.searchType === "similarity_score_threshold" ? this.scoreThreshold : undefined;
    return hits
      .filter((hit) => threshold === undefined || hit.score >= threshold)
      .map(({ document, score }) => ({ document, score, stage: "dense" }));
  }
}
