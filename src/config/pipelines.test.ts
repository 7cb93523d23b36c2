import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ErrorCodes } from "../core/errors/error-codes.js";
import { resolveDataset } from "../datasets/registry.js";
import { HybridRetriever } from "../hybrid/hybrid-retriever.js";
import { RankFusionRetriever } from "../rank-fusion/rank-fusion-retriever.js";
import { defineAttributeSchema } from "../self-query/attribute-schema.js";
import { SelfQueryRetriever } from "../self-query/self-query-retriever.js";
import { FakeEmbeddings } from "../../test/support/fake-embeddings.js";
import { buildRetriever } from "./build-retriever.js";
import { BUILT_IN_PIPELINE_NAMES, expandPipelineTechnique, RECOMMENDED_PIPELINE_CONFIG } from "./built-in-pipelines.js";
import { parsePipelines, readPipelinesFile, resolvePipelineList } from "./pipelines.js";
import { createRecommendedRetriever } from "./recommended.js";

const folder = mkdtempSync(join(tmpdir(), "pipelines-test-"));
function pipelinesFile(name: string, value: unknown): string {
  const file = join(folder, name);
  writeFileSync(file, typeof value === "string" ? value : JSON.stringify(value, null, 2));
  return file;
}

describe("pipelines file", () => {
  it("reads named pipelines, bare array or {pipelines}, and resolves names with the built-in ones", () => {
    const file = pipelinesFile("good.json", {
      pipelines: [
        {
          name: "sq-pd",
          description: "self-query over parent-document",
          config: { technique: "self-query", selfQuery: { base: "parent-document" } },
        },
        { name: "mine.recommended-k5", config: { technique: "recommended", k: 5 } },
      ],
    });
    const pipelines = readPipelinesFile(file);
    expect(pipelines.map((pipeline) => pipeline.name)).toEqual(["sq-pd", "mine.recommended-k5"]);
    expect(pipelines[0]!.config).toEqual({ technique: "self-query", selfQuery: { base: "parent-document" } });
    // A built-in pipeline name as technique is expanded to its configuration, the entry's fields on top.
    expect(pipelines[1]!.config).toEqual({ ...RECOMMENDED_PIPELINE_CONFIG, k: 5 });
    expect(parsePipelines([{ name: "a", config: { technique: "hybrid" } }], "inline").map((pipeline) => pipeline.name)).toEqual(["a"]);

    const chosen = resolvePipelineList("naive, recommended,sq-pd", pipelines);
    expect(chosen.map((pipeline) => pipeline.name)).toEqual(["naive", "recommended", "sq-pd"]);
    expect(chosen[1]!.config).toEqual(RECOMMENDED_PIPELINE_CONFIG);
    expect(resolvePipelineList(undefined, pipelines).map((pipeline) => pipeline.name)).toEqual(["sq-pd", "mine.recommended-k5"]);
    expect(resolvePipelineList(undefined).map((pipeline) => pipeline.name)).toEqual([
      "naive",
      "hybrid",
      "rerank",
      "parent-document",
      "self-query",
    ]);
    expect(BUILT_IN_PIPELINE_NAMES).toContain("recommended");
  });

  it("an invalid entry names the file, the entry and the field", () => {
    const badField = pipelinesFile("bad-field.json", {
      pipelines: [
        { name: "ok", config: { technique: "naive" } },
        { name: "broken", config: { technique: "rerank", rerank: { base: "magic" } } },
      ],
    });
    expect(() => readPipelinesFile(badField)).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, option: 'pipelines[1] ("broken").config.rerank.base' }),
    );
    expect(() => readPipelinesFile(badField)).toThrow(/bad-field\.json/);

    const unknownField = pipelinesFile("unknown-field.json", [{ name: "typo", config: { technique: "hybrid", hybird: {} } }]);
    expect(() => readPipelinesFile(unknownField)).toThrow(expect.objectContaining({ option: 'pipelines[0] ("typo").config.hybird' }));
    expect(() => readPipelinesFile(unknownField)).toThrow(/did you mean "hybrid"/);

    expect(() => parsePipelines([{ name: "has space", config: {} }], "f.json")).toThrow(
      expect.objectContaining({ option: 'pipelines[0] ("has space").name' }),
    );
    expect(() => parsePipelines([{ name: "x" }], "f.json")).toThrow(expect.objectContaining({ option: 'pipelines[0] ("x").config' }));
    expect(() => parsePipelines([{ name: "x", config: {}, extra: 1 }], "f.json")).toThrow(
      expect.objectContaining({ option: 'pipelines[0] ("x").extra' }),
    );
    expect(() => parsePipelines([{ name: "x", confg: {} }], "f.json")).toThrow(
      expect.objectContaining({ option: 'pipelines[0] ("x").confg', message: expect.stringContaining('did you mean "config"?') }),
    );
    expect(() =>
      parsePipelines(
        [
          { name: "x", config: {} },
          { name: "x", config: {} },
        ],
        "f.json",
      ),
    ).toThrow(expect.objectContaining({ option: 'pipelines[1] ("x").name' }));
    expect(() => parsePipelines([{ name: "hybrid", config: {} }], "f.json")).toThrow(/built-in pipeline/);
    expect(() => parsePipelines([{ name: "x", config: { data: "elsewhere.csv" } }], "f.json")).toThrow(
      expect.objectContaining({ option: 'pipelines[0] ("x").config.data' }),
    );
    expect(() => parsePipelines([{ name: "x", config: { hybrid: { fusion: "score", feedbackDocuments: 5 } } }], "f.json")).toThrow(
      expect.objectContaining({ option: 'pipelines[0] ("x").config.hybrid.feedbackDocuments' }),
    );
    expect(() => parsePipelines([], "f.json")).toThrow(expect.objectContaining({ code: ErrorCodes.INVALID_DATA }));
    expect(() => readPipelinesFile(pipelinesFile("not-json.json", "{ nope"))).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_DATA }),
    );
    expect(() => resolvePipelineList("naive,nonesuch")).toThrow(expect.objectContaining({ option: "--techniques", value: "nonesuch" }));
  });
});

describe("the recommended pipeline", () => {
  beforeEach(() => {
    vi.stubEnv("OPENAI_API_KEY", "");
    vi.stubEnv("OPENAI_BASE_URL", "");
    vi.stubEnv("COHERE_API_KEY", "");
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("--technique recommended builds self-query (backfilled) over rerank⊕base over feedback-hybrid(parent-document)", async () => {
    expect(expandPipelineTechnique({ technique: "recommended", k: 3 })).toEqual({ ...RECOMMENDED_PIPELINE_CONFIG, k: 3 });
    expect(expandPipelineTechnique({ technique: "hybrid" })).toEqual({ technique: "hybrid" });
    const built = await buildRetriever(
      { technique: "recommended", dataset: "products", indexDirectory: null, k: 5 },
      { embeddings: new FakeEmbeddings() },
    );
    try {
      expect(built.retriever).toBeInstanceOf(SelfQueryRetriever);
      expect((built.retriever as SelfQueryRetriever).filterMode).toBe("backfill");
      expect(built.config.technique).toBe("self-query");
      expect(built.config.rerank).toMatchObject({ base: "hybrid", fuseWithBase: true, fusionWeight: 2 });
      expect((await built.buildTechnique("rerank")).retriever).toBeInstanceOf(RankFusionRetriever);
      expect(built.stats).toMatchObject({
        rerankFusedWithBase: true,
        selfQueryBase: "rerank",
        selfQueryFilterMode: "backfill",
        hybridDense: "parent-document",
        feedbackDocuments: 5,
      });
      const hybrid = (await built.buildTechnique("hybrid")).retriever;
      expect(hybrid).toBeInstanceOf(HybridRetriever);
      expect((hybrid as HybridRetriever).feedback).toEqual({ documents: 5, terms: 10 });
      const results = await built.retriever.search("laptops under $800");
      expect(results.length).toBeGreaterThan(0);
      expect(results.length).toBeLessThanOrEqual(5);
      expect(
        results.every((result) => result.document.metadata.category === "laptop" && (result.document.metadata.price as number) < 800),
      ).toBe(true);
      // Filter-only questions list whole products (not parent-document child chunks).
      const listed = await built.retriever.search("all headphones");
      expect(listed.length).toBeGreaterThan(0);
      expect(
        listed.every((result) => result.document.metadata.category === "headphones" && typeof result.document.metadata.price === "number"),
      ).toBe(true);
    } finally {
      await built.close();
    }
  });

  it("createRecommendedRetriever from a dataset, or from documents with attributes", async () => {
    const fromDataset = await createRecommendedRetriever({ dataset: "products", embeddings: new FakeEmbeddings(), k: 3 });
    try {
      expect(fromDataset.retriever).toBeInstanceOf(SelfQueryRetriever);
      expect(fromDataset.dataset.id).toBe("products");
      const results = await fromDataset.retriever.search("Acme phones");
      expect(results.length).toBeGreaterThan(0);
      expect(results.length).toBeLessThanOrEqual(3);
      expect(results.every((result) => result.document.metadata.brand === "Acme" && result.document.metadata.category === "phone")).toBe(
        true,
      );
    } finally {
      await fromDataset.close();
    }

    const products = await resolveDataset({ dataset: "products" });
    const documents = await products.load();
    const attributes = defineAttributeSchema({
      documentContents: "Products of a catalog",
      attributes: [
        {
          name: "brand",
          type: "enum",
          description: "The maker",
          aliases: ["brand"],
          values: ["Acme", "Northwind", "Lumen", "Vireo", "Kestrel", "Orbit", "Halcyon", "Tessel"].map((brand) => ({
            value: brand,
            aliases: [brand],
          })),
        },
      ],
    });
    const fromDocuments = await createRecommendedRetriever({
      documents,
      attributes,
      embeddings: new FakeEmbeddings(),
      config: { rerank: { reranker: "local" } },
    });
    try {
      expect(fromDocuments.documents).toHaveLength(documents.length);
      const results = await fromDocuments.retriever.search("something from Lumen with a long battery life");
      // The Lumen products first; fewer than k match, so the best others follow, marked as outside the filter.
      const lumen = documents.filter((document) => document.metadata.brand === "Lumen").length;
      expect(lumen).toBeLessThan(10);
      expect(results).toHaveLength(10);
      const outside = results.map((result) => (result.details as { outsideFilter?: boolean }).outsideFilter === true);
      expect(outside).toEqual(results.map((_, index) => index >= lumen));
      expect(results.slice(0, lumen).every((result) => result.document.metadata.brand === "Lumen")).toBe(true);
      expect(results.slice(lumen).every((result) => result.document.metadata.brand !== "Lumen")).toBe(true);
    } finally {
      await fromDocuments.close();
    }

    await expect(createRecommendedRetriever({ documents })).rejects.toMatchObject({
      code: ErrorCodes.INVALID_OPTION,
      option: "createRecommendedRetriever.attributes",
    });
    await expect(createRecommendedRetriever({} as never)).rejects.toMatchObject({ option: "createRecommendedRetriever.dataset" });
    await expect(createRecommendedRetriever({ dataset: "products", datset: "x" } as never)).rejects.toMatchObject({
      option: "createRecommendedRetriever.datset",
      message: expect.stringContaining("did you mean `dataset`?"),
    });
    await expect(createRecommendedRetriever({ dataset: "products", topK: 3 } as never)).rejects.toMatchObject({
      code: ErrorCodes.INVALID_OPTION,
      option: "createRecommendedRetriever.topK",
      message: expect.stringContaining("did you mean `k`?"),
    });
    await expect(createRecommendedRetriever({ dataset: "products", zzzzzz: 1 } as never)).rejects.toMatchObject({
      message: expect.stringContaining("valid options: `dataset`, `documents`"),
    });
    await expect(createRecommendedRetriever({ dataset: "products", config: { technique: "naive" } as never })).rejects.toMatchObject({
      option: "createRecommendedRetriever.config.technique",
    });
  });
});
