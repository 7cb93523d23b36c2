import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { DocumentInterface } from "@langchain/core/documents";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRetriever, type BuiltRetriever } from "../../src/config/build-retriever.js";
import type { RetrieverConfigInput } from "../../src/config/retriever-config.js";
import type { SearchResult } from "../../src/core/search-retriever.js";
import { loadJohnWickReviews } from "../../src/datasets/john-wick/load-reviews.js";
import { ChromaStore } from "../../src/stores/chroma/chroma-store.js";
import { FakeEmbeddings } from "./fake-vectors.js";
import { chromaTestUrl } from "./chroma-test-server.js";

const sampleFolder = resolve(fileURLToPath(new URL("../../data/sample/", import.meta.url)));
const QUESTIONS = [
  "Which reviews praise the fight choreography?",
  "Is the dog scene sad?",
  "bad plot and boring story",
  "Keanu Reeves action sequences",
  // Self-query turns these into filters (film, rating); other techniques just search them.
  "action in John Wick 2 rated at least 8",
  "reviews of John Wick 4 rated above 8",
];

/** Scores rounded so float32 (Chroma) and float32-SIMD (memory) agree; ids with equal scores are compared as sets. */
function normalizedRanking(results: SearchResult[]): Array<{ score: string; ids: string[] }> {
  const groups: Array<{ score: string; ids: string[] }> = [];
  for (const result of results) {
    const score = result.score.toFixed(4);
    const last = groups.at(-1);
    if (last?.score === score) last.ids.push(result.document.id as string);
    else groups.push({ score, ids: [result.document.id as string] });
  }
  return groups.map((group) => ({ score: group.score, ids: group.ids.sort() }));
}

/**
 * Every technique built with `store: "chroma"` (a real Chroma server) returns what it returns with
 * `store: "memory"`: same documents, same order, same scores.
 */
describe("techniques on the Chroma store", () => {
  let documents: DocumentInterface[];
  let savedUrl: string | undefined;
  const built: BuiltRetriever[] = [];
  // A pseudo-random vector per text: no two texts tie, so both stores must agree on every rank
  // (bag-of-words embeddings tie often, and stores may order exact ties differently).
  const embeddings = new FakeEmbeddings(64);

  beforeAll(async () => {
    savedUrl = process.env.CHROMA_URL;
    process.env.CHROMA_URL = chromaTestUrl();
    documents = await loadJohnWickReviews(sampleFolder);
  });

  afterAll(async () => {
    for (const retriever of built) {
      if (retriever.store instanceof ChromaStore) await retriever.store.dropCollection();
      await retriever.close();
    }
    if (savedUrl === undefined) delete process.env.CHROMA_URL;
    else process.env.CHROMA_URL = savedUrl;
  });

  async function build(config: RetrieverConfigInput): Promise<BuiltRetriever> {
    const retriever = await buildRetriever({ indexDirectory: null, ...config }, { embeddings, documents });
    built.push(retriever);
    return retriever;
  }

  const cases: Array<{ name: string; config: RetrieverConfigInput }> = [
    { name: "naive", config: { technique: "naive", k: 6 } },
    { name: "naive with a filter pushed into where", config: { technique: "naive", k: 6, filter: { movie: [2, 3], Rating: { gte: 7 } } } },
    { name: "naive with a filter evaluated in the store", config: { technique: "naive", k: 6, filter: { not: { Rating: { lt: 8 } } } } },
    { name: "naive MMR", config: { technique: "naive", k: 5, searchType: "mmr" } },
    { name: "hybrid", config: { technique: "hybrid", k: 6 } },
    { name: "hybrid with a filter", config: { technique: "hybrid", k: 6, filter: { movie: 4 } } },
    { name: "rerank (local reranker over naive)", config: { technique: "rerank", k: 5, rerank: { reranker: "local" } } },
    { name: "parent-document", config: { technique: "parent-document", k: 5 } },
    { name: "parent-document with a filter", config: { technique: "parent-document", k: 4, filter: { movie: [1] } } },
    {
      name: "self-query (filters pushed into where)",
      config: { technique: "self-query", k: 4, selfQuery: { queryConstructor: "rule-based" } },
    },
    {
      name: "self-query over hybrid",
      config: { technique: "self-query", k: 4, selfQuery: { queryConstructor: "rule-based", base: "hybrid" } },
    },
    {
      name: "self-query over parent-document",
      config: { technique: "self-query", k: 4, selfQuery: { queryConstructor: "rule-based", base: "parent-document" } },
    },
  ];

  for (const { name, config } of cases) {
    it(`${name}: the same results as with the memory store`, async () => {
      const onMemory = await build({ ...config, store: "memory" });
      const onChroma = await build({ ...config, store: "chroma" });
      expect(onChroma.store).toBeInstanceOf(ChromaStore);
      for (const question of QUESTIONS) {
        const expected = await onMemory.retriever.search(question);
        const actual = await onChroma.retriever.search(question);
        expect(expected.length).toBeGreaterThan(0);
        expect(normalizedRanking(actual)).toEqual(normalizedRanking(expected));
      }
    });
  }

  it("reuses a complete Chroma collection instead of embedding the documents again", async () => {
    const first = await build({ technique: "naive", k: 3, store: "chroma" });
    const calls = embeddings.calls;
    const second = await build({ technique: "naive", k: 3, store: "chroma" });
    expect(second.stats.indexLoadedFromDisk).toBe(true);
    expect(String(second.stats.index)).toMatch(/^chroma http:\/\/\S+ collection retrievers-documents-[0-9a-f]{16}$/);
    expect(embeddings.calls).toBe(calls);
    expect(await second.retriever.search(QUESTIONS[0] as string)).toEqual(await first.retriever.search(QUESTIONS[0] as string));
  });
});
