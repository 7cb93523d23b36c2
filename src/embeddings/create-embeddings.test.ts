import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ErrorCodes } from "../core/errors/error-codes.js";
import { fakeEmbedding, startMockOpenAIServer, type MockOpenAIServer } from "../../test/support/mock-openai-server.js";
import { CachedEmbeddings } from "./cache/cached-embeddings.js";
import { DeferredOpenAIEmbeddings, createEmbeddings, resolveEmbeddingsProvider } from "./create-embeddings.js";
import { LocalEmbeddings } from "./local/local-embeddings.js";
import { RetryingOpenAIEmbeddings } from "./openai/openai-embeddings.js";

let server: MockOpenAIServer;
let directory: string;

beforeAll(async () => {
  server = await startMockOpenAIServer({ embeddingDimensions: 8 });
  directory = await mkdtemp(path.join(tmpdir(), "create-embeddings-"));
});
afterAll(async () => {
  await server.close();
  await rm(directory, { recursive: true, force: true });
});
afterEach(() => {
  vi.unstubAllEnvs();
  server.reset();
});

describe("resolveEmbeddingsProvider", () => {
  it("picks openai for auto only when OPENAI_API_KEY or OPENAI_BASE_URL is set", () => {
    expect(resolveEmbeddingsProvider("auto", {})).toBe("local");
    expect(resolveEmbeddingsProvider("auto", { OPENAI_API_KEY: "  " })).toBe("local");
    expect(resolveEmbeddingsProvider("auto", { OPENAI_API_KEY: "sk-x" })).toBe("openai");
    expect(resolveEmbeddingsProvider("auto", { OPENAI_BASE_URL: "http://127.0.0.1:1/v1" })).toBe("openai");
    expect(resolveEmbeddingsProvider("local", { OPENAI_API_KEY: "sk-x" })).toBe("local");
    expect(resolveEmbeddingsProvider("openai", {})).toBe("openai");
  });
});

describe("createEmbeddings", () => {
  it("wraps the local model in the cache by default (auto without OpenAI settings)", async () => {
    vi.stubEnv("OPENAI_API_KEY", "");
    vi.stubEnv("OPENAI_BASE_URL", "");
    const embeddings = createEmbeddings({ cacheDirectory: directory, local: { workers: 0 } });
    expect(embeddings).toBeInstanceOf(CachedEmbeddings);
    expect((embeddings as CachedEmbeddings).inner).toBeInstanceOf(LocalEmbeddings);
    expect((embeddings as CachedEmbeddings).cache.folder.startsWith(directory)).toBe(true);
    await embeddings.close();
  });

  it("stays local by default even when OPENAI_API_KEY and OPENAI_BASE_URL are set (OpenAI only when asked for)", async () => {
    vi.stubEnv("OPENAI_API_KEY", "sk-test");
    vi.stubEnv("OPENAI_BASE_URL", server.baseURL);
    const embeddings = createEmbeddings({ cacheDirectory: directory, local: { workers: 0 } });
    expect((embeddings as CachedEmbeddings).inner).toBeInstanceOf(LocalEmbeddings);
    await embeddings.close();
    expect(server.requests).toHaveLength(0);
    expect(() => createEmbeddings({ providr: "openai" } as never)).toThrow(/"createEmbeddings.providr".*did you mean `provider`\?/);
  });

  it("uses OpenAI for auto when OPENAI_BASE_URL is set, and a second run is served from the cache", async () => {
    vi.stubEnv("OPENAI_BASE_URL", server.baseURL);
    const first = createEmbeddings({ provider: "auto", cacheDirectory: directory });
    expect((first as CachedEmbeddings).inner).toBeInstanceOf(DeferredOpenAIEmbeddings);
    const vectors = await first.embedDocuments(["a", "b"]);
    expect(vectors).toEqual([fakeEmbedding("a", 8), fakeEmbedding("b", 8)]);
    expect(server.requests).toHaveLength(1);
    const second = createEmbeddings({ provider: "auto", cacheDirectory: directory });
    expect(await second.embedDocuments(["a", "b"])).toEqual(vectors);
    expect(server.requests).toHaveLength(1);
  });

  it("returns the bare embeddings with cache: false, loading the OpenAI adapter on the first call", async () => {
    const embeddings = createEmbeddings({ provider: "openai", cache: false, openai: { baseURL: server.baseURL } });
    expect(embeddings).toBeInstanceOf(DeferredOpenAIEmbeddings);
    const direct = new RetryingOpenAIEmbeddings({ baseURL: server.baseURL });
    expect(embeddings.modelId).toBe(direct.modelId);
    expect(await (embeddings as DeferredOpenAIEmbeddings).load()).toBeInstanceOf(RetryingOpenAIEmbeddings);
    expect(await embeddings.embedQuery("a")).toEqual(fakeEmbedding("a", 8));
  });

  it("reports a missing OpenAI key at once", () => {
    vi.stubEnv("OPENAI_API_KEY", "");
    vi.stubEnv("OPENAI_BASE_URL", "");
    expect(() => createEmbeddings({ provider: "openai" })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, option: "OpenAIEmbeddings.apiKey" }),
    );
  });

  it("rejects an unknown provider", () => {
    expect(() => createEmbeddings({ provider: "cohere" as never })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, option: "createEmbeddings.provider" }),
    );
  });
});
