import { describe, expect, it } from "vitest";
import { defineAttributeSchema } from "../../src/self-query/attribute-schema.js";
import { epochDay } from "../../src/self-query/calendar.js";
import { RuleBasedQueryConstructor } from "../../src/self-query/rule-based-query-constructor.js";
import { expectCases as expectPhrasingCases, selectionChecker, type GridValues, type PhrasingCase } from "./support/record-selection.js";

/**
 * Regression tests for the classes of phrasing held-out round 6 exposed, on schemas the rules were never
 * tuned on (a used-car lot and a freelance gig board), in new wordings: an alias describing the documents'
 * own noun, a city value starting a longer proper name, dates relative to now ("the current year", "since
 * last spring"), negation by "skip", "neither ... nor" and "any X but", scales shared by both ends of a
 * range, singular units, a lowercase maker before a kind, and generic posting nouns in filter-only questions.
 */
const cars = defineAttributeSchema({
  documentContents: "A used car for sale at a dealership",
  attributes: [
    {
      name: "body",
      type: "enum",
      description: "The body style",
      aliases: ["body", "body style"],
      values: [{ value: "sedan" }, { value: "hatchback" }, { value: "pickup", aliases: ["truck"] }, { value: "convertible" }],
    },
    {
      name: "make",
      type: "string",
      description: "The manufacturer",
      aliases: ["make", "maker", "brand"],
      values: ["Tessaro", "Voltan", "Marisol"].map((value) => ({ value })),
    },
    {
      name: "city",
      type: "enum",
      description: "Where the lot is",
      aliases: ["city"],
      values: ["Phoenix", "Denver", "Boston"].map((value) => ({ value })),
    },
    {
      name: "price",
      type: "number",
      description: "Price in US dollars",
      aliases: ["price", "priced"],
      units: ["$", "dollars"],
      minimum: 0,
    },
    { name: "mileage", type: "integer", description: "Odometer reading", aliases: ["mileage"], units: ["miles", "mi"], minimum: 0 },
    { name: "owners", type: "integer", description: "Previous owners", aliases: ["owners"], units: ["owners"], minimum: 0, maximum: 10 },
    { name: "listed", type: "date", description: "When it was listed", aliases: ["listed", "posted"], yearField: "listed_year" },
  ],
});

const gigs = defineAttributeSchema({
  documentContents: "A gig on a freelance marketplace",
  attributes: [
    {
      name: "level",
      type: "enum",
      description: "The experience level asked for",
      aliases: ["level"],
      values: [
        { value: "junior", aliases: ["beginner"] },
        { value: "expert", aliases: ["veteran", "seasoned"] },
      ],
    },
    {
      name: "billing",
      type: "enum",
      description: "How the gig pays",
      aliases: ["billing"],
      values: [{ value: "hourly" }, { value: "fixed-price", aliases: ["flat-fee"] }],
    },
    {
      name: "budget",
      type: "number",
      description: "Budget in US dollars",
      aliases: ["budget", "paying"],
      units: ["$", "dollars"],
      minimum: 0,
    },
  ],
});

const now = new Date(Date.UTC(2026, 10, 15, 12));
const carReader = new RuleBasedQueryConstructor({ attributes: cars, now: () => now });
const gigReader = new RuleBasedQueryConstructor({ attributes: gigs, now: () => now });

/** Every combination of a few values per field (around the constants the tests use). */
const GRID_VALUES: GridValues = {
  body: ["sedan", "hatchback", "pickup", "convertible"],
  make: ["Tessaro", "Voltan", "Marisol", "other"],
  city: ["Phoenix", "Denver", "Boston"],
  mileage: [1999, 2000, 2001, 40_000, 60_000, 89_999, 90_000, 90_001],
  owners: [0, 1, 2],
  listed: [
    epochDay(2025, 3, 1),
    epochDay(2025, 12, 31),
    epochDay(2026, 1, 1),
    epochDay(2026, 2, 28),
    epochDay(2026, 3, 1),
    epochDay(2026, 10, 1),
    epochDay(2026, 10, 31),
    epochDay(2026, 11, 2),
  ],
  level: ["junior", "expert", "other"],
  billing: ["hourly", "fixed-price"],
  budget: [999, 1000, 1001, 2999, 3000, 3001],
  category: ["road bike", "gravel bike", "cargo bike", "tandem"],
  brand: ["Velocita", "Ridgeline", "Brompton", "other"],
  reviewer: ["spokes4life", "gravelgrinder77", "Anna Berg"],
  guide: ["Pedal Party", "Hill Hoppers", "other"],
  price: [199, 200, 201, 500, 799, 800, 801, 1199, 1200, 1201, 49_999, 50_000, 50_001],
  gears: [1, 7, 8, 9, 11, 12],
  in_stock: [true, false],
  dogs_allowed: [true, false],
  released: [epochDay(2023, 12, 31), epochDay(2024, 1, 1), epochDay(2025, 9, 30), epochDay(2025, 10, 1), epochDay(2026, 3, 1)],
};

/** True when `actual` selects exactly the grid records `expected` selects (null: no filter). */
const sameSelection = selectionChecker(GRID_VALUES, 30);

const expectCases = (cases: readonly PhrasingCase[]) => expectPhrasingCases(cases, sameSelection);

describe("an alias describing the documents' own noun is the constraint", () => {
  expectCases([
    [gigReader, gigs, "seasoned voiceover gigs for audiobooks", { level: "expert" }],
    [gigReader, gigs, "openings for veteran translators of legal texts", { level: "expert" }],
    [gigReader, gigs, "flat-fee logo gigs", { billing: "fixed-price" }],
  ]);
  it("still reads an alias before a noun that is not the documents' as an adjective", () => {
    expect(gigReader.constructSync("a recipe blog about a seasoned cast iron skillet").filter).toBeNull();
  });
});

describe("a city value starting a longer proper name", () => {
  expectCases([
    [carReader, cars, "cars with a Phoenix Suns decal on the bumper", null],
    [carReader, cars, "sedans from the Boston Marathon sponsor fleet", { body: "sedan" }],
    [carReader, cars, "Denver Marisol pickups", { city: "Denver", make: "Marisol", body: "pickup" }],
    [carReader, cars, "Boston hatchbacks under $9000", { city: "Boston", body: "hatchback", price: { lt: 9000 } }],
    [carReader, cars, "Hatchbacks In Denver Priced Under $9000", { city: "Denver", body: "hatchback", price: { lt: 9000 } }],
  ]);
});

describe("dates relative to now", () => {
  expectCases([
    [carReader, cars, "convertibles listed in the current year", { body: "convertible", listed_year: 2026 }],
    [carReader, cars, "trucks posted since last spring", { body: "pickup", listed: { gte: epochDay(2026, 3, 1) } }],
  ]);
});

describe("a relative date said of a person", () => {
  it("does not date the documents by a person's relative date, and says so", () => {
    const built = carReader.constructSync("a first car for my niece who graduates next month");
    expect(built.filter).toBeNull();
    expect(built.warnings.join(" | ")).toMatch(/next month.*said of a person/);
  });
  expectCases([
    [
      carReader,
      cars,
      "sedans posted this month for my niece",
      { body: "sedan", listed: { gte: epochDay(2026, 11, 1), lte: epochDay(2026, 11, 30) } },
    ],
  ]);
});

describe("negation by 'skip', 'neither ... nor' and 'any X but'", () => {
  expectCases([
    [carReader, cars, "hatchbacks of any make but Voltan", { body: "hatchback", make: { ne: "Voltan" } }],
    [carReader, cars, "skip the convertibles, show me Denver cars", { body: { ne: "convertible" }, city: "Denver" }],
    [carReader, cars, "cars that are neither sedans nor pickups", { body: { nin: ["sedan", "pickup"] } }],
  ]);
});

describe("numbers: shared scales, 'a grand', singular units, number words, '+' before a unit", () => {
  expectCases([
    [carReader, cars, "pickups under a grand", { body: "pickup", price: { lt: 1000 } }],
    [gigReader, gigs, "hourly gigs with a budget of 1 to 3 thousand dollars", { billing: "hourly", budget: { gte: 1000, lte: 3000 } }],
    [carReader, cars, "sedans with at most 1 owner", { body: "sedan", owners: { lte: 1 } }],
    [carReader, cars, "sedans with 2000+ miles", { body: "sedan", mileage: { gte: 2000 } }],
    [carReader, cars, "hatchbacks with ninety thousand miles or fewer", { body: "hatchback", mileage: { lte: 90_000 } }],
  ]);
});

describe("a capitalised maker written lowercase before a kind", () => {
  expectCases([
    [carReader, cars, "voltan hatchbacks with a sunroof", { make: "Voltan", body: "hatchback" }],
    [carReader, cars, "cheap tessaro sedans", { make: "Tessaro", body: "sedan" }],
  ]);
});

describe("a value named by its label's year, a year before a value, a value after a number with a unit", () => {
  const trims = defineAttributeSchema({
    documentContents: "A review of a car model",
    attributes: [
      {
        name: "model_year",
        type: "enum",
        description: "The model generation",
        aliases: ["generation", "model"],
        values: [
          { value: "mk1", label: "First generation (2011)" },
          { value: "mk2", label: "Second generation (2018)" },
        ],
      },
      { name: "reviewed", type: "date", description: "Review date", aliases: ["reviewed"], yearField: "reviewed_year" },
    ],
  });
  const trimReader = new RuleBasedQueryConstructor({ attributes: trims, now: () => now });
  it("reads 'the 2018 one' as the value whose label carries 2018", () => {
    expect(trimReader.constructSync("the 2018 one: is the ride harsh?").filter).toEqual({
      field: "model_year",
      operator: "eq",
      value: "mk2",
    });
  });
  it("does not read 'the 2015 one' (no label carries it)", () => {
    expect(trimReader.constructSync("the 2015 one: is the ride harsh?").filter).toBeNull();
  });
  expectCases([
    [
      carReader,
      cars,
      "october 2026 pickup listings",
      { body: "pickup", listed: { gte: epochDay(2026, 10, 1), lte: epochDay(2026, 10, 31) } },
    ],
    [carReader, cars, "a charger that can top up a 48V pickup battery", null],
  ]);
});

describe("generic posting nouns leave no semantic query", () => {
  it("reads 'expert openings' as a filter only", () => {
    const built = gigReader.constructSync("expert positions paying over $500");
    expect(built.query).toBe("");
    expect(sameSelection(gigs, built.filter, { level: "expert", budget: { gt: 500 } })).toBe(true);
  });
});
