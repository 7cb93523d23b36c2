import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Document } from "@langchain/core/documents";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeEmbeddings } from "../../test/support/fake-embeddings.js";
import type { Dataset } from "../datasets/dataset.js";
import { resolveDataset } from "../datasets/registry.js";
import { buildRetriever } from "./build-retriever.js";
import { fingerprintIndex } from "./dense-index.js";

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "dense-index-test-"));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const documents = [
  new Document({ id: "a", pageContent: "alpha", metadata: {} }),
  new Document({ id: "b", pageContent: "beta", metadata: {} }),
];

describe("indexes are keyed by the dataset", () => {
  it("the fingerprint changes with the dataset's, and only then", () => {
    expect(fingerprintIndex(documents, "model", "d1")).toBe(fingerprintIndex(documents, "model", "d1"));
    expect(fingerprintIndex(documents, "model", "d1")).not.toBe(fingerprintIndex(documents, "model", "d2"));
    expect(fingerprintIndex(documents, "model")).not.toBe(fingerprintIndex(documents, "model", "d1"));
  });

  it("two datasets with the same documents get two index files; the same dataset reuses its own", async () => {
    const base = await resolveDataset({ dataset: "products" });
    const other: Dataset = { ...base, id: "other", fingerprint: "0123456789ab" };
    const directory = join(folder, "index");
    const build = async (dataset: Dataset) => {
      const built = await buildRetriever(
        { technique: "naive", indexDirectory: directory },
        { embeddings: new FakeEmbeddings(8), documents, dataset },
      );
      await built.close();
      return built.stats;
    };
    const first = await build(base);
    const second = await build(other);
    const again = await build(base);
    expect(first.index).not.toBe(second.index);
    expect([first.indexLoadedFromDisk, second.indexLoadedFromDisk, again.indexLoadedFromDisk]).toEqual([false, false, true]);
    expect(again.index).toBe(first.index);
    expect((await readdir(directory)).sort()).toHaveLength(2);
  });
});
