import { johnWickAttributes } from "../../src/datasets/john-wick/attributes.js";
import { describe, expect, it } from "vitest";
import { ErrorCodes } from "../../src/core/index.js";
import {
  buildVocabulary,
  defineAttributeSchema,
  epochDay,
  epochDayToIsoDate,
  filterableFields,
  findAttribute,
  parseCalendarText,
  toAttributeInfo,
  type AttributeSchema,
} from "../../src/self-query/index.js";

describe("defineAttributeSchema", () => {
  it("fills defaults", () => {
    const schema = defineAttributeSchema({
      documentContents: "docs",
      attributes: [{ name: "year", type: "integer", description: "the year" }],
    });
    expect(schema.attributes[0]).toEqual({
      name: "year",
      type: "integer",
      description: "the year",
      aliases: [],
      units: [],
      values: [],
      vocabularyFromDocuments: false,
    });
  });

  it.each([
    [{ documentContents: "docs", attributes: [] }, "attributeSchema.attributes"],
    [
      { documentContents: "docs", attributes: [{ name: "genre", type: "enum", description: "genre" }] },
      "attributeSchema.attributes.0.values",
    ],
    [{ documentContents: "docs", attributes: [{ name: "x", type: "color", description: "x" }] }, "attributeSchema.attributes.0.type"],
    [
      { documentContents: "docs", attributes: [{ name: "x", type: "number", description: "x", minimum: 5, maximum: 1 }] },
      "attributeSchema.attributes.0.maximum",
    ],
    [
      { documentContents: "docs", attributes: [{ name: "x", type: "string", description: "x", yearField: "y" }] },
      "attributeSchema.attributes.0.yearField",
    ],
    [
      { documentContents: "docs", attributes: [{ name: "x", type: "string", description: "x", values: [{ value: 3 }] }] },
      "attributeSchema.attributes.0.values.0.value",
    ],
    [
      {
        documentContents: "docs",
        attributes: [
          { name: "x", type: "string", description: "x" },
          { name: "x", type: "integer", description: "again" },
        ],
      },
      "attributeSchema.attributes.1.name",
    ],
    [
      { documentContents: "docs", attributes: [{ name: "x", type: "string", description: "x", unknownKey: 1 }] },
      "attributeSchema.attributes.0",
    ],
  ])("rejects %j at %s", (input, option) => {
    expect(() => defineAttributeSchema(input as never)).toThrow(expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, option }));
  });
});

describe("boolean attributes", () => {
  it("take true/false values only, and describe themselves as booleans", () => {
    const schema = defineAttributeSchema({
      documentContents: "A product",
      attributes: [
        {
          name: "in_stock",
          type: "boolean",
          description: "Whether it is in stock",
          aliases: ["in stock"],
          values: [{ value: false, aliases: ["sold out"] }],
        },
      ],
    });
    expect(toAttributeInfo(schema)).toEqual([{ name: "in_stock", type: "boolean", description: "Whether it is in stock (true or false)" }]);
    expect(() =>
      defineAttributeSchema({
        documentContents: "A product",
        attributes: [{ name: "in_stock", type: "boolean", description: "Stock", values: [{ value: "yes" }] }],
      }),
    ).toThrow(expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, option: "attributeSchema.attributes.0.values.0.value" }));
  });
});

describe("johnWickAttributes", () => {
  const schema = johnWickAttributes();

  it("describes the loader's metadata fields", () => {
    expect(filterableFields(schema)).toEqual(["movie", "Rating", "review_day", "review_year", "Author", "Review_Title"]);
    expect(findAttribute(schema, "review_year")?.name).toBe("review_day");
    expect(findAttribute(schema, "Rating")).toMatchObject({ type: "integer", minimum: 1, maximum: 10 });
    expect(findAttribute(schema, "Rating")?.aliases).toEqual(
      expect.arrayContaining(["score", "stars", "rated", "rating", "grade", "marks"]),
    );
  });

  it("names every film several ways", () => {
    const movie = findAttribute(schema, "movie");
    const third = movie?.values.find((entry) => entry.value === 3);
    expect(third?.aliases).toEqual(
      expect.arrayContaining(["John Wick 3", "Chapter 3", "Parabellum", "the third film", "third movie", "JW3"]),
    );
  });

  it("is a fresh copy each time", () => {
    const first = johnWickAttributes();
    first.attributes[0]?.aliases.push("changed");
    expect(johnWickAttributes().attributes[0]?.aliases).not.toContain("changed");
  });

  it("describes fields for a prompt", () => {
    const info = toAttributeInfo(schema);
    expect(info.map((entry) => entry.name)).toEqual(["movie", "Rating", "review_day", "review_year", "Author", "Review_Title"]);
    expect(info.find((entry) => entry.name === "movie")?.description).toContain("3 (John Wick: Chapter 3 - Parabellum (2019))");
    expect(info.find((entry) => entry.name === "review_day")?.description).toContain("days since 1970-01-01");
    expect(info.find((entry) => entry.name === "Rating")?.description).toContain("(1 to 10)");
  });
});

describe("buildVocabulary", () => {
  const schema = johnWickAttributes();
  const documents = [
    { metadata: { Author: "zed", movie: 1 } },
    { metadata: { Author: "amy", movie: 5 } },
    { metadata: { Author: "zed", movie: 2 } },
    { metadata: { Author: 42, movie: "x" } },
    { metadata: { Author: "  " } },
    { metadata: {} },
  ];

  it("reads distinct string values, sorted, and keeps enum values with their aliases", () => {
    const built = buildVocabulary(documents, schema);
    expect(findAttribute(built, "Author")?.values).toEqual([
      { value: "amy", aliases: [] },
      { value: "zed", aliases: [] },
    ]);
    const movie = findAttribute(built, "movie");
    expect(movie?.values.map((entry) => entry.value)).toEqual([1, 2, 3, 4, 5, "x"]);
    expect(movie?.values[2]?.aliases).toContain("Parabellum");
    expect(findAttribute(built, "Review_Title")?.values).toEqual([]);
  });

  it("does not change the schema it was given", () => {
    buildVocabulary(documents, schema);
    expect(findAttribute(schema, "Author")?.values).toEqual([]);
  });

  it("refuses a field with too many distinct values", () => {
    const many = Array.from({ length: 5 }, (_, index) => ({ metadata: { Author: `author-${index}` } }));
    expect(() => buildVocabulary(many, schema, { maximumValues: 3 })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, option: "attributeSchema.attributes.3.vocabularyFromDocuments" }),
    );
    expect(() => buildVocabulary(many, schema, { maximumValues: 0 })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, option: "maximumValues" }),
    );
  });

  it("accepts a custom schema", () => {
    const custom: AttributeSchema = defineAttributeSchema({
      documentContents: "products",
      attributes: [{ name: "brand", type: "string", description: "brand", vocabularyFromDocuments: true }],
    });
    expect(findAttribute(buildVocabulary([{ metadata: { brand: "Acme" } }], custom), "brand")?.values).toEqual([
      { value: "Acme", aliases: [] },
    ]);
  });
});

describe("calendar", () => {
  it("counts days since 1970-01-01 UTC", () => {
    expect(epochDay(1970, 1, 1)).toBe(0);
    expect(epochDay(2015, 5, 6)).toBe(16561);
    expect(epochDayToIsoDate(16561)).toBe("2015-05-06");
  });

  it("reads written dates", () => {
    expect(parseCalendarText("2015-05-06")).toBe(16561);
    expect(parseCalendarText("6 May 2015")).toBe(16561);
    expect(parseCalendarText("May 6, 2015")).toBe(16561);
    expect(parseCalendarText("31 February 2015")).toBeUndefined();
    expect(parseCalendarText("soon")).toBeUndefined();
  });
});
