import { z } from "zod/v4";
import { DATE_FORMATS } from "../../loaders/coerce.js";
import { DATASET_FIELD_TYPES, yearFieldName } from "../dataset.js";

/**
 * The `dataset.json` a user writes (or `retrievers init` infers) to bring their own data. Strict: an
 * unknown key is an error naming it. Example:
 *
 * ```json
 * {
 *   "id": "products",
 *   "description": "A catalog of consumer electronics",
 *   "source": { "type": "csv", "path": "products.csv" },
 *   "idField": "id",
 *   "content": { "fields": ["description"], "title": "title" },
 *   "metadata": {
 *     "category": { "type": "enum", "values": ["laptop", "phone"], "aliases": ["category", "type"] },
 *     "price": { "type": "number", "units": ["dollars", "$", "usd"], "aliases": ["price", "cost"] },
 *     "release_date": { "type": "date", "formats": ["YYYY-MM-DD"] },
 *     "in_stock": { "type": "boolean" }
 *   },
 *   "display": ["category", "price"],
 *   "queries": "queries.jsonl"
 * }
 * ```
 */

/** Source kinds of a dataset file. */
export const SOURCE_TYPES = ["csv", "jsonl", "csv-folder", "text-folder"] as const;

const nonEmpty = z.string().trim().min(1, "must not be empty");
const scalar = z.union([z.string(), z.number().refine(Number.isFinite, "must be a finite number"), z.boolean()]);
const phrases = z.array(nonEmpty).max(500, "at most 500 phrases");

const sourceSchema = z.discriminatedUnion(
  "type",
  [
    z.object({ type: z.literal("csv"), path: nonEmpty, delimiter: z.string().length(1, "must be a single character").optional() }).strict(),
    z.object({ type: z.literal("jsonl"), path: nonEmpty }).strict(),
    z
      .object({ type: z.literal("csv-folder"), path: nonEmpty, delimiter: z.string().length(1, "must be a single character").optional() })
      .strict(),
    z
      .object({
        type: z.literal("text-folder"),
        path: nonEmpty,
        extensions: z
          .array(z.string().regex(/^\.[A-Za-z0-9]+$/, 'must look like ".md"'))
          .min(1)
          .optional(),
      })
      .strict(),
  ],
  { error: `must be {"type": one of ${SOURCE_TYPES.join(", ")}, "path": "..."}` },
);

const enumValueSchema = z.union([scalar, z.object({ value: scalar, label: z.string().optional(), aliases: phrases.optional() }).strict()]);

/** One metadata field of `dataset.json`. */
export const metadataFieldSchema = z
  .object({
    /** string, number, integer, date, enum or boolean. */
    type: z.enum(DATASET_FIELD_TYPES),
    /** Source column (or JSON key / front-matter key). @default the field's name */
    column: nonEmpty.optional(),
    /** What the field means (shown to the self-query constructors). @default "The <name>" */
    description: z.string().optional(),
    /** An empty cell is an error instead of a missing value. @default false */
    required: z.boolean().optional(),
    /** Stored when the cell is empty (must fit the type; dates as written in one of `formats`). @default none: the field is left out */
    default: scalar.optional(),
    /** Strings and enums: trim surrounding whitespace. @default true */
    trim: z.boolean().optional(),
    /** Dates: the accepted formats, tried in order. @default ["YYYY-MM-DD"] */
    formats: z.array(z.enum(DATE_FORMATS)).min(1).optional(),
    /**
     * Enums: the allowed values (with labels and aliases); a cell outside them is an error. Strings: known
     * values recognised in questions (others are still accepted). Booleans: words naming `true` / `false`
     * (e.g. `{"value": false, "aliases": ["sold out"]}`). @default enums: read from the documents; others: none
     */
    values: z.array(enumValueSchema).min(1).max(10_000).optional(),
    /** Words that name the field in a question, e.g. "price", "cost". @default [the field name with spaces] */
    aliases: phrases.optional(),
    /** Numbers: words written after a value, e.g. "dollars", "$". @default [] */
    units: phrases.optional(),
    /** Numbers: smallest / largest value; a cell outside is an error. @default none */
    minimum: z.number().refine(Number.isFinite, "must be a finite number").optional(),
    maximum: z.number().refine(Number.isFinite, "must be a finite number").optional(),
    /**
     * Numbers: the field is a rating or score on the `minimum`–`maximum` scale, so self-query reads vague
     * phrases on it ("highly rated" = the top quarter, "badly rated" = the bottom quarter). @default false
     */
    quality: z.boolean().optional(),
    /** Strings: recognise the values found in the documents in questions (e.g. brand names). @default false */
    vocabulary: z.boolean().optional(),
    /** Offer the field to the self-query technique. @default true */
    filterable: z.boolean().optional(),
  })
  .strict()
  .superRefine((field, context) => {
    const only = (key: keyof typeof field, types: readonly string[]) => {
      if (field[key] !== undefined && !types.includes(field.type))
        context.addIssue({
          code: "custom",
          path: [key],
          message: `only applies to fields of type ${types.join(" or ")}; remove it or change "type"`,
        });
    };
    only("formats", ["date"]);
    only("values", ["enum", "string", "boolean"]);
    (field.values ?? []).forEach((entry, index) => {
      const value = typeof entry === "object" ? entry.value : entry;
      const fits = field.type === "boolean" ? typeof value === "boolean" : field.type === "string" ? typeof value === "string" : true;
      if (!fits)
        context.addIssue({
          code: "custom",
          path: ["values", index],
          message: `a ${field.type} field takes ${field.type === "boolean" ? "true or false" : "text"} values`,
        });
    });
    only("units", ["number", "integer"]);
    only("minimum", ["number", "integer"]);
    only("maximum", ["number", "integer"]);
    only("quality", ["number", "integer"]);
    if (field.quality === true && (field.minimum === undefined || field.maximum === undefined))
      context.addIssue({
        code: "custom",
        path: ["quality"],
        message: "a quality field needs minimum and maximum (its scale, e.g. 1 and 5)",
      });
    only("vocabulary", ["string"]);
    only("trim", ["string", "enum"]);
    if (field.minimum !== undefined && field.maximum !== undefined && field.minimum > field.maximum) {
      context.addIssue({ code: "custom", path: ["maximum"], message: `must not be below minimum ${field.minimum}` });
    }
    if (field.required === true && field.default !== undefined)
      context.addIssue({ code: "custom", path: ["default"], message: "a required field has no default; remove one of them" });
  });

const displayEntrySchema = z.union([
  nonEmpty,
  z.object({ field: nonEmpty, header: nonEmpty.optional(), width: z.number().int().min(1).max(200).optional() }).strict(),
]);

/** The whole `dataset.json`. */
export const datasetDefinitionSchema = z
  .object({
    /** A JSON-schema URL editors may use; ignored. */
    $schema: z.string().optional(),
    /** Short name, lower case: letters, digits, "-" and "_". */
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be a short lower-case name such as "products" (letters, digits, "-", "_")'),
    /** What the documents are, in one sentence. */
    description: nonEmpty,
    source: sourceSchema,
    /** Column holding each document's id (unique, non-empty). @default none: ids are a hash of the content and metadata */
    idField: nonEmpty.optional(),
    content: z
      .object({
        /** Columns joined (with `separator`) into the indexed text. */
        fields: z.array(nonEmpty).min(1, "name at least one content column"),
        /** A column prepended (then a blank line) to the text. @default none */
        title: nonEmpty.optional(),
        /** Between content columns. @default "\n\n" */
        separator: z.string().optional(),
      })
      .strict(),
    /** Metadata fields by name. @default {} */
    metadata: z
      .record(
        z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/, "field names are letters, digits and _ . -, starting with a letter or _"),
        metadataFieldSchema,
      )
      .optional(),
    /** What self-query prompts say the documents are. @default description */
    documentContents: nonEmpty.optional(),
    /** Columns of the CLI tables (field names, or {field, header, width}). @default the first three enum/number/boolean/date fields */
    display: z.array(displayEntrySchema).max(12).optional(),
    /** How filter-only answers are ordered. @default [] (the order of the source, then id) */
    filterOnlyOrder: z
      .array(z.object({ field: nonEmpty, direction: z.enum(["asc", "desc"]) }).strict())
      .max(16)
      .optional(),
    /** Short gold-filter keys of the query file and the fields they stand for. @default {} */
    goldFilterFields: z.record(nonEmpty, nonEmpty).optional(),
    /** The labeled queries (benchmark JSONL), relative to this file. @default none */
    queries: nonEmpty.optional(),
  })
  .strict()
  .superRefine((definition, context) => {
    const fields = new Set(Object.keys(definition.metadata ?? {}));
    const yearOf = new Map(
      Object.entries(definition.metadata ?? {})
        .filter(([, field]) => field.type === "date")
        .map(([name]) => [yearFieldName(name), name]),
    );
    const dateYears = new Set(yearOf.keys());
    for (const [name] of Object.entries(definition.metadata ?? {})) {
      if (yearOf.has(name))
        context.addIssue({
          code: "custom",
          path: ["metadata", name],
          message: `clashes with the year field the date field "${yearOf.get(name)}" adds; rename one of them`,
        });
    }
    const known = (field: string) => fields.has(field) || dateYears.has(field);
    (definition.display ?? []).forEach((entry, index) => {
      const field = typeof entry === "string" ? entry : entry.field;
      if (!known(field))
        context.addIssue({
          code: "custom",
          path: ["display", index],
          message: `"${field}" is not a metadata field; use one of ${[...fields].join(", ") || "(none defined)"}`,
        });
    });
    (definition.filterOnlyOrder ?? []).forEach((entry, index) => {
      if (!known(entry.field))
        context.addIssue({
          code: "custom",
          path: ["filterOnlyOrder", index, "field"],
          message: `"${entry.field}" is not a metadata field; use one of ${[...fields].join(", ") || "(none defined)"}`,
        });
    });
    for (const [key, field] of Object.entries(definition.goldFilterFields ?? {})) {
      if (!known(field))
        context.addIssue({
          code: "custom",
          path: ["goldFilterFields", key],
          message: `"${field}" is not a metadata field; use one of ${[...fields].join(", ") || "(none defined)"}`,
        });
    }
  });

export type DatasetDefinition = z.output<typeof datasetDefinitionSchema>;
export type DatasetMetadataFieldDefinition = z.output<typeof metadataFieldSchema>;
