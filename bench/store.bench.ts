/**
 * Vector store benchmark: ingest speed, exact top-k query latency (unfiltered and with a filter keeping
 * 25% of the documents) and memory, for each store in STORES_UNDER_TEST, at 1k / 10k / 100k random
 * unit vectors of 512 dimensions, k = 10, all in one process.
 *
 *   npm run bench:store            (npx tsx bench/store.bench.ts)
 *   npx tsx bench/store.bench.ts --sizes 1000,10000   (a subset)
 *   npx tsx bench/store.bench.ts --chroma-100k        (Chroma at 100k too: its ingest alone takes ~100 s)
 *   npx tsx bench/store.bench.ts --no-chroma          (in-memory stores only)
 *
 * Chroma runs on CHROMA_URL when set, else on a local server this script starts (chromadb's own
 * `chroma run`, data in a temporary folder) and stops at the end. Its rows stop at 10k unless
 * --chroma-100k is given.
 *
 * Vectors come from a seeded RNG, so every run (and every store) sees the same data and queries.
 * To add a store (e.g. Chroma), append a `StoreUnderTest` to STORES_UNDER_TEST: the table gains its rows.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Document, type DocumentInterface } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { MemoryVectorStore } from "@langchain/classic/vectorstores/memory";
import { compileFilter } from "../src/core/filter/compile-filter.js";
import { seededRandom } from "../test/stores/fake-vectors.js";
import type { FilterExpression } from "../src/core/filter/filter-schema.js";
import { ChromaStore, startChromaServer, type ChromaServer } from "../src/stores/chroma/index.js";
import { MemoryStore } from "../src/stores/memory/index.js";

const DIMENSION = 512;
const K = 10;
const DEFAULT_SIZES = [1_000, 10_000, 100_000];
/** Documents per `addVectors` call during ingest (a typical embedding batch). */
const INGEST_BATCH_SIZE = 1_000;
/** Timed queries per measurement (the median is reported), after WARM_UP_QUERIES untimed ones. */
const TIMED_QUERIES = 20;
const WARM_UP_QUERIES = 3;
/** Metadata `bucket` takes values 0..BUCKETS-1 at random; the filter keeps bucket 0 (25%). */
const BUCKETS = 4;
const FILTER: FilterExpression = { field: "bucket", operator: "in", value: [0] };

/** A store as the benchmark drives it. */
interface StoreHandle {
  addVectors(vectors: number[][], documents: DocumentInterface[]): Promise<void>;
  /** Top-k ids for a query vector, optionally filtered by FILTER. */
  query(vector: number[], k: number, filtered: boolean): Promise<string[]>;
  /** A short note on how it was run (kernel, ...), printed under the table. */
  note?(): string;
  /** Releases what the store holds (e.g. drops the Chroma collection). */
  dispose?(): Promise<void>;
}

/** One column group of the comparison: how to build the store and how many queries it can afford. */
interface StoreUnderTest {
  name: string;
  /** The store every other one is compared with (ratio columns). */
  baseline?: boolean;
  /** Timed queries at a size (slow stores may use fewer at large sizes; the table says so). */
  timedQueries(size: number): number;
  /** Largest corpus this store is measured at (slow ingest). @default every size */
  maxSize?: number;
  create(): Promise<StoreHandle>;
}

const unusedEmbeddings: EmbeddingsInterface = {
  embedDocuments: async () => {
    throw new Error("the benchmark adds precomputed vectors only");
  },
  embedQuery: async () => {
    throw new Error("the benchmark queries by vector only");
  },
};

/** The Chroma server the Chroma rows use: CHROMA_URL, else one started here (stopped at the end). */
let chromaServer: Promise<{ url: string; server?: ChromaServer; folder?: string }> | undefined;
function chromaUrl(): Promise<string> {
  chromaServer ??= (async () => {
    const existing = process.env.CHROMA_URL?.trim();
    if (existing) return { url: existing };
    const folder = await mkdtemp(join(tmpdir(), "retrievers-bench-chroma-"));
    const server = await startChromaServer({ path: folder, port: 0 });
    return { url: server.url, server, folder };
  })();
  return chromaServer.then((started) => started.url);
}
async function stopChroma(): Promise<void> {
  if (chromaServer === undefined) return;
  const { server, folder } = await chromaServer;
  await server?.stop();
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
}
let chromaCollections = 0;

const STORES_UNDER_TEST: StoreUnderTest[] = [
  {
    name: "LangChain MemoryVectorStore",
    baseline: true,
    timedQueries: (size) => (size >= 100_000 ? 10 : TIMED_QUERIES),
    async create() {
      const store = new MemoryVectorStore(unusedEmbeddings);
      const predicate = compileFilter(FILTER);
      return {
        addVectors: async (vectors, documents) => {
          await store.addVectors(vectors, documents);
        },
        query: async (vector, k, filtered) => {
          const hits = await store.similaritySearchVectorWithScore(
            vector,
            k,
            filtered ? (document: DocumentInterface) => predicate(document.metadata) : undefined,
          );
          return hits.map(([document]) => document.id as string);
        },
      };
    },
  },
  {
    name: "MemoryStore (this library)",
    timedQueries: () => TIMED_QUERIES,
    async create() {
      const store = new MemoryStore(unusedEmbeddings, { dimension: DIMENSION });
      return {
        addVectors: async (vectors, documents) => {
          await store.addVectors(vectors, documents);
        },
        query: async (vector, k, filtered) => {
          const hits = await store.searchByVector(vector, { k, filter: filtered ? FILTER : null });
          return hits.map((hit) => hit.document.id as string);
        },
        note: () => `MemoryStore kernel: ${store.kernel}`,
      };
    },
  },
  {
    name: "ChromaStore (Chroma 1.0 server)",
    timedQueries: () => TIMED_QUERIES,
    maxSize: process.argv.includes("--chroma-100k") ? Infinity : 10_000,
    async create() {
      const url = await chromaUrl();
      chromaCollections += 1;
      const store = new ChromaStore(unusedEmbeddings, {
        url,
        collectionName: `bench-${process.pid}-${chromaCollections}`,
        dimension: DIMENSION,
      });
      return {
        addVectors: async (vectors, documents) => {
          await store.addVectors(vectors, documents);
        },
        query: async (vector, k, filtered) => {
          const hits = await store.searchByVector(vector, { k, filter: filtered ? FILTER : null });
          return hits.map((hit) => hit.document.id as string);
        },
        note: () =>
          `ChromaStore: a local Chroma 1.0 server over HTTP (${url}), HNSW with Chroma's defaults (approximate: see the recall column), the filter pushed into \`where\`, upserts in batches of ${INGEST_BATCH_SIZE}; its memory lives in the server process, not in this column.`,
        dispose: () => store.dropCollection(),
      };
    },
  },
];

// ---------------------------------------------------------------------------------------------------

/** A random unit vector (Gaussian coordinates, normalised). */
function randomUnitVector(random: () => number, dimension: number): number[] {
  const vector = new Array<number>(dimension);
  let squares = 0;
  for (let index = 0; index < dimension; index += 2) {
    const radius = Math.sqrt(-2 * Math.log(1 - random()));
    const angle = 2 * Math.PI * random();
    vector[index] = radius * Math.cos(angle);
    if (index + 1 < dimension) vector[index + 1] = radius * Math.sin(angle);
  }
  for (const value of vector) squares += value * value;
  const norm = Math.sqrt(squares);
  return vector.map((value) => value / norm);
}

/** The corpus as batches, regenerated identically for every store (each store owns its copies). */
function* corpusBatches(size: number): Generator<{ vectors: number[][]; documents: DocumentInterface[] }> {
  const random = seededRandom(size);
  for (let start = 0; start < size; start += INGEST_BATCH_SIZE) {
    const count = Math.min(INGEST_BATCH_SIZE, size - start);
    const vectors: number[][] = [];
    const documents: DocumentInterface[] = [];
    for (let offset = 0; offset < count; offset += 1) {
      const index = start + offset;
      vectors.push(randomUnitVector(random, DIMENSION));
      documents.push(
        new Document({ id: `doc-${index}`, pageContent: `document ${index}`, metadata: { bucket: Math.floor(random() * BUCKETS), index } }),
      );
    }
    yield { vectors, documents };
  }
}

const collectGarbage: (() => void) | undefined = (() => {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  try {
    setFlagsFromString("--expose_gc");
    return runInNewContext("gc") as () => void;
  } catch {
    return undefined;
  }
})();

function memoryMegabytes(): number {
  collectGarbage?.();
  collectGarbage?.();
  const usage = process.memoryUsage();
  return (usage.heapUsed + usage.external) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

interface Measurement {
  store: StoreUnderTest;
  size: number;
  documentsPerSecond: number;
  queryMilliseconds: number;
  filteredMilliseconds: number;
  /** The first two queries with the filter (MemoryStore: filter evaluation + gather, then packing). */
  firstFilteredMilliseconds: [number, number];
  timedQueries: number;
  memoryMegabytes: number;
  /** Top-k ids of every query, by query index, unfiltered and filtered, to check stores agree (recall). */
  idsByQuery: Map<number, string[]>;
  filteredIdsByQuery: Map<number, string[]>;
  note: string | undefined;
}

async function measure(store: StoreUnderTest, size: number, queries: number[][]): Promise<Measurement> {
  const memoryBefore = memoryMegabytes();
  const handle = await store.create();
  let ingestMilliseconds = 0;
  for (const { vectors, documents } of corpusBatches(size)) {
    const started = performance.now();
    await handle.addVectors(vectors, documents);
    ingestMilliseconds += performance.now() - started;
  }
  const memoryAfter = memoryMegabytes();

  const timedQueries = store.timedQueries(size);
  const timeQueries = async (
    filtered: boolean,
  ): Promise<{ milliseconds: number; first: [number, number]; idsByQuery: Map<number, string[]> }> => {
    const idsByQuery = new Map<number, string[]>();
    const first: [number, number] = [0, 0];
    for (let index = 0; index < WARM_UP_QUERIES; index += 1) {
      const started = performance.now();
      const ids = await handle.query(queries[index] as number[], K, filtered);
      if (index < 2) first[index] = performance.now() - started;
      idsByQuery.set(index, ids);
    }
    const times: number[] = [];
    for (let index = 0; index < timedQueries; index += 1) {
      const started = performance.now();
      const ids = await handle.query(queries[WARM_UP_QUERIES + index] as number[], K, filtered);
      times.push(performance.now() - started);
      idsByQuery.set(WARM_UP_QUERIES + index, ids);
    }
    return { milliseconds: median(times), first, idsByQuery };
  };
  const unfiltered = await timeQueries(false);
  const filtered = await timeQueries(true);
  return {
    store,
    size,
    documentsPerSecond: size / (ingestMilliseconds / 1000),
    queryMilliseconds: unfiltered.milliseconds,
    filteredMilliseconds: filtered.milliseconds,
    firstFilteredMilliseconds: filtered.first,
    timedQueries,
    memoryMegabytes: memoryAfter - memoryBefore,
    idsByQuery: unfiltered.idsByQuery,
    filteredIdsByQuery: filtered.idsByQuery,
    note: await disposeAfter(handle),
  };
}

async function disposeAfter(handle: StoreHandle): Promise<string | undefined> {
  const note = handle.note?.();
  await handle.dispose?.();
  return note;
}

/** Mean fraction of the reference's top-k ids a store also returned, over the queries both ran. */
function recall(reference: Map<number, string[]>, actual: Map<number, string[]>): number {
  let total = 0;
  let count = 0;
  for (const [index, expected] of reference) {
    const ids = actual.get(index);
    if (ids === undefined || expected.length === 0) continue;
    const found = new Set(ids);
    total += expected.filter((id) => found.has(id)).length / expected.length;
    count += 1;
  }
  return count === 0 ? Number.NaN : total / count;
}

function formatNumber(value: number, digits: number): string {
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

async function main(): Promise<void> {
  const sizesArgument = process.argv.indexOf("--sizes");
  const sizes =
    sizesArgument >= 0
      ? (process.argv[sizesArgument + 1] ?? "")
          .split(",")
          .map(Number)
          .filter((size) => size > 0)
      : DEFAULT_SIZES;
  const queryRandom = seededRandom(424_242);
  const queries = Array.from({ length: WARM_UP_QUERIES + TIMED_QUERIES }, () => randomUnitVector(queryRandom, DIMENSION));
  const started = performance.now();

  const measurements: Measurement[] = [];
  for (const size of sizes) {
    for (const store of STORES_UNDER_TEST) {
      if (size > (store.maxSize ?? Infinity)) continue;
      if (process.argv.includes("--no-chroma") && store.name.startsWith("ChromaStore")) continue;
      process.stderr.write(`measuring ${store.name} at ${size.toLocaleString("en-US")} documents...\n`);
      measurements.push(await measure(store, size, queries));
    }
  }

  const baseline = STORES_UNDER_TEST.find((store) => store.baseline) ?? STORES_UNDER_TEST[0];
  const lines = [
    `## Vector stores: ${DIMENSION}-d random unit vectors, k = ${K}`,
    "",
    `Node ${process.version}, ${process.platform}/${process.arch}. Median of ${TIMED_QUERIES} queries after ${WARM_UP_QUERIES} warm-up ones unless the "queries" column says fewer.`,
    `Filtered: \`bucket in [0]\` keeps ~${Math.round(100 / BUCKETS)}% of the documents (bucket drawn at random per document).`,
    `"1st / 2nd filtered" are the first two queries with that filter (untimed warm-up): MemoryStore evaluates the filter on the 1st and scores the matching rows in place, and on the 2nd packs the matching vectors contiguously; both are cached until the next write.`,
    `Ratios compare with ${baseline?.name}. Memory = heap + external growth while ingesting${collectGarbage ? " (after gc)" : " (no gc available: noisy)"}.`,
    "",
    "| docs | store | ingest docs/s | query ms | x baseline | filtered ms | filtered / query | x baseline (filtered) | 1st / 2nd filtered ms | queries | memory MB | recall@k vs baseline (all / filtered) |",
    "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
  ];
  for (const measurement of measurements) {
    const reference = measurements.find((candidate) => candidate.size === measurement.size && candidate.store === baseline);
    const recallText = reference
      ? `${formatNumber(recall(reference.idsByQuery, measurement.idsByQuery), 3)} / ${formatNumber(recall(reference.filteredIdsByQuery, measurement.filteredIdsByQuery), 3)}`
      : "n/a";
    lines.push(
      [
        measurement.size.toLocaleString("en-US"),
        measurement.store.name,
        formatNumber(measurement.documentsPerSecond, 0),
        formatNumber(measurement.queryMilliseconds, 2),
        reference ? formatNumber(measurement.queryMilliseconds / reference.queryMilliseconds, 3) : "",
        formatNumber(measurement.filteredMilliseconds, 2),
        formatNumber(measurement.filteredMilliseconds / measurement.queryMilliseconds, 2),
        reference ? formatNumber(measurement.filteredMilliseconds / reference.filteredMilliseconds, 3) : "",
        measurement.firstFilteredMilliseconds.map((milliseconds) => formatNumber(milliseconds, 2)).join(" / "),
        String(measurement.timedQueries),
        formatNumber(measurement.memoryMegabytes, 1),
        measurement.store === baseline ? "(baseline)" : recallText,
      ]
        .join(" | ")
        .replace(/^/, "| ")
        .concat(" |"),
    );
  }
  const notes = [...new Set(measurements.map((measurement) => measurement.note).filter((note): note is string => note !== undefined))];
  lines.push("", ...notes.map((note) => `- ${note}`));
  const fewer = measurements.filter((measurement) => measurement.timedQueries < TIMED_QUERIES);
  if (fewer.length > 0) {
    lines.push(
      `- ${[...new Set(fewer.map((measurement) => `${measurement.store.name} at ${measurement.size.toLocaleString("en-US")}`))].join(", ")}: ${fewer[0]?.timedQueries} timed queries only (slow), to keep the run short.`,
    );
  }
  lines.push(`- Total run time: ${formatNumber((performance.now() - started) / 1000, 1)} s.`);
  console.log(lines.join("\n"));
}

try {
  await main();
} finally {
  await stopChroma();
}
