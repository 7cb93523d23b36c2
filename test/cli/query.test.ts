import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPOSITORY_ROOT, runCli } from "../support/run-cli.js";

// End-to-end: the real CLI, the real local embeddings (Universal Sentence Encoder), the bundled sample.
const sample = join(REPOSITORY_ROOT, "data", "sample");
let cwd: string;

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), "retrievers-cli-"));
});
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

describe("retrievers query / index", () => {
  it("index builds and saves the naive index, a second run loads it from disk", async () => {
    const first = await runCli(["index", "--quiet", "--data", sample], { cwd });
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("documents: 49");
    expect(first.stdout).toContain("indexLoadedFromDisk: false");
    const second = await runCli(["index", "--data", sample], { cwd });
    expect(second.stdout).toContain("indexLoadedFromDisk: true");
  });

  it("prints ranked JSON results, best first", async () => {
    const run = await runCli(
      ["query", "--technique", "naive", "--k", "4", "--json", "--data", sample, "Which reviews praise the fight choreography?"],
      { cwd },
    );
    expect(run.code).toBe(0);
    const { results } = JSON.parse(run.stdout) as {
      results: Array<{ id: string; score: number; metadata: Record<string, unknown>; pageContent: string }>;
    };
    expect(results).toHaveLength(4);
    expect(results.every((result) => /^jw[1-4]-\d+$/.test(result.id))).toBe(true);
    for (let index = 1; index < results.length; index += 1) expect(results[index]!.score).toBeLessThanOrEqual(results[index - 1]!.score);
    expect(results[0]!.metadata).toHaveProperty("Movie_Title");
  });

  it("applies --filter and prints a table", async () => {
    const json = await runCli(
      ["query", "--k", "20", "--json", "--data", sample, "--filter", '{"movie": [3], "Rating": {"gte": 7}}', "action"],
      { cwd },
    );
    const { results } = JSON.parse(json.stdout) as { results: Array<{ metadata: { movie: number; Rating: number } }> };
    expect(results.length).toBeGreaterThan(0);
    expect(results.every(({ metadata }) => metadata.movie === 3 && metadata.Rating >= 7)).toBe(true);
    const table = await runCli(["query", "--k", "2", "--data", sample, "keanu"], { cwd });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/#\s+id\s+score\s+film\s+rating\s+text/);
    expect(table.stdout).toContain("john-wick data (49 documents)");
  });
  // Bad input (usage errors rc 2, runtime errors rc 1): in-process through main(argv), test/cli/unit/main.test.ts.
});
