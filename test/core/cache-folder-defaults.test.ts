import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { buildRetriever } from "../../src/config/build-retriever.js";
import { DEFAULT_INDEX_DIRECTORY } from "../../src/config/dense-index.js";
import { retrieverConfigSchema } from "../../src/config/retriever-config.js";
import { resolveCacheFolders } from "../../src/core/io/cache-folder.js";
import { DEFAULT_EMBEDDING_CACHE_DIRECTORY, EmbeddingCache } from "../../src/embeddings/cache/embedding-cache.js";
import { createEmbeddings } from "../../src/embeddings/create-embeddings.js";
import { DEFAULT_CHROMA_PATH } from "../../src/stores/chroma/chroma-server.js";
import { FakeEmbeddings } from "../support/fake-embeddings.js";
import { REPOSITORY_ROOT } from "../support/run-cli.js";

// The library's defaults (embeddings cache, saved indexes, `startChromaServer`'s data) live in the user
// cache folder the CLI uses, never in the working folder. In this run that folder is the temporary one
// of test/setup/cache-folder-setup.ts (test/cli/unit/progress.test.ts checks it is not the user's).
const runCache = process.env.RETRIEVERS_CACHE_DIR ?? "";
let other: string;

beforeAll(async () => {
  other = await mkdtemp(join(tmpdir(), "retrievers-cache-defaults-"));
});
afterEach(() => {
  vi.unstubAllEnvs();
});
afterAll(async () => {
  await rm(other, { recursive: true, force: true });
});

describe("library defaults in the user cache folder", () => {
  it("the exported defaults are the cache folder's index, embeddings and chroma folders", () => {
    expect(runCache.startsWith(join(tmpdir(), "advanced-retrievers-test-cache-"))).toBe(true);
    expect(DEFAULT_INDEX_DIRECTORY).toBe(join(runCache, "index"));
    expect(DEFAULT_EMBEDDING_CACHE_DIRECTORY).toBe(join(runCache, "embeddings"));
    expect(DEFAULT_CHROMA_PATH).toBe(join(runCache, "chroma"));
    expect(resolveCacheFolders()).toEqual({
      root: runCache,
      index: join(runCache, "index"),
      embeddings: join(runCache, "embeddings"),
      chroma: join(runCache, "chroma"),
    });
  });

  it("createEmbeddings, EmbeddingCache and the configuration's indexDirectory resolve RETRIEVERS_CACHE_DIR when used", () => {
    const embeddings = createEmbeddings() as unknown as { cache: EmbeddingCache };
    expect(embeddings.cache.folder.startsWith(join(runCache, "embeddings") + sep)).toBe(true);
    expect(retrieverConfigSchema.parse({}).indexDirectory).toBe(join(runCache, "index"));

    // Set after the library was loaded: still counts.
    vi.stubEnv("RETRIEVERS_CACHE_DIR", other);
    expect(new EmbeddingCache({ namespace: "x" }).folder.startsWith(join(other, "embeddings") + sep)).toBe(true);
    expect((createEmbeddings() as unknown as { cache: EmbeddingCache }).cache.folder.startsWith(join(other, "embeddings") + sep)).toBe(
      true,
    );
    expect(retrieverConfigSchema.parse({}).indexDirectory).toBe(join(other, "index"));
    // An explicit folder or null still wins.
    expect(retrieverConfigSchema.parse({ indexDirectory: null }).indexDirectory).toBeNull();
    expect(retrieverConfigSchema.parse({ indexDirectory: "mine" }).indexDirectory).toBe("mine");
  });

  it("buildRetriever saves its index in the cache folder, not in the working folder", async () => {
    vi.stubEnv("RETRIEVERS_CACHE_DIR", other);
    const built = await buildRetriever(
      { technique: "naive", data: join(REPOSITORY_ROOT, "data", "sample"), k: 3 },
      { embeddings: new FakeEmbeddings(16) },
    );
    try {
      const saved = await readdir(join(other, "index"));
      expect(saved.filter((name) => name.endsWith(".idx"))).toHaveLength(1);
    } finally {
      await built.close();
    }
  });
});
