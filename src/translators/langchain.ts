import {
  Comparison as LangChainComparison,
  Operation,
  StructuredQuery,
  type Comparator,
  type FilterDirective,
  type Operator,
} from "@langchain/core/structured_query";
import { InvalidFilterError } from "../core/errors/invalid-filter-error.js";
import { assertFilterDepth, MAX_FILTER_WALK_DEPTH } from "../core/filter/filter-depth.js";
import { describeValue } from "../core/errors/invalid-option-error.js";
import { isAnd, isComparison, isNot, type Comparison, type FilterExpression, type FilterScalar } from "../core/filter/filter-schema.js";
import type { AttributeDefinition, AttributeSchema } from "../self-query/attribute-schema.js";
import { parseCalendarText } from "../self-query/calendar.js";

/**
 * Both directions between the library's filter language and LangChain's structured-query IR
 * (`@langchain/core/structured_query`: `Comparison`, `Operation`, `StructuredQuery`), so the output
 * of a LangChain query constructor (`loadQueryConstructorRunnable`, `SelfQueryRetriever`'s LLM chain)
 * can drive our stores, and our filters can go to LangChain translators.
 *
 * LangChain's IR has six comparators (eq, ne, gt, gte, lt, lte) and three operators (and, or, not):
 * - ours → LangChain: `in` becomes an `or` of `eq`s, `nin` an `and` of `ne`s (the same documents
 *   match: an `in` on a list field matches when any element is listed, like an `or` of `eq`s);
 *   `contains` has no LangChain form and is an `InvalidFilterError`;
 * - LangChain → ours: an `or` of `eq`s on one field becomes `in`, an `and` of `ne`s on one field
 *   `nin`. `or` keeps its meaning: it matches a document when *any* part does, never every document
 *   (LangChain's own `FunctionalTranslator` starts its `or` from `true`, so its `or` matches
 *   everything; we do not copy that).
 */

/** Our filter as a LangChain filter directive. `null`/`undefined` give `undefined` (no filter). */
export function toLangChainFilter(filter: FilterExpression | null | undefined): FilterDirective | undefined {
  if (filter == null) return undefined;
  assertFilterDepth(filter);
  return toDirective(filter, "");
}

/** A LangChain `StructuredQuery` of a semantic query and our filter. */
export function toStructuredQuery(query: string, filter: FilterExpression | null | undefined): StructuredQuery {
  return new StructuredQuery(query, toLangChainFilter(filter));
}

function toDirective(node: FilterExpression, path: string): FilterDirective {
  if (isComparison(node)) return comparisonToDirective(node, path);
  if (isNot(node)) return new Operation("not", [toDirective(node.not, join(path, "not"))]);
  const [operator, children, key] = isAnd(node) ? (["and", node.and, "and"] as const) : (["or", node.or, "or"] as const);
  if (children.length === 0) throw new InvalidFilterError({ path: join(path, key), message: `${key} needs at least one filter` });
  return new Operation(
    operator,
    children.map((child, index) => toDirective(child, `${join(path, key)}[${index}]`)),
  );
}

function comparisonToDirective({ field, operator, value }: Comparison, path: string): FilterDirective {
  switch (operator) {
    case "in":
    case "nin": {
      const values = Array.isArray(value) ? value : [value];
      if (values.length === 0) {
        throw new InvalidFilterError({
          path: join(path, "value"),
          message: `"${operator}" needs at least one value to be written as LangChain comparisons`,
        });
      }
      const comparator: Comparator = operator === "in" ? "eq" : "ne";
      const parts = values.map((item) => new LangChainComparison<FilterScalar>(comparator, field, item));
      return parts.length === 1 ? (parts[0] as FilterDirective) : new Operation(operator === "in" ? "or" : "and", parts);
    }
    case "contains":
      throw new InvalidFilterError({
        path: join(path, "operator"),
        message: `"contains" has no LangChain structured-query form (its comparators are eq, ne, gt, gte, lt, lte); use eq/in on exact values`,
      });
    default:
      if (Array.isArray(value))
        throw new InvalidFilterError({ path: join(path, "value"), message: `operator "${operator}" needs a single value, not an array` });
      return new LangChainComparison<FilterScalar>(operator, field, value);
  }
}

/** Options of `fromLangChainFilter` and `fromStructuredQuery`. */
export interface FromLangChainOptions {
  /**
   * The attribute schema. When given, attribute names are checked (an unknown one is an
   * `InvalidFilterError`, matched case-insensitively, a date's year field and display field
   * included), values are read in the attribute's type (LLMs often write numbers as strings: "7"),
   * enum values may be written as their aliases ("Parabellum" → 3), and a date written as text
   * ("2019-05-01", `{ date: "2019-05-01", type: "date" }`) on a date attribute becomes epoch days.
   * Without it, names and values are kept as written.
   * @default none
   */
  attributes?: AttributeSchema;
}

/** Our filter from a LangChain filter directive (`Comparison` / `Operation`). */
export function fromLangChainFilter(
  directive: FilterDirective | null | undefined,
  options: FromLangChainOptions = {},
): FilterExpression | null {
  if (directive == null) return null;
  // Depth first, without recursion: a 10,000-deep Operation tree is an InvalidFilterError, not a stack overflow.
  const pending: Array<{ node: unknown; depth: number }> = [{ node: directive, depth: 0 }];
  while (pending.length > 0) {
    const { node, depth } = pending.pop()!;
    if (depth > MAX_FILTER_WALK_DEPTH)
      throw new InvalidFilterError({
        path: "",
        message: `the LangChain filter is nested deeper than ${MAX_FILTER_WALK_DEPTH} levels; flatten it`,
      });
    const args = (node as { args?: unknown } | null)?.args;
    if (Array.isArray(args)) for (const arg of args) pending.push({ node: arg, depth: depth + 1 });
  }
  return fromDirective(directive, "", options.attributes);
}

/** Our semantic query and filter from a LangChain `StructuredQuery`. */
export function fromStructuredQuery(
  structuredQuery: StructuredQuery,
  options: FromLangChainOptions = {},
): { query: string; filter: FilterExpression | null } {
  return { query: structuredQuery.query.trim(), filter: fromLangChainFilter(structuredQuery.filter, options) };
}

const COMPARATORS = new Set<string>(["eq", "ne", "gt", "gte", "lt", "lte"]);
const OPERATORS = new Set<string>(["and", "or", "not"]);

function fromDirective(directive: FilterDirective, path: string, attributes: AttributeSchema | undefined): FilterExpression {
  const node = directive as unknown as {
    exprName?: unknown;
    operator?: unknown;
    args?: unknown;
    comparator?: unknown;
    attribute?: unknown;
    value?: unknown;
  };
  if (node.exprName === "Comparison") {
    if (typeof node.comparator !== "string" || !COMPARATORS.has(node.comparator)) {
      throw new InvalidFilterError({
        path: join(path, "comparator"),
        message: `unknown LangChain comparator ${describeValue(node.comparator)} (allowed: eq, ne, gt, gte, lt, lte)`,
      });
    }
    if (typeof node.attribute !== "string" || node.attribute === "") {
      throw new InvalidFilterError({
        path: join(path, "attribute"),
        message: `attribute must be a non-empty string, got ${describeValue(node.attribute)}`,
      });
    }
    return readComparison(node.comparator as Comparator, node.attribute, node.value, path, attributes);
  }
  if (node.exprName === "Operation") {
    const operator = node.operator;
    if (typeof operator !== "string" || !OPERATORS.has(operator)) {
      throw new InvalidFilterError({
        path: join(path, "operator"),
        message: `unknown LangChain operator ${describeValue(operator)} (allowed: and, or, not)`,
      });
    }
    const args = Array.isArray(node.args) ? (node.args as FilterDirective[]) : [];
    const childPath = join(path, operator);
    if (args.length === 0) {
      throw new InvalidFilterError({
        path: childPath,
        message: `"${operator}" has no arguments; an empty filter operation means nothing, leave the filter out instead`,
      });
    }
    const children = args.map((arg, index) => fromDirective(arg, `${childPath}[${index}]`, attributes));
    if ((operator as Operator) === "not") {
      if (children.length !== 1)
        throw new InvalidFilterError({ path: childPath, message: `"not" takes one argument, got ${children.length}` });
      return { not: children[0] as FilterExpression };
    }
    return operator === "and" ? collapse("and", children) : collapse("or", children);
  }
  throw new InvalidFilterError({ path, message: `expected a LangChain Comparison or Operation, got ${describeValue(directive)}` });
}

/** `or` of `eq`s on one field → `in`; `and` of `ne`s on one field → `nin`; one child stays bare. */
function collapse(kind: "and" | "or", children: FilterExpression[]): FilterExpression {
  if (children.length === 1) return children[0] as FilterExpression;
  const listOperator = kind === "or" ? "eq" : "ne";
  const comparisons = children.filter(isComparison);
  const field = comparisons[0]?.field;
  if (
    comparisons.length === children.length &&
    field !== undefined &&
    comparisons.every((child) => child.field === field && child.operator === listOperator)
  ) {
    return { field, operator: kind === "or" ? "in" : "nin", value: comparisons.map((child) => child.value as FilterScalar) };
  }
  return kind === "and" ? { and: children } : { or: children };
}

function readComparison(
  comparator: Comparator,
  attributeName: string,
  rawValue: unknown,
  path: string,
  attributes: AttributeSchema | undefined,
): FilterExpression {
  if (attributes === undefined) {
    return { field: attributeName, operator: comparator, value: plainScalar(rawValue, join(path, "value")) };
  }
  const resolved = resolveAttribute(attributes, attributeName);
  if (resolved === undefined) {
    const known = attributes.attributes.flatMap((attribute) => [attribute.name, ...(attribute.yearField ? [attribute.yearField] : [])]);
    throw new InvalidFilterError({
      path: join(path, "attribute"),
      message: `unknown attribute "${attributeName}" (known: ${known.join(", ")})`,
    });
  }
  const { attribute, role } = resolved;
  const valuePath = join(path, "value");
  switch (attribute.type) {
    case "date":
      return readDate(attribute, role, comparator, rawValue, valuePath);
    case "number":
    case "integer":
      return { field: attribute.name, operator: comparator, value: numberValue(rawValue, valuePath) };
    case "enum":
      return { field: attribute.name, operator: comparator, value: enumValue(attribute, rawValue, valuePath) };
    case "string":
      return { field: attribute.name, operator: comparator, value: stringValue(attribute, rawValue, valuePath) };
    case "boolean":
      return { field: attribute.name, operator: comparator, value: booleanValue(rawValue, valuePath) };
  }
}

function booleanValue(rawValue: unknown, path: string): boolean {
  if (typeof rawValue === "boolean") return rawValue;
  if (rawValue === "true" || rawValue === "false") return rawValue === "true";
  throw new InvalidFilterError({ path, message: `expected true or false, got ${describeValue(rawValue)}` });
}

type Role = "name" | "year" | "display";

function resolveAttribute(schema: AttributeSchema, name: string): { attribute: AttributeDefinition; role: Role } | undefined {
  const wanted = name.toLowerCase();
  for (const attribute of schema.attributes) {
    if (attribute.name.toLowerCase() === wanted) return { attribute, role: "name" };
    if (attribute.yearField?.toLowerCase() === wanted) return { attribute, role: "year" };
    if (attribute.displayField?.toLowerCase() === wanted) return { attribute, role: "display" };
  }
  return undefined;
}

function readDate(attribute: AttributeDefinition, role: Role, comparator: Comparator, rawValue: unknown, path: string): FilterExpression {
  // LangChain's Python prompt writes dates as { "date": "YYYY-MM-DD", "type": "date" }.
  const written = typeof rawValue === "object" && rawValue !== null && "date" in rawValue ? (rawValue as { date: unknown }).date : rawValue;
  if (role === "year") return { field: attribute.yearField as string, operator: comparator, value: numberValue(written, path) };
  if (typeof written === "string") {
    const day = parseCalendarText(written);
    if (day !== undefined) return { field: attribute.name, operator: comparator, value: day };
  }
  const isYear = (typeof written === "number" || typeof written === "string") && /^\s*\d{4}\s*$/.test(String(written));
  // On the display field ("Review_Date = 2015") a bare year means the year.
  if (role === "display" && isYear && attribute.yearField !== undefined)
    return { field: attribute.yearField, operator: comparator, value: Number(written) };
  // On the day field itself, numbers are epoch days, as the prompt describes it.
  if (role === "name" && (typeof written === "number" || (typeof written === "string" && /^\s*-?\d+\s*$/.test(written)))) {
    return { field: attribute.name, operator: comparator, value: numberValue(written, path) };
  }
  throw new InvalidFilterError({
    path,
    message: `expected a date like "2019-05-01" for ${attribute.name}${attribute.yearField ? ` (or a year on ${attribute.yearField})` : ""}, got ${describeValue(rawValue)}`,
  });
}

function numberValue(rawValue: unknown, path: string): number {
  if (typeof rawValue === "number" && Number.isFinite(rawValue)) return rawValue;
  if (typeof rawValue === "string" && /^\s*-?\d+(?:\.\d+)?\s*$/.test(rawValue)) return Number(rawValue);
  throw new InvalidFilterError({ path, message: `expected a number, got ${describeValue(rawValue)}` });
}

function enumValue(attribute: AttributeDefinition, rawValue: unknown, path: string): FilterScalar {
  const direct = attribute.values.find((entry) => entry.value === rawValue);
  if (direct) return direct.value;
  const text =
    typeof rawValue === "number" || typeof rawValue === "boolean"
      ? String(rawValue)
      : typeof rawValue === "string"
        ? rawValue.trim().toLowerCase()
        : undefined;
  if (text !== undefined) {
    const match = attribute.values.find(
      (entry) =>
        String(entry.value).toLowerCase() === text ||
        entry.label?.toLowerCase() === text ||
        entry.aliases.some((alias) => alias.toLowerCase() === text),
    );
    if (match) return match.value;
  }
  throw new InvalidFilterError({
    path,
    message: `${describeValue(rawValue)} is not a value of ${attribute.name} (known: ${attribute.values.map((entry) => JSON.stringify(entry.value)).join(", ")})`,
  });
}

function stringValue(attribute: AttributeDefinition, rawValue: unknown, path: string): string {
  if (typeof rawValue !== "string" && typeof rawValue !== "number")
    throw new InvalidFilterError({ path, message: `expected text, got ${describeValue(rawValue)}` });
  const text = String(rawValue);
  // An exact vocabulary value wins; otherwise the one that differs only in case ("LNVICTA" → "lnvicta").
  const exact = attribute.values.find((entry) => entry.value === text);
  if (exact) return text;
  const folded = attribute.values.filter((entry) => typeof entry.value === "string" && entry.value.toLowerCase() === text.toLowerCase());
  return folded.length === 1 ? (folded[0] as { value: string }).value : text;
}

function plainScalar(rawValue: unknown, path: string): FilterScalar {
  if (typeof rawValue === "string" || typeof rawValue === "boolean") return rawValue;
  if (typeof rawValue === "number" && Number.isFinite(rawValue)) return rawValue;
  throw new InvalidFilterError({ path, message: `value must be a string, number or boolean, got ${describeValue(rawValue)}` });
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
