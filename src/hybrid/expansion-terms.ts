import type { Bm25Index } from "./bm25-index.js";
import type { TextAnalyzer } from "./text-analyzer.js";

/** Top BM25 documents of the first keyword pass the expansion words come from (`HybridRetriever`'s `feedback.documents`). */
export const DEFAULT_FEEDBACK_DOCUMENTS = 5;
/** Expansion words added to the keyword query when nobody says otherwise (`HybridRetriever`'s `feedback.terms`). */
export const DEFAULT_EXPANSION_TERMS = 10;

/**
 * Chooses pseudo-relevance-feedback words (RM3-style, Lavrenko and Croft 2001; Anserini's `-rm3`):
 * every index term of the feedback documents is weighted by the sum over those documents of
 * (its count / the document's length) · log(1 + N / document frequency), terms of the question itself
 * are left out, and the best `terms` are returned as the word first seen in the text (so analysing the
 * expanded question gives the same index terms). Document frequencies come from the BM25 index's
 * documents and are recomputed when the index's size changes (an upsert of the same number of
 * documents keeps the previous counts until `refresh()`).
 */
export class ExpansionTermSelector {
  readonly index: Bm25Index;
  private frequencies = new Map<string, number>();
  private countedSize = -1;

  constructor(index: Bm25Index) {
    this.index = index;
  }

  get analyzer(): TextAnalyzer {
    return this.index.analyzer;
  }

  /** Recounts document frequencies from the index's current documents. */
  refresh(): void {
    const frequencies = new Map<string, number>();
    for (const document of this.index.listDocuments()) {
      for (const term of new Set(this.analyzer.analyze(document.pageContent))) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
    }
    this.frequencies = frequencies;
    this.countedSize = this.index.size;
  }

  /** Document frequency of an index term (0 when no document has it). */
  documentFrequency(term: string): number {
    if (this.countedSize !== this.index.size) this.refresh();
    return this.frequencies.get(term) ?? 0;
  }

  /**
   * The best `terms` expansion words for `question` from `feedbackTexts` (best first; ties by term, so
   * the choice is deterministic). Empty when there is no feedback text or `terms` is 0.
   */
  select(question: string, feedbackTexts: readonly string[], terms: number = DEFAULT_EXPANSION_TERMS): string[] {
    if (terms <= 0 || feedbackTexts.length === 0) return [];
    if (this.countedSize !== this.index.size) this.refresh();
    const documentCount = Math.max(1, this.index.size);
    const questionTerms = new Set(this.analyzer.analyze(question));
    const weights = new Map<string, number>();
    const surface = new Map<string, string>();
    for (const text of feedbackTexts) {
      const words = this.analyzer.tokenize(text);
      const stems = words.map((word) => this.analyzer.processTerm(word));
      const length = stems.filter((stem) => stem !== null).length;
      if (length === 0) continue;
      for (const [position, stem] of stems.entries()) {
        if (stem === null || questionTerms.has(stem)) continue;
        const inverse = Math.log(1 + documentCount / Math.max(1, this.frequencies.get(stem) ?? 0));
        weights.set(stem, (weights.get(stem) ?? 0) + inverse / length);
        if (!surface.has(stem)) surface.set(stem, words[position] as string);
      }
    }
    return [...weights.entries()]
      .sort((left, right) => right[1] - left[1] || (left[0] < right[0] ? -1 : left[0] > right[0] ? 1 : 0))
      .slice(0, terms)
      .map(([stem]) => surface.get(stem) as string);
  }
}
