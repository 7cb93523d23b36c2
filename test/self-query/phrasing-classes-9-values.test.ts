import { describe, expect, it } from "vitest";
import { defineAttributeSchema } from "../../src/self-query/attribute-schema.js";
import { RuleBasedQueryConstructor } from "../../src/self-query/rule-based-query-constructor.js";
import { expectCases as expectPhrasingCases, selectionChecker, type GridValues, type PhrasingCase } from "./support/record-selection.js";

/**
 * Regression tests for the value classes fixed after round 8, in new wordings on schemas the bench does not use (a tea
 * shop, a bike shop, a volunteering board, restaurant reviews, album reviews): a value or a yes/no phrase that starts a
 * compound noun naming another thing ("english garden party", "an on-site creche") or follows the possessive of another
 * noun ("the mechanic's folding stand") is not a constraint, while the same words before a word for the documents, a
 * plural noun or at the head of the question still are; verbs that put a value out of consideration exclude it; "the
 * <year> <noun>" names the value whose label holds the year; other words for written judgements after a quality phrase;
 * a kind after a currency range.
 */
const teas = defineAttributeSchema({
  documentContents: "A tea sold by an online tea shop",
  attributes: [
    {
      name: "origin",
      type: "enum",
      description: "The country the tea comes from",
      aliases: ["origin"],
      values: ["Japanese", "Chinese", "Indian", "Turkish", "English", "Kenyan"].map((value) => ({ value })),
    },
    {
      name: "style",
      type: "enum",
      description: "The kind of tea",
      aliases: ["style"],
      values: ["green", "black", "oolong", "herbal", "white"].map((value) => ({ value })),
    },
    { name: "organic", type: "boolean", description: "Certified organic", aliases: ["organic"] },
    { name: "price", type: "number", description: "Price in dollars", aliases: ["price", "priced"], units: ["$", "dollars"], minimum: 0 },
  ],
});

const bikes = defineAttributeSchema({
  documentContents: "A bicycle for sale in a bike shop",
  attributes: [
    {
      name: "kind",
      type: "enum",
      description: "The kind of bike",
      aliases: ["kind"],
      values: ["road", "mountain", "gravel", "cargo", "commuter"].map((value) => ({ value, aliases: [`${value} bike`] })),
    },
    { name: "electric", type: "boolean", description: "Has a motor", aliases: ["electric", "e-bike", "pedal-assist"] },
    { name: "folding", type: "boolean", description: "Folds for carrying", aliases: ["folding", "foldable"] },
    {
      name: "used",
      type: "boolean",
      description: "Sold second-hand",
      aliases: ["used", "second-hand", "pre-owned"],
      values: [{ value: false, aliases: ["brand new"] }],
    },
    { name: "price", type: "number", description: "Price in dollars", aliases: ["price", "priced"], units: ["$", "dollars"], minimum: 0 },
  ],
});

const volunteering = defineAttributeSchema({
  documentContents: "A volunteering opportunity on a volunteer board",
  attributes: [
    {
      name: "cause",
      type: "enum",
      description: "What the volunteering helps",
      aliases: ["cause"],
      values: ["animals", "elderly", "environment", "literacy", "refugees"].map((value) => ({ value })),
    },
    {
      name: "remote",
      type: "boolean",
      description: "Can be done from home",
      aliases: ["remote", "virtual"],
      values: [{ value: false, aliases: ["on-site", "in person", "in-person"] }],
    },
    {
      name: "city",
      type: "enum",
      description: "Where",
      aliases: ["in"],
      values: ["Leeds", "Bristol", "Cardiff"].map((value) => ({ value })),
    },
  ],
});

const dinerReviews = defineAttributeSchema({
  documentContents: "A review of a restaurant",
  attributes: [
    {
      name: "restaurant",
      type: "enum",
      description: "The restaurant reviewed",
      aliases: ["restaurant"],
      values: ["Blue Lantern", "Casa Verde", "Golden Wok"].map((value) => ({ value })),
    },
    { name: "stars", type: "number", description: "Stars given", aliases: ["stars", "rated"], minimum: 1, maximum: 5, quality: true },
  ],
});

const albums = defineAttributeSchema({
  documentContents: "A fan review of an album by one band",
  attributes: [
    {
      name: "album",
      type: "enum",
      description: "Which album the review is about",
      aliases: ["album", "record"],
      values: ["Debut (2015)", "Second Light (2018)", "Ashes (2021)"].map((label, index) => ({ value: index + 1, label })),
    },
    { name: "score", type: "number", description: "The fan's score", aliases: ["score", "scored"], minimum: 1, maximum: 10 },
  ],
});

const now = new Date(Date.UTC(2026, 10, 15, 12));
const teaReader = new RuleBasedQueryConstructor({ attributes: teas, now: () => now });
const bikeReader = new RuleBasedQueryConstructor({ attributes: bikes, now: () => now });
const volunteerReader = new RuleBasedQueryConstructor({ attributes: volunteering, now: () => now });
const albumReader = new RuleBasedQueryConstructor({ attributes: albums, now: () => now });
const dinerReader = new RuleBasedQueryConstructor({ attributes: dinerReviews, now: () => now });

const GRID_VALUES: GridValues = {
  origin: ["Japanese", "Chinese", "Indian", "English", "other"],
  style: ["green", "black", "other"],
  organic: [true, false],
  price: [0],
  kind: ["road", "commuter", "cargo", "other"],
  electric: [true, false],
  folding: [true, false],
  used: [true, false],
  cause: ["animals", "elderly", "other"],
  remote: [true, false],
  city: ["Leeds", "Bristol", "other"],
  restaurant: ["Blue Lantern", "Casa Verde", "other"],
  stars: [1, 2, 3, 4, 5],
  album: [1, 2, 3],
  score: [1, 5, 9],
};

const sameSelection = selectionChecker(GRID_VALUES, 2);

const expectCases = (cases: readonly PhrasingCase[]) => expectPhrasingCases(cases, sameSelection);

describe("a value written lowercase that starts a compound naming another thing", () => {
  expectCases([
    [teaReader, teas, "teas that pair well with english muffins", null],
    [teaReader, teas, "something to sip alongside chinese takeout", null],
    // The same words before a word for the documents or of the schema are the constraint.
    [teaReader, teas, "japanese teas that are smooth and grassy", { origin: "Japanese" }],
    [teaReader, teas, "english breakfast-style black teas", { origin: "English", style: "black" }],
    [teaReader, teas, "chinese oolong with a smoky finish", { origin: "Chinese", style: "oolong" }],
    // Before a plural noun, the value describes the documents named by it.
    [teaReader, teas, "indian chai blends", { origin: "Indian" }],
    [teaReader, teas, "japanese matcha powders for lattes", { origin: "Japanese" }],
    [teaReader, teas, "a brew for an english garden party", null],
    // A word for the documents after the value keeps it ("a bristol opportunity").
    [volunteerReader, volunteering, "a bristol opportunity for weekends", { city: "Bristol" }],
  ]);
});

describe("a yes/no phrase that starts a compound naming another thing", () => {
  expectCases([
    [bikeReader, bikes, "bikes with electric shifting and hydraulic brakes", null],
    [volunteerReader, volunteering, "roles at charities with an on-site creche for my toddler", null],
    [bikeReader, bikes, "frames that take a used saddle", null],
    // A noun for the property itself keeps the reading; a shorter phrase inside a skipped one is not read.
    [bikeReader, bikes, "shops with a pre-owned policy on returns", { used: true }],
    [volunteerReader, volunteering, "placements with virtual options", { remote: true }],
    [bikeReader, bikes, "racks with brand new-style clamps", null],
    [volunteerReader, volunteering, "virtual-first placements", { remote: true }],
    // A phrase of several words too.
    [bikeReader, bikes, "brand new road bikes", { used: false, kind: "road" }],
    // Before a word for the documents or of the schema, the phrase describes the documents.
    [bikeReader, bikes, "folding commuter bikes under $900", { folding: true, kind: "commuter", price: { $lt: 900 } }],
    // At the head of the question's noun phrase, before a noun for the documents the schema does not know.
    [bikeReader, bikes, "foldable frames for a small flat", { folding: true }],
    [volunteerReader, volunteering, "virtual placements for students", { remote: true }],
    // After a preposition the phrase still describes the documents or where they are.
    [volunteerReader, volunteering, "placements for virtual volunteers", { remote: true }],
    [bikeReader, bikes, "electric cargo bikes for the school run", { electric: true, kind: "cargo" }],
  ]);
});

describe("a yes/no phrase after the possessive of another noun", () => {
  expectCases([
    [bikeReader, bikes, "a bike that fits in the mechanic's folding stand", null],
    [volunteerReader, volunteering, "help setting up the trainer's virtual whiteboard", null],
    // The possessive of a word for the documents, or the phrase before one, keeps the reading.
    [bikeReader, bikes, "my neighbour's electric bikes", { electric: true }],
  ]);
});

describe("verbs that put a value out of consideration exclude it", () => {
  expectCases([
    [teaReader, teas, "setting aside the Japanese ones, which teas are best iced", { origin: { $ne: "Japanese" } }],
    [bikeReader, bikes, "barring cargo bikes, what's good for hills", { kind: { $ne: "cargo" } }],
    [volunteerReader, volunteering, "not counting Bristol, where can I volunteer", { city: { $ne: "Bristol" } }],
    [teaReader, teas, "anything organic, avoiding Indian teas", { organic: true, origin: { $ne: "Indian" } }],
    [bikeReader, bikes, "ruling out road bikes, which are comfy", { kind: { $ne: "road" } }],
    [teaReader, teas, "leaving aside green and white teas, what is smoky", { style: { $nin: ["green", "white"] } }],
  ]);
});

describe("a kind after a currency range is priced, not counted", () => {
  expectCases([
    [bikeReader, bikes, "$200-350 cargo bikes for hauling kids", { kind: "cargo", price: { $gte: 200, $lte: 350 } }],
    [teaReader, teas, "$15–25 oolong teas with a floral nose", { style: "oolong", price: { $gte: 15, $lte: 25 } }],
    [bikeReader, bikes, "$800 - 1,200 commuter bikes", { kind: "commuter", price: { $gte: 800, $lte: 1200 } }],
  ]);
});

describe("a quality phrase before another word for written judgements judges the documents", () => {
  expectCases([
    [dinerReader, dinerReviews, "highly rated write-ups of the Blue Lantern", { restaurant: "Blue Lantern", stars: { $gte: 4 } }],
    [dinerReader, dinerReviews, "poorly rated takes on Casa Verde's tasting menu", { restaurant: "Casa Verde", stars: { $lte: 2 } }],
    [dinerReader, dinerReviews, "well reviewed opinions about the dumplings", { stars: { $gte: 4 } }],
  ]);
});

describe("'the <year> <noun>' names the value whose label holds the year", () => {
  expectCases([
    [albumReader, albums, "what fans say about the 2018 follow-up", { album: 2 }],
    [albumReader, albums, "the 2021 comeback's best tracks", { album: 3 }],
    // A year no label holds, or a noun of the schema after it, names no value.
    [albumReader, albums, "the 2019 tour setlist", null],
  ]);
});

describe("frame words and general words for the documents leave nothing semantic", () => {
  const cases: PhrasingCase[] = [
    [teaReader, teas, "whatever is organic", { organic: true }],
    [bikeReader, bikes, "pre-owned gear under $500", { used: true, price: { $lt: 500 } }],
    [teaReader, teas, "that's organic and Kenyan", { organic: true, origin: "Kenyan" }],
  ];
  for (const [reader, schema, question, filter] of cases) {
    it(`"${question}" is filter-only`, () => {
      const built = reader.constructSync(question);
      expect(built.query).toBe("");
      expect(sameSelection(schema, built.filter, filter)).toBe(true);
    });
  }
});
