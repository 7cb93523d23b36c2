import { existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { ErrorCodes } from "../../core/errors/error-codes.js";
import { RetrieverError } from "../../core/errors/retriever-error.js";
import { writeFileAtomic } from "../../core/io/write-file-atomic.js";
import { DATASET_FILE_NAME } from "../../datasets/registry.js";
import { inferDataset } from "../../datasets/infer/infer-dataset.js";
import { UsageError } from "../cli-error.js";
import type { CommandHelp, FlagTable } from "../help.js";
import { parseCommandArgs } from "./shared-options.js";

const initFlags = {
  data: { type: "string", valueName: "PATH", description: "The CSV or JSONL file (or folder of CSV / Markdown / text files) to describe" },
  out: {
    type: "string",
    short: "o",
    valueName: "FILE",
    description: "Where to write the definition",
    defaultText: "dataset.json next to the file, or inside the folder",
  },
  force: { type: "boolean", description: "Overwrite an existing file" },
} as const satisfies FlagTable;

export const initHelp: CommandHelp = {
  name: "init",
  summary:
    "Infers a dataset definition (columns, types, display columns) from your data, writes it as a dataset.json and prints what it decided, to check and edit.",
  arguments: "",
  flags: initFlags,
};

/**
 * `retrievers init --data PATH [--out dataset.json] [--force]`: infers a dataset definition from a CSV
 * or JSONL file (or a folder of CSV or Markdown/text files), writes it (next to the file, or inside the
 * folder, unless `--out` says otherwise; an existing file is kept
 * unless `--force`) and prints what it decided, for the user to check and edit.
 */
export async function runInit(args: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, initFlags, true);
  if (positionals.length > 0)
    throw new UsageError(`init takes no positional arguments, got "${positionals[0]}" (pass the file with --data FILE)`);
  if (values.data === undefined) throw new UsageError("init needs --data FILE: the CSV or JSONL file to describe");
  const data = resolve(values.data);
  // A folder's dataset.json goes inside it; a file's next to it.
  const out = resolve(values.out ?? join(isFolder(data) ? data : dirname(data), DATASET_FILE_NAME));
  if (existsSync(out) && values.force !== true) {
    throw new RetrieverError({
      code: ErrorCodes.WRITE_FAILED,
      message: `${out} already exists; edit it, pass --force to overwrite it, or choose another file with --out`,
    });
  }
  const inferred = await inferDataset(data, { outputFile: out });
  await writeFileAtomic(out, `${JSON.stringify(inferred.definition, null, 2)}\n`);
  // Column names and values come from the user's file: control characters are not sent to the terminal.
  // (The integrator may switch this to core/io's sanitizeTerminalText.)
  const printable = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, "?");
  process.stdout.write(
    `${inferred.decisions.map((decision) => `- ${printable(decision)}`).join("\n")}\n\nWrote ${printable(out)}. Check the types, add descriptions and aliases, then: retrievers query --dataset ${printable(out)} "your question"\n`,
  );
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
