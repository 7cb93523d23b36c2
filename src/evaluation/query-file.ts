import { z } from "zod/v4";
import { DataError } from "../core/errors/data-error.js";
import type { FilterExpression } from "../core/filter/filter-schema.js";
import { parseFilter } from "../core/filter/parse-filter.js";
import { assertJsonDepth } from "../core/io/json-depth.js";
import { readLocalFile } from "../core/io/read-local-file.js";
import { validateQuery } from "../core/validate-query.js";

/**
 * The labeled query file of the benchmark (JSON Lines, one query per line), e.g.
 * `data/sample/queries.jsonl`:
 *
 * ```json
 * {"id": "s01", "query": "...", "kind": "semantic", "filter": null, "relevant": {"jw1-0": 2, "jw1-2": 1}, "note": "..."}
 * {"id": "s20", "query": "...", "kind": "filtered", "filter": {"movie": [3], "rating": {"gt": 7}}, "relevant": {...}, "note": "..."}
 * ```
 *
 * - `kind`: `semantic` (no metadata constraint), `filtered` (a constraint plus a topic) or
 *   `filter-only` (only a constraint; `relevant` is every matching document);
 * - `filter`: the gold metadata constraint (`null` exactly for semantic queries), with keys `movie`
 *   (list of film numbers), `rating`, `year` (each `{op: number}` with ops eq, gt, gte, lt, lte) and
 *   `author` (exact name);
 * - `relevant`: document id -> grade (0 = judged not relevant, 1 = partly, 2 = clearly relevant).
 *
 * Blank lines are skipped. Errors are `DataError`s naming the file, the 1-based line and the field.
 */

/** The kinds of labeled queries. */
export const QUERY_KINDS = ["semantic", "filtered", "filter-only"] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

/** Operators of a gold filter's numeric conditions. */
export const GOLD_FILTER_OPERATORS = ["eq", "gt", "gte", "lt", "lte"] as const;

/** Highest grade a judgment may carry. */
export const MAX_GRADE = 2;

const numericCondition = z
  .object({ eq: z.number().optional(), gt: z.number().optional(), gte: z.number().optional(), lt: z.number().optional(), lte: z.number().optional() })
  .strict()
  .refine((condition) => Object.values(condition).some((value) => value !== undefined), { message: `needs at least one of ${GOLD_FILTER_OPERATORS.join(", ")}` });

/** zod schema of a gold filter. */
export const goldFilterSchema = z
  .object({
    /** Film numbers; a review of any of them matches. */
    movie: z.array(z.number().int().positive()).min(1, "needs at least one film number").optional(),
    /** Conditions on the 1-10 rating (a missing rating counts as 5). */
    rating: numericCondition.optional(),
    /** Conditions on the year the review was written. */
    year: numericCondition.optional(),
    /** Exact author name. */
    author: z.string().min(1, "must not be empty").optional(),
  })
  .strict()
  .refine((filter) => Object.values(filter).some((value) => value !== undefined), { message: "needs at least one of movie, rating, year, author (or use null for no filter)" });

export type GoldFilter = z.output<typeof goldFilterSchema>;

/** zod schema of one line of a query file. */
export const labeledQuerySchema = z
  .object({
    id: z
      .string()
      .min(1, "must not be empty")
      .regex(/^\S+$/, "must not contain spaces (it becomes the query id of TREC run files)"),
    query: z.string().refine((text) => text.trim() !== "", "must not be empty"),
    kind: z.enum(QUERY_KINDS),
    filter: goldFilterSchema.nullable(),
    relevant: z.record(
      z.string().min(1, "document ids must not be empty").regex(/^\S+$/, "document ids must not contain spaces"),
      z.number().int("grades are whole numbers").min(0).max(MAX_GRADE),
    ),
    note: z.string().optional(),
  })
  .strict()
  .superRefine((query, context) => {
    if (query.kind === "semantic" && query.filter !== null) {
      context.addIssue({ code: "custom", path: ["filter"], message: 'must be null for a "semantic" query (use kind "filtered" for a query with a constraint)' });
    }
    if (query.kind !== "semantic" && query.filter === null) {
      context.addIssue({ code: "custom", path: ["filter"], message: `a "${query.kind}" query needs its gold filter` });
    }
  });

/** One labeled query. */
export type LabeledQuery = z.output<typeof labeledQuerySchema>;

/** Metadata fields of the John Wick documents that the gold filter keys stand for. */
export const GOLD_FILTER_FIELDS = { movie: "movie", rating: "Rating", year: "review_year", author: "Author" } as const;

/** Parses the text of a query file. `file` names it in errors. */
export function parseQueryFile(text: string, file: string): LabeledQuery[] {
  const queries: LabeledQuery[] = [];
  const lines = new Map<string, number>();
  for (const [index, rawLine] of text.split("\n").entries()) {
    const line = index + 1;
    const content = rawLine.replace(/\r$/, "");
    if (content.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch (error) {
      throw new DataError({ file, line, message: `not valid JSON (${(error as Error).message}); each line must be one JSON object`, cause: error });
    }
    try {
      assertJsonDepth(value, { what: "the line" });
    } catch (error) {
      throw new DataError({ file, line, message: (error as Error).message, cause: error });
    }
    const result = labeledQuerySchema.safeParse(value);
    if (!result.success) {
      const issue = result.error.issues[0];
      const field = issue?.path.map(String).join(".") || "(the line)";
      throw new DataError({ file, line, message: `field "${field}": ${issue?.message ?? "invalid value"}`, cause: result.error });
    }
    try {
      validateQuery(result.data.query);
    } catch (error) {
      throw new DataError({ file, line, message: `field "query" of query "${result.data.id}": ${(error as Error).message}`, cause: error });
    }
    const previous = lines.get(result.data.id);
    if (previous !== undefined) {
      throw new DataError({ file, line, message: `field "id": "${result.data.id}" is already used on line ${previous}; query ids must be unique` });
    }
    lines.set(result.data.id, line);
    queries.push(result.data);
  }
  if (queries.length === 0) throw new DataError({ file, message: "holds no query; expected one JSON object per line" });
  return queries;
}

/** Reads and validates a query file (see `parseQueryFile`). `NOT_FOUND` when it cannot be read. */
export async function readQueryFile(path: string): Promise<LabeledQuery[]> {
  const text = (await readLocalFile(path, { kind: "queries", hint: "; check the --queries path" })).toString("utf8");
  return parseQueryFile(text, path);
}

/**
 * The gold filter in the library's filter language, over the John Wick metadata fields:
 * movie -> `movie in [...]`, rating -> `Rating`, year -> `review_year`, author -> `Author eq`.
 */
export function goldFilterToFilter(gold: GoldFilter): FilterExpression {
  const shorthand: Record<string, unknown> = {};
  if (gold.movie !== undefined) shorthand[GOLD_FILTER_FIELDS.movie] = gold.movie;
  if (gold.rating !== undefined) shorthand[GOLD_FILTER_FIELDS.rating] = definedEntries(gold.rating);
  if (gold.year !== undefined) shorthand[GOLD_FILTER_FIELDS.year] = definedEntries(gold.year);
  if (gold.author !== undefined) shorthand[GOLD_FILTER_FIELDS.author] = gold.author;
  return parseFilter(shorthand);
}

function definedEntries(condition: Record<string, number | undefined>): Record<string, number> {
  return Object.fromEntries(Object.entries(condition).filter((entry): entry is [string, number] => entry[1] !== undefined));
}
