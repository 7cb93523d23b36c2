import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { z } from "zod/v4";
import { compileFilter, filterFields, parseFilter, type MetadataPredicate } from "../src/core/filter/index.js";

/**
 * Checks the labeled queries of the bundled products dataset (`data/products/queries.jsonl`) against
 * its data (`data/products/products.csv`). Shared by `scripts/check-product-queries.ts` (the command
 * anyone can run) and `test/datasets/products-queries.test.ts`.
 *
 * Products become metadata with the dataset convention: numbers as numbers, `in_stock` as a boolean,
 * `release_date` as whole days since 1970-01-01 UTC plus the integer `release_year`. Gold filters are
 * parsed and compiled by the library's own filter code, so a judgment is checked with the same
 * semantics the retrievers use.
 */

/** Folder of the bundled products dataset. */
export const PRODUCTS_DIRECTORY = fileURLToPath(new URL("../data/products/", import.meta.url));

/** The columns of products.csv, in order. */
export const PRODUCT_COLUMNS = ["id", "title", "description", "category", "brand", "price", "rating", "release_date", "in_stock"] as const;

/** The category values (an enum). */
export const PRODUCT_CATEGORIES = [
  "laptop",
  "tablet",
  "phone",
  "headphones",
  "speaker",
  "monitor",
  "keyboard",
  "camera",
  "smartwatch",
  "router",
] as const;

/** The brand values. */
export const PRODUCT_BRANDS = ["Acme", "Northwind", "Lumen", "Vireo", "Kestrel", "Orbit", "Halcyon", "Tessel"] as const;

/** Query kinds, and how many of each the file must hold at least. */
export const PRODUCT_QUERY_KINDS = ["semantic", "filtered", "filter-only"] as const;
export const MINIMUM_QUERIES_PER_KIND = 12;

/** The metadata of one product, as the dataset stores it. */
export interface ProductMetadata {
  [field: string]: string | number | boolean;
  id: string;
  title: string;
  category: string;
  brand: string;
  price: number;
  rating: number;
  /** Whole days since 1970-01-01 UTC. */
  release_date: number;
  release_year: number;
  in_stock: boolean;
}

export interface Product {
  id: string;
  description: string;
  metadata: ProductMetadata;
}

/** Result of a check: every problem found, named by the file line, product or query id. */
export interface ProductQueriesReport {
  problems: string[];
  productCount: number;
  queryCountByKind: Record<(typeof PRODUCT_QUERY_KINDS)[number], number>;
}

const DAY_MILLISECONDS = 86_400_000;

/** Whole days since 1970-01-01 UTC of a `YYYY-MM-DD` date, or undefined when it is not a real date. */
export function epochDayOf(isoDate: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return time / DAY_MILLISECONDS;
}

/** Parses products.csv into products; every malformed row or value is added to `problems`. */
export function parseProducts(csvText: string, problems: string[]): Product[] {
  let records: string[][];
  try {
    records = parse(csvText, { relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (error) {
    problems.push(`products.csv: not valid CSV (${(error as Error).message})`);
    return [];
  }
  const [header, ...rows] = records;
  if (header === undefined || header.join(",") !== PRODUCT_COLUMNS.join(",")) {
    problems.push(`products.csv: the header must be ${PRODUCT_COLUMNS.join(",")}, got ${header?.join(",") ?? "nothing"}`);
    return [];
  }
  const products: Product[] = [];
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const where = `products.csv row ${index + 2}`;
    if (row.length !== PRODUCT_COLUMNS.length) {
      problems.push(`${where}: has ${row.length} fields, expected ${PRODUCT_COLUMNS.length}`);
      return;
    }
    const [id, title, description, category, brand, price, rating, releaseDate, inStock] = row as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const before = problems.length;
    if (!/^p\d{3}$/.test(id)) problems.push(`${where}: id "${id}" must look like p001`);
    if (seen.has(id)) problems.push(`${where}: id "${id}" is used twice`);
    seen.add(id);
    if (title.trim() === "") problems.push(`${where} (${id}): title is empty`);
    const words = description.split(/\s+/).filter(Boolean).length;
    if (words < 60 || words > 150) problems.push(`${where} (${id}): description has ${words} words, expected 60-150`);
    if (!(PRODUCT_CATEGORIES as readonly string[]).includes(category))
      problems.push(`${where} (${id}): category "${category}" is not one of ${PRODUCT_CATEGORIES.join(", ")}`);
    if (!(PRODUCT_BRANDS as readonly string[]).includes(brand))
      problems.push(`${where} (${id}): brand "${brand}" is not one of ${PRODUCT_BRANDS.join(", ")}`);
    if (!/^\d+\.\d{2}$/.test(price)) problems.push(`${where} (${id}): price "${price}" must be USD with cents, e.g. 799.99`);
    if (!/^\d\.\d$/.test(rating) || Number(rating) < 1 || Number(rating) > 5)
      problems.push(`${where} (${id}): rating "${rating}" must be 1.0-5.0 with one decimal`);
    const epochDay = epochDayOf(releaseDate);
    if (epochDay === undefined || releaseDate < "2021-01-01" || releaseDate > "2026-10-31") {
      problems.push(`${where} (${id}): release_date "${releaseDate}" must be a YYYY-MM-DD date between 2021-01-01 and 2026-10-31`);
    }
    if (inStock !== "true" && inStock !== "false") problems.push(`${where} (${id}): in_stock "${inStock}" must be true or false`);
    if (problems.length > before) return;
    products.push({
      id,
      description,
      metadata: {
        id,
        title,
        category,
        brand,
        price: Number(price),
        rating: Number(rating),
        release_date: epochDay as number,
        release_year: Number(releaseDate.slice(0, 4)),
        in_stock: inStock === "true",
      },
    });
  });
  return products;
}

const labeledQuerySchema = z
  .object({
    id: z.string().regex(/^\S+$/, "must be a non-empty id without spaces"),
    query: z.string().refine((text) => text.trim() !== "", "must not be empty"),
    kind: z.enum(PRODUCT_QUERY_KINDS),
    filter: z.record(z.string(), z.unknown()).nullable(),
    relevant: z.record(z.string(), z.number()),
    note: z.string().optional(),
  })
  .strict();

type ProductQuery = z.output<typeof labeledQuerySchema>;

/** Checks queries.jsonl against the products; returns every problem found. */
export function checkProductQueries(csvText: string, queriesText: string): ProductQueriesReport {
  const problems: string[] = [];
  const products = parseProducts(csvText, problems);
  const productIds = new Set(products.map((product) => product.id));
  const knownFields = new Set(Object.keys(products[0]?.metadata ?? {}));
  const queryCountByKind = { semantic: 0, filtered: 0, "filter-only": 0 };
  const queryIds = new Set<string>();

  for (const [index, rawLine] of queriesText.split("\n").entries()) {
    if (rawLine.trim() === "") continue;
    const where = `queries.jsonl line ${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(rawLine);
    } catch (error) {
      problems.push(`${where}: not valid JSON (${(error as Error).message})`);
      continue;
    }
    const result = labeledQuerySchema.safeParse(value);
    if (!result.success) {
      const issue = result.error.issues[0];
      problems.push(`${where}: field "${issue?.path.map(String).join(".") ?? ""}": ${issue?.message ?? "invalid"}`);
      continue;
    }
    const query = result.data;
    if (queryIds.has(query.id)) problems.push(`${query.id}: the id is used twice`);
    queryIds.add(query.id);
    queryCountByKind[query.kind] += 1;
    checkQuery(query, products, productIds, knownFields, problems);
  }

  for (const kind of PRODUCT_QUERY_KINDS) {
    if (queryCountByKind[kind] < MINIMUM_QUERIES_PER_KIND) {
      problems.push(`queries.jsonl: only ${queryCountByKind[kind]} "${kind}" queries, expected at least ${MINIMUM_QUERIES_PER_KIND}`);
    }
  }
  return { problems, productCount: products.length, queryCountByKind };
}

function checkQuery(query: ProductQuery, products: Product[], productIds: Set<string>, knownFields: Set<string>, problems: string[]): void {
  const grades = Object.entries(query.relevant);
  for (const [id, grade] of grades) {
    if (!productIds.has(id)) problems.push(`${query.id}: relevant id "${id}" is not a product`);
    if (!Number.isInteger(grade) || grade < 0 || grade > 2) problems.push(`${query.id}: grade ${grade} of ${id} must be 0, 1 or 2`);
  }
  if (!grades.some(([, grade]) => grade > 0)) problems.push(`${query.id}: no document is judged relevant (grade 1 or 2)`);

  if (query.kind === "semantic") {
    if (query.filter !== null) problems.push(`${query.id}: a semantic query must have "filter": null`);
    return;
  }
  if (query.filter === null) {
    problems.push(`${query.id}: a ${query.kind} query needs its gold filter`);
    return;
  }
  let predicate: MetadataPredicate;
  try {
    const filter = parseFilter(query.filter);
    const unknown = filterFields(filter).filter((field) => !knownFields.has(field));
    if (unknown.length > 0) {
      problems.push(`${query.id}: the filter names unknown field(s) ${unknown.join(", ")} (known: ${[...knownFields].join(", ")})`);
      return;
    }
    predicate = compileFilter(filter);
  } catch (error) {
    problems.push(`${query.id}: the filter does not parse (${(error as Error).message})`);
    return;
  }
  const matching = products.filter((product) => predicate(product.metadata)).map((product) => product.id);
  const matchingSet = new Set(matching);

  if (query.kind === "filter-only") {
    const missing = matching.filter((id) => query.relevant[id] !== 2);
    const extra = grades.filter(([id]) => !matchingSet.has(id)).map(([id]) => id);
    if (matching.length === 0) problems.push(`${query.id}: the filter matches no product`);
    if (missing.length > 0)
      problems.push(`${query.id}: products matching the filter must all be relevant with grade 2: ${missing.join(", ")}`);
    if (extra.length > 0) problems.push(`${query.id}: relevant products that do not match the filter: ${extra.join(", ")}`);
    return;
  }
  // filtered
  if (matching.length < 2) problems.push(`${query.id}: the filter matches ${matching.length} product(s), expected at least 2`);
  const outside = grades.filter(([id, grade]) => grade > 0 && !matchingSet.has(id)).map(([id]) => id);
  if (outside.length > 0) problems.push(`${query.id}: relevant products that do not match the filter: ${outside.join(", ")}`);
}

/** Reads the bundled files and checks them. */
export async function checkBundledProductQueries(directory: string = PRODUCTS_DIRECTORY): Promise<ProductQueriesReport> {
  const [csvText, queriesText] = await Promise.all([
    readFile(join(directory, "products.csv"), "utf8"),
    readFile(join(directory, "queries.jsonl"), "utf8"),
  ]);
  return checkProductQueries(csvText, queriesText);
}
