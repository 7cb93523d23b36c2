/**
 * Compositions (pipelines) on ALL queries of both bundled datasets, per query kind: what the kept
 * semantic mechanism (HybridRetriever's keyword feedback) and the rank fusion (src/rank-fusion) give once a self-query step supplies
 * the filters, with and without the local reranker on top. The feedback pipeline's dense leg is the
 * parent-document retriever (best child per document), the best dense leg measured in bench/semantic-probe.ts. Evidence for choosing the `recommended`
 * pipeline of issue #16 (the choice itself, with the CLI wiring, comes after the dataset seam).
 *
 *   npx tsx bench/semantic-pipelines.ts          (writes bench-results/semantic-pipelines.json)
 *
 * The product attributes below are a stand-in until the selfquery helper's product schema lands
 * (no `in_stock`: the `boolean` attribute type is being added there); John Wick uses
 * `johnWickAttributes()` as the library does.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { FilterOnlySortKey } from "../src/self-query/self-query-retriever.js";
import type { Searchable } from "../src/core/search-retriever.js";
import { createEmbeddings } from "../src/embeddings/create-embeddings.js";
import { evaluateRanking, mean } from "../src/evaluation/metrics.js";
import { pairedRandomizationTest } from "../src/evaluation/randomization-test.js";
import { Bm25Index } from "../src/hybrid/bm25-index.js";
import { HybridRetriever } from "../src/hybrid/hybrid-retriever.js";
import { NaiveRetriever } from "../src/naive/naive-retriever.js";
import { ParentDocumentRetriever } from "../src/parent-document/parent-document-retriever.js";
import { RankFusionRetriever } from "../src/rank-fusion/rank-fusion-retriever.js";
import { ContextualCompressionRetriever } from "../src/rerank/contextual-compression-retriever.js";
import { LocalReranker } from "../src/rerankers/local-reranker.js";
import { buildVocabulary, defineAttributeSchema, type AttributeSchema } from "../src/self-query/attribute-schema.js";
import { johnWickAttributes } from "../src/datasets/john-wick/attributes.js";
import { RuleBasedQueryConstructor } from "../src/self-query/rule-based-query-constructor.js";
import { SelfQueryRetriever } from "../src/self-query/self-query-retriever.js";
import { MemoryStore } from "../src/stores/memory/memory-store.js";
import { DATASET_NAMES, loadBenchDataset, type BenchDataset } from "./peers-datasets.js";

const K = 10;
const RERANK_CANDIDATES = 30;
const SEED = 20261201;

/** Stand-in product attributes (see the module comment). */
function productAttributes(): AttributeSchema {
  const categories = ["laptop", "tablet", "phone", "headphones", "speaker", "monitor", "keyboard", "camera", "smartwatch", "router"];
  const plural: Record<string, string> = { headphones: "headphones", smartwatch: "smartwatches" };
  const brands = ["Acme", "Northwind", "Lumen", "Vireo", "Kestrel", "Orbit", "Halcyon", "Tessel"];
  return defineAttributeSchema({
    documentContents: "A product of an electronics catalog",
    attributes: [
      {
        name: "category",
        type: "enum",
        description: "The kind of product",
        aliases: ["category", "type"],
        values: categories.map((category) => ({ value: category, aliases: [category, plural[category] ?? `${category}s`] })),
      },
      {
        name: "brand",
        type: "enum",
        description: "The maker",
        aliases: ["brand", "made by", "from"],
        values: brands.map((brand) => ({ value: brand, aliases: [brand] })),
      },
      {
        name: "price",
        type: "number",
        description: "Price in US dollars",
        aliases: ["price", "priced", "costs", "cost", "under", "below", "cheaper than"],
        units: ["$", "dollars", "usd", "bucks"],
        minimum: 0,
      },
      {
        name: "rating",
        type: "number",
        description: "Average customer rating from 1 to 5",
        aliases: ["rating", "rated", "stars"],
        units: ["stars", "star", "/5", "out of 5"],
        minimum: 1,
        maximum: 5,
      },
      {
        name: "release_date",
        type: "date",
        description: "The release date",
        aliases: ["released", "release", "launched", "came out", "from"],
        yearField: "release_year",
      },
    ],
  });
}

interface Setting {
  attributes: AttributeSchema;
  filterOnlyOrder?: FilterOnlySortKey[];
}

async function pipelines(dataset: BenchDataset, embeddings: ReturnType<typeof createEmbeddings>): Promise<Array<[string, Searchable]>> {
  const documents = dataset.documents;
  const setting: Setting =
    dataset.name === "john-wick"
      ? { attributes: johnWickAttributes() }
      : {
          attributes: productAttributes(),
          filterOnlyOrder: [
            { field: "rating", direction: "desc" },
            { field: "release_date", direction: "desc" },
          ],
        };
  const attributes = buildVocabulary(documents, setting.attributes);
  const store = new MemoryStore(embeddings);
  await store.addDocuments(documents);
  const naive = new NaiveRetriever({ store, k: K });
  const parentDocument = new ParentDocumentRetriever({ store: new MemoryStore(embeddings), k: K });
  await parentDocument.addDocuments(documents);
  const bm25 = Bm25Index.fromDocuments(documents);
  const hybrid = new HybridRetriever({ bm25, dense: naive, k: K });
  const feedback = new HybridRetriever({ bm25, dense: parentDocument, k: K, feedback: {} });
  const hybridParent = new HybridRetriever({ bm25, dense: parentDocument, k: K });
  const reranker = new LocalReranker({ embeddings });
  const selfQuery = (base: Searchable) =>
    new SelfQueryRetriever({
      retriever: base,
      store,
      attributes,
      queryConstructor: new RuleBasedQueryConstructor({ attributes }),
      k: K,
      ...(setting.filterOnlyOrder === undefined ? {} : { filterOnlyOrder: setting.filterOnlyOrder }),
    });
  const rerank = (base: Searchable) => new ContextualCompressionRetriever({ base, reranker, candidates: RERANK_CANDIDATES, topN: K });
  /** The reranker's order fused (RRF, equal weights) with the order of the stage it reranks. */
  const rerankFused = (base: Searchable) =>
    new RankFusionRetriever({
      retrievers: [
        {
          retriever: new ContextualCompressionRetriever({ base, reranker, candidates: RERANK_CANDIDATES, topN: RERANK_CANDIDATES }),
          name: "rerank",
        },
        { retriever: base, name: "base" },
      ],
      k: K,
      candidates: RERANK_CANDIDATES,
    });
  return [
    ["naive", naive],
    ["hybrid", hybrid],
    ["feedback-hybrid(parent-document)", feedback],
    ["hybrid(parent-document)", hybridParent],
    ["rerank(hybrid)", rerank(hybrid)],
    ["self-query(naive)", selfQuery(naive)],
    ["self-query(hybrid)", selfQuery(hybrid)],
    ["self-query(feedback-hybrid(parent-document))", selfQuery(feedback)],
    ["self-query(hybrid(parent-document))", selfQuery(hybridParent)],
    ["rerank(self-query(hybrid))", rerank(selfQuery(hybrid))],
    ["rerank(self-query(feedback-hybrid(parent-document)))", rerank(selfQuery(feedback))],
    ["rerank⊕base(feedback-hybrid(parent-document))", rerankFused(feedback)],
    ["rerank⊕base(self-query(hybrid))", rerankFused(selfQuery(hybrid))],
    ["rerank⊕base(self-query(feedback-hybrid(parent-document)))", rerankFused(selfQuery(feedback))],
  ];
}

async function main(): Promise<void> {
  const embeddings = createEmbeddings({ provider: "local" });
  const output: Record<string, unknown> = {};
  try {
    for (const name of DATASET_NAMES) {
      const dataset = await loadBenchDataset(name);
      const systems = await pipelines(dataset, embeddings);
      const kinds = ["all", ...new Set(dataset.queries.map((query) => query.kind))];
      const perQuery = new Map<string, number[]>();
      for (const [label, retriever] of systems) {
        const scores: number[] = [];
        for (const query of dataset.queries) {
          const ids = (await retriever.search(query.query, { k: K })).map((result) => result.document.id as string);
          scores.push(
            evaluateRanking(
              ids.map((id, index) => ({ id, score: ids.length - index })),
              query.relevant,
              K,
            ).ndcg,
          );
        }
        perQuery.set(label, scores);
      }
      const reference = perQuery.get("rerank(self-query(hybrid))")!;
      console.log(
        `\n### ${name}: nDCG@${K} per kind (${dataset.queries.length} queries); p: paired randomization test (all queries) vs rerank(self-query(hybrid))\n`,
      );
      console.log(
        `| pipeline | ${kinds.map((kind) => `${kind} (${kind === "all" ? dataset.queries.length : dataset.queries.filter((query) => query.kind === kind).length})`).join(" | ")} | p |`,
      );
      console.log(`| --- | ${kinds.map(() => "---:").join(" | ")} | ---: |`);
      const rows: Record<string, unknown> = {};
      for (const [label] of systems) {
        const scores = perQuery.get(label)!;
        const byKind = Object.fromEntries(
          kinds.map((kind) => [kind, mean(scores.filter((_, index) => kind === "all" || dataset.queries[index]!.kind === kind))]),
        );
        const p = pairedRandomizationTest(reference, scores, { permutations: 10_000, seed: SEED }).pValue;
        rows[label] = { byKind, pValueVersusRerankSelfQueryHybrid: p, perQuery: scores };
        console.log(`| ${label} | ${kinds.map((kind) => byKind[kind]!.toFixed(3)).join(" | ")} | ${p.toFixed(3)} |`);
      }
      output[name] = rows;
    }
    await mkdir("bench-results", { recursive: true });
    await writeFile(
      join("bench-results", "semantic-pipelines.json"),
      `${JSON.stringify({ k: K, embeddings: embeddings.modelId, datasets: output }, null, 2)}\n`,
    );
  } finally {
    await embeddings.close();
  }
}

await main();
