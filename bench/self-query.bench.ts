/**
 * Self-query constructor benchmark: how often the rule-based constructor builds the right filter, on
 * the question sets listed in bench/self-query/rounds.ts: tuning sets in three domains (written before the
 * constructor was run on them) and held-out rounds, each written after the rules were tuned and before the
 * constructor was run on it. Rounds 5 to 10 were written blind by someone who never read the rules, with a
 * fourth domain (job postings); rounds 8 to 10 add two schemas each that the rules were never run on,
 * declared by their writer in domains-8.ts, domains-9.ts and domains-10.ts.
 *
 * A constructed filter is compared with the gold filter by record selection: both are run over a grid
 * of records covering every constant either filter mentions (each constant, one step below and above
 * it, kept within the field's declared bounds, and the bounds; every enum value; true and false), so equivalent filters count as equal
 * (`Rating > 7` ≡ `Rating >= 8` on a whole-number field). Per domain and kind:
 *   correct   selects exactly the records the gold filter selects (semantic: no filter at all)
 *   spurious  semantic question (gold: no filter) that got a filter
 *   missed    gold has a filter, the constructor built none
 *   wrong     any other difference
 *   silent    a gold attribute is missing from the constructed filter and no warning says anything
 *   mode      filter-only questions with an empty semantic query, other questions with a non-empty one
 * Relative dates are read against a fixed now (2026-12-01).
 *
 *   npx tsx bench/self-query.bench.ts [--failures] [--json FILE]
 */
import { readFileSync, existsSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { compileFilter } from "../src/core/filter/compile-filter.js";
import { describeFilter, filterFields } from "../src/core/filter/combine-filters.js";
import { isAnd, isComparison, isNot, type FilterExpression, type FilterScalar } from "../src/core/filter/filter-schema.js";
import { parseFilter } from "../src/core/filter/parse-filter.js";
import { findAttribute, type AttributeDefinition } from "../src/self-query/attribute-schema.js";
import { epochDay, parseCalendarText } from "../src/self-query/calendar.js";
import { RuleBasedQueryConstructor } from "../src/self-query/rule-based-query-constructor.js";
import type { BenchDomain } from "./self-query/domains.js";
import { QUESTION_ROUNDS } from "./self-query/rounds.js";

const { values: args } = parseArgs({
  options: { failures: { type: "boolean", default: false }, json: { type: "string" } },
});

/** The fixed clock of the benchmark. */
const NOW = new Date(Date.UTC(2026, 11, 1, 12, 0, 0));
const KINDS = ["semantic", "filtered", "filter-only"] as const;
type Kind = (typeof KINDS)[number];
const MAXIMUM_GRID = 300_000;

interface Question {
  id: string;
  kind: Kind;
  question: string;
  filter: Record<string, unknown> | null;
}

type Outcome = "correct" | "spurious" | "missed" | "wrong";

interface Scored {
  domain: string;
  id: string;
  kind: Kind;
  question: string;
  outcome: Outcome;
  silentDrop: boolean;
  modeOk: boolean;
  gold: string;
  built: string;
  query: string;
  warnings: string[];
}

function readQuestions(path: string): Question[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .map((line, index) => ({ line: line.trim(), index }))
    .filter(({ line }) => line !== "")
    .map(({ line, index }) => {
      const parsed = JSON.parse(line) as Question;
      if (!KINDS.includes(parsed.kind)) throw new Error(`${path}:${index + 1}: unknown kind ${String(parsed.kind)}`);
      return parsed;
    });
}

/** Rewrites "YYYY-MM-DD" values on date fields into epoch days. */
function withEpochDays(filter: FilterExpression, domain: BenchDomain): FilterExpression {
  const convert = (value: FilterScalar): FilterScalar => {
    if (typeof value !== "string") return value;
    const day = parseCalendarText(value);
    if (day === undefined) throw new Error(`gold date "${value}" is not YYYY-MM-DD`);
    return day;
  };
  const visit = (node: FilterExpression): FilterExpression => {
    if (isComparison(node)) {
      const attribute = domain.schema.attributes.find((candidate) => candidate.name === node.field);
      if (attribute?.type !== "date") return node;
      return { ...node, value: Array.isArray(node.value) ? node.value.map(convert) : convert(node.value as FilterScalar) };
    }
    if (isAnd(node)) return { and: node.and.map(visit) };
    if (isNot(node)) return { not: visit(node.not) };
    return { or: node.or.map(visit) };
  };
  return visit(filter);
}

/** Every constant a filter compares a field with. */
function constants(filter: FilterExpression | null, into: Map<string, FilterScalar[]>): void {
  if (filter === null) return;
  const visit = (node: FilterExpression): void => {
    if (isComparison(node)) {
      const list = into.get(node.field) ?? [];
      list.push(...(Array.isArray(node.value) ? node.value : [node.value as FilterScalar]));
      into.set(node.field, list);
    } else if (isAnd(node)) node.and.forEach(visit);
    else if (isNot(node)) visit(node.not);
    else node.or.forEach(visit);
  };
  visit(filter);
}

/** The values one attribute takes in the grid (an array of partial records, since a date sets two fields). */
function attributeValues(
  attribute: AttributeDefinition,
  found: Map<string, FilterScalar[]>,
  domain: BenchDomain,
): Array<Record<string, FilterScalar>> {
  const own = found.get(attribute.name) ?? [];
  const year = attribute.yearField === undefined ? [] : (found.get(attribute.yearField) ?? []);
  const step = domain.steps[attribute.name] ?? 1;
  switch (attribute.type) {
    case "enum":
    case "string": {
      const values = [...new Set<FilterScalar>([...attribute.values.map((entry) => entry.value), ...own, "\u0000other"])];
      if (attribute.type === "string" && own.length === 0) return [{ [attribute.name]: "\u0000other" }];
      return values.map((value) => ({ [attribute.name]: value }));
    }
    case "boolean":
      return [{ [attribute.name]: true }, { [attribute.name]: false }];
    case "number":
    case "integer": {
      const numbers = own.filter((value): value is number => typeof value === "number");
      const candidates = new Set<number>();
      for (const value of numbers) for (const delta of [-step, 0, step]) candidates.add(round(value + delta));
      if (attribute.minimum !== undefined) candidates.add(attribute.minimum);
      if (attribute.maximum !== undefined) candidates.add(attribute.maximum);
      if (candidates.size === 0) candidates.add(attribute.minimum ?? 0);
      // Only values the attribute can hold: on a 1–10 scale, `in [9, 10]` and `>= 9` select the same records.
      const possible = [...candidates].filter(
        (value) =>
          (attribute.minimum === undefined || value >= attribute.minimum) &&
          (attribute.maximum === undefined || value <= attribute.maximum),
      );
      return possible.map((value) => ({ [attribute.name]: value }));
    }
    case "date": {
      const days = new Set<number>();
      for (const value of own) if (typeof value === "number") for (const delta of [-1, 0, 1]) days.add(value + delta);
      for (const value of year) {
        if (typeof value !== "number") continue;
        for (const day of [
          epochDay(value - 1, 12, 31),
          epochDay(value, 1, 1),
          epochDay(value, 6, 15),
          epochDay(value, 12, 31),
          epochDay(value + 1, 1, 1),
        ])
          days.add(day);
      }
      if (days.size === 0) days.add(epochDay(2020, 6, 15));
      return [...days].map((day) => {
        const record: Record<string, FilterScalar> = { [attribute.name]: day };
        if (attribute.yearField !== undefined) record[attribute.yearField] = new Date(day * 86_400_000).getUTCFullYear();
        return record;
      });
    }
  }
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** The grid: the product of the values of every attribute either filter mentions. */
function grid(domain: BenchDomain, filters: Array<FilterExpression | null>): Array<Record<string, FilterScalar>> {
  const found = new Map<string, FilterScalar[]>();
  for (const filter of filters) constants(filter, found);
  const mentioned = new Set(
    [...found.keys()].map((field) => findAttribute(domain.schema, field)).filter((attribute) => attribute !== undefined),
  );
  let records: Array<Record<string, FilterScalar>> = [{}];
  for (const attribute of domain.schema.attributes) {
    const options = mentioned.has(attribute)
      ? attributeValues(attribute, found, domain)
      : attributeValues(attribute, new Map(), domain).slice(0, 1);
    records = records.flatMap((record) => options.map((option) => ({ ...record, ...option })));
    if (records.length > MAXIMUM_GRID) throw new Error(`grid over ${MAXIMUM_GRID} records`);
  }
  return records;
}

function selection(filter: FilterExpression | null, records: Array<Record<string, FilterScalar>>): boolean[] {
  if (filter === null) return records.map(() => true);
  const predicate = compileFilter(filter);
  return records.map((record) => predicate(record));
}

function attributesOf(filter: FilterExpression | null, domain: BenchDomain): Set<AttributeDefinition> {
  if (filter === null) return new Set();
  return new Set(
    filterFields(filter)
      .map((field) => findAttribute(domain.schema, field))
      .filter((attribute): attribute is AttributeDefinition => attribute !== undefined),
  );
}

function score(domain: BenchDomain, question: Question): Scored {
  const constructor = new RuleBasedQueryConstructor({ attributes: domain.schema, now: () => NOW });
  const built = constructor.constructSync(question.question);
  const gold = question.filter === null ? null : withEpochDays(parseFilter(question.filter), domain);
  const records = grid(domain, [gold, built.filter]);
  const goldSelection = selection(gold, records);
  const builtSelection = selection(built.filter, records);
  const same = goldSelection.every((value, index) => value === builtSelection[index]);
  const selectsAll = builtSelection.every(Boolean);
  let outcome: Outcome;
  if (same) outcome = "correct";
  else if (gold === null) outcome = "spurious";
  else if (built.filter === null || selectsAll) outcome = "missed";
  else outcome = "wrong";
  const builtAttributes = attributesOf(built.filter, domain);
  const dropped = [...attributesOf(gold, domain)].some((attribute) => !builtAttributes.has(attribute));
  const modeOk = question.kind === "filter-only" ? built.query === "" : built.query !== "";
  return {
    domain: domain.name,
    id: question.id,
    kind: question.kind,
    question: question.question,
    outcome,
    silentDrop: outcome !== "correct" && dropped && built.warnings.length === 0,
    modeOk,
    gold: gold === null ? "none" : describeFilter(gold),
    built: built.filter === null ? "none" : describeFilter(built.filter),
    query: built.query,
    warnings: built.warnings,
  };
}

function percent(part: number, whole: number): string {
  return whole === 0 ? "-" : `${((100 * part) / whole).toFixed(0)}%`;
}

function table(title: string, scored: Scored[]): string {
  const header = "| domain | kind | n | correct | spurious | missed | wrong | silent drops | mode ok |";
  const lines = [`### ${title}`, "", header, "|---|---|---|---|---|---|---|---|---|"];
  const domains = [...new Set(scored.map((entry) => entry.domain))];
  const row = (domain: string, kind: string, entries: Scored[]): string => {
    const count = (outcome: Outcome) => entries.filter((entry) => entry.outcome === outcome).length;
    const correct = count("correct");
    const semantic = entries.filter((entry) => entry.kind === "semantic").length;
    return `| ${domain} | ${kind} | ${entries.length} | ${correct} (${percent(correct, entries.length)}) | ${semantic === 0 ? "-" : `${count("spurious")} (${percent(count("spurious"), semantic)})`} | ${count("missed")} | ${count("wrong")} | ${entries.filter((entry) => entry.silentDrop).length} | ${entries.filter((entry) => entry.modeOk).length}/${entries.length} |`;
  };
  for (const domain of domains) {
    const own = scored.filter((entry) => entry.domain === domain);
    for (const kind of KINDS) {
      const entries = own.filter((entry) => entry.kind === kind);
      if (entries.length > 0) lines.push(row(domain, kind, entries));
    }
    lines.push(row(domain, "**all**", own));
  }
  lines.push(row("**all**", "**all**", scored));
  return lines.join("\n");
}

function run(folder: string, title: string, domains: BenchDomain[]): Scored[] {
  const scored: Scored[] = [];
  for (const domain of domains) {
    const path = resolve(folder, domain.file);
    if (!existsSync(path)) throw new Error(`missing question set ${path}`);
    for (const question of readQuestions(path)) scored.push(score(domain, question));
  }
  console.log(table(title, scored));
  console.log("");
  if (args.failures) {
    for (const entry of scored.filter((item) => item.outcome !== "correct" || !item.modeOk)) {
      console.log(
        `${entry.id} [${entry.outcome}${entry.silentDrop ? ", silent drop" : ""}${entry.modeOk ? "" : ", mode"}] ${entry.question}`,
      );
      console.log(`   gold:  ${entry.gold}`);
      console.log(
        `   built: ${entry.built}   query: ${JSON.stringify(entry.query)}${entry.warnings.length > 0 ? `   warnings: ${entry.warnings.join(" | ")}` : ""}`,
      );
    }
    console.log("");
  }
  return scored;
}

const here = resolve(import.meta.dirname, "self-query/questions");
const results = Object.fromEntries(
  QUESTION_ROUNDS.map((round) => [round.key, run(resolve(here, round.folder), round.title, round.domains())]),
);
if (args.json !== undefined) writeFileSync(args.json, JSON.stringify({ now: NOW.toISOString(), ...results }, null, 2));
