/**
 * Mechanical check of round 9's question files, without running any query constructor:
 * `npx tsx bench/self-query/questions/held-out-9/check-gold.ts`.
 *
 * For every file of `heldOutFiveDomains()` it checks the line format (`id`, `kind`, `question`, `filter`,
 * optional `note`), 12 questions of each kind, unique ids of the form `jw-h9-s01`, a `null` filter exactly on
 * semantic questions, and every gold filter: it must parse with the library's `parseFilter` (the shorthand the
 * benchmark reads), name only fields of that domain's schema, use declared values for enums and vocabularies,
 * booleans on boolean fields, numbers inside the declared minimum and maximum, whole numbers on integer and
 * year fields, and real `YYYY-MM-DD` dates on date fields. Exits with status 1 and one line per problem.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { isAnd, isComparison, isNot, type Comparison, type FilterExpression } from "../../../../src/core/filter/filter-schema.js";
import { parseFilter } from "../../../../src/core/filter/parse-filter.js";
import { findAttribute } from "../../../../src/self-query/attribute-schema.js";
import { heldOutFiveDomains, type BenchDomain } from "../../domains.js";

const KINDS = { semantic: "s", filtered: "f", "filter-only": "o" } as const;
const PER_KIND = 12;
const PREFIXES: Record<string, string> = { "john-wick": "jw", products: "pr", "real-estate": "re", jobs: "jb" };
const LINE_KEYS = new Set(["id", "kind", "question", "filter", "note"]);

function comparisons(filter: FilterExpression): Comparison[] {
  if (isComparison(filter)) return [filter];
  if (isAnd(filter)) return filter.and.flatMap(comparisons);
  if (isNot(filter)) return comparisons(filter.not);
  return filter.or.flatMap(comparisons);
}

function isCalendarDay(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function valueProblems(domain: BenchDomain, comparison: Comparison): string[] {
  const attribute = findAttribute(domain.schema, comparison.field);
  if (attribute === undefined) return [`field "${comparison.field}" is not in the ${domain.name} schema`];
  const values = Array.isArray(comparison.value) ? comparison.value : [comparison.value];
  const isYearField = attribute.yearField === comparison.field;
  const problems: string[] = [];
  for (const value of values) {
    const shown = `${comparison.field} ${comparison.operator} ${JSON.stringify(value)}`;
    if (isYearField) {
      if (typeof value !== "number" || !Number.isInteger(value) || value < 1900 || value > 2100) problems.push(`${shown}: not a year`);
    } else if (attribute.type === "date") {
      if (typeof value !== "string" || !isCalendarDay(value)) problems.push(`${shown}: not a YYYY-MM-DD date`);
    } else if (attribute.type === "boolean") {
      if (typeof value !== "boolean") problems.push(`${shown}: not a boolean`);
    } else if (attribute.type === "number" || attribute.type === "integer") {
      if (typeof value !== "number") problems.push(`${shown}: not a number`);
      else {
        if (attribute.type === "integer" && !Number.isInteger(value)) problems.push(`${shown}: not a whole number`);
        if (attribute.minimum !== undefined && value < attribute.minimum) problems.push(`${shown}: below minimum ${attribute.minimum}`);
        if (attribute.maximum !== undefined && value > attribute.maximum) problems.push(`${shown}: above maximum ${attribute.maximum}`);
      }
    } else if (attribute.values.length > 0 && !attribute.values.some((entry) => entry.value === value)) {
      problems.push(`${shown}: not a declared value of ${attribute.name}`);
    }
  }
  return problems;
}

function checkDomain(folder: string, domain: BenchDomain): string[] {
  const path = resolve(folder, domain.file);
  const prefix = PREFIXES[domain.name];
  if (prefix === undefined) return [`${domain.name}: no id prefix known`];
  const problems: string[] = [];
  const seen = new Set<string>();
  const counts: Record<string, number> = { semantic: 0, filtered: 0, "filter-only": 0 };
  const lines = readFileSync(path, "utf8").split("\n");
  lines.forEach((raw, index) => {
    if (raw.trim() === "") return;
    const where = `${domain.file}:${index + 1}`;
    const entry = JSON.parse(raw) as Record<string, unknown>;
    for (const key of Object.keys(entry)) if (!LINE_KEYS.has(key)) problems.push(`${where}: unknown key "${key}"`);
    const kind = entry.kind as keyof typeof KINDS;
    if (!(kind in KINDS)) {
      problems.push(`${where}: unknown kind ${String(entry.kind)}`);
      return;
    }
    counts[kind] = (counts[kind] ?? 0) + 1;
    const id = String(entry.id);
    if (!new RegExp(`^${prefix}-h9-${KINDS[kind]}\\d{2}$`).test(id))
      problems.push(`${where}: id ${id} does not match ${prefix}-h9-${KINDS[kind]}NN`);
    if (seen.has(id)) problems.push(`${where}: id ${id} repeated`);
    seen.add(id);
    if (typeof entry.question !== "string" || entry.question.trim() === "") problems.push(`${where}: empty question`);
    if (entry.note !== undefined && typeof entry.note !== "string") problems.push(`${where}: note is not a string`);
    if (kind === "semantic") {
      if (entry.filter !== null) problems.push(`${where}: a semantic question needs filter null`);
      return;
    }
    if (entry.filter === null) {
      problems.push(`${where}: a ${kind} question needs a gold filter`);
      return;
    }
    try {
      const filter = parseFilter(entry.filter);
      for (const comparison of comparisons(filter))
        for (const problem of valueProblems(domain, comparison)) problems.push(`${where}: ${problem}`);
    } catch (error) {
      problems.push(`${where}: ${(error as Error).message}`);
    }
  });
  for (const [kind, count] of Object.entries(counts)) {
    if (count !== PER_KIND) problems.push(`${domain.file}: ${count} ${kind} questions, expected ${PER_KIND}`);
  }
  console.log(
    `${domain.file}: ${seen.size} questions (${Object.entries(counts)
      .map(([kind, count]) => `${count} ${kind}`)
      .join(", ")})`,
  );
  return problems;
}

const folder = import.meta.dirname;
const problems = heldOutFiveDomains().flatMap((domain) => checkDomain(folder, domain));
for (const problem of problems) console.log(`problem: ${problem}`);
console.log(problems.length === 0 ? "all gold filters valid" : `${problems.length} problem(s)`);
process.exitCode = problems.length === 0 ? 0 : 1;
