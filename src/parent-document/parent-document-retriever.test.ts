import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Document, type DocumentInterface } from "@langchain/core/documents";
import { RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeEmbeddings } from "../../test/support/fake-embeddings.js";
import { ErrorCodes } from "../core/errors/error-codes.js";
import type { FilterExpression } from "../core/filter/filter-schema.js";
import { compileFilter } from "../core/filter/compile-filter.js";
import { RELEVANCE_SCORE_KEY, RETRIEVAL_STAGE_KEY, type SearchResult } from "../core/search-retriever.js";
import { FileDocstore } from "../docstores/file-docstore.js";
import { InMemoryDocstore } from "../docstores/in-memory-docstore.js";
import { MemoryStore } from "../stores/memory/memory-store.js";
import { contentHashId } from "../stores/shared/content-hash.js";
import { ParentDocumentRetriever, type ParentDocumentDetails, type ParentDocumentRetrieverOptions } from "./parent-document-retriever.js";
import { rankParents } from "./rank-parents.js";
import { CHUNK_INDEX_KEY, PARENT_ID_KEY } from "./split-documents.js";

const CHUNK_SIZE = 40;

function setup(options: Partial<ParentDocumentRetrieverOptions> = {}) {
  const embeddings = new FakeEmbeddings(64);
  const store = new MemoryStore(embeddings);
  const retriever = new ParentDocumentRetriever({ store, childChunkSize: CHUNK_SIZE, ...options });
  return { embeddings, store, retriever };
}

const review = (id: string, text: string, movie: number, Rating = 7): DocumentInterface =>
  new Document({ id, pageContent: text, metadata: { movie, Rating } });

/** One review whose many children all match "fight choreography", and a few that match once. */
function concentratedCorpus(): DocumentInterface[] {
  return [
    review("long", Array.from({ length: 20 }, () => "fight choreography stunts.").join(" "), 1),
    review("a", "The fight choreography is fine. The plot is thin and the dog dies early on.", 2),
    review("b", "Great fight scenes but too long. Popcorn fun for a rainy evening at home.", 3),
    review("c", "Choreography of the club scene is stylish. Keanu mumbles his few lines.", 4),
    review("d", "A dull sequel with nothing new to say about anything at all, sadly.", 2),
  ];
}

const ids = (results: SearchResult[]) => results.map((result) => result.document.id);

describe("ParentDocumentRetriever.search", () => {
  it("returns exactly k distinct parents even when one parent owns all the top children", async () => {
    const { store, retriever } = setup({ k: 3 });
    await retriever.addDocuments(concentratedCorpus());
    const search = vi.spyOn(store, "searchByVector");
    const results = await retriever.search("fight choreography");
    expect(results).toHaveLength(3);
    expect(new Set(ids(results)).size).toBe(3);
    expect(results[0]!.document.id).toBe("long");
    // The first round (k * 4 = 12 children) held only "long"'s children: more rounds were needed.
    expect(search.mock.calls.length).toBeGreaterThan(1);
    expect(search.mock.calls[0]![1]).toMatchObject({ k: 12 });
    // What LangChain's version would see: the top 4 children, all from one parent.
    const topChildren = await store.searchByVector(await store.embeddings.embedQuery("fight choreography"), { k: 4 });
    expect(new Set(topChildren.map((hit) => hit.document.metadata[PARENT_ID_KEY])).size).toBe(1);
  });

  it("returns every parent when fewer than k exist, and nothing from an empty index", async () => {
    const { retriever } = setup();
    expect(await retriever.search("anything")).toEqual([]);
    await retriever.addDocuments(concentratedCorpus());
    expect(await retriever.search("fight", { k: 50 })).toHaveLength(5);
  });

  it("returns whole parents, scored by their best child, with their matching children in details", async () => {
    const { retriever } = setup({ k: 5 });
    const corpus = concentratedCorpus();
    await retriever.addDocuments(corpus);
    const results = await retriever.search("fight choreography");
    for (const result of results) {
      const parent = corpus.find((document) => document.id === result.document.id)!;
      expect(result.stage).toBe("parent");
      expect(result.document.pageContent).toBe(parent.pageContent);
      expect(result.document.metadata).toEqual(parent.metadata);
      const { children } = result.details as unknown as ParentDocumentDetails;
      expect(children.length).toBeGreaterThan(0);
      expect(result.score).toBe(children[0]!.score);
      for (const [index, child] of children.entries()) {
        expect(child.id.startsWith(`${result.document.id}#child-`)).toBe(true);
        expect(parent.pageContent).toContain(child.text);
        expect(child.text.length).toBeLessThanOrEqual(CHUNK_SIZE);
        if (index > 0) expect(child.score).toBeLessThanOrEqual(children[index - 1]!.score);
      }
    }
    for (let index = 1; index < results.length; index += 1) expect(results[index]!.score).toBeLessThanOrEqual(results[index - 1]!.score);
  });

  it("equals the brute-force ranking (every child scored, best child per parent) on random corpora", async () => {
    const vocabulary = ["fight", "dog", "plot", "keanu", "action", "boring", "stunts", "music", "hotel", "sequel"];
    const corpusArbitrary = fc.array(
      fc.record({
        words: fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 40 }),
        movie: fc.integer({ min: 1, max: 4 }),
      }),
      { minLength: 1, maxLength: 25 },
    );
    await fc.assert(
      fc.asyncProperty(
        corpusArbitrary,
        fc.integer({ min: 1, max: 8 }),
        fc.constantFrom(...vocabulary),
        fc.option(fc.integer({ min: 1, max: 4 })),
        async (rows, k, word, movie) => {
          const { store, retriever } = setup({ childFetchMultiplier: 1 });
          await retriever.addDocuments(rows.map((row, index) => review(`p${index}`, row.words.join(" "), row.movie)));
          const filter: FilterExpression | null = movie === null ? null : { field: "movie", operator: "eq", value: movie };
          const results = await retriever.search(word, { k, filter });
          const everyChild = await store.searchByVector(await store.embeddings.embedQuery(word), { k: await store.count(), filter });
          const expected = rankParents(everyChild, "max", 1).slice(0, k);
          expect(ids(results)).toEqual(expected.map((candidate) => candidate.parentId));
          expect(results.map((result) => result.score)).toEqual(expected.map((candidate) => candidate.score));
          const matchingParents = rows.filter((row) => movie === null || row.movie === movie).length;
          expect(results).toHaveLength(Math.min(k, matchingParents));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("ranks by the sum of the best child scores with parentRanking: sum", async () => {
    const corpus = [
      review("once", "hotel continental. Nothing else of note to mention here.", 1),
      review("thrice", "The hotel scenes. Another hotel scene later. A third hotel.", 1),
    ];
    const max = setup({ parentRanking: "max", k: 2 });
    const sum = setup({ parentRanking: "sum", summedChildScores: 3, k: 2 });
    await max.retriever.addDocuments(corpus);
    await sum.retriever.addDocuments(corpus);
    const bySum = await sum.retriever.search("hotel continental");
    expect(ids(bySum)).toEqual(["thrice", "once"]);
    const { children } = bySum[0]!.details as unknown as ParentDocumentDetails;
    expect(bySum[0]!.score).toBeCloseTo(
      children.slice(0, 3).reduce((total, child) => total + child.score, 0),
      12,
    );
    expect(ids(await max.retriever.search("hotel continental"))).toEqual(["once", "thrice"]);
  });

  it("applies filters to the child search: constructor filter AND per-call filter, still k parents", async () => {
    const { retriever } = setup({ filter: { field: "Rating", operator: "gte", value: 5 } });
    const corpus = Array.from({ length: 12 }, (_, index) =>
      review(
        `r${index}`,
        `fight choreography number ${index}. ${"filler words here. ".repeat(index % 3)}`,
        (index % 4) + 1,
        index % 2 === 0 ? 9 : 3,
      ),
    );
    await retriever.addDocuments(corpus);
    const results = await retriever.search("fight choreography", { k: 2, filter: { field: "movie", operator: "in", value: [1, 3] } });
    expect(results).toHaveLength(2);
    const allowed = compileFilter({
      and: [
        { field: "Rating", operator: "gte", value: 5 },
        { field: "movie", operator: "in", value: [1, 3] },
      ],
    });
    for (const result of results) {
      expect(allowed(result.document.metadata)).toBe(true);
      // The parent's metadata is returned as it was added, without the children's keys.
      expect(result.document.metadata).not.toHaveProperty(PARENT_ID_KEY);
    }
    const matching = corpus.filter((document) => allowed(document.metadata)).map((document) => document.id);
    expect(ids(await retriever.search("fight", { k: 10, filter: { field: "movie", operator: "in", value: [1, 3] } })).sort()).toEqual(
      matching.sort(),
    );
  });

  it("skips children whose parent is missing from the docstore and still returns k parents", async () => {
    const docstore = new InMemoryDocstore();
    const { retriever } = setup({ docstore, k: 2 });
    await retriever.addDocuments(concentratedCorpus());
    await docstore.mdelete(["long"]);
    const results = await retriever.search("fight choreography");
    expect(results).toHaveLength(2);
    expect(ids(results)).not.toContain("long");
  });

  it("works through invoke, adding score and stage to copies of the parents", async () => {
    const { retriever } = setup({ k: 2 });
    await retriever.addDocuments(concentratedCorpus());
    const documents = await retriever.invoke("fight choreography");
    expect(documents).toHaveLength(2);
    expect(documents[0]!.metadata[RETRIEVAL_STAGE_KEY]).toBe("parent");
    expect(typeof documents[0]!.metadata[RELEVANCE_SCORE_KEY]).toBe("number");
    await expect(retriever.invoke("   ")).rejects.toMatchObject({ code: ErrorCodes.INVALID_QUERY });
    await expect(retriever.search("fight", { k: 0 })).rejects.toMatchObject({ code: ErrorCodes.INVALID_OPTION, option: "k" });
  });

  it("lists the parents matching a filter, for filter-only questions", async () => {
    const { retriever } = setup();
    await retriever.addDocuments(concentratedCorpus());
    const parents = await retriever.listDocuments({ filter: { field: "movie", operator: "eq", value: 2 } });
    expect(ids(parents.map((document) => ({ document, score: 0, stage: "parent" })))).toEqual(["a", "d"]);
    expect(await retriever.listDocuments({ limit: 1 })).toHaveLength(1);
  });
});

describe("ParentDocumentRetriever.addDocuments", () => {
  it("stores children with the parent's metadata plus parent_id and chunk_index, and deterministic ids", async () => {
    const { store, retriever } = setup();
    const result = await retriever.addDocuments([
      review("jw1-0", "one two three four five six seven eight nine ten eleven twelve thirteen fourteen", 1, 9),
    ]);
    const children = await store.listDocuments();
    expect(children.length).toBeGreaterThan(1);
    expect(result).toMatchObject({ parentIds: ["jw1-0"], addedParents: ["jw1-0"], addedChildren: children.length, unchangedParents: [] });
    children.forEach((child, index) => {
      expect(child.id).toBe(`jw1-0#child-${index}`);
      expect(child.metadata).toEqual({ movie: 1, Rating: 9, [PARENT_ID_KEY]: "jw1-0", [CHUNK_INDEX_KEY]: index });
    });
    expect(await retriever.stats()).toEqual({ parents: 1, children: children.length });
  });

  it("embeds children of many parents in batched calls, not one call per parent", async () => {
    const { embeddings, store, retriever } = setup({ embeddingBatchSize: 8 });
    const corpus = Array.from({ length: 10 }, (_, index) => review(`p${index}`, "alpha beta gamma delta. ".repeat(3 + (index % 3)), 1));
    const { addedChildren } = await retriever.addDocuments(corpus);
    expect(addedChildren).toBeGreaterThan(20);
    expect(embeddings.documentCalls).toBe(Math.ceil(addedChildren / 8));
    expect(embeddings.embeddedTexts).toBe(addedChildren);
    expect(await store.count()).toBe(addedChildren);
  });

  it("is idempotent: re-adding the same documents embeds and stores nothing", async () => {
    const { embeddings, store, retriever } = setup();
    const corpus = concentratedCorpus();
    const first = await retriever.addDocuments(corpus);
    const before = { calls: embeddings.documentCalls, children: await store.count(), revision: store.revision };
    const again = await retriever.addDocuments(
      corpus.map((document) => new Document({ id: document.id, pageContent: document.pageContent, metadata: { ...document.metadata } })),
    );
    expect(again).toMatchObject({
      addedParents: [],
      updatedParents: [],
      unchangedParents: first.parentIds,
      addedChildren: 0,
      removedChildren: 0,
    });
    expect(embeddings.documentCalls).toBe(before.calls);
    expect(await store.count()).toBe(before.children);
    expect(store.revision).toBe(before.revision);
  });

  it("keys documents without id by a content hash, so the same document is stored once", async () => {
    const { retriever } = setup();
    const document = new Document({ pageContent: "no id here, just a review about fights", metadata: { movie: 2 } });
    const { parentIds } = await retriever.addDocuments([document, document]);
    expect(parentIds).toEqual([contentHashId(document)]);
    expect((await retriever.addDocuments([document])).addedChildren).toBe(0);
    expect((await retriever.stats()).parents).toBe(1);
    const [result] = await retriever.search("fights");
    expect(result!.document.id).toBe(contentHashId(document));
  });

  it("replaces the children of a changed parent, removing the ones it no longer has", async () => {
    const { store, retriever } = setup();
    await retriever.addDocuments([
      review("p", "first sentence here. second sentence here. third sentence here. fourth sentence.", 1),
      review("q", "other", 2),
    ]);
    const oldCount = (await store.listDocuments({ filter: { field: PARENT_ID_KEY, operator: "eq", value: "p" } })).length;
    const result = await retriever.addDocuments([review("p", "short now about dogs", 1)]);
    expect(result).toMatchObject({ updatedParents: ["p"], addedChildren: 1, removedChildren: oldCount - 1 });
    const children = await store.listDocuments({ filter: { field: PARENT_ID_KEY, operator: "eq", value: "p" } });
    expect(children.map((child) => child.pageContent)).toEqual(["short now about dogs"]);
    // A metadata-only change also updates the children's metadata (filters see it).
    await retriever.addDocuments([review("p", "short now about dogs", 3)]);
    expect(ids(await retriever.search("dogs", { k: 1, filter: { field: "movie", operator: "eq", value: 3 } }))).toEqual(["p"]);
  });

  it("re-indexes a stored parent whose children are missing from the vector store", async () => {
    const docstore = new InMemoryDocstore();
    const first = setup({ docstore });
    await first.retriever.addDocuments(concentratedCorpus());
    const second = setup({ docstore });
    const result = await second.retriever.addDocuments(concentratedCorpus());
    expect(result.unchangedParents).toEqual([]);
    expect(result.addedChildren).toBe(await first.store.count());
    expect(await second.retriever.search("fight")).toHaveLength(4);
  });

  it("gives a parent with blank text one child, so it can still be found", async () => {
    const { retriever } = setup();
    await retriever.addDocuments([review("blank", "   ", 1), review("x", "text", 1)]);
    expect(await retriever.stats()).toEqual({ parents: 2, children: 2 });
    expect(ids(await retriever.search("text", { k: 2 })).sort()).toEqual(["blank", "x"]);
  });

  it("rejects reserved metadata keys and conflicting duplicate ids before storing anything", async () => {
    const { store, retriever } = setup();
    await expect(retriever.addDocuments([new Document({ id: "x", pageContent: "t", metadata: { parent_id: "y" } })])).rejects.toMatchObject(
      {
        code: ErrorCodes.INVALID_OPTION,
        option: "documents[0].metadata.parent_id",
      },
    );
    await expect(retriever.addDocuments([review("same", "one", 1), review("same", "two", 1)])).rejects.toMatchObject({
      code: ErrorCodes.INVALID_OPTION,
      option: "documents[1].id",
    });
    expect(await store.count()).toBe(0);
  });

  it("splits documents into parents with a parent splitter, and cleans up parents a shorter version no longer has", async () => {
    const { retriever } = setup({
      parentSplitter: new RecursiveCharacterTextSplitter({ chunkSize: 60, chunkOverlap: 0 }),
      childChunkSize: 20,
    });
    const long = "The opening fight in the house. ".repeat(3) + "The club scene has great music. ".repeat(3);
    const first = await retriever.addDocuments([review("doc", long, 1)]);
    expect(first.parentIds.length).toBeGreaterThan(2);
    expect(first.parentIds.every((id, index) => id === `doc#parent-${index}`)).toBe(true);
    const [best] = await retriever.search("club music", { k: 1 });
    expect(best!.document.pageContent.length).toBeLessThanOrEqual(60);
    expect(best!.document.pageContent).toContain("club");

    const second = await retriever.addDocuments([review("doc", "Only a short fight now.", 1)]);
    expect(second.parentIds).toEqual(["doc#parent-0"]);
    expect(second.removedParents).toEqual(first.parentIds.slice(1));
    expect(await retriever.stats()).toEqual({ parents: 1, children: 2 });

    const deleted = await retriever.deleteDocuments(["doc"]);
    expect(deleted.deletedParents).toEqual(["doc#parent-0"]);
    expect(await retriever.stats()).toEqual({ parents: 0, children: 0 });
  });

  it("serializes concurrent adds so their writes never interleave", async () => {
    const { retriever } = setup();
    const corpus = concentratedCorpus();
    await Promise.all([retriever.addDocuments(corpus), retriever.addDocuments(corpus), retriever.addDocuments(corpus.slice(0, 2))]);
    const { parents, children } = await retriever.stats();
    const reference = setup();
    await reference.retriever.addDocuments(corpus);
    expect({ parents, children }).toEqual(await reference.retriever.stats());
  });
});

describe("ParentDocumentRetriever.deleteDocuments", () => {
  it("removes parents and all their children; unknown ids are ignored", async () => {
    const { store, retriever } = setup();
    await retriever.addDocuments(concentratedCorpus());
    const longChildren = (await store.listDocuments({ filter: { field: PARENT_ID_KEY, operator: "eq", value: "long" } })).length;
    const before = await retriever.stats();
    const result = await retriever.deleteDocuments(["long", "a", "unknown"]);
    expect(result.deletedParents).toEqual(["long", "a"]);
    expect(result.deletedChildren).toBe(longChildren + 2);
    expect(await retriever.stats()).toEqual({ parents: before.parents - 2, children: before.children - longChildren - 2 });
    expect(await store.listDocuments({ filter: { field: PARENT_ID_KEY, operator: "in", value: ["long", "a"] } })).toEqual([]);
    const results = await retriever.search("fight choreography", { k: 10 });
    expect(ids(results).sort()).toEqual(["b", "c", "d"]);
    // A deleted parent can be added again.
    expect((await retriever.addDocuments(concentratedCorpus())).addedParents).toEqual(["long", "a"]);
  });
});

describe("ParentDocumentRetriever persistence", () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), "parent-document-"));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("a retriever reopened from a saved store and a FileDocstore returns the same results", async () => {
    const storePath = join(folder, "children.idx");
    const docstorePath = join(folder, "parents.json");
    const embeddings = new FakeEmbeddings(64);
    const store = new MemoryStore(embeddings);
    const original = new ParentDocumentRetriever({
      store,
      docstore: await FileDocstore.open({ path: docstorePath }),
      childChunkSize: CHUNK_SIZE,
      k: 3,
    });
    await original.addDocuments(concentratedCorpus());
    await store.save(storePath);

    const reopened = new ParentDocumentRetriever({
      store: await MemoryStore.load(storePath, embeddings),
      docstore: await FileDocstore.open({ path: docstorePath }),
      childChunkSize: CHUNK_SIZE,
      k: 3,
    });
    for (const query of ["fight choreography", "dog plot", "club scene stylish"]) {
      expect(await reopened.search(query)).toEqual(await original.search(query));
      const filter: FilterExpression = { field: "movie", operator: "gte", value: 2 };
      expect(await reopened.search(query, { filter })).toEqual(await original.search(query, { filter }));
    }
    expect(await reopened.stats()).toEqual(await original.stats());
    // Re-adding after the restart adds nothing.
    const calls = embeddings.documentCalls;
    expect((await reopened.addDocuments(concentratedCorpus())).addedChildren).toBe(0);
    expect(embeddings.documentCalls).toBe(calls);
  });
});

describe("ParentDocumentRetriever options", () => {
  const store = new MemoryStore(new FakeEmbeddings(8));
  it.each([
    [
      { childSplitter: new RecursiveCharacterTextSplitter({ chunkSize: 10, chunkOverlap: 0 }), childChunkSize: 50 },
      "ParentDocumentRetriever.childChunkSize",
    ],
    [{ childChunkSize: 100, childChunkOverlap: 100 }, "ParentDocumentRetriever.childChunkOverlap"],
    [{ childChunkOverlap: 300 }, "ParentDocumentRetriever.childChunkOverlap"],
    [{ parentRanking: "mean" }, "ParentDocumentRetriever.parentRanking"],
    [{ k: 0 }, "ParentDocumentRetriever.k"],
    [{ embeddingBatchSize: 1.5 }, "ParentDocumentRetriever.embeddingBatchSize"],
    [{ docstore: {} }, "ParentDocumentRetriever.docstore"],
    [{ store: {} }, "ParentDocumentRetriever.store"],
  ])("rejects %j", (options, option) => {
    expect(() => new ParentDocumentRetriever({ store, ...(options as object) } as ParentDocumentRetrieverOptions)).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, option }),
    );
  });

  it("uses the documented defaults", () => {
    const retriever = new ParentDocumentRetriever({ store });
    expect(retriever).toMatchObject({
      k: 4,
      childChunkSize: 200,
      childChunkOverlap: 0,
      parentRanking: "max",
      childFetchMultiplier: 4,
      embeddingBatchSize: 256,
      parentSplitter: null,
      filter: null,
    });
    expect(retriever.docstore).toBeInstanceOf(InMemoryDocstore);
  });
});
