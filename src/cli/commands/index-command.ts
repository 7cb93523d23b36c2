import { buildRetriever } from "../../config/build-retriever.js";
import { configFromFlags, parseCommandArgs, retrieverFlags } from "./shared-options.js";

/** `retrievers index [flags]`: builds (or reloads) the technique's index and reports its counts. */
export async function runIndex(args: string[]): Promise<void> {
  const { values } = parseCommandArgs(args, retrieverFlags, false);
  const started = performance.now();
  const built = await buildRetriever(configFromFlags(values));
  try {
    const elapsed = performance.now() - started;
    process.stdout.write(`technique: ${built.config.technique}\ndataset: ${built.dataset.id} (${built.dataset.origin})\ndata: ${built.data.folder}\n`);
    for (const [name, value] of Object.entries(built.stats)) process.stdout.write(`${name}: ${String(value)}\n`);
    process.stdout.write(`built in ${(elapsed / 1000).toFixed(1)} s\n`);
  } finally {
    await built.close();
  }
}
