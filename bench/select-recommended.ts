/**
 * Chooses the `recommended` pipeline (issue #16) and prints the evidence.
 *
 * Procedure (fixed before the numbers were looked at; see docs/SEMANTIC.md):
 * 1. Every candidate is a named pipeline, built by the configuration layer exactly as
 *    `--technique NAME` builds it (offline: local embeddings, rule-based self-query, local reranker).
 * 2. Each runs every labeled query of both bundled datasets (John Wick: ../shared/data/john-wick with
 *    ../shared/bench/john-wick-queries.jsonl; products: data/products through the dataset seam, with
 *    its attribute schema from dataset.json) and gets nDCG@10 per query.
 * 3. The choice is 5-fold cross-validated over the pooled queries of both datasets
 *    (`crossValidate` of src/evaluation/cross-validate.ts, seeded folds, several seeds): each fold picks
 *    the candidate with the best mean nDCG@10 on the other four folds and is scored with it. The
 *    held-out mean is the honest estimate of "pick the best candidate"; the recommended pipeline is the
 *    candidate the folds pick most often (over every seed), which is also reported per dataset with a
 *    paired randomization test against the previous best composition (rerank-self-query-hybrid).
 *
 * The candidate list grew in four rounds after looking at results (the techniques and compositions
 * of docs/SEMANTIC.md; then `selfQuery.searchText: "question"`; then a grid around the best one; then
 * `selfQuery.filterMode: "backfill"` and self-query over the reranker):
 * the held-out estimate covers the choice among the listed candidates, not the choice of the list.
 *
 *   npx tsx bench/select-recommended.ts           (writes bench-results/select-recommended.json)
 *   npx tsx bench/select-recommended.ts --reuse bench-results/select-recommended.json
 *                                                 (runs only the candidates that are new or whose configuration changed;
 *                                                 valid while the code they run is unchanged)
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BUILT_IN_PIPELINES, RECOMMENDED_PIPELINE_CONFIG, type Pipeline } from "../src/config/built-in-pipelines.js";
import { retrieverConfigSchema } from "../src/config/retriever-config.js";
import { resolveDataset } from "../src/datasets/registry.js";
import { crossValidate } from "../src/evaluation/cross-validate.js";
import { mean } from "../src/evaluation/metrics.js";
import { readQueryFile, type LabeledQuery } from "../src/evaluation/query-file.js";
import { pairedRandomizationTest } from "../src/evaluation/randomization-test.js";
import { runBenchmark } from "../src/evaluation/run-benchmark.js";

const K = 10;
const FOLDS = 5;
const SEEDS = [42, 7, 2026, 99, 123];
const REFERENCE = "rerank-self-query-hybrid";

const feedbackHybrid = { dense: "parent-document", feedbackDocuments: 5, expansionTerms: 10 } as const;
const parentHybrid = { dense: "parent-document" } as const;

/** The candidates: the built-in compositions plus the variants measured in docs/SEMANTIC.md. */
export const CANDIDATES: Pipeline[] = [
  ...BUILT_IN_PIPELINES.filter((pipeline) => pipeline.name !== "recommended"),
  { name: "rerank-hybrid", config: { technique: "rerank", rerank: { base: "hybrid" } } },
  { name: "rerank-fused-hybrid", config: { technique: "rerank", rerank: { base: "hybrid", fuseWithBase: true } } },
  { name: "feedback-hybrid-pd", config: { technique: "hybrid", hybrid: feedbackHybrid } },
  {
    name: "rerank-fused-feedback-hybrid-pd",
    config: { technique: "rerank", rerank: { base: "hybrid", fuseWithBase: true }, hybrid: feedbackHybrid },
  },
  { name: "self-query-feedback-hybrid-pd", config: { technique: "self-query", selfQuery: { base: "hybrid" }, hybrid: feedbackHybrid } },
  { name: "self-query-hybrid-pd", config: { technique: "self-query", selfQuery: { base: "hybrid" }, hybrid: parentHybrid } },
  {
    name: "rerank-self-query-feedback-hybrid-pd",
    config: { technique: "rerank", rerank: { base: "self-query" }, selfQuery: { base: "hybrid" }, hybrid: feedbackHybrid },
  },
  {
    name: "rerank-fused-self-query-hybrid",
    config: { technique: "rerank", rerank: { base: "self-query", fuseWithBase: true }, selfQuery: { base: "hybrid" } },
  },
  {
    name: "rerank-fused-self-query-hybrid-pd",
    config: {
      technique: "rerank",
      rerank: { base: "self-query", fuseWithBase: true },
      selfQuery: { base: "hybrid" },
      hybrid: parentHybrid,
    },
  },
  {
    name: "rerank-fused-self-query-feedback-hybrid-pd",
    config: {
      technique: "rerank",
      rerank: { base: "self-query", fuseWithBase: true },
      selfQuery: { base: "hybrid" },
      hybrid: feedbackHybrid,
    },
  },
  // The base ranks the whole question under the constructed filter (selfQuery.searchText "question").
  { name: "self-query-question-hybrid", config: { technique: "self-query", selfQuery: { base: "hybrid", searchText: "question" } } },
  {
    name: "rerank-self-query-question-hybrid",
    config: { technique: "rerank", rerank: { base: "self-query" }, selfQuery: { base: "hybrid", searchText: "question" } },
  },
  {
    name: "self-query-question-feedback-hybrid-pd",
    config: { technique: "self-query", selfQuery: { base: "hybrid", searchText: "question" }, hybrid: feedbackHybrid },
  },
  {
    name: "rerank-self-query-question-feedback-hybrid-pd",
    config: {
      technique: "rerank",
      rerank: { base: "self-query" },
      selfQuery: { base: "hybrid", searchText: "question" },
      hybrid: feedbackHybrid,
    },
  },
  {
    name: "rerank-fused-self-query-question-feedback-hybrid-pd",
    config: {
      technique: "rerank",
      rerank: { base: "self-query", fuseWithBase: true },
      selfQuery: { base: "hybrid", searchText: "question" },
      hybrid: feedbackHybrid,
    },
  },
  // Its fusion weight and candidate count (a small grid the cross-validation chooses from, never fixed on one query set).
  {
    name: "rerank-fused-0.5-self-query-question-feedback-hybrid-pd",
    config: {
      technique: "rerank",
      rerank: { base: "self-query", fuseWithBase: true, fusionWeight: 0.5 },
      selfQuery: { base: "hybrid", searchText: "question" },
      hybrid: feedbackHybrid,
    },
  },
  {
    name: "rerank-fused-2-self-query-question-feedback-hybrid-pd",
    config: {
      technique: "rerank",
      rerank: { base: "self-query", fuseWithBase: true, fusionWeight: 2 },
      selfQuery: { base: "hybrid", searchText: "question" },
      hybrid: feedbackHybrid,
    },
  },
  {
    name: "rerank-50-fused-self-query-question-feedback-hybrid-pd",
    config: {
      technique: "rerank",
      rerank: { base: "self-query", fuseWithBase: true, candidates: 50 },
      selfQuery: { base: "hybrid", searchText: "question" },
      hybrid: feedbackHybrid,
    },
  },
  // Its dense leg scoring each document by the sum of its best 3 children, and feedback from 10 documents.
  {
    name: "rerank-fused-2-self-query-question-feedback-hybrid-pd-sum",
    config: {
      technique: "rerank",
      rerank: { base: "self-query", fuseWithBase: true, fusionWeight: 2 },
      selfQuery: { base: "hybrid", searchText: "question" },
      hybrid: feedbackHybrid,
      parentDocument: { parentRanking: "sum" },
    },
  },
  {
    name: "rerank-fused-2-self-query-question-feedback10-hybrid-pd",
    config: {
      technique: "rerank",
      rerank: { base: "self-query", fuseWithBase: true, fusionWeight: 2 },
      selfQuery: { base: "hybrid", searchText: "question" },
      hybrid: { ...feedbackHybrid, feedbackDocuments: 10 },
    },
  },
  {
    name: "rerank-fused-self-query-question-hybrid",
    config: {
      technique: "rerank",
      rerank: { base: "self-query", fuseWithBase: true },
      selfQuery: { base: "hybrid", searchText: "question" },
    },
  },
  // Round 4, added after the per-query look at products' semantic questions (docs/SEMANTIC.md): the
  // self-query filter in `backfill` mode (matching documents first, then the best others up to k), with
  // the reranker inside self-query (so it cannot lift the backfilled documents over the matching ones)
  // or outside it as before; the strict one over the reranker isolates the change of structure.
  {
    name: "rerank-fused-2-sq-question-backfill-feedback-hybrid-pd-sum",
    config: {
      technique: "rerank",
      rerank: { base: "self-query", fuseWithBase: true, fusionWeight: 2 },
      selfQuery: { base: "hybrid", searchText: "question", filterMode: "backfill" },
      hybrid: feedbackHybrid,
      parentDocument: { parentRanking: "sum" },
    },
  },
  {
    name: "sq-question-rerank-fused-2-feedback-hybrid-pd-sum",
    config: {
      technique: "self-query",
      selfQuery: { base: "rerank", searchText: "question" },
      rerank: { base: "hybrid", fuseWithBase: true, fusionWeight: 2 },
      hybrid: feedbackHybrid,
      parentDocument: { parentRanking: "sum" },
    },
  },
  {
    name: "sq-question-backfill-rerank-fused-2-feedback-hybrid-pd-sum",
    config: {
      technique: "self-query",
      selfQuery: { base: "rerank", searchText: "question", filterMode: "backfill" },
      rerank: { base: "hybrid", fuseWithBase: true, fusionWeight: 2 },
      hybrid: feedbackHybrid,
      parentDocument: { parentRanking: "sum" },
    },
  },
  // Round 5, for speed: the documents outside the filter ranked by the first stage alone (no second reranking).
  {
    name: "sq-question-backfill-first-rerank-fused-2-feedback-hybrid-pd-sum",
    config: {
      technique: "self-query",
      selfQuery: { base: "rerank", searchText: "question", filterMode: "backfill", backfillBase: "hybrid" },
      rerank: { base: "hybrid", fuseWithBase: true, fusionWeight: 2 },
      hybrid: feedbackHybrid,
      parentDocument: { parentRanking: "sum" },
    },
  },
  {
    name: "sq-question-backfill-feedback-hybrid-pd-sum",
    config: {
      technique: "self-query",
      selfQuery: { base: "hybrid", searchText: "question", filterMode: "backfill" },
      hybrid: feedbackHybrid,
      parentDocument: { parentRanking: "sum" },
    },
  },
];

interface DatasetRun {
  name: string;
  queries: LabeledQuery[];
  /** pipeline -> nDCG@10 per query (query file order). */
  scores: Map<string, number[]>;
}

/** `--reuse FILE`: a previous output of this script; candidates with the same name and configuration keep its scores. */
interface PreviousOutput {
  candidates: Pipeline[];
  datasets: Record<string, Record<string, { perQuery: number[] }>>;
}

async function readPrevious(): Promise<PreviousOutput | undefined> {
  const index = process.argv.indexOf("--reuse");
  if (index === -1) return undefined;
  const file = process.argv[index + 1];
  if (file === undefined) throw new Error("advanced-retrievers: --reuse needs a file (a bench-results/select-recommended.json)");
  return JSON.parse(await readFile(file, "utf8")) as PreviousOutput;
}

/** The previous per-query scores of `pipeline` on dataset `name`, when its configuration is unchanged. */
function reusedScores(previous: PreviousOutput | undefined, name: string, pipeline: Pipeline, queryCount: number): number[] | undefined {
  const before = previous?.candidates.find((candidate) => candidate.name === pipeline.name);
  if (before === undefined || JSON.stringify(before.config) !== JSON.stringify(pipeline.config)) return undefined;
  const scores = previous!.datasets[name]?.[pipeline.name]?.perQuery;
  return scores?.length === queryCount ? scores : undefined;
}

async function runDataset(
  name: string,
  dataset: { dataset: string; data?: string },
  queryFile: string,
  previous: PreviousOutput | undefined,
): Promise<DatasetRun> {
  const resolved = await resolveDataset(dataset);
  const queries = await readQueryFile(queryFile);
  const scores = new Map<string, number[]>();
  for (const pipeline of CANDIDATES) {
    const reused = reusedScores(previous, name, pipeline, queries.length);
    if (reused !== undefined) scores.set(pipeline.name, reused);
  }
  const toRun = CANDIDATES.filter((pipeline) => !scores.has(pipeline.name));
  if (toRun.length === 0) return { name, queries, scores };
  process.stderr.write(`${name}: ${scores.size} candidates reused, ${toRun.length} to run\n`);
  const results = await runBenchmark({
    queries,
    queryFile,
    pipelines: toRun,
    k: K,
    config: {
      embeddings: "local",
      indexDirectory: join(tmpdir(), "advanced-retrievers-select-recommended"),
      selfQuery: { queryConstructor: "rule-based" },
      rerank: { reranker: "local" },
    },
    dependencies: { dataset: resolved },
    baseline: toRun.some((pipeline) => pipeline.name === REFERENCE) ? REFERENCE : toRun[0]!.name,
    permutations: 10_000,
    onProgress: (event) => {
      if (event.type === "technique-done")
        process.stderr.write(
          `${name}: ${event.technique} ${event.failed ? "FAILED" : "done"} (${event.techniqueIndex + 1}/${event.techniqueCount})\n`,
        );
    },
  });
  for (const result of results.techniques) {
    if (result.status !== "ok") throw new Error(`advanced-retrievers: ${name}: ${result.technique} failed: ${result.error}`);
    const byQuery = new Map(result.queries.map((outcome) => [outcome.queryId, outcome.metrics.ndcg]));
    scores.set(
      result.technique,
      queries.map((query) => byQuery.get(query.id) ?? 0),
    );
  }
  return { name, queries, scores };
}

function kindMeans(run: DatasetRun, pipeline: string): Record<string, number> {
  const scores = run.scores.get(pipeline)!;
  const kinds = ["all", ...new Set(run.queries.map((query) => query.kind))];
  return Object.fromEntries(
    kinds.map((kind) => [kind, mean(scores.filter((_, index) => kind === "all" || run.queries[index]!.kind === kind))]),
  );
}

async function main(): Promise<void> {
  const previous = await readPrevious();
  const runs = [
    await runDataset(
      "john-wick",
      { dataset: "john-wick", data: "../shared/data/john-wick" },
      "../shared/bench/john-wick-queries.jsonl",
      previous,
    ),
    await runDataset("products", { dataset: "products" }, "data/products/queries.jsonl", previous),
  ];
  const names = CANDIDATES.map((pipeline) => pipeline.name);

  for (const run of runs) {
    const kinds = ["all", ...new Set(run.queries.map((query) => query.kind))];
    const reference = run.scores.get(REFERENCE)!;
    console.log(
      `\n### ${run.name}: nDCG@${K} (${run.queries.length} queries); p: paired randomization test (all queries, 10,000 flips) vs ${REFERENCE}\n`,
    );
    console.log(
      `| pipeline | ${kinds.map((kind) => `${kind} (${kind === "all" ? run.queries.length : run.queries.filter((query) => query.kind === kind).length})`).join(" | ")} | p |`,
    );
    console.log(`| --- | ${kinds.map(() => "---:").join(" | ")} | ---: |`);
    for (const name of names) {
      const byKind = kindMeans(run, name);
      const p =
        name === REFERENCE
          ? "–"
          : pairedRandomizationTest(reference, run.scores.get(name)!, { permutations: 10_000, seed: 20261201 }).pValue.toFixed(3);
      console.log(`| ${name} | ${kinds.map((kind) => byKind[kind]!.toFixed(3)).join(" | ")} | ${p} |`);
    }
  }

  // Cross-validated choice over the pooled queries of both datasets.
  const pooled = names.map((name) => runs.flatMap((run) => run.scores.get(name)!));
  const picks = new Map<string, number>();
  const heldOut: number[] = [];
  for (const seed of SEEDS) {
    const result = crossValidate(pooled, { folds: FOLDS, seed });
    heldOut.push(result.mean);
    for (const index of result.chosen) picks.set(names[index]!, (picks.get(names[index]!) ?? 0) + 1);
  }
  const ranked = [...picks.entries()].sort((a, b) => b[1] - a[1]);
  const chosen = ranked[0]![0];
  console.log(`\n### Cross-validated choice (${FOLDS} folds × ${SEEDS.length} seeds over the ${pooled[0]!.length} pooled queries)\n`);
  console.log(`Folds' picks: ${ranked.map(([name, count]) => `${name} ${count}/${FOLDS * SEEDS.length}`).join(", ")}`);
  console.log(
    `Held-out nDCG@${K} of "pick the best on the other folds": ${heldOut.map((value) => value.toFixed(3)).join(", ")} (mean ${mean(heldOut).toFixed(3)})`,
  );
  console.log(`Pooled mean of the chosen pipeline ${chosen}: ${mean(pooled[names.indexOf(chosen)]!).toFixed(3)}`);
  // Compared with every default applied (zod objects list their output fields in schema order).
  const normalized = (config: object) => JSON.stringify(retrieverConfigSchema.parse(config));
  const builtIn = normalized(RECOMMENDED_PIPELINE_CONFIG) === normalized(CANDIDATES[names.indexOf(chosen)]!.config);
  console.log(
    builtIn
      ? "The built-in recommended pipeline is this candidate."
      : `The built-in recommended pipeline (src/config/built-in-pipelines.ts) is NOT this candidate: update RECOMMENDED_PIPELINE_CONFIG.`,
  );
  for (const run of runs) {
    const perDataset = names.map((name) => run.scores.get(name)!);
    const result = crossValidate(perDataset, { folds: FOLDS, seed: SEEDS[0]! });
    console.log(
      `${run.name} alone: folds pick ${result.chosen.map((index) => names[index]).join(", ")}; held-out ${result.mean.toFixed(3)}`,
    );
  }

  await mkdir("bench-results", { recursive: true });
  const output = {
    k: K,
    folds: FOLDS,
    seeds: SEEDS,
    chosen,
    picks: Object.fromEntries(ranked),
    heldOut,
    candidates: CANDIDATES,
    datasets: Object.fromEntries(
      runs.map((run) => [
        run.name,
        Object.fromEntries(names.map((name) => [name, { byKind: kindMeans(run, name), perQuery: run.scores.get(name) }])),
      ]),
    ),
  };
  await writeFile(join("bench-results", "select-recommended.json"), `${JSON.stringify(output, null, 2)}\n`);
}

await main();
