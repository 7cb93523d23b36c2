/**
 * Load: 1,000 concurrent queries against one retriever return exactly what the same queries return one
 * at a time (no shared mutable state leaks between calls: caches, MMR buffers, packed filter rows,
 * reranker vector caches), and documents added while queries run are never seen half-added.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Document, type DocumentInterface } from "@langchain/core/documents";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRetriever, type BuiltRetriever } from "../../src/config/build-retriever.js";
import type { SearchResult } from "../../src/core/search-retriever.js";
import { loadJohnWickReviews } from "../../src/datasets/john-wick/load-reviews.js";
import { NaiveRetriever } from "../../src/naive/naive-retriever.js";
import { MemoryStore } from "../../src/stores/memory/memory-store.js";
import { FakeEmbeddings } from "../support/fake-embeddings.js";
import { REPOSITORY_ROOT } from "../support/run-cli.js";

const SAMPLE_FOLDER = join(REPOSITORY_ROOT, "data", "sample");
const CONCURRENT_QUERIES = 1_000;

/** The labeled questions of the bundled sample (their text only). */
const questions: string[] = readFileSync(join(SAMPLE_FOLDER, "queries.jsonl"), "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => (JSON.parse(line) as { query: string }).query);

/** What must be identical between a concurrent and a sequential run. */
function summarize(results: SearchResult[]) {
  return results.map((result) => ({
    id: result.document.id,
    score: result.score,
    stage: result.stage,
    text: result.document.pageContent,
    metadata: result.document.metadata,
  }));
}

/** Techniques checked, with what makes each deterministic and offline. */
const techniques = [
  { technique: "naive" },
  { technique: "naive", searchType: "mmr" },
  { technique: "hybrid" },
  { technique: "rerank", rerank: { reranker: "local", base: "naive" } },
  { technique: "rerank", rerank: { reranker: "local", base: "hybrid" } },
] as const;

let documents: DocumentInterface[];
beforeAll(async () => {
  documents = await loadJohnWickReviews(SAMPLE_FOLDER);
});

describe.each(techniques)("1,000 concurrent queries: $technique $searchType $rerank", (settings) => {
  let built: BuiltRetriever;
  beforeAll(async () => {
    built = await buildRetriever({ ...settings, k: 5, indexDirectory: null }, { embeddings: new FakeEmbeddings(64), documents });
  });
  afterAll(async () => {
    await built.close();
  });

  it("give the same results as the same queries run one at a time", async () => {
    expect(questions.length).toBeGreaterThan(10);
    // A per-call filter on half of the calls exercises the filtered path (and its caches) too.
    const filterFor = (index: number) =>
      index % 2 === 0 ? null : { field: "movie", operator: "in" as const, value: [1 + (index % 4), 1 + ((index + 1) % 4)] };
    // Distinct calls: every question, with and without a filter.
    const calls = questions.length * 2;
    const run = async (index: number) =>
      summarize(await built.retriever.search(questions[index % questions.length]!, { filter: filterFor(index) }));
    const sequential: Array<ReturnType<typeof summarize>> = [];
    for (let index = 0; index < calls; index += 1) sequential.push(await run(index));
    const concurrent = await Promise.all(Array.from({ length: CONCURRENT_QUERIES }, (_, call) => run(call % calls)));
    expect(concurrent).toHaveLength(CONCURRENT_QUERIES);
    concurrent.forEach((results, call) => expect(results).toEqual(sequential[call % calls]));
    // Sanity: the runs found something, so equality means something.
    expect(sequential.every((results) => results.length > 0)).toBe(true);
  });
});

describe("ingest while querying", () => {
  const BATCHES = 24;
  const BATCH_SIZE = 20;
  const DIMENSION = 32;

  /** Batch `batch`, version `version`: ids b<batch>-<n>; text and metadata both carry the version. */
  function batchDocuments(batch: number, version: number): Document[] {
    return Array.from(
      { length: BATCH_SIZE },
      (_, item) =>
        new Document({
          id: `b${batch}-${item}`,
          pageContent: `batch ${batch} item ${item} version ${version} review`,
          metadata: { batch, item, version },
        }),
    );
  }

  /**
   * Checks one view of the store: each visible batch is complete and at one version, and each document
   * is consistent (its text, metadata and vector belong to the same version).
   */
  function checkSnapshot(
    found: DocumentInterface[],
    scores: Map<string, number> | undefined,
    queryVector: number[] | undefined,
    embeddings: FakeEmbeddings,
  ): void {
    const byBatch = new Map<number, DocumentInterface[]>();
    for (const document of found) {
      const { batch, item, version } = document.metadata as { batch: number; item: number; version: number };
      expect(document.id).toBe(`b${batch}-${item}`);
      expect(document.pageContent).toBe(`batch ${batch} item ${item} version ${version} review`);
      if (scores !== undefined && queryVector !== undefined) {
        const expected = cosine(queryVector, embeddings.vectorFor(document.pageContent));
        expect(scores.get(document.id!)).toBeCloseTo(expected, 5);
      }
      byBatch.set(batch, [...(byBatch.get(batch) ?? []), document]);
    }
    for (const members of byBatch.values()) {
      expect(members).toHaveLength(BATCH_SIZE);
      expect(new Set(members.map((document) => document.metadata.version)).size).toBe(1);
    }
  }

  it("never returns a half-added batch or a document mixing two versions, through the store and a retriever", async () => {
    // Embedding takes a few event-loop turns (not milliseconds, so the interleaving is deterministic).
    const embeddings = new (class extends FakeEmbeddings {
      override async embedDocuments(texts: string[]): Promise<number[][]> {
        // Batches of one wave finish on different turns: 2, 4, 6 or 8 turns depending on the batch number.
        const batch = Number(/^batch (\d+)/.exec(texts[0] ?? "")?.[1] ?? 0);
        for (let turn = 0; turn < 2 + (batch % 4) * 2; turn += 1) await new Promise((resolve) => setImmediate(resolve));
        return super.embedDocuments(texts);
      }
    })(DIMENSION);
    const store = new MemoryStore(embeddings);
    const retriever = new NaiveRetriever({ store, k: BATCHES * BATCH_SIZE });
    const total = BATCHES * BATCH_SIZE;
    const WAVE = 4;

    let adding = true;
    const writes = (async () => {
      // Waves of concurrent adds: every batch at version 1, then every other batch replaced by version 2.
      for (let first = 0; first < BATCHES; first += WAVE) {
        await Promise.all(Array.from({ length: WAVE }, (_, offset) => store.addDocuments(batchDocuments(first + offset, 1))));
      }
      for (let first = 0; first < BATCHES; first += WAVE * 2) {
        await Promise.all(Array.from({ length: WAVE }, (_, offset) => store.addDocuments(batchDocuments(first + offset * 2, 2))));
      }
    })().finally(() => {
      adding = false;
    });

    const query = "batch item version review";
    const queryVector = await embeddings.embedQuery(query);
    /** Distinct (visible documents, of which version 2) states the readers saw. */
    const states = new Set<string>();
    const record = (found: DocumentInterface[]) =>
      states.add(`${found.length}/${found.filter((document) => document.metadata.version === 2).length}`);
    const readers = Array.from({ length: 4 }, async (_, reader) => {
      while (adding) {
        if (reader === 0) {
          const hits = await store.searchByVector(queryVector, { k: total });
          const found = hits.map((hit) => hit.document);
          checkSnapshot(found, new Map(hits.map((hit) => [hit.document.id!, hit.score])), queryVector, embeddings);
          record(found);
        } else if (reader === 1) {
          const found = await store.listDocuments();
          checkSnapshot(found, undefined, undefined, embeddings);
          record(found);
        } else if (reader === 2) {
          const results = await retriever.search(query);
          const found = results.map((result) => result.document);
          checkSnapshot(found, new Map(results.map((result) => [result.document.id!, result.score])), queryVector, embeddings);
          record(found);
        } else {
          const hits = await store.searchByVector(queryVector, { k: total, filter: { field: "item", operator: "lt", value: BATCH_SIZE } });
          checkSnapshot(
            hits.map((hit) => hit.document),
            undefined,
            undefined,
            embeddings,
          );
          record(hits.map((hit) => hit.document));
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
    await Promise.all([writes, ...readers]);

    // The readers saw the store in many intermediate states (adds in flight), so the checks mean something.
    expect(states.size).toBeGreaterThanOrEqual(BATCHES);
    expect(await store.count()).toBe(total);
    const final = await store.listDocuments();
    checkSnapshot(final, undefined, undefined, embeddings);
    expect(final.filter((document) => document.metadata.version === 2)).toHaveLength((BATCHES / 2) * BATCH_SIZE);
  });
});

function cosine(left: number[], right: number[]): number {
  let dot = 0;
  let leftNorm = 0;
  let rightNorm = 0;
  for (let index = 0; index < left.length; index += 1) {
    dot += left[index]! * right[index]!;
    leftNorm += left[index]! ** 2;
    rightNorm += right[index]! ** 2;
  }
  return dot / Math.sqrt(leftNorm * rightNorm);
}
