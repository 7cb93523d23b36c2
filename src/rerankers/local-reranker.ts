import { createHash } from "node:crypto";
import type { DocumentInterface } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { z } from "zod/v4";
import { embeddingsOptionSchema } from "../core/option-schemas.js";
import { parseOptions } from "../core/parse-options.js";
import { throwIfAborted, validateQuery } from "../core/validate-query.js";
import { DEFAULT_RRF_CONSTANT, normalizedScoreFusion, reciprocalRankFusion, type FusionLeg } from "../hybrid/fusion.js";
import { TextAnalyzer } from "../hybrid/text-analyzer.js";
import { candidateBm25Scores } from "./candidate-bm25.js";
import { sortRerankResults, type Reranker, type RerankOptions, type RerankResult } from "./reranker.js";
import { DEFAULT_MAX_SENTENCE_WORDS, DEFAULT_MIN_SENTENCE_WORDS, splitSentences } from "./sentences.js";

/**
 * Default signal weights: equal. On the semantic queries of the labeled John Wick benchmark (see
 * bench/rerank-probe.ts --grid and src/rerankers/README.md) every signal helps, and tuned weights beat
 * equal ones by less than the noise of 20 queries, so the untuned choice is kept.
 */
export const DEFAULT_LOCAL_RERANKER_WEIGHTS = Object.freeze({ lexical: 1, sentence: 1, document: 1 });
/** Sentence and document vectors kept in memory (least recently used are evicted). */
export const DEFAULT_LOCAL_RERANKER_CACHE_SIZE = 20_000;

export const LOCAL_RERANKER_FUSION_METHODS = ["score", "rrf"] as const;
/** `score`: weighted average of min-max normalized signals (in [0, 1]); `rrf`: weighted reciprocal rank fusion. */
export type LocalRerankerFusion = (typeof LOCAL_RERANKER_FUSION_METHODS)[number];

export interface LocalRerankerOptions {
  /**
   * Embeddings for the semantic signals (sentence max-sim, whole-document similarity), e.g. the
   * `LocalEmbeddings` the store uses. Without them only the keyword signal is used. @default none
   */
  embeddings?: EmbeddingsInterface;
  /**
   * How much each signal counts; 0 turns one off. `lexical`: BM25 among the candidates; `sentence`: the
   * best cosine similarity between the question and any sentence of the document; `document`: cosine
   * similarity with the whole document. @default { lexical: 1, sentence: 1, document: 1 }
   */
  weights?: { lexical?: number; sentence?: number; document?: number };
  /** How the signals are combined. @default "score" */
  fusion?: LocalRerankerFusion;
  /** The `c` of reciprocal rank fusion (fusion "rrf" only). @default 60 */
  rrfConstant?: number;
  /** Porter stemming for the keyword signal. @default true */
  stemming?: boolean;
  /** Stop words for the keyword signal; `false` keeps all. @default ENGLISH_STOP_WORDS */
  stopWords?: string[] | false;
  /** Fragments under this many words are merged into a neighbouring sentence. @default 4 */
  minSentenceWords?: number;
  /** Longer unpunctuated runs are cut into pieces of this many words. @default 60 */
  maxSentenceWords?: number;
  /** Sentence/document vectors kept in memory, keyed by a hash of the text. @default 20000 */
  cacheSize?: number;
}

const weightSchema = z.number().min(0).finite();

const optionsSchema = z
  .object({
    embeddings: embeddingsOptionSchema.optional(),
    weights: z
      .object({ lexical: weightSchema.optional(), sentence: weightSchema.optional(), document: weightSchema.optional() })
      .strict()
      .optional(),
    fusion: z.enum(LOCAL_RERANKER_FUSION_METHODS).optional(),
    rrfConstant: z.number().min(0).finite().optional(),
    stemming: z.boolean().optional(),
    stopWords: z.union([z.array(z.string()), z.literal(false)]).optional(),
    minSentenceWords: z.number().int().min(1).max(1_000).optional(),
    maxSentenceWords: z.number().int().min(1).max(10_000).optional(),
    cacheSize: z.number().int().min(0).max(10_000_000).optional(),
  })
  .strict()
  .superRefine((options, context) => {
    const lexical = options.weights?.lexical ?? DEFAULT_LOCAL_RERANKER_WEIGHTS.lexical;
    const sentence = options.weights?.sentence ?? DEFAULT_LOCAL_RERANKER_WEIGHTS.sentence;
    const document = options.weights?.document ?? DEFAULT_LOCAL_RERANKER_WEIGHTS.document;
    const semantic = options.embeddings === undefined ? 0 : sentence + document;
    if (lexical + semantic === 0) {
      context.addIssue({
        code: "custom",
        path: ["weights"],
        message:
          options.embeddings === undefined
            ? "the lexical weight must be above 0 when no embeddings are given"
            : "at least one weight must be above 0",
      });
    }
  });

/** Raw per-document signals, for inspection and benchmarks. */
export interface LocalRerankerSignals {
  /** BM25 among the candidates (unbounded). */
  lexical: number[];
  /** Best question-sentence cosine per document; null when embeddings or the weight are absent. */
  sentence: number[] | null;
  /** Question-document cosine; null when embeddings or the weight are absent. */
  document: number[] | null;
}

/**
 * The offline second stage, used when no reranking service is configured. No cross-encoder weights
 * ship with the library, so it combines what is available: keyword evidence (BM25 over the candidate
 * set, stemmed, stop words removed) and, given embeddings, sentence-level max-sim (a review that says
 * the relevant thing in one sentence scores high even when the rest is about something else) plus
 * whole-document similarity. Signals are min-max normalized and averaged with weights (or fused by
 * RRF). Sentence and document vectors are cached in memory by content hash, so reranking candidates
 * seen before costs only the question's embedding.
 */
export class LocalReranker implements Reranker {
  readonly name: string;
  readonly embeddings: EmbeddingsInterface | undefined;
  readonly weights: { lexical: number; sentence: number; document: number };
  readonly fusion: LocalRerankerFusion;
  readonly rrfConstant: number;
  readonly analyzer: TextAnalyzer;
  readonly minSentenceWords: number;
  readonly maxSentenceWords: number;
  readonly cacheSize: number;
  private readonly vectorCache = new Map<string, number[]>();

  constructor(options: LocalRerankerOptions = {}) {
    const parsed = parseOptions(optionsSchema, options, "LocalReranker");
    this.embeddings = options.embeddings;
    const semantic = this.embeddings !== undefined;
    this.weights = {
      lexical: parsed.weights?.lexical ?? DEFAULT_LOCAL_RERANKER_WEIGHTS.lexical,
      sentence: semantic ? (parsed.weights?.sentence ?? DEFAULT_LOCAL_RERANKER_WEIGHTS.sentence) : 0,
      document: semantic ? (parsed.weights?.document ?? DEFAULT_LOCAL_RERANKER_WEIGHTS.document) : 0,
    };
    this.fusion = parsed.fusion ?? "score";
    this.rrfConstant = parsed.rrfConstant ?? DEFAULT_RRF_CONSTANT;
    this.analyzer = new TextAnalyzer({
      ...(parsed.stemming === undefined ? {} : { stemming: parsed.stemming }),
      ...(parsed.stopWords === undefined ? {} : { stopWords: parsed.stopWords }),
    });
    this.minSentenceWords = parsed.minSentenceWords ?? DEFAULT_MIN_SENTENCE_WORDS;
    this.maxSentenceWords = parsed.maxSentenceWords ?? DEFAULT_MAX_SENTENCE_WORDS;
    this.cacheSize = parsed.cacheSize ?? DEFAULT_LOCAL_RERANKER_CACHE_SIZE;
    this.name = semantic ? "local:bm25+sentence-maxsim" : "local:bm25";
  }

  async rerank(query: string, documents: DocumentInterface[], options: RerankOptions = {}): Promise<RerankResult[]> {
    validateQuery(query);
    throwIfAborted(options.signal);
    if (documents.length === 0) return [];
    const signals = await this.scoreSignals(query, documents, options.signal);
    const sorted = sortRerankResults(this.fuse(signals, documents.length));
    return options.topN === undefined ? sorted : sorted.slice(0, Math.max(0, options.topN));
  }

  /** The raw signals for each document (in input order), before normalization and fusion. */
  async scoreSignals(query: string, documents: DocumentInterface[], signal?: AbortSignal): Promise<LocalRerankerSignals> {
    const lexical =
      this.weights.lexical > 0
        ? candidateBm25Scores(
            this.analyzer.analyze(query),
            documents.map((document) => this.analyzer.analyze(document.pageContent)),
          )
        : documents.map(() => 0);
    if (this.embeddings === undefined || this.weights.sentence + this.weights.document === 0) {
      return { lexical, sentence: null, document: null };
    }

    const sentencesByDocument =
      this.weights.sentence > 0
        ? documents.map((document) =>
            splitSentences(document.pageContent, { minWords: this.minSentenceWords, maxWords: this.maxSentenceWords }),
          )
        : null;
    const texts = [
      ...(sentencesByDocument?.flat() ?? []),
      ...(this.weights.document > 0 ? documents.map((document) => document.pageContent) : []),
    ];
    const [queryVector, vectors] = await Promise.all([this.embeddings.embedQuery(query), this.embedWithCache(texts, signal)]);
    throwIfAborted(signal);

    const sentence =
      sentencesByDocument?.map((sentences) =>
        sentences.reduce(
          (best, text) => Math.max(best, cosine(queryVector, vectors.get(text)!)),
          sentences.length === 0 ? -1 : Number.NEGATIVE_INFINITY,
        ),
      ) ?? null;
    const document = this.weights.document > 0 ? documents.map((item) => cosine(queryVector, vectors.get(item.pageContent)!)) : null;
    return { lexical, sentence, document };
  }

  /** Combines signals into one score per document index (not sorted). */
  fuse(signals: LocalRerankerSignals, count: number): RerankResult[] {
    const leg = (scores: number[] | null, weight: number): FusionLeg | null =>
      scores === null || weight === 0
        ? null
        : {
            weight,
            ranking: scores
              .map((score, index) => ({ id: String(index), score }))
              .sort((a, b) => b.score - a.score || Number(a.id) - Number(b.id)),
          };
    const legs = [
      leg(signals.lexical, this.weights.lexical),
      leg(signals.sentence, this.weights.sentence),
      leg(signals.document, this.weights.document),
    ].filter((item): item is FusionLeg => item !== null);
    const fused = this.fusion === "rrf" ? reciprocalRankFusion(legs, { constant: this.rrfConstant }) : normalizedScoreFusion(legs);
    const scores = new Map(fused.map((item) => [Number(item.id), item.score]));
    return Array.from({ length: count }, (_, index) => ({ index, score: scores.get(index) ?? 0 }));
  }

  /** Vectors for texts, from the in-memory cache or one embedDocuments call for the missing ones. */
  private async embedWithCache(texts: string[], signal: AbortSignal | undefined): Promise<Map<string, number[]>> {
    const result = new Map<string, number[]>();
    const missing: string[] = [];
    for (const text of new Set(texts)) {
      const key = hashText(text);
      const cached = this.vectorCache.get(key);
      if (cached === undefined) {
        missing.push(text);
        continue;
      }
      this.vectorCache.delete(key);
      this.vectorCache.set(key, cached);
      result.set(text, cached);
    }
    if (missing.length > 0) {
      throwIfAborted(signal);
      const vectors = await this.embeddings!.embedDocuments(missing);
      missing.forEach((text, index) => {
        const vector = vectors[index] ?? [];
        result.set(text, vector);
        this.remember(hashText(text), vector);
      });
    }
    return result;
  }

  private remember(key: string, vector: number[]): void {
    if (this.cacheSize === 0) return;
    this.vectorCache.set(key, vector);
    while (this.vectorCache.size > this.cacheSize) {
      const oldest = this.vectorCache.keys().next().value as string;
      this.vectorCache.delete(oldest);
    }
  }
}

function hashText(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("base64");
}

function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index += 1) {
    const x = a[index]!;
    const y = b[index]!;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}
