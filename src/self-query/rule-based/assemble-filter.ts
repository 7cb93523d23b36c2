import type { Comparison, ComparisonOperator, FilterExpression, FilterScalar } from "../../core/filter/filter-schema.js";
import type { AttributeDefinition, AttributeSchema } from "../attribute-schema.js";
import type { Mention, OrderOperator } from "./mentions.js";

/**
 * Turns the mentions found in a question into one filter:
 * - members of an enum/vocabulary: positives are any-of (`eq` / `in`), negatives none-of (`ne` / `nin`);
 *   "season 2 or 3 except 3" keeps 2;
 * - comparisons are AND-ed; a negated comparison flips its operator (not above 7 = at most 7);
 * - ranges are `gte` + `lte`, without a bound the attribute cannot pass ("9 or 10" on a 1-10 score is
 *   `score >= 9`); a list of consecutive whole numbers is a range;
 * - attributes come in schema order; a single condition is not wrapped in `and`.
 */
export function assembleFilter(mentions: readonly Mention[], schema: AttributeSchema, warnings: string[]): FilterExpression | null {
  const conditions: FilterExpression[] = [];
  for (const attribute of schema.attributes) {
    const own = mentions.filter((mention) => mention.attribute === attribute).sort((left, right) => left.position - right.position);
    if (own.length === 0) continue;
    for (const condition of membersConditions(attribute, own, warnings)) conditions.push(condition);
    const fields = [...new Set(own.filter((mention) => mention.kind !== "members").map((mention) => mention.field))];
    for (const field of fields) {
      const fieldMentions = own.filter((mention) => mention.kind !== "members" && mention.field === field);
      const fieldConditions = fieldMentions.flatMap((mention) => numericConditions(attribute, mention));
      warnIfContradictory(field, fieldConditions, warnings);
      for (const condition of fieldConditions) conditions.push(condition);
    }
  }
  const unique = dedupe(conditions);
  if (unique.length === 0) return null;
  if (unique.length === 1) return unique[0] as FilterExpression;
  return { and: unique };
}

function membersConditions(attribute: AttributeDefinition, mentions: readonly Mention[], warnings: string[]): FilterExpression[] {
  const positive: FilterScalar[] = [];
  const negative: FilterScalar[] = [];
  for (const mention of mentions) {
    if (mention.kind !== "members") continue;
    for (const value of mention.values) {
      const list = mention.negated ? negative : positive;
      if (!list.includes(value)) list.push(value);
    }
  }
  const field = attribute.name;
  if (attribute.type === "enum") {
    // Enum values in their natural order ("season in [1, 2]", however the question listed them).
    const order = (value: FilterScalar): number =>
      typeof value === "number" ? value : attribute.values.findIndex((entry) => entry.value === value);
    const numeric = attribute.values.every((entry) => typeof entry.value === "number");
    const byOrder = (left: FilterScalar, right: FilterScalar): number =>
      numeric ? (left as number) - (right as number) : order(left) - order(right);
    positive.sort(byOrder);
    negative.sort(byOrder);
  }
  if (positive.length > 0) {
    const kept = positive.filter((value) => !negative.includes(value));
    if (kept.length > 0) return [anyOf(field, kept)];
    warnings.push(`the question both asks for and excludes ${field} ${positive.map(String).join(", ")}; nothing can match`);
    return [anyOf(field, positive), noneOf(field, negative)];
  }
  return negative.length > 0 ? [noneOf(field, negative)] : [];
}

function anyOf(field: string, values: FilterScalar[]): Comparison {
  return values.length === 1 ? { field, operator: "eq", value: values[0] as FilterScalar } : { field, operator: "in", value: values };
}

function noneOf(field: string, values: FilterScalar[]): Comparison {
  return values.length === 1 ? { field, operator: "ne", value: values[0] as FilterScalar } : { field, operator: "nin", value: values };
}

const NEGATED: Record<OrderOperator, ComparisonOperator> = { eq: "ne", gt: "lte", gte: "lt", lt: "gte", lte: "gt" };

/** Whether a field only holds whole numbers (so "9 or 10" is the range 9-10). */
function holdsWholeNumbers(attribute: AttributeDefinition, field: string): boolean {
  return attribute.type === "integer" || attribute.type === "date" || field === attribute.yearField;
}

/** The bounds a field's values always lie within (only the attribute's own field has them). */
function fieldBounds(attribute: AttributeDefinition, field: string): { minimum?: number; maximum?: number } {
  if (field !== attribute.name) return {};
  return {
    ...(attribute.minimum !== undefined ? { minimum: attribute.minimum } : {}),
    ...(attribute.maximum !== undefined ? { maximum: attribute.maximum } : {}),
  };
}

function numericConditions(attribute: AttributeDefinition, mention: Mention): FilterExpression[] {
  const { field, negated } = mention;
  switch (mention.kind) {
    case "members":
      return [];
    case "compare":
      return [{ field, operator: negated ? NEGATED[mention.operator] : mention.operator, value: mention.value }];
    case "range":
      return rangeConditions(attribute, field, mention.low, mention.high, negated);
    case "ranges": {
      const parts = mention.ranges.map((range) => andOf(rangeConditions(attribute, field, range.low, range.high, negated)));
      return negated ? parts : [parts.length === 1 ? (parts[0] as FilterExpression) : { or: parts }];
    }
    case "numbers": {
      const values = [...new Set(mention.values)].sort((left, right) => left - right);
      const consecutive = values.every((value, index) => index === 0 || value === (values[index - 1] as number) + 1);
      if (values.length > 1 && consecutive && holdsWholeNumbers(attribute, field) && values.every(Number.isInteger)) {
        return rangeConditions(attribute, field, values[0] as number, values[values.length - 1] as number, negated);
      }
      return [negated ? noneOf(field, values) : anyOf(field, values)];
    }
  }
}

function rangeConditions(attribute: AttributeDefinition, field: string, low: number, high: number, negated: boolean): FilterExpression[] {
  const { minimum, maximum } = fieldBounds(attribute, field);
  const needsLow = minimum === undefined || low > minimum;
  const needsHigh = maximum === undefined || high < maximum;
  if (low === high) return [{ field, operator: negated ? "ne" : "eq", value: low }];
  if (negated) {
    const outside: Comparison[] = [];
    if (needsLow) outside.push({ field, operator: "lt", value: low });
    if (needsHigh) outside.push({ field, operator: "gt", value: high });
    if (outside.length === 0) return [{ field, operator: "lt", value: low }];
    return outside.length === 1 ? outside : [{ or: outside }];
  }
  const inside: Comparison[] = [];
  if (needsLow) inside.push({ field, operator: "gte", value: low });
  if (needsHigh) inside.push({ field, operator: "lte", value: high });
  return inside;
}

function andOf(conditions: FilterExpression[]): FilterExpression {
  return conditions.length === 1 ? (conditions[0] as FilterExpression) : { and: conditions };
}

function dedupe(conditions: FilterExpression[]): FilterExpression[] {
  const seen = new Set<string>();
  return conditions.filter((condition) => {
    const key = JSON.stringify(condition);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Warns when plain bounds on one field leave no value ("above 8 and below 5"). */
function warnIfContradictory(field: string, conditions: FilterExpression[], warnings: string[]): void {
  let low = -Infinity;
  let high = Infinity;
  for (const condition of conditions) {
    if (!("operator" in condition) || typeof condition.value !== "number") continue;
    const { operator, value } = condition;
    if (operator === "gt") low = Math.max(low, value + Number.EPSILON * Math.max(1, Math.abs(value)));
    if (operator === "gte" || operator === "eq") low = Math.max(low, value);
    if (operator === "lt") high = Math.min(high, value - Number.EPSILON * Math.max(1, Math.abs(value)));
    if (operator === "lte" || operator === "eq") high = Math.min(high, value);
  }
  if (low > high) warnings.push(`the conditions on ${field} leave no possible value; nothing can match`);
}
