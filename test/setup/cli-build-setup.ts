import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";
import { EmbeddingCache } from "../../src/embeddings/cache/embedding-cache.js";
import { UNIVERSAL_SENTENCE_ENCODER_MODEL_ID } from "../../src/embeddings/local/universal-sentence-encoder.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** `cli/main.js` of the JavaScript build of this run (test/support/run-cli.ts spawns it with node). */
    cliBuildEntry: string | null;
    /** The local model's embeddings cache namespace folder every spawned CLI of the run shares (see run-cli.ts). */
    sharedLocalEmbeddings: string | null;
    /** Where test/support/package-build.ts builds the whole package (with declarations) once, when a test asks. */
    packageBuildDirectory: string | null;
  }
}

const run = promisify(execFile);
const REPOSITORY_ROOT = resolve(import.meta.dirname, "../..");

/** What both projects' setups share in this process: one build, one embeddings folder, removed by the last teardown. */
interface SharedBuild {
  ready: Promise<{ outDirectory: string; sharedEmbeddings: string; packageDirectory: string }>;
  users: number;
}
const SHARED_KEY = Symbol.for("advanced-retrievers.test.cli-build");
const processState = globalThis as typeof globalThis & { [SHARED_KEY]?: SharedBuild };

async function buildOnce(): Promise<{ outDirectory: string; sharedEmbeddings: string; packageDirectory: string }> {
  // test/setup/cache-folder-setup.ts (listed first) set RETRIEVERS_CACHE_DIR to the run's temporary folder.
  const runCache = process.env.RETRIEVERS_CACHE_DIR;
  if (runCache === undefined || runCache === "") throw new Error("test setup: cache-folder-setup.ts must run before cli-build-setup.ts");
  const sharedEmbeddings = new EmbeddingCache({
    directory: join(runCache, "shared-embeddings"),
    namespace: UNIVERSAL_SENTENCE_ENCODER_MODEL_ID,
  }).folder;
  await mkdir(sharedEmbeddings, { recursive: true });
  const outDirectory = await mkdtemp(join(REPOSITORY_ROOT, ".build-test-cli-"));
  try {
    await run(join(REPOSITORY_ROOT, "node_modules", ".bin", "tsup"), ["--no-dts", "--silent", "--out-dir", outDirectory], {
      cwd: REPOSITORY_ROOT,
      timeout: 240_000,
    });
  } catch (error) {
    await rm(outDirectory, { recursive: true, force: true });
    throw new Error(`test setup: building the CLI with tsup failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  // Named here, built on demand (test/support/package-build.ts); `.build-test-*` is in .gitignore.
  const packageDirectory = join(REPOSITORY_ROOT, basename(outDirectory).replace(".build-test-cli-", ".build-test-package-"));
  return { outDirectory, sharedEmbeddings, packageDirectory };
}

/**
 * Vitest global setup (both projects, one build per run), for speed without changing what the tests check:
 *
 * - The package is built once with tsup (JavaScript only, as `npm run build` bundles it; the type
 *   declarations are test/package/build.test.ts's business) into `.build-test-cli-*` at the
 *   repository's top (the bundle finds package.json and data/ two folders up, as from dist/), and the
 *   tests spawn `node .build-test-cli-*\/cli/main.js` instead of compiling the sources with tsx
 *   in every process (about 1.5 s of CPU less per process here).
 * - The whole package (with declarations) is built at most once per run too, by the first test that
 *   asks for it (test/support/package-build.ts: build.test.ts and install.test.ts).
 * - One folder of the local model's embeddings cache, in the run's temporary cache folder, is shared
 *   by every CLI process spawned through run-cli.ts with a per-folder cache: the sample data is
 *   embedded once per run instead of once per test file. The cache is content-addressed (a key is the
 *   model, the role and the text) and safe for concurrent processes. Tests that pass `--cache-dir` or
 *   their own RETRIEVERS_CACHE_DIR get a cold cache (test/cli/pipe-and-cache.test.ts checks one).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const shared = (processState[SHARED_KEY] ??= { ready: buildOnce(), users: 0 });
  shared.users += 1;
  const { outDirectory, sharedEmbeddings, packageDirectory } = await shared.ready;
  project.provide("cliBuildEntry", join(outDirectory, "cli", "main.js"));
  project.provide("sharedLocalEmbeddings", sharedEmbeddings);
  project.provide("packageBuildDirectory", packageDirectory);
  return async () => {
    shared.users -= 1;
    if (shared.users > 0) return;
    delete processState[SHARED_KEY];
    for (const folder of [outDirectory, packageDirectory, `${packageDirectory}.lock`]) await rm(folder, { recursive: true, force: true });
  };
}
