import { DEFAULT_COMMAND_TECHNIQUE } from "../../config/built-in-pipelines.js";
import type { BuiltRetriever } from "../../config/build-retriever.js";
import { describeFilter } from "../../core/filter/combine-filters.js";
import type { SearchResult } from "../../core/search-retriever.js";
import { describeConstructedQuery } from "../../self-query/describe.js";
import { SelfQueryRetriever } from "../../self-query/self-query-retriever.js";
import { validateQuery } from "../../core/validate-query.js";
import { escapeTerminalJson, sanitizeTerminalText } from "../../core/io/terminal-text.js";
import { UsageError } from "../cli-error.js";
import { resultsToJson, resultsToTable, type JsonResult } from "../format-results.js";
import type { CommandHelp } from "../help.js";
import { buildFromFlags, outputFlags, showProgress, parseCommandArgs, requestedTechnique, retrieverFlags } from "./shared-options.js";

const queryFlags = {
  ...retrieverFlags,
  ...outputFlags,
  explain: {
    type: "boolean",
    description: "Also print what the question became (self-query: semantic query, filter, k) or the effective filter",
  },
} as const;

export const queryHelp: CommandHelp = {
  name: "query",
  summary: "Searches the documents with one technique and prints a ranked table (or JSON with --json).",
  arguments: '"question"',
  flags: queryFlags,
  notes: [
    '--json prints {"results": [{id, score, stage, metadata, pageContent, details?}], "explain"?: {...}}.',
    'Example: retrievers query --technique hybrid --k 5 "Which reviews praise the fight choreography?"',
  ],
};

/** `retrievers query [flags] "question"`: a ranked table, or JSON with --json. */
export async function runQuery(args: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, queryFlags, true);
  if (positionals.length !== 1) throw new UsageError(`query takes exactly one question in quotes, got ${positionals.length} arguments`);
  const question = validateQuery(positionals[0]);
  const buildStarted = performance.now();
  // Without --technique (or a technique in --config), the recommended pipeline (see README "Default technique").
  const built = await buildFromFlags(values, { progress: showProgress(values), defaults: { technique: DEFAULT_COMMAND_TECHNIQUE } });
  const buildMs = performance.now() - buildStarted;
  try {
    const started = performance.now();
    const { results, explanation } = values.explain
      ? await searchExplained(built, question)
      : { results: await built.retriever.search(question), explanation: undefined };
    const elapsed = performance.now() - started;
    if (values.json) {
      const report: QueryJson = { results: resultsToJson(results), ...(explanation === undefined ? {} : { explain: explanation.json }) };
      process.stdout.write(`${escapeTerminalJson(JSON.stringify(report, null, 2))}\n`);
      return;
    }
    process.stdout.write(
      `${requestedTechnique(values)} · ${sanitizeTerminalText(built.dataset.id)} data (${built.documents.length} documents) · ${describeBuild(built, buildMs)} · search ${elapsed.toFixed(1)} ms\n\n`,
    );
    if (explanation !== undefined) process.stdout.write(`${sanitizeTerminalText(explanation.text)}\n\n`);
    process.stdout.write(`${resultsToTable(results, built.dataset.displayColumns)}\n`);
  } finally {
    await built.close();
  }
}

/** The JSON object of `retrievers query --json`: always an object, `explain` with `--explain`. */
export interface QueryJson {
  results: JsonResult[];
  /** What the question became (self-query) or the effective filter. */
  explain?: Record<string, unknown>;
}

/** `index loaded in 0.2 s` / `index built in 31.8 s`: the build time, apart from the search's. */
function describeBuild(built: BuiltRetriever, milliseconds: number): string {
  const loaded = Object.entries(built.stats).find(([name]) => /loaded/i.test(name))?.[1];
  const verb = loaded === true ? "loaded" : loaded === false ? "built" : "ready";
  return `index ${verb} in ${milliseconds >= 1000 ? `${(milliseconds / 1000).toFixed(1)} s` : `${milliseconds.toFixed(0)} ms`}`;
}

/**
 * `--explain`: for self-query, what the question became (semantic query, filter with the base filter,
 * limit, warnings), the k used and how many documents the filter matches, from the same constructor
 * call as the search; for other techniques, the effective filter.
 */
async function searchExplained(
  built: BuiltRetriever,
  question: string,
): Promise<{ results: SearchResult[]; explanation: { text: string; json: Record<string, unknown> } }> {
  const { retriever } = built;
  // A composition over self-query (e.g. recommended): its self-query stage explains the question; the results are the whole pipeline's.
  if (!(retriever instanceof SelfQueryRetriever) && built.config.technique === "rerank" && built.config.rerank.base === "self-query") {
    const stage = (await built.buildTechnique("self-query")).retriever as SelfQueryRetriever;
    const constructedQuery = await stage.explain(question);
    const results = await retriever.search(question);
    const filter = constructedQuery.filter;
    const matching = (await (stage.store ?? built.store).listDocuments(filter === null ? {} : { filter })).length;
    const text = [
      describeConstructedQuery(constructedQuery, { attributes: stage.attributes }),
      `documents matching the filter: ${matching}`,
    ].join("\n");
    return { results, explanation: { text, json: { ...constructedQuery, matchingDocuments: matching } } };
  }
  if (!(retriever instanceof SelfQueryRetriever)) {
    const results = await retriever.search(question);
    const filter = built.config.filter;
    return { results, explanation: { text: `filter: ${filter === null ? "none" : describeFilter(filter)}`, json: { filter } } };
  }
  const { constructedQuery, filter, k, results } = await retriever.searchExplained(question);
  const lister = retriever.store ?? built.store;
  const matching = (await lister.listDocuments(filter === null ? {} : { filter })).length;
  const outside = results.filter((result) => (result.details as { outsideFilter?: unknown } | undefined)?.outsideFilter === true).length;
  const text = [
    describeConstructedQuery(constructedQuery, { attributes: retriever.attributes }),
    `k: ${k}`,
    `documents matching the filter: ${matching}`,
    // filterMode "backfill": the results after the matching ones do not match the filter.
    ...(outside > 0 ? [`outside the filter (backfill): the last ${outside} results`] : []),
  ].join("\n");
  return { results, explanation: { text, json: { ...constructedQuery, k, matchingDocuments: matching, outsideFilter: outside } } };
}
