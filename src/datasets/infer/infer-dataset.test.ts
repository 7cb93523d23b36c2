import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorCodes } from "../../core/errors/error-codes.js";
import { inferDataset, inferredDataset } from "./infer-dataset.js";

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "infer-dataset-test-"));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const rows = [
  [
    "b1",
    "Dune",
    "A desert planet, a noble family and a spice that everyone wants; politics, ecology and prophecy.",
    "novel",
    "1965",
    "4.5",
    "yes",
    "1965-08-01",
  ],
  [
    "b2",
    "Neuromancer",
    "A washed-up hacker is hired for one last job in a future of cyberspace, corporations and artificial minds.",
    "novel",
    "1984",
    "4.1",
    "no",
    "1984-07-01",
  ],
  [
    "b3",
    "Watchmen",
    "Retired masked vigilantes investigate a murder while the world edges toward nuclear war.",
    "comic",
    "1986",
    "4.8",
    "yes",
    "1986-09-01",
  ],
  [
    "b4",
    "Sandman",
    "The lord of dreams escapes captivity and rebuilds his realm across myths, history and nightmares.",
    "comic",
    "1989",
    "4.7",
    "no",
    "1989-01-01",
  ],
  [
    "b5",
    "Foundation",
    "A mathematician predicts the fall of a galactic empire and plans a way to shorten the dark age after it.",
    "novel",
    "1951",
    "4.2",
    "yes",
    "1951-06-01",
  ],
];

describe("inferDataset", () => {
  it("infers the id, the content, the title and each column's type, and says why", async () => {
    const file = join(folder, "Books.csv");
    await writeFile(
      file,
      `book_id,title,summary,format,year,score,owned,published\n${rows.map((row) => row.map((cell) => (cell.includes(",") ? `"${cell}"` : cell)).join(",")).join("\n")}\n`,
    );
    const { definition, decisions } = await inferDataset(file);
    expect(definition.id).toBe("books");
    expect(definition.idField).toBe("book_id");
    expect(definition.content).toEqual({ fields: ["summary"], title: "title" });
    expect(Object.fromEntries(Object.entries(definition.metadata ?? {}).map(([name, field]) => [name, field.type]))).toEqual({
      title: "string",
      format: "enum",
      year: "integer",
      score: "number",
      owned: "boolean",
      published: "date",
    });
    expect(definition.metadata?.format?.values).toEqual(["comic", "novel"]);
    expect(definition.metadata?.published?.formats).toEqual(["YYYY-MM-DD"]);
    expect(decisions.some((line) => line.startsWith('id: column "book_id"'))).toBe(true);
    expect(decisions.some((line) => line.startsWith('content: column "summary"'))).toBe(true);

    const dataset = await inferredDataset(file);
    expect(dataset.origin).toBe("inferred");
    const documents = await dataset.load();
    expect(documents.map((document) => document.id)).toEqual(["b1", "b2", "b3", "b4", "b5"]);
    expect(documents[0]!.pageContent.startsWith("Dune\n\nA desert planet")).toBe(true);
    expect(documents[0]!.metadata).toEqual({
      title: "Dune",
      format: "novel",
      year: 1965,
      score: 4.5,
      owned: true,
      published: -1614,
      published_year: 1965,
    });
  });

  it("falls back to content hashes without an id-like column, and reads JSONL", async () => {
    const file = join(folder, "notes.jsonl");
    await writeFile(
      file,
      [
        '{"text": "first long note about the garden", "tag": "a"}',
        '{"text": "second long note about the kitchen", "tag": "a"}',
        '{"text": "third note", "tag": "b"}',
        '{"text": "fourth note on things", "tag": "b"}',
      ].join("\n"),
    );
    const { definition, decisions } = await inferDataset(file);
    expect(definition.idField).toBeUndefined();
    expect(definition.source).toEqual({ type: "jsonl", path: "notes.jsonl" });
    expect(decisions.some((line) => line.includes("hash of their content"))).toBe(true);
    expect(definition.metadata?.tag?.type).toBe("enum");
  });

  it("infers a folder of Markdown notes (front matter as metadata, file names as ids) and a folder of CSV files", async () => {
    const notes = join(folder, "notes");
    await mkdir(notes);
    await writeFile(
      join(notes, "walk.md"),
      "---\ntitle: A long walk\nmood: calm\nminutes: 95\n---\nWe followed the river for hours, past mills and fields, until the light went.\n",
    );
    await writeFile(
      join(notes, "storm.md"),
      "---\ntitle: The storm\nmood: tense\nminutes: 20\n---\nThunder rolled over the hills and we ran for the barn before the rain came down.\n",
    );
    await writeFile(join(notes, "queries.jsonl"), "");
    const { definition } = await inferDataset(notes);
    expect(definition.source).toEqual({ type: "text-folder", path: "." });
    expect(definition.idField).toBe("file_name");
    expect(definition.content).toEqual({ fields: ["body"], title: "title" });
    expect(definition.metadata?.minutes?.type).toBe("integer");
    const dataset = await inferredDataset(notes);
    expect((await dataset.load()).map((document) => [document.id, document.metadata.minutes])).toEqual([
      ["storm", 20],
      ["walk", 95],
    ]);

    const tables = join(folder, "tables");
    await mkdir(tables);
    await writeFile(join(tables, "a.csv"), "code,text\nx1,the first table row with some words\n");
    await writeFile(join(tables, "b.csv"), "code,text\nx2,the second table row with other words\n");
    const fromTables = await inferredDataset(tables);
    expect((await fromTables.load()).map((document) => [document.pageContent, document.metadata.source_file])).toEqual([
      ["the first table row with some words", "a"],
      ["the second table row with other words", "b"],
    ]);
  });

  it("refuses files it cannot describe, naming them", async () => {
    const numbers = join(folder, "numbers.csv");
    await writeFile(numbers, "a,b\n1,2\n3,4\n");
    await expect(inferDataset(numbers)).rejects.toMatchObject({ code: ErrorCodes.INVALID_DATA, file: numbers });
    await expect(inferDataset(join(folder, "data.xml"))).rejects.toMatchObject({ code: ErrorCodes.INVALID_DATA });
  });
});
