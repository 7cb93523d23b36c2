import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Embeddings } from "@langchain/core/embeddings";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ErrorCodes } from "../../core/errors/error-codes.js";
import { FakeEmbeddings } from "../../../test/support/fake-embeddings.js";
import { CachedEmbeddings, describeEmbeddingsModel } from "./cached-embeddings.js";
import { EmbeddingCache } from "./embedding-cache.js";

let directory: string;
let warnings: string[];

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), "embedding-cache-"));
  warnings = [];
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const onWarning = (message: string) => warnings.push(message);

function cached(inner: Embeddings, namespace = "fake-model") {
  return new CachedEmbeddings(inner, { directory, namespace, onWarning });
}

function float32(vector: number[]): number[] {
  return Array.from(Float32Array.from(vector));
}

async function shardFiles(): Promise<string[]> {
  const folders = await readdir(directory);
  const files: string[] = [];
  for (const folder of folders) {
    for (const name of await readdir(path.join(directory, folder))) files.push(path.join(directory, folder, name));
  }
  return files;
}

const texts = ["John Wick avenges his dog", "The fight choreography is superb", "A thin plot", "John Wick avenges his dog"];

describe("CachedEmbeddings", () => {
  it("embeds each distinct text once, and a second run (new instance, same folder) calls the model zero times", async () => {
    const firstInner = new FakeEmbeddings(32);
    const first = await cached(firstInner).embedDocuments(texts);
    expect(firstInner.embeddedTexts).toBe(3);
    expect(first).toEqual(texts.map((text) => float32(firstInner.vectorFor(text))));
    const firstQuery = await cached(firstInner).embedQuery("who is the dog?");

    const secondInner = new FakeEmbeddings(32);
    const secondCache = cached(secondInner);
    expect(await secondCache.embedDocuments(texts)).toEqual(first);
    expect(await secondCache.embedQuery("who is the dog?")).toEqual(firstQuery);
    expect(secondInner.documentCalls).toBe(0);
    expect(secondInner.queryCalls).toBe(0);
    expect(warnings).toEqual([]);
  });

  it("embeds only the texts it has not seen", async () => {
    await cached(new FakeEmbeddings(32)).embedDocuments(texts.slice(0, 2));
    const inner = new FakeEmbeddings(32);
    const vectors = await cached(inner).embedDocuments(texts);
    expect(inner.embeddedTexts).toBe(1);
    expect(vectors).toEqual(texts.map((text) => float32(inner.vectorFor(text))));
  });

  it("keeps query and document entries apart", async () => {
    const inner = new FakeEmbeddings(32);
    const embeddings = cached(inner);
    await embeddings.embedDocuments(["same text"]);
    await embeddings.embedQuery("same text");
    expect(inner.queryCalls).toBe(1);
  });

  it("does not share entries between namespaces (model ids)", async () => {
    await cached(new FakeEmbeddings(32), "model-a").embedDocuments(texts);
    const inner = new FakeEmbeddings(32);
    await cached(inner, "model-b").embedDocuments(texts);
    expect(inner.embeddedTexts).toBe(3);
    const again = new FakeEmbeddings(32);
    await cached(again, "model-a").embedDocuments(texts);
    expect(again.embeddedTexts).toBe(0);
  });

  it("detects a corrupted shard (one flipped byte), warns, re-embeds and rebuilds it", async () => {
    const reference = await cached(new FakeEmbeddings(32)).embedDocuments(texts);
    const [file] = await shardFiles();
    const bytes = await readFile(file!);
    bytes[bytes.length - 100]! ^= 0x01;
    await writeFile(file!, bytes);

    const inner = new FakeEmbeddings(32);
    expect(await cached(inner).embedDocuments(texts)).toEqual(reference);
    expect(inner.embeddedTexts).toBe(3);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("corrupted");

    const afterRebuild = new FakeEmbeddings(32);
    expect(await cached(afterRebuild).embedDocuments(texts)).toEqual(reference);
    expect(afterRebuild.embeddedTexts).toBe(0);
  });

  it("detects a truncated shard and a file that is not a shard", async () => {
    await cached(new FakeEmbeddings(32)).embedDocuments(texts);
    const [file] = await shardFiles();
    await truncate(file!, 90);
    await writeFile(
      path.join(path.dirname(file!), "shard-000000000-abcdef.bin"),
      "not a shard at all, just text that is long enough to have a header......",
    );
    const inner = new FakeEmbeddings(32);
    await cached(inner).embedDocuments(texts);
    expect(inner.embeddedTexts).toBe(3);
    expect(warnings).toHaveLength(2);
  });

  it("never returns vectors of another length than the model's: stale entries are discarded", async () => {
    await cached(new FakeEmbeddings(32), "reused").embedDocuments(["old text", "shared text"]);
    const inner = new FakeEmbeddings(16);
    const vectors = await cached(inner, "reused").embedDocuments(["new text", "shared text"]);
    expect(vectors.map((vector) => vector.length)).toEqual([16, 16]);
    expect(vectors).toEqual(["new text", "shared text"].map((text) => float32(inner.vectorFor(text))));
    expect(warnings.some((warning) => warning.includes("length"))).toBe(true);
  });

  it("rejects a NaN vector from the model with INVALID_VECTOR and caches nothing", async () => {
    class BrokenEmbeddings extends FakeEmbeddings {
      override async embedDocuments(batch: string[]): Promise<number[][]> {
        return batch.map(() => [0.5, Number.NaN, 0.5]);
      }
    }
    await expect(cached(new BrokenEmbeddings(3)).embedDocuments(["x"])).rejects.toMatchObject({ code: ErrorCodes.INVALID_VECTOR });
    const inner = new FakeEmbeddings(3);
    await cached(inner).embedDocuments(["x"]);
    expect(inner.embeddedTexts).toBe(1);
  });

  it("caches chunk by chunk, so a run that fails half-way keeps what it embedded", async () => {
    class FailingOnSecondCall extends FakeEmbeddings {
      override async embedDocuments(batch: string[]): Promise<number[][]> {
        if (this.documentCalls === 1) throw new Error("interrupted");
        return super.embedDocuments(batch);
      }
    }
    const many = Array.from({ length: 5 }, (_, index) => `review ${index}`);
    const failing = new CachedEmbeddings(new FailingOnSecondCall(8), { directory, namespace: "m", chunkSize: 2, onWarning });
    await expect(failing.embedDocuments(many)).rejects.toThrow("interrupted");
    const inner = new FakeEmbeddings(8);
    await new CachedEmbeddings(inner, { directory, namespace: "m", chunkSize: 2, onWarning }).embedDocuments(many);
    expect(inner.embeddedTexts).toBe(3);
    expect(() => new CachedEmbeddings(inner, { directory, namespace: "m", chunkSize: 0 })).toThrow(
      expect.objectContaining({ option: "CachedEmbeddings.chunkSize" }),
    );
  });

  it("still returns vectors (with a warning) when the cache folder cannot be written", async () => {
    const blocked = path.join(directory, "blocked");
    await writeFile(blocked, "a file where the cache folder should be");
    const inner = new FakeEmbeddings(8);
    const embeddings = new CachedEmbeddings(inner, { directory: blocked, namespace: "m", onWarning });
    expect(await embeddings.embedDocuments(["a", "b"])).toEqual(["a", "b"].map((text) => float32(inner.vectorFor(text))));
    expect(warnings.length).toBeGreaterThan(0);
  });

  it("merges shards beyond maxShards and leaves no temporary files", async () => {
    const inner = new FakeEmbeddings(8);
    const embeddings = new CachedEmbeddings(inner, { directory, namespace: "m", maxShards: 2, onWarning });
    for (const text of ["one", "two", "three", "four"]) await embeddings.embedDocuments([text]);
    await embeddings.close();
    const files = await shardFiles();
    expect(files.length).toBeLessThanOrEqual(2);
    expect(files.every((file) => path.basename(file).startsWith("shard-"))).toBe(true);
    const fresh = new FakeEmbeddings(8);
    await new CachedEmbeddings(fresh, { directory, namespace: "m", onWarning }).embedDocuments(["one", "two", "three", "four"]);
    expect(fresh.embeddedTexts).toBe(0);
  });

  it("returns exactly the float32-rounded model vectors, cached or not (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ maxLength: 40 }), { minLength: 1, maxLength: 8 }), async (batch) => {
        const inner = new FakeEmbeddings(8);
        const expected = batch.map((text) => float32(inner.vectorFor(text)));
        const embeddings = new CachedEmbeddings(inner, { directory, namespace: "property", onWarning });
        expect(await embeddings.embedDocuments(batch)).toEqual(expected);
        expect(
          await new CachedEmbeddings(new FakeEmbeddings(8), { directory, namespace: "property", onWarning }).embedDocuments(batch),
        ).toEqual(expected);
      }),
      { numRuns: 25 },
    );
  });

  it("takes the namespace from modelId or model, and asks for one otherwise", () => {
    expect(describeEmbeddingsModel(Object.assign(new FakeEmbeddings(4), { modelId: "my-model" }))).toBe("my-model");
    expect(describeEmbeddingsModel(Object.assign(new FakeEmbeddings(4), { model: "m", dimensions: 4 }))).toBe("FakeEmbeddings:m:4");
    expect(() => new CachedEmbeddings(new FakeEmbeddings(4), { directory })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION }),
    );
  });
});

describe("EmbeddingCache", () => {
  it("defaults to embeddings/ in the user cache folder (RETRIEVERS_CACHE_DIR: the run's temporary one)", () => {
    const cache = new EmbeddingCache({ namespace: "x" });
    expect(process.env.RETRIEVERS_CACHE_DIR).toBeTruthy();
    expect(cache.folder.startsWith(path.join(process.env.RETRIEVERS_CACHE_DIR!, "embeddings") + path.sep)).toBe(true);
  });

  it("rejects an empty namespace", () => {
    expect(() => new EmbeddingCache({ namespace: "" })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, option: "EmbeddingCache.namespace" }),
    );
  });
});
