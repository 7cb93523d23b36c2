/**
 * The two new domains of held-out round 11-new-a (bench/self-query/questions/held-out-11-new-a/*.jsonl): my
 * personal reference library of scientific papers (the PDFs and my notes, as a reference manager exports them),
 * and my log of restaurant visits (one entry per visit, with my notes and review). Their schemas were declared
 * the way a developer would describe their own documents, without knowing the rule-based constructor's rules,
 * so the round measures how the rules carry over to schemas they were never tuned on.
 */
import { buildVocabulary, defineAttributeSchema } from "../../src/self-query/attribute-schema.js";
import type { BenchDomain } from "./domains.js";

/** First authors in my library (read from "documents" as `buildVocabulary` does). */
const PAPER_AUTHORS = [
  "Fei-Fei Li",
  "Yann LeCun",
  "Emily M. Bender",
  "Jure Leskovec",
  "Daphne Koller",
  "Percy Liang",
  "Jeff Dean",
  "Timnit Gebru",
];

/** Venues in my library, mostly acronyms (read from "documents" as `buildVocabulary` does). */
const PAPER_VENUES = ["NeurIPS", "ICML", "ACL", "EMNLP", "CVPR", "SIGIR", "CHI", "VLDB", "Nature"];

/**
 * My reference library of papers: a research-area enum with multiword and hyphenated values and acronym
 * aliases ("NLP", "HCI", "CV"), a publication-type enum ("PhD thesis", "arXiv" for preprints), two vocabularies
 * read from the documents (first author, with a hyphenated name and a middle initial; venue, mostly acronyms
 * and one plain word, "Nature"), the publication year as a plain integer, the citation count (no maximum, in
 * the thousands), two yes/no fields (open access, code available), a reading-status enum whose values are
 * everyday words ("to read", "skimmed", "read"), my own 1-5 star rating declared as the quality scale, and the
 * date I added the paper, with its year field.
 */
export function papersDomain(): BenchDomain {
  return {
    name: "papers",
    file: "papers.jsonl",
    schema: buildVocabulary(
      [...PAPER_AUTHORS.map((first_author) => ({ metadata: { first_author } })), ...PAPER_VENUES.map((venue) => ({ metadata: { venue } }))],
      defineAttributeSchema({
        documentContents: "A scientific paper in my reference library, with its abstract, full text and my reading notes",
        attributes: [
          {
            name: "research_area",
            type: "enum",
            description: "The research area the paper belongs to",
            aliases: ["area", "field", "research area", "topic"],
            values: [
              { value: "machine learning", aliases: ["ML"] },
              { value: "natural language processing", aliases: ["NLP"] },
              { value: "computer vision", aliases: ["CV", "vision"] },
              { value: "information retrieval", aliases: ["IR", "search"] },
              { value: "human-computer interaction", aliases: ["HCI"] },
              { value: "databases", aliases: ["DB", "data management"] },
              { value: "computational biology", aliases: ["bioinformatics", "comp bio"] },
              { value: "robotics" },
            ],
          },
          {
            name: "publication_type",
            type: "enum",
            description: "What kind of publication it is",
            aliases: ["type", "publication type", "kind of paper"],
            values: [
              { value: "journal article", aliases: ["journal", "journal paper"] },
              { value: "conference paper", aliases: ["conference", "proceedings"] },
              { value: "preprint", aliases: ["arXiv"] },
              { value: "workshop paper", aliases: ["workshop"] },
              { value: "PhD thesis", aliases: ["thesis", "dissertation"] },
              { value: "survey", aliases: ["survey paper", "literature review", "review paper"] },
            ],
          },
          {
            name: "first_author",
            type: "string",
            description: "The first author of the paper",
            aliases: ["first author", "author", "by", "written by", "first-authored"],
            vocabularyFromDocuments: true,
          },
          {
            name: "venue",
            type: "string",
            description: "The conference or journal where it was published",
            aliases: ["venue", "published in", "published at", "appeared in"],
            vocabularyFromDocuments: true,
          },
          {
            name: "year",
            type: "integer",
            description: "The year the paper was published",
            aliases: ["year", "published", "publication year", "came out"],
            minimum: 1950,
            maximum: 2026,
          },
          {
            name: "citations",
            type: "integer",
            description: "How many times the paper has been cited (from Google Scholar)",
            aliases: ["citations", "cited", "citation count", "times cited"],
            units: ["citations", "citation", "cites"],
            minimum: 0,
          },
          {
            name: "open_access",
            type: "boolean",
            description: "Whether the paper is free to read (open access)",
            aliases: ["open access", "OA", "free to read"],
            values: [{ value: false, aliases: ["paywalled", "behind a paywall", "closed access"] }],
          },
          {
            name: "code_available",
            type: "boolean",
            description: "Whether the authors released code",
            aliases: ["code available", "with code", "has code", "code released", "open source code"],
            values: [{ value: false, aliases: ["no code", "without code"] }],
          },
          {
            name: "reading_status",
            type: "enum",
            description: "How far I got with the paper",
            aliases: ["status", "reading status"],
            values: [
              { value: "to read", aliases: ["unread", "to-read", "backlog", "queue"] },
              { value: "skimmed" },
              { value: "read", aliases: ["finished", "done"] },
            ],
          },
          {
            name: "my_rating",
            type: "integer",
            description: "My own rating of the paper, 1 to 5 stars",
            aliases: ["my rating", "rating", "rated", "I gave"],
            units: ["stars", "star", "/5", "out of 5"],
            minimum: 1,
            maximum: 5,
            quality: true,
          },
          {
            name: "added_date",
            type: "date",
            description: "The date I added the paper to my library",
            aliases: ["added", "saved", "imported"],
            yearField: "added_year",
          },
        ],
      }),
    ),
    steps: { year: 1, citations: 1, my_rating: 1, added_date: 1, added_year: 1 },
  };
}

/** Restaurants in my log (read from "documents" as `buildVocabulary` does); several are ordinary words. */
const RESTAURANTS = ["Dishoom", "Padella", "Bao", "St. John", "Barrafina", "Kiln", "Brat", "The Palomar", "Hoppers"];

/**
 * My log of restaurant visits in London (one entry per visit, with my notes and review): a restaurant
 * vocabulary read from the documents (names that are also ordinary words, "Bao", "Kiln", "Brat", one with a
 * period, "St. John", one with an article, "The Palomar"), a cuisine enum with multiword values ("Middle
 * Eastern", "Sri Lankan") and dish aliases ("tapas", "ramen", "dim sum"), a neighbourhood enum with multiword
 * values and an apostrophe ("King's Cross"), a 1-4 price level whose values are named by pound signs and words
 * ("££", "cheap", "splurge"), what I spent per person in pounds (decimal; "£", "quid"), Michelin stars 0-3, my
 * own 1-10 score in half points declared as the quality scale, the party size, the visit date with its year
 * field, and two yes/no fields (would I go back, outdoor seating).
 */
export function restaurantVisitsDomain(): BenchDomain {
  return {
    name: "restaurant-visits",
    file: "restaurants.jsonl",
    schema: buildVocabulary(
      RESTAURANTS.map((restaurant) => ({ metadata: { restaurant } })),
      defineAttributeSchema({
        documentContents: "A visit to a restaurant in London, with what we ordered and my notes and review",
        attributes: [
          {
            name: "restaurant",
            type: "string",
            description: "The name of the restaurant",
            aliases: ["restaurant", "place", "at"],
            vocabularyFromDocuments: true,
          },
          {
            name: "cuisine",
            type: "enum",
            description: "The kind of food the restaurant serves",
            aliases: ["cuisine", "food", "kind of food"],
            values: [
              { value: "Indian" },
              { value: "Italian", aliases: ["pasta", "pizza"] },
              { value: "Japanese", aliases: ["sushi", "ramen"] },
              { value: "Spanish", aliases: ["tapas"] },
              { value: "British", aliases: ["modern British"] },
              { value: "Chinese", aliases: ["dim sum", "Cantonese", "Sichuan"] },
              { value: "Korean" },
              { value: "Thai" },
              { value: "Sri Lankan" },
              { value: "Middle Eastern", aliases: ["Lebanese", "Israeli", "Levantine"] },
              { value: "French", aliases: ["bistro"] },
            ],
          },
          {
            name: "neighbourhood",
            type: "enum",
            description: "The part of London the restaurant is in",
            aliases: ["neighbourhood", "neighborhood", "area", "in"],
            values: [
              { value: "Soho" },
              { value: "Shoreditch" },
              { value: "Covent Garden" },
              { value: "King's Cross", aliases: ["Kings Cross"] },
              { value: "Borough", aliases: ["Borough Market", "London Bridge"] },
              { value: "Brixton" },
              { value: "Peckham" },
              { value: "Marylebone" },
              { value: "Notting Hill" },
              { value: "Clerkenwell", aliases: ["Farringdon"] },
            ],
          },
          {
            name: "price_level",
            type: "integer",
            description: "How expensive the restaurant is, 1 (£) to 4 (££££)",
            aliases: ["price level", "price range", "price band"],
            minimum: 1,
            maximum: 4,
            values: [
              { value: 1, label: "£", aliases: ["cheap", "budget", "cheap eats"] },
              { value: 2, label: "££", aliases: ["mid-range", "moderate"] },
              { value: 3, label: "£££", aliases: ["pricey", "expensive"] },
              { value: 4, label: "££££", aliases: ["splurge", "fine dining", "very expensive"] },
            ],
          },
          {
            name: "cost_per_person",
            type: "number",
            description: "What the meal cost per person, in pounds, drinks and service included",
            aliases: ["per person", "per head", "a head", "cost per person", "spent", "paid", "cost"],
            units: ["£", "GBP", "pounds", "quid"],
            minimum: 0,
          },
          {
            name: "michelin_stars",
            type: "integer",
            description: "How many Michelin stars the restaurant had when I went",
            aliases: ["Michelin stars", "Michelin", "Michelin-starred", "starred"],
            units: ["Michelin stars", "Michelin star", "stars", "star"],
            minimum: 0,
            maximum: 3,
          },
          {
            name: "my_rating",
            type: "number",
            description: "My score for the visit, 1 to 10 in half points",
            aliases: ["my rating", "rating", "rated", "scored", "I gave"],
            units: ["/10", "out of 10"],
            minimum: 1,
            maximum: 10,
            quality: true,
          },
          {
            name: "party_size",
            type: "integer",
            description: "How many of us were at the table",
            aliases: ["party size", "party of", "group of", "table for"],
            units: ["people", "persons", "of us", "guests"],
            minimum: 1,
            maximum: 20,
          },
          {
            name: "visit_date",
            type: "date",
            description: "The date of the visit",
            aliases: ["visited", "visit", "went", "ate there", "been"],
            yearField: "visit_year",
          },
          {
            name: "would_return",
            type: "boolean",
            description: "Whether I would go back",
            aliases: ["would return", "would go back", "go back", "worth returning"],
            values: [{ value: false, aliases: ["never again", "not going back", "wouldn't go back"] }],
          },
          {
            name: "outdoor_seating",
            type: "boolean",
            description: "Whether the restaurant has tables outside",
            aliases: ["outdoor seating", "outdoor tables", "terrace", "patio", "outside", "al fresco"],
          },
        ],
      }),
    ),
    steps: {
      price_level: 1,
      cost_per_person: 0.01,
      michelin_stars: 1,
      my_rating: 0.5,
      party_size: 1,
      visit_date: 1,
      visit_year: 1,
    },
  };
}

/** The domains of held-out round 11-new-a's new-schema sets. */
export function heldOutElevenNewADomains(): BenchDomain[] {
  return [papersDomain(), restaurantVisitsDomain()];
}
