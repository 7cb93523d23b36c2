import { describe, expect, it } from "vitest";
import { defineAttributeSchema } from "../../src/self-query/attribute-schema.js";
import { epochDay } from "../../src/self-query/calendar.js";
import { RuleBasedQueryConstructor } from "../../src/self-query/rule-based-query-constructor.js";
import { expectCases as expectPhrasingCases, selectionChecker, type GridValues, type PhrasingCase } from "./support/record-selection.js";

/**
 * Regression tests for the number and date classes fixed after round 9, in new wordings on schemas neither the bench nor
 * the probes use (cabin rentals whose fee has the alias "rate", guided tours counted in nights with a 1-5 rating): a word
 * of rating ("rated", "rating") on the schema's rating rather than on an attribute whose alias "rate" it inflects, and a
 * duration in days or weeks on a count of nights, and a period to come right after the date's own verb and its particle
 * ("moving in next month", "sailing on next month") on documents dated by a past act.
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

const moves = defineAttributeSchema({
  documentContents: "A flat rental contract from my archive",
  attributes: [
    { name: "town", type: "enum", description: "Town", aliases: ["town"], values: ["Ghent", "Bruges"].map((value) => ({ value })) },
    { name: "move_in", type: "date", description: "The day I moved in", aliases: ["moving in", "moved in", "move-in"] },
  ],
});

const ferries = defineAttributeSchema({
  documentContents: "A ferry ticket I bought",
  attributes: [
    { name: "port", type: "enum", description: "Port", aliases: ["port"], values: ["Dover", "Calais"].map((value) => ({ value })) },
    { name: "boarding", type: "date", description: "The day I boarded", aliases: ["boarding", "boarded", "sailing on"] },
  ],
});

const bikes = defineAttributeSchema({
  documentContents: "A bicycle in a shop's catalogue",
  attributes: [
    {
      name: "style",
      type: "enum",
      description: "Style",
      aliases: ["style"],
      values: ["gravel", "road", "cargo"].map((value) => ({ value })),
    },
    { name: "cost", type: "number", description: "Price in euros", aliases: ["cost", "priced"], units: ["€", "euros", "eur"], minimum: 0 },
  ],
});

const placements = defineAttributeSchema({
  documentContents: "A volunteer placement offer",
  attributes: [
    {
      name: "field",
      type: "enum",
      description: "Field",
      aliases: ["field"],
      values: ["teaching", "farming", "nursing"].map((value) => ({ value })),
    },
    {
      name: "years_needed",
      type: "integer",
      description: "Years of prior volunteering asked for",
      aliases: ["experience"],
      units: ["years of experience", "years"],
      minimum: 0,
      maximum: 15,
    },
    { name: "opened", type: "date", description: "When the offer was posted", aliases: ["posted", "stationed"] },
  ],
});

const gadgets = defineAttributeSchema({
  documentContents: "A smart-home gadget in a catalogue",
  attributes: [
    {
      name: "kind",
      type: "enum",
      description: "Kind",
      aliases: ["kind"],
      values: ["thermostat", "doorbell", "camera"].map((value) => ({ value })),
    },
    {
      name: "launched",
      type: "date",
      description: "The date the gadget was launched",
      aliases: ["launched", "came out"],
      yearField: "launch_year",
    },
  ],
});

const NOW = new Date(Date.UTC(2026, 11, 1, 12));
const reader = (attributes: typeof cabins) => new RuleBasedQueryConstructor({ attributes, now: () => NOW });
const cabinReader = reader(cabins);
const tourReader = reader(tours);
const moveReader = reader(moves);
const ferryReader = reader(ferries);
const bikeReader = reader(bikes);
const placementReader = reader(placements);
const gadgetReader = reader(gadgets);

const days = (...dates: Array<[number, number, number]>) => dates.map(([year, month, day]) => epochDay(year, month, day));
const around = (...values: number[]) => values.flatMap((value) => [value - 1, value, value + 1]);
const MONTH_EDGES = days(
  [2026, 10, 31],
  [2026, 11, 1],
  [2026, 11, 30],
  [2026, 12, 1],
  [2026, 12, 31],
  [2027, 1, 1],
  [2027, 1, 31],
  [2027, 2, 1],
  [2027, 6, 1],
  [2027, 12, 31],
  [2028, 1, 1],
);
const GRID_VALUES: GridValues = {
  fee: around(7, 8, 90, 200),
  review: around(7, 8),
  region: ["alps", "coast"],
  price: around(4, 200),
  nights: around(7, 10, 14),
  rating: [1, 2, 3, 4, 5],
  style: ["gravel", "road", "cargo"],
  cost: around(900, 1200, 2000, 5000),
  field: ["teaching", "farming", "nursing"],
  years_needed: around(2, 3),
  opened: days([2026, 1, 5], [2026, 8, 31], [2026, 9, 1], [2026, 11, 16], [2026, 11, 17], [2026, 11, 20], [2026, 12, 1], [2026, 12, 2]),
  kind: ["cabin", "yurt", "lodge", "thermostat", "doorbell", "camera"],
  launched: days([2024, 5, 1], [2025, 5, 1], [2026, 5, 1], [2027, 5, 1]),
  town: ["Ghent", "Bruges"],
  port: ["Dover", "Calais"],
  move_in: MONTH_EDGES,
  boarding: MONTH_EDGES,
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

describe("a period to come right after the date's verb and its particle", () => {
  const january = { gte: epochDay(2027, 1, 1), lte: epochDay(2027, 1, 31) };
  expectCases([
    [moveReader, moves, "contracts moving in next month in Ghent", { town: "Ghent", move_in: january }],
    [ferryReader, ferries, "tickets sailing on next month from Dover", { port: "Dover", boarding: january }],
    [moveReader, moves, "contracts where I moved in last month", { move_in: { gte: epochDay(2026, 11, 1), lte: epochDay(2026, 11, 30) } }],
    // Still the asker's plans elsewhere.
    [ferryReader, ferries, "a ferry for a trip I plan next month", null],
    [moveReader, moves, "a flat I want to paint next month", null],
  ]);
});

describe("the asker's budget is an upper bound on a money attribute; another's budget is not", () => {
  expectCases([
    [bikeReader, bikes, "a bike for commuting, budget is under 900 euros", { cost: { lt: 900 } }],
    [bikeReader, bikes, "my budget is €1,200 for a bike", { cost: { lte: 1200 } }],
    [bikeReader, bikes, "road bikes, our budget is less than two thousand euros", { style: "road", cost: { lt: 2000 } }],
    [bikeReader, bikes, "a shop that helps clubs with a budget over €5,000", null],
    [bikeReader, bikes, "does the brand's budget of €2,000 show in its ads", null],
  ]);
});

describe("a fraction score in the plural ('the 7/10s') is that grade", () => {
  expectCases([
    [cabinReader, cabins, "yurts, the 7/10s", { kind: "yurt", review: 7 }],
    [cabinReader, cabins, "only the 8/10s, lodges please", { kind: "lodge", review: 8 }],
    [cabinReader, cabins, "cabins, the 7/10s and above", { kind: "cabin", review: { gte: 7 } }],
  ]);
});

describe("how long the asker's act lasts ('where you live abroad for three years') is no measure of the documents", () => {
  expectCases([
    [placementReader, placements, "teaching placements where you live abroad for three years", { field: "teaching" }],
    [placementReader, placements, "farming offers where you're stationed in a village for two years", { field: "farming" }],
    [placementReader, placements, "nursing placements where you need 3 years of experience", { field: "nursing", years_needed: 3 }],
    [placementReader, placements, "placements where you need at least 2 years", { years_needed: { gte: 2 } }],
    [placementReader, placements, "placements where you need experience for 2 years", { years_needed: 2 }],
  ]);
});

describe("a period after a perfect of 'be' ('have been organic for the past 5 years') dates a state, not the documents", () => {
  expectCases([
    [placementReader, placements, "farming offers from groups that have been organic for the past 5 years", { field: "farming" }],
    [placementReader, placements, "schools that have been running for the last 3 years, teaching only", { field: "teaching" }],
    [
      placementReader,
      placements,
      "teaching offers opened in the last 2 weeks",
      { field: "teaching", opened: { gte: epochDay(2026, 11, 17), lte: epochDay(2026, 12, 1) } },
    ],
    [
      placementReader,
      placements,
      "placements that have been posted for the last 3 months",
      { opened: { gte: epochDay(2026, 9, 1), lte: epochDay(2026, 12, 1) } },
    ],
  ]);
});

describe("a year still to come dates something else on documents dated by a past act, unless said of the documents", () => {
  expectCases([
    [gadgetReader, gadgets, "will my doorbell still work after the network switch-off in 2028", null],
    [gadgetReader, gadgets, "cameras that stop getting updates in 2027", { kind: "camera" }],
    [gadgetReader, gadgets, "thermostats launched in 2027", { kind: "thermostat", launch_year: 2027 }],
    [gadgetReader, gadgets, "2027 cameras", { kind: "camera", launch_year: 2027 }],
    [gadgetReader, gadgets, "doorbells that came out in 2025", { kind: "doorbell", launch_year: 2025 }],
  ]);
});
