import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorCodes } from "../core/errors/error-codes.js";
import { findPackageRoot } from "../loaders/package-root.js";
import { datasetPresetNames, DEFAULT_DATASET, resolveDataset } from "./registry.js";

const root = findPackageRoot() ?? "";
let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "dataset-registry-test-"));
  await writeFile(join(folder, "items.csv"), "id,text,size\na,first item,1\nb,second item,2\n");
  await mkdir(join(folder, "with-definition"));
  await writeFile(join(folder, "with-definition", "rows.jsonl"), '{"key": "r1", "body": "hello"}\n');
  await writeFile(
    join(folder, "with-definition", "dataset.json"),
    JSON.stringify({
      id: "rows",
      description: "Rows",
      source: { type: "jsonl", path: "rows.jsonl" },
      idField: "key",
      content: { fields: ["body"] },
    }),
  );
  await mkdir(join(folder, "empty"));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe("resolveDataset", () => {
  it("lists the bundled presets, the default first", () => {
    expect(datasetPresetNames()).toEqual(["john-wick", "products"]);
    expect(DEFAULT_DATASET).toBe("john-wick");
  });

  it("picks a preset by name, a dataset.json by path, and the default with nothing given", async () => {
    expect((await resolveDataset({ dataset: "products" })).location).toBe(join(root, "data", "products", "products.csv"));
    expect((await resolveDataset({ dataset: join(folder, "with-definition", "dataset.json") })).id).toBe("rows");
    expect((await resolveDataset({ dataset: join(folder, "with-definition") })).id).toBe("rows");
    const fallback = await resolveDataset({ cwd: folder });
    expect(fallback.id).toBe("john-wick");
    expect(fallback.location).toBe(join(root, "data", "sample"));
  });

  it("infers from --data alone: a CSV file, a folder holding a dataset.json, a folder of John Wick files", async () => {
    const inferred = await resolveDataset({ data: join(folder, "items.csv") });
    expect([inferred.id, inferred.origin, inferred.idField]).toEqual(["items", "inferred", "id"]);
    expect((await inferred.load()).map((document) => document.metadata)).toEqual([{ size: 1 }, { size: 2 }]);
    expect((await resolveDataset({ data: join(folder, "with-definition") })).origin).toBe("file");
    await mkdir(join(folder, "notes"));
    await writeFile(join(folder, "notes", "one.md"), "---\ntopic: trees\n---\nOaks and elms.\n");
    const notes = await resolveDataset({ data: join(folder, "notes") });
    expect([notes.id, notes.origin, notes.idField]).toEqual(["notes", "inferred", "file_name"]);
    const reviews = await resolveDataset({ data: join(root, "data", "sample") });
    expect([reviews.id, reviews.origin]).toEqual(["john-wick", "preset"]);
  });

  it("reads a preset's documents from --data when both are given", async () => {
    const other = join(folder, "other-products.csv");
    await writeFile(
      other,
      "id,title,description,category,brand,price,rating,release_date,in_stock\nx1,Thing,A thing,laptop,Acme,10.00,4.0,2024-01-01,true\n",
    );
    const dataset = await resolveDataset({ dataset: "products", data: other });
    expect((await dataset.load()).map((document) => document.id)).toEqual(["x1"]);
  });

  it("names what is wrong: an unknown name, a missing path, an unknown folder, an unsupported file, a bad option", async () => {
    await expect(resolveDataset({ dataset: "nope" })).rejects.toMatchObject({
      code: ErrorCodes.INVALID_OPTION,
      message: expect.stringContaining("john-wick, products"),
    });
    await expect(resolveDataset({ data: join(folder, "missing.csv") })).rejects.toMatchObject({ code: ErrorCodes.NOT_FOUND });
    await expect(resolveDataset({ data: join(folder, "empty") })).rejects.toMatchObject({
      code: ErrorCodes.NOT_FOUND,
      message: expect.stringContaining("retrievers init"),
    });
    await writeFile(join(folder, "notes.xml"), "<x/>");
    await expect(resolveDataset({ data: join(folder, "notes.xml") })).rejects.toMatchObject({ code: ErrorCodes.INVALID_DATA });
    await expect(resolveDataset({ dataset: "" })).rejects.toMatchObject({ code: ErrorCodes.INVALID_OPTION });
    await expect(resolveDataset({ datset: "products" } as never)).rejects.toMatchObject({ code: ErrorCodes.INVALID_OPTION });
  });
});
