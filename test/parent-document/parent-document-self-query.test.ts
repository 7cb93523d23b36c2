import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { DocumentInterface } from "@langchain/core/documents";
import { describe, expect, it } from "vitest";
import { compileFilter } from "../../src/core/filter/compile-filter.js";
import { loadJohnWickReviews } from "../../src/datasets/john-wick/load-reviews.js";
import { ParentDocumentRetriever } from "../../src/parent-document/parent-document-retriever.js";
import { SelfQueryRetriever } from "../../src/self-query/self-query-retriever.js";
import { MemoryStore } from "../../src/stores/memory/memory-store.js";
import { FakeEmbeddings } from "../support/fake-embeddings.js";
import { johnWickAttributes } from "../../src/datasets/john-wick/attributes.js";

const sampleFolder = resolve(fileURLToPath(new URL("../../data/sample/", import.meta.url)));

describe("self-query over parent-document", () => {
  it("searches children under the constructed filter and returns distinct whole reviews that satisfy it", async () => {
    const documents: DocumentInterface[] = await loadJohnWickReviews(sampleFolder);
    const store = new MemoryStore(new FakeEmbeddings(64));
    const parentDocument = new ParentDocumentRetriever({ store, k: 4 });
    await parentDocument.addDocuments(documents);
    // Children carry their review's metadata, so the child store gives self-query its vocabulary.
    const selfQuery = new SelfQueryRetriever({ retriever: parentDocument, store, k: 3, attributes: johnWickAttributes() });
    const results = await selfQuery.search("reviews of John Wick 3 rated above 7 that praise the action");
    const filter = (results[0]?.details?.constructedQuery as { filter: Parameters<typeof compileFilter>[0] }).filter;
    expect(filter).not.toBeNull();
    const matches = compileFilter(filter);
    const expected = Math.min(3, documents.filter((document) => matches(document.metadata)).length);
    expect(expected).toBeGreaterThan(0);
    expect(results).toHaveLength(expected);
    expect(new Set(results.map((result) => result.document.id)).size).toBe(expected);
    for (const result of results) {
      expect(result.stage).toBe("parent");
      expect(matches(result.document.metadata)).toBe(true);
      expect(documents.some((document) => document.id === result.document.id && document.pageContent === result.document.pageContent)).toBe(
        true,
      );
    }
  });
});
