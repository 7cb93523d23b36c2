import { readFile } from "node:fs/promises";
import { z } from "zod/v4";
import { DataError } from "../core/errors/data-error.js";
import { ErrorCodes } from "../core/errors/error-codes.js";
import { RetrieverError } from "../core/errors/retriever-error.js";
import type { FilterExpression } from "../core/filter/filter-schema.js";
import { parseFilter } from "../core/filter/parse-filter.js";

/**
 * The labeled query file of the benchmark (JSON Lines, one query per line), e.g.
 * `data/sample/queries.jsonl`:
 *
 * ```json
 * {"id": "s01", "query": "...", "kind": "semantic", "filter": null, "relevant": {"jw1-0": 2, "jw1-2": 1}, "note": "..."}
 * {"id": "p20", "query": "...", "kind": "filtered", "filter": {"category": ["laptop"], "price": {"lt": 800}}, "relevant": {...}, "note": "..."}
 * ```
 *
 * - `kind`: `semantic` (no metadata constraint), `filtered` (a constraint plus a topic) or
 *   `filter-only` (only a constraint; `relevant` is every matching document);
 * - `filter`: the gold metadata constraint (`null` exactly for semantic queries) in the library's
 *   filter shorthand over the dataset's field names (`{"field": value}` eq, `{"field": [a, b]}` in,
 *   `{"field": {"gt": 7}}`, `$and` / `$or` / `$not`); a dataset may map short keys to its fields
 *   (`Dataset.goldFilterFields`);
 * - `relevant`: document id -> grade (0 = judged not relevant, 1 = partly, 2 = clearly relevant).
 *
 * Blank lines are skipped. Errors are `DataError`s naming the file, the 1-based line and the field.
 */

/** The kinds of labeled queries. */
export const QUERY_KINDS = ["semantic", "filtered", "filter-only"] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

/** Highest grade a judgment may carry. */
export const MAX_GRADE = 2;

/** zod schema of a gold filter: a non-empty filter in the library's shorthand (or canonical form). */
export const goldFilterSchema = z
  .record(z.string(), z.unknown())
  .refine((filter) => Object.keys(filter).length > 0, { message: "needs at least one field (or use null for no filter)" })
  .superRefine((filter, context) => {
    try {
      parseFilter(filter);
    } catch (error) {
      context.addIssue({ code: "custom", message: error instanceof Error ? error.message.replace(/^advanced-retrievers: /, "") : String(error) });
    }
  });

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
    const result = labeledQuerySchema.safeParse(value);
    if (!result.success) {
      const issue = result.error.issues[0];
      const field = issue?.path.map(String).join(".") || "(the line)";
      throw new DataError({ file, line, message: `field "${field}": ${issue?.message ?? "invalid value"}`, cause: result.error });
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
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new RetrieverError({
      code: ErrorCodes.NOT_FOUND,
      message: `cannot read the query file ${path} (${(error as NodeJS.ErrnoException).code ?? "error"}); check the --queries path`,
      cause: error,
    });
  }
  return parseQueryFile(text, path);
}

/**
 * The gold filter in the library's filter language, its field names mapped through `fields` (a
 * dataset's `goldFilterFields`: short key -> metadata field); names not in `fields` are kept.
 */
export function goldFilterToFilter(gold: GoldFilter, fields: Readonly<Record<string, string>> = {}): FilterExpression {
  return renameFields(parseFilter(gold), fields);
}

/** A copy of `filter` with every comparison's field renamed through `fields`. */
export function renameFields(filter: FilterExpression, fields: Readonly<Record<string, string>>): FilterExpression {
  if ("field" in filter) return { ...filter, field: Object.hasOwn(fields, filter.field) ? (fields[filter.field] as string) : filter.field };
  if ("and" in filter) return { and: filter.and.map((part) => renameFields(part, fields)) };
  if ("or" in filter) return { or: filter.or.map((part) => renameFields(part, fields)) };
  return { not: renameFields(filter.not, fields) };
}
