import { describe } from "vitest";
import { defineAttributeSchema } from "../../src/self-query/attribute-schema.js";
import { RuleBasedQueryConstructor } from "../../src/self-query/rule-based-query-constructor.js";
import { expectCases as expectPhrasingCases, selectionChecker, type GridValues, type PhrasingCase } from "./support/record-selection.js";
import { cafes, watchLog } from "./support/values-probes.js";

/**
 * Regression tests for the value classes fixed in phase 5 (`bench/self-query/PROBES-12-values.md`), on schemas no bench
 * round uses (a city guide's cafés, a TV watch log, a farmers' market's stalls), each class with controls of the same
 * shape: named values of an ordered number ("cheap", "€€ or less") and counts named by a participle ("never visited",
 * "guild-certified"); verdict adjectives ("glowing write-ups"); exclusions ("besides X", "not one of X's", "outside X",
 * "skip the first two", a yes/no phrase before a negated predicate, "no" + a plural); lowercase names in a fragment of
 * constraints or before a general noun of output; a year alone in a fragment of a list; "X-friendly" as a statement.
 */
const stalls = defineAttributeSchema({
  documentContents: "A stall at a farmers' market",
  attributes: [
    {
      name: "area",
      type: "enum",
      description: "The part of the market the stall is in",
      aliases: ["area", "in"],
      values: ["North Yard", "Riverside", "Clock Tower"].map((value) => ({ value })),
    },
    {
      name: "baker",
      type: "string",
      description: "Who bakes what the stall sells",
      aliases: ["baker", "baked by"],
      values: ["Oskarsdottir", "Pemberly Loaves", "Tamsin Vale"].map((value) => ({ value })),
    },
    {
      name: "price_tier",
      type: "integer",
      description: "How dear the stall is, 1 ($) to 3 ($$$)",
      aliases: ["price tier"],
      minimum: 1,
      maximum: 3,
      values: [
        { value: 1, label: "$", aliases: ["bargain"] },
        { value: 2, label: "$$" },
        { value: 3, label: "$$$", aliases: ["premium"] },
      ],
    },
    { name: "covered", type: "boolean", description: "Has a roof over the seating", aliases: ["covered seating", "outside"] },
    { name: "cat_friendly", type: "boolean", description: "The stall keeps a cat and welcomes them", aliases: ["cat-friendly"] },
    {
      name: "certifications",
      type: "integer",
      description: "How many guild certificates the stall holds",
      aliases: ["certifications", "certified", "guild-certified"],
      minimum: 0,
    },
    {
      name: "stars",
      type: "integer",
      description: "Visitors' score, 1 to 5",
      aliases: ["stars", "rated"],
      units: ["stars"],
      minimum: 1,
      maximum: 5,
      quality: true,
    },
    {
      name: "price",
      type: "number",
      description: "Price of a loaf, in dollars",
      aliases: ["price", "costs"],
      units: ["$", "dollars"],
      minimum: 0,
    },
  ],
});

const now = () => new Date(Date.UTC(2026, 11, 1, 12));
const cafeReader = new RuleBasedQueryConstructor({ attributes: cafes, now });
const showReader = new RuleBasedQueryConstructor({ attributes: watchLog, now });
const stallReader = new RuleBasedQueryConstructor({ attributes: stalls, now });

const grid: GridValues = {
  district: ["Old Town", "Harbourside", "Canal Quarter", "Uptown", "other"],
  roaster: ["Ferncliff", "Brewhaus", "Mokalu", "other"],
  reviewer: ["Ines Duarte", "Tom Becker", "latteloop", "other"],
  price_band: [1, 2, 3],
  wifi: [true, false],
  dog_friendly: [true, false],
  rating: [1, 3, 7, 8, 10],
  visits: [0, 1, 4],
  series: ["Brightmoor", "Nightjar", "Vantaris", "other"],
  season: [1, 2, 3, 4, 5],
  format: ["documentary", "sitcom", "drama", "other"],
  finale: [true, false],
  subtitled: [true, false],
  my_score: [1, 2, 4, 5],
  rewatch_count: [0, 1, 3],
  area: ["North Yard", "Riverside", "Clock Tower", "other"],
  baker: ["Oskarsdottir", "Pemberly Loaves", "Tamsin Vale", "other"],
  price_tier: [1, 2, 3],
  covered: [true, false],
  cat_friendly: [true, false],
  certifications: [0, 1, 2],
  stars: [1, 2, 4, 5],
  price: [2, 3, 4, 12],
  kind: ["thesis", "analysis", "index", "letter", "other"],
  digitised: [true, false],
};
const sameSelection = selectionChecker(grid, 8);
const expectCases = (cases: readonly PhrasingCase[]) => expectPhrasingCases(cases, sameSelection);

describe("a named value of an ordered number is that number, and a bound with 'or less' / 'at least'", () => {
  expectCases([
    [cafeReader, cafes, "cheap cafés near the Canal Quarter", { price_band: 1, district: "Canal Quarter" }],
    [cafeReader, cafes, "pricey places roasted by Brewhaus", { price_band: 3, roaster: "Brewhaus" }],
    [cafeReader, cafes, "€€ or less in Harbourside", { price_band: { $lte: 2 }, district: "Harbourside" }],
    [cafeReader, cafes, "at least €€ and dog-friendly", { price_band: { $gte: 2 }, dog_friendly: true }],
    [stallReader, stalls, "$$$ stalls in the North Yard", { price_tier: 3, area: "North Yard" }],
    [stallReader, stalls, "$$ or more, covered seating", { price_tier: { $gte: 2 }, covered: true }],
    [stallReader, stalls, "premium bakers in Riverside", { price_tier: 3, area: "Riverside" }],
    // Controls: a currency sign on an amount is a price, not a tier; an adjective before another noun stays.
    [stallReader, stalls, "loaves that cost $3 at the Clock Tower", { price: 3, area: "Clock Tower" }],
    [stallReader, stalls, "loaves under $4 in the North Yard", { price: { $lt: 4 }, area: "North Yard" }],
    [cafeReader, cafes, "is a cheap grinder worth it", null],
    // Controls: a degree word, a noun after a determiner, a respect other than a value: the ordinary sense.
    [cafeReader, cafes, "the most pricey drink on the menu", null],
    [cafeReader, cafes, "writing on a budget in a café", null],
    [stallReader, stalls, "is the premium worth paying", null],
    [cafeReader, cafes, "a place cheap in spirit but rich in cake", null],
    [cafeReader, cafes, "somewhere cheap in Uptown", { price_band: 1, district: "Uptown" }],
  ]);
});

describe("a count named by its participle: negated it is 0, hyphenated before a noun at least 1", () => {
  expectCases([
    [cafeReader, cafes, "places in the Old Town I have never visited", { district: "Old Town", visits: 0 }],
    [showReader, watchLog, "Nightjar episodes I haven't rewatched", { series: "Nightjar", rewatch_count: 0 }],
    [stallReader, stalls, "guild-certified stalls in Riverside", { certifications: { $gte: 1 }, area: "Riverside" }],
    [stallReader, stalls, "stalls that were never certified", { certifications: 0 }],
    [showReader, watchLog, "Brightmoor episodes I gave a single star", { series: "Brightmoor", my_score: 1 }],
    [stallReader, stalls, "stalls in Riverside that got a single star", { area: "Riverside", stars: 1 }],
    // Controls: a participle alone, not negated nor hyphenated, says nothing; nor "a single <unit>" before another noun.
    [stallReader, stalls, "a stall that got a single star review from a critic", null],
    [stallReader, stalls, "what does a certified baker do differently", null],
    // Control: a negated participle with an object of its own says what was done to something else.
    [cafeReader, cafes, "a café I never visited the toilets of", null],
  ]);
});

describe("adjectives that only say how favourable a judgement is", () => {
  expectCases([
    [cafeReader, cafes, "glowing write-ups of Uptown cafés", { rating: { $gte: 8 }, district: "Uptown" }],
    [cafeReader, cafes, "scathing reviews by Tom Becker", { rating: { $lte: 3 }, reviewer: "Tom Becker" }],
    [stallReader, stalls, "rave reviews of the Clock Tower stalls", { stars: { $gte: 4 }, area: "Clock Tower" }],
    // Control: a review that is merely good, where the documents are no reviews, says nothing of their score.
    [cafeReader, cafes, "tips for writing a review of a café", null],
  ]);
});

describe("exclusions: besides, not one of X's, outside a value, the first N, a negated predicate, no + a plural", () => {
  expectCases([
    [cafeReader, cafes, "besides latteloop, who liked the cortado", { reviewer: { $ne: "latteloop" } }],
    [cafeReader, cafes, "good espresso but not one of tom becker's picks", { reviewer: { $ne: "Tom Becker" } }],
    [stallReader, stalls, "stalls outside the North Yard and Riverside", { area: { $nin: ["North Yard", "Riverside"] } }],
    [showReader, watchLog, "leaving out the first two seasons, is it good", { season: { $nin: [1, 2] } }],
    [showReader, watchLog, "Vantaris, the last three seasons", { season: { $in: [3, 4, 5] }, series: "Vantaris" }],
    [cafeReader, cafes, "cafés where wifi isn't available", { wifi: false }],
    [showReader, watchLog, "dramas, no finales", { format: "drama", finale: false }],
    [stallReader, stalls, "bread stalls that dont have covered seating", { covered: false }],
    // Controls: "besides" before no value, "outside" with no value after it, a predicate that is not negated.
    [cafeReader, cafes, "besides the coffee, what is good here", null],
    [cafeReader, cafes, "besides being dog-friendly, what makes a café good", { dog_friendly: true }],
    [showReader, watchLog, "no finales were as tense as this one", null],
    [stallReader, stalls, "somewhere to eat outside", { covered: true }],
    [cafeReader, cafes, "cafés where wifi is available", { wifi: true }],
    [stallReader, stalls, "stalls in the North Yard and Riverside", { area: { $in: ["North Yard", "Riverside"] } }],
  ]);
});

describe("lowercase or misspelled names with evidence: a fragment of constraints, a general noun of output, a possessive", () => {
  expectCases([
    [cafeReader, cafes, "mokalu, uptown only", { roaster: "Mokalu", district: "Uptown" }],
    [cafeReader, cafes, "fernclif beans, cheap only", { roaster: "Ferncliff", price_band: 1 }],
    [showReader, watchLog, "vantaris stuff that isn't a drama", { series: "Vantaris", format: { $ne: "drama" } }],
    [stallReader, stalls, "oskarsdottir, covered seating only", { baker: "Oskarsdottir", covered: true }],
    [stallReader, stalls, "tamsin vole's loaves", { baker: "Tamsin Vale" }],
    // Controls: an ordinary word that starts a name is no name without a cue; a typo into an ordinary word, with no
    // possessive, stays unread.
    [showReader, watchLog, "a long quiet episode to fall asleep to", null],
    [stallReader, stalls, "tamsin vole on sourdough", null],
  ]);
});

const reports = defineAttributeSchema({
  documentContents: "A document in a university archive",
  attributes: [
    {
      name: "kind",
      type: "enum",
      description: "What kind of document it is",
      aliases: ["kind"],
      values: ["thesis", "analysis", "index", "letter"].map((value) => ({ value })),
    },
    { name: "digitised", type: "boolean", description: "Scanned and online", aliases: ["digitised", "scanned"] },
  ],
});
const reportReader = new RuleBasedQueryConstructor({ attributes: reports, now });

describe("Greek and Latin plurals of values", () => {
  expectCases([
    [reportReader, reports, "theses and letters about the flood", { kind: { $in: ["thesis", "letter"] } }],
    [reportReader, reports, "indices of the 1890 papers", { kind: "index" }],
    [reportReader, reports, "analyses or theses, nothing else", { kind: { $in: ["analysis", "thesis"] } }],
  ]);
});

describe("a year alone in a fragment of a list of constraints", () => {
  expectCases([
    [stallReader, stalls, "north yard or riverside, premium", { area: { $in: ["North Yard", "Riverside"] }, price_tier: 3 }],
    [showReader, watchLog, "sitcoms or dramas, season 2 only", { format: { $in: ["sitcom", "drama"] }, season: 2 }],
  ]);
});

describe("'X-friendly' names X as the subject of a statement of yes", () => {
  expectCases([
    [stallReader, stalls, "stalls in Riverside where my cat would be welcome", { area: "Riverside", cat_friendly: true }],
    [stallReader, stalls, "stalls where cats are not allowed", { cat_friendly: false }],
    // Control: the noun with no statement of yes says nothing.
    [stallReader, stalls, "a stall with a cat painted on the sign", null],
  ]);
});
