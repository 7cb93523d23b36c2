import { buildRetriever } from "../../config/build-retriever.js";
import { validateQuery } from "../../core/validate-query.js";
import { UsageError } from "../cli-error.js";
import { resultsToJson, resultsToTable } from "../format-results.js";
import { configFromFlags, parseCommandArgs, retrieverFlags } from "./shared-options.js";

/** `retrievers query [flags] "question"`: a ranked table, or JSON with --json. */
export async function runQuery(args: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { ...retrieverFlags, json: { type: "boolean" } }, true);
  if (positionals.length !== 1) throw new UsageError(`query takes exactly one question in quotes, got ${positionals.length} arguments`);
  const question = validateQuery(positionals[0]);
  const built = await buildRetriever(configFromFlags(values));
  try {
    const started = performance.now();
    const results = await built.retriever.search(question);
    const elapsed = performance.now() - started;
    if (values.json) {
      process.stdout.write(`${JSON.stringify(resultsToJson(results), null, 2)}\n`);
      return;
    }
    process.stdout.write(`${built.config.technique} · ${built.data.source} data (${built.documents.length} reviews) · ${elapsed.toFixed(1)} ms\n\n`);
    process.stdout.write(`${resultsToTable(results)}\n`);
  } finally {
    await built.close();
  }
}
