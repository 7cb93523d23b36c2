import { describe, expect, it } from "vitest";
import { defineAttributeSchema } from "../../src/self-query/attribute-schema.js";
import { epochDay } from "../../src/self-query/calendar.js";
import { RuleBasedQueryConstructor } from "../../src/self-query/rule-based-query-constructor.js";
import { expectCases as expectPhrasingCases, selectionChecker, type GridValues, type PhrasingCase } from "./support/record-selection.js";

/**
 * Regression tests for the number and date classes fixed after round 8, in new wordings on schemas neither the bench nor
 * the probes use (a guitar shop with a `year_made`, flats for rent, music festivals dated by the day they start):
 * "north of / south of" a number, thousands separated by spaces ("1 500 $"), "the last fortnight", a lower-case month
 * after a comparison and a month's start or end ("since march", "since the start of october"), the plans of a modal verb
 * and the events of a relative clause ("that got new frets within the last 3 months"), an amount of change, what another
 * thing is worth, the base of a rate, an upper bound past next year on documents dated by a past act, a noun after a
 * value before "from <year>", "perfect" before a hyphenated measure, and an amount that is no count of results.
 */
const guitars = defineAttributeSchema({
  documentContents: "A guitar for sale in a music shop",
  attributes: [
    {
      name: "maker",
      type: "enum",
      description: "Who made it",
      aliases: ["maker"],
      values: ["Lumen", "Harrow"].map((value) => ({ value })),
    },
    {
      name: "body",
      type: "enum",
      description: "Kind of guitar",
      aliases: ["body"],
      values: ["acoustic", "electric", "bass"].map((value) => ({ value })),
    },
    {
      name: "price",
      type: "number",
      description: "Price in dollars",
      aliases: ["price", "priced"],
      units: ["$", "dollars", "usd"],
      minimum: 0,
    },
    {
      name: "weight",
      type: "number",
      description: "Weight in kilograms",
      aliases: ["weight", "weighs"],
      units: ["kg"],
      minimum: 1,
      maximum: 10,
    },
    {
      name: "year_made",
      type: "integer",
      description: "The year the guitar was made",
      aliases: ["year made"],
      minimum: 1950,
      maximum: 2027,
    },
    { name: "listed", type: "date", description: "When the guitar was listed", aliases: ["listed", "posted"], yearField: "listed_year" },
  ],
});

const flats = defineAttributeSchema({
  documentContents: "A flat for rent",
  attributes: [
    { name: "city", type: "enum", description: "City", aliases: ["city"], values: ["Oslo", "Turin", "Leeds"].map((value) => ({ value })) },
    { name: "rent", type: "number", description: "Monthly rent in euros", aliases: ["rent"], units: ["€", "eur", "euros"], minimum: 0 },
    {
      name: "area",
      type: "number",
      description: "Floor area",
      aliases: ["area"],
      units: ["sq m", "m2", "square metres"],
      minimum: 10,
      maximum: 400,
    },
    { name: "added", type: "date", description: "When the flat was added", aliases: ["added", "listed"], yearField: "added_year" },
  ],
});

const festivals = defineAttributeSchema({
  documentContents: "A music festival",
  attributes: [
    {
      name: "style",
      type: "enum",
      description: "Style",
      aliases: ["style"],
      values: ["techno", "indie", "opera"].map((value) => ({ value })),
    },
    {
      name: "ticket",
      type: "number",
      description: "Ticket price in pounds",
      aliases: ["tickets", "ticket"],
      units: ["£", "pounds"],
      minimum: 0,
    },
    { name: "starts", type: "date", description: "The day the festival starts", aliases: ["starts", "starting"] },
  ],
});

const cafes = defineAttributeSchema({
  documentContents: "A café",
  attributes: [
    {
      name: "district",
      type: "enum",
      description: "District",
      aliases: ["district"],
      values: ["harbour", "old town", "campus"].map((value) => ({ value })),
    },
    {
      name: "score",
      type: "number",
      description: "Average score",
      aliases: ["rated", "score"],
      units: ["/5", "stars"],
      minimum: 1,
      maximum: 5,
    },
  ],
});

const NOW = new Date(Date.UTC(2026, 11, 1, 12));
const reader = (attributes: typeof guitars) => new RuleBasedQueryConstructor({ attributes, now: () => NOW });
const guitarReader = reader(guitars);
const flatReader = reader(flats);
const festivalReader = reader(festivals);
const cafeReader = reader(cafes);

const around = (...values: number[]) => values.flatMap((value) => [value - 1, value, value + 1]);
const days = (...dates: Array<[number, number, number]>) => dates.map(([year, month, day]) => epochDay(year, month, day));
const GRID_VALUES: GridValues = {
  maker: ["Lumen", "Harrow"],
  body: ["acoustic", "electric", "bass"],
  price: around(300, 900, 1500),
  weight: around(3),
  year_made: around(2019, 2025),
  listed: days(
    [2026, 3, 2],
    [2026, 3, 3],
    [2026, 6, 30],
    [2026, 7, 1],
    [2026, 11, 16],
    [2026, 11, 17],
    [2026, 11, 29],
    [2026, 11, 30],
    [2026, 12, 1],
    [2031, 6, 1],
  ),
  city: ["Oslo", "Turin", "Leeds"],
  rent: around(100, 1000, 1080, 1200, 1320, 1800),
  area: around(10, 80),
  added: days(
    [2025, 12, 1],
    [2025, 12, 31],
    [2026, 1, 1],
    [2026, 4, 30],
    [2026, 5, 1],
    [2026, 2, 28],
    [2026, 3, 1],
    [2026, 5, 31],
    [2026, 6, 1],
    [2026, 9, 30],
    [2026, 10, 1],
    [2026, 12, 31],
    [2026, 11, 1],
    [2026, 11, 2],
    [2026, 11, 3],
    [2026, 11, 16],
    [2026, 11, 17],
    [2026, 11, 28],
    [2026, 11, 29],
    [2026, 12, 1],
    [2027, 1, 1],
    [2027, 1, 31],
    [2027, 2, 1],
  ),
  style: ["techno", "indie", "opera"],
  district: ["harbour", "old town", "campus"],
  score: [1, 3.4, 3.5, 3.6, 3.9, 4, 4.1, 5],
  ticket: around(60, 90),
  starts: days([2027, 6, 1], [2029, 12, 31], [2030, 1, 1]),
};
const sameSelection = selectionChecker(GRID_VALUES, 20);
const expectCases = (cases: readonly PhrasingCase[]) => expectPhrasingCases(cases, sameSelection);

describe("'north of' and 'south of' a number, 'under the <number> mark' compare", () => {
  expectCases([
    [guitarReader, guitars, "electric guitars north of $1,500", { body: "electric", price: { gt: 1500 } }],
    [flatReader, flats, "flats north of 80 sq m in Turin", { city: "Turin", area: { gt: 80 } }],
    [festivalReader, festivals, "indie festivals with tickets south of £90", { style: "indie", ticket: { lt: 90 } }],
    [flatReader, flats, "flats under the €1,200 mark", { rent: { lt: 1200 } }],
    [guitarReader, guitars, "guitars above the $900 mark", { price: { gt: 900 } }],
    [flatReader, flats, "a flat over the 2 shops on the corner", null],
  ]);
});

describe("thousands separated by spaces, 'from ... up to', a range with a scale before a range noun", () => {
  expectCases([
    [guitarReader, guitars, "guitars from $900 up to $1,500", { price: { gte: 900, lte: 1500 } }],
    [flatReader, flats, "flats in the 1-1.2k range", { rent: { gte: 1000, lte: 1200 } }],
    [guitarReader, guitars, "bass guitars under 1 500 $", { body: "bass", price: { lt: 1500 } }],
    [flatReader, flats, "flats from 1 200 to 1 800 €", { rent: { gte: 1200, lte: 1800 } }],
  ]);
});

describe("a fortnight, a lower-case month after a comparison, a month's start or end", () => {
  expectCases([
    [
      guitarReader,
      guitars,
      "guitars listed in the last fortnight",
      { listed: { gte: epochDay(2026, 11, 17), lte: epochDay(2026, 12, 1) } },
    ],
    [flatReader, flats, "flats added over the past two fortnights", { added: { gte: epochDay(2026, 11, 3), lte: epochDay(2026, 12, 1) } }],
    [flatReader, flats, "flats added since march", { added: { gte: epochDay(2026, 3, 1) } }],
    [flatReader, flats, "flats listed until the end of may", { added: { lte: epochDay(2026, 5, 31) } }],
    [flatReader, flats, "flats added since the start of october", { added: { gte: epochDay(2026, 10, 1) } }],
    [flatReader, flats, "a flat that may suit a student", null],
    [flatReader, flats, "flats added since the first of october", { added: { gte: epochDay(2026, 10, 1) } }],
    [guitarReader, guitars, "guitars listed after the third of march", { listed: { gt: epochDay(2026, 3, 3) } }],
    [flatReader, flats, "flats listed in may", { added: { gte: epochDay(2026, 5, 1), lte: epochDay(2026, 5, 31) } }],
    [flatReader, flats, "flats added since june in Leeds", { city: "Leeds", added: { gte: epochDay(2026, 6, 1) } }],
    [guitarReader, guitars, "guitars listed since march about vintage tone", { listed: { gte: epochDay(2026, 3, 1) } }],
    [flatReader, flats, "flats added since the start of the year", { added: { gte: epochDay(2026, 1, 1) } }],
    [guitarReader, guitars, "guitars posted since the beginning of the month", { listed: { gte: epochDay(2026, 12, 1) } }],
  ]);
});

describe("a modal's plan or another event in a relative clause is not the documents' date", () => {
  expectCases([
    [flatReader, flats, "landlords who can move out before April 20", null],
    [guitarReader, guitars, "sellers who could ship before March 3", null],
    [guitarReader, guitars, "guitars that got new frets within the last 3 months", null],
    [flatReader, flats, "a flat with a bathroom that was retiled in the past year", null],
    [flatReader, flats, "a flat that was repainted in the last 6 months", null],
    [guitarReader, guitars, "guitars posted by shops that were opened in the last 2 years", null],
    [guitarReader, guitars, "a luthier who trained in Spain in 2019", null],
    [guitarReader, guitars, "a guitar with pickups swapped last month", null],
    [flatReader, flats, "Oslo flats refurbished in the past year", { city: "Oslo" }],
    [flatReader, flats, "a flat whose landlord retired in 2025", null],
    [
      flatReader,
      flats,
      "Leeds flats added in the past fortnight",
      { city: "Leeds", added: { gte: epochDay(2026, 11, 17), lte: epochDay(2026, 12, 1) } },
    ],
    [guitarReader, guitars, "a guitar from a drummer who dropped 3 kg on tour", null],
    [flatReader, flats, "flats that have been listed since march", { added: { gte: epochDay(2026, 3, 1) } }],
    [flatReader, flats, "flats that were added in the last month", { added: { gte: epochDay(2026, 11, 1), lte: epochDay(2026, 12, 1) } }],
    [
      guitarReader,
      guitars,
      "guitars that were listed in the past fortnight",
      { listed: { gte: epochDay(2026, 11, 17), lte: epochDay(2026, 12, 1) } },
    ],
  ]);
});

describe("hours in a window up to now, a unit as a word of the schema, an approximate amount with a scale", () => {
  expectCases([
    [flatReader, flats, "flats added within the last 48 hours", { added: { gte: epochDay(2026, 11, 29), lte: epochDay(2026, 12, 1) } }],
    [guitarReader, guitars, "guitars posted in the past 24 hours", { listed: { gte: epochDay(2026, 11, 30), lte: epochDay(2026, 12, 1) } }],
    [guitarReader, guitars, "a guitar that needs the last 2 hours of practice", null],
    [guitarReader, guitars, "guitars under 3 kg from 2019 or later", { weight: { lt: 3 }, year_made: { gte: 2019 } }],
    [flatReader, flats, "flats for about 1.2k in Oslo", { city: "Oslo", rent: { gte: 1080, lte: 1320 } }],
    [flatReader, flats, "a flat in a building with around 1.2 thousand residents", null],
  ]);
});

describe("calendar quarters next to the documents or the date's word", () => {
  expectCases([
    [flatReader, flats, "flats added this quarter", { added: { gte: epochDay(2026, 10, 1), lte: epochDay(2026, 12, 31) } }],
    [guitarReader, guitars, "guitars listed since last quarter", { listed: { gte: epochDay(2026, 7, 1) } }],
    [flatReader, flats, "what did the landlord say about last quarter's repairs", null],
  ]);
});

describe("an age against now", () => {
  expectCases([
    [guitarReader, guitars, "guitars under 7 years old", { year_made: { gt: 2019 } }],
    [guitarReader, guitars, "guitars older than 7 years", { year_made: { lt: 2019 } }],
    [flatReader, flats, "flats less than a month old", { added: { gt: epochDay(2026, 11, 1) } }],
    [flatReader, flats, "a flat in a building over 50 years old", null],
    [guitarReader, guitars, "a guitar for kids under 12", null],
    [festivalReader, festivals, "festivals for teens over 16 with tickets under £60", { ticket: { lt: 60 } }],
  ]);
});

describe("a score written as a fraction of another base", () => {
  expectCases([
    [cafeReader, cafes, "cafés rated 7/10", { score: 3.5 }],
    [cafeReader, cafes, "harbour cafés rated 8 out of 10 or higher", { district: "harbour", score: { gte: 4 } }],
    [cafeReader, cafes, "cafés rated 4/5 or better", { score: { gte: 4 } }],
  ]);
});

describe("an amount of change, what another thing is worth, the base of a rate", () => {
  expectCases([
    [guitarReader, guitars, "guitars whose price dropped by over $300", null],
    [flatReader, flats, "flats where the rent went down by €100", null],
    [guitarReader, guitars, "a guitar with a case worth $300", null],
    [guitarReader, guitars, "guitars worth under $900", { price: { lt: 900 } }],
    [flatReader, flats, "flats that use 5 kWh per 10 sq m", null],
  ]);
});

describe("an upper bound past next year, or a period to come, on documents dated by a past act", () => {
  expectCases([
    [flatReader, flats, "a flat that becomes free next month", null],
    [guitarReader, guitars, "a guitar I can gig with for the next 10 years", null],
    [
      flatReader,
      flats,
      "flats listed next month in Oslo",
      { city: "Oslo", added: { gte: epochDay(2027, 1, 1), lte: epochDay(2027, 1, 31) } },
    ],
    [guitarReader, guitars, "guitars with a warranty until 2031", null],
    [flatReader, flats, "flats with a lease that runs until 2030", null],
    [festivalReader, festivals, "opera festivals until 2029", { style: "opera", starts: { lte: epochDay(2029, 12, 31) } }],
  ]);
});

describe("a noun after a value before 'from <year>', 'perfect' before a hyphenated measure, amounts that count no results", () => {
  expectCases([
    [guitarReader, guitars, "Lumen gear from 2019 or earlier", { maker: "Lumen", year_made: { lte: 2019 } }],
    [guitarReader, guitars, "a guitar with a perfect 3-kg case", null],
    [guitarReader, guitars, "guitars over $900 with great reviews", { price: { gt: 900 } }],
    [festivalReader, festivals, "festivals with tickets above £60 with good reviews", { ticket: { gt: 60 } }],
  ]);
  it("still reads a count of results after a quantifier", () => {
    const built = guitarReader.constructSync("no more than 5 results about acoustic guitars");
    expect(built.limit).toBe(5);
  });
});
