/**
 * Bad input through the public entry points, for every technique the configuration can build:
 * empty, whitespace-only and very long (100 KB) questions, invalid configurations, filters on unknown
 * fields, with wrong value types, and nested far too deep. Lower-level cases (CSV files, filter parser,
 * NaN vectors, dimension mismatches, damaged index files) are tested next to their code; see
 * docs/RELIABILITY.md for the map.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DocumentInterface } from "@langchain/core/documents";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRetriever, type BuiltRetriever } from "../../src/config/build-retriever.js";
import { TECHNIQUES, type RetrieverConfigInput } from "../../src/config/retriever-config.js";
import { ErrorCodes } from "../../src/core/errors/error-codes.js";
import { InvalidOptionError } from "../../src/core/errors/invalid-option-error.js";
import { MAX_FILTER_DEPTH } from "../../src/core/filter/filter-schema.js";
import { MAX_QUERY_LENGTH } from "../../src/core/validate-query.js";
import { loadJohnWickReviews } from "../../src/datasets/john-wick/load-reviews.js";
import { MemoryStore } from "../../src/stores/memory/memory-store.js";
import { FakeEmbeddings } from "../support/fake-embeddings.js";
import { REPOSITORY_ROOT } from "../support/run-cli.js";

const SAMPLE_FOLDER = join(REPOSITORY_ROOT, "data", "sample");

/** Settings that keep every technique offline and deterministic (no index files, no LLM, local reranker). */
function offlineConfig(technique: string): RetrieverConfigInput {
  return {
    technique,
    k: 5,
    indexDirectory: null,
    llm: "none",
    rerank: { reranker: "local" },
    selfQuery: { queryConstructor: "rule-based" },
  } as RetrieverConfigInput;
}

/** Resolves to the thrown error, or fails when nothing is thrown. */
async function rejection(action: () => Promise<unknown>): Promise<{ code?: string; option?: string; path?: string; message: string }> {
  try {
    await action();
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error("expected a rejection");
}

let documents: DocumentInterface[];
beforeAll(async () => {
  documents = await loadJohnWickReviews(SAMPLE_FOLDER);
});

describe.each(TECHNIQUES)("technique %s: questions", (technique) => {
  let built: BuiltRetriever;
  beforeAll(async () => {
    built = await buildRetriever(offlineConfig(technique), { embeddings: new FakeEmbeddings(64), documents });
  });
  afterAll(async () => {
    await built.close();
  });

  const badQuestions: Array<[string, string]> = [
    ["an empty question", ""],
    ["a whitespace-only question", " \t\n\r\u00a0\u2003 "],
    ["a 100 KB question", "Which reviews praise the fights? ".repeat(Math.ceil(100_000 / 33)).slice(0, 100_000)],
    ["a question one character over the limit", "a".repeat(MAX_QUERY_LENGTH + 1)],
  ];

  it.each(badQuestions)("rejects %s with INVALID_QUERY, through search and invoke", async (_label, question) => {
    expect((await rejection(() => built.retriever.search(question))).code).toBe(ErrorCodes.INVALID_QUERY);
    expect((await rejection(() => built.retriever.invoke(question))).code).toBe(ErrorCodes.INVALID_QUERY);
  });

  it("answers a question exactly at the length limit, made of words the techniques parse", async () => {
    // Long enough to expose super-linear parsing (the rule-based constructor runs many patterns over it).
    const words = "reviews of chapter 2 rated above 7 by fans in 2019 praising the dog and the fights or not ";
    const question = words.repeat(Math.ceil(MAX_QUERY_LENGTH / words.length)).slice(0, MAX_QUERY_LENGTH);
    const results = await built.retriever.search(question);
    expect(Array.isArray(results)).toBe(true);
    expect(results.length).toBeLessThanOrEqual(5);
  });

  it("rejects a question that is not a string with INVALID_QUERY", async () => {
    for (const question of [undefined, null, 42, { text: "fights" }]) {
      expect((await rejection(() => built.retriever.search(question as unknown as string))).code).toBe(ErrorCodes.INVALID_QUERY);
    }
  });
});

describe("invalid configuration", () => {
  const build = (config: unknown) => buildRetriever(config as RetrieverConfigInput, { embeddings: new FakeEmbeddings(16), documents });

  it.each([
    ["an unknown technique", { technique: "magic" }, "config.technique", ["naive", "hybrid", "rerank"]],
    ["an unknown store", { store: "postgres" }, "config.store", ["memory"]],
    ["an unknown fusion", { technique: "hybrid", hybrid: { fusion: "max" } }, "config.hybrid.fusion", ["rrf", "score"]],
    ["an unknown reranker", { technique: "rerank", rerank: { reranker: "gpt" } }, "config.rerank.reranker", ["local", "cohere"]],
  ])("rejects %s, naming the field and the allowed values", async (_label, config, option, allowed) => {
    const error = await rejection(() => build(config));
    expect(InvalidOptionError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: ErrorCodes.INVALID_OPTION, option });
    for (const value of allowed) expect(error.message).toContain(value);
  });

  it.each([
    ["an unknown top-level field", { technique: "naive", topK: 5 }, "topK"],
    ["an unknown nested field", { technique: "hybrid", hybrid: { candiates: 10 } }, "candiates"],
  ])("rejects %s, naming it (typos are not silently ignored)", async (_label, config, name) => {
    const error = await rejection(() => build(config));
    expect(error.code).toBe(ErrorCodes.INVALID_OPTION);
    expect(error.message).toContain(name);
  });

  it.each([
    ["k as a string", { k: "5" }, "config.k"],
    ["k = 0", { k: 0 }, "config.k"],
    ["k fractional", { k: 2.5 }, "config.k"],
    ["k = Infinity", { k: Number.POSITIVE_INFINITY }, "config.k"],
    ["k = NaN", { k: Number.NaN }, "config.k"],
    ["a negative BM25 weight", { hybrid: { bm25Weight: -1 } }, "config.hybrid.bm25Weight"],
    ["a score threshold above 1", { scoreThreshold: 2 }, "config.scoreThreshold"],
    ["an empty data folder name", { data: "" }, "config.data"],
  ])("rejects %s with INVALID_OPTION naming the field", async (_label, config, option) => {
    expect(await rejection(() => build(config))).toMatchObject({ code: ErrorCodes.INVALID_OPTION, option });
  });

  it.each([
    ["not an object", "naive"],
    ["null", null],
    ["an array", ["naive"]],
  ])("rejects a configuration that is %s", async (_label, config) => {
    expect((await rejection(() => build(config))).code).toBe(ErrorCodes.INVALID_OPTION);
  });

  it("rejects an invalid configured filter as INVALID_OPTION naming config.filter", async () => {
    expect(await rejection(() => build({ filter: { Rating: { greater: 7 } } }))).toMatchObject({
      code: ErrorCodes.INVALID_OPTION,
      option: "config.filter",
    });
  });
});

describe("filters", () => {
  let built: BuiltRetriever;
  beforeAll(async () => {
    built = await buildRetriever(offlineConfig("naive"), { embeddings: new FakeEmbeddings(64), documents });
  });
  afterAll(async () => {
    await built.close();
  });

  it("a filter on a field no document has matches nothing (eq, in, ordering) and everything for ne / nin", async () => {
    // Decision: the filter language is schema-free, so an unknown field is a field every document lacks.
    const question = "fight choreography";
    expect(await built.retriever.search(question, { filter: { field: "directorr", operator: "eq", value: "Stahelski" } })).toEqual([]);
    expect(await built.retriever.search(question, { filter: { field: "directorr", operator: "in", value: ["a", "b"] } })).toEqual([]);
    expect(await built.retriever.search(question, { filter: { field: "budget", operator: "gt", value: 0 } })).toEqual([]);
    const unfiltered = await built.retriever.search(question);
    expect(await built.retriever.search(question, { filter: { field: "directorr", operator: "ne", value: "x" } })).toEqual(unfiltered);
    expect(await built.retriever.search(question, { filter: { field: "directorr", operator: "nin", value: ["x"] } })).toEqual(unfiltered);
  });

  it("fields named like Object.prototype members behave as missing fields, never as inherited values", async () => {
    const question = "fight choreography";
    for (const field of ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"]) {
      for (const operator of ["eq", "contains", "gt"] as const) {
        const value = operator === "gt" ? 0 : "function";
        expect(await built.retriever.search(question, { filter: { field, operator, value } })).toEqual([]);
      }
    }
  });

  it("a value of the wrong type for a field matches nothing instead of being coerced", async () => {
    const question = "fight choreography";
    // Ratings are numbers: "9" is not 9, and "5" < "10" as strings would be wrong anyway.
    expect(await built.retriever.search(question, { filter: { field: "Rating", operator: "eq", value: "9" } })).toEqual([]);
    expect(await built.retriever.search(question, { filter: { field: "Rating", operator: "gt", value: "1" } })).toEqual([]);
    expect(await built.retriever.search(question, { filter: { field: "movie", operator: "eq", value: true } })).toEqual([]);
    // The right type does match, so the empty results above are the types' doing.
    expect((await built.retriever.search(question, { filter: { field: "Rating", operator: "gt", value: 1 } })).length).toBeGreaterThan(0);
  });

  it.each([
    ["an object as a value", { field: "Rating", operator: "eq", value: { $gt: 1 } }],
    ["a function as a value", { field: "Rating", operator: "eq", value: () => true }],
    ["NaN", { field: "Rating", operator: "gt", value: Number.NaN }],
    ["Infinity", { field: "Rating", operator: "lt", value: Number.POSITIVE_INFINITY }],
    ["a boolean for an ordering", { field: "Rating", operator: "gt", value: true }],
    ["a list for eq", { field: "movie", operator: "eq", value: [1, 2] }],
    ["an unknown operator", { field: "movie", operator: "regex", value: ".*" }],
    ["an empty or", { or: [] }],
    ["a string", "Rating > 7"],
  ])("rejects %s in a per-call filter with INVALID_FILTER", async (_label, filter) => {
    expect((await rejection(() => built.retriever.search("fights", { filter: filter as never }))).code).toBe(ErrorCodes.INVALID_FILTER);
  });

  it.each([
    ["just over the limit", MAX_FILTER_DEPTH + 2],
    ["10,000 levels (no stack overflow)", 10_000],
  ])("rejects a filter nested %s with INVALID_FILTER, in the store, a retriever and the configuration", async (_label, depth) => {
    let deep: unknown = { field: "movie", operator: "eq", value: 1 };
    for (let level = 0; level < depth; level += 1) deep = level % 2 === 0 ? { not: deep } : { and: [deep] };
    expect((await rejection(() => built.retriever.search("fights", { filter: deep as never }))).code).toBe(ErrorCodes.INVALID_FILTER);
    const store = new MemoryStore(new FakeEmbeddings(8));
    expect((await rejection(() => store.searchByVector(new Array(8).fill(0.5), { k: 1, filter: deep as never }))).code).toBe(
      ErrorCodes.INVALID_FILTER,
    );
    expect(
      await rejection(() =>
        buildRetriever({ ...offlineConfig("naive"), filter: deep } as RetrieverConfigInput, {
          embeddings: new FakeEmbeddings(8),
          documents,
        }),
      ),
    ).toMatchObject({
      code: ErrorCodes.INVALID_OPTION,
      option: "config.filter",
    });
  });

  it("accepts a filter exactly at the depth limit", async () => {
    let deep: unknown = { field: "movie", operator: "eq", value: 1 };
    for (let level = 0; level < MAX_FILTER_DEPTH; level += 1) deep = { and: [deep] };
    const results = await built.retriever.search("fights", { filter: deep as never });
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((result) => result.document.metadata.movie === 1)).toBe(true);
  });

  it("handles a very wide filter (an `in` list of 10,000 values, an `or` of 2,000 comparisons)", async () => {
    const wideIn = { field: "Author", operator: "in" as const, value: Array.from({ length: 10_000 }, (_, index) => `author-${index}`) };
    expect(await built.retriever.search("fights", { filter: wideIn })).toEqual([]);
    const wideOr = {
      or: Array.from({ length: 2_000 }, (_, index) => ({ field: "Rating", operator: "eq" as const, value: index + 100 })).concat([
        { field: "Rating", operator: "eq", value: 10 },
      ]),
    };
    const results = await built.retriever.search("fights", { filter: wideOr });
    expect(results.every((result) => result.document.metadata.Rating === 10)).toBe(true);
  });
});

describe("saved indexes through the configuration", () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "bad-input-index-"));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  const config = (directory: string): RetrieverConfigInput => ({ ...offlineConfig("naive"), indexDirectory: directory });
  const question = "Which reviews praise the fight choreography?";

  it("a corrupted saved index is detected (checksum) and rebuilt, giving the same results as a fresh build", async () => {
    const directory = join(folder, "corrupted");
    const first = await buildRetriever(config(directory), { embeddings: new FakeEmbeddings(64), documents });
    const expected = await first.retriever.search(question);
    const [file] = await readdir(directory);
    const path = join(directory, file!);
    const bytes = await readFile(path);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x40;
    await writeFile(path, bytes);
    await expect(MemoryStore.load(path, new FakeEmbeddings(64))).rejects.toMatchObject({ code: ErrorCodes.INDEX_CORRUPTED });

    const second = await buildRetriever(config(directory), { embeddings: new FakeEmbeddings(64), documents });
    expect(second.stats.indexLoadedFromDisk).toBe(false);
    expect(await second.retriever.search(question)).toEqual(expected);
    // The rebuilt file is whole again, and the next run loads it.
    const third = await buildRetriever(config(directory), { embeddings: new FakeEmbeddings(64), documents });
    expect(third.stats.indexLoadedFromDisk).toBe(true);
    expect(await third.retriever.search(question)).toEqual(expected);
  });

  it("a truncated saved index is rebuilt the same way", async () => {
    const directory = join(folder, "truncated");
    await buildRetriever(config(directory), { embeddings: new FakeEmbeddings(64), documents });
    const [file] = await readdir(directory);
    const bytes = await readFile(join(directory, file!));
    await writeFile(join(directory, file!), bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    const rebuilt = await buildRetriever(config(directory), { embeddings: new FakeEmbeddings(64), documents });
    expect(rebuilt.stats.indexLoadedFromDisk).toBe(false);
    expect((await rebuilt.retriever.search(question)).length).toBe(5);
  });

  it("an index built with embeddings of another dimension is never searched with the wrong vectors: DIMENSION_MISMATCH", async () => {
    const directory = join(folder, "dimension");
    // Same model id, different dimension: what a changed `dimensions` setting of one model looks like.
    const withModel = (dimension: number) => Object.assign(new FakeEmbeddings(dimension), { modelId: "fake-model" });
    await buildRetriever(config(directory), { embeddings: withModel(64), documents });
    const error = await rejection(async () => {
      const built = await buildRetriever(config(directory), { embeddings: withModel(32), documents });
      return built.retriever.search(question);
    });
    expect(error.code).toBe(ErrorCodes.DIMENSION_MISMATCH);
  });
});
