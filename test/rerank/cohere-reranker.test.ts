import { Document } from "@langchain/core/documents";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ErrorCodes } from "../../src/core/errors/error-codes.js";
import { ServiceError } from "../../src/core/errors/service-error.js";
import { CohereReranker, type CohereRerankerOptions } from "../../src/rerankers/cohere-reranker.js";
import { overlapScore, startMockCohereServer, type MockCohereServer } from "../support/mock-cohere-server.js";

const API_KEY = "test-secret-key-0123456789";

const documents = [
  "The fight choreography is stunning.",
  "A slow film about gardening.",
  "Stunning choreography in every fight scene, the stunt work is real.",
  "Nothing about action here.",
].map((pageContent, index) => new Document({ id: `d${index}`, pageContent }));

const fastRetries: CohereRerankerOptions = { initialRetryDelayMs: 1, maxRetryDelayMs: 5, maxRetries: 3 };

describe("CohereReranker", () => {
  let server: MockCohereServer;
  beforeEach(async () => {
    server = await startMockCohereServer({ apiKey: API_KEY });
  });
  afterEach(async () => {
    await server.close();
  });

  const reranker = (options: CohereRerankerOptions = {}) =>
    new CohereReranker({ apiKey: API_KEY, baseUrl: server.url, ...fastRetries, ...options });

  it("sends the real v2 request and returns indices and scores best first", async () => {
    const results = await reranker().rerank("stunning fight choreography", documents, { topN: 3 });
    const expected = documents
      .map((document, index) => ({ index, score: overlapScore("stunning fight choreography", document.pageContent) }))
      .sort((a, b) => b.score - a.score || a.index - b.index)
      .slice(0, 3);
    expect(results).toEqual(expected);
    expect(results[0]!.score).toBeGreaterThan(results[2]!.score);
    expect(server.requests).toHaveLength(1);
    const request = server.requests[0]!;
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/v2/rerank");
    expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request.body).toEqual({
      model: "rerank-v3.5",
      query: "stunning fight choreography",
      documents: documents.map((document) => document.pageContent),
      top_n: 3,
    });
  });

  it("passes max_tokens_per_doc and another model", async () => {
    await reranker({ model: "rerank-english-v3.0", maxTokensPerDoc: 512 }).rerank("fight", documents);
    expect(server.requests[0]!.body).toMatchObject({ model: "rerank-english-v3.0", max_tokens_per_doc: 512 });
    expect(server.requests[0]!.body).not.toHaveProperty("top_n");
  });

  it("splits inputs over the per-request limit into batches and merges them by score", async () => {
    const many = Array.from(
      { length: 7 },
      (_, index) => new Document({ pageContent: index % 3 === 0 ? `fight scene number ${index} choreography` : `quiet drama ${index}` }),
    );
    const results = await reranker({ maxDocumentsPerRequest: 3 }).rerank("fight choreography", many, { topN: 4 });
    expect(server.requests.map((request) => (request.body as { documents: string[] }).documents.length)).toEqual([3, 3, 1]);
    expect(server.requests.map((request) => (request.body as { top_n: number }).top_n)).toEqual([3, 3, 1]);
    expect(results.map((result) => result.index)).toEqual([0, 3, 6, 1]);
    for (let position = 1; position < results.length; position += 1)
      expect(results[position - 1]!.score).toBeGreaterThanOrEqual(results[position]!.score);
  });

  it("the real server refuses more than its limit in one request (why batching exists)", async () => {
    const small = await startMockCohereServer({ maxDocuments: 2 });
    try {
      const error = await new CohereReranker({ apiKey: API_KEY, baseUrl: small.url, ...fastRetries })
        .rerank("fight", documents)
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: ErrorCodes.SERVICE_ERROR, status: 400, attempts: 1 });
      expect(
        await new CohereReranker({ apiKey: API_KEY, baseUrl: small.url, maxDocumentsPerRequest: 2 }).rerank("fight", documents),
      ).toHaveLength(4);
    } finally {
      await small.close();
    }
  });

  it("retries a 429, honouring Retry-After, then succeeds", async () => {
    server.enqueue({ status: 429, headers: { "Retry-After": "0.05" } });
    const onRetry = vi.fn();
    const results = await reranker({ onRetry }).rerank("fight", documents, { topN: 1 });
    expect(results).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
    expect(onRetry).toHaveBeenCalledTimes(1);
    expect(onRetry.mock.calls[0]![0]).toMatchObject({ attempt: 1, status: 429 });
    expect(onRetry.mock.calls[0]![0].delayMs).toBeGreaterThanOrEqual(50);
  });

  it("retries dropped connections and 5xx", async () => {
    server.enqueue({ drop: true }, { status: 503 });
    expect(await reranker().rerank("fight", documents)).toHaveLength(4);
    expect(server.requests).toHaveLength(3);
  });

  it("gives up on repeated 500s with a ServiceError naming the service and the attempts", async () => {
    server.enqueue(...Array.from({ length: 4 }, () => ({ status: 500 })));
    const error = await reranker({ maxRetries: 3 })
      .rerank("fight", documents)
      .catch((caught: unknown) => caught);
    expect(ServiceError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: ErrorCodes.SERVICE_ERROR, service: "Cohere rerank", status: 500, attempts: 4 });
    expect(server.requests).toHaveLength(4);
  });

  it("does not retry a 401 and never puts the key in the error", async () => {
    const wrongKey = "wrong-secret-key-9876543210";
    const error = await new CohereReranker({ apiKey: wrongKey, baseUrl: server.url, ...fastRetries })
      .rerank("fight", documents)
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: ErrorCodes.SERVICE_ERROR, status: 401, attempts: 1 });
    expect(server.requests).toHaveLength(1);
    expect(String((error as Error).message)).not.toContain(wrongKey);
    expect(JSON.stringify(error)).not.toContain(wrongKey);
    expect(String((error as Error).stack)).not.toContain(wrongKey);
  });

  it("redacts the key even when the server echoes it", async () => {
    server.enqueue({ status: 400, body: { message: `bad key ${API_KEY}` } });
    const error = (await reranker()
      .rerank("fight", documents)
      .catch((caught: unknown) => caught)) as Error;
    expect(error.message).not.toContain(API_KEY);
    expect(error.message).toContain("[redacted]");
  });

  it("times out a silent server and reports SERVICE_TIMEOUT after the retries", async () => {
    server.enqueue({ delayMs: 2_000 }, { delayMs: 2_000 });
    const error = await reranker({ timeoutMs: 50, maxRetries: 1 })
      .rerank("fight", documents)
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: ErrorCodes.SERVICE_TIMEOUT, service: "Cohere rerank", attempts: 2 });
  });

  it("stops within the total budget even with retries left", async () => {
    server.enqueue({ status: 429, headers: { "Retry-After": "30" } });
    const error = await reranker({ maxRetries: 5, totalTimeoutMs: 5_000 })
      .rerank("fight", documents)
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: ErrorCodes.SERVICE_ERROR, status: 429, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it("rejects a malformed 200 answer without retrying", async () => {
    server.enqueue({ malformed: true });
    const error = await reranker()
      .rerank("fight", documents)
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: ErrorCodes.SERVICE_ERROR, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it("returns [] for no documents without any request", async () => {
    expect(await reranker().rerank("fight", [])).toEqual([]);
    expect(server.requests).toHaveLength(0);
  });

  it("aborts when the caller's signal fires", async () => {
    server.enqueue({ delayMs: 2_000 });
    const controller = new AbortController();
    const pending = reranker().rerank("fight", documents, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ code: ErrorCodes.ABORTED });
  });
});

describe("CohereReranker configuration", () => {
  const saved = { key: process.env.COHERE_API_KEY, url: process.env.COHERE_BASE_URL };
  afterEach(() => {
    if (saved.key === undefined) delete process.env.COHERE_API_KEY;
    else process.env.COHERE_API_KEY = saved.key;
    if (saved.url === undefined) delete process.env.COHERE_BASE_URL;
    else process.env.COHERE_BASE_URL = saved.url;
  });

  it("names COHERE_API_KEY when no key is set", () => {
    delete process.env.COHERE_API_KEY;
    let caught: unknown;
    try {
      new CohereReranker();
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: ErrorCodes.INVALID_OPTION, option: "CohereReranker.apiKey" });
    expect((caught as Error).message).toContain("COHERE_API_KEY");
  });

  it("reads the key and base URL from the environment", async () => {
    const server = await startMockCohereServer({ apiKey: API_KEY });
    try {
      process.env.COHERE_API_KEY = API_KEY;
      process.env.COHERE_BASE_URL = `${server.url}/`;
      const reranker = new CohereReranker();
      expect(reranker.baseUrl).toBe(server.url);
      expect(reranker.name).toBe("cohere:rerank-v3.5");
      expect(await reranker.rerank("fight", documents, { topN: 2 })).toHaveLength(2);
      expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${API_KEY}`);
    } finally {
      await server.close();
    }
  });

  it("validates options", () => {
    expect(() => new CohereReranker({ apiKey: API_KEY, maxDocumentsPerRequest: 1001 })).toThrow(
      expect.objectContaining({ option: "CohereReranker.maxDocumentsPerRequest" }),
    );
    expect(() => new CohereReranker({ apiKey: API_KEY, baseUrl: "ftp://example" })).toThrow(
      expect.objectContaining({ option: "CohereReranker.baseUrl" }),
    );
  });
});
