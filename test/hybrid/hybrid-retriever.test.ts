import { describe, expect, it, vi } from "vitest";
import { ErrorCodes } from "../../src/core/errors/error-codes.js";
import type { SearchOptions, SearchResult } from "../../src/core/search-retriever.js";
import { Bm25Index } from "../../src/hybrid/bm25-index.js";
import { HybridRetriever } from "../../src/hybrid/hybrid-retriever.js";
import { NaiveRetriever } from "../../src/naive/naive-retriever.js";
import { FakeEmbeddings } from "../support/fake-embeddings.js";
import { sampleReviews } from "../rerank/sample-reviews.js";
import { MemoryStore } from "../../src/stores/memory/memory-store.js";

async function setup() {
  const documents = sampleReviews();
  const store = new MemoryStore(new FakeEmbeddings());
  await store.addDocuments(documents);
  const dense = new NaiveRetriever({ store });
  const bm25 = Bm25Index.fromDocuments(documents);
  return { documents, dense, bm25 };
}

const ids = (results: SearchResult[]) => results.map((result) => result.document.id);

describe("HybridRetriever", () => {
  it("fuses both legs by RRF with per-leg details", async () => {
    const { dense, bm25 } = await setup();
    const hybrid = new HybridRetriever({ bm25, dense, k: 3 });
    const results = await hybrid.search("stunning fight choreography");
    expect(results).toHaveLength(3);
    const denseRanking = ids(await dense.search("stunning fight choreography", { k: 50 }));
    const keywordRanking = bm25.search("stunning fight choreography", { k: 50 }).map((hit) => hit.document.id);
    for (const result of results) {
      expect(result.stage).toBe("hybrid");
      const details = result.details as { dense: { rank: number } | null; bm25: { rank: number } | null; fusion: string };
      expect(details.fusion).toBe("rrf");
      const expected = (details.dense ? 1 / (60 + details.dense.rank) : 0) + (details.bm25 ? 1 / (60 + details.bm25.rank) : 0);
      expect(result.score).toBeCloseTo(expected, 12);
      if (details.dense) expect(denseRanking[details.dense.rank - 1]).toBe(result.document.id);
      if (details.bm25) expect(keywordRanking[details.bm25.rank - 1]).toBe(result.document.id);
    }
    expect(ids(results)[0]).toBe("r1");
  });

  it("fetches `candidates` from each leg and passes the combined filter to both", async () => {
    const { dense, bm25 } = await setup();
    const denseSearch = vi.spyOn(dense, "search");
    const keywordSearch = vi.spyOn(bm25, "search");
    const hybrid = new HybridRetriever({ bm25, dense, candidates: 7, filter: { field: "movie", operator: "gte", value: 3 } });
    const results = await hybrid.search("fight", { k: 10, filter: { field: "Rating", operator: "gte", value: 7 } });
    const expectedFilter = {
      and: [
        { field: "movie", operator: "gte", value: 3 },
        { field: "Rating", operator: "gte", value: 7 },
      ],
    };
    expect(denseSearch).toHaveBeenCalledWith("fight", expect.objectContaining({ k: 10, filter: expectedFilter }));
    expect(keywordSearch).toHaveBeenCalledWith("fight", expect.objectContaining({ k: 10, filter: expectedFilter }));
    expect(ids(results).sort()).toEqual(["r5", "r7"]);
    for (const result of results) {
      expect(result.document.metadata.movie).toBeGreaterThanOrEqual(3);
      expect(result.document.metadata.Rating).toBeGreaterThanOrEqual(7);
    }
  });

  it("keeps a document only one leg found", async () => {
    const { bm25 } = await setup();
    const dense = { search: async (_query: string, _options?: SearchOptions): Promise<SearchResult[]> => [] };
    const hybrid = new HybridRetriever({ bm25, dense, k: 2 });
    const results = await hybrid.search("napkin");
    expect(ids(results)).toEqual(["r2"]);
    expect(results[0]!.details).toMatchObject({ dense: null, bm25: { rank: 1 } });
  });

  it("with a leg weighted 0 returns the other leg's order and never calls the muted leg", async () => {
    const { dense, bm25 } = await setup();
    const keywordSearch = vi.spyOn(bm25, "search");
    const denseOnly = new HybridRetriever({ bm25, dense, k: 5, weights: { bm25: 0 } });
    expect(ids(await denseOnly.search("boring story"))).toEqual(ids(await dense.search("boring story", { k: 5 })));
    expect(keywordSearch).not.toHaveBeenCalled();
  });

  it("normalized score fusion gives scores in [0, 1]", async () => {
    const { dense, bm25 } = await setup();
    const hybrid = new HybridRetriever({ bm25, dense, k: 8, fusion: "score", weights: { bm25: 2, dense: 1 } });
    const results = await hybrid.search("action fights");
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) {
      expect(result.score).toBeGreaterThanOrEqual(0);
      expect(result.score).toBeLessThanOrEqual(1);
    }
    expect(results[0]!.details).toMatchObject({ fusion: "score" });
  });

  it("works through invoke", async () => {
    const { dense, bm25 } = await setup();
    const documents = await new HybridRetriever({ bm25, dense, k: 2 }).invoke("hotel rules");
    expect(documents).toHaveLength(2);
    expect(documents[0]!.metadata.retrieval_stage).toBe("hybrid");
    expect(documents[0]!.id).toBe("r3");
  });

  it("validates options", async () => {
    const { dense, bm25 } = await setup();
    expect(() => new HybridRetriever({ bm25, dense, weights: { bm25: 0, dense: 0 } })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, option: "HybridRetriever.weights" }),
    );
    expect(() => new HybridRetriever({ bm25, dense, candidates: 0 })).toThrow(
      expect.objectContaining({ option: "HybridRetriever.candidates" }),
    );
    expect(() => new HybridRetriever({ bm25, dense: {} as NaiveRetriever })).toThrow(
      expect.objectContaining({ option: "HybridRetriever.dense" }),
    );
    await expect(new HybridRetriever({ bm25, dense }).search("  ")).rejects.toMatchObject({ code: ErrorCodes.INVALID_QUERY });
  });
});
