import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseTrecRun } from "../../src/evaluation/run-file.js";
import type { BenchmarkResults } from "../../src/evaluation/run-benchmark.js";
import { REPOSITORY_ROOT, runCli } from "../support/run-cli.js";

// End-to-end: the real CLI, the real local embeddings, the bundled sample and its queries.jsonl.
const sample = join(REPOSITORY_ROOT, "data", "sample");
let cwd: string;

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), "retrievers-bench-"));
});
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

describe("retrievers bench", () => {
  it("benchmarks naive and hybrid on the sample and writes every report", async () => {
    const out = join(cwd, "out");
    const run = await runCli(["bench", "--data", sample, "--techniques", "naive,hybrid", "--out", out, "--permutations", "200"], {
      cwd,
      timeoutMs: 120_000,
    });
    expect(run.stderr).not.toContain("unexpected error");
    expect(run.code).toBe(0);
    // The Markdown tables on stdout, one row per technique.
    expect(run.stdout).toMatch(/\| technique \| nDCG@10 \| R@10 \| MRR@10 \| P@5 \| hit@1 \|/);
    expect(run.stdout).toMatch(/\| naive \| \d\.\d{3} \|/);
    expect(run.stdout).toMatch(/\| hybrid \| \d\.\d{3} \|/);
    // Progress went to stderr as plain lines (not a terminal).
    expect(run.stderr).toContain("bench: naive done");
    expect(run.stderr).not.toContain("\r");

    expect((await readdir(out)).sort()).toEqual(["qrels.txt", "report.html", "results.json", "results.md", "runs"]);
    const results = JSON.parse(await readFile(join(out, "results.json"), "utf8")) as BenchmarkResults;
    expect(results.settings.queryFile).toBe(join(sample, "queries.jsonl")); // found in the data folder
    expect(results.settings.queryCount).toBe(24);
    expect(results.settings.cacheQueryEmbeddings).toBe(false);
    expect(results.techniques.map((technique) => technique.technique)).toEqual(["naive", "hybrid"]);
    const run1 = parseTrecRun(await readFile(join(out, "runs", "naive.run"), "utf8"));
    expect(new Set(run1.map((line) => line.queryId)).size).toBe(24);
    expect(run1.every((line) => line.rank >= 1 && line.rank <= 10)).toBe(true);
    expect(await readFile(join(out, "report.html"), "utf8")).toContain('data-technique="hybrid"');
    // Embeddings and indexes live in the cache folder (RETRIEVERS_CACHE_DIR here), nothing in ./.retrievers.
    expect((await readdir(join(cwd, ".cache", "advanced-retrievers", "embeddings"))).length).toBeGreaterThan(0);
    expect(existsSync(join(cwd, ".retrievers"))).toBe(false);
  }, 120_000);

  it("runs named pipelines of a --pipelines file beside built-in ones, tested against --baseline", async () => {
    const out = join(cwd, "out-pipelines");
    const file = join(cwd, "pipelines.json");
    await writeFile(
      file,
      JSON.stringify({
        pipelines: [{ name: "feedback-pd", config: { technique: "hybrid", hybrid: { dense: "parent-document", feedbackDocuments: 5 } } }],
      }),
    );
    const run = await runCli(
      [
        "bench",
        "--data",
        sample,
        "--pipelines",
        file,
        "--techniques",
        "hybrid,feedback-pd,recommended",
        "--baseline",
        "hybrid",
        "--out",
        out,
        "--permutations",
        "200",
      ],
      { cwd, timeoutMs: 120_000 },
    );
    expect(run.stderr).not.toContain("unexpected error");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\| feedback-pd \| \d\.\d{3} \|/);
    const results = JSON.parse(await readFile(join(out, "results.json"), "utf8")) as BenchmarkResults;
    expect(results.settings.baseline).toBe("hybrid");
    expect(results.techniques.map((technique) => technique.technique)).toEqual(["hybrid", "feedback-pd", "recommended"]);
    expect(results.techniques[1]!.build?.stats).toMatchObject({ hybridDense: "parent-document", feedbackDocuments: 5 });
    expect(results.techniques[1]!.significance?.all?.pValue).toBeGreaterThanOrEqual(0);
    expect(results.techniques[0]!.significance).toBeUndefined();
    expect((await readdir(join(out, "runs"))).sort()).toEqual(["feedback-pd.run", "hybrid.run", "recommended.run"]);
    // recommended's self-query stage is scored on the filters it constructs.
    expect(results.techniques[2]!.explainsFilters).toBe(true);
    expect(results.techniques[2]!.build?.stats).toMatchObject({ rerankFusedWithBase: true, selfQuerySearchText: "question" });

    await writeFile(file, JSON.stringify([{ name: "broken", config: { technique: "hybrid", hybrid: { dense: "bm25" } } }]));
    const invalid = await runCli(["bench", "--data", sample, "--pipelines", file], { cwd });
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('pipelines[0] ("broken").config.hybrid.dense');
    const badBaseline = await runCli(["bench", "--data", sample, "--techniques", "naive", "--baseline", "hybrid"], { cwd });
    expect(badBaseline.code).toBe(2);
    expect(badBaseline.stderr).toContain("--baseline hybrid is not among the pipelines run");
  }, 120_000);

  it("asks for --queries when the dataset has no labeled queries, and reports bad flags", async () => {
    const data = join(cwd, "data-without-queries");
    await rm(data, { recursive: true, force: true });
    await mkdir(data);
    const empty = await runCli(["bench", "--data", data], { cwd });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain("dataset.json");
    await writeFile(join(data, "notes.csv"), "id,text\na,first note\nb,second note\n");
    const missing = await runCli(["bench", "--data", join(data, "notes.csv")], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--queries");

    const badTechnique = await runCli(["bench", "--data", sample, "--techniques", "naive,magic"], { cwd });
    expect(badTechnique.code).toBe(2); // a usage error naming the flag
    expect(badTechnique.stderr).toMatch(/^retrievers: --techniques "magic": is not a technique or pipeline/);

    const badQueries = join(cwd, "bad.jsonl");
    await writeFile(badQueries, '{"id": "q1", "query": "x", "kind": "semantic", "filter": null, "relevant": {"jw1-0": 7}}\n');
    const badFile = await runCli(["bench", "--data", sample, "--queries", badQueries], { cwd });
    expect(badFile.code).toBe(1);
    expect(badFile.stderr).toContain(`${badQueries}:1:`);

    const badNumber = await runCli(["bench", "--permutations", "many"], { cwd });
    expect(badNumber.code).toBe(2);
  });
});
