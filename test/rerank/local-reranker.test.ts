import { Document } from "@langchain/core/documents";
import { describe, expect, it } from "vitest";
import { ErrorCodes } from "../../src/core/errors/error-codes.js";
import { LocalReranker } from "../../src/rerankers/local-reranker.js";
import { FakeEmbeddings } from "../support/fake-embeddings.js";

const filler =
  "The weather in the city was mild. Parking near the cinema was easy. My cousin bought popcorn and soda. The seats were comfortable and wide.";
const documents = [
  new Document({ id: "diluted", pageContent: `${filler} The stunt choreography in every fight is stunning. ${filler}` }),
  new Document({ id: "unrelated", pageContent: "A quiet drama about a family farm. Nothing happens for two hours." }),
  new Document({ id: "partial", pageContent: "Some fight scenes, some talking scenes, mostly talking about the plot and the family." }),
];
const QUESTION = "stunning stunt choreography in every fight";
const ids = (results: Array<{ index: number }>) => results.map((result) => documents[result.index]!.id);

describe("LocalReranker", () => {
  it("ranks by fused evidence, best first, with scores in [0, 1]", async () => {
    const reranker = new LocalReranker({ embeddings: new FakeEmbeddings() });
    const results = await reranker.rerank(QUESTION, documents);
    expect(ids(results)).toEqual(["diluted", "partial", "unrelated"]);
    for (const result of results) {
      expect(result.score).toBeGreaterThanOrEqual(0);
      expect(result.score).toBeLessThanOrEqual(1);
    }
    expect(results[0]!.score).toBeGreaterThan(results[1]!.score);
    expect(reranker.name).toBe("local:bm25+sentence-maxsim");
  });

  it("sentence max-sim finds the one relevant sentence that whole-document similarity dilutes", async () => {
    const embeddings = new FakeEmbeddings();
    const sentenceOnly = new LocalReranker({ embeddings, weights: { lexical: 0, sentence: 1, document: 0 } });
    const documentOnly = new LocalReranker({ embeddings, weights: { lexical: 0, sentence: 0, document: 1 } });
    const signals = await sentenceOnly.scoreSignals(QUESTION, documents);
    const documentSignals = await documentOnly.scoreSignals(QUESTION, documents);
    expect(signals.document).toBeNull();
    expect(documentSignals.sentence).toBeNull();
    // the relevant sentence alone matches the question far better than the diluted review does
    expect(signals.sentence![0]!).toBeGreaterThan(documentSignals.document![0]! + 0.2);
    expect(ids(await sentenceOnly.rerank(QUESTION, documents))[0]).toBe("diluted");
  });

  it("caches sentence and document vectors by content", async () => {
    const embeddings = new FakeEmbeddings();
    const reranker = new LocalReranker({ embeddings });
    await reranker.rerank(QUESTION, documents);
    const embeddedOnce = embeddings.embeddedTexts;
    expect(embeddedOnce).toBeGreaterThan(documents.length);
    const again = await reranker.rerank("a different question about the plot", documents);
    expect(embeddings.embeddedTexts).toBe(embeddedOnce);
    expect(again).toHaveLength(3);
    await reranker.rerank(QUESTION, [...documents, new Document({ pageContent: "A brand new review sentence here." })]);
    expect(embeddings.embeddedTexts).toBe(embeddedOnce + 1); // its one sentence is its whole text: embedded once
  });

  it("evicts least recently used vectors beyond cacheSize", async () => {
    const embeddings = new FakeEmbeddings();
    const reranker = new LocalReranker({ embeddings, cacheSize: 1, weights: { lexical: 0, sentence: 0, document: 1 } });
    await reranker.rerank(QUESTION, documents);
    const before = embeddings.embeddedTexts;
    await reranker.rerank(QUESTION, documents);
    expect(embeddings.embeddedTexts).toBe(before + documents.length - 1);
  });

  it("works without embeddings (keyword evidence only)", async () => {
    const reranker = new LocalReranker();
    expect(reranker.name).toBe("local:bm25");
    const results = await reranker.rerank("farm drama", documents, { topN: 1 });
    expect(ids(results)).toEqual(["unrelated"]);
  });

  it("supports RRF fusion and topN, deterministically", async () => {
    const reranker = new LocalReranker({ embeddings: new FakeEmbeddings(), fusion: "rrf" });
    const first = await reranker.rerank(QUESTION, documents, { topN: 2 });
    expect(first).toHaveLength(2);
    expect(first[0]!.score).toBeGreaterThanOrEqual(first[1]!.score);
    expect(await reranker.rerank(QUESTION, documents, { topN: 2 })).toEqual(first);
  });

  it("returns [] for no documents without embedding anything", async () => {
    const embeddings = new FakeEmbeddings();
    expect(await new LocalReranker({ embeddings }).rerank(QUESTION, [])).toEqual([]);
    expect(embeddings.queryCalls + embeddings.documentCalls).toBe(0);
  });

  it("handles documents without text", async () => {
    const results = await new LocalReranker({ embeddings: new FakeEmbeddings() }).rerank(QUESTION, [
      new Document({ pageContent: "" }),
      documents[0]!,
    ]);
    expect(results.map((result) => result.index)).toEqual([1, 0]);
  });

  it("validates options", () => {
    expect(() => new LocalReranker({ weights: { lexical: 0 } })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, option: "LocalReranker.weights" }),
    );
    expect(() => new LocalReranker({ embeddings: new FakeEmbeddings(), weights: { lexical: -1 } })).toThrow(
      expect.objectContaining({ option: "LocalReranker.weights.lexical" }),
    );
    expect(() => new LocalReranker({ embeddings: {} as FakeEmbeddings })).toThrow(
      expect.objectContaining({ option: "LocalReranker.embeddings" }),
    );
  });
});
