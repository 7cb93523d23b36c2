/**
 * How well chrono-node reads the date classes of phase 5's numbers probes (bench/self-query/probe-numbers-12.ts): a probe
 * counts when the first date chrono finds has the gold filter's bounds (operators aside, so this favours chrono). The
 * rules read all 20 of them. chrono-node is not a dependency; install it in a scratch folder and point CHRONO_DIR at it:
 *
 *   mkdir /tmp/chrono && (cd /tmp/chrono && npm init -y && npm install chrono-node@2)
 *   CHRONO_DIR=/tmp/chrono npx tsx bench/self-query/measure-chrono-probes-12.ts
 */
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { PROBES, SECOND_PROBES } from "./probe-numbers-12.js";

interface ChronoResult {
  text: string;
  start: { date(): Date };
  end?: { date(): Date } | null;
}
const chrono = createRequire(resolve(process.env.CHRONO_DIR ?? ".", "package.json"))("chrono-node") as {
  parse(text: string, reference: Date, options: { forwardDate: boolean }): ChronoResult[];
};
const NOW = new Date(Date.UTC(2026, 11, 1, 12));
const DATE_CLASSES = new Set(["anaphoric", "duration-window", "back-to-today", "days-of-month", "month-list"]);
const iso = (date: Date) => date.toISOString().slice(0, 10);
const isDay = (value: unknown) => typeof value === "string" && /^\d{4}-\d\d-\d\d$/u.test(value);

let total = 0;
let read = 0;
for (const probe of [...PROBES, ...SECOND_PROBES]) {
  if (!DATE_CLASSES.has(probe.class)) continue;
  total += 1;
  const results = chrono.parse(probe.question, NOW, { forwardDate: false });
  const gold = Object.values(probe.gold ?? {}).find(
    (value) => isDay(value) || (typeof value === "object" && value !== null && Object.values(value).some(isDay)),
  );
  const bounds = isDay(gold) ? [gold as string] : Object.values((gold ?? {}) as Record<string, string>).filter(isDay);
  const first = results[0];
  const found = first === undefined ? [] : [iso(first.start.date()), ...(first.end == null ? [] : [iso(first.end.date())])];
  const ok = bounds.length > 0 && bounds.every((bound) => found.includes(bound));
  if (ok) read += 1;
  const spans = results.map(
    (result) => `${result.text} => ${iso(result.start.date())}${result.end == null ? "" : `..${iso(result.end.date())}`}`,
  );
  console.log(
    `${ok ? "ok  " : "miss"} [${probe.class}] ${probe.question}\n     chrono: ${spans.join(" | ") || "nothing"}   gold: ${bounds.join("..")}`,
  );
}
console.log(`chrono: ${read}/${total} date-class probes with the gold bounds`);
