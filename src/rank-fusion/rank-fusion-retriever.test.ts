import { Document } from "@langchain/core/documents";
import { describe, expect, it } from "vitest";
import { ErrorCodes } from "../core/errors/error-codes.js";
import type { Searchable, SearchOptions, SearchResult } from "../core/search-retriever.js";
import { RankFusionRetriever } from "./rank-fusion-retriever.js";

class FixedLeg implements Searchable {
  calls: SearchOptions[] = [];
  constructor(private readonly ids: string[]) {}
  async search(_query: string, options: SearchOptions = {}): Promise<SearchResult[]> {
    this.calls.push(options);
    return this.ids.slice(0, options.k ?? this.ids.length).map((id, index) => ({
      document: new Document({ id, pageContent: id, metadata: {} }),
      score: 1 - index / 10,
      stage: "dense" as const,
    }));
  }
}

describe("RankFusionRetriever", () => {
  it("fuses rankings by weighted reciprocal rank: score = sum of weight / (c + rank)", async () => {
    const first = new FixedLeg(["a", "b", "c"]);
    const second = new FixedLeg(["c", "a", "d"]);
    const retriever = new RankFusionRetriever({
      retrievers: [
        { retriever: first, name: "first" },
        { retriever: second, weight: 2, name: "second" },
      ],
      k: 4,
      rrfConstant: 10,
    });
    const results = await retriever.search("question");
    const expected: Record<string, number> = { a: 1 / 11 + 2 / 12, b: 1 / 12, c: 1 / 13 + 2 / 11, d: 2 / 13 };
    expect(results.map((result) => result.document.id)).toEqual(["c", "a", "d", "b"]);
    for (const result of results) expect(result.score).toBeCloseTo(expected[result.document.id!]!, 12);
    expect(results[0]!.details?.legs).toEqual([
      { name: "first", rank: 3, score: expect.any(Number) },
      { name: "second", rank: 1, score: expect.any(Number) },
    ]);
    expect(results[2]!.details?.legs).toEqual([null, { name: "second", rank: 3, score: expect.any(Number) }]);
  });

  it("asks each retriever for max(candidates, k) results with the filter, and skips weight-0 retrievers", async () => {
    const used = new FixedLeg(["a", "b"]);
    const unused = new FixedLeg(["z"]);
    const filter = { field: "year", operator: "eq" as const, value: 2014 };
    const retriever = new RankFusionRetriever({
      retrievers: [{ retriever: used }, { retriever: unused, weight: 0 }],
      candidates: 5,
      filter,
    });
    const results = await retriever.search("question", { k: 8 });
    expect(results.map((result) => result.document.id)).toEqual(["a", "b"]);
    expect(used.calls).toEqual([{ k: 8, filter, signal: undefined }]);
    expect(unused.calls).toHaveLength(0);
  });

  it("rejects bad options with INVALID_OPTION naming the field", () => {
    const leg = new FixedLeg([]);
    expect(() => new RankFusionRetriever({ retrievers: [] })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, message: expect.stringContaining("RankFusionRetriever.retrievers") }),
    );
    expect(() => new RankFusionRetriever({ retrievers: [{ retriever: leg, weight: 0 }] })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, message: expect.stringContaining("weight above 0") }),
    );
    expect(() => new RankFusionRetriever({ retrievers: [{ retriever: {} as Searchable }] })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, message: expect.stringContaining("retrievers.0.retriever") }),
    );
    expect(() => new RankFusionRetriever({ retrievers: [{ retriever: leg }], rrfConstant: -1 })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, message: expect.stringContaining("rrfConstant") }),
    );
  });
});
