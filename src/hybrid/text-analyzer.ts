import { porterStem } from "./porter-stemmer.js";

/**
 * Common English function words that carry no topic (the classic SMART/Lucene-style short list, plus
 * contraction fragments). Removed before BM25 so "what do people think of the plot" matches on
 * "people", "think" and "plot" only.
 */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set([
  "a",
  "about",
  "above",
  "after",
  "again",
  "against",
  "all",
  "am",
  "an",
  "and",
  "any",
  "are",
  "as",
  "at",
  "be",
  "because",
  "been",
  "before",
  "being",
  "below",
  "between",
  "both",
  "but",
  "by",
  "can",
  "could",
  "did",
  "do",
  "does",
  "doing",
  "down",
  "during",
  "each",
  "few",
  "for",
  "from",
  "further",
  "had",
  "has",
  "have",
  "having",
  "he",
  "her",
  "here",
  "hers",
  "herself",
  "him",
  "himself",
  "his",
  "how",
  "i",
  "if",
  "in",
  "into",
  "is",
  "it",
  "its",
  "itself",
  "just",
  "me",
  "more",
  "most",
  "my",
  "myself",
  "no",
  "nor",
  "not",
  "now",
  "of",
  "off",
  "on",
  "once",
  "only",
  "or",
  "other",
  "our",
  "ours",
  "ourselves",
  "out",
  "over",
  "own",
  "same",
  "she",
  "should",
  "so",
  "some",
  "such",
  "than",
  "that",
  "the",
  "their",
  "theirs",
  "them",
  "themselves",
  "then",
  "there",
  "these",
  "they",
  "this",
  "those",
  "through",
  "to",
  "too",
  "under",
  "until",
  "up",
  "very",
  "was",
  "we",
  "were",
  "what",
  "when",
  "where",
  "which",
  "while",
  "who",
  "whom",
  "why",
  "will",
  "with",
  "would",
  "you",
  "your",
  "yours",
  "yourself",
  "yourselves",
  // contraction fragments left after splitting on the apostrophe ("don't" -> "don" "t")
  "s",
  "t",
  "d",
  "ll",
  "m",
  "re",
  "ve",
  "don",
  "doesn",
  "didn",
  "isn",
  "wasn",
  "aren",
  "weren",
  "won",
  "wouldn",
  "couldn",
  "shouldn",
  "hasn",
  "haven",
  "hadn",
]);

/** How text becomes index terms. Shared by the BM25 index, the hybrid retriever and the local reranker. */
export interface TextAnalyzerOptions {
  /** Reduce words to their Porter stem ("fights" -> "fight"). @default true */
  stemming?: boolean;
  /** Words dropped before stemming; `false` keeps every word. @default ENGLISH_STOP_WORDS */
  stopWords?: Iterable<string> | false;
  /** Terms shorter than this (in characters, before stemming) are dropped; digits always kept. @default 2 */
  minTermLength?: number;
}

/** Default shortest term kept: single letters carry no meaning in English reviews. */
export const DEFAULT_MIN_TERM_LENGTH = 2;

const WORD_PATTERN = /[\p{L}\p{N}]+/gu;
const DIACRITICS = /[\u0300-\u036f]/g;

/**
 * Tokenizes, lower-cases, folds accents, drops stop words and stems. Deterministic and pure; the same
 * analyzer must be used for documents and queries.
 */
export class TextAnalyzer {
  readonly stemming: boolean;
  readonly stopWords: ReadonlySet<string>;
  readonly minTermLength: number;

  constructor(options: TextAnalyzerOptions = {}) {
    this.stemming = options.stemming ?? true;
    this.stopWords = options.stopWords === false ? new Set() : new Set(options.stopWords ?? ENGLISH_STOP_WORDS);
    this.minTermLength = options.minTermLength ?? DEFAULT_MIN_TERM_LENGTH;
  }

  /** Raw words of a text: lower-cased, accents folded, split on anything that is not a letter or digit. */
  tokenize(text: string): string[] {
    const folded = text.normalize("NFKD").replace(DIACRITICS, "").toLowerCase();
    return folded.match(WORD_PATTERN) ?? [];
  }

  /** One word to its index term, or null when it is dropped (stop word, too short). */
  processTerm(word: string): string | null {
    const lower = word.toLowerCase();
    if (this.stopWords.has(lower)) return null;
    if (lower.length < this.minTermLength && !/^\p{N}+$/u.test(lower)) return null;
    return this.stemming ? porterStem(lower) : lower;
  }

  /** Index terms of a text, in order, duplicates kept (term frequency matters for BM25). */
  analyze(text: string): string[] {
    const terms: string[] = [];
    for (const word of this.tokenize(text)) {
      const term = this.processTerm(word);
      if (term !== null) terms.push(term);
    }
    return terms;
  }

  /** The settings, for persistence (an index must be reloaded with the analyzer that built it). */
  toJSON(): { stemming: boolean; stopWords: string[]; minTermLength: number } {
    return { stemming: this.stemming, stopWords: [...this.stopWords].sort(), minTermLength: this.minTermLength };
  }
}
