import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Document, type DocumentInterface } from "@langchain/core/documents";
import { InMemoryStore } from "@langchain/core/stores";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ErrorCodes } from "../core/errors/error-codes.js";
import { isDocstore, listDocstoreKeys, type Docstore } from "./docstore.js";
import { DOCSTORE_FORMAT_VERSION, FileDocstore } from "./file-docstore.js";
import { InMemoryDocstore } from "./in-memory-docstore.js";
import { canonicalJson } from "../stores/shared/canonical-json.js";

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "docstore-"));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const review = (id: string, text: string, movie = 1): DocumentInterface =>
  new Document({ id, pageContent: text, metadata: { movie, tags: ["a", "b"], nested: { rating: 8 } } });

const implementations: Array<[string, () => Promise<Docstore & { count(): Promise<number> }>]> = [
  ["InMemoryDocstore", async () => new InMemoryDocstore()],
  ["FileDocstore", async () => FileDocstore.open({ path: join(folder, "parents.json") })],
];

describe.each(implementations)("%s", (_name, create) => {
  it("stores, gets, lists by prefix and deletes documents", async () => {
    const docstore = await create();
    await docstore.mset([
      ["jw1-0", review("jw1-0", "first")],
      ["jw2-0", review("jw2-0", "second", 2)],
      ["jw1-1", review("jw1-1", "third")],
    ]);
    const [first, missing, third] = await docstore.mget(["jw1-0", "nope", "jw1-1"]);
    expect(first).toMatchObject({ id: "jw1-0", pageContent: "first", metadata: { movie: 1, tags: ["a", "b"], nested: { rating: 8 } } });
    expect(missing).toBeUndefined();
    expect(third?.pageContent).toBe("third");
    expect(await listDocstoreKeys(docstore)).toEqual(["jw1-0", "jw1-1", "jw2-0"]);
    expect(await listDocstoreKeys(docstore, "jw1-")).toEqual(["jw1-0", "jw1-1"]);
    await docstore.mdelete(["jw1-0", "unknown"]);
    expect(await docstore.count()).toBe(2);
    expect(await docstore.mget(["jw1-0"])).toEqual([undefined]);
    // Replacing a key keeps one entry.
    await docstore.mset([["jw2-0", review("jw2-0", "second, edited", 2)]]);
    expect((await docstore.mget(["jw2-0"]))[0]?.pageContent).toBe("second, edited");
    expect(await docstore.count()).toBe(2);
  });

  it("keeps private copies: changing a stored or returned document does not change the store", async () => {
    const docstore = await create();
    const original = review("x", "text");
    await docstore.mset([["x", original]]);
    (original.metadata.nested as { rating: number }).rating = 1;
    const [returned] = await docstore.mget(["x"]);
    (returned!.metadata.tags as string[]).push("c");
    const [again] = await docstore.mget(["x"]);
    expect(again!.metadata).toEqual({ movie: 1, tags: ["a", "b"], nested: { rating: 8 } });
  });

  it("rejects keys that are not non-empty strings", async () => {
    const docstore = await create();
    await expect(docstore.mset([["", review("x", "y")]])).rejects.toMatchObject({ code: ErrorCodes.INVALID_OPTION });
    await expect(docstore.mset([["k", { pageContent: 3 } as unknown as DocumentInterface]])).rejects.toMatchObject({
      code: ErrorCodes.INVALID_OPTION,
    });
    expect(await docstore.count()).toBe(0);
  });
});

describe("Docstore compatibility with LangChain", () => {
  it("accepts LangChain's InMemoryStore and our docstores as the same interface", () => {
    expect(isDocstore(new InMemoryStore<DocumentInterface>())).toBe(true);
    expect(isDocstore(new InMemoryDocstore())).toBe(true);
    expect(isDocstore({ mget: () => undefined })).toBe(false);
  });

  it("works as the docstore of LangChain's own ParentDocumentRetriever", async () => {
    const { ParentDocumentRetriever: LangChainParentDocumentRetriever } = await import("@langchain/classic/retrievers/parent_document");
    const { RecursiveCharacterTextSplitter } = await import("@langchain/textsplitters");
    const { MemoryStore } = await import("../stores/memory/memory-store.js");
    const { FakeEmbeddings } = await import("../../test/support/fake-embeddings.js");
    const docstore = new InMemoryDocstore();
    const retriever = new LangChainParentDocumentRetriever({
      vectorstore: new MemoryStore(new FakeEmbeddings(32)),
      docstore,
      childSplitter: new RecursiveCharacterTextSplitter({ chunkSize: 30, chunkOverlap: 0 }),
    });
    await retriever.addDocuments(
      [review("p1", "The dog scene is sad. The fights are great fun."), review("p2", "Hotel Continental rules and coins.")],
      { ids: ["p1", "p2"] },
    );
    expect(await docstore.keys()).toEqual(["p1", "p2"]);
    const [best] = await retriever.invoke("hotel coins");
    expect(best?.pageContent).toBe("Hotel Continental rules and coins.");
  });

  it("InMemoryDocstore.fromDocuments keys documents by id and requires ids", async () => {
    const docstore = InMemoryDocstore.fromDocuments([review("a", "1"), review("b", "2")]);
    expect(await docstore.keys()).toEqual(["a", "b"]);
    expect(() => InMemoryDocstore.fromDocuments([new Document({ pageContent: "no id" })])).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION }),
    );
  });
});

describe("FileDocstore persistence", () => {
  it("reopens with the same documents after every write, leaving one file and no temporary files", async () => {
    const path = join(folder, "nested", "parents.json");
    const docstore = await FileDocstore.open({ path });
    expect(await docstore.count()).toBe(0);
    await docstore.mset([
      ["b", review("b", "bee", 2)],
      ["a", new Document({ pageContent: 'no id, unicode ✓ "quoted"', metadata: { b: 1, "1": "numeric key, reordered by JSON.parse" } })],
    ]);
    let reopened = await FileDocstore.open({ path });
    expect(await reopened.mget(["a", "b"])).toEqual(await docstore.mget(["a", "b"]));
    expect((await reopened.mget(["a"]))[0]?.id).toBeUndefined();
    await docstore.mdelete(["b"]);
    reopened = await FileDocstore.open({ path });
    expect(await reopened.keys()).toEqual(["a"]);
    expect(await readdir(join(folder, "nested"))).toEqual(["parents.json"]);
    const lines = (await readFile(path, "utf8")).trimEnd().split("\n");
    // Streamed records: header, one line per document, end marker.
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      format: "advanced-retrievers/docstore",
      formatVersion: DOCSTORE_FORMAT_VERSION,
      count: 1,
    });
    expect(JSON.parse(lines[1] as string)[0]).toBe("a");
    expect(JSON.parse(lines[2] as string)).toMatchObject({ end: true, records: 1 });
  });

  it("still opens a version 1 file (one JSON object), and rewrites it in the current format on the next write", async () => {
    const path = join(folder, "parents.json");
    const entries = [["a", { id: "a", pageContent: "old text", metadata: { n: 1 } }]];
    const checksum = `sha256:${createHash("sha256").update(canonicalJson(entries), "utf8").digest("hex")}`;
    await writeFile(path, `${JSON.stringify({ format: "advanced-retrievers/docstore", formatVersion: 1, count: 1, checksum, entries })}\n`);
    const docstore = await FileDocstore.open({ path });
    expect((await docstore.mget(["a"]))[0]).toMatchObject({ id: "a", pageContent: "old text", metadata: { n: 1 } });
    await docstore.mset([["b", review("b", "new")]]);
    expect(JSON.parse((await readFile(path, "utf8")).split("\n")[0] as string)).toMatchObject({ formatVersion: DOCSTORE_FORMAT_VERSION });
    expect(await (await FileDocstore.open({ path })).keys()).toEqual(["a", "b"]);
    await writeFile(
      path,
      `${JSON.stringify({ format: "advanced-retrievers/docstore", formatVersion: 1, count: 1, checksum: "sha256:00", entries })}\n`,
    );
    await expect(FileDocstore.open({ path })).rejects.toMatchObject({ code: ErrorCodes.INDEX_CORRUPTED });
  });

  it("applies concurrent writes in call order", async () => {
    const path = join(folder, "parents.json");
    const docstore = await FileDocstore.open({ path });
    await Promise.all([
      docstore.mset([["k", review("k", "one")]]),
      docstore.mset([["k", review("k", "two")]]),
      docstore.mdelete(["k"]),
      docstore.mset([["k", review("k", "three")]]),
    ]);
    const reopened = await FileDocstore.open({ path });
    expect((await reopened.mget(["k"]))[0]?.pageContent).toBe("three");
  });

  it("refuses metadata that cannot be saved as JSON and leaves the file and the store unchanged", async () => {
    const path = join(folder, "parents.json");
    const docstore = await FileDocstore.open({ path });
    await docstore.mset([["a", review("a", "kept")]]);
    const before = await readFile(path, "utf8");
    await expect(docstore.mset([["b", new Document({ pageContent: "x", metadata: { big: 10n } })]])).rejects.toMatchObject({
      code: ErrorCodes.INVALID_OPTION,
    });
    expect(await readFile(path, "utf8")).toBe(before);
    expect(await docstore.keys()).toEqual(["a"]);
    // The queue is not stuck after a failed write.
    await docstore.mset([["c", review("c", "after")]]);
    expect(await (await FileDocstore.open({ path })).keys()).toEqual(["a", "c"]);
  });

  it.each([
    ["truncated", (text: string) => text.slice(0, Math.floor(text.length / 2))],
    ["edited document", (text: string) => text.replace("kept text", "kept texT")],
    ["wrong checksum", (text: string) => text.replace(/"checksum":"sha256:[0-9a-f]{4}/, '"checksum":"sha256:0000')],
    ["wrong count", (text: string) => text.replace('"count":2', '"count":3')],
    ["unsupported version", (text: string) => text.replace(`"formatVersion":${DOCSTORE_FORMAT_VERSION}`, '"formatVersion":99')],
    ["another kind of file", () => JSON.stringify({ hello: "world" })],
    ["bad structure", (text: string) => text.replace('"pageContent":"kept text"', '"pageContent":5')],
  ])("reports a %s file as INDEX_CORRUPTED", async (_case, damage) => {
    const path = join(folder, "parents.json");
    const docstore = await FileDocstore.open({ path });
    await docstore.mset([
      ["a", review("a", "kept text")],
      ["b", review("b", "other")],
    ]);
    const text = await readFile(path, "utf8");
    const damaged = damage(text);
    expect(damaged).not.toBe(text);
    await writeFile(path, damaged);
    await expect(FileDocstore.open({ path })).rejects.toMatchObject({ code: ErrorCodes.INDEX_CORRUPTED });
  });

  it("reports a path that is a folder as NOT_FOUND and a bad path option as INVALID_OPTION", async () => {
    await expect(FileDocstore.open({ path: folder })).rejects.toMatchObject({ code: ErrorCodes.NOT_FOUND });
    await expect(FileDocstore.open({ path: "" })).rejects.toMatchObject({ code: ErrorCodes.INVALID_OPTION, option: "FileDocstore.path" });
  });
});
