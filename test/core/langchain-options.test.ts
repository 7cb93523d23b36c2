import { Document, type DocumentInterface } from "@langchain/core/documents";
import { BaseDocumentCompressor } from "@langchain/core/retrievers/document_compressors";
import { ChatOpenAI } from "@langchain/openai";
import { RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorCodes } from "../../src/core/errors/error-codes.js";
import { Bm25Index } from "../../src/hybrid/bm25-index.js";
import { Bm25Retriever } from "../../src/hybrid/bm25-retriever.js";
import { HybridRetriever } from "../../src/hybrid/hybrid-retriever.js";
import { NaiveRetriever } from "../../src/naive/naive-retriever.js";
import { ParentDocumentRetriever } from "../../src/parent-document/parent-document-retriever.js";
import { ContextualCompressionRetriever } from "../../src/rerank/contextual-compression-retriever.js";
import { LocalReranker } from "../../src/rerankers/local-reranker.js";
import { RerankerDocumentCompressor } from "../../src/rerankers/reranker.js";
import { InMemoryDocstore } from "../../src/docstores/in-memory-docstore.js";
import { SelfQueryRetriever } from "../../src/self-query/self-query-retriever.js";
import { MemoryStore } from "../../src/stores/memory/memory-store.js";
import { FakeEmbeddings } from "../support/fake-embeddings.js";
import { startMockOpenAIServer, type MockOpenAIServer } from "../support/mock-openai-server.js";

const documents = [
  new Document({ id: "a", pageContent: "the fight choreography is superb", metadata: { genre: "action", year: 2019 } }),
  new Document({ id: "b", pageContent: "a slow drama about grief", metadata: { genre: "drama", year: 2020 } }),
  new Document({ id: "c", pageContent: "car chases and fight scenes", metadata: { genre: "action", year: 2023 } }),
];

async function store(): Promise<MemoryStore> {
  const created = new MemoryStore(new FakeEmbeddings());
  await created.addDocuments(documents);
  return created;
}

function messageOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected an error");
}

describe("strict options", () => {
  it("an unknown option is an INVALID_OPTION error naming it and the closest valid one", async () => {
    const vectors = await store();
    const bm25 = Bm25Index.fromDocuments(documents);
    const naive = new NaiveRetriever({ store: vectors });
    const cases: Array<[() => unknown, RegExp]> = [
      [
        () => new NaiveRetriever({ store: vectors, topK: 3 } as never),
        /"NaiveRetriever\.topK" = 3: is not an option of NaiveRetriever; did you mean `k`\?/,
      ],
      [() => new NaiveRetriever({ store: vectors, serchType: "mmr" } as never), /did you mean `searchType`\?/],
      [() => new Bm25Retriever({ index: bm25, filtre: null } as never), /"Bm25Retriever\.filtre".*did you mean `filter`\?/],
      [() => new HybridRetriever({ bm25, dense: naive, candidate: 10 } as never), /did you mean `candidates`\?/],
      [
        () => new ParentDocumentRetriever({ store: vectors, childSpliter: new RecursiveCharacterTextSplitter() } as never),
        /did you mean `childSplitter`\?/,
      ],
      [
        () => new ContextualCompressionRetriever({ base: naive, reranker: new LocalReranker(), top_n: 2 } as never),
        /did you mean `topN`\?/,
      ],
      [
        () =>
          new SelfQueryRetriever({
            retriever: naive,
            queryConstructor: { construct: async () => ({ query: "", filter: null, warnings: [] }) },
            k: 2,
            basefilter: null,
          } as never),
        /did you mean `baseFilter`\?/,
      ],
      [() => new MemoryStore(new FakeEmbeddings(), { kernal: "javascript" } as never), /did you mean `kernel`\?/],
    ];
    for (const [action, pattern] of cases) {
      let error: unknown;
      try {
        action();
      } catch (caught) {
        error = caught;
      }
      expect(error).toMatchObject({ code: ErrorCodes.INVALID_OPTION });
      expect((error as Error).message).toMatch(pattern);
    }
    expect(cases).toHaveLength(8);
  });

  it("lists the valid options when nothing is close", async () => {
    const message = messageOf(() => new Bm25Retriever({ index: Bm25Index.fromDocuments(documents), completelyUnrelated: 1 } as never));
    expect(message).toMatch(/valid options: .*`index`, `k`, `filter`/);
  });

  it("error messages name a wrong object by its class, never dump it", async () => {
    const message = messageOf(() => new NaiveRetriever({ store: new RecursiveCharacterTextSplitter() as never }));
    expect(message).toContain("= a RecursiveCharacterTextSplitter:");
    expect(message).not.toContain('"lc"');
    expect(message).not.toContain("{");
  });

  it("LangChain options without an equivalent are rejected with what to do instead", async () => {
    const vectors = await store();
    expect(messageOf(() => new NaiveRetriever({ store: vectors, searchKwargs: { fetchK: 10 } } as never))).toMatch(
      /searchKwargs.*give its fields directly: `fetchK`, `lambda`/,
    );
    expect(messageOf(() => new ParentDocumentRetriever({ vectorstore: vectors, childK: 20 } as never))).toMatch(/childK.*growing rounds/);
    expect(messageOf(() => new HybridRetriever({ retrievers: [], weights: { bm25: 1 } } as never))).toMatch(/EnsembleRetriever/);
    expect(messageOf(() => new Bm25Retriever({ docs: documents } as never))).toMatch(/Bm25Retriever\.fromDocuments/);
  });
});

describe("LangChain's option names", () => {
  it("ContextualCompressionRetriever takes baseRetriever and baseCompressor (ours or any LangChain compressor)", async () => {
    const naive = new NaiveRetriever({ store: await store(), k: 3 });
    const ours = new ContextualCompressionRetriever({
      baseRetriever: naive,
      baseCompressor: new RerankerDocumentCompressor({ reranker: new LocalReranker() }),
      topN: 2,
    });
    expect(ours.reranker).toBeInstanceOf(LocalReranker);
    expect(await ours.invoke("fight scenes")).toHaveLength(2);

    /** A LangChain compressor keeping documents that mention "fight", last first, without scores. */
    class KeepFights extends BaseDocumentCompressor {
      async compressDocuments(input: DocumentInterface[]): Promise<DocumentInterface[]> {
        return input
          .filter((document) => document.pageContent.includes("fight"))
          .reverse()
          .map((document) => new Document({ ...document }));
      }
    }
    const theirs = new ContextualCompressionRetriever({ baseRetriever: naive, baseCompressor: new KeepFights() });
    const results = await theirs.search("fight scenes");
    expect(results.map((result) => result.document.id).sort()).toEqual(["a", "c"]);
    expect(results.map((result) => result.score)).toEqual([1, 0.5]);
    expect(results.every((result) => result.stage === "rerank")).toBe(true);

    expect(
      messageOf(() => new ContextualCompressionRetriever({ base: naive, baseRetriever: naive, reranker: new LocalReranker() } as never)),
    ).toMatch(/"ContextualCompressionRetriever\.baseRetriever".*LangChain's name for `base`; give one of/);
  });

  it("ParentDocumentRetriever takes vectorstore, docstore, childSplitter and parentK", async () => {
    const retriever = new ParentDocumentRetriever({
      vectorstore: new MemoryStore(new FakeEmbeddings()),
      docstore: new InMemoryDocstore(),
      childSplitter: new RecursiveCharacterTextSplitter({ chunkSize: 20, chunkOverlap: 0 }),
      parentK: 2,
    });
    expect(retriever.k).toBe(2);
    await retriever.addDocuments(documents);
    expect(await retriever.invoke("fight")).toHaveLength(2);
  });

  it("NaiveRetriever takes vectorStore; Bm25Retriever.fromDocuments builds its index", async () => {
    const naive = new NaiveRetriever({ vectorStore: await store(), k: 1 });
    expect(await naive.invoke("grief")).toHaveLength(1);
    const bm25 = Bm25Retriever.fromDocuments(documents, { k: 2 });
    expect((await bm25.invoke("fight")).map((document) => document.id).sort()).toEqual(["a", "c"]);
  });
});

describe("SelfQueryRetriever.fromLLM", () => {
  let server: MockOpenAIServer;
  beforeAll(async () => {
    server = await startMockOpenAIServer({ apiKey: "sk-test" });
  });
  afterAll(async () => {
    await server.close();
  });

  it("builds an LLM query constructor from documentContents and LangChain's attributeInfo, over the vector store", async () => {
    server.enqueue({
      route: "chat",
      chat: { json: { query: "fight", filter: { field: "genre", operator: "eq", value: "action" }, limit: null } },
    });
    const llm = new ChatOpenAI({ model: "gpt-4o-mini", apiKey: "sk-test", maxRetries: 0, configuration: { baseURL: server.baseURL } });
    const retriever = SelfQueryRetriever.fromLLM({
      llm,
      vectorStore: await store(),
      documentContents: "A short film review",
      attributeInfo: [
        { name: "genre", type: "string", description: "The film's genre" },
        { name: "year", type: "integer", description: "Release year" },
      ],
    });
    const found = await retriever.invoke("action films with fights");
    expect(found.map((document) => document.id).sort()).toEqual(["a", "c"]);
    expect(server.requests).toHaveLength(1);
    expect(() => SelfQueryRetriever.fromLLM({ llm, vectorStore: new MemoryStore(new FakeEmbeddings()) })).toThrow(
      /give documentContents and attributeInfo/,
    );
  });
});
