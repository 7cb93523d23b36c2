import { Bm25Index } from "../../hybrid/bm25-index.js";
import { HybridRetriever } from "../../hybrid/hybrid-retriever.js";
import type { TechniqueBuilder } from "../technique-context.js";

/**
 * hybrid: BM25 (Bm25Index) and a dense leg (`hybrid.dense`: the naive retriever, or the
 * parent-document one), fused (weighted RRF by default). With `hybrid.feedbackDocuments` above 0 the
 * keyword leg's question is expanded from its own top documents first (`HybridRetriever`'s `feedback`).
 */
export const buildHybrid: TechniqueBuilder = async (context) => {
  const { config, documents } = context;
  const settings = config.hybrid;
  const dense = await context.build(settings.dense);
  const bm25 = Bm25Index.fromDocuments(documents);
  const feedback = settings.feedbackDocuments > 0 ? { documents: settings.feedbackDocuments, terms: settings.expansionTerms } : null;
  const retriever = new HybridRetriever({
    bm25,
    dense: dense.retriever,
    k: config.k,
    candidates: settings.candidates,
    fusion: settings.fusion,
    feedback,
    weights: { bm25: settings.bm25Weight, dense: settings.denseWeight },
    filter: config.filter,
  });
  const stats = {
    ...dense.stats,
    bm25Documents: documents.length,
    hybridDense: settings.dense,
    ...(feedback === null ? {} : { feedbackDocuments: feedback.documents, expansionTerms: feedback.terms }),
  };
  return { retriever, store: dense.store, stats };
};
