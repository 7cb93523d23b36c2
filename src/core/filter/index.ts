export {
  COMPARISON_OPERATORS,
  MAX_FILTER_DEPTH,
  filterExpressionSchema,
  comparisonSchema,
  isAnd,
  isComparison,
  isNot,
  isOr,
  type AndFilter,
  type Comparison,
  type ComparisonOperator,
  type FilterExpression,
  type FilterScalar,
  type NotFilter,
  type OrFilter,
} from "./filter-schema.js";
export { parseFilter } from "./parse-filter.js";
export { assertFilterDepth, MAX_FILTER_WALK_DEPTH } from "./filter-depth.js";
export { compileFilter, type MetadataPredicate } from "./compile-filter.js";
export { andFilters, describeFilter, filterFields } from "./combine-filters.js";
