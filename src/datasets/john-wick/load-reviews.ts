import { readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { Document } from "@langchain/core/documents";
import { z } from "zod/v4";
import { DataError } from "../../core/errors/data-error.js";
import { ErrorCodes } from "../../core/errors/error-codes.js";
import { RetrieverError } from "../../core/errors/retriever-error.js";
import { parseOptions } from "../../core/parse-options.js";
import { cellError, parseCalendarDate, parseStrictInteger } from "../../loaders/coerce.js";
import { cellValue, parseCsvTable, readDataFile, requireColumns } from "../../loaders/csv-table.js";

/**
 * The John Wick IMDB review dataset (the reference article's data): one CSV per film, named
 * `john_wick_<n>.csv`, with the columns below. Each row becomes one `Document`:
 *
 * - `id`: `jw<n>-<row>`, row = the unnamed first (index) column;
 * - `pageContent`: the review text as written (with `includeTitle`, the trimmed title, a blank line,
 *   then the review). A review whose text is empty or nearly empty is KEPT as a document: the real
 *   data has such reviews (they still carry a title, author and rating that filters can match), and
 *   dropping rows would silently change ids and counts;
 * - `metadata`: exactly the fields of `JOHN_WICK_METADATA_FIELDS`.
 *
 * A missing or empty Rating becomes 5 (as the reference does) with `rating_missing: true`; a rating
 * that is not a whole number from 1 to 10 is a `DataError`.
 */

/** The columns of a John Wick review file, in file order. The index column's header is empty. */
export const JOHN_WICK_COLUMNS = ["", "Review_Date", "Author", "Rating", "Review_Title", "Review", "Review_Url"] as const;

/** What a missing rating counts as (the reference replaces missing ratings with 5). */
export const DEFAULT_RATING_WHEN_MISSING = 5;
/** Lowest valid rating. */
export const MIN_RATING = 1;
/** Highest valid rating. */
export const MAX_RATING = 10;

/** File names of a John Wick review folder: `john_wick_1.csv`, `john_wick_2.csv`, ... */
export const JOHN_WICK_FILE_PATTERN = /^john_wick_([1-9]\d*)\.csv$/;
/** The film numbers of the full dataset. */
export const JOHN_WICK_FILMS = [1, 2, 3, 4] as const;
/** Highest film number a review file may carry (`john_wick_<n>.csv`); larger numbers are a mistake. */
export const MAX_FILM_NUMBER = 999;

/** The file name of film `movie`'s reviews. */
export function johnWickFileName(movie: number): string {
  return `john_wick_${movie}.csv`;
}

/** Metadata of one John Wick review document. */
export interface JohnWickMetadata {
  /** "John Wick <n>" */
  Movie_Title: string;
  /** Film number, 1-4. */
  movie: number;
  /** Review date as written, e.g. "6 May 2015". */
  Review_Date: string;
  /** Year of the review date. */
  review_year: number;
  /** Review date as whole days since 1970-01-01 UTC. */
  review_day: number;
  /** Review title, trimmed (inner whitespace kept). */
  Review_Title: string;
  Review_Url: string;
  Author: string;
  /** 1-10; a missing rating is stored as 5 with `rating_missing: true`. */
  Rating: number;
  /** True when the file had no rating for this review. */
  rating_missing: boolean;
}

/** Description of one metadata field, in the shape self-query prompts (LangChain `AttributeInfo`) use. */
export interface MetadataFieldInfo {
  name: string;
  type: "string" | "integer" | "number" | "boolean";
  description: string;
}

/** Every metadata field of a John Wick review document, for self-query prompts and filter validation. */
export const JOHN_WICK_METADATA_FIELDS: readonly MetadataFieldInfo[] = Object.freeze([
  {
    name: "Movie_Title",
    type: "string",
    description: 'The title of the movie: "John Wick 1", "John Wick 2", "John Wick 3" or "John Wick 4"',
  },
  {
    name: "movie",
    type: "integer",
    description: "The film number: 1 (John Wick, 2014), 2 (Chapter 2, 2017), 3 (Chapter 3 - Parabellum, 2019) or 4 (Chapter 4, 2023)",
  },
  {
    name: "Review_Date",
    type: "string",
    description: 'The date of the review as written, e.g. "6 May 2015" (use review_year or review_day to compare dates)',
  },
  { name: "review_year", type: "integer", description: "The year the review was written, e.g. 2015" },
  {
    name: "review_day",
    type: "integer",
    description: "The review date as the number of days since 1970-01-01 (UTC), for date comparisons",
  },
  { name: "Review_Title", type: "string", description: "The title of the review" },
  { name: "Review_Url", type: "string", description: "The URL of the review" },
  { name: "Author", type: "string", description: "The author (user name) of the review" },
  { name: "Rating", type: "integer", description: "A 1 to 10 rating for the movie (a missing rating counts as 5)" },
  { name: "rating_missing", type: "boolean", description: "True when the reviewer gave no rating (Rating is then 5)" },
] as const satisfies readonly MetadataFieldInfo[]);

/** Options of `loadJohnWickReviews`. */
export interface JohnWickLoadOptions {
  /** Prepend the trimmed review title and a blank line to the review text. @default false */
  includeTitle?: boolean;
  /** Rating stored when a review has none (the reference uses 5). @default 5 */
  ratingWhenMissing?: number;
}

const optionsSchema = z
  .object({
    includeTitle: z.boolean().optional(),
    ratingWhenMissing: z.number().int().min(MIN_RATING).max(MAX_RATING).optional(),
  })
  .strict();

/** One review file found in a folder. */
export interface JohnWickFile {
  movie: number;
  path: string;
}

/**
 * Lists the `john_wick_<n>.csv` files of a folder, sorted by film number. Throws `NOT_FOUND` when the
 * folder does not exist or holds none of them.
 */
export async function findJohnWickFiles(folder: string): Promise<JohnWickFile[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    throw new RetrieverError({
      code: ErrorCodes.NOT_FOUND,
      message: `data folder ${folder} does not exist or cannot be read; pass a folder holding ${expectedFileNames()}`,
      cause: error,
    });
  }
  const files = names
    .map((name) => ({ name, match: JOHN_WICK_FILE_PATTERN.exec(name) }))
    .filter((entry) => entry.match !== null)
    .map((entry) => ({ movie: Number(entry.match?.[1]), path: join(folder, entry.name) }))
    .sort((left, right) => left.movie - right.movie);
  const absurd = files.find((file) => !Number.isSafeInteger(file.movie) || file.movie > MAX_FILM_NUMBER);
  if (absurd !== undefined) {
    throw new DataError({
      file: absurd.path,
      message: `the film number in the file name is not a whole number from 1 to ${MAX_FILM_NUMBER}; rename the file (john_wick_<n>.csv)`,
    });
  }
  if (files.length === 0) {
    throw new RetrieverError({
      code: ErrorCodes.NOT_FOUND,
      message: `data folder ${folder} holds no John Wick review files (expected ${expectedFileNames()}); download them with \`retrievers data fetch\` or point to the right folder`,
    });
  }
  return files;
}

function expectedFileNames(): string {
  return JOHN_WICK_FILMS.map(johnWickFileName).join(", ");
}

/**
 * Loads every `john_wick_<n>.csv` of a folder (sorted by film number) into review documents. See the
 * module comment for ids, content and metadata; any malformed file is a `DataError` with its line.
 */
export async function loadJohnWickReviews(folder: string, options: JohnWickLoadOptions = {}): Promise<Document<JohnWickMetadata>[]> {
  parseOptions(optionsSchema, options, "loadJohnWickReviews");
  const files = await findJohnWickFiles(resolve(folder));
  const documents: Document<JohnWickMetadata>[] = [];
  const sourceOfId = new Map<string, string>();
  for (const { movie, path } of files) {
    // One push per document: a spread of a whole file (120k+ rows) overflows the call stack.
    for (const document of parseJohnWickCsv(await readDataFile(path, { kind: "dataset" }), { file: path, movie }, options)) {
      const other = sourceOfId.get(document.id!);
      if (other !== undefined)
        throw new DataError({
          file: path,
          message: `document id "${document.id}" is also produced by ${other}; every document of a load needs its own id`,
        });
      sourceOfId.set(document.id!, path);
      documents.push(document);
    }
  }
  return documents;
}

/** Parses one film's review CSV (already in memory). `file` names it in errors. */
export function parseJohnWickCsv(
  content: string | Uint8Array,
  source: { file: string; movie: number },
  options: JohnWickLoadOptions = {},
): Document<JohnWickMetadata>[] {
  const parsed = parseOptions(optionsSchema, options, "parseJohnWickCsv");
  const includeTitle = parsed.includeTitle ?? false;
  const ratingWhenMissing = parsed.ratingWhenMissing ?? DEFAULT_RATING_WHEN_MISSING;
  const { file, movie } = source;
  const table = parseCsvTable(content, { file });
  requireColumns(table, [
    { column: "", purpose: "the unnamed index column that numbers the reviews" },
    { column: "Review", purpose: "the review text" },
    { column: "Review_Date", purpose: "the review date" },
    { column: "Author", purpose: "the review author" },
    { column: "Rating", purpose: "the 1-10 rating" },
    { column: "Review_Title", purpose: "the review title" },
    { column: "Review_Url", purpose: "the review URL" },
  ]);
  if (table.rows.length === 0) {
    throw new DataError({
      file,
      line: table.headerLine,
      message: "the file has a header but no reviews; download the dataset again with `retrievers data fetch`",
    });
  }
  const lineOfRow = new Map<number, number>();
  return table.rows.map((row) => {
    const value = (column: string): string => cellValue(table, row, column);
    const location = (column: string) => ({ file, line: row.line, column });

    const index = value("");
    const rowNumber = parseStrictInteger(index);
    if (rowNumber === undefined || rowNumber < 0) throw cellError(location(""), index, "a row number (0, 1, 2, ...) in the index column");
    const seenOn = lineOfRow.get(rowNumber);
    if (seenOn !== undefined) {
      throw new DataError({
        file,
        line: row.line,
        message: `row number ${rowNumber} is already used on line ${seenOn}; every review needs its own index`,
      });
    }
    lineOfRow.set(rowNumber, row.line);

    const reviewDate = value("Review_Date");
    const date = parseCalendarDate(reviewDate);
    if (date === undefined) throw cellError(location("Review_Date"), reviewDate, 'a date like "6 May 2015"');

    const ratingText = value("Rating");
    const ratingMissing = ratingText.trim() === "";
    let rating = ratingWhenMissing;
    if (!ratingMissing) {
      const parsedRating = parseStrictInteger(ratingText);
      if (parsedRating === undefined || parsedRating < MIN_RATING || parsedRating > MAX_RATING) {
        throw cellError(
          location("Rating"),
          ratingText,
          `a whole number from ${MIN_RATING} to ${MAX_RATING} (or empty when there is no rating)`,
        );
      }
      rating = parsedRating;
    }

    const title = value("Review_Title").trim();
    const review = value("Review");
    const metadata: JohnWickMetadata = {
      Movie_Title: `John Wick ${movie}`,
      movie,
      Review_Date: reviewDate,
      review_year: date.year,
      review_day: date.epochDay,
      Review_Title: title,
      Review_Url: value("Review_Url"),
      Author: value("Author"),
      Rating: rating,
      rating_missing: ratingMissing,
    };
    return new Document<JohnWickMetadata>({
      pageContent: includeTitle && title !== "" ? `${title}\n\n${review}` : review,
      metadata,
      id: `jw${movie}-${rowNumber}`,
    });
  });
}
