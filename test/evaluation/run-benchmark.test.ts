import { join } from "node:path";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { ErrorCodes } from "../../src/core/errors/error-codes.js";
import { evaluateRanking } from "../../src/evaluation/metrics.js";
import { readQueryFile, type LabeledQuery } from "../../src/evaluation/query-file.js";
import {
  benchmarkRetriever,
  checkJudgments,
  compareWithBaseline,
  parseTechniqueList,
  runBenchmark,
  type BenchmarkResults,
} from "../../src/evaluation/run-benchmark.js";
import { parseTrecRun } from "../../src/evaluation/run-file.js";
import { formatTechniqueRun } from "../../src/evaluation/write-benchmark-report.js";
import { loadJohnWickReviews } from "../../src/datasets/john-wick/load-reviews.js";
import { FakeEmbeddings } from "../support/fake-embeddings.js";
import { REPOSITORY_ROOT } from "../support/run-cli.js";
import { FixedRetriever, StubSelfQueryRetriever, tinyDocuments, tinyQueries } from "./bench-fixtures.js";

const sampleFolder = join(REPOSITORY_ROOT, "data", "sample");

describe("runBenchmark on the bundled sample (fake embeddings)", () => {
  let queries: LabeledQuery[];
  let results: BenchmarkResults;
  const events: string[] = [];

  beforeAll(async () => {
    queries = await readQueryFile(join(sampleFolder, "queries.jsonl"));
    const documents = await loadJohnWickReviews(sampleFolder);
    results = await runBenchmark({
      queries,
      queryFile: "sample/queries.jsonl",
      techniques: ["naive", "hybrid"],
      config: { indexDirectory: null },
      dependencies: { embeddings: new FakeEmbeddings(64), documents },
      permutations: 200,
      onProgress: (event) =>
        events.push(`${event.type}:${event.technique}${event.type === "query" ? `:${event.queryIndex + 1}/${event.queryCount}` : ""}`),
    });
  });

  it("scores every query with every technique, per kind and overall", () => {
    expect(results.techniques.map((result) => [result.technique, result.status])).toEqual([
      ["naive", "ok"],
      ["hybrid", "ok"],
    ]);
    expect(results.groups).toEqual(["all", "semantic", "filtered", "filter-only"]);
    for (const result of results.techniques) {
      expect(result.queries).toHaveLength(queries.length);
      const all = result.summary.all!;
      expect(all.queries).toBe(queries.length);
      expect(all.metrics.ndcg).toBeGreaterThan(0);
      expect(all.metrics.ndcg).toBeLessThanOrEqual(1);
      expect(
        (result.summary.semantic?.queries ?? 0) + (result.summary.filtered?.queries ?? 0) + (result.summary["filter-only"]?.queries ?? 0),
      ).toBe(queries.length);
      expect(Number.isFinite(all.latencyMs.p50) && Number.isFinite(all.latencyMs.p95)).toBe(true);
      expect(all.filterAccuracy).toBeNull(); // neither technique constructs filters
      expect(result.warmUp).not.toBeNull();
    }
    expect(results.settings).toMatchObject({
      k: 10,
      baseline: "naive",
      permutations: 200,
      queryCount: 24,
      cacheQueryEmbeddings: null,
      data: { documents: 49 },
    });
  });

  it("counts one question embedding per query and the index build separately", () => {
    const [naive, hybrid] = results.techniques;
    expect(naive!.summary.all!.embeddingCalls.perQuery).toBe(1);
    expect(hybrid!.summary.all!.embeddingCalls.perQuery).toBe(1);
    expect(naive!.build.embeddedTexts).toBe(49);
    expect(hybrid!.build.embeddedTexts).toBe(0); // reuses naive's dense index
    expect(naive!.summary.all!.llmCalls.total).toBe(0);
  });

  it("tests each technique against naive, and not naive against itself", () => {
    const [naive, hybrid] = results.techniques;
    expect(naive!.significance).toBeUndefined();
    const test = hybrid!.significance?.all;
    expect(test?.pairs).toBe(24);
    expect(test?.pValue).toBeGreaterThan(0);
    expect(test?.pValue).toBeLessThanOrEqual(1);
    expect(test?.meanDifference).toBeCloseTo(hybrid!.summary.all!.metrics.ndcg - naive!.summary.all!.metrics.ndcg, 12);
  });

  it("writes run files that give back the same metrics", () => {
    for (const result of results.techniques) {
      const lines = parseTrecRun(formatTechniqueRun(results, result.technique));
      for (const outcome of result.queries) {
        const run = lines.filter((line) => line.queryId === outcome.queryId).map((line) => ({ id: line.documentId, score: line.score }));
        expect(run.length).toBe(outcome.results.length);
        const judged = queries.find((query) => query.id === outcome.queryId)!.relevant;
        expect(evaluateRanking(run, judged, 10)).toEqual(outcome.metrics);
      }
    }
  });

  it("reports progress for every build and query", () => {
    expect(events.filter((event) => event.startsWith("query:naive"))).toHaveLength(24);
    expect(events).toContain("build:hybrid");
    expect(events.at(-1)).toBe("technique-done:hybrid");
  });
});

describe("benchmarkRetriever", () => {
  const documents = tinyDocuments();
  const queries = tinyQueries();

  it("scores a self-query technique's constructed filters against the gold ones", async () => {
    const retriever = new StubSelfQueryRetriever(documents, queries, { wrongFor: ["t4"] });
    const result = await benchmarkRetriever({ name: "self-query", retriever, documents, queries, warmUp: false });
    expect(result.explainsFilters).toBe(true);
    expect(result.summary.all?.filterAccuracy).toEqual({ correct: 3, total: 4, accuracy: 0.75 });
    expect(result.summary.filtered?.filterAccuracy).toEqual({ correct: 1, total: 2, accuracy: 0.5 });
    expect(result.summary["filter-only"]?.filterAccuracy).toEqual({ correct: 2, total: 2, accuracy: 1 });
    expect(result.summary.semantic?.filterAccuracy).toBeNull();
    expect(result.summary.semantic?.spuriousFilters).toEqual({ count: 0, total: 2 });
    const wrong = result.queries.find((outcome) => outcome.queryId === "t4")!;
    expect(wrong.filterComparison).toMatchObject({ match: false, goldCount: 2, constructedCount: 0, missing: 2, extra: 0 });
    expect(result.queries.find((outcome) => outcome.queryId === "t5")!.metrics.recall).toBe(1);
  });

  it("counts the language-model calls a technique makes while searching", async () => {
    const chatModel = new FakeListChatModel({ responses: ["ok"] });
    const retriever = new StubSelfQueryRetriever(documents, queries, { chatModel });
    const result = await benchmarkRetriever({ name: "self-query", retriever, documents, queries, warmUp: true });
    expect(result.queries.map((outcome) => outcome.llmCalls)).toEqual([1, 1, 1, 1, 1, 1]); // the warm-up call is not counted
    expect(result.summary.all?.llmCalls).toEqual({ total: 6, perQuery: 1 });
  });

  it("scores a failing query 0, keeps its error, and fails a technique whose every query fails", async () => {
    const partly = await benchmarkRetriever({
      name: "flaky",
      retriever: new StubSelfQueryRetriever(documents, queries, { failFor: ["t1"] }),
      documents,
      queries,
      warmUp: false,
    });
    expect(partly.status).toBe("ok");
    const failed = partly.queries.find((outcome) => outcome.queryId === "t1")!;
    expect(failed).toMatchObject({ errorCode: ErrorCodes.SERVICE_ERROR, metrics: { ndcg: 0, recall: 0 } });
    expect(partly.summary.all?.errors).toBe(1);
    const broken = await benchmarkRetriever({
      name: "broken",
      retriever: new StubSelfQueryRetriever(documents, queries, { failFor: queries.map((query) => query.id) }),
      documents,
      queries,
      warmUp: false,
    });
    expect(broken).toMatchObject({ status: "failed", errorCode: ErrorCodes.SERVICE_ERROR });
  });

  it("evaluates the technique's own order when its scores do not follow it", async () => {
    const byId = new Map(documents.map((document) => [document.id!, document]));
    // Best documents first, but with increasing scores: trec_eval would reverse them.
    const retriever = new FixedRetriever(
      ["jw1-0", "jw2-0", "jw3-0", "jw1-1"].map((id, index) => ({ document: byId.get(id)!, score: index })),
    );
    const result = await benchmarkRetriever({ name: "fixed", retriever, documents, queries: [queries[0]!], warmUp: false });
    expect(result.rankBasedRunScores).toBe(1);
    expect(result.queries[0]!.metrics.hitAt1).toBe(1);
    expect(result.queries[0]!.results.map((document) => document.runScore)).toEqual([4, 3, 2, 1]);
  });

  it("orders tied scores as trec_eval does (doc id descending)", async () => {
    const byId = new Map(documents.map((document) => [document.id!, document]));
    const retriever = new FixedRetriever(["jw1-1", "jw1-0"].map((id) => ({ document: byId.get(id)!, score: 0.5 })));
    const result = await benchmarkRetriever({ name: "tied", retriever, documents, queries: [queries[0]!], warmUp: false });
    // jw1-1 (grade 0) sorts before jw1-0 (grade 2) because "jw1-1" > "jw1-0".
    expect(result.queries[0]!.metrics.hitAt1).toBe(0);
    expect(result.rankBasedRunScores).toBe(0);
  });

  it("rejects options it cannot use", async () => {
    await expect(benchmarkRetriever({ name: "has space", retriever: new FixedRetriever([]), documents, queries })).rejects.toMatchObject({
      code: ErrorCodes.INVALID_OPTION,
    });
    await expect(benchmarkRetriever({ name: "x", retriever: {} as never, documents, queries })).rejects.toMatchObject({
      code: ErrorCodes.INVALID_OPTION,
    });
  });
});

describe("inputs", () => {
  it("refuses a query file that judges none of the loaded documents", () => {
    expect(() => checkJudgments(tinyQueries(), [], "queries.jsonl")).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_DATA, file: "queries.jsonl" }),
    );
    const warnings = checkJudgments(tinyQueries(), tinyDocuments().slice(1), "queries.jsonl");
    expect(warnings.some((warning) => warning.includes("jw1-0"))).toBe(true);
  });

  it("warns when the baseline did not run", () => {
    expect(compareWithBaseline([], "naive", ["all"], { permutations: 10, seed: 1 })).toContain("naive");
  });

  it("parses technique lists", () => {
    expect(parseTechniqueList("naive, hybrid,naive")).toEqual(["naive", "hybrid"]);
    expect(() => parseTechniqueList("naive,magic")).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, option: "techniques" }),
    );
    expect(() => parseTechniqueList(" , ")).toThrow(expect.objectContaining({ code: ErrorCodes.INVALID_OPTION }));
  });

  it("reports a technique that cannot be built and still runs the others", async () => {
    // Cohere rerank without a key fails at build time; make sure no key from the environment is used.
    const saved = { key: process.env.COHERE_API_KEY, url: process.env.COHERE_BASE_URL };
    delete process.env.COHERE_API_KEY;
    delete process.env.COHERE_BASE_URL;
    const results = await runBenchmark({
      queries: tinyQueries(),
      techniques: ["naive", "rerank"],
      config: { indexDirectory: null, rerank: { reranker: "cohere" } },
      dependencies: { embeddings: new FakeEmbeddings(32), documents: tinyDocuments() },
      permutations: 10,
      warmUp: false,
    }).finally(() => {
      if (saved.key !== undefined) process.env.COHERE_API_KEY = saved.key;
      if (saved.url !== undefined) process.env.COHERE_BASE_URL = saved.url;
    });
    const [naive, rerank] = results.techniques;
    expect(naive!.status).toBe("ok");
    expect(rerank!.status).toBe("failed");
    expect(rerank!.errorCode).toBe(ErrorCodes.INVALID_OPTION);
    expect(rerank!.queries).toEqual([]);
    expect(results.warnings).toEqual([]);
  }, 30_000);
});
