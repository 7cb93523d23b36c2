#!/usr/bin/env node
import { RetrieverError } from "../core/errors/retriever-error.js";
import { sanitizeTerminalText } from "../core/io/terminal-text.js";
import { UsageError } from "./cli-error.js";

const USAGE = `retrievers — advanced RAG retrievers over the John Wick reviews (offline by default)

Usage:
  retrievers query [--technique T] [--k N] [--json] [--filter JSON] [--data DIR] [--store S] [--explain] "question"
  retrievers index [--technique T] [--data DIR] [--store S]
  retrievers ask [--technique T] [--llm openai|none|auto] [--k N] [--json] "question"
  retrievers compare [--techniques a,b] [--k N] [--json] "question"
  retrievers bench [--queries FILE] [--data DIR] [--techniques a,b] [--k 10] [--out DIR] [--embeddings E] [--permutations N] [--seed S]
  retrievers data fetch [--data DIR] [--base-url URL]
  retrievers chroma start [--path DIR] [--port P] [--host H]
  retrievers help

Techniques: naive (default), parent-document, self-query, rerank, hybrid.
Configuration: --config FILE (JSON with the same fields as the library's RetrieverConfig); flags override it.
Data: --data DIR, else data/john-wick/ when present (see 'retrievers data fetch'), else the bundled data/sample/.
Bench: labeled queries from --queries FILE, else queries.jsonl in the data folder (the sample has one); reports go to --out
(default bench-results/<timestamp>/): results.json, results.md, report.html, qrels.txt, runs/<technique>.run (TREC format).
Environment: OPENAI_API_KEY / OPENAI_BASE_URL switch embeddings and LLM steps to OpenAI; COHERE_API_KEY enables Cohere rerank;
CHROMA_URL points --store chroma at a server (default http://127.0.0.1:8000, where 'retrievers chroma start' listens).
Stores: --store memory (default, saved index files) or chroma.`;

type Command = (args: string[]) => Promise<void>;

const commands: Record<string, () => Promise<Command>> = {
  query: async () => (await import("./commands/query.js")).runQuery,
  index: async () => (await import("./commands/index-command.js")).runIndex,
  data: async () => (await import("./commands/data.js")).runData,
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
