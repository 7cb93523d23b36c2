import { Embeddings } from "@langchain/core/embeddings";
import { RunnableLambda } from "@langchain/core/runnables";
import { FakeListChatModel, FakeLLM } from "@langchain/core/utils/testing";
import { describe, expect, it } from "vitest";
import { FakeEmbeddings } from "../../test/support/fake-embeddings.js";
import { countEmbeddingCalls, LlmCallCounter, totalEmbeddingCalls, withLlmCallCounting } from "./call-counters.js";

class PrivateFieldEmbeddings extends FakeEmbeddings {
  readonly modelId = "private-field-model";
  #closed = false;
  async close(): Promise<void> {
    this.#closed = true;
  }
  get closed(): boolean {
    return this.#closed;
  }
}

describe("countEmbeddingCalls", () => {
  it("counts query and document calls and texts, and behaves as the wrapped embeddings", async () => {
    const inner = new PrivateFieldEmbeddings(16);
    const counted = countEmbeddingCalls(inner);
    expect(await counted.embedQuery("fight scenes")).toEqual(inner.vectorFor("fight scenes"));
    await counted.embedDocuments(["a", "b", "c"]);
    await counted.embedDocuments(["d"]);
    expect(counted.counts).toEqual({ queryCalls: 1, documentCalls: 2, documentTexts: 4 });
    expect(totalEmbeddingCalls(counted.counts)).toBe(3);
    expect(counted.modelId).toBe("private-field-model");
    expect(counted).toBeInstanceOf(Embeddings);
    await counted.close(); // a method using a private field still works through the proxy
    expect(inner.closed).toBe(true);
    expect(inner.queryCalls).toBe(1);
  });
});

describe("LlmCallCounter", () => {
  it("counts chat and text model calls made deep inside the work, without passing a config", async () => {
    const chat = new FakeListChatModel({ responses: ["one", "two"] });
    const llm = new FakeLLM({ response: "three" });
    const counter = new LlmCallCounter();
    const searchLikeATechnique = async (question: string) => {
      // A chain inside, like a self-query constructor or an LLM reranker would build.
      const chain = RunnableLambda.from(async (text: string) => (await chat.invoke(text)).content);
      const first = await chain.invoke(question);
      const second = await chat.invoke(`again: ${question}`);
      const third = await llm.invoke(question);
      return [first, second.content, third];
    };
    expect(await withLlmCallCounting(counter, () => searchLikeATechnique("q"))).toEqual(["one", "two", "three"]);
    expect(counter.calls).toBe(3);

    // Outside the counted work, calls are not seen.
    await chat.invoke("not counted");
    expect(counter.calls).toBe(3);
  });

  it("counts zero for work without a language model, and passes errors through", async () => {
    const counter = new LlmCallCounter();
    expect(await withLlmCallCounting(counter, async () => 42)).toBe(42);
    expect(counter.calls).toBe(0);
    await expect(withLlmCallCounting(counter, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
  });
});
