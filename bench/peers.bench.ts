/**
 * Peers: LangChain.js's own retrievers beside ours, in ONE process, with the same Universal Sentence
 * Encoder embeddings (one cached `createEmbeddings({ provider: "local" })` instance shared by both
 * sides), the same documents and the same labeled queries, on both bundled datasets.
 *
 *   ours                                   LangChain.js
 *   naive (k 10)                           MemoryVectorStore.asRetriever(10)                 (@langchain/classic)
 *   hybrid (BM25 + dense, RRF, 50/leg)     EnsembleRetriever(BM25Retriever + vector), legs k 10 and 50
 *                                          (BM25Retriever from @langchain/community)
 *   parent-document (children 200 chars)   classic ParentDocumentRetriever, same splitter, default childK
 *                                          (similaritySearch's default: 4 children) and tuned childK 10 / 40
 *   rerank (local reranker over dense 30)  ContextualCompressionRetriever over vector top 30 with
 *                                          EmbeddingsFilter(k 10), and DocumentCompressorPipeline
 *                                          [RecursiveCharacterTextSplitter(200), EmbeddingsFilter(k 30)]
 *   feedback-hybrid over parent-document  (new: HybridRetriever feedback, docs/SEMANTIC.md), in the hybrid pair
 *   (self-query, rule-based)               SelfQueryRetriever: needs an LLM (its constructor takes one), not run
 *
 * Quality: nDCG@10, R@10, MRR@10 per query kind (src/evaluation/metrics.ts). Latency: after one
 * unmeasured warm-up pass (which also puts every question's vector in the shared cache, so neither side
 * pays for the model at query time), each query is run by both members of a pair back to back, the
 * order alternating per query (interleaved), REPEATS times; a query's latency is its median over the
 * repeats and the ratio reported is LangChain / ours per query, summarised by its median.
 * LangChain.js has no EmbeddingsRedundantFilter (Python only) and no offline reranker; the compressor
 * pipelines above are what it offers without a network service.
 *
 * The LangChain.js side is `createLangChainPeers` (src/evaluation/langchain-peers.ts), the same peers
 * `retrievers bench --peers` runs beside any pipelines (e.g. `--techniques recommended`) in one run;
 * this script adds the interleaved latency ratios and the distinct-parents counts.
 *
 *   npm run bench:peers                       both datasets, 5 repeats
 *   npm run bench:peers -- --dataset products --repeats 3
 *
 * Writes bench-results/peers-<dataset>.json and prints Markdown tables.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import type { DocumentInterface } from "@langchain/core/documents";
import { createEmbeddings } from "../src/embeddings/create-embeddings.js";
import { createLangChainPeers } from "../src/evaluation/langchain-peers.js";
import { evaluateRanking, mean, quantile } from "../src/evaluation/metrics.js";
import { Bm25Index } from "../src/hybrid/bm25-index.js";
import { HybridRetriever } from "../src/hybrid/hybrid-retriever.js";
import { NaiveRetriever } from "../src/naive/naive-retriever.js";
import { ParentDocumentRetriever } from "../src/parent-document/parent-document-retriever.js";
import { ContextualCompressionRetriever } from "../src/rerank/contextual-compression-retriever.js";
import { LocalReranker } from "../src/rerankers/local-reranker.js";
import { MemoryStore } from "../src/stores/memory/memory-store.js";
import { DATASET_NAMES, loadBenchDataset, type BenchDataset, type LabeledQuery } from "./peers-datasets.js";

const { values } = parseArgs({
  options: {
    dataset: { type: "string", multiple: true },
    repeats: { type: "string", default: "5" },
    output: { type: "string", default: "bench-results" },
  },
});
const K = 10;
const CHILD_CHUNK_SIZE = 200;
const RERANK_CANDIDATES = 30;
const REPEATS = Number(values.repeats);
if (!Number.isInteger(REPEATS) || REPEATS < 1)
  throw new Error(`advanced-retrievers: --repeats must be a whole number of at least 1, got ${values.repeats}`);
const datasets = (values.dataset ?? [...DATASET_NAMES]) as BenchDataset["name"][];
for (const name of datasets)
  if (!DATASET_NAMES.includes(name))
    throw new Error(`advanced-retrievers: --dataset must be one of ${DATASET_NAMES.join(", ")}, got "${name}"`);

interface System {
  name: string;
  side: "ours" | "langchain";
  /** Systems of one pair are compared with each other (latency ratios against the pair's "ours"). */
  pair: string;
  run(query: string): Promise<string[]>;
}

async function buildSystems(dataset: BenchDataset, embeddings: ReturnType<typeof createEmbeddings>): Promise<System[]> {
  const documents = dataset.documents;

  // Ours.
  const store = new MemoryStore(embeddings);
  await store.addDocuments(documents);
  const naive = new NaiveRetriever({ store, k: K });
  const hybrid = new HybridRetriever({ bm25: Bm25Index.fromDocuments(documents), dense: naive, k: K, candidates: 50 });
  const parentDocument = new ParentDocumentRetriever({
    store: new MemoryStore(embeddings),
    k: K,
    childChunkSize: CHILD_CHUNK_SIZE,
    childChunkOverlap: 0,
  });
  await parentDocument.addDocuments(documents);
  const feedbackHybrid = new HybridRetriever({ bm25: Bm25Index.fromDocuments(documents), dense: parentDocument, k: K, feedback: {} });
  const rerank = new ContextualCompressionRetriever({
    base: naive,
    reranker: new LocalReranker({ embeddings }),
    candidates: RERANK_CANDIDATES,
    topN: K,
  });
  const ours = (
    name: string,
    pair: string,
    retriever: { search(query: string): Promise<Array<{ document: DocumentInterface }>> },
  ): System => ({
    name,
    side: "ours",
    pair,
    run: async (query) => (await retriever.search(query)).map((result) => result.document.id as string),
  });

  // LangChain.js (src/evaluation/langchain-peers.ts, the same peers `retrievers bench --peers` runs).
  const peers = new Map((await createLangChainPeers({ documents, embeddings, k: K })).map((peer) => [peer.name, peer]));
  const theirs = (name: string, pair: string, peerName: string): System => {
    const peer = peers.get(peerName)!;
    return {
      name,
      side: "langchain",
      pair,
      run: async (query) => (await peer.retriever.search(query, { k: K })).map((result) => result.document.id as string),
    };
  };

  return [
    ours("naive", "naive", naive),
    theirs("LC MemoryVectorStore", "naive", "lc-memory-vector-store"),
    ours("hybrid", "hybrid", hybrid),
    theirs("LC Ensemble(BM25+vector) legs 10", "hybrid", "lc-ensemble-legs-k"),
    theirs("LC Ensemble(BM25+vector) legs 50", "hybrid", "lc-ensemble-legs-50"),
    ours("feedback-hybrid over parent-document (new)", "hybrid", feedbackHybrid),
    ours("parent-document", "parent-document", parentDocument),
    theirs("LC ParentDocument childK default", "parent-document", "lc-parent-document-default"),
    theirs("LC ParentDocument childK 10", "parent-document", "lc-parent-document-child-k-10"),
    theirs("LC ParentDocument childK 40", "parent-document", "lc-parent-document-child-k-40"),
    ours("rerank (local)", "rerank", rerank),
    theirs("LC Compression EmbeddingsFilter", "rerank", "lc-compression-embeddings-filter"),
    theirs("LC Compression split+EmbeddingsFilter", "rerank", "lc-compression-split-filter"),
  ];
}

interface SystemReport {
  name: string;
  side: System["side"];
  pair: string;
  quality: Record<string, { queries: number; ndcg: number; recall: number; mrr: number }>;
  distinctResults: { mean: number; min: number; max: number };
  latencyMs: { p50: number; p95: number };
  /** Median over queries of (this system's median latency / the pair's first "ours" median latency); 1 for that one. */
  latencyRatioVsOurs: number;
  perQuery: Array<{ id: string; kind: string; ndcg: number; results: number; latencyMs: number }>;
}

function rankingScores(ids: string[]): Array<{ id: string; score: number }> {
  return ids.map((id, index) => ({ id, score: ids.length - index }));
}

async function benchDataset(dataset: BenchDataset, embeddings: ReturnType<typeof createEmbeddings>) {
  const systems = await buildSystems(dataset, embeddings);
  const queries = dataset.queries;
  const rankings = new Map<System, string[][]>();
  // Warm-up pass: rankings (deterministic), every question embedded once into the shared cache.
  for (const system of systems) {
    const lists: string[][] = [];
    for (const query of queries) lists.push(await system.run(query.query));
    rankings.set(system, lists);
  }
  // Interleaved timing: per pair and query, members run back to back, rotating who goes first.
  const times = new Map<System, number[][]>(systems.map((system) => [system, queries.map(() => [])]));
  const pairs = [...new Set(systems.map((system) => system.pair))];
  for (let repeat = 0; repeat < REPEATS; repeat += 1) {
    for (const pair of pairs) {
      const members = systems.filter((system) => system.pair === pair);
      for (const [queryIndex, query] of queries.entries()) {
        const shift = (queryIndex + repeat) % members.length;
        for (const system of [...members.slice(shift), ...members.slice(0, shift)]) {
          const started = performance.now();
          await system.run(query.query);
          times.get(system)![queryIndex]!.push(performance.now() - started);
        }
      }
    }
  }
  const medianLatency = (system: System) => times.get(system)!.map((samples) => quantile(samples, 0.5));
  const kinds = ["all", ...new Set(queries.map((query) => query.kind))];
  const reports: SystemReport[] = systems.map((system) => {
    const lists = rankings.get(system)!;
    const metrics = queries.map((query, index) => evaluateRanking(rankingScores(lists[index]!), query.relevant, K));
    const quality: SystemReport["quality"] = {};
    for (const kind of kinds) {
      const indexes = queries.map((query, index) => (kind === "all" || query.kind === kind ? index : -1)).filter((index) => index >= 0);
      quality[kind] = {
        queries: indexes.length,
        ndcg: mean(indexes.map((index) => metrics[index]!.ndcg)),
        recall: mean(indexes.map((index) => metrics[index]!.recall)),
        mrr: mean(indexes.map((index) => metrics[index]!.mrr)),
      };
    }
    const latencies = medianLatency(system);
    const baseline = systems.find((candidate) => candidate.pair === system.pair && candidate.side === "ours")!;
    const baselineLatencies = medianLatency(baseline);
    const counts = lists.map((list) => list.length);
    return {
      name: system.name,
      side: system.side,
      pair: system.pair,
      quality,
      distinctResults: { mean: mean(counts), min: Math.min(...counts), max: Math.max(...counts) },
      latencyMs: { p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95) },
      latencyRatioVsOurs: quantile(
        latencies.map((latency, index) => latency / Math.max(1e-6, baselineLatencies[index]!)),
        0.5,
      ),
      perQuery: queries.map((query: LabeledQuery, index) => ({
        id: query.id,
        kind: query.kind,
        ndcg: metrics[index]!.ndcg,
        results: counts[index]!,
        latencyMs: latencies[index]!,
      })),
    };
  });
  return { kinds, reports };
}

const format = (value: number) => value.toFixed(3);

/** The first "ours" system of a report's pair: the latency ratios' reference. */
function pairBaseline(reports: SystemReport[], report: SystemReport): SystemReport {
  return reports.find((candidate) => candidate.pair === report.pair && candidate.side === "ours")!;
}

function printTables(dataset: BenchDataset, kinds: string[], reports: SystemReport[]): string {
  const lines: string[] = [];
  const counts = kinds.map((kind) => `${kind} (${reports[0]!.quality[kind]!.queries})`);
  lines.push(
    `### ${dataset.name}: ${dataset.documents.length} documents, ${dataset.queries.length} queries, k = ${K}, ${REPEATS} timed repeats`,
    "",
  );
  lines.push(
    `| system | side | ${counts.map((label) => `nDCG@${K} ${label}`).join(" | ")} | R@${K} all | MRR@${K} all | results/q (min) | p50 ms | latency ratio vs ours (median per query) |`,
  );
  lines.push(`| --- | --- | ${kinds.map(() => "---:").join(" | ")} | ---: | ---: | ---: | ---: | ---: |`);
  for (const report of reports) {
    lines.push(
      `| ${report.name} | ${report.side} | ${kinds.map((kind) => format(report.quality[kind]!.ndcg)).join(" | ")} | ${format(report.quality.all!.recall)} | ${format(report.quality.all!.mrr)} | ${report.distinctResults.mean.toFixed(1)} (${report.distinctResults.min}) | ${report.latencyMs.p50.toFixed(2)} | ${report === pairBaseline(reports, report) ? "1 (baseline)" : `${report.latencyRatioVsOurs.toFixed(2)}×${report.side === "ours" ? ` (vs ${pairBaseline(reports, report).name})` : ""}`} |`,
    );
  }
  const parents = reports.filter((report) => report.pair === "parent-document");
  lines.push(
    "",
    `Distinct parents per query for k = ${K} (mean, min–max): ${parents.map((report) => `${report.name} ${report.distinctResults.mean.toFixed(1)} (${report.distinctResults.min}–${report.distinctResults.max})`).join("; ")}.`,
  );
  lines.push(
    "",
    "SelfQueryRetriever (LangChain.js): not run, its constructor requires an LLM (`llm: BaseLanguageModel`); ours is rule-based and offline.",
    "",
  );
  return lines.join("\n");
}

async function main(): Promise<void> {
  const embeddings = createEmbeddings({ provider: "local" });
  const markdown: string[] = [];
  try {
    await mkdir(values.output!, { recursive: true });
    for (const name of datasets) {
      const dataset = await loadBenchDataset(name);
      const started = Date.now();
      const { kinds, reports } = await benchDataset(dataset, embeddings);
      const table = printTables(dataset, kinds, reports);
      console.log(table);
      markdown.push(table);
      const path = join(values.output!, `peers-${name}.json`);
      await writeFile(
        path,
        `${JSON.stringify({ dataset: name, documents: dataset.documents.length, queries: dataset.queries.length, k: K, repeats: REPEATS, embeddings: embeddings.modelId, seconds: (Date.now() - started) / 1000, node: process.version, systems: reports }, null, 2)}\n`,
      );
      console.log(`(wrote ${path})\n`);
    }
    await writeFile(join(values.output!, "peers.md"), `${markdown.join("\n")}\n`);
  } finally {
    await embeddings.close();
  }
}

await main();
