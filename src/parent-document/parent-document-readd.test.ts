import { Document, type DocumentInterface } from "@langchain/core/documents";
import { InMemoryStore } from "@langchain/core/stores";
import { describe, expect, it } from "vitest";
import { FakeEmbeddings } from "../../test/support/fake-embeddings.js";
import { InMemoryDocstore } from "../docstores/in-memory-docstore.js";
import { MemoryStore } from "../stores/memory/memory-store.js";
import { ParentDocumentRetriever } from "./parent-document-retriever.js";
import fc from "fast-check";
import { contentHashId } from "../stores/shared/content-hash.js";
import { PARENT_ID_KEY, sameContent } from "./split-documents.js";

/** Parents of at least 2 children each (chunk size 40). */
const parents = (count: number): DocumentInterface[] =>
  Array.from(
    { length: count },
    (_, index) =>
      new Document({
        id: `p${index}`,
        pageContent: `parent ${index} talks about fights. it has a dog. and a long ending ${index % 7}`,
        metadata: { group: index % 5 },
      }),
  );

function setup() {
  const embeddings = new FakeEmbeddings(16);
  const store = new MemoryStore(embeddings);
  const docstore = new InMemoryDocstore();
  return { embeddings, store, docstore, retriever: new ParentDocumentRetriever({ store, docstore, childChunkSize: 40 }) };
}

async function childrenByParent(store: MemoryStore): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  for (const child of await store.listDocuments()) {
    const parentId = child.metadata[PARENT_ID_KEY] as string;
    map.set(parentId, [...(map.get(parentId) ?? []), `${child.id}:${child.pageContent}`]);
  }
  return map;
}

describe("ParentDocumentRetriever: re-adding documents", () => {
  // More parents than one `in` filter holds, so the re-add takes the one-listing-of-the-store path too.
  it.each([50, 12_000])("re-adding %i unchanged parents changes nothing and embeds nothing", async (count) => {
    const { embeddings, store, docstore, retriever } = setup();
    const documents = parents(count);
    const first = await retriever.addDocuments(documents);
    expect(first.addedParents).toHaveLength(count);
    expect(first.addedChildren).toBeGreaterThanOrEqual(count * 2);
    const before = {
      children: await childrenByParent(store),
      revision: store.revision,
      embedded: embeddings.embeddedTexts,
      parents: await docstore.mget(documents.map((document) => document.id as string)),
    };

    const again = await retriever.addDocuments(documents);
    expect(again.unchangedParents).toHaveLength(count);
    expect({
      added: again.addedParents,
      updated: again.updatedParents,
      removed: again.removedParents,
      addedChildren: again.addedChildren,
      removedChildren: again.removedChildren,
    }).toEqual({
      added: [],
      updated: [],
      removed: [],
      addedChildren: 0,
      removedChildren: 0,
    });
    expect(embeddings.embeddedTexts).toBe(before.embedded);
    expect(store.revision).toBe(before.revision);
    expect(await childrenByParent(store)).toEqual(before.children);
    expect(await docstore.mget(documents.map((document) => document.id as string))).toEqual(before.parents);
  });

  it("deletes 11,000 of 12,000 parents with all their children (more parents than one filter holds)", async () => {
    const { store, retriever } = setup();
    const documents = parents(12_000);
    await retriever.addDocuments(documents);
    const before = await childrenByParent(store);
    const doomed = documents.slice(0, 11_000).map((document) => document.id as string);
    const expectedDeleted = doomed.reduce((total, id) => total + (before.get(id)?.length as number), 0);
    const result = await retriever.deleteDocuments(doomed);
    expect(result.deletedParents).toHaveLength(11_000);
    expect(result.deletedChildren).toBe(expectedDeleted);
    const after = await childrenByParent(store);
    expect([...after.keys()].sort()).toEqual(
      documents
        .slice(11_000)
        .map((document) => document.id as string)
        .sort(),
    );
  });

  it("works the same with a docstore that cannot compare content itself (LangChain's InMemoryStore)", async () => {
    const embeddings = new FakeEmbeddings(16);
    const store = new MemoryStore(embeddings);
    const retriever = new ParentDocumentRetriever({ store, docstore: new InMemoryStore<DocumentInterface>(), childChunkSize: 40 });
    const documents = parents(40);
    await retriever.addDocuments(documents);
    const embedded = embeddings.embeddedTexts;
    const edited = documents.map((document) =>
      document.id === "p3" ? new Document({ id: "p3", pageContent: "changed", metadata: {} }) : document,
    );
    const result = await retriever.addDocuments(edited);
    expect(result.unchangedParents).toHaveLength(39);
    expect(result.updatedParents).toEqual(["p3"]);
    expect(embeddings.embeddedTexts).toBe(embedded + 1);
  });

  it("a changed parent replaces its children, the unchanged ones around it stay as they were", async () => {
    const { store, retriever } = setup();
    const documents = parents(30);
    await retriever.addDocuments(documents);
    const before = await childrenByParent(store);
    const shorter = new Document({ id: "p4", pageContent: "now short", metadata: { group: 4 } });
    const retagged = new Document({ id: "p7", pageContent: documents[7]?.pageContent as string, metadata: { group: 99 } });
    const edited = documents.map((document) => (document.id === "p4" ? shorter : document.id === "p7" ? retagged : document));

    const result = await retriever.addDocuments(edited);
    expect(result.updatedParents.sort()).toEqual(["p4", "p7"]);
    expect(result.unchangedParents).toHaveLength(28);
    expect(result.removedChildren).toBe((before.get("p4")?.length as number) - 1);
    const after = await childrenByParent(store);
    expect(after.get("p4")).toEqual(["p4#child-0:now short"]);
    expect(after.get("p7")).toEqual(before.get("p7"));
    const retaggedChildren = await store.listDocuments({ filter: { field: PARENT_ID_KEY, operator: "eq", value: "p7" } });
    expect(retaggedChildren).toHaveLength(before.get("p7")?.length as number);
    expect(retaggedChildren.map((child) => child.metadata.group)).toEqual(retaggedChildren.map(() => 99));
    for (const id of documents.map((document) => document.id as string).filter((id) => id !== "p4" && id !== "p7"))
      expect(after.get(id)).toEqual(before.get(id));
    expect((await retriever.docstore.mget(["p4"]))[0]?.pageContent).toBe("now short");
  });
});

describe("sameContent", () => {
  it("is true exactly when the content hashes are equal (property, fixed seed)", () => {
    const value = fc.oneof(
      fc.constantFrom("a", "b", 1, 2, 0, -0, true, false, null),
      fc.array(fc.constantFrom(1, "x"), { maxLength: 2 }),
      fc.constant({ nested: 1 }),
    );
    const metadata = fc.dictionary(fc.constantFrom("k", "m", "n", "__proto__"), value, { maxKeys: 3 });
    fc.assert(
      fc.property(
        fc.constantFrom("text", "other"),
        metadata,
        fc.constantFrom("text", "other"),
        metadata,
        (leftText, leftMetadata, rightText, rightMetadata) => {
          const left = new Document({ pageContent: leftText, metadata: leftMetadata });
          const right = new Document({ pageContent: rightText, metadata: rightMetadata });
          expect(sameContent(left, right)).toBe(contentHashId(left) === contentHashId(right));
        },
      ),
      { seed: 20_261_201, numRuns: 2_000 },
    );
  });
});
