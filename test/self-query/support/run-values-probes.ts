/**
 * Prints how the rule-based constructor reads the values probes (`npx tsx test/self-query/support/run-values-probes.ts`):
 * one line per probe, right or wrong by the records the built and the gold filter select, and the total per family.
 */
import { compileFilter } from "../../../src/core/filter/compile-filter.js";
import type { FilterExpression } from "../../../src/core/filter/filter-schema.js";
import { parseFilter } from "../../../src/core/filter/parse-filter.js";
import type { AttributeSchema } from "../../../src/self-query/attribute-schema.js";
import { RuleBasedQueryConstructor } from "../../../src/self-query/rule-based-query-constructor.js";
import { benchDomains, heldOutFiveDomains } from "../../../bench/self-query/domains.js";
import { heldOutElevenNewADomains } from "../../../bench/self-query/domains-11a.js";
import { heldOutElevenNewBDomains } from "../../../bench/self-query/domains-11b.js";
import { VALUES_PROBES, VALUES_PROBES_2, VALUES_PROBES_3, cafes, watchLog } from "./values-probes.js";

const schemas = new Map<string, AttributeSchema>([
  ["cafes", cafes],
  ["shows", watchLog],
  ...[...benchDomains(), ...heldOutFiveDomains(), ...heldOutElevenNewADomains(), ...heldOutElevenNewBDomains()].map(
    (domain) => [domain.name, domain.schema] as const,
  ),
]);
const now = new Date(Date.UTC(2026, 11, 1, 12));

/** The constants a filter compares each field with, and their neighbours. */
function fieldConstants(node: unknown, into: Map<string, Set<unknown>>): Map<string, Set<unknown>> {
  if (Array.isArray(node)) node.forEach((item) => fieldConstants(item, into));
  else if (node !== null && typeof node === "object") {
    const record = node as Record<string, unknown>;
    if (typeof record.field === "string") {
      const known = into.get(record.field) ?? new Set<unknown>();
      for (const value of Array.isArray(record.value) ? record.value : [record.value]) {
        known.add(value);
        if (typeof value === "number")
          known
            .add(value + 1)
            .add(value - 1)
            .add(value + 0.5)
            .add(value - 0.5);
      }
      into.set(record.field, known);
    }
    Object.values(record).forEach((value) => fieldConstants(value, into));
  }
  return into;
}

function sameSelection(built: FilterExpression | null, gold: Record<string, unknown> | null): boolean {
  if (gold === null || built === null) return gold === built;
  const expected = parseFilter(gold);
  const fields = fieldConstants(built, fieldConstants(expected, new Map()));
  const rows = [...fields].reduce<Array<Record<string, unknown>>>(
    (partial, [field, values]) =>
      partial.flatMap((row) => [...values, "zz-other", true, false].map((value) => ({ ...row, [field]: value }))),
    [{}],
  );
  const [wanted, got] = [compileFilter(expected), compileFilter(built)];
  return rows.every((row) => wanted(row) === got(row));
}

const batch = process.argv[2] === "3" ? VALUES_PROBES_3 : process.argv[2] === "2" ? VALUES_PROBES_2 : VALUES_PROBES;
const families = new Map<string, [number, number]>();
for (const { schema, family, question, filter } of batch) {
  const reader = new RuleBasedQueryConstructor({ attributes: schemas.get(schema) as AttributeSchema, now: () => now });
  const built = reader.constructSync(question);
  const right = sameSelection(built.filter, filter);
  const [hits, total] = families.get(family) ?? [0, 0];
  families.set(family, [hits + (right ? 1 : 0), total + 1]);
  console.log(`${right ? "ok  " : "FAIL"} [${schema}/${family}] ${question}`);
  if (!right) console.log(`      built: ${JSON.stringify(built.filter)}  gold: ${JSON.stringify(filter)}  query: "${built.query}"`);
  if (!right && built.warnings.length > 0) console.log(`      warnings: ${built.warnings.join(" | ")}`);
}
for (const [family, [hits, total]] of families) console.log(`${family}: ${hits}/${total}`);
console.log(`all: ${[...families.values()].reduce((sum, [hits]) => sum + hits, 0)}/${batch.length}`);
