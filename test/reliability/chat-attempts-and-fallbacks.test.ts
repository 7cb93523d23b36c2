/**
 * Chat errors count the attempts really made, and the benchmark says when the LLM query constructor
 * fell back (issue #14 items 10 and 12). A scripted faulty server on 127.0.0.1 plays OpenAI chat.
 */
import { Document } from "@langchain/core/documents";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ErrorCodes } from "../../src/core/errors/error-codes.js";
import { ServiceError } from "../../src/core/errors/service-error.js";
import { renderMarkdownReport } from "../../src/evaluation/report-markdown.js";
import { runBenchmark } from "../../src/evaluation/run-benchmark.js";
import { chatAttempts } from "../../src/llm/chat-attempts.js";
import { createChatModel } from "../../src/llm/create-chat-model.js";
import { LlmReranker } from "../../src/rerankers/llm-reranker.js";
import { LlmQueryConstructor } from "../../src/self-query/llm-query-constructor.js";
import { johnWickAttributes } from "../../src/datasets/john-wick/attributes.js";
import { tinyDocuments, tinyQueries } from "../evaluation/bench-fixtures.js";
import { FakeEmbeddings } from "../support/fake-embeddings.js";
import { startFaultServer, type FaultServer } from "../support/fault-server.js";

const API_KEY = "sk-test-attempts-0123456789";
const documents = [new Document({ pageContent: "a dog", id: "a" }), new Document({ pageContent: "a cat", id: "b" })];

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  server.reset();
});

function model(maxRetries: number) {
  const chat = createChatModel({ provider: "openai", apiKey: API_KEY, baseURL: `${server.url}/v1`, timeoutMs: 5_000, maxRetries });
  if (chat === null) throw new Error("expected a chat model");
  return chat;
}

async function serviceError(promise: Promise<unknown>): Promise<ServiceError> {
  const error = await promise.then(
    () => new Error("expected a rejection"),
    (caught: unknown) => caught,
  );
  if (!ServiceError.isInstance(error)) throw error;
  return error;
}

describe("chat errors report the attempts really made", () => {
  it.each([
    [500, 3],
    [429, 3],
    [401, 1],
  ])(
    "LLM reranker, a server always answering %i with maxRetries 2: the error says %i attempts, as many as the server saw",
    async (status, attempts) => {
      server.setFallback({ kind: "respond", status, headers: { "retry-after": "0" }, body: { error: { message: "nope" } } });
      const error = await serviceError(new LlmReranker({ model: model(2), strict: true }).rerank("dog", documents));
      expect(server.requests.length).toBe(attempts);
      expect(error.attempts).toBe(attempts);
      expect(error.status).toBe(status);
      expect(error.message).toContain(`after ${attempts} attempt${attempts === 1 ? "" : "s"}`);
    },
    30_000,
  );

  it("LLM query constructor without fallback, always 500 with maxRetries 2: 3 attempts", async () => {
    server.setFallback({ kind: "respond", status: 500, body: { error: { message: "boom" } } });
    const error = await serviceError(
      new LlmQueryConstructor({ model: model(2), attributes: johnWickAttributes(), timeoutMs: 20_000, fallback: null }).construct(
        "fights in John Wick 3",
      ),
    );
    expect(error.code).toBe(ErrorCodes.SERVICE_ERROR);
    expect(server.requests.length).toBe(3);
    expect(error.attempts).toBe(3);
    expect(error.message).toContain("after 3 attempts");
  }, 30_000);

  it("chatAttempts estimates from the status and the model's maxRetries when nothing was counted", () => {
    const foreignModel = { caller: { maxRetries: 4 } };
    expect(chatAttempts(Object.assign(new Error("x"), { status: 500 }), foreignModel)).toBe(5);
    expect(chatAttempts(Object.assign(new Error("x"), { status: 401 }), foreignModel)).toBe(1);
    expect(chatAttempts(Object.assign(new Error("x"), { status: 500 }), foreignModel, 2)).toBe(2);
    expect(chatAttempts(new Error("x"), {})).toBe(1);
  });
});

describe("the benchmark records which constructor produced each query", () => {
  const saved = { key: process.env.OPENAI_API_KEY, url: process.env.OPENAI_BASE_URL };
  afterAll(() => {
    if (saved.key === undefined) delete process.env.OPENAI_API_KEY;
    else process.env.OPENAI_API_KEY = saved.key;
    if (saved.url === undefined) delete process.env.OPENAI_BASE_URL;
    else process.env.OPENAI_BASE_URL = saved.url;
  });

  it("every chat call failing with 401: fallbacks counted per query, produced by rule-based, and a warning", async () => {
    process.env.OPENAI_API_KEY = API_KEY;
    process.env.OPENAI_BASE_URL = `${server.url}/v1`;
    server.setFallback({ kind: "respond", status: 401, body: { error: { message: "Incorrect API key provided" } } });
    const queries = tinyQueries();
    const results = await runBenchmark({
      queries,
      techniques: ["self-query"],
      config: { indexDirectory: null, llm: "openai", selfQuery: { queryConstructor: "llm" } },
      dependencies: { embeddings: new FakeEmbeddings(32), documents: tinyDocuments() },
      permutations: 10,
      warmUp: false,
    });
    const [selfQuery] = results.techniques;
    expect(selfQuery!.status).toBe("ok");
    expect(server.requests.length).toBeGreaterThan(0);
    expect(selfQuery!.queries.length).toBe(queries.length);
    expect(selfQuery!.queries.every((outcome) => outcome.constructedBy === "rule-based" && outcome.fallbackReason !== undefined)).toBe(
      true,
    );
    expect(selfQuery!.constructedBy).toEqual({ counts: { "rule-based": queries.length }, fallbacks: queries.length });
    const warning = results.warnings.find((text) => text.includes("fell back"));
    expect(warning).toContain(`fell back on ${queries.length} of ${queries.length} queries`);
    expect(warning).not.toContain(API_KEY);
    expect(renderMarkdownReport(results)).toContain("fell back on");
  }, 60_000);

  it("a working LLM: every query produced by llm, no fallback, no warning", async () => {
    process.env.OPENAI_API_KEY = API_KEY;
    process.env.OPENAI_BASE_URL = `${server.url}/v1`;
    const answer = { query: "fights", filter: null, limit: null };
    server.setFallback({
      kind: "respond",
      body: {
        id: "c1",
        object: "chat.completion",
        created: 0,
        model: "gpt-4o-mini",
        choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: JSON.stringify(answer) } }],
      },
    });
    const queries = tinyQueries();
    const results = await runBenchmark({
      queries,
      techniques: ["self-query"],
      config: { indexDirectory: null, llm: "openai", selfQuery: { queryConstructor: "llm" } },
      dependencies: { embeddings: new FakeEmbeddings(32), documents: tinyDocuments() },
      permutations: 10,
      warmUp: false,
    });
    const [selfQuery] = results.techniques;
    expect(selfQuery!.constructedBy).toEqual({ counts: { llm: queries.length }, fallbacks: 0 });
    expect(results.warnings.some((text) => text.includes("fell back"))).toBe(false);
  }, 60_000);
});
