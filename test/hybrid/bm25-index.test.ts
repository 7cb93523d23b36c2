import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Document } from "@langchain/core/documents";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ErrorCodes } from "../../src/core/errors/error-codes.js";
import { BM25_INDEX_FORMAT_VERSION, Bm25Index } from "../../src/hybrid/bm25-index.js";
import { Bm25Retriever } from "../../src/hybrid/bm25-retriever.js";
import { contentHashId } from "../../src/stores/shared/content-hash.js";
import { sampleReviews } from "../rerank/sample-reviews.js";

const ids = (hits: Array<{ document: { id?: string } }>) => hits.map((hit) => hit.document.id);

describe("Bm25Index", () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), "bm25-index-"));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("finds documents by stemmed words, best match first", () => {
    const index = Bm25Index.fromDocuments(sampleReviews());
    const hits = index.search("choreographed fighting", { k: 3 });
    expect(ids(hits)[0]).toBe("r5");
    expect(ids(hits)).toContain("r1");
    expect(hits[0]!.matchedTerms).toEqual(expect.arrayContaining(["choreograph"]));
    for (let position = 1; position < hits.length; position += 1)
      expect(hits[position - 1]!.score).toBeGreaterThanOrEqual(hits[position]!.score);
  });

  it("matches nothing for a question made only of stop words", () => {
    const index = Bm25Index.fromDocuments(sampleReviews());
    expect(index.search("what is it about the", { k: 5 })).toEqual([]);
  });

  it("applies a metadata filter", () => {
    const index = Bm25Index.fromDocuments(sampleReviews());
    const hits = index.search("fight", { k: 10, filter: { field: "movie", operator: "in", value: [3, 4] } });
    expect(ids(hits).sort()).toEqual(["r5", "r7"]);
  });

  it("upserts by id and removes exactly", () => {
    const index = Bm25Index.fromDocuments(sampleReviews());
    index.addDocuments([new Document({ id: "r2", pageContent: "An elephant walks in.", metadata: {} })]);
    expect(index.size).toBe(8);
    expect(ids(index.search("elephant", { k: 5 }))).toEqual(["r2"]);
    expect(ids(index.search("napkin", { k: 5 }))).toEqual([]);
    index.delete(["r2", "unknown"]);
    expect(index.size).toBe(7);
    expect(index.search("elephant", { k: 5 })).toEqual([]);
  });

  it("gives documents without an id the stores' content hash", () => {
    const index = new Bm25Index();
    const document = new Document({ pageContent: "no id here", metadata: { a: 1 } });
    expect(index.addDocuments([document])).toEqual([contentHashId(document)]);
  });

  it("boosts an indexed metadata field", () => {
    const documents = [
      new Document({ id: "title", pageContent: "nothing relevant in the body text", metadata: { Review_Title: "Masterpiece" } }),
      new Document({ id: "body", pageContent: "a masterpiece with many other words in the body text", metadata: { Review_Title: "Fine" } }),
    ];
    expect(ids(Bm25Index.fromDocuments(documents).search("masterpiece", { k: 2 }))).toEqual(["body"]);
    expect(ids(Bm25Index.fromDocuments(documents, { metadataFields: { Review_Title: 3 } }).search("masterpiece", { k: 2 }))).toEqual([
      "title",
      "body",
    ]);
  });

  it("saves atomically and loads an identical index", async () => {
    const index = Bm25Index.fromDocuments(sampleReviews(), { metadataFields: { Review_Title: 2 }, bm25: { k1: 1.5 } });
    index.delete(["r8"]);
    const path = join(folder, "nested", "bm25.idx");
    await index.save(path);
    const loaded = await Bm25Index.load(path);
    expect(loaded.size).toBe(7);
    for (const question of ["fight choreography", "boring story", "hotel rules"]) {
      expect(loaded.search(question, { k: 5 })).toEqual(index.search(question, { k: 5 }));
    }
    loaded.addDocuments([new Document({ id: "new", pageContent: "a fresh review about horses", metadata: {} })]);
    expect(ids(loaded.search("horse", { k: 5 }))).toContain("new");
  });

  it("saves and loads an empty index, and a save is not changed by an upsert or a delete made while it runs", async () => {
    const empty = join(folder, "empty.idx");
    await new Bm25Index().save(empty);
    const loadedEmpty = await Bm25Index.load(empty);
    expect(loadedEmpty.size).toBe(0);
    expect(loadedEmpty.search("fight", { k: 3 })).toEqual([]);

    const index = Bm25Index.fromDocuments(sampleReviews());
    const expected = index.search("fight choreography", { k: 5 });
    const path = join(folder, "during.idx");
    const saving = index.save(path);
    index.addDocuments([new Document({ id: "r1", pageContent: "fight fight choreography choreography", metadata: {} })]);
    index.delete(["r5"]);
    await saving;
    const loaded = await Bm25Index.load(path);
    expect(loaded.size).toBe(8);
    expect(loaded.search("fight choreography", { k: 5 })).toEqual(expected);
    expect(ids(index.search("fight choreography", { k: 5 }))).not.toContain("r5");
  });

  it("rejects a missing, truncated, modified or foreign file with the right code", async () => {
    await expect(Bm25Index.load(join(folder, "missing.idx"))).rejects.toMatchObject({ code: ErrorCodes.NOT_FOUND });
    const path = join(folder, "bm25.idx");
    await Bm25Index.fromDocuments(sampleReviews()).save(path);
    const content = await readFile(path, "utf8");
    await writeFile(path, content.slice(0, content.length - 10));
    await expect(Bm25Index.load(path)).rejects.toMatchObject({ code: ErrorCodes.INDEX_CORRUPTED });
    await writeFile(path, content.replace("napkin", "nopkin"));
    await expect(Bm25Index.load(path)).rejects.toMatchObject({ code: ErrorCodes.INDEX_CORRUPTED });
    await writeFile(path, '{"hello": "world"}\n{}');
    await expect(Bm25Index.load(path)).rejects.toMatchObject({ code: ErrorCodes.INDEX_CORRUPTED });
    expect(content).toContain(`"version":${BM25_INDEX_FORMAT_VERSION}`);
    await writeFile(path, content.replace(`"version":${BM25_INDEX_FORMAT_VERSION}`, '"version":99'));
    await expect(Bm25Index.load(path)).rejects.toMatchObject({ code: ErrorCodes.INDEX_CORRUPTED });
    await writeFile(path, `${content}{"extra": true}\n`);
    await expect(Bm25Index.load(path)).rejects.toMatchObject({ code: ErrorCodes.INDEX_CORRUPTED });
    await writeFile(path, "");
    await expect(Bm25Index.load(path)).rejects.toMatchObject({ code: ErrorCodes.INDEX_CORRUPTED });
  });

  it("is saved as a stream of records, not one JSON string, and refuses an older format asking to rebuild", async () => {
    const index = Bm25Index.fromDocuments(sampleReviews(), { metadataFields: { Review_Title: 2 } });
    const path = join(folder, "bm25.idx");
    await index.save(path);
    const lines = (await readFile(path, "utf8")).trimEnd().split("\n");
    // Header, one line per document, the dictionary, the postings, the field lengths, the end marker.
    expect(lines.length).toBeGreaterThan(index.size + 4);
    expect(JSON.parse(lines.at(-1) as string)).toMatchObject({ end: true, records: lines.length - 2 });
    expect(lines.filter((line) => line.startsWith('["postings"')).length).toBeGreaterThan(0);

    // Versions 1 (one JSON payload) and 2 (MiniSearch's postings in records) were MiniSearch's layout.
    const version1 = join(folder, "v1.idx");
    await writeFile(version1, `${JSON.stringify({ format: "advanced-retrievers/bm25-index", version: 1, checksum: "0" })}\n{}`);
    const version2 = join(folder, "v2.idx");
    await writeFile(
      version2,
      `${JSON.stringify({ format: "advanced-retrievers/bm25-index", version: 2, settings: {}, documentCount: 0 })}\n`,
    );
    for (const [file, version] of [
      [version1, 1],
      [version2, 2],
    ] as const) {
      const failure = await Bm25Index.load(file).catch((error: unknown) => error);
      expect(failure).toMatchObject({ code: ErrorCodes.INDEX_CORRUPTED });
      expect((failure as Error).message).toMatch(
        new RegExp(`${file}.*format version ${version}, written by an older version.*rebuild it and save again`),
      );
    }
  });

  it("rejects a damaged but checksummed file naming the problem (postings cut short)", async () => {
    const index = Bm25Index.fromDocuments(sampleReviews());
    const path = join(folder, "bm25.idx");
    await index.save(path);
    const lines = (await readFile(path, "utf8")).trimEnd().split("\n");
    // Rewrite the first postings record so its first document is far beyond the last, and re-sign the file.
    const position = lines.findIndex((line) => line.startsWith('["postings"'));
    const [, firstTerm] = JSON.parse(lines[position] as string) as [string, number, string];
    lines[position] = JSON.stringify(["postings", firstTerm, Buffer.from([1, 0x7f, 1]).toString("base64")]);
    const body = `${lines.slice(0, -1).join("\n")}\n`;
    const trailer = JSON.parse(lines.at(-1) as string) as Record<string, unknown>;
    await writeFile(
      path,
      `${body}${JSON.stringify({ ...trailer, checksum: `sha256:${createHash("sha256").update(body).digest("hex")}` })}\n`,
    );
    await expect(Bm25Index.load(path)).rejects.toMatchObject({
      code: ErrorCodes.INDEX_CORRUPTED,
      message: expect.stringMatching(/bm25\.idx is unusable: the term count does not match/),
    });
  });

  it("validates options", () => {
    expect(() => new Bm25Index({ textBoost: 0 })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, option: "Bm25Index.textBoost" }),
    );
    expect(() => new Bm25Index({ bm25: { b: 2 } })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, option: "Bm25Index.bm25.b" }),
    );
  });
});

describe("Bm25Retriever", () => {
  it("returns stage bm25 results with matched terms, honouring k and filters", async () => {
    const retriever = new Bm25Retriever({ index: Bm25Index.fromDocuments(sampleReviews()), k: 2 });
    const results = await retriever.search("fight stunts");
    expect(results).toHaveLength(2);
    expect(results[0]!.stage).toBe("bm25");
    expect(results[0]!.document.id).toBe("r1");
    const filtered = await retriever.search("fight", { filter: { field: "Rating", operator: "lt", value: 8 } });
    expect(filtered.map((result) => result.document.id)).toEqual(["r7"]);
    const documents = await retriever.invoke("fight stunts");
    expect(documents[0]!.metadata.retrieval_stage).toBe("bm25");
  });

  it("rejects an index that is not a Bm25Index", () => {
    expect(() => new Bm25Retriever({ index: {} as Bm25Index })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, option: "Bm25Retriever.index" }),
    );
  });
});
