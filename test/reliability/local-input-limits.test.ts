/**
 * Local inputs are bounded (issue #14, items 2, 6, 8 and the CR-only case of 16): only regular files
 * are read, each kind of file has a documented maximum size, a giant CSV field is refused with its file
 * and line before anything is embedded, a 130k-row review file loads, absurd or colliding film
 * numbers are refused.
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { readRetrieverConfigFile } from "../../src/config/config-file.js";
import { ErrorCodes } from "../../src/core/errors/error-codes.js";
import { DEFAULT_MAX_FILE_BYTES, MAX_FILE_BYTES_VARIABLE, readLocalFile, readLocalFileSync } from "../../src/core/io/read-local-file.js";
import { readQueryFile } from "../../src/evaluation/query-file.js";
import { loadCsvDocuments } from "../../src/loaders/csv-loader.js";
import { MAX_CSV_RECORD_CHARACTERS, parseCsvTable } from "../../src/loaders/csv-table.js";
import { loadJohnWickReviews } from "../../src/datasets/john-wick/load-reviews.js";

const HEADER = ",Review_Date,Author,Rating,Review_Title,Review,Review_Url";
const CSV_OPTIONS = { contentColumns: ["text"] };

let folder: string;
let fifo: string;
let zeroLink: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "local-input-limits-"));
  fifo = join(folder, "pipe.csv");
  execFileSync("mkfifo", [fifo]);
  zeroLink = join(folder, "john_wick_1.csv");
  await symlink("/dev/zero", zeroLink);
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});
afterEach(() => {
  delete process.env[MAX_FILE_BYTES_VARIABLE];
});

async function rejection(action: () => unknown): Promise<{ code?: string; message: string; file?: string; line?: number }> {
  try {
    await action();
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error("expected a rejection");
}

describe("readLocalFile: regular files only, at most the kind's maximum size", () => {
  it.each([
    ["a FIFO", () => fifo, "FIFO"],
    ["a device (/dev/zero)", () => "/dev/zero", "device"],
    ["a folder", () => folder, "folder"],
    ["a data file linked to /dev/zero", () => zeroLink, "device"],
  ])("refuses %s by name with NOT_FOUND, without reading it (async and sync)", async (_name, path, word) => {
    for (const read of [() => readLocalFile(path(), { kind: "data" }), () => readLocalFileSync(path(), { kind: "config" })]) {
      const error = await rejection(read);
      expect(error.code).toBe(ErrorCodes.NOT_FOUND);
      expect(error.message).toContain(path());
      expect(error.message).toContain(word);
    }
  });

  it("refuses a file over the limit with INPUT_TOO_LARGE naming the file and how to raise it; the option and the variable raise it", async () => {
    const path = join(folder, "eleven-bytes.txt");
    await writeFile(path, "hello world");
    const error = await rejection(() => readLocalFile(path, { kind: "data", maxBytes: 10 }));
    expect(error.code).toBe(ErrorCodes.INPUT_TOO_LARGE);
    expect(error.message).toContain(path);
    expect(error.message).toContain(MAX_FILE_BYTES_VARIABLE);
    expect((await readLocalFile(path, { kind: "data", maxBytes: 11 })).toString()).toBe("hello world");
    process.env[MAX_FILE_BYTES_VARIABLE] = "10";
    expect(readLocalFileSync.bind(undefined, path, { kind: "config" })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INPUT_TOO_LARGE }),
    );
    process.env[MAX_FILE_BYTES_VARIABLE] = "11";
    expect(readLocalFileSync(path, { kind: "config" }).toString()).toBe("hello world");
  });

  it("documents a default maximum per kind", () => {
    expect(Object.keys(DEFAULT_MAX_FILE_BYTES).sort()).toEqual(["config", "data", "dataset", "queries"]);
    expect(DEFAULT_MAX_FILE_BYTES.config).toBe(1024 * 1024);
  });
});

describe("every local reader is bounded: --config /dev/zero, a FIFO data file, a FIFO query file", () => {
  it("a configuration file that is /dev/zero or a FIFO is refused at once", async () => {
    expect((await rejection(() => readRetrieverConfigFile("/dev/zero"))).code).toBe(ErrorCodes.NOT_FOUND);
    expect((await rejection(() => readRetrieverConfigFile(fifo))).code).toBe(ErrorCodes.NOT_FOUND);
  });

  it("a configuration file over 1 MiB is INPUT_TOO_LARGE", async () => {
    const path = join(folder, "huge-config.json");
    await writeFile(path, `{"k": 5, "note": "${"x".repeat(DEFAULT_MAX_FILE_BYTES.config)}"}`);
    expect((await rejection(() => readRetrieverConfigFile(path))).code).toBe(ErrorCodes.INPUT_TOO_LARGE);
  });

  it("a data file that is a FIFO or /dev/zero is refused at once", async () => {
    expect((await rejection(() => loadCsvDocuments(fifo, CSV_OPTIONS))).code).toBe(ErrorCodes.NOT_FOUND);
    expect((await rejection(() => loadCsvDocuments("/dev/zero", CSV_OPTIONS))).code).toBe(ErrorCodes.NOT_FOUND);
  });

  it("a review file linked to /dev/zero is refused at once by the John Wick loader", async () => {
    const error = await rejection(() => loadJohnWickReviews(folder));
    expect(error.code).toBe(ErrorCodes.NOT_FOUND);
    expect(error.message).toContain(zeroLink);
  });

  it("a query file that is a FIFO is refused at once", async () => {
    expect((await rejection(() => readQueryFile(fifo))).code).toBe(ErrorCodes.NOT_FOUND);
  });
});

describe("a 50 MB field is refused naming the file and the line, before anything is embedded", () => {
  it("parseCsvTable and loadCsvDocuments reject a record longer than MAX_CSV_RECORD_CHARACTERS", async () => {
    const path = join(folder, "fifty-megabytes.csv");
    await writeFile(path, `id,text\na,short\nb,"${"x".repeat(50 * 1024 * 1024)}"\n`);
    const error = await rejection(() => loadCsvDocuments(path, CSV_OPTIONS));
    expect(error.code).toBe(ErrorCodes.INVALID_DATA);
    expect(error.file).toBe(path);
    expect(error.line).toBe(3);
    expect(error.message).toContain(String(MAX_CSV_RECORD_CHARACTERS));
    // Just under the limit is accepted.
    const table = parseCsvTable(`id,text\na,${"y".repeat(MAX_CSV_RECORD_CHARACTERS - 10)}\n`, { file: "under.csv" });
    expect(table.rows.length).toBe(1);
  });
});

describe("CR-only line endings", () => {
  it("are reported as such (line 1), not as a column-count mismatch", async () => {
    const error = await rejection(() => parseCsvTable("id,text\ra,one\rb,two\r", { file: "mac.csv" }));
    expect(error.code).toBe(ErrorCodes.INVALID_DATA);
    expect(error.line).toBe(1);
    expect(error.message).toContain("carriage return");
    expect(error.message).not.toContain("field");
  });
});

describe("loading a review file of more than 120k rows", () => {
  it("loads 130,000 reviews without overflowing the stack (no spread push)", async () => {
    const big = await mkdtemp(join(folder, "big-"));
    const rows = [HEADER];
    for (let index = 0; index < 130_000; index += 1) rows.push(`${index},6 May 2015,someone,8,t,r${index},/r/${index}`);
    await writeFile(join(big, "john_wick_1.csv"), `${rows.join("\n")}\n`);
    const documents = await loadJohnWickReviews(big);
    expect(documents.length).toBe(130_000);
    expect(documents.at(-1)?.id).toBe("jw1-129999");
  });
});

describe("film numbers and duplicate ids", () => {
  const review = `${HEADER}\n0,6 May 2015,someone,8,t,r,/r/0\n`;

  it.each(["9007199254740992", "9007199254740993", "1000", "123456789"])(
    "rejects john_wick_%s.csv (not a film number from 1 to 999), naming the file",
    async (number) => {
      const data = await mkdtemp(join(folder, "films-"));
      await writeFile(join(data, "john_wick_1.csv"), review);
      await writeFile(join(data, `john_wick_${number}.csv`), review);
      const error = await rejection(() => loadJohnWickReviews(data));
      expect(error.code).toBe(ErrorCodes.INVALID_DATA);
      expect(error.file).toBe(join(data, `john_wick_${number}.csv`));
    },
  );

  it("two files whose film numbers round to the same double never overwrite each other", async () => {
    const data = await mkdtemp(join(folder, "collide-"));
    await writeFile(join(data, "john_wick_9007199254740992.csv"), review);
    await writeFile(join(data, "john_wick_9007199254740993.csv"), review);
    expect((await rejection(() => loadJohnWickReviews(data))).code).toBe(ErrorCodes.INVALID_DATA);
  });

  it("accepts film 999 next to film 1", async () => {
    const data = await mkdtemp(join(folder, "films-ok-"));
    await writeFile(join(data, "john_wick_1.csv"), review);
    await writeFile(join(data, "john_wick_999.csv"), review);
    expect((await loadJohnWickReviews(data)).map((document) => document.id)).toEqual(["jw1-0", "jw999-0"]);
  });
});
