import { describe } from "vitest";
import { defineAttributeSchema } from "../../src/self-query/attribute-schema.js";
import { RuleBasedQueryConstructor } from "../../src/self-query/rule-based-query-constructor.js";
import { expectCases as expectPhrasingCases, selectionChecker, type GridValues, type PhrasingCase } from "./support/record-selection.js";

/**
 * Regression tests for the value classes fixed in phase 4 (`bench/self-query/PROBES-11-values.md`), in new wordings on
 * schemas no bench round uses (a board-game café's library, a garden nursery, a craft video channel): a negated perfect or
 * "nobody" flips a yes/no phrase ("that I haven't played", "nobody has lent out"); after exclusions only, a value after
 * "just" / "only" / "but" is the one asked for; lowercase names of one vocabulary joined as a list, or one after a
 * negation, are read; a quality adverb after a judging verb and its object ("rated the war games poorly"); the documents'
 * own nouns in clipped plurals ("vids") and words for a collection of works make the value before them the constraint; a
 * hyphenated value written joined ("deckbuilding"). Each class has controls of the same shape that must not change.
 */
const games = defineAttributeSchema({
  documentContents: "A board game in a game cafe's library",
  attributes: [
    {
      name: "category",
      type: "enum",
      description: "The style of play",
      aliases: ["category", "style"],
      values: [
        { value: "strategy" },
        { value: "party" },
        { value: "cooperative", aliases: ["co-op"] },
        { value: "family" },
        { value: "deck-building" },
        { value: "war game", aliases: ["wargame"] },
      ],
    },
    {
      name: "publisher",
      type: "string",
      description: "Who publishes the game",
      aliases: ["publisher", "published by"],
      values: ["Stonemaier", "Rio Grande", "Fantasy Flight", "Leder", "Czech Games"].map((value) => ({ value })),
    },
    {
      name: "designer",
      type: "string",
      description: "Who designed the game",
      aliases: ["designer", "designed by"],
      values: ["Uwe Rosenberg", "Reiner Knizia", "Elizabeth Hargrave", "Ada van Hooren"].map((value) => ({ value })),
    },
    {
      name: "played",
      type: "boolean",
      description: "Whether I have played it",
      aliases: ["played", "tried"],
      values: [{ value: false, aliases: ["unplayed", "new to me"] }],
    },
    {
      name: "available",
      type: "boolean",
      description: "Whether a copy is on the shelf right now",
      aliases: ["available", "on the shelf"],
      values: [{ value: false, aliases: ["checked out", "lent out"] }],
    },
    {
      name: "score",
      type: "number",
      description: "The cafe's score, 1 to 10",
      aliases: ["score", "rated", "rating"],
      minimum: 1,
      maximum: 10,
      quality: true,
    },
  ],
});

const plants = defineAttributeSchema({
  documentContents: "A plant in a garden nursery's catalogue",
  attributes: [
    {
      name: "kind",
      type: "enum",
      description: "What kind of plant",
      aliases: ["kind", "type"],
      values: ["perennial", "annual", "shrub", "climber", "bulb", "herb"].map((value) => ({ value })),
    },
    {
      name: "supplier",
      type: "string",
      description: "The grower that supplies it",
      aliases: ["supplier", "grown by"],
      values: ["Bloomfield", "Hollow Oak", "Thornbury", "Marlowe"].map((value) => ({ value })),
    },
    {
      name: "evergreen",
      type: "boolean",
      description: "Keeps its leaves in winter",
      aliases: ["evergreen"],
      values: [{ value: false, aliases: ["deciduous"] }],
    },
    {
      name: "hardy",
      type: "boolean",
      description: "Survives frost",
      aliases: ["frost hardy", "hardy"],
      values: [{ value: false, aliases: ["tender", "frost tender"] }],
    },
    {
      name: "rating",
      type: "number",
      description: "Customers' rating, 1 to 5",
      aliases: ["rating", "rated"],
      minimum: 1,
      maximum: 5,
      quality: true,
    },
  ],
});

const crafts = defineAttributeSchema({
  documentContents: "A video on a craft channel",
  attributes: [
    {
      name: "craft",
      type: "enum",
      description: "The craft the video teaches",
      aliases: ["craft"],
      values: [
        { value: "knitting", aliases: ["yarn"] },
        { value: "pottery", aliases: ["ceramics"] },
        { value: "woodwork" },
        { value: "sewing" },
      ],
    },
    { name: "beginner", type: "boolean", description: "Made for beginners", aliases: ["beginner", "for beginners"] },
    {
      name: "format",
      type: "enum",
      description: "What comes with the video",
      aliases: ["format"],
      values: [{ value: "e-book" }, { value: "kit" }],
    },
  ],
});

const kitchen = defineAttributeSchema({
  documentContents: "An item in a kitchen shop",
  attributes: [
    {
      name: "kind",
      type: "enum",
      description: "What the item is",
      aliases: ["kind"],
      values: ["knife", "shelf", "tomato press", "cutting board"].map((value) => ({ value })),
    },
  ],
});

const tracks = defineAttributeSchema({
  documentContents: "A track in my music library",
  attributes: [
    {
      name: "genre",
      type: "enum",
      description: "The genre",
      aliases: ["genre"],
      values: ["lo-fi", "drum and bass", "k-pop", "soul", "jazz"].map((value) => ({ value })),
    },
    {
      name: "liked",
      type: "boolean",
      description: "Whether I liked it",
      aliases: ["liked", "favourite"],
      values: [{ value: false, aliases: ["disliked"] }],
    },
  ],
});

const rentals = defineAttributeSchema({
  documentContents: "An apartment for rent",
  attributes: [
    {
      name: "neighborhood",
      type: "string",
      description: "The neighborhood it is in",
      aliases: ["neighborhood"],
      values: ["Harbor", "Old Mill", "Bramble", "Sunset"].map((value) => ({ value })),
    },
    {
      name: "layout",
      type: "enum",
      description: "The layout",
      aliases: ["layout"],
      values: ["studio", "loft", "one-bedroom"].map((value) => ({ value })),
    },
  ],
});

const gameReader = new RuleBasedQueryConstructor({ attributes: games });
const plantReader = new RuleBasedQueryConstructor({ attributes: plants });
const craftReader = new RuleBasedQueryConstructor({ attributes: crafts });
const kitchenReader = new RuleBasedQueryConstructor({ attributes: kitchen });
const trackReader = new RuleBasedQueryConstructor({ attributes: tracks });
const rentalReader = new RuleBasedQueryConstructor({ attributes: rentals });

const grid: GridValues = {
  category: ["strategy", "party", "cooperative", "family", "deck-building", "war game", "other"],
  publisher: ["Stonemaier", "Rio Grande", "Leder", "Czech Games", "other"],
  designer: ["Uwe Rosenberg", "Reiner Knizia", "Ada van Hooren", "other"],
  played: [true, false],
  available: [true, false],
  score: [1, 3.25, 3.5, 7.5, 7.75, 10],
  supplier: ["Bloomfield", "Hollow Oak", "Thornbury", "Marlowe", "other"],
  evergreen: [true, false],
  hardy: [true, false],
  rating: [1, 2, 2.5, 3, 4, 5],
  craft: ["knitting", "pottery", "woodwork", "sewing", "other"],
  beginner: [true, false],
  genre: ["lo-fi", "drum and bass", "k-pop", "soul", "jazz", "other"],
  liked: [true, false],
  neighborhood: ["Harbor", "Old Mill", "Bramble", "Sunset", "other"],
  layout: ["studio", "loft", "one-bedroom", "other"],
  format: ["e-book", "kit", "other"],
  kind: ["perennial", "annual", "shrub", "climber", "bulb", "herb", "knife", "shelf", "tomato press", "cutting board", "other"],
};
const sameSelection = selectionChecker(grid, 8);
const expectCases = (cases: readonly PhrasingCase[]) => expectPhrasingCases(cases, sameSelection);

describe("a negated perfect, 'not yet' or 'nobody' flips a yes/no phrase", () => {
  expectCases([
    [gameReader, games, "family games that I haven't played", { category: "family", played: false }],
    [gameReader, games, "anything we have not tried yet", { played: false }],
    [gameReader, games, "party games not yet tried", { category: "party", played: false }],
    [gameReader, games, "strategy games I never played", { category: "strategy", played: false }],
    [gameReader, games, "war games nobody has lent out", { category: "war game", available: true }],
    [gameReader, games, "party games I have yet to try", { category: "party", played: false }],
    [gameReader, games, "which family games haven't we tried", { category: "family", played: false }],
    [gameReader, games, "party games no longer on the shelf", { category: "party", available: false }],
    [gameReader, games, "strategy games not currently available", { category: "strategy", available: false }],
    [gameReader, games, "strategy games still available", { category: "strategy", available: true }],
    [plantReader, plants, "shrubs that are neither evergreen nor hardy", { kind: "shrub", evergreen: false, hardy: false }],
    [plantReader, plants, "shrubs that haven't been frost hardy", { kind: "shrub", hardy: false }],
    // Controls: no negation, or an auxiliary that is not negated.
    [gameReader, games, "family games that I have played", { category: "family", played: true }],
    [gameReader, games, "strategy games we already tried", { category: "strategy", played: true }],
    [gameReader, games, "party games that are lent out", { category: "party", available: false }],
    // A possessive between the negation and the phrase, and a generic word for a music library's entries.
    [trackReader, tracks, "soul songs that are not my favourite", { genre: "soul", liked: false }],
    [trackReader, tracks, "soul songs that are my favourite", { genre: "soul", liked: true }],
  ]);
});

describe("after exclusions only, a value after 'just', 'only' or 'but' is the one asked for", () => {
  expectCases([
    [gameReader, games, "no strategy, no war games, only party games", { category: "party" }],
    [gameReader, games, "not family but cooperative", { category: "cooperative" }],
    [plantReader, plants, "not shrubs, not climbers, just bulbs", { kind: "bulb" }],
    // After the value, or after "give me".
    [plantReader, plants, "no shrubs please, bulbs only", { kind: "bulb" }],
    [plantReader, plants, "skip the annuals, give me perennials", { kind: "perennial" }],
    [plantReader, plants, "not climbers, herbs instead", { kind: "herb" }],
    // Controls: a value named in passing after one asked for is still not a second constraint; a list stays a list.
    [gameReader, games, "party games that feel like strategy", { category: "party" }],
    [plantReader, plants, "not shrubs or climbers", { kind: { $nin: ["shrub", "climber"] } }],
  ]);
});

describe("lowercase names of one vocabulary joined as a list, or after a negation", () => {
  expectCases([
    [gameReader, games, "stonemaier and leder boxes", { publisher: { $in: ["Stonemaier", "Leder"] } }],
    [gameReader, games, "leder or stonemaier stuff for two", { publisher: { $in: ["Stonemaier", "Leder"] } }],
    [plantReader, plants, "bloomfield, thornbury or marlowe stock", { supplier: { $in: ["Bloomfield", "Thornbury", "Marlowe"] } }],
    [gameReader, games, "everything but leder", { publisher: { $ne: "Leder" } }],
    [gameReader, games, "not stonemaier, just strategy", { publisher: { $ne: "Stonemaier" }, category: "strategy" }],
    // One word of a designer's name, written lowercase or not, before a word for the documents or after a cue.
    [gameReader, games, "knizia games for two", { designer: "Reiner Knizia" }],
    [gameReader, games, "Hargrave games", { designer: "Elizabeth Hargrave" }],
    [gameReader, games, "anything designed by rosenberg", { designer: "Uwe Rosenberg" }],
    // Words of names in a list; the verb of an alias "<participle> by" after a name ("designed" of "designed by").
    [gameReader, games, "knizia or van hooren", { designer: { $in: ["Reiner Knizia", "Ada van Hooren"] } }],
    [gameReader, games, "everything hargrave designed", { designer: "Elizabeth Hargrave" }],
    // Controls: a lone lowercase name with no cue is still only warned about; names written as names are read.
    [gameReader, games, "leder boxes", null],
    [gameReader, games, "a rosenberg-style farming game", null],
    [gameReader, games, "Stonemaier and Leder boxes", { publisher: { $in: ["Stonemaier", "Leder"] } }],
  ]);
});

describe("a quality adverb after a judging verb and its object", () => {
  expectCases([
    [gameReader, games, "who rated the war games poorly", { category: "war game", score: { $lte: 3.25 } }],
    [gameReader, games, "players scored it really highly", { score: { $gte: 7.75 } }],
    [plantReader, plants, "customers rated the climbers harshly", { kind: "climber", rating: { $lte: 2 } }],
    [plantReader, plants, "bulbs people rated very well", { kind: "bulb", rating: { $gte: 4 } }],
    // A word for a work of a series, or one word of a name with the words of the name before it.
    [gameReader, games, "players rated the sequel harshly", { score: { $lte: 3.25 } }],
    [gameReader, games, "players rated the van hooren games highly", { designer: "Ada van Hooren", score: { $gte: 7.75 } }],
    // Controls: an object that is no word of the schema judges something else.
    [gameReader, games, "players rated the artwork poorly", null],
    [plantReader, plants, "customers rated the packaging highly", null],
  ]);
});

describe("a word for the documents after a value makes it the constraint", () => {
  expectCases([
    // A clipped plural of the documents' own noun ("vids" of "video").
    [craftReader, crafts, "pottery vids for a rainy day", { craft: "pottery" }],
    [craftReader, crafts, "yarn vids", { craft: "knitting" }],
    // Words for a collection of works, and words for works any catalogue of them uses.
    [gameReader, games, "a party games collection", { category: "party" }],
    [trackReader, tracks, "soul albums", { genre: "soul" }],
    [craftReader, crafts, "woodwork episodes", { craft: "woodwork" }],
    [rentalReader, rentals, "studio rooms near bramble", { layout: "studio", neighborhood: "Bramble" }],
    // Controls: a noun the schema does not know still makes a compound.
    [craftReader, crafts, "pottery wheels that are easy to clean", null],
    [craftReader, crafts, "a knitting needle sizing chart", null],
  ]);
});

describe("a hyphenated value written joined", () => {
  expectCases([
    [gameReader, games, "deckbuilding games", { category: "deck-building" }],
    [gameReader, games, "wargames with miniatures", { category: "war game" }],
    // Five letters are enough when the value is hyphenated.
    [craftReader, crafts, "sewing ebooks for beginners", { craft: "sewing", format: "e-book", beginner: true }],
    // Four letters when the joined word is no ordinary word.
    [trackReader, tracks, "lofi mixes to study to", { genre: "lo-fi" }],
    [trackReader, tracks, "kpop tracks", { genre: "k-pop" }],
    // "&" for the "and" of a value.
    [trackReader, tracks, "drum & bass tracks", { genre: "drum and bass" }],
    // Control: a short joined form that is an ordinary word is not read.
    [gameReader, games, "a coop of chickens", null],
  ]);
});

describe("plurals that the singular rule does not undo", () => {
  expectCases([
    [kitchenReader, kitchen, "knives for a left-handed cook", { kind: "knife" }],
    [kitchenReader, kitchen, "floating shelves", { kind: "shelf" }],
    [kitchenReader, kitchen, "tomato presses", { kind: "tomato press" }],
    // Control: a regular plural, as before.
    [kitchenReader, kitchen, "cutting boards", { kind: "cutting board" }],
    // The plural of a clipped value that is no ordinary word.
    [gameReader, games, "strats for a quiet night", { category: "strategy" }],
    // Control: an ordinary word that starts a value is not read ("coops" is a word, "co-op" a value).
    [gameReader, games, "party games about chicken coops", { category: "party" }],
  ]);
});

describe("a vocabulary of places takes prepositions of place as cues", () => {
  expectCases([
    [rentalReader, rentals, "lofts in the harbor", { layout: "loft", neighborhood: "Harbor" }],
    [rentalReader, rentals, "studios near bramble", { layout: "studio", neighborhood: "Bramble" }],
    [rentalReader, rentals, "anything not in bramble", { neighborhood: { $ne: "Bramble" } }],
    // A name before a kind written with a hyphen, and a list with it.
    [rentalReader, rentals, "harbor or sunset one-bedrooms", { layout: "one-bedroom", neighborhood: { $in: ["Harbor", "Sunset"] } }],
    // Controls: an ordinary word after "in" that describes the noun after it; no preposition of place.
    [rentalReader, rentals, "lofts in sunset light", { layout: "loft" }],
    [rentalReader, rentals, "a studio with a sunset view", { layout: "studio" }],
  ]);
});
