import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  andFilters,
  compileFilter,
  describeFilter,
  filterExpressionSchema,
  filterFields,
  MAX_FILTER_DEPTH,
  parseFilter,
  type FilterExpression,
} from "./index.js";
import { ErrorCodes } from "../errors/index.js";
import { codeOf } from "../../../test/support/error-code.js";

const review = { movie: 3, Rating: 8, Author: "lnvicta", review_year: 2019, tags: ["action", "sequel"], title: "Kinetic and stylish" };

function matches(filter: unknown, metadata: Record<string, unknown> = review): boolean {
  return compileFilter(parseFilter(filter))(metadata);
}

describe("parseFilter", () => {
  it("reads the benchmark's gold-filter shorthand", () => {
    expect(parseFilter({ movie: [3], rating: { gt: 7 } })).toEqual({
      and: [
        { field: "movie", operator: "in", value: [3] },
        { field: "rating", operator: "gt", value: 7 },
      ],
    });
    expect(parseFilter({ author: "lnvicta" })).toEqual({ field: "author", operator: "eq", value: "lnvicta" });
  });

  it("accepts $-prefixed operators and combinators as in Chroma and MongoDB", () => {
    expect(parseFilter({ $or: [{ movie: 1 }, { Rating: { $gte: 9 } }] })).toEqual({
      or: [
        { field: "movie", operator: "eq", value: 1 },
        { field: "Rating", operator: "gte", value: 9 },
      ],
    });
    expect(parseFilter({ $not: { movie: 4 } })).toEqual({ not: { field: "movie", operator: "eq", value: 4 } });
  });

  it("returns canonical filters unchanged", () => {
    const canonical: FilterExpression = {
      not: {
        or: [
          { field: "movie", operator: "in", value: [1, 2] },
          { field: "Rating", operator: "lt", value: 3 },
        ],
      },
    };
    expect(parseFilter(canonical)).toEqual(canonical);
  });

  it.each([
    ["an unknown operator", { Rating: { greater: 7 } }, "Rating.greater"],
    ["a non-finite number", { Rating: { gt: Number.NaN } }, "Rating.gt"],
    ["an object as value", { field: "Rating", operator: "eq", value: { a: 1 } }, ""],
    ["an empty in list", { movie: { in: [] } }, "movie.in"],
    ["a list for gt", { Rating: { gt: [1, 2] } }, "Rating.gt"],
    ["a boolean for lt", { Rating: { lt: true } }, "Rating.lt"],
    ["an empty object", {}, ""],
    ["an unknown combinator", { $xor: [] }, "$xor"],
    ["a string", "Rating > 7", ""],
    ["an empty and", { and: [] }, "and"],
  ])("rejects %s with INVALID_FILTER and the path", (_label, input, path) => {
    try {
      parseFilter(input);
      expect.unreachable();
    } catch (error) {
      expect((error as { code: string }).code).toBe(ErrorCodes.INVALID_FILTER);
      expect((error as { path: string }).path).toBe(path);
    }
  });

  it("names the likely key, operator or combinator of a typo", () => {
    const messageOf = (input: unknown) => {
      try {
        parseFilter(input);
      } catch (error) {
        return (error as Error).message;
      }
      return "no error";
    };
    expect(messageOf({ field: "Rating", operator: "gte", valeu: 7 })).toContain('did you mean "value"?');
    expect(messageOf({ field: "Rating", operator: "gtee", value: 7 })).toContain('did you mean "gte"?');
    expect(messageOf({ Rating: { contians: "x" } })).toContain('did you mean "contains"?');
    expect(messageOf({ $andd: [] })).toContain('did you mean "$and"?');
    expect(messageOf({ $between: [] })).not.toContain("did you mean");
  });

  it("rejects filters nested deeper than the limit", () => {
    let deep: unknown = { movie: 1 };
    for (let level = 0; level <= MAX_FILTER_DEPTH + 1; level += 1) deep = { not: deep };
    expect(codeOf(() => parseFilter(deep))).toBe(ErrorCodes.INVALID_FILTER);
  });
});

describe("compileFilter", () => {
  it.each([
    [{ movie: 3 }, true],
    [{ movie: 4 }, false],
    [{ movie: [2, 3] }, true],
    [{ movie: { nin: [3] } }, false],
    [{ Rating: { gt: 7 } }, true],
    [{ Rating: { gt: 8 } }, false],
    [{ Rating: { gte: 8, lte: 8 } }, true],
    [{ Rating: { lt: 8 } }, false],
    [{ Rating: { ne: 8 } }, false],
    [{ tags: { contains: "sequel" } }, true],
    [{ tags: "action" }, true],
    [{ title: { contains: "stylish" } }, true],
    [{ title: { contains: "dull" } }, false],
    [{ Author: { gt: "a" } }, true],
    [{ Rating: { gt: "7" } }, false],
    [{ missing: { ne: 1 } }, true],
    [{ missing: { nin: [1] } }, true],
    [{ missing: 1 }, false],
    [{ missing: { lt: 10 } }, false],
    [{ $or: [{ movie: 1 }, { movie: 2 }] }, false],
    [{ $or: [{ movie: 1 }, { Rating: 8 }] }, true],
    [{ $not: { movie: 3 } }, false],
  ])("%j -> %s", (filter, expected) => {
    expect(matches(filter)).toBe(expected);
  });
});

describe("andFilters", () => {
  it("skips absent filters and flattens nested ands", () => {
    expect(andFilters(null, undefined)).toBeNull();
    const base = parseFilter({ tenant: "a" });
    expect(andFilters(base, null)).toBe(base);
    expect(andFilters(base, parseFilter({ movie: 1, Rating: 5 }))).toEqual({
      and: [
        { field: "tenant", operator: "eq", value: "a" },
        { field: "movie", operator: "eq", value: 1 },
        { field: "Rating", operator: "eq", value: 5 },
      ],
    });
  });
});

describe("describeFilter and filterFields", () => {
  it("renders a readable one-liner and lists fields", () => {
    const filter = parseFilter({ movie: [3], $or: [{ Rating: { gt: 7 } }, { $not: { Author: "x" } }] });
    expect(describeFilter(filter)).toBe('movie in [3] AND (Rating > 7 OR NOT (Author = "x"))');
    expect(filterFields(filter)).toEqual(["movie", "Rating", "Author"]);
  });
});

// ---------------------------------------------------------------- property tests

const fields = ["movie", "Rating", "Author", "tags"] as const;
const scalar = fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constantFrom("a", "b", "lnvicta"), fc.boolean());
const comparisonArbitrary: fc.Arbitrary<FilterExpression> = fc.oneof(
  fc.record({
    field: fc.constantFrom(...fields),
    operator: fc.constantFrom("eq" as const, "ne" as const, "contains" as const),
    value: scalar,
  }),
  fc.record({
    field: fc.constantFrom(...fields),
    operator: fc.constantFrom("gt" as const, "gte" as const, "lt" as const, "lte" as const),
    value: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constantFrom("a", "m")),
  }),
  fc.record({
    field: fc.constantFrom(...fields),
    operator: fc.constantFrom("in" as const, "nin" as const),
    value: fc.array(scalar, { minLength: 1, maxLength: 3 }),
  }),
);
const { filter: filterArbitrary } = fc.letrec<{ filter: FilterExpression }>((tie) => ({
  filter: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    comparisonArbitrary,
    fc.record({ and: fc.array(tie("filter"), { minLength: 1, maxLength: 3 }) }),
    fc.record({ or: fc.array(tie("filter"), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie("filter") }),
  ),
}));
const metadataArbitrary = fc.record(
  {
    movie: fc.integer({ min: 0, max: 10 }),
    Rating: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constant("7")),
    Author: fc.constantFrom("a", "b", "lnvicta", "zed"),
    tags: fc.array(fc.constantFrom("a", "b"), { maxLength: 2 }),
  },
  { requiredKeys: [] },
);

describe("filter properties", () => {
  it("canonical filters survive parse, and the zod schema accepts what parse returns", () => {
    fc.assert(
      fc.property(filterArbitrary, (filter) => {
        const parsed = parseFilter(filter);
        expect(parsed).toEqual(filter);
        expect(filterExpressionSchema.safeParse(parsed).success).toBe(true);
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it("not, and, or follow boolean logic", () => {
    fc.assert(
      fc.property(filterArbitrary, filterArbitrary, metadataArbitrary, (left, right, metadata) => {
        const a = compileFilter(left)(metadata);
        const b = compileFilter(right)(metadata);
        expect(compileFilter({ not: left })(metadata)).toBe(!a);
        expect(compileFilter({ and: [left, right] })(metadata)).toBe(a && b);
        expect(compileFilter({ or: [left, right] })(metadata)).toBe(a || b);
        expect(compileFilter(andFilters(left, right) as FilterExpression)(metadata)).toBe(a && b);
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it("a base filter can only narrow: andFilters(base, anything) never matches what base rejects", () => {
    fc.assert(
      fc.property(filterArbitrary, filterArbitrary, metadataArbitrary, (base, other, metadata) => {
        if (!compileFilter(base)(metadata)) expect(compileFilter(andFilters(base, other) as FilterExpression)(metadata)).toBe(false);
      }),
      { numRuns: 500, seed: 11 },
    );
  });

  it("random JSON never crashes the parser: it returns a valid filter or throws INVALID_FILTER", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        try {
          const parsed = parseFilter(value);
          expect(filterExpressionSchema.safeParse(parsed).success).toBe(true);
        } catch (error) {
          expect((error as { code?: string }).code).toBe(ErrorCodes.INVALID_FILTER);
        }
      }),
      { numRuns: 1000, seed: 3 },
    );
  });
});
