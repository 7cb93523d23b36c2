import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DataError } from "../../core/errors/data-error.js";
import { ErrorCodes } from "../../core/errors/error-codes.js";
import { InvalidOptionError } from "../../core/errors/invalid-option-error.js";
import { RetrieverError } from "../../core/errors/retriever-error.js";
import { JOHN_WICK_METADATA_FIELDS, loadJohnWickReviews, parseJohnWickCsv, type JohnWickMetadata } from "./load-reviews.js";

const HEADER = ",Review_Date,Author,Rating,Review_Title,Review,Review_Url";

/** One row in the real files' style: the title has a leading space and a trailing newline inside quotes. */
function row(
  index: number | string,
  fields: { date?: string; author?: string; rating?: string; title?: string; review?: string; url?: string } = {},
): string {
  const {
    date = "6 May 2015",
    author = "someone",
    rating = "8",
    title = "A title",
    review = "A review, with a comma.",
    url = `/review/rw${index}/`,
  } = fields;
  return `${index},${date},${author},${rating}," ${title}\n","${review.replaceAll('"', '""')}",${url}`;
}

let root: string;
let folderCounter = 0;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "john-wick-test-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Writes the given files into a fresh folder and returns its path. */
async function folderWith(files: Record<string, string>): Promise<string> {
  folderCounter += 1;
  const folder = join(root, `case_${folderCounter}`);
  await mkdir(folder);
  for (const [name, content] of Object.entries(files)) await writeFile(join(folder, name), content);
  return folder;
}

async function loadError(files: Record<string, string>): Promise<RetrieverError> {
  const error = await loadJohnWickReviews(await folderWith(files)).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(RetrieverError.isInstance(error), `expected a RetrieverError, got ${String(error)}`).toBe(true);
  return error as RetrieverError;
}

async function dataError(content: string): Promise<DataError> {
  const error = await loadError({ "john_wick_1.csv": content });
  expect(DataError.isInstance(error)).toBe(true);
  expect(error.code).toBe(ErrorCodes.INVALID_DATA);
  return error as DataError;
}

describe("loadJohnWickReviews: valid files", () => {
  it("builds ids, content and exactly the documented metadata", async () => {
    const folder = await folderWith({
      "john_wick_2.csv": [HEADER, row(0, { title: "Great  fun ", review: 'He said "yeah".' }), ""].join("\n"),
    });
    const [document] = await loadJohnWickReviews(folder);
    expect(document?.id).toBe("jw2-0");
    expect(document?.pageContent).toBe('He said "yeah".');
    expect(document?.metadata).toEqual({
      Movie_Title: "John Wick 2",
      movie: 2,
      Review_Date: "6 May 2015",
      review_year: 2015,
      review_day: 16561,
      Review_Title: "Great  fun",
      Review_Url: "/review/rw0/",
      Author: "someone",
      Rating: 8,
      rating_missing: false,
    } satisfies JohnWickMetadata);
    expect(Object.keys(document?.metadata ?? {}).sort()).toEqual(JOHN_WICK_METADATA_FIELDS.map((field) => field.name).sort());
  });

  it("reads every john_wick_<n>.csv sorted by film number and ignores other files", async () => {
    const folder = await folderWith({
      "john_wick_10.csv": [HEADER, row(0)].join("\n"),
      "john_wick_2.csv": [HEADER, row(0), row(1)].join("\n"),
      "notes.csv": "not,a,review\n",
      "john_wick_3.csv.bak": "junk",
    });
    expect((await loadJohnWickReviews(folder)).map((document) => document.id)).toEqual(["jw2-0", "jw2-1", "jw10-0"]);
  });

  it("stores a missing rating as 5 with rating_missing, and honours ratingWhenMissing", async () => {
    const folder = await folderWith({ "john_wick_1.csv": [HEADER, row(0, { rating: "" }), row(1, { rating: " 3 " })].join("\n") });
    const documents = await loadJohnWickReviews(folder);
    expect(documents.map((document) => [document.metadata.Rating, document.metadata.rating_missing])).toEqual([
      [5, true],
      [3, false],
    ]);
    const custom = await loadJohnWickReviews(folder, { ratingWhenMissing: 1 });
    expect(custom[0]?.metadata.Rating).toBe(1);
  });

  it("keeps reviews whose text is empty", async () => {
    const folder = await folderWith({ "john_wick_1.csv": [HEADER, row(0, { review: "" }), row(1)].join("\n") });
    const documents = await loadJohnWickReviews(folder);
    expect(documents.map((document) => [document.id, document.pageContent])).toEqual([
      ["jw1-0", ""],
      ["jw1-1", "A review, with a comma."],
    ]);
  });

  it("prepends the trimmed title and a blank line with includeTitle", async () => {
    const folder = await folderWith({
      "john_wick_1.csv": [HEADER, row(0, { title: "Wow", review: "Text." }), row(1, { title: "  ", review: "No title." })].join("\n"),
    });
    const documents = await loadJohnWickReviews(folder, { includeTitle: true });
    expect(documents.map((document) => document.pageContent)).toEqual(["Wow\n\nText.", "No title."]);
  });

  it("accepts CRLF line endings and a BOM", async () => {
    const content = `\uFEFF${[HEADER, row(0), row(1)].join("\n")}\n`.replaceAll("\n", "\r\n");
    const documents = await loadJohnWickReviews(await folderWith({ "john_wick_1.csv": content }));
    expect(documents.map((document) => [document.id, document.metadata.Review_Title])).toEqual([
      ["jw1-0", "A title"],
      ["jw1-1", "A title"],
    ]);
  });

  it("keeps the index column's numbering, even when it is not 0..n-1", async () => {
    const documents = await loadJohnWickReviews(await folderWith({ "john_wick_1.csv": [HEADER, row(7), row(3)].join("\n") }));
    expect(documents.map((document) => document.id)).toEqual(["jw1-7", "jw1-3"]);
  });
});

describe("loadJohnWickReviews: bad input", () => {
  it("rejects a folder without review files, as NOT_FOUND", async () => {
    const error = await loadError({ "reviews.csv": [HEADER, row(0)].join("\n") });
    expect(error.code).toBe(ErrorCodes.NOT_FOUND);
    expect(error.message).toContain("john_wick_1.csv");
  });

  it("rejects a folder that does not exist, as NOT_FOUND", async () => {
    const error = await loadJohnWickReviews(join(root, "no-such-folder")).catch((caught: unknown) => caught);
    expect(RetrieverError.isInstance(error) && error.code).toBe(ErrorCodes.NOT_FOUND);
  });

  it("rejects a file without the Review column", async () => {
    const error = await dataError(",Review_Date,Author,Rating,Review_Title,Review_Url\n0,6 May 2015,a,8,t,/u\n");
    expect(error.line).toBe(1);
    expect(error.message).toContain('"Review"');
  });

  it("rejects a file without the unnamed index column", async () => {
    const error = await dataError("Review_Date,Author,Rating,Review_Title,Review,Review_Url\n6 May 2015,a,8,t,r,/u\n");
    expect(error.line).toBe(1);
  });

  it("rejects a non-numeric rating, with its line", async () => {
    const error = await dataError([HEADER, row(0), row(1, { rating: "eight" })].join("\n"));
    expect(error.line).toBe(4);
  });

  it.each(["0", "11", "-3", "7.5"])("rejects rating %s (outside 1..10 or not whole)", async (rating) => {
    const error = await dataError([HEADER, row(0, { rating })].join("\n"));
    expect(error.line).toBe(2);
  });

  it("rejects an unparseable review date", async () => {
    const error = await dataError([HEADER, row(0), row(1), row(2, { date: "last Tuesday" })].join("\n"));
    expect(error.line).toBe(6);
  });

  it("rejects a non-numeric index", async () => {
    const error = await dataError([HEADER, row("x")].join("\n"));
    expect(error.line).toBe(2);
  });

  it("rejects a repeated index (duplicate document ids)", async () => {
    const error = await dataError([HEADER, row(0), row(0)].join("\n"));
    expect(error.line).toBe(4);
  });

  it("rejects an unclosed quote, at the start line of its record", async () => {
    const error = await dataError(`${[HEADER, row(0)].join("\n")}\n1,6 May 2015,a,8," title\n,"no end,/u\n`);
    expect(error.line).toBe(4);
  });

  it("rejects a row with a missing field", async () => {
    const error = await dataError(`${[HEADER, row(0)].join("\n")}\n1,6 May 2015,a,8,title,/u\n`);
    expect(error.line).toBe(4);
  });

  it("rejects a header-only file", async () => {
    const error = await dataError(`${HEADER}\n`);
    expect(error.line).toBe(1);
  });

  it("rejects an HTML page saved under the review file name", async () => {
    await dataError("<!DOCTYPE html><html><body>Rate limited</body></html>");
  });

  it("rejects unknown options and out-of-range ratingWhenMissing", () => {
    expect(() => parseJohnWickCsv("", { file: "x", movie: 1 }, { includeTitles: true } as never)).toThrow(InvalidOptionError);
    expect(() => parseJohnWickCsv("", { file: "x", movie: 1 }, { ratingWhenMissing: 11 })).toThrow(InvalidOptionError);
  });
});

describe("JOHN_WICK_METADATA_FIELDS", () => {
  it("describes each field once, with a type and a description", () => {
    const names = JOHN_WICK_METADATA_FIELDS.map((field) => field.name);
    expect(new Set(names).size).toBe(names.length);
    for (const field of JOHN_WICK_METADATA_FIELDS) expect(field.description.length).toBeGreaterThan(10);
    expect(JOHN_WICK_METADATA_FIELDS.find((field) => field.name === "Rating")?.type).toBe("integer");
  });
});

// The real dataset lives beside the repository (../shared) on developer machines and CI; it is never
// copied into the repo. Without it this block is skipped on a developer machine, and fails in CI.
const realDataFolder = fileURLToPath(new URL("../../../../shared/data/john-wick/", import.meta.url));
describe.skipIf(!existsSync(realDataFolder) && process.env.CI !== "true")(
  "loadJohnWickReviews: the real dataset (../shared/data/john-wick)",
  () => {
    it("loads 100 reviews of 4 films with the known quirks", async () => {
      const documents = await loadJohnWickReviews(realDataFolder);
      expect(documents.length).toBe(100);
      expect([...new Set(documents.map((document) => document.metadata.movie))]).toEqual([1, 2, 3, 4]);
      for (const movie of [1, 2, 3, 4]) {
        expect(documents.filter((document) => document.metadata.movie === movie).map((document) => document.id)).toEqual(
          Array.from({ length: 25 }, (_, index) => `jw${movie}-${index}`),
        );
      }
      const unrated = documents.filter((document) => document.metadata.rating_missing);
      expect(unrated.map((document) => document.id)).toEqual(["jw1-4", "jw1-8", "jw1-23", "jw2-8", "jw2-10", "jw3-0", "jw4-13"]);
      expect(unrated.every((document) => document.metadata.Rating === 5)).toBe(true);
      expect(
        documents.filter((document) => document.metadata.movie === 4).every((document) => document.metadata.review_year === 2023),
      ).toBe(true);
      const first = documents[0];
      expect(first?.id).toBe("jw1-0");
      expect(first?.metadata).toMatchObject({
        Movie_Title: "John Wick 1",
        movie: 1,
        Review_Date: "6 May 2015",
        review_year: 2015,
        review_day: 16561,
        Author: "lnvicta",
        Rating: 8,
        rating_missing: false,
      });
      expect(first?.metadata.Review_Title.startsWith(" ") || first?.metadata.Review_Title.endsWith("\n")).toBe(false);
    });
  },
);
