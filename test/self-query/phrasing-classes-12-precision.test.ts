import { describe } from "vitest";
import { RuleBasedQueryConstructor } from "../../src/self-query/rule-based-query-constructor.js";
import { campsites, languageCourses } from "./support/attachment-probes.js";
import { expectCases, selectionChecker, type GridValues, type PhrasingCase } from "./support/record-selection.js";

/**
 * Regression tests for attachment (`src/self-query/rule-based/attachment.ts`), on two schemas no bench round uses
 * (campsites of a camping guide, courses of a language school), in wordings other than the probes': a value, a number
 * with a unit or a date said of another thing (a part or a fixture, a bill, an animal, the subject of a "where" or
 * "whose" clause) is not a constraint, while a value modifying the head of the noun phrase the question asks for is,
 * whatever noun the asker uses for the documents ("peaceful pitches", "lively stuff").
 */
const day = (year: number, month: number): number => Date.UTC(year, month - 1, 15) / 86_400_000;
const now = new Date(Date.UTC(2026, 11, 1, 12));
const camp = new RuleBasedQueryConstructor({ attributes: campsites, now: () => now });
const school = new RuleBasedQueryConstructor({ attributes: languageCourses, now: () => now });

const GRID_VALUES: GridValues = {
  site_type: ["caravan", "cabin", "yurt"],
  region: ["Cornwall", "Norfolk", "Devon"],
  noise_level: ["quiet", "lively"],
  dog_friendly: [true, false],
  electric_hookup: [true],
  campfires: [true, false],
  price_per_night: [3, 20, 39, 60],
  max_people: [2],
  rating: [5],
  last_stayed: [day(2021, 6), day(2026, 3)],
  language: ["Italian", "French", "German"],
  level: ["beginner", "intermediate", "advanced"],
  format: ["online", "in person"],
  city: ["Berlin", "Madrid", "Kyoto"],
  price: [3, 250, 400],
  hours: [30],
  class_size: [10],
  start_date: [day(2025, 6), day(2027, 2)],
};

const sameSelection = selectionChecker(GRID_VALUES, 2);

describe("attachment: said of another thing, not read", () => {
  const cases: PhrasingCase[] = [
    // The subject of a "where"/"whose" clause is a thing the schema does not know.
    [camp, campsites, "pitches where the toilet block was refitted in 2021", null],
    [camp, campsites, "the campsite where an owl woke us up in 2024", null],
    [camp, campsites, "a site where the showers were replaced in 2022", null],
    [camp, campsites, "a site whose laundry fee is under £4", null],
    // A part or a fixture as the subject, even with an attribute's word as its verb.
    [camp, campsites, "a site whose shower costs £2 a go", null],
    // A measure right after a bill, a part or a fixture.
    [camp, campsites, "campsites that keep the water bill below £50", null],
    [school, languageCourses, "courses at a school where the director taught in Berlin for years", null],
    [school, languageCourses, "a course where the canteen charges €3 for coffee", null],
    // A value's word right before a noun of another kind of thing names that thing.
    [camp, campsites, "a farm with peaceful cows and a duck pond", null],
    [camp, campsites, "Devon cattle grazing right by the gate", null],
    [camp, campsites, "Cornwall ponies that wander into the field", null],
    [camp, campsites, "where to buy caravan parts near the coast", null],
    // A measure of a part of the thing.
    [camp, campsites, "campsites with a shed of at least 20 square metres", null],
  ];
  expectCases(cases, sameSelection);
});

describe("attachment: said of the documents, read (controls)", () => {
  const cases: PhrasingCase[] = [
    // A value modifying the head of the request, whatever noun the asker uses.
    [camp, campsites, "peaceful caravan pitches in Norfolk", { noise_level: "quiet", site_type: "caravan", region: "Norfolk" }],
    [camp, campsites, "lively stuff in Devon", { noise_level: "lively", region: "Devon" }],
    [camp, campsites, "peaceful spots by the sea", { noise_level: "quiet" }],
    [camp, campsites, "lively pitches in Cornwall", { noise_level: "lively", region: "Cornwall" }],
    // A common adjective no suffix marks.
    [camp, campsites, "quiet pitches in Devon", { noise_level: "quiet", region: "Devon" }],
    [camp, campsites, "norfolk-based cabins with campfires", { region: "Norfolk", site_type: "cabin", campfires: true }],
    [school, languageCourses, "intermediate stuff online", { level: "intermediate", format: "online" }],
    // A possessive or a negation after the value starts a phrase of its own.
    [camp, campsites, "cabins my parents could manage", { site_type: "cabin" }],
    [camp, campsites, "a yurt my kids would love", { site_type: "yurt" }],
    [camp, campsites, "huts your dog would love, under £40", { site_type: "cabin", price_per_night: { lt: 40 } }],
    [camp, campsites, "yurts not in Cornwall", { site_type: "yurt", region: { ne: "Cornwall" } }],
    [school, languageCourses, "Italian classes my grandmother can follow", { language: "Italian" }],
    [school, languageCourses, "beginners not in Madrid", { level: "beginner", city: { ne: "Madrid" } }],
    // A clause whose subject is an attribute's word, or a value, is the documents'.
    [camp, campsites, "pitches where the price is under £25", { price_per_night: { lt: 25 } }],
    [camp, campsites, "sites where dogs are allowed", { dog_friendly: true }],
    [school, languageCourses, "French courses where the fee is below €300", { language: "French", price: { lt: 300 } }],
    [school, languageCourses, "advanced lessons in Kyoto", { level: "advanced", city: "Kyoto" }],
  ];
  expectCases(cases, sameSelection);
});
