/**
 * The two bundled datasets of the peers and semantic benches, with their labeled queries:
 *
 *   john-wick   /work/shared/data/john-wick (+ /work/shared/bench/john-wick-queries.jsonl), read only
 *   products    data/products/products.csv + data/products/queries.jsonl
 *
 * Both fail loudly when a file is missing (a bench that silently skips a dataset reports nothing).
 * `loadProductDocuments` is the one place that turns the product CSV into documents, following the
 * team's metadata convention (numbers as numbers, booleans as booleans, a date as whole days since
 * 1970-01-01 UTC plus an integer `<name>_year`, the `id` column as the document id); swap it for the
 * dataset seam's loader once that lands.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { Document, type DocumentInterface } from "@langchain/core/documents";
import { parse } from "csv-parse/sync";
import { loadJohnWickReviews } from "../src/datasets/john-wick/load-reviews.js";

export interface LabeledQuery {
  id: string;
  query: string;
  kind: string;
  filter: unknown;
  relevant: Record<string, number>;
}

export interface BenchDataset {
  name: "john-wick" | "products";
  /** Documents as the library loads them (content without the title). */
  documents: DocumentInterface[];
  /** The title of each document, by id (John Wick: Review_Title; products: title). */
  titles: Map<string, string>;
  queries: LabeledQuery[];
}

export const DATASET_NAMES = ["john-wick", "products"] as const;

const MILLISECONDS_PER_DAY = 86_400_000;

function requireFile(path: string, what: string): string {
  const absolute = resolve(path);
  if (!existsSync(absolute)) throw new Error(`advanced-retrievers: ${what} not found at ${absolute}; the bench needs it (no dataset is skipped)`);
  return absolute;
}

async function loadQueries(path: string): Promise<LabeledQuery[]> {
  const text = await readFile(requireFile(path, "labeled queries"), "utf8");
  return text
    .split("\n")
    .map((line, index) => [line, index + 1] as const)
    .filter(([line]) => line.trim() !== "")
    .map(([line, number]) => {
      try {
        return JSON.parse(line) as LabeledQuery;
      } catch (error) {
        throw new Error(`advanced-retrievers: ${path} line ${number} is not JSON: ${(error as Error).message}`);
      }
    });
}

/** Whole days since 1970-01-01 UTC of a `YYYY-MM-DD` date. */
function daysSinceEpoch(date: string, where: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) throw new Error(`advanced-retrievers: ${where}: "${date}" is not a YYYY-MM-DD date`);
  return Math.floor(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MILLISECONDS_PER_DAY);
}

/** The product catalog as documents (content = description; title and the other columns as metadata). */
export async function loadProductDocuments(csvPath: string): Promise<DocumentInterface[]> {
  const rows = parse(await readFile(requireFile(csvPath, "products.csv"), "utf8"), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return rows.map((row, index) => {
    const where = `${csvPath} row ${index + 2}`;
    const number = (column: string) => {
      const value = Number(row[column]);
      if (!Number.isFinite(value)) throw new Error(`advanced-retrievers: ${where}: ${column} "${row[column]}" is not a number`);
      return value;
    };
    const releaseDay = daysSinceEpoch(row.release_date ?? "", where);
    return new Document({
      id: row.id,
      pageContent: row.description ?? "",
      metadata: {
        title: row.title,
        category: row.category,
        brand: row.brand,
        price: number("price"),
        rating: number("rating"),
        release_date: releaseDay,
        release_year: new Date(releaseDay * MILLISECONDS_PER_DAY).getUTCFullYear(),
        in_stock: row.in_stock === "true",
      },
    });
  });
}

export interface DatasetPaths {
  johnWickData?: string;
  johnWickQueries?: string;
  productsCsv?: string;
  productsQueries?: string;
}

export async function loadBenchDataset(name: BenchDataset["name"], paths: DatasetPaths = {}): Promise<BenchDataset> {
  if (name === "john-wick") {
    const folder = requireFile(paths.johnWickData ?? "/work/shared/data/john-wick", "John Wick data folder");
    const documents = await loadJohnWickReviews(folder);
    const titles = new Map(documents.map((document) => [document.id as string, String(document.metadata.Review_Title ?? "")]));
    return { name, documents, titles, queries: await loadQueries(paths.johnWickQueries ?? "/work/shared/bench/john-wick-queries.jsonl") };
  }
  const documents = await loadProductDocuments(paths.productsCsv ?? "data/products/products.csv");
  const titles = new Map(documents.map((document) => [document.id as string, String(document.metadata.title ?? "")]));
  return { name, documents, titles, queries: await loadQueries(paths.productsQueries ?? "data/products/queries.jsonl") };
}

/** A copy of each document with its title, a blank line, then its content (for the "title in content" variants). */
export function withTitles(dataset: BenchDataset): DocumentInterface[] {
  return dataset.documents.map((document) => {
    const title = dataset.titles.get(document.id as string) ?? "";
    return new Document({ id: document.id, pageContent: title === "" ? document.pageContent : `${title}\n\n${document.pageContent}`, metadata: document.metadata });
  });
}
