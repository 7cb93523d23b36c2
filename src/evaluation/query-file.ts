import { z } from "zod/v4";
import { DataError } from "../core/errors/data-error.js";
import type { FilterExpression } from "../core/filter/filter-schema.js";
import { parseFilter } from "../core/filter/parse-filter.js";
import { assertJsonDepth } from "../core/io/json-depth.js";
import { readLocalFile } from "../core/io/read-local-file.js";
import { validateQuery } from "../core/validate-query.js";
import { parseJsonLine } from "../loaders/source-records.js";

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
      context.addIssue({
        code: "custom",
        message: error instanceof Error ? error.message.replace(/^advanced-retrievers: /, "") : String(error),
      });
    }
  });

export type GoldFilter = z.output<typeof goldFilterSchema>;

/** zod schema of one line of a query file. */
export const labeledQuerySchema = z
  .object({
    id: z.string().min(1, "must not be empty").regex(/^\S+$/, "must not contain spaces (it becomes the query id of TREC run files)"),
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
      context.addIssue({
        code: "custom",
        path: ["filter"],
        message: 'must be null for a "semantic" query (use kind "filtered" for a query with a constraint)',
      });
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
    const value = parseJsonLine(content, file, line);
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
      throw new DataError({
        file,
        line,
        message: `field "id": "${result.data.id}" is already used on line ${previous}; query ids must be unique`,
      });
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

/**
 * TREC-style labeled queries: a topics file and a qrels file, read as semantic queries (they carry no
 * gold filter). Topics are either tab-separated `id<TAB>query` lines (`.tsv`, as MS MARCO / BEIR
 * `queries.tsv`) or classic TREC `<top> <num> Number: 301 <title> ... </top>` blocks (the title is
 * the query). Qrels lines are `query-id iteration document-id grade` (whitespace-separated); grades
 * must be whole numbers from 0 to 2 (negative grades count as 0). Topics without any judgment are
 * left out (trec_eval skips them too). Errors are `DataError`s naming the file and line.
 */
export function parseTrecQueries(topicsText: string, topicsFile: string, qrelsText: string, qrelsFile: string): LabeledQuery[] {
  const topics = /<top>/i.test(topicsText) ? parseTopicBlocks(topicsText, topicsFile) : parseTopicLines(topicsText, topicsFile);
  const judgments = new Map<string, Record<string, number>>();
  for (const [index, raw] of qrelsText.split("\n").entries()) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const fields = line.split(/\s+/);
    if (fields.length !== 4)
      throw new DataError({
        file: qrelsFile,
        line: index + 1,
        message: `a qrels line has 4 fields "query-id iteration document-id grade", got ${fields.length}; fix the line`,
      });
    const [queryId, , documentId, gradeText] = fields as [string, string, string, string];
    const grade = Number(gradeText);
    if (!Number.isInteger(grade) || grade > MAX_GRADE) {
      throw new DataError({
        file: qrelsFile,
        line: index + 1,
        message: `grade "${gradeText}" is not a whole number from 0 to ${MAX_GRADE}; rescale the judgments to 0 (not relevant), 1 (partly), 2 (relevant)`,
      });
    }
    judgments.set(queryId, { ...(judgments.get(queryId) ?? {}), [documentId]: Math.max(0, grade) });
  }
  if (judgments.size === 0) throw new DataError({ file: qrelsFile, message: 'holds no judgment; expected lines like "301 0 doc-17 2"' });
  const queries = topics
    .filter((topic) => judgments.has(topic.id))
    .map((topic): LabeledQuery => ({
      id: topic.id,
      query: topic.query,
      kind: "semantic",
      filter: null,
      relevant: judgments.get(topic.id) as Record<string, number>,
      note: `TREC topic ${topic.id}`,
    }));
  if (queries.length === 0)
    throw new DataError({
      file: qrelsFile,
      message: `judges none of the ${topics.length} topics of ${topicsFile}; check that the query ids match`,
    });
  return queries;
}

/** Reads a topics file and a qrels file (see `parseTrecQueries`). `NOT_FOUND` when one cannot be read. */
export async function readTrecQueries(topicsFile: string, qrelsFile: string): Promise<LabeledQuery[]> {
  const read = async (path: string, flag: string) =>
    (await readLocalFile(path, { kind: "queries", hint: `; check the ${flag} path` })).toString("utf8");
  return parseTrecQueries(await read(topicsFile, "--topics"), topicsFile, await read(qrelsFile, "--qrels"), qrelsFile);
}

/** Most topics read from one file. */
const MAX_TOPICS = 100_000;

function parseTopicLines(text: string, file: string): Array<{ id: string; query: string }> {
  const topics: Array<{ id: string; query: string }> = [];
  const seen = new Set<string>();
  for (const [index, raw] of text.split("\n").entries()) {
    const line = raw.replace(/\r$/, "");
    if (line.trim() === "") continue;
    const tab = line.indexOf("\t");
    const id = tab === -1 ? "" : line.slice(0, tab).trim();
    const query = tab === -1 ? "" : line.slice(tab + 1).trim();
    if (id === "" || /\s/.test(id) || query === "")
      throw new DataError({
        file,
        line: index + 1,
        message: 'a topic line is "id<TAB>query" with a non-empty id without spaces and a non-empty query; fix the line',
      });
    if (seen.has(id)) throw new DataError({ file, line: index + 1, message: `topic id "${id}" is used twice; topic ids must be unique` });
    seen.add(id);
    topics.push({ id, query });
    if (topics.length > MAX_TOPICS)
      throw new DataError({ file, line: index + 1, message: `more than ${MAX_TOPICS} topics; split the file` });
  }
  return topics;
}

function parseTopicBlocks(text: string, file: string): Array<{ id: string; query: string }> {
  const topics: Array<{ id: string; query: string }> = [];
  const seen = new Set<string>();
  for (const match of text.matchAll(/<top>([\s\S]*?)<\/top>/gi)) {
    const block = match[1] ?? "";
    const line = text.slice(0, match.index).split("\n").length;
    const id = /<num>\s*(?:Number:)?\s*(\S+)/i.exec(block)?.[1];
    const query = /<title>\s*(?:Topic:)?\s*([\s\S]*?)(?=<\w+>|$)/i.exec(block)?.[1]?.replace(/\s+/g, " ").trim();
    if (id === undefined || query === undefined || query === "")
      throw new DataError({ file, line, message: "a <top> block needs <num> and a non-empty <title>; fix the topic" });
    if (seen.has(id)) throw new DataError({ file, line, message: `topic id "${id}" is used twice; topic ids must be unique` });
    seen.add(id);
    topics.push({ id, query });
    if (topics.length > MAX_TOPICS) throw new DataError({ file, line, message: `more than ${MAX_TOPICS} topics; split the file` });
  }
  if (topics.length === 0) throw new DataError({ file, message: "holds no <top> block; expected TREC topics or id<TAB>query lines" });
  return topics;
}
