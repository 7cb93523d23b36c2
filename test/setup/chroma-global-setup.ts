import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startChromaServer, type ChromaServer } from "../../src/stores/chroma/chroma-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of the Chroma server the Chroma tests use; null when it could not be started (see chromaStartError). */
    chromaUrl: string | null;
    /** Why no Chroma server is available, for the Chroma tests to fail with. */
    chromaStartError: string | null;
  }
}

/** A cold start takes a few seconds; CI machines may be slower. */
const STARTUP_TIMEOUT_MS = 90_000;

/**
 * Vitest global setup: one real Chroma server (the chromadb package's own) for the whole run, on a free
 * port of 127.0.0.1 with its data in a temporary folder, stopped and deleted at the end. When CHROMA_URL
 * is set, that server is used instead and nothing is started.
 *
 * A server that cannot start does not abort the run: the error is handed to the Chroma tests, which
 * then FAIL with it (see test/stores/chroma-test-server.ts), while every other test still runs.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const existing = process.env.CHROMA_URL?.trim();
  if (existing) {
    project.provide("chromaUrl", existing);
    project.provide("chromaStartError", null);
    return async () => undefined;
  }
  const folder = await mkdtemp(join(tmpdir(), "retrievers-chroma-test-"));
  let server: ChromaServer | undefined;
  try {
    server = await startChromaServer({ path: folder, port: 0, startupTimeoutMs: STARTUP_TIMEOUT_MS });
    project.provide("chromaUrl", server.url);
    project.provide("chromaStartError", null);
  } catch (error) {
    project.provide("chromaUrl", null);
    project.provide("chromaStartError", error instanceof Error ? error.message : String(error));
  }
  return async () => {
    await server?.stop();
    await rm(folder, { recursive: true, force: true });
  };
}
