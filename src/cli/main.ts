#!/usr/bin/env node
import { RetrieverError } from "../core/errors/retriever-error.js";
import { sanitizeTerminalText } from "../core/io/terminal-text.js";
import { UsageError } from "./cli-error.js";

const USAGE = `retrievers — advanced RAG retrievers over any dataset (offline by default)

Usage:
  retrievers query [--technique T] [--k N] [--json] [--filter JSON] [--dataset NAME|FILE] [--data PATH] [--store S] [--explain] "question"
  retrievers index [--technique T] [--dataset NAME|FILE] [--data PATH] [--store S]
  retrievers ask [--technique T] [--llm openai|none|auto] [--k N] [--json] [--dataset NAME|FILE] [--data PATH] "question"
  retrievers compare [--techniques a,b] [--k N] [--json] [--dataset NAME|FILE] [--data PATH] "question"
  retrievers bench [--dataset NAME|FILE] [--data PATH] [--queries FILE | --topics FILE --qrels FILE] [--techniques a,b] [--k 10] [--out DIR] [--embeddings E] [--permutations N] [--seed S]
  retrievers init --data FILE|DIR [--out dataset.json] [--force]
  retrievers data fetch [--dataset john-wick] [--data DIR] [--base-url URL]
  retrievers chroma start [--path DIR] [--port P] [--host H]
  retrievers help

Techniques: naive (default), parent-document, self-query, rerank, hybrid.
Configuration: --config FILE (JSON with the same fields as the library's RetrieverConfig); flags override it.
Datasets: --dataset john-wick (default) | products | path/to/dataset.json. --data FILE.csv or FILE.jsonl alone infers the
dataset ('retrievers init --data FILE' writes that inference as a dataset.json to edit); --data DIR uses its dataset.json,
a preset that recognises its files (the John Wick review CSVs), else infers one from its .csv or .md/.txt files. Without either: data/john-wick/ when fetched, else data/sample/.
Bench: labeled queries from --queries FILE (JSONL), or TREC --topics FILE (id<TAB>query or <top> blocks) --qrels FILE, else the dataset's (its "queries", or queries.jsonl next to the data); reports go
to --out (default bench-results/<timestamp>/): results.json, results.md, report.html, qrels.txt, runs/<technique>.run (TREC).
Environment: OPENAI_API_KEY / OPENAI_BASE_URL switch embeddings and LLM steps to OpenAI; COHERE_API_KEY enables Cohere rerank;
CHROMA_URL points --store chroma at a server (default http://127.0.0.1:8000, where 'retrievers chroma start' listens).
Stores: --store memory (default, saved index files) or chroma.`;

type Command = (args: string[]) => Promise<void>;

const commands: Record<string, () => Promise<Command>> = {
  query: async () => (await import("./commands/query.js")).runQuery,
  index: async () => (await import("./commands/index-command.js")).runIndex,
  data: async () => (await import("./commands/data.js")).runData,
  init: async () => (await import("./commands/init.js")).runInit,
  bench: async () => (await import("./commands/bench.js")).runBench,
  ask: async () => (await import("./commands/ask.js")).runAsk,
  compare: async () => (await import("./commands/compare.js")).runCompare,
  chroma: async () => (await import("./commands/chroma.js")).runChroma,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(`${USAGE}\n`);
    return name === undefined ? 2 : 0;
  }
  const load = commands[name];
  try {
    if (load === undefined) throw new UsageError(`unknown command "${name}"`);
    await (await load())(rest);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`retrievers: ${sanitizeTerminalText(error.message)}\n\n${USAGE}\n`);
      return 2;
    }
    if (RetrieverError.isInstance(error)) {
      process.stderr.write(`${sanitizeTerminalText(error.message)}\n`);
      return 1;
    }
    throw error;
  }
}

const isEntryPoint = (() => {
  const entry = process.argv[1] ?? "";
  return /(?:^|[\\/])(?:main\.(?:ts|js|cjs|mjs)|retrievers)$/.test(entry);
})();

if (isEntryPoint) {
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
