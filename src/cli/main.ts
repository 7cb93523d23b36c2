#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { InvalidOptionError, describeValue } from "../core/errors/invalid-option-error.js";
import { ERROR_MESSAGE_PREFIX, RetrieverError } from "../core/errors/retriever-error.js";
import { sanitizeTerminalText } from "../core/io/terminal-text.js";
import { UNEXPECTED_ERROR_CODE, UsageError } from "./cli-error.js";
import { HELP_FLAGS, renderCommandHelp, type CommandHelp } from "./help.js";

const USAGE = `retrievers — advanced RAG retrievers over any dataset (offline by default)

Usage: retrievers COMMAND [options]

Commands:
  query "question"     Search the documents with one technique (a ranked table, or --json)
  ask "question"       Answer from the retrieved documents (an LLM with OPENAI_API_KEY, else offline extractive)
  compare "question"   Every technique (or --techniques a,b) on the same question, side by side
  index                Build (or reload) a technique's index and report its counts
  bench                Score techniques on labeled queries (nDCG, recall...) and write reports
  init --data FILE     Infer a dataset.json from a CSV/JSONL file or a folder, to check and edit
  data fetch           Download a dataset preset's public data (checksummed)
  chroma start         Run a local Chroma server for --store chroma
  cache info|clear     Show or delete the cache folder (saved indexes, embeddings)
  help [COMMAND]       This text, or a command's options (same as COMMAND --help)

Options of every command: -h, --help. retrievers --version prints the version.
Datasets: --dataset john-wick (default) | products | path/to/dataset.json; --data FILE.csv|FILE.jsonl|DIR infers one.
Environment: OPENAI_API_KEY / OPENAI_BASE_URL switch embeddings and LLM steps to OpenAI; COHERE_API_KEY enables Cohere rerank;
CHROMA_URL points --store chroma at a server; RETRIEVERS_CACHE_DIR moves the cache folder (default $XDG_CACHE_HOME/advanced-retrievers, else ~/.cache/advanced-retrievers).`;

/** Where a run writes: the process's streams by default, a recorder in tests. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

type Command = (args: string[]) => Promise<void>;

interface CommandModule {
  run: Command;
  /** The help of the command, or of each of its subcommands. */
  help: CommandHelp | Record<string, CommandHelp>;
}

const commands: Record<string, () => Promise<CommandModule>> = {
  query: async () => {
    const module = await import("./commands/query.js");
    return { run: module.runQuery, help: module.queryHelp };
  },
  index: async () => {
    const module = await import("./commands/index-command.js");
    return { run: module.runIndex, help: module.indexHelp };
  },
  data: async () => {
    const module = await import("./commands/data.js");
    return { run: module.runData, help: { fetch: module.dataFetchHelp } };
  },
  init: async () => {
    const module = await import("./commands/init.js");
    return { run: module.runInit, help: module.initHelp };
  },
  bench: async () => {
    const module = await import("./commands/bench.js");
    return { run: module.runBench, help: module.benchHelp };
  },
  ask: async () => {
    const module = await import("./commands/ask.js");
    return { run: module.runAsk, help: module.askHelp };
  },
  compare: async () => {
    const module = await import("./commands/compare.js");
    return { run: module.runCompare, help: module.compareHelp };
  },
  chroma: async () => {
    const module = await import("./commands/chroma.js");
    return { run: module.runChroma, help: { start: module.chromaStartHelp } };
  },
  cache: async () => {
    const module = await import("./commands/cache.js");
    return { run: module.runCache, help: module.cacheHelp };
  },
};

/** The package's version, from its package.json (two folders up from src/cli or dist/cli). */
export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: unknown };
  return String(manifest.version);
}

/** Arguments before a `--` terminator (after it, everything is positional). */
function flagsPart(args: string[]): string[] {
  const end = args.indexOf("--");
  return end === -1 ? args : args.slice(0, end);
}

/** The help of `name` (and its subcommand, for `data fetch`, `chroma start`). */
function selectHelp(help: CommandModule["help"], subcommand: string | undefined): CommandHelp[] {
  if ("flags" in help && "summary" in help) return [help as CommandHelp];
  const table = help as Record<string, CommandHelp>;
  const chosen = subcommand === undefined ? undefined : table[subcommand];
  return chosen === undefined ? Object.values(table) : [chosen];
}

/** The `Usage:` line of a command, for usage errors. */
function usageLine(help: CommandHelp): string {
  return `Usage: retrievers ${help.name}${Object.keys(help.flags).length > 0 ? " [options]" : ""}${help.arguments === "" ? "" : ` ${help.arguments}`}`;
}

/**
 * Runs `retrievers ...argv` and returns the exit code: 0 done, 1 runtime error (a library error, a
 * failed service), 2 usage error (unknown command or flag, bad flag value). With `--json`, errors are
 * one `{"error": {"code", "message"}}` object on stderr.
 */
export async function main(argv: string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (name === "--version" || name === "-V" || name === "version") {
    io.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  if (name === "help" || name === "--help" || name === "-h") {
    const [topic, subtopic] = rest;
    if (topic === undefined) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const load = commands[topic];
    if (load === undefined) {
      io.stderr.write(`retrievers: unknown command "${sanitizeTerminalText(topic)}" (commands: ${Object.keys(commands).join(", ")})\n`);
      return 2;
    }
    io.stdout.write(
      `${selectHelp((await load()).help, subtopic)
        .map(renderCommandHelp)
        .join("\n\n")}\n`,
    );
    return 0;
  }
  const json = flagsPart(rest).includes("--json");
  const load = commands[name];
  let module: CommandModule | undefined;
  try {
    if (load === undefined) throw new UsageError(`unknown command "${name}"; run retrievers help for the commands`);
    module = await load();
    if (flagsPart(rest).some((arg) => (HELP_FLAGS as readonly string[]).includes(arg))) {
      io.stdout.write(`${selectHelp(module.help, rest[0]).map(renderCommandHelp).join("\n\n")}\n`);
      return 0;
    }
    await module.run(rest);
    return 0;
  } catch (caught) {
    const error = asUsageError(caught, flagsPart(rest)) ?? caught;
    if (error instanceof UsageError) {
      const helps = module === undefined ? [] : selectHelp(module.help, rest[0]);
      const hint =
        helps.length === 0
          ? ""
          : `\n${helps.map(usageLine).join("\n")}\nRun retrievers ${helps.length === 1 ? helps[0]!.name : name} --help for the options.`;
      report(io, json, error.code, `retrievers: ${error.message}`, hint);
      return 2;
    }
    if (RetrieverError.isInstance(error)) {
      report(io, json, error.code, error.message, "");
      return 1;
    }
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    report(io, json, UNEXPECTED_ERROR_CODE, `retrievers: unexpected error: ${message}`, "");
    return 1;
  }
}

function report(io: CliIo, json: boolean, code: string, message: string, hint: string): void {
  if (json) io.stderr.write(`${JSON.stringify({ error: { code, message: sanitizeTerminalText(message) } })}\n`);
  else io.stderr.write(`${sanitizeTerminalText(message)}${hint}\n`);
}

/**
 * A configuration error about a value the user typed as a flag (`option "config.k" = 0: ...` for
 * `--k 0`) becomes a usage error naming the flag; values from `--config FILE` keep the file's error.
 */
function asUsageError(error: unknown, args: string[]): UsageError | undefined {
  if (!InvalidOptionError.isInstance(error)) return undefined;
  const match = /^config\.([A-Za-z]+)$/.exec(error.option);
  // `--techniques` / `techniques` (a command's own check), `config.k` (the configuration's): the flag the user typed.
  const flag = error.option.startsWith("--")
    ? error.option
    : /^[a-z][a-z-]*$/.test(error.option)
      ? `--${error.option}`
      : match === null
        ? undefined
        : CONFIG_FIELD_FLAGS[match[1]!];
  if (flag === undefined || !args.some((arg) => arg === flag || arg.startsWith(`${flag}=`) || (flag === "--technique" && arg === "-t")))
    return undefined;
  const head = `${ERROR_MESSAGE_PREFIX}option "${error.option}" = ${describeValue(error.value)}: `;
  const reason = error.message.startsWith(head) ? error.message.slice(head.length) : error.message.replace(ERROR_MESSAGE_PREFIX, "");
  return new UsageError(`${flag} ${describeValue(error.value)}: ${reason}`, error.code);
}

/** The configuration field each flag sets (kept here, not in the command modules, so `main` loads fast). */
const CONFIG_FIELD_FLAGS: Readonly<Record<string, string>> = {
  technique: "--technique",
  k: "--k",
  filter: "--filter",
  data: "--data",
  dataset: "--dataset",
  embeddings: "--embeddings",
  searchType: "--search-type",
  scoreThreshold: "--score-threshold",
  store: "--store",
  llm: "--llm",
};

/**
 * A closed stdout (`retrievers query ... | head -1`) ends the run quietly with status 0; a closed
 * stderr is ignored. Other stream errors are reported as usual.
 */
export function exitQuietlyOnClosedPipe(): void {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  process.stderr.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });
}

const isEntryPoint = (() => {
  const entry = process.argv[1] ?? "";
  return /(?:^|[\\/])(?:main\.(?:ts|js|cjs|mjs)|retrievers)$/.test(entry);
})();

if (isEntryPoint) {
  exitQuietlyOnClosedPipe();
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`retrievers: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
