import { Document, type DocumentInterface } from "@langchain/core/documents";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ErrorCodes } from "../core/errors/error-codes.js";
import type { Searchable, SearchOptions, SearchResult } from "../core/search-retriever.js";
import { blendScores, PassageBlendRetriever } from "./passage-blend-retriever.js";

const documentOf = (id: string): DocumentInterface => new Document({ id, pageContent: `text of ${id}`, metadata: {} });
const hits = (scores: Record<string, number>, stage: SearchResult["stage"]): SearchResult[] =>
  Object.entries(scores)
    .sort((left, right) => right[1] - left[1])
    .map(([id, score]) => ({ document: documentOf(id), score, stage }));

class FixedLeg implements Searchable {
  calls: SearchOptions[] = [];
  constructor(private readonly results: SearchResult[]) {}
  async search(_query: string, options: SearchOptions = {}): Promise<SearchResult[]> {
    this.calls.push(options);
    return this.results.slice(0, options.k ?? this.results.length);
  }
}

describe("blendScores", () => {
  it("blends (1 - w) document + w passage, a missing side counting as its lowest returned score", () => {
    const blended = blendScores(hits({ a: 0.8, b: 0.6, c: 0.4 }, "dense"), hits({ b: 0.9, c: 0.7, d: 0.5 }, "parent"), 0.5);
    const byId = Object.fromEntries(blended.map((result) => [result.document.id, result.score]));
    expect(blended.map((result) => result.document.id)).toEqual(["b", "a", "c", "d"]);
    expect(byId.a).toBeCloseTo(0.5 * 0.8 + 0.5 * 0.5, 12); // a: no passage score -> passage floor 0.5
    expect(byId.b).toBeCloseTo(0.5 * 0.6 + 0.5 * 0.9, 12);
    expect(byId.d).toBeCloseTo(0.5 * 0.4 + 0.5 * 0.5, 12); // d: no document score -> document floor 0.4
    expect(blended[1]!.details).toEqual({ document: 0.8, passage: null, passageWeight: 0.5 });
    expect(blended.every((result) => result.stage === "dense")).toBe(true);
  });

  it("with weight 0 keeps the document order, with weight 1 the passage order, and never loses or duplicates a document", () => {
    const scores = fc.dictionary(fc.constantFrom("a", "b", "c", "d", "e", "f"), fc.double({ min: -1, max: 1, noNaN: true }), { minKeys: 1 });
    fc.assert(
      fc.property(scores, scores, fc.double({ min: 0, max: 1, noNaN: true }), (documentScores, passageScores, weight) => {
        const documentSide = hits(documentScores, "dense");
        const passageSide = hits(passageScores, "parent");
        const blended = blendScores(documentSide, passageSide, weight);
        const ids = blended.map((result) => result.document.id);
        expect(new Set(ids)).toEqual(new Set([...Object.keys(documentScores), ...Object.keys(passageScores)]));
        expect(ids).toHaveLength(new Set(ids).size);
        for (let index = 1; index < blended.length; index += 1) expect(blended[index - 1]!.score).toBeGreaterThanOrEqual(blended[index]!.score);
        const onlyDocuments = blendScores(documentSide, passageSide, 0).filter((result) => result.details?.document !== null);
        expect(onlyDocuments.map((result) => result.document.id)).toEqual(documentSide.map((result) => result.document.id));
      }),
    );
  });
});

describe("PassageBlendRetriever", () => {
  it("ranks a document whose best passage matches above one that matches only as a whole, and passes k and filter", async () => {
    const documents = new FixedLeg(hits({ diluted: 0.55, whole: 0.6, other: 0.3 }, "dense"));
    const passages = new FixedLeg(hits({ diluted: 0.9, whole: 0.62, other: 0.35 }, "parent"));
    const retriever = new PassageBlendRetriever({ documents, passages, k: 2, candidates: 10, filter: { field: "year", operator: "eq", value: 2014 } });
    const results = await retriever.search("question");
    expect(results.map((result) => result.document.id)).toEqual(["diluted", "whole"]);
    expect(documents.calls[0]).toMatchObject({ k: 10, filter: { field: "year", operator: "eq", value: 2014 } });
    expect(passages.calls[0]).toMatchObject({ k: 10, filter: { field: "year", operator: "eq", value: 2014 } });
    const onlyDocuments = new PassageBlendRetriever({ documents, passages, k: 3, passageWeight: 0 });
    expect((await onlyDocuments.search("question")).map((result) => result.document.id)).toEqual(["whole", "diluted", "other"]);
  });

  it("rejects bad options with INVALID_OPTION naming the field", () => {
    const leg = new FixedLeg([]);
    expect(() => new PassageBlendRetriever({ documents: leg, passages: leg, passageWeight: 1.5 })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, message: expect.stringContaining("PassageBlendRetriever.passageWeight") }),
    );
    expect(() => new PassageBlendRetriever({ documents: leg, passages: {} as Searchable })).toThrow(expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, message: expect.stringContaining("passages") }));
  });
});
