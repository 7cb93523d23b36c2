/**
 * Import time of the library's main entry, measured as a user meets it: the built package (tsup, as
 * `npm run build`), imported from plain Node in a fresh process per run, ESM and CJS. The baseline is
 * what any LangChain retriever app imports anyway (@langchain/core's retrievers, documents, vector
 * stores, embeddings, callbacks and runnables), so the ratio shows what the library adds. Also counts
 * the modules loaded and checks that no OpenAI, Cohere or Chroma module is among them.
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
    `const t = performance.now(); ${specifiers.map((specifier) => `require(${JSON.stringify(specifier)});`).join(" ")} const keys = Object.keys(require.cache); console.log(JSON.stringify({ ms: performance.now() - t, modules: keys.length, adapters: keys.filter((key) => /node_modules\\/(openai|@langchain\\/openai|cohere-ai|chromadb|@langchain\\/community)\\//.test(key)).length }));`;
  const core = ["retrievers", "documents", "vectorstores", "embeddings", "callbacks/manager", "runnables"].map(
    (path) => `@langchain/core/${path}`,
  );

  const cases: Array<[string, string[]]> = [
    ["main entry (ESM)", ["--input-type=module", "-e", esm([join(out, "index.js")])]],
    ["main entry (CJS)", ["-e", cjs([join(out, "index.cjs")])]],
    ["@langchain/core baseline (ESM)", ["--input-type=module", "-e", esm(core)]],
  ];
  const results: Record<string, { medianMs: number; runs: number[]; modules?: number; adapterModules?: number }> = {};
  for (const [name, args] of cases) {
    const samples: Array<{ ms: number; modules?: number; adapters?: number }> = [];
    for (let run = 0; run < runs; run += 1)
      samples.push(JSON.parse(execFileSync(process.execPath, args, { cwd: root, encoding: "utf8" }).trim()));
    const sorted = samples.map((sample) => sample.ms).sort((left, right) => left - right);
    const median = sorted[Math.floor(sorted.length / 2)] as number;
    results[name] = {
      medianMs: Math.round(median),
      runs: samples.map((sample) => Math.round(sample.ms)),
      ...(samples[0]?.modules === undefined ? {} : { modules: samples[0].modules, adapterModules: samples[0].adapters }),
    };
  }
  const main = results["main entry (ESM)"]?.medianMs ?? 0;
  const baseline = results["@langchain/core baseline (ESM)"]?.medianMs ?? 1;
  console.log(JSON.stringify({ node: process.version, runs, results, ratioToBaseline: Number((main / baseline).toFixed(2)) }, null, 2));
  if ((results["main entry (CJS)"]?.adapterModules ?? 0) > 0) {
    console.error("advanced-retrievers: the main entry loaded OpenAI, Cohere or Chroma modules");
    process.exitCode = 1;
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
