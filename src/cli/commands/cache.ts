import { readdir, rm, rmdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { sanitizeTerminalText } from "../../core/io/terminal-text.js";
import { resolveCacheFolders, type CacheFolders } from "../cache-folder.js";
import { UsageError } from "../cli-error.js";
import type { CommandHelp, FlagTable } from "../help.js";
import { parseCommandArgs } from "./shared-options.js";

/** Most entries visited when sizing the cache folder (a bound on the walk, not a real limit). */
const MAX_ENTRIES = 200_000;
/** Deepest folder level visited when sizing the cache folder. */
const MAX_DEPTH = 16;

const cacheFlags = {
  "cache-dir": {
    type: "string",
    valueName: "DIR",
    description: "The cache folder (also RETRIEVERS_CACHE_DIR)",
    defaultText: "$XDG_CACHE_HOME/advanced-retrievers, else ~/.cache/advanced-retrievers",
  },
  json: { type: "boolean", description: 'info: print {"root", "parts": [{name, path, files, bytes}], "files", "bytes"}' },
} as const satisfies FlagTable;

export const cacheHelp: CommandHelp = {
  name: "cache info|clear",
  summary:
    "info: where the cache folder is and what it holds (saved indexes, embeddings, Chroma data). clear: deletes those (the next run embeds again).",
  arguments: "",
  flags: cacheFlags,
};

/** The parts of the cache folder, by the name `cache info` prints. */
function parts(folders: CacheFolders): Array<{ name: string; path: string }> {
  return [
    { name: "index", path: folders.index },
    { name: "embeddings", path: folders.embeddings },
    { name: "chroma", path: folders.chroma },
  ];
}

/** `retrievers cache info|clear [--cache-dir DIR] [--json]`. */
export async function runCache(args: string[]): Promise<void> {
  const [subcommand, ...rest] = args;
  if (subcommand !== "info" && subcommand !== "clear")
    throw new UsageError(`unknown cache subcommand ${JSON.stringify(subcommand ?? "")} (expected: info or clear)`);
  const { values } = parseCommandArgs(rest, cacheFlags, false);
  const folders = resolveCacheFolders(values["cache-dir"]);
  if (subcommand === "clear") {
    const removed: string[] = [];
    for (const part of parts(folders)) {
      if ((await measure(part.path)).exists) removed.push(part.name);
      await rm(part.path, { recursive: true, force: true });
    }
    // The folder itself only when nothing else is in it (--cache-dir may name a folder holding other things).
    await rmdir(folders.root).catch(() => undefined);
    if (values.json) process.stdout.write(`${JSON.stringify({ root: folders.root, removed })}\n`);
    else
      process.stdout.write(
        `${removed.length === 0 ? "nothing to clear" : `removed ${removed.join(", ")}`} in ${sanitizeTerminalText(folders.root)}\n`,
      );
    return;
  }
  const measured = await Promise.all(parts(folders).map(async (part) => ({ ...part, ...(await measure(part.path)) })));
  const files = measured.reduce((sum, part) => sum + part.files, 0);
  const bytes = measured.reduce((sum, part) => sum + part.bytes, 0);
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ root: folders.root, parts: measured.map(({ name, path, files: count, bytes: size }) => ({ name, path, files: count, bytes: size })), files, bytes }, null, 2)}\n`,
    );
    return;
  }
  const lines = [`cache folder: ${folders.root}`];
  for (const part of measured)
    lines.push(
      `  ${part.name.padEnd(10)} ${part.exists ? `${String(part.files).padStart(6)} files  ${formatBytes(part.bytes).padStart(9)}` : "(empty)"}  ${part.path}`,
    );
  lines.push(`total: ${files} files, ${formatBytes(bytes)}`);
  process.stdout.write(`${sanitizeTerminalText(lines.join("\n"))}\n`);
}

/** Files and bytes under `path` (bounded walk; symbolic links are not followed). */
async function measure(path: string): Promise<{ exists: boolean; files: number; bytes: number }> {
  const total = { exists: false, files: 0, bytes: 0 };
  let visited = 0;
  const walk = async (folder: string, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH || visited > MAX_ENTRIES) return;
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch {
      return;
    }
    if (depth === 0) total.exists = true;
    for (const entry of entries) {
      visited += 1;
      if (visited > MAX_ENTRIES) return;
      const child = join(folder, entry.name);
      if (entry.isDirectory()) await walk(child, depth + 1);
      else if (entry.isFile()) {
        total.files += 1;
        total.bytes += (await stat(child).catch(() => ({ size: 0 }))).size;
      }
    }
  };
  await walk(path, 0);
  return total;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}
