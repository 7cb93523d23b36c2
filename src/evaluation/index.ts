export {
  DEFAULT_CUTOFF,
  METRIC_NAMES,
  PRECISION_CUTOFF,
  RELEVANCE_THRESHOLD,
  compareIdsLikeStrcmp,
  countRelevant,
  discountedCumulativeGain,
  evaluateRanking,
  gradesAtCutoff,
  hitAtK,
  idealDiscountedCumulativeGain,
  ndcgAtK,
  precisionAtK,
  rankLikeTrecEval,
  recallAtK,
  reciprocalRankAtK,
  type Judgments,
  type QueryMetrics,
  type ScoredDocument,
} from "./metrics.js";
export {
  DEFAULT_PERMUTATIONS,
  DEFAULT_RANDOMIZATION_SEED,
  MAX_PERMUTATIONS,
  createSeededRandom,
  pairedRandomizationTest,
  type RandomizationTestOptions,
  type RandomizationTestResult,
} from "./randomization-test.js";
export {
  MAX_GRADE,
  QUERY_KINDS,
  goldFilterSchema,
  goldFilterToFilter,
  renameFields,
  labeledQuerySchema,
  parseQueryFile,
  readQueryFile,
  parseTrecQueries,
  readTrecQueries,
  type GoldFilter,
  type LabeledQuery,
  type QueryKind,
} from "./query-file.js";
export { formatTrecRun, parseTrecRun, scoresForRunFile, type RunLine, type RunQuery } from "./run-file.js";
export {
  countEmbeddingCalls,
  LlmCallCounter,
  totalEmbeddingCalls,
  withLlmCallCounting,
  type CountingEmbeddings,
  type EmbeddingCallCounts,
} from "./call-counters.js";
export {
  canExplain,
  compareFilters,
  selectDocuments,
  type ExplainingRetriever,
  type FilterComparison,
  type QueryExplanation,
} from "./filter-accuracy.js";
export {
  BENCHMARK_RESULTS_VERSION,
  DEFAULT_BASELINE,
  DEFAULT_BENCHMARK_K,
  SNIPPETS_PER_QUERY,
  SNIPPET_LENGTH,
  WARM_UP_QUESTION,
  benchmarkRetriever,
  checkJudgments,
  compareWithBaseline,
  parseTechniqueList,
  runBenchmark,
  summarizeOutcomes,
  type BenchmarkOptions,
  type BenchmarkProgress,
  type BenchmarkResults,
  type GroupSummary,
  type QueryGroup,
  type QueryOutcome,
  type RetrievedDocument,
  type RetrieverBenchmarkOptions,
  type TechniqueResult,
} from "./run-benchmark.js";
export { escapeHtml } from "./escape-html.js";
export { renderHtmlReport, REPORT_CONTENT_SECURITY_POLICY } from "./report-html.js";
export { renderMarkdownReport, markdownGroupTable, markdownKindMatrix } from "./report-markdown.js";
export {
  DEFAULT_BENCHMARK_OUTPUT_ROOT,
  defaultBenchmarkOutputFolder,
  formatQrels,
  formatTechniqueRun,
  writeBenchmarkReport,
  type BenchmarkReportFiles,
} from "./write-benchmark-report.js";
export { createProgressReporter, PLAIN_PROGRESS_EVERY, PROGRESS_BAR_WIDTH, type ProgressStream } from "./progress.js";
export {
  DEFAULT_BOOTSTRAP_CONFIDENCE,
  DEFAULT_BOOTSTRAP_RESAMPLES,
  MAX_BOOTSTRAP_RESAMPLES,
  bootstrapMeanInterval,
  type BootstrapInterval,
  type BootstrapOptions,
} from "./bootstrap.js";
export {
  DEFAULT_CROSS_VALIDATION_FOLDS,
  DEFAULT_CROSS_VALIDATION_SEED,
  assignFolds,
  crossValidate,
  type CrossValidationOptions,
  type CrossValidationResult,
} from "./cross-validate.js";
export {
  TIE_TOLERANCE,
  compareQueriesWithBaseline,
  type PerQueryComparison,
  type QueryComparison,
  type QueryOutcomeAgainstBaseline,
  type QueryScore,
} from "./per-query-comparison.js";
