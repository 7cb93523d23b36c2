/**
 * Probes of phase 4's numbers fixer (see PROBES-11-numbers.md): new wordings of the number and date classes, half on
 * the bench's schemas, half on two schemas no round uses (a record collection, online courses), with controls. Each
 * probe's gold filter is compared with the constructed one by the records they select on a small grid around the
 * constants of both.
 *
 *   npx tsx bench/self-query/probe-numbers-11.ts [--all] [--second]   (default: the first batch, failures only)
 */
import { compileFilter } from "../../src/core/filter/compile-filter.js";
import { describeFilter } from "../../src/core/filter/combine-filters.js";
import { isAnd, isComparison, isNot, type FilterExpression, type FilterScalar } from "../../src/core/filter/filter-schema.js";
import { parseFilter } from "../../src/core/filter/parse-filter.js";
import { defineAttributeSchema, findAttribute, type AttributeSchema } from "../../src/self-query/attribute-schema.js";
import { epochDay } from "../../src/self-query/calendar.js";
import { RuleBasedQueryConstructor } from "../../src/self-query/rule-based-query-constructor.js";
import { jobsDomain, productsDomain, realEstateDomain } from "./domains.js";
import { recipesDomain, usedCarsDomain } from "./domains-8.js";
import { booksDomain, podcastEpisodesDomain } from "./domains-10.js";

const NOW = new Date(Date.UTC(2026, 11, 1, 12));

/** A record collection: a plain integer year with no "year" word, a purchase date with its year field, a minutes length, a count with no unit, a half-step grade. */
export const records = defineAttributeSchema({
  documentContents: "A vinyl record in my collection, with my listening notes",
  attributes: [
    {
      name: "genre",
      type: "enum",
      description: "Genre",
      aliases: ["genre"],
      values: ["jazz", "soul", "rock", "classical"].map((value) => ({ value })),
    },
    {
      name: "original_release",
      type: "integer",
      description: "The year the album first came out",
      aliases: ["originally released"],
      minimum: 1900,
      maximum: 2026,
    },
    { name: "bought_on", type: "date", description: "The day I bought it", aliases: ["bought", "purchased"], yearField: "bought_year" },
    {
      name: "running_minutes",
      type: "integer",
      description: "How long the album plays, in minutes",
      aliases: ["running time"],
      units: ["minutes", "minute", "mins", "min"],
      minimum: 1,
      maximum: 240,
    },
    { name: "track_count", type: "integer", description: "How many tracks the album has", minimum: 1, maximum: 40 },
    {
      name: "grade",
      type: "number",
      description: "My grade, 1 to 5 in half steps",
      aliases: ["grade", "graded"],
      minimum: 1,
      maximum: 5,
      quality: true,
    },
  ],
});

/** Online courses: a minutes duration named only by its field name, years of experience, a lesson number, a launch date, a 0-5 score. */
export const courses = defineAttributeSchema({
  documentContents: "An online course in a learning catalogue",
  attributes: [
    {
      name: "subject",
      type: "enum",
      description: "Subject",
      aliases: ["subject"],
      values: ["programming", "design", "marketing", "photography"].map((value) => ({ value })),
    },
    {
      name: "duration_minutes",
      type: "integer",
      description: "Total video length in minutes",
      aliases: ["length"],
      units: ["minutes", "minute", "mins", "min"],
      minimum: 1,
      maximum: 3000,
    },
    {
      name: "experience_years",
      type: "integer",
      description: "Years of prior experience the course assumes",
      aliases: ["experience"],
      units: ["years"],
      minimum: 0,
      maximum: 10,
    },
    {
      name: "lesson_number",
      type: "integer",
      description: "The lesson's number in its series",
      aliases: ["lesson"],
      minimum: 1,
      maximum: 500,
    },
    {
      name: "launched",
      type: "date",
      description: "The day the course went online",
      aliases: ["launched", "went online"],
      yearField: "launch_year",
    },
    { name: "first_recorded", type: "integer", description: "The year the lectures were first recorded", minimum: 1990, maximum: 2026 },
    {
      name: "score",
      type: "number",
      description: "Average learner score 0-5",
      aliases: ["score", "rated"],
      minimum: 0,
      maximum: 5,
      quality: true,
    },
  ],
});

type Gold = Record<string, unknown> | null;
/** A probe question with its gold filter, on one schema, in one class of phrasing. */
export interface Probe {
  schema: AttributeSchema;
  question: string;
  gold: Gold;
  class: string;
}

/** A date in the shorthand's ISO form. */
export const d = (year: number, month: number, day: number) => `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
const books = booksDomain().schema;
const podcasts = podcastEpisodesDomain().schema;
const products = productsDomain().schema;
const homes = realEstateDomain().schema;
const jobs = jobsDomain().schema;
const recipes = recipesDomain().schema;
const cars = usedCarsDomain().schema;

export const PROBES: Probe[] = [
  // A plain integer year, recognized by its type and range, bound by its alias when a date also has a year field.
  {
    class: "year",
    schema: books,
    question: "mysteries first published after 1950 that I added this year",
    gold: { genre: "mystery", first_published: { gt: 1950 }, added_year: 2026 },
  },
  {
    class: "year",
    schema: books,
    question: "horror first published in the eighties",
    gold: { genre: "horror", first_published: { gte: 1980, lte: 1989 } },
  },
  {
    class: "year",
    schema: books,
    question: "poetry written in the '60s",
    gold: { genre: "poetry", first_published: { gte: 1960, lte: 1969 } },
  },
  {
    class: "year",
    schema: books,
    question: "novels first published from 1990 through 1995",
    gold: { first_published: { gte: 1990, lte: 1995 } },
  },
  { class: "year", schema: books, question: "fantasy I bought in 2024", gold: { genre: "fantasy", added_year: 2024 } },
  {
    class: "year",
    schema: records,
    question: "jazz records originally released before 1965",
    gold: { genre: "jazz", original_release: { lt: 1965 } },
  },
  {
    class: "year",
    schema: records,
    question: "soul records from the seventies",
    gold: { genre: "soul", original_release: { gte: 1970, lte: 1979 } },
  },
  {
    class: "year",
    schema: records,
    question: "rock records released in the 90s that I bought last year",
    gold: { genre: "rock", original_release: { gte: 1990, lte: 1999 }, bought_year: 2025 },
  },
  { class: "year", schema: records, question: "records I purchased in 2021", gold: { bought_year: 2021 } },
  {
    class: "year",
    schema: records,
    question: "albums with an original release between 1968 and 1972",
    gold: { original_release: { gte: 1968, lte: 1972 } },
  },
  {
    class: "year",
    schema: courses,
    question: "design courses first recorded before 2015",
    gold: { subject: "design", first_recorded: { lt: 2015 } },
  },
  { class: "year", schema: courses, question: "courses launched in 2023", gold: { launch_year: 2023 } },
  // Controls: a year said of another thing, a year that is a date of the documents.
  { class: "year-control", schema: books, question: "a novel about a family living through the 1970s oil crisis", gold: null },
  { class: "year-control", schema: records, question: "an album that sounds like it came out of the eighties", gold: null },
  // Periods: H1/H2, Q3, the last half year, the first quarter of last year, thru.
  {
    class: "period",
    schema: products,
    question: "laptops released Q3 2025",
    gold: { category: "laptop", release_date: { gte: d(2025, 7, 1), lte: d(2025, 9, 30) } },
  },
  {
    class: "period",
    schema: homes,
    question: "condos listed in H1 2026",
    gold: { property_type: "condo", listed_date: { gte: d(2026, 1, 1), lte: d(2026, 6, 30) } },
  },
  {
    class: "period",
    schema: records,
    question: "records I bought in the past half year",
    gold: { bought_on: { gte: d(2026, 6, 1), lte: d(2026, 12, 1) } },
  },
  {
    class: "period",
    schema: courses,
    question: "courses launched in the first quarter of last year",
    gold: { launched: { gte: d(2025, 1, 1), lte: d(2025, 3, 31) } },
  },
  { class: "period", schema: jobs, question: "jobs posted 2024 thru 2025", gold: { posted_year: { gte: 2024, lte: 2025 } } },
  {
    class: "period",
    schema: courses,
    question: "programming courses that went online in the last year and a half",
    gold: { subject: "programming", launched: { gte: d(2025, 6, 1), lte: d(2026, 12, 1) } },
  },
  // Amounts in words on a minutes field.
  { class: "amount", schema: podcasts, question: "episodes under half an hour", gold: { duration_minutes: { lt: 30 } } },
  {
    class: "amount",
    schema: podcasts,
    question: "history episodes longer than an hour and a half",
    gold: { topic: "history", duration_minutes: { gt: 90 } },
  },
  {
    class: "amount",
    schema: recipes,
    question: "dinners ready in less than three quarters of an hour",
    gold: { course: "dinner", cook_time: { lt: 45 } },
  },
  { class: "amount", schema: records, question: "albums with a running time of more than an hour", gold: { running_minutes: { gt: 60 } } },
  {
    class: "amount",
    schema: courses,
    question: "photography courses of two and a half hours or less",
    gold: { subject: "photography", duration_minutes: { lte: 150 } },
  },
  { class: "amount", schema: courses, question: "a 90-minute design course", gold: { subject: "design", duration_minutes: 90 } },
  {
    class: "amount",
    schema: records,
    question: "jazz records shorter than three quarters of an hour",
    gold: { genre: "jazz", running_minutes: { lt: 45 } },
  },
  { class: "amount-control", schema: podcasts, question: "the guy who waited half an hour for a bus and missed his interview", gold: null },
  // Attribute names as phrases.
  {
    class: "name",
    schema: courses,
    question: "marketing courses with a duration under 60 minutes",
    gold: { subject: "marketing", duration_minutes: { lt: 60 } },
  },
  { class: "name", schema: records, question: "albums with a track count above 15", gold: { track_count: { gt: 15 } } },
  { class: "name", schema: courses, question: "design course lesson number 12", gold: { subject: "design", lesson_number: 12 } },
  // Zero and operator before alias.
  {
    class: "zero",
    schema: courses,
    question: "programming courses with no experience needed",
    gold: { subject: "programming", experience_years: 0 },
  },
  { class: "zero", schema: jobs, question: "remote jobs requiring no prior experience", gold: { remote: true, experience_years: 0 } },
  { class: "zero-control", schema: jobs, question: "what do people with no experience in sales say about cold calling", gold: null },
  {
    class: "operator-alias",
    schema: courses,
    question: "design lessons before lesson 20",
    gold: { subject: "design", lesson_number: { lt: 20 } },
  },
  {
    class: "operator-alias",
    schema: podcasts,
    question: "comedy from after episode 300",
    gold: { topic: "comedy", episode_number: { gt: 300 } },
  },
  {
    class: "operator-alias",
    schema: podcasts,
    question: "tech episodes up to season 3",
    gold: { topic: "technology", season: { lte: 3 } },
  },
  { class: "half-step", schema: records, question: "soul albums graded at least a 4.5", gold: { genre: "soul", grade: { gte: 4.5 } } },
  {
    class: "half-step",
    schema: podcasts,
    question: "science episodes I gave at least a 3.5",
    gold: { topic: "science", my_rating: { gte: 3.5 } },
  },
  { class: "half-step", schema: courses, question: "courses rated at least a 4.5", gold: { score: { gte: 4.5 } } },
  // Year measure on a car still fine; a count control.
  {
    class: "year-control",
    schema: cars,
    question: "hondas from 2015 through 2018",
    gold: { make: "Honda", model_year: { gte: 2015, lte: 2018 } },
  },
  { class: "name-control", schema: records, question: "the album where every track counts", gold: null },
];

/** A second batch, written after the first fixes, in wordings none of them was made on: how the fixes carry over. */
export const SECOND_PROBES: Probe[] = [
  {
    class: "year",
    schema: books,
    question: "Pratchett books first published no later than 1995",
    gold: { author: "Terry Pratchett", first_published: { lte: 1995 } },
  },
  {
    class: "year",
    schema: books,
    question: "anything written in the nineteen-fifties",
    gold: { first_published: { gte: 1950, lte: 1959 } },
  },
  {
    class: "year",
    schema: books,
    question: "sci-fi that came out after the nineties",
    gold: { genre: "science fiction", first_published: { gt: 1999 } },
  },
  {
    class: "year",
    schema: records,
    question: "classical records originally released 1955-1960",
    gold: { genre: "classical", original_release: { gte: 1955, lte: 1960 } },
  },
  {
    class: "year",
    schema: records,
    question: "records with an original release since 2000 that I purchased this year",
    gold: { original_release: { gte: 2000 }, bought_year: 2026 },
  },
  { class: "year", schema: courses, question: "courses first recorded in the 2010s", gold: { first_recorded: { gte: 2010, lte: 2019 } } },
  { class: "year-control", schema: books, question: "a memoir about growing up in the sixties in Lagos", gold: { genre: "biography" } },
  {
    class: "period",
    schema: podcasts,
    question: "true crime episodes released in the last six months",
    gold: { topic: "true crime", published_date: { gte: d(2026, 6, 1), lte: d(2026, 12, 1) } },
  },
  {
    class: "period",
    schema: homes,
    question: "houses listed H2 2025 in Austin",
    gold: { property_type: "house", city: "Austin", listed_date: { gte: d(2025, 7, 1), lte: d(2025, 12, 31) } },
  },
  {
    class: "period",
    schema: courses,
    question: "courses launched over the past year and a half",
    gold: { launched: { gte: d(2025, 6, 1), lte: d(2026, 12, 1) } },
  },
  {
    class: "period",
    schema: recipes,
    question: "desserts posted in the last half year",
    gold: { course: "dessert", published_date: { gte: d(2026, 6, 1), lte: d(2026, 12, 1) } },
  },
  {
    class: "amount",
    schema: recipes,
    question: "soups that take under a quarter of an hour",
    gold: { course: "soup", cook_time: { lt: 15 } },
  },
  {
    class: "amount",
    schema: podcasts,
    question: "interviews that run three and a half hours or longer",
    gold: { duration_minutes: { gte: 210 } },
  },
  {
    class: "amount",
    schema: courses,
    question: "design courses no longer than an hour and a half",
    gold: { subject: "design", duration_minutes: { lte: 90 } },
  },
  { class: "amount-control", schema: recipes, question: "my grandmother spent three and a half hours on this stew", gold: null },
  { class: "name", schema: records, question: "records with a track count of 10 or more", gold: { track_count: { gte: 10 } } },
  {
    class: "zero",
    schema: courses,
    question: "photography courses where no experience is required",
    gold: { subject: "photography", experience_years: 0 },
  },
  { class: "operator-alias", schema: courses, question: "anything after lesson number 40", gold: { lesson_number: { gt: 40 } } },
  {
    class: "operator-alias",
    schema: podcasts,
    question: "history episodes since season 4",
    gold: { topic: "history", season: { gte: 4 } },
  },
  { class: "operator-alias-control", schema: podcasts, question: "the one where they discussed episode 5 of a different show", gold: null },
  { class: "half-step", schema: books, question: "fantasy rated at least a 4.5", gold: { genre: "fantasy", average_rating: { gte: 4.5 } } },
];

function comparisonsOf(filter: FilterExpression | null, into: Map<string, FilterScalar[]>): void {
  if (filter === null) return;
  if (isComparison(filter)) {
    const values = Array.isArray(filter.value) ? filter.value : [filter.value];
    into.set(filter.field, [...(into.get(filter.field) ?? []), ...(values as FilterScalar[])]);
  } else if (isAnd(filter)) filter.and.forEach((part) => comparisonsOf(part, into));
  else if (isNot(filter)) comparisonsOf(filter.not, into);
  else filter.or.forEach((part) => comparisonsOf(part, into));
}

function withDays(filter: FilterExpression | null, schema: AttributeSchema): FilterExpression | null {
  if (filter === null) return null;
  if (isComparison(filter)) {
    const attribute = findAttribute(schema, filter.field);
    const toDay = (value: unknown) => {
      const match = typeof value === "string" ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
      return match === null ? value : epochDay(Number(match[1]), Number(match[2]), Number(match[3]));
    };
    if (attribute?.type === "date" && attribute.name === filter.field)
      return { ...filter, value: Array.isArray(filter.value) ? filter.value.map(toDay) : toDay(filter.value) } as FilterExpression;
    return filter;
  }
  if (isAnd(filter)) return { and: filter.and.map((part) => withDays(part, schema) as FilterExpression) };
  if (isNot(filter)) return { not: withDays(filter.not, schema) as FilterExpression };
  return { or: filter.or.map((part) => withDays(part, schema) as FilterExpression) };
}

function sameSelection(schema: AttributeSchema, actual: FilterExpression | null, gold: FilterExpression | null): boolean {
  const constants = new Map<string, FilterScalar[]>();
  comparisonsOf(actual, constants);
  comparisonsOf(gold, constants);
  const fields = [...constants.keys()];
  const options = fields.map((field) => {
    const values = constants.get(field) as FilterScalar[];
    const attribute = findAttribute(schema, field);
    const extra =
      attribute?.type === "enum" || attribute?.type === "string" ? attribute.values.map((entry) => entry.value).slice(0, 3) : [];
    const expanded = values.flatMap((value): FilterScalar[] =>
      typeof value === "number" ? [value - 1, value - 0.5, value, value + 0.5, value + 1] : [value],
    );
    return [...new Set([...expanded, ...extra, ...(typeof values[0] === "boolean" ? [true, false] : [])])];
  });
  let rows: Array<Record<string, FilterScalar>> = [{}];
  fields.forEach((field, index) => {
    rows = rows.flatMap((row) => (options[index] as FilterScalar[]).map((value) => ({ ...row, [field]: value })));
  });
  const want = gold === null ? () => true : compileFilter(gold);
  const got = actual === null ? () => true : compileFilter(actual);
  return rows.every((row) => want(row) === got(row));
}

export function runProbes(probes: readonly Probe[] = PROBES): Array<{ probe: Probe; ok: boolean; built: string; warnings: string[] }> {
  return probes.map((probe) => {
    const built = new RuleBasedQueryConstructor({ attributes: probe.schema, now: () => NOW }).constructSync(probe.question);
    const gold = probe.gold === null ? null : withDays(parseFilter(probe.gold), probe.schema);
    const ok = sameSelection(probe.schema, built.filter, gold);
    return {
      probe,
      ok,
      built: `${built.filter === null ? "none" : describeFilter(built.filter)} query: "${built.query}"`,
      warnings: built.warnings,
    };
  });
}

/** Prints a probe batch's failures (every probe with `--all`), the score per class and in all. */
export function printProbes(probes: readonly Probe[]): void {
  const results = runProbes(probes);
  const all = process.argv.includes("--all");
  for (const { probe, ok, built, warnings } of results) {
    if (ok && !all) continue;
    console.log(
      `${ok ? "ok  " : "FAIL"} [${probe.class}] ${probe.question}\n     gold: ${probe.gold === null ? "none" : JSON.stringify(probe.gold)}\n     built: ${built}${warnings.length > 0 ? `\n     warnings: ${warnings.join(" | ")}` : ""}`,
    );
  }
  const byClass = new Map<string, [number, number]>();
  for (const { probe, ok } of results) {
    const [good, total] = byClass.get(probe.class) ?? [0, 0];
    byClass.set(probe.class, [good + (ok ? 1 : 0), total + 1]);
  }
  console.log([...byClass].map(([name, [good, total]]) => `${name} ${good}/${total}`).join(", "));
  console.log(`probes: ${results.filter((result) => result.ok).length}/${results.length} correct`);
}

if (process.argv[1]?.endsWith("probe-numbers-11.ts")) printProbes(process.argv.includes("--second") ? SECOND_PROBES : PROBES);
