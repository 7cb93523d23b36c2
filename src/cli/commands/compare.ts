import { buildRetriever } from "../../config/build-retriever.js";
import type { Pipeline } from "../../config/built-in-pipelines.js";
import { mergeConfigInputs } from "../../config/config-file.js";
import { readPipelinesFile, resolvePipelineList } from "../../config/pipelines.js";
import { TECHNIQUES, type Technique } from "../../config/retriever-config.js";
import { ERROR_MESSAGE_PREFIX, RetrieverError } from "../../core/errors/retriever-error.js";
import type { SearchResult } from "../../core/search-retriever.js";
import { validateQuery } from "../../core/validate-query.js";
import { escapeTerminalJson, sanitizeTerminalText } from "../../core/io/terminal-text.js";
import type { Dataset } from "../../datasets/dataset.js";
import { UsageError } from "../cli-error.js";
import { renderTable, resultsToJson, resultsToTable, type JsonResult } from "../format-results.js";
import type { CommandHelp } from "../help.js";
import { buildFromFlags, configFromFlags, outputFlags, showProgress, parseCommandArgs, retrieverFlags } from "./shared-options.js";

const compareFlags = {
  ...retrieverFlags,
  ...outputFlags,
  techniques: {
    type: "string",
    valueName: "a,b",
    description: `Techniques or pipelines to compare, comma-separated: ${TECHNIQUES.join(", ")}, self-query-hybrid, rerank-self-query-hybrid, recommended, or names from --pipelines`,
    defaultText: "the five techniques",
  },
  pipelines: {
    type: "string",
    valueName: "FILE",
    description: "A pipelines file (JSON: [{name, config}]) whose names --techniques can use",
  },
} as const;

export const compareHelp: CommandHelp = {
  name: "compare",
  summary:
    "Runs every technique (or --techniques a,b) on the same question and documents; prints the top ids side by side and one table per technique.",
  arguments: '"question"',
  flags: compareFlags,
  notes: [
    '--json prints {"question", "data": {folder, source, dataset, documents}, "k", "techniques": [{technique, latencyMs, buildMs, results} | {technique, error: {code, message}}]}.',
  ],
};

/** Width of the text snippet in each technique's table. */
const COMPARE_SNIPPET_WIDTH = 60;

/** One technique's run in `compare --json`. */
export interface CompareEntry {
  /** The technique or pipeline name. */
  technique: string;
  /** Time of the search alone, in milliseconds (the question's embedding is computed once beforehand). */
  latencyMs?: number;
  /**
   * Time to build (or load) the technique's indexes, in milliseconds; shared indexes count once, for
   * the first technique that needs them. The first technique's also includes loading the data.
   */
  buildMs?: number;
  results?: JsonResult[];
  error?: { code: string; message: string };
}

/**
 * `retrievers compare [flags] [--techniques a,b] [--json] "question"`: every technique (or the chosen
 * ones) on the same documents and configuration; the top ids side by side, then per technique its
 * latency and a table (id, score, the dataset's display columns, snippet). A technique that fails is reported and the
 * others still run; the exit code is then 1.
 */
export async function runCompare(args: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, compareFlags, true);
  if (positionals.length !== 1) throw new UsageError(`compare takes exactly one question in quotes, got ${positionals.length} arguments`);
  if (values.technique !== undefined)
    throw new UsageError("compare runs several techniques: choose them with --techniques a,b (not --technique)");
  const question = validateQuery(positionals[0]);
  const pipelines = resolvePipelineList(values.techniques, values.pipelines === undefined ? [] : readPipelinesFile(values.pipelines));
  const shared = configFromFlags(values);
  const plainTechnique = (pipeline: Pipeline) =>
    Object.keys(pipeline.config).length === 1 && (TECHNIQUES as readonly string[]).includes(pipeline.config.technique as string)
      ? (pipeline.config.technique as Technique)
      : undefined;

  const setupStarted = performance.now();
  // The techniques alone share one build (indexes, sub-techniques); a composition gets its own on the same documents and embeddings.
  const built = await buildFromFlags(values, {
    overrides: { technique: plainTechnique(pipelines[0]!) ?? "naive" },
    progress: showProgress(values),
  });
  // The first technique is built with the data and embeddings; its build time includes that setup.
  let setupMs = performance.now() - setupStarted;
  const entries: CompareEntry[] = [];
  const resultsByTechnique = new Map<string, SearchResult[]>();
  try {
    // Embed the question once, so that no technique pays for it (the embeddings cache keeps it).
    await built.embeddings.embedQuery(question);
    for (const pipeline of pipelines) {
      const technique = pipeline.name;
      try {
        const buildStarted = performance.now();
        const plain = plainTechnique(pipeline);
        const build =
          plain !== undefined
            ? await built.buildTechnique(plain)
            : await buildRetriever(mergeConfigInputs(shared, pipeline.config), {
                dataset: built.dataset,
                documents: built.documents,
                embeddings: built.embeddings,
              });
        const buildMs = performance.now() - buildStarted + setupMs;
        setupMs = 0;
        const started = performance.now();
        const results = await build.retriever.search(question);
        const latencyMs = performance.now() - started;
        resultsByTechnique.set(technique, results);
        entries.push({ technique, latencyMs, buildMs, results: resultsToJson(results) });
      } catch (error) {
        if (!RetrieverError.isInstance(error)) throw error;
        entries.push({ technique, error: { code: error.code, message: error.message.replace(ERROR_MESSAGE_PREFIX, "") } });
      }
    }
  } finally {
    await built.close();
  }

  if (values.json) {
    const report = {
      question,
      data: { folder: built.data.folder, source: built.data.source, dataset: built.dataset.id, documents: built.documents.length },
      k: built.config.k,
      techniques: entries,
    };
    process.stdout.write(`${escapeTerminalJson(JSON.stringify(report, null, 2))}\n`);
  } else {
    process.stdout.write(
      `${sanitizeTerminalText(renderReport(question, built.dataset, built.documents.length, built.config.k, entries, resultsByTechnique))}\n`,
    );
  }
  const failed = entries.find((entry) => entry.error !== undefined);
  if (failed !== undefined) {
    throw new RetrieverError({
      code: failed.error!.code as RetrieverError["code"],
      message: `compare: ${failed.technique} failed: ${failed.error!.message}`,
    });
  }
}

function renderReport(
  question: string,
  dataset: Dataset,
  documentCount: number,
  k: number,
  entries: CompareEntry[],
  resultsByTechnique: Map<string, SearchResult[]>,
): string {
  const sections: string[] = [
    `Question: ${question}`,
    `${entries.length} techniques · ${dataset.id} data (${documentCount} documents) · top ${k}`,
    "",
  ];

  const ranked = entries.filter((entry) => entry.results !== undefined);
  const depth = Math.max(0, ...ranked.map((entry) => entry.results!.length));
  if (ranked.length > 1 && depth > 0) {
    sections.push("Top ids side by side:");
    const rows = Array.from({ length: depth }, (_, index) => index);
    sections.push(
      renderTable(rows, [
        { header: "#", width: 3, align: "right", value: (row) => String(row + 1) },
        ...ranked.map((entry) => ({
          header: entry.technique,
          width: Math.max(entry.technique.length, 8),
          value: (row: number) => entry.results![row]?.id ?? "",
        })),
      ]),
      "",
    );
  }

  for (const entry of entries) {
    if (entry.error !== undefined) {
      sections.push(`== ${entry.technique} · failed ==`, entry.error.message, "");
      continue;
    }
    const results = resultsByTechnique.get(entry.technique) ?? [];
    const stage = results[0]?.stage;
    const timing = `${entry.latencyMs!.toFixed(1)} ms (build ${formatDuration(entry.buildMs!)})`;
    sections.push(
      `== ${entry.technique} · ${timing}${stage === undefined ? "" : ` · scores: ${stage}`} ==`,
      resultsToTable(results, dataset.displayColumns, COMPARE_SNIPPET_WIDTH),
      "",
    );
  }
  return sections.join("\n").trimEnd();
}

function formatDuration(milliseconds: number): string {
  return milliseconds >= 1000 ? `${(milliseconds / 1000).toFixed(1)} s` : `${milliseconds.toFixed(0)} ms`;
}
