import { describe, expect, it } from "vitest";
import { defineAttributeSchema } from "../../src/self-query/attribute-schema.js";
import { epochDay } from "../../src/self-query/calendar.js";
import { RuleBasedQueryConstructor } from "../../src/self-query/rule-based-query-constructor.js";
import { expectCases as expectPhrasingCases, selectionChecker, type GridValues, type PhrasingCase } from "./support/record-selection.js";

/**
 * Regression tests for the number and date classes fixed after round 7, in new wordings on schemas the bench does not
 * use (a wine shop, a podcast catalogue, apartment rentals, a boat broker, a concert listing, a freelance gig board): a
 * year before a value or a word for results dates the documents ("2015 Malbecs"), whole years going to a number
 * attribute that holds years ("model_year") unless the date's alias cues them, comparison words glued to their number
 * ("sub-$1,800"), a comparison binding to the number after it ("3 rooms under $2,500"), a cue whose attribute cannot
 * hold the magnitude, "after 2 years" / "3 years ago" saying when, numbers and dates of another noun's or someone
 * else's event, and other units of time converted on the one measure of time ("under an hour and a half").
 */
const wines = defineAttributeSchema({
  documentContents: "A bottle of wine in a wine shop",
  attributes: [
    {
      name: "grape",
      type: "enum",
      description: "The grape",
      aliases: ["grape"],
      values: ["malbec", "merlot", "riesling", "syrah"].map((value) => ({ value })),
    },
    { name: "vintage", type: "integer", description: "The vintage year", aliases: ["vintage", "year"], minimum: 1950, maximum: 2026 },
    { name: "price", type: "number", description: "Price in dollars", aliases: ["price", "priced"], units: ["$", "dollars"], minimum: 0 },
    {
      name: "points",
      type: "integer",
      description: "Critics' points",
      aliases: ["points", "scored"],
      units: ["points", "pts"],
      minimum: 80,
      maximum: 100,
    },
  ],
});

const podcasts = defineAttributeSchema({
  documentContents: "A podcast episode",
  attributes: [
    {
      name: "genre",
      type: "enum",
      description: "Genre",
      aliases: ["genre"],
      values: ["comedy", "history", "science"].map((value) => ({ value })),
    },
    {
      name: "minutes",
      type: "integer",
      description: "Running time in minutes",
      aliases: ["runs", "length"],
      units: ["minutes", "min"],
      minimum: 1,
      maximum: 300,
    },
    { name: "published", type: "date", description: "Publication date", aliases: ["published", "aired"], yearField: "published_year" },
  ],
});

const rentals = defineAttributeSchema({
  documentContents: "An apartment for rent",
  attributes: [
    {
      name: "kind",
      type: "enum",
      description: "Kind of apartment",
      aliases: ["kind"],
      values: ["studio", "duplex", "penthouse"].map((value) => ({ value })),
    },
    {
      name: "rooms",
      type: "integer",
      description: "Number of rooms",
      aliases: ["rooms", "room"],
      units: ["rooms", "room"],
      minimum: 1,
      maximum: 6,
    },
    { name: "rent", type: "number", description: "Monthly rent in dollars", aliases: ["rent"], units: ["$", "dollars"], minimum: 0 },
    {
      name: "area",
      type: "integer",
      description: "Living area in square metres",
      aliases: ["area", "size"],
      units: ["sq m", "m²"],
      minimum: 10,
    },
    {
      name: "metro_km",
      type: "number",
      description: "Distance to the metro in km",
      aliases: ["from the metro"],
      units: ["km"],
      minimum: 0,
    },
  ],
});

const meetups = defineAttributeSchema({
  documentContents: "A meetup event",
  attributes: [
    { name: "topic", type: "enum", description: "Topic", aliases: ["topic"], values: ["python", "design"].map((value) => ({ value })) },
    { name: "fee", type: "number", description: "Entry fee in dollars", aliases: ["fee"], units: ["$"], minimum: 0 },
    { name: "happens", type: "date", description: "The day it happens", aliases: ["happening"] },
  ],
});

const cabins = defineAttributeSchema({
  documentContents: "A cabin for rent",
  attributes: [
    { name: "lake", type: "enum", description: "The lake", aliases: ["lake"], values: ["Tahoe", "Placid"].map((value) => ({ value })) },
    { name: "year_built", type: "integer", description: "The year the cabin was built", minimum: 1850, maximum: 2026 },
  ],
});

const boats = defineAttributeSchema({
  documentContents: "A boat for sale",
  attributes: [
    {
      name: "hull",
      type: "enum",
      description: "Hull type",
      aliases: ["hull"],
      values: ["catamaran", "sailboat", "trawler"].map((value) => ({ value })),
    },
    { name: "model_year", type: "integer", description: "Model year", aliases: ["model year", "year"], minimum: 1970, maximum: 2027 },
    {
      name: "price",
      type: "number",
      description: "Asking price in dollars",
      aliases: ["price", "asking"],
      units: ["$", "dollars"],
      minimum: 0,
    },
    { name: "listed", type: "date", description: "When the boat was listed", aliases: ["listed", "posted"], yearField: "listed_year" },
  ],
});

const concerts = defineAttributeSchema({
  documentContents: "A concert listing",
  attributes: [
    {
      name: "style",
      type: "enum",
      description: "Music style",
      aliases: ["style"],
      values: ["jazz", "opera", "techno"].map((value) => ({ value })),
    },
    { name: "starts", type: "date", description: "The concert date", aliases: ["playing", "starts"] },
    { name: "on_sale", type: "date", description: "When tickets go on sale", aliases: ["on sale"] },
  ],
});

const gigs = defineAttributeSchema({
  documentContents: "A freelance gig",
  attributes: [
    { name: "skill", type: "enum", description: "Skill", aliases: ["skill"], values: ["design", "writing"].map((value) => ({ value })) },
    {
      name: "experience",
      type: "integer",
      description: "Years of experience asked for",
      aliases: ["experience", "years of experience"],
      units: ["years of experience", "years"],
      minimum: 0,
      maximum: 30,
    },
    { name: "rate", type: "number", description: "Hourly rate in dollars", aliases: ["rate"], units: ["$"], minimum: 0 },
  ],
});

const NOW = new Date(Date.UTC(2026, 11, 1, 12));
const reader = (attributes: typeof wines) => new RuleBasedQueryConstructor({ attributes, now: () => NOW });
const wineReader = reader(wines);
const podcastReader = reader(podcasts);
const rentalReader = reader(rentals);
const boatReader = reader(boats);
const concertReader = reader(concerts);
const gigReader = reader(gigs);
const meetupReader = reader(meetups);
const cabinReader = reader(cabins);

const around = (...values: number[]) => values.flatMap((value) => [value - 1, value, value + 1]);
const days = (...dates: Array<[number, number, number]>) => dates.map(([year, month, day]) => epochDay(year, month, day));
const GRID_VALUES: GridValues = {
  grape: ["malbec", "merlot", "riesling", "syrah"],
  vintage: around(1990, 1999, 2000, 2005, 2009, 2010, 2015, 2018, 2019),
  price: around(25, 60_000),
  points: [90],
  genre: ["comedy", "history", "science"],
  minutes: around(10, 60, 90, 120),
  published: days(
    [2025, 6, 30],
    [2025, 7, 1],
    [2025, 9, 30],
    [2025, 10, 1],
    [2025, 10, 31],
    [2025, 11, 1],
    [2025, 12, 31],
    [2026, 1, 1],
    [2026, 9, 30],
    [2026, 10, 1],
    [2026, 12, 1],
    [2026, 12, 2],
    [2026, 3, 2],
    [2026, 3, 3],
    [2027, 3, 3],
    [2022, 12, 31],
    [2023, 6, 15],
    [2024, 1, 1],
    [2024, 6, 15],
    [2024, 12, 31],
    [2025, 1, 1],
    [2025, 11, 5],
    [2026, 11, 5],
  ),
  kind: ["studio", "duplex", "penthouse"],
  rooms: [1, 2, 3, 4],
  rent: around(1_200, 1_800, 2_000, 2_500, 3_000),
  metro_km: [1, 2, 3],
  area: around(12, 60),
  hull: ["catamaran", "sailboat", "trawler"],
  model_year: around(2000, 2005, 2010, 2019),
  listed: days(
    [2011, 6, 15],
    [2023, 12, 31],
    [2024, 1, 1],
    [2024, 6, 15],
    [2025, 1, 1],
    [2027, 2, 28],
    [2027, 3, 1],
    [2027, 5, 31],
    [2027, 6, 1],
  ),
  style: ["jazz", "opera", "techno"],
  starts: days([2025, 12, 31], [2026, 6, 15], [2027, 1, 1]),
  on_sale: days([2025, 12, 31], [2026, 3, 1], [2027, 1, 1]),
  skill: ["design", "writing"],
  experience: [1, 2, 3, 4, 5, 6],
  rate: [49, 50, 51],
  lake: ["Tahoe", "Placid"],
  year_built: around(1930, 1939, 1970, 2010, 2019),
  topic: ["python", "design"],
  fee: [9, 10, 11],
  happens: days(
    [2026, 11, 29],
    [2026, 11, 30],
    [2026, 12, 1],
    [2026, 12, 2],
    [2026, 12, 4],
    [2026, 12, 5],
    [2026, 12, 6],
    [2026, 12, 7],
    [2026, 12, 19],
    [2026, 12, 20],
    [2025, 12, 19],
  ),
};

/** True when `actual` selects exactly the grid records `expected` selects (null: no filter). */
const sameSelection = selectionChecker(GRID_VALUES, 20);

const expectCases = (cases: readonly PhrasingCase[]) => expectPhrasingCases(cases, sameSelection);

describe("a year before a value or a word for results dates the documents", () => {
  expectCases([
    [podcastReader, podcasts, "2024 science episodes", { genre: "science", published_year: 2024 }],
    [podcastReader, podcasts, "2023 episodes", { published_year: 2023 }],
    [podcastReader, podcasts, "the 2025 ones", { published_year: 2025 }],
    [wineReader, wines, "2015 Malbecs", { grape: "malbec", vintage: 2015 }],
    [boatReader, boats, "2019 catamarans", { hull: "catamaran", model_year: 2019 }],
  ]);
  it("is left alone after a possessive or a currency sign, and before a noun the schema does not know", () => {
    const possessive = wineReader.constructSync("a wine to go with my 2019 merlot");
    expect(possessive.warnings.join(" | ")).toMatch(/"2019"/);
    expect(JSON.stringify(possessive.filter)).not.toMatch(/vintage/);
    expect(podcastReader.constructSync("episodes about the 1969 moon landing").filter).toBeNull();
    expect(rentalReader.constructSync("$2000 studios").filter).not.toBeNull();
    expect(JSON.stringify(rentalReader.constructSync("$2000 studios").filter)).not.toMatch(/year/);
  });
  it("is not read, with a warning, when the schema has several dates", () => {
    const built = concertReader.constructSync("2026 jazz concerts");
    expect(built.filter).toEqual({ field: "style", operator: "eq", value: "jazz" });
    expect(built.warnings.join(" | ")).toMatch(/several dates \(starts, on_sale\)/);
  });
});

describe("whole years go to a number attribute holding years unless the date's alias cues them", () => {
  expectCases([
    [wineReader, wines, "Syrahs from 2018 or 2019", { grape: "syrah", vintage: { in: [2018, 2019] } }],
    [wineReader, wines, "Rieslings older than 2010", { grape: "riesling", vintage: { lt: 2010 } }],
    [boatReader, boats, "trawlers from 2005 to 2010", { hull: "trawler", model_year: { gte: 2005, lte: 2010 } }],
    [boatReader, boats, "catamarans listed in 2024", { hull: "catamaran", listed_year: 2024 }],
    [
      boatReader,
      boats,
      "sailboats with a model year before 2000 under $60k",
      { hull: "sailboat", model_year: { lt: 2000 }, price: { lt: 60_000 } },
    ],
  ]);
  it("warns which date an uncued year could also be", () => {
    expect(boatReader.constructSync("trawlers from 2005 to 2010").warnings.join(" | ")).toMatch(
      /as model_year; name "listed" to mean listed/,
    );
  });
});

describe("comparison words glued to their number", () => {
  expectCases([
    [rentalReader, rentals, "sub-$1,800 studios", { kind: "studio", rent: { lt: 1_800 } }],
    [rentalReader, rentals, "sub 1,800 dollar duplexes", { kind: "duplex", rent: { lt: 1_800 } }],
    [rentalReader, rentals, "under-60 sq m penthouses", { kind: "penthouse", area: { lt: 60 } }],
    [wineReader, wines, "sub-$25 Merlots", { grape: "merlot", price: { lt: 25 } }],
  ]);
});

describe("a comparison binds to the number after it, within the magnitude its attribute can hold", () => {
  expectCases([
    [rentalReader, rentals, "duplexes with 3 rooms under $2,500", { kind: "duplex", rooms: 3, rent: { lt: 2_500 } }],
    [rentalReader, rentals, "a place with 2 rooms over $1,200", { rooms: 2, rent: { gt: 1_200 } }],
    [rentalReader, rentals, "rooms under 3k", { rent: { lt: 3_000 } }],
    [rentalReader, rentals, "a 4 room apartment, under 3k", { rooms: 4, rent: { lt: 3_000 } }],
  ]);
});

describe("'after N years', 'every N years' and 'N years ago' say when, not how much", () => {
  expectCases([
    [gigReader, gigs, "gigs that promise a raise after 2 years", null],
    [gigReader, gigs, "a client who paid me 3 years ago", null],
    [gigReader, gigs, "retainers renewed every 2 years", null],
    [gigReader, gigs, "design gigs asking for 3 years", { skill: "design", experience: 3 }],
    [gigReader, gigs, "writing gigs open after 5 years of experience or more", { skill: "writing", experience: { gte: 5 } }],
  ]);
  it("warns what it left", () => {
    expect(gigReader.constructSync("gigs that promise a raise after 2 years").warnings.join(" | ")).toMatch(/"after 2 years" says when/);
  });
});

describe("numbers and dates of another noun's or someone else's event", () => {
  expectCases([
    [podcastReader, podcasts, "an episode about a band that formed in 1994", null],
    [podcastReader, podcasts, "a comedian my sister discovered last month", null],
    [podcastReader, podcasts, "a sketch that drags for 10 minutes", null],
    [rentalReader, rentals, "apartments where the balcony is 12 sq m", null],
    [boatReader, boats, "the mast my brother rebuilt in 2011", null],
    [podcastReader, podcasts, "history episodes that were aired in 2024", { genre: "history", published_year: 2024 }],
    [podcastReader, podcasts, "science episodes that runs 10 minutes", { genre: "science", minutes: 10 }],
  ]);
});

describe("other units of time on the one measure of time", () => {
  expectCases([
    [podcastReader, podcasts, "history episodes under an hour and a half", { genre: "history", minutes: { lt: 90 } }],
    [podcastReader, podcasts, "comedy episodes shorter than 2 hours", { genre: "comedy", minutes: { lt: 120 } }],
    [podcastReader, podcasts, "science episodes longer than an hour", { genre: "science", minutes: { gt: 60 } }],
    [podcastReader, podcasts, "episodes that stay in my head for 2 days", null],
  ]);
  it("warns how it converted", () => {
    expect(podcastReader.constructSync("comedy episodes shorter than 2 hours").warnings.join(" | ")).toMatch(/as minutes 120 \(minutes\)/);
  });
});

describe("rates, distances and decades", () => {
  expectCases([
    [rentalReader, rentals, "studios under $24,000 a year", { kind: "studio", rent: { lt: 2_000 } }],
    [rentalReader, rentals, "studios within 2 km from the metro", { kind: "studio", metro_km: { lte: 2 } }],
    [wineReader, wines, "Malbecs from the 2000s", { grape: "malbec", vintage: { gte: 2000, lte: 2009 } }],
    [wineReader, wines, "90s Rieslings", { grape: "riesling", vintage: { gte: 1990, lte: 1999 } }],
    [podcastReader, podcasts, "history episodes that discuss the 1990s", { genre: "history" }],
  ]);
  it("leaves a decade on a date of the documents, with a warning", () => {
    const built = podcastReader.constructSync("science episodes from the 2010s");
    expect(built.filter).toEqual({ field: "genre", operator: "eq", value: "science" });
    expect(built.warnings.join(" | ")).toMatch(/the 2010s/);
  });
});

describe("days and weekends near now, next to a word for the documents or a value", () => {
  expectCases([
    [
      meetupReader,
      meetups,
      "python meetups this weekend",
      { topic: "python", happens: { gte: epochDay(2026, 12, 5), lte: epochDay(2026, 12, 6) } },
    ],
    [meetupReader, meetups, "meetups tomorrow", { happens: epochDay(2026, 12, 2) }],
    [meetupReader, meetups, "upcoming design meetups", { topic: "design", happens: { gte: epochDay(2026, 12, 1) } }],
    [meetupReader, meetups, "meetups since yesterday", { happens: { gte: epochDay(2026, 11, 30) } }],
    [meetupReader, meetups, "what should I read this weekend", null],
  ]);
});

describe("a day written without its year, and an amount before a near day", () => {
  expectCases([
    [meetupReader, meetups, "python meetups before December 20", { topic: "python", happens: { lt: epochDay(2026, 12, 20) } }],
    [podcastReader, podcasts, "episodes published since March 3", { published: { gte: epochDay(2026, 3, 3) } }],
    [
      meetupReader,
      meetups,
      "design meetups under $10 this weekend",
      { topic: "design", fee: { lt: 10 }, happens: { gte: epochDay(2026, 12, 5), lte: epochDay(2026, 12, 6) } },
    ],
    [podcastReader, podcasts, "what happens on December 25 in the story", null],
  ]);
  it("warns which year it took", () => {
    expect(podcastReader.constructSync("episodes published since March 3").warnings.join(" | ")).toMatch(
      /2026-03-03 \(its latest occurrence\)/,
    );
    expect(meetupReader.constructSync("python meetups before December 20").warnings.join(" | ")).toMatch(/2026-12-20 \(the nearest one\)/);
  });
});

describe("parts of relative years, edges of a year, 'since last year', 'the last couple of months'", () => {
  expectCases([
    [
      podcastReader,
      podcasts,
      "comedy episodes from the second half of last year",
      { genre: "comedy", published: { gte: epochDay(2025, 7, 1), lte: epochDay(2025, 12, 31) } },
    ],
    [
      podcastReader,
      podcasts,
      "episodes aired in October of last year",
      { published: { gte: epochDay(2025, 10, 1), lte: epochDay(2025, 10, 31) } },
    ],
    [
      podcastReader,
      podcasts,
      "history episodes published before the beginning of 2025",
      { genre: "history", published: { lt: epochDay(2025, 1, 1) } },
    ],
    [podcastReader, podcasts, "episodes published after the end of 2024", { published: { gt: epochDay(2024, 12, 31) } }],
    [podcastReader, podcasts, "science episodes since last year", { genre: "science", published: { gte: epochDay(2025, 1, 1) } }],
    [
      podcastReader,
      podcasts,
      "episodes from the past couple of months",
      { published: { gte: epochDay(2026, 10, 1), lte: epochDay(2026, 12, 1) } },
    ],
  ]);
});

describe("a coming season or a '<noun> of <number>' said of something else", () => {
  expectCases([
    [boatReader, boats, "a sailing holiday next summer", null],
    [boatReader, boats, "catamarans for next summer", { hull: "catamaran" }],
    [
      boatReader,
      boats,
      "trawlers listed next spring",
      { hull: "trawler", listed: { gte: epochDay(2027, 3, 1), lte: epochDay(2027, 5, 31) } },
    ],
    [rentalReader, rentals, "a commute of 2 km by bike", null],
    [wineReader, wines, "a Merlot for a story that takes place in 1999", { grape: "merlot" }],
    [rentalReader, rentals, "studios with an area of 60 sq m", { kind: "studio", area: 60 }],
  ]);
});

describe("the event a number attribute holding years records", () => {
  expectCases([
    [cabinReader, cabins, "Tahoe cabins built before 1970", { lake: "Tahoe", year_built: { lt: 1970 } }],
    [cabinReader, cabins, "a 1930s cabin", { year_built: { gte: 1930, lte: 1939 } }],
    [cabinReader, cabins, "cabins built in the 2010s", { year_built: { gte: 2010, lte: 2019 } }],
    [cabinReader, cabins, "a cabin with a dock repaired in 2019", null],
  ]);
});
