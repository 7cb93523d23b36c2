import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildRetriever } from "../../src/config/build-retriever.js";
import { ErrorCodes } from "../../src/core/errors/error-codes.js";
import { loadJohnWickReviews } from "../../src/datasets/john-wick/load-reviews.js";
import { ParentDocumentRetriever } from "../../src/parent-document/parent-document-retriever.js";
import { FakeEmbeddings } from "../support/fake-embeddings.js";

const sampleFolder = resolve(fileURLToPath(new URL("../../data/sample/", import.meta.url)));

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "parent-document-config-"));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe("technique parent-document (configuration)", () => {
  it("builds from the sample reviews, reports parent and child counts, and reloads the child index from disk", async () => {
    const documents = await loadJohnWickReviews(sampleFolder);
    const embeddings = new FakeEmbeddings(64);
    const config = {
      technique: "parent-document",
      k: 5,
      indexDirectory: folder,
      parentDocument: { chunkSize: 120, chunkOverlap: 20 },
    } as const;
    const first = await buildRetriever(config, { embeddings, documents });
    expect(first.retriever).toBeInstanceOf(ParentDocumentRetriever);
    expect(first.stats).toMatchObject({
      parents: documents.length,
      childChunkSize: 120,
      childChunkOverlap: 20,
      parentRanking: "max",
      indexLoadedFromDisk: false,
    });
    expect(first.stats.children as number).toBeGreaterThan(documents.length);
    expect(await readdir(folder)).toEqual([expect.stringMatching(/^children-120-20-[0-9a-f]{16}\.idx$/)]);
    const calls = embeddings.documentCalls;

    const second = await buildRetriever(config, { embeddings, documents });
    expect(second.stats).toMatchObject({ parents: first.stats.parents, children: first.stats.children, indexLoadedFromDisk: true });
    expect(embeddings.documentCalls).toBe(calls);
    const question = "Which reviews praise the fight scenes?";
    const results = await second.retriever.search(question);
    expect(results).toEqual(await first.retriever.search(question));
    expect(results).toHaveLength(5);
    expect(new Set(results.map((result) => result.document.id)).size).toBe(5);
    expect(results.every((result) => result.stage === "parent")).toBe(true);
  });

  it("applies the configured filter to every query", async () => {
    const documents = await loadJohnWickReviews(sampleFolder);
    const built = await buildRetriever(
      { technique: "parent-document", k: 3, indexDirectory: null, filter: { movie: [2] } },
      { embeddings: new FakeEmbeddings(64), documents },
    );
    const results = await built.retriever.search("action");
    expect(results).toHaveLength(3);
    expect(results.every((result) => result.document.metadata.movie === 2)).toBe(true);
  });

  it("rejects an overlap not smaller than the chunk size, naming the field", async () => {
    await expect(
      buildRetriever(
        { technique: "parent-document", indexDirectory: null, parentDocument: { chunkSize: 100, chunkOverlap: 100 } },
        { embeddings: new FakeEmbeddings(8), documents: [] },
      ),
    ).rejects.toMatchObject({ code: ErrorCodes.INVALID_OPTION, option: "config.parentDocument.chunkOverlap" });
  });
});
