import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorCodes } from "../core/errors/error-codes.js";
import { johnWickDataset } from "../datasets/john-wick/preset.js";
import { SAMPLE_DATA_FOLDER } from "../datasets/john-wick/resolve-data-folder.js";
import { findPackageRoot } from "../loaders/package-root.js";
import { selectDocuments } from "./filter-accuracy.js";
import { goldFilterToFilter, parseQueryFile, parseTrecQueries, readQueryFile } from "./query-file.js";

const sampleFolder = join(findPackageRoot() ?? "", SAMPLE_DATA_FOLDER);
const line = (fields: Record<string, unknown>) =>
  JSON.stringify({ id: "q1", query: "fights?", kind: "semantic", filter: null, relevant: { "jw1-0": 2 }, note: "", ...fields });

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "query-file-"));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

function dataErrorOf(text: string): { code: string; file: string; line: number | undefined; message: string } {
  try {
    parseQueryFile(text, "queries.jsonl");
  } catch (error) {
    return error as { code: string; file: string; line: number; message: string };
  }
  throw new Error("expected a DataError");
}

describe("readQueryFile", () => {
  it("reads the bundled sample's labeled queries", async () => {
    const queries = await readQueryFile(join(sampleFolder, "queries.jsonl"));
    expect(queries.length).toBe(24);
    expect(new Set(queries.map((query) => query.kind))).toEqual(new Set(["semantic", "filtered", "filter-only"]));
    const withFilter = queries.find((query) => query.filter !== null);
    expect(withFilter?.filter).toBeTypeOf("object");
  });

  it("skips blank lines and accepts CRLF", () => {
    const queries = parseQueryFile(`${line({})}\r\n\r\n${line({ id: "q2" })}\n`, "queries.jsonl");
    expect(queries.map((query) => query.id)).toEqual(["q1", "q2"]);
  });

  it("names the file, the line and the field of a problem", () => {
    const badKind = dataErrorOf(`${line({})}\n\n${line({ id: "q2", kind: "fuzzy" })}\n`);
    expect(badKind).toMatchObject({ code: ErrorCodes.INVALID_DATA, file: "queries.jsonl", line: 3 });
    expect(badKind.message).toContain('"kind"');

    const badGrade = dataErrorOf(line({ relevant: { "jw1-0": 3 } }));
    expect(badGrade).toMatchObject({ code: ErrorCodes.INVALID_DATA, line: 1 });
    expect(badGrade.message).toContain('"relevant.jw1-0"');

    const badOperator = dataErrorOf(line({ kind: "filtered", filter: { price: { between: 3 } } }));
    expect(badOperator).toMatchObject({ code: ErrorCodes.INVALID_DATA, line: 1 });
    expect(badOperator.message).toContain('"filter"');
    expect(badOperator.message).toContain("between");

    const notJson = dataErrorOf(`${line({})}\n{"id": "q2",`);
    expect(notJson).toMatchObject({ code: ErrorCodes.INVALID_DATA, line: 2 });
  });

  it("rejects duplicate ids, filters on semantic queries and missing gold filters", () => {
    expect(dataErrorOf(`${line({})}\n${line({})}`)).toMatchObject({ code: ErrorCodes.INVALID_DATA, line: 2 });
    expect(dataErrorOf(line({ filter: { category: ["laptop"] } }))).toMatchObject({ code: ErrorCodes.INVALID_DATA, line: 1 });
    expect(dataErrorOf(line({ kind: "filter-only", filter: null }))).toMatchObject({ code: ErrorCodes.INVALID_DATA, line: 1 });
    expect(dataErrorOf(line({ kind: "filtered", filter: {} }))).toMatchObject({ code: ErrorCodes.INVALID_DATA, line: 1 });
    expect(dataErrorOf(line({ id: "has space" }))).toMatchObject({ code: ErrorCodes.INVALID_DATA, line: 1 });
    expect(dataErrorOf("\n\n")).toMatchObject({ code: ErrorCodes.INVALID_DATA });
  });

  it("reports a missing file as NOT_FOUND", async () => {
    await expect(readQueryFile(join(folder, "missing.jsonl"))).rejects.toMatchObject({ code: ErrorCodes.NOT_FOUND });
    await writeFile(join(folder, "bad.jsonl"), line({ kind: 3 }));
    await expect(readQueryFile(join(folder, "bad.jsonl"))).rejects.toMatchObject({
      code: ErrorCodes.INVALID_DATA,
      file: join(folder, "bad.jsonl"),
      line: 1,
    });
  });
});

describe("goldFilterToFilter", () => {
  it("reads the filter shorthand over any field names", () => {
    expect(goldFilterToFilter({ category: ["laptop", "tablet"], price: { lt: 800 }, in_stock: true })).toEqual({
      and: [
        { field: "category", operator: "in", value: ["laptop", "tablet"] },
        { field: "price", operator: "lt", value: 800 },
        { field: "in_stock", operator: "eq", value: true },
      ],
    });
  });

  it("maps a dataset's short keys onto its fields, keeping the other names", () => {
    expect(goldFilterToFilter({ rating: { gt: 7, lte: 9 }, brand: "Acme" }, { rating: "score" })).toEqual({
      and: [
        { field: "score", operator: "gt", value: 7 },
        { field: "score", operator: "lte", value: 9 },
        { field: "brand", operator: "eq", value: "Acme" },
      ],
    });
    expect(goldFilterToFilter({ $or: [{ rating: 1 }, { $not: { rating: 2 } }] }, { rating: "score" })).toEqual({
      or: [{ field: "score", operator: "eq", value: 1 }, { not: { field: "score", operator: "eq", value: 2 } }],
    });
  });

  it("selects exactly the judged documents of the sample's filter-only queries, through the preset's key mapping", async () => {
    const dataset = johnWickDataset(sampleFolder);
    const documents = await dataset.load();
    const queries = await readQueryFile(join(sampleFolder, "queries.jsonl"));
    const filterOnly = queries.filter((query) => query.kind === "filter-only");
    expect(filterOnly.length).toBeGreaterThan(2);
    for (const query of filterOnly) {
      const selected = selectDocuments(documents, goldFilterToFilter(query.filter!, dataset.goldFilterFields));
      expect([...selected].sort(), query.id).toEqual(Object.keys(query.relevant).sort());
    }
  });
});

describe("parseTrecQueries", () => {
  const qrels = "1 0 d1 2\n1 0 d2 0\n2 0 d3 1\n# comment\n\n3 0 d4 -1\n";
  it("reads tab-separated topics with their qrels as semantic queries, leaving out unjudged topics", () => {
    const queries = parseTrecQueries("1\tfirst question\n2\tsecond question\n9\tnever judged\n", "topics.tsv", qrels, "qrels.txt");
    expect(queries.map((query) => [query.id, query.query, query.kind, query.filter, query.relevant])).toEqual([
      ["1", "first question", "semantic", null, { d1: 2, d2: 0 }],
      ["2", "second question", "semantic", null, { d3: 1 }],
    ]);
  });

  it("reads classic <top> blocks, the title being the query", () => {
    const topics =
      "<top>\n<num> Number: 1\n<title> Topic: solar panels on roofs\n<desc> Description:\nlong text\n</top>\n<top>\n<num> 3\n<title> wind farms\n</top>\n";
    expect(parseTrecQueries(topics, "topics.txt", qrels, "qrels.txt").map((query) => [query.id, query.query, query.relevant])).toEqual([
      ["1", "solar panels on roofs", { d1: 2, d2: 0 }],
      ["3", "wind farms", { d4: 0 }],
    ]);
  });

  it("names the file and line of a bad qrels line, grade or topic", () => {
    const bad = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error as { code: string; file: string; line: number; message: string };
      }
      throw new Error("expected a DataError");
    };
    expect(bad(() => parseTrecQueries("1\tq\n", "t.tsv", "1 0 d1\n", "q.txt"))).toMatchObject({
      code: ErrorCodes.INVALID_DATA,
      file: "q.txt",
      line: 1,
    });
    expect(bad(() => parseTrecQueries("1\tq\n", "t.tsv", "1 0 d1 1\n1 0 d2 3\n", "q.txt")).message).toContain("rescale");
    expect(bad(() => parseTrecQueries("1 q\n", "t.tsv", "1 0 d1 1\n", "q.txt"))).toMatchObject({ file: "t.tsv", line: 1 });
    expect(bad(() => parseTrecQueries("7\tq\n", "t.tsv", "1 0 d1 1\n", "q.txt")).message).toContain("judges none");
  });
});
