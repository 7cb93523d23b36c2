import { Document } from "@langchain/core/documents";
import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import { describe, expect, it, vi } from "vitest";
import { ErrorCodes } from "../../src/core/errors/error-codes.js";
import type { Searchable, SearchOptions, SearchResult } from "../../src/core/search-retriever.js";
import { MAX_QUERY_LENGTH } from "../../src/core/validate-query.js";
import { Bm25Index } from "../../src/hybrid/bm25-index.js";
import { ExpansionTermSelector } from "../../src/hybrid/expansion-terms.js";
import { HybridRetriever } from "../../src/hybrid/hybrid-retriever.js";

const documents = [
  new Document({ id: "a", pageContent: "The choreography of every gunfight is superb, a ballet of bullets.", metadata: { year: 2014 } }),
  new Document({ id: "b", pageContent: "Choreography and stunt work: each gunfight feels like a ballet.", metadata: { year: 2017 } }),
  new Document({ id: "c", pageContent: "A gunfight ballet in a nightclub, bullets everywhere.", metadata: { year: 2019 } }),
  new Document({ id: "d", pageContent: "The plot is thin and the dog dies early in the film.", metadata: { year: 2014 } }),
  new Document({ id: "e", pageContent: "The film has a plot about a dog and a car.", metadata: { year: 2023 } }),
];

/** A dense leg that returns fixed results and records the questions and filters it was asked. */
class RecordingLeg implements Searchable {
  calls: Array<{ query: string; options?: SearchOptions }> = [];
  constructor(private readonly results: SearchResult[] = []) {}
  async search(query: string, options?: SearchOptions): Promise<SearchResult[]> {
    this.calls.push({ query, options });
    return this.results;
  }
}

const ids = (results: SearchResult[]) => results.map((result) => result.document.id);

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

describe("HybridRetriever feedback (keyword pseudo-relevance feedback)", () => {
  it("finds a document that shares only the feedback words with the question", async () => {
    const bm25 = Bm25Index.fromDocuments(documents);
    const dense = new RecordingLeg();
    const plain = new HybridRetriever({ bm25, dense, k: 5, weights: { dense: 0 } });
    expect(ids(await plain.search("choreography")).sort()).toEqual(["a", "b"]);
    const retriever = new HybridRetriever({ bm25, dense, k: 5, feedback: { documents: 2, terms: 3 } });
    const results = await retriever.search("choreography");
    expect(ids(results)).toContain("c");
    expect(ids(results).slice(0, 2).sort()).toEqual(["a", "b"]);
    expect(results[0]!.stage).toBe("hybrid");
    expect(results[0]!.details?.expansion).toEqual(expect.arrayContaining(["gunfight", "ballet"]));
    // The dense leg gets the question as asked.
    expect(dense.calls.at(-1)?.query).toBe("choreography");
  });

  it("`{}` takes the defaults (5 documents, 10 words); 0 documents or 0 words rank exactly as no feedback", async () => {
    const bm25 = Bm25Index.fromDocuments(documents);
    const dense = new RecordingLeg([
      { document: documents[4]!, score: 0.9, stage: "dense" },
      { document: documents[0]!, score: 0.5, stage: "dense" },
    ]);
    expect(new HybridRetriever({ bm25, dense, feedback: {} }).feedback).toEqual({ documents: 5, terms: 10 });
    const plain = new HybridRetriever({ bm25, dense, k: 5 });
    expect(plain.feedback).toBeNull();
    for (const feedback of [{ documents: 0 }, { terms: 0 }, null]) {
      const off = new HybridRetriever({ bm25, dense, k: 5, feedback });
      expect(off.feedback).toBeNull();
      for (const question of ["choreography", "dog plot", "bullets in a nightclub"]) {
        const expected = await plain.search(question);
        const actual = await off.search(question);
        expect(actual.length).toBeGreaterThan(0);
        expect(actual.map((result) => [result.document.id, result.score])).toEqual(
          expected.map((result) => [result.document.id, result.score]),
        );
        expect(actual[0]!.details).not.toHaveProperty("expansion");
      }
    }
  });

  it("takes feedback only from documents matching the filter, and passes the filter to both legs", async () => {
    const bm25 = Bm25Index.fromDocuments(documents);
    const dense = new RecordingLeg();
    const retriever = new HybridRetriever({
      bm25,
      dense,
      k: 5,
      feedback: { documents: 5, terms: 5 },
      filter: { field: "year", operator: "eq", value: 2017 },
    });
    const { expansion } = retriever.expandQuestion("choreography", { field: "year", operator: "eq", value: 2017 });
    expect(expansion.length).toBeGreaterThan(0);
    expect(expansion.every((word) => documents[1]!.pageContent.toLowerCase().includes(word.toLowerCase()))).toBe(true);
    const results = await retriever.search("choreography");
    expect(ids(results)).toEqual(["b"]);
    expect(dense.calls.at(-1)?.options?.filter).toEqual({ field: "year", operator: "eq", value: 2017 });
  });

  it("the keyword leg's child run gets the expanded question", async () => {
    const bm25 = Bm25Index.fromDocuments(documents);
    const keywordSearch = vi.spyOn(bm25, "search");
    const starts: Array<{ name: string | undefined; query: string }> = [];
    class Recorder extends BaseCallbackHandler {
      name = "recorder";
      override handleRetrieverStart(
        _retriever: unknown,
        query: string,
        _runId: string,
        _parent?: string,
        _tags?: string[],
        _meta?: unknown,
        name?: string,
      ) {
        starts.push({ name, query });
      }
    }
    const retriever = new HybridRetriever({ bm25, dense: new RecordingLeg(), k: 5, feedback: { documents: 2, terms: 3 } });
    const [first] = await retriever.search("choreography", { callbacks: [new Recorder()] });
    const expansion = first!.details?.expansion as string[];
    expect(expansion).toHaveLength(3);
    expect(starts.map((start) => start.name)).toEqual(["HybridRetriever", "Bm25Retriever"]);
    expect(starts[1]!.query).toBe(`choreography ${expansion.join(" ")}`);
    // The feedback pass (top 2) and the expanded keyword leg (candidates).
    expect(keywordSearch.mock.calls.map(([question, options]) => [question, options?.k])).toEqual([
      ["choreography", 2],
      [`choreography ${expansion.join(" ")}`, 50],
    ]);
  });

  it("drops expansion words that would make the keyword question longer than the query limit", async () => {
    const bm25 = Bm25Index.fromDocuments(documents);
    const retriever = new HybridRetriever({ bm25, dense: new RecordingLeg(), k: 5, feedback: { documents: 2, terms: 3 } });
    const question = `choreography ${"x".repeat(MAX_QUERY_LENGTH - "choreography ".length - 9)}`;
    const { question: expanded, expansion } = retriever.expandQuestion(question);
    expect(expanded.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
    expect(expansion.length).toBeLessThan(3);
    expect((await retriever.search(question)).length).toBeGreaterThan(0);
  });

  it("rejects bad feedback options with INVALID_OPTION naming the field, and feedback with score fusion", () => {
    const bm25 = Bm25Index.fromDocuments(documents);
    const dense = new RecordingLeg();
    const attempt = (options: Record<string, unknown>) => () => new HybridRetriever({ bm25, dense, ...options } as never);
    expect(attempt({ feedback: { documents: -1 } })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, option: "HybridRetriever.feedback.documents" }),
    );
    expect(attempt({ feedback: { terms: 1.5 } })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, option: "HybridRetriever.feedback.terms" }),
    );
    expect(attempt({ feedback: { term: 3 } })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, message: expect.stringContaining("did you mean `terms`") }),
    );
    expect(attempt({ feedbackDocuments: 5 })).toThrow(
      expect.objectContaining({
        code: ErrorCodes.INVALID_OPTION,
        option: "HybridRetriever.feedbackDocuments",
        message: expect.stringContaining("feedback: { documents, terms }"),
      }),
    );
    expect(attempt({ fusion: "score", feedback: {} })).toThrow(
      expect.objectContaining({
        code: ErrorCodes.INVALID_OPTION,
        option: "HybridRetriever.feedback",
        message: expect.stringContaining('set fusion to "rrf"'),
      }),
    );
  });
});
