import { Bm25Index } from "../../hybrid/bm25-index.js";
import { HybridRetriever } from "../../hybrid/hybrid-retriever.js";
import type { TechniqueBuilder } from "../technique-context.js";

/** hybrid: BM25 (MiniSearch) and the naive dense retriever, fused (weighted RRF by default). */
export const buildHybrid: TechniqueBuilder = async (context) => {
  const { config, documents } = context;
  const dense = await context.build("naive");
  const bm25 = Bm25Index.fromDocuments(documents);
  const retriever = new HybridRetriever({
    bm25,
    dense: dense.retriever,
    k: config.k,
    candidates: config.hybrid.candidates,
    fusion: config.hybrid.fusion,
    weights: { bm25: config.hybrid.bm25Weight, dense: config.hybrid.denseWeight },
    filter: config.filter,
  });
  return { retriever, store: dense.store, stats: { ...dense.stats, bm25Documents: documents.length } };
};
