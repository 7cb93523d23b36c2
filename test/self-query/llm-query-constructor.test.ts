import { ChatOpenAI } from "@langchain/openai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ErrorCodes } from "../../src/core/errors/error-codes.js";
import {
  buildVocabulary,
  defineAttributeSchema,
  epochDay,
  LlmQueryConstructor,
  RuleBasedQueryConstructor,
  SEARCH_REQUEST_SCHEMA_NAME,
} from "../../src/self-query/index.js";
import { johnWickAttributes } from "../../src/datasets/john-wick/attributes.js";
import { startMockOpenAIServer, type MockOpenAIServer } from "../support/mock-openai-server.js";

const API_KEY = "sk-test-secret-0123456789";
const attributes = buildVocabulary([{ metadata: { Author: "lnvicta" } }, { metadata: { Author: "Leofwine_draca" } }], johnWickAttributes());
const fixedNow = () => new Date("2024-06-01T12:00:00Z");

describe("LlmQueryConstructor with ChatOpenAI against the mock OpenAI server", () => {
  let server: MockOpenAIServer;
  beforeEach(async () => {
    server = await startMockOpenAIServer({ apiKey: API_KEY });
  });
  afterEach(async () => {
    await server.close();
  });

  const chat = (overrides: Record<string, unknown> = {}) =>
    new ChatOpenAI({
      model: "gpt-4o-mini",
      temperature: 0,
      apiKey: API_KEY,
      maxRetries: 0,
      configuration: { baseURL: server.baseURL },
      ...overrides,
    });
  const constructorFor = (model = chat(), options: Record<string, unknown> = {}) =>
    new LlmQueryConstructor({ model, attributes, now: fixedNow, ...options });
  const ruleBased = new RuleBasedQueryConstructor({ attributes });

  it("asks for a JSON-schema answer (ChatOpenAI 1.5.8's default for gpt-4o-mini) and uses it", async () => {
    server.enqueue({
      route: "chat",
      chat: {
        json: {
          query: "the fights",
          filter: {
            and: [
              { field: "movie", operator: "eq", value: 3 },
              { field: "Rating", operator: "gt", value: 7 },
            ],
          },
          limit: 5,
        },
      },
    });
    const constructed = await constructorFor().construct("Top 5 reviews of John Wick 3 rated above 7 about the fights");
    expect(constructed).toEqual({
      query: "the fights",
      filter: {
        and: [
          { field: "movie", operator: "eq", value: 3 },
          { field: "Rating", operator: "gt", value: 7 },
        ],
      },
      limit: 5,
      warnings: [],
      producedBy: "llm",
    });

    const [request] = server.requests;
    expect(request?.body.response_format.type).toBe("json_schema");
    expect(request?.body.response_format.json_schema.name).toBe(SEARCH_REQUEST_SCHEMA_NAME);
    expect(request?.body.response_format.json_schema.strict).toBe(true);
    expect(request?.body.tools).toBeUndefined();
    expect(request?.body.temperature).toBe(0);
    const schema = request?.body.response_format.json_schema.schema;
    expect(schema.required).toEqual(["query", "filter", "limit"]);
    const [system, user] = request?.body.messages as Array<{ role: string; content: string }>;
    expect(system?.role).toBe("system");
    for (const expected of [
      "movie",
      "Rating",
      "review_day",
      "review_year",
      "Author",
      "lnvicta",
      "Parabellum",
      "Today is 2024-06-01",
      "gte",
      "nin",
      "Examples:",
    ]) {
      expect(system?.content).toContain(expected);
    }
    expect(user?.content).toContain("John Wick 3 rated above 7");
  });

  it("reads a tool-call answer when the model uses function calling", async () => {
    server.enqueue({
      route: "chat",
      chat: {
        toolCalls: [
          {
            name: SEARCH_REQUEST_SCHEMA_NAME,
            arguments: { query: "", filter: { field: "Author", operator: "eq", value: "lnvicta" }, limit: null },
          },
        ],
      },
    });
    const constructed = await constructorFor(chat(), { method: "functionCalling" }).construct("everything lnvicta wrote");
    expect(constructed.filter).toEqual({ field: "Author", operator: "eq", value: "lnvicta" });
    expect(constructed.query).toBe("");
    const request = server.requests[0];
    expect(request?.body.tools?.[0]?.function?.name).toBe(SEARCH_REQUEST_SCHEMA_NAME);
    expect(request?.body.tool_choice?.function?.name).toBe(SEARCH_REQUEST_SCHEMA_NAME);
  });

  it("falls back to the rule-based constructor on invalid JSON, with a warning", async () => {
    server.enqueue({ route: "chat", chat: { content: '{"query": "fights", "filter": {"field": "movie", ' } });
    const question = "reviews of John Wick 3 rated above 7";
    const constructed = await constructorFor().construct(question);
    const expected = ruleBased.constructSync(question);
    expect(constructed.filter).toEqual(expected.filter);
    expect(constructed.query).toBe(expected.query);
    expect(constructed.warnings[0]).toMatch(/LLM query constructor failed.*JSON.*rule-based/);
  });

  it("drops a made-up attribute with a warning and keeps the rest", async () => {
    server.enqueue({
      route: "chat",
      chat: {
        json: {
          query: "the ending",
          filter: {
            and: [
              { field: "movie", operator: "eq", value: 4 },
              { field: "sentiment", operator: "eq", value: "negative" },
            ],
          },
          limit: null,
        },
      },
    });
    const constructed = await constructorFor().construct("negative reviews of Chapter 4 about the ending");
    expect(constructed.filter).toEqual({ field: "movie", operator: "eq", value: 4 });
    expect(constructed.warnings).toHaveLength(1);
    expect(constructed.warnings[0]).toMatch(/unknown attribute "sentiment"/);
  });

  it('repairs "7" written as a string and "Parabellum" written as a name', async () => {
    server.enqueue({
      route: "chat",
      chat: {
        json: {
          query: "",
          filter: {
            and: [
              { field: "movie", operator: "eq", value: "Parabellum" },
              { field: "Rating", operator: "gt", value: "7" },
            ],
          },
          limit: null,
        },
      },
    });
    const constructed = await constructorFor().construct("Parabellum reviews rated above 7");
    expect(constructed.filter).toEqual({
      and: [
        { field: "movie", operator: "eq", value: 3 },
        { field: "Rating", operator: "gt", value: 7 },
      ],
    });
    expect(constructed.warnings).toEqual([]);
  });

  it("turns a date written as text into review_day / review_year comparisons", async () => {
    server.enqueue({
      route: "chat",
      chat: {
        json: {
          query: "the stairs",
          filter: {
            and: [
              { field: "review_day", operator: "gte", value: "May 2019" },
              { field: "review_day", operator: "lt", value: "2023" },
            ],
          },
          limit: null,
        },
      },
    });
    const constructed = await constructorFor().construct("reviews from May 2019 until before 2023 mentioning the stairs");
    expect(constructed.filter).toEqual({
      and: [
        { field: "review_day", operator: "gte", value: epochDay(2019, 5, 1) },
        { field: "review_year", operator: "lt", value: 2023 },
      ],
    });
  });

  it("retries 500s (the model's maxRetries), then falls back with a warning", async () => {
    server.enqueue({ route: "chat", status: 500 }, { route: "chat", status: 500 });
    const constructed = await constructorFor(chat({ maxRetries: 1 })).construct("Chapter 2 reviews rated 3 or lower");
    expect(server.requests.filter((request) => request.route === "chat")).toHaveLength(2);
    expect(constructed.filter).toEqual(ruleBased.constructSync("Chapter 2 reviews rated 3 or lower").filter);
    expect(constructed.warnings[0]).toMatch(/LLM query constructor failed \(HTTP 500/);
  });

  it("falls back on a dropped connection and on a refusal", async () => {
    server.enqueue({ route: "chat", drop: true }, { route: "chat", chat: { content: null, refusal: "I can't help with that." } });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const constructed = await constructorFor().construct("All the 1-star reviews.");
      expect(constructed.filter).toEqual({ field: "Rating", operator: "eq", value: 1 });
      expect(constructed.warnings[0]).toMatch(/LLM query constructor failed/);
    }
  });

  it("falls back when the model does not answer within timeoutMs", async () => {
    server.enqueue({ route: "chat", delayMs: 10_000, chat: { json: { query: "late", filter: null, limit: null } } });
    const constructed = await constructorFor(chat(), { timeoutMs: 150 }).construct("All the 1-star reviews.");
    expect(constructed.filter).toEqual({ field: "Rating", operator: "eq", value: 1 });
    expect(constructed.warnings[0]).toMatch(/no answer within 150 ms/);
  });

  it("rejects with ABORTED when the caller aborts, without falling back", async () => {
    server.enqueue({ route: "chat", delayMs: 10_000, chat: { json: { query: "late", filter: null, limit: null } } });
    const controller = new AbortController();
    const pending = constructorFor().construct("All the 1-star reviews.", { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ code: ErrorCodes.ABORTED });
    const aborted = AbortSignal.abort();
    await expect(constructorFor().construct("x", { signal: aborted })).rejects.toMatchObject({ code: ErrorCodes.ABORTED });
  });

  it("never puts the API key in a warning", async () => {
    const wrongKey = "sk-wrong-key-abcdef0123456789";
    const constructed = await constructorFor(chat({ apiKey: wrongKey })).construct("All the 1-star reviews.");
    expect(constructed.warnings[0]).toMatch(/HTTP 401/);
    expect(constructed.warnings.join("\n")).not.toContain(wrongKey);
  });

  it("throws a ServiceError instead of falling back when fallback is null", async () => {
    server.enqueue({ route: "chat", status: 503 });
    await expect(constructorFor(chat(), { fallback: null }).construct("All the 1-star reviews.")).rejects.toMatchObject({
      code: ErrorCodes.SERVICE_ERROR,
      status: 503,
    });
  });

  it("generates its prompt, examples included, from the schema it is given", () => {
    const products = defineAttributeSchema({
      documentContents: "A product in a catalog",
      attributes: [
        { name: "category", type: "enum", description: "The kind of product", values: [{ value: "laptop" }, { value: "phone" }] },
        { name: "price", type: "number", description: "The price in dollars", units: ["$"], minimum: 0 },
        { name: "in_stock", type: "boolean", description: "Whether it is in stock", aliases: ["in stock"] },
      ],
    });
    const system = String(new LlmQueryConstructor({ model: chat(), attributes: products }).messages("laptops under $800")[0]?.content);
    expect(system).toContain('"field": "category", "operator": "eq", "value": "laptop"');
    expect(system).toContain('"field": "in_stock", "operator": "eq", "value": false');
    expect(system).not.toMatch(/Rating|review_day|movie|John Wick|Parabellum/);
  });

  it("validates its options", () => {
    expect(() => new LlmQueryConstructor({ model: chat() } as never)).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, option: "LlmQueryConstructor.attributes" }),
    );
    expect(() => new LlmQueryConstructor({ model: {} as never, attributes })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, option: "LlmQueryConstructor.model" }),
    );
    expect(() => new LlmQueryConstructor({ model: chat(), attributes, timeoutMs: 0 })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, option: "LlmQueryConstructor.timeoutMs" }),
    );
  });
});
