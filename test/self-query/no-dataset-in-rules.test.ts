import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The self-query code is generic: no module under src/self-query names the John Wick dataset's fields
 * or functions (its schema, aliases, prompt examples and order live in src/datasets/john-wick/). The
 * one exception is the compatibility re-export of `johnWickAttributes`, until the dataset seam is merged.
 */
const folder = resolve(dirname(fileURLToPath(import.meta.url)), "../../src/self-query");
const FORBIDDEN = /\b(?:movie|Rating|review_day|review_year|loadJohnWickReviews|johnWickAttributes|JOHN_WICK\w*|Parabellum)\b|John Wick/;
const ALLOWED = [
  {
    file: "attribute-schema.ts",
    line: /^export \{ johnWickAttributes \} from "\.\.\/datasets\/john-wick\/attributes\.js";$|^\/\/ Compatibility: the John Wick preset's schema/,
  },
  { file: "index.ts", line: /^\s*johnWickAttributes,$/ },
];

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [path] : [];
  });
}

describe("src/self-query names no dataset", () => {
  it("has no John Wick field or function outside the compatibility re-export", () => {
    const files = sourceFiles(folder);
    expect(files.length).toBeGreaterThan(10);
    const offending = files.flatMap((path) =>
      readFileSync(path, "utf8")
        .split("\n")
        .map((line, index) => ({ file: relative(folder, path), line, number: index + 1 }))
        .filter(({ file, line }) => FORBIDDEN.test(line) && !ALLOWED.some((allowed) => allowed.file === file && allowed.line.test(line))),
    );
    expect(offending.map(({ file, number, line }) => `${file}:${number}: ${line.trim()}`)).toEqual([]);
  });
});
