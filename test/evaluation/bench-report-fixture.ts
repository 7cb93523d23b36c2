import type { Technique } from "../../src/config/retriever-config.js";
import { runBenchmark, type BenchmarkResults } from "../../src/evaluation/run-benchmark.js";
import { FakeEmbeddings } from "../support/fake-embeddings.js";
import { MALICIOUS_REVIEW, tinyDocuments, tinyQueries } from "./bench-fixtures.js";

/** Techniques of the report fixture: the two offline ones every build has. */
export const REPORT_TECHNIQUES: Technique[] = ["naive", "hybrid"];

/**
 * Benchmark results over the tiny documents (one review is `MALICIOUS_REVIEW`, and one query text and
 * the query file name carry markup too), computed with fake embeddings. With 8 documents and k = 10,
 * every ranking holds the malicious review, so it appears among the report's snippets.
 */
export async function maliciousBenchmarkResults(): Promise<BenchmarkResults> {
  const queries = tinyQueries();
  queries[1] = { ...queries[1]!, query: `thin plot ${MALICIOUS_REVIEW}` };
  return runBenchmark({
    queries,
    queryFile: `<b id="file-name-markup">queries</b>.jsonl`,
    techniques: REPORT_TECHNIQUES,
    config: { indexDirectory: null },
    dependencies: { embeddings: new FakeEmbeddings(32), documents: tinyDocuments() },
    permutations: 50,
  });
}
