/**
 * Checks the labeled queries of the bundled products dataset against its data:
 * `npx tsx scripts/check-product-queries.ts [folder]` (default `data/products/`).
 * Prints every problem (naming the query id or CSV row) and exits with status 1 when there is one.
 */
import { checkBundledProductQueries, PRODUCTS_DIRECTORY } from "./product-queries-check.js";

const directory = process.argv[2] ?? PRODUCTS_DIRECTORY;
const report = await checkBundledProductQueries(directory);
const counts = Object.entries(report.queryCountByKind)
  .map(([kind, count]) => `${count} ${kind}`)
  .join(", ");
if (report.problems.length > 0) {
  for (const problem of report.problems) console.error(`problem: ${problem}`);
  console.error(`${report.problems.length} problem(s) in ${directory} (${report.productCount} valid products; queries: ${counts})`);
  process.exit(1);
}
console.log(
  `ok: ${report.productCount} products; queries: ${counts}; every filter-only judgment equals its filter's matches, every filtered judgment lies inside its filter`,
);
