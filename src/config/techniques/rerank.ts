import { ContextualCompressionRetriever } from "../../rerank/contextual-compression-retriever.js";
import { createReranker } from "../../rerankers/create-reranker.js";
import type { TechniqueBuilder } from "../technique-context.js";

/** rerank: a wide candidate set from the base technique, re-scored by a reranker, the best `k` kept. */
export const buildRerank: TechniqueBuilder = async (context) => {
  const { config } = context;
  const base = await context.build(config.rerank.base);
  const reranker = createReranker({ provider: config.rerank.reranker, embeddings: context.embeddings });
  const retriever = new ContextualCompressionRetriever({
    base: base.retriever,
    reranker,
    candidates: Math.max(config.rerank.candidates, config.k),
    topN: config.k,
    ...(config.rerank.minScore === undefined ? {} : { minScore: config.rerank.minScore }),
    filter: config.filter,
  });
  return { retriever, store: base.store, stats: { ...base.stats, rerankBase: config.rerank.base, rerankCandidates: config.rerank.candidates } };
};
