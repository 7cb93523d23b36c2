/**
 * Checks the question files of held-out rounds without running any query constructor: every line parses,
 * ids are unique and match their round and kind (`jw-h8-s01`), each kind has the round's planned number
 * of questions, semantic questions have no filter, and every gold filter (read with the benchmark's
 * `parseFilter`) compares only fields of its domain's schema with values that field can hold: declared
 * enum and vocabulary values, booleans on booleans, numbers within the declared range and on the field's
 * step, valid `YYYY-MM-DD` dates on date fields, whole years on year fields. It also counts the records of
 * the benchmark's grid for each gold filter alone, which must stay well under its 300,000 limit. A writer
 * of a blind round runs it on their files instead of the benchmark.
 *
 *   npx tsx bench/self-query/check-round.ts [ROUND_FOLDER ...]   (default: every round with a fixed plan)
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isAnd, isComparison, isNot, type FilterExpression, type FilterScalar } from "../../src/core/filter/filter-schema.js";
import { parseFilter } from "../../src/core/filter/parse-filter.js";
import { findAttribute, type AttributeDefinition } from "../../src/self-query/attribute-schema.js";
import type { BenchDomain } from "./domains.js";
import { QUESTION_ROUNDS, type QuestionRound } from "./rounds.js";

const KINDS = { semantic: "s", filtered: "f", "filter-only": "o" } as const;
/** The bench stops at a grid of 300,000 records; a constructed filter that mentions more fields multiplies the gold filter's grid, so it stays far below. */
const GRID_HEADROOM = 10_000;

interface Line {
  id: string;
  kind: keyof typeof KINDS;
  question: string;
  filter: Record<string, unknown> | null;
  note?: string;
}

function comparisons(filter: FilterExpression): Array<{ field: string; operator: string; value: FilterScalar | FilterScalar[] }> {
  if (isComparison(filter))
    return [{ field: filter.field, operator: filter.operator, value: filter.value as FilterScalar | FilterScalar[] }];
  if (isAnd(filter)) return filter.and.flatMap(comparisons);
  if (isNot(filter)) return comparisons(filter.not);
  return filter.or.flatMap(comparisons);
}

function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function valueProblem(attribute: AttributeDefinition, field: string, value: FilterScalar, step: number): string | undefined {
  if (field === attribute.yearField)
    return Number.isInteger(value) ? undefined : `year field ${field} takes whole years, got ${String(value)}`;
  switch (attribute.type) {
    case "enum":
    case "string":
      return attribute.values.some((entry) => entry.value === value) ? undefined : `${String(value)} is not a declared value of ${field}`;
    case "boolean":
      return typeof value === "boolean" ? undefined : `${field} takes true or false, got ${String(value)}`;
    case "date":
      return typeof value === "string" && isCalendarDate(value) ? undefined : `${field} takes YYYY-MM-DD, got ${String(value)}`;
    case "number":
    case "integer": {
      if (typeof value !== "number") return `${field} takes numbers, got ${String(value)}`;
      if (attribute.minimum !== undefined && value < attribute.minimum) return `${value} is below ${field}'s minimum ${attribute.minimum}`;
      if (attribute.maximum !== undefined && value > attribute.maximum) return `${value} is above ${field}'s maximum ${attribute.maximum}`;
      const steps = value / step;
      return Math.abs(steps - Math.round(steps)) < 1e-9 ? undefined : `${value} is not a multiple of ${field}'s step ${step}`;
    }
  }
}

/** How many records the benchmark's grid holds for this filter alone (as `grid` in bench/self-query.bench.ts builds it). */
function gridSize(domain: BenchDomain, filter: FilterExpression | null): number {
  const found = new Map<AttributeDefinition, FilterScalar[]>();
  for (const { field, value } of filter === null ? [] : comparisons(filter)) {
    const attribute = findAttribute(domain.schema, field);
    if (attribute === undefined) continue;
    found.set(attribute, [...(found.get(attribute) ?? []), ...(Array.isArray(value) ? value : [value])]);
  }
  let size = 1;
  for (const [attribute, values] of found) {
    const distinct = new Set(values).size;
    if (attribute.type === "enum" || attribute.type === "string")
      size *= new Set([...attribute.values.map((entry) => entry.value), ...values]).size + 1;
    else if (attribute.type === "boolean") size *= 2;
    else size *= 3 * distinct + 2 + (attribute.type === "date" && attribute.yearField !== undefined ? 2 * distinct : 0);
  }
  return size;
}

/** What `checkRound` found: one line per problem (file:line: what is wrong) and a count line per file. */
export interface RoundCheck {
  problems: string[];
  summary: string[];
}

/** Checks one round's question files (read from `questionsFolder`/`round.folder`). */
export function checkRound(round: QuestionRound, questionsFolder = resolve(import.meta.dirname, "questions")): RoundCheck {
  const problems: string[] = [];
  const summary: string[] = [];
  const folder = resolve(questionsFolder, round.folder);
  const tag = /^held-out-(\d+)/.exec(round.folder)?.[1];
  for (const domain of round.domains()) {
    const path = resolve(folder, domain.file);
    const lines = readFileSync(path, "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "");
    const ids = new Set<string>();
    const counts = { semantic: 0, filtered: 0, "filter-only": 0 };
    lines.forEach((text, index) => {
      const where = `${round.folder}/${domain.file}:${index + 1}`;
      const line = JSON.parse(text) as Line;
      const extra = Object.keys(line).filter((key) => !["id", "kind", "question", "filter", "note"].includes(key));
      if (extra.length > 0) problems.push(`${where}: unknown keys ${extra.join(", ")}`);
      if (!(line.kind in KINDS)) {
        problems.push(`${where}: unknown kind ${String(line.kind)}`);
        return;
      }
      counts[line.kind] += 1;
      if (ids.has(line.id)) problems.push(`${where}: id ${line.id} used twice`);
      ids.add(line.id);
      if (tag !== undefined && !new RegExp(`^[a-z]{2}-h${tag}-${KINDS[line.kind]}\\d{2}$`).test(line.id))
        problems.push(`${where}: id ${line.id} does not match xx-h${tag}-${KINDS[line.kind]}NN (round ${tag}, kind ${line.kind})`);
      if (typeof line.question !== "string" || line.question.trim() === "") problems.push(`${where}: empty question`);
      if (line.kind === "semantic" ? line.filter !== null : line.filter === null)
        problems.push(`${where}: a ${line.kind} question with the wrong filter`);
      if (line.filter === null) return;
      const filter = parseFilter(line.filter);
      for (const { field, operator, value } of comparisons(filter)) {
        const attribute = findAttribute(domain.schema, field);
        if (attribute === undefined) {
          problems.push(`${where}: ${field} is not a field of ${domain.name}`);
          continue;
        }
        if (attribute.type === "boolean" && operator !== "eq") problems.push(`${where}: write a boolean with eq, not ${operator}`);
        const ordered = ["gt", "gte", "lt", "lte"].includes(operator);
        if (ordered && (attribute.type === "enum" || attribute.type === "string")) problems.push(`${where}: ${operator} on ${field}`);
        const step = domain.steps[field] ?? 1;
        for (const scalar of Array.isArray(value) ? value : [value]) {
          const problem = valueProblem(attribute, field, scalar, step);
          if (problem !== undefined) problems.push(`${where}: ${problem}`);
        }
      }
      const size = gridSize(domain, filter);
      if (size > GRID_HEADROOM) problems.push(`${where}: the gold filter alone makes a grid of ${size} records`);
    });
    for (const [kind, count] of Object.entries(counts)) {
      if (round.perKind !== undefined && count !== round.perKind)
        problems.push(`${round.folder}/${domain.file}: ${count} ${kind} questions, expected ${round.perKind}`);
    }
    summary.push(
      `${round.folder}/${domain.name}: ${lines.length} questions (${Object.entries(counts)
        .map(([kind, count]) => `${count} ${kind}`)
        .join(", ")})`,
    );
  }
  return { problems, summary };
}

function main(wanted: string[]): void {
  for (const folder of wanted) {
    if (!QUESTION_ROUNDS.some((round) => round.folder === folder))
      throw new Error(`unknown round folder "${folder}"; known: ${QUESTION_ROUNDS.map((round) => round.folder || '""').join(", ")}`);
  }
  const problems: string[] = [];
  for (const round of QUESTION_ROUNDS) {
    if (wanted.length > 0 ? !wanted.includes(round.folder) : round.perKind === undefined) continue;
    const check = checkRound(round);
    console.log(check.summary.join("\n"));
    problems.push(...check.problems);
  }
  if (problems.length > 0) {
    console.error(problems.join("\n"));
    process.exitCode = 1;
  } else console.log("all gold filters are valid for their schemas");
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
