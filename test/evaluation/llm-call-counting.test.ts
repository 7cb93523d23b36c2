import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBenchmark } from "../../src/evaluation/run-benchmark.js";
import { FakeEmbeddings } from "../support/fake-embeddings.js";
import { startMockOpenAIServer, type MockOpenAIServer } from "../support/mock-openai-server.js";
import { tinyDocuments, tinyQueries } from "./bench-fixtures.js";

// The benchmark's LLM call counts against ground truth: the chat requests a mock OpenAI server on
// 127.0.0.1 actually received while the self-query technique used its LLM query constructor.

let server: MockOpenAIServer;
const saved = { key: process.env.OPENAI_API_KEY, url: process.env.OPENAI_BASE_URL };

beforeAll(async () => {
  // A valid structured answer (no filter), so the constructor needs no repair round.
  server = await startMockOpenAIServer({ defaultChatReply: { json: { query: "fights", filter: null, limit: null } } });
  process.env.OPENAI_API_KEY = "test-key";
  process.env.OPENAI_BASE_URL = server.baseURL;
});
afterAll(async () => {
  if (saved.key === undefined) delete process.env.OPENAI_API_KEY;
  else process.env.OPENAI_API_KEY = saved.key;
  if (saved.url === undefined) delete process.env.OPENAI_BASE_URL;
  else process.env.OPENAI_BASE_URL = saved.url;
  await server.close();
});

describe("LLM call counting", () => {
  it("counts every chat request the self-query technique sends", async () => {
    const queries = tinyQueries();
    const results = await runBenchmark({
      queries,
      techniques: ["self-query"],
      config: { indexDirectory: null, llm: "openai", selfQuery: { queryConstructor: "llm" } },
      dependencies: { embeddings: new FakeEmbeddings(32), documents: tinyDocuments() },
      permutations: 10,
      warmUp: true,
    });
    const [selfQuery] = results.techniques;
    expect(selfQuery!.status).toBe("ok");
    const chatRequests = server.requests.filter((request) => request.route === "chat").length;
    const searchCalls = selfQuery!.queries.reduce((sum, outcome) => sum + outcome.llmCalls, 0);
    const explainCalls = selfQuery!.queries.reduce((sum, outcome) => sum + (outcome.explainLlmCalls ?? 0), 0);
    expect(searchCalls).toBeGreaterThanOrEqual(queries.length); // at least one request per question
    expect(explainCalls).toBeGreaterThanOrEqual(queries.length);
    // warm-up question + searches + explains = everything the server saw
    expect(selfQuery!.warmUp?.llmCalls).toBeGreaterThanOrEqual(1);
    expect(selfQuery!.warmUp!.llmCalls + searchCalls + explainCalls).toBe(chatRequests);
    expect(selfQuery!.summary.all?.llmCalls.total).toBe(searchCalls);
  }, 60_000);
});
