/**
 * The embedding cache never stores degenerate vectors (issue #14 item 4): an embeddings server that
 * answered all-zero vectors once used to poison every later run ("document jw1-0 is all zeros") without
 * the server being asked again, and no message said how to clear the cache.
 */
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Document } from "@langchain/core/documents";
import { Embeddings } from "@langchain/core/embeddings";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ErrorCodes } from "../../src/core/errors/error-codes.js";
import { CachedEmbeddings } from "../../src/embeddings/cache/cached-embeddings.js";
import { EmbeddingCache } from "../../src/embeddings/cache/embedding-cache.js";
import { MemoryStore } from "../../src/stores/memory/memory-store.js";

const DIMENSIONS = 4;

/** A model whose answers are scripted: `broken` vectors until `healAfter` calls, then good ones. */
class FlakyEmbeddings extends Embeddings {
  readonly modelId = "flaky-model";
  calls = 0;
  constructor(
    private readonly broken: () => number[],
    private readonly healAfter: number,
  ) {
    super({});
  }
  private vector(text: string): number[] {
    return this.calls <= this.healAfter ? this.broken() : [text.length, 1, 2, 3];
  }
  async embedDocuments(texts: string[]): Promise<number[][]> {
    this.calls += 1;
    return texts.map((text) => this.vector(text));
  }
  async embedQuery(text: string): Promise<number[]> {
    this.calls += 1;
    return this.vector(text);
  }
}

let directory: string;
let warnings: string[];
beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), "cache-degenerate-"));
  warnings = [];
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

function cachedOver(inner: Embeddings): CachedEmbeddings {
  return new CachedEmbeddings(inner, { directory, onWarning: (message) => warnings.push(message) });
}

describe("degenerate vectors are never cached", () => {
  it.each([
    ["all-zero vectors", () => [0, 0, 0, 0]],
    ["vectors that overflow float32 (1e39 becomes Infinity)", () => [1e39, 1, 1, 1]],
  ])("%s from a server: the store refuses them, and the next run asks the server again", async (_name, broken) => {
    const inner = new FlakyEmbeddings(broken, 1);
    const store = new MemoryStore(cachedOver(inner));
    const documents = [new Document({ pageContent: "one", id: "jw1-0" }), new Document({ pageContent: "three", id: "jw1-1" })];
    await expect(store.addDocuments(documents)).rejects.toMatchObject({ code: ErrorCodes.INVALID_VECTOR });
    expect(warnings.some((warning) => warning.includes("were not cached") && warning.includes(directory))).toBe(true);

    // A new run (new instance, same folder): the server is asked again and now answers well.
    const second = cachedOver(inner);
    const vectors = await second.embedDocuments(["one", "three"]);
    expect(inner.calls).toBe(2);
    expect(vectors).toEqual([
      [3, 1, 2, 3],
      [5, 1, 2, 3],
    ]);
    await second.close();
    // Those good vectors are cached: a third run does not call the server.
    await cachedOver(inner).embedDocuments(["one", "three"]);
    expect(inner.calls).toBe(2);
  });

  it("a query embedding of zeros is not cached either", async () => {
    const inner = new FlakyEmbeddings(() => [0, 0, 0, 0], 1);
    expect(await cachedOver(inner).embedQuery("q")).toEqual([0, 0, 0, 0]);
    expect(await cachedOver(inner).embedQuery("q")).toEqual([1, 1, 2, 3]);
    expect(inner.calls).toBe(2);
  });

  it("EmbeddingCache.setMany stores the good vectors of a batch and skips the degenerate ones", async () => {
    const cache = new EmbeddingCache({ directory, namespace: "n", onWarning: (message) => warnings.push(message) });
    await cache.setMany([
      { key: "a".repeat(64), vector: [1, 2, 3, 4] },
      { key: "b".repeat(64), vector: [0, 0, 0, 0] },
      { key: "c".repeat(64), vector: [Number.NaN, 1, 1, 1] },
    ]);
    await cache.flush();
    const reread = new EmbeddingCache({ directory, namespace: "n" });
    expect(await reread.getMany(["a".repeat(64), "b".repeat(64), "c".repeat(64)])).toEqual([[1, 2, 3, 4], undefined, undefined]);
    expect(warnings.length).toBe(1);
  });
});

describe("a bad vector already on disk (a cache written before this fix)", () => {
  it("an all-zero cached vector is dropped with a warning naming the shard and how to clear the cache; the text is embedded again", async () => {
    const cache = new EmbeddingCache({ directory, namespace: "old-model" });
    await cache.setMany([{ key: "d".repeat(64), vector: [1, 2, 3, 4] }]);
    await cache.flush();
    // Zero the stored floats and recompute the checksum: what an old version wrote for a zero answer.
    const [folder] = await readdir(directory);
    const [shard] = (await readdir(path.join(directory, folder!))).filter((name) => name.endsWith(".bin"));
    const file = path.join(directory, folder!, shard!);
    const bytes = await readFile(file);
    bytes.fill(0, 64 + 32, 64 + 32 + DIMENSIONS * 4);
    createHash("sha256")
      .update(bytes.subarray(0, bytes.length - 32))
      .digest()
      .copy(bytes, bytes.length - 32);
    await writeFile(file, bytes);

    const reread = new EmbeddingCache({ directory, namespace: "old-model", onWarning: (message) => warnings.push(message) });
    expect(await reread.getMany(["d".repeat(64)])).toEqual([undefined]);
    expect(warnings.length).toBe(1);
    expect(warnings[0]).toContain(file);
    expect(warnings[0]).toContain("all-zero");
    expect(warnings[0]).toContain(`delete the folder ${reread.folder}`);
  });
});
