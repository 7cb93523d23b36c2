import { MemoryVectorStore } from "@langchain/classic/vectorstores/memory";
import { Document, type DocumentInterface } from "@langchain/core/documents";
import { describe, expect, it, vi } from "vitest";
import { ErrorCodes } from "../../core/errors/error-codes.js";
import { compileFilter } from "../../core/filter/compile-filter.js";
import type { FilterExpression } from "../../core/filter/filter-schema.js";
import { FakeEmbeddings, randomCorpus, randomVector, seededRandom } from "../../../test/stores/fake-vectors.js";
import { contentHashId } from "../shared/content-hash.js";
import { MemoryStore, MINIMUM_PACKED_ROWS } from "./memory-store.js";
import type { KernelName } from "./vector-matrix.js";
import { WasmVectorMatrix } from "./wasm-vector-matrix.js";

const DIMENSION = 24;
const KERNELS: KernelName[] = ["wasm-simd", "javascript"];

function theirFilter(filter: FilterExpression | undefined): ((document: DocumentInterface) => boolean) | undefined {
  if (!filter) return undefined;
  const predicate = compileFilter(filter);
  return (document) => predicate(document.metadata);
}

async function buildBoth(count: number, kernel: KernelName, seed = 1) {
  const { vectors, documents } = randomCorpus(seed, count, DIMENSION);
  const embeddings = new FakeEmbeddings(DIMENSION);
  const ours = new MemoryStore(embeddings, { kernel });
  await ours.addVectors(vectors, documents);
  const theirs = new MemoryVectorStore(embeddings);
  await theirs.addVectors(vectors, documents);
  return { ours, theirs, vectors, documents, embeddings };
}

function expectSameHits(ours: Array<[DocumentInterface, number]>, theirs: Array<[DocumentInterface, number]>): void {
  expect(ours.map(([document]) => document.id)).toEqual(theirs.map(([document]) => document.id));
  ours.forEach(([, score], index) => expect(Math.abs(score - (theirs[index]?.[1] as number))).toBeLessThan(1e-5));
}

describe.each(KERNELS)("MemoryStore (%s kernel) against LangChain's MemoryVectorStore", (kernel) => {
  const filters: Array<[string, FilterExpression | undefined]> = [
    ["no filter", undefined],
    ["bucket in [0] (about 25%)", { field: "bucket", operator: "in", value: [0] }],
    [
      "tag = fizz and index < 900",
      {
        and: [
          { field: "tag", operator: "eq", value: "fizz" },
          { field: "index", operator: "lt", value: 900 },
        ],
      },
    ],
    ["not bucket = 3", { not: { field: "bucket", operator: "eq", value: 3 } }],
  ];

  it.each(filters)("gives the same top-k ids and scores (1e-5) with %s", async (_name, filter) => {
    const { ours, theirs } = await buildBoth(2400, kernel); // 25% of 2400 rows is enough to be packed
    const random = seededRandom(99);
    for (let query = 0; query < 12; query += 1) {
      const vector = randomVector(random, DIMENSION);
      for (const k of [1, 10, 37]) {
        const expected = await theirs.similaritySearchVectorWithScore(vector, k, theirFilter(filter));
        expectSameHits(await ours.similaritySearchVectorWithScore(vector, k, filter), expected);
        const hits = await ours.searchByVector(vector, { k, filter });
        expect(hits.map((hit) => hit.document.id)).toEqual(expected.map(([document]) => document.id));
      }
    }
  });

  it("returns the stored text and metadata with each hit, as copies", async () => {
    const { ours, documents, vectors } = await buildBoth(50, kernel);
    const [hit] = await ours.searchByVector(vectors[7] as number[], { k: 1 });
    expect(hit?.document.id).toBe(documents[7]?.id);
    expect(hit?.document.pageContent).toBe(documents[7]?.pageContent);
    expect(hit?.document.metadata).toEqual(documents[7]?.metadata);
    expect(hit?.score).toBeCloseTo(1, 5);
    hit!.document.metadata.bucket = 99;
    const [again] = await ours.searchByVector(vectors[7] as number[], { k: 1 });
    expect(again?.document.metadata.bucket).toBe(documents[7]?.metadata.bucket);
  });

  it("gives the same MMR selection as MemoryVectorStore.maxMarginalRelevanceSearch", async () => {
    const { ours, theirs, embeddings } = await buildBoth(800, kernel, 5);
    for (const [query, lambda, filter] of [
      ["a question", 0.5, undefined],
      ["another question", 0.2, { field: "bucket", operator: "in", value: [1, 2] }],
      ["third", 1, undefined],
    ] as Array<[string, number, FilterExpression | undefined]>) {
      const expected = await theirs.maxMarginalRelevanceSearch(query, { k: 6, fetchK: 30, lambda, filter: theirFilter(filter) });
      const documents = await ours.maxMarginalRelevanceSearch(query, { k: 6, fetchK: 30, lambda, filter }, undefined);
      expect(documents.map((document) => document.id)).toEqual(expected.map((document) => document.id));
      const hits = await ours.maximalMarginalRelevanceByVector(await embeddings.embedQuery(query), { k: 6, fetchK: 30, lambda, filter });
      expect(hits.map((hit) => hit.document.id)).toEqual(expected.map((document) => document.id));
      // MMR hits carry their similarity to the query.
      for (const hit of hits) {
        const [similar] = await ours.searchByVector(await embeddings.embedQuery(query), {
          k: 1,
          filter: { field: "index", operator: "eq", value: hit.document.metadata.index as number },
        });
        expect(hit.score).toBeCloseTo(similar?.score as number, 6);
      }
    }
  });
});

describe("MemoryStore filtered search", () => {
  it("packs a repeated filter's rows and still returns exactly the in-place results", async () => {
    const count = MINIMUM_PACKED_ROWS * 6;
    const { ours, theirs } = await buildBoth(count, "wasm-simd", 11);
    const unpacked = new MemoryStore(new FakeEmbeddings(DIMENSION), { filterPackingRatio: 0 });
    const { vectors, documents } = randomCorpus(11, count, DIMENSION);
    await unpacked.addVectors(vectors, documents);
    const filter: FilterExpression = { field: "bucket", operator: "in", value: [0, 1] };
    const random = seededRandom(4);
    for (let query = 0; query < 5; query += 1) {
      const vector = randomVector(random, DIMENSION);
      const packedHits = await ours.similaritySearchVectorWithScore(vector, 10, filter);
      expect(packedHits).toEqual(await unpacked.similaritySearchVectorWithScore(vector, 10, filter));
      expectSameHits(packedHits, await theirs.similaritySearchVectorWithScore(vector, 10, theirFilter(filter)));
    }
    expect(ours.vectorBytes).toBeGreaterThan(unpacked.vectorBytes);
  });

  it("sees writes made after a filter was cached", async () => {
    const store = new MemoryStore(new FakeEmbeddings(DIMENSION));
    const { vectors, documents } = randomCorpus(3, MINIMUM_PACKED_ROWS * 3, DIMENSION);
    await store.addVectors(vectors, documents);
    const filter: FilterExpression = { field: "bucket", operator: "eq", value: 2 };
    const query = vectors[0] as number[];
    await store.searchByVector(query, { k: 3, filter });
    await store.searchByVector(query, { k: 3, filter }); // packed now
    // A new exact match of the query in bucket 2 must win at once.
    await store.addVectors([query], [new Document({ id: "new", pageContent: "new", metadata: { bucket: 2 } })]);
    expect((await store.searchByVector(query, { k: 1, filter }))[0]?.document.id).toBe("new");
    // Moving it out of the bucket (upsert) removes it from the filtered results.
    await store.addVectors([query], [new Document({ id: "new", pageContent: "new", metadata: { bucket: 1 } })]);
    expect((await store.searchByVector(query, { k: 5, filter })).map((hit) => hit.document.id)).not.toContain("new");
    await store.delete({ ids: ["new"] });
    expect((await store.searchByVector(query, { k: 1 }))[0]?.document.id).toBe("doc-0000");
  });

  it("accepts the shorthand filter spelling and rejects malformed or function filters", async () => {
    const { ours } = await buildBoth(200, "wasm-simd");
    const vector = randomVector(seededRandom(1), DIMENSION);
    const canonical = await ours.searchByVector(vector, { k: 5, filter: { field: "bucket", operator: "in", value: [1] } });
    const shorthand = await ours.searchByVector(vector, { k: 5, filter: { bucket: [1] } as unknown as FilterExpression });
    expect(shorthand).toEqual(canonical);
    await expect(
      ours.searchByVector(vector, { k: 5, filter: { field: "bucket", operator: "between", value: 1 } as unknown as FilterExpression }),
    ).rejects.toMatchObject({
      code: ErrorCodes.INVALID_FILTER,
    });
    await expect(
      ours.similaritySearchVectorWithScore(
        vector,
        5,
        ((document: DocumentInterface) => document.metadata.bucket === 1) as unknown as FilterExpression,
      ),
    ).rejects.toMatchObject({
      code: ErrorCodes.INVALID_FILTER,
    });
  });

  it("returns nothing when no document matches", async () => {
    const { ours } = await buildBoth(100, "wasm-simd");
    expect(
      await ours.searchByVector(randomVector(seededRandom(2), DIMENSION), { k: 5, filter: { field: "bucket", operator: "eq", value: 42 } }),
    ).toEqual([]);
  });
});

describe("MemoryStore scores and ordering", () => {
  it("drops hits under scoreThreshold", async () => {
    const { ours } = await buildBoth(400, "wasm-simd");
    const vector = randomVector(seededRandom(8), DIMENSION);
    const all = await ours.searchByVector(vector, { k: 400 });
    const threshold = all[20]?.score as number;
    const kept = await ours.searchByVector(vector, { k: 400, scoreThreshold: threshold });
    expect(kept.length).toBeGreaterThanOrEqual(21);
    expect(kept.every((hit) => hit.score >= threshold)).toBe(true);
    expect(kept).toEqual(all.filter((hit) => hit.score >= threshold));
    expect(await ours.searchByVector(vector, { k: 5, scoreThreshold: 1 })).toEqual([]);
    await expect(ours.searchByVector(vector, { k: 5, scoreThreshold: 2 })).rejects.toMatchObject({
      code: ErrorCodes.INVALID_OPTION,
      option: "scoreThreshold",
    });
  });

  it("breaks ties by insertion order, also after deletes and upserts", async () => {
    const store = new MemoryStore(new FakeEmbeddings(2));
    const same = [1, 1];
    await store.addVectors(
      [same, same, same, same, [1, 0]],
      ["a", "b", "c", "d", "e"].map((id) => new Document({ id, pageContent: id, metadata: {} })),
    );
    expect((await store.searchByVector([2, 2], { k: 4 })).map((hit) => hit.document.id)).toEqual(["a", "b", "c", "d"]);
    await store.delete({ ids: ["a"] }); // the last row moves into a's slot internally
    expect((await store.searchByVector([2, 2], { k: 3 })).map((hit) => hit.document.id)).toEqual(["b", "c", "d"]);
    await store.addVectors([same], [new Document({ id: "b", pageContent: "b again", metadata: {} })]);
    expect((await store.searchByVector([2, 2], { k: 3 })).map((hit) => hit.document.id)).toEqual(["b", "c", "d"]);
    await store.addVectors([same], [new Document({ id: "a", pageContent: "a", metadata: {} })]);
    expect((await store.searchByVector([2, 2], { k: 4 })).map((hit) => hit.document.id)).toEqual(["b", "c", "d", "a"]);
  });

  it("reports cosine similarity, scale-invariant and within [-1, 1]", async () => {
    const store = new MemoryStore(new FakeEmbeddings(3));
    await store.addVectors(
      [
        [3, 0, 0],
        [0, 5, 0],
        [-2, 0, 0],
      ],
      ["x", "y", "minus-x"].map((id) => new Document({ id, pageContent: id, metadata: {} })),
    );
    const hits = await store.searchByVector([10, 0, 0], { k: 3 });
    expect(hits.map((hit) => [hit.document.id, hit.score])).toEqual([
      ["x", 1],
      ["y", 0],
      ["minus-x", -1],
    ]);
  });
});

describe("MemoryStore writes", () => {
  it("upserts in place: same id replaces text, metadata and vector without growing", async () => {
    const store = new MemoryStore(new FakeEmbeddings(4));
    await store.addVectors(
      [
        [1, 0, 0, 0],
        [0, 1, 0, 0],
      ],
      [
        new Document({ id: "one", pageContent: "first", metadata: { v: 1 } }),
        new Document({ id: "two", pageContent: "second", metadata: { v: 1 } }),
      ],
    );
    await store.addVectors([[0, 0, 1, 0]], [new Document({ id: "one", pageContent: "first, edited", metadata: { v: 2 } })]);
    expect(await store.count()).toBe(2);
    const [hit] = await store.searchByVector([0, 0, 1, 0], { k: 1 });
    expect(hit?.document).toMatchObject({ id: "one", pageContent: "first, edited", metadata: { v: 2 } });
    expect(hit?.score).toBeCloseTo(1, 6);
    expect((await store.searchByVector([1, 0, 0, 0], { k: 1 }))[0]?.score).toBeCloseTo(0, 6);
  });

  it("takes ids from options.ids, else document.id, else a content hash; the last duplicate in a batch wins", async () => {
    const embeddings = new FakeEmbeddings(4);
    const store = new MemoryStore(embeddings);
    const anonymous = new Document({ pageContent: "no id", metadata: { source: "x" } });
    const ids = await store.addDocuments([anonymous, new Document({ id: "given", pageContent: "with id", metadata: {} })]);
    expect(ids).toEqual([contentHashId(anonymous), "given"]);
    expect(
      await store.addDocuments([new Document({ id: "ignored", pageContent: "explicit", metadata: {} })], { ids: ["explicit"] }),
    ).toEqual(["explicit"]);
    expect(await store.addDocuments([new Document({ pageContent: "no id", metadata: { source: "x" } })])).toEqual([
      contentHashId(anonymous),
    ]);
    expect(await store.count()).toBe(3);
    await store.addVectors(
      [
        [1, 0, 0, 0],
        [0, 1, 0, 0],
      ],
      [new Document({ pageContent: "first", metadata: {} }), new Document({ pageContent: "second", metadata: {} })],
      { ids: ["dup", "dup"] },
    );
    expect(await store.count()).toBe(4);
    expect((await store.listDocuments({ filter: null })).find((document) => document.id === "dup")?.pageContent).toBe("second");
  });

  it("deletes by id, ignoring unknown ids, and keeps every other document findable", async () => {
    const { ours, vectors } = await buildBoth(300, "wasm-simd", 21);
    const deleted = ["doc-0000", "doc-0150", "doc-0299", "doc-0042"];
    await ours.delete({ ids: [...deleted, "not-there"] });
    expect(await ours.count()).toBe(296);
    for (let index = 0; index < 300; index += 1) {
      const id = `doc-${String(index).padStart(4, "0")}`;
      const [hit] = await ours.searchByVector(vectors[index] as number[], { k: 1 });
      if (deleted.includes(id)) expect(hit?.document.id).not.toBe(id);
      else expect(hit?.document.id).toBe(id);
    }
    await ours.delete({ ids: [] });
    expect(await ours.count()).toBe(296);
    await expect(ours.delete({} as { ids: string[] })).rejects.toMatchObject({ code: ErrorCodes.INVALID_OPTION });
  });

  it("lists documents by id, filtered and limited", async () => {
    const { ours, documents } = await buildBoth(60, "javascript", 2);
    const listed = await ours.listDocuments({ filter: { field: "tag", operator: "eq", value: "fizz" }, limit: 5 });
    const expected = documents
      .filter((document) => document.metadata.tag === "fizz")
      .map((document) => document.id as string)
      .sort()
      .slice(0, 5);
    expect(listed.map((document) => document.id)).toEqual(expected);
    expect((await ours.listDocuments()).map((document) => document.id)).toEqual(documents.map((document) => document.id as string).sort());
    await expect(ours.listDocuments({ limit: 0 })).rejects.toMatchObject({ code: ErrorCodes.INVALID_OPTION, option: "limit" });
  });

  it("grows past its initial capacity with appends", async () => {
    const store = new MemoryStore(new FakeEmbeddings(DIMENSION), { initialCapacity: 1 });
    const { vectors, documents } = randomCorpus(9, 700, DIMENSION);
    for (let start = 0; start < 700; start += 7) await store.addVectors(vectors.slice(start, start + 7), documents.slice(start, start + 7));
    expect(await store.count()).toBe(700);
    for (const index of [0, 1, 350, 699])
      expect((await store.searchByVector(vectors[index] as number[], { k: 1 }))[0]?.document.id).toBe(documents[index]?.id);
  });

  it("builds from documents and from texts (LangChain statics)", async () => {
    const embeddings = new FakeEmbeddings(8);
    const fromTexts = await MemoryStore.fromTexts(["alpha", "beta"], [{ n: 1 }, { n: 2 }], embeddings);
    expect(await fromTexts.count()).toBe(2);
    const [hit] = await fromTexts.similaritySearch("beta", 1);
    expect(hit).toMatchObject({ pageContent: "beta", metadata: { n: 2 } });
    const fromDocuments = await MemoryStore.fromDocuments([new Document({ id: "x", pageContent: "gamma", metadata: {} })], embeddings);
    expect((await fromDocuments.similaritySearchWithScore("gamma", 1))[0]?.[0].id).toBe("x");
    expect(fromDocuments._vectorstoreType()).toBe("advanced_retrievers_memory");
  });

  it("works as a LangChain retriever, including MMR, with the library's filter", async () => {
    const embeddings = new FakeEmbeddings(8);
    const store = await MemoryStore.fromTexts(
      ["red apple", "green apple", "blue sky", "red car"],
      [{ color: "red" }, { color: "green" }, { color: "blue" }, { color: "red" }],
      embeddings,
    );
    const retriever = store.asRetriever({ k: 2, filter: { field: "color", operator: "eq", value: "red" } });
    const documents = await retriever.invoke("red apple");
    expect(documents.map((document) => document.pageContent).sort()).toEqual(["red apple", "red car"]);
    const mmr = store.asRetriever({ k: 2, searchType: "mmr", searchKwargs: { fetchK: 4, lambda: 0.5 } });
    expect(await mmr.invoke("red apple")).toHaveLength(2);
  });
});

describe("MemoryStore validation", () => {
  it("rejects NaN and Infinity vectors, naming the document, and stores nothing of the batch", async () => {
    const store = new MemoryStore(new FakeEmbeddings(3));
    const documents = ["ok", "bad"].map((id) => new Document({ id, pageContent: id, metadata: {} }));
    await expect(
      store.addVectors(
        [
          [1, 2, 3],
          [1, Number.NaN, 3],
        ],
        documents,
      ),
    ).rejects.toMatchObject({ code: ErrorCodes.INVALID_VECTOR, message: expect.stringContaining('"bad"') });
    await expect(
      store.addVectors(
        [
          [1, 2, 3],
          [1, Infinity, 3],
        ],
        documents,
      ),
    ).rejects.toMatchObject({ code: ErrorCodes.INVALID_VECTOR });
    await expect(store.addVectors([[0, 0, 0]], [documents[0] as DocumentInterface])).rejects.toMatchObject({
      code: ErrorCodes.INVALID_VECTOR,
    });
    expect(await store.count()).toBe(0);
    await store.addVectors([[1, 2, 3]], [documents[0] as DocumentInterface]);
    await expect(store.searchByVector([Number.NaN, 0, 0], { k: 1 })).rejects.toMatchObject({ code: ErrorCodes.INVALID_VECTOR });
  });

  it("rejects vectors of the wrong dimension, naming the document and the expected dimension", async () => {
    const store = new MemoryStore(new FakeEmbeddings(3));
    await store.addVectors([[1, 2, 3]], [new Document({ id: "first", pageContent: "first", metadata: {} })]);
    const error = await store
      .addVectors([[1, 2]], [new Document({ id: "short", pageContent: "short", metadata: {} })])
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: ErrorCodes.DIMENSION_MISMATCH });
    expect((error as Error).message).toContain('"short"');
    expect((error as Error).message).toContain("3");
    await expect(store.searchByVector([1, 2, 3, 4], { k: 1 })).rejects.toMatchObject({ code: ErrorCodes.DIMENSION_MISMATCH });
    await expect(store.maximalMarginalRelevanceByVector([1, 2], { k: 1 })).rejects.toMatchObject({ code: ErrorCodes.DIMENSION_MISMATCH });
    const fixed = new MemoryStore(new FakeEmbeddings(3), { dimension: 4 });
    await expect(fixed.addVectors([[1, 2, 3]], [new Document({ pageContent: "x", metadata: {} })])).rejects.toMatchObject({
      code: ErrorCodes.DIMENSION_MISMATCH,
    });
  });

  it("rejects an embeddings result of the wrong length", async () => {
    const embeddings = new FakeEmbeddings(3);
    vi.spyOn(embeddings, "embedDocuments").mockResolvedValueOnce([[1, 2, 3]]);
    const store = new MemoryStore(embeddings);
    await expect(store.addDocuments(["a", "b"].map((text) => new Document({ pageContent: text, metadata: {} })))).rejects.toMatchObject({
      code: ErrorCodes.INVALID_VECTOR,
    });
  });

  it("validates options at construction and per call", async () => {
    const embeddings = new FakeEmbeddings(3);
    expect(() => new MemoryStore(embeddings, { kernel: "gpu" as never })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, option: "MemoryStore.kernel" }),
    );
    expect(() => new MemoryStore(embeddings, { filterCacheSize: -1 })).toThrow(
      expect.objectContaining({ option: "MemoryStore.filterCacheSize" }),
    );
    const store = new MemoryStore(embeddings);
    await store.addVectors([[1, 2, 3]], [new Document({ pageContent: "x", metadata: {} })]);
    await expect(store.searchByVector([1, 2, 3], { k: 0 })).rejects.toMatchObject({ code: ErrorCodes.INVALID_OPTION, option: "k" });
    await expect(store.searchByVector([1, 2, 3], { k: 1.5 })).rejects.toMatchObject({ option: "k" });
    await expect(store.maximalMarginalRelevanceByVector([1, 2, 3], { k: 5, fetchK: 2 })).rejects.toMatchObject({ option: "fetchK" });
    await expect(store.maximalMarginalRelevanceByVector([1, 2, 3], { k: 1, lambda: -0.1 })).rejects.toMatchObject({ option: "lambda" });
    await expect(
      store.addVectors([[1, 2, 3]], [new Document({ pageContent: "x", metadata: {} })], { ids: ["a", "b"] }),
    ).rejects.toMatchObject({ option: "ids" });
  });

  it("answers an empty store with no hits, still checking the query", async () => {
    const store = new MemoryStore(new FakeEmbeddings(3));
    expect(await store.searchByVector([1, 2, 3], { k: 3 })).toEqual([]);
    expect(await store.maximalMarginalRelevanceByVector([1, 2, 3], { k: 3 })).toEqual([]);
    expect(await store.count()).toBe(0);
    await expect(store.searchByVector([Number.NaN], { k: 3 })).rejects.toMatchObject({ code: ErrorCodes.INVALID_VECTOR });
  });
});

describe("MemoryStore concurrency", () => {
  it("never exposes a half-added batch to a query running during addDocuments", async () => {
    const embeddings = new FakeEmbeddings(8, 20);
    const store = new MemoryStore(embeddings);
    await store.addDocuments([new Document({ id: "existing", pageContent: "existing", metadata: {} })]);
    const batch = Array.from({ length: 50 }, (_, index) => new Document({ id: `new-${index}`, pageContent: `new ${index}`, metadata: {} }));
    const adding = store.addDocuments(batch);
    const seen: number[] = [];
    let finished = false;
    void adding.then(() => {
      finished = true;
    });
    while (!finished) {
      const hits = await store.searchByVector(embeddings.embedText("new 3"), { k: 100 });
      seen.push(hits.length);
      seen.push(await store.count());
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await adding;
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.every((size) => size === 1)).toBe(true);
    expect(await store.count()).toBe(51);
  });
});

describe("MemoryStore kernels", () => {
  it("uses WebAssembly SIMD by default here, and the JavaScript kernel when asked", () => {
    expect(new MemoryStore(new FakeEmbeddings(3)).kernel).toBe("wasm-simd");
    expect(new MemoryStore(new FakeEmbeddings(3), { kernel: "javascript" }).kernel).toBe("javascript");
  });

  it("falls back to the JavaScript kernel when WebAssembly is missing", async () => {
    vi.resetModules();
    vi.stubGlobal("WebAssembly", undefined);
    try {
      const { MemoryStore: FreshMemoryStore } = await import("./memory-store.js");
      const store = new FreshMemoryStore(new FakeEmbeddings(3));
      expect(store.kernel).toBe("javascript");
      expect(() => new FreshMemoryStore(new FakeEmbeddings(3), { kernel: "wasm-simd" })).toThrow(
        expect.objectContaining({ code: ErrorCodes.INVALID_OPTION }),
      );
      await store.addVectors([[1, 0, 0]], [new Document({ id: "a", pageContent: "a", metadata: {} })]);
      expect((await store.searchByVector([1, 0, 0], { k: 1 }))[0]?.score).toBeCloseTo(1, 6);
    } finally {
      vi.unstubAllGlobals();
      vi.resetModules();
    }
  });

  it("moves the rows to the JavaScript kernel when WebAssembly memory cannot grow (past 4 GiB)", async () => {
    const store = new MemoryStore(new FakeEmbeddings(DIMENSION), { initialCapacity: 16 });
    const { vectors, documents } = randomCorpus(23, 40, DIMENSION);
    await store.addVectors(vectors.slice(0, 10), documents.slice(0, 10));
    expect(store.kernel).toBe("wasm-simd");
    const reserve = vi.spyOn(WasmVectorMatrix.prototype, "reserve").mockImplementation(() => {
      throw new RangeError("simulated: WebAssembly memory cannot grow");
    });
    try {
      await store.addVectors(vectors.slice(10), documents.slice(10));
    } finally {
      reserve.mockRestore();
    }
    expect(store.kernel).toBe("javascript");
    expect(await store.count()).toBe(40);
    for (const index of [0, 9, 10, 39])
      expect((await store.searchByVector(vectors[index] as number[], { k: 1 }))[0]?.document.id).toBe(documents[index]?.id);
  });

  it("gives the same results with both kernels", async () => {
    const { vectors, documents } = randomCorpus(17, 900, DIMENSION);
    const stores = await Promise.all(
      KERNELS.map(async (kernel) => {
        const store = new MemoryStore(new FakeEmbeddings(DIMENSION), { kernel });
        await store.addVectors(vectors, documents);
        return store;
      }),
    );
    const random = seededRandom(5);
    for (let query = 0; query < 10; query += 1) {
      const vector = randomVector(random, DIMENSION);
      const [wasm, javascript] = await Promise.all(
        stores.map((store) => store.similaritySearchVectorWithScore(vector, 15, { field: "bucket", operator: "ne", value: 2 })),
      );
      expectSameHits(wasm!, javascript!);
    }
  });
});
