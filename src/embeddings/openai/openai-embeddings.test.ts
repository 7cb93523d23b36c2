import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ErrorCodes } from "../../core/errors/error-codes.js";
import { InvalidOptionError } from "../../core/errors/invalid-option-error.js";
import { RetrieverError } from "../../core/errors/retriever-error.js";
import { ServiceError } from "../../core/errors/service-error.js";
import {
  encodeFloat32Base64,
  fakeEmbedding,
  startMockOpenAIServer,
  type MockOpenAIServer,
} from "../../../test/support/mock-openai-server.js";
import { createOpenAIEmbeddings, OPENAI_EMBEDDINGS_SERVICE, redactSecrets, type OpenAIEmbeddingsOptions } from "./openai-embeddings.js";

const API_KEY = "sk-test-secret-key-0123456789abcdef";

let server: MockOpenAIServer;

beforeAll(async () => {
  server = await startMockOpenAIServer({ embeddingDimensions: 8, apiKey: API_KEY });
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  server.reset();
  vi.unstubAllEnvs();
});

/** Fast retries so tests do not wait; everything else as in production. */
function embeddings(options: OpenAIEmbeddingsOptions = {}) {
  return createOpenAIEmbeddings({ apiKey: API_KEY, baseURL: server.baseURL, retryDelayMs: 1, maxRetryDelayMs: 5, ...options });
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

describe("createOpenAIEmbeddings against a mock OpenAI server", () => {
  it("returns one vector per text, in input order, decoding the SDK's default base64 encoding", async () => {
    const texts = ["first review", "second review", "third review"];
    const vectors = await embeddings().embedDocuments(texts);
    expect(vectors).toEqual(texts.map((text) => fakeEmbedding(text, 8)));
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.body.encoding_format).toBe("base64");
    expect(server.requests[0]!.body.model).toBe("text-embedding-3-small");
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it("orders vectors by their index even when the server returns them shuffled", async () => {
    const texts = ["alpha", "beta", "gamma"];
    // A raw body, so in the encoding the SDK asked for (base64).
    const shuffled = [2, 0, 1].map((index) => ({
      object: "embedding",
      index,
      embedding: encodeFloat32Base64(fakeEmbedding(texts[index]!, 8)),
    }));
    server.enqueue({
      route: "embeddings",
      body: { object: "list", data: shuffled, model: "text-embedding-3-small", usage: { prompt_tokens: 3, total_tokens: 3 } },
    });
    const vectors = await embeddings().embedDocuments(texts);
    expect(vectors).toEqual(texts.map((text) => fakeEmbedding(text, 8)));
  });

  it("splits documents into batches of batchSize and keeps the order across batches", async () => {
    const texts = Array.from({ length: 7 }, (_, index) => `text ${index}`);
    const vectors = await embeddings({ batchSize: 3 }).embedDocuments(texts);
    expect(server.requests.map((request) => request.body.input.length)).toEqual(expect.arrayContaining([3, 3, 1]));
    expect(vectors).toEqual(texts.map((text) => fakeEmbedding(text, 8)));
  });

  it("passes dimensions and embeds a query", async () => {
    const vector = await embeddings({ dimensions: 4 }).embedQuery("what about the dog?");
    expect(vector).toEqual(fakeEmbedding("what about the dog?", 4));
    expect(server.requests[0]!.body.dimensions).toBe(4);
  });

  it("retries a 500 and succeeds on the following 200", async () => {
    server.enqueue({ route: "embeddings", status: 500 });
    const vector = await embeddings().embedQuery("retry me");
    expect(vector).toEqual(fakeEmbedding("retry me", 8));
    expect(server.requests).toHaveLength(2);
  });

  it("retries a dropped connection and a 429", async () => {
    server.enqueue({ route: "embeddings", drop: true }, { route: "embeddings", status: 429, headers: { "retry-after-ms": "1" } });
    const vector = await embeddings().embedQuery("flaky network");
    expect(vector).toEqual(fakeEmbedding("flaky network", 8));
    expect(server.requests).toHaveLength(3);
  });

  it("gives up after maxRetries with a ServiceError naming OpenAI and the attempts", async () => {
    server.enqueue(...Array.from({ length: 3 }, () => ({ route: "embeddings" as const, status: 503 })));
    const error = await caught(embeddings({ maxRetries: 2 }).embedQuery("always failing"));
    expect(ServiceError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: ErrorCodes.SERVICE_ERROR, service: OPENAI_EMBEDDINGS_SERVICE, status: 503, attempts: 3 });
    expect(server.requests).toHaveLength(3);
  });

  it("does not retry a 401 and never puts the key in the error", async () => {
    const wrongKey = "sk-wrong-key-9876543210zyxwvu";
    const error = await caught(embeddings({ apiKey: wrongKey }).embedDocuments(["secret test"]));
    expect(ServiceError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: ErrorCodes.SERVICE_ERROR, service: OPENAI_EMBEDDINGS_SERVICE, status: 401, attempts: 1 });
    expect(server.requests).toHaveLength(1);
    // The mock echoes the key in its 401 message like OpenAI does; it must not survive.
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${wrongKey}`);
    const serialized = `${(error as Error).message} ${(error as Error).stack} ${String((error as Error).cause)}`;
    expect(serialized).not.toContain(wrongKey);
    expect((error as Error).message).toContain("OpenAI");
  });

  it("reports a timeout as SERVICE_TIMEOUT after retrying it", async () => {
    server.enqueue({ route: "embeddings", delayMs: 2_000 }, { route: "embeddings", delayMs: 2_000 });
    const error = await caught(embeddings({ timeoutMs: 50, maxRetries: 1 }).embedQuery("slow server"));
    expect(ServiceError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: ErrorCodes.SERVICE_TIMEOUT, service: OPENAI_EMBEDDINGS_SERVICE, attempts: 2 });
    expect(server.requests).toHaveLength(2);
  });

  it("stops retrying when the next retry would pass totalTimeoutMs", async () => {
    server.enqueue(
      ...Array.from({ length: 5 }, () => ({ route: "embeddings" as const, status: 500, headers: { "retry-after-ms": "1000" } })),
    );
    const error = await caught(embeddings({ maxRetries: 5, totalTimeoutMs: 500 }).embedQuery("budget"));
    expect(error).toMatchObject({ code: ErrorCodes.SERVICE_ERROR, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it("rejects a NaN vector with INVALID_VECTOR", async () => {
    server.enqueue({ route: "embeddings", embeddings: [[0.1, Number.NaN, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]] });
    const error = await caught(embeddings().embedQuery("broken"));
    expect(RetrieverError.isInstance(error)).toBe(true);
    expect((error as RetrieverError).code).toBe(ErrorCodes.INVALID_VECTOR);
  });

  it("rejects vectors of the wrong dimension with INVALID_VECTOR", async () => {
    server.enqueue({ route: "embeddings", embeddings: [[0.1, 0.2, 0.3]] });
    const error = await caught(embeddings({ dimensions: 4 }).embedQuery("short vector"));
    expect((error as RetrieverError).code).toBe(ErrorCodes.INVALID_VECTOR);
  });

  it("fails clearly when the response has fewer embeddings than inputs", async () => {
    server.enqueue({
      route: "embeddings",
      body: { object: "list", data: [{ object: "embedding", index: 0, embedding: encodeFloat32Base64([1, 0]) }], model: "m", usage: {} },
    });
    const error = await caught(embeddings().embedDocuments(["one", "two"]));
    expect(error).toMatchObject({ code: ErrorCodes.SERVICE_ERROR, service: OPENAI_EMBEDDINGS_SERVICE });
  });

  it("reads OPENAI_API_KEY and OPENAI_BASE_URL", async () => {
    vi.stubEnv("OPENAI_API_KEY", API_KEY);
    vi.stubEnv("OPENAI_BASE_URL", server.baseURL);
    const vector = await createOpenAIEmbeddings({ retryDelayMs: 1 }).embedQuery("from the environment");
    expect(vector).toEqual(fakeEmbedding("from the environment", 8));
  });

  it("needs a key or a base URL, and validates options", () => {
    vi.stubEnv("OPENAI_API_KEY", "");
    vi.stubEnv("OPENAI_BASE_URL", "");
    expect(() => createOpenAIEmbeddings()).toThrow(InvalidOptionError);
    expect(() => createOpenAIEmbeddings({ apiKey: API_KEY, timeoutMs: -1 })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, option: "OpenAIEmbeddings.timeoutMs" }),
    );
    expect(() => createOpenAIEmbeddings({ apiKey: API_KEY, baseURL: "ftp://example" })).toThrow(
      expect.objectContaining({ option: "OpenAIEmbeddings.baseURL" }),
    );
  });

  it("identifies model, dimensions and server in modelId, without the key", () => {
    const modelId = embeddings({ model: "text-embedding-3-large", dimensions: 256 }).modelId;
    expect(modelId).toContain("text-embedding-3-large");
    expect(modelId).toContain("256");
    expect(modelId).toContain("127.0.0.1");
    expect(modelId).not.toContain(API_KEY);
  });
});

describe("redactSecrets", () => {
  it("removes the given key and anything shaped like an OpenAI key or bearer token", () => {
    expect(redactSecrets("key abc123xyz here", ["abc123xyz"])).toBe("key *** here");
    expect(redactSecrets("Incorrect API key provided: sk-proj-AbC_12-34")).not.toContain("AbC_12");
    expect(redactSecrets("Authorization: Bearer token-value")).toBe("Authorization: Bearer ***");
  });
});
