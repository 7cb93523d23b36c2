import { defineAttributeSchema, type AttributeSchema } from "../../self-query/attribute-schema.js";

/** The attribute schema of the John Wick review dataset, with the films' names and aliases. */

const ORDINALS = ["first", "second", "third", "fourth"] as const;
const FILM_LABELS = ["John Wick (2014)", "John Wick: Chapter 2 (2017)", "John Wick: Chapter 3 - Parabellum (2019)", "John Wick: Chapter 4 (2023)"] as const;

function filmAliases(film: number): string[] {
  const ordinal = ORDINALS[film - 1] as string;
  const suffix = ["st", "nd", "rd", "th"][film - 1] as string;
  const aliases = [
    `John Wick ${film}`,
    `John Wick: Chapter ${film}`,
    `Chapter ${film}`,
    `JW${film}`,
    `JW ${film}`,
    `the ${ordinal} film`,
    `the ${ordinal} movie`,
    `${ordinal} film`,
    `${ordinal} movie`,
    `the ${film}${suffix} film`,
    `the ${film}${suffix} movie`,
    `the ${ordinal} John Wick`,
  ];
  if (film === 1) aliases.push("the original John Wick", "the original film", "the original movie");
  if (film === 3) aliases.push("Parabellum", "John Wick: Chapter 3 - Parabellum");
  if (film === 4) aliases.push("the latest film", "the latest movie", "the newest film", "the newest movie", "the most recent film", "the most recent movie");
  return aliases;
}

/**
 * The attribute schema of the John Wick review dataset (what `loadJohnWickReviews` produces):
 * `movie` (enum 1-4 with the films' names), `Rating` (integer 1-10), `review_day` / `review_year`
 * (review date), `Author` (vocabulary read from the documents with `buildVocabulary`) and
 * `Review_Title`.
 */
export function johnWickAttributes(): AttributeSchema {
  return defineAttributeSchema({
    documentContents: "An IMDB user review of one of the John Wick movies",
    attributes: [
      {
        name: "movie",
        type: "enum",
        description: "Which John Wick film the review is about: 1 (John Wick, 2014), 2 (Chapter 2, 2017), 3 (Chapter 3 - Parabellum, 2019), 4 (Chapter 4, 2023)",
        aliases: ["movie", "movies", "film", "films", "John Wick", "John Wick Chapter", "chapter", "chapters", "part", "parts", "installment", "installments", "instalment", "instalments", "entry", "entries", "JW"],
        values: [1, 2, 3, 4].map((film) => ({ value: film, label: FILM_LABELS[film - 1] as string, aliases: filmAliases(film) })),
      },
      {
        name: "Rating",
        type: "integer",
        description: "The reviewer's 1 to 10 rating of the movie (a missing rating counts as 5)",
        aliases: ["rating", "ratings", "rated", "rate", "rates", "rating of", "score", "scores", "scored", "stars", "grade", "graded", "marks", "points", "gave", "give", "gives", "given", "giving", "awarded"],
        units: ["/10", "out of 10", "out of ten", "stars", "star", "points", "point"],
        minimum: 1,
        maximum: 10,
      },
      {
        name: "review_day",
        type: "date",
        description: "The date the review was written",
        aliases: ["date", "dated", "written", "posted", "published", "reviewed", "year"],
        yearField: "review_year",
        displayField: "Review_Date",
      },
      {
        name: "Author",
        type: "string",
        description: "The IMDB user name of the review's author",
        aliases: ["author", "reviewer", "user", "critic", "by", "written by", "posted by"],
        vocabularyFromDocuments: true,
      },
      {
        name: "Review_Title",
        type: "string",
        description: "The title the reviewer gave the review",
        aliases: ["title", "headline"],
      },
    ],
  });
}
