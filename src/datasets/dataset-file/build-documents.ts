import { createHash } from "node:crypto";
import { Document } from "@langchain/core/documents";
import { DataError } from "../../core/errors/data-error.js";
import { parseDateInFormats, parseStrictBoolean, parseStrictInteger, parseStrictNumber, type DateFormat } from "../../loaders/coerce.js";
import type { RecordValue, SourceRecord } from "../../loaders/source-records.js";
import { canonicalJson } from "../../stores/shared/canonical-json.js";
import { yearFieldName } from "../dataset.js";
import type { DatasetDefinition, DatasetMetadataFieldDefinition } from "./definition-schema.js";

/**
 * Turns source records into Documents the way a `dataset.json` says. The metadata convention:
 * - `string`, `enum`: the text (trimmed unless `trim: false`); an enum with `values` rejects others
 *   (numeric enum values compare as numbers);
 * - `number`, `integer`: JavaScript numbers (strict decimal text, or JSON numbers), within `minimum`/`maximum`;
 * - `boolean`: JavaScript booleans (`true/false`, `yes/no`, `1/0`, any case, or JSON booleans);
 * - `date`: whole days since 1970-01-01 UTC under the field's name, plus the year as an integer field
 *   named by `yearFieldName` (`release_date` -> `release_year`);
 * - an empty cell: an error when `required`, the `default` when given, else the field is left out.
 * Ids: the `idField` column (trimmed, unique), else a stable hash of the text and metadata
 * (`h` + 16 hex digits; identical records get `-2`, `-3`, ...).
 * Every problem is a `DataError` naming the file, the line and the column.
 */

/** Default accepted date format. */
export const DEFAULT_DATE_FORMATS: readonly DateFormat[] = ["YYYY-MM-DD"];
/** Between content columns when `content.separator` is not given. */
export const DEFAULT_DATASET_CONTENT_SEPARATOR = "\n\n";

/** Builds the documents of `records` (see the module comment). */
export function buildDatasetDocuments(
  records: readonly SourceRecord[],
  definition: DatasetDefinition,
  options: { includeTitle?: boolean } = {},
): Document[] {
  const fields = Object.entries(definition.metadata ?? {});
  const separator = definition.content.separator ?? DEFAULT_DATASET_CONTENT_SEPARATOR;
  const includeTitle = options.includeTitle ?? definition.content.title !== undefined;
  const required = [
    ...definition.content.fields,
    ...(definition.idField === undefined ? [] : [definition.idField]),
    ...(includeTitle && definition.content.title !== undefined ? [definition.content.title] : []),
  ];
  const firstLineOfId = new Map<string, string>();
  const checkedFiles = new Set<string>();
  return records.map((record) => {
    if (!checkedFiles.has(record.file)) {
      checkedFiles.add(record.file);
      checkColumns(record, required, fields);
    }
    const text = (column: string) => stringOf(record.values[column]);
    const body = definition.content.fields
      .map(text)
      .filter((part) => part.trim() !== "")
      .join(separator);
    const title = includeTitle && definition.content.title !== undefined ? text(definition.content.title).trim() : "";
    const pageContent = title === "" ? body : body === "" ? title : `${title}\n\n${body}`;

    const metadata: Record<string, string | number | boolean> = {};
    for (const [name, field] of fields) readField(record, name, field, metadata);

    let id: string;
    if (definition.idField !== undefined) {
      id = text(definition.idField).trim();
      if (id === "")
        throw new DataError({
          file: record.file,
          line: record.line,
          message: `the id column "${definition.idField}" is empty; fill it in, or remove "idField" from dataset.json to use content hashes`,
        });
    } else {
      id = `h${createHash("sha256").update(canonicalJson({ pageContent, metadata })).digest("hex").slice(0, 16)}`;
      for (let copy = 2; firstLineOfId.has(id); copy += 1) id = `${id.replace(/-\d+$/, "")}-${copy}`;
    }
    const seen = firstLineOfId.get(id);
    if (seen !== undefined)
      throw new DataError({
        file: record.file,
        line: record.line,
        message: `document id "${id}" is already used at ${seen}; ids in "${definition.idField}" must be unique`,
      });
    firstLineOfId.set(id, `${record.file}:${record.line}`);
    return new Document({ pageContent, metadata, id });
  });
}

function checkColumns(
  record: SourceRecord,
  required: readonly string[],
  fields: ReadonlyArray<[string, DatasetMetadataFieldDefinition]>,
): void {
  // JSONL and front matter may leave a key out of one record; CSV headers are fixed, so check them once per file.
  if (!record.file.toLowerCase().endsWith(".csv")) return;
  const present = Object.keys(record.values);
  const wanted = [...required, ...fields.map(([name, field]) => field.column ?? name)];
  const missing = wanted.find((column) => !present.includes(column));
  if (missing !== undefined) {
    throw new DataError({
      file: record.file,
      line: 1,
      message: `has no column "${missing}" (dataset.json names it); the columns are ${present.map((column) => JSON.stringify(column)).join(", ")}; fix the column name in dataset.json`,
    });
  }
}

function stringOf(value: RecordValue | undefined): string {
  return value === undefined || value === null ? "" : String(value);
}

function readField(
  record: SourceRecord,
  name: string,
  field: DatasetMetadataFieldDefinition,
  metadata: Record<string, string | number | boolean>,
): void {
  const column = field.column ?? name;
  const raw = record.values[column];
  const empty = raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "");
  if (empty) {
    if (field.required === true)
      throw cellProblem(record, column, raw, `empty, but metadata field "${name}" is required; fill in the cell or set "required": false`);
    if (field.default === undefined) return;
    store(record, name, field, column, field.default, metadata, true);
    return;
  }
  store(record, name, field, column, raw, metadata, false);
}

function store(
  record: SourceRecord,
  name: string,
  field: DatasetMetadataFieldDefinition,
  column: string,
  raw: string | number | boolean,
  metadata: Record<string, string | number | boolean>,
  isDefault: boolean,
): void {
  const where = isDefault ? `the default of metadata field "${name}"` : undefined;
  const fail = (expected: string) =>
    where === undefined
      ? cellProblem(record, column, raw, `not ${expected}`)
      : new DataError({
          file: record.file,
          line: record.line,
          message: `${where} (${JSON.stringify(raw)}) is not ${expected}; fix "default" in dataset.json`,
        });
  switch (field.type) {
    case "string": {
      const text = String(raw);
      metadata[name] = field.trim === false ? text : text.trim();
      return;
    }
    case "number":
    case "integer": {
      const value =
        typeof raw === "number"
          ? raw
          : typeof raw === "string"
            ? field.type === "integer"
              ? parseStrictInteger(raw)
              : parseStrictNumber(raw)
            : undefined;
      if (value === undefined || !Number.isFinite(value) || (field.type === "integer" && !Number.isSafeInteger(value))) {
        throw fail(
          field.type === "integer" ? "a whole number (e.g. 7)" : "a number (e.g. 7 or 799.99; no thousands separators or currency signs)",
        );
      }
      if ((field.minimum !== undefined && value < field.minimum) || (field.maximum !== undefined && value > field.maximum)) {
        throw fail(`within ${field.minimum ?? "-∞"} to ${field.maximum ?? "∞"} (the field's minimum/maximum)`);
      }
      metadata[name] = value;
      return;
    }
    case "boolean": {
      const value =
        typeof raw === "boolean"
          ? raw
          : typeof raw === "number"
            ? raw === 1
              ? true
              : raw === 0
                ? false
                : undefined
            : parseStrictBoolean(raw);
      if (value === undefined) throw fail("a boolean (true/false, yes/no or 1/0)");
      metadata[name] = value;
      return;
    }
    case "date": {
      const formats = (field.formats ?? DEFAULT_DATE_FORMATS) as readonly DateFormat[];
      const date = typeof raw === "string" ? parseDateInFormats(raw, formats) : undefined;
      if (date === undefined)
        throw fail(
          `a date in ${formats.map((format) => JSON.stringify(format)).join(" or ")}; fix the cell or list its format in "formats"`,
        );
      metadata[name] = date.epochDay;
      metadata[yearFieldName(name)] = date.year;
      return;
    }
    case "enum": {
      const allowed = (field.values ?? []).map((entry) => (typeof entry === "object" ? entry.value : entry));
      const numeric = allowed.length > 0 && allowed.every((value) => typeof value === "number");
      let value: string | number | boolean = typeof raw === "string" && field.trim !== false ? raw.trim() : raw;
      if (numeric && typeof value === "string") {
        const parsed = parseStrictNumber(value);
        if (parsed === undefined) throw fail(`one of ${allowed.join(", ")}`);
        value = parsed;
      }
      if (allowed.length > 0 && !allowed.includes(value))
        throw fail(
          `one of ${allowed.map((entry) => JSON.stringify(entry)).join(", ")} (the field's "values"); fix the cell or add the value`,
        );
      metadata[name] = value;
      return;
    }
  }
}

function cellProblem(record: SourceRecord, column: string, raw: unknown, problem: string): DataError {
  const shown = typeof raw === "string" && raw.length > 60 ? `${raw.slice(0, 57)}...` : raw;
  return new DataError({
    file: record.file,
    line: record.line,
    message: `column "${column}" has ${JSON.stringify(shown ?? "")}, which is ${problem}`,
  });
}
