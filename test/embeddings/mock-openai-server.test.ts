import { ChatOpenAI } from "@langchain/openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod/v4";
import { encodeFloat32Base64, fakeEmbedding, startMockOpenAIServer, type MockOpenAIServer } from "../support/mock-openai-server.js";

let server: MockOpenAIServer;

beforeAll(async () => {
  server = await startMockOpenAIServer({ embeddingDimensions: 4 });
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  server.reset();
});

function chat(options: Record<string, unknown> = {}) {
  return new ChatOpenAI({ model: "gpt-4o-mini", apiKey: "sk-mock", maxRetries: 0, configuration: { baseURL: server.baseURL }, ...options });
}

async function post(path: string, body: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

describe("mock OpenAI server", () => {
  it("serves embeddings as floats or base64, in the real list shape", async () => {
    const floats = await post("/v1/embeddings", { model: "text-embedding-3-small", input: ["x", "y"], encoding_format: "float" });
    expect(floats.status).toBe(200);
    expect(floats.json).toMatchObject({ object: "list", model: "text-embedding-3-small", usage: { prompt_tokens: expect.any(Number) } });
    expect(floats.json.data).toEqual([
      { object: "embedding", index: 0, embedding: fakeEmbedding("x", 4) },
      { object: "embedding", index: 1, embedding: fakeEmbedding("y", 4) },
    ]);
    const base64 = await post("/v1/embeddings", { model: "m", input: "x", encoding_format: "base64", dimensions: 3 });
    expect(base64.json.data[0].embedding).toBe(encodeFloat32Base64(fakeEmbedding("x", 3)));
  });

  it("answers chat completions through LangChain's ChatOpenAI and logs the request", async () => {
    const reply = await chat().invoke("Hello?");
    expect(reply.content).toBe("mock reply");
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({
      route: "chat",
      path: "/v1/chat/completions",
      body: { model: "gpt-4o-mini", messages: [{ role: "user", content: "Hello?" }] },
    });
  });

  it("scripts tool calls", async () => {
    server.enqueue({ route: "chat", chat: { toolCalls: [{ name: "search_reviews", arguments: { query: "dog", minRating: 8 } }] } });
    const model = chat().bindTools([
      {
        type: "function",
        function: {
          name: "search_reviews",
          description: "search",
          parameters: { type: "object", properties: { query: { type: "string" }, minRating: { type: "number" } } },
        },
      },
    ]);
    const reply = await model.invoke("find reviews about the dog");
    expect(reply.tool_calls).toEqual([expect.objectContaining({ name: "search_reviews", args: { query: "dog", minRating: 8 } })]);
    expect(server.requests[0]!.body.tools[0].function.name).toBe("search_reviews");
  });

  it("scripts json_schema structured output", async () => {
    server.enqueue({ route: "chat", chat: { json: { query: "fight scenes", filter: null } } });
    const schema = z.object({ query: z.string(), filter: z.string().nullable() });
    const result = await chat().withStructuredOutput(schema, { method: "jsonSchema", name: "structured_query" }).invoke("q");
    expect(result).toEqual({ query: "fight scenes", filter: null });
    expect(server.requests[0]!.body.response_format).toMatchObject({ type: "json_schema", json_schema: { name: "structured_query" } });
  });

  it("streams chat replies as server-sent events", async () => {
    server.enqueue({ route: "chat", chat: { content: "streamed answer" } });
    let text = "";
    for await (const chunk of await chat({ streaming: true }).stream("hi")) text += String(chunk.content);
    expect(text).toBe("streamed answer");
  });

  it("plays scripted statuses, raw bodies and delays in order, per route", async () => {
    server.enqueue(
      { route: "chat", status: 503 },
      { route: "embeddings", status: 200, body: "not json" },
      { route: "chat", status: 429, headers: { "retry-after": "1" } },
    );
    const embeddings = await fetch(`${server.baseURL}/embeddings`, { method: "POST", body: JSON.stringify({ input: "x" }) });
    expect(await embeddings.text()).toBe("not json");
    const first = await post("/v1/chat/completions", { messages: [] });
    expect(first.status).toBe(503);
    expect(first.json.error).toMatchObject({ type: "server_error" });
    const second = await post("/v1/chat/completions", { messages: [] });
    expect(second.status).toBe(429);
    expect(server.pending()).toBe(0);
    expect(server.requests.map((request) => request.scripted)).toEqual([true, true, true]);
  });

  it("drops connections on request", async () => {
    server.enqueue({ drop: true });
    await expect(fetch(`${server.baseURL}/embeddings`, { method: "POST", body: "{}" })).rejects.toThrow();
  });

  it("rejects a wrong key like OpenAI when configured with one", async () => {
    const guarded = await startMockOpenAIServer({ apiKey: "sk-right" });
    try {
      const response = await fetch(`${guarded.baseURL}/embeddings`, {
        method: "POST",
        headers: { authorization: "Bearer sk-wrong" },
        body: JSON.stringify({ input: "x" }),
      });
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("invalid_api_key");
    } finally {
      await guarded.close();
    }
  });

  it("answers unknown routes and malformed JSON with OpenAI-shaped errors", async () => {
    expect((await post("/v1/nothing", {})).status).toBe(404);
    const malformed = await post("/v1/embeddings", "{not json");
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.type).toBe("invalid_request_error");
  });
});
