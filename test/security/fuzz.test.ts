/**
 * Fuzzing with fast-check (fixed seeds and run counts, so CI runs are reproducible): the filter parser
 * and the CSV loaders must answer any input with a result or their own error (INVALID_FILTER, a
 * DataError with file and line), never another exception, a hang or a crash.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DataError } from "../../src/core/errors/data-error.js";
import { ErrorCodes } from "../../src/core/errors/error-codes.js";
import { compileFilter } from "../../src/core/filter/compile-filter.js";
import { filterExpressionSchema, MAX_FILTER_DEPTH } from "../../src/core/filter/filter-schema.js";
import { parseFilter } from "../../src/core/filter/parse-filter.js";
import { parseCsvDocuments, type CsvLoaderOptions } from "../../src/loaders/csv-loader.js";
import { parseJohnWickCsv } from "../../src/datasets/john-wick/load-reviews.js";
import { toChromaWhere } from "../../src/translators/chroma.js";
import { REPOSITORY_ROOT } from "../support/run-cli.js";

/** Runs `action`; any exception other than one with `code` fails the property. */
function outcome<Result>(action: () => Result, code: string): { ok: true; value: Result } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: action() };
  } catch (error) {
    expect((error as { code?: unknown }).code, `unexpected ${String(error)}`).toBe(code);
    return { ok: false, error };
  }
}

/** Counts both outcomes, so each property can check it explored accepted and rejected inputs alike. */
function tally() {
  const counts = { accepted: 0, rejected: 0 };
  return {
    counts,
    add(result: { ok: boolean }) {
      if (result.ok) counts.accepted += 1;
      else counts.rejected += 1;
    },
  };
}

// ------------------------------------------------------------------------------------------------
// Filter parser

const trickyKey = fc.constantFrom(
  "field",
  "operator",
  "value",
  "and",
  "or",
  "not",
  "$and",
  "$or",
  "$not",
  "$gt",
  "gt",
  "in",
  "$in",
  "contains",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "",
  "$",
  "Rating",
  "movie",
  "Author",
);
const trickyScalar = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom("eq", "gt", "in", "$or", "__proto__", "1=1", "'; DROP TABLE reviews; --", "${process.exit()}", "Infinity", "NaN"),
);
const fieldName = fc.oneof(
  fc.constantFrom("Rating", "movie", "Author", "__proto__", "constructor", "a.b", "$where"),
  fc.string({ minLength: 1, maxLength: 6 }),
);
const plainScalar = fc.oneof(fc.string({ maxLength: 8 }), fc.integer({ min: -5, max: 20 }), fc.boolean());
/** Mostly valid comparisons (canonical and shorthand), so the accepted side is explored too. */
const comparisonLike = fc.oneof(
  fc.record({
    field: fieldName,
    operator: fc.constantFrom("eq", "ne", "gt", "gte", "lt", "lte", "in", "nin", "contains"),
    value: fc.oneof(plainScalar, fc.array(plainScalar, { maxLength: 3 })),
  }),
  fc.dictionary(
    fieldName,
    fc.oneof(
      plainScalar,
      fc.array(plainScalar, { minLength: 1, maxLength: 3 }),
      fc.dictionary(fc.constantFrom("gt", "$lte", "ne", "in"), plainScalar, { minKeys: 1, maxKeys: 2 }),
    ),
    {
      minKeys: 1,
      maxKeys: 2,
    },
  ),
);
/** Objects shaped like filters but with random keys, nesting and values. */
const filterLike: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    trickyScalar,
    comparisonLike,
    comparisonLike,
    fc.record({ and: fc.array(tie("node"), { minLength: 1, maxLength: 3 }) }),
    fc.record({ $or: fc.array(tie("node"), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie("node") }),
    fc.array(tie("node"), { maxLength: 4 }),
    fc.dictionary(trickyKey, tie("node"), { maxKeys: 4 }),
    fc.record({ field: fc.oneof(trickyKey, fc.string()), operator: fc.oneof(trickyKey, fc.string()), value: tie("node") }),
  ),
})).node;

const metadataArbitrary = fc.dictionary(
  fc.oneof(trickyKey, fc.string({ maxLength: 4 })),
  fc.oneof(trickyScalar, fc.array(trickyScalar, { maxLength: 3 })),
  { maxKeys: 6 },
);

describe("filter parser fuzzing", () => {
  it("filter-shaped input with tricky keys and values: a valid, idempotent, evaluable filter, or INVALID_FILTER", () => {
    const seen = tally();
    fc.assert(
      fc.property(filterLike, metadataArbitrary, (input, metadata) => {
        const parsed = outcome(() => parseFilter(input), ErrorCodes.INVALID_FILTER);
        seen.add(parsed);
        if (!parsed.ok) return;
        expect(filterExpressionSchema.safeParse(parsed.value).success).toBe(true);
        expect(parseFilter(parsed.value)).toEqual(parsed.value);
        expect(typeof compileFilter(parsed.value)(metadata)).toBe("boolean");
        outcome(() => toChromaWhere(parsed.value), ErrorCodes.INVALID_FILTER);
      }),
      { numRuns: 3_000, seed: 8_675_309 },
    );
    expect(seen.counts.accepted).toBeGreaterThan(100);
    expect(seen.counts.rejected).toBeGreaterThan(100);
    // Nothing leaked onto shared prototypes.
    expect(Object.prototype).not.toHaveProperty("field");
    expect(({} as Record<string, unknown>).operator).toBeUndefined();
  });

  it("random JSON text, as a user types it on the command line: parsed or rejected with INVALID_FILTER", () => {
    const jsonish = fc.stringMatching(/^[{}[\]":,$a-zA-Z0-9 .\-_]{0,60}$/);
    fc.assert(
      fc.property(fc.oneof(jsonish, fc.json({ maxDepth: 5 })), (text) => {
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch {
          return;
        }
        outcome(() => parseFilter(value), ErrorCodes.INVALID_FILTER);
      }),
      { numRuns: 2_000, seed: 42 },
    );
  });

  it("random nesting depth: accepted up to the limit, INVALID_FILTER beyond, never a stack overflow", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5_000 }),
        fc.array(fc.constantFrom("and", "or", "not", "$and", "$not"), { minLength: 1, maxLength: 4 }),
        (depth, kinds) => {
          let node: unknown = { movie: 1 };
          for (let level = 0; level < depth; level += 1) {
            const kind = kinds[level % kinds.length]!;
            node = kind.endsWith("not") ? { [kind]: node } : { [kind]: [node] };
          }
          const parsed = outcome(() => parseFilter(node), ErrorCodes.INVALID_FILTER);
          expect(parsed.ok).toBe(depth <= MAX_FILTER_DEPTH);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});

// ------------------------------------------------------------------------------------------------
// CSV loaders

const GENERIC_OPTIONS: CsvLoaderOptions = { contentColumns: "text", metadata: { score: "number", day: "date" }, idColumn: "id" };
const SAMPLE_FILE = join(REPOSITORY_ROOT, "data", "sample", "john_wick_1.csv");
const SAMPLE = readFileSync(SAMPLE_FILE);

/** Checks a DataError points at the fuzzed file and, when it names a line, at a line of it. */
function expectDataErrorWithin(error: unknown, file: string, content: string | Uint8Array): void {
  expect(DataError.isInstance(error), `expected a DataError, got ${String(error)}`).toBe(true);
  const dataError = error as DataError;
  expect(dataError.file).toBe(file);
  if (dataError.line !== undefined) {
    const text = typeof content === "string" ? content : Buffer.from(content).toString("latin1");
    const lines = text.split(/\r\n|\r|\n/).length;
    expect(Number.isInteger(dataError.line)).toBe(true);
    expect(dataError.line).toBeGreaterThanOrEqual(1);
    expect(dataError.line).toBeLessThanOrEqual(lines + 1);
  }
}

/** CSV-ish text: the characters that matter to a CSV parser, plus a few that should not. */
const csvNoise = fc
  .array(
    fc.constantFrom(
      ",",
      '"',
      "\n",
      "\r\n",
      "\r",
      "a",
      "b",
      "1",
      "2.5",
      " ",
      "\t",
      "\uFEFF",
      "\u0000",
      "é",
      "2019-05-17",
      "true",
      "text",
      "id",
      "score",
      "day",
    ),
    {
      maxLength: 80,
    },
  )
  .map((pieces) => pieces.join(""));
/** Mostly good cells, sometimes a bad one (weights 12 : 1), so whole files are valid often enough. */
const mostly = (good: string[], bad: string[]) =>
  fc.oneof({ arbitrary: fc.constantFrom(...good), weight: 12 }, { arbitrary: fc.constantFrom(...bad), weight: 1 });
const textCell = mostly(
  ["", "a", "x y", "é", "\u0000", '"quoted, text"', '"two\nlines"', '"a ""quote"""', "1"],
  ['bad"quote', '"unclosed'],
);
const scoreCell = mostly(["1", "2.5", "-3", "1e3", "0"], ["", "1,000", "NaN", "abc"]);
const dayCell = mostly(["2019-05-17", "17 May 2019", "2014-10-24"], ["31/02/2019", "", "someday"]);
/** Rows of id, text, score and day cells, sometimes with a cell missing or one too many, ids unique or not. */
const csvRows = fc
  .tuple(
    fc.array(fc.tuple(textCell, scoreCell, dayCell, mostly(["ok"], ["missing", "extra"])), { maxLength: 6 }),
    fc.constantFrom("\n", "\r\n"),
    fc.boolean(),
  )
  .map(([rows, newline, uniqueIds]) =>
    rows
      .map(([text, score, day, shape], index) => {
        const cells = [uniqueIds ? `r${index}` : `r${index % 2}`, text, score, day];
        return (shape === "missing" ? cells.slice(0, 3) : shape === "extra" ? [...cells, "x"] : cells).join(",");
      })
      .join(newline),
  );
const csvish = fc.oneof(csvNoise, csvRows, csvRows);

describe("CSV loader fuzzing", () => {
  it("random bytes: documents or a DataError naming the file (and a line inside it)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const result = outcome(() => parseCsvDocuments(bytes, "fuzz.csv", GENERIC_OPTIONS), ErrorCodes.INVALID_DATA);
        if (!result.ok) expectDataErrorWithin(result.error, "fuzz.csv", bytes);
      }),
      { numRuns: 2_000, seed: 1_234 },
    );
  });

  it("random CSV-ish text after a valid header: well-formed documents or a DataError with its line", () => {
    const seen = tally();
    fc.assert(
      fc.property(csvish, (body) => {
        const content = `id,text,score,day\n${body}`;
        const result = outcome(() => parseCsvDocuments(content, "fuzz.csv", GENERIC_OPTIONS), ErrorCodes.INVALID_DATA);
        seen.add(result);
        if (!result.ok) {
          expectDataErrorWithin(result.error, "fuzz.csv", content);
          return;
        }
        const ids = result.value.map((document) => document.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const document of result.value) {
          expect(typeof document.id).toBe("string");
          expect(typeof document.pageContent).toBe("string");
          if ("score" in document.metadata) expect(Number.isFinite(document.metadata.score)).toBe(true);
        }
      }),
      { numRuns: 3_000, seed: 5_150 },
    );
    expect(seen.counts.accepted).toBeGreaterThan(100);
    expect(seen.counts.rejected).toBeGreaterThan(100);
  });

  it("the sample review file with random edits: reviews or a DataError with its line, never another exception", () => {
    const seen = tally();
    const edit = fc.record({
      position: fc.nat(),
      kind: fc.constantFrom("insert", "delete", "replace"),
      byte: fc.constantFrom(0x22, 0x2c, 0x0a, 0x0d, 0x41, 0x35, 0x00, 0xff, 0xc3),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        let bytes = Buffer.from(SAMPLE);
        for (const { position, kind, byte } of edits) {
          const at = position % (bytes.length + 1);
          if (kind === "insert") bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([byte]), bytes.subarray(at)]);
          else if (kind === "delete") bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1)]);
          else if (at < bytes.length) bytes[at] = byte;
        }
        const result = outcome(() => parseJohnWickCsv(bytes, { file: "john_wick_1.csv", movie: 1 }), ErrorCodes.INVALID_DATA);
        seen.add(result);
        if (!result.ok) {
          expectDataErrorWithin(result.error, "john_wick_1.csv", bytes);
          return;
        }
        for (const review of result.value) {
          expect(review.metadata.movie).toBe(1);
          expect(Number.isInteger(review.metadata.Rating)).toBe(true);
          expect(review.metadata.Rating).toBeGreaterThanOrEqual(1);
          expect(review.metadata.Rating).toBeLessThanOrEqual(10);
        }
      }),
      { numRuns: 1_500, seed: 2_718 },
    );
    expect(seen.counts.accepted).toBeGreaterThan(100);
    expect(seen.counts.rejected).toBeGreaterThan(100);
  });
});
