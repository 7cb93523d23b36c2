import type { Where } from "chromadb";
import { describeValue } from "../../core/errors/invalid-option-error.js";
import { InvalidFilterError } from "../../core/errors/invalid-filter-error.js";
import { filterFields } from "../../core/filter/combine-filters.js";
import { compileFilter, type MetadataPredicate } from "../../core/filter/compile-filter.js";
import { isAnd, isComparison, isNot, type FilterExpression } from "../../core/filter/filter-schema.js";
import { parseFilter } from "../../core/filter/parse-filter.js";
import { chromaWhereIsExact, toChromaWhere } from "../../translators/chroma.js";

/**
 * The most a single Chroma request is sent, chosen well below what a local Chroma 1.0 server takes
 * (measured with `bench/chroma-filter-limits.probe.ts` against the chromadb 3.0.14 server):
 * - an `$or` / `$and` of about 990 comparisons fails with HTTP 500 "Expression tree is too large
 *   (maximum depth 1000)" (SQLite's expression depth), and of 10,000 comparisons crashes the server;
 * - `$in` / `$nin` lists of 16,383 values in total fail with HTTP 500 "too many SQL variables"
 *   (SQLite's 32,766 variables, two per value); 10,000 values work;
 * - a query restricted to 30,000 `ids` works (a missing id is HTTP 500 "Error finding id").
 * Larger filters are evaluated by the store itself (the `scan` plan) and the query is restricted to
 * the matching ids, `maximumIdsPerQuery` at a time.
 */
export const CHROMA_FILTER_LIMITS = {
  /** Comparisons plus `$and` / `$or` nodes in one `where` clause (Chroma fails from about 990). */
  maximumConditions: 200,
  /** `$in` / `$nin` values in one `where` clause, all lists together (Chroma fails from 16,383). */
  maximumValues: 2_000,
  /** Ids per id-restricted query (30,000 measured to work). */
  maximumIdsPerQuery: 5_000,
} as const;

/** How large a filter is once translated to a `where` clause. */
export interface WhereSize {
  /** Comparisons plus `$and` / `$or` nodes. */
  conditions: number;
  /** Values in `$in` / `$nin` lists. */
  values: number;
}

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
  | {
      kind: "scan";
      predicate: MetadataPredicate;
      filter: FilterExpression;
      reason: string;
      /**
       * A part of the filter Chroma can evaluate exactly (conjuncts of a top-level `and`, within the
       * limits), to narrow the metadata read; the predicate still decides. Undefined: read everything.
       */
      prefilter?: Where;
    };

/**
 * Chooses how to run a filter on Chroma (see `ChromaFilterPlan`). A filter cannot be pushed down when:
 * - `not` negates an ordering comparison (Chroma's `<=` skips documents lacking the field);
 * - it compares with a non-integer number (Chroma 1.0 truncates it towards zero against integer
 *   fields: `rating >= 3.5` would match `rating: 3`);
 * - it orders strings or uses `contains` (Chroma `where` cannot);
 * - it names a field some stored document holds an array in (Chroma sees the field as missing), or a
 *   field name Chroma reserves;
 * - its `where` clause would exceed `CHROMA_FILTER_LIMITS` (a wide `or`, a long `in` list).
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
  const reason = scanReason(canonical, arrayFields) ?? sizeReason(canonical);
  if (reason !== undefined) {
    const prefilter = pushablePart(canonical, arrayFields);
    return {
      kind: "scan",
      predicate: compileFilter(canonical),
      filter: canonical,
      reason,
      ...(prefilter === undefined ? {} : { prefilter }),
    };
  }
  const where = toChromaWhere(canonical);
  if (where === undefined) return { kind: "none" };
  return { kind: "where", where, filter: canonical };
}

/** Counts the conditions and list values of a filter as `toChromaWhere` translates it (iteratively). */
export function measureWhere(where: Where): WhereSize {
  let conditions = 0;
  let values = 0;
  const pending: unknown[] = [where];
  while (pending.length > 0) {
    const node = pending.pop() as Record<string, unknown>;
    for (const [key, value] of Object.entries(node)) {
      conditions += 1;
      if (key === "$and" || key === "$or") {
        pending.push(...(value as unknown[]));
        continue;
      }
      // A field: { $operator: value }.
      for (const operand of Object.values(value as Record<string, unknown>)) if (Array.isArray(operand)) values += operand.length;
    }
  }
  return { conditions, values };
}

/** Whether a (pushable) filter is too large for one Chroma request. */
function sizeReason(filter: FilterExpression): string | undefined {
  const where = toChromaWhere(filter);
  if (where === undefined) return undefined;
  const size = measureWhere(where);
  if (size.conditions <= CHROMA_FILTER_LIMITS.maximumConditions && size.values <= CHROMA_FILTER_LIMITS.maximumValues) return undefined;
  return `too large for one Chroma where clause (${size.conditions} conditions, ${size.values} list values; at most ${CHROMA_FILTER_LIMITS.maximumConditions} and ${CHROMA_FILTER_LIMITS.maximumValues} are sent)`;
}

/** The conjuncts of a top-level `and` that Chroma evaluates exactly and that fit in one request, as a where clause. */
function pushablePart(filter: FilterExpression, arrayFields: ReadonlySet<string>): Where | undefined {
  if (!isAnd(filter)) return undefined;
  const pushable = filter.and.filter((child) => scanReason(child, arrayFields) === undefined && sizeReason(child) === undefined);
  if (pushable.length === 0) return undefined;
  const where = toChromaWhere(pushable.length === 1 ? (pushable[0] as FilterExpression) : { and: pushable });
  if (where === undefined) return undefined;
  const size = measureWhere(where);
  return size.conditions <= CHROMA_FILTER_LIMITS.maximumConditions && size.values <= CHROMA_FILTER_LIMITS.maximumValues ? where : undefined;
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
