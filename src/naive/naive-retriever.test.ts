import { describe, expect, it } from "vitest";
import { Document } from "@langchain/core/documents";
import { RunnableLambda, RunnableParallel, RunnablePassthrough } from "@langchain/core/runnables";
import { ErrorCodes } from "../core/errors/index.js";
import { MemoryStore } from "../stores/memory/memory-store.js";
import { FakeEmbeddings } from "../../test/support/fake-embeddings.js";
import { NaiveRetriever } from "./naive-retriever.js";
import { codeOf } from "../../test/support/error-code.js";

const reviews = [
  { id: "a", text: "brilliant fight choreography and stunt work", movie: 1, Rating: 9 },
  { id: "b", text: "the fight choreography is brilliant again", movie: 2, Rating: 8 },
  { id: "c", text: "fight choreography fight choreography stunt", movie: 2, Rating: 3 },
  { id: "d", text: "the dog dies and the plot is thin", movie: 1, Rating: 4 },
  { id: "e", text: "neon cinematography and a thin plot", movie: 3, Rating: 6 },
  { id: "f", text: "keanu reeves gives a great performance", movie: 4, Rating: 10 },
];

async function setup() {
  const embeddings = new FakeEmbeddings(128);
  const documents = reviews.map(({ id, text, movie, Rating }) => new Document({ id, pageContent: text, metadata: { movie, Rating } }));
  const store = await MemoryStore.fromDocuments(documents, embeddings);
  return { embeddings, store };
}

describe("NaiveRetriever", () => {
  it("returns the top-k by cosine similarity, best first, with stage dense", async () => {
    const { store, embeddings } = await setup();
    const retriever = new NaiveRetriever({ store, k: 3 });
    const results = await retriever.search("fight choreography");
    expect(results).toHaveLength(3);
    expect(results.map((result) => result.stage)).toEqual(["dense", "dense", "dense"]);
    const expected = reviews
      .map((review) => ({ id: review.id, score: cosine(embeddings.vectorFor("fight choreography"), embeddings.vectorFor(review.text)) }))
      .sort((left, right) => right.score - left.score)
      .slice(0, 3);
    expect(results.map((result) => result.document.id)).toEqual(expected.map((item) => item.id));
    results.forEach((result, index) => expect(result.score).toBeCloseTo(expected[index]!.score, 5));
  });

  it("per-call k and filter override the defaults; the retriever's filter is always AND-ed", async () => {
    const { store } = await setup();
    const retriever = new NaiveRetriever({ store, k: 5, filter: { field: "movie", operator: "in", value: [1, 2] } });
    const results = await retriever.search("fight choreography", { k: 2, filter: { field: "Rating", operator: "gte", value: 8 } });
    expect(results.map((result) => result.document.id).sort()).toEqual(["a", "b"]);
    const widened = await retriever.search("neon cinematography", {
      filter: {
        or: [
          { field: "movie", operator: "eq", value: 3 },
          { field: "movie", operator: "eq", value: 1 },
        ],
      },
    });
    expect(widened.every((result) => result.document.metadata.movie === 1)).toBe(true);
  });

  it("drops hits under the score threshold", async () => {
    const { store } = await setup();
    const all = await new NaiveRetriever({ store, k: 6 }).search("keanu reeves performance");
    const threshold = (all[0]!.score + all[1]!.score) / 2;
    const kept = await new NaiveRetriever({ store, k: 6, searchType: "similarity_score_threshold", scoreThreshold: threshold }).search(
      "keanu reeves performance",
    );
    expect(kept.map((result) => result.document.id)).toEqual([all[0]!.document.id]);
  });

  it("MMR prefers diverse results over near-duplicates", async () => {
    const { store } = await setup();
    const similarity = await new NaiveRetriever({ store, k: 2 }).search("fight choreography brilliant");
    const diverse = await new NaiveRetriever({ store, k: 2, searchType: "mmr", lambda: 0.3, fetchK: 6 }).search(
      "fight choreography brilliant",
    );
    expect(diverse.map((result) => result.stage)).toEqual(["mmr", "mmr"]);
    expect(diverse[0]!.document.id).toBe(similarity[0]!.document.id);
    expect(diverse[1]!.document.id).not.toBe(similarity[1]!.document.id);
  });

  it("is a LangChain retriever: invoke, batch and an LCEL chain work, with scores in metadata", async () => {
    const { store } = await setup();
    const retriever = new NaiveRetriever({ store, k: 2 });
    const documents = await retriever.invoke("thin plot");
    expect(documents).toHaveLength(2);
    expect(documents[0]!.metadata.relevance_score).toBeTypeOf("number");
    expect(documents[0]!.metadata.retrieval_stage).toBe("dense");
    const batched = await retriever.batch(["thin plot", "keanu reeves"]);
    expect(batched.map((batch) => batch[0]!.id)).toEqual([documents[0]!.id, "f"]);
    const chain = RunnableParallel.from({ question: new RunnablePassthrough<string>(), context: retriever }).pipe(
      RunnableLambda.from(
        ({ question, context }: { question: string; context: Document[] }) =>
          `${question}: ${context.map((document) => document.id).join(",")}`,
      ),
    );
    expect(await chain.invoke("keanu reeves")).toMatch(/^keanu reeves: f,/);
    const stored = await store.listDocuments();
    expect(stored.every((document) => !("relevance_score" in document.metadata))).toBe(true);
  });

  it("validates options at construction and queries at call time, with error codes", async () => {
    const { store } = await setup();
    expect(codeOf(() => new NaiveRetriever({ store, k: 0 }))).toBe(ErrorCodes.INVALID_OPTION);
    expect(codeOf(() => new NaiveRetriever({ store, searchType: "similarity_score_threshold" }))).toBe(ErrorCodes.INVALID_OPTION);
    expect(codeOf(() => new NaiveRetriever({ store, searchType: "fuzzy" as never }))).toBe(ErrorCodes.INVALID_OPTION);
    expect(codeOf(() => new NaiveRetriever({ store: {} as never }))).toBe(ErrorCodes.INVALID_OPTION);
    const retriever = new NaiveRetriever({ store });
    await expect(retriever.search("   ")).rejects.toMatchObject({ code: ErrorCodes.INVALID_QUERY });
    await expect(retriever.invoke("x".repeat(100_000))).rejects.toMatchObject({ code: ErrorCodes.INVALID_QUERY });
    const controller = new AbortController();
    controller.abort();
    await expect(retriever.search("plot", { signal: controller.signal })).rejects.toMatchObject({ code: ErrorCodes.ABORTED });
  });
});

function cosine(left: number[], right: number[]): number {
  let dot = 0;
  for (let index = 0; index < left.length; index += 1) dot += left[index]! * right[index]!;
  return dot / (Math.hypot(...left) * Math.hypot(...right));
}
