import { assertFilterDepth } from "./filter-depth.js";
import { isAnd, isComparison, isNot, type Comparison, type FilterExpression, type FilterScalar } from "./filter-schema.js";

/** A compiled filter: true when a document's metadata matches. */
export type MetadataPredicate = (metadata: Readonly<Record<string, unknown>>) => boolean;

/**
 * Compiles a canonical filter into a predicate built from closures (values never become code).
 *
 * Semantics, shared by every store translator:
 * - a comparison on a missing field is false, except `ne` and `nin`, which are true (as in MongoDB and Chroma);
 * - ordering operators compare numbers with numbers and strings with strings; mixed types never match;
 * - `contains` is membership when the field holds an array, substring when it holds a string;
 * - `in`/`nin` use strict equality, and an array field matches `in` when any element is in the list.
 */
export function compileFilter(filter: FilterExpression): MetadataPredicate {
  assertFilterDepth(filter);
  return compileNode(filter);
}

function compileNode(filter: FilterExpression): MetadataPredicate {
  if (isComparison(filter)) return compileComparison(filter);
  if (isAnd(filter)) {
    const parts = filter.and.map(compileNode);
    if (parts.length === 1) return parts[0] as MetadataPredicate;
    return (metadata) => {
      for (const part of parts) if (!part(metadata)) return false;
      return true;
    };
  }
  if (isNot(filter)) {
    const inner = compileNode(filter.not);
    return (metadata) => !inner(metadata);
  }
  const parts = filter.or.map(compileNode);
  return (metadata) => {
    for (const part of parts) if (part(metadata)) return true;
    return false;
  };
}

function compileComparison({ field, operator, value }: Comparison): MetadataPredicate {
  switch (operator) {
    case "eq":
      return (metadata) => matchesEqual(metadata[field], value as FilterScalar);
    case "ne":
      return (metadata) => !matchesEqual(metadata[field], value as FilterScalar);
    case "in": {
      const allowed = new Set<unknown>(value as FilterScalar[]);
      return (metadata) => matchesAny(metadata[field], allowed);
    }
    case "nin": {
      const excluded = new Set<unknown>(value as FilterScalar[]);
      return (metadata) => !matchesAny(metadata[field], excluded);
    }
    case "contains":
      return (metadata) => {
        const actual = metadata[field];
        if (Array.isArray(actual)) return actual.includes(value);
        return typeof actual === "string" && typeof value === "string" && actual.includes(value);
      };
    case "gt":
      return ordered(field, value as FilterScalar, (difference) => difference > 0);
    case "gte":
      return ordered(field, value as FilterScalar, (difference) => difference >= 0);
    case "lt":
      return ordered(field, value as FilterScalar, (difference) => difference < 0);
    case "lte":
      return ordered(field, value as FilterScalar, (difference) => difference <= 0);
  }
}

function matchesEqual(actual: unknown, expected: FilterScalar): boolean {
  if (Array.isArray(actual)) return actual.includes(expected);
  return actual === expected;
}

function matchesAny(actual: unknown, allowed: Set<unknown>): boolean {
  if (Array.isArray(actual)) return actual.some((item) => allowed.has(item));
  return allowed.has(actual);
}

function ordered(field: string, expected: FilterScalar, test: (difference: number) => boolean): MetadataPredicate {
  if (typeof expected === "number") {
    return (metadata) => {
      const actual = metadata[field];
      return typeof actual === "number" && !Number.isNaN(actual) && test(actual - expected);
    };
  }
  return (metadata) => {
    const actual = metadata[field];
    return typeof actual === "string" && test(actual < expected ? -1 : actual > expected ? 1 : 0);
  };
}
