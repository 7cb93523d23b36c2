/**
 * The store contract: one suite every `RetrieverVectorStore` (MemoryStore, ChromaStore) must pass.
 * The same seeded random vectors and metadata go into each store, and every answer is compared with a
 * brute-force oracle (float64 cosine, `compileFilter`), so two stores passing it return the same top-k
 * ids for the same vectors and filters, the same listings, and scores within 1e-3.
 *
 * Usage, one test file per store:
 *
 *   describeStoreContract({ name: "MemoryStore", create: async (embeddings) => new MemoryStore(embeddings) });
 */
import { Document, type DocumentInterface } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorCodes } from "../../src/core/errors/error-codes.js";
import { RetrieverError } from "../../src/core/errors/retriever-error.js";
import { compileFilter } from "../../src/core/filter/compile-filter.js";
import type { FilterExpression } from "../../src/core/filter/filter-schema.js";
import { parseFilter } from "../../src/core/filter/parse-filter.js";
import type { RetrieverVectorStore, VectorHit } from "../../src/core/vector-store.js";
import { maximalMarginalRelevance } from "../../src/stores/shared/maximal-marginal-relevance.js";
import { FakeEmbeddings, randomVector, seededRandom } from "./fake-vectors.js";

/** A store under test. */
export interface ContractSubject {
  name: string;
  /** A new, empty store using these embeddings; `label` helps name its collection. */
  create(embeddings: EmbeddingsInterface, label: string): Promise<RetrieverVectorStore>;
  /** Releases what `create` made (e.g. drops the Chroma collection). */
  dispose?(store: RetrieverVectorStore): Promise<void>;
}

export const CONTRACT_DIMENSION = 32;
export const CONTRACT_CORPUS_SIZE = 300;
const SCORE_TOLERANCE = 1e-3;
const K = 10;
const TITLES = ["alpha", "bravo", "charlie", "delta", "echo"] as const;

/** One corpus entry: the document added and its vector. */
export interface CorpusEntry {
  document: DocumentInterface;
  vector: number[];
}

/**
 * The contract corpus: seeded random vectors and metadata exercising every kind of value a store must
 * handle: integers, floats that are sometimes whole (weight = multiples of 0.25), strings, booleans,
 * fields present on some documents only, arrays, null and nested objects.
 */
export function contractCorpus(size = CONTRACT_CORPUS_SIZE, seed = 20_240_601): CorpusEntry[] {
  const random = seededRandom(seed);
  return Array.from({ length: size }, (_, index) => {
    const vector = randomVector(random, CONTRACT_DIMENSION);
    const metadata: Record<string, unknown> = {
      bucket: Math.floor(random() * 4),
      index,
      tag: index % 3 === 0 ? "fizz" : "plain",
      weight: (index % 40) * 0.25,
      title: TITLES[Math.floor(random() * TITLES.length)],
      flag: index % 2 === 0,
    };
    if (index % 5 === 0) metadata.optional = "here";
    if (index % 3 === 1) metadata.rank = index % 7;
    if (index % 10 === 0) metadata.labels = ["red", index % 20 === 0 ? "blue" : "green"];
    if (index % 25 === 0) metadata.note = null;
    if (index % 50 === 0) metadata.loc = { lines: { from: index, to: index + 1 } };
    return {
      vector,
      document: new Document({ id: `doc-${String(index).padStart(4, "0")}`, pageContent: `document number ${index}`, metadata }),
    };
  });
}

/** Filters every store must answer like the oracle (shorthand and canonical forms). */
export const CONTRACT_FILTERS: ReadonlyArray<{ name: string; filter: unknown }> = [
  { name: "eq", filter: { bucket: 1 } },
  { name: "ne", filter: { field: "bucket", operator: "ne", value: 2 } },
  { name: "in", filter: { bucket: [0, 3] } },
  { name: "nin", filter: { field: "tag", operator: "nin", value: ["fizz"] } },
  { name: "integer range", filter: { index: { gte: 100, lt: 200 } } },
  { name: "float lower bound against whole and fractional values", filter: { weight: { gte: 2.5 } } },
  { name: "float upper bound", filter: { weight: { lt: 3.5 } } },
  { name: "float equality", filter: { weight: 0.75 } },
  { name: "in mixing integers and floats", filter: { weight: [1, 1.25, 2] } },
  { name: "boolean", filter: { flag: true } },
  { name: "and / or", filter: { or: [{ bucket: 0 }, { and: [{ tag: "fizz" }, { index: { gt: 150 } }] }] } },
  { name: "not of in", filter: { not: { bucket: [0, 1] } } },
  { name: "not of a range on a field some documents lack", filter: { not: { rank: { gt: 3 } } } },
  { name: "ne on a field some documents lack", filter: { field: "optional", operator: "ne", value: "here" } },
  { name: "nin on a field some documents lack", filter: { field: "rank", operator: "nin", value: [1, 2] } },
  { name: "eq on an array field", filter: { labels: "green" } },
  { name: "in on an array field", filter: { labels: ["blue"] } },
  { name: "contains on an array field", filter: { field: "labels", operator: "contains", value: "red" } },
  { name: "string range", filter: { title: { gt: "charlie" } } },
  { name: "matches nothing", filter: { bucket: 9 } },
];

/** Brute-force top-k: float64 cosine over the documents the filter matches, best first, ties by id. */
export function oracleSearch(
  corpus: CorpusEntry[],
  query: number[],
  k: number,
  filter: unknown,
): Array<{ id: string; score: number; vector: number[] }> {
  const predicate = filter == null ? () => true : compileFilter(parseFilter(filter));
  return corpus
    .filter((entry) => predicate(entry.document.metadata))
    .map((entry) => ({ id: entry.document.id as string, score: cosine(query, entry.vector), vector: entry.vector }))
    .sort((left, right) => right.score - left.score || (left.id < right.id ? -1 : 1))
    .slice(0, k);
}

function cosine(left: number[], right: number[]): number {
  let dot = 0;
  let leftSquares = 0;
  let rightSquares = 0;
  for (let index = 0; index < left.length; index += 1) {
    dot += (left[index] as number) * (right[index] as number);
    leftSquares += (left[index] as number) ** 2;
    rightSquares += (right[index] as number) ** 2;
  }
  return dot / Math.sqrt(leftSquares * rightSquares);
}

function expectSameHits(hits: VectorHit[], expected: Array<{ id: string; score: number }>): void {
  expect(hits.map((hit) => hit.document.id)).toEqual(expected.map((entry) => entry.id));
  hits.forEach((hit, index) => {
    expect(Math.abs(hit.score - (expected[index] as { score: number }).score)).toBeLessThan(SCORE_TOLERANCE);
  });
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(RetrieverError.isInstance(error), `expected a RetrieverError ${code}, got ${String(error)}`).toBe(true);
  expect((error as RetrieverError).code).toBe(code);
}

/** A store the LangChain standard tests run against: ours, or a LangChain store through `fromLangChainVectorStore`. */
export interface StandardSubject {
  name: string;
  /** A new, empty store using these embeddings. */
  create(embeddings: EmbeddingsInterface, label: string): Promise<RetrieverVectorStore>;
  dispose?(store: RetrieverVectorStore): Promise<void>;
  /** The store keeps scalar metadata only (no arrays or nested objects): the copy test uses scalars. @default false */
  scalarMetadataOnly?: boolean;
}

/**
 * LangChain's standard vector store tests (`VectorStoreIntegrationTests` of langchain-tests), behaviour
 * for behaviour, on the library's interface (`searchByVector` of an embedded query for
 * `similarity_search`), plus deep copies on the way in and out.
 */
export function describeStandardVectorStoreTests(subject: StandardSubject): void {
  const embeddings = new FakeEmbeddings(CONTRACT_DIMENSION);
  const created: RetrieverVectorStore[] = [];
  const fresh = async (label: string) => {
    const store = await subject.create(embeddings, label);
    created.push(store);
    return store;
  };
  const similaritySearch = async (store: RetrieverVectorStore, query: string, k: number) =>
    (await store.searchByVector(await embeddings.embedQuery(query), { k })).map((hit) => hit.document);
  const plain = (documents: DocumentInterface[]) =>
    documents.map((document) => ({ id: document.id, pageContent: document.pageContent, metadata: document.metadata }));
  const getByIds = async (store: RetrieverVectorStore, ids: string[]) => {
    expect(typeof store.getByIds).toBe("function");
    return plain(await (store.getByIds as (ids: string[]) => Promise<DocumentInterface[]>).call(store, ids));
  };

  describe(`${subject.name} passes LangChain's standard vector store tests`, () => {
    afterAll(async () => {
      for (const store of created) await subject.dispose?.(store);
    });

    it("is empty when created", async () => {
      expect(await similaritySearch(await fresh("std-empty"), "foo", 1)).toEqual([]);
    });

    it("adds documents without mutating them, and finds them with their ids", async () => {
      const store = await fresh("std-add");
      const originals = [
        new Document({ pageContent: "foo", metadata: { id: 1 } }),
        new Document({ pageContent: "bar", metadata: { id: 2 } }),
      ];
      const ids = await store.addDocuments(originals);
      expect(ids).toHaveLength(2);
      expect(plain(await similaritySearch(store, "bar", 2))).toEqual([
        { id: ids[1], pageContent: "bar", metadata: { id: 2 } },
        { id: ids[0], pageContent: "foo", metadata: { id: 1 } },
      ]);
      expect(plain(originals)).toEqual([
        { id: undefined, pageContent: "foo", metadata: { id: 1 } },
        { id: undefined, pageContent: "bar", metadata: { id: 2 } },
      ]);
    });

    it("deletes documents, one or several, and ignores missing ids", async () => {
      const store = await fresh("std-delete");
      const documents = ["foo", "bar", "baz"].map((text, index) => new Document({ pageContent: text, metadata: { id: index + 1 } }));
      expect(await store.addDocuments(documents, { ids: ["1", "2", "3"] })).toEqual(["1", "2", "3"]);
      await store.delete({ ids: ["1"] });
      expect(
        plain(await similaritySearch(store, "foo", 3))
          .map((document) => document.id)
          .sort(),
      ).toEqual(["2", "3"]);
      await store.delete({ ids: ["2", "missing"] });
      expect(plain(await similaritySearch(store, "foo", 1))).toEqual([{ id: "3", pageContent: "baz", metadata: { id: 3 } }]);
      await store.delete({ ids: ["1", "2", "3"] });
      await store.delete({ ids: ["1"] });
      expect(await similaritySearch(store, "foo", 1)).toEqual([]);
    });

    it("adding by id is idempotent, and re-adding an id overwrites its content", async () => {
      const store = await fresh("std-idempotent");
      const documents = [
        new Document({ pageContent: "foo", metadata: { id: 1 } }),
        new Document({ pageContent: "bar", metadata: { id: 2 } }),
      ];
      await store.addDocuments(documents, { ids: ["1", "2"] });
      await store.addDocuments(documents, { ids: ["1", "2"] });
      expect(plain(await similaritySearch(store, "bar", 5))).toEqual([
        { id: "2", pageContent: "bar", metadata: { id: 2 } },
        { id: "1", pageContent: "foo", metadata: { id: 1 } },
      ]);
      await store.addDocuments([new Document({ pageContent: "new foo", metadata: { id: 1, some_other_field: "foo" } })], { ids: ["1"] });
      expect(plain(await similaritySearch(store, "new foo", 5))).toEqual([
        { id: "1", pageContent: "new foo", metadata: { id: 1, some_other_field: "foo" } },
        { id: "2", pageContent: "bar", metadata: { id: 2 } },
      ]);
    });

    it("gets documents by id in the order asked, skipping missing ids", async () => {
      const store = await fresh("std-get-by-ids");
      expect(await getByIds(store, ["1", "2", "3"])).toEqual([]);
      const ids = await store.addDocuments(
        [new Document({ pageContent: "foo", metadata: { id: 1 } }), new Document({ pageContent: "bar", metadata: { id: 2 } })],
        { ids: ["1", "2"] },
      );
      expect(await getByIds(store, ids)).toEqual([
        { id: "1", pageContent: "foo", metadata: { id: 1 } },
        { id: "2", pageContent: "bar", metadata: { id: 2 } },
      ]);
      expect(await getByIds(store, ["2", "missing", "1"])).toEqual([
        { id: "2", pageContent: "bar", metadata: { id: 2 } },
        { id: "1", pageContent: "foo", metadata: { id: 1 } },
      ]);
    });

    it("generates string ids for documents without one and keeps the ids documents carry", async () => {
      const store = await fresh("std-existing-ids");
      const generated = await store.addDocuments([
        new Document({ pageContent: "foo", metadata: { id: 1 } }),
        new Document({ pageContent: "bar", metadata: { id: 2 } }),
      ]);
      expect(generated.every((id) => typeof id === "string" && id.length > 0)).toBe(true);
      expect(await getByIds(store, generated)).toEqual([
        { id: generated[0], pageContent: "foo", metadata: { id: 1 } },
        { id: generated[1], pageContent: "bar", metadata: { id: 2 } },
      ]);
      const mixed = await store.addDocuments([
        new Document({ id: "foo", pageContent: "foo", metadata: { id: 1 } }),
        new Document({ pageContent: "baz", metadata: { id: 3 } }),
      ]);
      expect(mixed[0]).toBe("foo");
      expect(await getByIds(store, mixed)).toEqual([
        { id: "foo", pageContent: "foo", metadata: { id: 1 } },
        { id: mixed[1], pageContent: "baz", metadata: { id: 3 } },
      ]);
    });

    it("copies documents on the way out: editing a returned document changes nothing stored", async () => {
      const store = await fresh("std-copy-out");
      await store.addDocuments([new Document({ id: "copied", pageContent: "foo", metadata: { label: "red" } })]);
      const [found] = await similaritySearch(store, "foo", 1);
      expect(found?.metadata).toEqual({ label: "red" });
      (found as DocumentInterface).metadata.label = "mutated after search";
      const [listed] = await store.listDocuments({ limit: 1 });
      expect(listed?.metadata).toEqual({ label: "red" });
      (listed as DocumentInterface).metadata.label = "mutated after listing";
      expect((await getByIds(store, ["copied"]))[0]?.metadata).toEqual({ label: "red" });
    });

    // Skipped only for stores that cannot hold nested metadata at all (scalarMetadataOnly: the community Chroma store, which
    // keeps scalars only); every other store runs it.
    it.skipIf(subject.scalarMetadataOnly === true)("copies documents deeply on the way in and out (arrays, nested objects)", async () => {
      const store = await fresh("std-deep-copy");
      const labels = ["red", "green"];
      const document = new Document({ id: "copied", pageContent: "foo", metadata: { labels, nested: { depth: { value: 1 } } } });
      await store.addDocuments([document]);
      labels.push("mutated after add");
      (document.metadata.nested as { depth: { value: number } }).depth.value = 99;
      const [found] = await similaritySearch(store, "foo", 1);
      expect(found?.metadata).toEqual({ labels: ["red", "green"], nested: { depth: { value: 1 } } });
      (found?.metadata.labels as string[]).push("mutated after search");
      const [listed] = await store.listDocuments({ limit: 1 });
      expect(listed?.metadata).toEqual({ labels: ["red", "green"], nested: { depth: { value: 1 } } });
      (listed?.metadata.labels as string[]).push("mutated after listing");
      expect((await getByIds(store, ["copied"]))[0]?.metadata).toEqual({ labels: ["red", "green"], nested: { depth: { value: 1 } } });
    });
  });
}

/** Registers the contract's tests for one store. */
export function describeStoreContract(subject: ContractSubject): void {
  describeStandardVectorStoreTests(subject);
  const embeddings = new FakeEmbeddings(CONTRACT_DIMENSION);
  const created: RetrieverVectorStore[] = [];
  const fresh = async (label: string) => {
    const store = await subject.create(embeddings, label);
    created.push(store);
    return store;
  };

  describe(`${subject.name} passes the store contract`, () => {
    const corpus = contractCorpus();
    const queryRandom = seededRandom(77);
    const queries = Array.from({ length: 5 }, () => randomVector(queryRandom, CONTRACT_DIMENSION));
    let store: RetrieverVectorStore;

    beforeAll(async () => {
      store = await fresh("contract-corpus");
      const ids = await store.addVectors(
        corpus.map((entry) => entry.vector),
        corpus.map((entry) => entry.document),
      );
      expect(ids).toEqual(corpus.map((entry) => entry.document.id));
    });

    afterAll(async () => {
      for (const store of created) await subject.dispose?.(store);
    });

    it("counts the documents added", async () => {
      expect(await store.count()).toBe(CONTRACT_CORPUS_SIZE);
    });

    it("returns the exact top-k by cosine similarity, with similarity scores", async () => {
      for (const query of queries) {
        expectSameHits(await store.searchByVector(query, { k: K }), oracleSearch(corpus, query, K, null));
      }
    });

    it("returns fewer hits than k when fewer documents match, and none when k exceeds nothing", async () => {
      const query = queries[0] as number[];
      expectSameHits(await store.searchByVector(query, { k: 1_000 }), oracleSearch(corpus, query, 1_000, null));
    });

    for (const { name, filter } of CONTRACT_FILTERS) {
      it(`filters before ranking: ${name}`, async () => {
        for (const query of queries.slice(0, 2)) {
          const canonical = parseFilter(filter);
          expectSameHits(await store.searchByVector(query, { k: K, filter: canonical }), oracleSearch(corpus, query, K, filter));
        }
      });
    }

    const wideFilters: ReadonlyArray<{ name: string; filter: unknown }> = [
      { name: "an or of 20,000 comparisons", filter: { or: Array.from({ length: 20_000 }, (_, term) => ({ index: term * 3 })) } },
      { name: "an in of 20,000 values", filter: { index: Array.from({ length: 20_000 }, (_, term) => term * 2 + 1) } },
      {
        name: "a nin of 20,000 values",
        filter: { field: "index", operator: "nin", value: Array.from({ length: 20_000 }, (_, term) => term * 2) },
      },
      {
        name: "an and of a narrow condition and an in of 20,000 strings",
        filter: {
          and: [
            { bucket: [1, 2] },
            {
              field: "title",
              operator: "in",
              value: Array.from({ length: 20_000 }, (_, term) => (term === 7 ? "delta" : `title-${term}`)),
            },
          ],
        },
      },
    ];
    for (const { name, filter } of wideFilters) {
      it(`answers a filter of 20,000 terms like the oracle (search and listing): ${name}`, async () => {
        const canonical = parseFilter(filter);
        const predicate = compileFilter(canonical);
        const expected = corpus.filter((entry) => predicate(entry.document.metadata)).map((entry) => entry.document.id);
        expect(expected.length).toBeGreaterThan(10);
        for (const query of queries.slice(0, 2)) {
          expectSameHits(await store.searchByVector(query, { k: K, filter: canonical }), oracleSearch(corpus, query, K, filter));
        }
        expect((await store.listDocuments({ filter: canonical })).map((document) => document.id)).toEqual(expected);
      });
    }

    it("lists documents in id order, with their full metadata, filtered and limited", async () => {
      const all = await store.listDocuments({ limit: 7 });
      expect(all.map((document) => document.id)).toEqual(corpus.slice(0, 7).map((entry) => entry.document.id));
      const filter = parseFilter({ or: [{ tag: "fizz" }, { labels: "blue" }] }) as FilterExpression;
      const predicate = compileFilter(filter);
      const expected = corpus.filter((entry) => predicate(entry.document.metadata)).map((entry) => entry.document);
      const listed = await store.listDocuments({ filter });
      expect(listed.map((document) => document.id)).toEqual(expected.map((document) => document.id));
      listed.forEach((document, index) => {
        expect(document.pageContent).toBe(expected[index]?.pageContent);
        expect(document.metadata).toEqual(expected[index]?.metadata);
      });
    });

    it("returns documents with their id, text and metadata unchanged (null, arrays, nested objects)", async () => {
      const entry = corpus[0] as CorpusEntry;
      const [hit] = await store.searchByVector(entry.vector, { k: 1 });
      expect(hit?.document.id).toBe(entry.document.id);
      expect(hit?.document.pageContent).toBe(entry.document.pageContent);
      expect(hit?.document.metadata).toEqual(entry.document.metadata);
      expect(hit?.score).toBeGreaterThan(1 - SCORE_TOLERANCE);
    });

    it("selects by maximal marginal relevance like the reference algorithm, with and without a filter", async () => {
      for (const filter of [null, parseFilter({ bucket: [1, 2] })]) {
        const query = queries[1] as number[];
        const candidates = oracleSearch(corpus, query, 20, filter);
        const selection = maximalMarginalRelevance({
          query,
          candidates: candidates.map((candidate) => candidate.vector),
          k: 5,
          lambda: 0.5,
        });
        const hits = await store.maximalMarginalRelevanceByVector(query, { k: 5, fetchK: 20, lambda: 0.5, filter });
        expectSameHits(
          hits,
          selection.map((index) => candidates[index] as { id: string; score: number }),
        );
      }
    });

    it("refuses a query vector of another dimension (DIMENSION_MISMATCH) and a malformed filter (INVALID_FILTER)", async () => {
      await expectCode(store.searchByVector([1, 2, 3], { k: 3 }), ErrorCodes.DIMENSION_MISMATCH);
      await expectCode(
        store.searchByVector(queries[0] as number[], {
          k: 3,
          filter: { field: "bucket", operator: "between", value: 1 } as unknown as FilterExpression,
        }),
        ErrorCodes.INVALID_FILTER,
      );
      await expectCode(store.searchByVector([Number.NaN, ...(queries[0] as number[]).slice(1)], { k: 3 }), ErrorCodes.INVALID_VECTOR);
    });

    it("an empty store answers nothing", async () => {
      const empty = await fresh("contract-empty");
      expect(await empty.count()).toBe(0);
      expect(await empty.searchByVector(queries[0] as number[], { k: 3 })).toEqual([]);
      expect(await empty.listDocuments()).toEqual([]);
      await empty.delete({ ids: ["missing"] });
    });

    it("upserts: adding an existing id replaces its text, metadata and vector", async () => {
      const small = await fresh("contract-upsert");
      const entries = contractCorpus(40, 5);
      await small.addVectors(
        entries.map((entry) => entry.vector),
        entries.map((entry) => entry.document),
      );
      const target = entries[3] as CorpusEntry;
      const newVector = (entries[20] as CorpusEntry).vector.map((value) => -value);
      await small.addVectors(
        [newVector],
        [new Document({ id: target.document.id as string, pageContent: "replaced", metadata: { bucket: 42 } })],
      );
      expect(await small.count()).toBe(40);
      const [hit] = await small.searchByVector(newVector, { k: 1 });
      expect(hit?.document).toMatchObject({ id: target.document.id, pageContent: "replaced", metadata: { bucket: 42 } });
      expect((await small.listDocuments({ filter: parseFilter({ bucket: 42 }) })).map((document) => document.id)).toEqual([
        target.document.id,
      ]);
      // The old vector no longer finds it first.
      const [old] = await small.searchByVector(target.vector, { k: 1 });
      expect(old?.document.id).not.toBe(target.document.id);
    });

    it("is idempotent: re-adding documents without ids (content-hash ids) stores them once", async () => {
      const small = await fresh("contract-idempotent");
      const documents = contractCorpus(12, 9).map(
        (entry) => new Document({ pageContent: entry.document.pageContent, metadata: entry.document.metadata }),
      );
      const first = await small.addDocuments(documents);
      const second = await small.addDocuments(documents);
      expect(second).toEqual(first);
      expect(new Set(first).size).toBe(12);
      expect(await small.count()).toBe(12);
    });

    it("deletes by id, ignoring unknown ids", async () => {
      const small = await fresh("contract-delete");
      const entries = contractCorpus(30, 11);
      await small.addVectors(
        entries.map((entry) => entry.vector),
        entries.map((entry) => entry.document),
      );
      const removed = [entries[0], entries[7], entries[29]].map((entry) => entry?.document.id as string);
      await small.delete({ ids: [...removed, "never-added"] });
      expect(await small.count()).toBe(27);
      const remaining = entries.filter((entry) => !removed.includes(entry.document.id as string));
      const hits = await small.searchByVector((entries[7] as CorpusEntry).vector, { k: 30 });
      expect(hits.map((hit) => hit.document.id).sort()).toEqual(remaining.map((entry) => entry.document.id).sort());
      expect((await small.listDocuments()).map((document) => document.id)).toEqual(remaining.map((entry) => entry.document.id));
    });

    it("refuses documents whose vectors have another dimension, storing none of them", async () => {
      const small = await fresh("contract-dimension");
      const entries = contractCorpus(3, 13);
      await small.addVectors(
        entries.map((entry) => entry.vector),
        entries.map((entry) => entry.document),
      );
      await expectCode(
        small.addVectors(
          [[...(entries[0] as CorpusEntry).vector], [1, 2, 3]],
          [new Document({ id: "new-1", pageContent: "x" }), new Document({ id: "new-2", pageContent: "y" })],
        ),
        ErrorCodes.DIMENSION_MISMATCH,
      );
      expect(await small.count()).toBe(3);
    });
  });
}
