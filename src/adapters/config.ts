/**
 * `advanced-retrievers/config`: what the `retrievers` CLI is built from, for apps that want the same:
 * configuration files and builders (a `RetrieverConfig` → a ready technique), the benchmark runner and
 * its reports, the RAG chains and the chat model factory. It loads `@langchain/openai` (the chat model
 * of the LLM steps); the main entry does not.
 */
export * from "../config/index.js";
export * from "../answer/index.js";
export * from "../llm/index.js";
export {
  BENCHMARK_RESULTS_VERSION,
  DEFAULT_BASELINE,
  DEFAULT_BENCHMARK_K,
  benchmarkRetriever,
  checkJudgments,
  compareWithBaseline,
  parseTechniqueList,
  runBenchmark,
  summarizeOutcomes,
} from "../evaluation/run-benchmark.js";
export type {
  BenchmarkOptions,
  BenchmarkProgress,
  BenchmarkResults,
  GroupSummary,
  QueryGroup,
  QueryOutcome,
  RetrievedDocument,
  RetrieverBenchmarkOptions,
  TechniqueResult,
} from "../evaluation/run-benchmark.js";
export { renderHtmlReport } from "../evaluation/report-html.js";
export { renderMarkdownReport } from "../evaluation/report-markdown.js";
export { writeBenchmarkReport, defaultBenchmarkOutputFolder, DEFAULT_BENCHMARK_OUTPUT_ROOT } from "../evaluation/write-benchmark-report.js";
export {
  compareFilters,
  canExplain,
  type FilterComparison,
  type ExplainingRetriever,
  type QueryExplanation,
} from "../evaluation/filter-accuracy.js";
