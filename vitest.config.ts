import { availableParallelism } from "node:os";
import { configDefaults, defineConfig } from "vitest/config";

/** Tests never touch the user's cache folder: a temporary one for the run (see the setup file). */
const CACHE_FOLDER_SETUP = "test/setup/cache-folder-setup.ts";
/** The CLI built once per run and one shared local-model embeddings cache for the CLI processes tests spawn. */
const CLI_BUILD_SETUP = "test/setup/cli-build-setup.ts";

/**
 * The end-to-end project: tests that spawn the CLI (test/cli/*.test.ts; the in-process ones live in
 * test/cli/unit/), build or install the package, run the examples, use the real Chroma server, or a
 * browser. Everything else is the unit project. `npm test` runs both; `npm run test:unit` / `test:e2e` one.
 */
const END_TO_END = [
  "test/cli/*.test.ts",
  "test/package/**/*.test.ts",
  "test/examples/**/*.test.ts",
  "test/stores/chroma-*.test.ts",
  "test/reliability/chroma-faults.test.ts",
  "test/adapters/langchain-vector-store.test.ts",
  "test/evaluation/*-cli.test.ts",
  "test/evaluation/products-bench.test.ts",
  "test/self-query/cli-*.test.ts",
  "test/reliability/model-load-race.test.ts",
  "test/report/**/*.test.ts",
];

/**
 * Two test files at a time even on two cores: end-to-end files mostly wait for the processes they spawn
 * (measured here: six CLI test files in 69 s instead of 84 s, the same CPU time), and unit files wait
 * for mock servers, workers and disk often enough too. vitest's default is one per core minus one, a
 * single file at a time on a 2-core CI machine. The projects still run one after the other
 * (sequence.groupOrder): unit first, then e2e.
 */
const WORKERS = Math.max(2, availableParallelism() - 1);

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          maxWorkers: WORKERS,
          sequence: { groupOrder: 0 },
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...END_TO_END],
          globalSetup: [CACHE_FOLDER_SETUP, CLI_BUILD_SETUP],
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: END_TO_END,
          maxWorkers: WORKERS,
          sequence: { groupOrder: 1 },
          // One real Chroma server for the Chroma store tests (or CHROMA_URL when set).
          globalSetup: [CACHE_FOLDER_SETUP, CLI_BUILD_SETUP, "test/setup/chroma-global-setup.ts"],
        },
      },
    ],
  },
});
