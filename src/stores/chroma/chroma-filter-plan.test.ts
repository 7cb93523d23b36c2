import { describe, expect, it } from "vitest";
import { ErrorCodes } from "../../core/errors/error-codes.js";
import type { FilterExpression } from "../../core/filter/filter-schema.js";
import { parseFilter } from "../../core/filter/parse-filter.js";
import { planChromaFilter } from "./chroma-filter-plan.js";

const plan = (filter: unknown, arrayFields: string[] = []) => planChromaFilter(parseFilter(filter), new Set(arrayFields));

describe("planChromaFilter", () => {
  it("needs nothing without a filter", () => {
    expect(planChromaFilter(null, new Set()).kind).toBe("none");
    expect(planChromaFilter(undefined, new Set()).kind).toBe("none");
  });

  it("pushes filters Chroma evaluates exactly into where", () => {
    const result = plan({ movie: [1, 2], Rating: { gte: 7 }, rating_missing: false });
    expect(result).toMatchObject({ kind: "where" });
    expect(result.kind === "where" ? result.where : null).toEqual({
      $and: [{ movie: { $in: [1, 2] } }, { Rating: { $gte: 7 } }, { rating_missing: { $eq: false } }],
    });
  });

  it.each([
    ["a negated range", { not: { Rating: { gt: 7 } } }],
    ["a non-integer number (Chroma truncates it against integer fields)", { Rating: { gte: 7.5 } }],
    ["a non-integer number in a list", { Rating: [7, 7.5] }],
    ["a string range", { Author: { gt: "m" } }],
    ["contains", { field: "tags", operator: "contains", value: "a" }],
  ])("evaluates the filter in the store for %s", (_name, filter) => {
    expect(plan(filter).kind).toBe("scan");
  });

  it("evaluates filters on fields holding arrays in the store", () => {
    expect(plan({ tags: "a" }).kind).toBe("where");
    const result = plan({ tags: "a" }, ["tags"]);
    expect(result.kind).toBe("scan");
    if (result.kind === "scan") {
      expect(result.predicate({ tags: ["b", "a"] })).toBe(true);
      expect(result.predicate({ tags: ["b"] })).toBe(false);
    }
  });

  it("rejects malformed filters with INVALID_FILTER", () => {
    expect(() => planChromaFilter({ field: "x", operator: "like", value: 1 } as unknown as FilterExpression, new Set())).toThrow(expect.objectContaining({ code: ErrorCodes.INVALID_FILTER }));
    expect(() => planChromaFilter((() => true) as unknown as FilterExpression, new Set())).toThrow(expect.objectContaining({ code: ErrorCodes.INVALID_FILTER }));
  });
});
