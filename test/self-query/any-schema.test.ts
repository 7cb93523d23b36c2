import { describe, expect, it } from "vitest";
import { epochDay } from "../../src/self-query/calendar.js";
import { defineAttributeSchema } from "../../src/self-query/attribute-schema.js";
import { RuleBasedQueryConstructor } from "../../src/self-query/rule-based-query-constructor.js";
import { parseFilter } from "../../src/core/filter/parse-filter.js";
import { compileFilter } from "../../src/core/filter/compile-filter.js";
import type { FilterExpression } from "../../src/core/filter/filter-schema.js";

/**
 * The rule-based constructor on a schema it was never tuned on (job postings), declared the way a user
 * would: every recogniser reads the schema (names, aliases, units, values, labels, types), nothing
 * about John Wick.
 */
const schema = defineAttributeSchema({
  documentContents: "A job posting",
  attributes: [
    {
      name: "role",
      type: "enum",
      description: "The job",
      values: [{ value: "engineer" }, { value: "designer" }, { value: "data scientist" }, { value: "nurse" }],
    },
    {
      name: "company",
      type: "string",
      description: "The employer",
      aliases: ["company", "employer", "at"],
      values: ["Globex", "Initech", "Umbrella Corp", "Société Générale"].map((value) => ({ value })),
    },
    {
      name: "salary",
      type: "number",
      description: "Yearly salary in US dollars",
      aliases: ["salary", "paying", "pays", "pay"],
      units: ["$", "USD", "dollars"],
      minimum: 0,
    },
    {
      name: "experience",
      type: "integer",
      description: "Years of experience required",
      aliases: ["experience"],
      units: ["years", "yrs"],
      minimum: 0,
      maximum: 40,
    },
    {
      name: "posted",
      type: "date",
      description: "When the posting was published",
      aliases: ["posted", "published"],
      yearField: "posted_year",
    },
    {
      name: "remote",
      type: "boolean",
      description: "Whether the job is remote",
      aliases: ["remote", "work from home"],
      values: [{ value: false, aliases: ["on-site", "in office"] }],
    },
  ],
});
const now = new Date(Date.UTC(2026, 5, 15, 9));
// The domain's own nouns for its documents, as a user declares them.
const constructor = new RuleBasedQueryConstructor({
  attributes: schema,
  now: () => now,
  extraStopWords: ["roles", "openings", "positions"],
});

/** Records covering the constants, to compare filters by what they select (not by their spelling). */
function sameSelection(actual: FilterExpression | null, expected: Record<string, unknown>): boolean {
  const wanted = compileFilter(parseFilter(expected));
  const got = actual === null ? () => true : compileFilter(actual);
  const records: Array<Record<string, unknown>> = [];
  for (const role of ["engineer", "designer", "data scientist", "nurse"])
    for (const company of ["Globex", "Initech", "Société Générale", "other"])
      for (const salary of [89_999, 90_000, 110_000, 110_001, 120_000, 120_001])
        for (const experience of [4, 5])
          for (const remote of [true, false])
            for (const posted of [
              epochDay(2026, 3, 31),
              epochDay(2026, 4, 1),
              epochDay(2026, 5, 25),
              epochDay(2026, 6, 15),
              epochDay(2026, 6, 30),
            ])
              records.push({ role, company, salary, experience, remote, posted, posted_year: 2026 });
  return records.every((record) => wanted(record) === got(record));
}

const cases: Array<{ question: string; filter: Record<string, unknown>; query?: "" | "semantic" }> = [
  {
    question: "remote data scientist jobs paying over $120k",
    filter: { role: "data scientist", salary: { gt: 120_000 }, remote: true },
    query: "",
  },
  { question: "designer roles at Initech that are not remote", filter: { role: "designer", company: "Initech", remote: false }, query: "" },
  { question: "Nurse openings at Societe Generale", filter: { role: "nurse", company: "Société Générale" }, query: "" },
  {
    question: "engineer jobs asking for at least five years of experience",
    filter: { role: "engineer", experience: { gte: 5 } },
    query: "",
  },
  {
    question: "postings published in the last 3 weeks",
    filter: { posted: { gte: epochDay(2026, 5, 25), lte: epochDay(2026, 6, 15) } },
    query: "",
  },
  { question: "anything but engineer postings from Globex", filter: { role: { ne: "engineer" }, company: "Globex" }, query: "" },
  { question: "Enginer jobs with a good team culture", filter: { role: "engineer" }, query: "semantic" },
  { question: "salary between 90,000 and 110,000 dollars", filter: { salary: { gte: 90_000, lte: 110_000 } }, query: "" },
  {
    question: "positions at Initech or Globex posted in Q2 2026",
    filter: { company: ["Initech", "Globex"], posted: { gte: epochDay(2026, 4, 1), lte: epochDay(2026, 6, 30) } },
    query: "",
  },
  { question: "on-site designer jobs with free lunches", filter: { role: "designer", remote: false }, query: "semantic" },
];

describe("values named by a year in their label", () => {
  const seasons = defineAttributeSchema({
    documentContents: "An episode review",
    attributes: [
      {
        name: "season",
        type: "enum",
        description: "The season",
        aliases: ["season", "series"],
        values: [
          { value: 1, label: "Season 1 (2019)" },
          { value: 2, label: "Season 2 (2021)" },
        ],
      },
    ],
  });
  const reader = new RuleBasedQueryConstructor({ attributes: seasons });

  it("reads 'the 2021 season' as the value whose label holds 2021", () => {
    expect(reader.constructSync("What did people think of the 2021 season's finale?").filter).toEqual({
      field: "season",
      operator: "eq",
      value: 2,
    });
  });

  it("leaves a year no label holds alone", () => {
    expect(reader.constructSync("What did people think of the 2020 season's finale?").filter).toBeNull();
  });
});

describe("RuleBasedQueryConstructor on a schema it was not tuned on", () => {
  it.each(cases)("$question", ({ question, filter, query }) => {
    const built = constructor.constructSync(question);
    expect(built.filter, JSON.stringify(built)).not.toBeNull();
    expect(sameSelection(built.filter, filter), JSON.stringify(built.filter)).toBe(true);
    if (query === "") expect(built.query).toBe("");
    if (query === "semantic") expect(built.query).not.toBe("");
  });

  it("keeps numbers of a semantic question out of the filter and says so", () => {
    const built = constructor.constructSync("Which postings offer a four-day week and 30 days of vacation?");
    expect(built.filter).toBeNull();
    expect(built.query).not.toBe("");
    expect(built.warnings.join(" ")).toContain("30 days");
  });

  it("warns when a comparison has no attribute to go to", () => {
    const built = constructor.constructSync("teams with more than 12 people");
    expect(built.filter).toBeNull();
    expect(built.warnings.length).toBeGreaterThan(0);
  });

  it("reads 'show me 3 designer jobs' as a limit and a value, '4 engineers' as a count of people", () => {
    const requested = constructor.constructSync("show me 3 designer jobs in fintech");
    expect(requested.filter).toEqual({ field: "role", operator: "eq", value: "designer" });
    expect(requested.limit).toBe(3);
    const counted = constructor.constructSync("Which postings describe a team of 4 engineers and a PM?");
    expect(counted.filter).toBeNull();
    expect(counted.warnings.join(" ")).toContain("4 engineers");
  });

  it("keeps an excluded value out of the semantic remainder", () => {
    const built = constructor.constructSync("Which postings mention mentoring, excluding nurse roles?");
    expect(built.filter).toEqual({ field: "role", operator: "ne", value: "nurse" });
    expect(built.query).toContain("mentoring");
    expect(built.query).not.toContain("nurse");
  });

  it("keeps the value's words in a semantic remainder", () => {
    const built = constructor.constructSync("Which designer jobs mention a design system?");
    expect(built.filter).toEqual({ field: "role", operator: "eq", value: "designer" });
    expect(built.query).toContain("designer");
  });
});
