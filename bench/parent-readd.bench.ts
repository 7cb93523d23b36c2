/**
 * Parent-document re-add benchmark: how long `ParentDocumentRetriever.addDocuments` takes when every
 * document is already stored unchanged (a no-op re-add, e.g. re-running an ingest job), compared with
 * the full build of the same documents, at 10k and 100k review-sized parents (about 520 characters,
 * about 3 children of 200 characters each), with `MemoryStore` + `InMemoryDocstore` and deterministic
 * bag-of-words embeddings (no model).
 *
 *   npm run bench:parent-readd
 *   npx tsx bench/parent-readd.bench.ts --sizes 10000 --runs 5
 *
 * Reports the median of `--runs` runs of each (default 3), the ratio re-add / build (goal: under 10%
 * at 100k), and how the re-add grows from one size to the next (linear: about the size ratio).
 */
import { Document, type DocumentInterface } from "@langchain/core/documents";
import { InMemoryDocstore } from "../src/docstores/in-memory-docstore.js";
import { ParentDocumentRetriever } from "../src/parent-document/parent-document-retriever.js";
import { MemoryStore } from "../src/stores/memory/memory-store.js";
import { FakeEmbeddings } from "../test/support/fake-embeddings.js";
import { seededRandom } from "../test/stores/fake-vectors.js";

const DEFAULT_SIZES = [10_000, 100_000];
const WORDS = [
  "action",
  "keanu",
  "reeves",
  "dog",
  "revenge",
  "choreography",
  "hotel",
  "continental",
  "pencil",
  "assassin",
  "sequel",
  "plot",
  "stunts",
  "gun",
  "fu",
  "story",
  "boring",
  "brilliant",
  "villain",
  "music",
];

function parents(count: number): DocumentInterface[] {
  const random = seededRandom(42);
  return Array.from({ length: count }, (_, index) => {
    const words: string[] = [];
    for (let length = 0, target = 300 + Math.floor(random() * 440); length < target;) {
      const word = WORDS[Math.floor(random() * WORDS.length)] as string;
      words.push(random() < 0.1 ? `${word}.` : word);
      length += word.length + 1;
    }
    return new Document({
      id: `review-${index}`,
      pageContent: words.join(" "),
      metadata: { rating: 1 + (index % 10), film: 1 + (index % 4) },
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function main(): Promise<void> {
  const flag = (name: string) => {
    const position = process.argv.indexOf(name);
    return position >= 0 ? process.argv[position + 1] : undefined;
  };
  const sizes = (flag("--sizes") ?? DEFAULT_SIZES.join(",")).split(",").map(Number);
  const runs = Number(flag("--runs") ?? 3);
  console.log(
    `Parent-document no-op re-add vs full build; MemoryStore + InMemoryDocstore, 64-d bag-of-words embeddings; medians of ${runs} runs.`,
  );
  console.log("| parents | children | full build ms | no-op re-add ms | re-add / build | re-add growth vs previous size |");
  console.log("| ---: | ---: | ---: | ---: | ---: | ---: |");
  let previous: { size: number; readd: number } | undefined;
  for (const size of sizes) {
    const documents = parents(size);
    const builds: number[] = [];
    const readds: number[] = [];
    let children = 0;
    for (let run = 0; run < runs; run += 1) {
      const retriever = new ParentDocumentRetriever({ store: new MemoryStore(new FakeEmbeddings(64)), docstore: new InMemoryDocstore() });
      let started = performance.now();
      const built = await retriever.addDocuments(documents);
      builds.push(performance.now() - started);
      children = built.addedChildren;
      started = performance.now();
      const again = await retriever.addDocuments(documents);
      readds.push(performance.now() - started);
      if (again.unchangedParents.length !== size || again.addedChildren !== 0 || again.removedChildren !== 0) {
        throw new Error(
          `the re-add changed something: ${JSON.stringify({ unchanged: again.unchangedParents.length, added: again.addedChildren, removed: again.removedChildren })}`,
        );
      }
    }
    const build = median(builds);
    const readd = median(readds);
    const growth =
      previous === undefined ? "" : `${(readd / previous.readd).toFixed(1)}x for ${(size / previous.size).toFixed(0)}x parents`;
    console.log(
      `| ${size.toLocaleString("en-US")} | ${children.toLocaleString("en-US")} | ${build.toFixed(0)} | ${readd.toFixed(0)} | ${((readd / build) * 100).toFixed(1)}% | ${growth} |`,
    );
    previous = { size, readd };
  }
}

await main();
