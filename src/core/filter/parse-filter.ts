import { InvalidFilterError } from "../errors/invalid-filter-error.js";
import { describeValue } from "../errors/invalid-option-error.js";
import { closestName } from "../parse-options.js";
import {
  COMPARISON_OPERATORS,
  MAX_FILTER_DEPTH,
  type ComparisonOperator,
  type FilterExpression,
  type FilterScalar,
} from "./filter-schema.js";

/**
 * Parses a filter from JSON (already decoded), accepting two spellings and returning the canonical tree:
 *
 * - canonical: `{ "field": "year", "operator": "gt", "value": 2020 }`, `{ "and": [...] }`, `{ "or": [...] }`, `{ "not": {...} }`
 * - shorthand (what a person types on the command line, and the format of the benchmark's gold filters):
 *   `{ "genre": "drama" }` (eq), `{ "genre": ["drama", "comedy"] }` (in), `{ "year": { "gt": 2020, "lte": 2024 } }` (both),
 *   several keys are AND-ed, and `$and` / `$or` / `$not` combine. Operators may carry a `$` prefix
 *   (`{ "year": { "$gt": 2020 } }`), as in Chroma and MongoDB.
 *
 * Throws `InvalidFilterError` naming the path of the first problem. Never evaluates anything.
 */
export function parseFilter(input: unknown): FilterExpression {
  return parseNode(input, "", 0);
}

const operatorSet = new Set<string>(COMPARISON_OPERATORS);

/**
 * `; did you mean "x"?` for a likely typo of one of `allowed` (the caller lists them all anyway), else "".
 * Names of 2 characters or fewer get none: every 2-letter operator is within the typo distance of them.
 */
function didYouMean(name: string, allowed: readonly string[]): string {
  if (name.replace(/^\$/, "").length <= 2) return "";
  const closest = closestName(name, allowed);
  return closest === undefined ? "" : `; did you mean "${closest}"?`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseNode(input: unknown, path: string, depth: number): FilterExpression {
  if (depth > MAX_FILTER_DEPTH) {
    throw new InvalidFilterError({ path, message: `nested deeper than ${MAX_FILTER_DEPTH} levels; flatten it with and/or lists` });
  }
  if (!isPlainObject(input)) {
    throw new InvalidFilterError({ path, message: `expected an object, got ${describeValue(input)}` });
  }
  const keys = Object.keys(input);
  if (keys.length === 0) {
    throw new InvalidFilterError({ path, message: "empty object; pass no filter at all to match everything" });
  }

  // Canonical comparison.
  if ("operator" in input && "field" in input) {
    const extra = keys.filter((key) => key !== "field" && key !== "operator" && key !== "value");
    if (extra.length > 0)
      throw new InvalidFilterError({
        path,
        message: `unknown key "${extra[0]}" in a comparison${didYouMean(extra[0]!, ["field", "operator", "value"])} (allowed: field, operator, value)`,
      });
    if (typeof input.field !== "string" || input.field.length === 0) {
      throw new InvalidFilterError({
        path: join(path, "field"),
        message: `field must be a non-empty string, got ${describeValue(input.field)}`,
      });
    }
    return comparison(input.field, input.operator, input.value, path);
  }

  // Canonical combinators (single key).
  if (keys.length === 1) {
    const [key] = keys as [string];
    const value = input[key];
    const combinator = key.startsWith("$") ? key.slice(1) : key;
    if ((combinator === "and" || combinator === "or") && Array.isArray(value)) {
      return combine(combinator, value, join(path, key), depth);
    }
    if (combinator === "not" && (key === "$not" || isPlainObject(value))) {
      return { not: parseNode(value, join(path, key), depth + 1) };
    }
  }

  // Shorthand: every key is a field (or $and/$or/$not); several keys are AND-ed.
  const parts: FilterExpression[] = [];
  for (const key of keys) {
    const value = input[key];
    const childPath = join(path, key);
    if (key === "$and" || key === "$or") {
      if (!Array.isArray(value)) throw new InvalidFilterError({ path: childPath, message: `${key} needs an array of filters` });
      parts.push(combine(key.slice(1) as "and" | "or", value, childPath, depth));
    } else if (key === "$not") {
      parts.push({ not: parseNode(value, childPath, depth + 1) });
    } else if (key.startsWith("$")) {
      throw new InvalidFilterError({
        path: childPath,
        message: `unknown combinator "${key}"${didYouMean(key, ["$and", "$or", "$not"])} (allowed: $and, $or, $not)`,
      });
    } else if (key.length === 0) {
      throw new InvalidFilterError({ path, message: "a field name is empty; use the metadata field's name as the key" });
    } else {
      for (const condition of fieldConditions(key, value, childPath)) parts.push(condition);
    }
  }
  return parts.length === 1 ? (parts[0] as FilterExpression) : { and: parts };
}

function combine(kind: "and" | "or", items: unknown[], path: string, depth: number): FilterExpression {
  if (items.length === 0) throw new InvalidFilterError({ path, message: `${kind} needs at least one filter` });
  const children = items.map((item, index) => parseNode(item, `${path}[${index}]`, depth + 1));
  return kind === "and" ? { and: children } : { or: children };
}

function fieldConditions(field: string, value: unknown, path: string): FilterExpression[] {
  if (Array.isArray(value)) return [comparison(field, "in", value, path)];
  if (!isPlainObject(value)) return [comparison(field, "eq", value, path)];
  const entries = Object.entries(value);
  if (entries.length === 0) throw new InvalidFilterError({ path, message: 'empty condition; give an operator such as { "gt": 7 }' });
  return entries.map(([operatorKey, operand]) => {
    const operator = operatorKey.startsWith("$") ? operatorKey.slice(1) : operatorKey;
    return comparison(field, operator, operand, join(path, operatorKey));
  });
}

function comparison(field: string, operator: unknown, value: unknown, path: string): FilterExpression {
  if (typeof operator !== "string" || !operatorSet.has(operator)) {
    throw new InvalidFilterError({
      path,
      message: `unknown operator ${describeValue(operator)}${typeof operator === "string" ? didYouMean(operator, COMPARISON_OPERATORS) : ""} (allowed: ${COMPARISON_OPERATORS.join(", ")})`,
    });
  }
  const op = operator as ComparisonOperator;
  if (op === "in" || op === "nin") {
    if (!Array.isArray(value) || value.length === 0) {
      throw new InvalidFilterError({ path, message: `operator "${op}" needs a non-empty array of values, got ${describeValue(value)}` });
    }
    return { field, operator: op, value: value.map((item, index) => scalar(item, `${path}[${index}]`)) };
  }
  if (Array.isArray(value)) {
    throw new InvalidFilterError({ path, message: `operator "${op}" needs a single value, not an array (use "in" for a list)` });
  }
  const checked = scalar(value, path);
  if ((op === "gt" || op === "gte" || op === "lt" || op === "lte") && typeof checked === "boolean") {
    throw new InvalidFilterError({ path, message: `operator "${op}" needs a number or a string, not a boolean` });
  }
  return { field, operator: op, value: checked };
}

function scalar(value: unknown, path: string): FilterScalar {
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new InvalidFilterError({ path, message: `value must be a finite number, got ${String(value)}` });
    return value;
  }
  throw new InvalidFilterError({ path, message: `value must be a string, number or boolean, got ${describeValue(value)}` });
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
