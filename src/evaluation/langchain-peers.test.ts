import { describe, expect, it } from "vitest";
import { FakeEmbeddings } from "../../test/support/fake-embeddings.js";
import { loadJohnWickReviews } from "../datasets/john-wick/load-reviews.js";
import { NaiveRetriever } from "../naive/naive-retriever.js";
import { MemoryStore } from "../stores/memory/memory-store.js";
import { createLangChainPeers } from "./langchain-peers.js";
import { readQueryFile } from "./query-file.js";
import { runBenchmark } from "./run-benchmark.js";

const sample = new URL("../../data/sample", import.meta.url).pathname;

describe("createLangChainPeers", () => {
  it("wraps LangChain.js's retrievers: the vector store ranks as our naive, the default parent-document returns few parents", async () => {
    const documents = await loadJohnWickReviews(sample);
    const embeddings = new FakeEmbeddings();
    const peers = await createLangChainPeers({ documents, embeddings, k: 10 });
    expect(peers.map((peer) => peer.name)).toEqual([
      "lc-memory-vector-store",
      "lc-ensemble-legs-k",
      "lc-ensemble-legs-50",
      "lc-parent-document-default",
      "lc-parent-document-child-k-10",
      "lc-parent-document-child-k-40",
      "lc-compression-embeddings-filter",
      "lc-compression-split-filter",
    ]);
    const naive = new NaiveRetriever({ store: await MemoryStore.fromDocuments(documents, embeddings), k: 10 });
    const question = "Which reviews praise the fight choreography?";
    const ours = (await naive.search(question)).map((result) => result.document.id);
    const theirs = (await peers[0]!.retriever.search(question)).map((result) => result.document.id);
    expect(theirs).toHaveLength(10);
    expect(theirs).toEqual(ours);
    const parents = await peers[3]!.retriever.search(question);
    expect(parents.length).toBeGreaterThan(0);
    expect(parents.length).toBeLessThanOrEqual(4); // similaritySearch's default of 4 children
    for (const peer of peers) {
      const ids = (await peer.retriever.search(question, { k: 5 })).map((result) => result.document.id);
      expect(ids.length, peer.name).toBeGreaterThan(0);
      expect(ids.length, peer.name).toBeLessThanOrEqual(5);
      expect(new Set(ids).size, peer.name).toBe(ids.length);
    }
  });

  it("runs beside the pipelines in one benchmark (bench --peers), each scored and tested against the baseline", async () => {
    const queries = await readQueryFile(`${sample}/queries.jsonl`);
    const results = await runBenchmark({
      queries,
      pipelines: [{ name: "naive", config: { technique: "naive" } }],
      config: { data: sample, indexDirectory: null },
      dependencies: { embeddings: new FakeEmbeddings() },
      permutations: 100,
      warmUp: false,
      extraRetrievers: (context) => createLangChainPeers(context),
    });
    expect(results.techniques.map((technique) => technique.technique)).toEqual([
      "naive",
      ...(await createLangChainPeers({ documents: [], embeddings: new FakeEmbeddings() })).map((peer) => peer.name),
    ]);
    expect(results.settings.techniques).toHaveLength(9);
    const memory = results.techniques.find((technique) => technique.technique === "lc-memory-vector-store")!;
    expect(memory.status).toBe("ok");
    expect(memory.summary.all!.metrics.ndcg).toBeGreaterThan(0);
    expect(memory.summary.all!.metrics.ndcg).toBeCloseTo(results.techniques[0]!.summary.all!.metrics.ndcg, 10);
    expect(memory.significance?.all).toBeDefined();
  });
});
