import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import type { Callbacks } from "@langchain/core/callbacks/manager";
import { Document, type DocumentInterface } from "@langchain/core/documents";
import type { Serialized } from "@langchain/core/load/serializable";
import { BaseDocumentCompressor } from "@langchain/core/retrievers/document_compressors";
import { RunnableLambda } from "@langchain/core/runnables";
import { describe, expect, it } from "vitest";
import { ErrorCodes } from "../../src/core/errors/error-codes.js";
import type { FilterExpression } from "../../src/core/filter/filter-schema.js";
import { DEFAULT_K, type SearchRetriever } from "../../src/core/search-retriever.js";
import type { MaximalMarginalRelevanceOptions, RetrieverVectorStore, VectorHit, VectorSearchOptions } from "../../src/core/vector-store.js";
import { Bm25Index } from "../../src/hybrid/bm25-index.js";
import { Bm25Retriever } from "../../src/hybrid/bm25-retriever.js";
import { HybridRetriever } from "../../src/hybrid/hybrid-retriever.js";
import { NaiveRetriever } from "../../src/naive/naive-retriever.js";
import { ParentDocumentRetriever } from "../../src/parent-document/parent-document-retriever.js";
import { ContextualCompressionRetriever } from "../../src/rerank/contextual-compression-retriever.js";
import type { Reranker, RerankOptions, RerankResult } from "../../src/rerankers/reranker.js";
import { defineAttributeSchema } from "../../src/self-query/attribute-schema.js";
import type { ConstructedQuery, QueryConstructor } from "../../src/self-query/query-constructor.js";
import { SelfQueryRetriever } from "../../src/self-query/self-query-retriever.js";
import { MemoryStore } from "../../src/stores/memory/memory-store.js";
import { FakeEmbeddings } from "../support/fake-embeddings.js";

const SLOW_MS = 5_000;
const ABORT_BUDGET_MS = 50;

const documents = [
  new Document({ id: "a", pageContent: "the fight choreography is superb", metadata: { genre: "action", year: 2019 } }),
  new Document({ id: "b", pageContent: "a slow drama about grief", metadata: { genre: "drama", year: 2020 } }),
  new Document({ id: "c", pageContent: "car chases and fight scenes", metadata: { genre: "action", year: 2023 } }),
  new Document({ id: "d", pageContent: "quiet drama with a fight at the end", metadata: { genre: "drama", year: 2024 } }),
  new Document({ id: "e", pageContent: "an action comedy with fights", metadata: { genre: "comedy", year: 2022 } }),
];

const attributes = defineAttributeSchema({
  documentContents: "A short film review",
  attributes: [
    {
      name: "genre",
      type: "enum",
      description: "The film's genre",
      values: [{ value: "action" }, { value: "drama" }, { value: "comedy" }],
    },
    { name: "year", type: "integer", description: "Release year" },
  ],
});

/** A store whose every call takes `SLOW_MS` unless aborted... which it cannot be: only the template can stop waiting. */
class SlowStore implements RetrieverVectorStore {
  readonly embeddings = new FakeEmbeddings();
  private readonly timers = new Set<NodeJS.Timeout>();
  private slow<Result>(value: Result): Promise<Result> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve(value);
      }, SLOW_MS);
      this.timers.add(timer);
    });
  }
  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
  addDocuments = async (added: DocumentInterface[]) => added.map((document, index) => document.id ?? String(index));
  addVectors = async (_vectors: number[][], added: DocumentInterface[]) => added.map((document, index) => document.id ?? String(index));
  delete = async () => undefined;
  searchByVector = (_vector: number[], options: VectorSearchOptions): Promise<VectorHit[]> =>
    this.slow(documents.slice(0, options.k).map((document, index) => ({ document, score: 1 - index / 10 })));
  maximalMarginalRelevanceByVector = (vector: number[], options: MaximalMarginalRelevanceOptions) => this.searchByVector(vector, options);
  listDocuments = async () => this.slow(documents);
  count = async () => documents.length;
}

/** A query constructor that reads the genre from the question and keeps the rest as the semantic query. */
class GenreConstructor implements QueryConstructor {
  async construct(question: string): Promise<ConstructedQuery> {
    const genre = ["action", "drama", "comedy"].find((name) => question.includes(name));
    return {
      query: question.replace(genre ?? "", "").trim(),
      filter: genre === undefined ? null : { field: "genre", operator: "eq", value: genre },
      warnings: [],
    };
  }
}

class KeepOrderReranker implements Reranker {
  readonly name = "keep-order";
  async rerank(_query: string, reranked: DocumentInterface[], options?: RerankOptions): Promise<RerankResult[]> {
    const results = reranked.map((_, index) => ({ index, score: 1 - index / 100 }));
    return options?.topN === undefined ? results : results.slice(0, options.topN);
  }
}

async function memoryStore(): Promise<MemoryStore> {
  const store = new MemoryStore(new FakeEmbeddings());
  await store.addDocuments(documents);
  return store;
}

/** Every technique, over the given store (the BM25 leg and index are fast by nature; the dense leg is the store). */
function techniques(store: RetrieverVectorStore): Array<[string, SearchRetriever]> {
  const bm25 = Bm25Index.fromDocuments(documents);
  const naive = new NaiveRetriever({ store });
  const hybrid = new HybridRetriever({ bm25, dense: naive });
  const parent = new ParentDocumentRetriever({ store });
  const selfQuery = new SelfQueryRetriever({ retriever: hybrid, store, attributes, queryConstructor: new GenreConstructor() });
  return [
    ["naive", naive],
    ["hybrid", hybrid],
    ["parent-document", parent],
    ["self-query", selfQuery],
    ["rerank", new ContextualCompressionRetriever({ base: hybrid, reranker: new KeepOrderReranker() })],
    ["rerank over self-query", new ContextualCompressionRetriever({ base: selfQuery, reranker: new KeepOrderReranker() })],
  ];
}

async function expectAbortedQuickly(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await expect(action()).rejects.toMatchObject({ code: ErrorCodes.ABORTED });
  return performance.now() - started;
}

describe("the retrieval template: cancellation", () => {
  const store = new SlowStore();
  for (const [name, retriever] of techniques(store)) {
    it(`${name}: a signal aborted mid-search rejects with ABORTED at once through search, invoke and batch`, async () => {
      try {
        const timings: number[] = [];
        for (const call of [
          (signal: AbortSignal) => retriever.search("fight scenes", { signal }),
          (signal: AbortSignal) => retriever.invoke("fight scenes", { signal }),
          (signal: AbortSignal) => retriever.batch(["fight scenes", "drama"], { signal }),
        ]) {
          const controller = new AbortController();
          const pending = call(controller.signal);
          setTimeout(() => controller.abort(), 5);
          timings.push((await expectAbortedQuickly(() => pending)) - 5);
        }
        expect(timings).toHaveLength(3);
        for (const elapsed of timings) expect(elapsed).toBeLessThan(ABORT_BUDGET_MS);
      } finally {
        store.stop();
      }
    });

    it(`${name}: an already aborted signal and LangChain's timeout reject with ABORTED`, async () => {
      try {
        const aborted = AbortSignal.abort();
        await expectAbortedQuickly(() => retriever.search("fight scenes", { signal: aborted }));
        await expectAbortedQuickly(() => retriever.invoke("fight scenes", { signal: aborted }));
        const elapsed = await expectAbortedQuickly(() => retriever.invoke("fight scenes", { timeout: 10 }));
        expect(elapsed).toBeLessThan(10 + ABORT_BUDGET_MS);
      } finally {
        store.stop();
      }
    });
  }
});

describe("the retrieval template: per-call k and filter", () => {
  it("one default k for every technique", async () => {
    const store = await memoryStore();
    const many = Array.from(
      { length: 12 },
      (_, index) =>
        new Document({ id: `m${index}`, pageContent: `fight number ${index}`, metadata: { genre: "action", year: 2000 + index } }),
    );
    await store.addDocuments(many);
    const bm25 = Bm25Index.fromDocuments([...documents, ...many]);
    const naive = new NaiveRetriever({ store });
    const parent = new ParentDocumentRetriever({ store: new MemoryStore(new FakeEmbeddings()) });
    await parent.addDocuments([...documents, ...many]);
    const retrievers = [
      naive,
      new Bm25Retriever({ index: bm25 }),
      new HybridRetriever({ bm25, dense: naive }),
      parent,
      new SelfQueryRetriever({ retriever: naive, attributes, queryConstructor: new GenreConstructor() }),
    ];
    expect(retrievers.map((retriever) => retriever.k)).toEqual(retrievers.map(() => DEFAULT_K));
    for (const retriever of retrievers)
      expect([retriever.getName(), (await retriever.invoke("fight")).length]).toEqual([retriever.getName(), DEFAULT_K]);
  });

  it("every technique honours configurable k and a configurable filter that can only narrow its own", async () => {
    const store = await memoryStore();
    const bm25 = Bm25Index.fromDocuments(documents);
    const yearFilter: FilterExpression = { field: "year", operator: "gte", value: 2021 };
    const naive = new NaiveRetriever({ store, filter: yearFilter });
    const parent = new ParentDocumentRetriever({ store: new MemoryStore(new FakeEmbeddings()), filter: yearFilter });
    await parent.addDocuments(documents);
    const retrievers: SearchRetriever[] = [
      naive,
      new Bm25Retriever({ index: bm25, filter: yearFilter }),
      new HybridRetriever({ bm25, dense: new NaiveRetriever({ store }), filter: yearFilter }),
      parent,
      new SelfQueryRetriever({ retriever: naive, attributes, queryConstructor: new GenreConstructor() }),
      new ContextualCompressionRetriever({ base: naive, reranker: new KeepOrderReranker() }),
    ];
    for (const retriever of retrievers) {
      const name = retriever.getName();
      const one = await retriever.invoke("fight", { configurable: { k: 1 } });
      expect([name, one.length]).toEqual([name, 1]);
      const narrowed = await retriever.invoke("fight", { configurable: { k: 5, filter: { genre: "drama" } } });
      expect([name, narrowed.map((document) => document.id).sort()]).toEqual([name, ["d"]]);
      // The per-call filter cannot widen the retriever's: 2019's "a" stays out even when asked for.
      const widened = await retriever.invoke("fight", { configurable: { filter: { year: { lte: 2019 } } } });
      expect([name, widened]).toEqual([name, []]);
    }
  });

  it("rejects a bad configurable k or filter, and unknown search options, naming them", async () => {
    const retriever = new NaiveRetriever({ store: await memoryStore() });
    await expect(retriever.invoke("fight", { configurable: { k: 0 } })).rejects.toMatchObject({
      code: ErrorCodes.INVALID_OPTION,
      option: "configurable.k",
    });
    await expect(retriever.invoke("fight", { configurable: { filter: { year: { between: 3 } } } })).rejects.toMatchObject({
      code: ErrorCodes.INVALID_FILTER,
      path: "year.between",
    });
    await expect(retriever.search("fight", { topK: 2 } as never)).rejects.toThrow(/"topK".*did you mean `k`\?/);
    // Other runnables' configurable keys are left alone.
    expect(await retriever.invoke("fight", { configurable: { thread_id: "t1", k: 2 } })).toHaveLength(2);
  });
});

interface RecordedRun {
  id: string;
  parent: string | undefined;
  name: string;
  query: string;
  outputs: number | undefined;
}

/** Records retriever runs: name, parent, input and how many documents came out. */
class RunRecorder extends BaseCallbackHandler {
  name = "run-recorder";
  override awaitHandlers = true;
  readonly runs: RecordedRun[] = [];

  override handleRetrieverStart(
    _retriever: Serialized,
    query: string,
    runId: string,
    parentRunId?: string,
    _tags?: string[],
    _metadata?: Record<string, unknown>,
    name?: string,
  ): void {
    this.runs.push({ id: runId, parent: parentRunId, name: name ?? _retriever.id.at(-1) ?? "?", query, outputs: undefined });
  }

  override handleRetrieverEnd(output: DocumentInterface[], runId: string): void {
    const run = this.runs.find((candidate) => candidate.id === runId);
    if (run !== undefined) run.outputs = output.length;
  }

  tree(): unknown {
    const children = (parent: string | undefined): unknown[] =>
      this.runs
        .filter((run) => run.parent === parent)
        .map((run) => ({ name: run.name, query: run.query, children: children(run.id) }))
        .sort((left, right) => ((left as { name: string }).name < (right as { name: string }).name ? -1 : 1));
    return children(undefined);
  }
}

describe("the retrieval template: callbacks and child runs", () => {
  async function composed() {
    const store = await memoryStore();
    const naive = new NaiveRetriever({ store });
    const hybrid = new HybridRetriever({ bm25: Bm25Index.fromDocuments(documents), dense: naive });
    const selfQuery = new SelfQueryRetriever({ retriever: hybrid, store, attributes, queryConstructor: new GenreConstructor() });
    return new ContextualCompressionRetriever({ base: selfQuery, reranker: new KeepOrderReranker() });
  }

  const expectedTree = [
    {
      name: "ContextualCompressionRetriever",
      query: "action fight",
      children: [
        {
          name: "SelfQueryRetriever",
          query: "action fight",
          children: [
            {
              name: "HybridRetriever",
              query: "fight",
              children: [
                { name: "Bm25Retriever", query: "fight", children: [] },
                { name: "NaiveRetriever", query: "fight", children: [] },
              ],
            },
          ],
        },
      ],
    },
  ];

  it("invoke reports rerank → self-query → hybrid → (bm25, dense) as nested runs with inputs and outputs", async () => {
    const retriever = await composed();
    const recorder = new RunRecorder();
    const output = await retriever.invoke("action fight", { callbacks: [recorder] });
    expect(recorder.tree()).toEqual(expectedTree);
    expect(recorder.runs).toHaveLength(5);
    const outputs = Object.fromEntries(recorder.runs.map((run) => [run.name, run.outputs]));
    expect(outputs.ContextualCompressionRetriever).toBe(output.length);
    expect(output.length).toBeGreaterThan(0);
    // Self-query narrowed to action: the inner runs returned only action documents' count (a and c).
    expect(outputs.HybridRetriever).toBe(2);
    expect(outputs.NaiveRetriever).toBe(2);
  });

  it("search with callbacks reports the same tree and still returns scored results with their stage", async () => {
    const retriever = await composed();
    const recorder = new RunRecorder();
    const results = await retriever.search("action fight", { callbacks: [recorder] });
    expect(recorder.tree()).toEqual(expectedTree);
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((result) => result.stage === "rerank" && result.details?.originalStage === "hybrid")).toBe(true);
    expect(results.map((result) => result.document.metadata.genre)).toEqual(results.map(() => "action"));
  });

  it("streamEvents shows every stage's retriever start and end", async () => {
    const retriever = await composed();
    const events: Array<{ event: string; name: string }> = [];
    for await (const event of retriever.streamEvents("action fight", { version: "v2" })) {
      if (event.event === "on_retriever_start" || event.event === "on_retriever_end") events.push({ event: event.event, name: event.name });
    }
    const starts = events.filter((event) => event.event === "on_retriever_start");
    expect(starts.map((event) => event.name).sort()).toEqual([
      "Bm25Retriever",
      "ContextualCompressionRetriever",
      "HybridRetriever",
      "NaiveRetriever",
      "SelfQueryRetriever",
    ]);
    expect(events.filter((event) => event.event === "on_retriever_end")).toHaveLength(5);
  });

  it("a LangChain document compressor as reranker gets the run's child callbacks: what it runs is a child run", async () => {
    /** A compressor that scores through a runnable step (as LLMChainExtractor runs its chain) and keeps the documents in reverse. */
    class ReversingCompressor extends BaseDocumentCompressor {
      readonly step = RunnableLambda.from((input: { documents: DocumentInterface[] }) => [...input.documents].reverse()).withConfig({
        runName: "reverse-documents",
      });
      async compressDocuments(compressed: DocumentInterface[], _query: string, callbacks?: Callbacks): Promise<DocumentInterface[]> {
        return await this.step.invoke({ documents: compressed }, { callbacks });
      }
    }
    const recorder = new RunRecorder();
    const chains: Array<{ name: string | undefined; parent: string | undefined }> = [];
    const chainRecorder = BaseCallbackHandler.fromMethods({
      handleChainStart: (_chain, _inputs, _runId, parentRunId, _tags, _metadata, _runType, name) =>
        void chains.push({ name, parent: parentRunId }),
    });
    chainRecorder.awaitHandlers = true;
    const naive = new NaiveRetriever({ store: await memoryStore(), k: 3 });
    const retriever = new ContextualCompressionRetriever({ base: naive, reranker: new ReversingCompressor(), candidates: 3, topN: 3 });
    const results = await retriever.search("fight", { callbacks: [recorder, chainRecorder] });
    const baseOrder = (await naive.search("fight")).map((result) => result.document.id);
    expect(baseOrder).toHaveLength(3);
    expect(results.map((result) => result.document.id)).toEqual([...baseOrder].reverse());
    const top = recorder.runs.find((run) => run.name === "ContextualCompressionRetriever");
    expect(top).toBeDefined();
    expect(chains).toEqual([{ name: "reverse-documents", parent: top!.id }]);
    expect(recorder.tree()).toEqual([
      { name: "ContextualCompressionRetriever", query: "fight", children: [{ name: "NaiveRetriever", query: "fight", children: [] }] },
    ]);
    // Without callbacks the compressor runs the same and nothing is reported.
    chains.length = 0;
    expect((await retriever.search("fight")).map((result) => result.document.id)).toEqual([...baseOrder].reverse());
    expect(chains).toEqual([]);
  });

  it("reports an aborted run as an error on the callbacks", async () => {
    const retriever = await composed();
    const errors: unknown[] = [];
    const handler = BaseCallbackHandler.fromMethods({ handleRetrieverError: (error: unknown) => void errors.push(error) });
    handler.awaitHandlers = true;
    await expect(retriever.invoke("action fight", { callbacks: [handler], signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: ErrorCodes.ABORTED,
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: ErrorCodes.ABORTED });
  });
});

describe("LangChain's standard retriever tests (RetrieversIntegrationTests), on every technique", () => {
  async function every(k: number | undefined): Promise<SearchRetriever[]> {
    const store = await memoryStore();
    const bm25 = Bm25Index.fromDocuments(documents);
    const naive = new NaiveRetriever({ store, ...(k === undefined ? {} : { k }) });
    const parent = new ParentDocumentRetriever({ store: new MemoryStore(new FakeEmbeddings()), ...(k === undefined ? {} : { k }) });
    await parent.addDocuments(documents);
    const options = k === undefined ? {} : { k };
    return [
      naive,
      new Bm25Retriever({ index: bm25, ...options }),
      new HybridRetriever({ bm25, dense: new NaiveRetriever({ store }), ...options }),
      parent,
      new SelfQueryRetriever({
        retriever: new NaiveRetriever({ store }),
        attributes,
        queryConstructor: new GenreConstructor(),
        ...options,
      }),
      new ContextualCompressionRetriever({
        base: new NaiveRetriever({ store }),
        reranker: new KeepOrderReranker(),
        ...(k === undefined ? {} : { topN: k }),
      }),
    ];
  }

  it("the k given at construction bounds the results", async () => {
    for (const k of [1, 3]) {
      const retrievers = await every(k);
      expect(retrievers).toHaveLength(6);
      for (const retriever of retrievers)
        expect([retriever.getName(), k, (await retriever.invoke("fight")).length]).toEqual([retriever.getName(), k, k]);
    }
  });

  it("a k given with the call bounds the results", async () => {
    for (const retriever of await every(undefined)) {
      for (const k of [1, 2])
        expect([retriever.getName(), (await retriever.invoke("fight", { configurable: { k } })).length]).toEqual([retriever.getName(), k]);
    }
  });

  it("invoke returns LangChain Documents, and batch one list per question", async () => {
    for (const retriever of await every(undefined)) {
      const found = await retriever.invoke("fight");
      expect(found.length).toBeGreaterThan(0);
      expect(
        found.every(
          (document) => document instanceof Document && typeof document.pageContent === "string" && typeof document.id === "string",
        ),
      ).toBe(true);
      const batched = await retriever.batch(["fight", "drama"]);
      expect(batched).toHaveLength(2);
      expect(batched.every((list) => Array.isArray(list) && list.length > 0)).toBe(true);
    }
  });
});
