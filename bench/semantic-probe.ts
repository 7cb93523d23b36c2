/**
 * Semantic-quality probe: what improves nDCG@10 on the SEMANTIC queries of both bundled datasets
 * (John Wick reviews, products), with local Universal Sentence Encoder embeddings, offline.
 *
 * Every candidate is scored over the whole (small) corpus from vectors computed once, so a grid costs
 * arithmetic only. Candidates with parameters are evaluated by 5-fold cross-validation over the
 * queries of one dataset (parameters chosen on 4 folds, scored on the 5th; the number reported is the
 * mean over all queries of their held-out scores), and by transfer (parameters chosen on the other
 * dataset). Fixed candidates (no parameter) are reported as measured.
 *
 *   dense                 cosine(question, document)                          = naive
 *   dense+title           the title prepended to the content before embedding
 *   dense ⊕ title         cosine with the content + w · cosine with the title alone
 *   sentence max / mean   max / mean over the cosines of the document's sentences
 *   dense ⊕ sentence max  (1 − λ) · dense + λ · sentence max
 *   chunk max, dense ⊕ chunk max   the same with 200-character chunks (the parent-document children)
 *   dense PRF (Rocchio)   question vector + β · mean of the top-m document vectors, then dense again
 *   hybrid RRF (CV)       BM25 + dense, weighted RRF, bm25 weight and c chosen by cross-validation
 *   BM25 RM3 + dense      BM25 with the question expanded by the top terms of the top BM25 documents, RRF with dense
 *   + local reranker      src/rerankers/local-reranker.ts over the top 30 of a first stage
 *
 * "p vs hybrid": paired randomization test (10,000 sign flips) of the cross-validated per-query nDCG
 * against hybrid RRF (1:1, c 60). Results and the decision taken are in docs/SEMANTIC.md.
 *
 *   npm run bench:semantic                 (writes bench-results/semantic-probe.json)
 *   npm run bench:semantic -- --all-kinds  (every query, not only semantic)
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { DocumentInterface } from "@langchain/core/documents";
import { RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import { createEmbeddings } from "../src/embeddings/create-embeddings.js";
import { evaluateRanking, mean } from "../src/evaluation/metrics.js";
import { Bm25Index } from "../src/hybrid/bm25-index.js";
import { TextAnalyzer } from "../src/hybrid/text-analyzer.js";
import type { Searchable } from "../src/core/search-retriever.js";
import { HybridRetriever } from "../src/hybrid/hybrid-retriever.js";
import { NaiveRetriever } from "../src/naive/naive-retriever.js";
import { ParentDocumentRetriever } from "../src/parent-document/parent-document-retriever.js";
import { ContextualCompressionRetriever } from "../src/rerank/contextual-compression-retriever.js";
import { LocalReranker } from "../src/rerankers/local-reranker.js";
import { MemoryStore } from "../src/stores/memory/memory-store.js";
import { splitSentences } from "../src/rerankers/sentences.js";
import { crossValidate } from "../src/evaluation/cross-validate.js";
import { pairedRandomizationTest } from "../src/evaluation/randomization-test.js";
import { reciprocalRankFusion } from "../src/hybrid/fusion.js";
import { DATASET_NAMES, loadBenchDataset, withTitles, type BenchDataset, type LabeledQuery } from "./peers-datasets.js";

const { values } = parseArgs({
  options: {
    "all-kinds": { type: "boolean", default: false },
    output: { type: "string", default: "bench-results" },
    folds: { type: "string", default: "5" },
  },
});
const K = 10;
const FOLDS = Number(values.folds);
const RERANK_CANDIDATES = 30;
const SEED = 20261201;

type Embeddings = ReturnType<typeof createEmbeddings>;

/** Everything a candidate needs for one query, computed once. */
interface QueryFeatures {
  query: LabeledQuery;
  vector: number[];
  dense: number[];
  denseTitled: number[];
  title: number[];
  sentenceMax: number[];
  sentenceMean: number[];
  /** Max cosine over 200-character chunks (the parent-document technique's default children). */
  chunkMax: number[];
  bm25: number[];
  bm25Titled: number[];
}

interface Corpus {
  dataset: BenchDataset;
  ids: string[];
  documentVectors: number[][];
  titledVectors: number[][];
  features: QueryFeatures[];
  bm25: Bm25Index;
  analyzer: TextAnalyzer;
  documents: DocumentInterface[];
}

function scoresFromHits(ids: string[], hits: Array<{ document: DocumentInterface; score: number }>): number[] {
  const byId = new Map(hits.map((hit) => [hit.document.id as string, hit.score]));
  return ids.map((id) => byId.get(id) ?? 0);
}

async function buildCorpus(dataset: BenchDataset, embeddings: Embeddings, allKinds: boolean): Promise<Corpus> {
  const documents = dataset.documents;
  const titled = withTitles(dataset);
  const ids = documents.map((document) => document.id as string);
  const documentVectors = await embeddings.embedDocuments(documents.map((document) => document.pageContent));
  const titledVectors = await embeddings.embedDocuments(titled.map((document) => document.pageContent));
  const titleVectors = await embeddings.embedDocuments(ids.map((id) => dataset.titles.get(id) || " "));
  const sentences = documents.map((document) => splitSentences(document.pageContent));
  const flat = sentences.flat();
  const flatVectors = await embeddings.embedDocuments(flat);
  const sentenceVectors: number[][][] = [];
  let offset = 0;
  for (const list of sentences) {
    sentenceVectors.push(flatVectors.slice(offset, offset + list.length));
    offset += list.length;
  }
  const splitter = new RecursiveCharacterTextSplitter({ chunkSize: 200, chunkOverlap: 0 });
  const chunks = await Promise.all(documents.map((document) => splitter.splitText(document.pageContent)));
  const flatChunkVectors = await embeddings.embedDocuments(chunks.flat());
  const chunkVectors: number[][][] = [];
  offset = 0;
  for (const list of chunks) {
    chunkVectors.push(flatChunkVectors.slice(offset, offset + list.length));
    offset += list.length;
  }
  const bm25 = Bm25Index.fromDocuments(documents);
  const bm25Titled = Bm25Index.fromDocuments(titled);
  const queries = dataset.queries.filter((query) => allKinds || query.kind === "semantic");
  const features: QueryFeatures[] = [];
  for (const query of queries) {
    const vector = await embeddings.embedQuery(query.query);
    const sentenceScores = sentenceVectors.map((list) => list.map((sentence) => cosineSimilarity(vector, sentence)));
    features.push({
      query,
      vector,
      dense: documentVectors.map((document) => cosineSimilarity(vector, document)),
      denseTitled: titledVectors.map((document) => cosineSimilarity(vector, document)),
      title: titleVectors.map((title) => cosineSimilarity(vector, title)),
      sentenceMax: sentenceScores.map((list) => (list.length === 0 ? -1 : Math.max(...list))),
      sentenceMean: sentenceScores.map((list) => (list.length === 0 ? -1 : mean(list))),
      chunkMax: chunkVectors.map((list) => (list.length === 0 ? -1 : Math.max(...list.map((chunk) => cosineSimilarity(vector, chunk))))),
      bm25: scoresFromHits(ids, bm25.search(query.query, { k: ids.length })),
      bm25Titled: scoresFromHits(ids, bm25Titled.search(query.query, { k: ids.length })),
    });
  }
  return { dataset, ids, documentVectors, titledVectors, features, bm25, analyzer: new TextAnalyzer(), documents };
}

/** Ids ordered by score (descending), ties by id. */
function rank(ids: string[], scores: number[]): string[] {
  return ids
    .map((id, index) => ({ id, score: scores[index]! }))
    .sort((left, right) => right.score - left.score || (left.id < right.id ? -1 : left.id > right.id ? 1 : 0))
    .map((item) => item.id);
}

function ndcgOf(ranked: string[], query: LabeledQuery): number {
  const top = ranked.slice(0, K);
  return evaluateRanking(
    top.map((id, index) => ({ id, score: top.length - index })),
    query.relevant,
    K,
  ).ndcg;
}

function cosineSimilarity(left: readonly number[], right: readonly number[]): number {
  let dot = 0;
  let leftNorm = 0;
  let rightNorm = 0;
  for (let index = 0; index < left.length; index += 1) {
    dot += left[index]! * right[index]!;
    leftNorm += left[index]! * left[index]!;
    rightNorm += right[index]! * right[index]!;
  }
  return leftNorm === 0 || rightNorm === 0 ? 0 : dot / Math.sqrt(leftNorm * rightNorm);
}

/** Rocchio pseudo-relevance feedback: the question vector plus `feedbackWeight` times the mean of the top documents' vectors. */
function denseFeedbackQuery(
  query: readonly number[],
  scores: readonly number[],
  vectors: readonly number[][],
  options: { feedbackDocuments: number; feedbackWeight: number },
): number[] {
  const top = scores
    .map((score, index) => ({ score, index }))
    .sort((left, right) => right.score - left.score || left.index - right.index)
    .slice(0, options.feedbackDocuments);
  const centroid = query.map(() => 0);
  for (const { index } of top) for (const [dimension, value] of vectors[index]!.entries()) centroid[dimension]! += value / top.length;
  return query.map((value, dimension) => value + options.feedbackWeight * centroid[dimension]!);
}

/** A candidate: parameters -> per-query ranking. */
type Candidate<P> = {
  name: string;
  grid: readonly P[];
  defaults: P;
  rankQuery(corpus: Corpus, features: QueryFeatures, parameters: P): string[];
};

/** Candidates per leg before fusion (as HybridRetriever's default). */
const LEG_CANDIDATES = 50;

/** Weighted RRF of score legs; a `lexical` leg keeps only matching documents (score above 0), as BM25 does. */
const fuse = (ids: string[], legs: Array<{ scores: number[]; weight: number; lexical?: boolean }>, constant: number): number[] => {
  const fused = reciprocalRankFusion(
    legs
      .filter((leg) => leg.weight > 0)
      .map((leg) => {
        const ranked = rank(ids, leg.scores).filter((id) => leg.lexical !== true || leg.scores[ids.indexOf(id)]! > 0);
        return { weight: leg.weight, ranking: ranked.slice(0, LEG_CANDIDATES).map((id, index) => ({ id, score: -index })) };
      }),
    { constant },
  );
  const byId = new Map(fused.map((item) => [item.id, item.score]));
  return ids.map((id) => byId.get(id) ?? 0);
};

/** Document frequency of each index term of the corpus (computed once per corpus). */
const documentFrequencies = new WeakMap<Corpus, Map<string, number>>();

/** RM3-style expansion words: the top `terms` stems of the `documents` feedback documents, weighted by tf/len · idf (surface form of the first occurrence). */
function expansionWords(corpus: Corpus, features: QueryFeatures, feedbackIds: string[], terms: number): string[] {
  const analyzer = corpus.analyzer;
  let documentFrequency = documentFrequencies.get(corpus);
  if (documentFrequency === undefined) {
    documentFrequency = new Map();
    for (const document of corpus.documents)
      for (const term of new Set(analyzer.analyze(document.pageContent)))
        documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    documentFrequencies.set(corpus, documentFrequency);
  }
  const weights = new Map<string, number>();
  const surface = new Map<string, string>();
  for (const id of feedbackIds) {
    const index = corpus.ids.indexOf(id);
    const words = analyzer.tokenize(corpus.documents[index]!.pageContent);
    const stems = words.map((word) => analyzer.processTerm(word));
    const length = Math.max(1, stems.filter((stem) => stem !== null).length);
    for (const [position, stem] of stems.entries()) {
      if (stem === null) continue;
      const idf = Math.log(1 + corpus.ids.length / (documentFrequency.get(stem) ?? 1));
      weights.set(stem, (weights.get(stem) ?? 0) + idf / length);
      if (!surface.has(stem)) surface.set(stem, words[position]!);
    }
  }
  const queryStems = new Set(analyzer.analyze(features.query.query));
  return [...weights.entries()]
    .filter(([stem]) => !queryStems.has(stem))
    .sort((left, right) => right[1] - left[1] || (left[0] < right[0] ? -1 : 1))
    .slice(0, terms)
    .map(([stem]) => surface.get(stem)!);
}

interface Rm3Parameters {
  documents: number;
  terms: number;
  weight: number;
  source: "bm25" | "hybrid";
  repeat: number;
}

/** BM25 over the question (repeated `repeat` times, its weight against the expansion) plus expansion words, fused with dense by RRF (c 60). */
function rm3Scores(corpus: Corpus, features: QueryFeatures, parameters: Rm3Parameters, dense: number[] = features.dense): number[] {
  const first =
    parameters.source === "bm25"
      ? rank(corpus.ids, features.bm25).filter((id) => features.bm25[corpus.ids.indexOf(id)]! > 0)
      : rank(
          corpus.ids,
          fuse(
            corpus.ids,
            [
              { scores: features.dense, weight: 1 },
              { scores: features.bm25, weight: 1, lexical: true },
            ],
            60,
          ),
        );
  const words = expansionWords(corpus, features, first.slice(0, parameters.documents), parameters.terms);
  const question = Array.from({ length: parameters.repeat }, () => features.query.query).join(" ");
  const expanded = scoresFromHits(corpus.ids, corpus.bm25.search(`${question} ${words.join(" ")}`, { k: corpus.ids.length }));
  return fuse(
    corpus.ids,
    [
      { scores: dense, weight: 1 },
      { scores: expanded, weight: parameters.weight, lexical: true },
    ],
    60,
  );
}

const RM3_DEFAULTS: Rm3Parameters = { documents: 5, terms: 10, weight: 1, source: "bm25", repeat: 1 };
const RM3_GRID: Rm3Parameters[] = [3, 5, 10].flatMap((documents) =>
  [5, 10, 20].flatMap((terms) =>
    [0.5, 1].flatMap((weight) =>
      (["bm25", "hybrid"] as const).flatMap((source) => [1, 2].map((repeat) => ({ documents, terms, weight, source, repeat }))),
    ),
  ),
);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each candidate has its own parameter type
const candidates: Array<Candidate<any>> = [
  { name: "dense (= naive)", grid: [{}], defaults: {}, rankQuery: (corpus, features) => rank(corpus.ids, features.dense) },
  { name: "dense, title prepended", grid: [{}], defaults: {}, rankQuery: (corpus, features) => rank(corpus.ids, features.denseTitled) },
  {
    name: "dense ⊕ w·title cosine",
    grid: [0.1, 0.25, 0.5, 1].map((weight) => ({ weight })),
    defaults: { weight: 0.25 },
    rankQuery: (corpus, features, { weight }: { weight: number }) =>
      rank(
        corpus.ids,
        features.dense.map((score, index) => score + weight * features.title[index]!),
      ),
  },
  { name: "sentence max", grid: [{}], defaults: {}, rankQuery: (corpus, features) => rank(corpus.ids, features.sentenceMax) },
  { name: "sentence mean", grid: [{}], defaults: {}, rankQuery: (corpus, features) => rank(corpus.ids, features.sentenceMean) },
  {
    name: "dense ⊕ ½·sentence max, fixed",
    grid: [{}],
    defaults: {},
    rankQuery: (corpus, features) =>
      rank(
        corpus.ids,
        features.dense.map((score, index) => 0.5 * score + 0.5 * features.sentenceMax[index]!),
      ),
  },
  {
    name: "chunk max (200 chars, = parent-document)",
    grid: [{}],
    defaults: {},
    rankQuery: (corpus, features) => rank(corpus.ids, features.chunkMax),
  },
  {
    name: "dense ⊕ ½·chunk max, fixed",
    grid: [{}],
    defaults: {},
    rankQuery: (corpus, features) =>
      rank(
        corpus.ids,
        features.dense.map((score, index) => 0.5 * score + 0.5 * features.chunkMax[index]!),
      ),
  },
  {
    name: "dense ⊕ λ·chunk max",
    grid: [0.25, 0.5, 0.75].map((lambda) => ({ lambda })),
    defaults: { lambda: 0.5 },
    rankQuery: (corpus, features, { lambda }: { lambda: number }) =>
      rank(
        corpus.ids,
        features.dense.map((score, index) => (1 - lambda) * score + lambda * features.chunkMax[index]!),
      ),
  },
  {
    name: "BM25 RM3 + (dense ⊕ ½·chunk max), fixed defaults",
    grid: [RM3_DEFAULTS],
    defaults: RM3_DEFAULTS,
    rankQuery: (corpus, features, parameters: Rm3Parameters) =>
      rank(
        corpus.ids,
        rm3Scores(
          corpus,
          features,
          parameters,
          features.dense.map((score, index) => 0.5 * score + 0.5 * features.chunkMax[index]!),
        ),
      ),
  },
  {
    name: "hybrid RRF over (dense ⊕ ½·chunk max)",
    grid: [{}],
    defaults: {},
    rankQuery: (corpus, features) =>
      rank(
        corpus.ids,
        fuse(
          corpus.ids,
          [
            { scores: features.dense.map((score, index) => 0.5 * score + 0.5 * features.chunkMax[index]!), weight: 1 },
            { scores: features.bm25, weight: 1, lexical: true },
          ],
          60,
        ),
      ),
  },
  {
    name: "hybrid RRF over (dense ⊕ ½·sentence max)",
    grid: [{}],
    defaults: {},
    rankQuery: (corpus, features) =>
      rank(
        corpus.ids,
        fuse(
          corpus.ids,
          [
            { scores: features.dense.map((score, index) => 0.5 * score + 0.5 * features.sentenceMax[index]!), weight: 1 },
            { scores: features.bm25, weight: 1, lexical: true },
          ],
          60,
        ),
      ),
  },
  {
    name: "dense ⊕ λ·sentence max",
    grid: [0.25, 0.5, 0.75].map((lambda) => ({ lambda })),
    defaults: { lambda: 0.5 },
    rankQuery: (corpus, features, { lambda }: { lambda: number }) =>
      rank(
        corpus.ids,
        features.dense.map((score, index) => (1 - lambda) * score + lambda * features.sentenceMax[index]!),
      ),
  },
  {
    name: "dense PRF (Rocchio)",
    grid: [3, 5, 10].flatMap((documents) => [0.5, 1, 2].map((beta) => ({ documents, beta }))),
    defaults: { documents: 5, beta: 1 },
    rankQuery: (corpus, features, { documents, beta }: { documents: number; beta: number }) => {
      const expanded = denseFeedbackQuery(features.vector, features.dense, corpus.documentVectors, {
        feedbackDocuments: documents,
        feedbackWeight: beta,
      });
      return rank(
        corpus.ids,
        corpus.documentVectors.map((vector) => cosineSimilarity(expanded, vector)),
      );
    },
  },
  {
    name: "dense PRF + title prepended",
    grid: [3, 5, 10].flatMap((documents) => [0.5, 1, 2].map((beta) => ({ documents, beta }))),
    defaults: { documents: 5, beta: 1 },
    rankQuery: (corpus, features, { documents, beta }: { documents: number; beta: number }) => {
      const vectors = corpus.titledVectors;
      const expanded = denseFeedbackQuery(features.vector, features.denseTitled, vectors, {
        feedbackDocuments: documents,
        feedbackWeight: beta,
      });
      return rank(
        corpus.ids,
        vectors.map((vector) => cosineSimilarity(expanded, vector)),
      );
    },
  },
  {
    name: "hybrid RRF (1:1, c 60) (= hybrid)",
    grid: [{}],
    defaults: {},
    rankQuery: (corpus, features) =>
      rank(
        corpus.ids,
        fuse(
          corpus.ids,
          [
            { scores: features.dense, weight: 1 },
            { scores: features.bm25, weight: 1, lexical: true },
          ],
          60,
        ),
      ),
  },
  {
    name: "hybrid RRF (bm25 w, c by CV)",
    grid: [0, 0.25, 0.5, 1, 2].flatMap((weight) => [10, 30, 60].map((constant) => ({ weight, constant }))),
    defaults: { weight: 1, constant: 60 },
    rankQuery: (corpus, features, { weight, constant }: { weight: number; constant: number }) =>
      rank(
        corpus.ids,
        fuse(
          corpus.ids,
          [
            { scores: features.dense, weight: 1 },
            { scores: features.bm25, weight, lexical: true },
          ],
          constant,
        ),
      ),
  },
  {
    name: "hybrid RRF, title prepended (both legs)",
    grid: [0, 0.25, 0.5, 1, 2].flatMap((weight) => [10, 30, 60].map((constant) => ({ weight, constant }))),
    defaults: { weight: 1, constant: 60 },
    rankQuery: (corpus, features, { weight, constant }: { weight: number; constant: number }) =>
      rank(
        corpus.ids,
        fuse(
          corpus.ids,
          [
            { scores: features.denseTitled, weight: 1 },
            { scores: features.bm25Titled, weight, lexical: true },
          ],
          constant,
        ),
      ),
  },
  {
    name: "BM25 RM3 + dense (RRF)",
    grid: RM3_GRID,
    defaults: RM3_DEFAULTS,
    rankQuery: (corpus, features, parameters: Rm3Parameters) => rank(corpus.ids, rm3Scores(corpus, features, parameters)),
  },
  {
    name: "BM25 RM3 + dense, fixed defaults (m 5, 10 terms)",
    grid: [RM3_DEFAULTS],
    defaults: RM3_DEFAULTS,
    rankQuery: (corpus, features, parameters: Rm3Parameters) => rank(corpus.ids, rm3Scores(corpus, features, parameters)),
  },
  {
    name: "BM25 RM3 + (dense ⊕ ½·sentence max), fixed defaults",
    grid: [RM3_DEFAULTS],
    defaults: RM3_DEFAULTS,
    rankQuery: (corpus, features, parameters: Rm3Parameters) =>
      rank(
        corpus.ids,
        rm3Scores(
          corpus,
          features,
          parameters,
          features.dense.map((score, index) => 0.5 * score + 0.5 * features.sentenceMax[index]!),
        ),
      ),
  },
  {
    name: "BM25 RM3 + (dense ⊕ ½·sentence max)",
    grid: RM3_GRID,
    defaults: RM3_DEFAULTS,
    rankQuery: (corpus, features, parameters: Rm3Parameters) =>
      rank(
        corpus.ids,
        rm3Scores(
          corpus,
          features,
          parameters,
          features.dense.map((score, index) => 0.5 * score + 0.5 * features.sentenceMax[index]!),
        ),
      ),
  },
];

interface Measured {
  candidate: string;
  dataset: string;
  defaults: number;
  crossValidated: number;
  transfer: number | null;
  chosen: string;
  perQuery: number[];
  /** Paired randomization test of the cross-validated per-query nDCG against hybrid (1:1, c 60). */
  pValueVersusHybrid?: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see `candidates`
function scoreGrid(corpus: Corpus, candidate: Candidate<any>): number[][] {
  return candidate.grid.map((parameters) =>
    corpus.features.map((features) => ndcgOf(candidate.rankQuery(corpus, features, parameters), features.query)),
  );
}

function bestIndex(grid: number[][]): number {
  let best = 0;
  for (let index = 1; index < grid.length; index += 1) if (mean(grid[index]!) > mean(grid[best]!) + 1e-12) best = index;
  return best;
}

async function rerankStage(corpus: Corpus, reranker: LocalReranker, firstStage: (features: QueryFeatures) => string[]): Promise<number[]> {
  const byId = new Map(corpus.documents.map((document) => [document.id as string, document]));
  const scores: number[] = [];
  for (const features of corpus.features) {
    const pool = firstStage(features)
      .slice(0, RERANK_CANDIDATES)
      .map((id) => byId.get(id)!);
    const order = await reranker.rerank(features.query.query, pool, { topN: K });
    scores.push(
      ndcgOf(
        order.map((result) => pool[result.index]!.id as string),
        features.query,
      ),
    );
  }
  return scores;
}

async function main(): Promise<void> {
  if (!Number.isInteger(FOLDS) || FOLDS < 2)
    throw new Error(`advanced-retrievers: --folds must be a whole number of at least 2, got ${values.folds}`);
  const embeddings = createEmbeddings({ provider: "local" });
  try {
    const corpora: Corpus[] = [];
    for (const name of DATASET_NAMES) {
      const dataset = await loadBenchDataset(name);
      const corpus = await buildCorpus(dataset, embeddings, values["all-kinds"]!);
      corpora.push(corpus);
      console.log(
        `${name}: ${dataset.documents.length} documents, ${corpus.features.length} ${values["all-kinds"] ? "" : "semantic "}queries`,
      );
    }
    const results: Measured[] = [];
    const grids = new Map<string, number[][]>();
    for (const candidate of candidates)
      for (const corpus of corpora) grids.set(`${candidate.name}|${corpus.dataset.name}`, scoreGrid(corpus, candidate));
    for (const candidate of candidates) {
      for (const corpus of corpora) {
        const grid = grids.get(`${candidate.name}|${corpus.dataset.name}`)!;
        const other = corpora.find((item) => item !== corpus)!;
        const otherGrid = grids.get(`${candidate.name}|${other.dataset.name}`)!;
        const defaultIndex = candidate.grid.findIndex((parameters) => JSON.stringify(parameters) === JSON.stringify(candidate.defaults));
        const validation = crossValidate(grid, { folds: FOLDS, seed: SEED });
        const transferIndex = bestIndex(otherGrid);
        results.push({
          candidate: candidate.name,
          dataset: corpus.dataset.name,
          defaults: mean(grid[Math.max(0, defaultIndex)]!),
          crossValidated: validation.mean,
          transfer: candidate.grid.length > 1 ? mean(grid[transferIndex]!) : null,
          chosen: validation.chosen.map((index) => JSON.stringify(candidate.grid[index])).join(" "),
          perQuery: validation.perQuery,
        });
      }
    }

    // The local reranker over a few first stages (fixed settings: the library's defaults).
    const reranker = new LocalReranker({ embeddings });
    const firstStages: Array<[string, (corpus: Corpus, features: QueryFeatures) => string[]]> = [
      ["dense", (corpus, features) => rank(corpus.ids, features.dense)],
      [
        "hybrid RRF (1:1, c 60)",
        (corpus, features) =>
          rank(
            corpus.ids,
            fuse(
              corpus.ids,
              [
                { scores: features.dense, weight: 1 },
                { scores: features.bm25, weight: 1, lexical: true },
              ],
              60,
            ),
          ),
      ],
      ["BM25 RM3 + dense (defaults)", (corpus, features) => rank(corpus.ids, rm3Scores(corpus, features, RM3_DEFAULTS))],
      [
        "dense PRF (m 5, β 1)",
        (corpus, features) => {
          const expanded = denseFeedbackQuery(features.vector, features.dense, corpus.documentVectors, {
            feedbackDocuments: 5,
            feedbackWeight: 1,
          });
          return rank(
            corpus.ids,
            corpus.documentVectors.map((vector) => cosineSimilarity(expanded, vector)),
          );
        },
      ],
      [
        "hybrid RRF over dense PRF (1:1, c 60)",
        (corpus, features) => {
          const expanded = denseFeedbackQuery(features.vector, features.dense, corpus.documentVectors, {
            feedbackDocuments: 5,
            feedbackWeight: 1,
          });
          const dense = corpus.documentVectors.map((vector) => cosineSimilarity(expanded, vector));
          return rank(
            corpus.ids,
            fuse(
              corpus.ids,
              [
                { scores: dense, weight: 1 },
                { scores: features.bm25, weight: 1, lexical: true },
              ],
              60,
            ),
          );
        },
      ],
    ];
    for (const [label, stage] of firstStages) {
      for (const corpus of corpora) {
        const perQuery = await rerankStage(corpus, reranker, (features) => stage(corpus, features));
        results.push({
          candidate: `local reranker over ${label}`,
          dataset: corpus.dataset.name,
          defaults: mean(perQuery),
          crossValidated: mean(perQuery),
          transfer: null,
          chosen: "",
          perQuery,
        });
      }
    }
    // Also the first stages alone (for the reranker rows' context).
    for (const [label, stage] of firstStages.slice(4)) {
      for (const corpus of corpora) {
        const perQuery = corpus.features.map((features) => ndcgOf(stage(corpus, features), features.query));
        results.push({
          candidate: label,
          dataset: corpus.dataset.name,
          defaults: mean(perQuery),
          crossValidated: mean(perQuery),
          transfer: null,
          chosen: "",
          perQuery,
        });
      }
    }

    // The local reranker's order fused (RRF, c 60) with the first stage's order: weight of the first stage chosen by CV.
    const baseWeights = [0, 0.25, 0.5, 1, 2];
    for (const corpus of corpora) {
      const byId = new Map(corpus.documents.map((document) => [document.id as string, document]));
      const grid: number[][] = baseWeights.map(() => []);
      for (const features of corpus.features) {
        const dense = features.dense.map((score, index) => 0.5 * score + 0.5 * features.chunkMax[index]!);
        const first = rank(corpus.ids, rm3Scores(corpus, features, RM3_DEFAULTS, dense)).slice(0, RERANK_CANDIDATES);
        const pool = first.map((id) => byId.get(id)!);
        const reranked = (await reranker.rerank(features.query.query, pool)).map((result) => pool[result.index]!.id as string);
        for (const [index, weight] of baseWeights.entries()) {
          const fused = reciprocalRankFusion(
            [
              { weight: 1, ranking: reranked.map((id, position) => ({ id, score: -position })) },
              { weight, ranking: first.map((id, position) => ({ id, score: -position })) },
            ].filter((leg) => leg.weight > 0),
            { constant: 60 },
          ).map((item) => item.id);
          grid[index]!.push(ndcgOf(fused, features.query));
        }
      }
      const validation = crossValidate(grid, { folds: FOLDS, seed: SEED });
      const other = corpora.find((item) => item !== corpus)!;
      results.push({
        candidate: "local reranker ⊕ w·first stage (RRF) over BM25 RM3 + (dense ⊕ ½·chunk max)",
        dataset: corpus.dataset.name,
        defaults: mean(grid[3]!),
        crossValidated: validation.mean,
        transfer: null,
        chosen: validation.chosen.map((index) => `w=${baseWeights[index]}`).join(" "),
        perQuery: validation.perQuery,
      });
      void other;
    }

    // The mechanisms as library classes (HybridRetriever with and without `feedback`), with their defaults, over naive and parent-document dense legs.
    for (const corpus of corpora) {
      const documents = corpus.documents;
      const store = new MemoryStore(embeddings);
      await store.addDocuments(documents);
      const naive = new NaiveRetriever({ store, k: K });
      const parentDocument = new ParentDocumentRetriever({ store: new MemoryStore(embeddings), k: K });
      await parentDocument.addDocuments(documents);
      const bm25 = Bm25Index.fromDocuments(documents);
      const classes: Array<[string, Searchable]> = [
        ["[class] HybridRetriever (defaults)", new HybridRetriever({ bm25, dense: naive, k: K })],
        ["[class] FeedbackHybridRetriever(bm25, naive)", new HybridRetriever({ bm25, dense: naive, k: K, feedback: {} })],
        ["[class] HybridRetriever(bm25, parent-document)", new HybridRetriever({ bm25, dense: parentDocument, k: K })],
        [
          "[class] FeedbackHybridRetriever(bm25, parent-document)",
          new HybridRetriever({ bm25, dense: parentDocument, k: K, feedback: {} }),
        ],
        [
          "[class] local rerank over FeedbackHybrid(bm25, parent-document)",
          new ContextualCompressionRetriever({
            base: new HybridRetriever({ bm25, dense: parentDocument, k: K, feedback: {} }),
            reranker,
            candidates: RERANK_CANDIDATES,
            topN: K,
          }),
        ],
      ];
      for (const [label, retriever] of classes) {
        const perQuery: number[] = [];
        for (const features of corpus.features)
          perQuery.push(
            ndcgOf(
              (await retriever.search(features.query.query, { k: K })).map((result) => result.document.id as string),
              features.query,
            ),
          );
        results.push({
          candidate: label,
          dataset: corpus.dataset.name,
          defaults: mean(perQuery),
          crossValidated: mean(perQuery),
          transfer: null,
          chosen: "",
          perQuery,
        });
      }
    }

    const names = [...new Set(results.map((result) => result.candidate))];
    const lines = [
      `| candidate | ${DATASET_NAMES.map((name) => `${name}: defaults | CV | transfer | p vs hybrid`).join(" | ")} |`,
      `| --- | ${DATASET_NAMES.map(() => "---: | ---: | ---: | ---:").join(" | ")} |`,
    ];
    for (const result of results) {
      const hybrid = results.find((item) => item.candidate === "hybrid RRF (1:1, c 60) (= hybrid)" && item.dataset === result.dataset)!;
      result.pValueVersusHybrid = pairedRandomizationTest(hybrid.perQuery, result.perQuery, { permutations: 10_000, seed: SEED }).pValue;
    }
    for (const name of names) {
      const cells = DATASET_NAMES.map((dataset) => {
        const result = results.find((item) => item.candidate === name && item.dataset === dataset)!;
        return `${result.defaults.toFixed(3)} | ${result.crossValidated.toFixed(3)} | ${result.transfer === null ? "–" : result.transfer.toFixed(3)} | ${result.pValueVersusHybrid!.toFixed(3)}`;
      });
      lines.push(`| ${name} | ${cells.join(" | ")} |`);
    }
    console.log(
      `\nnDCG@${K}, ${values["all-kinds"] ? "all" : "semantic"} queries (defaults = the candidate's default parameters; CV = ${FOLDS}-fold cross-validated; transfer = parameters chosen on the other dataset)\n`,
    );
    console.log(lines.join("\n"));
    for (const result of results.filter((item) => item.chosen !== "" && new Set(item.chosen.split(" ")).size >= 1)) {
      const grid = candidates.find((candidate) => candidate.name === result.candidate)?.grid.length ?? 2;
      if (grid > 1 && (result.candidate.startsWith("BM25 RM3") || result.candidate.includes("first stage")))
        console.log(`  ${result.candidate} / ${result.dataset}: chosen per fold ${result.chosen}`);
    }
    await mkdir(values.output!, { recursive: true });
    const path = join(values.output!, `semantic-probe${values["all-kinds"] ? "-all" : ""}.json`);
    await writeFile(path, `${JSON.stringify({ k: K, folds: FOLDS, seed: SEED, embeddings: embeddings.modelId, results }, null, 2)}\n`);
    console.log(`\n(wrote ${path})`);
  } finally {
    await embeddings.close();
  }
}

await main();
