import { execFile } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { inject } from "vitest";
import { REPOSITORY_ROOT } from "./run-cli.js";

const run = promisify(execFile);
const POLL_MS = 500;
const BUILD_TIMEOUT_MS = 300_000;

/**
 * The package built with tsup exactly as `npm run build` builds it (ESM, CJS, type declarations), once
 * per run for every test that needs it (test/package/build.test.ts, install.test.ts): the first caller
 * builds into the folder test/setup/cli-build-setup.ts named (its teardown deletes it), the others wait
 * for it. A failed build fails every caller with tsup's message.
 */
export async function sharedPackageBuild(): Promise<string> {
  const folder = inject("packageBuildDirectory");
  if (typeof folder !== "string") throw new Error("sharedPackageBuild needs test/setup/cli-build-setup.ts in the project's globalSetup");
  const lock = `${folder}.lock`;
  const claimed = await mkdir(lock).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === "EEXIST") return false;
      throw error;
    },
  );
  if (!claimed) return waitForBuild(folder, lock);
  try {
    await run(join(REPOSITORY_ROOT, "node_modules", ".bin", "tsup"), ["--out-dir", folder], {
      cwd: REPOSITORY_ROOT,
      timeout: BUILD_TIMEOUT_MS,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await writeFile(join(lock, "failed"), message);
    throw new Error(`building the package with tsup failed: ${message}`, { cause: error });
  }
  await writeFile(join(lock, "done"), "");
  return folder;
}

async function waitForBuild(folder: string, lock: string): Promise<string> {
  const deadline = Date.now() + BUILD_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const failed = await readFile(join(lock, "failed"), "utf8").catch(() => undefined);
    if (failed !== undefined) throw new Error(`building the package with tsup failed (in another test file): ${failed}`);
    if (
      await readFile(join(lock, "done"), "utf8").then(
        () => true,
        () => false,
      )
    )
      return folder;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`the package build in ${folder} did not finish within ${BUILD_TIMEOUT_MS / 1000} s`);
}
