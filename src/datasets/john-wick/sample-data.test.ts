import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Document } from "@langchain/core/documents";
import { beforeAll, describe, expect, it } from "vitest";
import { loadJohnWickReviews, type JohnWickMetadata } from "./load-reviews.js";
import { findPackageRoot } from "../../loaders/package-root.js";
import { SAMPLE_DATA_FOLDER } from "./resolve-data-folder.js";

/** A labeled query of data/sample/queries.jsonl (same format as the shared benchmark file). */
interface LabeledQuery {
  id: string;
  query: string;
  kind: "semantic" | "filtered" | "filter-only";
  filter: GoldFilter | null;
  relevant: Record<string, number>;
  note: string;
}
type Comparison = Partial<Record<"eq" | "gt" | "gte" | "lt" | "lte", number>>;
interface GoldFilter {
  movie?: number[];
  rating?: Comparison;
  year?: Comparison;
  author?: string;
}

function compare(value: number, comparison: Comparison): boolean {
  return Object.entries(comparison).every(([operator, bound]) => {
    switch (operator) {
      case "eq":
        return value === bound;
      case "gt":
        return value > bound;
      case "gte":
        return value >= bound;
      case "lt":
        return value < bound;
      case "lte":
        return value <= bound;
      default:
        throw new Error(`unknown operator ${operator}`);
    }
  });
}

/** The gold filter semantics: a missing rating counts as 5 (the loader already stores it as 5). */
function matches(document: Document<JohnWickMetadata>, filter: GoldFilter): boolean {
  const metadata = document.metadata;
  return (
    (filter.movie === undefined || filter.movie.includes(metadata.movie)) &&
    (filter.rating === undefined || compare(metadata.Rating, filter.rating)) &&
    (filter.year === undefined || compare(metadata.review_year, filter.year)) &&
    (filter.author === undefined || metadata.Author === filter.author)
  );
}

const packageRoot = findPackageRoot() ?? "";
const sampleFolder = join(packageRoot, SAMPLE_DATA_FOLDER);
let documents: Document<JohnWickMetadata>[];
let queries: LabeledQuery[];

beforeAll(async () => {
  documents = await loadJohnWickReviews(sampleFolder);
  const text = await readFile(join(sampleFolder, "queries.jsonl"), "utf8");
  queries = text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as LabeledQuery);
});

describe("data/sample", () => {
  it("loads cleanly: four films, about a dozen reviews each, unique ids", () => {
    expect([...new Set(documents.map((document) => document.metadata.movie))]).toEqual([1, 2, 3, 4]);
    for (const movie of [1, 2, 3, 4]) {
      const count = documents.filter((document) => document.metadata.movie === movie).length;
      expect(count).toBeGreaterThanOrEqual(10);
      expect(count).toBeLessThanOrEqual(15);
    }
    const ids = documents.map((document) => document.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("has varied ratings, a few missing ones, repeated authors and dates after each release", () => {
    expect(new Set(documents.map((document) => document.metadata.Rating)).size).toBe(10);
    const missing = documents.filter((document) => document.metadata.rating_missing).length;
    expect(missing).toBeGreaterThanOrEqual(2);
    expect(missing).toBeLessThanOrEqual(4);
    const authorFilms = new Map<string, Set<number>>();
    for (const document of documents) {
      authorFilms.set(document.metadata.Author, (authorFilms.get(document.metadata.Author) ?? new Set()).add(document.metadata.movie));
    }
    expect([...authorFilms.values()].filter((films) => films.size > 1).length).toBeGreaterThan(3);
    expect([...authorFilms.values()].filter((films) => films.size === 1).length).toBeGreaterThan(3);
    const releaseYear: Record<number, number> = { 1: 2014, 2: 2017, 3: 2019, 4: 2023 };
    for (const document of documents)
      expect(document.metadata.review_year).toBeGreaterThanOrEqual(releaseYear[document.metadata.movie] ?? 0);
  });

  it("keeps the real files' title quirk (leading space, trailing newline) that the loader trims", async () => {
    const raw = await readFile(join(sampleFolder, "john_wick_1.csv"), "utf8");
    expect(raw).toContain(`," ${documents[0]?.metadata.Review_Title}\n"`);
  });

  it("has well-formed labeled queries whose ids all exist", () => {
    expect(queries.length).toBeGreaterThanOrEqual(18);
    const ids = new Set(documents.map((document) => document.id));
    const queryIds = queries.map((query) => query.id);
    expect(new Set(queryIds).size).toBe(queryIds.length);
    for (const query of queries) {
      expect(["semantic", "filtered", "filter-only"]).toContain(query.kind);
      expect(query.filter === null).toBe(query.kind === "semantic");
      expect(query.query.trim()).not.toBe("");
      expect(Object.keys(query.relevant).length).toBeGreaterThan(0);
      for (const [id, grade] of Object.entries(query.relevant)) {
        expect(ids.has(id), `${query.id}: ${id} is not a sample document`).toBe(true);
        expect([0, 1, 2]).toContain(grade);
      }
    }
    for (const kind of ["semantic", "filtered", "filter-only"])
      expect(queries.filter((query) => query.kind === kind).length).toBeGreaterThanOrEqual(4);
  });

  it("labels filter-only queries with exactly the filter's matches, and filtered ones within them", () => {
    for (const query of queries) {
      if (query.filter === null) continue;
      const filter = query.filter;
      const matching = documents.filter((document) => matches(document, filter)).map((document) => document.id);
      const relevant = Object.keys(query.relevant);
      if (query.kind === "filter-only") {
        expect(relevant.sort(), query.id).toEqual(matching.sort());
      } else {
        for (const id of relevant) expect(matching, `${query.id}: ${id} does not match the filter`).toContain(id);
      }
    }
  });
});
