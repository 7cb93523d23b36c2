import { ChromaStore } from "../../src/stores/chroma/chroma-store.js";
import { chromaTestUrl, uniqueCollectionName } from "./chroma-test-server.js";
import { describeStoreContract } from "./store-contract.js";

/**
 * HNSW is approximate: with a small corpus (300 documents) and a search breadth (efSearch) above it,
 * Chroma's answers are exact, so they must equal the oracle's like MemoryStore's.
 */
describeStoreContract({
  name: "ChromaStore",
  create: async (embeddings, label) =>
    new ChromaStore(embeddings, {
      url: chromaTestUrl(),
      collectionName: uniqueCollectionName(label),
      hnsw: { efSearch: 400, efConstruction: 400 },
    }),
  dispose: async (store) => (store as ChromaStore).dropCollection(),
});
