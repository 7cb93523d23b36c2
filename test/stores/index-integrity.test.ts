import { copyFile, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Document } from "@langchain/core/documents";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDenseIndex } from "../../src/config/dense-index.js";
import { ErrorCodes } from "../../src/core/errors/error-codes.js";
import { MemoryStore } from "../../src/stores/memory/memory-store.js";
import { documentIdsDigest } from "../../src/stores/shared/ids-digest.js";
import { FakeEmbeddings } from "../support/fake-embeddings.js";

const words = ["action", "dog", "revenge", "hotel", "pencil", "car", "church", "tailor", "sommelier", "continental"];
const dataset = (prefix: string, count: number) =>
  Array.from(
    { length: count },
    (_, index) =>
      new Document({
        id: `${prefix}-${index}`,
        pageContent: `${words[index % 10]} ${words[(index * 3) % 10]} review ${index}`,
        metadata: { index },
      }),
  );
const embeddings = () => Object.assign(new FakeEmbeddings(16), { modelId: "fake-16" });

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "index-integrity-"));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe("index integrity: the saved index carries the dataset fingerprint and the ids digest", () => {
  it("a foreign index file copied over another fingerprint's name is rebuilt", async () => {
    const small = dataset("small", 25);
    const large = dataset("large", 100);
    const first = await openDenseIndex({ documents: small, embeddings: embeddings(), name: "reviews", directory: folder });
    const other = await openDenseIndex({ documents: large, embeddings: embeddings(), name: "reviews", directory: folder });
    expect(first.loaded).toBe(false);
    expect(other.loaded).toBe(false);
    expect((await readdir(folder)).sort()).toHaveLength(2);

    // The 100-document file takes the 25-document dataset's name.
    await copyFile(other.path as string, first.path as string);
    const notes: string[] = [];
    const reopened = await openDenseIndex({
      documents: small,
      embeddings: embeddings(),
      name: "reviews",
      directory: folder,
      onNote: (note) => notes.push(note),
    });
    expect(reopened.loaded).toBe(false);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain(first.path as string);
    expect(notes[0]).toContain("fingerprint");
    expect(await reopened.store.count()).toBe(25);
    const hits = await reopened.store.similaritySearch("dog revenge", 100);
    expect(hits).toHaveLength(25);
    expect(hits.every((hit) => String(hit.id).startsWith("small-"))).toBe(true);

    // The rebuilt file was saved: the next run loads it, without a note.
    const again = await openDenseIndex({
      documents: small,
      embeddings: embeddings(),
      name: "reviews",
      directory: folder,
      onNote: (note) => notes.push(note),
    });
    expect(again.loaded).toBe(true);
    expect(notes).toHaveLength(1);
    expect(await again.store.count()).toBe(25);
  });

  it("MemoryStore.load refuses a file of another dataset fingerprint or other ids with INDEX_MISMATCH", async () => {
    const documents = dataset("d", 30);
    const store = await MemoryStore.fromDocuments(documents, embeddings());
    const path = join(folder, "index.idx");
    await store.save(path, { datasetFingerprint: "dataset-a" });
    const ids = documents.map((document) => document.id as string);
    const loaded = await MemoryStore.load(path, embeddings(), {
      expectedFingerprint: "dataset-a",
      expectedIdsDigest: documentIdsDigest([...ids].reverse()),
    });
    expect(await loaded.count()).toBe(30);
    await expect(MemoryStore.load(path, embeddings(), { expectedFingerprint: "dataset-b" })).rejects.toMatchObject({
      code: ErrorCodes.INDEX_MISMATCH,
    });
    await expect(MemoryStore.load(path, embeddings(), { expectedIdsDigest: documentIdsDigest(ids.slice(1)) })).rejects.toMatchObject({
      code: ErrorCodes.INDEX_MISMATCH,
    });
    await expect(
      MemoryStore.load(path, embeddings(), { expectedIdsDigest: documentIdsDigest([...ids.slice(1), "d-other"]) }),
    ).rejects.toMatchObject({ code: ErrorCodes.INDEX_MISMATCH });
    const unfingerprinted = join(folder, "plain.idx");
    await store.save(unfingerprinted);
    await expect(MemoryStore.load(unfingerprinted, embeddings(), { expectedFingerprint: "dataset-a" })).rejects.toMatchObject({
      code: ErrorCodes.INDEX_MISMATCH,
    });
  });

  it("documentIdsDigest depends on the set of ids only", () => {
    expect(documentIdsDigest(["a", "b", "c"])).toBe(documentIdsDigest(["c", "a", "b", "a"]));
    expect(documentIdsDigest(["a", "b"])).not.toBe(documentIdsDigest(["a", "b", "c"]));
    expect(documentIdsDigest(["a\nb"])).not.toBe(documentIdsDigest(["a", "b"]));
  });
});
