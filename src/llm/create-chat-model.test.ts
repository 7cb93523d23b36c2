import { HumanMessage } from "@langchain/core/messages";
import { ChatOpenAI } from "@langchain/openai";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ErrorCodes } from "../core/errors/error-codes.js";
import { startMockOpenAIServer, type MockOpenAIServer } from "../../test/support/mock-openai-server.js";
import { createChatModel, DEFAULT_CHAT_MODEL, PLACEHOLDER_CHAT_API_KEY, resolveChatModelProvider } from "./create-chat-model.js";

describe("resolveChatModelProvider", () => {
  it("picks openai for auto only when a key or a base URL is configured", () => {
    expect(resolveChatModelProvider("auto", {})).toBe("none");
    expect(resolveChatModelProvider("auto", { OPENAI_API_KEY: "  " })).toBe("none");
    expect(resolveChatModelProvider("auto", { OPENAI_API_KEY: "sk-x" })).toBe("openai");
    expect(resolveChatModelProvider("auto", { OPENAI_BASE_URL: "http://127.0.0.1:1/v1" })).toBe("openai");
    expect(resolveChatModelProvider("auto", {}, { apiKey: "sk-x" })).toBe("openai");
    expect(resolveChatModelProvider("none", { OPENAI_API_KEY: "sk-x" })).toBe("none");
    expect(resolveChatModelProvider("openai", {})).toBe("openai");
  });
});

describe("createChatModel", () => {
  let server: MockOpenAIServer;
  beforeEach(async () => {
    vi.stubEnv("OPENAI_API_KEY", "");
    vi.stubEnv("OPENAI_BASE_URL", "");
    server = await startMockOpenAIServer();
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await server.close();
  });

  it("returns null for none, and for auto when nothing is configured", () => {
    expect(createChatModel({ provider: "none" })).toBeNull();
    expect(createChatModel()).toBeNull();
  });

  it("builds a ChatOpenAI from OPENAI_BASE_URL alone, with a placeholder key, gpt-4o-mini and temperature 0", async () => {
    vi.stubEnv("OPENAI_BASE_URL", server.baseURL);
    const model = createChatModel();
    expect(model).toBeInstanceOf(ChatOpenAI);
    server.enqueue({ route: "chat", chat: { content: "hello" } });
    const answer = await model!.invoke([new HumanMessage("hi")]);
    expect(answer.content).toBe("hello");
    const request = server.requests[0];
    expect(request?.headers.authorization).toBe(`Bearer ${PLACEHOLDER_CHAT_API_KEY}`);
    expect(request?.body.model).toBe(DEFAULT_CHAT_MODEL);
    expect(request?.body.temperature).toBe(0);
  });

  it("uses OPENAI_API_KEY and the given model", async () => {
    vi.stubEnv("OPENAI_API_KEY", "sk-from-environment");
    const model = createChatModel({ model: "gpt-4.1-mini", baseURL: server.baseURL, temperature: 0.5 });
    await model!.invoke([new HumanMessage("hi")]);
    expect(server.requests[0]?.headers.authorization).toBe("Bearer sk-from-environment");
    expect(server.requests[0]?.body.model).toBe("gpt-4.1-mini");
    expect(server.requests[0]?.body.temperature).toBe(0.5);
  });

  it("honours timeoutMs (the request is abandoned) and maxRetries", async () => {
    server.enqueue({ route: "chat", delayMs: 10_000, chat: { content: "late" } });
    const slow = createChatModel({ provider: "openai", baseURL: server.baseURL, timeoutMs: 100, maxRetries: 0 });
    await expect(slow!.invoke([new HumanMessage("hi")])).rejects.toThrow();
    expect(server.requests).toHaveLength(1);
  });

  it("refuses openai without a key or base URL, and invalid options", () => {
    expect(() => createChatModel({ provider: "openai" })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, option: "createChatModel.apiKey" }),
    );
    expect(() => createChatModel({ provider: "openai", baseURL: "not a url" })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, option: "createChatModel.baseURL" }),
    );
    expect(() => createChatModel({ maxRetries: -1 })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, option: "createChatModel.maxRetries" }),
    );
    expect(() => createChatModel({ provider: "gemini" as never })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, option: "createChatModel.provider" }),
    );
  });
});
