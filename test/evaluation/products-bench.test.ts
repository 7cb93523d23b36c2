import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readQueryFile } from "../../src/evaluation/query-file.js";
import type { BenchmarkResults } from "../../src/evaluation/run-benchmark.js";
import { parseTrecRun } from "../../src/evaluation/run-file.js";
import { REPOSITORY_ROOT, runCli, runTsx } from "../support/run-cli.js";

// End-to-end and offline: `retrievers bench --dataset products` on the bundled product catalog, with
// its own labeled queries (found through its dataset.json) and gold filters in its own field names.
const products = join(REPOSITORY_ROOT, "data", "products");
let cwd: string;

beforeAll(async () => {
  for (const file of ["dataset.json", "products.csv", "queries.jsonl"]) {
    if (!existsSync(join(products, file)))
      throw new Error(`data/products/${file} is missing: the bundled product catalog is part of the repository`);
  }
  cwd = await mkdtemp(join(tmpdir(), "retrievers-products-bench-"));
});
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

describe("retrievers bench --dataset products", () => {
  it("writes JSON, Markdown, HTML and TREC runs, with self-query filter accuracy over the catalog's fields", async () => {
    const out = join(cwd, "out");
    const run = await runCli(
      ["bench", "--dataset", "products", "--techniques", "naive,self-query", "--out", out, "--permutations", "200"],
      { cwd, timeoutMs: 180_000 },
    );
    expect(run.stderr).not.toContain("advanced-retrievers:");
    expect(run.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(["qrels.txt", "report.html", "results.json", "results.md", "runs"]);
    expect((await readdir(join(out, "runs"))).sort()).toEqual(["naive.run", "self-query.run"]);

    const queries = await readQueryFile(join(products, "queries.jsonl"));
    const results = JSON.parse(await readFile(join(out, "results.json"), "utf8")) as BenchmarkResults;
    expect(results.settings.queryFile).toBe(join(products, "queries.jsonl"));
    expect(results.settings.data).toMatchObject({ dataset: "products", documents: 80 });
    expect(results.settings.queryCount).toBe(queries.length);
    expect(results.warnings.filter((warning) => warning.includes("not in the data"))).toEqual([]);

    const selfQuery = results.techniques.find((technique) => technique.technique === "self-query");
    expect(selfQuery?.status).toBe("ok");
    const constrained = queries.filter((query) => query.kind !== "semantic").length;
    expect(constrained).toBeGreaterThan(0);
    const accuracy = selfQuery?.summary.all?.filterAccuracy;
    expect(accuracy?.total).toBe(constrained);
    expect(accuracy?.correct).toBeGreaterThan(0);
    // Filters were compared over the catalog's own fields: a gold filter selects some products.
    const goldCounts = selfQuery!.queries
      .filter((outcome) => outcome.kind !== "semantic")
      .map((outcome) => outcome.filterComparison?.goldCount ?? 0);
    expect(goldCounts).toHaveLength(constrained);
    expect(goldCounts.every((count) => count > 0 && count < 80)).toBe(true);

    const naiveRun = parseTrecRun(await readFile(join(out, "runs", "naive.run"), "utf8"));
    expect(new Set(naiveRun.map((line) => line.queryId)).size).toBe(queries.length);
    expect(naiveRun.every((line) => /^p\d{3}$/.test(line.documentId))).toBe(true);
    expect(await readFile(join(out, "results.md"), "utf8")).toMatch(/\| self-query \| \d\.\d{3} \|/);
    expect(await readFile(join(out, "report.html"), "utf8")).toContain('data-technique="self-query"');
  }, 180_000);

  it("query, compare, index and ask run on the catalog by name", async () => {
    const query = await runCli(
      [
        "query",
        "--quiet",
        "--dataset",
        "products",
        "--k",
        "3",
        "--filter",
        '{"category": "laptop", "in_stock": true}',
        "a light laptop for travel",
      ],
      { cwd },
    );
    expect(query.stderr).toBe("");
    expect(query.code).toBe(0);
    expect(query.stdout).toMatch(/#\s+id\s+score\s+category\s+brand\s+price\s+rating\s+stock\s+text/);
    const rows = query.stdout.split("\n").filter((line) => /^\s+\d+\s+p\d{3}\s/.test(line));
    expect(rows).toHaveLength(3);
    expect(rows.every((row) => /\slaptop\s.*\syes\s/.test(row))).toBe(true);
    const compare = await runCli(
      ["compare", "--dataset", "products", "--techniques", "naive,hybrid", "--k", "2", "--json", "noise cancelling headphones"],
      { cwd },
    );
    expect(compare.code).toBe(0);
    expect((JSON.parse(compare.stdout) as { data: { dataset: string } }).data.dataset).toBe("products");
    const index = await runCli(["index", "--dataset", "products", "--technique", "parent-document"], { cwd });
    expect(index.code).toBe(0);
    expect(index.stdout).toContain("dataset: products (file)");
    expect(index.stdout).toContain("parents: 80");
    const ask = await runCli(["ask", "--dataset", "products", "--technique", "self-query", "--json", "--k", "3", "phones under $500"], {
      cwd,
    });
    expect(ask.code).toBe(0);
    const answer = JSON.parse(ask.stdout) as { context: Array<{ id: string; display: Record<string, string> }> };
    expect(answer.context.length).toBeGreaterThan(0);
    expect(answer.context.every((document) => /^p\d{3}$/.test(document.id) && document.display.category === "phone")).toBe(true);
  }, 120_000);

  it("the examples run on it (--dataset products), offline", async () => {
    const run = await runTsx(
      join(REPOSITORY_ROOT, "examples", "self-query.ts"),
      ["--dataset", "products", "cameras for filming yourself"],
      { cwd },
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const cited = [...run.stdout.matchAll(/\((p\d{3})\)$/gm)].map((match) => match[1]);
    expect(cited.length).toBeGreaterThan(0);
  }, 120_000);
});
