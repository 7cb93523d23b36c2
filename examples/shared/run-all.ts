/**
 * Runs every example in turn (`npm run examples`), passing the command line on (e.g. `--data DIR`).
 * Stops at the first failure with its exit code.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";

const examplesDirectory = dirname(import.meta.dirname);
const examples = readdirSync(examplesDirectory)
  .filter((file) => file.endsWith(".ts"))
  .sort();

for (const example of examples) {
  console.log(`\n### examples/${example}\n`);
  const run = spawnSync(process.execPath, ["--import", "tsx", join(examplesDirectory, example), ...process.argv.slice(2)], {
    stdio: "inherit",
  });
  if (run.status !== 0) {
    console.error(`examples/${example} failed (exit code ${run.status ?? run.signal})`);
    process.exit(run.status ?? 1);
  }
}
