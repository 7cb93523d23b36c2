import { Document, type DocumentInterface } from "@langchain/core/documents";
import { BaseRetriever } from "@langchain/core/retrievers";
import { ContextualCompressionRetriever as LangChainCompressionRetriever } from "@langchain/classic/retrievers/contextual_compression";
import { describe, expect, it, vi } from "vitest";
import { ErrorCodes } from "../../src/core/errors/error-codes.js";
import type { SearchOptions, SearchResult } from "../../src/core/search-retriever.js";
import { Bm25Index } from "../../src/hybrid/bm25-index.js";
import { HybridRetriever } from "../../src/hybrid/hybrid-retriever.js";
import { NaiveRetriever } from "../../src/naive/naive-retriever.js";
import { ContextualCompressionRetriever, DEFAULT_RERANK_CANDIDATES } from "../../src/rerank/contextual-compression-retriever.js";
import { LocalReranker } from "../../src/rerankers/local-reranker.js";
import { RerankerDocumentCompressor, type Reranker, type RerankOptions, type RerankResult } from "../../src/rerankers/reranker.js";
import { MemoryStore } from "../../src/stores/memory/memory-store.js";
import { FakeEmbeddings } from "../support/fake-embeddings.js";
import { sampleReviews } from "./sample-reviews.js";

/** A first stage returning `count` documents c1..cN with decreasing scores. */
function stubBase(count: number) {
  const documents = Array.from(
    { length: count },
    (_, index) => new Document({ id: `c${index + 1}`, pageContent: `candidate ${index + 1}`, metadata: { position: index + 1 } }),
  );
  return {
    documents,
    search: vi.fn(async (_query: string, options: SearchOptions = {}): Promise<SearchResult[]> =>
      documents.slice(0, options.k ?? 4).map((document, index) => ({ document, score: 1 - index / 100, stage: "dense" as const })),
    ),
  };
}

/** A reranker that reverses the order, with scores 1, 0.9, 0.8, ... */
class ReversingReranker implements Reranker {
  readonly name = "reversing";
  calls: Array<{ query: string; count: number; options: RerankOptions | undefined }> = [];
  async rerank(query: string, documents: DocumentInterface[], options?: RerankOptions): Promise<RerankResult[]> {
    this.calls.push({ query, count: documents.length, options });
    const results = documents.map((_, index) => ({ index: documents.length - 1 - index, score: Math.max(0, 1 - index / 10) }));
    return options?.topN === undefined ? results : results.slice(0, options.topN);
  }
}

describe("ContextualCompressionRetriever", () => {
  it("fetches a wide candidate set, reranks and keeps the top 3 with first-stage details", async () => {
    const base = stubBase(40);
    const reranker = new ReversingReranker();
    const retriever = new ContextualCompressionRetriever({ base, reranker });
    const results = await retriever.search("question");
    expect(base.search).toHaveBeenCalledWith("question", expect.objectContaining({ k: DEFAULT_RERANK_CANDIDATES, filter: null }));
    expect(reranker.calls[0]).toMatchObject({ query: "question", count: 30, options: { topN: 3 } });
    expect(results.map((result) => result.document.id)).toEqual(["c30", "c29", "c28"]);
    expect(results.map((result) => result.score)).toEqual([1, 0.9, 0.8]);
    expect(results[0]).toMatchObject({
      stage: "rerank",
      details: { originalRank: 30, originalScore: 0.71, originalStage: "dense", reranker: "reversing" },
    });
  });

  it("honours candidates, a per-call k, minScore and combined filters", async () => {
    const base = stubBase(40);
    const retriever = new ContextualCompressionRetriever({
      base,
      reranker: new ReversingReranker(),
      candidates: 10,
      topN: 5,
      minScore: 0.75,
      filter: { field: "position", operator: "lte", value: 20 },
    });
    const results = await retriever.search("question", { k: 4, filter: { field: "position", operator: "gte", value: 2 } });
    expect(base.search).toHaveBeenCalledWith(
      "question",
      expect.objectContaining({
        k: 10,
        filter: {
          and: [
            { field: "position", operator: "lte", value: 20 },
            { field: "position", operator: "gte", value: 2 },
          ],
        },
      }),
    );
    expect(results.map((result) => result.score)).toEqual([1, 0.9, 0.8]);
  });

  it("fetches at least topN candidates", async () => {
    const base = stubBase(10);
    await new ContextualCompressionRetriever({ base, reranker: new ReversingReranker(), candidates: 2, topN: 5 }).search("question");
    expect(base.search).toHaveBeenCalledWith("question", expect.objectContaining({ k: 5 }));
  });

  it("ignores out-of-range and repeated indices from a reranker", async () => {
    const base = stubBase(5);
    const sloppy: Reranker = {
      name: "sloppy",
      rerank: async () => [
        { index: 7, score: 1 },
        { index: 1, score: 0.9 },
        { index: 1, score: 0.8 },
        { index: 0, score: 0.5 },
      ],
    };
    const results = await new ContextualCompressionRetriever({ base, reranker: sloppy }).search("question");
    expect(results.map((result) => result.document.id)).toEqual(["c2", "c1"]);
  });

  it("does not call the reranker when the first stage finds nothing", async () => {
    const reranker = new ReversingReranker();
    const empty = { search: async () => [] };
    expect(await new ContextualCompressionRetriever({ base: empty, reranker }).search("question")).toEqual([]);
    expect(reranker.calls).toHaveLength(0);
  });

  it("accepts any LangChain retriever, filtering its results by metadata", async () => {
    class ListRetriever extends BaseRetriever {
      lc_namespace = ["test"];
      override async _getRelevantDocuments(): Promise<DocumentInterface[]> {
        return [1, 2, 3, 4].map(
          (position) =>
            new Document({ id: `l${position}`, pageContent: `text ${position}`, metadata: { position, relevance_score: position / 10 } }),
        );
      }
    }
    const retriever = new ContextualCompressionRetriever({ base: new ListRetriever(), reranker: new ReversingReranker(), topN: 2 });
    const results = await retriever.search("question", { filter: { field: "position", operator: "ne", value: 4 } });
    expect(results.map((result) => result.document.id)).toEqual(["l3", "l2"]);
    expect(results[0]!.details).toMatchObject({ originalRank: 3, originalScore: 0.3 });
  });

  it("returns scored documents through invoke with a real first stage and the local reranker", async () => {
    const store = new MemoryStore(new FakeEmbeddings());
    await store.addDocuments(sampleReviews());
    const retriever = new ContextualCompressionRetriever({
      base: new NaiveRetriever({ store }),
      reranker: new LocalReranker({ embeddings: store.embeddings }),
      topN: 2,
    });
    const documents = await retriever.invoke("stunning fight choreography");
    expect(documents).toHaveLength(2);
    expect(documents[0]!.metadata).toMatchObject({ retrieval_stage: "rerank" });
    expect(documents[0]!.metadata.relevance_score).toBeGreaterThanOrEqual(documents[1]!.metadata.relevance_score as number);
  });

  it("validates options and the question", async () => {
    const base = stubBase(3);
    expect(() => new ContextualCompressionRetriever({ base, reranker: {} as Reranker })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, option: "ContextualCompressionRetriever.reranker" }),
    );
    expect(() => new ContextualCompressionRetriever({ base: {} as never, reranker: new ReversingReranker() })).toThrow(
      expect.objectContaining({ option: "ContextualCompressionRetriever.base" }),
    );
    expect(() => new ContextualCompressionRetriever({ base, reranker: new ReversingReranker(), topN: 0 })).toThrow(
      expect.objectContaining({ option: "ContextualCompressionRetriever.topN" }),
    );
    await expect(new ContextualCompressionRetriever({ base, reranker: new ReversingReranker() }).search("")).rejects.toMatchObject({
      code: ErrorCodes.INVALID_QUERY,
    });
  });

  it("stops with ABORTED when the signal fires", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      new ContextualCompressionRetriever({ base: stubBase(3), reranker: new ReversingReranker() }).search("q", {
        signal: controller.signal,
      }),
    ).rejects.toMatchObject({ code: ErrorCodes.ABORTED });
  });
});

describe("composition: filter -> hybrid -> rerank", () => {
  it("passes a self-query-style filter through the reranker to both hybrid legs", async () => {
    const documents = sampleReviews();
    const store = new MemoryStore(new FakeEmbeddings());
    await store.addDocuments(documents);
    const dense = new NaiveRetriever({ store });
    const bm25 = Bm25Index.fromDocuments(documents);
    const denseSearch = vi.spyOn(dense, "search");
    const keywordSearch = vi.spyOn(bm25, "search");
    const retriever = new ContextualCompressionRetriever({
      base: new HybridRetriever({ bm25, dense }),
      reranker: new LocalReranker({ embeddings: store.embeddings }),
      topN: 3,
    });
    // what a self-query constructor would produce for "well-rated reviews of the later films about the fights"
    const filter = {
      and: [
        { field: "movie", operator: "gte" as const, value: 3 },
        { field: "Rating", operator: "gte" as const, value: 7 },
      ],
    };
    const results = await retriever.search("choreographed fights and knife throwing", { filter });
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) {
      expect(result.stage).toBe("rerank");
      expect(result.document.metadata.movie).toBeGreaterThanOrEqual(3);
      expect(result.document.metadata.Rating).toBeGreaterThanOrEqual(7);
      expect(result.details).toMatchObject({ originalStage: "hybrid" });
    }
    expect(results[0]!.document.id).toBe("r5");
    expect(denseSearch).toHaveBeenCalledWith("choreographed fights and knife throwing", expect.objectContaining({ filter }));
    expect(keywordSearch).toHaveBeenCalledWith("choreographed fights and knife throwing", expect.objectContaining({ filter }));
  });
});

describe("RerankerDocumentCompressor", () => {
  it("plugs a reranker into LangChain's own ContextualCompressionRetriever", async () => {
    const store = new MemoryStore(new FakeEmbeddings());
    await store.addDocuments(sampleReviews());
    const compressor = new RerankerDocumentCompressor({ reranker: new LocalReranker({ embeddings: store.embeddings }), topN: 2 });
    const retriever = new LangChainCompressionRetriever({ baseCompressor: compressor, baseRetriever: new NaiveRetriever({ store, k: 6 }) });
    const documents = await retriever.invoke("boring and repetitive shootout");
    expect(documents).toHaveLength(2);
    expect(documents[0]!.id).toBe("r8");
    expect(typeof documents[0]!.metadata.relevance_score).toBe("number");
  });

  it("applies minScore, copies documents and handles no input", async () => {
    const input = [
      new Document({ pageContent: "a", metadata: { keep: true } }),
      new Document({ pageContent: "b" }),
      new Document({ pageContent: "c" }),
    ];
    const compressor = new RerankerDocumentCompressor({ reranker: new ReversingReranker(), topN: 3, minScore: 0.85 });
    const output = await compressor.compressDocuments(input, "question");
    expect(output.map((document) => document.pageContent)).toEqual(["c", "b"]);
    expect(input[0]!.metadata).toEqual({ keep: true });
    expect(await compressor.compressDocuments([], "question")).toEqual([]);
    expect(() => new RerankerDocumentCompressor({ reranker: {} as Reranker })).toThrow(
      expect.objectContaining({ option: "RerankerDocumentCompressor.reranker" }),
    );
  });
});
