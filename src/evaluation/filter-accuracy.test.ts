import { Document } from "@langchain/core/documents";
import { describe, expect, it } from "vitest";
import { canExplain, compareFilters, selectDocuments } from "./filter-accuracy.js";

const documents = [6, 7, 8, 9, 10].map(
  (rating, index) => new Document({ id: `d${index}`, pageContent: "", metadata: { Rating: rating, movie: (index % 2) + 1 } }),
);

describe("compareFilters", () => {
  it("compares what filters select, not how they are written", () => {
    const gold = { field: "Rating", operator: "gt" as const, value: 7 };
    expect(compareFilters(documents, gold, { field: "Rating", operator: "gte", value: 8 })).toEqual({
      match: true,
      goldCount: 3,
      constructedCount: 3,
      missing: 0,
      extra: 0,
    });
    expect(compareFilters(documents, gold, { field: "Rating", operator: "gte", value: 7 })).toEqual({
      match: false,
      goldCount: 3,
      constructedCount: 4,
      missing: 0,
      extra: 1,
    });
    expect(compareFilters(documents, gold, { and: [gold, { field: "movie", operator: "eq", value: 1 }] })).toMatchObject({
      match: false,
      missing: 1,
      extra: 0,
    });
  });

  it("treats no filter as selecting everything, and an invalid one as selecting nothing", () => {
    expect(compareFilters(documents, null, null).match).toBe(true);
    expect(compareFilters(documents, null, { field: "movie", operator: "in", value: [1, 2] }).match).toBe(true);
    expect(compareFilters(documents, { field: "movie", operator: "eq", value: 1 }, null)).toMatchObject({ match: false, extra: 2 });
    expect(
      compareFilters(documents, { field: "movie", operator: "eq", value: 1 }, { field: "movie", operator: "between", value: 1 }),
    ).toMatchObject({ match: false, constructedCount: 0 });
    expect(selectDocuments(documents, null).size).toBe(5);
  });
});

describe("canExplain", () => {
  it("recognizes retrievers with an explain method", () => {
    expect(canExplain({ explain: () => ({ filter: null }) })).toBe(true);
    expect(canExplain({ search: () => [] })).toBe(false);
    expect(canExplain(null)).toBe(false);
  });
});
