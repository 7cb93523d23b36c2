import { describe, expect, it } from "vitest";
import { ErrorCodes } from "../../core/errors/error-codes.js";
import { buildVocabulary, defineAttributeSchema } from "../attribute-schema.js";
import { johnWickAttributes } from "../../datasets/john-wick/attributes.js";
import { epochDay } from "../calendar.js";
import { repairLlmAnswer, UnusableAnswerError } from "./repair-answer.js";

const attributes = buildVocabulary([{ metadata: { Author: "lnvicta" } }, { metadata: { Author: "ChoreoNerd" } }], johnWickAttributes());
const repair = (answer: unknown, maximumLimit = 100) => repairLlmAnswer(answer, attributes, { maximumLimit });
const filterOf = (filter: unknown) => repair({ query: "q", filter, limit: null }).filter;

describe("repairLlmAnswer", () => {
  it("keeps a well-formed answer as it is", () => {
    const answer = {
      query: " fight scenes ",
      filter: {
        and: [
          { field: "movie", operator: "eq", value: 3 },
          { field: "Rating", operator: "gt", value: 7 },
        ],
      },
      limit: 3,
    };
    expect(repair(answer)).toEqual({ query: "fight scenes", filter: answer.filter, limit: 3, warnings: [] });
  });

  it("reads numbers written as text and enum values written as their names", () => {
    expect(filterOf({ field: "Rating", operator: "gt", value: "7" })).toEqual({ field: "Rating", operator: "gt", value: 7 });
    expect(filterOf({ field: "movie", operator: "eq", value: "Parabellum" })).toEqual({ field: "movie", operator: "eq", value: 3 });
    expect(filterOf({ field: "movie", operator: "in", value: ["John Wick 1", "Chapter 2", "2"] })).toEqual({
      field: "movie",
      operator: "in",
      value: [1, 2],
    });
    expect(filterOf({ field: "rating", operator: ">=", value: 8 })).toEqual({ field: "Rating", operator: "gte", value: 8 });
  });

  it('reads yes/no attributes (true, "false") and drops orderings on them', () => {
    const stock = defineAttributeSchema({
      documentContents: "A product",
      attributes: [{ name: "in_stock", type: "boolean", description: "In stock", aliases: ["in stock"] }],
    });
    const read = (filter: unknown) => repairLlmAnswer({ query: "", filter, limit: null }, stock, { maximumLimit: 10 });
    expect(read({ field: "in_stock", operator: "eq", value: true }).filter).toEqual({ field: "in_stock", operator: "eq", value: true });
    expect(read({ field: "in_stock", operator: "eq", value: "false" }).filter).toEqual({ field: "in_stock", operator: "eq", value: false });
    const ordered = read({ field: "in_stock", operator: "gt", value: true });
    expect(ordered.filter).toBeNull();
    expect(ordered.warnings.join(" ")).toContain("yes/no");
  });

  it("drops conditions on unknown attributes with a warning, keeping the rest", () => {
    const repaired = repair({
      query: "q",
      filter: {
        and: [
          { field: "movie", operator: "eq", value: 3 },
          { field: "sentiment", operator: "eq", value: "positive" },
        ],
      },
      limit: null,
    });
    expect(repaired.filter).toEqual({ field: "movie", operator: "eq", value: 3 });
    expect(repaired.warnings.join("\n")).toMatch(/sentiment/);
  });

  it("drops operators that do not fit the attribute, and unknown operators", () => {
    const repaired = repair({
      query: "q",
      filter: {
        and: [
          { field: "Author", operator: "gt", value: "a" },
          { field: "Rating", operator: "contains", value: 7 },
          { field: "Rating", operator: "regex", value: ".*" },
          { field: "Rating", operator: "lte", value: "nine" },
          { field: "movie", operator: "eq", value: 9 },
        ],
      },
      limit: null,
    });
    expect(repaired.filter).toBeNull();
    expect(repaired.warnings).toHaveLength(5);
  });

  it("reads dates given as text through the calendar", () => {
    expect(filterOf({ field: "review_day", operator: "gte", value: "2019-05-01" })).toEqual({
      field: "review_day",
      operator: "gte",
      value: epochDay(2019, 5, 1),
    });
    expect(filterOf({ field: "review_day", operator: "lt", value: "6 May 2015" })).toEqual({
      field: "review_day",
      operator: "lt",
      value: epochDay(2015, 5, 6),
    });
    expect(filterOf({ field: "review_day", operator: "eq", value: "May 2019" })).toEqual({
      and: [
        { field: "review_day", operator: "gte", value: epochDay(2019, 5, 1) },
        { field: "review_day", operator: "lte", value: epochDay(2019, 5, 31) },
      ],
    });
    expect(filterOf({ field: "review_day", operator: "gt", value: "2019-05" })).toEqual({
      field: "review_day",
      operator: "gt",
      value: epochDay(2019, 5, 31),
    });
    // A bare year on the day field means the year, not 2019 days after 1970.
    expect(filterOf({ field: "review_day", operator: "eq", value: 2019 })).toEqual({ field: "review_year", operator: "eq", value: 2019 });
    expect(filterOf({ field: "Review_Date", operator: "lt", value: "2016" })).toEqual({
      field: "review_year",
      operator: "lt",
      value: 2016,
    });
    expect(filterOf({ field: "review_year", operator: "gte", value: "2020" })).toEqual({
      field: "review_year",
      operator: "gte",
      value: 2020,
    });
    expect(filterOf({ field: "review_day", operator: "eq", value: { date: "2023-03-24", type: "date" } })).toEqual({
      field: "review_day",
      operator: "eq",
      value: epochDay(2023, 3, 24),
    });
    const vague = repair({ query: "q", filter: { field: "review_day", operator: "gt", value: "sometime last spring" }, limit: null });
    expect(vague.filter).toBeNull();
    expect(vague.warnings).toHaveLength(1);
  });

  it("accepts the shorthand and $-prefixed spellings", () => {
    expect(filterOf({ movie: [3, 4], Rating: { $gt: "7" } })).toEqual({
      and: [
        { field: "movie", operator: "in", value: [3, 4] },
        { field: "Rating", operator: "gt", value: 7 },
      ],
    });
    expect(filterOf({ $or: [{ Author: "LNVICTA" }, { Author: "choreonerd" }] })).toEqual({
      or: [
        { field: "Author", operator: "eq", value: "lnvicta" },
        { field: "Author", operator: "eq", value: "ChoreoNerd" },
      ],
    });
    expect(filterOf({ not: { movie: 4 } })).toEqual({ not: { field: "movie", operator: "eq", value: 4 } });
  });

  it("drops an or alternative that cannot be read, and a not whose inside is gone", () => {
    const repaired = repair({
      query: "q",
      filter: {
        or: [
          { field: "movie", operator: "eq", value: 1 },
          { field: "tenant", operator: "eq", value: "x" },
        ],
      },
      limit: null,
    });
    expect(repaired.filter).toEqual({ field: "movie", operator: "eq", value: 1 });
    expect(repaired.warnings.join("\n")).toMatch(/tenant/);
    expect(filterOf({ not: { field: "tenant", operator: "eq", value: "acme" } })).toBeNull();
  });

  it("repairs or drops the limit", () => {
    expect(repair({ query: "q", filter: null, limit: "5" }).limit).toBe(5);
    const capped = repair({ query: "q", filter: null, limit: 5000 }, 100);
    expect(capped.limit).toBe(100);
    expect(capped.warnings).toHaveLength(1);
    expect(repair({ query: "q", filter: null, limit: 0 }).limit).toBeUndefined();
    expect(repair({ query: "q", filter: null, limit: "many" }).limit).toBeUndefined();
    expect(repair({ query: "q", filter: null }).limit).toBeUndefined();
  });

  it("refuses only answers that are not an object with a text query", () => {
    for (const answer of [null, "text", [1], { filter: null }, { query: 3, filter: null }]) {
      expect(() => repair(answer)).toThrow(UnusableAnswerError);
    }
  });

  it("always returns a filter in the canonical language (never throws for a bad filter)", () => {
    for (const filter of [{ or: [] }, { and: [] }, {}, "movie = 3", 42, [{ movie: 3 }], { field: "movie" }, { not: null }]) {
      let result;
      try {
        result = repair({ query: "q", filter, limit: null });
      } catch (error) {
        expect.unreachable(`threw ${String(error)} (${(error as { code?: string }).code ?? ErrorCodes.INVALID_FILTER})`);
      }
      expect(result.filter === null || typeof result.filter === "object").toBe(true);
    }
  });
});
