import { DEFAULT_COMMAND_TECHNIQUE } from "../../config/built-in-pipelines.js";
import { buildRetriever, type BuiltRetriever } from "../../config/build-retriever.js";
import { describeFilter } from "../../core/filter/combine-filters.js";
import type { SearchResult } from "../../core/search-retriever.js";
import { describeConstructedQuery } from "../../self-query/describe.js";
import { SelfQueryRetriever } from "../../self-query/self-query-retriever.js";
import { validateQuery } from "../../core/validate-query.js";
import { escapeTerminalJson, sanitizeTerminalText } from "../../core/io/terminal-text.js";
import { UsageError } from "../cli-error.js";
import { resultsToJson, resultsToTable } from "../format-results.js";
import { configFromFlags, parseCommandArgs, retrieverFlags } from "./shared-options.js";

/** `retrievers query [flags] "question"`: a ranked table, or JSON with --json. */
export async function runQuery(args: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { ...retrieverFlags, json: { type: "boolean" }, explain: { type: "boolean" } }, true);
  if (positionals.length !== 1) throw new UsageError(`query takes exactly one question in quotes, got ${positionals.length} arguments`);
  const question = validateQuery(positionals[0]);
  // Without --technique (or a technique in --config), the recommended pipeline (see README "Default technique").
  const requested = { technique: DEFAULT_COMMAND_TECHNIQUE, ...configFromFlags(values) };
  const built = await buildRetriever(requested);
  try {
    const started = performance.now();
    const { results, explanation } = values.explain ? await searchExplained(built, question) : { results: await built.retriever.search(question), explanation: undefined };
    const elapsed = performance.now() - started;
    if (values.json) {
      const json = resultsToJson(results);
      process.stdout.write(`${escapeTerminalJson(JSON.stringify(explanation === undefined ? json : { explain: explanation.json, results: json }, null, 2))}\n`);
      return;
    }
    process.stdout.write(`${String(requested.technique)} · ${sanitizeTerminalText(built.dataset.id)} data (${built.documents.length} documents) · ${elapsed.toFixed(1)} ms\n\n`);
    if (explanation !== undefined) process.stdout.write(`${sanitizeTerminalText(explanation.text)}\n\n`);
    process.stdout.write(`${resultsToTable(results, built.dataset.displayColumns)}\n`);
  } finally {
    await built.close();
  }
}

/**
 * `--explain`: for self-query, what the question became (semantic query, filter with the base filter,
 * limit, warnings), the k used and how many documents the filter matches, from the same constructor
 * call as the search; for other techniques, the effective filter.
 */
async function searchExplained(built: BuiltRetriever, question: string): Promise<{ results: SearchResult[]; explanation: { text: string; json: Record<string, unknown> } }> {
  const { retriever } = built;
  // A composition over self-query (e.g. recommended): its self-query stage explains the question; the results are the whole pipeline's.
  if (!(retriever instanceof SelfQueryRetriever) && built.config.technique === "rerank" && built.config.rerank.base === "self-query") {
    const stage = (await built.buildTechnique("self-query")).retriever as SelfQueryRetriever;
    const constructedQuery = await stage.explain(question);
    const results = await retriever.search(question);
    const filter = constructedQuery.filter;
    const matching = (await (stage.store ?? built.store).listDocuments(filter === null ? {} : { filter })).length;
    const text = [describeConstructedQuery(constructedQuery, { attributes: stage.attributes }), `documents matching the filter: ${matching}`].join("\n");
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
  const text = [describeConstructedQuery(constructedQuery, { attributes: retriever.attributes }), `k: ${k}`, `documents matching the filter: ${matching}`].join("\n");
  return { results, explanation: { text, json: { ...constructedQuery, k, matchingDocuments: matching } } };
}
