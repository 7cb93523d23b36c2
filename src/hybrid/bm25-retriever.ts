import type { BaseRetrieverInput } from "@langchain/core/retrievers";
import { z } from "zod/v4";
import { andFilters } from "../core/filter/combine-filters.js";
import { filterExpressionSchema, type FilterExpression } from "../core/filter/filter-schema.js";
import { parseOptions } from "../core/parse-options.js";
import { SearchRetriever, type SearchOptions, type SearchResult } from "../core/search-retriever.js";
import { throwIfAborted, validateQuery } from "../core/validate-query.js";
import { isBm25Index, type Bm25Index } from "./bm25-index.js";

/** Results per BM25 search when nobody says otherwise (same as the other techniques). */
export const DEFAULT_BM25_K = 4;

export interface Bm25RetrieverOptions extends BaseRetrieverInput {
  /** The keyword index to search. */
  index: Bm25Index;
  /** Results per search. @default 4 */
  k?: number;
  /** A filter applied to every search; per-call filters are AND-ed with it. @default none */
  filter?: FilterExpression | null;
}

const optionsSchema = z
  .object({
    index: z.custom<Bm25Index>(isBm25Index, "must be a Bm25Index (new Bm25Index() or Bm25Index.fromDocuments(documents))"),
    k: z.number().int().positive().max(10_000).optional(),
    filter: filterExpressionSchema.nullable().optional(),
  })
  .loose();

/** Keyword search alone: BM25+ over a `Bm25Index`. Results have stage "bm25". */
export class Bm25Retriever extends SearchRetriever {
  static override lc_name(): string {
    return "Bm25Retriever";
  }

  readonly index: Bm25Index;
  readonly k: number;
  readonly filter: FilterExpression | null;

  constructor(options: Bm25RetrieverOptions) {
    const parsed = parseOptions(optionsSchema, options, "Bm25Retriever");
    super(options);
    this.index = options.index;
    this.k = parsed.k ?? DEFAULT_BM25_K;
    this.filter = parsed.filter ?? null;
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchResult[]> {
    validateQuery(query);
    throwIfAborted(options.signal);
    const hits = this.index.search(query, { k: options.k ?? this.k, filter: andFilters(this.filter, options.filter), signal: options.signal });
    return hits.map((hit) => ({ document: hit.document, score: hit.score, stage: "bm25", details: { matchedTerms: hit.matchedTerms } }));
  }
}
