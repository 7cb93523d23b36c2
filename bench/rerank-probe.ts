/**
 * Rerank / hybrid probe: nDCG@10 on the SEMANTIC queries of the labeled John Wick benchmark for
 *
 *   naive (USE)            dense top-10 with the local Universal Sentence Encoder
 *   bm25                   keyword top-10 (MiniSearch BM25+, Porter stemming, stop words)
 *   hybrid rrf             BM25 + dense, 50 candidates each, weighted RRF (c = 60)
 *   rerank(naive, N)       local reranker over the dense top-N (default 30), top-10 kept
 *   rerank(hybrid, N)      local reranker over the hybrid top-N
 *
 * plus an ablation of the local reranker's signals and a small weight grid (what was tried to choose
 * the defaults). nDCG uses linear gain (the graded relevance 0/1/2), log2 discount, and the ideal
 * ranking from all graded documents of the query.
 *
 *   npx tsx bench/rerank-probe.ts
 *   npx tsx bench/rerank-probe.ts --candidates 30 --grid
 *
 * Needs the real dataset at ../shared (never copied into the repo). Embeddings are cached on disk
 * (the user cache folder (embeddings/)), so only the first run pays for embedding (~1,500 sentences).
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { DocumentInterface } from "@langchain/core/documents";
import { CachedEmbeddings } from "../src/embeddings/cache/cached-embeddings.js";
import { LocalEmbeddings } from "../src/embeddings/local/local-embeddings.js";
import { Bm25Index } from "../src/hybrid/bm25-index.js";
import { Bm25Retriever } from "../src/hybrid/bm25-retriever.js";
import { HybridRetriever } from "../src/hybrid/hybrid-retriever.js";
import { loadJohnWickReviews } from "../src/datasets/john-wick/load-reviews.js";
import { NaiveRetriever } from "../src/naive/naive-retriever.js";
import { ContextualCompressionRetriever } from "../src/rerank/contextual-compression-retriever.js";
import { LocalReranker, type LocalRerankerSignals } from "../src/rerankers/local-reranker.js";
import { sortRerankResults } from "../src/rerankers/reranker.js";
import { MemoryStore } from "../src/stores/memory/memory-store.js";
import type { SearchRetriever } from "../src/core/search-retriever.js";

const { values } = parseArgs({
  options: {
    data: { type: "string", default: "../shared/data/john-wick" },
    queries: { type: "string", default: "../shared/bench/john-wick-queries.jsonl" },
    candidates: { type: "string", default: "30" },
    grid: { type: "boolean", default: false },
    "per-query": { type: "boolean", default: false },
  },
});
const CUTOFF = 10;
const CANDIDATES = Number(values.candidates);

interface LabeledQuery {
  id: string;
  query: string;
  kind: string;
  relevant: Record<string, number>;
}

/** nDCG@k, linear gain, ideal ranking from all graded documents. */
function ndcgAt(rankedIds: readonly (string | undefined)[], relevant: Record<string, number>, k = CUTOFF): number {
  const dcg = rankedIds.slice(0, k).reduce((sum, id, index) => sum + (relevant[id ?? ""] ?? 0) / Math.log2(index + 2), 0);
  const ideal = Object.values(relevant)
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((sum, grade, index) => sum + grade / Math.log2(index + 2), 0);
  return ideal === 0 ? 0 : dcg / ideal;
}

const mean = (numbers: number[]) => numbers.reduce((sum, value) => sum + value, 0) / numbers.length;

async function main(): Promise<void> {
  const queries = (await readFile(resolve(values.queries), "utf8"))
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as LabeledQuery)
    .filter((query) => query.kind === "semantic");
  const documents = await loadJohnWickReviews(resolve(values.data));
  console.log(`${documents.length} reviews, ${queries.length} semantic queries, rerank candidates ${CANDIDATES}\n`);

  const local = new LocalEmbeddings();
  const embeddings = new CachedEmbeddings(local);
  try {
    const started = Date.now();
    const store = new MemoryStore(embeddings);
    await store.addDocuments(documents);
    const naive = new NaiveRetriever({ store, k: CUTOFF });
    const bm25Index = Bm25Index.fromDocuments(documents);
    const bm25 = new Bm25Retriever({ index: bm25Index, k: CUTOFF });
    const hybrid = new HybridRetriever({ bm25: bm25Index, dense: naive, k: CUTOFF, candidates: 50 });
    const reranker = new LocalReranker({ embeddings });
    const rerankNaive = new ContextualCompressionRetriever({ base: naive, reranker, candidates: CANDIDATES, topN: CUTOFF });
    const rerankHybrid = new ContextualCompressionRetriever({ base: hybrid, reranker, candidates: CANDIDATES, topN: CUTOFF });
    const systems: Array<[string, SearchRetriever]> = [
      ["naive (USE)", naive],
      ["bm25", bm25],
      ["hybrid rrf", hybrid],
      [`rerank(naive, ${CANDIDATES})`, rerankNaive],
      [`rerank(hybrid, ${CANDIDATES})`, rerankHybrid],
    ];

    const table: Record<string, number[]> = {};
    const recallCeiling: number[] = [];
    for (const query of queries) {
      for (const [name, retriever] of systems) {
        const ranked = (await retriever.search(query.query)).map((result) => result.document.id);
        (table[name] ??= []).push(ndcgAt(ranked, query.relevant));
      }
      const pool = await naive.search(query.query, { k: CANDIDATES });
      recallCeiling.push(
        ndcgAt(
          bestOrder(
            pool.map((result) => result.document),
            query.relevant,
          ),
          query.relevant,
        ),
      );
    }
    console.log(
      `setup + ${queries.length * systems.length} searches: ${((Date.now() - started) / 1000).toFixed(1)} s (first run embeds; later runs read the cache)\n`,
    );
    console.log("system".padEnd(24), `nDCG@${CUTOFF}`);
    for (const [name] of systems) console.log(name.padEnd(24), mean(table[name]!).toFixed(3));
    console.log(
      `${"ceiling(naive, " + CANDIDATES + ")"}`.padEnd(24),
      mean(recallCeiling).toFixed(3),
      " (perfect reordering of the dense candidates)",
    );

    if (values["per-query"]) {
      console.log("\nper query:", ["id", ...systems.map(([name]) => name)].join(" | "));
      queries.forEach((query, index) => console.log(query.id, systems.map(([name]) => table[name]![index]!.toFixed(2)).join(" | ")));
    }

    if (values.grid) {
      await hybridVariants(queries, bm25Index, naive);
      await weightGrid(queries, naive, reranker);
    }
  } finally {
    await local.close();
  }
}

/** The candidates in the ideal order (by grade), for the ceiling a perfect reranker could reach. */
function bestOrder(candidates: DocumentInterface[], relevant: Record<string, number>): string[] {
  return candidates.map((document) => document.id ?? "").sort((a, b) => (relevant[b] ?? 0) - (relevant[a] ?? 0));
}

/** A few hybrid settings (fusion method, leg weights, candidates per leg). */
async function hybridVariants(queries: LabeledQuery[], bm25Index: Bm25Index, naive: NaiveRetriever): Promise<void> {
  console.log(`\nhybrid variants (nDCG@${CUTOFF}):`);
  const variants: Array<[string, ConstructorParameters<typeof HybridRetriever>[0]]> = [
    ["rrf, weights 1:1, 50 candidates", { bm25: bm25Index, dense: naive }],
    ["rrf, weights 1:1, 20 candidates", { bm25: bm25Index, dense: naive, candidates: 20 }],
    ["rrf, bm25 2 : dense 1", { bm25: bm25Index, dense: naive, weights: { bm25: 2, dense: 1 } }],
    ["score fusion, weights 1:1", { bm25: bm25Index, dense: naive, fusion: "score" }],
    ["score fusion, bm25 2 : dense 1", { bm25: bm25Index, dense: naive, fusion: "score", weights: { bm25: 2, dense: 1 } }],
  ];
  for (const [label, options] of variants) {
    const hybrid = new HybridRetriever({ ...options, k: CUTOFF });
    const scores: number[] = [];
    for (const query of queries)
      scores.push(
        ndcgAt(
          (await hybrid.search(query.query)).map((result) => result.document.id),
          query.relevant,
        ),
      );
    console.log(label.padEnd(52), mean(scores).toFixed(3));
  }
}

/** Ablation and a small weight grid over signals computed once per query. */
async function weightGrid(queries: LabeledQuery[], naive: NaiveRetriever, reranker: LocalReranker): Promise<void> {
  const perQuery: Array<{ query: LabeledQuery; candidates: DocumentInterface[]; signals: LocalRerankerSignals }> = [];
  for (const query of queries) {
    const candidates = (await naive.search(query.query, { k: CANDIDATES })).map((result) => result.document);
    perQuery.push({ query, candidates, signals: await reranker.scoreSignals(query.query, candidates) });
  }
  const evaluate = (weights: { lexical: number; sentence: number; document: number }, fusion: "score" | "rrf"): number => {
    const probe = new LocalReranker({ embeddings: reranker.embeddings, weights, fusion });
    return mean(
      perQuery.map(({ query, candidates, signals }) => {
        const order = sortRerankResults(probe.fuse(signals, candidates.length));
        return ndcgAt(
          order.map((result) => candidates[result.index]!.id),
          query.relevant,
        );
      }),
    );
  };
  console.log(`\nablation and weight grid (rerank(naive, ${CANDIDATES}), nDCG@${CUTOFF}):`);
  const rows: Array<[string, number]> = [];
  for (const fusion of ["score", "rrf"] as const) {
    for (const lexical of [0, 0.25, 0.5, 1]) {
      for (const sentence of [0, 0.5, 1]) {
        for (const document of [0, 0.5, 1]) {
          if (lexical + sentence + document === 0) continue;
          rows.push([
            `${fusion} lexical=${lexical} sentence=${sentence} document=${document}`,
            evaluate({ lexical, sentence, document }, fusion),
          ]);
        }
      }
    }
  }
  for (const [label, value] of rows) console.log(label.padEnd(52), value.toFixed(3));
}

await main();
