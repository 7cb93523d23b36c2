import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DataError } from "../../core/errors/data-error.js";
import { ErrorCodes } from "../../core/errors/error-codes.js";
import { RetrieverError } from "../../core/errors/retriever-error.js";
import { readDatasetFile } from "./read-dataset-file.js";

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "dataset-file-test-"));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

let counter = 0;
async function datasetFile(definition: unknown, files: Record<string, string> = {}): Promise<string> {
  counter += 1;
  const dir = join(folder, `case-${counter}`);
  await mkdir(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    await mkdir(join(dir, name, ".."), { recursive: true });
    await writeFile(join(dir, name), content);
  }
  const file = join(dir, "dataset.json");
  await writeFile(file, typeof definition === "string" ? definition : JSON.stringify(definition, null, 2));
  return file;
}

async function errorOf(promise: Promise<unknown>): Promise<RetrieverError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(RetrieverError.isInstance(error), `expected a library error, got ${String(error)}`).toBe(true);
  return error as RetrieverError;
}

const CSV =
  "id,title,body,kind,price,added,ok\na1,First,The first text,x,1.50,2024-01-02,yes\na2,Second,The second text,y,20,2023-12-31,false\n";
const BASE = {
  id: "things",
  description: "Some things",
  source: { type: "csv", path: "things.csv" },
  idField: "id",
  content: { fields: ["body"], title: "title" },
  metadata: {
    kind: { type: "enum", values: ["x", "y"] },
    price: { type: "number", minimum: 0 },
    added: { type: "date" },
    ok: { type: "boolean" },
  },
};

describe("readDatasetFile: valid definitions", () => {
  it("loads a CSV with the metadata convention: numbers, booleans, dates as epoch days plus a year field", async () => {
    const dataset = await readDatasetFile(await datasetFile(BASE, { "things.csv": CSV }));
    const documents = await dataset.load();
    expect(documents.map((document) => [document.id, document.pageContent, document.metadata])).toEqual([
      ["a1", "First\n\nThe first text", { kind: "x", price: 1.5, added: 19724, added_year: 2024, ok: true }],
      ["a2", "Second\n\nThe second text", { kind: "y", price: 20, added: 19722, added_year: 2023, ok: false }],
    ]);
    expect(dataset.metadataFields.map((field) => `${field.name}:${field.type}`)).toEqual([
      "kind:enum",
      "price:number",
      "added:date",
      "added_year:integer",
      "ok:boolean",
    ]);
    expect(dataset.attributes.attributes.map((attribute) => [attribute.name, attribute.type, attribute.yearField])).toEqual([
      ["kind", "enum", undefined],
      ["price", "number", undefined],
      ["added", "date", "added_year"],
      ["ok", "boolean", undefined],
    ]);
    expect(dataset.displayColumns.map((column) => `${column.header}=${column.value(documents[0]!.metadata)}`)).toEqual([
      "kind=x",
      "price=1.5",
      "added=2024-01-02",
    ]);
    // Without the title.
    expect((await dataset.load({ includeTitle: false }))[0]!.pageContent).toBe("The first text");
  });

  it("passes words for boolean values and known string values on to the self-query attributes", async () => {
    const dataset = await readDatasetFile(
      await datasetFile(
        {
          ...BASE,
          metadata: {
            ok: { type: "boolean", aliases: ["in stock"], values: [{ value: false, aliases: ["sold out"] }] },
            kind: { type: "string", values: ["x", { value: "y", aliases: ["why"] }] },
          },
        },
        { "things.csv": CSV },
      ),
    );
    expect(dataset.attributes.attributes.map((attribute) => [attribute.name, attribute.type, attribute.values])).toEqual([
      ["ok", "boolean", [{ value: false, aliases: ["sold out"] }]],
      [
        "kind",
        "string",
        [
          { value: "x", aliases: ["x"] },
          { value: "y", aliases: ["why"] },
        ],
      ],
    ]);
    const wrong = await datasetFile({ ...BASE, metadata: { ok: { type: "boolean", values: ["yes"] } } }, { "things.csv": CSV });
    await expect(readDatasetFile(wrong)).rejects.toMatchObject({
      message: expect.stringContaining('field "metadata.ok.values.0": a boolean field takes true or false values'),
    });
  });

  it("passes a rating's quality flag on to the self-query attributes, and needs its scale", async () => {
    const dataset = await readDatasetFile(
      await datasetFile({ ...BASE, metadata: { price: { type: "number", minimum: 1, maximum: 5, quality: true } } }, { "things.csv": CSV }),
    );
    expect(dataset.attributes.attributes).toHaveLength(1);
    expect(dataset.attributes.attributes[0]).toMatchObject({ name: "price", minimum: 1, maximum: 5, quality: true });
    const unbounded = await datasetFile(
      { ...BASE, metadata: { price: { type: "number", minimum: 0, quality: true } } },
      { "things.csv": CSV },
    );
    await expect(readDatasetFile(unbounded)).rejects.toMatchObject({
      message: expect.stringContaining('field "metadata.price.quality": a quality field needs minimum and maximum'),
    });
    const onText = await datasetFile({ ...BASE, metadata: { kind: { type: "string", quality: true } } }, { "things.csv": CSV });
    await expect(readDatasetFile(onText)).rejects.toMatchObject({
      message: expect.stringContaining('field "metadata.kind.quality": only applies to fields of type number or integer'),
    });
  });

  it("names date year fields without a _date / _day suffix", async () => {
    const csv = "id,body,release_date\na,text,2025-03-01\n";
    const dataset = await readDatasetFile(
      await datasetFile({ ...BASE, content: { fields: ["body"] }, metadata: { release_date: { type: "date" } } }, { "things.csv": csv }),
    );
    expect((await dataset.load())[0]!.metadata).toEqual({ release_date: 20148, release_year: 2025 });
  });

  it("reads JSONL with native types, and accepts other date formats when listed", async () => {
    const jsonl =
      '{"id": "j1", "text": "hello", "n": 3, "flag": true, "day": "06/05/2015"}\n\n{"id": "j2", "text": "world", "n": "4", "flag": "no", "day": "31/12/2020"}\n';
    const dataset = await readDatasetFile(
      await datasetFile(
        {
          id: "j",
          description: "J",
          source: { type: "jsonl", path: "data.jsonl" },
          idField: "id",
          content: { fields: ["text"] },
          metadata: { n: { type: "integer" }, flag: { type: "boolean" }, day: { type: "date", formats: ["DD/MM/YYYY"] } },
        },
        { "data.jsonl": jsonl },
      ),
    );
    expect((await dataset.load()).map((document) => document.metadata)).toEqual([
      { n: 3, flag: true, day: 16561, day_year: 2015 },
      { n: 4, flag: false, day: 18627, day_year: 2020 },
    ]);
  });

  it("reads a folder of CSVs and a folder of Markdown files with front matter", async () => {
    const csvFolder = await readDatasetFile(
      await datasetFile(
        {
          id: "f",
          description: "F",
          source: { type: "csv-folder", path: "parts" },
          content: { fields: ["text"] },
          metadata: { source_file: { type: "string" } },
        },
        { "parts/a.csv": "text\none\n", "parts/b.csv": "text\ntwo\n", "parts/notes.txt": "ignored" },
      ),
    );
    const fromCsv = await csvFolder.load();
    expect(fromCsv.map((document) => [document.pageContent, document.metadata.source_file])).toEqual([
      ["one", "a"],
      ["two", "b"],
    ]);
    // Content hashes: stable, and distinct per document.
    expect(fromCsv.every((document) => /^h[0-9a-f]{16}$/.test(document.id ?? ""))).toBe(true);
    expect((await csvFolder.load()).map((document) => document.id)).toEqual(fromCsv.map((document) => document.id));

    const textFolder = await readDatasetFile(
      await datasetFile(
        {
          id: "t",
          description: "T",
          source: { type: "text-folder", path: "notes" },
          idField: "file_name",
          content: { fields: ["body"], title: "title" },
          metadata: { year: { type: "integer" }, draft: { type: "boolean" } },
        },
        {
          "notes/one.md": '---\ntitle: "Trip notes"\nyear: 2024\ndraft: false\n---\nWe walked.\n',
          "notes/two.txt": "# Heading\nNo front matter.\n",
          "notes/skip.pdf": "x",
        },
      ),
    );
    const notes = await textFolder.load();
    expect(notes.map((document) => [document.id, document.pageContent, document.metadata])).toEqual([
      ["one", "Trip notes\n\nWe walked.", { year: 2024, draft: false }],
      ["two", "Heading\n\n# Heading\nNo front matter.", {}],
    ]);
  });

  it("uses defaults for empty cells and leaves out empty optional ones", async () => {
    const csv = "id,body,price,kind\na,x,,\n";
    const dataset = await readDatasetFile(
      await datasetFile(
        { ...BASE, content: { fields: ["body"] }, metadata: { price: { type: "number", default: 0 }, kind: { type: "string" } } },
        { "things.csv": csv },
      ),
    );
    expect((await dataset.load())[0]!.metadata).toEqual({ price: 0 });
  });
});

describe("readDatasetFile: errors name the field and the fix", () => {
  async function definitionError(definition: unknown): Promise<DataError> {
    const file = await datasetFile(definition, { "things.csv": CSV });
    const error = await errorOf(readDatasetFile(file));
    expect(DataError.isInstance(error)).toBe(true);
    expect(error.code).toBe(ErrorCodes.INVALID_DATA);
    expect((error as DataError).file).toBe(file);
    return error as DataError;
  }

  it("an unknown field type, with the line of the field", async () => {
    const error = await definitionError({ ...BASE, metadata: { price: { type: "money" } } });
    expect(error.message).toContain('field "metadata.price.type"');
    expect(error.message).toContain("fix the value");
    expect(error.line).toBeGreaterThan(1);
  });

  it("an unknown key, a missing field, a misplaced option, a bad id and a display column that is not a field", async () => {
    expect((await definitionError({ ...BASE, contnt: {} })).message).toContain(
      'field "contnt" is not a dataset.json field; did you mean "content"?',
    );
    const { content: _content, ...withoutContent } = BASE;
    void _content;
    expect((await definitionError(withoutContent)).message).toContain('field "content": is missing; add it');
    expect((await definitionError({ ...BASE, metadata: { price: { type: "string", units: ["$"] } } })).message).toContain(
      'field "metadata.price.units": only applies to fields of type number or integer',
    );
    expect((await definitionError({ ...BASE, id: "Has Spaces" })).message).toContain('field "id"');
    expect((await definitionError({ ...BASE, display: ["colour"] })).message).toContain(
      'field "display.0": "colour" is not a metadata field',
    );
    expect((await definitionError({ ...BASE, source: { type: "xml", path: "x" } })).message).toContain('field "source');
  });

  it("invalid JSON names the file", async () => {
    const file = await datasetFile("{ not json", {});
    const error = await errorOf(readDatasetFile(file));
    expect(error.code).toBe(ErrorCodes.INVALID_DATA);
    expect(error.message).toContain(file);
  });

  it("cells that do not fit their type name the file, line and column", async () => {
    const bad = "id,title,body,kind,price,added,ok\na1,T,B,x,cheap,2024-01-02,yes\n";
    const dataset = await readDatasetFile(await datasetFile(BASE, { "things.csv": bad }));
    const error = (await errorOf(dataset.load())) as DataError;
    expect(error.line).toBe(2);
    expect(error.message).toContain('column "price" has "cheap", which is not a number');

    const enumBad = "id,title,body,kind,price,added,ok\na1,T,B,z,1,2024-01-02,yes\n";
    expect((await errorOf((await readDatasetFile(await datasetFile(BASE, { "things.csv": enumBad }))).load())).message).toContain(
      'column "kind" has "z", which is not one of "x", "y"',
    );
    const dateBad = "id,title,body,kind,price,added,ok\na1,T,B,x,1,02/01/2024,yes\n";
    expect((await errorOf((await readDatasetFile(await datasetFile(BASE, { "things.csv": dateBad }))).load())).message).toContain(
      '"YYYY-MM-DD"',
    );
    const duplicate = "id,title,body,kind,price,added,ok\na1,T,B,x,1,2024-01-02,yes\na1,T,C,x,1,2024-01-02,yes\n";
    expect((await errorOf((await readDatasetFile(await datasetFile(BASE, { "things.csv": duplicate }))).load())).message).toContain(
      'document id "a1" is already used',
    );
    const missingColumn = "id,title,body,kind,price,added\na1,T,B,x,1,2024-01-02\n";
    expect((await errorOf((await readDatasetFile(await datasetFile(BASE, { "things.csv": missingColumn }))).load())).message).toContain(
      'has no column "ok"',
    );
  });

  it("refuses a source that is a folder, a missing file, and nested JSONL values", async () => {
    const folderSource = await readDatasetFile(await datasetFile({ ...BASE, source: { type: "csv", path: "sub" } }, { "sub/x.csv": CSV }));
    expect((await errorOf(folderSource.load())).code).toBe(ErrorCodes.NOT_FOUND);
    const missing = await readDatasetFile(await datasetFile(BASE, {}));
    expect((await errorOf(missing.load())).code).toBe(ErrorCodes.NOT_FOUND);
    const nested = await readDatasetFile(
      await datasetFile(
        { ...BASE, source: { type: "jsonl", path: "n.jsonl" }, metadata: {} },
        { "n.jsonl": '{"id": "a", "body": {"deep": 1}}\n' },
      ),
    );
    const error = (await errorOf(nested.load())) as DataError;
    expect(error.line).toBe(1);
    expect(error.message).toContain('field "body" holds an object');
  });
});
