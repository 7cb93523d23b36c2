import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { fetchJohnWickDataset, DEFAULT_DATASET_BASE_URL } from "../../loaders/fetch-dataset.js";
import { DOWNLOADED_DATA_FOLDER } from "../../loaders/resolve-data-folder.js";
import { UsageError } from "../cli-error.js";

/** `retrievers data fetch [--data DIR] [--base-url URL] [--no-verify]`: download the public John Wick dataset. */
export async function runData(args: string[]): Promise<void> {
  const [subcommand, ...rest] = args;
  if (subcommand !== "fetch") throw new UsageError(`unknown data subcommand ${JSON.stringify(subcommand ?? "")} (expected: fetch)`);
  const { values } = parseCommandArgs(rest);
  const targetFolder = resolve(values.data ?? DOWNLOADED_DATA_FOLDER);
  const result = await fetchJohnWickDataset({
    targetFolder,
    baseUrl: values["base-url"] ?? process.env.RETRIEVERS_DATASET_URL ?? DEFAULT_DATASET_BASE_URL,
    verifyChecksums: !values["no-verify"],
    onProgress: (progress) => {
      if (progress.status === "retrying") {
        process.stderr.write(`  ${progress.url}: attempt ${progress.attempt ?? "?"} failed (${progress.reason ?? "error"}), retrying in ${progress.delayMs ?? 0} ms\n`);
      } else if (progress.status === "downloading") {
        process.stderr.write(`  downloading ${progress.url}\n`);
      }
    },
  });
  for (const file of result.files) {
    process.stdout.write(`${file.status === "downloaded" ? "saved  " : "present"}  ${file.path}  ${file.bytes} bytes  sha256 ${file.sha256.slice(0, 12)}…\n`);
  }
  process.stdout.write(`John Wick dataset ready in ${result.folder}\n`);
}

function parseCommandArgs(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        data: { type: "string" },
        "base-url": { type: "string" },
        "no-verify": { type: "boolean", default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
