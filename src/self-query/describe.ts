import { describeFilter } from "../core/filter/combine-filters.js";
import type { FilterExpression } from "../core/filter/filter-schema.js";
import type { AttributeSchema } from "./attribute-schema.js";
import { epochDayToIsoDate } from "./calendar.js";
import type { ConstructedQuery } from "./query-constructor.js";

/** Options of `describeConstructedQuery`. */
export interface DescribeConstructedQueryOptions {
  /** When given, epoch-day values of date attributes are also shown as dates (18047 = 2019-05-31). @default none */
  attributes?: AttributeSchema;
}

/**
 * A few human-readable lines about a constructed query, for `--explain` and logs:
 *
 * ```text
 * semantic query: "what did they complain about"
 * filter: category = "laptop" AND price < 800
 * limit: 3
 * warnings: none
 * ```
 *
 * A filter-only question shows `semantic query: (none: filter only)`.
 */
export function describeConstructedQuery(constructed: ConstructedQuery, options: DescribeConstructedQueryOptions = {}): string {
  const lines = [
    `semantic query: ${constructed.query === "" ? "(none: filter only)" : JSON.stringify(constructed.query)}`,
    `filter: ${constructed.filter === null ? "none" : describeFilter(constructed.filter)}`,
  ];
  const dates = constructed.filter === null || options.attributes === undefined ? [] : dayValues(constructed.filter, options.attributes);
  if (dates.length > 0) lines.push(`dates: ${dates.map(([field, day]) => `${field} ${day} = ${epochDayToIsoDate(day)}`).join(", ")}`);
  lines.push(`limit: ${constructed.limit === undefined ? "not given (the retriever's k)" : String(constructed.limit)}`);
  if (constructed.warnings.length === 0) lines.push("warnings: none");
  else lines.push("warnings:", ...constructed.warnings.map((warning) => `  - ${warning}`));
  return lines.join("\n");
}

/** Distinct (field, epoch day) pairs compared on date attributes' day fields. */
function dayValues(filter: FilterExpression, attributes: AttributeSchema): Array<[string, number]> {
  const dayFields = new Set(attributes.attributes.filter((attribute) => attribute.type === "date").map((attribute) => attribute.name));
  const found = new Map<string, [string, number]>();
  const visit = (node: FilterExpression): void => {
    if ("operator" in node) {
      if (!dayFields.has(node.field)) return;
      for (const value of Array.isArray(node.value) ? node.value : [node.value]) {
        if (typeof value === "number" && Number.isInteger(value)) found.set(`${node.field}:${value}`, [node.field, value]);
      }
    } else if ("not" in node) visit(node.not);
    else ("and" in node ? node.and : node.or).forEach(visit);
  };
  visit(filter);
  return [...found.values()];
}
