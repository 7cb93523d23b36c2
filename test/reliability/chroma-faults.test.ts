/**
 * Chroma faults, with a scripted fault proxy in front of a real Chroma server: slow answers, 429/500,
 * connections dropped before or in the middle of an answer, malformed JSON, answers lost after the
 * server applied a write, servers that always fail or always hang (bounded total time), and a Chroma
 * restarted in the middle of an ingest. Retries of 5xx/429/hung requests at the fetch level and an
 * unreachable server are covered in src/stores/chroma/chroma-connection.test.ts.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Document } from "@langchain/core/documents";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ErrorCodes } from "../../src/core/errors/error-codes.js";
import { RetrieverError } from "../../src/core/errors/retriever-error.js";
import { ServiceError } from "../../src/core/errors/service-error.js";
import { ChromaStore, type ChromaStoreOptions } from "../../src/stores/chroma/chroma-store.js";
import { startChromaServer, type ChromaServer } from "../../src/stores/chroma/chroma-server.js";
import { startFaultServer, type Fault, type FaultServer } from "../support/fault-server.js";
import { chromaTestUrl, uniqueCollectionName } from "../stores/chroma-test-server.js";
import { FakeEmbeddings } from "../support/fake-embeddings.js";

const DIMENSION = 16;
/** Generous slack over a configured budget: a correctness bound (no runaway retries), not a speed claim. */
const BUDGET_MARGIN_MS = 3_000;

function corpus(count: number, prefix = "doc"): Document[] {
  return Array.from(
    { length: count },
    (_, index) =>
      new Document({
        id: `${prefix}-${index}`,
        pageContent: `review number ${index} about fights and dogs ${index % 7}`,
        metadata: { index, movie: 1 + (index % 4) },
      }),
  );
}

/** Resolves to the thrown error, which must be one of the library's (never a raw TypeError or SyntaxError). */
async function libraryFailure(promise: Promise<unknown>): Promise<RetrieverError> {
  const error = await promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (caught: unknown) => caught,
  );
  expect(RetrieverError.isInstance(error), `expected a library error, got ${String(error)}`).toBe(true);
  return error as RetrieverError;
}

/** Every document exactly once, with its own text. */
async function expectExactlyOnce(store: ChromaStore, documents: Document[]): Promise<void> {
  expect(await store.count()).toBe(documents.length);
  const listed = await store.listDocuments({ limit: documents.length + 10 });
  expect(listed.map((document) => document.id).sort()).toEqual(documents.map((document) => document.id).sort());
  const texts = new Map(documents.map((document) => [document.id, document.pageContent]));
  for (const document of listed) expect(document.pageContent).toBe(texts.get(document.id));
}

const collections: ChromaStore[] = [];
afterAll(async () => {
  for (const store of collections) await store.dropCollection().catch(() => undefined);
});

describe("Chroma behind a faulty connection", () => {
  let proxy: FaultServer;
  const embeddings = new FakeEmbeddings(DIMENSION);
  /** A store through the proxy (faults apply to queries and upserts only) and one direct, to check the truth. */
  let through: ChromaStore;
  let direct: ChromaStore;
  const documents = corpus(40);

  beforeAll(async () => {
    proxy = await startFaultServer({ upstream: chromaTestUrl(), matches: ({ path }) => /\/(upsert|query|get|count)$/.test(path) });
    const collectionName = uniqueCollectionName("reliability-faults");
    const options: Partial<ChromaStoreOptions> = { collectionName, timeoutMs: 2_000, maxRetries: 3, totalTimeoutMs: 20_000 };
    through = new ChromaStore(embeddings, { ...options, collectionName, url: proxy.url });
    direct = new ChromaStore(embeddings, { collectionName, url: chromaTestUrl() });
    collections.push(direct);
    await direct.addDocuments(documents);
  });
  afterAll(async () => {
    await proxy.close();
  });
  afterEach(() => {
    proxy.reset();
  });

  const transient: Array<[string, Fault]> = [
    ["a query that gets no answer in time", { kind: "hang" }],
    ["429 Too Many Requests", { kind: "respond", status: 429, headers: { "retry-after": "0" } }],
    ["500 Internal Server Error", { kind: "respond", status: 500 }],
    ["a connection dropped before the answer", { kind: "drop" }],
    ["a connection closed in the middle of the answer", { kind: "proxy", then: "truncate" }],
  ];

  it.each(transient)("a search survives %s (retried), with the right results", async (_name, fault) => {
    const query = await embeddings.embedQuery("review number 3 about fights");
    const expected = (await direct.searchByVector(query, { k: 3 })).map((hit) => hit.document.id);
    proxy.enqueue(fault);
    const hits = await through.searchByVector(query, { k: 3 });
    expect(hits.map((hit) => hit.document.id)).toEqual(expected);
    expect(proxy.requests.filter((request) => request.path.endsWith("/query")).length).toBeGreaterThanOrEqual(2);
  });

  it("a malformed JSON answer is an error naming Chroma, not a crash", async () => {
    proxy.enqueue({ kind: "malformed" }, { kind: "malformed" }, { kind: "malformed" }, { kind: "malformed" });
    const error = await libraryFailure(through.searchByVector(await embeddings.embedQuery("fights"), { k: 3 }));
    expect(error.code).toBe(ErrorCodes.SERVICE_ERROR);
    expect((error as ServiceError).service).toContain("Chroma");
  });

  it.each([
    ["dropped", "drop"],
    ["cut mid-body", "truncate"],
    ["lost (no answer)", "hang"],
  ] as const)(
    "an upsert whose answer is %s after Chroma applied it is retried and leaves exactly one copy of every document",
    async (_name, then) => {
      const collectionName = uniqueCollectionName(`reliability-lost-${then}`);
      const writer = new ChromaStore(embeddings, { collectionName, url: proxy.url, batchSize: 10, timeoutMs: 1_000, maxRetries: 3 });
      const checker = new ChromaStore(embeddings, { collectionName, url: chromaTestUrl() });
      collections.push(checker);
      const batch = corpus(35, then);
      // The second and third batches are applied by Chroma, but their answers never arrive.
      proxy.enqueue({ kind: "proxy" }, { kind: "proxy", then }, { kind: "proxy", then });
      await writer.addDocuments(batch);
      await expectExactlyOnce(checker, batch);
      // Running the same ingest again changes nothing.
      await writer.addDocuments(batch);
      await expectExactlyOnce(checker, batch);
    },
  );

  it("ends within totalTimeoutMs, naming Chroma, when every answer is a 500 (retries left over)", async () => {
    proxy.setFallback({ kind: "respond", status: 500 });
    proxy.enqueue(...Array.from({ length: 30 }, () => ({ kind: "respond" as const, status: 500 })));
    try {
      const store = new ChromaStore(embeddings, {
        collectionName: through.collectionName,
        url: proxy.url,
        maxRetries: 20,
        totalTimeoutMs: 1_500,
        timeoutMs: 1_000,
      });
      const started = Date.now();
      const error = await libraryFailure(store.count());
      expect(error).toMatchObject({ code: ErrorCodes.SERVICE_ERROR, status: 500 });
      expect((error as ServiceError).service).toContain("Chroma");
      expect((error as ServiceError).attempts).toBeGreaterThan(1);
      expect(Date.now() - started).toBeLessThan(1_500 + BUDGET_MARGIN_MS);
    } finally {
      proxy.setFallback({ kind: "proxy" });
    }
  });

  it("ends within totalTimeoutMs with SERVICE_TIMEOUT, naming Chroma, when the server never answers", async () => {
    proxy.setFallback({ kind: "hang" });
    try {
      const store = new ChromaStore(embeddings, {
        collectionName: through.collectionName,
        url: proxy.url,
        maxRetries: 20,
        totalTimeoutMs: 1_500,
        timeoutMs: 400,
      });
      const started = Date.now();
      const error = await libraryFailure(store.count());
      expect(error.code).toBe(ErrorCodes.SERVICE_TIMEOUT);
      expect((error as ServiceError).service).toContain("Chroma");
      expect(Date.now() - started).toBeLessThan(1_500 + BUDGET_MARGIN_MS);
    } finally {
      proxy.setFallback({ kind: "proxy" });
    }
  });
});

describe("Chroma restarted in the middle of an ingest", () => {
  let folder: string;
  let chroma: ChromaServer | undefined;
  let proxy: FaultServer | undefined;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "reliability-chroma-restart-"));
  });
  afterAll(async () => {
    await proxy?.close();
    await chroma?.stop();
    await rm(folder, { recursive: true, force: true });
  });

  it("the ingest resumes or fails with a ServiceError naming Chroma, and re-running it gives exactly one copy of every document", async () => {
    chroma = await startChromaServer({ path: folder, port: 0, startupTimeoutMs: 90_000 });
    const port = Number(new URL(chroma.url).port);
    const firstPid = chroma.pid;
    let upserts = 0;
    let restarting: Promise<void> | undefined;
    // The proxy keeps one address for the store while Chroma goes away and comes back behind it.
    proxy = await startFaultServer({
      upstream: chroma.url,
      onRequest: async (request) => {
        if (!request.path.endsWith("/upsert")) return;
        upserts += 1;
        if (upserts === 4 && restarting === undefined) {
          // Stop Chroma before this upsert reaches it, then start it again on the same port and data.
          const old = chroma!;
          await old.stop();
          restarting = startChromaServer({ path: folder, port, startupTimeoutMs: 90_000 }).then((server) => {
            chroma = server;
          });
        }
      },
    });

    const documents = corpus(300, "restart");
    const store = new ChromaStore(new FakeEmbeddings(DIMENSION), {
      collectionName: "restart-ingest",
      url: proxy.url,
      batchSize: 25,
      maxRetries: 4,
      timeoutMs: 5_000,
      totalTimeoutMs: 60_000,
    });
    const outcome = await store.addDocuments(documents).then(
      () => "resumed",
      (error: unknown) => {
        // Failing is allowed, but cleanly: the library's error, naming Chroma.
        expect(ServiceError.isInstance(error), `expected a ServiceError, got ${String(error)}`).toBe(true);
        expect((error as ServiceError).service).toContain("Chroma");
        return "failed";
      },
    );
    expect(["resumed", "failed"]).toContain(outcome);
    expect(restarting).toBeDefined();
    await restarting;
    expect(chroma!.pid).not.toBe(firstPid);
    expect(upserts).toBeGreaterThan(4);
    const checker = new ChromaStore(new FakeEmbeddings(DIMENSION), { collectionName: "restart-ingest", url: chroma!.url });
    // A resumed ingest lost nothing: the writes acknowledged before the restart survived it.
    if (outcome === "resumed") await expectExactlyOnce(checker, documents);

    // Re-running the whole ingest (as a user would after a failure) converges to exactly one copy each.
    await store.addDocuments(documents);
    await expectExactlyOnce(checker, documents);
  }, 240_000);
});
