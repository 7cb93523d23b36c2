import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";
import { chromaTestUrl } from "./chroma-test-server.js";

const QUESTION = "Which reviews praise the fight choreography?";

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address !== null ? address.port : 0));
    });
  });
}

/** End to end: the real CLI, the real local embeddings, the bundled sample, a real Chroma server. */
describe("retrievers query --store chroma", () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "retrievers-chroma-cli-"));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("answers like --store memory (naive and hybrid), and reports the Chroma collection as the index", async () => {
    const env = { CHROMA_URL: chromaTestUrl() };
    for (const technique of ["naive", "hybrid"]) {
      const onMemory = await runCli(["query", "-t", technique, "--k", "4", "--json", "--store", "memory", QUESTION], { cwd: folder, env });
      const onChroma = await runCli(["query", "-t", technique, "--k", "4", "--json", "--store", "chroma", QUESTION], { cwd: folder, env });
      expect(onMemory.code, onMemory.stderr).toBe(0);
      expect(onChroma.code, onChroma.stderr).toBe(0);
      const ids = (output: string) => (JSON.parse(output) as { results: Array<{ id: string }> }).results.map((result) => result.id);
      expect(ids(onChroma.stdout)).toEqual(ids(onMemory.stdout));
    }
    const index = await runCli(["index", "-t", "naive", "--store", "chroma"], { cwd: folder, env });
    expect(index.code, index.stderr).toBe(0);
    expect(index.stdout).toContain(`index: chroma ${chromaTestUrl()} collection retrievers-documents-`);
    expect(index.stdout).toContain("indexLoadedFromDisk: true");
  });

  it("fails with exit code 1 and an error naming the Chroma server when it is down", async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const result = await runCli(["query", "--store", "chroma", QUESTION], { cwd: folder, env: { CHROMA_URL: url } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Chroma (${url})`);
  });
});
