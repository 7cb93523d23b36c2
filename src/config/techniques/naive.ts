import { NaiveRetriever } from "../../naive/naive-retriever.js";
import type { TechniqueBuilder } from "../technique-context.js";

/** naive: one dense index of whole documents, top-k / threshold / MMR. */
export const buildNaive: TechniqueBuilder = async ({ config, documents, openStore }) => {
  const { store, loaded, location } = await openStore("documents", documents);
  const retriever = new NaiveRetriever({
    store,
    k: config.k,
    searchType: config.searchType,
    ...(config.scoreThreshold === undefined ? {} : { scoreThreshold: config.scoreThreshold }),
    filter: config.filter,
  });
  return {
    retriever,
    store,
    stats: { documents: documents.length, indexLoadedFromDisk: loaded, ...(location === null ? {} : { index: location }) },
  };
};
