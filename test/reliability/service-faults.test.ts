/**
 * Fault matrix for the remote services (Cohere rerank, OpenAI embeddings, OpenAI chat through the LLM
 * reranker and the LLM query constructor), each pointed at a scripted faulty server on 127.0.0.1:
 * timeouts, 429, 500, a connection dropped before or in the middle of the answer, malformed JSON, and
 * servers that always fail or always hang (the call must end within its configured budget, with an
 * error naming the service). Retry timing itself (exponential backoff, equal jitter, Retry-After) is
 * covered by src/core/retry.test.ts; here we check each client goes through it.
 */
import { Document } from "@langchain/core/documents";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ErrorCodes } from "../../src/core/errors/error-codes.js";
import { ServiceError } from "../../src/core/errors/service-error.js";
import { createOpenAIEmbeddings, OPENAI_EMBEDDINGS_SERVICE } from "../../src/embeddings/openai/openai-embeddings.js";
import { createChatModel } from "../../src/llm/create-chat-model.js";
import { COHERE_RERANK_SERVICE, CohereReranker } from "../../src/rerankers/cohere-reranker.js";
import { LLM_RERANK_SERVICE, LlmReranker } from "../../src/rerankers/llm-reranker.js";
import { LLM_QUERY_CONSTRUCTOR_SERVICE, LlmQueryConstructor } from "../../src/self-query/llm-query-constructor.js";
import { startFaultServer, type Fault, type FaultServer } from "../support/fault-server.js";
import { encodeFloat32Base64 } from "../support/mock-openai-server.js";
import { johnWickAttributes } from "../../src/datasets/john-wick/attributes.js";

const API_KEY = "sk-test-reliability-0123456789";
const documents = ["fight choreography", "a quiet drama", "the dog"].map(
  (pageContent, index) => new Document({ id: `d${index + 1}`, pageContent }),
);

/** Generous slack over a configured budget: this bounds correctness (no runaway retries), it is not a speed claim. */
const BUDGET_MARGIN_MS = 2_000;

function cohereAnswer(): object {
  return {
    id: "rerank-1",
    results: [
      { index: 0, relevance_score: 0.9 },
      { index: 2, relevance_score: 0.5 },
      { index: 1, relevance_score: 0.1 },
    ],
    meta: { api_version: { version: "2" }, billed_units: { search_units: 1 } },
  };
}

function embeddingsAnswer(request: { body: string }): object {
  const input = (JSON.parse(request.body) as { input: string[] | string }).input;
  const texts = Array.isArray(input) ? input : [input];
  return {
    object: "list",
    data: texts.map((_, index) => ({ object: "embedding", index, embedding: encodeFloat32Base64([0.6, 0.8, 0, 0]) })),
    model: "text-embedding-3-small",
    usage: { prompt_tokens: texts.length, total_tokens: texts.length },
  };
}

function chatAnswer(content: unknown): object {
  return {
    id: "chatcmpl-1",
    object: "chat.completion",
    created: 1_700_000_000,
    model: "gpt-4o-mini",
    choices: [
      { index: 0, message: { role: "assistant", content: JSON.stringify(content), refusal: null }, finish_reason: "stop", logprobs: null },
    ],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  };
}

const rankingAnswer = () => chatAnswer({ ranking: ["d3", "d1", "d2"] });

interface ServiceUnderTest {
  name: string;
  service: string;
  /** The answer of a healthy server. */
  ok: Fault;
  /** Calls the service once; resolves to something comparable. */
  call(url: string, budget: { attemptTimeoutMs: number; totalTimeoutMs: number; maxRetries: number }): Promise<unknown>;
  /** What `call` returns when the healthy answer comes back. */
  expected: unknown;
}

const cohere: ServiceUnderTest = {
  name: "Cohere rerank",
  service: COHERE_RERANK_SERVICE,
  ok: { kind: "respond", body: cohereAnswer() },
  call: (url, budget) =>
    new CohereReranker({
      apiKey: API_KEY,
      baseUrl: url,
      timeoutMs: budget.attemptTimeoutMs,
      totalTimeoutMs: budget.totalTimeoutMs,
      maxRetries: budget.maxRetries,
      initialRetryDelayMs: 5,
      maxRetryDelayMs: 50,
    }).rerank("fight", documents),
  expected: [
    { index: 0, score: 0.9 },
    { index: 2, score: 0.5 },
    { index: 1, score: 0.1 },
  ],
};

const openAIEmbeddings: ServiceUnderTest = {
  name: "OpenAI embeddings",
  service: OPENAI_EMBEDDINGS_SERVICE,
  ok: { kind: "respond", body: embeddingsAnswer },
  call: (url, budget) =>
    createOpenAIEmbeddings({
      apiKey: API_KEY,
      baseURL: `${url}/v1`,
      timeoutMs: budget.attemptTimeoutMs,
      totalTimeoutMs: budget.totalTimeoutMs,
      maxRetries: budget.maxRetries,
      retryDelayMs: 5,
      maxRetryDelayMs: 50,
    }).embedDocuments(["one", "two"]),
  expected: [
    [0.6000000238418579, 0.800000011920929, 0, 0],
    [0.6000000238418579, 0.800000011920929, 0, 0],
  ],
};

function chatModel(url: string, budget: { attemptTimeoutMs: number; maxRetries: number }) {
  const model = createChatModel({
    provider: "openai",
    apiKey: API_KEY,
    baseURL: `${url}/v1`,
    timeoutMs: budget.attemptTimeoutMs,
    maxRetries: budget.maxRetries,
  });
  if (model === null) throw new Error("expected a chat model");
  return model;
}

const openAIChat: ServiceUnderTest = {
  name: "OpenAI chat (LLM reranker)",
  service: LLM_RERANK_SERVICE,
  ok: { kind: "respond", body: rankingAnswer },
  call: (url, budget) => new LlmReranker({ model: chatModel(url, budget), strict: true }).rerank("dog", documents),
  expected: [
    { index: 2, score: 1 },
    { index: 0, score: 1 - 1 / 3 },
    { index: 1, score: 1 - 2 / 3 },
  ],
};

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

async function failure(promise: Promise<unknown>): Promise<ServiceError> {
  const error = await promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (caught: unknown) => caught,
  );
  if (!ServiceError.isInstance(error)) throw error;
  return error;
}

/** One retry is enough for these cases; LangChain's chat retries wait about a second each. */
const RECOVERY_BUDGET = { attemptTimeoutMs: 500, totalTimeoutMs: 20_000, maxRetries: 1 };

const transientFaults: Array<[string, Fault]> = [
  ["a server that does not answer in time", { kind: "hang" }],
  ["429 Too Many Requests", { kind: "respond", status: 429, headers: { "retry-after": "0" } }],
  ["500 Internal Server Error", { kind: "respond", status: 500 }],
  ["503 Service Unavailable", { kind: "respond", status: 503 }],
  ["a connection closed before the answer", { kind: "drop" }],
];

describe.each([cohere, openAIEmbeddings, openAIChat])("$name against a faulty server", (subject) => {
  it.each(transientFaults)("retries after %s and returns the right answer", async (_name, fault) => {
    server.setFallback(subject.ok);
    server.enqueue(fault);
    expect(await subject.call(server.url, RECOVERY_BUDGET)).toEqual(subject.expected);
    expect(server.requests.map((request) => request.fault)).toEqual([fault.kind, "respond"]);
  });

  it("retries after a connection closed in the middle of the answer", async () => {
    server.setFallback(subject.ok);
    // The same healthy answer, cut after half of its bytes.
    const healthy = subject.ok.kind === "respond" ? subject.ok.body : undefined;
    if (healthy === undefined) throw new Error("the healthy answer needs a body");
    server.enqueue({ kind: "truncate", body: healthy });
    expect(await subject.call(server.url, RECOVERY_BUDGET)).toEqual(subject.expected);
    expect(server.requests.map((request) => request.fault)).toEqual(["truncate", "respond"]);
  });

  it("rejects malformed JSON with an error naming the service, without retrying forever", async () => {
    server.setFallback({ kind: "malformed" });
    const error = await failure(subject.call(server.url, RECOVERY_BUDGET));
    expect(error.code).toBe(ErrorCodes.SERVICE_ERROR);
    expect(error.service).toBe(subject.service);
    expect(error.message).toContain(subject.service);
    expect(server.requests.length).toBeLessThanOrEqual(RECOVERY_BUDGET.maxRetries + 1);
  });

  it("gives up on a server that always answers 500, naming the service, the status and the attempts", async () => {
    server.setFallback({ kind: "respond", status: 500 });
    const error = await failure(subject.call(server.url, { attemptTimeoutMs: 1_000, totalTimeoutMs: 10_000, maxRetries: 1 }));
    expect(error).toMatchObject({ code: ErrorCodes.SERVICE_ERROR, service: subject.service, status: 500 });
    expect(server.requests).toHaveLength(2);
  });
});

describe.each([cohere, openAIEmbeddings])("$name: a bounded total time", (subject) => {
  it("ends within totalTimeoutMs when the server always answers 500 (retries left over)", async () => {
    server.setFallback({ kind: "respond", status: 500, headers: { "retry-after": "0.3" } });
    const totalTimeoutMs = 1_000;
    const started = Date.now();
    const error = await failure(subject.call(server.url, { attemptTimeoutMs: 500, totalTimeoutMs, maxRetries: 20 }));
    const elapsed = Date.now() - started;
    expect(error).toMatchObject({ code: ErrorCodes.SERVICE_ERROR, service: subject.service, status: 500 });
    expect(error.attempts).toBeGreaterThan(1);
    expect(error.attempts).toBeLessThan(21);
    expect(elapsed).toBeLessThan(totalTimeoutMs + BUDGET_MARGIN_MS);
  });

  it("ends within totalTimeoutMs with SERVICE_TIMEOUT when the server always hangs", async () => {
    server.setFallback({ kind: "hang" });
    const totalTimeoutMs = 1_000;
    const started = Date.now();
    const error = await failure(subject.call(server.url, { attemptTimeoutMs: 300, totalTimeoutMs, maxRetries: 20 }));
    const elapsed = Date.now() - started;
    expect(error).toMatchObject({ code: ErrorCodes.SERVICE_TIMEOUT, service: subject.service });
    expect(error.attempts).toBeGreaterThan(1);
    expect(elapsed).toBeLessThan(totalTimeoutMs + BUDGET_MARGIN_MS);
  });
});

describe("OpenAI chat (LLM query constructor): a bounded total time", () => {
  const constructor = (timeoutMs: number) =>
    new LlmQueryConstructor({
      attributes: johnWickAttributes(),
      model: chatModel(server.url, { attemptTimeoutMs: 60_000, maxRetries: 6 }),
      timeoutMs,
      fallback: null,
    });

  it("ends within timeoutMs when the server always hangs, with SERVICE_TIMEOUT naming the service", async () => {
    server.setFallback({ kind: "hang" });
    const started = Date.now();
    const error = await failure(constructor(800).construct("reviews of the second film rated above 8"));
    expect(error).toMatchObject({ code: ErrorCodes.SERVICE_TIMEOUT, service: LLM_QUERY_CONSTRUCTOR_SERVICE });
    expect(Date.now() - started).toBeLessThan(800 + BUDGET_MARGIN_MS);
  });

  it("ends within timeoutMs when the server always answers 500, however many retries the model has left", async () => {
    server.setFallback({ kind: "respond", status: 500 });
    const started = Date.now();
    const error = await failure(constructor(1_500).construct("reviews of the second film rated above 8"));
    expect(error.service).toBe(LLM_QUERY_CONSTRUCTOR_SERVICE);
    expect(Date.now() - started).toBeLessThan(1_500 + BUDGET_MARGIN_MS);
    expect(server.requests.length).toBeGreaterThanOrEqual(1);
  });

  it("falls back to the rule-based constructor, with a warning, when the model cannot be reached", async () => {
    server.setFallback({ kind: "drop" });
    const withFallback = new LlmQueryConstructor({
      attributes: johnWickAttributes(),
      model: chatModel(server.url, { attemptTimeoutMs: 500, maxRetries: 0 }),
      timeoutMs: 5_000,
    });
    const constructed = await withFallback.construct("reviews of Parabellum rated above 8");
    expect(constructed.warnings.join(" ")).toContain(LLM_QUERY_CONSTRUCTOR_SERVICE);
    expect(constructed.filter).not.toBeNull();
  });
});
