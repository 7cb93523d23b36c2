import { assertFilterDepth } from "../core/filter/filter-depth.js";
import type { Where } from "chromadb";
import { InvalidFilterError } from "../core/errors/invalid-filter-error.js";
import {
  isAnd,
  isComparison,
  isNot,
  type Comparison,
  type ComparisonOperator,
  type FilterExpression,
  type FilterScalar,
} from "../core/filter/filter-schema.js";

/**
 * Translates the library's filter language to a Chroma `where` clause (chromadb 3.0 client).
 *
 * - Operators map one to one: eq→$eq, ne→$ne, gt→$gt, gte→$gte, lt→$lt, lte→$lte, in→$in, nin→$nin.
 * - `$and` / `$or` take at least two clauses in Chroma: a single condition is never wrapped, several
 *   always are; nested `and`s (or `or`s) are flattened.
 * - Chroma has no `$not`: `not` is pushed down to the leaves with De Morgan's laws (not(a and b) =
 *   not a or not b) and operator negation (eq↔ne, in↔nin, gt↔lte, gte↔lt).
 * - `$in` / `$nin` lists must hold one type in Chroma; a mixed list is split by type (strings,
 *   booleans, whole numbers, other numbers) into an `$or` of `$in`s (or an `$and` of `$nin`s).
 * - Chroma compares order ($gt...) on numbers only: an ordering comparison with a string value is an
 *   `InvalidFilterError` (store dates as numbers, e.g. epoch days in `release_date`).
 * - `contains` is an `InvalidFilterError`: chromadb 3.0 `where` filters have no metadata `$contains`
 *   (metadata values are scalars; `whereDocument` `$contains` searches the text, not metadata).
 *
 * Semantics match `compileFilter` (ne/nin match documents without the field, as Chroma >= 0.5.12
 * does), with one exception Chroma cannot express: a *negated ordering* comparison such as
 * `not (price > 7)` becomes `price <= 7`, which, unlike the in-memory filter, does not match
 * documents that lack `price` or hold a non-number there. `chromaWhereIsExact` tells when a filter
 * has such a comparison, so a store can post-filter with `compileFilter` or warn.
 *
 * Returns `undefined` for no filter (Chroma's "no where clause").
 */
export function toChromaWhere(filter: FilterExpression | null | undefined): Where | undefined {
  if (filter == null) return undefined;
  assertFilterDepth(filter);
  return translate(filter, false, "");
}

/**
 * True when `toChromaWhere(filter)` matches exactly the documents `compileFilter(filter)` matches,
 * whatever the metadata. False when pushing `not` down negates an ordering comparison (exact only for
 * documents whose field holds a number).
 */
export function chromaWhereIsExact(filter: FilterExpression | null | undefined): boolean {
  if (filter == null) return true;
  assertFilterDepth(filter);
  const visit = (node: FilterExpression, negated: boolean): boolean => {
    if (isComparison(node)) return !(negated && ORDERING.has(node.operator));
    if (isNot(node)) return visit(node.not, !negated);
    const children = isAnd(node) ? node.and : node.or;
    return children.every((child) => visit(child, negated));
  };
  return visit(filter, false);
}

const ORDERING = new Set<ComparisonOperator>(["gt", "gte", "lt", "lte"]);

const NEGATED_OPERATOR: Record<Exclude<ComparisonOperator, "contains">, Exclude<ComparisonOperator, "contains">> = {
  eq: "ne",
  ne: "eq",
  gt: "lte",
  gte: "lt",
  lt: "gte",
  lte: "gt",
  in: "nin",
  nin: "in",
};

type WhereClause = Record<string, unknown>;

function translate(node: FilterExpression, negated: boolean, path: string): Where {
  if (isComparison(node)) return comparison(node, negated, path) as Where;
  if (isNot(node)) return translate(node.not, !negated, join(path, "not"));
  const isConjunction = isAnd(node) !== negated; // De Morgan: a negated or is an and
  const children = isAnd(node) ? node.and : node.or;
  const key = isAnd(node) ? "and" : "or";
  if (children.length === 0) throw new InvalidFilterError({ path: join(path, key), message: `${key} needs at least one filter` });
  const clauses = children.map((child, index) => translate(child, negated, `${join(path, key)}[${index}]`));
  return combine(isConjunction ? "$and" : "$or", clauses);
}

/** `$and`/`$or` of clauses: one clause stays bare, same-kind children are flattened. */
function combine(operator: "$and" | "$or", clauses: Where[]): Where {
  const flat = clauses.flatMap((clause) => {
    const inner = (clause as WhereClause)[operator];
    return Object.keys(clause).length === 1 && Array.isArray(inner) ? (inner as Where[]) : [clause];
  });
  if (flat.length === 1) return flat[0] as Where;
  return { [operator]: flat } as Where;
}

function comparison(node: Comparison, negated: boolean, path: string): WhereClause {
  const { field, value } = node;
  if (field.startsWith("$") || field.startsWith("#")) {
    throw new InvalidFilterError({
      path: join(path, "field"),
      message: `Chroma reserves field names starting with "$" or "#" ("${field}"); rename the metadata field`,
    });
  }
  if (node.operator === "contains") {
    throw new InvalidFilterError({
      path: join(path, "operator"),
      message: `"contains" on metadata field "${field}" is not supported by Chroma where-filters (chromadb 3.0 has no metadata $contains); use eq/in on exact values, or a store that filters in memory`,
    });
  }
  const operator = negated ? NEGATED_OPERATOR[node.operator] : node.operator;
  if (operator === "in" || operator === "nin") {
    const values = Array.isArray(value) ? value : [value];
    if (values.length === 0) {
      throw new InvalidFilterError({
        path: join(path, "value"),
        message: `Chroma needs at least one value for "${operator}"; drop the condition or give values`,
      });
    }
    const groups = groupByType(values);
    const clauses = groups.map((group) => ({ [field]: { [`$${operator}`]: group } }));
    return clauses.length === 1 ? (clauses[0] as WhereClause) : { [operator === "in" ? "$or" : "$and"]: clauses };
  }
  if (Array.isArray(value)) {
    throw new InvalidFilterError({
      path: join(path, "value"),
      message: `operator "${node.operator}" needs a single value, not an array (use "in" for a list)`,
    });
  }
  if (ORDERING.has(operator) && typeof value !== "number") {
    throw new InvalidFilterError({
      path: join(path, "value"),
      message: `Chroma where-filters compare order ($${operator}) only on numbers, got ${JSON.stringify(value)} for "${field}"; store the field as a number (dates as whole days since 1970-01-01)`,
    });
  }
  return { [field]: { [`$${operator}`]: value } };
}

/** Splits a value list by Chroma type, keeping first-seen order: strings, booleans, integers, floats. */
function groupByType(values: FilterScalar[]): FilterScalar[][] {
  const groups = new Map<string, FilterScalar[]>();
  for (const value of values) {
    const kind = typeof value === "number" ? (Number.isInteger(value) ? "integer" : "float") : typeof value;
    const group = groups.get(kind) ?? [];
    if (!group.includes(value)) group.push(value);
    groups.set(kind, group);
  }
  return [...groups.values()];
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
