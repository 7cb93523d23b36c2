import { basename, extname } from "node:path";
import { Document } from "@langchain/core/documents";
import { BaseDocumentLoader } from "@langchain/core/document_loaders/base";
import { z } from "zod/v4";
import { DataError } from "../core/errors/data-error.js";
import { parseOptions } from "../core/parse-options.js";
import { CELL_TYPES, DATE_OUTPUTS, coerceCell, type CellType, type CellValue, type DateOutput } from "./coerce.js";
import { DEFAULT_DELIMITER, cellValue, parseCsvTable, readDataFile, requireColumns, type CsvRow, type CsvTable } from "./csv-table.js";

/** Joins several content columns. */
export const DEFAULT_CONTENT_SEPARATOR = "\n\n";
/** Document id when neither `idColumn` nor `idTemplate` is given: file name without extension + row number. */
export const DEFAULT_ID_TEMPLATE = "{file}-{row}";
/** What happens to a row whose content is empty. */
export const DEFAULT_EMPTY_CONTENT = "keep";

/** How one metadata field is read from a column. */
export interface CsvMetadataField {
  /** Column the value comes from. @default the metadata field's name */
  column?: string;
  /** Type the cell is converted to (see `coerceCell` for the exact rules). @default "string" */
  type?: CellType;
  /** Strings only: trim surrounding whitespace (other types are always trimmed before parsing). @default false */
  trim?: boolean;
  /** An empty (or whitespace-only) cell is a `DataError` instead of a missing value. @default false */
  required?: boolean;
  /**
   * Stored when the cell is empty and the field is not required; its type must match `type`.
   * @default none: an empty string cell is stored as written, an empty cell of any other type leaves
   * the field out of that document's metadata
   */
  defaultValue?: CellValue;
  /** Dates only: how the date is stored (`iso-date`, `epoch-day`, `year`, `epoch-ms`). @default "iso-date" */
  dateOutput?: DateOutput;
}

/** What an id function is given for each row. */
export interface CsvIdContext {
  /** File base name without extension, e.g. `reviews_1`. */
  file: string;
  row: CsvRow;
  /** The raw value of a column in this row. */
  value(column: string): string;
}

/** Options of the generic CSV loader. */
export interface CsvLoaderOptions {
  /**
   * Column(s) whose text becomes `pageContent`, as written; several are joined with `contentSeparator`.
   * Empty or whitespace-only cells are skipped, so a row whose content cells are all blank gets `""`.
   */
  contentColumns: string | string[];
  /** Put between content columns. @default "\n\n" */
  contentSeparator?: string;
  /**
   * Metadata fields: a list of column names (stored as strings under the same name), or a map from
   * metadata field name to a type (`"integer"`) or a full `CsvMetadataField`. @default {} (no metadata)
   */
  metadata?: string[] | Record<string, CellType | CsvMetadataField>;
  /** Column holding each row's document id (trimmed, must be non-empty and unique). Excludes `idTemplate`. @default none */
  idColumn?: string;
  /**
   * Builds each document id: a template with `{file}` (base name without extension), `{row}` (0-based
   * data row), `{line}` (start line) and `{column:NAME}` (a cell, trimmed), or a function. Ids must be
   * unique in the file. @default "{file}-{row}"
   */
  idTemplate?: string | ((context: CsvIdContext) => string);
  /** Field separator, one character. @default "," */
  delimiter?: string;
  /** `keep`: a row with empty content still becomes a document; `error`: it is a `DataError`. @default "keep" */
  emptyContent?: "keep" | "error";
  /** Accept a file with a header but no data rows (returns no documents) instead of a `DataError`. @default false */
  allowNoRows?: boolean;
}

const TEMPLATE_PLACEHOLDER = /\{([^{}]*)\}/g;

const metadataFieldSchema = z
  .object({
    column: z.string().optional(),
    type: z.enum(CELL_TYPES).optional(),
    trim: z.boolean().optional(),
    required: z.boolean().optional(),
    defaultValue: z.union([z.string(), z.number().refine(Number.isFinite, "must be a finite number"), z.boolean()]).optional(),
    dateOutput: z.enum(DATE_OUTPUTS).optional(),
  })
  .strict()
  .superRefine((field, context) => {
    if (field.defaultValue === undefined) return;
    const type = field.type ?? "string";
    const actual = typeof field.defaultValue;
    const fits =
      type === "string"
        ? actual === "string"
        : type === "boolean"
          ? actual === "boolean"
          : type === "integer"
            ? Number.isSafeInteger(field.defaultValue)
            : type === "number"
              ? actual === "number"
              : actual === "string" || actual === "number";
    if (!fits) context.addIssue({ code: "custom", path: ["defaultValue"], message: `does not match the field type "${type}"` });
    if (field.dateOutput !== undefined && type !== "date") {
      context.addIssue({ code: "custom", path: ["dateOutput"], message: 'only applies to fields of type "date"' });
    }
  });

const cellTypeSchema = z.enum(CELL_TYPES);
const metadataListSchema = z.array(z.string());

const optionsSchema = z
  .object({
    contentColumns: z.union([z.string(), z.array(z.string()).min(1, "needs at least one column")]),
    contentSeparator: z.string().optional(),
    metadata: z.unknown().optional(),
    idColumn: z.string().optional(),
    idTemplate: z
      .union([
        z.string().min(1, "must not be empty"),
        z.custom<(context: CsvIdContext) => string>((value) => typeof value === "function", "must be a template string or a function"),
      ])
      .optional(),
    delimiter: z
      .string()
      .length(1, "must be a single character")
      .refine((value) => value !== '"' && value !== "\n" && value !== "\r", "cannot be a quote or a line break")
      .optional(),
    emptyContent: z.enum(["keep", "error"]).optional(),
    allowNoRows: z.boolean().optional(),
  })
  .strict()
  .superRefine((options, context) => {
    // Dispatch by shape instead of a zod union, so errors point at the offending field (metadata.price.type).
    if (options.metadata !== undefined) {
      const metadata = options.metadata;
      const issues = Array.isArray(metadata)
        ? (metadataListSchema.safeParse(metadata).error?.issues ?? [])
        : typeof metadata === "object" && metadata !== null
          ? Object.entries(metadata).flatMap(
              ([name, spec]) =>
                (typeof spec === "string" ? cellTypeSchema : metadataFieldSchema)
                  .safeParse(spec)
                  .error?.issues.map((issue) => ({ ...issue, path: [name, ...issue.path] })) ?? [],
            )
          : [{ path: [], message: "must be a list of column names or a map from field name to type" }];
      for (const issue of issues) context.addIssue({ code: "custom", path: ["metadata", ...issue.path], message: issue.message });
    }
    if (options.idColumn !== undefined && options.idTemplate !== undefined) {
      context.addIssue({ code: "custom", path: ["idTemplate"], message: "cannot be combined with idColumn; give one of them" });
    }
    if (typeof options.idTemplate === "string") {
      const problem = checkTemplate(options.idTemplate);
      if (problem !== undefined) context.addIssue({ code: "custom", path: ["idTemplate"], message: problem });
    }
  });

function checkTemplate(template: string): string | undefined {
  const withoutPlaceholders = template.replace(TEMPLATE_PLACEHOLDER, "");
  if (/[{}]/.test(withoutPlaceholders)) return "has an unbalanced brace; placeholders look like {row}";
  for (const match of template.matchAll(TEMPLATE_PLACEHOLDER)) {
    const name = match[1] ?? "";
    if (name !== "row" && name !== "line" && name !== "file" && !name.startsWith("column:")) {
      return `has unknown placeholder {${name}}; use {file}, {row}, {line} or {column:NAME}`;
    }
  }
  return undefined;
}

interface ResolvedField {
  name: string;
  column: string;
  type: CellType;
  trim: boolean;
  required: boolean;
  defaultValue: CellValue | undefined;
  dateOutput: DateOutput;
}

interface ResolvedOptions {
  contentColumns: string[];
  contentSeparator: string;
  fields: ResolvedField[];
  idColumn: string | undefined;
  idTemplate: string | ((context: CsvIdContext) => string);
  delimiter: string;
  emptyContent: "keep" | "error";
  allowNoRows: boolean;
}

function resolveOptions(options: CsvLoaderOptions, owner: string): ResolvedOptions {
  const parsed = parseOptions(optionsSchema, options, owner);
  const metadata = (parsed.metadata ?? {}) as NonNullable<CsvLoaderOptions["metadata"]>;
  const fields: ResolvedField[] = Array.isArray(metadata)
    ? metadata.map((column) => ({
        name: column,
        column,
        type: "string",
        trim: false,
        required: false,
        defaultValue: undefined,
        dateOutput: "iso-date",
      }))
    : Object.entries(metadata).map(([name, spec]) => {
        const field: CsvMetadataField = typeof spec === "string" ? { type: spec } : spec;
        return {
          name,
          column: field.column ?? name,
          type: field.type ?? "string",
          trim: field.trim ?? false,
          required: field.required ?? false,
          defaultValue: field.defaultValue,
          dateOutput: field.dateOutput ?? "iso-date",
        };
      });
  return {
    contentColumns: typeof parsed.contentColumns === "string" ? [parsed.contentColumns] : parsed.contentColumns,
    contentSeparator: parsed.contentSeparator ?? DEFAULT_CONTENT_SEPARATOR,
    fields,
    idColumn: parsed.idColumn,
    idTemplate: (options.idTemplate ?? DEFAULT_ID_TEMPLATE) as string | ((context: CsvIdContext) => string),
    delimiter: parsed.delimiter ?? DEFAULT_DELIMITER,
    emptyContent: parsed.emptyContent ?? DEFAULT_EMPTY_CONTENT,
    allowNoRows: parsed.allowNoRows ?? false,
  };
}

/**
 * Reads a CSV file into LangChain `Document`s, one per data row, each with an `id`. Every problem
 * (empty or non-CSV file, bad quoting, wrong field count, missing column, a cell that is not of its
 * column's type, duplicate ids) is a `DataError` naming the file and the line where the record starts.
 *
 * @example
 * const documents = await loadCsvDocuments("reviews.csv", {
 *   contentColumns: "Review",
 *   metadata: { Author: "string", stars: { type: "integer", required: true } },
 *   idColumn: "id",
 * });
 */
export async function loadCsvDocuments(file: string, options: CsvLoaderOptions): Promise<Document[]> {
  const resolved = resolveOptions(options, "loadCsvDocuments");
  return buildDocuments(await readDataFile(file), file, resolved);
}

/** Like `loadCsvDocuments` for CSV already in memory; `file` names it in error messages. */
export function parseCsvDocuments(content: string | Uint8Array, file: string, options: CsvLoaderOptions): Document[] {
  return buildDocuments(content, file, resolveOptions(options, "parseCsvDocuments"));
}

/** The generic CSV loader as a LangChain document loader; options are validated at construction. */
export class CsvDocumentLoader extends BaseDocumentLoader {
  readonly file: string;
  private readonly options: ResolvedOptions;

  constructor(file: string, options: CsvLoaderOptions) {
    super();
    this.file = file;
    this.options = resolveOptions(options, "CsvDocumentLoader");
  }

  override async load(): Promise<Document[]> {
    return buildDocuments(await readDataFile(this.file), this.file, this.options);
  }
}

function buildDocuments(content: string | Uint8Array, file: string, options: ResolvedOptions): Document[] {
  const table = parseCsvTable(content, { file, delimiter: options.delimiter });
  const templateColumns =
    typeof options.idTemplate === "string"
      ? [...options.idTemplate.matchAll(TEMPLATE_PLACEHOLDER)]
          .map((match) => match[1] ?? "")
          .filter((name) => name.startsWith("column:"))
          .map((name) => name.slice("column:".length))
      : [];
  requireColumns(table, [
    ...options.contentColumns.map((column) => ({ column, purpose: "a content column" })),
    ...options.fields.map((field) => ({ column: field.column, purpose: `source of metadata field "${field.name}"` })),
    ...(options.idColumn === undefined ? [] : [{ column: options.idColumn, purpose: "the id column" }]),
    ...templateColumns.map((column) => ({ column, purpose: "used in idTemplate" })),
  ]);
  if (table.rows.length === 0 && !options.allowNoRows) {
    throw new DataError({
      file,
      line: table.headerLine,
      message: "the file has a header but no data rows; add rows, or pass allowNoRows: true to accept an empty table",
    });
  }
  const fileStem = basename(file, extname(file));
  const firstLineOfId = new Map<string, number>();
  return table.rows.map((row) => {
    const pageContent = options.contentColumns
      .map((column) => cellValue(table, row, column))
      .filter((text) => text.trim() !== "")
      .join(options.contentSeparator);
    if (pageContent.trim() === "" && options.emptyContent === "error") {
      throw new DataError({
        file,
        line: row.line,
        message: `the content column${options.contentColumns.length === 1 ? "" : "s"} ${options.contentColumns.map((column) => JSON.stringify(column)).join(", ")} ${options.contentColumns.length === 1 ? "is" : "are"} empty; fill in the text or pass emptyContent: "keep"`,
      });
    }
    const metadata: Record<string, CellValue> = {};
    for (const field of options.fields) {
      const value = readField(table, row, field);
      if (value !== undefined) metadata[field.name] = value;
    }
    const id = buildId(table, row, options, fileStem);
    const seenOn = firstLineOfId.get(id);
    if (seenOn !== undefined) {
      throw new DataError({
        file,
        line: row.line,
        message: `document id ${JSON.stringify(id)} is already used by the row on line ${seenOn}; ids must be unique, fix the id column or template`,
      });
    }
    firstLineOfId.set(id, row.line);
    return new Document({ pageContent, metadata, id });
  });
}

function readField(table: CsvTable, row: CsvRow, field: ResolvedField): CellValue | undefined {
  const raw = cellValue(table, row, field.column);
  if (raw.trim() === "") {
    if (field.required) {
      throw new DataError({
        file: table.file,
        line: row.line,
        message: `column ${JSON.stringify(field.column)} is empty but metadata field "${field.name}" is required; fill in the cell or make the field optional`,
      });
    }
    if (field.defaultValue !== undefined) return field.defaultValue;
    return field.type === "string" ? (field.trim ? raw.trim() : raw) : undefined;
  }
  if (field.type === "string") return field.trim ? raw.trim() : raw;
  return coerceCell(raw, field.type, { file: table.file, line: row.line, column: field.column }, field.dateOutput);
}

function buildId(table: CsvTable, row: CsvRow, options: ResolvedOptions, fileStem: string): string {
  let id: string;
  if (options.idColumn !== undefined) {
    id = cellValue(table, row, options.idColumn).trim();
  } else if (typeof options.idTemplate === "function") {
    const produced: unknown = options.idTemplate({ file: fileStem, row, value: (column) => cellValue(table, row, column) });
    if (typeof produced !== "string") {
      throw new DataError({
        file: table.file,
        line: row.line,
        message: `the idTemplate function returned ${typeof produced}, not a string; return a non-empty string`,
      });
    }
    id = produced;
  } else {
    id = options.idTemplate.replace(TEMPLATE_PLACEHOLDER, (_, name: string) => {
      if (name === "row") return String(row.rowNumber);
      if (name === "line") return String(row.line);
      if (name === "file") return fileStem;
      return cellValue(table, row, name.slice("column:".length)).trim();
    });
  }
  if (id.trim() === "") {
    throw new DataError({
      file: table.file,
      line: row.line,
      message: "the row's document id is empty; fill in the id column (or fix idTemplate)",
    });
  }
  return id;
}
