import type { CommandHelp } from "../help.js";
import { buildFromFlags, outputFlags, parseCommandArgs, retrieverFlags, showProgress } from "./shared-options.js";

const indexFlags = { ...retrieverFlags, quiet: outputFlags.quiet } as const;

export const indexHelp: CommandHelp = {
  name: "index",
  summary: "Builds (or reloads from the cache folder) the technique's index and reports its counts.",
  arguments: "",
  flags: indexFlags,
};

/** `retrievers index [flags]`: builds (or reloads) the technique's index and reports its counts. */
export async function runIndex(args: string[]): Promise<void> {
  const { values } = parseCommandArgs(args, indexFlags, false);
  const started = performance.now();
  const built = await buildFromFlags(values, { progress: showProgress(values) });
  try {
    const elapsed = performance.now() - started;
    process.stdout.write(
      `technique: ${built.config.technique}\ndataset: ${built.dataset.id} (${built.dataset.origin})\ndata: ${built.data.folder}\n`,
    );
    for (const [name, value] of Object.entries(built.stats)) process.stdout.write(`${name}: ${String(value)}\n`);
    process.stdout.write(`built in ${(elapsed / 1000).toFixed(1)} s\n`);
  } finally {
    await built.close();
  }
}
