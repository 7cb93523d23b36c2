import type { Callbacks } from "@langchain/core/callbacks/manager";
import type { DocumentInterface } from "@langchain/core/documents";
import type { BaseDocumentCompressor } from "@langchain/core/retrievers/document_compressors";
import { RELEVANCE_SCORE_KEY } from "../core/search-retriever.js";
import { throwIfAborted } from "../core/validate-query.js";
import { isReranker, sortRerankResults, type Reranker, type RerankOptions, type RerankResult } from "../rerankers/reranker.js";

/** Duck-typed LangChain document compressor (`compressDocuments(documents, query)`). */
export function isDocumentCompressor(value: unknown): value is BaseDocumentCompressor {
  return typeof value === "object" && value !== null && typeof (value as BaseDocumentCompressor).compressDocuments === "function";
}

/** Options of a compressor's `rerank`: a reranker's, plus the callbacks its `compressDocuments` reports to. */
export interface CompressorRerankOptions extends RerankOptions {
  /** LangChain callbacks handed to `compressDocuments` (the retriever passes its run's child callbacks). @default none */
  callbacks?: Callbacks;
}

/** A `Reranker` around a LangChain document compressor (see `rerankerFromCompressor`). */
export interface CompressorReranker extends Reranker {
  /** The wrapped compressor. */
  readonly compressor: BaseDocumentCompressor;
  rerank(query: string, documents: DocumentInterface[], options?: CompressorRerankOptions): Promise<RerankResult[]>;
}

/** Whether `reranker` wraps a LangChain document compressor (its `rerank` then takes `callbacks`). */
export function isCompressorReranker(reranker: Reranker): reranker is CompressorReranker {
  return isDocumentCompressor((reranker as Partial<CompressorReranker>).compressor);
}

/**
 * A `Reranker` from what a LangChain user passes as `baseCompressor`: our `RerankerDocumentCompressor`
 * gives back its reranker; any other LangChain compressor (`CohereRerank` of `@langchain/cohere`, an
 * `EmbeddingsFilter`, a pipeline) is called through `compressDocuments`, and its output is mapped back
 * to the input positions. Scores are the compressor's `relevance_score` when it sets one, else 1 for
 * the first kept document down to 1/n for the last. `callbacks` given to `rerank` go to
 * `compressDocuments`, so what the compressor runs (a model call, a chain) appears in the run tree.
 */
export function rerankerFromCompressor(compressor: BaseDocumentCompressor): Reranker {
  const wrapped = (compressor as { reranker?: unknown }).reranker;
  if (isReranker(wrapped)) return wrapped;
  const name = `langchain:${(compressor.constructor as { name?: string }).name ?? "compressor"}`;
  const reranker: CompressorReranker = {
    name,
    compressor,
    async rerank(query: string, documents: DocumentInterface[], options: CompressorRerankOptions = {}): Promise<RerankResult[]> {
      throwIfAborted(options.signal);
      if (documents.length === 0) return [];
      const kept = await compressor.compressDocuments(documents, query, options.callbacks);
      throwIfAborted(options.signal);
      const used = new Set<number>();
      const results: RerankResult[] = [];
      kept.forEach((document, position) => {
        const index = findInput(documents, document, used);
        if (index === -1) return;
        used.add(index);
        const given = document.metadata?.[RELEVANCE_SCORE_KEY];
        results.push({
          index,
          score: typeof given === "number" && Number.isFinite(given) ? given : (kept.length - position) / kept.length,
        });
      });
      const sorted = sortRerankResults(results);
      return options.topN === undefined ? sorted : sorted.slice(0, options.topN);
    },
  };
  return reranker;
}

/** The input position of a kept document: the same object, else the same id, else the same text (first unused). */
function findInput(documents: DocumentInterface[], document: DocumentInterface, used: Set<number>): number {
  const free = (index: number) => index !== -1 && !used.has(index);
  const same = documents.indexOf(document);
  if (free(same)) return same;
  if (document.id !== undefined) {
    const byId = documents.findIndex((candidate, index) => !used.has(index) && candidate.id === document.id);
    if (byId !== -1) return byId;
  }
  return documents.findIndex((candidate, index) => !used.has(index) && candidate.pageContent === document.pageContent);
}
