import { assertFilterDepth } from "./filter-depth.js";
import { isAnd, isComparison, isNot, type FilterExpression } from "./filter-schema.js";

/**
 * AND-s filters together, skipping absent ones. Returns null when none is given.
 * Used to put a base (tenant/scope) filter around anything a user or a query constructor produced:
 * the result can only ever narrow the base filter, never widen it.
 */
export function andFilters(...filters: Array<FilterExpression | null | undefined>): FilterExpression | null {
  const present = filters.filter((filter): filter is FilterExpression => filter != null);
  if (present.length === 0) return null;
  if (present.length === 1) return present[0] as FilterExpression;
  return { and: present.flatMap((filter) => (isAnd(filter) ? filter.and : [filter])) };
}

/** Every metadata field a filter mentions, in first-seen order. */
export function filterFields(filter: FilterExpression): string[] {
  assertFilterDepth(filter);
  const fields = new Set<string>();
  const visit = (node: FilterExpression): void => {
    if (isComparison(node)) fields.add(node.field);
    else if (isAnd(node)) node.and.forEach(visit);
    else if (isNot(node)) visit(node.not);
    else node.or.forEach(visit);
  };
  visit(filter);
  return [...fields];
}

const operatorSymbols: Record<string, string> = {
  eq: "=",
  ne: "!=",
  gt: ">",
  gte: ">=",
  lt: "<",
  lte: "<=",
  in: "in",
  nin: "not in",
  contains: "contains",
};

/** A one-line human rendering, e.g. `genre in [drama] AND year > 2020`. For logs and `--explain`. */
export function describeFilter(filter: FilterExpression): string {
  assertFilterDepth(filter);
  return describeNode(filter);
}

function describeNode(filter: FilterExpression): string {
  if (isComparison(filter)) return `${filter.field} ${operatorSymbols[filter.operator]} ${JSON.stringify(filter.value)}`;
  if (isNot(filter)) return `NOT (${describeNode(filter.not)})`;
  const [parts, joiner] = isAnd(filter) ? [filter.and, " AND "] : [filter.or, " OR "];
  const rendered = parts.map((part) => (isComparison(part) || isNot(part) ? describeNode(part) : `(${describeNode(part)})`));
  return rendered.join(joiner);
}
