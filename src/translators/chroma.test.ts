import fc from "fast-check";
import type { Where } from "chromadb";
import { describe, expect, it } from "vitest";
import { compileFilter, ErrorCodes, type FilterExpression, type FilterScalar } from "../core/index.js";
import { chromaWhereIsExact, toChromaWhere } from "./chroma.js";

/**
 * A small reference evaluator of Chroma `where` semantics (chromadb >= 0.5.12 / 3.0), written for
 * these tests. It also enforces Chroma's validation rules, so a translation Chroma would reject
 * fails here: one key per clause object, `$and`/`$or` with at least two clauses, ordering operators
 * on numbers only, non-empty single-type `$in`/`$nin` lists, scalar metadata.
 */
type Metadata = Record<string, FilterScalar>;

function chromaMatches(where: Where, metadata: Metadata): boolean {
  const keys = Object.keys(where);
  if (keys.length !== 1) throw new Error(`Chroma expects exactly one key per where clause, got ${JSON.stringify(where)}`);
  const key = keys[0] as string;
  const operand = (where as Record<string, unknown>)[key];
  if (key === "$and" || key === "$or") {
    if (!Array.isArray(operand) || operand.length < 2)
      throw new Error(`Chroma needs at least two clauses in ${key}: ${JSON.stringify(where)}`);
    const results = (operand as Where[]).map((clause) => chromaMatches(clause, metadata));
    return key === "$and" ? results.every(Boolean) : results.some(Boolean);
  }
  if (key.startsWith("$")) throw new Error(`unknown top-level operator ${key}`);
  const present = Object.hasOwn(metadata, key);
  const actual = metadata[key];
  if (typeof operand !== "object" || operand === null) return present && actual === operand; // implicit $eq
  const operators = Object.keys(operand);
  if (operators.length !== 1) throw new Error(`Chroma expects one operator per field, got ${JSON.stringify(operand)}`);
  const operator = operators[0] as string;
  const value = (operand as Record<string, unknown>)[operator];
  switch (operator) {
    case "$eq":
      return present && actual === value;
    case "$ne":
      return !present || actual !== value; // a missing key matches $ne (Chroma >= 0.5.12)
    case "$gt":
    case "$gte":
    case "$lt":
    case "$lte": {
      if (typeof value !== "number") throw new Error(`Chroma compares ${operator} on numbers only, got ${JSON.stringify(value)}`);
      if (!present || typeof actual !== "number") return false;
      return operator === "$gt"
        ? actual > value
        : operator === "$gte"
          ? actual >= value
          : operator === "$lt"
            ? actual < value
            : actual <= value;
    }
    case "$in":
    case "$nin": {
      if (!Array.isArray(value) || value.length === 0) throw new Error(`Chroma needs a non-empty list for ${operator}`);
      const kinds = new Set(value.map((item) => (typeof item === "number" ? (Number.isInteger(item) ? "int" : "float") : typeof item)));
      if (kinds.size !== 1) throw new Error(`Chroma needs a single-type list for ${operator}, got ${JSON.stringify(value)}`);
      const listed = present && value.includes(actual);
      return operator === "$in" ? listed : !listed;
    }
    default:
      throw new Error(`unknown operator ${operator}`);
  }
}

const FIELDS = ["a", "b", "c"] as const;
const scalarArbitrary: fc.Arbitrary<FilterScalar> = fc.oneof(
  fc.integer({ min: 0, max: 4 }),
  fc.constantFrom(0.5, 2.5),
  fc.constantFrom("x", "y", "2"),
  fc.boolean(),
);
const numberArbitrary = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constantFrom(0.5, 2.5));

const comparisonArbitrary: fc.Arbitrary<FilterExpression> = fc.oneof(
  fc.record({ field: fc.constantFrom(...FIELDS), operator: fc.constantFrom("eq" as const, "ne" as const), value: scalarArbitrary }),
  fc.record({
    field: fc.constantFrom(...FIELDS),
    operator: fc.constantFrom("gt" as const, "gte" as const, "lt" as const, "lte" as const),
    value: numberArbitrary,
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

/** Metadata where a field may be missing or hold any type. */
const raggedMetadataArbitrary: fc.Arbitrary<Metadata> = fc.record(
  { a: scalarArbitrary, b: scalarArbitrary, c: scalarArbitrary },
  { requiredKeys: [] },
);

/** Fields under a negated ordering comparison (where Chroma can only be exact for numbers). */
function negatedOrderingFields(filter: FilterExpression, negated = false, fields = new Set<string>()): Set<string> {
  if ("operator" in filter) {
    if (negated && ["gt", "gte", "lt", "lte"].includes(filter.operator)) fields.add(filter.field);
  } else if ("not" in filter) negatedOrderingFields(filter.not, !negated, fields);
  else for (const child of "and" in filter ? filter.and : filter.or) negatedOrderingFields(child, negated, fields);
  return fields;
}

describe("toChromaWhere", () => {
  it("agrees with compileFilter (property, any metadata)", () => {
    fc.assert(
      fc.property(filterArbitrary, fc.array(raggedMetadataArbitrary, { minLength: 1, maxLength: 8 }), (filter, records) => {
        const where = toChromaWhere(filter) as Where;
        const expected = compileFilter(filter);
        const exact = chromaWhereIsExact(filter);
        const numericFields = negatedOrderingFields(filter);
        expect(exact).toBe(numericFields.size === 0);
        for (const metadata of records) {
          const inMemory = expected(metadata);
          const chroma = chromaMatches(where, metadata);
          const fieldsAreNumbers = [...numericFields].every((field) => typeof metadata[field] === "number");
          if (exact || fieldsAreNumbers) expect(chroma).toBe(inMemory);
          // Otherwise Chroma can only be stricter: a negated ordering never matches a missing field.
          else if (chroma) expect(inMemory).toBe(true);
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it("does not wrap a single condition and wraps several", () => {
    expect(toChromaWhere({ field: "movie", operator: "eq", value: 3 })).toEqual({ movie: { $eq: 3 } });
    expect(toChromaWhere({ and: [{ field: "movie", operator: "eq", value: 3 }] })).toEqual({ movie: { $eq: 3 } });
    expect(
      toChromaWhere({
        and: [
          { field: "movie", operator: "eq", value: 3 },
          { field: "Rating", operator: "gt", value: 7 },
        ],
      }),
    ).toEqual({ $and: [{ movie: { $eq: 3 } }, { Rating: { $gt: 7 } }] });
  });

  it("flattens nested and/or", () => {
    const where = toChromaWhere({
      and: [
        { field: "a", operator: "eq", value: 1 },
        {
          and: [
            { field: "b", operator: "eq", value: 2 },
            { field: "c", operator: "eq", value: 3 },
          ],
        },
      ],
    });
    expect(where).toEqual({ $and: [{ a: { $eq: 1 } }, { b: { $eq: 2 } }, { c: { $eq: 3 } }] });
  });

  it("pushes not down with De Morgan and operator negation", () => {
    expect(toChromaWhere({ not: { field: "movie", operator: "eq", value: 4 } })).toEqual({ movie: { $ne: 4 } });
    expect(toChromaWhere({ not: { field: "movie", operator: "in", value: [1, 2] } })).toEqual({ movie: { $nin: [1, 2] } });
    expect(toChromaWhere({ not: { not: { field: "Rating", operator: "gt", value: 7 } } })).toEqual({ Rating: { $gt: 7 } });
    expect(
      toChromaWhere({
        not: {
          and: [
            { field: "movie", operator: "eq", value: 3 },
            {
              or: [
                { field: "Rating", operator: "gte", value: 8 },
                { field: "Author", operator: "ne", value: "x" },
              ],
            },
          ],
        },
      }),
    ).toEqual({ $or: [{ movie: { $ne: 3 } }, { $and: [{ Rating: { $lt: 8 } }, { Author: { $eq: "x" } }] }] });
  });

  it("splits mixed-type lists, as Chroma needs one type per list", () => {
    expect(toChromaWhere({ field: "a", operator: "in", value: ["x", 1, true, 2, 0.5] })).toEqual({
      $or: [{ a: { $in: ["x"] } }, { a: { $in: [1, 2] } }, { a: { $in: [true] } }, { a: { $in: [0.5] } }],
    });
    expect(toChromaWhere({ field: "a", operator: "nin", value: ["x", 1] })).toEqual({
      $and: [{ a: { $nin: ["x"] } }, { a: { $nin: [1] } }],
    });
  });

  it("gives undefined for no filter", () => {
    expect(toChromaWhere(null)).toBeUndefined();
    expect(toChromaWhere(undefined)).toBeUndefined();
  });

  it.each<[string, FilterExpression, string]>([
    ["contains", { field: "tags", operator: "contains", value: "x" }, "operator"],
    ["negated contains", { not: { field: "tags", operator: "contains", value: "x" } }, "not.operator"],
    ["string ordering", { field: "Review_Date", operator: "gt", value: "2019" }, "value"],
    [
      "empty list",
      {
        and: [
          { field: "a", operator: "eq", value: 1 },
          { field: "a", operator: "in", value: [] },
        ],
      },
      "and[1].value",
    ],
    ["reserved field", { field: "$or", operator: "eq", value: 1 }, "field"],
  ])("rejects %s with INVALID_FILTER", (_name, filter, path) => {
    expect(() => toChromaWhere(filter)).toThrow(expect.objectContaining({ code: ErrorCodes.INVALID_FILTER, path }));
  });
});

describe("chromaWhereIsExact", () => {
  it("is false only when a negated ordering comparison is pushed down", () => {
    expect(chromaWhereIsExact(null)).toBe(true);
    expect(chromaWhereIsExact({ not: { field: "movie", operator: "eq", value: 4 } })).toBe(true);
    expect(chromaWhereIsExact({ field: "Rating", operator: "gt", value: 7 })).toBe(true);
    expect(chromaWhereIsExact({ not: { field: "Rating", operator: "gt", value: 7 } })).toBe(false);
    expect(chromaWhereIsExact({ not: { not: { field: "Rating", operator: "gt", value: 7 } } })).toBe(true);
  });

  it("documents the difference on a document without the field", () => {
    const filter: FilterExpression = { not: { field: "Rating", operator: "gt", value: 7 } };
    expect(compileFilter(filter)({})).toBe(true);
    expect(chromaMatches(toChromaWhere(filter) as Where, {})).toBe(false);
  });
});
