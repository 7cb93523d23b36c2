import { Comparison as LangChainComparison, type Comparator } from "@langchain/core/structured_query";
import { InvalidFilterError } from "../../core/errors/invalid-filter-error.js";
import { describeValue } from "../../core/errors/invalid-option-error.js";
import { ERROR_MESSAGE_PREFIX } from "../../core/errors/retriever-error.js";
import { MAX_FILTER_DEPTH, type ComparisonOperator, type FilterExpression, type FilterScalar } from "../../core/filter/filter-schema.js";
import { fromLangChainFilter } from "../../translators/langchain.js";
import { filterableFields, type AttributeDefinition, type AttributeSchema } from "../attribute-schema.js";
import { MONTH_NUMBERS, isCalendarDate, monthSpan, parseCalendarText, yearSpan, type DaySpan } from "../calendar.js";
import { checkConstructedQuery, type ConstructedQuery } from "../query-constructor.js";

/**
 * Reads a chat model's answer (`{ query, filter, limit }`) leniently and returns a valid
 * `ConstructedQuery`. The filter is walked node by node: what can be repaired is repaired ("7" → 7,
 * a label → its value, "May 2019" → a range of days, `>` → gt, a shorthand `{ "price": { "$gt": 7 } }`
 * → a comparison), what cannot (an unknown attribute, an operator that makes no sense for the
 * attribute, a value of the wrong type) is dropped with a warning. Dropping a part of an `and` keeps
 * the others; an `or` or `not` whose parts were all dropped is dropped too. Only an answer that is not
 * an object with a text `query` is unusable (`UnusableAnswerError`): the caller falls back.
 */

/** The answer cannot be used at all (not an object, no `query`). */
export class UnusableAnswerError extends Error {
  override name = "UnusableAnswerError";
}

/** Options of `repairLlmAnswer`. */
export interface RepairOptions {
  /** Largest limit kept; larger ones are capped with a warning. */
  maximumLimit: number;
}

/** Years read as years (not epoch days) when a model writes a bare number on a date's day field. */
const PLAUSIBLE_YEARS = { first: 1800, last: 2200 } as const;

export function repairLlmAnswer(answer: unknown, attributes: AttributeSchema, options: RepairOptions): ConstructedQuery {
  if (typeof answer !== "object" || answer === null || Array.isArray(answer)) {
    throw new UnusableAnswerError(`the answer is ${describeValue(answer)}, not a JSON object`);
  }
  const record = answer as Record<string, unknown>;
  if (typeof record.query !== "string") {
    throw new UnusableAnswerError(`the answer has no text "query" (got ${describeValue(record.query)})`);
  }
  const warnings: string[] = [];
  const repairer = new FilterRepairer(attributes, warnings);
  const filter = record.filter === undefined ? null : repairer.node(record.filter, "filter", 0);
  const limit = readLimit(record.limit, options.maximumLimit, warnings);
  return checkConstructedQuery(
    { query: record.query.trim(), filter, ...(limit === undefined ? {} : { limit }), warnings: [...new Set(warnings)] },
    "LLM query constructor",
  );
}

function readLimit(raw: unknown, maximumLimit: number, warnings: string[]): number | undefined {
  if (raw === undefined || raw === null) return undefined;
  const value = typeof raw === "number" ? raw : typeof raw === "string" && /^\s*\d+(?:\.\d+)?\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(value) || value < 1) {
    warnings.push(`ignored the limit ${describeValue(raw)}: not a positive whole number`);
    return undefined;
  }
  let limit = Math.floor(value);
  if (limit !== value) warnings.push(`read the limit ${describeValue(raw)} as ${limit}`);
  if (limit > maximumLimit) {
    warnings.push(`the limit ${limit} was capped at ${maximumLimit}`);
    limit = maximumLimit;
  }
  return limit;
}

/** Operator spellings models use, to the filter language's operators. */
const OPERATOR_ALIASES: ReadonlyMap<string, ComparisonOperator> = new Map([
  ...(["eq", "ne", "gt", "gte", "lt", "lte", "in", "nin", "contains"] as const).map((operator): [string, ComparisonOperator] => [
    operator,
    operator,
  ]),
  ["=", "eq"],
  ["==", "eq"],
  ["===", "eq"],
  ["equals", "eq"],
  ["equal", "eq"],
  ["is", "eq"],
  ["!=", "ne"],
  ["!==", "ne"],
  ["<>", "ne"],
  ["not_equal", "ne"],
  ["neq", "ne"],
  [">", "gt"],
  ["greater_than", "gt"],
  [">=", "gte"],
  ["greater_than_or_equal", "gte"],
  ["<", "lt"],
  ["less_than", "lt"],
  ["<=", "lte"],
  ["less_than_or_equal", "lte"],
  ["not_in", "nin"],
  ["not in", "nin"],
  ["includes", "contains"],
  ["like", "contains"],
]);

const ORDERING = new Set<ComparisonOperator>(["gt", "gte", "lt", "lte"]);

type Role = "name" | "year" | "display";

class FilterRepairer {
  private readonly fields: string[];

  constructor(
    private readonly attributes: AttributeSchema,
    private readonly warnings: string[],
  ) {
    this.fields = filterableFields(attributes);
  }

  private warn(message: string): void {
    this.warnings.push(message);
  }

  /** One node of the model's filter (canonical or shorthand), or null when nothing usable is left. */
  node(raw: unknown, path: string, depth: number): FilterExpression | null {
    if (raw === null || raw === undefined) return null;
    if (depth > MAX_FILTER_DEPTH) {
      this.warn(`dropped ${path}: nested deeper than ${MAX_FILTER_DEPTH} levels`);
      return null;
    }
    if (Array.isArray(raw)) return this.combine("and", raw, path, depth);
    if (typeof raw !== "object") {
      this.warn(`dropped ${path}: ${describeValue(raw)} is not a filter`);
      return null;
    }
    const node = raw as Record<string, unknown>;
    const keys = Object.keys(node);
    if (keys.length === 0) return null;
    const field = node.field ?? node.attribute;
    if (typeof field === "string") {
      const operator = node.operator ?? node.comparator ?? node.op ?? (node.value !== undefined ? "eq" : undefined);
      return this.comparison(field, operator, node.value, path);
    }
    const parts: FilterExpression[] = [];
    for (const key of keys) {
      const value = node[key];
      const childPath = `${path}.${key}`;
      const combinator = key.replace(/^\$/, "").toLowerCase();
      let part: FilterExpression | null;
      if (combinator === "and" || combinator === "or")
        part = this.combine(combinator, Array.isArray(value) ? value : [value], childPath, depth);
      else if (combinator === "not") {
        const inner = this.node(value, childPath, depth + 1);
        if (inner === null && value !== null && value !== undefined)
          this.warn(`dropped ${childPath}: nothing usable was left inside "not"`);
        part = inner === null ? null : { not: inner };
      } else part = this.shorthand(key, value, childPath);
      if (part !== null) parts.push(part);
    }
    return joinParts("and", parts);
  }

  private combine(kind: "and" | "or", items: unknown[], path: string, depth: number): FilterExpression | null {
    const children = items.map((item, index) => this.node(item, `${path}[${index}]`, depth + 1));
    const kept = children.filter((child): child is FilterExpression => child !== null);
    if (kind === "or" && kept.length < children.length && kept.length > 0) {
      this.warn(`${path}: kept ${kept.length} of ${children.length} alternatives of "or"`);
    }
    return joinParts(kind, kept);
  }

  /** `{ "price": 7 }`, `{ "category": ["laptop", "phone"] }`, `{ "price": { "$gt": 7, "lte": 9 } }`. */
  private shorthand(field: string, value: unknown, path: string): FilterExpression | null {
    if (Array.isArray(value)) return this.comparison(field, "in", value, path);
    if (typeof value === "object" && value !== null) {
      const entries = Object.entries(value as Record<string, unknown>);
      if ("date" in (value as object) && entries.length <= 2) return this.comparison(field, "eq", value, path);
      const parts = entries
        .map(([operator, operand]) => this.comparison(field, operator, operand, `${path}.${operator}`))
        .filter((part): part is FilterExpression => part !== null);
      return joinParts("and", parts);
    }
    return this.comparison(field, "eq", value, path);
  }

  private comparison(fieldName: string, rawOperator: unknown, rawValue: unknown, path: string): FilterExpression | null {
    const resolved = this.resolve(fieldName);
    if (resolved === undefined) {
      this.warn(`dropped a condition on unknown attribute "${fieldName}" (known: ${this.fields.join(", ")})`);
      return null;
    }
    const { attribute, role } = resolved;
    const shown = role === "year" ? (attribute.yearField as string) : attribute.name;
    const operatorText = typeof rawOperator === "string" ? rawOperator.trim().replace(/^\$/, "").toLowerCase() : "";
    let operator = OPERATOR_ALIASES.get(operatorText);
    if (operator === undefined) {
      this.warn(`dropped a condition on ${shown}: unknown operator ${describeValue(rawOperator)}`);
      return null;
    }
    if (rawValue === undefined || rawValue === null) {
      this.warn(`dropped a condition on ${shown}: it has no value`);
      return null;
    }
    const isText =
      attribute.type === "string" || (attribute.type === "enum" && attribute.values.some((entry) => typeof entry.value === "string"));
    if (operator === "contains") {
      if (attribute.type === "enum") {
        this.warn(`read "contains" on ${shown} as "eq"`);
        operator = "eq";
      } else if (attribute.type !== "string") {
        this.warn(`dropped a condition on ${shown}: "contains" applies to text attributes`);
        return null;
      } else if (typeof rawValue !== "string") {
        this.warn(`dropped a condition on ${shown}: "contains" needs text, got ${describeValue(rawValue)}`);
        return null;
      } else {
        return { field: attribute.name, operator: "contains", value: rawValue };
      }
    }
    if (ORDERING.has(operator) && (isText || attribute.type === "boolean")) {
      this.warn(
        `dropped a condition on ${shown}: "${operator}" does not apply to a ${attribute.type === "boolean" ? "yes/no" : "text"} attribute`,
      );
      return null;
    }

    if (operator === "in" || operator === "nin") {
      const values = Array.isArray(rawValue) ? rawValue : [rawValue];
      const parts = values
        .map((value) => this.single(attribute, role, "eq", value, path))
        .filter((part): part is FilterExpression => part !== null);
      if (parts.length === 0) {
        this.warn(`dropped a condition on ${shown}: none of its values could be used`);
        return null;
      }
      const anyOf = joinParts("or", parts) as FilterExpression;
      const list = asValueList(parts);
      if (operator === "in")
        return list === undefined
          ? anyOf
          : list.values.length === 1
            ? { field: list.field, operator: "eq", value: list.values[0] as FilterScalar }
            : { field: list.field, operator: "in", value: list.values };
      return list === undefined ? { not: anyOf } : { field: list.field, operator: "nin", value: list.values };
    }
    let value = rawValue;
    if (Array.isArray(value)) {
      if (value.length === 1) value = value[0];
      else if (operator === "eq" || operator === "ne") return this.comparison(fieldName, operator === "eq" ? "in" : "nin", value, path);
      else {
        this.warn(`dropped a condition on ${shown}: "${operator}" takes one value, got ${describeValue(value)}`);
        return null;
      }
    }
    return this.single(attribute, role, operator, value, path);
  }

  /** One comparison with one value: dates read by the calendar helpers, the rest by the LangChain translator. */
  private single(
    attribute: AttributeDefinition,
    role: Role,
    operator: Exclude<ComparisonOperator, "in" | "nin" | "contains">,
    raw: unknown,
    path: string,
  ): FilterExpression | null {
    let value = typeof raw === "object" && raw !== null && "date" in raw ? (raw as { date: unknown }).date : raw;
    if (attribute.type === "date") {
      const dated = this.date(attribute, role, operator, value);
      if (dated !== undefined) return dated;
    }
    if (typeof value === "string") value = value.trim();
    const field =
      role === "year" ? (attribute.yearField as string) : role === "display" ? (attribute.displayField as string) : attribute.name;
    try {
      return fromLangChainFilter(new LangChainComparison<FilterScalar>(operator as Comparator, field, value as FilterScalar), {
        attributes: this.attributes,
      });
    } catch (error) {
      if (!InvalidFilterError.isInstance(error)) throw error;
      const reason = error.message.slice(ERROR_MESSAGE_PREFIX.length).replace(/^invalid filter(?: at [^:]+)?: /, "");
      this.warn(`dropped a condition on ${field} (at ${path}): ${reason}`);
      return null;
    }
  }

  /**
   * Dates written as text or bare years: a year becomes a comparison on the year field, a month or a
   * day a comparison on the day field (epoch days). `undefined` leaves the value to the translator.
   */
  private date(
    attribute: AttributeDefinition,
    role: Role,
    operator: Exclude<ComparisonOperator, "in" | "nin" | "contains">,
    value: unknown,
  ): FilterExpression | undefined {
    const text = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : undefined;
    if (text === undefined) return undefined;
    const year = /^\d{4}$/.test(text) ? Number(text) : undefined;
    if (year !== undefined) {
      if (role === "year") return undefined;
      if (typeof value === "number" && role === "name" && (year < PLAUSIBLE_YEARS.first || year > PLAUSIBLE_YEARS.last)) return undefined;
      if (role === "name") this.warn(`read ${describeValue(value)} on ${attribute.name} as the year ${year}`);
      if (attribute.yearField !== undefined) return { field: attribute.yearField, operator, value: year };
      return spanComparison(attribute.name, operator, yearSpan(year));
    }
    if (typeof value !== "string") return undefined;
    const day = parseCalendarText(text);
    if (day !== undefined) {
      if (role === "year") this.warn(`compared the date ${JSON.stringify(text)} with ${attribute.name} instead of the year field`);
      return { field: attribute.name, operator, value: day };
    }
    const month = readMonth(text);
    if (month !== undefined) return spanComparison(attribute.name, operator, month);
    return undefined;
  }

  private resolve(name: string): { attribute: AttributeDefinition; role: Role } | undefined {
    const wanted = name.trim().toLowerCase();
    for (const attribute of this.attributes.attributes) {
      if (attribute.name.toLowerCase() === wanted) return { attribute, role: "name" };
      if (attribute.yearField?.toLowerCase() === wanted) return { attribute, role: "year" };
      if (attribute.displayField?.toLowerCase() === wanted) return { attribute, role: "display" };
    }
    return undefined;
  }
}

/** "May 2019", "2019-05", "05/2019" as the days of that month. */
function readMonth(text: string): DaySpan | undefined {
  const named = /^([a-z]+)\.?,?\s+(\d{4})$/i.exec(text);
  if (named) {
    const month = MONTH_NUMBERS.get((named[1] as string).toLowerCase());
    return month === undefined ? undefined : monthSpan(Number(named[2]), month);
  }
  const isoMonth = /^(\d{4})-(\d{1,2})$/.exec(text);
  const slashMonth = /^(\d{1,2})\/(\d{4})$/.exec(text);
  const [year, month] = isoMonth
    ? [Number(isoMonth[1]), Number(isoMonth[2])]
    : slashMonth
      ? [Number(slashMonth[2]), Number(slashMonth[1])]
      : [Number.NaN, Number.NaN];
  return isCalendarDate(year, month, 1) ? monthSpan(year, month) : undefined;
}

/** A comparison with a span of days: `eq` is within it, `gt` after it, `lt` before it, ... */
function spanComparison(field: string, operator: Exclude<ComparisonOperator, "in" | "nin" | "contains">, span: DaySpan): FilterExpression {
  switch (operator) {
    case "eq":
      return {
        and: [
          { field, operator: "gte", value: span.first },
          { field, operator: "lte", value: span.last },
        ],
      };
    case "ne":
      return {
        or: [
          { field, operator: "lt", value: span.first },
          { field, operator: "gt", value: span.last },
        ],
      };
    case "gt":
      return { field, operator: "gt", value: span.last };
    case "gte":
      return { field, operator: "gte", value: span.first };
    case "lt":
      return { field, operator: "lt", value: span.first };
    case "lte":
      return { field, operator: "lte", value: span.last };
  }
}

/** When every part is an `eq` on one field: that field and the values (deduplicated). */
function asValueList(parts: FilterExpression[]): { field: string; values: FilterScalar[] } | undefined {
  const first = parts[0];
  if (first === undefined || !("operator" in first)) return undefined;
  const values: FilterScalar[] = [];
  for (const part of parts) {
    if (!("operator" in part) || part.operator !== "eq" || part.field !== first.field || Array.isArray(part.value)) return undefined;
    if (!values.includes(part.value)) values.push(part.value);
  }
  return { field: first.field, values };
}

function joinParts(kind: "and" | "or", parts: FilterExpression[]): FilterExpression | null {
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0] as FilterExpression;
  return kind === "and" ? { and: parts } : { or: parts };
}
