import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPOSITORY_ROOT, runCli } from "../support/run-cli.js";
import { startMockOpenAIServer, type MockOpenAIServer } from "../support/mock-openai-server.js";

// End-to-end `retrievers query --explain`: the real CLI on the bundled sample, with the mock OpenAI
// server for embeddings (fast fake vectors) and, when the LLM constructor is on, for the chat model.
const sample = join(REPOSITORY_ROOT, "data", "sample");
let cwd: string;
let server: MockOpenAIServer;
let env: Record<string, string>;

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), "retrievers-explain-"));
  server = await startMockOpenAIServer();
  env = { OPENAI_BASE_URL: server.baseURL };
});
afterAll(async () => {
  await server.close();
  await rm(cwd, { recursive: true, force: true });
});

const query = (...args: string[]) => runCli(["query", "--quiet", "--data", sample, "--no-save", ...args], { cwd, env });

describe("retrievers query --explain", () => {
  it("self-query (rules): shows the constructed query, filter, limit, k and matches before the results", async () => {
    const run = await query("-t", "self-query", "--llm", "none", "--explain", "reviews of John Wick 3 rated above 7");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const [explanation, table] = run.stdout.split(/\n\s+#\s+id/);
    expect(explanation).toContain("semantic query: (none: filter only)");
    expect(explanation).toContain("filter: movie = 3 AND Rating > 7");
    expect(explanation).toContain("limit: not given");
    expect(explanation).toContain("warnings: none");
    expect(explanation).toContain("k: 10");
    expect(explanation).toContain("documents matching the filter: 4");
    for (const id of ["jw3-11", "jw3-0", "jw3-4", "jw3-1"]) expect(table).toContain(id);
  });

  it("self-query (rules): prints the warnings about what it could not place", async () => {
    const run = await query("-t", "self-query", "--llm", "none", "--explain", "Do reviews of Chapter 2 mention the 300 bodies?");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("filter: movie = 2");
    expect(run.stdout).toMatch(/warnings:\n\s+- not read as constraints \(kept in the semantic query\): "300 bodies"/);
  });

  it("self-query (LLM constructor on the mock): shows the model's filter and a limit, as JSON too", async () => {
    server.enqueue({ route: "chat", chat: { json: { query: "", filter: { field: "Rating", operator: "eq", value: "1" }, limit: 1 } } });
    const run = await query("-t", "self-query", "--explain", "--json", "the very worst reviews, just one");
    expect(run.stderr).toBe("");
    const output = JSON.parse(run.stdout) as {
      explain: { filter: unknown; limit: number; k: number; matchingDocuments: number; warnings: string[] };
      results: Array<{ id: string; stage: string }>;
    };
    expect(output.explain.filter).toEqual({ field: "Rating", operator: "eq", value: 1 });
    expect(output.explain).toMatchObject({ limit: 1, k: 1, matchingDocuments: 2, warnings: [] });
    expect(output.results.map((result) => [result.id, result.stage])).toEqual([["jw4-8", "filter-only"]]);
  });

  it("other techniques: shows the effective filter only", async () => {
    const run = await query("-t", "naive", "--k", "2", "--explain", "--filter", '{"movie": [3]}', "the horse chase");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("filter: movie in [3]");
    expect(run.stdout).not.toContain("semantic query");
  });
});
