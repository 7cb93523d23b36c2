import fc from "fast-check";
import { Comparison, Operation, StructuredQuery } from "@langchain/core/structured_query";
import { describe, expect, it } from "vitest";
import { compileFilter, ErrorCodes, type FilterExpression, type FilterScalar } from "../core/index.js";
import { epochDay } from "../self-query/index.js";
import { johnWickAttributes } from "../datasets/john-wick/attributes.js";
import { fromLangChainFilter, fromStructuredQuery, toLangChainFilter, toStructuredQuery } from "./langchain.js";
import { normalizeFilter } from "./normalize-filter.js";

const FIELDS = ["a", "b", "c"] as const;
const scalarArbitrary: fc.Arbitrary<FilterScalar> = fc.oneof(
  fc.integer({ min: -3, max: 5 }),
  fc.constantFrom(0.5, "x", "y", ""),
  fc.boolean(),
);
const numberOrText = fc.oneof(fc.integer({ min: -3, max: 5 }), fc.constantFrom(0.5, "x", "y"));

const comparisonArbitrary: fc.Arbitrary<FilterExpression> = fc.oneof(
  fc.record({ field: fc.constantFrom(...FIELDS), operator: fc.constantFrom("eq" as const, "ne" as const), value: scalarArbitrary }),
  fc.record({
    field: fc.constantFrom(...FIELDS),
    operator: fc.constantFrom("gt" as const, "gte" as const, "lt" as const, "lte" as const),
    value: numberOrText,
  }),
  fc.record({
    field: fc.constantFrom(...FIELDS),
    operator: fc.constantFrom("in" as const, "nin" as const),
    value: fc.array(scalarArbitrary, { minLength: 1, maxLength: 4 }),
  }),
);

const filterArbitrary: fc.Arbitrary<FilterExpression> = fc.letrec<{ node: FilterExpression }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    comparisonArbitrary,
    fc.record({ and: fc.array(tie("node"), { minLength: 1, maxLength: 3 }) }),
    fc.record({ or: fc.array(tie("node"), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie("node") }),
  ),
})).node;

/** Metadata with missing fields, mixed types and arrays (the in-memory store allows arrays). */
const metadataArbitrary = fc.record(
  { a: fc.oneof(scalarArbitrary, fc.array(scalarArbitrary, { maxLength: 3 })), b: scalarArbitrary, c: scalarArbitrary },
  { requiredKeys: [] },
);

describe("LangChain structured query translation", () => {
  it("round-trips ours → LangChain → ours, identical up to normalization (property)", () => {
    fc.assert(
      fc.property(filterArbitrary, (filter) => {
        const back = fromLangChainFilter(toLangChainFilter(filter));
        expect(back).not.toBeNull();
        expect(normalizeFilter(back as FilterExpression)).toEqual(normalizeFilter(filter));
      }),
      { numRuns: 1_000 },
    );
  });

  it("keeps the meaning through the round trip and through normalization (property)", () => {
    fc.assert(
      fc.property(filterArbitrary, fc.array(metadataArbitrary, { minLength: 1, maxLength: 6 }), (filter, records) => {
        const original = compileFilter(filter);
        const roundTripped = compileFilter(fromLangChainFilter(toLangChainFilter(filter)) as FilterExpression);
        const normalized = compileFilter(normalizeFilter(filter));
        for (const metadata of records) {
          expect(roundTripped(metadata)).toBe(original(metadata));
          expect(normalized(metadata)).toBe(original(metadata));
        }
      }),
      { numRuns: 500 },
    );
  });

  it("round-trips a StructuredQuery", () => {
    const filter: FilterExpression = {
      and: [
        { field: "movie", operator: "in", value: [1, 2] },
        { field: "Rating", operator: "gte", value: 8 },
      ],
    };
    const structured = toStructuredQuery("car chase", filter);
    expect(structured).toBeInstanceOf(StructuredQuery);
    expect(fromStructuredQuery(structured)).toEqual({ query: "car chase", filter });
    expect(fromStructuredQuery(toStructuredQuery("x", null))).toEqual({ query: "x", filter: null });
  });

  it("writes in/nin as or-of-eq / and-of-ne", () => {
    const directive = toLangChainFilter({ field: "movie", operator: "in", value: [1, 2] });
    expect(directive).toEqual(new Operation("or", [new Comparison("eq", "movie", 1), new Comparison("eq", "movie", 2)]));
    expect(toLangChainFilter({ field: "movie", operator: "nin", value: [4] })).toEqual(new Comparison("ne", "movie", 4));
    expect(toLangChainFilter(null)).toBeUndefined();
  });

  it("rejects contains, which LangChain's IR cannot express", () => {
    expect(() => toLangChainFilter({ not: { field: "tags", operator: "contains", value: "x" } })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_FILTER, path: "not.operator" }),
    );
  });

  it("gives an `or` of two non-matching comparisons no matches (unlike FunctionalTranslator)", () => {
    const directive = new Operation("or", [new Comparison("eq", "movie", 5), new Comparison("eq", "movie", 6)]);
    const matches = compileFilter(fromLangChainFilter(directive) as FilterExpression);
    const documents = [1, 2, 3, 4].map((movie) => ({ movie, Rating: 7 }));
    expect(documents.filter(matches)).toEqual([]);
    expect(matches({ movie: 6 })).toBe(true);
  });

  it.each<[string, unknown, string]>([
    ["an unknown comparator", new Comparison("like" as never, "a", "x"), "comparator"],
    ["an empty or", new Operation("or", []), "or"],
    ["an and without arguments", new Operation("and"), "and"],
    ["not with two arguments", new Operation("not", [new Comparison("eq", "a", 1), new Comparison("eq", "b", 1)]), "not"],
    ["an unknown operator", new Operation("xor" as never, [new Comparison("eq", "a", 1)]), "operator"],
    ["an array value", new Operation("and", [new Comparison("eq", "a", 1), new Comparison("eq", "a", [1, 2] as never)]), "and[1].value"],
    ["not a directive", { foo: 1 }, ""],
  ])("rejects %s with INVALID_FILTER", (_name, directive, path) => {
    expect(() => fromLangChainFilter(directive as never)).toThrow(expect.objectContaining({ code: ErrorCodes.INVALID_FILTER, path }));
  });
});

describe("fromLangChainFilter with an attribute schema", () => {
  const attributes = johnWickAttributes();
  attributes.attributes.find((attribute) => attribute.name === "Author")?.values.push({ value: "lowercase_name", aliases: [] });
  const read = (directive: Comparison | Operation) => fromLangChainFilter(directive, { attributes });

  it("reads values in the attribute's type", () => {
    expect(read(new Comparison("gt", "rating", "7"))).toEqual({ field: "Rating", operator: "gt", value: 7 });
    expect(read(new Comparison("eq", "movie", "Parabellum"))).toEqual({ field: "movie", operator: "eq", value: 3 });
    expect(read(new Comparison("eq", "movie", "3"))).toEqual({ field: "movie", operator: "eq", value: 3 });
    expect(read(new Comparison("eq", "author", "LOWERCASE_NAME"))).toEqual({ field: "Author", operator: "eq", value: "lowercase_name" });
  });

  it("reads dates as epoch days and years on the year field", () => {
    const day = epochDay(2019, 5, 1);
    expect(read(new Comparison("gte", "review_day", { date: "2019-05-01", type: "date" } as never))).toEqual({
      field: "review_day",
      operator: "gte",
      value: day,
    });
    expect(read(new Comparison("lt", "Review_Date", "1 May 2019"))).toEqual({ field: "review_day", operator: "lt", value: day });
    expect(read(new Comparison("eq", "Review_Date", 2015))).toEqual({ field: "review_year", operator: "eq", value: 2015 });
    expect(read(new Comparison("gt", "review_year", "2019"))).toEqual({ field: "review_year", operator: "gt", value: 2019 });
  });

  it.each<[string, Comparison, string]>([
    ["an unknown attribute", new Comparison("eq", "genre", "action"), "attribute"],
    ["a film that does not exist", new Comparison("eq", "movie", "Chapter 9"), "value"],
    ["a rating that is not a number", new Comparison("gt", "Rating", "high"), "value"],
    ["a date that is not a date", new Comparison("gt", "review_day", "soon"), "value"],
  ])("rejects %s", (_name, directive, path) => {
    expect(() => read(directive)).toThrow(expect.objectContaining({ code: ErrorCodes.INVALID_FILTER, path }));
  });
});

describe("normalizeFilter", () => {
  it("flattens, unwraps and folds lists", () => {
    expect(
      normalizeFilter({
        and: [
          { and: [{ field: "a", operator: "in", value: [1] }] },
          { or: [{ field: "b", operator: "eq", value: 1 }, { or: [{ field: "b", operator: "eq", value: 2 }] }] },
          {
            and: [
              { field: "c", operator: "ne", value: 1 },
              { field: "c", operator: "ne", value: 2 },
            ],
          },
        ],
      }),
    ).toEqual({
      and: [
        { field: "a", operator: "eq", value: 1 },
        { field: "b", operator: "in", value: [1, 2] },
        { field: "c", operator: "nin", value: [1, 2] },
      ],
    });
  });
});
