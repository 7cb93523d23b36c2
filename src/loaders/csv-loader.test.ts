import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DataError } from "../core/errors/data-error.js";
import { ErrorCodes } from "../core/errors/error-codes.js";
import { InvalidOptionError } from "../core/errors/invalid-option-error.js";
import { RetrieverError } from "../core/errors/retriever-error.js";
import { parseCalendarDate, parseStrictInteger, parseStrictNumber } from "./coerce.js";
import { CsvDocumentLoader, loadCsvDocuments, parseCsvDocuments, type CsvLoaderOptions } from "./csv-loader.js";
import { parseCsvTable } from "./csv-table.js";

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "csv-loader-test-"));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

let fileCounter = 0;
async function writeCsv(content: string | Uint8Array): Promise<string> {
  fileCounter += 1;
  const path = join(folder, `file_${fileCounter}.csv`);
  await writeFile(path, content);
  return path;
}

/** Runs the loader and returns the error it throws (failing the test if it does not throw). */
async function loadError(content: string | Uint8Array, options: CsvLoaderOptions = BASIC_OPTIONS): Promise<DataError> {
  const path = await writeCsv(content);
  const error = await loadCsvDocuments(path, options).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(DataError.isInstance(error), `expected a DataError, got ${String(error)}`).toBe(true);
  const dataError = error as DataError;
  expect(dataError.code).toBe(ErrorCodes.INVALID_DATA);
  expect(dataError.file).toBe(path);
  return dataError;
}

const BASIC_OPTIONS: CsvLoaderOptions = { contentColumns: "text", metadata: { score: "number" }, idColumn: "id" };
const BASIC_CSV = "id,text,score\na,first text,1\nb,second text,2.5\n";

describe("loadCsvDocuments: valid input", () => {
  it("turns each row into a Document with id, content and typed metadata", async () => {
    const documents = await loadCsvDocuments(await writeCsv(BASIC_CSV), BASIC_OPTIONS);
    expect(documents.map((document) => [document.id, document.pageContent, document.metadata])).toEqual([
      ["a", "first text", { score: 1 }],
      ["b", "second text", { score: 2.5 }],
    ]);
  });

  it("strips a UTF-8 byte order mark so the first column keeps its name", async () => {
    const documents = await loadCsvDocuments(await writeCsv(`\uFEFF${BASIC_CSV}`), BASIC_OPTIONS);
    expect(documents.map((document) => document.id)).toEqual(["a", "b"]);
  });

  it("reads CRLF files, keeping line breaks inside quoted fields", async () => {
    const documents = await loadCsvDocuments(await writeCsv('id,text,score\r\na,"two\r\nlines",1\r\nb,plain,2\r\n'), BASIC_OPTIONS);
    expect(documents.map((document) => document.pageContent)).toEqual(["two\r\nlines", "plain"]);
  });

  it("reports the start line of a record that follows a multi-line record in a CRLF file", async () => {
    const error = await loadError('id,text,score\r\na,"two\r\nlines",1\r\nb,plain,not-a-number\r\n');
    expect(error.line).toBe(4);
  });

  it("converts integer, boolean and date columns, with the chosen date output", async () => {
    const csv = "id,text,count,flag,day\nx,hello,42,yes,6 May 2015\n";
    const documents = await loadCsvDocuments(await writeCsv(csv), {
      contentColumns: "text",
      idColumn: "id",
      metadata: {
        count: "integer",
        flag: "boolean",
        day: "date",
        day_number: { column: "day", type: "date", dateOutput: "epoch-day" },
        year: { column: "day", type: "date", dateOutput: "year" },
      },
    });
    expect(documents[0]?.metadata).toEqual({ count: 42, flag: true, day: "2015-05-06", day_number: 16561, year: 2015 });
  });

  it("joins several content columns, skipping empty ones", async () => {
    const csv = "id,title,body\na,Title,Body\nb,,Only body\n";
    const documents = await loadCsvDocuments(await writeCsv(csv), { contentColumns: ["title", "body"], idColumn: "id" });
    expect(documents.map((document) => document.pageContent)).toEqual(["Title\n\nBody", "Only body"]);
  });

  it("builds ids from a template, and from the file name and row number by default", async () => {
    const path = await writeCsv("code,text\nA1,x\nB2,y\n");
    const templated = await loadCsvDocuments(path, { contentColumns: "text", idTemplate: "item-{column:code}-{row}-{line}" });
    expect(templated.map((document) => document.id)).toEqual(["item-A1-0-2", "item-B2-1-3"]);
    const byDefault = await loadCsvDocuments(path, { contentColumns: "text" });
    const stem = path
      .split("/")
      .pop()
      ?.replace(/\.csv$/, "");
    expect(byDefault.map((document) => document.id)).toEqual([`${stem}-0`, `${stem}-1`]);
  });

  it("uses defaultValue for empty cells and leaves out empty typed cells without one", async () => {
    const csv = "id,text,score,rank\na,x,,\n";
    const documents = await loadCsvDocuments(await writeCsv(csv), {
      contentColumns: "text",
      idColumn: "id",
      metadata: { score: { type: "integer", defaultValue: 5 }, rank: "integer" },
    });
    expect(documents[0]?.metadata).toEqual({ score: 5 });
  });

  it("works as a LangChain document loader", async () => {
    const loader = new CsvDocumentLoader(await writeCsv(BASIC_CSV), BASIC_OPTIONS);
    expect((await loader.load()).length).toBe(2);
  });

  it("parses CSV held in memory", () => {
    expect(parseCsvDocuments(BASIC_CSV, "memory.csv", BASIC_OPTIONS).map((document) => document.id)).toEqual(["a", "b"]);
  });

  it("skips completely empty lines between records", async () => {
    const documents = await loadCsvDocuments(await writeCsv("id,text,score\n\na,x,1\n\n\nb,y,2\n"), BASIC_OPTIONS);
    expect(documents.map((document) => document.id)).toEqual(["a", "b"]);
  });
});

describe("loadCsvDocuments: bad input is a DataError with file and line", () => {
  it("rejects an empty file", async () => {
    await loadError("");
  });

  it("rejects a file holding only a BOM and whitespace", async () => {
    await loadError("\uFEFF  \n\n");
  });

  it("rejects an unclosed quote, at the line where its record starts", async () => {
    const error = await loadError('id,text,score\na,fine,1\nb,"never closed,2\nc,more,3\n');
    expect(error.line).toBe(3);
  });

  it("rejects a stray quote inside an unquoted field", async () => {
    const error = await loadError('id,text,score\na,fine,1\nb,say "hi",2\n');
    expect(error.line).toBe(3);
  });

  it("rejects a row with too many fields", async () => {
    const error = await loadError("id,text,score\na,x,1\nb,y,2,extra\n");
    expect(error.line).toBe(3);
  });

  it("rejects a row with too few fields, at the start line after a multi-line record", async () => {
    const error = await loadError('id,text,score\na,"multi\nline\ntext",1\nb,y\n');
    expect(error.line).toBe(5);
  });

  it("rejects a missing required column, naming it and the columns found", async () => {
    const error = await loadError("id,body,score\na,x,1\n");
    expect(error.line).toBe(1);
    expect(error.message).toContain('"text"');
    expect(error.message).toContain('"body"');
  });

  it("reports a missing column at the header's line when the file starts with empty lines", async () => {
    const error = await loadError("\n\nid,body,score\na,x,1\n");
    expect(error.line).toBe(3);
  });

  it("rejects a binary file", async () => {
    const error = await loadError(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x0a, 0x00]));
    expect(error.line).toBe(1);
  });

  it("rejects a JSON file", async () => {
    const error = await loadError('\n[{"id": "a", "text": "x"}]\n');
    expect(error.line).toBe(2);
  });

  it("rejects an HTML page saved as CSV", async () => {
    await loadError("<!DOCTYPE html>\n<html><body>404: Not Found</body></html>\n");
  });

  it("rejects invalid UTF-8, at the line of the first bad byte", async () => {
    const error = await loadError(Buffer.concat([Buffer.from("id,text,score\na,ok,1\nb,caf"), Buffer.from([0xe9]), Buffer.from(",2\n")]));
    expect(error.line).toBe(3);
  });

  it("rejects UTF-16 text", async () => {
    await loadError(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("id,text,score\n", "utf16le")]));
  });

  it("rejects a non-numeric value in a number column, with line and column", async () => {
    const error = await loadError("id,text,score\na,x,1\nb,y,seven\n");
    expect(error.line).toBe(3);
    expect(error.message).toContain('"score"');
  });

  it.each(["", "1,000", "0x10", "NaN", "Infinity", "12abc"])("rejects %j as a required number", async (value) => {
    const error = await loadError(`id,text,score\na,x,"${value}"\n`, {
      ...BASIC_OPTIONS,
      metadata: { score: { type: "number", required: true } },
    });
    expect(error.line).toBe(2);
  });

  it("rejects a decimal in an integer column", async () => {
    const error = await loadError("id,text,score\na,x,7.5\n", { ...BASIC_OPTIONS, metadata: { score: "integer" } });
    expect(error.line).toBe(2);
  });

  it("rejects an unparseable date", async () => {
    const error = await loadError("id,text,day\na,x,6 May 2015\nb,y,sometime in May\n", {
      contentColumns: "text",
      idColumn: "id",
      metadata: { day: "date" },
    });
    expect(error.line).toBe(3);
  });

  it("rejects an impossible date such as 31 February", async () => {
    const error = await loadError("id,text,day\na,x,31 February 2015\n", {
      contentColumns: "text",
      idColumn: "id",
      metadata: { day: "date" },
    });
    expect(error.line).toBe(2);
  });

  it("rejects a non-boolean in a boolean column", async () => {
    const error = await loadError("id,text,flag\na,x,maybe\n", { contentColumns: "text", idColumn: "id", metadata: { flag: "boolean" } });
    expect(error.line).toBe(2);
  });

  it("rejects duplicate ids, at the second occurrence", async () => {
    const error = await loadError("id,text,score\na,x,1\nb,y,2\na,z,3\n");
    expect(error.line).toBe(4);
  });

  it("rejects an empty id", async () => {
    const error = await loadError("id,text,score\na,x,1\n ,y,2\n");
    expect(error.line).toBe(3);
  });

  it("rejects a header naming the same column twice", async () => {
    const error = await loadError("id,text,text\na,x,y\n", { contentColumns: "text", idColumn: "id" });
    expect(error.line).toBe(1);
  });

  it("rejects a header-only file unless allowNoRows is set", async () => {
    await loadError("id,text,score\n");
    expect(await loadCsvDocuments(await writeCsv("id,text,score\n"), { ...BASIC_OPTIONS, allowNoRows: true })).toEqual([]);
  });

  it("rejects empty content when emptyContent is error, and keeps it by default", async () => {
    const csv = "id,text,score\na,x,1\nb,  ,2\n";
    const error = await loadError(csv, { ...BASIC_OPTIONS, emptyContent: "error" });
    expect(error.line).toBe(3);
    const documents = await loadCsvDocuments(await writeCsv(csv), BASIC_OPTIONS);
    expect(documents[1]?.pageContent).toBe("");
  });

  it("reports a missing file as NOT_FOUND", async () => {
    const error = await loadCsvDocuments(join(folder, "does-not-exist.csv"), BASIC_OPTIONS).catch((caught: unknown) => caught);
    expect(RetrieverError.isInstance(error) && error.code).toBe(ErrorCodes.NOT_FOUND);
  });
});

describe("loadCsvDocuments: options are validated", () => {
  it.each<[string, unknown, string]>([
    ["no content column", { idColumn: "id" }, "CsvDocumentLoader.contentColumns"],
    ["idColumn and idTemplate together", { contentColumns: "text", idColumn: "id", idTemplate: "{row}" }, "CsvDocumentLoader.idTemplate"],
    ["an unknown template placeholder", { contentColumns: "text", idTemplate: "{rowz}" }, "CsvDocumentLoader.idTemplate"],
    ["an unbalanced template brace", { contentColumns: "text", idTemplate: "x-{row" }, "CsvDocumentLoader.idTemplate"],
    ["an unknown column type", { contentColumns: "text", metadata: { a: "float" } }, "CsvDocumentLoader.metadata.a"],
    [
      "a default of the wrong type",
      { contentColumns: "text", metadata: { a: { type: "integer", defaultValue: 2.5 } } },
      "CsvDocumentLoader.metadata.a.defaultValue",
    ],
    ["a two-character delimiter", { contentColumns: "text", delimiter: ";;" }, "CsvDocumentLoader.delimiter"],
    ["an unknown option", { contentColumns: "text", separator: ";" }, "CsvDocumentLoader.separator"],
  ])("rejects %s", (_, options, option) => {
    const error = (() => {
      try {
        new CsvDocumentLoader("x.csv", options as CsvLoaderOptions);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(InvalidOptionError.isInstance(error)).toBe(true);
    expect((error as InvalidOptionError).option).toBe(option);
  });
});

describe("coercion helpers", () => {
  it("parses numbers and integers strictly", () => {
    expect([" 7 ", "-2.5", "1e3", ".5"].map(parseStrictNumber)).toEqual([7, -2.5, 1000, 0.5]);
    expect(["", " ", "1,5", "0x1", "1e999", "abc"].map(parseStrictNumber)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(["8", "+3", "8.0", "9007199254740993"].map(parseStrictInteger)).toEqual([8, 3, undefined, undefined]);
  });

  it("reads dates in UTC, in every supported format, to the same day", () => {
    const days = ["2015-05-06", "6 May 2015", "6 may 2015", "May 6, 2015", "6 Sept 2015", "2015-05-06T23:30:00-02:00"].map(
      (text) => parseCalendarDate(text)?.isoDate,
    );
    expect(days).toEqual(["2015-05-06", "2015-05-06", "2015-05-06", "2015-05-06", "2015-09-06", "2015-05-07"]);
    expect(parseCalendarDate("1 January 1970")?.epochDay).toBe(0);
    expect(["2015-13-01", "29 February 2015", "6 Mayo 2015", "2015-05-06T10:00:00", "05/06/2015"].map(parseCalendarDate)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(parseCalendarDate("29 February 2016")?.isoDate).toBe("2016-02-29");
  });

  it("round-trips epoch days for any date (property)", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2100, 11, 31)), noInvalidDate: true }), (date) => {
        const iso = date.toISOString().slice(0, 10);
        const parsed = parseCalendarDate(iso);
        expect(parsed?.isoDate).toBe(iso);
        expect(parsed?.epochDay).toBe(Math.floor(date.getTime() / 86_400_000));
      }),
    );
  });
});

describe("parseCsvTable: round trip (property)", () => {
  const cellArbitrary = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom("", " ", ",", '"', '""', "a\nb", "a\r\nb", "x, y", ' "quoted" ', "\n", "\r\n\r\n"),
  );

  function quote(cell: string): string {
    return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
  }

  it("reads back every cell exactly and reports each record's start line", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }).chain((width) =>
          fc.record({
            rows: fc.array(fc.array(cellArbitrary, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 6 }),
            width: fc.constant(width),
            newline: fc.constantFrom("\n", "\r\n"),
            bom: fc.boolean(),
          }),
        ),
        ({ rows, width, newline, bom }) => {
          const header = Array.from({ length: width }, (_, position) => `c${position}`);
          const lines = [header, ...rows].map((cells) => cells.map(quote).join(","));
          const text = (bom ? "\uFEFF" : "") + lines.join(newline) + newline;
          const expectedStartLines: number[] = [];
          let line = 1;
          for (const recordText of lines) {
            expectedStartLines.push(line);
            line += (recordText.match(/\n/g) ?? []).length + 1;
          }
          const table = parseCsvTable(text, { file: "property.csv" });
          expect(table.header).toEqual(header);
          expect(table.rows.map((row) => row.cells)).toEqual(rows);
          expect(table.rows.map((row) => row.line)).toEqual(expectedStartLines.slice(1));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("points errors at the start line of the bad record, wherever it is (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cellArbitrary, { minLength: 2, maxLength: 2 }), { minLength: 0, maxLength: 6 }),
        fc.nat(),
        fc.constantFrom("too-many-fields", "unclosed-quote"),
        fc.constantFrom("\n", "\r\n"),
        (rows, position, problem, newline) => {
          const goodLines = [["c0", "c1"], ...rows].map((cells) => cells.map(quote).join(","));
          // An unclosed quote goes last: a quote in a later record could legitimately close it.
          const badIndex = problem === "unclosed-quote" ? goodLines.length : 1 + (position % goodLines.length);
          const badLine = problem === "too-many-fields" ? "a,b,c" : 'a,"never closed';
          const allLines = [...goodLines.slice(0, badIndex), badLine, ...goodLines.slice(badIndex)];
          let expectedLine = 1;
          for (const recordText of allLines.slice(0, badIndex)) expectedLine += (recordText.match(/\n/g) ?? []).length + 1;
          const error = (() => {
            try {
              parseCsvTable(allLines.join(newline) + newline, { file: "property.csv" });
            } catch (caught) {
              return caught;
            }
            return undefined;
          })();
          expect(DataError.isInstance(error)).toBe(true);
          expect((error as DataError).line).toBe(expectedLine);
        },
      ),
      { numRuns: 300 },
    );
  });
});
