import { join } from "node:path";
import { writeFileAtomic } from "../core/io/write-file-atomic.js";
import { renderHtmlReport } from "./report-html.js";
import { renderMarkdownReport } from "./report-markdown.js";
import type { BenchmarkResults } from "./run-benchmark.js";
import { formatTrecRun } from "./run-file.js";

/** Folder of the reports when none is given: `bench-results/<timestamp>/` (gitignored). */
export const DEFAULT_BENCHMARK_OUTPUT_ROOT = "bench-results";

/** `bench-results/2025-01-31T12-00-00Z`-style folder name for a run started at `date`. */
export function defaultBenchmarkOutputFolder(date: Date = new Date()): string {
  return join(
    DEFAULT_BENCHMARK_OUTPUT_ROOT,
    date
      .toISOString()
      .replace(/\.\d+Z$/, "Z")
      .replace(/:/g, "-"),
  );
}

/** Paths of the files `writeBenchmarkReport` wrote. */
export interface BenchmarkReportFiles {
  json: string;
  markdown: string;
  html: string;
  qrels: string;
  /** technique -> run file. */
  runs: Record<string, string>;
}

/** The judgments as a TREC qrels file (`qid 0 docid grade`), for trec_eval and ranx next to the run files. */
export function formatQrels(results: BenchmarkResults): string {
  const lines: string[] = [];
  for (const [queryId, judgments] of Object.entries(results.judgments)) {
    for (const [documentId, grade] of Object.entries(judgments)) lines.push(`${queryId} 0 ${documentId} ${grade}`);
  }
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

/** The TREC run of one technique: its ranking of every query, with the scores that were evaluated. */
export function formatTechniqueRun(results: BenchmarkResults, technique: string): string {
  const result = results.techniques.find((candidate) => candidate.technique === technique);
  if (result === undefined) return "";
  return formatTrecRun(
    result.queries.map((outcome) => ({
      queryId: outcome.queryId,
      documents: outcome.results.map((document) => ({ id: document.id, score: document.runScore })),
    })),
    technique,
  );
}

/**
 * Writes the benchmark's outputs into `folder` (created when missing), each file atomically:
 * `results.json`, `results.md`, `report.html`, `qrels.txt` and `runs/<technique>.run` for every
 * technique that ran. Evaluate a run with `trec_eval -c -m ndcg_cut.10 qrels.txt runs/naive.run`
 * (`-c` averages over every query, as the report does, including queries a technique returned nothing for).
 */
export async function writeBenchmarkReport(results: BenchmarkResults, folder: string): Promise<BenchmarkReportFiles> {
  const files: BenchmarkReportFiles = {
    json: join(folder, "results.json"),
    markdown: join(folder, "results.md"),
    html: join(folder, "report.html"),
    qrels: join(folder, "qrels.txt"),
    runs: {},
  };
  await writeFileAtomic(files.json, `${JSON.stringify(results, null, 2)}\n`);
  await writeFileAtomic(files.markdown, renderMarkdownReport(results));
  await writeFileAtomic(files.html, renderHtmlReport(results));
  await writeFileAtomic(files.qrels, formatQrels(results));
  for (const result of results.techniques) {
    if (result.status !== "ok") continue;
    const path = join(folder, "runs", `${result.technique}.run`);
    await writeFileAtomic(path, formatTechniqueRun(results, result.technique));
    files.runs[result.technique] = path;
  }
  return files;
}
