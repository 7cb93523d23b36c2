/**
 * Probes of phase 5's numbers fixer (see PROBES-12-numbers.md): new wordings of the number and date classes of round 11's
 * failures, half on the bench's schemas, half on two schemas no round uses (mountain huts, tutoring sessions, in
 * test/self-query/support/numbers-12-schemas.ts), with controls. Written before any rule was changed; compared by the
 * records gold and built filters select (the checker of probe-numbers-11.ts).
 *
 *   npx tsx bench/self-query/probe-numbers-12.ts [--all] [--second]   (default: the first batch, failures only)
 */
import { huts, tutoring } from "../../test/self-query/support/numbers-12-schemas.js";
import { jobsDomain, productsDomain, realEstateDomain } from "./domains.js";
import { recipesDomain, usedCarsDomain } from "./domains-8.js";
import { staysDomain } from "./domains-9.js";
import { booksDomain } from "./domains-10.js";
import { papersDomain, restaurantVisitsDomain } from "./domains-11a.js";
import { trailsDomain, tracksDomain } from "./domains-11b.js";
import { d, printProbes, type Probe } from "./probe-numbers-11.js";

const books = booksDomain().schema;
const products = productsDomain().schema;
const homes = realEstateDomain().schema;
const jobs = jobsDomain().schema;
const recipes = recipesDomain().schema;
const cars = usedCarsDomain().schema;
const stays = staysDomain().schema;
const papers = papersDomain().schema;
const restaurants = restaurantVisitsDomain().schema;
const trails = trailsDomain().schema;
const tracks = tracksDomain().schema;

export const PROBES: Probe[] = [
  // Compact ranges "A-B unit".
  {
    class: "compact-range",
    schema: books,
    question: "paperbacks, 300-450 pages",
    gold: { format: "paperback", pages: { gte: 300, lte: 450 } },
  },
  {
    class: "compact-range",
    schema: cars,
    question: "hatchbacks with 40000-80000 km on them",
    gold: { body_type: "hatchback", mileage_km: { gte: 40000, lte: 80000 } },
  },
  {
    class: "compact-range",
    schema: tutoring,
    question: "maths sessions of 45-90 minutes",
    gold: { subject: "maths", duration_minutes: { gte: 45, lte: 90 } },
  },
  { class: "compact-range", schema: huts, question: "huts at an altitude of 2000-2800 m", gold: { altitude_m: { gte: 2000, lte: 2800 } } },
  {
    class: "compact-range",
    schema: huts,
    question: "huts in switzerland, 20-40 beds",
    gold: { country: "Switzerland", beds: { gte: 20, lte: 40 } },
  },
  // Open bounds written with the year: "the 2019-and-earlier", "2019 and before", "from 2023 on".
  {
    class: "open-bound",
    schema: jobs,
    question: "the 2024-and-older postings in vienna",
    gold: { posted_year: { lte: 2024 }, city: "Vienna" },
  },
  {
    class: "open-bound",
    schema: recipes,
    question: "vegetarian recipes, 2021 and before",
    gold: { vegetarian: true, published_year: { lte: 2021 } },
  },
  {
    class: "open-bound",
    schema: tutoring,
    question: "the 2025-and-later physics sessions",
    gold: { subject: "physics", session_year: { gte: 2025 } },
  },
  { class: "open-bound", schema: huts, question: "huts I stayed at, 2020 and after", gold: { stay_year: { gte: 2020 } } },
  { class: "open-bound", schema: huts, question: "huts built in 1900 or before", gold: { built_year: { lte: 1900 } } },
  // An anaphoric bound: the date is named first, the comparison points back at it.
  {
    class: "anaphoric",
    schema: cars,
    question: "june 2024 is my limit, only cars listed after that",
    gold: { listed_date: { gt: d(2024, 6, 30) } },
  },
  {
    class: "anaphoric",
    schema: tutoring,
    question: "march 2025 was the cutoff; sessions held before it",
    gold: { session_date: { lt: d(2025, 3, 1) } },
  },
  // A duration since the date's event: a rolling window.
  {
    class: "duration-window",
    schema: jobs,
    question: "jobs that have been up for two weeks or less",
    gold: { posted_date: { gte: d(2026, 11, 17), lte: d(2026, 12, 1) } },
  },
  {
    class: "duration-window",
    schema: homes,
    question: "condos on the market for under ten days",
    gold: { property_type: "condo", listed_date: { gte: d(2026, 11, 21), lte: d(2026, 12, 1) } },
  },
  {
    class: "duration-window",
    schema: recipes,
    question: "recipes that have been posted for less than a month",
    gold: { published_date: { gte: d(2026, 11, 1), lte: d(2026, 12, 1) } },
  },
  { class: "duration-control", schema: recipes, question: "a bread whose dough has been resting for two days", gold: null },
  // "N units back to today", "from N units ago until now".
  {
    class: "back-to-today",
    schema: tutoring,
    question: "sessions, three weeks back to today",
    gold: { session_date: { gte: d(2026, 11, 10), lte: d(2026, 12, 1) } },
  },
  {
    class: "back-to-today",
    schema: stays,
    question: "stays from ten days ago until now",
    gold: { check_in: { gte: d(2026, 11, 21), lte: d(2026, 12, 1) } },
  },
  // Days of a month.
  {
    class: "days-of-month",
    schema: tutoring,
    question: "sessions held between the 3rd and 10th of october",
    gold: { session_date: { gte: d(2026, 10, 3), lte: d(2026, 10, 10) } },
  },
  {
    class: "days-of-month",
    schema: cars,
    question: "cars listed from the 1st to the 7th of march 2025",
    gold: { listed_date: { gte: d(2025, 3, 1), lte: d(2025, 3, 7) } },
  },
  { class: "days-of-month", schema: huts, question: "huts I stayed at on the 14th of august 2024", gold: { stayed_on: d(2024, 8, 14) } },
  // A list of months is their range.
  {
    class: "month-list",
    schema: huts,
    question: "nights I stayed in july or august",
    gold: { stayed_on: { gte: d(2026, 7, 1), lte: d(2026, 8, 31) } },
  },
  {
    class: "month-list",
    schema: recipes,
    question: "desserts posted in january or february 2025",
    gold: { course: "dessert", published_date: { gte: d(2025, 1, 1), lte: d(2025, 2, 28) } },
  },
  {
    class: "month-list",
    schema: tutoring,
    question: "sessions from april, may or june",
    gold: { session_date: { gte: d(2026, 4, 1), lte: d(2026, 6, 30) } },
  },
  // Number words after a comparison.
  { class: "number-words", schema: papers, question: "papers cited fewer than fifty times", gold: { citations: { lt: 50 } } },
  { class: "number-words", schema: books, question: "books with fewer than two hundred pages", gold: { pages: { lt: 200 } } },
  { class: "number-words", schema: huts, question: "huts with more than a hundred beds", gold: { beds: { gt: 100 } } },
  { class: "number-words", schema: tracks, question: "tracks played fewer than a dozen times", gold: { play_count: { lt: 12 } } },
  {
    class: "number-words",
    schema: cars,
    question: "diesels with under a hundred thousand km",
    gold: { fuel_type: "diesel", mileage_km: { lt: 100000 } },
  },
  // A collective noun naming the unit of a count.
  {
    class: "collective",
    schema: tutoring,
    question: "groups of 3 to 6 in chemistry",
    gold: { subject: "chemistry", class_size: { gte: 3, lte: 6 } },
  },
  {
    class: "collective",
    schema: stays,
    question: "parties of six or more in a villa",
    gold: { guests: { gte: 6 }, property_type: "villa" },
  },
  {
    class: "collective",
    schema: restaurants,
    question: "tables of two in the last month",
    gold: { party_size: 2, visit_date: { gte: d(2026, 11, 1), lte: d(2026, 12, 1) } },
  },
  { class: "collective-control", schema: tutoring, question: "groups of 3 to 6 students", gold: { class_size: { gte: 3, lte: 6 } } },
  // A bare year in a constraint-only fragment is the documents' date.
  { class: "terse-year", schema: tutoring, question: "physics only, 2025", gold: { subject: "physics", session_year: 2025 } },
  {
    class: "terse-year",
    schema: jobs,
    question: "berlin or munich, 2025",
    gold: { city: { in: ["Berlin", "Munich"] }, posted_year: 2025 },
  },
  { class: "terse-year", schema: recipes, question: "italian, 2023 only", gold: { cuisine: "Italian", published_year: 2023 } },
  { class: "terse-year", schema: huts, question: "italy, 2022", gold: { country: "Italy", stay_year: 2022 } },
  { class: "terse-year-control", schema: books, question: "novels like 1984", gold: null },
  // The noun next to the number names the attribute when two share a unit.
  { class: "noun-binding", schema: huts, question: "huts with an approach of under 600 m", gold: { approach_ascent_m: { lt: 600 } } },
  { class: "noun-binding", schema: huts, question: "huts sitting at a height above 3,000 metres", gold: { altitude_m: { gt: 3000 } } },
  {
    class: "noun-binding",
    schema: huts,
    question: "huts with less than half a kilometre of climb",
    gold: { approach_ascent_m: { lt: 500 } },
  },
  { class: "noun-binding", schema: trails, question: "hikes whose highest point is under 800 m", gold: { summit_m: { lt: 800 } } },
  { class: "noun-binding", schema: trails, question: "walks with more than 1.5 km of climbing", gold: { elevation_gain_m: { gt: 1500 } } },
  { class: "noun-binding", schema: trails, question: "routes with an altitude of at least 3000 m", gold: { summit_m: { gte: 3000 } } },
  { class: "noun-binding-control", schema: huts, question: "huts with 800 m of ascent", gold: { approach_ascent_m: 800 } },
  // A verb phrase that is another field's alias binds the year.
  { class: "verb-alias", schema: tracks, question: "songs that came out in 2019", gold: { release_year: 2019 } },
  { class: "verb-alias", schema: tracks, question: "ambient tracks released last year", gold: { genre: "ambient", release_year: 2025 } },
  { class: "verb-alias", schema: books, question: "novels that came out this year", gold: { first_published: 2026 } },
  { class: "verb-alias", schema: huts, question: "huts that opened this year", gold: { built_year: 2026 } },
  { class: "verb-alias-control", schema: tracks, question: "tracks I saved this year", gold: { added_year: 2026 } },
];

/** Written after the first fixes, in wordings none of them was made on: how they carry over. */
export const SECOND_PROBES: Probe[] = [
  {
    class: "compact-range",
    schema: cars,
    question: "wagons, 2019-2021 model year",
    gold: { body_type: "wagon", model_year: { gte: 2019, lte: 2021 } },
  },
  {
    class: "compact-range",
    schema: stays,
    question: "apartments at 80-120 euros a night",
    gold: { property_type: "apartment", nightly_price: { gte: 80, lte: 120 } },
  },
  {
    class: "compact-range",
    schema: huts,
    question: "huts in austria between 1500-2200 metres altitude",
    gold: { country: "Austria", altitude_m: { gte: 1500, lte: 2200 } },
  },
  {
    class: "open-bound",
    schema: products,
    question: "tablets, the 2022-and-earlier ones",
    gold: { category: "tablet", release_year: { lte: 2022 } },
  },
  {
    class: "open-bound",
    schema: tutoring,
    question: "english sessions from 2024 and later",
    gold: { subject: "english", session_year: { gte: 2024 } },
  },
  {
    class: "anaphoric",
    schema: jobs,
    question: "october 2025 is the deadline - jobs posted since then",
    gold: { posted_date: { gte: d(2025, 10, 1) } },
  },
  {
    class: "duration-window",
    schema: cars,
    question: "cars that have been listed for over two months",
    gold: { listed_date: { lte: d(2026, 10, 1) } },
  },
  {
    class: "duration-window",
    schema: jobs,
    question: "postings that have been live for a week or less",
    gold: { posted_date: { gte: d(2026, 11, 24), lte: d(2026, 12, 1) } },
  },
  { class: "duration-control", schema: jobs, question: "a startup whose founder has been out for two weeks", gold: null },
  {
    class: "back-to-today",
    schema: huts,
    question: "nights I stayed, from six months ago up to today",
    gold: { stayed_on: { gte: d(2026, 6, 1), lte: d(2026, 12, 1) } },
  },
  {
    class: "days-of-month",
    schema: jobs,
    question: "jobs posted from the 10th to the 20th of october",
    gold: { posted_date: { gte: d(2026, 10, 10), lte: d(2026, 10, 20) } },
  },
  {
    class: "month-list",
    schema: cars,
    question: "cars listed in march or april 2026",
    gold: { listed_date: { gte: d(2026, 3, 1), lte: d(2026, 4, 30) } },
  },
  {
    class: "month-list",
    schema: homes,
    question: "houses listed in june, july or august",
    gold: { property_type: "house", listed_date: { gte: d(2026, 6, 1), lte: d(2026, 8, 31) } },
  },
  { class: "number-words", schema: books, question: "books of more than a thousand pages", gold: { pages: { gt: 1000 } } },
  { class: "number-words", schema: tracks, question: "songs I have played more than a hundred times", gold: { play_count: { gt: 100 } } },
  { class: "collective", schema: huts, question: "huts that can take groups of 30 or more", gold: null },
  { class: "collective", schema: stays, question: "a family of five, anything in a house", gold: { guests: 5 } },
  { class: "terse-year", schema: stays, question: "lisbon, 2024 only", gold: { city: "Lisbon", check_in_year: 2024 } },
  { class: "terse-year-control", schema: books, question: "like 2001, but funnier", gold: null },
  {
    class: "noun-binding",
    schema: trails,
    question: "routes that top out above 1,800 metres in the dolomites",
    gold: { summit_m: { gt: 1800 }, region: "Dolomites" },
  },
  { class: "noun-binding", schema: huts, question: "huts needing a climb of more than 1000 m", gold: { approach_ascent_m: { gt: 1000 } } },
  { class: "verb-alias", schema: tracks, question: "live tracks released this year", gold: { live_recording: true, release_year: 2026 } },
];

if (process.argv[1]?.endsWith("probe-numbers-12.ts")) printProbes(process.argv.includes("--second") ? SECOND_PROBES : PROBES);
