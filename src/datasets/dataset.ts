import { createHash } from "node:crypto";
import type { DocumentInterface } from "@langchain/core/documents";
import type { AttributeSchema } from "../self-query/attribute-schema.js";
import type { QueryConstructorExample } from "../self-query/llm/prompt.js";
import type { FilterOnlySortKey } from "../self-query/self-query-retriever.js";
import { canonicalJson } from "../stores/shared/canonical-json.js";

/**
 * The dataset seam: everything the configuration layer, the CLI and the benchmark need to know about
 * a collection of documents, so that none of them assumes a particular domain. A preset (one folder
 * under `src/datasets/`) or a user's `dataset.json` produces one.
 */

/** Types a metadata field can hold. */
export const DATASET_FIELD_TYPES = ["string", "number", "integer", "date", "enum", "boolean"] as const;
export type DatasetFieldType = (typeof DATASET_FIELD_TYPES)[number];

/** One metadata field of the documents. */
export interface DatasetField {
  /** The metadata key. */
  name: string;
  type: DatasetFieldType;
  /** What the field means. */
  description: string;
}

/** One column of the result tables of the CLI. */
export interface DisplayColumn {
  /** Column header, e.g. "price". */
  header: string;
  /** Width in characters. */
  width: number;
  /** @default "left" */
  align?: "left" | "right";
  /** The cell text of one document's metadata. */
  value(metadata: Readonly<Record<string, unknown>>): string;
}

/** Options of `Dataset.load`. */
export interface DatasetLoadOptions {
  /**
   * Prepend the document title to the indexed text. @default the dataset's own choice (a `dataset.json`
   * with a `content.title` prepends it; the John Wick preset does not)
   */
  includeTitle?: boolean;
}

/** A collection of documents the library can index, query and benchmark. */
export interface Dataset {
  /** Short name, e.g. `products`; part of index file names. */
  readonly id: string;
  /** One sentence on what the documents are. */
  readonly description: string;
  /** Where the documents come from (an absolute file or folder), for reports. */
  readonly location: string;
  /** How the dataset was chosen: a preset by name, a `dataset.json`, or inferred from a plain file. */
  readonly origin: "preset" | "file" | "inferred";
  /** Source field holding each document's id; `null` when ids are not a column (a content hash, or built by the preset). */
  readonly idField: string | null;
  /** Source fields joined into the indexed text. */
  readonly contentFields: readonly string[];
  /** Metadata fields of every document, with their types. */
  readonly metadataFields: readonly DatasetField[];
  /** What the self-query technique may filter on. */
  readonly attributes: AttributeSchema;
  /** Columns of the CLI result tables, after rank, id and score. */
  readonly displayColumns: readonly DisplayColumn[];
  /** How filter-only answers are ordered (then by id); `[]` keeps the order of the source. */
  readonly filterOnlyOrder: readonly FilterOnlySortKey[];
  /**
   * Benchmark gold filters may use short keys standing for metadata fields (`{"stars": ...}` for
   * `customer_rating`); keys not listed are field names themselves. @default {}
   */
  readonly goldFilterFields: Readonly<Record<string, string>>;
  /** Worked examples for the LLM query constructor's prompt. @default none: the constructor's own */
  readonly queryExamples?: readonly QueryConstructorExample[];
  /** The labeled queries shipped with the dataset (benchmark JSONL), if any. */
  readonly queryFile?: string;
  /** A short hash of the dataset's definition; indexes are keyed by it. */
  readonly fingerprint: string;
  /** Reads the documents (each with an `id`). */
  load(options?: DatasetLoadOptions): Promise<DocumentInterface[]>;
}

/** A short stable hash of a dataset definition (any JSON value). */
export function fingerprintDefinition(definition: unknown): string {
  return createHash("sha256").update(canonicalJson(definition)).digest("hex").slice(0, 12);
}

/** The metadata field a gold-filter key stands for. */
export function goldFilterField(dataset: Pick<Dataset, "goldFilterFields">, key: string): string {
  return Object.hasOwn(dataset.goldFilterFields, key) ? (dataset.goldFilterFields[key] as string) : key;
}

/** Formats a metadata value for a table cell: numbers as written, booleans as yes/no, missing as empty. */
export function formatCell(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "boolean") return value ? "yes" : "no";
  return String(value);
}

/** Display columns for a list of fields: header = field name, right-aligned numbers. */
export function displayColumnsForFields(fields: readonly DatasetField[], widths: Readonly<Record<string, number>> = {}): DisplayColumn[] {
  return fields.map((field) => {
    const numeric = field.type === "number" || field.type === "integer";
    const width =
      widths[field.name] ?? Math.max(field.name.length, numeric ? 6 : field.type === "boolean" ? 3 : field.type === "date" ? 10 : 12);
    return {
      header: field.name,
      width,
      ...(numeric ? { align: "right" as const } : {}),
      value: (metadata) => formatCell(field.type === "date" ? metadataDate(metadata[field.name]) : metadata[field.name]),
    };
  });
}

/** An epoch-day number as `YYYY-MM-DD`; other values unchanged. */
function metadataDate(value: unknown): unknown {
  if (typeof value !== "number" || !Number.isInteger(value)) return value;
  return new Date(value * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The integer year field a `date` field adds: its name without a trailing `_date` / `_day`, plus
 * `_year` (`release_date` -> `release_year`, `visit_day` -> `visit_year`, `published` -> `published_year`).
 */
export function yearFieldName(dateField: string): string {
  const stem = dateField.replace(/_(?:date|day)$/i, "");
  return `${stem === "" ? dateField : stem}_year`;
}
