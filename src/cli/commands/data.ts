import { resolve } from "node:path";
import { InvalidOptionError } from "../../core/errors/invalid-option-error.js";
import { DEFAULT_DATASET, datasetPresetNames, findDatasetPreset } from "../../datasets/registry.js";
import { UsageError } from "../cli-error.js";
import type { CommandHelp, FlagTable } from "../help.js";
import { parseCommandArgs } from "./shared-options.js";

/** `retrievers data fetch [--dataset NAME] [--data DIR] [--base-url URL] [--no-verify]`: download a preset's public data (checksummed). */
export async function runData(args: string[]): Promise<void> {
  const [subcommand, ...rest] = args;
  if (subcommand !== "fetch") throw new UsageError(`unknown data subcommand ${JSON.stringify(subcommand ?? "")} (expected: fetch)`);
  const { values } = parseCommandArgs(rest, dataFetchFlags, false);
  const name = values.dataset ?? DEFAULT_DATASET;
  const preset = findDatasetPreset(name);
  const downloadable = datasetPresetNames().filter((candidate) => findDatasetPreset(candidate)?.fetch !== undefined);
  if (preset?.fetch === undefined) {
    throw new InvalidOptionError({
      option: "--dataset",
      value: name,
      message: `${preset === undefined ? "is not a dataset preset" : "has nothing to download (its data is bundled)"}; datasets that can be fetched: ${downloadable.join(", ")}`,
    });
  }
  const baseUrl = values["base-url"] ?? process.env.RETRIEVERS_DATASET_URL;
  const result = await preset.fetch({
    ...(values.data === undefined ? {} : { targetFolder: resolve(values.data) }),
    ...(baseUrl === undefined ? {} : { baseUrl }),
    verifyChecksums: !values["no-verify"],
    onProgress: (progress) => {
      if (progress.status === "retrying") {
        process.stderr.write(
          `  ${progress.url}: attempt ${progress.attempt ?? "?"} failed (${progress.reason ?? "error"}), retrying in ${progress.delayMs ?? 0} ms\n`,
        );
      } else if (progress.status === "downloading") {
        process.stderr.write(`  downloading ${progress.url}\n`);
      }
    },
  });
  for (const file of result.files) {
    process.stdout.write(
      `${file.status === "downloaded" ? "saved  " : "present"}  ${file.path}  ${file.bytes} bytes  sha256 ${file.sha256.slice(0, 12)}…\n`,
    );
  }
  process.stdout.write(`${preset.name} dataset ready in ${result.folder}\n`);
}

const dataFetchFlags = {
  dataset: { type: "string", valueName: "NAME", description: "The preset to download", defaultText: DEFAULT_DATASET },
  data: { type: "string", valueName: "DIR", description: "Target folder", defaultText: "the preset's data folder (data/john-wick/)" },
  "base-url": { type: "string", valueName: "URL", description: "Download from this mirror (also RETRIEVERS_DATASET_URL)" },
  "no-verify": { type: "boolean", description: "Skip the SHA-256 checks" },
} as const satisfies FlagTable;

export const dataFetchHelp: CommandHelp = {
  name: "data fetch",
  summary: "Downloads a dataset preset's public data (checksummed); a failed download leaves nothing behind.",
  arguments: "",
  flags: dataFetchFlags,
};
