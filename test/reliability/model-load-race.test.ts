/**
 * The intermittent "Backend 'wasm' has not yet been initialized" (issue #14 item 13) and load on one
 * index. Cause: `@energetic-ai/embeddings`' `initModel` starts TensorFlow.js's asynchronous wasm
 * backend and reads the weights in parallel; when compiling the wasm module is slower than reading the
 * weights (a loaded machine, many processes starting at once), the weights become tensors before the
 * backend is ready, which throws. `loadSentenceEncoder` now awaits the backend first.
 *
 * The first test makes the race certain (every WebAssembly instantiation delayed in a child process);
 * the second runs 8 CLI processes (each loading the model in its worker threads) and 1,000 concurrent
 * library queries on one saved index at once, twice, and requires every result to equal the same
 * query run alone.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRetriever, type BuiltRetriever } from "../../src/config/build-retriever.js";
import type { SearchResult } from "../../src/core/search-retriever.js";
import { createEmbeddings } from "../../src/embeddings/create-embeddings.js";
import { REPOSITORY_ROOT, runCli, runTsx } from "../support/run-cli.js";

const SAMPLE_FOLDER = join(REPOSITORY_ROOT, "data", "sample");
const FIXTURE = join(REPOSITORY_ROOT, "test", "reliability", "fixtures", "slow-wasm-model-load.ts");
const CLI_PROCESSES = 8;
const LIBRARY_QUERIES = 1_000;
const ROUNDS = 2;
const QUESTIONS = ["fight choreography", "the dog", "boring plot", "neon cinematography", "Keanu Reeves", "the ending was disappointing"];

describe("model load: the wasm backend is awaited before the weights are loaded", () => {
  it("loads the model even when WebAssembly instantiation is slower than reading the weights", async () => {
    const run = await runTsx(FIXTURE, ["1500"], { cwd: REPOSITORY_ROOT, timeoutMs: 60_000 });
    expect(run.stdout.trim()).toBe("ok 512");
    expect(run.code).toBe(0);
  });
});

describe("load: CLI processes and concurrent library queries on one index", () => {
  let workspace: string;
  let built: BuiltRetriever;
  const indexDirectory = () => join(workspace, ".cache", "advanced-retrievers", "index");
  const libraryConfig = () => ({
    technique: "naive" as const,
    data: SAMPLE_FOLDER,
    k: 5,
    embeddings: "local" as const,
    indexDirectory: indexDirectory(),
  });

  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), "model-load-race-"));
    const index = await runCli(["index", "--quiet", "--data", SAMPLE_FOLDER], { cwd: workspace, timeoutMs: 120_000 });
    expect(index.stderr).toBe("");
    expect(index.code).toBe(0);
    built = await buildRetriever(libraryConfig(), {
      embeddings: createEmbeddings({ provider: "local", cacheDirectory: join(workspace, ".cache", "advanced-retrievers", "embeddings") }),
    });
  }, 180_000);
  afterAll(async () => {
    await built?.close();
    await built?.embeddings.close?.();
    await rm(workspace, { recursive: true, force: true });
  });

  const summarize = (results: SearchResult[]) => results.map((result) => ({ id: result.document.id, score: result.score }));

  it(`${CLI_PROCESSES} CLI processes and ${LIBRARY_QUERIES} concurrent queries, ${ROUNDS} rounds: no failure, every result equal to the query run alone`, async () => {
    // The library searches the very index the CLI built and saved.
    expect(built.stats.indexLoadedFromDisk).toBe(true);
    const alone = new Map<string, ReturnType<typeof summarize>>();
    for (const question of QUESTIONS) alone.set(question, summarize(await built.retriever.search(question)));
    expect([...alone.values()].every((results) => results.length === 5)).toBe(true);

    for (let round = 1; round <= ROUNDS; round += 1) {
      // Questions the cache has never seen, so every CLI process loads the model (in its workers).
      const cliQuestions = Array.from(
        { length: CLI_PROCESSES },
        (_, index) => `${QUESTIONS[index % QUESTIONS.length]} round ${round} process ${index}`,
      );
      const processes = cliQuestions.map((question) =>
        runCli(["query", "--technique", "naive", "--json", "--data", SAMPLE_FOLDER, "--k", "5", question], {
          cwd: workspace,
          timeoutMs: 120_000,
        }),
      );
      const library = Promise.all(
        Array.from({ length: LIBRARY_QUERIES }, (_, index) => built.retriever.search(QUESTIONS[index % QUESTIONS.length]!)),
      );
      const [runs, concurrent] = await Promise.all([Promise.all(processes), library]);

      expect(concurrent.length).toBe(LIBRARY_QUERIES);
      concurrent.forEach((results, index) => expect(summarize(results)).toEqual(alone.get(QUESTIONS[index % QUESTIONS.length]!)));

      expect(runs.length).toBe(CLI_PROCESSES);
      for (const [index, run] of runs.entries()) {
        expect(run.stderr, `process ${index}`).not.toContain("has not yet been initialized");
        expect(run.code, `process ${index}: ${run.stderr}`).toBe(0);
        const printed = (JSON.parse(run.stdout) as { results: Array<{ id: string; score: number }> }).results.map(({ id, score }) => ({
          id,
          score,
        }));
        // The same question asked of the library alone (its vector now comes from the cache the CLI wrote).
        expect(printed).toEqual(summarize(await built.retriever.search(cliQuestions[index]!)));
      }
    }
  }, 240_000);
});
