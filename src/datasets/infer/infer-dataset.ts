import { existsSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { basename, dirname, extname, join, relative, resolve } from "node:path";
import { z } from "zod/v4";
import { DataError } from "../../core/errors/data-error.js";
import { ErrorCodes } from "../../core/errors/error-codes.js";
import { RetrieverError } from "../../core/errors/retriever-error.js";
import { parseOptions } from "../../core/parse-options.js";
import { DATE_FORMATS, parseDateInFormats, parseStrictInteger, parseStrictNumber, type DateFormat } from "../../loaders/coerce.js";
import {
  readCsvFolderRecords,
  readCsvRecords,
  readJsonlRecords,
  readTextFolderRecords,
  TEXT_FILE_EXTENSIONS,
  type RecordValue,
  type SourceRecord,
} from "../../loaders/source-records.js";
import { yearFieldName, type Dataset } from "../dataset.js";
import { datasetFromDefinition } from "../dataset-file/dataset-from-definition.js";
import { datasetDefinitionSchema, type DatasetDefinition, type DatasetMetadataFieldDefinition } from "../dataset-file/definition-schema.js";

/** A string column with at most this many distinct values (and short values) becomes an enum. */
export const MAX_INFERRED_ENUM_VALUES = 20;
/** Longest average length of an enum value, in characters. */
export const MAX_ENUM_VALUE_LENGTH = 40;
/** A string column with at most this many distinct short values gets a self-query vocabulary. */
export const MAX_INFERRED_VOCABULARY = 200;
/** Column names taken as the title (prepended to the text). */
const TITLE_NAMES = new Set(["title", "name", "headline", "subject", "heading"]);
/** Name of the labeled query file picked up next to the data. */
const QUERY_FILE_NAME = "queries.jsonl";

/** What `inferDataset` decided. */
export interface InferredDataset {
  /** The `dataset.json` content (paths relative to `baseFolder`). */
  definition: DatasetDefinition;
  /** One line per decision, for people: which column is the id, the content, each field's type and why. */
  decisions: string[];
  /** Folder the definition's relative paths are relative to (the data file's folder unless `outputFile` says otherwise). */
  baseFolder: string;
}

/** Options of `inferDataset`. */
export interface InferDatasetOptions {
  /** Where the dataset.json will be written: its paths are made relative to its folder. @default next to the data file */
  outputFile?: string;
  /** The dataset id. @default the file name, lower case */
  id?: string;
}

const inferOptionsSchema = z
  .object({
    file: z.string().min(1, "must not be empty"),
    outputFile: z.string().min(1, "must not be empty").optional(),
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be a short lower-case name such as "products"')
      .optional(),
  })
  .strict();

interface ColumnProfile {
  column: string;
  values: RecordValue[];
  distinct: Set<string>;
  averageLength: number;
  empty: number;
}

/**
 * Reads a CSV or JSONL file (or a folder of CSV files, or of Markdown / text files with front matter:
 * then the text is `body`, the title `title`, the id the file name) and infers its dataset definition: booleans (`true/false`, `yes/no`),
 * integers, numbers, dates (one of `DATE_FORMATS` for every value), low-cardinality short strings as
 * enums (at most 20 values), the longest text column as the content, a `title`/`name` column as the
 * title, an id-like column (`id`, `*_id`, unique and never empty) as the id, else content hashes.
 * Nothing is guessed silently: `decisions` says what was chosen and why.
 */
export async function inferDataset(file: string, options: InferDatasetOptions = {}): Promise<InferredDataset> {
  parseOptions(inferOptionsSchema, { file, ...options }, "inferDataset");
  const absolute = resolve(file);
  const { records, source } = await readForInference(absolute);
  if (records.length === 0) throw new DataError({ file: absolute, message: "holds no records; add rows before inferring a dataset" });
  const profiles = profileColumns(records);
  const decisions: string[] = [`${records.length} records, ${profiles.length} columns in ${absolute}`];

  const idProfile =
    source.type === "text-folder" ? profiles.find((profile) => profile.column === "file_name") : pickId(profiles, records.length);
  decisions.push(
    idProfile === undefined
      ? "id: none of the columns is a unique, never-empty id; documents get a hash of their content"
      : source.type === "text-folder"
        ? 'id: the file name without extension ("file_name")'
        : `id: column "${idProfile.column}" (unique and present in all ${records.length} records)`,
  );

  const typed = new Map<string, DatasetMetadataFieldDefinition>();
  for (const profile of profiles) if (profile !== idProfile) typed.set(profile.column, inferType(profile, records.length));

  const textColumns = profiles.filter((profile) => profile !== idProfile && typed.get(profile.column)?.type === "string");
  const content = [...textColumns].sort((left, right) => right.averageLength - left.averageLength)[0];
  if (content === undefined) {
    throw new DataError({
      file: absolute,
      message:
        "has no text column to use as the document content (every column is a number, date, boolean or short category); write a dataset.json naming the content fields",
    });
  }
  decisions.push(`content: column "${content.column}" (the longest text, ${Math.round(content.averageLength)} characters on average)`);
  const title = textColumns.find((profile) => profile !== content && TITLE_NAMES.has(profile.column.toLowerCase()));
  if (title !== undefined) decisions.push(`title: column "${title.column}" is prepended to the content`);

  const metadata: Record<string, DatasetMetadataFieldDefinition> = {};
  // The year fields dates add are taken first, so that no column's field clashes with one.
  const usedNames = new Set<string>(
    profiles
      .filter((profile) => typed.get(profile.column)?.type === "date")
      .map((profile) => yearFieldName(fieldName(profile.column, profiles.indexOf(profile)))),
  );
  for (const profile of profiles) {
    if (profile === idProfile || profile === content) continue;
    const inferred = typed.get(profile.column) as DatasetMetadataFieldDefinition;
    // The title is already in the text; as a filter it would turn product names in questions into constraints.
    const field: DatasetMetadataFieldDefinition = profile === title ? { type: "string", filterable: false } : inferred;
    const name = uniqueName(fieldName(profile.column, profiles.indexOf(profile)), usedNames);
    metadata[name] = { ...field, ...(name === profile.column ? {} : { column: profile.column }) };
    decisions.push(`${name}: ${describeField(field, profile)}`);
  }

  const folderSource = source.type !== "csv" && source.type !== "jsonl";
  const outputFile = options.outputFile === undefined ? undefined : resolve(options.outputFile);
  const baseFolder = outputFile === undefined ? (folderSource ? absolute : dirname(absolute)) : dirname(outputFile);
  const queries = folderSource ? join(absolute, QUERY_FILE_NAME) : resolve(dirname(absolute), QUERY_FILE_NAME);
  const hasQueries = basename(absolute) !== QUERY_FILE_NAME && existsSync(queries);
  if (hasQueries) decisions.push(`queries: ${queries} (labeled queries for \`retrievers bench\`)`);
  const id = options.id ?? slug(basename(absolute, extname(absolute)));
  const definition = datasetDefinitionSchema.parse({
    id,
    description: `Records of ${basename(absolute)}`,
    source: { type: source.type, path: relative(baseFolder, absolute) || (folderSource ? "." : basename(absolute)) },
    ...(idProfile === undefined ? {} : { idField: idProfile.column }),
    content: { fields: [content.column], ...(title === undefined ? {} : { title: title.column }) },
    metadata,
    ...(hasQueries ? { queries: relative(baseFolder, queries) } : {}),
  });
  return { definition, decisions, baseFolder };
}

/** The records of a CSV / JSONL file, or of a folder of CSV files (else of Markdown / text files), and the source kind. */
async function readForInference(
  absolute: string,
): Promise<{ records: SourceRecord[]; source: { type: "csv" | "jsonl" | "csv-folder" | "text-folder" } }> {
  let folder = false;
  try {
    folder = (await stat(absolute)).isDirectory();
  } catch {
    // A missing path is reported by the reader below, naming it.
  }
  if (folder) {
    const names = await readdir(absolute);
    if (names.some((name) => extname(name).toLowerCase() === ".csv"))
      return { records: await readCsvFolderRecords(absolute), source: { type: "csv-folder" } };
    if (names.some((name) => (TEXT_FILE_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase())))
      return { records: await readTextFolderRecords(absolute), source: { type: "text-folder" } };
    throw new RetrieverError({
      code: ErrorCodes.NOT_FOUND,
      message: `data folder ${absolute} holds no dataset.json and no .csv, .md or .txt file to infer one from; write a dataset.json or pass a folder of data files`,
    });
  }
  const extension = extname(absolute).toLowerCase();
  if (extension === ".csv") return { records: await readCsvRecords(absolute), source: { type: "csv" } };
  if (extension === ".jsonl") return { records: await readJsonlRecords(absolute), source: { type: "jsonl" } };
  throw new DataError({
    file: absolute,
    message: `cannot infer a dataset from a "${extension || "(no extension)"}" file; pass a .csv or .jsonl file, a folder of them or of .md/.txt files, or write a dataset.json`,
  });
}

/** `--data PATH` alone: the dataset inferred from a plain CSV or JSONL file, or a folder of CSV or Markdown/text files (nothing is written). */
export async function inferredDataset(file: string): Promise<Dataset> {
  const inferred = await inferDataset(file);
  return datasetFromDefinition(inferred.definition, { baseFolder: inferred.baseFolder, origin: "inferred" });
}

function profileColumns(records: readonly SourceRecord[]): ColumnProfile[] {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const record of records)
    for (const key of Object.keys(record.values)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  return columns.map((column) => {
    const values: RecordValue[] = [];
    let empty = 0;
    let length = 0;
    for (const record of records) {
      const value = record.values[column];
      if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) {
        empty += 1;
        continue;
      }
      values.push(typeof value === "string" ? value.trim() : value);
      length += String(value).length;
    }
    return {
      column,
      values,
      distinct: new Set(values.map((value) => `${typeof value}:${String(value)}`)),
      averageLength: values.length === 0 ? 0 : length / values.length,
      empty,
    };
  });
}

function pickId(profiles: readonly ColumnProfile[], count: number): ColumnProfile | undefined {
  const unique = profiles.filter(
    (profile) =>
      profile.empty === 0 &&
      profile.distinct.size === count &&
      profile.averageLength <= 64 &&
      profile.values.every((value) => typeof value !== "boolean" && !/\s/.test(String(value))),
  );
  const named = (test: (name: string) => boolean) => unique.find((profile) => test(profile.column.toLowerCase()));
  return (
    named((name) => name === "id") ??
    named((name) => /(^|[_\s-])id$/.test(name) || name.endsWith("id") || name === "key" || name === "sku" || name === "uuid")
  );
}

function inferType(profile: ColumnProfile, count: number): DatasetMetadataFieldDefinition {
  const values = profile.values;
  if (values.length === 0) return { type: "string" };
  const strings = values.filter((value): value is string => typeof value === "string");
  if (values.every((value) => typeof value === "boolean" || (typeof value === "string" && /^(true|false|yes|no)$/i.test(value))))
    return { type: "boolean" };
  if (
    values.every(
      (value) =>
        (typeof value === "number" && Number.isSafeInteger(value)) ||
        (typeof value === "string" && parseStrictInteger(value) !== undefined),
    )
  )
    return { type: "integer" };
  if (values.every((value) => typeof value === "number" || (typeof value === "string" && parseStrictNumber(value) !== undefined)))
    return { type: "number" };
  if (strings.length === values.length) {
    const format = DATE_FORMATS.find((candidate) =>
      strings.every((value) => parseDateInFormats(value, [candidate as DateFormat]) !== undefined),
    );
    if (format !== undefined) return { type: "date", formats: [format] };
    if (
      profile.distinct.size <= MAX_INFERRED_ENUM_VALUES &&
      profile.distinct.size < count &&
      profile.averageLength <= MAX_ENUM_VALUE_LENGTH &&
      count >= 4
    ) {
      return { type: "enum", values: [...new Set(strings)].sort() };
    }
    if (profile.distinct.size <= MAX_INFERRED_VOCABULARY && profile.averageLength <= MAX_ENUM_VALUE_LENGTH)
      return { type: "string", vocabulary: true };
  }
  // Long or varied text (or a mix of types): kept as metadata, not offered as a filter.
  return { type: "string", filterable: false };
}

function describeField(field: DatasetMetadataFieldDefinition, profile: ColumnProfile): string {
  const missing = profile.empty > 0 ? `; ${profile.empty} empty (left out of those documents)` : "";
  switch (field.type) {
    case "boolean":
      return `boolean (every value is true/false or yes/no)${missing}`;
    case "integer":
      return `integer (every value is a whole number)${missing}`;
    case "number":
      return `number (every value is a decimal number)${missing}`;
    case "date":
      return `date in ${field.formats?.[0] ?? "YYYY-MM-DD"} (stored as days since 1970-01-01, plus a year field)${missing}`;
    case "enum":
      return `enum of ${field.values?.length ?? 0} values (${(field.values ?? []).slice(0, 10).join(", ")}${(field.values?.length ?? 0) > 10 ? ", ..." : ""})${missing}`;
    case "string":
      return field.filterable === false
        ? `text, not filterable (long or varied values: ${profile.distinct.size} distinct)${missing}`
        : `string with a vocabulary of ${profile.distinct.size} values recognised in questions${missing}`;
  }
}

function fieldName(column: string, position: number): string {
  const cleaned = column
    .trim()
    .replace(/[^A-Za-z0-9_.-]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (cleaned === "") return `column_${position + 1}`;
  return /^[A-Za-z_]/.test(cleaned) ? cleaned.slice(0, 64) : `_${cleaned}`.slice(0, 64);
}

function uniqueName(name: string, used: Set<string>): string {
  let candidate = name;
  for (let copy = 2; used.has(candidate); copy += 1) candidate = `${name}_${copy}`;
  used.add(candidate);
  return candidate;
}

function slug(name: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^[-_]+|-+$/g, "")
    .slice(0, 64);
  return cleaned === "" ? "dataset" : cleaned;
}
