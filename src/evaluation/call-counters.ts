import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { RunnableLambda } from "@langchain/core/runnables";

/** How many embedding requests a technique made. */
export interface EmbeddingCallCounts {
  /** `embedQuery` calls. */
  queryCalls: number;
  /** `embedDocuments` calls. */
  documentCalls: number;
  /** Texts passed to `embedDocuments`. */
  documentTexts: number;
}

/** Both kinds of embedding calls, added up. */
export function totalEmbeddingCalls(counts: EmbeddingCallCounts): number {
  return counts.queryCalls + counts.documentCalls;
}

/** Embeddings that count the calls made through them; `counts` is live. */
export type CountingEmbeddings<Inner extends EmbeddingsInterface> = Inner & { readonly counts: EmbeddingCallCounts };

/**
 * Wraps embeddings in a proxy that counts `embedQuery` and `embedDocuments` calls (and texts) and
 * otherwise behaves as the wrapped object (same prototype, `modelId`, `close`, ...). Counts are taken
 * at this level, so a cache behind it does not hide calls: they measure what a technique asks for.
 */
export function countEmbeddingCalls<Inner extends EmbeddingsInterface>(inner: Inner): CountingEmbeddings<Inner> {
  const counts: EmbeddingCallCounts = { queryCalls: 0, documentCalls: 0, documentTexts: 0 };
  const embedQuery = (text: string) => {
    counts.queryCalls += 1;
    return inner.embedQuery(text);
  };
  const embedDocuments = (texts: string[]) => {
    counts.documentCalls += 1;
    counts.documentTexts += Array.isArray(texts) ? texts.length : 0;
    return inner.embedDocuments(texts);
  };
  return new Proxy(inner, {
    get(target, property, receiver) {
      if (property === "counts") return counts;
      if (property === "embedQuery") return embedQuery;
      if (property === "embedDocuments") return embedDocuments;
      const value: unknown = Reflect.get(target, property, receiver);
      // Bound to the real object, so methods using private fields keep working.
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  }) as CountingEmbeddings<Inner>;
}

/**
 * A LangChain callback handler counting language-model calls: `handleLLMStart` (text models) and
 * `handleChatModelStart` (chat models). Awaited by LangChain, so counts are complete when a call returns.
 */
export class LlmCallCounter extends BaseCallbackHandler {
  name = "advanced_retrievers_llm_call_counter";
  /** Language-model calls seen so far. */
  calls = 0;

  constructor() {
    super();
    this.awaitHandlers = true;
  }

  override handleLLMStart(): void {
    this.calls += 1;
  }

  override handleChatModelStart(): void {
    this.calls += 1;
  }
}

/**
 * Runs `work` inside a LangChain run whose callbacks include `counter`. Chat models and chains called
 * within it (even without passing a config) report to the counter through LangChain's
 * AsyncLocalStorage context. Resolves to what `work` returns.
 */
export async function withLlmCallCounting<Result>(counter: LlmCallCounter, work: () => Promise<Result>): Promise<Result> {
  await initializeAsyncContext();
  const runnable = RunnableLambda.from(async () => await work()).withConfig({ runName: "benchmark_query" });
  return (await runnable.invoke(undefined, { callbacks: [counter] })) as Result;
}

let asyncContextReady: Promise<unknown> | undefined;

/**
 * Loads `@langchain/core/context`, which installs LangChain's AsyncLocalStorage: without it, callbacks
 * given to a parent run do not reach chat models invoked (without a config) inside a technique's
 * `search`. Loaded on first use only, so importing the library has no such side effect.
 */
function initializeAsyncContext(): Promise<unknown> {
  asyncContextReady ??= import("@langchain/core/context");
  return asyncContextReady;
}
