import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Document } from "@langchain/core/documents";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import { buildRetriever } from "../../src/config/build-retriever.js";
import { mergeConfigInputs, readRetrieverConfigFile } from "../../src/config/config-file.js";
import { retrieverConfigSchema, TECHNIQUES } from "../../src/config/retriever-config.js";
import { ErrorCodes } from "../../src/core/errors/error-codes.js";
import { createReranker } from "../../src/rerankers/create-reranker.js";
import { LlmReranker } from "../../src/rerankers/llm-reranker.js";
import { FakeEmbeddings } from "../support/fake-embeddings.js";

let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "retrievers-config-file-"));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function configFile(name: string, text: string): Promise<string> {
  const file = join(folder, name);
  await writeFile(file, text);
  return file;
}

function thrown(action: () => unknown): Record<string, unknown> & { message: string } {
  try {
    action();
  } catch (error) {
    return error as Record<string, unknown> & { message: string };
  }
  throw new Error("expected an error");
}

describe("readRetrieverConfigFile", () => {
  it("reads a valid file as written, relative paths resolved against its folder", async () => {
    const file = await configFile(
      "valid.json",
      JSON.stringify({
        technique: "rerank",
        k: 5,
        data: "reviews",
        indexDirectory: null,
        rerank: { base: "hybrid", reranker: "llm" },
        llm: "none",
      }),
    );
    const config = readRetrieverConfigFile(file);
    expect(config).toEqual({
      technique: "rerank",
      k: 5,
      data: join(folder, "reviews"),
      indexDirectory: null,
      rerank: { base: "hybrid", reranker: "llm" },
      llm: "none",
    });
    expect(retrieverConfigSchema.parse(config)).toMatchObject({ llm: "none", rerank: { reranker: "llm", candidates: 30 }, filter: null });
  });

  it("resolves a dataset file against the config's folder and keeps a preset name as written", async () => {
    expect(
      readRetrieverConfigFile(await configFile("with-dataset-file.json", JSON.stringify({ dataset: "shop/dataset.json" }))).dataset,
    ).toBe(join(folder, "shop", "dataset.json"));
    expect(readRetrieverConfigFile(await configFile("with-preset.json", JSON.stringify({ dataset: "products" }))).dataset).toBe("products");
  });

  it("builds over the dataset it names, with that dataset's attributes and documents", async () => {
    const built = await buildRetriever(
      { dataset: "products", technique: "self-query", indexDirectory: null, llm: "none" },
      { embeddings: new FakeEmbeddings(16) },
    );
    try {
      expect(built.dataset.id).toBe("products");
      expect(built.documents).toHaveLength(80);
      expect(built.dataset.attributes.attributes.map((attribute) => attribute.name)).toEqual([
        "category",
        "brand",
        "price",
        "rating",
        "release_date",
        "in_stock",
      ]);
    } finally {
      await built.close();
    }
  });

  it("invalid JSON is a DataError with the file and the line", async () => {
    const file = await configFile("broken.json", '{\n  "technique": "hybrid",\n  "k": 5\n  "store": "memory"\n}');
    const error = thrown(() => readRetrieverConfigFile(file));
    expect(error).toMatchObject({ code: ErrorCodes.INVALID_DATA, file, line: 4 });
    const missing = thrown(() => readRetrieverConfigFile(join(folder, "missing.json")));
    expect(missing).toMatchObject({ code: ErrorCodes.NOT_FOUND });
    const notObject = await configFile("array.json", "[1, 2]");
    expect(thrown(() => readRetrieverConfigFile(notObject))).toMatchObject({ code: ErrorCodes.INVALID_DATA, file: notObject });
  });

  it("an unknown field names the field, the file, the allowed fields and the likely one", async () => {
    const file = await configFile("unknown.json", JSON.stringify({ technique: "naive", reranker: "cohere" }, null, 2));
    const error = thrown(() => readRetrieverConfigFile(file));
    expect(error).toMatchObject({ code: ErrorCodes.INVALID_OPTION, option: "reranker", value: "cohere" });
    expect(error.message).toContain(`${file}:3`);
    expect(error.message).toContain('"rerank"');
    for (const field of Object.keys(retrieverConfigSchema.shape)) expect(error.message).toContain(field);

    const nested = await configFile("nested.json", JSON.stringify({ rerank: { base: "naive", topN: 3 } }, null, 2));
    const nestedError = thrown(() => readRetrieverConfigFile(nested));
    expect(nestedError).toMatchObject({ code: ErrorCodes.INVALID_OPTION, option: "rerank.topN", value: 3 });
    for (const field of ["base", "candidates", "reranker", "minScore"]) expect(nestedError.message).toContain(field);
  });

  it("a value outside an enum names the field and every allowed value", async () => {
    const file = await configFile("enum.json", JSON.stringify({ k: 3, technique: "magic" }, null, 2));
    const error = thrown(() => readRetrieverConfigFile(file));
    expect(error).toMatchObject({ code: ErrorCodes.INVALID_OPTION, option: "technique", value: "magic" });
    expect(error.message).toContain(`${file}:3`);
    for (const technique of TECHNIQUES) expect(error.message).toContain(`"${technique}"`);

    const llm = await configFile("llm.json", JSON.stringify({ llm: "anthropic" }));
    const llmError = thrown(() => readRetrieverConfigFile(llm));
    expect(llmError).toMatchObject({ option: "llm", value: "anthropic" });
    for (const value of ["openai", "none", "auto"]) expect(llmError.message).toContain(`"${value}"`);

    const wrongType = await configFile("type.json", JSON.stringify({ k: "5" }));
    expect(thrown(() => readRetrieverConfigFile(wrongType))).toMatchObject({ code: ErrorCodes.INVALID_OPTION, option: "k", value: "5" });
  });
});

describe("mergeConfigInputs", () => {
  it("later inputs win field by field, sections merge, filters are replaced whole", () => {
    const merged = mergeConfigInputs(
      { technique: "rerank", k: 5, rerank: { base: "hybrid", candidates: 40 }, filter: { movie: [3], Rating: { gt: 7 } } },
      { k: 3, rerank: { reranker: "local" }, filter: { movie: [1] }, data: undefined },
    );
    expect(merged).toEqual({
      technique: "rerank",
      k: 3,
      rerank: { base: "hybrid", candidates: 40, reranker: "local" },
      filter: { movie: [1] },
    });
  });
});

describe("rerank.reranker llm", () => {
  it("needs a chat model: the error names the field", async () => {
    const documents = [new Document({ id: "a", pageContent: "a fight scene", metadata: {} })];
    await expect(
      buildRetriever(
        { technique: "rerank", llm: "none", indexDirectory: null, rerank: { reranker: "llm" } },
        { embeddings: new FakeEmbeddings(8), documents },
      ),
    ).rejects.toMatchObject({ code: ErrorCodes.INVALID_OPTION, option: "config.rerank.reranker" });
    expect(() => createReranker({ provider: "llm" })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, option: "createReranker.llm" }),
    );
    expect(createReranker({ provider: "llm", llm: { model: new FakeListChatModel({ responses: ["{}"] }) } })).toBeInstanceOf(LlmReranker);
  });
});
