import { dirname, isAbsolute, resolve } from "node:path";
import type { DocumentInterface } from "@langchain/core/documents";
import {
  readCsvFolderRecords,
  readCsvRecords,
  readJsonlRecords,
  readTextFolderRecords,
  type SourceRecord,
} from "../../loaders/source-records.js";
import { defineAttributeSchema, type AttributeSchema, type AttributeSchemaInput } from "../../self-query/attribute-schema.js";
import {
  displayColumnsForFields,
  fingerprintDefinition,
  yearFieldName,
  type Dataset,
  type DatasetField,
  type DisplayColumn,
} from "../dataset.js";
import { buildDatasetDocuments } from "./build-documents.js";
import type { DatasetDefinition, DatasetMetadataFieldDefinition } from "./definition-schema.js";

/** Most display columns picked when `display` is not given. */
export const DEFAULT_DISPLAY_COLUMNS = 3;

/** Options of `datasetFromDefinition`. */
export interface DatasetFromDefinitionOptions {
  /** Folder relative `source.path` and `queries` are resolved against (the dataset file's folder). */
  baseFolder: string;
  /** Reads the documents from here instead of `source.path` (`--data` with `--dataset FILE`). @default source.path */
  dataOverride?: string;
  /** `file` for a dataset.json, `inferred` for `--data FILE` alone. @default "file" */
  origin?: Dataset["origin"];
}

/** The `Dataset` a validated `dataset.json` describes. */
export function datasetFromDefinition(definition: DatasetDefinition, options: DatasetFromDefinitionOptions): Dataset {
  const absolute = (path: string) => (isAbsolute(path) ? path : resolve(options.baseFolder, path));
  const location = options.dataOverride === undefined ? absolute(definition.source.path) : resolve(options.dataOverride);
  const entries = Object.entries(definition.metadata ?? {});
  const metadataFields: DatasetField[] = entries.flatMap(([name, field]): DatasetField[] => {
    const description = field.description ?? `The ${name.replace(/_/g, " ")}`;
    const main: DatasetField = {
      name,
      type: field.type,
      description: field.type === "date" ? `${description} (whole days since 1970-01-01 UTC)` : description,
    };
    return field.type === "date" ? [main, { name: yearFieldName(name), type: "integer", description: `The year of ${name}` }] : [main];
  });
  return {
    id: definition.id,
    description: definition.description,
    location,
    origin: options.origin ?? "file",
    idField: definition.idField ?? null,
    contentFields: [...(definition.content.title === undefined ? [] : [definition.content.title]), ...definition.content.fields],
    metadataFields,
    attributes: attributesOf(definition),
    displayColumns: displayColumnsOf(definition, metadataFields),
    filterOnlyOrder: (definition.filterOnlyOrder ?? []).map((key) => ({ ...key })),
    goldFilterFields: { ...(definition.goldFilterFields ?? {}) },
    ...(definition.queries === undefined ? {} : { queryFile: absolute(definition.queries) }),
    fingerprint: fingerprintDefinition({ definition, location }),
    async load(loadOptions = {}): Promise<DocumentInterface[]> {
      return buildDatasetDocuments(await readSource(definition, location), definition, loadOptions);
    },
  };
}

/** Reads the records of the definition's source at `location`. */
export async function readSource(definition: DatasetDefinition, location: string): Promise<SourceRecord[]> {
  const source = definition.source;
  switch (source.type) {
    case "csv":
      return await readCsvRecords(location, source.delimiter === undefined ? {} : { delimiter: source.delimiter });
    case "jsonl":
      return await readJsonlRecords(location);
    case "csv-folder":
      return await readCsvFolderRecords(location, source.delimiter === undefined ? {} : { delimiter: source.delimiter });
    case "text-folder":
      return await readTextFolderRecords(
        location,
        ...(source.extensions === undefined ? [] : [source.extensions.map((extension) => extension.toLowerCase())]),
      );
  }
}

/** The self-query attribute schema of the definition's filterable metadata fields. */
export function attributesOf(definition: DatasetDefinition): AttributeSchema {
  const attributes: AttributeSchemaInput["attributes"] = [];
  for (const [name, field] of Object.entries(definition.metadata ?? {})) {
    if (field.filterable === false) continue;
    attributes.push(attributeOf(name, field));
  }
  if (attributes.length === 0) {
    // The self-query technique needs at least one attribute; a dataset without metadata filters on nothing.
    return { documentContents: definition.documentContents ?? definition.description, attributes: [] };
  }
  return defineAttributeSchema({ documentContents: definition.documentContents ?? definition.description, attributes });
}

function attributeOf(name: string, field: DatasetMetadataFieldDefinition): AttributeSchemaInput["attributes"][number] {
  const description = field.description ?? `The ${name.replace(/_/g, " ")}`;
  const aliases = field.aliases ?? [...new Set([name.replace(/_/g, " ").toLowerCase()])];
  switch (field.type) {
    case "date":
      return { name, type: "date", description, aliases, yearField: yearFieldName(name) };
    case "number":
    case "integer":
      return {
        name,
        type: field.type,
        description,
        aliases,
        ...(field.units === undefined ? {} : { units: field.units }),
        ...(field.minimum === undefined ? {} : { minimum: field.minimum }),
        ...(field.maximum === undefined ? {} : { maximum: field.maximum }),
        ...(field.quality === undefined ? {} : { quality: field.quality }),
      };
    case "enum":
      return {
        name,
        type: "enum",
        description,
        aliases,
        ...(field.values === undefined ? { vocabularyFromDocuments: true } : { values: valuesOf(field.values) }),
      };
    case "boolean":
      return { name, type: "boolean", description, aliases, ...(field.values === undefined ? {} : { values: valuesOf(field.values) }) };
    case "string":
      return {
        name,
        type: "string",
        description,
        aliases,
        vocabularyFromDocuments: field.vocabulary ?? false,
        ...(field.values === undefined ? {} : { values: valuesOf(field.values) }),
      };
  }
}

function valuesOf(
  values: NonNullable<DatasetMetadataFieldDefinition["values"]>,
): Array<{ value: string | number | boolean; label?: string; aliases: string[] }> {
  return values.map((entry) =>
    typeof entry === "object"
      ? { value: entry.value, ...(entry.label === undefined ? {} : { label: entry.label }), aliases: entry.aliases ?? ownName(entry.value) }
      : { value: entry, aliases: ownName(entry) },
  );
}

/** A text enum value without aliases is named by itself in questions ("herbal"); numbers and booleans are not. */
function ownName(value: string | number | boolean): string[] {
  return typeof value === "string" && value.trim() !== "" ? [value.trim()] : [];
}

function displayColumnsOf(definition: DatasetDefinition, fields: readonly DatasetField[]): DisplayColumn[] {
  const byName = new Map(fields.map((field) => [field.name, field]));
  if (definition.display !== undefined) {
    return definition.display.map((entry) => {
      const name = typeof entry === "string" ? entry : entry.field;
      const [column] = displayColumnsForFields(
        [byName.get(name) as DatasetField],
        typeof entry === "string" || entry.width === undefined ? {} : { [name]: entry.width },
      );
      return typeof entry === "string" || entry.header === undefined
        ? (column as DisplayColumn)
        : { ...(column as DisplayColumn), header: entry.header };
    });
  }
  const yearFields = new Set(
    Object.entries(definition.metadata ?? {})
      .filter(([, field]) => field.type === "date")
      .map(([name]) => yearFieldName(name)),
  );
  const picked = fields.filter((field) => field.type !== "string" && !yearFields.has(field.name)).slice(0, DEFAULT_DISPLAY_COLUMNS);
  return displayColumnsForFields(picked);
}

/** The folder a dataset file's relative paths are resolved against. */
export function definitionFolder(file: string): string {
  return dirname(resolve(file));
}
