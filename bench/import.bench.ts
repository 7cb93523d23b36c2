/**
 * Import time of the library's main entry, measured as a user meets it: the built package (tsup, as
 * `npm run build`), imported from plain Node in a fresh process per run, ESM and CJS. The baseline is
 * what any LangChain retriever app imports anyway (@langchain/core's retrievers, documents, vector
 * stores, embeddings, callbacks and runnables), so the ratio and `addedMs` show what the library adds;
 * `@langchain/core/retrievers` alone is the floor any BaseRetriever subclass pays. Cases run
 * interleaved (run 1 of every case, then run 2, ...) so load from other processes hits them alike.
 * Also counts the modules loaded, per package, and checks that no OpenAI, Cohere or Chroma module is
 * among them.
 *
 * Run: npm run bench:import [-- --runs 9]
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const runsFlag = process.argv.indexOf("--runs");
const runs = runsFlag === -1 ? 7 : Number(process.argv[runsFlag + 1]);
if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs needs a whole number above 0");

const out = mkdtempSync(join(root, ".build-test-import-bench-"));
try {
  execFileSync(join(root, "node_modules", ".bin", "tsup"), ["--out-dir", out, "--no-dts"], { cwd: root, stdio: "ignore" });

  const esm = (specifiers: string[]) =>
    `const t = performance.now(); ${specifiers.map((specifier) => `await import(${JSON.stringify(specifier)});`).join(" ")} console.log(JSON.stringify({ ms: performance.now() - t }));`;
  const cjs = (specifiers: string[]) =>
    `const t = performance.now(); ${specifiers.map((specifier) => `require(${JSON.stringify(specifier)});`).join(" ")} const ms = performance.now() - t; const keys = Object.keys(require.cache); const byPackage = {}; for (const key of keys) { const found = /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(key); const name = found ? found[1] : "(advanced-retrievers)"; byPackage[name] = (byPackage[name] ?? 0) + 1; } console.log(JSON.stringify({ ms, modules: keys.length, byPackage, adapters: keys.filter((key) => /node_modules\\/(openai|@langchain\\/openai|cohere-ai|chromadb|@langchain\\/community)\\//.test(key)).length }));`;
  const core = ["retrievers", "documents", "vectorstores", "embeddings", "callbacks/manager", "runnables"].map(
    (path) => `@langchain/core/${path}`,
  );

  const cases: Array<[string, string[]]> = [
    ["main entry (ESM)", ["--input-type=module", "-e", esm([join(out, "index.js")])]],
    ["main entry (CJS)", ["-e", cjs([join(out, "index.cjs")])]],
    ["@langchain/core baseline (ESM)", ["--input-type=module", "-e", esm(core)]],
    ["@langchain/core/retrievers alone (ESM)", ["--input-type=module", "-e", esm(["@langchain/core/retrievers"])]],
  ];
  type Sample = { ms: number; modules?: number; adapters?: number; byPackage?: Record<string, number> };
  const samples = new Map<string, Sample[]>(cases.map(([name]) => [name, []]));
  for (let run = 0; run < runs; run += 1)
    for (const [name, args] of cases)
      samples.get(name)!.push(JSON.parse(execFileSync(process.execPath, args, { cwd: root, encoding: "utf8" }).trim()));
  const results: Record<
    string,
    { medianMs: number; runs: number[]; modules?: number; adapterModules?: number; modulesByPackage?: Record<string, number> }
  > = {};
  for (const [name, taken] of samples) {
    const sorted = taken.map((sample) => sample.ms).sort((left, right) => left - right);
    const median = sorted[Math.floor(sorted.length / 2)] as number;
    const first = taken[0];
    results[name] = {
      medianMs: Math.round(median),
      runs: taken.map((sample) => Math.round(sample.ms)),
      ...(first?.modules === undefined
        ? {}
        : { modules: first.modules, adapterModules: first.adapters, modulesByPackage: first.byPackage }),
    };
  }
  const main = results["main entry (ESM)"]?.medianMs ?? 0;
  const baseline = results["@langchain/core baseline (ESM)"]?.medianMs ?? 1;
  console.log(
    JSON.stringify(
      { node: process.version, runs, results, ratioToBaseline: Number((main / baseline).toFixed(2)), addedMs: main - baseline },
      null,
      2,
    ),
  );
  if ((results["main entry (CJS)"]?.adapterModules ?? 0) > 0) {
    console.error("advanced-retrievers: the main entry loaded OpenAI, Cohere or Chroma modules");
    process.exitCode = 1;
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
