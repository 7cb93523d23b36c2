import { Document, type DocumentInterface } from "@langchain/core/documents";
import type { Callbacks } from "@langchain/core/callbacks/manager";
import { BaseDocumentCompressor } from "@langchain/core/retrievers/document_compressors";
import { z } from "zod/v4";
import { parseOptions } from "../core/parse-options.js";
import { RELEVANCE_SCORE_KEY } from "../core/search-retriever.js";

/** Options of one `rerank` call. */
export interface RerankOptions {
  /** Keep only the best `topN` results. @default all documents */
  topN?: number;
  /** Cancels the call; the promise rejects with an `ABORTED` error. @default none */
  signal?: AbortSignal;
}

/** One reranked document: its position in the input array and its relevance score (higher is better). */
export interface RerankResult {
  /** 0-based index into the `documents` passed to `rerank`. */
  index: number;
  /** Relevance to the question. The scale depends on the reranker (Cohere: 0-1; local: 0-1 fused score). */
  score: number;
}

/**
 * A second-stage model that scores (question, document) pairs, e.g. a cross-encoder. Implementations
 * return each input document at most once, sorted best first, and `[]` for an empty input without any
 * remote call. Wrap one in `ContextualCompressionRetriever` (or `RerankerDocumentCompressor` for
 * LangChain's own compression retriever).
 */
export interface Reranker {
  /** A short name for logs and benchmarks, e.g. "cohere:rerank-v3.5". */
  readonly name: string;
  rerank(query: string, documents: DocumentInterface[], options?: RerankOptions): Promise<RerankResult[]>;
}

/** Duck-typed check (works across ESM/CJS copies of the library). */
export function isReranker(value: unknown): value is Reranker {
  return typeof value === "object" && value !== null && typeof (value as Reranker).rerank === "function";
}

/** Sorts results best first; ties keep input order. Returns a new array. */
export function sortRerankResults(results: readonly RerankResult[]): RerankResult[] {
  return [...results].sort((a, b) => b.score - a.score || a.index - b.index);
}

/** Options of `RerankerDocumentCompressor`. */
export interface RerankerDocumentCompressorOptions {
  /** The reranker doing the work. */
  reranker: Reranker;
  /** Documents kept, best first. @default 3 (the reference's CohereRerank top_n) */
  topN?: number;
  /** Documents scoring under this are dropped. @default none */
  minScore?: number;
}

/** Documents a compressor keeps when nobody says otherwise (LangChain's CohereRerank default). */
export const DEFAULT_COMPRESSOR_TOP_N = 3;

const compressorOptionsSchema = z
  .object({
    reranker: z.custom<Reranker>(isReranker, "must be a Reranker (an object with a rerank method)"),
    topN: z.number().int().positive().max(10_000).optional(),
    minScore: z.number().finite().optional(),
  })
  .strict();

/**
 * Adapts any `Reranker` to LangChain's `BaseDocumentCompressor`, for people who use LangChain's own
 * `ContextualCompressionRetriever` or `DocumentCompressorPipeline`. Returned documents are copies with
 * `relevance_score` in metadata (as LangChain's CohereRerank does); inputs are never mutated.
 */
export class RerankerDocumentCompressor extends BaseDocumentCompressor {
  readonly reranker: Reranker;
  readonly topN: number;
  readonly minScore: number | undefined;

  constructor(options: RerankerDocumentCompressorOptions) {
    super();
    const parsed = parseOptions(compressorOptionsSchema, options, "RerankerDocumentCompressor");
    this.reranker = options.reranker;
    this.topN = parsed.topN ?? DEFAULT_COMPRESSOR_TOP_N;
    this.minScore = parsed.minScore;
  }

  override async compressDocuments(documents: DocumentInterface[], query: string, _callbacks?: Callbacks): Promise<DocumentInterface[]> {
    if (documents.length === 0) return [];
    const results = await this.reranker.rerank(query, documents, { topN: this.topN });
    return results
      .filter((result) => this.minScore === undefined || result.score >= this.minScore)
      .map(({ index, score }) => {
        const document = documents[index] as DocumentInterface;
        return new Document({
          id: document.id,
          pageContent: document.pageContent,
          metadata: { ...document.metadata, [RELEVANCE_SCORE_KEY]: score },
        });
      });
  }
}
