import type { DocumentInterface } from "@langchain/core/documents";
import type { BaseRetrieverInput } from "@langchain/core/retrievers";
import { z } from "zod/v4";
import { andFilters } from "../core/filter/combine-filters.js";
import { filterExpressionSchema, type FilterExpression } from "../core/filter/filter-schema.js";
import { parseOptions } from "../core/parse-options.js";
import { SearchRetriever, type Searchable, type SearchOptions, type SearchResult } from "../core/search-retriever.js";
import { throwIfAborted, validateQuery } from "../core/validate-query.js";
import { contentHashId } from "../stores/shared/content-hash.js";

/** Results per search when nobody says otherwise (same as the other techniques). */
export const DEFAULT_PASSAGE_BLEND_K = 4;
/** Candidates each side fetches before blending. */
export const DEFAULT_PASSAGE_BLEND_CANDIDATES = 50;
/** Share of the best-passage similarity in the blended score (the rest is the whole-document similarity). */
export const DEFAULT_PASSAGE_WEIGHT = 0.5;

export interface PassageBlendRetrieverOptions extends BaseRetrieverInput {
  /** Scores whole documents, e.g. a `NaiveRetriever` (cosine similarity of the question and the document). */
  documents: Searchable;
  /**
   * Scores the same documents (same ids) by their best passage, e.g. a `ParentDocumentRetriever` with
   * `parentRanking: "max"` (the best child's cosine similarity). Both sides must score on one scale.
   */
  passages: Searchable;
  /** Results per search. @default 4 */
  k?: number;
  /** Candidates each side fetches before blending (at least `k`). @default 50 */
  candidates?: number;
  /** Weight of the passage score in [0, 1]: blended = (1 − w) · document + w · passage. @default 0.5 */
  passageWeight?: number;
  /** A filter applied to every search (both sides); per-call filters are AND-ed with it. @default none */
  filter?: FilterExpression | null;
}

const searchableSchema = (example: string) =>
  z.custom<Searchable>((value) => typeof value === "object" && value !== null && typeof (value as Searchable).search === "function", `must be a retriever of this library with a search method (e.g. ${example})`);

const optionsSchema = z
  .object({
    documents: searchableSchema("NaiveRetriever"),
    passages: searchableSchema("ParentDocumentRetriever"),
    k: z.number().int().positive().max(10_000).optional(),
    candidates: z.number().int().positive().max(100_000).optional(),
    passageWeight: z.number().min(0).max(1).optional(),
    filter: filterExpressionSchema.nullable().optional(),
  })
  .loose();

/**
 * Dense matching at two granularities: each document's score blends its whole-document similarity
 * with the similarity of its best passage, (1 − w) · document + w · passage. A review that makes the
 * point in one sentence (which the whole-document vector dilutes) and a document that is about the
 * question throughout both rank high. Each side fetches `candidates`; a document one side did not
 * return gets that side's lowest returned score (an upper bound of its true score, so nothing is
 * penalised for being missed by the window). Measured in bench/semantic-probe.ts (docs/SEMANTIC.md).
 * Results have stage "dense" and `details.document` / `details.passage` with each side's score (null
 * when that side did not return the document).
 */
export class PassageBlendRetriever extends SearchRetriever {
  static override lc_name(): string {
    return "PassageBlendRetriever";
  }

  readonly documents: Searchable;
  readonly passages: Searchable;
  readonly k: number;
  readonly candidates: number;
  readonly passageWeight: number;
  readonly filter: FilterExpression | null;

  constructor(options: PassageBlendRetrieverOptions) {
    const parsed = parseOptions(optionsSchema, options, "PassageBlendRetriever");
    super(options);
    this.documents = options.documents;
    this.passages = options.passages;
    this.k = parsed.k ?? DEFAULT_PASSAGE_BLEND_K;
    this.candidates = parsed.candidates ?? DEFAULT_PASSAGE_BLEND_CANDIDATES;
    this.passageWeight = parsed.passageWeight ?? DEFAULT_PASSAGE_WEIGHT;
    this.filter = parsed.filter ?? null;
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchResult[]> {
    validateQuery(query);
    throwIfAborted(options.signal);
    const k = options.k ?? this.k;
    const candidates = Math.max(this.candidates, k);
    const filter = andFilters(this.filter, options.filter);
    const [documentHits, passageHits] = await Promise.all([
      this.passageWeight < 1 ? this.documents.search(query, { k: candidates, filter, signal: options.signal }) : Promise.resolve([]),
      this.passageWeight > 0 ? this.passages.search(query, { k: candidates, filter, signal: options.signal }) : Promise.resolve([]),
    ]);
    throwIfAborted(options.signal);
    return blendScores(documentHits, passageHits, this.passageWeight).slice(0, k);
  }
}

/**
 * Blends two score lists of the same documents (matched by id): (1 − w) · document + w · passage, a
 * missing score replaced by the lowest score its side returned. Sorted best first, ties by the order
 * of first appearance (document side first). Pure; exported for tests and other techniques.
 */
export function blendScores(documentHits: readonly SearchResult[], passageHits: readonly SearchResult[], passageWeight: number): SearchResult[] {
  const floor = (hits: readonly SearchResult[]) => (hits.length === 0 ? 0 : Math.min(...hits.map((hit) => hit.score)));
  const documentFloor = floor(documentHits);
  const passageFloor = floor(passageHits);
  const entries = new Map<string, { document: DocumentInterface; documentScore: number | null; passageScore: number | null; order: number }>();
  const visit = (hits: readonly SearchResult[], side: "documentScore" | "passageScore") => {
    for (const hit of hits) {
      const id = hit.document.id ?? contentHashId(hit.document);
      let entry = entries.get(id);
      if (entry === undefined) {
        entry = { document: hit.document, documentScore: null, passageScore: null, order: entries.size };
        entries.set(id, entry);
      }
      if (entry[side] === null) entry[side] = hit.score;
    }
  };
  visit(documentHits, "documentScore");
  visit(passageHits, "passageScore");
  return [...entries.values()]
    .map((entry) => ({
      entry,
      score: (1 - passageWeight) * (entry.documentScore ?? documentFloor) + passageWeight * (entry.passageScore ?? passageFloor),
    }))
    .sort((left, right) => right.score - left.score || left.entry.order - right.entry.order)
    .map(({ entry, score }) => ({
      document: entry.document,
      score,
      stage: "dense" as const,
      details: { document: entry.documentScore, passage: entry.passageScore, passageWeight },
    }));
}
