import type { DocumentInterface } from "@langchain/core/documents";
import type { BaseRetriever, BaseRetrieverInput } from "@langchain/core/retrievers";
import { z } from "zod/v4";
import { compileFilter } from "../core/filter/compile-filter.js";
import type { FilterExpression } from "../core/filter/filter-schema.js";
import { filterOptionSchema, kOptionSchema, pickRetrieverInput, retrieverOptionsSchema } from "../core/option-schemas.js";
import { parseOptions } from "../core/parse-options.js";
import {
  RELEVANCE_SCORE_KEY,
  SearchRetriever,
  childSearchOptions,
  type Searchable,
  type SearchRequest,
  type SearchResult,
} from "../core/search-retriever.js";
import { throwIfAborted } from "../core/validate-query.js";
import type { BaseDocumentCompressor } from "@langchain/core/retrievers/document_compressors";
import { isReranker, type Reranker } from "../rerankers/reranker.js";
import { isCompressorReranker, isDocumentCompressor, rerankerFromCompressor } from "./compressor-reranker.js";

/**
 * Candidates fetched from the base retriever before reranking. Wider than the reference's 10: the
 * reranker can only promote what the first stage found, and reranking 30 short reviews is cheap.
 */
export const DEFAULT_RERANK_CANDIDATES = 30;
/** Documents kept after reranking (the reference's CohereRerank top_n). */
export const DEFAULT_RERANK_TOP_N = 3;

export interface ContextualCompressionRetrieverOptions extends BaseRetrieverInput {
  /**
   * The first stage: a retriever of this library (its `search` is called with `k = candidates` and the
   * filter) or any LangChain retriever (called through `invoke`; it decides how many documents it
   * returns, and filters are applied to its results' metadata afterwards). LangChain's option name
   * `baseRetriever` is accepted too.
   */
  base: Searchable | BaseRetriever;
  /**
   * The second stage: `CohereReranker`, `LocalReranker`, `LlmReranker`, your own `Reranker`, or a
   * LangChain document compressor (e.g. `CohereRerank` of `@langchain/cohere`; LangChain's option name
   * `baseCompressor` is accepted too).
   */
  reranker: Reranker | BaseDocumentCompressor;
  /** Candidates fetched from the base retriever (at least `topN`). @default 30 */
  candidates?: number;
  /** Documents kept after reranking; a call's `k` overrides it. @default 3 */
  topN?: number;
  /** Documents with a reranker score below this are dropped, even within the top N. @default none */
  minScore?: number;
  /** A filter applied to every search (passed to the base retriever); per-call filters are AND-ed with it. @default none */
  filter?: FilterExpression | null;
}

/** The same options in LangChain's spelling (`baseRetriever`, `baseCompressor`), as its `ContextualCompressionRetriever` takes them. */
export interface LangChainContextualCompressionRetrieverOptions extends Omit<ContextualCompressionRetrieverOptions, "base" | "reranker"> {
  baseRetriever: Searchable | BaseRetriever;
  baseCompressor: Reranker | BaseDocumentCompressor;
}

const optionsSchema = retrieverOptionsSchema({
  base: z.custom<Searchable | BaseRetriever>(
    (value) => isSearchable(value) || hasInvoke(value),
    "must be a retriever: one of this library (with search) or a LangChain BaseRetriever",
  ),
  reranker: z
    .custom<Reranker | BaseDocumentCompressor>(
      (value) => isReranker(value) || isDocumentCompressor(value),
      "must be a Reranker (LocalReranker, CohereReranker, LlmReranker or an object with a rerank method) or a LangChain document compressor",
    )
    .transform((value): Reranker => (isDocumentCompressor(value) ? rerankerFromCompressor(value) : value)),
  candidates: kOptionSchema.optional(),
  topN: kOptionSchema.optional(),
  minScore: z.number().finite().optional(),
  filter: filterOptionSchema.optional(),
});

/** LangChain's `ContextualCompressionRetriever` names for our options. */
const LANGCHAIN_ALIASES = { baseRetriever: "base", baseCompressor: "reranker" } as const;

/** What a reranked result's `details` hold. */
export interface RerankDetails {
  /** 1-based rank the document had in the base retriever's results. */
  originalRank: number;
  /** The base retriever's score (cosine, BM25, RRF, ...), when it gave one. */
  originalScore: number | undefined;
  /** The stage that produced `originalScore`, when known (e.g. "dense", "hybrid"). */
  originalStage: string | undefined;
  /** The reranker's name, e.g. "cohere:rerank-v3.5". */
  reranker: string;
}

/**
 * Two-stage retrieval (the reference's "contextual compression with reranking"): a fast first stage
 * fetches a wide candidate set, a slower and better second stage (a cross-encoder such as Cohere rerank,
 * or the offline LocalReranker) rescores each (question, candidate) pair, and only the best `topN`
 * (and/or those over `minScore`) are kept. Results have stage "rerank", the reranker's score, and
 * `details.originalRank` / `details.originalScore` from the first stage.
 */
export class ContextualCompressionRetriever extends SearchRetriever {
  static override lc_name(): string {
    return "ContextualCompressionRetriever";
  }

  readonly base: Searchable | BaseRetriever;
  readonly reranker: Reranker;
  readonly candidates: number;
  readonly topN: number;
  readonly minScore: number | undefined;

  constructor(options: ContextualCompressionRetrieverOptions | LangChainContextualCompressionRetrieverOptions) {
    const parsed = parseOptions(optionsSchema, options, "ContextualCompressionRetriever", { aliases: LANGCHAIN_ALIASES });
    const topN = parsed.topN ?? DEFAULT_RERANK_TOP_N;
    super({ ...pickRetrieverInput(parsed), k: topN, filter: parsed.filter });
    this.base = parsed.base;
    this.reranker = parsed.reranker;
    this.topN = topN;
    this.candidates = Math.max(parsed.candidates ?? DEFAULT_RERANK_CANDIDATES, this.topN);
    this.minScore = parsed.minScore;
  }

  protected async searchResolved(request: SearchRequest): Promise<SearchResult[]> {
    const { query, k: topN, signal, runManager } = request;
    const candidates = await this.fetchCandidates(request, Math.max(this.candidates, topN));
    throwIfAborted(signal);
    if (candidates.length === 0) return [];

    const documents = candidates.map((candidate) => candidate.document);
    const options = { topN, ...(signal === undefined ? {} : { signal }) };
    // A LangChain compressor reports to the run's child callbacks (as LangChain's own retriever does); our rerankers take no callbacks.
    const reranked =
      isCompressorReranker(this.reranker) && runManager !== undefined
        ? await this.reranker.rerank(query, documents, { ...options, callbacks: runManager.getChild("compressor") })
        : await this.reranker.rerank(query, documents, options);
    throwIfAborted(signal);

    const results: SearchResult[] = [];
    const seen = new Set<number>();
    for (const { index, score } of reranked) {
      const candidate = candidates[index];
      if (candidate === undefined || seen.has(index)) continue;
      seen.add(index);
      if (this.minScore !== undefined && score < this.minScore) continue;
      const details: RerankDetails = {
        originalRank: index + 1,
        originalScore: candidate.score,
        originalStage: candidate.stage,
        reranker: this.reranker.name,
      };
      results.push({ document: candidate.document, score, stage: "rerank", details: { ...details } });
      if (results.length === topN) break;
    }
    return results;
  }

  private async fetchCandidates(
    request: SearchRequest,
    count: number,
  ): Promise<Array<{ document: DocumentInterface; score: number | undefined; stage: string | undefined }>> {
    const { query, filter, signal, runManager } = request;
    if (isSearchable(this.base)) {
      const results = await this.base.search(query, childSearchOptions(request, { k: count, filter }, "base"));
      return results.map(({ document, score, stage }) => ({ document, score, stage }));
    }
    const documents = await (this.base as BaseRetriever).invoke(query, {
      ...(signal === undefined ? {} : { signal }),
      ...(runManager === undefined ? {} : { callbacks: runManager.getChild("base") }),
    });
    const predicate = filter === null ? undefined : compileFilter(filter);
    return documents
      .filter((document) => predicate === undefined || predicate(document.metadata))
      .slice(0, count)
      .map((document) => {
        const score = document.metadata[RELEVANCE_SCORE_KEY];
        return { document, score: typeof score === "number" ? score : undefined, stage: undefined };
      });
  }
}

function isSearchable(value: unknown): value is Searchable {
  return typeof value === "object" && value !== null && typeof (value as Searchable).search === "function";
}

function hasInvoke(value: unknown): boolean {
  return typeof value === "object" && value !== null && typeof (value as BaseRetriever).invoke === "function";
}
