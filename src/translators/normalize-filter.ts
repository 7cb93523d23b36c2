import { assertFilterDepth } from "../core/filter/filter-depth.js";
import { isAnd, isComparison, isNot, type FilterExpression, type FilterScalar } from "../core/filter/filter-schema.js";

/**
 * A canonical spelling of a filter, for comparing filters that mean the same thing however they were
 * written (and for tests of translators): nested `and`s / `or`s are flattened, a one-child `and` / `or`
 * is unwrapped, `in` / `nin` of one value become `eq` / `ne`, and an `or` of `eq`s (an `and` of `ne`s)
 * on one field becomes `in` (`nin`). `not` is kept. The input is not changed.
 */
export function normalizeFilter(filter: FilterExpression): FilterExpression {
  assertFilterDepth(filter);
  if (isComparison(filter)) {
    const { field, operator, value } = filter;
    if ((operator === "in" || operator === "nin") && Array.isArray(value) && value.length === 1) {
      return { field, operator: operator === "in" ? "eq" : "ne", value: value[0] as FilterScalar };
    }
    return { field, operator, value: Array.isArray(value) ? [...value] : value };
  }
  if (isNot(filter)) return { not: normalizeFilter(filter.not) };
  const kind = isAnd(filter) ? "and" : "or";
  const children = (isAnd(filter) ? filter.and : filter.or)
    .map(normalizeFilter)
    .flatMap((child) =>
      kind === "and" && isAnd(child)
        ? child.and
        : kind === "or" && !isAnd(child) && !isComparison(child) && !isNot(child)
          ? child.or
          : [child],
    );
  if (children.length === 1) return children[0] as FilterExpression;
  const listOperator = kind === "or" ? "eq" : "ne";
  const comparisons = children.filter(isComparison);
  const field = comparisons[0]?.field;
  if (
    children.length > 1 &&
    comparisons.length === children.length &&
    comparisons.every((child) => child.field === field && child.operator === listOperator)
  ) {
    return {
      field: field as string,
      operator: kind === "or" ? "in" : "nin",
      value: comparisons.map((child) => child.value as FilterScalar),
    };
  }
  return kind === "and" ? { and: children } : { or: children };
}
