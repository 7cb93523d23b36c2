import { Document } from "@langchain/core/documents";
import { describe, expect, it } from "vitest";
import { ErrorCodes } from "../core/errors/error-codes.js";
import type { Searchable, SearchOptions, SearchResult } from "../core/search-retriever.js";
import { Bm25Index } from "../hybrid/bm25-index.js";
import { HybridRetriever } from "../hybrid/hybrid-retriever.js";
import { ExpansionTermSelector } from "./expansion-terms.js";
import { FeedbackHybridRetriever } from "./feedback-hybrid-retriever.js";

const documents = [
  new Document({ id: "a", pageContent: "The choreography of every gunfight is superb, a ballet of bullets.", metadata: { year: 2014 } }),
  new Document({ id: "b", pageContent: "Choreography and stunt work: each gunfight feels like a ballet.", metadata: { year: 2017 } }),
  new Document({ id: "c", pageContent: "A gunfight ballet in a nightclub, bullets everywhere.", metadata: { year: 2019 } }),
  new Document({ id: "d", pageContent: "The plot is thin and the dog dies early in the film.", metadata: { year: 2014 } }),
  new Document({ id: "e", pageContent: "The film has a plot about a dog and a car.", metadata: { year: 2023 } }),
];

/** A dense leg that returns nothing and records the questions and filters it was asked. */
class RecordingLeg implements Searchable {
  calls: Array<{ query: string; options?: SearchOptions }> = [];
  constructor(private readonly results: SearchResult[] = []) {}
  async search(query: string, options?: SearchOptions): Promise<SearchResult[]> {
    this.calls.push({ query, options });
    return this.results;
  }
}

describe("ExpansionTermSelector", () => {
  it("takes words of the feedback documents, not of the question, rare words first, deterministically", () => {
    const selector = new ExpansionTermSelector(Bm25Index.fromDocuments(documents));
    const words = selector.select("choreography", [documents[0]!.pageContent, documents[1]!.pageContent], 3);
    expect(words).toHaveLength(3);
    expect(words.map((word) => word.toLowerCase())).not.toContain("choreography");
    // "gunfight" and "ballet" are in both feedback documents; "bullets" in one; "film" in none.
    expect(words.slice(0, 2).sort()).toEqual(["ballet", "gunfight"]);
    expect(selector.select("choreography", [documents[0]!.pageContent, documents[1]!.pageContent], 3)).toEqual(words);
    expect(selector.select("choreography", [], 3)).toEqual([]);
    expect(selector.select("choreography", [documents[0]!.pageContent], 0)).toEqual([]);
  });

  it("weights a word found in every document below a rare one with the same counts", () => {
    const corpus = [
      new Document({ id: "1", pageContent: "common rare" }),
      new Document({ id: "2", pageContent: "common other" }),
      new Document({ id: "3", pageContent: "common words" }),
    ];
    const selector = new ExpansionTermSelector(Bm25Index.fromDocuments(corpus));
    expect(selector.select("question", ["common rare"], 2)).toEqual(["rare", "common"]);
  });

  it("recounts document frequencies when the index grows", () => {
    const index = Bm25Index.fromDocuments([new Document({ id: "1", pageContent: "alpha beta" })]);
    const selector = new ExpansionTermSelector(index);
    expect(selector.documentFrequency("alpha")).toBe(1);
    index.addDocuments([new Document({ id: "2", pageContent: "alpha gamma" })]);
    expect(selector.documentFrequency("alpha")).toBe(2);
  });
});

describe("FeedbackHybridRetriever", () => {
  it("finds a document that shares only the feedback words with the question", async () => {
    const bm25 = Bm25Index.fromDocuments(documents);
    const dense = new RecordingLeg();
    const plain = new HybridRetriever({ bm25, dense, k: 5, weights: { dense: 0 } });
    expect((await plain.search("choreography")).map((result) => result.document.id).sort()).toEqual(["a", "b"]);
    const retriever = new FeedbackHybridRetriever({ bm25, dense, k: 5, feedbackDocuments: 2, expansionTerms: 3 });
    const results = await retriever.search("choreography");
    expect(results.map((result) => result.document.id)).toContain("c");
    expect(
      results
        .map((result) => result.document.id)
        .slice(0, 2)
        .sort(),
    ).toEqual(["a", "b"]);
    expect(results[0]!.stage).toBe("hybrid");
    expect(results[0]!.details?.expansion).toEqual(expect.arrayContaining(["gunfight", "ballet"]));
    // The dense leg gets the question as asked.
    expect(dense.calls.at(-1)?.query).toBe("choreography");
  });

  it("without feedback ranks exactly as HybridRetriever", async () => {
    const bm25 = Bm25Index.fromDocuments(documents);
    const dense = new RecordingLeg([
      { document: documents[4]!, score: 0.9, stage: "dense" },
      { document: documents[0]!, score: 0.5, stage: "dense" },
    ]);
    const hybrid = new HybridRetriever({ bm25, dense, k: 5 });
    const feedback = new FeedbackHybridRetriever({ bm25, dense, k: 5, feedbackDocuments: 0 });
    for (const question of ["choreography", "dog plot", "bullets in a nightclub"]) {
      const expected = await hybrid.search(question);
      const actual = await feedback.search(question);
      expect(actual.length).toBeGreaterThan(0);
      expect(actual.map((result) => [result.document.id, result.score])).toEqual(
        expected.map((result) => [result.document.id, result.score]),
      );
    }
  });

  it("takes feedback only from documents matching the filter, and passes the filter to both legs", async () => {
    const bm25 = Bm25Index.fromDocuments(documents);
    const dense = new RecordingLeg();
    const retriever = new FeedbackHybridRetriever({
      bm25,
      dense,
      k: 5,
      feedbackDocuments: 5,
      expansionTerms: 5,
      filter: { field: "year", operator: "eq", value: 2017 },
    });
    const { expansion } = retriever.expandQuestion("choreography", { field: "year", operator: "eq", value: 2017 });
    expect(expansion.length).toBeGreaterThan(0);
    expect(expansion.every((word) => documents[1]!.pageContent.toLowerCase().includes(word.toLowerCase()))).toBe(true);
    const results = await retriever.search("choreography");
    expect(results.map((result) => result.document.id)).toEqual(["b"]);
    expect(dense.calls.at(-1)?.options?.filter).toEqual({ field: "year", operator: "eq", value: 2017 });
  });

  it("rejects bad options with INVALID_OPTION naming the field", () => {
    const bm25 = Bm25Index.fromDocuments(documents);
    const dense = new RecordingLeg();
    const attempt = (options: Record<string, unknown>) => () => new FeedbackHybridRetriever({ bm25, dense, ...options } as never);
    expect(attempt({ feedbackDocuments: -1 })).toThrow(
      expect.objectContaining({
        code: ErrorCodes.INVALID_OPTION,
        message: expect.stringContaining("FeedbackHybridRetriever.feedbackDocuments"),
      }),
    );
    expect(attempt({ expansionTerms: 1.5 })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, message: expect.stringContaining("expansionTerms") }),
    );
    expect(attempt({ weights: { bm25: 0, dense: 0 } })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, message: expect.stringContaining("weights") }),
    );
    expect(attempt({ bm25: {} })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, message: expect.stringContaining("bm25") }),
    );
  });
});
