/**
 * Persistence benchmark: save and load time, file size and memory of the three saved structures —
 * `MemoryStore` (vectors + documents), `Bm25Index` (documents + postings) and `FileDocstore` — at
 * 100k and 1M review-sized documents (about 520 characters of text, like the John Wick reviews, plus
 * six metadata fields), with fake 512-dimensional vectors (no embedding).
 *
 * For `Bm25Index` it also reports the heap after the build, the memory held outside the heap (its
 * postings are typed arrays), the first search (which compacts the freshly added postings) and the
 * search latency (median and 95th percentile over 200 three-word questions, k = 10, without and with a
 * metadata filter). The row `bm25-minisearch` is the index as it was before format version 3
 * (MiniSearch 7 with the same configuration, plus the id → document map): build, heap and search only
 * (it cannot save in today's format). It runs below 1M unless named in `--structures` (at 1M its build
 * runs out of the default heap).
 *
 *   npm run bench:persist                                   (100k and 1M; 1M takes several minutes)
 *   npx tsx bench/persist.bench.ts --sizes 100000            (a subset)
 *   npx tsx bench/persist.bench.ts --structures memory-store,docstore
 *   npx tsx bench/persist.bench.ts --sizes 10000,100000 --structures bm25,bm25-minisearch
 *
 * Each (structure, size) runs in its own child process with Node's DEFAULT heap limit, so one
 * structure's memory never counts against another and a failure (e.g. out of memory) is reported
 * with its cause instead of ending the run. A child builds the structure, saves it, drops it, loads
 * the file, and checks that the loaded copy answers like the original (count, a query).
 * Times are single runs (these are seconds-long operations; repeat the script to see the spread).
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { getHeapStatistics } from "node:v8";
import { Document, type DocumentInterface } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { compileFilter } from "../src/core/filter/compile-filter.js";
import type { FilterExpression } from "../src/core/filter/filter-schema.js";
import { FileDocstore } from "../src/docstores/file-docstore.js";
import { Bm25Index } from "../src/hybrid/bm25-index.js";
import { MemoryStore } from "../src/stores/memory/memory-store.js";
import { miniSearchLike } from "../test/hybrid/minisearch-reference.js";
import { seededRandom } from "../test/stores/fake-vectors.js";

const DIMENSION = 512;
const DEFAULT_SIZES = [100_000, 1_000_000];
const STRUCTURES = ["memory-store", "bm25", "bm25-minisearch", "docstore"] as const;
/** (Not saved, NaN, read back as null: shown as "—".) Sizes from which `bm25-minisearch` runs only when named in `--structures`. */
const MINISEARCH_DEFAULT_LIMIT = 1_000_000;
/** Questions timed per keyword index. */
const QUESTIONS = 200;
/** The filter of the filtered latency. */
const RATING_FILTER: FilterExpression = { field: "rating", operator: "gte", value: 8 };
type Structure = (typeof STRUCTURES)[number];
/** Documents generated and added per batch (bounded memory while building). */
const BATCH = 10_000;
/** A vocabulary of made-up words, drawn with a skewed (Zipf-like) distribution as real text is. */
const VOCABULARY_SIZE = 20_000;

interface ChildResult {
  structure: Structure;
  size: number;
  buildSeconds: number;
  saveSeconds: number;
  loadSeconds: number;
  fileBytes: number;
  /** Heap used after loading (the loaded structure alive), in bytes. */
  heapAfterLoad: number;
  heapLimit: number;
  peakRss: number;
  verified: string;
  /** Keyword indexes only. */
  search?: SearchMeasures;
}

interface SearchMeasures {
  /** Heap used after the build (garbage collected), and memory outside the heap (typed arrays). */
  heapAfterBuild: number;
  externalAfterBuild: number;
  /** The first search after the build (compacts the new postings), in ms. */
  firstSearchMs: number;
  /** Median latency on the index as built, and (the rest) as loaded from its file. */
  builtMedianMs: number;
  medianMs: number;
  p95Ms: number;
  filteredMedianMs: number;
}

const unusedEmbeddings: EmbeddingsInterface = {
  embedDocuments: async () => {
    throw new Error("the benchmark adds precomputed vectors only");
  },
  embedQuery: async () => {
    throw new Error("the benchmark queries by vector only");
  },
};

function vocabulary(): string[] {
  const random = seededRandom(99);
  const letters = "abcdefghijklmnopqrstuvwxyz";
  return Array.from({ length: VOCABULARY_SIZE }, (_, index) => {
    const length = 3 + Math.floor(random() * 7);
    let word = "";
    for (let position = 0; position < length; position += 1) word += letters[Math.floor(random() * 26)];
    return `${word}${index % 7 === 0 ? "s" : ""}`;
  });
}

/** Review-sized documents `first .. first + count - 1`, deterministic. */
function reviews(words: string[], first: number, count: number): DocumentInterface[] {
  const random = seededRandom(1_000 + first);
  const pick = () => words[Math.floor(VOCABULARY_SIZE * random() ** 3)] as string;
  return Array.from({ length: count }, (_, offset) => {
    const index = first + offset;
    const targetLength = 200 + Math.floor(random() * 640);
    const parts: string[] = [];
    let length = 0;
    while (length < targetLength) {
      const word = pick();
      parts.push(word);
      length += word.length + 1;
    }
    return new Document({
      id: `review-${index}`,
      pageContent: `${parts.join(" ")}.`,
      metadata: {
        rating: 1 + Math.floor(random() * 10),
        author: `author${Math.floor(random() * 50_000)}`,
        title: `${pick()} ${pick()} ${pick()}`,
        day: 16_000 + Math.floor(random() * 4_000),
        year: 2014 + Math.floor(random() * 10),
        source: `reviews_${1 + (index % 4)}.csv`,
      },
    });
  });
}

function fakeVectors(first: number, count: number): number[][] {
  const random = seededRandom(7_000 + first);
  return Array.from({ length: count }, () => Array.from({ length: DIMENSION }, () => random() * 2 - 1));
}

/** Three-word questions drawn like the text (frequent and rare words mixed), deterministic. */
function questions(words: string[]): string[] {
  const random = seededRandom(4_242);
  const pick = () => words[Math.floor(VOCABULARY_SIZE * random() ** 3)] as string;
  return Array.from({ length: QUESTIONS }, () => `${pick()} ${pick()} ${pick()}`);
}

/** Median and 95th percentile of `run` over the questions, in ms (after one untimed pass over 20). */
function latency(questionList: string[], run: (question: string) => void): { median: number; p95: number } {
  for (const question of questionList.slice(0, 20)) run(question);
  const times = questionList.map((question) => {
    const started = performance.now();
    run(question);
    return performance.now() - started;
  });
  times.sort((left, right) => left - right);
  return { median: times[times.length >> 1] as number, p95: times[Math.floor(times.length * 0.95)] as number };
}

const searchTopTen = (index: Bm25Index) => (question: string) => void index.search(question, { k: 10 });

const seconds = (started: number) => (performance.now() - started) / 1_000;
/** Tells the parent which step the child is in, so a crash (e.g. out of memory) names it. */
const phase = (name: string) => process.stderr.write(`phase: ${name}\n`);

async function runChild(structure: Structure, size: number, folder: string): Promise<ChildResult> {
  const words = vocabulary();
  const path = join(folder, `${structure}-${size}.file`);
  let buildSeconds: number;
  let saveSeconds: number;
  let loadSeconds: number;
  let verified: string;
  let search: SearchMeasures | undefined;
  const gc = (globalThis as { gc?: () => void }).gc;

  phase("build");
  if (structure === "memory-store") {
    let store: MemoryStore | null = new MemoryStore(unusedEmbeddings, { dimension: DIMENSION, initialCapacity: size });
    let started = performance.now();
    for (let first = 0; first < size; first += BATCH) {
      const count = Math.min(BATCH, size - first);
      await store.addVectors(fakeVectors(first, count), reviews(words, first, count));
    }
    buildSeconds = seconds(started);
    const probe = fakeVectors(size + 1, 1)[0] as number[];
    const expected = (await store.searchByVector(probe, { k: 3 })).map((hit) => hit.document.id);
    started = performance.now();
    phase("save");
    await store.save(path, { datasetFingerprint: `bench-${size}` });
    saveSeconds = seconds(started);
    // eslint-disable-next-line no-useless-assignment -- drops the reference so gc() can free it before the load is measured
    store = null;
    gc?.();
    started = performance.now();
    phase("load");
    const loaded = await MemoryStore.load(path, unusedEmbeddings, { expectedFingerprint: `bench-${size}` });
    loadSeconds = seconds(started);
    const got = (await loaded.searchByVector(probe, { k: 3 })).map((hit) => hit.document.id);
    if ((await loaded.count()) !== size || got.join() !== expected.join())
      throw new Error(`the loaded store differs: ${await loaded.count()} documents, top 3 ${got.join()} vs ${expected.join()}`);
    verified = `${size} documents, same top 3`;
  } else if (structure === "bm25") {
    let index: Bm25Index | null = new Bm25Index();
    let started = performance.now();
    for (let first = 0; first < size; first += BATCH) index.addDocuments(reviews(words, first, Math.min(BATCH, size - first)));
    buildSeconds = seconds(started);
    gc?.();
    const heapAfterBuild = process.memoryUsage().heapUsed;
    const externalAfterBuild = process.memoryUsage().arrayBuffers;
    const question = `${words[3]} ${words[40]} ${words[400]}`;
    phase("first search");
    started = performance.now();
    const expected = index.search(question, { k: 3 }).map((hit) => hit.document.id);
    const firstSearchMs = performance.now() - started;
    // As built (recent postings not yet compacted are walked through their chains), then as loaded.
    const builtMedianMs = latency(questions(words), searchTopTen(index)).median;
    started = performance.now();
    phase("save");
    await index.save(path);
    saveSeconds = seconds(started);
    // eslint-disable-next-line no-useless-assignment -- drops the reference so gc() can free it before the load is measured
    index = null;
    gc?.();
    started = performance.now();
    phase("load");
    const loaded = await Bm25Index.load(path);
    loadSeconds = seconds(started);
    const got = loaded.search(question, { k: 3 }).map((hit) => hit.document.id);
    if (loaded.size !== size || got.join() !== expected.join())
      throw new Error(`the loaded index differs: ${loaded.size} documents, top 3 ${got.join()} vs ${expected.join()}`);
    verified = `${size} documents, same top 3`;
    phase("search");
    const questionList = questions(words);
    const plain = latency(questionList, searchTopTen(loaded));
    const filtered = latency(questionList, (text) => loaded.search(text, { k: 10, filter: RATING_FILTER }));
    search = {
      heapAfterBuild,
      externalAfterBuild,
      firstSearchMs,
      builtMedianMs,
      medianMs: plain.median,
      p95Ms: plain.p95,
      filteredMedianMs: filtered.median,
    };
  } else if (structure === "bm25-minisearch") {
    // Bm25Index before format version 3: MiniSearch plus the id → stored document map.
    const miniSearch = miniSearchLike({});
    const stored = new Map<string, DocumentInterface>();
    const started = performance.now();
    for (let first = 0; first < size; first += BATCH)
      for (const document of reviews(words, first, Math.min(BATCH, size - first))) {
        const copy = new Document({ id: document.id, pageContent: document.pageContent, metadata: { ...document.metadata } });
        miniSearch.add(copy);
        stored.set(copy.id as string, copy);
      }
    buildSeconds = seconds(started);
    gc?.();
    const heapAfterBuild = process.memoryUsage().heapUsed;
    const externalAfterBuild = process.memoryUsage().arrayBuffers;
    const analyzer = new Bm25Index().analyzer;
    const run = (text: string, filter?: (metadata: Record<string, unknown>) => boolean) => {
      if (analyzer.analyze(text).length === 0) return [];
      return miniSearch
        .search(text, { filter: filter === undefined ? undefined : (result) => filter(stored.get(String(result.id))?.metadata ?? {}) })
        .slice(0, 10)
        .map((result) => stored.get(String(result.id)));
    };
    phase("search");
    const firstStarted = performance.now();
    run(`${words[3]} ${words[40]} ${words[400]}`);
    const firstSearchMs = performance.now() - firstStarted;
    const questionList = questions(words);
    const plain = latency(questionList, (text) => run(text));
    const filtered = latency(questionList, (text) => run(text, compileFilter(RATING_FILTER)));
    search = {
      heapAfterBuild,
      externalAfterBuild,
      firstSearchMs,
      builtMedianMs: plain.median,
      medianMs: plain.median,
      p95Ms: plain.p95,
      filteredMedianMs: filtered.median,
    };
    saveSeconds = Number.NaN;
    loadSeconds = Number.NaN;
    verified = `${miniSearch.documentCount} documents (not saved)`;
  } else {
    let docstore: FileDocstore | null = await FileDocstore.open({ path });
    let started = performance.now();
    const entries: Array<[string, DocumentInterface]> = [];
    for (let first = 0; first < size; first += BATCH)
      for (const document of reviews(words, first, Math.min(BATCH, size - first))) entries.push([document.id as string, document]);
    buildSeconds = seconds(started);
    // One mset of everything: the write (a full rewrite of the file) is the save.
    started = performance.now();
    phase("save");
    await docstore.mset(entries);
    saveSeconds = seconds(started);
    const sample = entries[size >> 1]?.[1].pageContent;
    entries.length = 0;
    // eslint-disable-next-line no-useless-assignment -- drops the reference so gc() can free it before the load is measured
    docstore = null;
    gc?.();
    started = performance.now();
    phase("load");
    const loaded = await FileDocstore.open({ path });
    loadSeconds = seconds(started);
    const [middle] = await loaded.mget([`review-${size >> 1}`]);
    if ((await loaded.count()) !== size || middle?.pageContent !== sample)
      throw new Error(`the reopened docstore differs: ${await loaded.count()} documents`);
    verified = `${size} documents, same middle document`;
  }
  const fileBytes = structure === "bm25-minisearch" ? Number.NaN : (await stat(path)).size;
  return {
    structure,
    size,
    buildSeconds,
    saveSeconds,
    loadSeconds,
    fileBytes,
    heapAfterLoad: process.memoryUsage().heapUsed,
    heapLimit: getHeapStatistics().heap_size_limit,
    peakRss: process.resourceUsage().maxRSS * 1024,
    verified,
    search,
  };
}

/** Runs one measurement in a child process with the default heap; resolves with its result or its failure. */
function measure(
  structure: Structure,
  size: number,
  folder: string,
): Promise<ChildResult | { structure: Structure; size: number; failure: string }> {
  const tsx = createRequire(import.meta.url).resolve("tsx/cli");
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ["--expose-gc", tsx, fileURLToPath(import.meta.url), "--child", structure, String(size), folder],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    let errors = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    child.on("exit", (code, signal) => {
      const line = output.trim().split("\n").at(-1) ?? "";
      if (code === 0 && line.startsWith("{")) {
        resolve(JSON.parse(line) as ChildResult);
        return;
      }
      const heapOut = /heap out of memory|Reached heap limit/i.test(errors);
      const lastPhase = [...errors.matchAll(/^phase: (\w+)$/gm)].at(-1)?.[1] ?? "start";
      const cause = heapOut
        ? "JavaScript heap out of memory (default heap limit)"
        : (errors
            .trim()
            .split("\n")
            .filter((text) => /Error|error/.test(text))
            .at(0) ?? `exit code ${code}, signal ${signal}`);
      const reason = `${cause}, during ${lastPhase}`;
      resolve({ structure, size, failure: reason.slice(0, 300) });
    });
  });
}

const megabytes = (bytes: number | null) => (bytes === null || Number.isNaN(bytes) ? "—" : `${(bytes / 1024 / 1024).toFixed(0)} MB`);
const secondsCell = (value: number | null) => (value === null || Number.isNaN(value) ? "—" : value.toFixed(1));

async function main(): Promise<void> {
  const childFlag = process.argv.indexOf("--child");
  if (childFlag >= 0) {
    const [structure, size, folder] = process.argv.slice(childFlag + 1);
    const result = await runChild(structure as Structure, Number(size), folder as string);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const sizesFlag = process.argv.indexOf("--sizes");
  const sizes = sizesFlag >= 0 ? (process.argv[sizesFlag + 1] ?? "").split(",").map(Number) : DEFAULT_SIZES;
  const structuresFlag = process.argv.indexOf("--structures");
  const structures = structuresFlag >= 0 ? ((process.argv[structuresFlag + 1] ?? "").split(",") as Structure[]) : [...STRUCTURES];
  const runs = (structure: Structure, size: number) =>
    structuresFlag >= 0 || structure !== "bm25-minisearch" || size < MINISEARCH_DEFAULT_LIMIT;
  const folder = await mkdtemp(join(tmpdir(), "persist-bench-"));
  console.log(
    `Persistence benchmark: review-sized documents (~520 characters + 6 metadata fields), ${DIMENSION}-d fake vectors; one child process per row, default heap.`,
  );
  console.log("| structure | documents | build s | save s | load s | file | heap after load | heap limit | peak RSS | check |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
  const keywordRows: string[] = [];
  try {
    for (const size of sizes) {
      for (const structure of structures) {
        if (!runs(structure, size)) continue;
        const result = await measure(structure, size, folder);
        if ("failure" in result)
          console.log(`| ${structure} | ${size.toLocaleString("en-US")} | FAILED: ${result.failure} | | | | | | | |`);
        else {
          console.log(
            `| ${structure} | ${size.toLocaleString("en-US")} | ${result.buildSeconds.toFixed(1)} | ${secondsCell(result.saveSeconds)} | ${secondsCell(result.loadSeconds)} | ${megabytes(result.fileBytes)} | ${megabytes(result.heapAfterLoad)} | ${megabytes(result.heapLimit)} | ${megabytes(result.peakRss)} | ${result.verified} |`,
          );
          const search = result.search;
          if (search !== undefined)
            keywordRows.push(
              `| ${structure} | ${size.toLocaleString("en-US")} | ${megabytes(search.heapAfterBuild)} | ${megabytes(search.externalAfterBuild)} | ${search.firstSearchMs.toFixed(0)} | ${search.builtMedianMs.toFixed(2)} | ${search.medianMs.toFixed(2)} | ${search.p95Ms.toFixed(2)} | ${search.filteredMedianMs.toFixed(2)} |`,
            );
        }
        await rm(join(folder, `${structure}-${size}.file`), { force: true });
      }
    }
    if (keywordRows.length > 0) {
      console.log(
        `\nKeyword indexes: memory after the build (garbage collected) and search latency over ${QUESTIONS} three-word questions, k = 10 (filter: rating >= 8).`,
      );
      console.log(
        "| index | documents | heap after build | outside the heap | first search ms | median ms as built | median ms | p95 ms | filtered median ms |",
      );
      console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
      for (const row of keywordRows) console.log(row);
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

await main();
