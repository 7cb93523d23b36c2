import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Document, type DocumentInterface } from "@langchain/core/documents";
import fc from "fast-check";
import type MiniSearch from "minisearch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileFilter } from "../../src/core/filter/compile-filter.js";
import type { FilterExpression } from "../../src/core/filter/filter-schema.js";
import { Bm25Index, type Bm25IndexOptions } from "../../src/hybrid/bm25-index.js";
import { miniSearchLike } from "./minisearch-reference.js";

/** Both indexes, fed the same operations (MiniSearch's upsert was remove + add, as `Bm25Index` did). */
class Twin {
  readonly ours: Bm25Index;
  readonly reference: MiniSearch<DocumentInterface>;
  private readonly stored = new Map<string, DocumentInterface>();

  constructor(readonly options: Bm25IndexOptions) {
    this.ours = new Bm25Index(options);
    this.reference = miniSearchLike(options);
  }

  add(documents: DocumentInterface[]): void {
    this.ours.addDocuments(documents);
    for (const document of documents) {
      const copy = new Document({ id: document.id, pageContent: document.pageContent, metadata: { ...document.metadata } });
      const previous = this.stored.get(copy.id as string);
      if (previous !== undefined) this.reference.remove(previous);
      this.reference.add(copy);
      this.stored.set(copy.id as string, copy);
    }
  }

  delete(ids: string[]): void {
    this.ours.delete(ids);
    for (const id of ids) {
      const previous = this.stored.get(id);
      if (previous === undefined) continue;
      this.reference.remove(previous);
      this.stored.delete(id);
    }
  }

  /** What `Bm25Index.search` returned when it was MiniSearch. */
  expected(query: string, k: number, filter?: FilterExpression): Array<{ id: string; score: number; matchedTerms: string[] }> {
    if (this.ours.analyzer.analyze(query).length === 0) return [];
    const predicate = filter === undefined ? undefined : compileFilter(filter);
    return this.reference
      .search(query, {
        filter: predicate === undefined ? undefined : (result) => predicate(this.stored.get(String(result.id))?.metadata ?? {}),
      })
      .slice(0, k)
      .map((result) => ({ id: String(result.id), score: result.score, matchedTerms: result.terms }));
  }
}

const actual = (index: Bm25Index, query: string, k: number, filter?: FilterExpression) =>
  index.search(query, { k, filter }).map((hit) => ({ id: hit.document.id as string, score: hit.score, matchedTerms: hit.matchedTerms }));

/** A small vocabulary (many shared words, hence ties), stop words, numbers and accents. */
const VOCABULARY = [
  "fight",
  "fights",
  "fighting",
  "dog",
  "hotel",
  "pencil",
  "car",
  "revenge",
  "suit",
  "coin",
  "church",
  "tailor",
  "the",
  "and",
  "of",
  "2014",
  "3",
  "007",
  "café",
  "a",
  "x",
  "choreography",
  "boring",
  "story",
];

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function corpus(count: number, seed: number, prefix = "d"): DocumentInterface[] {
  const random = seeded(seed);
  const word = () => VOCABULARY[Math.floor(random() ** 2 * VOCABULARY.length)] as string;
  return Array.from({ length: count }, (_, position) => {
    const words = Array.from({ length: 1 + Math.floor(random() * 25) }, word);
    const metadata: Record<string, unknown> = { rating: 1 + Math.floor(random() * 10) };
    if (random() < 0.8) metadata.title = `${word()} ${word()}`;
    if (random() < 0.5) metadata.tags = [word(), word()];
    if (random() < 0.3) metadata.year = 2000 + Math.floor(random() * 30);
    return new Document({ id: `${prefix}${position}`, pageContent: words.join(random() < 0.5 ? " " : ", "), metadata });
  });
}

const QUERIES = [
  "fight",
  "fighting dog",
  "dog dog hotel",
  "the revenge of the tailor",
  "2014 3 café",
  "007 coin church",
  "boring story choreography suit car pencil",
  "unknownword fight",
  "cafe",
  "what is it about the",
];

const CONFIGURATIONS: Bm25IndexOptions[] = [
  {},
  { metadataFields: { title: 2, tags: 0.5, year: 1 }, textBoost: 1.5 },
  { stemming: false, stopWords: false, minTermLength: 1, bm25: { k1: 2, b: 0.3, d: 1 } },
  { metadataFields: { title: 3 }, bm25: { b: 1, d: 0 } },
];

describe("Bm25Index scores exactly as MiniSearch did", () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "keyword-postings-"));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it.each(CONFIGURATIONS.map((options, position) => [position, options] as const))(
    "configuration %i: same hits, scores, order and matched terms after adds, upserts, deletes and a reload",
    async (position, options) => {
      const twin = new Twin(options);
      twin.add(corpus(300, 11 + position));
      twin.add(corpus(60, 99 + position)); // upserts d0..d59 with other text
      twin.delete(["d3", "d77", "d150", "nobody"]);
      twin.add(corpus(40, 7 + position, "late"));
      let compared = 0;
      const check = (index: Bm25Index) => {
        for (const query of QUERIES)
          for (const k of [1, 5, 500]) {
            const expected = twin.expected(query, k);
            expect(actual(index, query, k)).toEqual(expected);
            compared += expected.length;
          }
        const filter: FilterExpression = { field: "rating", operator: "gte", value: 6 };
        for (const query of QUERIES.slice(0, 5)) expect(actual(index, query, 7, filter)).toEqual(twin.expected(query, 7, filter));
      };
      check(twin.ours);
      const path = join(folder, `configuration-${position}.idx`);
      await twin.ours.save(path);
      check(twin.ours); // saving compacts the postings: nothing may change
      // Compacted postings, newer ones and deleted ones mixed.
      twin.add(corpus(30, 500 + position, "d"));
      twin.delete(["d200", "late5"]);
      check(twin.ours);
      await twin.ours.save(path);
      const loaded = await Bm25Index.load(path);
      check(loaded);
      // The loaded index goes on like the original: upserts (known and new words) and deletes.
      const more = corpus(50, 900 + position, "d");
      loaded.addDocuments(more);
      loaded.delete(["d10", "late7"]);
      twin.add(more);
      twin.delete(["d10", "late7"]);
      check(loaded);
      expect(compared).toBeGreaterThan(1_000);
    },
  );

  it("stays exact across the compactions a large build triggers (batches, upserts, deletes)", () => {
    const twin = new Twin({ metadataFields: { title: 2 } });
    // About 8 distinct terms a document: compactions start above 65,536 recent postings (twice while adding, then with deletions).
    for (let batch = 0; batch < 40; batch += 1) twin.add(corpus(500, 1_000 + batch, `b${batch}-`));
    for (const query of QUERIES.slice(0, 4)) expect(actual(twin.ours, query, 50)).toEqual(twin.expected(query, 50));
    twin.add(corpus(3_000, 77, "b3-")); // upserts of every document of batches 3 (and new ids)
    twin.delete(Array.from({ length: 4_000 }, (_, position) => `b${position % 8}-${position >> 3}`));
    twin.add(corpus(2_000, 78, "late"));
    for (const query of QUERIES) expect(actual(twin.ours, query, 50)).toEqual(twin.expected(query, 50));
    expect(twin.ours.size).toBe(twin.reference.documentCount);
  });

  it("keeps MiniSearch's order of equal scores (documents with the same words)", () => {
    const twin = new Twin({});
    const same = Array.from(
      { length: 20 },
      (_, position) => new Document({ id: `same${position}`, pageContent: "fight hotel", metadata: {} }),
    );
    twin.add(same);
    twin.add([same[4] as DocumentInterface, same[1] as DocumentInterface]); // re-added: they move to the end
    const hits = actual(twin.ours, "hotel fight", 20);
    expect(hits).toHaveLength(20);
    expect(new Set(hits.map((hit) => hit.score)).size).toBe(1);
    expect(hits).toEqual(twin.expected("hotel fight", 20));
    expect(hits.slice(-2).map((hit) => hit.id)).toEqual(["same4", "same1"]);
  });

  it("matches MiniSearch on random corpora and operations (property)", () => {
    const documentArbitrary = fc.record({
      id: fc.constantFrom("a", "b", "c", "d", "e", "f", "g", "h"),
      words: fc.array(fc.constantFrom(...VOCABULARY), { minLength: 0, maxLength: 12 }),
      title: fc.option(fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 3 }), { nil: undefined }),
    });
    const operation = fc.oneof(
      fc.record({ kind: fc.constant("add" as const), documents: fc.array(documentArbitrary, { minLength: 1, maxLength: 4 }) }),
      fc.record({ kind: fc.constant("delete" as const), ids: fc.array(fc.constantFrom("a", "b", "c", "x"), { maxLength: 2 }) }),
    );
    fc.assert(
      fc.property(
        fc.array(operation, { minLength: 1, maxLength: 12 }),
        fc.array(fc.constantFrom(...VOCABULARY), { minLength: 1, maxLength: 4 }),
        (operations, words) => {
          const twin = new Twin({ metadataFields: { title: 2 } });
          for (const step of operations) {
            if (step.kind === "delete") twin.delete(step.ids);
            else {
              // One batch may name an id twice: the later one wins, in both.
              twin.add(
                step.documents.map(
                  (document) =>
                    new Document({
                      id: document.id,
                      pageContent: document.words.join(" "),
                      metadata: document.title ? { title: document.title.join(" ") } : {},
                    }),
                ),
              );
            }
          }
          const query = words.join(" ");
          expect(actual(twin.ours, query, 10)).toEqual(twin.expected(query, 10));
          expect(twin.ours.size).toBe(twin.reference.documentCount);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("Bm25Index ranking properties", () => {
  const documents = corpus(200, 5);

  it("scores are positive and sorted; every hit holds one of its matched terms, all of them query terms", () => {
    const index = Bm25Index.fromDocuments(documents, { metadataFields: { title: 2 } });
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...VOCABULARY), { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 50 }), (words, k) => {
        const query = words.join(" ");
        const queryTerms = new Set(index.analyzer.analyze(query));
        const hits = index.search(query, { k });
        expect(hits.length).toBeLessThanOrEqual(k);
        for (const [position, hit] of hits.entries()) {
          expect(hit.score).toBeGreaterThan(0);
          if (position > 0) expect(hits[position - 1]!.score).toBeGreaterThanOrEqual(hit.score);
          expect(hit.matchedTerms.length).toBeGreaterThan(0);
          expect(hit.matchedTerms.every((term) => queryTerms.has(term))).toBe(true);
          const held = new Set([
            ...index.analyzer.analyze(hit.document.pageContent),
            ...index.analyzer.analyze(String(hit.document.metadata.title ?? "")),
          ]);
          expect(hit.matchedTerms.every((term) => held.has(term))).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("a filter keeps the unfiltered ranking's order (filtering then ranking = ranking then filtering)", () => {
    const index = Bm25Index.fromDocuments(documents);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...VOCABULARY), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 20 }),
        (words, rating, k) => {
          const query = words.join(" ");
          const filter: FilterExpression = { field: "rating", operator: "lte", value: rating };
          const all = index.search(query, { k: documents.length });
          const expected = all.filter((hit) => (hit.document.metadata.rating as number) <= rating).slice(0, k);
          expect(index.search(query, { k, filter })).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("the order of indexing changes no document's score, only the order of equal scores", () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(documents, { minLength: documents.length, maxLength: documents.length }),
        fc.constantFrom(...QUERIES.slice(0, 7)),
        (shuffled, query) => {
          const scoresOf = (index: Bm25Index) =>
            new Map(index.search(query, { k: documents.length }).map((hit) => [hit.document.id, hit.score]));
          const original = scoresOf(Bm25Index.fromDocuments(documents));
          const reordered = scoresOf(Bm25Index.fromDocuments(shuffled));
          expect(reordered.size).toBe(original.size);
          for (const [id, score] of original) expect(reordered.get(id)).toBeCloseTo(score, 10);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("adding a document with none of the query's words adds no hit and, with b = 0 and one query word, keeps the order", () => {
    // With length normalization off and one query term, a hit's score is idf × a function of its term
    // frequency: a new document without the term changes idf for all alike, so the order cannot move.
    fc.assert(
      fc.property(
        fc.constantFrom("fight", "dog", "hotel", "revenge", "coin"),
        fc.array(fc.constantFrom("pencil", "car", "suit", "the"), { maxLength: 30 }),
        (word, filler) => {
          const index = Bm25Index.fromDocuments(documents, { bm25: { b: 0 } });
          const before = index.search(word, { k: documents.length }).map((hit) => hit.document.id);
          index.addDocuments([new Document({ id: "filler", pageContent: filler.join(" "), metadata: {} })]);
          const after = index.search(word, { k: documents.length }).map((hit) => hit.document.id);
          expect(before.length).toBeGreaterThan(0);
          expect(after).toEqual(before);
        },
      ),
      { numRuns: 50 },
    );
  });
});
