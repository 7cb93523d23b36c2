import { describe, expect, it } from "vitest";
import { defineAttributeSchema } from "../../src/self-query/attribute-schema.js";
import { RuleBasedQueryConstructor } from "../../src/self-query/rule-based-query-constructor.js";
import { expectCases as expectPhrasingCases, selectionChecker, type GridValues, type PhrasingCase } from "./support/record-selection.js";

/**
 * Regression tests for the number and date classes fixed after round 9, in new wordings on schemas neither the bench nor
 * the probes use (cabin rentals whose fee has the alias "rate", guided tours counted in nights with a 1-5 rating): a word
 * of rating ("rated", "rating") on the schema's rating rather than on an attribute whose alias "rate" it inflects, and a
 * duration in days or weeks on a count of nights.
 */
const cabins = defineAttributeSchema({
  documentContents: "A rented cabin from my trips",
  attributes: [
    { name: "kind", type: "enum", description: "Kind", aliases: ["kind"], values: ["cabin", "yurt", "lodge"].map((value) => ({ value })) },
    { name: "fee", type: "number", description: "Fee per night in dollars", aliases: ["fee", "rate"], units: ["$", "dollars"], minimum: 0 },
    {
      name: "review",
      type: "number",
      description: "Review score",
      aliases: ["review score"],
      units: ["/10"],
      minimum: 0,
      maximum: 10,
      quality: true,
    },
  ],
});

const tours = defineAttributeSchema({
  documentContents: "A guided tour booking",
  attributes: [
    { name: "region", type: "enum", description: "Region", aliases: ["region"], values: ["alps", "coast"].map((value) => ({ value })) },
    { name: "price", type: "number", description: "Price in euros", aliases: ["price", "rate"], units: ["€", "euros"], minimum: 0 },
    { name: "nights", type: "integer", description: "Nights", aliases: ["nights"], units: ["nights", "night"], minimum: 1, maximum: 30 },
    {
      name: "rating",
      type: "number",
      description: "Rating 1-5",
      aliases: ["rating"],
      units: ["stars"],
      minimum: 1,
      maximum: 5,
      quality: true,
    },
  ],
});

const NOW = new Date(Date.UTC(2026, 11, 1, 12));
const reader = (attributes: typeof cabins) => new RuleBasedQueryConstructor({ attributes, now: () => NOW });
const cabinReader = reader(cabins);
const tourReader = reader(tours);

const around = (...values: number[]) => values.flatMap((value) => [value - 1, value, value + 1]);
const GRID_VALUES: GridValues = {
  kind: ["cabin", "yurt", "lodge"],
  fee: around(7, 8, 90, 200),
  review: around(7, 8),
  region: ["alps", "coast"],
  price: around(4, 200),
  nights: around(7, 10, 14),
  rating: [1, 2, 3, 4, 5],
};
const sameSelection = selectionChecker(GRID_VALUES, 20);
const expectCases = (cases: readonly PhrasingCase[]) => expectPhrasingCases(cases, sameSelection);

describe("a word of rating goes to the schema's rating, not to an attribute whose alias 'rate' it inflects", () => {
  expectCases([
    [cabinReader, cabins, "yurts rated 8 or above", { kind: "yurt", review: { gte: 8 } }],
    [cabinReader, cabins, "lodges rated at least 7", { kind: "lodge", review: { gte: 7 } }],
    [tourReader, tours, "alps tours rated 4 or higher", { region: "alps", rating: { gte: 4 } }],
    [tourReader, tours, "coast tours with a rating of 4 or more", { region: "coast", rating: { gte: 4 } }],
    // The alias itself still names the price.
    [cabinReader, cabins, "a yurt with a rate under $90", { kind: "yurt", fee: { lt: 90 } }],
    [tourReader, tours, "tours at a rate of 200 euros or less", { price: { lte: 200 } }],
  ]);
});

describe("a duration in days or weeks on a count of nights", () => {
  expectCases([
    [tourReader, tours, "alps tours lasting over two weeks", { region: "alps", nights: { gt: 14 } }],
    [tourReader, tours, "which coast tour did we take for more than a week", { region: "coast", nights: { gt: 7 } }],
    [tourReader, tours, "tours of at least 10 days", { nights: { gte: 10 } }],
    [tourReader, tours, "a 7 night tour on the coast", { region: "coast", nights: 7 }],
  ]);
  it("does not convert hours into nights", () => {
    const built = tourReader.constructSync("tours with a 3 hour hike on the coast");
    expect(JSON.stringify(built.filter ?? null)).not.toContain("nights");
  });
});
