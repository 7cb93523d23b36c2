/**
 * Prints how the rule-based constructor reads a set of probe questions (the probes each fixer wrote before changing the
 * rules): one line per probe, right or wrong by the records the built and the gold filter select, then the score per
 * family, per kind of schema (the fixer's own or the bench's) and in all.
 *
 *   npx tsx test/self-query/support/run-probes.ts precision [2|3]    phase 4's precision probes (PROBES-11-precision.md)
 *   npx tsx test/self-query/support/run-probes.ts attachment [2]     phase 5's attachment probes (PROBES-12-precision.md)
 *   npx tsx test/self-query/support/run-probes.ts values [2|3]       phase 5's values probes (PROBES-12-values.md)
 */
import { compileFilter } from "../../../src/core/filter/compile-filter.js";
import type { FilterExpression } from "../../../src/core/filter/filter-schema.js";
import { parseFilter } from "../../../src/core/filter/parse-filter.js";
import type { AttributeSchema } from "../../../src/self-query/attribute-schema.js";
import { RuleBasedQueryConstructor } from "../../../src/self-query/rule-based-query-constructor.js";
import { benchDomains, heldOutFiveDomains } from "../../../bench/self-query/domains.js";
import { heldOutTenNewDomains } from "../../../bench/self-query/domains-10.js";
import { heldOutElevenNewADomains } from "../../../bench/self-query/domains-11a.js";
import { heldOutElevenNewBDomains } from "../../../bench/self-query/domains-11b.js";
import { ATTACHMENT_PROBES, ATTACHMENT_PROBES_2, campsites, languageCourses } from "./attachment-probes.js";
import {
  PRECISION_PROBES,
  PRECISION_PROBES_2,
  PRECISION_PROBES_3,
  hikingTrails,
  recordShop,
  restaurantReviews,
} from "./precision-probes.js";
import { VALUES_PROBES, VALUES_PROBES_2, VALUES_PROBES_3, cafes, watchLog } from "./values-probes.js";

interface Probe {
  schema: string;
  family: string;
  question: string;
  filter: Record<string, unknown> | null;
}

interface ProbeSet {
  /** The batches, by the argument that picks them ("" for the first). */
  batches: Record<string, readonly Probe[]>;
  /** The fixer's own schemas, by the name its probes use. */
  own: Record<string, AttributeSchema>;
  /** The bench's schemas the probes use. */
  bench: () => Array<{ name: string; schema: AttributeSchema }>;
}

const SETS: Record<string, ProbeSet> = {
  precision: {
    batches: { "": PRECISION_PROBES, "2": PRECISION_PROBES_2, "3": PRECISION_PROBES_3 },
    own: { restaurants: restaurantReviews, records: recordShop, trails: hikingTrails },
    bench: () => [...benchDomains(), ...heldOutFiveDomains(), ...heldOutTenNewDomains()],
  },
  attachment: {
    batches: { "": ATTACHMENT_PROBES, "2": ATTACHMENT_PROBES_2 },
    own: { campsites, courses: languageCourses },
    bench: () => [...benchDomains(), ...heldOutFiveDomains(), ...heldOutElevenNewBDomains()],
  },
  values: {
    batches: { "": VALUES_PROBES, "2": VALUES_PROBES_2, "3": VALUES_PROBES_3 },
    own: { cafes, shows: watchLog },
    bench: () => [...benchDomains(), ...heldOutFiveDomains(), ...heldOutElevenNewADomains(), ...heldOutElevenNewBDomains()],
  },
};

/** The constants a filter compares each field with, and their neighbours (so that < and <= differ). */
function fieldConstants(node: unknown, into: Map<string, Set<unknown>>): Map<string, Set<unknown>> {
  if (Array.isArray(node)) node.forEach((item) => fieldConstants(item, into));
  else if (node !== null && typeof node === "object") {
    const record = node as Record<string, unknown>;
    if (typeof record.field === "string") {
      const known = into.get(record.field) ?? new Set<unknown>();
      for (const value of Array.isArray(record.value) ? record.value : [record.value]) {
        if (value === undefined) continue;
        known.add(value);
        if (typeof value === "number") for (const step of [1, -1, 0.5, -0.5]) known.add(value + step);
      }
      into.set(record.field, known);
    }
    Object.values(record).forEach((value) => fieldConstants(value, into));
  }
  return into;
}

/** True when the built filter selects the same records as the gold one, on a grid around both filters' constants. */
function sameSelection(built: FilterExpression | null, gold: Record<string, unknown> | null): boolean {
  if (gold === null || built === null) return gold === null && built === null;
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

const [setName = "", batchName = ""] = process.argv.slice(2);
const set = SETS[setName];
const batch = set?.batches[batchName];
if (set === undefined || batch === undefined) {
  console.error(`usage: run-probes.ts <${Object.keys(SETS).join("|")}> [batch]; the batches of a set are its keys: "" (none), 2, 3`);
  process.exit(2);
}
const schemas = new Map<string, AttributeSchema>([
  ...Object.entries(set.own),
  ...set.bench().map((domain) => [domain.name, domain.schema] as const),
]);
const now = new Date(Date.UTC(2026, 11, 1, 12));
const scores = new Map<string, [number, number]>();
const count = (key: string, right: boolean): void => {
  const [hits, total] = scores.get(key) ?? [0, 0];
  scores.set(key, [hits + (right ? 1 : 0), total + 1]);
};
for (const probe of batch) {
  const schema = schemas.get(probe.schema);
  if (schema === undefined) throw new Error(`probe "${probe.question}": no schema "${probe.schema}" in the ${setName} set`);
  const built = new RuleBasedQueryConstructor({ attributes: schema, now: () => now }).constructSync(probe.question);
  const right = sameSelection(built.filter, probe.filter);
  count(`family ${probe.family}`, right);
  count(probe.schema in set.own ? "own schemas" : "bench schemas", right);
  count("all", right);
  console.log(`${right ? "ok  " : "FAIL"} [${probe.schema}/${probe.family}] ${probe.question}`);
  if (!right) console.log(`      built: ${JSON.stringify(built.filter)}  gold: ${JSON.stringify(probe.filter)}  query: "${built.query}"`);
  if (!right && built.warnings.length > 0) console.log(`      warnings: ${built.warnings.join(" | ")}`);
}
for (const [key, [hits, total]] of scores) console.log(`${key}: ${hits}/${total}`);
