import { describe, expect, it } from "vitest";
import { ErrorCodes } from "../../core/errors/error-codes.js";
import type { FilterExpression } from "../../core/filter/filter-schema.js";
import { parseFilter } from "../../core/filter/parse-filter.js";
import { CHROMA_FILTER_LIMITS, measureWhere, planChromaFilter } from "./chroma-filter-plan.js";

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
    expect(() => planChromaFilter({ field: "x", operator: "like", value: 1 } as unknown as FilterExpression, new Set())).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_FILTER }),
    );
    expect(() => planChromaFilter((() => true) as unknown as FilterExpression, new Set())).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_FILTER }),
    );
  });
});

describe("planChromaFilter: filters too large for one Chroma request", () => {
  const orOf = (count: number) => ({ or: Array.from({ length: count }, (_, index) => ({ Rating: index })) });
  const inOf = (count: number) => ({ Rating: Array.from({ length: count }, (_, index) => index) });

  it("pushes a filter at the limits into where, and evaluates one just over them in the store", () => {
    // An or of n comparisons is n + 1 conditions.
    expect(plan(orOf(CHROMA_FILTER_LIMITS.maximumConditions - 1)).kind).toBe("where");
    expect(plan(orOf(CHROMA_FILTER_LIMITS.maximumConditions)).kind).toBe("scan");
    expect(plan(inOf(CHROMA_FILTER_LIMITS.maximumValues)).kind).toBe("where");
    expect(plan(inOf(CHROMA_FILTER_LIMITS.maximumValues + 1)).kind).toBe("scan");
  });

  it("never sends an or of 20,000 terms or an in of 20,000 values (they crashed Chroma or failed with HTTP 500)", () => {
    const cases: Array<[unknown, boolean]> = [
      [orOf(20_000), true],
      [inOf(20_000), true],
      [{ field: "Rating", operator: "nin", value: inOf(20_000).Rating }, false],
    ];
    for (const [filter, matchesInside] of cases) {
      const result = plan(filter);
      expect(result.kind).toBe("scan");
      if (result.kind === "scan") {
        expect(result.reason).toContain("too large");
        expect(result.predicate({ Rating: 19_999 })).toBe(matchesInside);
        expect(result.predicate({ Rating: 20_000 })).toBe(!matchesInside);
      }
    }
  });

  it("counts the values of every list together, and the conditions of nested clauses", () => {
    const half = CHROMA_FILTER_LIMITS.maximumValues / 2 + 1;
    expect(
      plan({ or: [{ a: Array.from({ length: half }, (_, index) => index) }, { b: Array.from({ length: half }, (_, index) => index) }] })
        .kind,
    ).toBe("scan");
    expect(measureWhere({ $and: [{ a: { $eq: 1 } }, { $or: [{ b: { $in: [1, 2, 3] } }, { c: { $ne: "x" } }] }] })).toEqual({
      conditions: 5,
      values: 3,
    });
  });

  it("narrows the store's metadata read with the conjuncts Chroma can evaluate exactly", () => {
    const result = plan({ and: [{ movie: 3 }, inOf(20_000)] });
    expect(result.kind).toBe("scan");
    expect(result.kind === "scan" ? result.prefilter : undefined).toEqual({ movie: { $eq: 3 } });
    const none = plan(orOf(5_000));
    expect(none.kind === "scan" ? none.prefilter : "not a scan").toBeUndefined();
  });
});
