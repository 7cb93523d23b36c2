import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BenchmarkResults } from "../../src/evaluation/run-benchmark.js";
import { runCli } from "../support/run-cli.js";

// End-to-end: every command on a CSV this test writes, with nothing but `--data that.csv` (the dataset
// is inferred), with the real CLI and the real local embeddings.
let cwd: string;
let csv: string;

const TEAS = [
  [
    "t01",
    "Morning Mist",
    "A delicate green tea from misty hillsides with grassy, sweet notes and a light body that suits early mornings.",
    "green",
    "12.50",
    "2023-04-02",
    "true",
  ],
  [
    "t02",
    "Smoky Pine",
    "A bold black tea dried over pine fires, giving a strong smoky aroma reminiscent of campfires and resin.",
    "black",
    "9.75",
    "2022-11-15",
    "true",
  ],
  [
    "t03",
    "Jasmine Pearl",
    "Hand-rolled green tea pearls scented with jasmine blossoms that unfurl slowly and release a floral perfume.",
    "green",
    "18.00",
    "2024-01-20",
    "false",
  ],
  [
    "t04",
    "Iron Goddess",
    "A roasted oolong with a creamy texture, notes of orchid and honey, and a long sweet finish across many steeps.",
    "oolong",
    "21.40",
    "2021-06-30",
    "true",
  ],
  [
    "t05",
    "Breakfast Blend",
    "A malty, robust black tea blend that stands up to milk and sugar, made for a hearty breakfast.",
    "black",
    "6.25",
    "2023-09-09",
    "true",
  ],
  [
    "t06",
    "Silver Needle",
    "A white tea of unopened buds with a subtle, honeyed sweetness and a pale golden cup; very gentle and light.",
    "white",
    "27.90",
    "2024-05-05",
    "false",
  ],
  [
    "t07",
    "Peppermint Leaf",
    "An herbal infusion of whole peppermint leaves, cooling and refreshing, caffeine free and good after dinner.",
    "herbal",
    "5.10",
    "2022-02-14",
    "true",
  ],
  [
    "t08",
    "Chamomile Calm",
    "Golden chamomile flowers brewed into a soothing, apple-like herbal tea to help you relax before sleep.",
    "herbal",
    "4.80",
    "2023-12-01",
    "true",
  ],
  [
    "t09",
    "Milk Oolong",
    "A lightly oxidized oolong with a naturally buttery, milky aroma and a smooth, rounded taste.",
    "oolong",
    "15.60",
    "2021-10-10",
    "false",
  ],
  [
    "t10",
    "Earl Grey Classic",
    "Black tea scented with bergamot oil, bright and citrusy, a classic afternoon cup with or without milk.",
    "black",
    "8.40",
    "2024-03-03",
    "true",
  ],
];

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), "retrievers-own-data-"));
  csv = join(cwd, "teas.csv");
  const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  await writeFile(csv, ["sku,name,notes,style,price,added,available", ...TEAS.map((row) => row.map(quote).join(","))].join("\n") + "\n");
});
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

describe("a user's CSV with nothing but --data that.csv", () => {
  it("init infers the dataset, prints its decisions and writes a dataset.json; a second init refuses to overwrite it", async () => {
    const run = await runCli(["init", "--data", csv], { cwd });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('id: column "sku"');
    expect(run.stdout).toContain('content: column "notes"');
    expect(run.stdout).toContain("style: enum of 5 values");
    expect(run.stdout).toContain("price: number");
    expect(run.stdout).toContain("added: date in YYYY-MM-DD");
    expect(run.stdout).toContain("available: boolean");
    const definition = JSON.parse(await readFile(join(cwd, "dataset.json"), "utf8")) as {
      source: { path: string };
      metadata: Record<string, { type: string }>;
    };
    expect(definition.source.path).toBe("teas.csv");
    expect(Object.fromEntries(Object.entries(definition.metadata).map(([name, field]) => [name, field.type]))).toEqual({
      name: "string",
      style: "enum",
      price: "number",
      added: "date",
      available: "boolean",
    });
    const again = await runCli(["init", "--data", csv], { cwd });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already exists");
  });

  it("query returns typed metadata as JSON and a table with the inferred display columns", async () => {
    const json = await runCli(["query", "--k", "5", "--json", "--data", csv, "--filter", '{"style": "black"}', "a smoky tea"], { cwd });
    expect(json.stderr).toBe("");
    expect(json.code).toBe(0);
    const { results } = JSON.parse(json.stdout) as { results: Array<{ id: string; metadata: Record<string, unknown> }> };
    expect(results.map((result) => result.id).sort()).toEqual(["t02", "t05", "t10"]);
    expect(results.find((result) => result.id === "t02")!.metadata).toEqual({
      name: "Smoky Pine",
      style: "black",
      price: 9.75,
      added: 19311,
      added_year: 2022,
      available: true,
    });
    const table = await runCli(["query", "--k", "2", "--data", csv, "--filter", '{"available": false}', "floral"], { cwd });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/#\s+id\s+score\s+style\s+price\s+added\s+text/);
    expect(table.stdout).toContain("teas data (10 documents)");
    expect(table.stdout).toMatch(/t03 .* green .* 18 .* 2024-01-20/);
  });

  it("self-query turns the dataset's own fields into a filter", async () => {
    const run = await runCli(
      ["query", "--technique", "self-query", "--json", "--explain", "--data", csv, "herbal teas that help you relax"],
      { cwd },
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { explain: { filter: unknown }; results: Array<{ id: string; metadata: { style: string } }> };
    expect(JSON.stringify(report.explain.filter)).toContain('"style"');
    expect(report.results.length).toBeGreaterThan(0);
    expect(report.results.every((result) => result.metadata.style === "herbal")).toBe(true);
  });

  it("index, compare and ask run on it", async () => {
    const index = await runCli(["index", "--data", csv], { cwd });
    expect(index.code).toBe(0);
    expect(index.stdout).toContain("dataset: teas (inferred)");
    expect(index.stdout).toContain("documents: 10");
    const compare = await runCli(
      ["compare", "--techniques", "naive,hybrid", "--k", "2", "--json", "--data", csv, "something to help me sleep"],
      { cwd },
    );
    expect(compare.code).toBe(0);
    const report = JSON.parse(compare.stdout) as {
      data: { dataset: string; documents: number };
      techniques: Array<{ results: Array<{ id: string }> }>;
    };
    expect(report.data).toMatchObject({ dataset: "teas", documents: 10 });
    expect(report.techniques).toHaveLength(2);
    expect(report.techniques.every((technique) => technique.results.length === 2)).toBe(true);
    const ask = await runCli(["ask", "--json", "--k", "2", "--data", csv, "Which tea helps me sleep?"], { cwd });
    expect(ask.code).toBe(0);
    const answer = JSON.parse(ask.stdout) as { context: Array<{ id: string; display: Record<string, string> }> };
    expect(answer.context).toHaveLength(2);
    expect(Object.keys(answer.context[0]!.display)).toEqual(["style", "price", "added"]);
  });

  it("bench scores it on labeled queries with the dataset's field names and filter accuracy", async () => {
    const queries = join(cwd, "tea-queries.jsonl");
    await writeFile(
      queries,
      [
        { id: "q1", query: "a smoky campfire tea", kind: "semantic", filter: null, relevant: { t02: 2 } },
        { id: "q2", query: "herbal teas", kind: "filter-only", filter: { style: ["herbal"] }, relevant: { t07: 2, t08: 2 } },
        {
          id: "q3",
          query: "green tea that is not available",
          kind: "filtered",
          filter: { style: ["green"], available: false },
          relevant: { t03: 2 },
        },
      ]
        .map((query) => JSON.stringify(query))
        .join("\n"),
    );
    const out = join(cwd, "bench");
    const run = await runCli(
      ["bench", "--data", csv, "--queries", queries, "--techniques", "naive,self-query", "--out", out, "--permutations", "100"],
      { cwd, timeoutMs: 120_000 },
    );
    expect(run.stderr).not.toContain("advanced-retrievers:");
    expect(run.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(["qrels.txt", "report.html", "results.json", "results.md", "runs"]);
    const results = JSON.parse(await readFile(join(out, "results.json"), "utf8")) as BenchmarkResults;
    expect(results.settings.data.dataset).toBe("teas");
    const selfQuery = results.techniques.find((technique) => technique.technique === "self-query");
    expect(selfQuery?.summary.all?.filterAccuracy?.total).toBe(2);

    // The same data with TREC topics and qrels.
    await writeFile(join(cwd, "topics.tsv"), "101\ta smoky campfire tea\n102\tsomething calming before bed\n");
    await writeFile(join(cwd, "qrels.txt"), "101 0 t02 2\n102 0 t08 2\n102 0 t07 1\n");
    const trecOut = join(cwd, "bench-trec");
    const trec = await runCli(
      [
        "bench",
        "--data",
        csv,
        "--topics",
        join(cwd, "topics.tsv"),
        "--qrels",
        join(cwd, "qrels.txt"),
        "--techniques",
        "naive",
        "--out",
        trecOut,
        "--permutations",
        "100",
      ],
      { cwd, timeoutMs: 120_000 },
    );
    expect(trec.stderr).not.toContain("advanced-retrievers:");
    expect(trec.code).toBe(0);
    const trecResults = JSON.parse(await readFile(join(trecOut, "results.json"), "utf8")) as BenchmarkResults;
    expect(trecResults.settings.queryCount).toBe(2);
    expect(trecResults.judgments).toEqual({ "101": { t02: 2 }, "102": { t08: 2, t07: 1 } });
  }, 180_000);

  it("an invalid dataset.json, an unknown dataset and a bad cell are errors naming the field, file and line", async () => {
    const file = join(cwd, "broken.json");
    await writeFile(
      file,
      JSON.stringify(
        {
          id: "teas",
          description: "Teas",
          source: { type: "csv", path: "teas.csv" },
          content: { fields: ["notes"] },
          metadata: { price: { type: "money" } },
        },
        null,
        2,
      ),
    );
    const run = await runCli(["query", "--dataset", file, "x"], { cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^advanced-retrievers: .*broken\.json:\d+: field "metadata\.price\.type": .*fix the value/);

    const unknown = await runCli(["query", "--dataset", "no-such-dataset", "x"], { cwd });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^retrievers: --dataset "no-such-dataset": .*john-wick, products/);
    const notDownloadable = await runCli(["data", "fetch", "--dataset", "products"], { cwd });
    expect(notDownloadable.code).toBe(2);
    expect(notDownloadable.stderr).toContain("nothing to download");
    const badCell = join(cwd, "bad-cell");
    await mkdir(badCell);
    await writeFile(join(badCell, "teas.csv"), "sku,notes,price\nt1,some text,cheap\n");
    await writeFile(
      join(badCell, "dataset.json"),
      JSON.stringify({
        id: "teas",
        description: "Teas",
        source: { type: "csv", path: "teas.csv" },
        idField: "sku",
        content: { fields: ["notes"] },
        metadata: { price: { type: "number" } },
      }),
    );
    const cell = await runCli(["query", "--data", badCell, "x"], { cwd });
    expect(cell.code).toBe(1);
    expect(cell.stderr).toContain(`${join(badCell, "teas.csv")}:2: column "price" has "cheap", which is not a number`);
  });
});
