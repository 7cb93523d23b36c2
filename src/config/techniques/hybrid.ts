import { FeedbackHybridRetriever } from "../../feedback-hybrid/feedback-hybrid-retriever.js";
import { Bm25Index } from "../../hybrid/bm25-index.js";
import { HybridRetriever } from "../../hybrid/hybrid-retriever.js";
import type { TechniqueBuilder } from "../technique-context.js";

/**
 * hybrid: BM25 (MiniSearch) and a dense leg (`hybrid.dense`: the naive retriever, or the
 * parent-document one), fused (weighted RRF by default). With `hybrid.feedbackDocuments` above 0 the
 * keyword leg's question is expanded from its own top documents first (`FeedbackHybridRetriever`).
 */
export const buildHybrid: TechniqueBuilder = async (context) => {
  const { config, documents } = context;
  const settings = config.hybrid;
  const dense = await context.build(settings.dense);
  const bm25 = Bm25Index.fromDocuments(documents);
  const weights = { bm25: settings.bm25Weight, dense: settings.denseWeight };
  const retriever =
    settings.feedbackDocuments > 0
      ? new FeedbackHybridRetriever({
          bm25,
          dense: dense.retriever,
          k: config.k,
          candidates: settings.candidates,
          feedbackDocuments: settings.feedbackDocuments,
          expansionTerms: settings.expansionTerms,
          weights,
          filter: config.filter,
        })
      : new HybridRetriever({
          bm25,
          dense: dense.retriever,
          k: config.k,
          candidates: settings.candidates,
          fusion: settings.fusion,
          weights,
          filter: config.filter,
        });
  const stats = {
    ...dense.stats,
    bm25Documents: documents.length,
    hybridDense: settings.dense,
    ...(settings.feedbackDocuments > 0 ? { feedbackDocuments: settings.feedbackDocuments, expansionTerms: settings.expansionTerms } : {}),
  };
  return { retriever, store: dense.store, stats };
};
