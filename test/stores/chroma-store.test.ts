import { createServer } from "node:net";
import { Document } from "@langchain/core/documents";
import { ChromaClient } from "chromadb";
import { afterAll, describe, expect, it } from "vitest";
import { ErrorCodes } from "../../src/core/errors/error-codes.js";
import { RetrieverError } from "../../src/core/errors/retriever-error.js";
import { ServiceError } from "../../src/core/errors/service-error.js";
import { parseFilter } from "../../src/core/filter/parse-filter.js";
import { CHROMA_FILTER_LIMITS, measureWhere } from "../../src/stores/chroma/chroma-filter-plan.js";
import { ChromaStore, COLLECTION_METADATA_KEYS, type ChromaStoreOptions } from "../../src/stores/chroma/chroma-store.js";
import { MemoryStore } from "../../src/stores/memory/memory-store.js";
import { startFaultServer } from "../support/fault-server.js";
import { chromaTestUrl, uniqueCollectionName } from "./chroma-test-server.js";
import { FakeEmbeddings, randomVector, seededRandom } from "./fake-vectors.js";
import { CONTRACT_DIMENSION, contractCorpus } from "./store-contract.js";

const stores: ChromaStore[] = [];
function chromaStore(
  label: string,
  options: Partial<ChromaStoreOptions> = {},
  embeddings = new FakeEmbeddings(CONTRACT_DIMENSION),
): ChromaStore {
  const store = new ChromaStore(embeddings, {
    url: chromaTestUrl(),
    collectionName: uniqueCollectionName(label),
    hnsw: { efSearch: 400 },
    ...options,
  });
  stores.push(store);
  return store;
}

function rawClient(): ChromaClient {
  const url = new URL(chromaTestUrl());
  return new ChromaClient({ host: url.hostname, port: Number(url.port) });
}

async function failure(promise: Promise<unknown>): Promise<RetrieverError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(RetrieverError.isInstance(error), `expected a RetrieverError, got ${String(error)}`).toBe(true);
  return error as RetrieverError;
}

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address !== null ? address.port : 0));
    });
  });
}

afterAll(async () => {
  for (const store of stores) await store.dropCollection().catch(() => undefined);
});

describe("ChromaStore on a real Chroma server", () => {
  const corpus = contractCorpus(120, 3);
  const vectors = corpus.map((entry) => entry.vector);
  const documents = corpus.map((entry) => entry.document);

  it("returns the same top-k ids and scores as MemoryStore for the same vectors and filters", async () => {
    const chroma = chromaStore("same-as-memory");
    const memory = new MemoryStore(new FakeEmbeddings(CONTRACT_DIMENSION));
    await chroma.addVectors(vectors, documents);
    await memory.addVectors(vectors, documents);
    const random = seededRandom(5);
    for (const filter of [null, { bucket: 2 }, { weight: { gt: 4.5 } }, { not: { rank: { lte: 2 } } }, { labels: "red" }]) {
      const query = randomVector(random, CONTRACT_DIMENSION);
      const canonical = filter === null ? null : parseFilter(filter);
      const fromChroma = await chroma.searchByVector(query, { k: 8, filter: canonical });
      const fromMemory = await memory.searchByVector(query, { k: 8, filter: canonical });
      expect(fromChroma.map((hit) => hit.document.id)).toEqual(fromMemory.map((hit) => hit.document.id));
      fromChroma.forEach((hit, index) => expect(hit.score).toBeCloseTo(fromMemory[index]?.score ?? Number.NaN, 3));
    }
  });

  it("persists: another store on the same collection sees the documents, dimension and array fields", async () => {
    const first = chromaStore("persist");
    await first.addVectors(vectors, documents);
    const second = new ChromaStore(new FakeEmbeddings(CONTRACT_DIMENSION), { url: chromaTestUrl(), collectionName: first.collectionName });
    expect(await second.count()).toBe(120);
    expect(second.dimension).toBe(CONTRACT_DIMENSION);
    const query = vectors[10] as number[];
    expect((await second.searchByVector(query, { k: 5 })).map((hit) => hit.document.id)).toEqual(
      (await first.searchByVector(query, { k: 5 })).map((hit) => hit.document.id),
    );
    // "labels" holds arrays: the second store must know it (from the collection) to filter exactly.
    const listed = await second.listDocuments({ filter: parseFilter({ labels: "green" }) });
    expect(listed.map((document) => document.id)).toEqual(
      documents.filter((document) => (document.metadata.labels as string[] | undefined)?.includes("green")).map((document) => document.id),
    );
  });

  it("creates the collection in cosine space and records dimension, model and creator in its metadata", async () => {
    const embeddings = Object.assign(new FakeEmbeddings(CONTRACT_DIMENSION), { modelId: "fake-model-v1" });
    const store = chromaStore("metadata", {}, embeddings);
    await store.addVectors(vectors.slice(0, 3), documents.slice(0, 3));
    const collection = await rawClient().getCollection({ name: store.collectionName, embeddingFunction: { generate: async () => [] } });
    expect(collection.metadata).toMatchObject({
      [COLLECTION_METADATA_KEYS.dimension]: CONTRACT_DIMENSION,
      [COLLECTION_METADATA_KEYS.embeddingsModel]: "fake-model-v1",
      [COLLECTION_METADATA_KEYS.createdBy]: "advanced-retrievers",
      [COLLECTION_METADATA_KEYS.arrayFields]: JSON.stringify(["labels"]),
    });
    expect((collection.configuration as { hnsw?: { space?: string } }).hnsw?.space).toBe("cosine");
  });

  it("refuses embeddings of another dimension than the collection's (DIMENSION_MISMATCH), and another model (INVALID_OPTION)", async () => {
    const store = chromaStore("dimension-check", {}, Object.assign(new FakeEmbeddings(CONTRACT_DIMENSION), { modelId: "model-a" }));
    await store.addVectors(vectors.slice(0, 3), documents.slice(0, 3));
    const smaller = new ChromaStore(new FakeEmbeddings(8), { url: chromaTestUrl(), collectionName: store.collectionName });
    expect((await failure(smaller.searchByVector(randomVector(seededRandom(1), 8), { k: 2 }))).code).toBe(ErrorCodes.DIMENSION_MISMATCH);
    expect((await failure(smaller.addDocuments([new Document({ pageContent: "x" })]))).code).toBe(ErrorCodes.DIMENSION_MISMATCH);
    const otherModel = new ChromaStore(Object.assign(new FakeEmbeddings(CONTRACT_DIMENSION), { modelId: "model-b" }), {
      url: chromaTestUrl(),
      collectionName: store.collectionName,
    });
    expect(await failure(otherModel.count())).toMatchObject({ code: ErrorCodes.INVALID_OPTION, option: "embeddings" });
  });

  it("maps Chroma's own dimension error (a collection without our metadata) to DIMENSION_MISMATCH", async () => {
    const name = uniqueCollectionName("foreign");
    const foreign = await rawClient().getOrCreateCollection({
      name,
      embeddingFunction: { generate: async () => [] },
      configuration: { hnsw: { space: "cosine" } },
    });
    await foreign.add({ ids: ["a"], embeddings: [[1, 0, 0]] });
    const store = new ChromaStore(new FakeEmbeddings(4), { url: chromaTestUrl(), collectionName: name });
    stores.push(store);
    expect((await failure(store.searchByVector([1, 0, 0, 0], { k: 1 }))).code).toBe(ErrorCodes.DIMENSION_MISMATCH);
  });

  it("refuses a collection that uses another distance than cosine", async () => {
    const name = uniqueCollectionName("l2");
    await rawClient().getOrCreateCollection({
      name,
      embeddingFunction: { generate: async () => [] },
      configuration: { hnsw: { space: "l2" } },
    });
    const store = new ChromaStore(new FakeEmbeddings(4), { url: chromaTestUrl(), collectionName: name });
    stores.push(store);
    expect(await failure(store.count())).toMatchObject({ code: ErrorCodes.INVALID_OPTION, option: "collectionName" });
  });

  it("upserts in batches of batchSize and survives transient failures (retries, idempotent upserts)", async () => {
    const proxy = await startFaultServer({ upstream: chromaTestUrl(), matches: ({ path }) => /\/(upsert|query)$/.test(path) });
    try {
      const store = chromaStore("batches", { url: proxy.url, batchSize: 7, maxRetries: 3 });
      proxy.enqueue({ kind: "respond", status: 503 }, { kind: "proxy" }, { kind: "drop" });
      await store.addVectors(vectors.slice(0, 50), documents.slice(0, 50));
      expect(await store.count()).toBe(50);
      const upserts = proxy.requests.filter((request) => request.path.endsWith("/upsert"));
      expect(upserts.filter((request) => request.fault === "proxy")).toHaveLength(Math.ceil(50 / 7));
      expect(upserts).toHaveLength(Math.ceil(50 / 7) + 2);

      proxy.enqueue({ kind: "respond", status: 500 });
      const hits = await store.searchByVector(vectors[4] as number[], { k: 1 });
      expect(hits[0]?.document.id).toBe(documents[4]?.id);
    } finally {
      await proxy.close();
    }
  });

  it("a 20,000-value filter matching 12,000 documents is answered exactly, no request exceeding Chroma's limits", async () => {
    const proxy = await startFaultServer({ upstream: chromaTestUrl() });
    try {
      const dimension = 4;
      const random = seededRandom(2_026);
      const count = 12_000;
      const corpusVectors = Array.from({ length: count }, () => randomVector(random, dimension));
      const corpusDocuments = corpusVectors.map(
        (_, index) => new Document({ id: `wide-${String(index).padStart(5, "0")}`, pageContent: `wide ${index}`, metadata: { index } }),
      );
      const store = chromaStore(
        "wide-filter",
        { url: proxy.url, hnsw: { efSearch: 2_000, efConstruction: 400 } },
        new FakeEmbeddings(dimension),
      );
      await store.addVectors(corpusVectors, corpusDocuments);
      const memory = new MemoryStore(new FakeEmbeddings(dimension));
      await memory.addVectors(corpusVectors, corpusDocuments);
      proxy.reset();
      // Excludes values no document holds: every document matches, so the ids restriction spans 3 chunks.
      const filter = parseFilter({ field: "index", operator: "nin", value: Array.from({ length: 20_000 }, (_, term) => -1 - term) });
      const query = randomVector(random, dimension);
      const expected = await memory.searchByVector(query, { k: 10, filter });
      const hits = await store.searchByVector(query, { k: 10, filter });
      expect(hits.map((hit) => hit.document.id)).toEqual(expected.map((hit) => hit.document.id));
      const queries = proxy.requests.filter((request) => request.path.endsWith("/query"));
      expect(queries).toHaveLength(Math.ceil(count / CHROMA_FILTER_LIMITS.maximumIdsPerQuery));
      for (const request of proxy.requests) {
        const body = request.body === "" ? {} : (JSON.parse(request.body) as { ids?: unknown[]; where?: unknown });
        expect(body.ids?.length ?? 0).toBeLessThanOrEqual(CHROMA_FILTER_LIMITS.maximumIdsPerQuery);
        if (body.where !== undefined && body.where !== null) {
          const size = measureWhere(body.where as Parameters<typeof measureWhere>[0]);
          expect(size.conditions).toBeLessThanOrEqual(CHROMA_FILTER_LIMITS.maximumConditions);
          expect(size.values).toBeLessThanOrEqual(CHROMA_FILTER_LIMITS.maximumValues);
        }
      }
    } finally {
      await proxy.close();
    }
  });

  it("a document deleted between the store's filter evaluation and its query is skipped, not retried as a server error", async () => {
    let deleteBeforeQuery: (() => Promise<void>) | undefined;
    const proxy = await startFaultServer({
      upstream: chromaTestUrl(),
      onRequest: async (request) => {
        if (!request.path.endsWith("/query") || deleteBeforeQuery === undefined) return;
        const run = deleteBeforeQuery;
        deleteBeforeQuery = undefined;
        await run();
      },
    });
    try {
      const dimension = 4;
      const random = seededRandom(99);
      const corpusVectors = Array.from({ length: 20 }, () => randomVector(random, dimension));
      const corpusDocuments = corpusVectors.map(
        (_, index) => new Document({ id: `gone-${index}`, pageContent: `doc ${index}`, metadata: { share: index / 4 } }),
      );
      const store = chromaStore("deleted-mid-query", { url: proxy.url, maxRetries: 4 }, new FakeEmbeddings(dimension));
      await store.addVectors(corpusVectors, corpusDocuments);
      const memory = new MemoryStore(new FakeEmbeddings(dimension));
      await memory.addVectors(corpusVectors, corpusDocuments);
      // A non-integer bound: evaluated by the store, then an id-restricted query.
      const filter = parseFilter({ share: { gte: 0.5 } });
      const query = randomVector(random, dimension);
      const [victim] = await memory.searchByVector(query, { k: 1, filter });
      const victimId = victim?.document.id as string;
      await memory.delete({ ids: [victimId] });
      const raw = await rawClient().getCollection({ name: store.collectionName, embeddingFunction: { generate: async () => [] } });
      deleteBeforeQuery = () => raw.delete({ ids: [victimId] });
      proxy.reset();
      const hits = await store.searchByVector(query, { k: 5, filter });
      expect(hits.map((hit) => hit.document.id)).toEqual(
        (await memory.searchByVector(query, { k: 5, filter })).map((hit) => hit.document.id),
      );
      expect(proxy.requests.filter((request) => request.path.endsWith("/query"))).toHaveLength(2);
    } finally {
      await proxy.close();
    }
  });

  it("reports a server that is down as a ServiceError naming Chroma and its URL", async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const store = new ChromaStore(new FakeEmbeddings(4), { url, collectionName: "never-created", maxRetries: 1 });
    const error = await failure(store.count());
    expect(ServiceError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: ErrorCodes.SERVICE_UNAVAILABLE, service: `Chroma (${url})`, attempts: 1 });
    expect((error as Error).message).toContain(url);
  });

  it("validates options at construction", () => {
    expect(() => new ChromaStore(new FakeEmbeddings(4), { collectionName: "a" })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, option: "ChromaStore.collectionName" }),
    );
    expect(() => new ChromaStore(new FakeEmbeddings(4), { collectionName: "good-name", batchSize: 0 })).toThrow(
      expect.objectContaining({ option: "ChromaStore.batchSize" }),
    );
    expect(() => new ChromaStore(new FakeEmbeddings(4), { collectionName: "good-name", hnsw: { efSearch: -1 } })).toThrow(
      expect.objectContaining({ option: "ChromaStore.hnsw.efSearch" }),
    );
    expect(() => new ChromaStore(new FakeEmbeddings(4), { collectionName: "good-name", url: "localhost" })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, option: "url" }),
    );
  });

  it("works as a LangChain vector store: texts in, similarity (not distance) scores out, filters in our language", async () => {
    const embeddings = new FakeEmbeddings(CONTRACT_DIMENSION);
    const store = await ChromaStore.fromTexts(
      ["the dog barks", "the cat sleeps", "a dog runs"],
      [{ animal: "dog" }, { animal: "cat" }, { animal: "dog" }],
      embeddings,
      {
        url: chromaTestUrl(),
        collectionName: uniqueCollectionName("langchain"),
      },
    );
    stores.push(store);
    const [[best, score]] = (await store.similaritySearchWithScore("the cat sleeps", 1)) as [[Document, number]];
    expect(best.pageContent).toBe("the cat sleeps");
    expect(score).toBeCloseTo(1, 3);
    const dogs = await store.similaritySearch("the cat sleeps", 3, parseFilter({ animal: "dog" }));
    expect(dogs.map((document) => document.pageContent).sort()).toEqual(["a dog runs", "the dog barks"]);
    const retrieved = await store.asRetriever({ k: 2, searchType: "mmr", searchKwargs: { fetchK: 3, lambda: 0.5 } }).invoke("a dog runs");
    expect(retrieved[0]?.pageContent).toBe("a dog runs");
  });

  it("drops its collection", async () => {
    const store = chromaStore("drop");
    await store.addVectors(vectors.slice(0, 2), documents.slice(0, 2));
    await store.dropCollection();
    expect(await store.count()).toBe(0);
    await store.dropCollection();
  });
});
