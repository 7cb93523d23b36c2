import { z } from "zod/v4";
import { COMPARISON_OPERATORS, type FilterScalar } from "../../core/filter/filter-schema.js";
import { filterableFields, type AttributeSchema } from "../attribute-schema.js";

/**
 * What the LLM query constructor asks a chat model for: `{ query, filter, limit }`, the filter in the
 * library's filter language (canonical JSON form). The schema is sent to the model (JSON schema
 * response format or a tool's parameters, depending on the model); the answer is then read leniently
 * by `repairLlmAnswer`, so a model that does not follow it exactly is repaired rather than rejected.
 */

/** A comparison, `and` / `or` list or `not` in the form the model writes. */
export type LlmFilterNode =
  | { field: string; operator: (typeof COMPARISON_OPERATORS)[number]; value: FilterScalar | FilterScalar[] }
  | { and: LlmFilterNode[] }
  | { or: LlmFilterNode[] }
  | { not: LlmFilterNode };

/** The model's answer, as asked for. */
export interface LlmQueryAnswer {
  query: string;
  filter: LlmFilterNode | null;
  limit: number | null;
}

/**
 * The zod schema of the answer for one attribute schema: `field` is one of the filterable fields.
 * Every property is required (nullable instead of optional) and objects are closed, so the schema is
 * accepted by OpenAI's strict structured outputs.
 */
export function buildLlmAnswerSchema(attributes: AttributeSchema): z.ZodType<LlmQueryAnswer> {
  const fields = filterableFields(attributes);
  const scalar = z.union([z.string(), z.number(), z.boolean()]);
  const fieldSchema = fields.length > 0 ? z.enum(fields as [string, ...string[]]) : z.string();
  const node: z.ZodType<LlmFilterNode> = z.lazy(() =>
    z.union([
      z
        .object({
          field: fieldSchema.describe("The metadata attribute compared"),
          operator: z.enum(COMPARISON_OPERATORS),
          value: z.union([scalar, z.array(scalar)]).describe('A number, text, or a date as "YYYY-MM-DD"; a list for "in" and "nin"'),
        })
        .strict(),
      z.object({ and: z.array(node).describe("All of these must hold") }).strict(),
      z.object({ or: z.array(node).describe("At least one of these must hold") }).strict(),
      z.object({ not: node.describe("This must not hold") }).strict(),
    ]),
  ) as z.ZodType<LlmFilterNode>;
  return z
    .object({
      query: z.string().describe('The text to compare with the documents, constraints removed; "" when the question is only constraints'),
      filter: node.nullable().describe("The metadata constraints the question states, or null"),
      limit: z.number().nullable().describe("How many results the question asks for (a whole number), or null"),
    })
    .strict()
    .describe("A search request: a semantic query and a metadata filter") as unknown as z.ZodType<LlmQueryAnswer>;
}

/**
 * The answer schema as a plain JSON schema (what is sent to the model). A plain JSON schema, rather
 * than the zod object, keeps LangChain from validating the answer itself: a validation failure there
 * would lose the whole answer, where `repairLlmAnswer` repairs or drops only the offending parts.
 */
export function toModelJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...jsonSchema } = z.toJSONSchema(schema) as Record<string, unknown>;
  return { title: "search_request", ...jsonSchema };
}
