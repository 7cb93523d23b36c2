import { z } from "zod/v4";

/**
 * The one metadata filter language every technique and store understands.
 *
 * A filter is a tree: leaves compare one metadata field with a value, inner nodes combine with
 * `and`, `or` and `not`. It is plain JSON, so it can be logged, stored, sent to an LLM as a schema,
 * and translated to other languages (in-memory predicate, Chroma `where`, LangChain StructuredQuery)
 * without ever building code or query strings from values.
 */

/** Comparison operators. `in`/`nin` take an array; `contains` tests array membership or substring. */
export const COMPARISON_OPERATORS = ["eq", "ne", "gt", "gte", "lt", "lte", "in", "nin", "contains"] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

/** A value a metadata field is compared with. Dates are compared as numbers (e.g. days since epoch). */
export type FilterScalar = string | number | boolean;

export interface Comparison {
  field: string;
  operator: ComparisonOperator;
  value: FilterScalar | FilterScalar[];
}
export interface AndFilter {
  and: FilterExpression[];
}
export interface OrFilter {
  or: FilterExpression[];
}
export interface NotFilter {
  not: FilterExpression;
}
export type FilterExpression = Comparison | AndFilter | OrFilter | NotFilter;

/** Deepest nesting accepted. Deeper filters are rejected (they are never legitimate and cost stack). */
export const MAX_FILTER_DEPTH = 32;

const scalarSchema = z.union([z.string(), z.number().refine(Number.isFinite, "must be a finite number"), z.boolean()]);

export const comparisonSchema = z
  .object({
    field: z.string().min(1, "field name must not be empty"),
    operator: z.enum(COMPARISON_OPERATORS),
    value: z.union([scalarSchema, z.array(scalarSchema)]),
  })
  .strict()
  .superRefine((node, context) => {
    const isList = Array.isArray(node.value);
    if ((node.operator === "in" || node.operator === "nin") && !isList) {
      context.addIssue({ code: "custom", path: ["value"], message: `operator "${node.operator}" needs an array of values` });
    }
    if (node.operator !== "in" && node.operator !== "nin" && isList) {
      context.addIssue({
        code: "custom",
        path: ["value"],
        message: `operator "${node.operator}" needs a single value, not an array (use "in" for a list)`,
      });
    }
    if (["gt", "gte", "lt", "lte"].includes(node.operator) && typeof node.value === "boolean") {
      context.addIssue({ code: "custom", path: ["value"], message: `operator "${node.operator}" needs a number or string, not a boolean` });
    }
  });

/** zod schema of the canonical filter tree (recursive). */
export const filterExpressionSchema: z.ZodType<FilterExpression> = z.lazy(() =>
  z.union([
    comparisonSchema,
    z.object({ and: z.array(filterExpressionSchema).min(1, "and needs at least one filter") }).strict(),
    z.object({ or: z.array(filterExpressionSchema).min(1, "or needs at least one filter") }).strict(),
    z.object({ not: filterExpressionSchema }).strict(),
  ]),
) as z.ZodType<FilterExpression>;

export function isComparison(node: FilterExpression): node is Comparison {
  return "operator" in node;
}
export function isAnd(node: FilterExpression): node is AndFilter {
  return "and" in node;
}
export function isOr(node: FilterExpression): node is OrFilter {
  return "or" in node;
}
export function isNot(node: FilterExpression): node is NotFilter {
  return "not" in node;
}
