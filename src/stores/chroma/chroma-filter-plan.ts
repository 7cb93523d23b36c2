import type { Where } from "chromadb";
import { describeValue } from "../../core/errors/invalid-option-error.js";
import { InvalidFilterError } from "../../core/errors/invalid-filter-error.js";
import { filterFields } from "../../core/filter/combine-filters.js";
import { compileFilter, type MetadataPredicate } from "../../core/filter/compile-filter.js";
import { isAnd, isComparison, isNot, type FilterExpression } from "../../core/filter/filter-schema.js";
import { parseFilter } from "../../core/filter/parse-filter.js";
import { chromaWhereIsExact, toChromaWhere } from "../../translators/chroma.js";

/**
 * How a filter runs on Chroma:
 * - `none`: no filter;
 * - `where`: pushed into Chroma's `where`, which then matches exactly what `compileFilter` matches;
 * - `scan`: Chroma's `where` would not match the same documents, so the store reads the metadata,
 *   evaluates the filter itself and restricts the vector query to the matching ids.
 */
export type ChromaFilterPlan =
  | { kind: "none" }
  | { kind: "where"; where: Where; filter: FilterExpression }
  | { kind: "scan"; predicate: MetadataPredicate; filter: FilterExpression; reason: string };

/**
 * Chooses how to run a filter on Chroma (see `ChromaFilterPlan`). A filter cannot be pushed down when:
 * - `not` negates an ordering comparison (Chroma's `<=` skips documents lacking the field);
 * - it compares with a non-integer number (Chroma 1.0 truncates it towards zero against integer
 *   fields: `rating >= 3.5` would match `rating: 3`);
 * - it orders strings or uses `contains` (Chroma `where` cannot);
 * - it names a field some stored document holds an array in (Chroma sees the field as missing), or a
 *   field name Chroma reserves.
 *
 * Throws `InvalidFilterError` for a malformed filter (same as the in-memory store).
 */
export function planChromaFilter(filter: FilterExpression | null | undefined, arrayFields: ReadonlySet<string>): ChromaFilterPlan {
  if (filter === null || filter === undefined) return { kind: "none" };
  if (typeof filter !== "object") {
    throw new InvalidFilterError({
      path: "",
      message: `ChromaStore takes a filter in the library's filter language (e.g. { field: "year", operator: "eq", value: 2024 }), got ${typeof filter === "function" ? "a function" : describeValue(filter)}`,
    });
  }
  const canonical = parseFilter(filter);
  const reason = scanReason(canonical, arrayFields);
  if (reason !== undefined) return { kind: "scan", predicate: compileFilter(canonical), filter: canonical, reason };
  const where = toChromaWhere(canonical);
  if (where === undefined) return { kind: "none" };
  return { kind: "where", where, filter: canonical };
}

function scanReason(filter: FilterExpression, arrayFields: ReadonlySet<string>): string | undefined {
  if (!chromaWhereIsExact(filter)) return "a negated range comparison";
  const arrayField = filterFields(filter).find((field) => arrayFields.has(field) || field.startsWith("$") || field.startsWith("#"));
  if (arrayField !== undefined) return `field "${arrayField}" holds arrays or is reserved in Chroma`;
  let reason: string | undefined;
  const visit = (node: FilterExpression): void => {
    if (reason !== undefined) return;
    if (isComparison(node)) {
      const values = Array.isArray(node.value) ? node.value : [node.value];
      if (node.operator === "contains") reason = '"contains"';
      else if (values.some((value) => typeof value === "number" && !Number.isInteger(value))) reason = "a non-integer number";
      else if (["gt", "gte", "lt", "lte"].includes(node.operator) && typeof node.value === "string") reason = "a string range comparison";
      else if ((node.operator === "in" || node.operator === "nin") && values.length === 0) reason = `an empty "${node.operator}" list`;
      return;
    }
    if (isNot(node)) visit(node.not);
    else (isAnd(node) ? node.and : node.or).forEach(visit);
  };
  visit(filter);
  return reason;
}
