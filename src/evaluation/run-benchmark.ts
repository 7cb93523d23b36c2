import { availableParallelism, platform } from "node:os";
import type { DocumentInterface } from "@langchain/core/documents";
import { z } from "zod/v4";
import { buildRetriever, type BuildDependencies, type BuiltRetriever } from "../config/build-retriever.js";
import { expandPipelineTechnique, type Pipeline } from "../config/built-in-pipelines.js";
import { mergeConfigInputs } from "../config/config-file.js";
import { PIPELINE_NAME_PATTERN } from "../config/pipelines.js";
import { TECHNIQUES, type RetrieverConfigInput, type Technique } from "../config/retriever-config.js";
import type { ConfigEmbeddings, TechniqueBuild } from "../config/technique-context.js";
import type { DisplayColumn } from "../datasets/dataset.js";
import { DataError } from "../core/errors/data-error.js";
import { InvalidOptionError } from "../core/errors/invalid-option-error.js";
import { RetrieverError } from "../core/errors/retriever-error.js";
import { validateQuery } from "../core/validate-query.js";
import type { FilterExpression } from "../core/filter/filter-schema.js";
import { parseOptions } from "../core/parse-options.js";
import type { Searchable, SearchResult } from "../core/search-retriever.js";
import { CachedEmbeddings } from "../embeddings/cache/cached-embeddings.js";
import { createEmbeddings, type LibraryEmbeddings } from "../embeddings/create-embeddings.js";
import {
  countEmbeddingCalls,
  LlmCallCounter,
  totalEmbeddingCalls,
  withLlmCallCounting,
  type EmbeddingCallCounts,
} from "./call-counters.js";
import { canExplain, compareFilters, type ExplainingRetriever, type FilterComparison } from "./filter-accuracy.js";
import { DEFAULT_CUTOFF, evaluateRanking, mean, METRIC_NAMES, quantile, type QueryMetrics, type ScoredDocument } from "./metrics.js";
import { goldFilterToFilter, QUERY_KINDS, type LabeledQuery, type QueryKind } from "./query-file.js";
import {
  DEFAULT_PERMUTATIONS,
  DEFAULT_RANDOMIZATION_SEED,
  MAX_PERMUTATIONS,
  pairedRandomizationTest,
  type RandomizationTestResult,
} from "./randomization-test.js";
import { scoresForRunFile } from "./run-file.js";

/** Version of the `results.json` layout. */
export const BENCHMARK_RESULTS_VERSION = 1;
/** The technique every other one is tested against when none is named. */
export const DEFAULT_BASELINE: Technique = "naive";
/** Results kept per query (with scores and grades) in the results. */
export const DEFAULT_BENCHMARK_K = DEFAULT_CUTOFF;
/** Results per query whose text is kept (as a snippet) for the report. */
export const SNIPPETS_PER_QUERY = 5;
/** Characters of document text kept per snippet. */
export const SNIPPET_LENGTH = 240;
/**
 * The question run once per technique before measuring (its latency and calls are not counted): the
 * first search of a technique pays for lazy loading (model weights, worker threads, WASM), which is
 * not what a steady-state query costs. It is not one of the labeled queries.
 */
export const WARM_UP_QUESTION = "What do these documents say about quality?";

/** Groups a summary is made for: every query, then each kind present in the query file. */
export type QueryGroup = "all" | QueryKind;

/** Options of `runBenchmark`. */
export interface BenchmarkOptions {
  /** The labeled queries (see `readQueryFile`). */
  queries: readonly LabeledQuery[];
  /** Where the queries came from, for the report. @default "(in memory)" */
  queryFile?: string;
  /** Techniques to run, in report order (ignored when `pipelines` is given). @default every technique of `TECHNIQUES` */
  techniques?: readonly Technique[];
  /**
   * Named pipelines to run, in report order: each a name and a configuration (built-in ones from
   * `BUILT_IN_PIPELINES`, e.g. `recommended`, or a pipelines file's). Each pipeline's configuration is
   * laid over `config`. Results, significance tests and run files are per pipeline name. @default the techniques
   */
  pipelines?: readonly Pipeline[];
  /** Results per query, and the cutoff of nDCG, recall and MRR. @default 10 */
  k?: number;
  /** Retriever configuration shared by every technique (data folder, embeddings, hybrid and rerank settings...). @default {} */
  config?: Omit<RetrieverConfigInput, "technique" | "k">;
  /** Injected embeddings or documents (tests, apps with their own models). @default {} */
  dependencies?: BuildDependencies;
  /**
   * Other retrievers to run after the pipelines, on the same documents and (counted) embeddings, e.g.
   * LangChain.js's own (`createLangChainPeers`): called once with the loaded documents. @default none
   */
  extraRetrievers?: (context: {
    documents: readonly DocumentInterface[];
    embeddings: ConfigEmbeddings;
    k: number;
  }) => Promise<ReadonlyArray<{ name: string; retriever: Searchable }>>;
  /** The technique or pipeline name the others are compared with (paired randomization test on nDCG). @default "naive" */
  baseline?: string;
  /** Permutations of the randomization test. @default 1000 */
  permutations?: number;
  /** Seed of the randomization test. @default 42 */
  seed?: number;
  /**
   * Warm up before measuring: embed every question once (uncounted, so the model is equally warm for
   * every technique) and run one unmeasured query per technique. @default true
   */
  warmUp?: boolean;
  /**
   * Let question embeddings come from the on-disk embeddings cache. Off by default: every technique
   * then embeds each question itself, as it would a new question, and the technique that happens to
   * run first does not pay for the others. Document embeddings (indexes, rerank candidates) are
   * cached either way. Ignored when `dependencies.embeddings` is given. @default false
   */
  cacheQueryEmbeddings?: boolean;
  /** Folder of the on-disk embeddings cache. Ignored when `dependencies.embeddings` is given. @default the embeddings cache's default folder */
  embeddingsCacheDirectory?: string;
  /** Called as the benchmark advances (for progress bars). @default none */
  onProgress?: (event: BenchmarkProgress) => void;
}

/** Progress events of `runBenchmark`. */
export type BenchmarkProgress =
  | { type: "build"; technique: string; techniqueIndex: number; techniqueCount: number }
  | { type: "query"; technique: string; techniqueIndex: number; techniqueCount: number; queryIndex: number; queryCount: number }
  | { type: "technique-done"; technique: string; techniqueIndex: number; techniqueCount: number; failed: boolean };

const optionsSchema = z
  .object({
    queries: z.array(z.object({ id: z.string() }).loose()).min(1, "needs at least one labeled query"),
    queryFile: z.string().min(1).optional(),
    techniques: z
      .array(z.enum(TECHNIQUES))
      .min(1, `needs at least one of ${TECHNIQUES.join(", ")}`)
      .refine((list) => new Set(list).size === list.length, "names a technique twice")
      .optional(),
    k: z.number().int().min(1).max(1000).optional(),
    config: z.object({}).loose().optional(),
    dependencies: z.object({}).loose().optional(),
    pipelines: z
      .array(
        z
          .object({
            name: z.string().regex(PIPELINE_NAME_PATTERN, "must be 1-64 letters, digits, '.', '_' or '-'"),
            config: z.object({}).loose(),
          })
          .loose(),
      )
      .min(1, "needs at least one pipeline")
      .refine((list) => new Set(list.map((pipeline) => pipeline.name)).size === list.length, "names a pipeline twice")
      .optional(),
    baseline: z.string().min(1).optional(),
    extraRetrievers: z.custom<BenchmarkOptions["extraRetrievers"]>((value) => typeof value === "function", "must be a function").optional(),
    permutations: z.number().int().min(1).max(MAX_PERMUTATIONS).optional(),
    seed: z.number().int().min(0).max(0xffffffff).optional(),
    warmUp: z.boolean().optional(),
    cacheQueryEmbeddings: z.boolean().optional(),
    embeddingsCacheDirectory: z.string().min(1).optional(),
    onProgress: z.custom<(event: BenchmarkProgress) => void>((value) => typeof value === "function", "must be a function").optional(),
  })
  .strict();

/** One retrieved document as the results keep it. */
export interface RetrievedDocument {
  id: string;
  /** 1-based rank in the technique's order. */
  rank: number;
  /** The technique's score. */
  score: number;
  /** The score written to the run file (the technique's, or rank-based when its scores do not follow its order). */
  runScore: number;
  /** The judged grade, 0 when not judged. */
  grade: number;
  /** Start of the document's text (for the first `SNIPPETS_PER_QUERY` results only). */
  snippet?: string;
  /** The dataset's display columns for this document (header -> text), for the first `SNIPPETS_PER_QUERY` results. */
  display?: Record<string, string>;
}

/** What one technique did with one query. */
export interface QueryOutcome {
  queryId: string;
  kind: QueryKind;
  query: string;
  metrics: QueryMetrics;
  latencyMs: number;
  embeddingCalls: number;
  /** Texts embedded through `embedDocuments` (rerankers embed candidates). */
  embeddedTexts: number;
  llmCalls: number;
  results: RetrievedDocument[];
  /** Judged documents with grade >= 1. */
  relevantCount: number;
  /** True when rank-based scores were written to the run file for this query. */
  rankBasedRunScores: boolean;
  /** The search failed: its metrics are 0. */
  error?: string;
  /** The failed search's error code. */
  errorCode?: string;
  /** For an explaining technique (self-query): the filter it constructed and how it compares with the gold one. */
  constructedFilter?: FilterExpression | null;
  filterComparison?: FilterComparison;
  /** Language-model calls of the separate `explain` call (not part of `llmCalls` nor of the latency). */
  explainLlmCalls?: number;
  /** For an explaining technique: which query constructor actually produced the explained query (`"llm"`, `"rule-based"`), when it says. */
  constructedBy?: string;
  /** Set when the configured constructor failed and a fallback produced the query: why. */
  fallbackReason?: string;
}

/** Averages and totals of one technique over one group of queries. */
export interface GroupSummary {
  queries: number;
  /** Mean of each metric over the group's queries. */
  metrics: QueryMetrics;
  latencyMs: { p50: number; p95: number; mean: number };
  embeddingCalls: { total: number; perQuery: number };
  llmCalls: { total: number; perQuery: number };
  /**
   * Self-query filter accuracy: share of the group's queries with a gold filter whose constructed
   * filter selects exactly the gold filter's documents. `null` when the technique constructs no filter
   * or the group has no gold filter.
   */
  filterAccuracy: { correct: number; total: number; accuracy: number } | null;
  /**
   * Semantic queries (no gold filter) for which the technique constructed a filter that drops
   * documents: a spurious constraint. `null` when the technique constructs no filter or the group has no semantic query.
   */
  spuriousFilters: { count: number; total: number } | null;
  /** Searches that threw (scored 0). */
  errors: number;
}

/** Everything about one technique. */
export interface TechniqueResult {
  /** The technique's name (one of `TECHNIQUES` when run by `runBenchmark`). */
  technique: string;
  status: "ok" | "failed";
  /** Why the technique could not be built or run. */
  error?: string;
  errorCode?: string;
  build: { ms: number; embeddingCalls: number; embeddedTexts: number; stats: Record<string, number | string | boolean> };
  /** Whether the technique explains its constructed filter (self-query). */
  explainsFilters: boolean;
  /** The unmeasured warm-up query: its time and language-model calls (counted nowhere else). */
  warmUp: { ms: number; llmCalls: number } | null;
  summary: Partial<Record<QueryGroup, GroupSummary>>;
  /** Paired randomization test of nDCG against the baseline, per group (absent for the baseline itself). */
  significance?: Partial<Record<QueryGroup, RandomizationTestResult>>;
  queries: QueryOutcome[];
  /** Queries whose run-file scores had to be rank-based. */
  rankBasedRunScores: number;
  /** Duplicate documents dropped from rankings (a technique bug if not 0). */
  duplicatesDropped: number;
  /**
   * Explaining techniques whose constructor reports itself: how many queries each constructor actually
   * produced (e.g. `{ llm: 20, "rule-based": 4 }`) and how many were fallbacks (the LLM failed). Absent otherwise.
   */
  constructedBy?: { counts: Record<string, number>; fallbacks: number };
}

/** The whole benchmark, as written to `results.json`. */
export interface BenchmarkResults {
  version: typeof BENCHMARK_RESULTS_VERSION;
  createdAt: string;
  settings: {
    k: number;
    /** Cutoff of precision. */
    precisionCutoff: 5;
    baseline: string;
    permutations: number;
    seed: number;
    warmUp: boolean;
    /** Whether question embeddings could come from the embeddings cache (`null`: embeddings were injected). */
    cacheQueryEmbeddings: boolean | null;
    queryFile: string;
    queryCount: number;
    kinds: Partial<Record<QueryKind, number>>;
    data: { folder: string; source: string; documents: number; dataset?: string };
    embeddings: string;
    /** The technique or pipeline names, in run order. */
    techniques: string[];
    /** Each pipeline's own configuration (laid over the shared one). */
    pipelines?: Record<string, RetrieverConfigInput>;
  };
  environment: { node: string; platform: string; cpus: number };
  /** Problems found in the inputs (e.g. judged ids absent from the data). */
  warnings: string[];
  groups: QueryGroup[];
  techniques: TechniqueResult[];
  /** Judgments of every query (for the qrels file). */
  judgments: Record<string, Record<string, number>>;
}

/**
 * Runs every labeled query through every technique and scores the rankings (see `metrics.ts`).
 * Techniques are built once, on the same documents and embeddings (wrapped to count calls); every
 * query goes through `retriever.search(query, { k })` one at a time, timed with `performance.now()`.
 * Language-model calls are counted with a LangChain callback handler; a technique that can
 * `explain(question)` (self-query) is also scored on the filters it constructs.
 *
 * A technique that fails to build is reported as failed and the others still run.
 */
export async function runBenchmark(options: BenchmarkOptions): Promise<BenchmarkResults> {
  const parsed = parseOptions(optionsSchema, options, "runBenchmark");
  const queries = options.queries;
  // Every question is checked before anything is built, warmed up or embedded (a 1 MB question used to
  // be embedded by the warm-up before any length check).
  for (const query of queries) checkQuestion(query.query, `query "${query.id}"`);
  const pipelines: Pipeline[] =
    options.pipelines === undefined
      ? (parsed.techniques ?? TECHNIQUES).map((technique) => ({ name: technique, config: { technique } }))
      : [...options.pipelines];
  const techniques = pipelines.map((pipeline) => pipeline.name);
  const k = parsed.k ?? DEFAULT_BENCHMARK_K;
  const baseline = parsed.baseline ?? DEFAULT_BASELINE;
  const permutations = parsed.permutations ?? DEFAULT_PERMUTATIONS;
  const seed = parsed.seed ?? DEFAULT_RANDOMIZATION_SEED;
  const warmUp = parsed.warmUp ?? true;
  const dependencies = options.dependencies ?? {};
  const config = options.config ?? {};
  const onProgress = options.onProgress ?? (() => undefined);

  const ownEmbeddings = dependencies.embeddings === undefined;
  const cacheQueryEmbeddings = parsed.cacheQueryEmbeddings ?? false;
  const innerEmbeddings: ConfigEmbeddings =
    dependencies.embeddings ?? createBenchmarkEmbeddings(config.embeddings, cacheQueryEmbeddings, parsed.embeddingsCacheDirectory);
  const embeddings = countEmbeddingCalls(innerEmbeddings);
  const llmCounter = new LlmCallCounter();
  const results: TechniqueResult[] = [];
  let built: BuiltRetriever | undefined;
  /** The build plain techniques share (configured with the shared settings only). */
  let shared: BuiltRetriever | undefined;
  const extraBuilds: BuiltRetriever[] = [];
  const warnings: string[] = [];
  let judgmentsChecked = false;

  try {
    for (const [techniqueIndex, pipeline] of pipelines.entries()) {
      const technique = pipeline.name;
      onProgress({ type: "build", technique, techniqueIndex, techniqueCount: techniques.length });
      const before = { ...embeddings.counts };
      const started = performance.now();
      let build: TechniqueBuild;
      /** A composition's self-query stage, scored on its filters when the outer retriever does not explain itself. */
      let stageExplainer: ExplainingRetriever | undefined;
      try {
        const pipelineConfig = expandPipelineTechnique(pipeline.config);
        const plain = isPlainTechnique(pipelineConfig);
        if (plain && shared !== undefined) {
          // A technique alone shares the indexes and sub-techniques of the other plain techniques.
          build = await shared.buildTechnique(pipelineConfig.technique);
        } else {
          // The first build loads the dataset; later ones (compositions with their own settings) reuse its documents.
          const own = await buildRetriever(mergeConfigInputs(config, pipelineConfig, { k }), {
            ...dependencies,
            embeddings,
            ...(built === undefined ? {} : { dataset: built.dataset, documents: built.documents }),
          });
          if (built === undefined) built = own;
          else extraBuilds.push(own);
          if (plain) shared = own;
          build = own;
          const stage =
            canExplain(own.retriever) || own.config.technique !== "rerank" || own.config.rerank.base !== "self-query"
              ? undefined
              : (await own.buildTechnique("self-query")).retriever;
          if (stage !== undefined && canExplain(stage)) stageExplainer = stage;
        }
      } catch (error) {
        if (!RetrieverError.isInstance(error)) throw error;
        results.push(failedTechnique(technique, error, performance.now() - started));
        onProgress({ type: "technique-done", technique, techniqueIndex, techniqueCount: techniques.length, failed: true });
        continue;
      }
      const buildMs = performance.now() - started;
      // Set by the first successful build (every later one reuses its dataset and documents).
      const first = built as BuiltRetriever;
      if (!judgmentsChecked) {
        for (const warning of checkJudgments(queries, first.documents, options.queryFile ?? "(in memory)")) warnings.push(warning);
        judgmentsChecked = true;
        // Model warm-up, not counted: a local model compiles kernels per input shape on first use, so
        // without this the first technique would pay for every later one.
        if (warmUp) for (const query of queries) await innerEmbeddings.embedQuery(query.query);
      }
      const buildCalls = difference(before, embeddings.counts);
      const result = await benchmarkRetriever({
        name: technique,
        retriever: build.retriever,
        ...(stageExplainer === undefined ? {} : { explainer: stageExplainer }),
        documents: first.documents,
        queries,
        k,
        warmUp,
        embeddingCounts: embeddings,
        llmCounter,
        goldFilterFields: first.dataset.goldFilterFields,
        displayColumns: first.dataset.displayColumns,
        onQuery: (queryIndex) =>
          onProgress({
            type: "query",
            technique,
            techniqueIndex,
            techniqueCount: techniques.length,
            queryIndex,
            queryCount: queries.length,
          }),
      });
      result.build = {
        ms: buildMs,
        embeddingCalls: totalEmbeddingCalls(buildCalls),
        embeddedTexts: buildCalls.documentTexts,
        stats: build.stats,
      };
      results.push(result);
      const fallbackWarning = constructorFallbackWarning(result);
      if (fallbackWarning !== undefined) warnings.push(fallbackWarning);
      onProgress({
        type: "technique-done",
        technique,
        techniqueIndex,
        techniqueCount: techniques.length,
        failed: result.status === "failed",
      });
    }
    if (options.extraRetrievers !== undefined && built !== undefined) {
      const first = built;
      const extras = await options.extraRetrievers({ documents: first.documents, embeddings, k });
      for (const [offset, extra] of extras.entries()) {
        if (techniques.includes(extra.name))
          throw new InvalidOptionError({
            option: "extraRetrievers",
            value: extra.name,
            message: "names a retriever like one of the pipelines; give it another name",
          });
        const techniqueIndex = pipelines.length + offset;
        const techniqueCount = pipelines.length + extras.length;
        techniques.push(extra.name);
        onProgress({ type: "build", technique: extra.name, techniqueIndex, techniqueCount });
        const result = await benchmarkRetriever({
          name: extra.name,
          retriever: extra.retriever,
          documents: first.documents,
          queries,
          k,
          warmUp,
          embeddingCounts: embeddings,
          llmCounter,
          goldFilterFields: first.dataset.goldFilterFields,
          displayColumns: first.dataset.displayColumns,
          onQuery: (queryIndex) =>
            onProgress({ type: "query", technique: extra.name, techniqueIndex, techniqueCount, queryIndex, queryCount: queries.length }),
        });
        results.push(result);
        onProgress({ type: "technique-done", technique: extra.name, techniqueIndex, techniqueCount, failed: result.status === "failed" });
      }
    }
  } finally {
    for (const extra of extraBuilds) await extra.close();
    await built?.close();
    if (ownEmbeddings) await innerEmbeddings.close?.();
  }

  const groups = groupsOf(queries);
  const baselineWarning = compareWithBaseline(results, baseline, groups, { permutations, seed });
  if (baselineWarning !== undefined) warnings.push(baselineWarning);

  const kinds: Partial<Record<QueryKind, number>> = {};
  for (const query of queries) kinds[query.kind] = (kinds[query.kind] ?? 0) + 1;
  return {
    version: BENCHMARK_RESULTS_VERSION,
    createdAt: new Date().toISOString(),
    settings: {
      k,
      precisionCutoff: 5,
      baseline,
      permutations,
      seed,
      warmUp,
      cacheQueryEmbeddings: ownEmbeddings ? cacheQueryEmbeddings : null,
      queryFile: options.queryFile ?? "(in memory)",
      queryCount: queries.length,
      kinds,
      data: {
        folder: built?.data.folder ?? "(not loaded)",
        source: built?.data.source ?? "none",
        documents: built?.documents.length ?? 0,
        ...(built === undefined ? {} : { dataset: built.dataset.id }),
      },
      embeddings: innerEmbeddings.modelId ?? innerEmbeddings.constructor.name,
      techniques,
      pipelines: Object.fromEntries(pipelines.map((pipeline) => [pipeline.name, pipeline.config])),
    },
    environment: { node: process.version, platform: platform(), cpus: availableParallelism() },
    warnings,
    groups,
    techniques: results,
    judgments: Object.fromEntries(queries.map((query) => [query.id, { ...query.relevant }])),
  };
}

/** The library's embeddings for `provider`, with document vectors cached on disk and, unless asked, question vectors not. */
function createBenchmarkEmbeddings(
  provider: RetrieverConfigInput["embeddings"],
  cacheQueries: boolean,
  cacheDirectory: string | undefined,
): LibraryEmbeddings {
  const options = { provider: provider ?? "auto" } as const;
  if (cacheQueries) return createEmbeddings({ ...options, ...(cacheDirectory === undefined ? {} : { cacheDirectory }) });
  const model = createEmbeddings({ ...options, cache: false });
  return new CachedEmbeddings(model, {
    namespace: model.modelId,
    cacheQueries: false,
    ...(cacheDirectory === undefined ? {} : { directory: cacheDirectory }),
  });
}

/** Options of `benchmarkRetriever`. */
export interface RetrieverBenchmarkOptions {
  /** Name of the technique in the results and run files (no spaces). */
  name: string;
  /** Anything with `search(query, { k })`; with `explain(question)` it is also scored on its filters. */
  retriever: Searchable;
  /** What explains the constructed filters when `retriever` cannot itself (e.g. the self-query stage of a composition). @default `retriever` when it has `explain` */
  explainer?: ExplainingRetriever;
  /** The indexed documents (for filter accuracy: which documents a filter selects). */
  documents: readonly DocumentInterface[];
  /** The labeled queries. */
  queries: readonly LabeledQuery[];
  /** Results per query, and the cutoff of nDCG, recall and MRR. @default 10 */
  k?: number;
  /** Run one unmeasured query first. @default true */
  warmUp?: boolean;
  /** Live embedding call counts to take differences of (see `countEmbeddingCalls`). @default none (counts are 0) */
  embeddingCounts?: { readonly counts: EmbeddingCallCounts };
  /** Counter of language-model calls. @default a new one */
  llmCounter?: LlmCallCounter;
  /** Called before each query (0-based index). @default none */
  onQuery?: (queryIndex: number) => void;
  /** Short gold-filter keys and the metadata fields they stand for (`Dataset.goldFilterFields`). @default {} (keys are field names) */
  goldFilterFields?: Readonly<Record<string, string>>;
  /** Columns kept with each top result for the report (`Dataset.displayColumns`). @default [] */
  displayColumns?: readonly DisplayColumn[];
}

const retrieverOptionsSchema = z
  .object({
    name: z.string().regex(/^\S+$/, "must be non-empty, without spaces (it tags TREC run files)"),
    retriever: z.custom<Searchable>(
      (value) => typeof value === "object" && value !== null && typeof (value as Searchable).search === "function",
      "must have a search(query, options) method",
    ),
    explainer: z.custom<ExplainingRetriever>(canExplain, "must have an explain(question) method").optional(),
    documents: z.array(z.unknown()),
    queries: z.array(z.unknown()).min(1, "needs at least one labeled query"),
    k: z.number().int().min(1).max(1000).optional(),
    warmUp: z.boolean().optional(),
    embeddingCounts: z
      .object({ counts: z.object({}).loose() })
      .loose()
      .optional(),
    llmCounter: z.instanceof(LlmCallCounter).optional(),
    onQuery: z.custom<(queryIndex: number) => void>((value) => typeof value === "function", "must be a function").optional(),
    goldFilterFields: z.record(z.string(), z.string()).optional(),
    displayColumns: z.array(z.object({ header: z.string() }).loose()).optional(),
  })
  .strict();

const NO_EMBEDDING_COUNTS: { readonly counts: EmbeddingCallCounts } = { counts: { queryCalls: 0, documentCalls: 0, documentTexts: 0 } };

/**
 * Runs every labeled query through one retriever, one at a time, and scores the rankings: metrics
 * per query and summaries per query group (no significance test: see `compareWithBaseline`). A query
 * whose search throws a library error scores 0 and keeps the error; if every query fails the
 * technique is marked failed.
 */
export async function benchmarkRetriever(options: RetrieverBenchmarkOptions): Promise<TechniqueResult> {
  const parsed = parseOptions(retrieverOptionsSchema, options, "benchmarkRetriever");
  const { name, retriever, documents, queries } = options;
  const k = parsed.k ?? DEFAULT_BENCHMARK_K;
  const embeddings = options.embeddingCounts ?? NO_EMBEDDING_COUNTS;
  const llmCounter = options.llmCounter ?? new LlmCallCounter();
  const onQuery = options.onQuery ?? (() => undefined);
  const goldFilterFields = options.goldFilterFields ?? {};
  const displayColumns = options.displayColumns ?? [];
  const explainer = options.explainer ?? (canExplain(retriever) ? retriever : null);
  const result: TechniqueResult = {
    technique: name,
    status: "ok",
    build: { ms: 0, embeddingCalls: 0, embeddedTexts: 0, stats: {} },
    explainsFilters: explainer !== null,
    warmUp: null,
    summary: {},
    queries: [],
    rankBasedRunScores: 0,
    duplicatesDropped: 0,
  };

  if (parsed.warmUp ?? true) {
    const started = performance.now();
    const llmBefore = llmCounter.calls;
    try {
      await withLlmCallCounting(llmCounter, () => retriever.search(WARM_UP_QUESTION, { k }));
    } catch (error) {
      if (!RetrieverError.isInstance(error)) throw error;
      return { ...result, status: "failed", error: error.message, errorCode: error.code };
    }
    result.warmUp = { ms: performance.now() - started, llmCalls: llmCounter.calls - llmBefore };
  }

  for (const [queryIndex, query] of queries.entries()) {
    onQuery(queryIndex);
    const embeddingsBefore = { ...embeddings.counts };
    const llmBefore = llmCounter.calls;
    let latencyMs = 0;
    let searchResults: SearchResult[] = [];
    let error: RetrieverError | undefined;
    try {
      searchResults = await withLlmCallCounting(llmCounter, async () => {
        const started = performance.now();
        try {
          return await retriever.search(query.query, { k });
        } finally {
          latencyMs = performance.now() - started;
        }
      });
    } catch (caught) {
      if (!RetrieverError.isInstance(caught)) throw caught;
      error = caught;
    }
    const calls = difference(embeddingsBefore, embeddings.counts);
    const llmCalls = llmCounter.calls - llmBefore;

    const { documents: ranked, duplicates } = toScoredDocuments(searchResults.slice(0, k), displayColumns);
    result.duplicatesDropped += duplicates;
    const { documents: runDocuments, rankBased } = scoresForRunFile(ranked.map(({ id, score }) => ({ id, score })));
    if (rankBased) result.rankBasedRunScores += 1;
    const outcome: QueryOutcome = {
      queryId: query.id,
      kind: query.kind,
      query: query.query,
      metrics: evaluateRanking(runDocuments, query.relevant, k),
      latencyMs,
      embeddingCalls: totalEmbeddingCalls(calls),
      embeddedTexts: calls.documentTexts,
      llmCalls,
      results: ranked.map((document, index) => ({
        ...document,
        rank: index + 1,
        runScore: (runDocuments[index] as ScoredDocument).score,
        grade: query.relevant[document.id] ?? 0,
      })),
      relevantCount: Object.values(query.relevant).filter((grade) => grade >= 1).length,
      rankBasedRunScores: rankBased,
      ...(error === undefined ? {} : { error: error.message, errorCode: error.code }),
    };

    if (explainer !== null) {
      // After the measured search, so that its latency is the technique's own.
      const gold = query.filter === null ? null : goldFilterToFilter(query.filter, goldFilterFields);
      const explainLlmBefore = llmCounter.calls;
      try {
        const explanation = await withLlmCallCounting(llmCounter, async () => await explainer.explain(query.query));
        outcome.constructedFilter = explanation.filter ?? null;
        if (typeof explanation.producedBy === "string") outcome.constructedBy = explanation.producedBy;
        if (typeof explanation.fallbackReason === "string") outcome.fallbackReason = explanation.fallbackReason;
        outcome.filterComparison = compareFilters(documents, gold, explanation.filter ?? null);
      } catch (caught) {
        if (!RetrieverError.isInstance(caught)) throw caught;
        outcome.constructedFilter = null;
        outcome.filterComparison = { ...compareFilters(documents, gold, null), match: false };
      }
      outcome.explainLlmCalls = llmCounter.calls - explainLlmBefore;
    }
    result.queries.push(outcome);
  }
  const constructed = result.queries.filter((outcome) => outcome.constructedBy !== undefined);
  if (constructed.length > 0) {
    const counts: Record<string, number> = {};
    for (const outcome of constructed) counts[outcome.constructedBy!] = (counts[outcome.constructedBy!] ?? 0) + 1;
    result.constructedBy = { counts, fallbacks: result.queries.filter((outcome) => outcome.fallbackReason !== undefined).length };
  }
  if (result.queries.every((outcome) => outcome.error !== undefined)) {
    result.status = "failed";
    result.error = `every query failed; first error: ${result.queries[0]?.error ?? "unknown"}`;
    result.errorCode = result.queries[0]?.errorCode ?? "SERVICE_ERROR";
  }
  if (result.status === "ok") {
    const groups = groupsOf(queries);
    result.summary = Object.fromEntries(
      groups.map((group) => [group, summarizeOutcomes(inGroup(result.queries, group), result.explainsFilters)]),
    );
  }
  return result;
}

/**
 * Adds to each technique (except the baseline) a paired randomization test of its per-query nDCG
 * against the baseline's, for every query group. Returns a warning when the baseline did not run.
 */
export function compareWithBaseline(
  results: TechniqueResult[],
  baseline: string,
  groups: readonly QueryGroup[],
  options: { permutations: number; seed: number },
): string | undefined {
  const baselineResult = results.find((result) => result.technique === baseline && result.status === "ok");
  if (baselineResult === undefined) return `no significance test: the baseline "${baseline}" did not run (add it to the techniques)`;
  for (const result of results) {
    if (result.status !== "ok" || result === baselineResult) continue;
    result.significance = Object.fromEntries(
      groups.map((group) => {
        const base = new Map(inGroup(baselineResult.queries, group).map((outcome) => [outcome.queryId, outcome.metrics.ndcg]));
        const pairs = inGroup(result.queries, group).filter((outcome) => base.has(outcome.queryId));
        return [
          group,
          pairedRandomizationTest(
            pairs.map((outcome) => base.get(outcome.queryId) as number),
            pairs.map((outcome) => outcome.metrics.ndcg),
            options,
          ),
        ];
      }),
    );
  }
  return undefined;
}

interface RankedDocument {
  id: string;
  score: number;
  snippet?: string;
  display?: Record<string, string>;
}

function toScoredDocuments(
  results: readonly SearchResult[],
  displayColumns: readonly DisplayColumn[],
): { documents: RankedDocument[]; duplicates: number } {
  const seen = new Set<string>();
  const documents: RankedDocument[] = [];
  let duplicates = 0;
  for (const result of results) {
    const id = result.document.id;
    if (id === undefined || id === "") continue;
    if (seen.has(id)) {
      duplicates += 1;
      continue;
    }
    seen.add(id);
    const metadata = result.document.metadata as Record<string, unknown>;
    const top = documents.length < SNIPPETS_PER_QUERY;
    documents.push({
      id,
      score: result.score,
      ...(top ? { snippet: snippetOf(result.document.pageContent) } : {}),
      ...(top && displayColumns.length > 0
        ? { display: Object.fromEntries(displayColumns.map((column) => [column.header, column.value(metadata)])) }
        : {}),
    });
  }
  return { documents, duplicates };
}

function snippetOf(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length <= SNIPPET_LENGTH ? line : `${line.slice(0, SNIPPET_LENGTH - 1)}…`;
}

function difference(before: EmbeddingCallCounts, after: EmbeddingCallCounts): EmbeddingCallCounts {
  return {
    queryCalls: after.queryCalls - before.queryCalls,
    documentCalls: after.documentCalls - before.documentCalls,
    documentTexts: after.documentTexts - before.documentTexts,
  };
}

function failedTechnique(technique: string, error: RetrieverError, ms: number): TechniqueResult {
  return {
    technique,
    status: "failed",
    error: error.message,
    errorCode: error.code,
    build: { ms, embeddingCalls: 0, embeddedTexts: 0, stats: {} },
    explainsFilters: false,
    warmUp: null,
    summary: {},
    queries: [],
    rankBasedRunScores: 0,
    duplicatesDropped: 0,
  };
}

function groupsOf(queries: readonly LabeledQuery[]): QueryGroup[] {
  const present = new Set(queries.map((query) => query.kind));
  return ["all", ...QUERY_KINDS.filter((kind) => present.has(kind))];
}

function inGroup(outcomes: readonly QueryOutcome[], group: QueryGroup): QueryOutcome[] {
  return group === "all" ? [...outcomes] : outcomes.filter((outcome) => outcome.kind === group);
}

/** Averages one technique's outcomes over a group of queries. */
export function summarizeOutcomes(outcomes: readonly QueryOutcome[], explainsFilters: boolean): GroupSummary {
  const metrics = Object.fromEntries(
    METRIC_NAMES.map((name) => [name, mean(outcomes.map((outcome) => outcome.metrics[name]))]),
  ) as unknown as QueryMetrics;
  const latencies = outcomes.map((outcome) => outcome.latencyMs);
  const embeddingTotal = outcomes.reduce((sum, outcome) => sum + outcome.embeddingCalls, 0);
  const llmTotal = outcomes.reduce((sum, outcome) => sum + outcome.llmCalls, 0);
  const judged = explainsFilters ? outcomes.filter((outcome) => outcome.filterComparison !== undefined && outcome.kind !== "semantic") : [];
  const correct = judged.filter((outcome) => outcome.filterComparison?.match === true).length;
  const semantic = explainsFilters
    ? outcomes.filter((outcome) => outcome.filterComparison !== undefined && outcome.kind === "semantic")
    : [];
  return {
    queries: outcomes.length,
    metrics,
    latencyMs: { p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95), mean: mean(latencies) },
    embeddingCalls: { total: embeddingTotal, perQuery: outcomes.length === 0 ? 0 : embeddingTotal / outcomes.length },
    llmCalls: { total: llmTotal, perQuery: outcomes.length === 0 ? 0 : llmTotal / outcomes.length },
    filterAccuracy: judged.length === 0 ? null : { correct, total: judged.length, accuracy: correct / judged.length },
    spuriousFilters:
      semantic.length === 0
        ? null
        : { count: semantic.filter((outcome) => outcome.filterComparison?.match === false).length, total: semantic.length },
    errors: outcomes.filter((outcome) => outcome.error !== undefined).length,
  };
}

/**
 * Checks the judgments against the loaded documents: judged ids that are not in the data are
 * listed as warnings; when no judged id at all is in the data, the query file is for other data and
 * a `DataError` says so.
 */
export function checkJudgments(queries: readonly LabeledQuery[], documents: readonly DocumentInterface[], queryFile: string): string[] {
  const ids = new Set(documents.map((document) => document.id));
  const missing = new Map<string, string[]>();
  let judged = 0;
  for (const query of queries) {
    for (const id of Object.keys(query.relevant)) {
      judged += 1;
      if (!ids.has(id)) missing.set(query.id, [...(missing.get(query.id) ?? []), id]);
    }
  }
  const missingCount = [...missing.values()].reduce((sum, list) => sum + list.length, 0);
  if (judged > 0 && missingCount === judged) {
    throw new DataError({
      file: queryFile,
      message: `none of the ${judged} judged document ids is in the loaded data (${documents.length} documents); is this the query file for this --data folder?`,
    });
  }
  return [...missing.entries()].map(
    ([queryId, list]) =>
      `query ${queryId}: judged document${list.length === 1 ? "" : "s"} not in the data: ${list.slice(0, 5).join(", ")}${list.length > 5 ? ", ..." : ""}`,
  );
}

/** Technique names from a comma-separated list (CLI `--techniques naive,hybrid`). */
export function parseTechniqueList(text: string): Technique[] {
  const names = text
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  const allowed = new Set<string>(TECHNIQUES);
  for (const name of names) {
    if (!allowed.has(name))
      throw new InvalidOptionError({
        option: "techniques",
        value: name,
        message: `unknown technique; choose from ${TECHNIQUES.join(", ")}`,
      });
  }
  if (names.length === 0)
    throw new InvalidOptionError({
      option: "techniques",
      value: text,
      message: `name at least one technique, e.g. naive,hybrid (available: ${TECHNIQUES.join(", ")})`,
    });
  return [...new Set(names)] as Technique[];
}

/** A configuration that names only a technique (no settings of its own): built from the shared first build. */
function isPlainTechnique(config: RetrieverConfigInput): config is RetrieverConfigInput & { technique: Technique } {
  const keys = Object.keys(config).filter((key) => (config as Record<string, unknown>)[key] !== undefined);
  return keys.length === 1 && keys[0] === "technique" && (TECHNIQUES as readonly string[]).includes(config.technique as string);
}

/** `validateQuery` with the query named in the message (`where`, e.g. `query "s01"`). */
function checkQuestion(question: unknown, where: string): void {
  try {
    validateQuery(question);
  } catch (error) {
    if (!RetrieverError.isInstance(error)) throw error;
    throw new RetrieverError({ code: error.code, message: `${where}: ${error.message}`, cause: error });
  }
}

/** A warning when a technique's query constructor fell back (its numbers are then partly the fallback's). */
export function constructorFallbackWarning(result: TechniqueResult): string | undefined {
  const fallbacks = result.constructedBy?.fallbacks ?? 0;
  if (fallbacks === 0) return undefined;
  const reason = result.queries.find((outcome) => outcome.fallbackReason !== undefined)?.fallbackReason ?? "unknown";
  const produced = Object.entries(result.constructedBy!.counts)
    .map(([constructor, count]) => `${constructor} ${count}`)
    .join(", ");
  return `${result.technique}: the query constructor fell back on ${fallbacks} of ${result.queries.length} queries (produced by: ${produced}); those numbers are the fallback's, not the configured constructor's. First reason: ${reason}`;
}
