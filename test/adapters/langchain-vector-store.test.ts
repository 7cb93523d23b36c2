import { MemoryVectorStore } from "@langchain/classic/vectorstores/memory";
import { Chroma } from "@langchain/community/vectorstores/chroma";
import { Document, type DocumentInterface } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { VectorStore } from "@langchain/core/vectorstores";
import { describe, expect, it } from "vitest";
import { fromLangChainVectorStore } from "../../src/adapters/langchain-vector-store.js";
import { ErrorCodes } from "../../src/core/errors/error-codes.js";
import { parseFilter } from "../../src/core/filter/parse-filter.js";
import { Bm25Index } from "../../src/hybrid/bm25-index.js";
import { HybridRetriever } from "../../src/hybrid/hybrid-retriever.js";
import { NaiveRetriever } from "../../src/naive/naive-retriever.js";
import { ParentDocumentRetriever } from "../../src/parent-document/parent-document-retriever.js";
import { chromaTestUrl, uniqueCollectionName } from "../stores/chroma-test-server.js";
import { describeStandardVectorStoreTests } from "../stores/store-contract.js";
import { FakeEmbeddings } from "../support/fake-embeddings.js";

const communityChroma = (embeddings: EmbeddingsInterface, label: string) =>
  new Chroma(embeddings, {
    url: chromaTestUrl(),
    collectionName: uniqueCollectionName(label),
    collectionMetadata: { "hnsw:space": "cosine" },
  });

describeStandardVectorStoreTests({
  name: "MemoryVectorStore (@langchain/classic) through fromLangChainVectorStore",
  create: async (embeddings) => fromLangChainVectorStore(new MemoryVectorStore(embeddings)),
});
describeStandardVectorStoreTests({
  name: "Chroma (@langchain/community) through fromLangChainVectorStore",
  create: async (embeddings, label) => fromLangChainVectorStore(communityChroma(embeddings, label)),
  // Chroma itself stores scalar metadata only (the library's ChromaStore encodes arrays and objects; the community store does not).
  scalarMetadataOnly: true,
});

const reviews = [
  new Document({
    id: "a",
    pageContent: "the fight choreography is superb and the fights are long",
    metadata: { genre: "action", year: 2019 },
  }),
  new Document({ id: "b", pageContent: "a slow drama about grief with one fight", metadata: { genre: "drama", year: 2020 } }),
  new Document({ id: "c", pageContent: "car chases and fight scenes all night", metadata: { genre: "action", year: 2023 } }),
  new Document({ id: "d", pageContent: "quiet drama with a fight at the end", metadata: { genre: "drama", year: 2024 } }),
  new Document({ id: "e", pageContent: "an action comedy with silly fights", metadata: { genre: "comedy", year: 2022 } }),
];

/** A LangChain store the adapter has no translator for (it filters nothing itself). */
class PlainStore extends VectorStore {
  declare FilterType: object;
  private readonly inner: MemoryVectorStore;
  constructor(embeddings: EmbeddingsInterface) {
    super(embeddings, {});
    this.inner = new MemoryVectorStore(embeddings);
  }
  _vectorstoreType(): string {
    return "plain";
  }
  async addVectors(vectors: number[][], documents: DocumentInterface[]) {
    return this.inner.addVectors(vectors, documents);
  }
  async addDocuments(documents: DocumentInterface[]) {
    return this.inner.addDocuments(documents);
  }
  async similaritySearchVectorWithScore(query: number[], k: number): Promise<[DocumentInterface, number][]> {
    return this.inner.similaritySearchVectorWithScore(query, k);
  }
}

describe("techniques over LangChain vector stores", () => {
  const filter = parseFilter({ genre: "drama" });
  for (const [name, create] of [
    ["MemoryVectorStore", async (embeddings: EmbeddingsInterface) => new MemoryVectorStore(embeddings)],
    ["community Chroma", async (embeddings: EmbeddingsInterface) => communityChroma(embeddings, "techniques")],
  ] as const) {
    it(`${name}: naive, parent-document and hybrid accept it as their store, with filters translated`, async () => {
      const embeddings = new FakeEmbeddings();
      const store = await create(embeddings);
      await store.addDocuments(reviews, { ids: reviews.map((review) => review.id as string) });
      const adapted = fromLangChainVectorStore(store);
      expect(adapted.filterStrategy).toBe(name === "MemoryVectorStore" ? "predicate" : "chroma-where");

      const naive = new NaiveRetriever({ store, k: 3 });
      const dense = await naive.search("fight scenes", { filter });
      expect(dense.map((result) => result.document.id).sort()).toEqual(["b", "d"]);
      expect(dense.every((result) => result.score <= 1 + 1e-6 && result.score > 0)).toBe(true);
      const unfiltered = await naive.search("car chases and fight scenes all night");
      expect(unfiltered[0]?.document.id).toBe("c");
      expect(unfiltered[0]?.score).toBeGreaterThan(0.999);

      const hybrid = new HybridRetriever({ bm25: Bm25Index.fromDocuments(reviews), dense: store });
      expect((await hybrid.invoke("fight", { configurable: { filter } })).map((document) => document.id).sort()).toEqual(["b", "d"]);

      const children = await create(new FakeEmbeddings());
      const parent = new ParentDocumentRetriever({ store: children, childChunkSize: 20 });
      const added = await parent.addDocuments(reviews);
      expect(added.addedParents).toHaveLength(5);
      const parents = await parent.search("fight at the end", { filter: parseFilter({ year: { gte: 2022 } }), k: 2 });
      expect(parents).toHaveLength(2);
      expect(parents.map((result) => result.document.metadata.year).every((year) => (year as number) >= 2022)).toBe(true);
      expect(parents[0]?.document.id).toBe("d");
    });
  }

  it("a store without a translator: the filter is applied after an over-fetch, with one warning", async () => {
    const warnings: string[] = [];
    const store = new PlainStore(new FakeEmbeddings());
    await store.addDocuments(reviews);
    const adapted = fromLangChainVectorStore(store, { onWarning: (message) => warnings.push(message) });
    expect(adapted.filterStrategy).toBe("over-fetch");
    const retriever = new NaiveRetriever({ store: adapted });
    expect((await retriever.invoke("fight", { configurable: { filter: { genre: "comedy" } } })).map((document) => document.id)).toEqual([
      "e",
    ]);
    await retriever.invoke("fight", { configurable: { filter: { genre: "drama" } } });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/"plain" has no filter translator/);
    await expect(adapted.listDocuments()).rejects.toMatchObject({ code: ErrorCodes.UNSUPPORTED_OPERATION });
  });

  it("a LangChain store given to a technique is adapted automatically", async () => {
    const store = new MemoryVectorStore(new FakeEmbeddings());
    await store.addDocuments(reviews);
    const retriever = new NaiveRetriever({ store });
    expect(retriever.store).not.toBe(store);
    expect((retriever.store as ReturnType<typeof fromLangChainVectorStore>).langChainStore).toBe(store);
  });
});
