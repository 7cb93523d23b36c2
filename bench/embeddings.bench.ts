/**
 * Local embeddings benchmark (Universal Sentence Encoder lite): throughput in texts/s for the main
 * thread, 1 worker and 2 workers on ~100 texts of ~100 words, and query latency (idle pool, main
 * thread, and while a document batch is being embedded).
 *
 *   npx tsx bench/embeddings.bench.ts
 *   npx tsx bench/embeddings.bench.ts --texts 50 --words 100 --workers 0,1,2
 *
 * Texts are synthetic (seeded words), so every run embeds the same input. Model loading is measured
 * separately (cold start) and excluded from the throughput. The machine's other load shows in the
 * numbers: run it on a quiet machine and compare rows of the same run.
 */
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { LocalEmbeddings } from "../src/embeddings/local/local-embeddings.js";

const { values } = parseArgs({
  options: {
    texts: { type: "string", default: "100" },
    words: { type: "string", default: "100" },
    workers: { type: "string", default: "0,1,2" },
    batch: { type: "string", default: "4" },
  },
});
const TEXT_COUNT = Number(values.texts);
const WORDS_PER_TEXT = Number(values.words);
const WORKER_COUNTS = values.workers.split(",").map(Number);
const BATCH_SIZE = Number(values.batch);
const QUERY_REPETITIONS = 15;

const VOCABULARY = (
  "the a film movie action fight scene choreography keanu reeves wick dog revenge assassin hotel continental " +
  "plot story thin brilliant stunning boring loud violent stylish neon gun kung fu car chase sequel franchise " +
  "director stunt team camera shot lighting music score villain russian mob bounty world building rules coin " +
  "character dialogue acting performance pacing runtime ending twist fans critics love hate watch again best worst " +
  "is was are were has had it this that with without and but or because very really quite too more less"
).split(" ");

function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 0x1_0000_0000;
  };
}

function syntheticTexts(count: number, words: number, seed: number): string[] {
  const random = seededRandom(seed);
  return Array.from(
    { length: count },
    () => Array.from({ length: words }, () => VOCABULARY[Math.floor(random() * VOCABULARY.length)]!).join(" ") + ".",
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function measure(
  workers: number,
): Promise<{ workers: number; coldMs: number; textsPerSecond: number; queryMs: number; queryWhileBusyMs: number }> {
  const embeddings = new LocalEmbeddings({ workers, batchSize: BATCH_SIZE });
  const texts = syntheticTexts(TEXT_COUNT, WORDS_PER_TEXT, 42);
  const queries = syntheticTexts(QUERY_REPETITIONS, 8, 7);

  // Cold start: the first query (starts one worker and loads the model, or loads it in this thread).
  let started = performance.now();
  await embeddings.embedQuery("warm up");
  const coldMs = performance.now() - started;
  // Start every worker and load its model before timing the throughput.
  await embeddings.embedDocuments(syntheticTexts(Math.max(1, workers) * 2, 5, 1));

  started = performance.now();
  await embeddings.embedDocuments(texts);
  const textsPerSecond = texts.length / ((performance.now() - started) / 1000);

  const latencies: number[] = [];
  for (const query of queries) {
    started = performance.now();
    await embeddings.embedQuery(query);
    latencies.push(performance.now() - started);
  }

  // A query sent while documents are being embedded (it jumps the queue of pending batches).
  const busy = embeddings.embedDocuments(texts.slice(0, Math.min(texts.length, BATCH_SIZE * Math.max(1, workers) * 3)));
  await new Promise((resolve) => setTimeout(resolve, 50));
  started = performance.now();
  await embeddings.embedQuery("a query while the workers are busy");
  const queryWhileBusyMs = performance.now() - started;
  await busy;

  await embeddings.close();
  return { workers, coldMs, textsPerSecond, queryMs: median(latencies), queryWhileBusyMs };
}

console.log(
  `Local embeddings: ${TEXT_COUNT} texts of ${WORDS_PER_TEXT} words, batch size ${BATCH_SIZE}, ${availableParallelism()} cores, Node ${process.version}`,
);
const rows = [];
for (const workers of WORKER_COUNTS) rows.push(await measure(workers));
console.log("");
console.log("| workers | cold start (ms) | texts/s | query median (ms) | query while busy (ms) |");
console.log("|---|---|---|---|---|");
for (const row of rows) {
  console.log(
    `| ${row.workers === 0 ? "0 (main thread)" : row.workers} | ${row.coldMs.toFixed(0)} | ${row.textsPerSecond.toFixed(1)} | ${row.queryMs.toFixed(1)} | ${
      // In the main thread, embedding blocks the event loop: the query only starts once the documents are done.
      row.workers === 0 ? "n/a (event loop blocked)" : row.queryWhileBusyMs.toFixed(0)
    } |`,
  );
}
