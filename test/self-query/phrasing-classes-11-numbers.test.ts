import { describe, expect, it } from "vitest";
import { defineAttributeSchema, namePhrases, nameUnits } from "../../src/self-query/attribute-schema.js";
import { epochDay } from "../../src/self-query/calendar.js";
import { RuleBasedQueryConstructor } from "../../src/self-query/rule-based-query-constructor.js";
import { isYearMeasure } from "../../src/self-query/rule-based/recognize-dates.js";
import { expectCases as expectPhrasingCases, selectionChecker, type GridValues, type PhrasingCase } from "./support/record-selection.js";

/**
 * Regression tests for the number and date classes of phase 4, driven by the schema's types, on schemas neither the bench
 * nor the probes (bench/self-query/probe-numbers-11.ts) use: board games with a plain integer year named by no alias
 * holding "year" and a purchase date with its year field, a minutes play time, a player count with no unit and a half-step
 * weight; workshops with a minutes duration named only by its field name, years of experience, a session number and a
 * date whose alias ("published") a longer alias of the year ("first published") holds.
 */
const games = defineAttributeSchema({
  documentContents: "A board game on my shelf, with my notes",
  attributes: [
    {
      name: "theme",
      type: "enum",
      description: "Theme",
      aliases: ["theme"],
      values: ["fantasy", "trains", "farming"].map((value) => ({ value })),
    },
    { name: "designed_in", type: "integer", description: "The year the game was designed", minimum: 1950, maximum: 2026 },
    { name: "bought", type: "date", description: "The day I bought it", aliases: ["bought", "got"], yearField: "bought_year" },
    {
      name: "play_minutes",
      type: "integer",
      description: "How long a game takes, in minutes",
      aliases: ["play time", "playing time"],
      units: ["minutes", "minute", "min"],
      minimum: 5,
      maximum: 600,
    },
    { name: "player_count", type: "integer", description: "Most players", minimum: 1, maximum: 12 },
    { name: "expansion_number", type: "integer", description: "Which expansion it is", aliases: ["expansion"], minimum: 1, maximum: 50 },
    {
      name: "weight",
      type: "number",
      description: "Complexity 1-5 in half steps",
      aliases: ["weight"],
      minimum: 1,
      maximum: 5,
      quality: true,
    },
  ],
});

const workshops = defineAttributeSchema({
  documentContents: "A workshop in a community centre's programme",
  attributes: [
    {
      name: "craft",
      type: "enum",
      description: "Craft",
      aliases: ["craft"],
      values: ["pottery", "weaving", "woodwork"].map((value) => ({ value })),
    },
    { name: "duration_minutes", type: "integer", description: "Length in minutes", units: ["minutes", "mins"], minimum: 10, maximum: 600 },
    {
      name: "experience_years",
      type: "integer",
      description: "Years of practice asked for",
      aliases: ["experience"],
      minimum: 0,
      maximum: 10,
    },
    {
      name: "session_number",
      type: "integer",
      description: "The session's number in its course",
      aliases: ["session"],
      minimum: 1,
      maximum: 200,
    },
    { name: "programme_date", type: "date", description: "The day the programme was published", aliases: ["published", "announced"] },
    { name: "first_published", type: "integer", description: "The year the course was first offered", minimum: 1980, maximum: 2026 },
  ],
});

const NOW = new Date(Date.UTC(2026, 11, 1, 12));
const gameReader = new RuleBasedQueryConstructor({ attributes: games, now: () => NOW });
const workshopReader = new RuleBasedQueryConstructor({ attributes: workshops, now: () => NOW });

const day = (year: number, month: number, date: number) => epochDay(year, month, date);
const around = (...values: number[]) => values.flatMap((value) => [value - 1, value, value + 1]);
const GRID_VALUES: GridValues = {
  theme: ["fantasy", "trains", "farming"],
  designed_in: around(1900, 1979, 1980, 1987, 1989, 1990, 1999, 2000, 2003, 2005),
  bought: [
    day(2019, 5, 1),
    day(2024, 3, 1),
    day(2025, 12, 31),
    day(2026, 1, 1),
    day(2026, 5, 31),
    day(2026, 6, 1),
    day(2026, 7, 1),
    day(2026, 12, 1),
  ],
  play_minutes: around(15, 45, 75, 90, 150),
  player_count: around(4, 6),
  expansion_number: around(3, 10),
  weight: [3, 3.5, 4, 4.5, 5],
  craft: ["pottery", "weaving", "woodwork"],
  duration_minutes: around(30, 90),
  experience_years: [0, 1, 2],
  session_number: around(12, 30),
  programme_date: [day(2024, 6, 1), day(2025, 6, 30), day(2025, 7, 1), day(2025, 12, 31), day(2026, 1, 1), day(2026, 11, 1)],
  first_published: around(1990, 1999, 2010),
};
const sameSelection = selectionChecker(GRID_VALUES, 20);
const expectCases = (cases: readonly PhrasingCase[]) => expectPhrasingCases(cases, sameSelection);

describe("a plain integer whose range lies within 1000-2200 holds years", () => {
  it("recognizes it by its type and range, not a count or a unit-bearing integer", () => {
    const byName = new Map(games.attributes.map((attribute) => [attribute.name, attribute]));
    expect(isYearMeasure(byName.get("designed_in") as (typeof games.attributes)[number])).toBe(true);
    expect(isYearMeasure(byName.get("player_count") as (typeof games.attributes)[number])).toBe(false);
    expect(isYearMeasure(byName.get("play_minutes") as (typeof games.attributes)[number])).toBe(false);
  });
  expectCases([
    [gameReader, games, "train games designed before 1980", { theme: "trains", designed_in: { lt: 1980 } }],
    [gameReader, games, "fantasy games designed in the eighties", { theme: "fantasy", designed_in: { gte: 1980, lte: 1989 } }],
    [gameReader, games, "games designed from 2000 through 2005", { designed_in: { gte: 2000, lte: 2005 } }],
    [gameReader, games, "games designed in the '90s that I bought last year", { designed_in: { gte: 1990, lte: 1999 }, bought_year: 2025 }],
    [gameReader, games, "games designed in the late eighties", { designed_in: { gte: 1987, lte: 1989 } }],
    [gameReader, games, "train games designed in '87", { theme: "trains", designed_in: 1987 }],
    [gameReader, games, "games I bought in '24", { bought_year: 2024 }],
    [gameReader, games, "train games from the early 2000s", { theme: "trains", designed_in: { gte: 2000, lte: 2003 } }],
    [gameReader, games, "games designed before the 2000s", { designed_in: { lt: 2000 } }],
    // The date keeps its own years.
    [gameReader, games, "games I bought in 2024", { bought_year: 2024 }],
    // A period said of a lifetime, or of an imagined date, not of the documents.
    [gameReader, games, "a train game that looks like it was designed in the eighties", { theme: "trains" }],
    [gameReader, games, "a farming game about life on a ranch in the fifties", { theme: "farming" }],
    // ... but a word for the documents before the decade dates them.
    [gameReader, games, "games in the nineties", { designed_in: { gte: 1990, lte: 1999 } }],
    [gameReader, games, "a farming game about growing up in the seventies", { theme: "farming" }],
  ]);
});

describe("a year's longer alias holding the date's alias names the year", () => {
  expectCases([
    [workshopReader, workshops, "pottery courses first published before 2010", { craft: "pottery", first_published: { lt: 2010 } }],
    [
      workshopReader,
      workshops,
      "weaving courses first published in the nineties",
      { craft: "weaving", first_published: { gte: 1990, lte: 1999 } },
    ],
    // Control: the date's own alias alone is the date.
    [workshopReader, workshops, "workshops published in 2025", { programme_date: { gte: day(2025, 1, 1), lte: day(2025, 12, 31) } }],
    // A decade on a date, after its own word only.
    [gameReader, games, "games I bought in the 2020s", { bought_year: { gte: 2020, lte: 2029 } }],
  ]);
});

describe("field names as phrases", () => {
  it("reads the name's words, without a trailing unit word, only for numbers and dates", () => {
    const byName = new Map([...games.attributes, ...workshops.attributes].map((attribute) => [attribute.name, attribute]));
    const phrases = (name: string) => namePhrases(byName.get(name) as (typeof games.attributes)[number]);
    expect(phrases("duration_minutes")).toEqual(["duration"]);
    expect(phrases("player_count")).toEqual(["player count"]);
    expect(phrases("first_published")).toEqual(["first published"]);
    expect(phrases("theme")).toEqual([]);
    expect(phrases("weight")).toEqual([]);
  });
  it("reads a count's field name as its unit when it declares none", () => {
    const byName = new Map(games.attributes.map((attribute) => [attribute.name, attribute]));
    expect(nameUnits(byName.get("player_count") as (typeof games.attributes)[number])).toEqual(["players", "player"]);
    expect(nameUnits(byName.get("play_minutes") as (typeof games.attributes)[number])).toEqual([]);
  });
  expectCases([
    [gameReader, games, "games with a player count above 4", { player_count: { gt: 4 } }],
    [gameReader, games, "fantasy games for more than 6 players", { theme: "fantasy", player_count: { gt: 6 } }],
    // Control: a selection of that many things.
    [gameReader, games, "the top 4 players in our group", null],
    [workshopReader, workshops, "woodwork workshops with a duration under 90 minutes", { craft: "woodwork", duration_minutes: { lt: 90 } }],
    [workshopReader, workshops, "session number 12 of the pottery course", { craft: "pottery", session_number: 12 }],
  ]);
});

describe("periods: halves of rolling periods, H1/H2", () => {
  expectCases([
    [gameReader, games, "games I bought in the past half year", { bought: { gte: day(2026, 6, 1), lte: day(2026, 12, 1) } }],
    [
      workshopReader,
      workshops,
      "workshops announced in the last year and a half",
      { programme_date: { gte: day(2025, 6, 1), lte: day(2026, 12, 1) } },
    ],
    [
      workshopReader,
      workshops,
      "pottery workshops published H2 2025",
      { craft: "pottery", programme_date: { gte: day(2025, 7, 1), lte: day(2025, 12, 31) } },
    ],
    [gameReader, games, "games I got in H1 2026", { bought: { gte: day(2026, 1, 1), lte: day(2026, 6, 30) } }],
  ]);
});

describe("amounts of time in words on the declared unit", () => {
  expectCases([
    [gameReader, games, "train games shorter than three quarters of an hour", { theme: "trains", play_minutes: { lt: 45 } }],
    [gameReader, games, "games with a play time under a quarter of an hour", { play_minutes: { lt: 15 } }],
    [gameReader, games, "fantasy games of two and a half hours or more", { theme: "fantasy", play_minutes: { gte: 150 } }],
    [workshopReader, workshops, "weaving workshops an hour and a half long", { craft: "weaving", duration_minutes: 90 }],
    [workshopReader, workshops, "pottery workshops 30 minutes long", { craft: "pottery", duration_minutes: 30 }],
    [workshopReader, workshops, "a 90-minute pottery workshop", { craft: "pottery", duration_minutes: 90 }],
    [gameReader, games, "games under an hour and a quarter", { play_minutes: { lt: 75 } }],
    [gameReader, games, "games between three quarters of an hour and an hour and a half", { play_minutes: { gte: 45, lte: 90 } }],
    [gameReader, games, "farming games that take less than a quarter hour", { theme: "farming", play_minutes: { lt: 15 } }],
    // Control: an amount of time in someone's story, with no comparison.
    [gameReader, games, "the game my uncle explained for two and a half hours", null],
  ]);
});

describe("zero, an order word before the name of a bare number, a range that repeats the name", () => {
  expectCases([
    [workshopReader, workshops, "weaving workshops, no experience required", { craft: "weaving", experience_years: 0 }],
    [workshopReader, workshops, "woodwork workshops requiring no prior experience", { craft: "woodwork", experience_years: 0 }],
    [workshopReader, workshops, "sessions before session 30", { session_number: { lt: 30 } }],
    [gameReader, games, "anything after expansion 3", { expansion_number: { gt: 3 } }],
    [gameReader, games, "fantasy games up to expansion 10", { theme: "fantasy", expansion_number: { lte: 10 } }],
    [gameReader, games, "heavy games with a weight of at least a 4.5", { weight: { gte: 4.5 } }],
    [gameReader, games, "expansion 3 or later", { expansion_number: { gte: 3 } }],
    [workshopReader, workshops, "weaving from session 12 to session 30", { craft: "weaving", session_number: { gte: 12, lte: 30 } }],
    [gameReader, games, "anything between expansion 3 and expansion 10", { expansion_number: { gte: 3, lte: 10 } }],
    [workshopReader, workshops, "sessions from session 12 through session 30", { session_number: { gte: 12, lte: 30 } }],
    [workshopReader, workshops, "pottery from session 12 onwards", { craft: "pottery", session_number: { gte: 12 } }],
    // Controls: experience of people, the bare number itself.
    [workshopReader, workshops, "what do people with no experience think of the pottery course", { craft: "pottery" }],
    [gameReader, games, "expansion 3 of the train game", { theme: "trains", expansion_number: 3 }],
  ]);
});
