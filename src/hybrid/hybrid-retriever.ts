import type { DocumentInterface } from "@langchain/core/documents";
import type { BaseRetrieverInput } from "@langchain/core/retrievers";
import type { VectorStoreInterface } from "@langchain/core/vectorstores";
import { z } from "zod/v4";
import type { FilterExpression } from "../core/filter/filter-schema.js";
import { filterOptionSchema, kOptionSchema, pickRetrieverInput, retrieverOptionsSchema } from "../core/option-schemas.js";
import { parseOptions } from "../core/parse-options.js";
import { SearchRetriever, childSearchOptions, type Searchable, type SearchRequest, type SearchResult } from "../core/search-retriever.js";
import { MAX_QUERY_LENGTH, throwIfAborted } from "../core/validate-query.js";
import { contentHashId } from "../stores/shared/content-hash.js";
import { isBm25Index, type Bm25Index } from "./bm25-index.js";
import { Bm25Retriever } from "./bm25-retriever.js";
import { DEFAULT_EXPANSION_TERMS, DEFAULT_FEEDBACK_DOCUMENTS, ExpansionTermSelector } from "./expansion-terms.js";
import { isLangChainVectorStore, isRetrieverVectorStore } from "../adapters/langchain-vector-store.js";
import type { RetrieverVectorStore } from "../core/vector-store.js";
import { NaiveRetriever } from "../naive/naive-retriever.js";
import { DEFAULT_RRF_CONSTANT, normalizedScoreFusion, reciprocalRankFusion, type FusionLeg, type LegPosition } from "./fusion.js";

/** Candidates each leg fetches before fusion. Wide enough that a document found by one leg only survives. */
export const DEFAULT_HYBRID_CANDIDATES = 50;
/** Default weight of each leg. */
export const DEFAULT_LEG_WEIGHT = 1;

export const FUSION_METHODS = ["rrf", "score"] as const;
/** `rrf`: weighted reciprocal rank fusion; `score`: weighted average of min-max normalized scores. */
export type FusionMethod = (typeof FUSION_METHODS)[number];

/**
 * Keyword feedback (pseudo-relevance feedback, RM3-style): a first BM25 pass takes the top `documents`
 * documents, `ExpansionTermSelector` picks `terms` words from them, and the BM25 leg searches the
 * question plus those words (the dense leg searches the question as asked).
 */
export interface HybridFeedbackOptions {
  /** Top BM25 documents of the first keyword pass the expansion words come from; 0 turns feedback off. @default 5 */
  documents?: number;
  /** Expansion words added to the keyword question; 0 turns feedback off. @default 10 */
  terms?: number;
}

export interface HybridRetrieverOptions extends BaseRetrieverInput {
  /** The keyword leg: a BM25 index over the same documents (with the same ids) as the dense leg. */
  bm25: Bm25Index;
  /**
   * The dense leg: any retriever of this library, e.g. a `NaiveRetriever` (its `search` gets the
   * filter), or a vector store (ours, or any LangChain `VectorStore`) searched by a `NaiveRetriever`.
   */
  dense: Searchable | RetrieverVectorStore | VectorStoreInterface;
  /** Results per search. @default 4 */
  k?: number;
  /** Candidates each leg fetches before fusion (at least `k`). @default 50 */
  candidates?: number;
  /** How the two rankings are combined. @default "rrf" */
  fusion?: FusionMethod;
  /**
   * Keyword feedback for the BM25 leg (`{}` takes the defaults: 5 documents, 10 words). Measured on the
   * semantic queries of both bundled datasets (docs/SEMANTIC.md) it ranks better than plain hybrid; it
   * is used with RRF fusion only (`fusion: "score"` with feedback is an error). @default none (no feedback)
   */
  feedback?: HybridFeedbackOptions | null;
  /** The `c` of reciprocal rank fusion. @default 60 */
  rrfConstant?: number;
  /** Weight of each leg; 0 turns a leg off. @default { bm25: 1, dense: 1 } */
  weights?: { bm25?: number; dense?: number };
  /** A filter applied to every search, on both legs; per-call filters are AND-ed with it. @default none */
  filter?: FilterExpression | null;
}

const weightSchema = z.number().min(0).finite();

const optionsSchema = retrieverOptionsSchema({
  bm25: z.custom<Bm25Index>(isBm25Index, "must be a Bm25Index (Bm25Index.fromDocuments(documents))"),
  dense: z
    .custom<Searchable | RetrieverVectorStore | VectorStoreInterface>(
      (value) => isSearchable(value) || isRetrieverVectorStore(value) || isLangChainVectorStore(value),
      "must be a retriever of this library with a search method (e.g. NaiveRetriever), a store of this library or a LangChain VectorStore",
    )
    .transform((value): Searchable => (isSearchable(value) ? value : new NaiveRetriever({ store: value }))),
  k: kOptionSchema.optional(),
  candidates: z.number().int().positive().max(100_000).optional(),
  fusion: z.enum(FUSION_METHODS).optional(),
  feedback: z
    .object({ documents: z.number().int().min(0).max(1_000).optional(), terms: z.number().int().min(0).max(1_000).optional() })
    .strict()
    .nullable()
    .optional(),
  rrfConstant: z.number().min(0).finite().optional(),
  weights: z.object({ bm25: weightSchema.optional(), dense: weightSchema.optional() }).strict().optional(),
  filter: filterOptionSchema.optional(),
}).superRefine((options, context) => {
  if ((options.weights?.bm25 ?? DEFAULT_LEG_WEIGHT) === 0 && (options.weights?.dense ?? DEFAULT_LEG_WEIGHT) === 0) {
    context.addIssue({ code: "custom", path: ["weights"], message: "at least one leg needs a weight above 0" });
  }
  if (options.feedback != null && options.fusion === "score") {
    context.addIssue({
      code: "custom",
      path: ["feedback"],
      message:
        'keyword feedback is used with RRF fusion only (the measured combination): set fusion to "rrf" (the default) or drop feedback',
    });
  }
});

/** Where a hybrid result stood in one leg. */
export interface HybridLegDetails {
  /** 1-based rank in the leg's candidates. */
  rank: number;
  /** The leg's own score (BM25+ or cosine similarity). */
  score: number;
}

/**
 * Keyword + semantic search: a BM25 leg (exact words, names, rare terms) and a dense leg (meaning,
 * paraphrases) each fetch `candidates` documents, fused by weighted reciprocal rank fusion (or
 * normalized scores). Filters apply to both legs. Results have stage "hybrid" and details with each
 * leg's rank and score (`details.bm25`, `details.dense`, null when the leg did not return the document).
 * With `feedback`, the BM25 leg searches the question expanded with words of its own top documents
 * (see `HybridFeedbackOptions`), and `details.expansion` lists the words added (the same for every
 * result of a search).
 */
export class HybridRetriever extends SearchRetriever {
  static override lc_name(): string {
    return "HybridRetriever";
  }

  readonly bm25: Bm25Index;
  readonly dense: Searchable;
  readonly candidates: number;
  readonly fusion: FusionMethod;
  readonly rrfConstant: number;
  readonly weights: { bm25: number; dense: number };
  /** Keyword feedback: documents of the first BM25 pass and words added; null = off (also when either is 0). */
  readonly feedback: { documents: number; terms: number } | null;
  /** Picks the feedback words (null without feedback). */
  readonly expansionSelector: ExpansionTermSelector | null;
  /** The keyword leg as a retriever, so it appears as a child run. */
  private readonly keywordRetriever: Bm25Retriever;

  constructor(options: HybridRetrieverOptions) {
    const parsed = parseOptions(optionsSchema, options, "HybridRetriever", {
      rejected: {
        retrievers: "is LangChain's EnsembleRetriever option; give the keyword leg as `bm25` (a Bm25Index) and the dense leg as `dense`",
        feedbackDocuments: "is the configuration key (hybrid.feedbackDocuments); here give `feedback: { documents, terms }`",
        expansionTerms: "is the configuration key (hybrid.expansionTerms); here give `feedback: { documents, terms }`",
      },
    });
    super({ ...pickRetrieverInput(parsed), k: parsed.k, filter: parsed.filter });
    this.bm25 = options.bm25;
    this.dense = parsed.dense;
    this.keywordRetriever = new Bm25Retriever({ index: options.bm25 });
    this.candidates = parsed.candidates ?? DEFAULT_HYBRID_CANDIDATES;
    this.fusion = parsed.fusion ?? "rrf";
    this.rrfConstant = parsed.rrfConstant ?? DEFAULT_RRF_CONSTANT;
    this.weights = { bm25: parsed.weights?.bm25 ?? DEFAULT_LEG_WEIGHT, dense: parsed.weights?.dense ?? DEFAULT_LEG_WEIGHT };
    const feedback =
      parsed.feedback == null
        ? null
        : { documents: parsed.feedback.documents ?? DEFAULT_FEEDBACK_DOCUMENTS, terms: parsed.feedback.terms ?? DEFAULT_EXPANSION_TERMS };
    this.feedback = feedback === null || feedback.documents === 0 || feedback.terms === 0 ? null : feedback;
    this.expansionSelector = this.feedback === null ? null : new ExpansionTermSelector(options.bm25);
  }

  /**
   * The question the keyword leg searches: with feedback, the question plus the expansion words of its
   * top BM25 documents under `filter` (words that would push it over the query length limit are
   * dropped); without, the question itself.
   */
  expandQuestion(
    query: string,
    filter: FilterExpression | null = this.filter,
    signal?: AbortSignal,
  ): { question: string; expansion: string[] } {
    if (this.feedback === null || this.expansionSelector === null) return { question: query, expansion: [] };
    const feedback = this.bm25.search(query, { k: this.feedback.documents, filter, signal });
    const expansion = this.expansionSelector.select(
      query,
      feedback.map((hit) => hit.document.pageContent),
      this.feedback.terms,
    );
    while (expansion.length > 0 && query.length + expansion.join(" ").length + 1 > MAX_QUERY_LENGTH) expansion.pop();
    return { question: expansion.length === 0 ? query : `${query} ${expansion.join(" ")}`, expansion };
  }

  protected async searchResolved(request: SearchRequest): Promise<SearchResult[]> {
    const { query, k, filter, signal } = request;
    const candidates = Math.max(this.candidates, k);
    const legOptions = { k: candidates, filter };
    const { question, expansion } = this.weights.bm25 > 0 ? this.expandQuestion(query, filter, signal) : { question: query, expansion: [] };

    const [keywordHits, denseHits] = await Promise.all([
      this.weights.bm25 > 0 ? this.keywordRetriever.search(question, childSearchOptions(request, legOptions, "bm25")) : Promise.resolve([]),
      this.weights.dense > 0 ? this.dense.search(query, childSearchOptions(request, legOptions, "dense")) : Promise.resolve([]),
    ]);
    throwIfAborted(signal);

    const documents = new Map<string, DocumentInterface>();
    const toLeg = (hits: Array<{ document: DocumentInterface; score: number }>, weight: number): FusionLeg => ({
      weight,
      ranking: hits.map(({ document, score }) => {
        const id = document.id ?? contentHashId(document);
        if (!documents.has(id)) documents.set(id, document);
        return { id, score };
      }),
    });
    // Dense first so that, for a document both legs return, the dense leg's copy (the store's) is kept.
    const legs = [toLeg(denseHits, this.weights.dense), toLeg(keywordHits, this.weights.bm25)];
    const fused = this.fusion === "rrf" ? reciprocalRankFusion(legs, { constant: this.rrfConstant }) : normalizedScoreFusion(legs);

    return fused.slice(0, k).map((item) => ({
      document: documents.get(item.id) as DocumentInterface,
      score: item.score,
      stage: "hybrid",
      details: {
        fusion: this.fusion,
        ...(this.feedback === null ? {} : { expansion }),
        dense: legDetails(item.legs[0]),
        bm25: legDetails(item.legs[1]),
      },
    }));
  }
}

function isSearchable(value: unknown): value is Searchable {
  return typeof value === "object" && value !== null && typeof (value as Searchable).search === "function";
}

function legDetails(position: LegPosition | null | undefined): HybridLegDetails | null {
  return position == null ? null : { rank: position.rank, score: position.score };
}
