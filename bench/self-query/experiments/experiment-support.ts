/**
 * What the two self-query experiments (attachment-gate.ts, learned-gate.ts) share: the constructor's own two steps
 * (`recognizeQuestion`, `assembleQuery` of src/self-query/rule-based/pipeline.ts, which `constructSync` runs too), with the
 * mentions visible between them, and a minimal replica of the record-level scoring of bench/self-query.bench.ts (that
 * file runs at import and exports nothing).
 */
import { readFileSync } from "node:fs";
import { compileFilter } from "../../../src/core/filter/compile-filter.js";
import { isAnd, isComparison, isNot, type FilterExpression, type FilterScalar } from "../../../src/core/filter/filter-schema.js";
import type { AttributeDefinition, AttributeSchema } from "../../../src/self-query/attribute-schema.js";
import { defineAttributeSchema, findAttribute } from "../../../src/self-query/attribute-schema.js";
import { epochDay, parseCalendarText } from "../../../src/self-query/calendar.js";
import type { ConstructedQuery } from "../../../src/self-query/query-constructor.js";
import { DEFAULT_MAXIMUM_LIMIT } from "../../../src/self-query/rule-based-query-constructor.js";
import type { Mention, RecognizerContext } from "../../../src/self-query/rule-based/mentions.js";
import { assembleQuery, prepareReading, recognizeQuestion, type ReadingSetup } from "../../../src/self-query/rule-based/pipeline.js";
import type { Span } from "../../../src/self-query/rule-based/question-text.js";
import type { BenchDomain } from "../domains.js";

// ---------------------------------------------------------------------------------------------------
// The constructor's two steps, on the bench's clock.

const readings = new Map<AttributeSchema, ReadingSetup>();

/** The reading setup of a bench domain, as `new RuleBasedQueryConstructor({ attributes: domain.schema })` derives it. */
export function readingFor(domain: BenchDomain): ReadingSetup {
  let reading = readings.get(domain.schema);
  if (reading === undefined) {
    reading = prepareReading(defineAttributeSchema(domain.schema), DEFAULT_MAXIMUM_LIMIT, []);
    readings.set(domain.schema, reading);
  }
  return reading;
}

/** The recognisers' context of a question (a fresh one on every call). */
export function runPipeline(domain: BenchDomain, question: string): RecognizerContext {
  return recognizeQuestion(question, readingFor(domain), NOW);
}

/** The constructed query from the mentions kept. */
export function finish(domain: BenchDomain, context: RecognizerContext, mentions: readonly Mention[]): ConstructedQuery {
  return assembleQuery(context, readingFor(domain), mentions);
}

/** The claimed characters that produced a mention: the claimed run starting at its position, cut at the next mention. */
export function mentionSpan(context: RecognizerContext, mention: Mention): Span | undefined {
  const run = context.text.claimedSpans().find((span) => span.start <= mention.position && mention.position < span.end);
  if (run === undefined) return undefined;
  const nextStart = Math.min(
    run.end,
    ...context.mentions.map((other) => other.position).filter((position) => position > mention.position && position < run.end),
  );
  return { start: mention.position, end: nextStart };
}

// ---------------------------------------------------------------------------------------------------
// Scoring (a minimal replica of bench/self-query.bench.ts).

export const NOW = new Date(Date.UTC(2026, 11, 1, 12, 0, 0));
export const MAXIMUM_GRID = 300_000;

export interface Question {
  id: string;
  kind: "semantic" | "filtered" | "filter-only";
  question: string;
  filter: Record<string, unknown> | null;
}

export function withEpochDays(filter: FilterExpression, domain: BenchDomain): FilterExpression {
  const convert = (value: FilterScalar): FilterScalar => (typeof value === "string" ? (parseCalendarText(value) ?? value) : value);
  const visit = (node: FilterExpression): FilterExpression => {
    if (isComparison(node)) {
      if (findAttribute(domain.schema, node.field)?.type !== "date") return node;
      return { ...node, value: Array.isArray(node.value) ? node.value.map(convert) : convert(node.value as FilterScalar) };
    }
    if (isAnd(node)) return { and: node.and.map(visit) };
    if (isNot(node)) return { not: visit(node.not) };
    return { or: node.or.map(visit) };
  };
  return visit(filter);
}

export function constantsOf(filter: FilterExpression | null, into: Map<string, FilterScalar[]>): void {
  if (filter === null) return;
  if (isComparison(filter)) {
    const list = into.get(filter.field) ?? [];
    list.push(...(Array.isArray(filter.value) ? filter.value : [filter.value as FilterScalar]));
    into.set(filter.field, list);
  } else if (isAnd(filter)) filter.and.forEach((node) => constantsOf(node, into));
  else if (isNot(filter)) constantsOf(filter.not, into);
  else filter.or.forEach((node) => constantsOf(node, into));
}

export function valuesOf(
  attribute: AttributeDefinition,
  found: Map<string, FilterScalar[]>,
  domain: BenchDomain,
): Array<Record<string, FilterScalar>> {
  const own = found.get(attribute.name) ?? [];
  const years = attribute.yearField === undefined ? [] : (found.get(attribute.yearField) ?? []);
  const step = domain.steps[attribute.name] ?? 1;
  if (attribute.type === "enum" || attribute.type === "string") {
    if (attribute.type === "string" && own.length === 0) return [{ [attribute.name]: "\u0000other" }];
    return [...new Set<FilterScalar>([...attribute.values.map((entry) => entry.value), ...own, "\u0000other"])].map((value) => ({
      [attribute.name]: value,
    }));
  }
  if (attribute.type === "boolean") return [{ [attribute.name]: true }, { [attribute.name]: false }];
  if (attribute.type === "date") {
    const days = new Set<number>();
    for (const value of own) if (typeof value === "number") for (const delta of [-1, 0, 1]) days.add(value + delta);
    for (const year of years) {
      if (typeof year !== "number") continue;
      for (const day of [
        epochDay(year - 1, 12, 31),
        epochDay(year, 1, 1),
        epochDay(year, 6, 15),
        epochDay(year, 12, 31),
        epochDay(year + 1, 1, 1),
      ])
        days.add(day);
    }
    if (days.size === 0) days.add(epochDay(2020, 6, 15));
    return [...days].map((day) => ({
      [attribute.name]: day,
      ...(attribute.yearField === undefined ? {} : { [attribute.yearField]: new Date(day * 86_400_000).getUTCFullYear() }),
    }));
  }
  const candidates = new Set<number>();
  for (const value of own)
    if (typeof value === "number") for (const delta of [-step, 0, step]) candidates.add(Math.round((value + delta) * 1e6) / 1e6);
  if (attribute.minimum !== undefined) candidates.add(attribute.minimum);
  if (attribute.maximum !== undefined) candidates.add(attribute.maximum);
  if (candidates.size === 0) candidates.add(attribute.minimum ?? 0);
  return [...candidates]
    .filter(
      (value) =>
        (attribute.minimum === undefined || value >= attribute.minimum) && (attribute.maximum === undefined || value <= attribute.maximum),
    )
    .map((value) => ({ [attribute.name]: value }));
}

export function sameSelection(domain: BenchDomain, gold: FilterExpression | null, built: FilterExpression | null): boolean {
  const found = new Map<string, FilterScalar[]>();
  constantsOf(gold, found);
  constantsOf(built, found);
  const mentioned = new Set([...found.keys()].map((field) => findAttribute(domain.schema, field)));
  let records: Array<Record<string, FilterScalar>> = [{}];
  for (const attribute of domain.schema.attributes) {
    const options = mentioned.has(attribute) ? valuesOf(attribute, found, domain) : valuesOf(attribute, new Map(), domain).slice(0, 1);
    records = records.flatMap((record) => options.map((option) => ({ ...record, ...option })));
    if (records.length > MAXIMUM_GRID) throw new Error(`grid over ${MAXIMUM_GRID} records`);
  }
  const wanted = gold === null ? () => true : compileFilter(gold);
  const got = built === null ? () => true : compileFilter(built);
  return records.every((record) => wanted(record) === got(record));
}

export function readQuestions(path: string): Question[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Question);
}
