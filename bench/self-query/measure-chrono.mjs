/**
 * How well chrono-node reads the date phrases of the self-query question sets (the decision record
 * for not using it: see src/self-query/README.md). chrono-node is not a dependency; install it in a
 * scratch folder and point CHRONO_DIR at it:
 *
 *   mkdir /tmp/chrono && (cd /tmp/chrono && npm init -y && npm install chrono-node@2)
 *   CHRONO_DIR=/tmp/chrono node bench/self-query/measure-chrono.mjs
 *
 * Operators ("before", "since") aside: a question counts when chrono's span for its first date phrase
 * has the gold filter's bound(s).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
const chrono = createRequire(resolve(process.env.CHRONO_DIR ?? ".", "package.json"))("chrono-node");
const questions = resolve(dirname(fileURLToPath(import.meta.url)), "questions");
const now = new Date(Date.UTC(2026, 11, 1, 12));
const day = (d) => Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 864e5);
const iso = (s) => Math.round(Date.parse(s + "T00:00:00Z") / 864e5);
const ymd = (y, m, d) => Math.round(Date.UTC(y, m - 1, d) / 864e5);
const dim = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();
let total = 0,
  ok = 0;
const rows = [];
for (const file of ["john-wick", "products", "real-estate"].flatMap((f) => [
  `${questions}/${f}.jsonl`,
  `${questions}/held-out/${f}.jsonl`,
])) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    continue;
  }
  for (const line of text.split("\n").filter(Boolean)) {
    const q = JSON.parse(line);
    if (!q.filter) continue;
    const key = Object.keys(q.filter).find((k) => /(_day|_date|_year)$/.test(k));
    if (!key) continue;
    const cond = q.filter[key];
    if (Array.isArray(cond)) continue;
    total++;
    // gold edge(s)
    let lo, hi, op;
    const y = key.endsWith("_year");
    const toLo = (v) => (y ? ymd(v, 1, 1) : iso(v)),
      toHi = (v) => (y ? ymd(v, 12, 31) : iso(v));
    if (typeof cond !== "object") {
      lo = toLo(cond);
      hi = toHi(cond);
      op = "eq";
    } else {
      if (cond.gte !== undefined && cond.lte !== undefined) {
        lo = toLo(cond.gte);
        hi = toHi(cond.lte);
        op = "eq";
      } else if (cond.gte !== undefined) {
        lo = toLo(cond.gte);
        op = "gte";
      } else if (cond.gt !== undefined) {
        hi = toHi(cond.gt);
        op = "gt";
      } else if (cond.lt !== undefined) {
        lo = toLo(cond.lt);
        op = "lt";
      } else if (cond.lte !== undefined) {
        hi = toHi(cond.lte);
        op = "lte";
      }
    }
    const results = chrono.parse(q.question, now);
    const r = results[0];
    let good = false,
      shown = "none";
    if (r) {
      const s = r.start;
      const start = day(s.date());
      let a, b;
      if (r.end) {
        a = start;
        b = day(r.end.date());
      } else if (s.isCertain("day")) {
        a = b = start;
      } else if (s.isCertain("month")) {
        const yy = s.get("year"),
          mm = s.get("month");
        a = ymd(yy, mm, 1);
        b = ymd(yy, mm, dim(yy, mm));
      } else {
        const yy = s.get("year");
        a = ymd(yy, 1, 1);
        b = ymd(yy, 12, 31);
      }
      shown = `${r.text} -> [${new Date(a * 864e5).toISOString().slice(0, 10)}, ${new Date(b * 864e5).toISOString().slice(0, 10)}]`;
      if (op === "eq") good = a === lo && b === hi;
      else if (op === "gte" || op === "lt") good = a === lo;
      else good = b === hi;
    }
    if (good) ok++;
    rows.push(`${good ? "ok " : "BAD"} ${q.id} ${q.question}  | ${shown}`);
  }
}
console.log(rows.join("\n"));
console.log(`chrono-node ${ok}/${total} date phrases resolved to the gold span (operators aside)`);
