import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Vitest global setup: the CLI's cache folder (RETRIEVERS_CACHE_DIR, and XDG_CACHE_HOME for anything
 * else that follows XDG) points at a temporary folder for the whole run, deleted at the end, so no
 * test ever writes to the user's ~/.cache. Set here, before the workers start, so they inherit it.
 * (test/support/run-cli.ts gives each spawned CLI its own folder inside its working folder.)
 */
export default async function setup(): Promise<() => Promise<void>> {
  const folder = await mkdtemp(join(tmpdir(), "advanced-retrievers-test-cache-"));
  const saved = { RETRIEVERS_CACHE_DIR: process.env.RETRIEVERS_CACHE_DIR, XDG_CACHE_HOME: process.env.XDG_CACHE_HOME };
  process.env.RETRIEVERS_CACHE_DIR = folder;
  process.env.XDG_CACHE_HOME = folder;
  return async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await rm(folder, { recursive: true, force: true });
  };
}
