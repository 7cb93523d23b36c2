import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { sharedPackageBuild } from "../support/package-build.js";
import { REPOSITORY_ROOT } from "../support/run-cli.js";

const run = promisify(execFile);
// Builds the package with tsup (as `npm run build` does) into a temp folder and uses the output from
// plain Node: the ESM and CJS entries, the type declarations, and the CLI with its embedding worker.
// The build is the run's one package build (test/support/package-build.ts), shared with install.test.ts.
let outDirectory: string;

beforeAll(async () => {
  outDirectory = await sharedPackageBuild();
}, 320_000);

describe("the built package", () => {
  it("has ESM, CJS and type declarations for the library entry", async () => {
    const files = await readdir(outDirectory);
    const entries = ["index", "openai", "cohere", "chroma"];
    expect(files).toEqual(
      expect.arrayContaining(entries.flatMap((entry) => [`${entry}.js`, `${entry}.cjs`, `${entry}.d.ts`, `${entry}.d.cts`])),
    );
  });

  it("loads from ESM and from CJS with the same exports", async () => {
    const script = `
      const esm = await import(${JSON.stringify(join(outDirectory, "index.js"))});
      const { createRequire } = await import("node:module");
      const cjs = createRequire(import.meta.url)(${JSON.stringify(join(outDirectory, "index.cjs"))});
      const names = ["NaiveRetriever", "MemoryStore", "parseFilter", "loadJohnWickReviews", "createEmbeddings", "HybridRetriever", "ContextualCompressionRetriever", "RetrieverError"];
      console.log(JSON.stringify(names.map((name) => [name, typeof esm[name], typeof cjs[name]])));`;
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], { cwd: tmpdir() });
    for (const [name, esmType, cjsType] of JSON.parse(stdout) as string[][]) {
      expect([name, esmType]).toEqual([name, "function"]);
      expect([name, cjsType]).toEqual([name, "function"]);
    }
  });

  it("serves one subpath per optional adapter (openai, cohere, chroma), from ESM and CJS", async () => {
    const script = `
      const { createRequire } = await import("node:module");
      const require = createRequire(import.meta.url);
      const checks = [["openai", "createOpenAIEmbeddings"], ["openai", "createChatModel"], ["cohere", "CohereReranker"], ["chroma", "ChromaStore"], ["chroma", "startChromaServer"]];
      const out = [];
      for (const [entry, name] of checks) {
        const esm = await import(${JSON.stringify(outDirectory)} + "/" + entry + ".js");
        const cjs = require(${JSON.stringify(outDirectory)} + "/" + entry + ".cjs");
        out.push([entry + ":" + name, typeof esm[name], typeof cjs[name]]);
      }
      console.log(JSON.stringify(out));`;
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], { cwd: tmpdir() });
    for (const [name, esmType, cjsType] of JSON.parse(stdout) as string[][])
      expect([name, esmType, cjsType]).toEqual([name, "function", "function"]);
  });

  it("runs the CLI from the build (ESM and CJS), embedding with worker threads", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "retrievers-dist-"));
    try {
      for (const entry of ["main.js", "main.cjs"]) {
        const { stdout, stderr } = await run(
          process.execPath,
          [
            join(outDirectory, "cli", entry),
            "query",
            "--json",
            "--k",
            "2",
            "--no-save",
            "--data",
            join(REPOSITORY_ROOT, "data", "sample"),
            "stairs fight",
          ],
          { cwd, timeout: 120_000 },
        );
        expect(stderr).not.toMatch(/fall(ing)? back|warning/i);
        expect((JSON.parse(stdout) as { results: unknown[] }).results).toHaveLength(2);
      }
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });
});
