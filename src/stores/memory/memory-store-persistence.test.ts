import { createHash } from "node:crypto";
import { mkdtemp, readFile, readdir, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Document } from "@langchain/core/documents";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ErrorCodes } from "../../core/errors/error-codes.js";
import { FakeEmbeddings, randomCorpus, randomVector, seededRandom } from "../../../test/stores/fake-vectors.js";
import { INDEX_FILE_MAGIC } from "./index-file.js";
import { MemoryStore } from "./memory-store.js";

const DIMENSION = 12;

/** A version 1 index file, as the previous release wrote it: header, documents JSON array, vectors, SHA-256. */
function legacyIndexFile(
  vectors: number[][],
  documents: Array<{ id: string; pageContent: string; metadata: Record<string, unknown> }>,
): Buffer {
  const documentsJson = Buffer.from(JSON.stringify(documents), "utf8");
  const floats = new Float32Array(vectors.length * DIMENSION);
  vectors.forEach((vector, row) => {
    const norm = Math.hypot(...vector);
    vector.forEach((value, column) => (floats[row * DIMENSION + column] = value / norm));
  });
  const vectorBytes = Buffer.from(floats.buffer);
  const header = Buffer.from(
    JSON.stringify({
      format: "advanced-retrievers/memory-store",
      formatVersion: 1,
      dimension: DIMENSION,
      count: documents.length,
      embeddingsModelId: null,
      documentsBytes: documentsJson.byteLength,
      vectorsBytes: vectorBytes.byteLength,
      vectorEncoding: "float32le",
    }),
  );
  const prefix = Buffer.alloc(16);
  prefix.write("ARVSTORE", 0, "ascii");
  prefix.writeUInt32LE(1, 8);
  prefix.writeUInt32LE(header.byteLength, 12);
  const body = Buffer.concat([prefix, header, documentsJson, vectorBytes]);
  return Buffer.concat([body, createHash("sha256").update(body).digest()]);
}
let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "memory-store-"));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function savedStore(path: string, count = 120, options: { embeddingsModelId?: string } = {}): Promise<MemoryStore> {
  const store = new MemoryStore(new FakeEmbeddings(DIMENSION), options);
  const { vectors, documents } = randomCorpus(31, count, DIMENSION);
  documents[0]!.metadata.nested = { list: [1, "two", true], when: "2014-10-24" };
  await store.addVectors(vectors, documents);
  await store.save(path);
  return store;
}

describe("MemoryStore save / load", () => {
  it("round-trips documents, vectors, scores, filters and MMR", async () => {
    const path = join(folder, "index.arvs");
    const original = await savedStore(path);
    const loaded = await MemoryStore.load(path, new FakeEmbeddings(DIMENSION));
    expect(await loaded.count()).toBe(await original.count());
    expect(loaded.dimension).toBe(DIMENSION);
    expect(await loaded.listDocuments()).toEqual(await original.listDocuments());
    const random = seededRandom(3);
    for (let query = 0; query < 5; query += 1) {
      const vector = randomVector(random, DIMENSION);
      expect(await loaded.searchByVector(vector, { k: 10 })).toEqual(await original.searchByVector(vector, { k: 10 }));
      const filter = { field: "tag", operator: "eq", value: "fizz" } as const;
      expect(await loaded.searchByVector(vector, { k: 5, filter })).toEqual(await original.searchByVector(vector, { k: 5, filter }));
      expect(await loaded.maximalMarginalRelevanceByVector(vector, { k: 4 })).toEqual(
        await original.maximalMarginalRelevanceByVector(vector, { k: 4 }),
      );
    }
    // The loaded store is fully writable.
    await loaded.addVectors([randomVector(random, DIMENSION)], [new Document({ id: "after-load", pageContent: "x", metadata: {} })]);
    expect(await loaded.count()).toBe(121);
  });

  it("writes one file and no leftovers, and overwrites it atomically on the next save", async () => {
    const path = join(folder, "index.arvs");
    const store = await savedStore(path);
    expect(await readdir(folder)).toEqual(["index.arvs"]);
    expect((await readFile(path)).subarray(0, 8).toString("ascii")).toBe(INDEX_FILE_MAGIC);
    await store.delete({ ids: ["doc-0001"] });
    await store.save(path);
    expect(await readdir(folder)).toEqual(["index.arvs"]);
    expect(await (await MemoryStore.load(path, new FakeEmbeddings(DIMENSION))).count()).toBe(119);
  });

  it("round-trips an empty store with a known dimension", async () => {
    const path = join(folder, "empty.arvs");
    await new MemoryStore(new FakeEmbeddings(DIMENSION), { dimension: DIMENSION }).save(path);
    const loaded = await MemoryStore.load(path, new FakeEmbeddings(DIMENSION));
    expect(await loaded.count()).toBe(0);
    expect(loaded.dimension).toBe(DIMENSION);
    await expect(new MemoryStore(new FakeEmbeddings(DIMENSION)).save(join(folder, "unknown.arvs"))).rejects.toMatchObject({
      code: ErrorCodes.INVALID_OPTION,
    });
  });

  it("captures the contents when save is called, not while the file is being written", async () => {
    const path = join(folder, "index.arvs");
    const store = await savedStore(path, 10);
    const saving = store.save(path);
    await store.addVectors([randomVector(seededRandom(1), DIMENSION)], [new Document({ id: "late", pageContent: "late", metadata: {} })]);
    await saving;
    expect(await (await MemoryStore.load(path, new FakeEmbeddings(DIMENSION))).count()).toBe(10);
  });

  it("an upsert or a delete during a save does not change what the save writes", async () => {
    const path = join(folder, "index.arvs");
    const store = await savedStore(path, 50);
    const before = await store.listDocuments();
    const query = randomVector(seededRandom(8), DIMENSION);
    const hitsBefore = await store.searchByVector(query, { k: 50 });
    const saving = store.save(path);
    await store.addVectors(
      [randomVector(seededRandom(2), DIMENSION)],
      [new Document({ id: "doc-0003", pageContent: "replaced", metadata: {} })],
    );
    await store.delete({ ids: ["doc-0000", "doc-0010"] });
    await saving;
    const loaded = await MemoryStore.load(path, new FakeEmbeddings(DIMENSION));
    expect(await loaded.listDocuments()).toEqual(before);
    expect(await loaded.searchByVector(query, { k: 50 })).toEqual(hitsBefore);
    expect(await store.count()).toBe(48);
  });

  it("still reads a version 1 file (documents as one JSON array)", async () => {
    const { vectors, documents } = randomCorpus(5, 20, DIMENSION);
    const path = join(folder, "v1.arvs");
    await writeFile(
      path,
      legacyIndexFile(
        vectors,
        documents.map((document) => ({ id: document.id as string, pageContent: document.pageContent, metadata: document.metadata })),
      ),
    );
    const loaded = await MemoryStore.load(path, new FakeEmbeddings(DIMENSION));
    const fresh = new MemoryStore(new FakeEmbeddings(DIMENSION));
    await fresh.addVectors(vectors, documents);
    expect(await loaded.listDocuments()).toEqual(await fresh.listDocuments());
    const query = randomVector(seededRandom(4), DIMENSION);
    const [loadedHits, freshHits] = [await loaded.searchByVector(query, { k: 5 }), await fresh.searchByVector(query, { k: 5 })];
    expect(loadedHits.map((hit) => hit.document.id)).toEqual(freshHits.map((hit) => hit.document.id));
    loadedHits.forEach((hit, index) => expect(hit.score).toBeCloseTo(freshHits[index]?.score as number, 5));
  });

  it("reports a missing file as NOT_FOUND", async () => {
    await expect(MemoryStore.load(join(folder, "nope.arvs"), new FakeEmbeddings(DIMENSION))).rejects.toMatchObject({
      code: ErrorCodes.NOT_FOUND,
    });
  });

  describe("damaged files are INDEX_CORRUPTED, naming the file and the rebuild command, and the good file still loads", () => {
    async function expectCorrupted(damage: (bytes: Buffer) => Buffer): Promise<void> {
      const good = join(folder, "good.arvs");
      await savedStore(good);
      const bad = join(folder, "bad.arvs");
      await writeFile(bad, damage(Buffer.from(await readFile(good))));
      const error = await MemoryStore.load(bad, new FakeEmbeddings(DIMENSION)).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: ErrorCodes.INDEX_CORRUPTED });
      expect((error as Error).message).toContain(bad);
      expect((error as Error).message).toContain("retrievers index");
      expect(await (await MemoryStore.load(good, new FakeEmbeddings(DIMENSION))).count()).toBe(120);
    }

    it("truncated in the vectors", () => expectCorrupted((bytes) => bytes.subarray(0, bytes.length - 100)));
    it("truncated in the header", () => expectCorrupted((bytes) => bytes.subarray(0, 20)));
    it("truncated to a few bytes", () => expectCorrupted((bytes) => bytes.subarray(0, 5)));
    it("empty", () => expectCorrupted(() => Buffer.alloc(0)));
    it("one flipped bit in a vector", () =>
      expectCorrupted((bytes) => {
        bytes[bytes.length - 200] = (bytes[bytes.length - 200] as number) ^ 1;
        return bytes;
      }));
    it("one changed character in a document", () =>
      expectCorrupted((bytes) => {
        const at = bytes.indexOf("document number 5");
        bytes[at] = "D".charCodeAt(0);
        return bytes;
      }));
    it("trailing garbage", () => expectCorrupted((bytes) => Buffer.concat([bytes, Buffer.from("extra")])));
    it("an unknown format version", () =>
      expectCorrupted((bytes) => {
        bytes.writeUInt32LE(99, 8);
        return bytes;
      }));
    it("not an index file at all", () => expectCorrupted(() => Buffer.from("id,review\n1,great movie\n")));
  });

  it("a file truncated in place (as by a crash of a non-atomic writer) is detected", async () => {
    const path = join(folder, "index.arvs");
    await savedStore(path);
    await truncate(path, 1000);
    await expect(MemoryStore.load(path, new FakeEmbeddings(DIMENSION))).rejects.toMatchObject({ code: ErrorCodes.INDEX_CORRUPTED });
  });

  it("a leftover temporary file from an interrupted save does not affect loading", async () => {
    const path = join(folder, "index.arvs");
    await savedStore(path);
    await writeFile(join(folder, ".index.arvs.12345.deadbeef.tmp"), "half written");
    expect(await (await MemoryStore.load(path, new FakeEmbeddings(DIMENSION))).count()).toBe(120);
  });

  it("checks the embeddings' dimension: eagerly when declared, else on the first query", async () => {
    const path = join(folder, "index.arvs");
    await savedStore(path);
    await expect(MemoryStore.load(path, new FakeEmbeddings(DIMENSION), { dimension: 7 })).rejects.toMatchObject({
      code: ErrorCodes.DIMENSION_MISMATCH,
    });
    const declaring = Object.assign(new FakeEmbeddings(7), { dimensions: 7 });
    await expect(MemoryStore.load(path, declaring)).rejects.toMatchObject({ code: ErrorCodes.DIMENSION_MISMATCH });
    const lazy = await MemoryStore.load(path, new FakeEmbeddings(7));
    await expect(lazy.similaritySearch("a question", 3)).rejects.toMatchObject({ code: ErrorCodes.DIMENSION_MISMATCH });
    await expect(lazy.addDocuments([new Document({ pageContent: "new", metadata: {} })])).rejects.toMatchObject({
      code: ErrorCodes.DIMENSION_MISMATCH,
    });
  });

  it("keeps the embeddings model id and refuses an index built with another model", async () => {
    const path = join(folder, "index.arvs");
    await savedStore(path, 20, { embeddingsModelId: "fake-model-a" });
    const loaded = await MemoryStore.load(path, new FakeEmbeddings(DIMENSION));
    expect(loaded.embeddingsModelId).toBe("fake-model-a");
    const other = Object.assign(new FakeEmbeddings(DIMENSION), { model: "fake-model-b" });
    await expect(MemoryStore.load(path, other)).rejects.toMatchObject({ code: ErrorCodes.INVALID_OPTION, option: "embeddings" });
    const same = Object.assign(new FakeEmbeddings(DIMENSION), { model: "fake-model-a" });
    expect(await (await MemoryStore.load(path, same)).count()).toBe(20);
  });

  it("refuses metadata that cannot be saved as JSON", async () => {
    const store = new MemoryStore(new FakeEmbeddings(3));
    await store.addVectors([[1, 2, 3]], [new Document({ id: "big", pageContent: "x", metadata: { count: 10n } })]);
    await expect(store.save(join(folder, "index.arvs"))).rejects.toMatchObject({ code: ErrorCodes.INVALID_OPTION });
    expect(await readdir(folder)).toEqual([]);
  });
});
