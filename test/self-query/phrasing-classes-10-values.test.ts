import { describe } from "vitest";
import { defineAttributeSchema } from "../../src/self-query/attribute-schema.js";
import { RuleBasedQueryConstructor } from "../../src/self-query/rule-based-query-constructor.js";
import { expectCases as expectPhrasingCases, selectionChecker, type GridValues, type PhrasingCase } from "./support/record-selection.js";

/**
 * Regression tests for the value classes fixed after round 9, in new wordings on schemas the bench does not use (a bug
 * tracker, concert listings, guesthouses): a value's word used in its ordinary sense (a verb after an auxiliary, a degree
 * after "too", the complement of a clause about a person or another noun, a person named like a city, a yes/no word that
 * is the object of what a person did) is not a constraint, while the same words said of the documents still are; plurals
 * of short codes and of abbreviations joined by "&"; a value listed after another value of its attribute shares the noun
 * after it; a value after "for" before the noun its attribute is said of is the constraint.
 */
const bugs = defineAttributeSchema({
  documentContents: "An issue in a software project's bug tracker",
  attributes: [
    {
      name: "state",
      type: "enum",
      description: "Where the issue stands",
      aliases: ["state"],
      values: ["open", "closed", "blocked", "on hold", "in review"].map((value) => ({ value })),
    },
    {
      name: "severity",
      type: "enum",
      description: "How bad the issue is",
      aliases: ["severity"],
      values: [{ value: "low" }, { value: "high" }, { value: "critical", aliases: ["S1"] }],
    },
    {
      name: "tier",
      type: "enum",
      description: "The plan the member who reported it is on",
      aliases: ["plan"],
      values: ["free", "team", "enterprise"].map((value) => ({ value })),
    },
  ],
});

const gigs = defineAttributeSchema({
  documentContents: "A concert listing",
  attributes: [
    {
      name: "city",
      type: "enum",
      description: "Where the concert is",
      aliases: ["in"],
      values: ["Paris", "Austin", "Sydney", "Victoria"].map((value) => ({ value })),
    },
    {
      name: "genre",
      type: "enum",
      description: "The music played",
      aliases: ["genre"],
      values: ["jazz", "rock", "folk"].map((value) => ({ value })),
    },
  ],
});

const inns = defineAttributeSchema({
  documentContents: "A guesthouse listing",
  attributes: [
    { name: "parking", type: "boolean", description: "Has parking", aliases: ["parking", "free parking"] },
    { name: "dinner", type: "boolean", description: "Serves dinner", aliases: ["dinner", "evening meal"] },
    {
      name: "kind",
      type: "enum",
      description: "What kind of place",
      aliases: ["kind"],
      values: [{ value: "inn" }, { value: "bed and breakfast", aliases: ["B&B"] }, { value: "motel" }],
    },
  ],
});

const gear = defineAttributeSchema({
  documentContents: "An item in an outdoor gear shop",
  attributes: [
    {
      name: "maker",
      type: "string",
      description: "Who makes the item",
      aliases: ["maker", "made by"],
      values: ["Heron", "Falcon", "Marten"].map((value) => ({ value })),
    },
    { name: "on_sale", type: "boolean", description: "Discounted now", aliases: ["on sale", "discounted"] },
  ],
});

const podcasts = defineAttributeSchema({
  documentContents: "A listener review of a podcast season",
  attributes: [
    {
      name: "season",
      type: "enum",
      description: "Which season",
      aliases: ["season"],
      values: [1, 2, 3].map((value) => ({ value, label: `season ${value}` })),
    },
  ],
});

const boardGames = defineAttributeSchema({
  documentContents: "A review of a board game by a reviewer",
  attributes: [
    {
      name: "reviewer",
      type: "string",
      description: "Who wrote the review",
      aliases: ["reviewer"],
      values: ["dicelord77", "meeplequeen"].map((value) => ({ value })),
    },
  ],
});

const now = new Date(Date.UTC(2026, 10, 15, 12));
const bugReader = new RuleBasedQueryConstructor({ attributes: bugs, now: () => now });
const gigReader = new RuleBasedQueryConstructor({ attributes: gigs, now: () => now });
const gearReader = new RuleBasedQueryConstructor({ attributes: gear, now: () => now });
const podcastReader = new RuleBasedQueryConstructor({ attributes: podcasts, now: () => now });
const boardGameReader = new RuleBasedQueryConstructor({ attributes: boardGames, now: () => now });
const innReader = new RuleBasedQueryConstructor({ attributes: inns, now: () => now });

const GRID_VALUES: GridValues = {
  state: ["open", "closed", "blocked", "on hold", "other"],
  severity: ["low", "high", "critical"],
  tier: ["free", "team", "enterprise"],
  city: ["Paris", "Austin", "Victoria", "other"],
  genre: ["jazz", "rock", "folk", "other"],
  parking: [true, false],
  dinner: [true, false],
  kind: ["inn", "bed and breakfast", "motel", "other"],
  maker: ["Heron", "Falcon", "other"],
  on_sale: [true, false],
  season: [1, 2, 3],
  reviewer: ["dicelord77", "meeplequeen", "other"],
};

const sameSelection = selectionChecker(GRID_VALUES, 2);

const expectCases = (cases: readonly PhrasingCase[]) => expectPhrasingCases(cases, sameSelection);

describe("a value's word used in its ordinary sense", () => {
  expectCases([
    // A verb after an auxiliary (a negated one would have excluded the value).
    [bugReader, bugs, "the build button won't open on firefox", null],
    [bugReader, bugs, "why does the modal not close on escape", null],
    // An auxiliary that opens a question is inverted: the value still describes the documents.
    [bugReader, bugs, "can open issues be reassigned to me", { state: "open" }],
    [bugReader, bugs, "do closed issues still count toward the quota", { state: "closed" }],
    // A degree after "too".
    [bugReader, bugs, "the timeout is too high for mobile users", null],
    // The complement of a clause about a person or another noun.
    [bugReader, bugs, "a customer said their account was blocked for no reason", null],
    [bugReader, bugs, "he was on hold with support for an hour", null],
    // Said of the documents (a word for them, a relative pronoun, an indefinite pronoun) it is the constraint.
    [bugReader, bugs, "issues that are still open", { state: "open" }],
    [bugReader, bugs, "an issue that was closed as a duplicate", { state: "closed" }],
    [bugReader, bugs, "anything still on hold", { state: "on hold" }],
    [bugReader, bugs, "closed issues about the login page", { state: "closed" }],
    [bugReader, bugs, "low severity issues on the dashboard", { severity: "low" }],
  ]);
});

describe("a person named like a city value", () => {
  expectCases([
    [gigReader, gigs, "the folk night that Victoria from my choir raved about", { genre: "folk" }],
    [gigReader, gigs, "a jazz club Austin who runs the bar suggested", null],
    // After a preposition, or with no person clause after it, the name is the place.
    [gigReader, gigs, "trips to Austin from my hometown", { city: "Austin" }],
    [gigReader, gigs, "rock shows in Sydney from my favourite bands", { city: "Sydney", genre: "rock" }],
    [gigReader, gigs, "Paris gigs", { city: "Paris" }],
  ]);
});

describe("a yes/no word that is the object of what a person did", () => {
  expectCases([
    [innReader, inns, "the inn where we cooked dinner on the shared stove", { kind: "inn" }],
    [innReader, inns, "a place I found parking after circling for an hour", null],
    // Asked for, or said of the documents, it is the constraint.
    [innReader, inns, "inns with dinner", { dinner: true, kind: "inn" }],
    [innReader, inns, "guesthouses that serve dinner", { dinner: true }],
    [innReader, inns, "places where we want parking", { parking: true }],
  ]);
});

describe("plurals of short codes and of abbreviations joined by &", () => {
  expectCases([
    [innReader, inns, "B&Bs near the coast", { kind: "bed and breakfast" }],
    [innReader, inns, "the b&bs in town with parking", { kind: "bed and breakfast", parking: true }],
    [bugReader, bugs, "S1s from the last sprint", { severity: "critical" }],
    [bugReader, bugs, "the S1 bugs", { severity: "critical" }],
  ]);
});

describe("a value listed after another value of its attribute shares the noun after it", () => {
  expectCases([
    [bugReader, bugs, "issues not from free or team accounts", { tier: { $nin: ["free", "team"] } }],
    [bugReader, bugs, "anything from team or enterprise workspaces", { tier: { $in: ["team", "enterprise"] } }],
    [gigReader, gigs, "rock and folk festivals", { genre: { $in: ["rock", "folk"] } }],
    // Alone before a noun the schema does not know, the value still starts a compound.
    [gigReader, gigs, "folk guitar strings for a beginner", null],
  ]);
});

describe("a value after 'for' before the noun its attribute is said of", () => {
  expectCases([
    [bugReader, bugs, "crashes reported for enterprise members", { tier: "enterprise" }],
    [bugReader, bugs, "a fix for free members on the old billing page", { tier: "free" }],
    // Any other noun after the value keeps it the object of "for".
    [gigReader, gigs, "a gift for a friend who loves jazz", null],
  ]);
});

describe("a name written lowercase as the subject of a free relative clause of having or making", () => {
  expectCases([
    [gearReader, gear, "whatever heron has on sale", { maker: "Heron", on_sale: true }],
    [gearReader, gear, "anything falcon makes for winter camping", { maker: "Falcon" }],
    // The same ordinary word elsewhere is not the name.
    [gearReader, gear, "a tent where a heron nested by the lake", null],
    [gearReader, gear, "what the falcon means on the logo", null],
  ]);
});

describe("an ordinal and the attribute's noun before a plural noun the schema does not know", () => {
  expectCases([
    [podcastReader, podcasts, "does it follow the latest season trends in true crime", null],
    // Before a word for the documents, a possessive, or nothing, the ordinal names the value.
    [podcastReader, podcasts, "reviews of the latest season", { season: 3 }],
    [podcastReader, podcasts, "the second season's finale", { season: 2 }],
    [podcastReader, podcasts, "the first season reviews", { season: 1 }],
  ]);
});

describe("a possessive glued to a name written with a typo", () => {
  expectCases([
    [boardGameReader, boardGames, "meplequeen's verdict on the solo mode", { reviewer: "meeplequeen" }],
    [boardGameReader, boardGames, "dicelrod77's thoughts on the rulebook", { reviewer: "dicelord77" }],
    [boardGameReader, boardGames, "meeplequeen's take on the expansion", { reviewer: "meeplequeen" }],
  ]);
});
