/**
 * Every recursive walk over user input is bounded, error messages stay readable (issue #14 items 3, 7
 * and the minor cases of 16): deeply nested filter values, hand-built canonical trees, LangChain
 * directives, configurations and query-file lines; invisible-only questions; `--filter null`;
 * `--k 0x10`; a 1 MB question in a benchmark.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Operation, Comparison as LangChainComparison, type FilterDirective } from "@langchain/core/structured_query";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configFromFlags } from "../../src/cli/commands/shared-options.js";
import { mergeConfigInputs, readRetrieverConfigFile, validateConfigInput } from "../../src/config/config-file.js";
import type { RetrieverConfigInput } from "../../src/config/retriever-config.js";
import { ErrorCodes } from "../../src/core/errors/error-codes.js";
import { describeValue } from "../../src/core/errors/invalid-option-error.js";
import { andFilters, describeFilter, filterFields } from "../../src/core/filter/combine-filters.js";
import { compileFilter } from "../../src/core/filter/compile-filter.js";
import { MAX_FILTER_DEPTH, type FilterExpression } from "../../src/core/filter/filter-schema.js";
import { parseFilter } from "../../src/core/filter/parse-filter.js";
import { MAX_JSON_DEPTH } from "../../src/core/io/json-depth.js";
import { validateQuery } from "../../src/core/validate-query.js";
import { readQueryFile } from "../../src/evaluation/query-file.js";
import { runBenchmark } from "../../src/evaluation/run-benchmark.js";
import { toChromaWhere } from "../../src/translators/chroma.js";
import { fromLangChainFilter, toLangChainFilter } from "../../src/translators/langchain.js";
import { normalizeFilter } from "../../src/translators/normalize-filter.js";
import { tinyDocuments, tinyQueries } from "../evaluation/bench-fixtures.js";
import { FakeEmbeddings } from "../support/fake-embeddings.js";

const DEEP = 10_000;

function nestedArray(depth: number): unknown {
  let value: unknown = 3;
  for (let level = 0; level < depth; level += 1) value = [value];
  return value;
}
function nestedObject(depth: number): unknown {
  let value: unknown = 3;
  for (let level = 0; level < depth; level += 1) value = { a: value };
  return value;
}
function nestedNot(depth: number): FilterExpression {
  let node: FilterExpression = { field: "Rating", operator: "gt", value: 7 };
  for (let level = 0; level < depth; level += 1) node = { not: node };
  return node;
}

function thrown(action: () => unknown): { code?: string; message: string; name: string; path?: string; line?: number } {
  try {
    action();
  } catch (error) {
    return error as { code?: string; message: string; name: string };
  }
  throw new Error("expected an error");
}

/** No stack overflow, a code, one prefix, no `[object Object]`. */
function expectReadable(error: { code?: string; message: string; name: string }, code: string): void {
  expect(error.name).not.toBe("RangeError");
  expect(error.code).toBe(code);
  expect(error.message.startsWith("advanced-retrievers: ")).toBe(true);
  expect(error.message.split("advanced-retrievers:").length).toBe(2);
  expect(error.message).not.toContain("[object Object]");
}

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "bounded-walks-"));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe("deeply nested filter values (10,000 levels)", () => {
  it.each([
    ["an array value", { movie: nestedArray(DEEP) }, "movie[0]"],
    ["an in list", { movie: { in: nestedArray(DEEP) } }, "movie.in[0]"],
    ["an object value", { movie: { eq: nestedObject(DEEP) } }, "movie.eq"],
  ])("parseFilter rejects %s with INVALID_FILTER naming the path, never a RangeError", (_name, filter, path) => {
    const error = thrown(() => parseFilter(filter));
    expectReadable(error, ErrorCodes.INVALID_FILTER);
    expect(error.path).toBe(path);
  });

  it("through the configuration: INVALID_OPTION with one prefix and a readable value", () => {
    const error = thrown(() => validateConfigInput({ filter: { movie: nestedArray(DEEP) } }, "config.json"));
    expectReadable(error, ErrorCodes.INVALID_OPTION);
    expect(error.message).toContain("movie[0]");
  });

  it("an unknown operator through the configuration has a single prefix (no doubled advanced-retrievers:)", () => {
    expectReadable(
      thrown(() => validateConfigInput({ filter: { Rating: { gt: 7, foo: 1 } } }, "config.json")),
      ErrorCodes.INVALID_OPTION,
    );
  });
});

describe("hand-built canonical trees and LangChain directives nested 10,000 deep", () => {
  const deep = nestedNot(DEEP);
  it.each([
    ["compileFilter", () => compileFilter(deep)],
    ["filterFields", () => filterFields(deep)],
    ["describeFilter", () => describeFilter(deep)],
    ["toChromaWhere", () => toChromaWhere(deep)],
    ["toLangChainFilter", () => toLangChainFilter(deep)],
    ["normalizeFilter", () => normalizeFilter(deep)],
  ])("%s throws INVALID_FILTER instead of overflowing the stack", (_name, action) => {
    expectReadable(thrown(action), ErrorCodes.INVALID_FILTER);
  });

  it("fromLangChainFilter rejects a 10,000-deep Operation tree with INVALID_FILTER", () => {
    let directive: FilterDirective = new LangChainComparison("eq", "movie", 3);
    for (let level = 0; level < DEEP; level += 1) directive = new Operation("not", [directive]);
    expectReadable(
      thrown(() => fromLangChainFilter(directive)),
      ErrorCodes.INVALID_FILTER,
    );
  });

  it("a parsed filter at the depth limit AND-ed with a base filter still compiles", () => {
    let shorthand: unknown = { Rating: { gt: 7 } };
    for (let level = 0; level < MAX_FILTER_DEPTH; level += 1) shorthand = { $not: shorthand };
    const parsed = parseFilter(shorthand);
    const combined = andFilters({ field: "movie", operator: "eq", value: 1 }, parsed)!;
    expect(compileFilter(combined)({ movie: 1, Rating: MAX_FILTER_DEPTH % 2 === 0 ? 8 : 5 })).toBe(true);
  });
});

describe("deep JSON in configurations and query files", () => {
  it("a configuration file nesting values 10,000 deep is INVALID_DATA naming the file", async () => {
    const path = join(folder, "deep.json");
    await writeFile(path, `{"k": 5, "hybrid": ${'{"a":'.repeat(DEEP)}3${"}".repeat(DEEP)}}`);
    const error = thrown(() => readRetrieverConfigFile(path));
    expectReadable(error, ErrorCodes.INVALID_DATA);
    expect(error.message).toContain(path);
  });

  it("mergeConfigInputs refuses an input nested deeper than MAX_JSON_DEPTH instead of recursing", () => {
    expectReadable(
      thrown(() => mergeConfigInputs({ hybrid: nestedObject(DEEP) } as RetrieverConfigInput)),
      ErrorCodes.INVALID_OPTION,
    );
    expect(mergeConfigInputs({ hybrid: nestedObject(MAX_JSON_DEPTH - 2) } as RetrieverConfigInput)).toHaveProperty("hybrid");
  });

  it("a query file line nesting 10,000 deep is a DataError naming the file and the line", async () => {
    const path = join(folder, "deep.jsonl");
    const good = JSON.stringify(tinyQueries()[0]);
    const deepLine = JSON.stringify({ ...tinyQueries()[1], note: "" }).replace(
      '"note":""',
      `"note":${"[".repeat(DEEP)}3${"]".repeat(DEEP)}`,
    );
    await writeFile(path, `${good}\n${deepLine}\n`);
    const error = await readQueryFile(path).then(
      () => thrown(() => undefined),
      (caught: unknown) => caught as ReturnType<typeof thrown>,
    );
    expectReadable(error, ErrorCodes.INVALID_DATA);
    expect(error.line).toBe(2);
  });

  it("describeValue never throws and never prints [object Object]", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    for (const value of [nestedArray(DEEP), nestedObject(DEEP), cyclic, { toString: 1 }, Object.create(null), Number.NaN]) {
      const text = describeValue(value);
      expect(text.length).toBeLessThanOrEqual(80);
      expect(text).not.toContain("[object Object]");
    }
    expect(describeValue(Number.NaN)).toBe("NaN");
    expect(describeValue({ Rating: { gt: 7 } })).toBe('{"Rating":{"gt":7}}');
  });
});

describe("questions and flags (minor cases)", () => {
  it.each([
    ["zero-width spaces", "\u200B\u200B\u200B"],
    ["a zero-width joiner and a BOM", "\u200D\uFEFF"],
    ["a word joiner, soft hyphens and NBSP", "\u2060\u00AD\u00A0"],
    ["control characters", "\u0007\u001B"],
  ])("a question of only %s is rejected as empty (INVALID_QUERY)", (_name, question) => {
    expect(thrown(() => validateQuery(question)).code).toBe(ErrorCodes.INVALID_QUERY);
  });

  it("a question with a zero-width space next to words is accepted", () => {
    expect(validateQuery("fight\u200Bscenes")).toBe("fight\u200Bscenes");
  });

  it("--filter null is an INVALID_FILTER error, not 'no filter'", () => {
    expect(thrown(() => configFromFlags({ filter: "null" })).code).toBe(ErrorCodes.INVALID_FILTER);
  });

  it.each(["0x10", "1e1", " 5", "5 ", "", "0b101", "+5"])("--k %j is rejected (decimal whole numbers only)", (text) => {
    expect(thrown(() => configFromFlags({ k: text })).name).toBe("UsageError");
  });

  it("--k 16 is read as 16; --score-threshold accepts 0.25, .5 and -0.1", () => {
    expect(configFromFlags({ k: "16" }).k).toBe(16);
    expect(configFromFlags({ "score-threshold": "0.25" }).scoreThreshold).toBe(0.25);
    expect(configFromFlags({ "score-threshold": ".5" }).scoreThreshold).toBe(0.5);
    expect(configFromFlags({ "score-threshold": "-0.1" }).scoreThreshold).toBe(-0.1);
    expect(thrown(() => configFromFlags({ "score-threshold": "0x1" })).name).toBe("UsageError");
  });
});

describe("bench validates every question before any warm-up or embedding", () => {
  it.each([
    ["a 1 MB question", "x ".repeat(500_000)],
    ["an invisible-only question", "\u200B\u200B"],
  ])("%s is INVALID_QUERY naming the query id, with nothing embedded", async (_name, question) => {
    const embeddings = new FakeEmbeddings(32);
    const queries = [...tinyQueries(), { ...tinyQueries()[0]!, id: "huge-one", query: question }];
    const started = performance.now();
    const error = await runBenchmark({
      queries,
      techniques: ["naive"],
      config: { indexDirectory: null },
      dependencies: { embeddings, documents: tinyDocuments() },
      permutations: 10,
      warmUp: true,
    }).then(
      () => thrown(() => undefined),
      (caught: unknown) => caught as ReturnType<typeof thrown>,
    );
    expectReadable(error, ErrorCodes.INVALID_QUERY);
    expect(error.message).toContain('"huge-one"');
    expect(embeddings.queryCalls + embeddings.documentCalls).toBe(0);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("a query file with a 1 MB question is a DataError naming the line and the id", async () => {
    const path = join(folder, "long.jsonl");
    await writeFile(
      path,
      `${JSON.stringify(tinyQueries()[0])}\n${JSON.stringify({ ...tinyQueries()[1], id: "long-one", query: "y".repeat(1_000_000) })}\n`,
    );
    const error = await readQueryFile(path).then(
      () => thrown(() => undefined),
      (caught: unknown) => caught as ReturnType<typeof thrown>,
    );
    expectReadable(error, ErrorCodes.INVALID_DATA);
    expect(error.line).toBe(2);
    expect(error.message).toContain('"long-one"');
  });
});
