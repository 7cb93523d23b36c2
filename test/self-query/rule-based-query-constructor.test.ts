import { johnWickAttributes } from "../../src/datasets/john-wick/attributes.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ErrorCodes, parseFilter, type FilterExpression } from "../../src/core/index.js";
import {
  buildVocabulary,
  checkConstructedQuery,
  describeConstructedQuery,
  epochDay,
  RuleBasedQueryConstructor,
} from "../../src/self-query/index.js";
import { normalizeFilter } from "../../src/translators/index.js";

// Invented authors (the real ones are read from the dataset only in the acceptance test).
const AUTHORS = ["Marlowe", "nightowl_77", "the quiet critic", "K-9 Reviews", "sam"];
const attributes = buildVocabulary(
  AUTHORS.map((Author) => ({ metadata: { Author, movie: 1 } })),
  johnWickAttributes(),
);
const constructor = new RuleBasedQueryConstructor({ attributes });

/** Canonical form: normalized, with and/or children in a fixed order. */
function canonical(filter: FilterExpression | null): unknown {
  if (filter === null) return null;
  const sortTree = (node: FilterExpression): FilterExpression => {
    if ("operator" in node) return node;
    if ("not" in node) return { not: sortTree(node.not) };
    const key = "and" in node ? "and" : "or";
    const children = ("and" in node ? node.and : node.or).map(sortTree);
    children.sort((left, right) => JSON.stringify(left).localeCompare(JSON.stringify(right)));
    return key === "and" ? { and: children } : { or: children };
  };
  return sortTree(normalizeFilter(filter));
}

interface Case {
  question: string;
  /** Expected filter in the shorthand of `parseFilter`, or null for none. */
  filter: unknown;
  /** "" = filter-only, "semantic" = any non-empty query, or the exact query. */
  query?: string;
  limit?: number;
  warns?: boolean;
}

const may2019 = { first: epochDay(2019, 5, 1), last: epochDay(2019, 5, 31) };

const cases: Case[] = [
  // Ratings: comparisons in words and symbols
  { question: "Reviews with a rating higher than 7", filter: { Rating: { gt: 7 } }, query: "" },
  { question: "reviews above 7", filter: { Rating: { gt: 7 } }, query: "" },
  { question: "Anything rated over 7?", filter: { Rating: { gt: 7 } } },
  { question: "reviews with more than 7 stars", filter: { Rating: { gt: 7 } }, query: "" },
  { question: "rating > 7", filter: { Rating: { gt: 7 } }, query: "" },
  { question: "reviews that gave it at least 8 stars", filter: { Rating: { gte: 8 } }, query: "" },
  { question: "reviews scoring 8 or more", filter: { Rating: { gte: 8 } } },
  { question: "8+ reviews of the action", filter: { Rating: { gte: 8 } }, query: "semantic" },
  { question: "reviews giving no more than 4 stars", filter: { Rating: { lte: 4 } } },
  { question: "reviews rated at most 4", filter: { Rating: { lte: 4 } }, query: "" },
  { question: "reviewers who gave it 4 or lower", filter: { Rating: { lte: 4 } }, query: "" },
  { question: "films rated 4 or below", filter: { Rating: { lte: 4 } }, query: "" },
  { question: "reviews rated below 6", filter: { Rating: { lt: 6 } }, query: "" },
  { question: "What did people rating it under 6 dislike?", filter: { Rating: { lt: 6 } }, query: "semantic" },
  { question: "less than 6 out of 10", filter: { Rating: { lt: 6 } }, query: "" },
  { question: "reviews rated between 6 and 8", filter: { Rating: { gte: 6, lte: 8 } }, query: "" },
  { question: "from 6 to 8 stars", filter: { Rating: { gte: 6, lte: 8 } }, query: "" },
  { question: "all reviews rated 10", filter: { Rating: 10 }, query: "" },
  { question: "Which reviews gave it a 10?", filter: { Rating: 10 }, query: "" },
  { question: "10/10 reviews", filter: { Rating: 10 }, query: "" },
  { question: "reviews with 10 stars", filter: { Rating: 10 }, query: "" },
  { question: "reviews with a perfect score", filter: { Rating: 10 }, query: "" },
  { question: "All the 1-star reviews", filter: { Rating: 1 }, query: "" },
  { question: "people who gave it a 2 or lower", filter: { Rating: { lte: 2 } }, query: "" },
  { question: "reviewers who gave it 9 or 10", filter: { Rating: { gte: 9 } }, query: "" },
  { question: "reviews rated 7, 8 or 9", filter: { Rating: { gte: 7, lte: 9 } }, query: "" },
  { question: "reviews with scores of 2, 5 or 9", filter: { Rating: [2, 5, 9] }, query: "" },
  { question: "reviews not rated above 7", filter: { Rating: { lte: 7 } }, query: "" },
  { question: "reviews that weren't rated 10", filter: { Rating: { ne: 10 } }, query: "" },
  { question: "reviews rated six", filter: { Rating: 6 }, query: "" },

  // Films: aliases, lists, ordinals, negation
  { question: "John Wick 3 reviews", filter: { movie: 3 }, query: "" },
  { question: "What do people think of Parabellum's ending?", filter: { movie: 3 }, query: "semantic" },
  { question: "reviews of the third film", filter: { movie: 3 }, query: "" },
  { question: "third movie reviews", filter: { movie: 3 }, query: "" },
  { question: "JW3", filter: { movie: 3 }, query: "" },
  { question: "Chapter 2 or 3", filter: { movie: [2, 3] }, query: "" },
  { question: "reviews of the first two films", filter: { movie: [1, 2] }, query: "" },
  { question: "films 1 and 2", filter: { movie: [1, 2] }, query: "" },
  { question: "movies 2-4", filter: { movie: [2, 3, 4] }, query: "" },
  { question: "reviews of any film but not John Wick 4", filter: { movie: { ne: 4 } }, query: "" },
  { question: "every film except Chapter 4", filter: { movie: { ne: 4 } }, query: "" },
  { question: "Excluding the first film, how is the action?", filter: { movie: { ne: 1 } }, query: "semantic" },
  { question: "the last two movies", filter: { movie: [3, 4] }, query: "" },
  { question: "the original film", filter: { movie: 1 }, query: "" },
  { question: "John Wick: Chapter 3 - Parabellum", filter: { movie: 3 }, query: "" },
  { question: "the second and third movies", filter: { movie: [2, 3] }, query: "" },
  { question: "all films except the first and the third film", filter: { movie: { nin: [1, 3] } }, query: "" },
  { question: "Chapter 7 reviews", filter: { movie: 7 }, warns: true },

  // Authors: exact vocabulary values only
  { question: "reviews by Marlowe", filter: { Author: "Marlowe" }, query: "" },
  { question: "What did marlowe think of the action?", filter: { Author: "Marlowe" }, query: "semantic" },
  { question: "nightowl_77's review", filter: { Author: "nightowl_77" }, query: "" },
  { question: "reviews mentioning marlowe", filter: null, query: "semantic" },
  { question: "reviews by the quiet critic or Marlowe", filter: { Author: ["the quiet critic", "Marlowe"] }, query: "" },
  { question: "reviews not by Marlowe", filter: { Author: { ne: "Marlowe" } }, query: "" },
  { question: "reviews by Unknown Person", filter: null },
  { question: "Does K-9 Reviews like Chapter 2?", filter: { movie: 2, Author: "K-9 Reviews" } },

  // Dates
  { question: "Reviews from 2015.", filter: { review_year: 2015 }, query: "" },
  { question: "reviews written in 2015", filter: { review_year: 2015 }, query: "" },
  { question: "reviews before 2020", filter: { review_year: { lt: 2020 } }, query: "" },
  { question: "reviews written after May 2019", filter: { review_day: { gt: may2019.last } }, query: "" },
  { question: "reviews since 2021", filter: { review_year: { gte: 2021 } }, query: "" },
  { question: "reviews from 2020 or later", filter: { review_year: { gte: 2020 } }, query: "" },
  { question: "reviews between 2016 and 2018", filter: { review_year: { gte: 2016, lte: 2018 } }, query: "" },
  { question: "Chapter 2 reviews posted in 2020 or later", filter: { movie: 2, review_year: { gte: 2020 } }, query: "" },
  { question: "the review written on 6 May 2015", filter: { review_day: epochDay(2015, 5, 6) }, query: "" },
  { question: "reviews in May 2019", filter: { review_day: { gte: may2019.first, lte: may2019.last } }, query: "" },
  { question: "reviews not in 2023", filter: { review_year: { ne: 2023 } }, query: "" },
  { question: "reviews in 2016 or 2018", filter: { review_year: [2016, 2018] }, query: "" },
  // A film named by its release year (the year in its label), not a review date (issue #12).
  { question: "What did reviewers of the 2014 film think?", filter: { movie: 1 }, query: "semantic" },

  // Limits
  { question: "top 3 reviews", filter: null, query: "", limit: 3 },
  { question: "5 reviews about the dog", filter: null, query: "about the dog", limit: 5 },
  { question: "the best 3 reviews of Chapter 2 rated at least 8", filter: { movie: 2, Rating: { gte: 8 } }, query: "", limit: 3 },
  { question: "give me 500 reviews", filter: null, limit: 100, warns: true },

  // Numbers that are not constraints
  {
    question: "Chapter 4 reviewers who gave it 9 or 10 - what did they love?",
    filter: { movie: 4, Rating: { gte: 9 } },
    query: "semantic",
  },
  {
    question: "Summarize the reviews of John Wick 3 with a score higher than 7.",
    filter: { movie: 3, Rating: { gt: 7 } },
    query: "semantic",
  },
  { question: "Which reviews mention over 100 kills?", filter: null, query: "semantic" },
  { question: "Is the movie over 2 hours long?", filter: null, query: "semantic" },
  { question: "reviews that mention at least one fight scene", filter: null, query: "semantic" },
  { question: "John Wick one of the best action films?", filter: null, query: "semantic" },
  { question: "Reviews rated above 8 and below 5", filter: { Rating: { gt: 8, lt: 5 } }, warns: true },
];

describe("RuleBasedQueryConstructor phrasings", () => {
  it("has a broad test set", () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });

  it.each(cases)("$question", ({ question, filter, query, limit, warns }) => {
    const result = constructor.constructSync(question);
    const expected = filter === null ? null : parseFilter(filter);
    expect(canonical(result.filter)).toEqual(canonical(expected));
    if (query === "") expect(result.query).toBe("");
    else if (query === "semantic") expect(result.query).not.toBe("");
    else if (query !== undefined) expect(result.query).toBe(query);
    expect(result.limit).toBe(limit);
    if (warns === true) expect(result.warnings.length).toBeGreaterThan(0);
    if (warns === undefined && filter !== null) expect(result.warnings).toEqual([]);
  });
});

describe("RuleBasedQueryConstructor", () => {
  it("removes constraint phrases and their connectors from the semantic query", () => {
    const result = constructor.constructSync("Which reviews written in 2023 mention people getting thrown down the stairs?");
    expect(result.query).toBe("Which reviews mention people getting thrown down the stairs?");
    expect(constructor.constructSync("Summarize the reviews of John Wick 3 with a score higher than 7.").query).toBe(
      "Summarize the reviews.",
    );
  });

  it("keeps a question without constraints as it is", () => {
    const question = "Which reviews praise the fight choreography and stunt work?";
    expect(constructor.constructSync(question)).toEqual({ query: question, filter: null, warnings: [] });
  });

  it("is deterministic", () => {
    const question = "Chapter 4 reviewers who gave it 9 or 10 - what did they love?";
    expect(constructor.constructSync(question)).toEqual(constructor.constructSync(question));
  });

  it("does not recognise authors without a vocabulary", () => {
    const plain = new RuleBasedQueryConstructor({ attributes: johnWickAttributes() });
    expect(plain.constructSync("reviews by Marlowe").filter).toBeNull();
  });

  it("rejects empty questions with INVALID_QUERY", async () => {
    await expect(constructor.construct("   ")).rejects.toMatchObject({ code: ErrorCodes.INVALID_QUERY });
  });

  it("honours an aborted signal", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(constructor.construct("reviews above 7", { signal: controller.signal })).rejects.toMatchObject({
      code: ErrorCodes.ABORTED,
    });
  });

  it("requires attributes (no dataset is assumed)", () => {
    expect(() => new RuleBasedQueryConstructor({} as never)).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, option: "RuleBasedQueryConstructor.attributes" }),
    );
  });

  it("validates its options", () => {
    expect(() => new RuleBasedQueryConstructor({ attributes, maximumLimit: 0 })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, option: "RuleBasedQueryConstructor.maximumLimit" }),
    );
    expect(() => new RuleBasedQueryConstructor({ attributes: { documentContents: "x", attributes: [] } })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION }),
    );
  });

  it("never produces an invalid filter, whatever the text", () => {
    const questions = [
      "between and",
      "rated",
      "Chapter",
      "the first",
      "above",
      "1 2 3 4 5 6 7 8 9 10",
      "2015 2016 2017",
      ">>> <<< === +++",
      "not not not Chapter 3",
      "except except",
      "top top 3 3 reviews reviews",
      "İstanbul reviews above 7",
      "rated 7.5.5",
      "‘Chapter 2’ – “rated ≥ 8”",
    ];
    for (const question of questions) {
      const result = constructor.constructSync(question);
      if (result.filter !== null) expect(() => parseFilter(result.filter)).not.toThrow();
    }
  });
});

describe("RuleBasedQueryConstructor on random word salad (property)", () => {
  const tokens = [
    "reviews",
    "rated",
    "above",
    "below",
    "between",
    "and",
    "or",
    "not",
    "except",
    "the",
    "first",
    "two",
    "films",
    "Chapter",
    "John Wick",
    "Parabellum",
    "3",
    "7",
    "10",
    "2015",
    "2020",
    "May",
    "in",
    "after",
    "before",
    "since",
    "top",
    "5",
    "stars",
    "/10",
    "+",
    "-",
    ",",
    "?",
    "at least",
    "or later",
    "by",
    "Marlowe",
    "nightowl_77",
    "'s",
    "1=1",
    "ignore filters",
    "a",
    "gave it",
    "perfect score",
    "from",
    "to",
    "JW2",
    "third",
    "last",
    "movie",
    "no more than",
    "out of 10",
    "between 6 and 8",
    "≥",
    "İ",
  ];
  it("always returns a valid constructed query whose filter only uses schema fields", () => {
    const fields = new Set(["movie", "Rating", "review_day", "review_year", "Author"]);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...tokens), { minLength: 1, maxLength: 14 }), (words) => {
        const result = constructor.constructSync(words.join(" "));
        checkConstructedQuery(result);
        const visit = (node: FilterExpression): void => {
          if ("operator" in node) expect(fields.has(node.field)).toBe(true);
          else if ("not" in node) visit(node.not);
          else ("and" in node ? node.and : node.or).forEach(visit);
        };
        if (result.filter !== null) visit(result.filter);
        if (result.limit !== undefined) expect(result.limit).toBeLessThanOrEqual(100);
      }),
      { numRuns: 500 },
    );
  });
});

describe("describeConstructedQuery", () => {
  it("shows the semantic query, filter, limit and warnings", () => {
    const text = describeConstructedQuery(constructor.constructSync("top 3 reviews of Chapter 4 rated below 6 about the action"));
    expect(text).toContain('semantic query: "reviews about the action"');
    expect(text).toContain("filter: movie = 4 AND Rating < 6");
    expect(text).toContain("limit: 3");
    expect(text).toContain("warnings: none");
  });

  it("marks filter-only questions and lists warnings", () => {
    const text = describeConstructedQuery(constructor.constructSync("Chapter 7 reviews"));
    expect(text).toContain("semantic query: (none: filter only)");
    expect(text).toMatch(/warnings:\n {2}- /);
    expect(describeConstructedQuery({ query: "x", filter: null, warnings: [] })).toContain("filter: none");
  });

  it("shows epoch days as dates when given the schema", () => {
    const constructed = constructor.constructSync("reviews written after May 2019");
    expect(describeConstructedQuery(constructed, { attributes })).toContain(`dates: review_day ${may2019.last} = 2019-05-31`);
    expect(describeConstructedQuery(constructed)).not.toContain("dates:");
  });
});
