/**
 * Self-query probe: nDCG@10 on the FILTERED and FILTER-ONLY queries of the labeled John Wick benchmark,
 * through the configuration layer (`buildRetriever`, real local embeddings, index cached on disk):
 *
 *   naive                       dense top-10 of the question as written (no filter)
 *   hybrid                      BM25 + dense, RRF (no filter)
 *   self-query(naive)           constructor → filter (+ semantic query) → dense top-10 under the filter
 *   self-query(hybrid)          the same over hybrid
 *   self-query(naive), Q        the constructed filter, but the whole question embedded (not the
 *                               constructor's semantic remainder): isolates the remainder's effect
 *   naive + gold filter         the question under the benchmark's own filter: what a perfect
 *                               constructor would give with the naive ranking (an upper reference)
 *
 * Also: how often the constructed filter selects exactly the gold documents, and the share of the top
 * 10 that satisfies the gold filter ("filter precision"). nDCG: linear gain (grades 0/1/2), log2
 * discount, ideal ranking from all graded documents of the query (as bench/rerank-probe.ts).
 *
 *   npx tsx bench/self-query-probe.ts [--query-constructor rule-based|llm|auto] [--per-query]
 *
 * Needs the real dataset at ../shared (never copied into the repo).
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { buildRetriever } from "../src/config/build-retriever.js";
import { compileFilter } from "../src/core/filter/compile-filter.js";
import type { FilterExpression } from "../src/core/filter/filter-schema.js";
import { parseFilter } from "../src/core/filter/parse-filter.js";
import type { SearchRetriever } from "../src/core/search-retriever.js";
import { SelfQueryRetriever } from "../src/self-query/self-query-retriever.js";

const { values } = parseArgs({
  options: {
    data: { type: "string", default: "../shared/data/john-wick" },
    queries: { type: "string", default: "../shared/bench/john-wick-queries.jsonl" },
    "query-constructor": { type: "string", default: "rule-based" },
    "per-query": { type: "boolean", default: false },
  },
});
const CUTOFF = 10;

interface LabeledQuery {
  id: string;
  query: string;
  kind: "semantic" | "filtered" | "filter-only";
  filter: Record<string, unknown> | null;
  relevant: Record<string, number>;
}

/** Benchmark filter keys → metadata fields. */
const GOLD_FIELDS: Record<string, string> = { movie: "movie", rating: "Rating", year: "review_year", author: "Author" };

function goldFilter(gold: Record<string, unknown>): FilterExpression {
  return parseFilter(Object.fromEntries(Object.entries(gold).map(([key, value]) => [GOLD_FIELDS[key] ?? key, value])));
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

const mean = (numbers: number[]) => (numbers.length === 0 ? Number.NaN : numbers.reduce((sum, value) => sum + value, 0) / numbers.length);

async function main(): Promise<void> {
  const queries = (await readFile(resolve(values.queries), "utf8"))
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as LabeledQuery)
    .filter((query) => query.kind !== "semantic" && query.filter !== null);

  const started = Date.now();
  const selfQueryConfig = {
    technique: "self-query",
    data: resolve(values.data),
    embeddings: "local",
    k: CUTOFF,
    selfQuery: { queryConstructor: values["query-constructor"] },
  } as const;
  const overNaive = await buildRetriever(selfQueryConfig as never);
  const dependencies = { embeddings: overNaive.embeddings, documents: overNaive.documents };
  const overHybrid = await buildRetriever(
    { ...selfQueryConfig, selfQuery: { ...selfQueryConfig.selfQuery, base: "hybrid" } } as never,
    dependencies,
  );
  try {
    const naive = (await overNaive.buildTechnique("naive")).retriever;
    const hybrid = (await overNaive.buildTechnique("hybrid")).retriever;
    const documents = overNaive.documents;
    console.log(
      `${documents.length} reviews, ${queries.length} filtered / filter-only queries, constructor ${overNaive.stats.selfQueryConstructor}\n`,
    );

    const systems: Array<[string, (query: LabeledQuery) => Promise<string[]>]> = [
      ["naive", async (query) => ids(naive, query.query)],
      ["hybrid", async (query) => ids(hybrid, query.query)],
      ["self-query(naive)", async (query) => ids(overNaive.retriever, query.query)],
      ["self-query(hybrid)", async (query) => ids(overHybrid.retriever, query.query)],
      [
        "self-query(naive), Q",
        async (query) =>
          ids(naive, query.query, (await (overNaive.retriever as SelfQueryRetriever).explain(query.query)).filter ?? undefined),
      ],
      ["naive + gold filter", async (query) => ids(naive, query.query, goldFilter(query.filter as Record<string, unknown>))],
    ];
    const table: Record<string, Record<string, number[]>> = {};
    const precision: Record<string, number[]> = {};
    const exactFilters: string[] = [];
    const perQuery: string[] = [];

    for (const query of queries) {
      const gold = compileFilter(goldFilter(query.filter as Record<string, unknown>));
      const row: string[] = [];
      for (const [name, run] of systems) {
        const ranked = await run(query);
        const score = ndcgAt(ranked, query.relevant);
        ((table[name] ??= {})[query.kind] ??= []).push(score);
        const byId = new Map(documents.map((document) => [document.id, document]));
        const inFilter = ranked.slice(0, CUTOFF).filter((id) => gold(byId.get(id)?.metadata ?? {})).length;
        (precision[name] ??= []).push(ranked.length === 0 ? 0 : inFilter / Math.min(CUTOFF, ranked.length));
        row.push(score.toFixed(2));
      }
      const constructed = await (overNaive.retriever as SelfQueryRetriever).explain(query.query);
      const selected = (filter: FilterExpression | null) => {
        const predicate = filter === null ? () => true : compileFilter(filter);
        return documents
          .filter((document) => predicate(document.metadata))
          .map((document) => document.id)
          .join(",");
      };
      if (selected(constructed.filter) === selected(goldFilter(query.filter as Record<string, unknown>))) exactFilters.push(query.id);
      perQuery.push(`${query.id} ${query.kind.padEnd(11)} ${row.join(" | ")}`);
    }

    console.log(
      `${"system".padEnd(22)} ${"filtered".padStart(9)} ${"filter-only".padStart(12)} ${"all".padStart(6)} ${"in-filter@10".padStart(13)}`,
    );
    for (const [name] of systems) {
      const kinds = table[name] ?? {};
      const all = [...(kinds.filtered ?? []), ...(kinds["filter-only"] ?? [])];
      console.log(
        `${name.padEnd(22)} ${mean(kinds.filtered ?? [])
          .toFixed(3)
          .padStart(9)} ${mean(kinds["filter-only"] ?? [])
          .toFixed(3)
          .padStart(12)} ${mean(all).toFixed(3).padStart(6)} ${mean(precision[name] ?? [])
          .toFixed(3)
          .padStart(13)}`,
      );
    }
    console.log(`\nconstructed filter selects exactly the gold documents: ${exactFilters.length}/${queries.length}`);
    console.log(
      `elapsed ${((Date.now() - started) / 1000).toFixed(1)} s (the first run embeds the reviews; later runs load the saved index)`,
    );
    if (values["per-query"]) {
      console.log(`\nper query: id kind ${systems.map(([name]) => name).join(" | ")}`);
      for (const line of perQuery) console.log(line);
    }
  } finally {
    await overHybrid.close();
    await overNaive.close();
  }
}

async function ids(retriever: SearchRetriever, question: string, filter?: FilterExpression): Promise<string[]> {
  const results = await retriever.search(question, { k: CUTOFF, ...(filter === undefined ? {} : { filter }) });
  return results.map((result) => result.document.id as string);
}

await main();
