import { Document, type DocumentInterface } from "@langchain/core/documents";
import { AIMessage } from "@langchain/core/messages";
import type { BasePromptValueInterface } from "@langchain/core/prompt_values";
import { BaseRetriever } from "@langchain/core/retrievers";
import { RunnableLambda } from "@langchain/core/runnables";
import { afterEach, describe, expect, it, vi } from "vitest";
import { startMockOpenAIServer } from "../../test/support/mock-openai-server.js";
import { ErrorCodes } from "../core/errors/error-codes.js";
import { EXTRACTIVE_ANSWER_LABEL, ExtractiveAnswerer } from "./extractive-answerer.js";
import { createRagChain, createRagChainWithSources, resolveAnswerModel } from "./rag-chain.js";
import { contextFormatter, parseRagPrompt } from "./rag-prompt.js";

const documents = [
  new Document({
    id: "jw3-4",
    pageContent: "Parabellum never slows down.\nThe horse chase is the best action scene of the year.",
    metadata: { Movie_Title: "John Wick 3", Rating: 9 },
  }),
  new Document({
    id: "jw1-2",
    pageContent: "Keanu Reeves is quiet and precise in every fight.",
    metadata: { Movie_Title: "John Wick 1", Rating: 5, rating_missing: true },
  }),
];

class FixedRetriever extends BaseRetriever {
  lc_namespace = ["test"];
  queries: string[] = [];
  constructor(private readonly results: DocumentInterface[]) {
    super();
  }
  override async _getRelevantDocuments(query: string): Promise<DocumentInterface[]> {
    this.queries.push(query);
    return this.results;
  }
}

/** A stand-in chat model that records the prompt it receives. */
function recordingModel(reply: string) {
  const prompts: string[] = [];
  const model = RunnableLambda.from((prompt: BasePromptValueInterface) => {
    prompts.push(prompt.toString());
    return new AIMessage(reply);
  });
  return { model, prompts };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

/** A John Wick-style description: the film, then the rating unless the reviewer gave none. */
const describeReview = (metadata: Readonly<Record<string, unknown>>) =>
  [
    metadata.Movie_Title,
    metadata.Rating === undefined || metadata.rating_missing === true ? undefined : `rated ${String(metadata.Rating)}/10`,
  ]
    .filter((part) => part !== undefined)
    .join(", ");

describe("formatDocumentsForPrompt / parseRagPrompt", () => {
  it("lists each document with its id and its description, and reads them back", () => {
    const context = contextFormatter(describeReview)([...documents, new Document({ pageContent: "No id here." })]);
    expect(context).toBe(
      "[jw3-4] John Wick 3, rated 9/10:\nParabellum never slows down. The horse chase is the best action scene of the year.\n\n" +
        "[jw1-2] John Wick 1:\nKeanu Reeves is quiet and precise in every fight.\n\n" +
        "[doc3]:\nNo id here.",
    );
    const parsed = parseRagPrompt(`Intro\nQuery:\nWhat about the horse?\nContext:\n${context}\n`);
    expect(parsed.question).toBe("What about the horse?");
    expect(parsed.passages.map((passage) => passage.id)).toEqual(["jw3-4", "jw1-2", "doc3"]);
  });
});

describe("createRagChain", () => {
  it("is question -> { question, context: retriever } -> prompt -> model -> string", async () => {
    const retriever = new FixedRetriever(documents);
    const { model, prompts } = recordingModel("They loved it.");
    const chain = createRagChain({ retriever, model, describeDocument: describeReview });
    expect(await chain.invoke("Did people like it?")).toBe("They loved it.");
    expect(retriever.queries).toEqual(["Did people like it?"]);
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toContain("You are happy assistant. Use the context provided below to answer the question.");
    expect(prompts[0]).toContain("Query:\nDid people like it?\nContext:\n[jw3-4] John Wick 3, rated 9/10:\nParabellum never slows down.");
    expect(prompts[0]).toContain("[jw1-2] John Wick 1:\nKeanu Reeves is quiet and precise in every fight.");
  });

  it("answers offline with the extractive answerer when no chat model is configured", async () => {
    vi.stubEnv("OPENAI_API_KEY", "");
    vi.stubEnv("OPENAI_BASE_URL", "");
    const answer = await createRagChain({ retriever: new FixedRetriever(documents) }).invoke("How is the horse chase?");
    expect(answer.startsWith(EXTRACTIVE_ANSWER_LABEL)).toBe(true);
    expect(answer).toContain('"The horse chase is the best action scene of the year." (jw3-4)');
  });

  it("returns the context with the answer", async () => {
    const { model } = recordingModel("ok");
    const result = await createRagChainWithSources({ retriever: new FixedRetriever(documents), model }).invoke("q?");
    expect(result.question).toBe("q?");
    expect(result.answer).toBe("ok");
    expect(result.context.map((document) => document.id)).toEqual(["jw3-4", "jw1-2"]);
  });

  it("sends the prompt to ChatOpenAI when OPENAI_BASE_URL is set (mock server)", async () => {
    const server = await startMockOpenAIServer({ defaultChatReply: { content: "Mostly yes." } });
    try {
      vi.stubEnv("OPENAI_BASE_URL", server.baseURL);
      vi.stubEnv("OPENAI_API_KEY", "test-key");
      const resolved = resolveAnswerModel();
      expect(resolved).toMatchObject({ kind: "chat-model", name: "openai:gpt-4o-mini" });
      const answer = await createRagChain({ retriever: new FixedRetriever(documents), model: resolved.model }).invoke(
        "Did people like it?",
      );
      expect(answer).toBe("Mostly yes.");
      const chat = server.requests.filter((request) => request.route === "chat");
      expect(chat).toHaveLength(1);
      expect(JSON.stringify(chat[0]!.body.messages)).toContain("Keanu Reeves is quiet and precise in every fight.");
    } finally {
      await server.close();
    }
  });

  it("resolves llm none to the extractive answerer even with a key, and validates options", () => {
    vi.stubEnv("OPENAI_API_KEY", "test-key");
    expect(resolveAnswerModel({ llm: "none" })).toMatchObject({ kind: "extractive", name: "extractive" });
    expect(resolveAnswerModel({ llm: "none" }).model).toBeInstanceOf(ExtractiveAnswerer);
    expect(() => createRagChain({ retriever: new FixedRetriever([]), template: "{question} only" })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, option: "createRagChain.template" }),
    );
  });
});
