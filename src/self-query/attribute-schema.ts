import { z } from "zod/v4";
import type { FilterScalar } from "../core/filter/filter-schema.js";
import { InvalidOptionError } from "../core/errors/invalid-option-error.js";
import { parseOptions } from "../core/parse-options.js";

/**
 * What a self-query retriever knows about the metadata of the indexed documents: which fields can be
 * filtered, what they mean, which words name them and which values they take. Query constructors
 * (rule-based or LLM) read it to turn a question into a filter in the library's filter language.
 */

/**
 * Attribute types:
 * - `string`: free text compared for equality (e.g. an author name); with a vocabulary, mentions of a
 *   known value are recognised;
 * - `number` / `integer`: ordered numbers (e.g. a price, a 1-5 star score);
 * - `date`: a calendar date stored as whole days since 1970-01-01 UTC in `name`, with an optional
 *   numeric year field (`yearField`) for year-level comparisons;
 * - `enum`: a closed set of values (`values`), each with the words that name it;
 * - `boolean`: yes/no (e.g. `in_stock`). The attribute's aliases name `true` ("in stock", "pet-friendly");
 *   `values` may give the words of each side (`{ value: false, aliases: ["out of stock"] }`).
 */
export const ATTRIBUTE_TYPES = ["string", "number", "integer", "date", "enum", "boolean"] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

/** One known value of an attribute and the words that name it. */
export interface AttributeValue {
  /** The metadata value, e.g. `3`. */
  value: FilterScalar;
  /** A human name, e.g. "Smart watch". @default none */
  label?: string;
  /** Phrases that name this value in a question, e.g. "wearable", "watch". Matched case- and accent-insensitively, plurals and one typo tolerated. @default [] */
  aliases: string[];
}

/** One filterable metadata attribute. */
export interface AttributeDefinition {
  /** The metadata field filters compare (for a `date`, the field holding epoch days). */
  name: string;
  type: AttributeType;
  /** What the field means, for people and LLM prompts. */
  description: string;
  /** Words that name the attribute in a question, e.g. price: "price", "priced", "cost". @default [] */
  aliases: string[];
  /** Words written after a number that make it a value of this attribute, e.g. "stars", "/10". @default [] */
  units: string[];
  /** Smallest value the field can hold (number/integer). @default none */
  minimum?: number;
  /** Largest value the field can hold (number/integer). @default none */
  maximum?: number;
  /**
   * number/integer only: the field is a rating or score where higher is better (a 1-5 star rating, a 1-10
   * score). Needs `minimum` and `maximum`. Lets the rule-based constructor read vague quality phrases on it
   * as fractions of that range, with a warning naming the range assumed: "highly rated", "top-rated",
   * "well reviewed" = the top quarter (`>= minimum + 0.75 × range`), "badly rated", "poorly reviewed",
   * "low-scoring" = the bottom quarter (`<= minimum + 0.25 × range`), "mediocre", "average-rated" = the
   * middle half (strictly between the two); on a 1-5 rating: >= 4, <= 2, between 2 and 4; on a 1-10
   * integer score: >= 8, <= 3, 4-7. A grade written with an article ("with a 9 or a 10") binds to it too.
   * (Phrases that contain one of a bounded attribute's aliases, "highly rated" with "rated", read that
   * attribute even without this flag.) @default false
   */
  quality?: boolean;
  /** Known values (required for `enum`; for `string`, the vocabulary of recognised values). @default [] */
  values: AttributeValue[];
  /** Fill `values` with the distinct values found in the indexed documents (see `buildVocabulary`). @default false */
  vocabularyFromDocuments: boolean;
  /** `date` only: numeric metadata field holding the year, used for year-level comparisons. @default none */
  yearField?: string;
  /** `date` only: metadata field holding the date as written, shown to people (never compared). @default none */
  displayField?: string;
}

/** The attributes of one collection of documents. */
export interface AttributeSchema {
  /** What the documents are, e.g. "A product in an electronics catalog". Its lower-case words name the documents, not a topic. */
  documentContents: string;
  attributes: AttributeDefinition[];
}

/** What `defineAttributeSchema` accepts: optional lists may be left out. */
export interface AttributeSchemaInput {
  documentContents: string;
  attributes: Array<
    Omit<AttributeDefinition, "aliases" | "units" | "values" | "vocabularyFromDocuments"> & {
      aliases?: string[];
      units?: string[];
      values?: Array<Omit<AttributeValue, "aliases"> & { aliases?: string[] }>;
      vocabularyFromDocuments?: boolean;
    }
  >;
}

const scalarSchema = z.union([z.string(), z.number().refine(Number.isFinite, "must be a finite number"), z.boolean()]);
const phraseSchema = z.string().trim().min(1, "must not be empty");

const valueSchema = z
  .object({
    value: scalarSchema,
    label: z.string().optional(),
    aliases: z.array(phraseSchema).default([]),
  })
  .strict();

const attributeDefinitionSchema = z
  .object({
    name: z.string().min(1, "must not be empty"),
    type: z.enum(ATTRIBUTE_TYPES),
    description: z.string().min(1, "describe what the field means"),
    aliases: z.array(phraseSchema).default([]),
    units: z.array(phraseSchema).default([]),
    minimum: z.number().refine(Number.isFinite, "must be a finite number").optional(),
    maximum: z.number().refine(Number.isFinite, "must be a finite number").optional(),
    quality: z.boolean().optional(),
    values: z.array(valueSchema).default([]),
    vocabularyFromDocuments: z.boolean().default(false),
    yearField: z.string().min(1).optional(),
    displayField: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((attribute, context) => {
    const numeric = attribute.type === "number" || attribute.type === "integer";
    if (attribute.type === "enum" && attribute.values.length === 0 && !attribute.vocabularyFromDocuments) {
      context.addIssue({ code: "custom", path: ["values"], message: "an enum needs its values (or vocabularyFromDocuments: true)" });
    }
    if ((numeric || attribute.type === "date" || attribute.type === "boolean") && attribute.vocabularyFromDocuments) {
      context.addIssue({
        code: "custom",
        path: ["vocabularyFromDocuments"],
        message: `a ${attribute.type} attribute has no vocabulary; use an enum or string attribute`,
      });
    }
    if (!numeric && (attribute.minimum !== undefined || attribute.maximum !== undefined)) {
      context.addIssue({ code: "custom", path: ["minimum"], message: "minimum/maximum are for number and integer attributes" });
    }
    if (attribute.quality === true && !numeric) {
      context.addIssue({ code: "custom", path: ["quality"], message: "quality is for number and integer attributes (a rating or score)" });
    }
    if (attribute.quality === true && numeric && (attribute.minimum === undefined || attribute.maximum === undefined)) {
      context.addIssue({
        code: "custom",
        path: ["quality"],
        message:
          "a quality attribute needs minimum and maximum (its scale, e.g. minimum: 1, maximum: 5), which vague phrases are read against",
      });
    }
    if (attribute.minimum !== undefined && attribute.maximum !== undefined && attribute.minimum > attribute.maximum) {
      context.addIssue({ code: "custom", path: ["maximum"], message: `must not be below minimum ${attribute.minimum}` });
    }
    if (attribute.type !== "date" && (attribute.yearField !== undefined || attribute.displayField !== undefined)) {
      context.addIssue({ code: "custom", path: ["yearField"], message: "yearField/displayField are for date attributes" });
    }
    if (attribute.type === "string") {
      attribute.values.forEach((entry, index) => {
        if (typeof entry.value !== "string")
          context.addIssue({ code: "custom", path: ["values", index, "value"], message: "a string attribute takes string values" });
      });
    }
    if (attribute.type === "boolean") {
      attribute.values.forEach((entry, index) => {
        if (typeof entry.value !== "boolean")
          context.addIssue({ code: "custom", path: ["values", index, "value"], message: "a boolean attribute takes true or false" });
      });
    }
    if (numeric) {
      attribute.values.forEach((entry, index) => {
        if (typeof entry.value !== "number")
          context.addIssue({ code: "custom", path: ["values", index, "value"], message: `a ${attribute.type} attribute takes numbers` });
      });
    }
    const seen = new Set<FilterScalar>();
    attribute.values.forEach((entry, index) => {
      if (seen.has(entry.value)) context.addIssue({ code: "custom", path: ["values", index, "value"], message: "listed twice" });
      seen.add(entry.value);
    });
  });

export const attributeSchemaSchema = z
  .object({
    documentContents: z.string().min(1, "describe what the documents are"),
    attributes: z.array(attributeDefinitionSchema).min(1, "list at least one attribute"),
  })
  .strict()
  .superRefine((schema, context) => {
    const fields = new Map<string, number>();
    schema.attributes.forEach((attribute, index) => {
      for (const field of [attribute.name, attribute.yearField]) {
        if (field === undefined) continue;
        if (fields.has(field)) {
          context.addIssue({
            code: "custom",
            path: ["attributes", index, "name"],
            message: `field "${field}" is already used by attribute ${fields.get(field)}`,
          });
        }
        fields.set(field, index);
      }
    });
  });

/**
 * Validates an attribute schema and fills the defaults. Throws `InvalidOptionError` naming the
 * offending entry (e.g. `attributeSchema.attributes.2.values`). The result is a fresh copy.
 */
export function defineAttributeSchema(input: AttributeSchemaInput | AttributeSchema): AttributeSchema {
  return parseOptions(attributeSchemaSchema, input, "attributeSchema") as AttributeSchema;
}

/** The attribute controlling a metadata field (its `name` or, for dates, its `yearField`), if any. */
export function findAttribute(schema: AttributeSchema, field: string): AttributeDefinition | undefined {
  return schema.attributes.find((attribute) => attribute.name === field || attribute.yearField === field);
}

/** Every metadata field the schema lets filters compare. */
export function filterableFields(schema: AttributeSchema): string[] {
  return schema.attributes.flatMap((attribute) =>
    attribute.yearField === undefined ? [attribute.name] : [attribute.name, attribute.yearField],
  );
}

/** Most distinct values `buildVocabulary` reads for one attribute before refusing. */
export const DEFAULT_MAXIMUM_VOCABULARY_SIZE = 10_000;

/** Options of `buildVocabulary`. */
export interface BuildVocabularyOptions {
  /** Most distinct values read for one attribute; more is an `InvalidOptionError` (the field is not a vocabulary). @default 10_000 */
  maximumValues?: number;
}

/** Anything with metadata: LangChain documents, search results' documents, plain records. */
export interface HasMetadata {
  /** Any object (typed metadata interfaces included). */
  metadata: object;
}

/**
 * Reads the value vocabulary of the indexed documents: for every `enum` attribute and every attribute
 * with `vocabularyFromDocuments`, the distinct values found in `documents` (strings for `string`
 * attributes; strings, numbers and booleans for enums) are added to `values`. Values already listed
 * keep their position, label and aliases; new ones follow in sorted order with no aliases.
 * Returns a new schema; the input is not changed.
 */
export function buildVocabulary(
  documents: Iterable<HasMetadata>,
  schema: AttributeSchema,
  options: BuildVocabularyOptions = {},
): AttributeSchema {
  const maximumValues = options.maximumValues ?? DEFAULT_MAXIMUM_VOCABULARY_SIZE;
  if (!Number.isInteger(maximumValues) || maximumValues < 1) {
    throw new InvalidOptionError({ option: "maximumValues", value: maximumValues, message: "must be a whole number of at least 1" });
  }
  const base = defineAttributeSchema(schema);
  const collecting = base.attributes.map((attribute) => attribute.type === "enum" || attribute.vocabularyFromDocuments);
  const found = base.attributes.map(() => new Set<FilterScalar>());
  for (const document of documents) {
    base.attributes.forEach((attribute, index) => {
      if (!collecting[index]) return;
      const value = (document.metadata as Readonly<Record<string, unknown>>)[attribute.name];
      const accepted = attribute.type === "string" ? typeof value === "string" && value.trim() !== "" : isScalar(value);
      if (!accepted) return;
      const set = found[index] as Set<FilterScalar>;
      set.add(value as FilterScalar);
      if (set.size > maximumValues) {
        throw new InvalidOptionError({
          option: `attributeSchema.attributes.${index}.vocabularyFromDocuments`,
          value: attribute.name,
          message: `the documents hold more than ${maximumValues} distinct values of "${attribute.name}", too many for a vocabulary; turn vocabularyFromDocuments off for it or raise maximumValues`,
        });
      }
    });
  }
  return {
    documentContents: base.documentContents,
    attributes: base.attributes.map((attribute, index) => {
      if (!collecting[index]) return attribute;
      const known = new Set(attribute.values.map((entry) => entry.value));
      const added = [...(found[index] as Set<FilterScalar>)].filter((value) => !known.has(value)).sort(compareScalars);
      return { ...attribute, values: [...attribute.values, ...added.map((value) => ({ value, aliases: [] }))] };
    }),
  };
}

function isScalar(value: unknown): value is FilterScalar {
  return typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value));
}

function compareScalars(left: FilterScalar, right: FilterScalar): number {
  if (typeof left === "number" && typeof right === "number") return left - right;
  const leftText = String(left);
  const rightText = String(right);
  return leftText < rightText ? -1 : leftText > rightText ? 1 : 0;
}

/** LangChain `AttributeInfo`-shaped descriptions (name, type, description), e.g. for an LLM prompt. */
export interface AttributeInfoLike {
  name: string;
  type: string;
  description: string;
}

/** Most known values listed in a prompt description; longer vocabularies are summarised. */
export const MAXIMUM_VALUES_IN_DESCRIPTION = 40;

/**
 * Describes every filterable field for a query-constructor prompt: enums list their values and labels,
 * dates explain the epoch-day encoding and the year field, numbers their range.
 */
export function toAttributeInfo(schema: AttributeSchema): AttributeInfoLike[] {
  return schema.attributes.flatMap((attribute): AttributeInfoLike[] => {
    switch (attribute.type) {
      case "date": {
        const infos: AttributeInfoLike[] = [
          {
            name: attribute.name,
            type: "integer",
            description: `${attribute.description} (whole days since 1970-01-01 UTC; compare with numbers)`,
          },
        ];
        if (attribute.yearField !== undefined) {
          infos.push({ name: attribute.yearField, type: "integer", description: `The year of ${attribute.name}, e.g. 2019` });
        }
        return infos;
      }
      case "number":
      case "integer": {
        const range =
          attribute.minimum !== undefined && attribute.maximum !== undefined ? ` (${attribute.minimum} to ${attribute.maximum})` : "";
        return [{ name: attribute.name, type: attribute.type, description: `${attribute.description}${range}` }];
      }
      case "boolean":
        return [{ name: attribute.name, type: "boolean", description: `${attribute.description} (true or false)` }];
      default: {
        const values = attribute.values
          .slice(0, MAXIMUM_VALUES_IN_DESCRIPTION)
          .map((entry) => (entry.label ? `${JSON.stringify(entry.value)} (${entry.label})` : JSON.stringify(entry.value)));
        const more = attribute.values.length > MAXIMUM_VALUES_IN_DESCRIPTION ? `, ... (${attribute.values.length} in all)` : "";
        const listed = values.length > 0 ? `; one of ${values.join(", ")}${more}` : "";
        const type =
          attribute.values.every((entry) => typeof entry.value === "number") && attribute.values.length > 0 ? "integer" : "string";
        return [{ name: attribute.name, type, description: `${attribute.description}${listed}` }];
      }
    }
  });
}

/** Unit words a field name may end with ("duration_minutes", "mileage_km"): the name without them names the attribute. */
const NAME_UNIT_WORDS = new Set([
  "minutes",
  "mins",
  "hours",
  "hrs",
  "seconds",
  "secs",
  "days",
  "weeks",
  "months",
  "years",
  "yrs",
  "km",
  "kg",
  "miles",
]);

/** The words of a field name: `first_published`, `trackCount`, `duration-minutes` → lower-case words of letters. */
function nameWords(name: string): string[] {
  return name
    .replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2")
    .toLowerCase()
    .split(/[\s_\-.]+/u)
    .filter((word) => /^\p{L}+$/u.test(word));
}

/**
 * The phrases a number, integer or date attribute's field name says, when the developer did not list them as aliases:
 * `first_published` "first published", `episode_number` "episode number", `duration_minutes` "duration" (a trailing
 * unit word dropped), `trackCount` "track count". A phrase that is one of its units, or a lone "-ing" word left after
 * dropping a unit ("running" of `running_minutes`), is not added.
 */
export function namePhrases(attribute: AttributeDefinition): string[] {
  if (attribute.type !== "number" && attribute.type !== "integer" && attribute.type !== "date") return [];
  const words = nameWords(attribute.name);
  if (words.length === 0) return [];
  const units = new Set(attribute.units.map((unit) => unit.toLowerCase()));
  const last = words[words.length - 1] as string;
  const phrase = (NAME_UNIT_WORDS.has(last) || units.has(last)) && words.length > 1 ? words.slice(0, -1) : words;
  if (phrase.length === 1 && words.length > 1 && /ing$/u.test(phrase[0] as string)) return [];
  const text = phrase.join(" ");
  const known = new Set([...attribute.aliases.map((alias) => alias.toLowerCase()), ...units]);
  return known.has(text) ? [] : [text];
}

/**
 * The units a count's field name says, when it declares none: `track_count` "tracks" and "track", `number_of_guests`
 * "guests" and "guest" ("albums with more than 12 tracks").
 */
export function nameUnits(attribute: AttributeDefinition): string[] {
  if ((attribute.type !== "number" && attribute.type !== "integer") || attribute.units.length > 0) return [];
  const words = nameWords(attribute.name);
  const counted =
    words.length >= 2 && words[words.length - 1] === "count"
      ? words.slice(0, -1)
      : words.length >= 2 && (words[0] === "num" || words[0] === "number")
        ? words.slice(words[1] === "of" ? 2 : 1)
        : [];
  if (counted.length !== 1) return [];
  const noun = counted[0] as string;
  if (noun.length < 3) return [];
  const singular = noun.endsWith("ies") ? `${noun.slice(0, -3)}y` : noun.endsWith("s") && !noun.endsWith("ss") ? noun.slice(0, -1) : noun;
  const plural = /(?:s|x|ch|sh)$/u.test(singular)
    ? `${singular}es`
    : /[^aeiou]y$/u.test(singular)
      ? `${singular.slice(0, -1)}ies`
      : `${singular}s`;
  return [plural, singular];
}

/**
 * The schema with each attribute's `namePhrases` appended to its aliases and a count's `nameUnits` as its units (what
 * the rule-based constructor reads).
 */
export function withNamePhrases(schema: AttributeSchema): AttributeSchema {
  return {
    documentContents: schema.documentContents,
    attributes: schema.attributes.map((attribute) => {
      const phrases = namePhrases(attribute);
      const units = nameUnits(attribute);
      return phrases.length === 0 && units.length === 0
        ? attribute
        : { ...attribute, aliases: [...attribute.aliases, ...phrases], units: [...attribute.units, ...units] };
    }),
  };
}
