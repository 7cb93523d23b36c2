/**
 * The two new domains of held-out round 10 (bench/self-query/questions/held-out-10-new/*.jsonl): my archive of
 * podcast episodes (the show notes and transcripts of what I subscribe to), and my home library of books
 * (the catalogue entries and my notes). Their schemas were declared the way a developer would describe their
 * own documents, without knowing the rule-based constructor's rules, so the round measures how the rules
 * carry over to schemas they were never tuned on.
 */
import { buildVocabulary, defineAttributeSchema } from "../../src/self-query/attribute-schema.js";
import type { BenchDomain } from "./domains.js";

/** Hosts of the podcasts in the archive (read from "documents" as `buildVocabulary` does). */
const PODCAST_HOSTS = ["Priya Natarajan", "Tom Whitaker", "Aisha Bello", "Jonas Berg", "Marta Silva", "Dev Kapoor", "Grace O'Neill"];

/**
 * An archive of podcast episodes (show notes and transcripts): a topic enum with a multiword value ("true
 * crime"), a language enum, a host vocabulary read from the documents (one name with an apostrophe), the
 * duration in minutes, the episode number and the season as plain integers, an explicit yes/no, the published
 * date and my own 1-5 rating in half stars, declared as the quality scale.
 */
export function podcastEpisodesDomain(): BenchDomain {
  return {
    name: "podcast-episodes",
    file: "podcast-episodes.jsonl",
    schema: buildVocabulary(
      PODCAST_HOSTS.map((host) => ({ metadata: { host } })),
      defineAttributeSchema({
        documentContents: "A podcast episode I subscribe to, with its show notes and transcript",
        attributes: [
          {
            name: "topic",
            type: "enum",
            description: "What the episode is mainly about",
            aliases: ["topic", "about", "category"],
            values: [
              { value: "technology", aliases: ["tech"] },
              { value: "business", aliases: ["startups", "investing"] },
              { value: "true crime", aliases: ["crime"] },
              { value: "history" },
              { value: "science" },
              { value: "comedy" },
              { value: "health", aliases: ["wellness", "fitness"] },
              { value: "sports", aliases: ["sport"] },
            ],
          },
          {
            name: "language",
            type: "enum",
            description: "The language the episode is recorded in",
            aliases: ["language", "in"],
            values: [
              { value: "English" },
              { value: "Spanish", aliases: ["español"] },
              { value: "German", aliases: ["Deutsch"] },
              { value: "French" },
            ],
          },
          {
            name: "host",
            type: "string",
            description: "The host of the show",
            aliases: ["host", "hosted by", "with", "presenter"],
            vocabularyFromDocuments: true,
          },
          {
            name: "duration_minutes",
            type: "integer",
            description: "How long the episode is, in minutes",
            aliases: ["duration", "length", "runtime", "long"],
            units: ["minutes", "minute", "mins", "min"],
            minimum: 1,
            maximum: 400,
          },
          {
            name: "episode_number",
            type: "integer",
            description: "The episode number within the show",
            aliases: ["episode", "episode number", "ep", "number"],
            minimum: 1,
            maximum: 2000,
          },
          {
            name: "season",
            type: "integer",
            description: "The season the episode belongs to",
            aliases: ["season", "series"],
            minimum: 1,
            maximum: 30,
          },
          {
            name: "explicit",
            type: "boolean",
            description: "Whether the episode is marked explicit",
            aliases: ["explicit", "explicit content", "NSFW"],
            values: [{ value: false, aliases: ["clean", "family friendly", "not explicit", "kid-safe"] }],
          },
          {
            name: "published_date",
            type: "date",
            description: "The date the episode was published",
            aliases: ["published", "released", "aired", "came out", "dropped"],
            yearField: "published_year",
          },
          {
            name: "my_rating",
            type: "number",
            description: "My own rating of the episode, 1 to 5 in half stars",
            aliases: ["my rating", "rating", "rated", "I gave"],
            units: ["stars", "star", "/5", "out of 5"],
            minimum: 1,
            maximum: 5,
            quality: true,
          },
        ],
      }),
    ),
    steps: { duration_minutes: 1, episode_number: 1, season: 1, my_rating: 0.5, published_date: 1, published_year: 1 },
  };
}

/** Authors on my shelves (read from "documents" as `buildVocabulary` does). */
const BOOK_AUTHORS = [
  "Ursula K. Le Guin",
  "Kazuo Ishiguro",
  "Toni Morrison",
  "Agatha Christie",
  "Haruki Murakami",
  "Chimamanda Ngozi Adichie",
  "Terry Pratchett",
  "Hilary Mantel",
];

/**
 * My home library (catalogue entries and my reading notes): a genre enum with multiword and hyphenated values
 * ("science fiction", "non-fiction", "young adult") and aliases such as "sci-fi" and "YA", an author vocabulary
 * read from the documents, a format enum, the page count, the year of first publication as a plain integer (not
 * a date), the average reader rating 0-5 declared as the quality scale, two yes/no fields (in print, and whether
 * I have read it, whose false value is "unread" or "TBR") and the date I added the book, with its year field.
 */
export function booksDomain(): BenchDomain {
  return {
    name: "books",
    file: "books.jsonl",
    schema: buildVocabulary(
      BOOK_AUTHORS.map((author) => ({ metadata: { author } })),
      defineAttributeSchema({
        documentContents: "A book in my home library, with its catalogue entry and my reading notes",
        attributes: [
          {
            name: "genre",
            type: "enum",
            description: "The genre of the book",
            aliases: ["genre", "kind of book"],
            values: [
              { value: "literary fiction" },
              { value: "science fiction", aliases: ["sci-fi", "SF"] },
              { value: "fantasy" },
              { value: "mystery", aliases: ["crime", "detective", "whodunit"] },
              { value: "historical fiction" },
              { value: "non-fiction", aliases: ["nonfiction", "non fiction"] },
              { value: "biography", aliases: ["memoir", "autobiography"] },
              { value: "young adult", aliases: ["YA"] },
              { value: "poetry", aliases: ["poems"] },
              { value: "horror" },
            ],
          },
          {
            name: "author",
            type: "string",
            description: "Who wrote the book",
            aliases: ["author", "by", "written by", "writer"],
            vocabularyFromDocuments: true,
          },
          {
            name: "format",
            type: "enum",
            description: "The edition I own",
            aliases: ["format", "edition"],
            values: [
              { value: "hardcover", aliases: ["hardback"] },
              { value: "paperback", aliases: ["softcover"] },
              { value: "ebook", aliases: ["e-book", "Kindle"] },
              { value: "audiobook", aliases: ["audio"] },
            ],
          },
          {
            name: "pages",
            type: "integer",
            description: "The number of pages",
            aliases: ["pages", "page count", "length"],
            units: ["pages", "page", "pp"],
            minimum: 1,
            maximum: 3000,
          },
          {
            name: "first_published",
            type: "integer",
            description: "The year the book was first published",
            aliases: ["first published", "published", "written in", "came out"],
            minimum: 1500,
            maximum: 2026,
          },
          {
            name: "average_rating",
            type: "number",
            description: "The average reader rating, 0 to 5",
            aliases: ["average rating", "rating", "rated", "Goodreads rating"],
            units: ["stars", "star", "/5", "out of 5"],
            minimum: 0,
            maximum: 5,
            quality: true,
          },
          {
            name: "in_print",
            type: "boolean",
            description: "Whether the book is still in print",
            aliases: ["in print", "still in print"],
            values: [{ value: false, aliases: ["out of print"] }],
          },
          {
            name: "have_read",
            type: "boolean",
            description: "Whether I have read the book",
            aliases: ["read", "finished", "already read"],
            values: [{ value: false, aliases: ["unread", "not read", "TBR", "to be read"] }],
          },
          {
            name: "date_added",
            type: "date",
            description: "The date I added the book to my library",
            aliases: ["added", "bought", "got"],
            yearField: "added_year",
          },
        ],
      }),
    ),
    steps: { pages: 1, first_published: 1, average_rating: 0.01, date_added: 1, added_year: 1 },
  };
}

/** The domains of held-out round 10's new-schema sets. */
export function heldOutTenNewDomains(): BenchDomain[] {
  return [podcastEpisodesDomain(), booksDomain()];
}
