import { resolveCacheFolders } from "../cache-folder.js";
import { existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { RetrieverConfigInput } from "../../config/retriever-config.js";
import { ErrorCodes } from "../../core/errors/error-codes.js";
import { RetrieverError } from "../../core/errors/retriever-error.js";
import { createProgressReporter } from "../../evaluation/progress.js";
import { readQueryFile, readTrecQueries } from "../../evaluation/query-file.js";
import { markdownGroupTable, markdownKindMatrix } from "../../evaluation/report-markdown.js";
import { readPipelinesFile, resolvePipelineList } from "../../config/pipelines.js";
import { runBenchmark, type BenchmarkResults } from "../../evaluation/run-benchmark.js";
import { defaultBenchmarkOutputFolder, writeBenchmarkReport } from "../../evaluation/write-benchmark-report.js";
import { sanitizeTerminalText } from "../../core/io/terminal-text.js";
import type { Dataset } from "../../datasets/dataset.js";
import { resolveDataset } from "../../datasets/registry.js";
import { UsageError } from "../cli-error.js";
import type { CommandHelp, FlagTable } from "../help.js";
import { configFromFlags, parseCommandArgs, retrieverFlags } from "./shared-options.js";

/** Name of the labeled query file looked for in the data folder when `--queries` is not given. */
export const QUERY_FILE_NAME = "queries.jsonl";

const { technique: _technique, filter: _filter, ...benchRetrieverFlags } = retrieverFlags;
void _technique;
void _filter;

const benchFlags = {
  ...benchRetrieverFlags,
  queries: {
    type: "string",
    short: "q",
    valueName: "FILE",
    description: "Labeled queries (JSONL: id, query, kind, filter, relevant)",
    defaultText: "the dataset's queries",
  },
  topics: { type: "string", valueName: "FILE", description: "TREC topics (id<TAB>query or <top> blocks), with --qrels" },
  qrels: { type: "string", valueName: "FILE", description: "TREC relevance judgments, with --topics" },
  techniques: {
    type: "string",
    valueName: "a,b",
    description:
      "Techniques or pipelines to score, comma-separated (built-in: the techniques, self-query-hybrid, rerank-self-query-hybrid, recommended)",
    defaultText: "the five techniques",
  },
  pipelines: {
    type: "string",
    valueName: "FILE",
    description: "A pipelines file (JSON: [{name, config}]); its names can be used in --techniques and --baseline",
  },
  peers: {
    type: "boolean",
    description:
      "Also run LangChain.js's own retrievers (MemoryVectorStore, EnsembleRetriever, ParentDocumentRetriever, ContextualCompressionRetriever) on the same documents and embeddings",
  },
  out: {
    type: "string",
    short: "o",
    valueName: "DIR",
    description: "Folder for results.json, results.md, report.html, qrels.txt, runs/",
    defaultText: "bench-results/<timestamp>/",
  },
  baseline: {
    type: "string",
    valueName: "NAME",
    description: "Technique or pipeline the others are compared against (paired randomization test)",
    defaultText: "naive when run, else the first",
  },
  permutations: { type: "string", valueName: "N", description: "Permutations of the significance test" },
  seed: { type: "string", valueName: "N", description: "Seed of the permutation test" },
  "no-warm-up": { type: "boolean", description: "Skip the warm-up query before timing" },
  "cache-query-embeddings": { type: "boolean", description: "Cache the questions' embeddings on disk too" },
} as const satisfies FlagTable;

export const benchHelp: CommandHelp = {
  name: "bench",
  summary: "Scores techniques on labeled queries (nDCG, recall, MRR, latency) and writes the reports; progress goes to stderr.",
  arguments: "",
  flags: benchFlags,
};

/**
 * `retrievers bench [--dataset NAME|FILE] [--queries FILE] [--data PATH] [--techniques a,b] [--k 10] [--out DIR] ...`: runs
 * the labeled queries through the techniques and writes `results.json`, `results.md`, `report.html`,
 * `qrels.txt` and `runs/<technique>.run` to `--out` (default `bench-results/<timestamp>/`), then
 * prints the Markdown tables. Query file: `--queries`, else the dataset's (`queries` in its
 * dataset.json, or `queries.jsonl` next to its data); other data needs `--queries`. Progress goes to stderr.
 */
export async function runBench(args: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, benchFlags, true);
  if (positionals.length > 0)
    throw new UsageError(`bench takes no positional arguments, got "${positionals[0]}" (the questions come from --queries FILE)`);
  const fromFlags = configFromFlags(values);
  const { technique: _ignoredTechnique, k: configK, ...config } = fromFlags as RetrieverConfigInput & { technique?: unknown; k?: number };
  void _ignoredTechnique;
  const pipelines = resolvePipelineList(
    values.techniques,
    values.pipelines === undefined ? [] : readPipelinesFile(values.pipelines),
    "techniques",
  );
  const names = pipelines.map((pipeline) => pipeline.name);
  const baseline = values.baseline ?? (names.includes("naive") ? "naive" : names[0]!);
  if (!names.includes(baseline))
    throw new UsageError(
      `--baseline ${baseline} is not among the pipelines run (${names.join(", ")}); add it to --techniques or pick one of those`,
    );
  const permutations = values.permutations === undefined ? undefined : integerFlag("--permutations", values.permutations);
  const seed = values.seed === undefined ? undefined : integerFlag("--seed", values.seed);

  const dataset = await resolveDataset({
    ...(config.dataset === undefined ? {} : { dataset: config.dataset }),
    ...(config.data === undefined ? {} : { data: config.data }),
  });
  if ((values.topics === undefined) !== (values.qrels === undefined))
    throw new UsageError("--topics and --qrels go together: the TREC topics file and its judgments");
  if (values.topics !== undefined && values.queries !== undefined)
    throw new UsageError("give either --queries FILE (JSONL) or --topics FILE --qrels FILE (TREC), not both");
  const queryFile =
    values.topics === undefined
      ? resolveQueryFile(values.queries, dataset)
      : `${resolve(values.topics)} + ${resolve(values.qrels as string)}`;
  const queries =
    values.topics === undefined
      ? await readQueryFile(queryFile)
      : await readTrecQueries(resolve(values.topics), resolve(values.qrels as string));
  const outFolder = resolve(values.out ?? defaultBenchmarkOutputFolder());
  if (existsSync(outFolder) && !statSync(outFolder).isDirectory()) {
    throw new RetrieverError({
      code: ErrorCodes.WRITE_FAILED,
      message: `--out ${outFolder} is a file, not a folder; pass a folder for the reports (it is created when missing)`,
    });
  }

  const progress = createProgressReporter(process.stderr);
  let results: BenchmarkResults;
  try {
    results = await runBenchmark({
      queries,
      queryFile,
      config,
      dependencies: { dataset },
      pipelines,
      // The embeddings cache of the user cache folder (--cache-dir, RETRIEVERS_CACHE_DIR, XDG), like the other commands.
      embeddingsCacheDirectory: resolveCacheFolders(values["cache-dir"]).embeddings,
      ...(configK === undefined ? {} : { k: configK }),
      baseline,
      ...(permutations === undefined ? {} : { permutations }),
      ...(seed === undefined ? {} : { seed }),
      // --peers: LangChain.js's own retrievers on the same documents and embeddings (loaded only then).
      ...(values.peers === true
        ? { extraRetrievers: async (context) => (await import("../../evaluation/langchain-peers.js")).createLangChainPeers(context) }
        : {}),
      warmUp: values["no-warm-up"] !== true,
      cacheQueryEmbeddings: values["cache-query-embeddings"] === true,
      onProgress: progress.onProgress,
    });
  } finally {
    progress.finish();
  }
  const files = await writeBenchmarkReport(results, outFolder);

  const lines: string[] = [];
  for (const group of results.groups)
    lines.push(
      `${group === "all" ? "All queries" : group} (${group === "all" ? results.settings.queryCount : results.settings.kinds[group]})`,
      "",
      markdownGroupTable(results, group),
      "",
    );
  lines.push(`nDCG@${results.settings.k} by query kind`, "", markdownKindMatrix(results), "");
  for (const warning of results.warnings) lines.push(`warning: ${warning}`);
  lines.push(
    `Wrote ${files.json}, ${files.markdown}, ${files.html}, ${files.qrels} and ${Object.keys(files.runs).length} run files in ${join(outFolder, "runs")}.`,
  );
  process.stdout.write(`${sanitizeTerminalText(lines.join("\n"))}\n`);

  const failed = results.techniques.find((result) => result.status === "failed");
  if (failed !== undefined) {
    throw new RetrieverError({
      code: (failed.errorCode as RetrieverError["code"] | undefined) ?? ErrorCodes.SERVICE_ERROR,
      message: `technique ${failed.technique} failed (the other results were written): ${(failed.error ?? "unknown error").replace(/^advanced-retrievers: /, "")}`,
    });
  }
}

/** `--queries`, else the dataset's labeled queries, else `queries.jsonl` next to its data, else a usage error asking for `--queries`. */
export function resolveQueryFile(explicit: string | undefined, dataset: Dataset): string {
  if (explicit !== undefined) return resolve(explicit);
  if (dataset.queryFile !== undefined && existsSync(dataset.queryFile)) return dataset.queryFile;
  const folder = isFolder(dataset.location) ? dataset.location : dirname(dataset.location);
  const candidate = join(folder, QUERY_FILE_NAME);
  if (existsSync(candidate)) return candidate;
  throw new UsageError(
    `dataset ${dataset.id} has no labeled queries (no "queries" in its dataset.json, no ${QUERY_FILE_NAME} in ${folder}); pass them with --queries FILE`,
  );
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function integerFlag(flag: string, text: string): number {
  const value = Number(text);
  if (!/^-?\d+$/.test(text) || !Number.isInteger(value)) throw new UsageError(`${flag} expects a whole number, got "${text}"`);
  return value;
}
