import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compileFilter, describeFilter, parseFilter, type FilterExpression } from "../../src/core/index.js";
import { loadJohnWickReviews } from "../../src/datasets/john-wick/load-reviews.js";
import { buildVocabulary, RuleBasedQueryConstructor } from "../../src/self-query/index.js";
import { johnWickAttributes } from "../../src/datasets/john-wick/attributes.js";

/**
 * Acceptance on the shared labelled queries: for every filtered and filter-only query, the rule-based
 * constructor's filter must select exactly the documents the gold filter selects, for at least 95% of
 * them. The shared data lives beside the repository (`../shared`) and is never copied into it.
 */
const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** The shared folder beside the repository (a worktree sits one level deeper). */
const sharedFolder = [resolve(repositoryRoot, "../shared"), resolve(repositoryRoot, "../../shared")].find((folder) =>
  existsSync(resolve(folder, "bench/john-wick-queries.jsonl")),
);
const queriesFile = resolve(sharedFolder ?? resolve(repositoryRoot, "../shared"), "bench/john-wick-queries.jsonl");
const dataFolder = resolve(sharedFolder ?? resolve(repositoryRoot, "../shared"), "data/john-wick");

/** Required share of filtered / filter-only queries whose filter selects exactly the gold documents. */
const REQUIRED_AGREEMENT = 0.95;

interface LabelledQuery {
  id: string;
  query: string;
  kind: "semantic" | "filtered" | "filter-only";
  filter: Record<string, unknown> | null;
}

/** Gold keys → metadata fields of the indexed documents. */
const GOLD_FIELDS: Record<string, string> = { movie: "movie", rating: "Rating", year: "review_year", author: "Author" };

function goldFilter(gold: Record<string, unknown>): FilterExpression {
  const mapped = Object.fromEntries(
    Object.entries(gold).map(([key, value]) => {
      const field = GOLD_FIELDS[key];
      if (field === undefined) throw new Error(`unknown gold filter key ${key}`);
      return [field, value];
    }),
  );
  return parseFilter(mapped);
}

describe("rule-based constructor on the shared John Wick queries", () => {
  it(`selects the gold documents for at least ${REQUIRED_AGREEMENT * 100}% of filtered queries`, async () => {
    // Fails loudly (never skips) when the shared data is missing.
    expect(
      existsSync(queriesFile) && existsSync(dataFolder),
      `the shared John Wick data is missing: expected ${queriesFile} and ${dataFolder}`,
    ).toBe(true);
    const documents = await loadJohnWickReviews(dataFolder);
    const constructor = new RuleBasedQueryConstructor({ attributes: buildVocabulary(documents, johnWickAttributes()) });
    const queries = readFileSync(queriesFile, "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as LabelledQuery)
      .filter((query) => query.kind !== "semantic" && query.filter !== null);
    expect(queries.length).toBeGreaterThan(0);

    const idsMatching = (filter: FilterExpression | null): string[] => {
      const predicate = filter === null ? () => true : compileFilter(filter);
      return documents
        .filter((document) => predicate(document.metadata as unknown as Record<string, unknown>))
        .map((document) => document.id as string);
    };

    const disagreements: string[] = [];
    let filterOnlyRecognised = 0;
    for (const labelled of queries) {
      const constructed = await constructor.construct(labelled.query);
      const gold = goldFilter(labelled.filter as Record<string, unknown>);
      const expected = idsMatching(gold);
      const actual = idsMatching(constructed.filter);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        disagreements.push(
          `${labelled.id}: got ${constructed.filter ? describeFilter(constructed.filter) : "no filter"}, gold ${describeFilter(gold)}`,
        );
      }
      if (labelled.kind === "filter-only" && constructed.query === "") filterOnlyRecognised += 1;
    }
    const agreement = 1 - disagreements.length / queries.length;
    expect(agreement, disagreements.join("\n")).toBeGreaterThanOrEqual(REQUIRED_AGREEMENT);
    // Filter-only questions should leave no semantic query (they list the matching documents).
    const filterOnly = queries.filter((query) => query.kind === "filter-only").length;
    expect(filterOnlyRecognised / filterOnly).toBeGreaterThanOrEqual(REQUIRED_AGREEMENT);
  });
});
