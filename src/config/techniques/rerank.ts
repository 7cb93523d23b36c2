import { ContextualCompressionRetriever } from "../../rerank/contextual-compression-retriever.js";
import { InvalidOptionError } from "../../core/errors/invalid-option-error.js";
import { createChatModel } from "../../llm/create-chat-model.js";
import { RankFusionRetriever } from "../../rank-fusion/rank-fusion-retriever.js";
import { createReranker } from "../../rerankers/create-reranker.js";
import type { TechniqueBuilder } from "../technique-context.js";

/** rerank: a wide candidate set from the base technique, re-scored by a reranker, the best `k` kept. */
export const buildRerank: TechniqueBuilder = async (context) => {
  const { config } = context;
  const base = await context.build(config.rerank.base);
  const reranker = createReranker({
    provider: config.rerank.reranker,
    embeddings: context.embeddings,
    ...(config.rerank.reranker === "llm" ? { llm: { model: rerankChatModel(config.llm) } } : {}),
  });
  const candidates = Math.max(config.rerank.candidates, config.k);
  const minScore = config.rerank.minScore === undefined ? {} : { minScore: config.rerank.minScore };
  const reranked = new ContextualCompressionRetriever({
    base: base.retriever,
    reranker,
    candidates,
    topN: config.rerank.fuseWithBase ? candidates : config.k,
    ...minScore,
    filter: config.filter,
  });
  // fuseWithBase: the reranker's order and the base's own order, fused by RRF (the reranker alone loses what the first stage knew).
  const retriever = config.rerank.fuseWithBase
    ? new RankFusionRetriever({
        retrievers: [
          { retriever: reranked, weight: config.rerank.fusionWeight, name: "rerank" },
          { retriever: base.retriever, weight: 1, name: "base" },
        ],
        k: config.k,
        candidates,
        filter: config.filter,
      })
    : reranked;
  const stats = {
    ...base.stats,
    rerankBase: config.rerank.base,
    rerankCandidates: config.rerank.candidates,
    ...(config.rerank.fuseWithBase ? { rerankFusedWithBase: true, rerankFusionWeight: config.rerank.fusionWeight } : {}),
  };
  return { retriever, store: base.store, stats };
};

/** The chat model of `rerank.reranker: "llm"`; without one, an error naming both fields. */
function rerankChatModel(llm: "openai" | "none" | "auto") {
  const model = createChatModel({ provider: llm });
  if (model === null) {
    throw new InvalidOptionError({
      option: "config.rerank.reranker",
      value: "llm",
      message: `needs a chat model but llm is "${llm}"${llm === "auto" ? " and neither OPENAI_API_KEY nor OPENAI_BASE_URL is set" : ""}: set llm to "openai" with OPENAI_API_KEY (or OPENAI_BASE_URL), or use reranker "local", "cohere" or "auto"`,
    });
  }
  return model;
}
