import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPOSITORY_ROOT, runCli } from "../support/run-cli.js";

// The real CLI with the real local embeddings on the bundled sample (John Wick schema, 4 films).
const sample = join(REPOSITORY_ROOT, "data", "sample");
let cwd: string;

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), "retrievers-pipelines-"));
});
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

describe("pipelines on the command line", () => {
  it("query uses recommended without --technique, and --technique recommended builds it", async () => {
    const byDefault = await runCli(
      ["query", "--data", sample, "--k", "3", "--quiet", "reviews of John Wick 3 rated above 7 about the fights"],
      { cwd, timeoutMs: 120_000 },
    );
    expect(byDefault.stderr).toBe("");
    expect(byDefault.code).toBe(0);
    expect(byDefault.stdout).toMatch(/^recommended · /);
    const named = await runCli(
      [
        "query",
        "--data",
        sample,
        "--technique",
        "recommended",
        "--k",
        "3",
        "--json",
        "reviews of John Wick 3 rated above 7 about the fights",
      ],
      { cwd, timeoutMs: 120_000 },
    );
    expect(named.code).toBe(0);
    const { results } = JSON.parse(named.stdout) as { results: Array<{ id: string; metadata: Record<string, unknown> }> };
    expect(results).toHaveLength(3);
    expect(results.every((result) => result.metadata.movie === 3 && (result.metadata.Rating as number) > 7)).toBe(true);
    const explained = await runCli(["query", "--data", sample, "--explain", "reviews of John Wick 3 rated above 7 about the fights"], {
      cwd,
      timeoutMs: 120_000,
    });
    expect(explained.code).toBe(0);
    expect(explained.stdout).toMatch(/filter: .*movie/);
    // recommended backfills: 4 sample reviews match, so the other 6 of the default 10 follow them, and --explain says so.
    expect(explained.stdout).toMatch(/documents matching the filter: 4\noutside the filter \(backfill\): the last 6 results/);
  }, 120_000);

  it("compare runs pipelines of a --pipelines file beside built-in ones", async () => {
    const file = join(cwd, "pipelines.json");
    await writeFile(
      file,
      JSON.stringify({ pipelines: [{ name: "sq-pd", config: { technique: "self-query", selfQuery: { base: "parent-document" } } }] }),
    );
    const run = await runCli(
      [
        "compare",
        "--data",
        sample,
        "--pipelines",
        file,
        "--techniques",
        "naive,sq-pd,recommended",
        "--k",
        "2",
        "--json",
        "reviews of John Wick 2",
      ],
      { cwd, timeoutMs: 120_000 },
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as {
      techniques: Array<{ technique: string; results?: Array<{ metadata: Record<string, unknown> }> }>;
    };
    expect(report.techniques.map((entry) => entry.technique)).toEqual(["naive", "sq-pd", "recommended"]);
    for (const entry of report.techniques.slice(1)) {
      expect(entry.results).toHaveLength(2);
      expect(entry.results!.every((result) => result.metadata.movie === 2)).toBe(true);
    }
    const unknown = await runCli(["compare", "--data", sample, "--techniques", "naive,nonesuch", "x"], { cwd, timeoutMs: 120_000 });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("recommended");
  }, 120_000);
});
