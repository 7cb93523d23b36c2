/**
 * Bring your own data: index any CSV (or JSONL) file and search it. The dataset (id column, text,
 * typed metadata: numbers, dates, booleans, categories) is inferred from the file; run
 * `retrievers init --data FILE` to write that inference to a dataset.json you can edit.
 * Run: npx tsx examples/index-your-csv.ts [path/to/file.csv] ["question"]
 */
import { fileURLToPath } from "node:url";
import { buildRetriever } from "../src/config/index.js";

const catalog = fileURLToPath(new URL("../data/products/products.csv", import.meta.url));
const [file = catalog, question = "a light laptop for travel under $1500"] = process.argv.slice(2);

const built = await buildRetriever({ technique: "self-query", data: file, k: 5 });
try {
  console.log(`${built.documents.length} documents from ${built.dataset.location}; question: ${question}`);
  for (const { document, score } of await built.retriever.search(question)) {
    console.log(`${score.toFixed(3)}  ${document.id}  ${JSON.stringify(document.metadata)}`);
  }
} finally {
  await built.close();
}
