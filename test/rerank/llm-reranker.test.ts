import { Document } from "@langchain/core/documents";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import { ChatOpenAI } from "@langchain/openai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ErrorCodes } from "../../src/core/errors/error-codes.js";
import { extractJson, LlmReranker } from "../../src/rerankers/llm-reranker.js";
import { startMockOpenAIServer, type MockOpenAIServer } from "../support/mock-openai-server.js";

const documents = ["about gardening", "great fight scenes", "the plot is thin", "stunt work is real", "a cooking show"].map(
  (pageContent, index) => new Document({ id: `doc${index}`, pageContent }),
);
const indices = (results: Array<{ index: number }>) => results.map((result) => result.index);

describe("LlmReranker with ChatOpenAI against the mock OpenAI server", () => {
  let server: MockOpenAIServer;
  beforeEach(async () => {
    server = await startMockOpenAIServer({ apiKey: "sk-test" });
  });
  afterEach(async () => {
    await server.close();
  });
  const chat = () => new ChatOpenAI({ model: "gpt-4o-mini", apiKey: "sk-test", maxRetries: 0, configuration: { baseURL: server.baseURL } });

  it("listwise: sends the candidates with ids and a JSON schema, returns the model's order then the rest", async () => {
    server.enqueue({ route: "chat", chat: { json: { ranking: ["d4", "d2"] } } });
    const reranker = new LlmReranker({ model: chat() });
    const results = await reranker.rerank("Which reviews praise the stunts?", documents);
    expect(indices(results)).toEqual([3, 1, 0, 2, 4]);
    expect(results.map((result) => result.score)).toEqual([1, 0.8, 0.6, 0.4, 0.2].map((score) => expect.closeTo(score, 10)));
    const body = server.requests[0]!.body;
    expect(body.response_format.type).toBe("json_schema");
    const prompt = JSON.stringify(body.messages);
    expect(prompt).toContain("Which reviews praise the stunts?");
    expect(prompt).toContain("[d1]");
    expect(prompt).toContain("stunt work is real");
    expect(reranker.name).toBe("llm-listwise:gpt-4o-mini");
  });

  it("pointwise: rates in batches, sorts by rating, unrated documents last in original order", async () => {
    server.enqueue(
      {
        route: "chat",
        chat: {
          json: {
            scores: [
              { id: "d1", score: 1 },
              { id: "d2", score: 9 },
              { id: "d3", score: 4 },
            ],
          },
        },
      },
      {
        route: "chat",
        chat: {
          json: {
            scores: [
              { id: "d4", score: 9 },
              { id: "d99", score: 10 },
            ],
          },
        },
      },
    );
    const reranker = new LlmReranker({ model: chat(), mode: "pointwise", pointwiseBatchSize: 3, maxConcurrency: 1 });
    const results = await reranker.rerank("praise for fights", documents, { topN: 4 });
    expect(server.requests.filter((request) => request.route === "chat")).toHaveLength(2);
    expect(results).toEqual([
      { index: 1, score: 0.9 },
      { index: 3, score: 0.9 },
      { index: 2, score: 0.4 },
      { index: 0, score: 0.1 },
    ]);
    expect(JSON.stringify(server.requests[1]!.body.messages)).toContain("[d4]");
  });

  it("keeps the original order when the answer is not JSON, and throws with strict", async () => {
    server.enqueue({ route: "chat", chat: { content: "I think d2 is best" } });
    expect(indices(await new LlmReranker({ model: chat() }).rerank("fights", documents))).toEqual([0, 1, 2, 3, 4]);
    server.enqueue({ route: "chat", chat: { content: "not json at all" } });
    await expect(new LlmReranker({ model: chat(), strict: true }).rerank("fights", documents)).rejects.toMatchObject({
      code: ErrorCodes.SERVICE_ERROR,
      service: "LLM rerank",
    });
  });

  it("reports a failed call as a ServiceError naming the service", async () => {
    server.enqueue({ route: "chat", status: 500 });
    await expect(new LlmReranker({ model: chat() }).rerank("fights", documents)).rejects.toMatchObject({
      code: ErrorCodes.SERVICE_ERROR,
      service: "LLM rerank",
      status: 500,
    });
  });

  it("makes no call for no documents", async () => {
    expect(await new LlmReranker({ model: chat() }).rerank("fights", [])).toEqual([]);
    expect(server.requests).toHaveLength(0);
  });
});

describe("LlmReranker answer handling (FakeListChatModel)", () => {
  const rerankWith = (answer: string, options: Partial<ConstructorParameters<typeof LlmReranker>[0]> = {}) =>
    new LlmReranker({ model: new FakeListChatModel({ responses: [answer] }), ...options }).rerank("fights", documents);

  it("ignores unknown ids and duplicates and accepts id variants", async () => {
    expect(indices(await rerankWith('{"ranking": ["d3", "d3", "d42", "[d5]", 2, "banana"]}'))).toEqual([2, 4, 1, 0, 3]);
  });

  it("reads JSON from a fenced block or prose, in text mode", async () => {
    expect(indices(await rerankWith('Sure!\n```json\n{"ranking": ["d2"]}\n```', { structuredOutput: false }))).toEqual([1, 0, 2, 3, 4]);
    expect(indices(await rerankWith('Here: {"ranking": ["d5", "d1"]} hope it helps', { structuredOutput: false }))).toEqual([
      4, 0, 1, 2, 3,
    ]);
  });

  it("falls back to the original order on invalid JSON or an empty ranking", async () => {
    expect(indices(await rerankWith("{not json"))).toEqual([0, 1, 2, 3, 4]);
    expect(indices(await rerankWith('{"ranking": ["d77"]}'))).toEqual([0, 1, 2, 3, 4]);
    await expect(rerankWith('{"ranking": ["d77"]}', { strict: true })).rejects.toMatchObject({ code: ErrorCodes.SERVICE_ERROR });
  });

  it("pointwise: clamps ratings, ignores bad entries, accepts an id -> score map", async () => {
    const results = await rerankWith(
      '{"scores": [{"id": "d1", "score": 42}, {"id": "d2", "score": "7"}, {"id": "d3", "score": "high"}, {"id": "d1", "score": 0}]}',
      { mode: "pointwise" },
    );
    expect(results).toEqual([
      { index: 0, score: 1 },
      { index: 1, score: 0.7 },
      { index: 2, score: 0 },
      { index: 3, score: 0 },
      { index: 4, score: 0 },
    ]);
    const map = await rerankWith('{"d5": 8, "d4": 2}', { mode: "pointwise", structuredOutput: false });
    expect(indices(map)).toEqual([4, 3, 0, 1, 2]);
  });

  it("validates options", () => {
    expect(() => new LlmReranker({ model: {} as never })).toThrow(expect.objectContaining({ option: "LlmReranker.model" }));
    expect(() => new LlmReranker({ model: new FakeListChatModel({ responses: [] }), mode: "pairwise" as never })).toThrow(
      expect.objectContaining({ option: "LlmReranker.mode" }),
    );
  });
});

describe("extractJson", () => {
  it("parses plain, fenced and embedded JSON and rejects text without JSON", () => {
    expect(extractJson('{"a": 1}')).toEqual({ a: 1 });
    expect(extractJson("```\n[1, 2]\n```")).toEqual([1, 2]);
    expect(extractJson('blah {"a": [1]} blah')).toEqual({ a: [1] });
    expect(() => extractJson("nothing here")).toThrow();
  });
});
