import { Document } from "@langchain/core/documents";
import { beforeAll, describe, expect, it } from "vitest";
import { compileFilter, ErrorCodes, type FilterExpression, type SearchResult } from "../../src/core/index.js";
import { NaiveRetriever } from "../../src/naive/naive-retriever.js";
import { defineAttributeSchema, SelfQueryRetriever, type ConstructedQuery, type QueryConstructor } from "../../src/self-query/index.js";
import { MemoryStore } from "../../src/stores/memory/memory-store.js";
import { buildRetriever } from "../../src/config/build-retriever.js";
import { contextFormatter, OUTSIDE_FILTER_NOTE } from "../../src/answer/rag-prompt.js";
import { OUTSIDE_FILTER_KEY } from "../../src/core/search-retriever.js";
import { FakeEmbeddings } from "../support/fake-embeddings.js";

/** A small invented catalogue: one Lumen tablet, keyboards of other brands, two tenants. */
const catalogue = [
  ["t1", "tablet", "Lumen", "acme", "Lumen tablet with a bright screen and a keyboard cover port"],
  ["t2", "tablet", "Vireo", "acme", "Vireo tablet for reading and video"],
  ["k1", "keyboard", "Orbit", "acme", "Orbit keyboard that pairs with a Lumen tablet or a phone over Bluetooth"],
  ["k2", "keyboard", "Kestrel", "acme", "Kestrel keyboard that pairs with any tablet over Bluetooth"],
  ["k3", "keyboard", "Kestrel", "globex", "Kestrel keyboard that pairs with a tablet, quiet keys"],
  ["k4", "keyboard", "Orbit", "acme", "Orbit mechanical keyboard for gaming"],
  ["p1", "phone", "Lumen", "acme", "Lumen phone with a long battery"],
] as const;
const documents = catalogue.map(
  ([id, category, brand, tenant, text]) => new Document({ id, pageContent: text, metadata: { category, brand, tenant } }),
);
const attributes = defineAttributeSchema({
  documentContents: "product listings",
  attributes: [
    { name: "category", type: "string", description: "the kind of product" },
    { name: "brand", type: "string", description: "the maker" },
    { name: "tenant", type: "string", description: "the shop" },
  ],
});
const lumenFilter: FilterExpression = {
  and: [
    { field: "category", operator: "in", value: ["tablet", "keyboard"] },
    { field: "brand", operator: "eq", value: "Lumen" },
  ],
};

/** A constructor that reads a fixed filter into every question (as a rule might misread "a Lumen tablet"). */
function fixedConstructor(filter: FilterExpression, query?: string): QueryConstructor {
  return {
    async construct(question: string): Promise<ConstructedQuery> {
      return { query: query ?? question, filter, warnings: [] };
    },
  };
}

const ids = (results: SearchResult[]) => results.map((result) => result.document.id);
const outside = (result: SearchResult) => (result.details as { outsideFilter?: boolean } | undefined)?.outsideFilter === true;
const question = "a keyboard that pairs with a Lumen tablet";

let store: MemoryStore;
let naive: NaiveRetriever;
beforeAll(async () => {
  store = new MemoryStore(new FakeEmbeddings());
  await store.addDocuments(documents);
  naive = new NaiveRetriever({ store });
});

function selfQuery(options: Partial<ConstructorParameters<typeof SelfQueryRetriever>[0]> = {}) {
  return new SelfQueryRetriever({ retriever: naive, store, attributes, queryConstructor: fixedConstructor(lumenFilter), k: 4, ...options });
}

describe("SelfQueryRetriever filterMode", () => {
  it('is "strict" by default: only the documents matching the constructed filter', async () => {
    const retriever = selfQuery();
    expect(retriever.filterMode).toBe("strict");
    const results = await retriever.search(question);
    expect(ids(results)).toEqual(["t1"]);
    expect(results.some(outside)).toBe(false);
  });

  it('"backfill": the matching documents first, then the inner retriever\'s best others, marked, up to k', async () => {
    const results = await selfQuery({ filterMode: "backfill" }).search(question);
    expect(results).toHaveLength(4);
    expect(ids(results)[0]).toBe("t1");
    expect(outside(results[0]!)).toBe(false);
    expect(results.slice(1).every(outside)).toBe(true);
    expect(new Set(ids(results)).size).toBe(4);
    const matches = compileFilter(lumenFilter);
    expect(results.slice(1).every((result) => !matches(result.document.metadata))).toBe(true);
    // The others in the inner retriever's own order for the same text, without the matching one.
    const unfiltered = ids(await naive.search(question, { k: 4 })).filter((id) => id !== "t1");
    expect(ids(results).slice(1)).toEqual(unfiltered.slice(0, 3));
    // Every result still carries what the question became.
    expect(
      results.every((result) => (result.details as { constructedQuery?: ConstructedQuery }).constructedQuery?.filter !== undefined),
    ).toBe(true);
  });

  it("marks the backfilled documents of invoke() with outside_filter, which the RAG context states", async () => {
    const documentsOut = await selfQuery({ filterMode: "backfill" }).invoke(question);
    expect(documentsOut).toHaveLength(4);
    expect(documentsOut[0]!.metadata[OUTSIDE_FILTER_KEY]).toBeUndefined();
    expect(documentsOut.slice(1).map((document) => document.metadata[OUTSIDE_FILTER_KEY])).toEqual([true, true, true]);
    const context = contextFormatter()(documentsOut).split("\n\n");
    expect(context).toHaveLength(4);
    expect(context[0]).toMatch(/^\[t1\]:\n/);
    expect(context.slice(1).every((block) => block.split("\n")[0]!.endsWith(`${OUTSIDE_FILTER_NOTE}:`))).toBe(true);
  });

  it("keeps the base filter and the per-call filter on the backfilled documents", async () => {
    const scoped = selfQuery({ filterMode: "backfill", k: 10, baseFilter: { field: "tenant", operator: "eq", value: "acme" } });
    const results = await scoped.search(question);
    expect(results.length).toBe(documents.filter((document) => document.metadata.tenant === "acme").length);
    expect(results.every((result) => result.document.metadata.tenant === "acme")).toBe(true);
    const perCall = await selfQuery({ filterMode: "backfill", k: 10 }).search(question, {
      filter: { field: "category", operator: "ne", value: "phone" },
    });
    expect(perCall.length).toBe(6);
    expect(perCall.every((result) => result.document.metadata.category !== "phone")).toBe(true);
  });

  it("changes nothing when at least k documents match, or for a filter-only question", async () => {
    const keyboards: FilterExpression = { field: "category", operator: "eq", value: "keyboard" };
    const strict = await selfQuery({ queryConstructor: fixedConstructor(keyboards), k: 3 }).search(question);
    const backfilled = await selfQuery({ queryConstructor: fixedConstructor(keyboards), k: 3, filterMode: "backfill" }).search(question);
    expect(strict).toHaveLength(3);
    expect(ids(backfilled)).toEqual(ids(strict));
    const filterOnly = await selfQuery({ queryConstructor: fixedConstructor(lumenFilter, ""), filterMode: "backfill" }).search("all Lumen");
    expect(ids(filterOnly)).toEqual(["t1"]);
    expect(filterOnly[0]!.stage).toBe("filter-only");
  });

  it("ranks the backfilled documents with backfillRetriever when given", async () => {
    const calls: Array<{ query: string; filter: FilterExpression | null | undefined }> = [];
    const backfillRetriever = {
      async search(query: string, options: { k?: number; filter?: FilterExpression | null } = {}) {
        calls.push({ query, filter: options.filter });
        // The documents in reverse id order: a ranking the inner retriever would not give.
        const matches = options.filter == null ? () => true : compileFilter(options.filter);
        return [...documents]
          .filter((document) => matches(document.metadata))
          .sort((a, b) => (a.id! < b.id! ? 1 : -1))
          .slice(0, options.k ?? 4)
          .map((document, index) => ({ document, score: 1 / (index + 1), stage: "dense" as const }));
      },
    };
    const results = await selfQuery({ filterMode: "backfill", backfillRetriever }).search(question);
    expect(calls).toEqual([{ query: question, filter: null }]);
    expect(ids(results)).toEqual(["t1", "t2", "p1", "k4"]);
    expect(results.slice(1).every(outside)).toBe(true);
  });

  it("rejects an unknown mode, naming the option", () => {
    expect(() => selfQuery({ filterMode: "soft" as never })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, message: expect.stringContaining("filterMode") }),
    );
  });
});

describe("selfQuery.filterMode and selfQuery.backfillBase in the configuration", () => {
  it("builds self-query over rerank whose backfill is ranked by the first stage", async () => {
    const built = await buildRetriever(
      {
        technique: "self-query",
        dataset: "products",
        indexDirectory: null,
        selfQuery: { queryConstructor: "rule-based", base: "rerank", filterMode: "backfill", backfillBase: "hybrid" },
        rerank: { base: "hybrid", reranker: "local" },
      },
      { embeddings: new FakeEmbeddings() },
    );
    try {
      const retriever = built.retriever as SelfQueryRetriever;
      expect(retriever).toBeInstanceOf(SelfQueryRetriever);
      expect(retriever.filterMode).toBe("backfill");
      expect(retriever.backfillRetriever).toBe((await built.buildTechnique("hybrid")).retriever);
      expect(retriever.retriever).toBe((await built.buildTechnique("rerank")).retriever);
      expect(built.stats).toMatchObject({ selfQueryBase: "rerank", selfQueryFilterMode: "backfill", selfQueryBackfillBase: "hybrid" });
    } finally {
      await built.close();
    }
  });

  it("refuses a self-query base and a rerank base that would build each other", async () => {
    for (const selfQuery of [{ base: "rerank" }, { backfillBase: "rerank", filterMode: "backfill" }] as const) {
      await expect(
        buildRetriever({ technique: "self-query", dataset: "products", indexDirectory: null, selfQuery, rerank: { base: "self-query" } }),
      ).rejects.toMatchObject({
        code: ErrorCodes.INVALID_OPTION,
        option: `config.selfQuery.${"base" in selfQuery ? "base" : "backfillBase"}`,
      });
    }
    await expect(
      buildRetriever({ technique: "self-query", dataset: "products", indexDirectory: null, selfQuery: { filterMode: "soft" as never } }),
    ).rejects.toMatchObject({ code: ErrorCodes.INVALID_OPTION, option: "config.selfQuery.filterMode" });
  });
});
