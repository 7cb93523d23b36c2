/**
 * Prints how the rule-based constructor reads the attachment probes (`npx tsx test/self-query/support/run-attachment-probes.ts [2]`):
 * one line per probe, right or wrong by the records the built and the gold filter select, then the score per part.
 */
import { compileFilter } from "../../../src/core/filter/compile-filter.js";
import type { FilterExpression } from "../../../src/core/filter/filter-schema.js";
import { parseFilter } from "../../../src/core/filter/parse-filter.js";
import type { AttributeSchema } from "../../../src/self-query/attribute-schema.js";
import { RuleBasedQueryConstructor } from "../../../src/self-query/rule-based-query-constructor.js";
import { benchDomains, heldOutFiveDomains } from "../../../bench/self-query/domains.js";
import { heldOutElevenNewBDomains } from "../../../bench/self-query/domains-11b.js";
import { ATTACHMENT_PROBES, ATTACHMENT_PROBES_2, campsites, languageCourses } from "./attachment-probes.js";

const schemas = new Map<string, AttributeSchema>([
  ["campsites", campsites],
  ["courses", languageCourses],
  ...[...benchDomains(), ...heldOutFiveDomains(), ...heldOutElevenNewBDomains()].map((domain) => [domain.name, domain.schema] as const),
]);
const now = new Date(Date.UTC(2026, 11, 1, 12));

/** The constants of a filter, per field (numbers with their neighbours, so that < and <= differ). */
function constants(node: unknown, into: Map<string, Set<unknown>>): void {
  if (Array.isArray(node)) for (const item of node) constants(item, into);
  else if (node !== null && typeof node === "object") {
    const record = node as Record<string, unknown>;
    if (typeof record.field === "string") {
      const set = into.get(record.field) ?? new Set();
      for (const value of [record.value, ...(Array.isArray(record.values) ? record.values : [])]) {
        if (value === undefined) continue;
        set.add(value);
        if (typeof value === "number") set.add(value + 1).add(value - 1);
      }
      into.set(record.field, set);
    }
    for (const value of Object.values(record)) constants(value, into);
  }
}

function sameSelection(actual: FilterExpression | null, expected: Record<string, unknown> | null): boolean {
  if (expected === null || actual === null) return expected === null && actual === null;
  const gold = parseFilter(expected);
  const fields = new Map<string, Set<unknown>>();
  constants(gold, fields);
  constants(actual, fields);
  let rows: Array<Record<string, unknown>> = [{}];
  for (const [field, values] of fields)
    rows = rows.flatMap((row) => [...values, "zz-other", true, false].map((value) => ({ ...row, [field]: value })));
  const wanted = compileFilter(gold);
  const got = compileFilter(actual);
  return rows.every((row) => wanted(row) === got(row));
}

const score = new Map<string, [number, number]>();
for (const probe of process.argv[2] === "2" ? ATTACHMENT_PROBES_2 : ATTACHMENT_PROBES) {
  const reader = new RuleBasedQueryConstructor({ attributes: schemas.get(probe.schema) as AttributeSchema, now: () => now });
  const built = reader.constructSync(probe.question);
  const ok = sameSelection(built.filter, probe.filter);
  const part = `${["campsites", "courses"].includes(probe.schema) ? "own" : "bench"} ${probe.family}`;
  const [right, all] = score.get(part) ?? [0, 0];
  score.set(part, [right + (ok ? 1 : 0), all + 1]);
  console.log(
    `${ok ? "ok  " : "FAIL"} [${probe.schema}/${probe.family}] ${probe.question}\n      built: ${JSON.stringify(built.filter)}  gold: ${JSON.stringify(probe.filter)}${built.warnings.length > 0 ? `\n      warnings: ${built.warnings.join(" | ")}` : ""}`,
  );
}
for (const [part, [right, all]] of score) console.log(`${part}: ${right}/${all}`);
