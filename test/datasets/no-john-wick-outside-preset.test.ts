import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { REPOSITORY_ROOT } from "../support/run-cli.js";

/**
 * Acceptance test of the dataset seam: John Wick is one preset. No module outside
 * `src/datasets/john-wick/` (tests and examples aside) may name its fields or functions. Every
 * offending file:line is reported, so the failure message is the to-do list.
 */

const FORBIDDEN = /\b(?:movie|Rating|review_day|loadJohnWickReviews|johnWickAttributes)\b|johnWick|john_wick/;
const SOURCE = join(REPOSITORY_ROOT, "src");
const ALLOWED_FOLDER = join(SOURCE, "datasets", "john-wick") + sep;
/** Deepest folder nesting walked (the tree is a few levels deep; this only bounds the walk). */
const MAX_DEPTH = 12;

function sourceFiles(folder: string, depth = 0): string[] {
  if (depth > MAX_DEPTH) throw new Error(`${folder} is nested deeper than ${MAX_DEPTH} levels`);
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path, depth + 1);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

/** `file:line: text` of every line naming a John Wick field or function outside the preset. */
export function johnWickMentions(): string[] {
  const mentions: string[] = [];
  for (const file of sourceFiles(SOURCE)) {
    if (file.startsWith(ALLOWED_FOLDER)) continue;
    readFileSync(file, "utf8")
      .split("\n")
      .forEach((line, index) => {
        if (FORBIDDEN.test(line)) mentions.push(`${relative(REPOSITORY_ROOT, file)}:${index + 1}: ${line.trim().slice(0, 120)}`);
      });
  }
  return mentions;
}

describe("the dataset seam", () => {
  it("finds the source files it checks (the walk is not empty)", () => {
    const files = sourceFiles(SOURCE);
    expect(files.length).toBeGreaterThan(50);
    expect(files.some((file) => file.startsWith(ALLOWED_FOLDER))).toBe(true);
  });

  it("the pattern catches each John Wick name and spares look-alikes", () => {
    for (const line of [
      "metadata.movie",
      '{ field: "Rating" }',
      "review_day",
      "loadJohnWickReviews(folder)",
      "johnWickAttributes()",
      "JOHN_WICK_FILMS.map(johnWickFileName)",
      '"john_wick_1.csv"',
    ]) {
      expect(FORBIDDEN.test(line), line).toBe(true);
    }
    for (const line of ["movies", "rating", "review_days", "Ratings", "document.id"]) expect(FORBIDDEN.test(line), line).toBe(false);
  });

  it("no module outside src/datasets/john-wick/ names movie, Rating, review_day, loadJohnWickReviews or johnWickAttributes", () => {
    const mentions = johnWickMentions();
    expect(mentions, `John Wick names outside src/datasets/john-wick/:\n${mentions.join("\n")}`).toEqual([]);
  });
});
