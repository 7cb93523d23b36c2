import { describe } from "vitest";
import { defineAttributeSchema } from "../../src/self-query/attribute-schema.js";
import { epochDay } from "../../src/self-query/calendar.js";
import { RuleBasedQueryConstructor } from "../../src/self-query/rule-based-query-constructor.js";
import { huts, tutoring } from "./support/numbers-12-schemas.js";
import { expectCases as expectPhrasingCases, selectionChecker, type GridValues, type PhrasingCase } from "./support/record-selection.js";

/**
 * Regression tests for the number and date classes of phase 5 (bench/self-query/PROBES-12-numbers.md), on two schemas no
 * bench round uses: mountain huts (two integers in metres, a bed count, a build year beside a stay date) and tutoring
 * sessions (a session date with its year field, a minutes duration, a class size counted in students, a fee), with
 * controls where the same construction is not a constraint.
 */
const NOW = new Date(Date.UTC(2026, 11, 1, 12));
const hutReader = new RuleBasedQueryConstructor({ attributes: huts, now: () => NOW });
const sessionReader = new RuleBasedQueryConstructor({ attributes: tutoring, now: () => NOW });

/** Climbing crags: two integers in metres, one aliased by a phrasal verb in the third person. */
const crags = defineAttributeSchema({
  documentContents: "A climbing crag in a guidebook",
  attributes: [
    {
      name: "top_m",
      type: "integer",
      description: "Height of the top above sea level",
      aliases: ["tops out at"],
      units: ["m"],
      minimum: 0,
    },
    { name: "wall_m", type: "integer", description: "Height of the wall", aliases: ["wall"], units: ["m"], minimum: 0 },
  ],
});
const cragReader = new RuleBasedQueryConstructor({ attributes: crags, now: () => NOW });

const day = (year: number, month: number, date: number) => epochDay(year, month, date);
const around = (...values: number[]) => values.flatMap((value) => [value - 1, value, value + 1]);
const GRID_VALUES: GridValues = {
  country: ["Italy", "Switzerland"],
  altitude_m: around(2000, 2800, 3000),
  approach_ascent_m: around(500, 800, 1000),
  beds: around(20, 40, 100),
  price_per_night: [60],
  stayed_on: [
    day(2019, 12, 31),
    day(2020, 1, 1),
    day(2025, 5, 31),
    day(2025, 6, 1),
    day(2025, 6, 10),
    day(2025, 6, 11),
    day(2026, 6, 30),
    day(2026, 7, 1),
    day(2026, 8, 31),
    day(2026, 9, 1),
  ],
  built_year: [2025, 2026],
  rating: [4, 5],
  subject: ["physics", "chemistry"],
  session_date: [
    day(2024, 12, 31),
    day(2025, 1, 1),
    day(2025, 2, 28),
    day(2025, 3, 1),
    day(2026, 3, 31),
    day(2026, 4, 1),
    day(2026, 6, 30),
    day(2026, 7, 1),
    day(2026, 10, 2),
    day(2026, 10, 3),
    day(2026, 10, 10),
    day(2026, 10, 11),
    day(2026, 11, 9),
    day(2026, 11, 10),
    day(2026, 12, 1),
  ],
  duration_minutes: around(45, 90),
  class_size: around(3, 6, 12),
  fee: around(100),
  score: [7],
  top_m: around(900, 1800),
  wall_m: around(900, 1800),
};
const sameSelection = selectionChecker(GRID_VALUES, 100);
const expectCases = (cases: readonly PhrasingCase[]) => expectPhrasingCases(cases, sameSelection);

describe("a range whose other end carries a measure's unit is that measure, not a year", () => {
  expectCases([
    [hutReader, huts, "huts at an altitude of 2000-2800 m", { altitude_m: { gte: 2000, lte: 2800 } }],
    [hutReader, huts, "huts in switzerland, 20-40 beds", { country: "Switzerland", beds: { gte: 20, lte: 40 } }],
    [sessionReader, tutoring, "physics sessions of 45-90 minutes", { subject: "physics", duration_minutes: { gte: 45, lte: 90 } }],
    // Control: a range of years with the year's own word stays a range of years.
    [hutReader, huts, "huts built 2025-2026", { built_year: { gte: 2025, lte: 2026 } }],
  ]);
});

describe("open bounds joined to the year, and a year opening a fragment after its cue", () => {
  expectCases([
    [sessionReader, tutoring, "the 2025-and-later physics sessions", { subject: "physics", session_year: { gte: 2025 } }],
    [sessionReader, tutoring, "the 2024-and-earlier chemistry sessions", { session_year: { lte: 2024 }, subject: "chemistry" }],
    [hutReader, huts, "huts I stayed at, 2020 and after", { stay_year: { gte: 2020 } }],
  ]);
});

describe("a year standing alone in a terse fragment is the documents' year", () => {
  expectCases([
    [sessionReader, tutoring, "physics only, 2025", { subject: "physics", session_year: 2025 }],
    [sessionReader, tutoring, "chemistry, 2026", { subject: "chemistry", session_year: 2026 }],
    [sessionReader, tutoring, "2025: physics or chemistry", { subject: { in: ["physics", "chemistry"] }, session_year: 2025 }],
    // Controls: a year opening a sentence, a year inside a phrase.
    [sessionReader, tutoring, "2025, the year the syllabus changed", null],
    [sessionReader, tutoring, "sessions on books like 1984, please", null],
  ]);
});

describe("two measures sharing a unit are told apart by the alias next to the number", () => {
  expectCases([
    [hutReader, huts, "huts with an approach of under 500 m", { approach_ascent_m: { lt: 500 } }],
    [hutReader, huts, "huts sitting at a height above 3,000 metres", { altitude_m: { gt: 3000 } }],
    [hutReader, huts, "huts with 800 m of ascent", { approach_ascent_m: 800 }],
    // A length in another unit before "of <alias>" is that measure, converted; a unit with an article is one of it.
    [hutReader, huts, "huts with over a kilometre of climb", { approach_ascent_m: { gt: 1000 } }],
    [hutReader, huts, "huts with less than half a kilometre of ascent", { approach_ascent_m: { lt: 500 } }],
  ]);
});

describe("number words after a comparison, 'times' after a verb alias", () => {
  expectCases([
    [hutReader, huts, "huts with more than a hundred beds", { beds: { gt: 100 } }],
    [sessionReader, tutoring, "sessions with a fee of under a hundred pounds", { fee: { lt: 100 } }],
  ]);
});

describe("a collective noun of people counts the measure of people", () => {
  expectCases([
    [sessionReader, tutoring, "groups of 3 to 6 in chemistry", { subject: "chemistry", class_size: { gte: 3, lte: 6 } }],
    [sessionReader, tutoring, "a class of 12", { class_size: 12 }],
    [sessionReader, tutoring, "groups of 3 to 6 students", { class_size: { gte: 3, lte: 6 } }],
    // Controls: a noun after the number is what is counted; no measure of people (beds are no people).
    [sessionReader, tutoring, "a session on a story about a group of 5 friends", null],
    [hutReader, huts, "a hut that took in a group of 40 after the storm", null],
  ]);
});

describe("months listed, days of one month, a date pointed back at", () => {
  expectCases([
    [hutReader, huts, "nights I stayed in july or august", { stayed_on: { gte: day(2026, 7, 1), lte: day(2026, 8, 31) } }],
    [sessionReader, tutoring, "sessions from april, may or june", { session_date: { gte: day(2026, 4, 1), lte: day(2026, 6, 30) } }],
    [
      sessionReader,
      tutoring,
      "sessions held between the 3rd and 10th of october",
      { session_date: { gte: day(2026, 10, 3), lte: day(2026, 10, 10) } },
    ],
    [
      hutReader,
      huts,
      "nights I stayed between the 1st and 10th of june 2025",
      { stayed_on: { gte: day(2025, 6, 1), lte: day(2025, 6, 10) } },
    ],
    [sessionReader, tutoring, "march 2025 was the cutoff; sessions held before it", { session_date: { lt: day(2025, 3, 1) } }],
    [hutReader, huts, "june 2025 is my limit, only nights I stayed after that", { stayed_on: { gt: day(2025, 6, 30) } }],
    // Control: days of a month when something else happens.
    [sessionReader, tutoring, "a session on a festival that takes place between the 3rd and 10th of october", null],
  ]);
});

describe("how long since the date's event, and windows written from their far end", () => {
  expectCases([
    [sessionReader, tutoring, "sessions, three weeks back to today", { session_date: { gte: day(2026, 11, 10), lte: day(2026, 12, 1) } }],
    [
      sessionReader,
      tutoring,
      "sessions from eight months ago until now",
      { session_date: { gte: day(2026, 4, 1), lte: day(2026, 12, 1) } },
    ],
    [
      sessionReader,
      tutoring,
      "sessions that have been booked for three weeks or less",
      { session_date: { gte: day(2026, 11, 10), lte: day(2026, 12, 1) } },
    ],
    // Control: how long someone else has done something.
    [sessionReader, tutoring, "a student whose sister has been tutored for three weeks", null],
  ]);
});

describe("a relative year cued by a year measure's alias is that measure", () => {
  expectCases([
    [hutReader, huts, "huts that opened this year", { built_year: 2026 }],
    [hutReader, huts, "huts built last year", { built_year: 2025 }],
    // Control: the date's own alias keeps the date's year.
    [hutReader, huts, "huts I stayed at last year", { stay_year: 2025 }],
  ]);
});

describe("a phrasal verb alias matches its base form", () => {
  // The crags' grid is small (two attributes): its own minimum.
  expectPhrasingCases(
    [
      [cragReader, crags, "crags that top out above 1800 m", { top_m: { gt: 1800 } }],
      [cragReader, crags, "a crag that tops out at 900 m", { top_m: 900 }],
      // Control: the other measure in metres, named by its own alias.
      [cragReader, crags, "a wall of at least 900 m", { wall_m: { gte: 900 } }],
    ],
    selectionChecker(GRID_VALUES, 20),
  );
});

describe("'every' before a grade quantifies the documents", () => {
  expectCases([
    [hutReader, huts, "every 5/5 hut in italy", { rating: 5, country: "Italy" }],
    // Control: "every" before an amount of time is a rate of something else.
    [sessionReader, tutoring, "a student who takes a break every 45 minutes", null],
  ]);
});
