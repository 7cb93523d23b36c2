import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  checkBundledProductQueries,
  checkProductQueries,
  epochDayOf,
  parseProducts,
  PRODUCTS_DIRECTORY,
} from "../../scripts/product-queries-check.js";

async function bundled(): Promise<{ csv: string; queries: string }> {
  const [csv, queries] = await Promise.all([
    readFile(join(PRODUCTS_DIRECTORY, "products.csv"), "utf8"),
    readFile(join(PRODUCTS_DIRECTORY, "queries.jsonl"), "utf8"),
  ]);
  return { csv, queries };
}

/** The query file with the query `id` changed; fails when there is no such query. */
function replaceLine(text: string, id: string, change: (query: Record<string, unknown>) => void): string {
  let found = false;
  const lines = text.split("\n").map((line) => {
    if (line.trim() === "") return line;
    const query = JSON.parse(line) as Record<string, unknown>;
    if (query.id !== id) return line;
    found = true;
    change(query);
    return JSON.stringify(query);
  });
  expect(found, `query ${id} is in the file`).toBe(true);
  return lines.join("\n");
}

describe("bundled products dataset", () => {
  it("has 80 valid products and labeled queries consistent with the data", async () => {
    const report = await checkBundledProductQueries();
    expect(report.problems).toEqual([]);
    expect(report.productCount).toBe(80);
    expect(report.queryCountByKind.semantic).toBeGreaterThanOrEqual(12);
    expect(report.queryCountByKind.filtered).toBeGreaterThanOrEqual(12);
    expect(report.queryCountByKind["filter-only"]).toBeGreaterThanOrEqual(12);
  });

  it("converts rows with the dataset metadata convention", async () => {
    const problems: string[] = [];
    const products = parseProducts((await bundled()).csv, problems);
    expect(problems).toEqual([]);
    const first = products[0];
    expect(first?.id).toBe("p001");
    expect(first?.metadata).toMatchObject({
      category: "laptop",
      brand: "Kestrel",
      price: 1299,
      rating: 4.6,
      release_year: 2024,
      in_stock: true,
    });
    expect(first?.metadata.release_date).toBe(epochDayOf("2024-03-12"));
    expect(epochDayOf("1970-01-02")).toBe(1);
    expect(epochDayOf("2024-02-30")).toBeUndefined();
  });
});

describe("checkProductQueries catches bad judgments", () => {
  it("names a filter-only query missing a matching product", async () => {
    const { csv, queries } = await bundled();
    const broken = replaceLine(queries, "p-q38", (query) => {
      delete (query.relevant as Record<string, number>).p015;
    });
    expect(checkProductQueries(csv, broken).problems).toEqual([
      "p-q38: products matching the filter must all be relevant with grade 2: p015",
    ]);
  });

  it("names a filter-only query with an extra product or a grade below 2", async () => {
    const { csv, queries } = await bundled();
    const broken = replaceLine(queries, "p-q38", (query) => {
      query.relevant = { ...(query.relevant as Record<string, number>), p011: 2, p012: 1 };
    });
    const problems = checkProductQueries(csv, broken).problems;
    expect(problems).toHaveLength(2);
    expect(problems[0]).toBe("p-q38: products matching the filter must all be relevant with grade 2: p012");
    expect(problems[1]).toBe("p-q38: relevant products that do not match the filter: p011");
  });

  it("names a filtered query judging a product outside its filter, and a filter matching fewer than 2", async () => {
    const { csv, queries } = await bundled();
    let broken = replaceLine(queries, "p-q20", (query) => {
      (query.relevant as Record<string, number>).p001 = 2;
    });
    broken = replaceLine(broken, "p-q21", (query) => {
      query.filter = { brand: ["Halcyon"], category: ["headphones"], price: { gt: 300 } };
    });
    const problems = checkProductQueries(csv, broken).problems;
    expect(problems).toContain("p-q20: relevant products that do not match the filter: p001");
    expect(problems).toContain("p-q21: the filter matches 1 product(s), expected at least 2");
    expect(problems).toContain("p-q21: relevant products that do not match the filter: p034");
    expect(problems).toHaveLength(3);
  });

  it("names unknown ids, bad grades, unknown filter fields, duplicate ids and kind/filter mismatches", async () => {
    const { csv, queries } = await bundled();
    let broken = replaceLine(queries, "p-q01", (query) => {
      query.relevant = { p001: 3, p999: 2 };
    });
    broken = replaceLine(broken, "p-q02", (query) => {
      query.filter = { category: ["headphones"] };
    });
    broken = replaceLine(broken, "p-q39", (query) => {
      query.filter = { category: ["phone"], release_yaer: 2025 };
    });
    broken = replaceLine(broken, "p-q40", (query) => {
      query.id = "p-q41";
    });
    const problems = checkProductQueries(csv, broken).problems;
    expect(problems).toEqual([
      "p-q01: grade 3 of p001 must be 0, 1 or 2",
      'p-q01: relevant id "p999" is not a product',
      'p-q02: a semantic query must have "filter": null',
      expect.stringMatching(/^p-q39: the filter names unknown field\(s\) release_yaer/),
      "p-q41: the id is used twice",
    ]);
  });

  it("requires at least 12 queries of each kind", async () => {
    const { csv, queries } = await bundled();
    const fewer = queries
      .split("\n")
      .filter((line) => line.trim() === "" || (JSON.parse(line) as { kind: string }).kind !== "filter-only")
      .join("\n");
    expect(checkProductQueries(csv, fewer).problems).toEqual(['queries.jsonl: only 0 "filter-only" queries, expected at least 12']);
  });

  it("names a malformed CSV row", async () => {
    const { csv, queries } = await bundled();
    const broken = csv.replace("p002,Northwind Ledger 15 Business Laptop", "p002,Northwind Ledger 15 Business Laptop,extra");
    const problems = checkProductQueries(broken, queries).problems;
    expect(problems[0]).toBe("products.csv row 3: has 10 fields, expected 9");
  });
});
