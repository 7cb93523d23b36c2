import type { DocumentInterface } from "@langchain/core/documents";
import type { BaseRetrieverInput } from "@langchain/core/retrievers";
import { z } from "zod/v4";
import type { FilterExpression } from "../core/filter/filter-schema.js";
import { filterOptionSchema, kOptionSchema, pickRetrieverInput, retrieverOptionsSchema } from "../core/option-schemas.js";
import { parseOptions } from "../core/parse-options.js";
import { SearchRetriever, type SearchRequest, type SearchResult } from "../core/search-retriever.js";
import { Bm25Index, isBm25Index } from "./bm25-index.js";

export interface Bm25RetrieverOptions extends BaseRetrieverInput {
  /** The keyword index to search. */
  index: Bm25Index;
  /** Results per search. @default 4 */
  k?: number;
  /** A filter applied to every search; per-call filters are AND-ed with it. @default none */
  filter?: FilterExpression | null;
}

const optionsSchema = retrieverOptionsSchema({
  index: z.custom<Bm25Index>(isBm25Index, "must be a Bm25Index (new Bm25Index() or Bm25Index.fromDocuments(documents))"),
  k: kOptionSchema.optional(),
  filter: filterOptionSchema.optional(),
});

/** Keyword search alone: BM25+ over a `Bm25Index`. Results have stage "bm25". */
export class Bm25Retriever extends SearchRetriever {
  static override lc_name(): string {
    return "Bm25Retriever";
  }

  readonly index: Bm25Index;

  constructor(options: Bm25RetrieverOptions) {
    const parsed = parseOptions(optionsSchema, options, "Bm25Retriever", {
      rejected: {
        docs: "is LangChain's BM25Retriever option; here use Bm25Retriever.fromDocuments(docs, { k }) or give a Bm25Index as `index`",
      },
    });
    super({ ...pickRetrieverInput(parsed), k: parsed.k, filter: parsed.filter });
    this.index = options.index;
  }

  /** LangChain's `BM25Retriever.fromDocuments`: indexes the documents and searches them. */
  static fromDocuments(documents: DocumentInterface[], options: Omit<Bm25RetrieverOptions, "index"> = {}): Bm25Retriever {
    return new Bm25Retriever({ ...options, index: Bm25Index.fromDocuments(documents) });
  }

  protected async searchResolved({ query, k, filter, signal }: SearchRequest): Promise<SearchResult[]> {
    const hits = this.index.search(query, { k, filter, signal });
    return hits.map((hit) => ({ document: hit.document, score: hit.score, stage: "bm25", details: { matchedTerms: hit.matchedTerms } }));
  }
}
