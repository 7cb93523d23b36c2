import { describe, expect, it } from "vitest";
import { defineAttributeSchema } from "../../src/self-query/attribute-schema.js";
import { RuleBasedQueryConstructor } from "../../src/self-query/rule-based-query-constructor.js";
import { expectCases as expectPhrasingCases, selectionChecker, type GridValues, type PhrasingCase } from "./support/record-selection.js";
import { recordShop, restaurantReviews } from "./support/precision-probes.js";

/**
 * Regression tests for the scope analysis (`src/self-query/rule-based/scope.ts`), on two schemas no bench round uses
 * (diners' reviews of restaurants, whose authors are people; a secondhand record shop, whose documents have no
 * authors): a value word, number, date or place said of an entity other than the documents is not a constraint (a
 * person's relative clause or modifiers, a part of another work, an expectation, another event of another time, the
 * place someone else moves to, a yes/no word used as a verb), while the same constructions said of the documents are.
 */
const day = (year: number, month: number): number => Date.UTC(year, month - 1, 15) / 86_400_000;
const now = new Date(Date.UTC(2026, 10, 15, 12));
const diner = new RuleBasedQueryConstructor({ attributes: restaurantReviews, now: () => now });
const shop = new RuleBasedQueryConstructor({ attributes: recordShop, now: () => now });

/** Documents that are people: a person noun that is one of the kinds is the documents. */
const tutors = defineAttributeSchema({
  documentContents: "A profile on a tutoring marketplace",
  attributes: [
    {
      name: "kind",
      type: "enum",
      description: "What the person offers",
      aliases: ["kind"],
      values: ["tutor", "coach"].map((value) => ({ value })),
    },
    {
      name: "language",
      type: "enum",
      description: "The language taught",
      aliases: ["language"],
      values: ["German", "French"].map((value) => ({ value })),
    },
  ],
});
const tutorReader = new RuleBasedQueryConstructor({ attributes: tutors, now: () => now });

const GRID_VALUES: GridValues = {
  kind: ["tutor", "coach", "other"],
  language: ["German", "French", "other"],
  cuisine: ["Italian", "Thai", "French", "Japanese", "other"],
  city: ["Boston", "Denver", "Seattle", "other"],
  stars: [1, 2, 4, 5],
  price_per_person: [20, 30, 40, 250],
  vegan_options: [true, false],
  outdoor_seating: [true, false],
  visit_date: [day(1998, 6), day(2019, 6), day(2021, 6)],
  genre: ["jazz", "punk", "soul", "other"],
  condition: ["mint", "good", "worn"],
  pressing_country: ["Japan", "Germany", "UK"],
  volume: [1, 2, 3],
  year: [1985, 2001, 2010],
  price: [100, 499, 500, 900],
  reissue: [true, false],
};

const sameSelection = selectionChecker(GRID_VALUES, 2);
const expectCases = (cases: readonly PhrasingCase[]) => expectPhrasingCases(cases, sameSelection);
const R = restaurantReviews;
const S = recordShop;

describe("a relative clause on a person", () => {
  expectCases([
    [diner, R, "a chef who trained in Italian kitchens before opening a taco truck", null],
    [diner, R, "the sommelier who worked in Seattle for 12 years", null],
    [shop, S, "a session drummer who played on 3 punk albums in 1985", null],
    [shop, S, "an engineer who cut masters in Japan for decades", null],
    // In reviews, the people who judged are the authors: the clause is about the documents.
    [diner, R, "diners who gave it 5 stars for the brunch", { stars: 5 }],
    [diner, R, "people who loved the Thai curry place in Boston", { cuisine: "Thai", city: "Boston" }],
    [diner, R, "diners who paid under $30 a head", { price_per_person: { $lt: 30 } }],
    // The person the documents are for.
    [shop, S, "jazz records for a friend who only listens to vinyl", { genre: "jazz" }],
    // "and" turning back to the documents ends the clause.
    [diner, R, "a chef who trained in Italian kitchens and places in Boston", { city: "Boston" }],
    [diner, R, "people who walked in expecting a 5 star meal, and reviews from 2019", { visit_year: 2019 }],
  ]);
  it("says which clause it did not read and why", () => {
    const built = shop.constructSync("a session drummer who played on 3 punk albums in 1985");
    expect(built.filter).toBeNull();
    expect(built.warnings.join(" ")).toMatch(
      /"who played on 3 punk albums in 1985" is said of something else \("drummer"\), not the documents/,
    );
    expect(built.query).toContain("punk albums in 1985");
  });
});

describe("the modifiers of a person", () => {
  expectCases([
    // A person noun that is a kind of the documents is the documents.
    [tutorReader, tutors, "the German coach who helped my son", { kind: "coach", language: "German" }],
    [tutorReader, tutors, "a French tutor who can do evenings", { kind: "tutor", language: "French" }],
    [tutorReader, tutors, "the German engineer who built a car out of wood", null],
    [diner, R, "the Thai waiter who remembered everyone's order", null],
    [diner, R, "the young Japanese sushi chef who trained in Boston", null],
    [diner, R, "my French teacher swore by the duck", null],
    [diner, R, "my Italian grandmother's lasagna recipe", null],
    [shop, S, "liner notes by the German producer who mixed it", null],
    [shop, S, "a documentary about a punk singer who became a monk", null],
    // Said of the documents they stay.
    [diner, R, "French places with a good wine list", { cuisine: "French" }],
    [shop, S, "German pressings of krautrock", { pressing_country: "Germany" }],
    [shop, S, "punk records my brother would like", { genre: "punk" }],
  ]);
});

describe("a number naming a part of another work", () => {
  expectCases([
    [shop, S, "the band that covered volume 2 of the motown anthology", null],
    [shop, S, "how does it sound next to abbey road 2", null],
    [shop, S, "it sounds like blue note volume 3", null],
    [diner, R, "how do diners rate it against benihana 2 in the same mall", null],
    // A part of the documents' own series, or a number compared with directly.
    [shop, S, "volume 3 of the compilation", { volume: 3 }],
    [shop, S, "volume 2 or 3", { volume: { $in: [2, 3] } }],
    [shop, S, "something like volume 3", { volume: 3 }],
    [diner, R, "places rated higher than 4", { stars: { $gt: 4 } }],
  ]);
});

describe("an expectation, another event, someone else's move", () => {
  expectCases([
    [diner, R, "people who walked in expecting a 5 star meal and left hungry", null],
    [shop, S, "collectors expecting a mint copy for under $100", null],
    [diner, R, "a spot that first opened back in 1998 and still feels new", null],
    [shop, S, "an album a dealer last sold for $500 back in 2001", null],
    [diner, R, "a family moving away to Denver who wanted one last dinner", null],
    [shop, S, "collectors flying out to Japan for the big record fair", null],
    // The documents' own dates, prices and places.
    [shop, S, "records under $500 released in 2001", { price: { $lt: 500 }, year: 2001 }],
    [shop, S, "records pressed in Japan", { pressing_country: "Japan" }],
    [diner, R, "I'm moving to Denver, where do people love the ramen", { city: "Denver" }],
    [diner, R, "reviews of visits in 2019 to places in Boston", { visit_year: 2019, city: "Boston" }],
  ]);
});

describe("where a person comes from", () => {
  expectCases([
    [diner, R, "a chef from Chicago who opened a second place", null],
    [diner, R, "tourists from Seattle complaining about the prices", null],
    // Even for the person the documents are for, where they come from is not where the documents are.
    [shop, S, "soul records for a collector from Japan", { genre: "soul" }],
    // The documents' own place.
    [diner, R, "places in Chicago a friend recommended", { city: "Chicago" }],
    [shop, S, "soul records from Japan", { genre: "soul", pressing_country: "Japan" }],
  ]);
  it("names the place it left out", () => {
    const built = diner.constructSync("tourists from Seattle complaining about the prices");
    expect(built.warnings.join(" ")).toMatch(/"from Seattle" is where "tourists" comes from, not the documents/);
  });
});

describe("a value describing a thing someone has", () => {
  expectCases([
    [diner, R, "my vegan diet is driving me crazy", null],
    [diner, R, "our patio furniture blew away in the storm", null],
    [shop, S, "my punk phase in high school", null],
    // A word for the documents or a value after the possessive keeps the reading where the schema allows it.
    [diner, R, "vegan places with a patio near my office", { vegan_options: true, outdoor_seating: true }],
  ]);
});

describe("a yes/no word used as a verb after a modal", () => {
  expectCases([
    [shop, S, "why would a label reissue an album nobody bought", null],
    [shop, S, "which label will reissue it next", null],
    [shop, S, "can I reissue it myself", null],
    // As a word of the documents it stays.
    [shop, S, "reissued records from 2010", { reissue: true, year: 2010 }],
    [shop, S, "a soul reissue pressed in the UK", { reissue: true, genre: "soul", pressing_country: "UK" }],
    [diner, R, "vegan spots with a patio", { vegan_options: true, outdoor_seating: true }],
  ]);
});
