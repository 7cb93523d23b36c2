/**
 * The two bundled datasets of the peers and semantic benches, with their labeled queries:
 *
 *   john-wick   ../shared/data/john-wick (+ ../shared/bench/john-wick-queries.jsonl), read only
 *   products    data/products/products.csv + data/products/queries.jsonl
 *
 * Both fail loudly when a file is missing (a bench that silently skips a dataset reports nothing).
 * Documents come from the dataset seam (`resolveDataset` of src/datasets/registry.ts), as the CLI
 * loads them: the products metadata follows the dataset.json (numbers, booleans, dates as days since
 * 1970-01-01 UTC plus `release_year`).
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { Document, type DocumentInterface } from "@langchain/core/documents";
import { resolveDataset } from "../src/datasets/registry.js";
import { readQueryFile, type LabeledQuery } from "../src/evaluation/query-file.js";

export type { LabeledQuery };

export interface BenchDataset {
  name: "john-wick" | "products";
  /** Documents as the library loads them (content without the title). */
  documents: DocumentInterface[];
  /** The title of each document, by id (John Wick: Review_Title; products: title). */
  titles: Map<string, string>;
  queries: LabeledQuery[];
}

export const DATASET_NAMES = ["john-wick", "products"] as const;

function requireFile(path: string, what: string): string {
  const absolute = resolve(path);
  if (!existsSync(absolute))
    throw new Error(`advanced-retrievers: ${what} not found at ${absolute}; the bench needs it (no dataset is skipped)`);
  return absolute;
}

async function loadQueries(path: string): Promise<LabeledQuery[]> {
  return await readQueryFile(requireFile(path, "labeled queries"));
}

export interface DatasetPaths {
  johnWickData?: string;
  johnWickQueries?: string;
  productsCsv?: string;
  productsQueries?: string;
}

/**
 * One bundled dataset through the dataset seam (`resolveDataset`: the John Wick preset reading
 * `johnWickData`, the products preset with its dataset.json), documents WITHOUT the title in the
 * indexed text (the probes add it themselves, see `withTitles`), and its labeled queries.
 */
export async function loadBenchDataset(name: BenchDataset["name"], paths: DatasetPaths = {}): Promise<BenchDataset> {
  if (name === "john-wick") {
    const folder = requireFile(paths.johnWickData ?? "../shared/data/john-wick", "John Wick data folder");
    const documents = await (await resolveDataset({ dataset: "john-wick", data: folder })).load({ includeTitle: false });
    const titles = new Map(documents.map((document) => [document.id as string, String(document.metadata.Review_Title ?? "")]));
    return { name, documents, titles, queries: await loadQueries(paths.johnWickQueries ?? "../shared/bench/john-wick-queries.jsonl") };
  }
  const dataset = await resolveDataset(
    paths.productsCsv === undefined
      ? { dataset: "products" }
      : { dataset: "products", data: requireFile(paths.productsCsv, "products.csv") },
  );
  const documents = await dataset.load({ includeTitle: false });
  const titles = new Map(documents.map((document) => [document.id as string, String(document.metadata.title ?? "")]));
  return {
    name,
    documents,
    titles,
    queries: await loadQueries(paths.productsQueries ?? dataset.queryFile ?? "data/products/queries.jsonl"),
  };
}

/** A copy of each document with its title, a blank line, then its content (for the "title in content" variants). */
export function withTitles(dataset: BenchDataset): DocumentInterface[] {
  return dataset.documents.map((document) => {
    const title = dataset.titles.get(document.id as string) ?? "";
    return new Document({
      id: document.id,
      pageContent: title === "" ? document.pageContent : `${title}\n\n${document.pageContent}`,
      metadata: document.metadata,
    });
  });
}
