import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPOSITORY_ROOT } from "../support/run-cli.js";

const run = promisify(execFile);
const ADAPTER_MODULE = /node_modules\/(openai|@langchain\/openai|cohere-ai|chromadb|@langchain\/community)\//;
let outDirectory: string;

// The built package (as users get it), imported from plain Node in a fresh process.
beforeAll(async () => {
  outDirectory = await mkdtemp(join(REPOSITORY_ROOT, ".build-test-lazy-"));
  await run(join(REPOSITORY_ROOT, "node_modules", ".bin", "tsup"), ["--out-dir", outDirectory, "--no-dts"], {
    cwd: REPOSITORY_ROOT,
    timeout: 240_000,
  });
}, 300_000);
afterAll(async () => {
  await rm(outDirectory, { recursive: true, force: true });
});

/** Every module URL an ESM import of `entry` resolves, recorded by a module resolve hook. */
async function esmModules(entry: string): Promise<string[]> {
  const hook = `export async function resolve(specifier, context, next) { const result = await next(specifier, context); process.stderr.write("LOADED " + result.url + "\\n"); return result; }`;
  const register = `import { register } from "node:module"; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});`;
  const { stderr } = await run(
    process.execPath,
    [
      "--import",
      `data:text/javascript,${encodeURIComponent(register)}`,
      "--input-type=module",
      "-e",
      `await import(${JSON.stringify(join(outDirectory, entry))});`,
    ],
    {
      cwd: REPOSITORY_ROOT,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return [
    ...new Set(
      stderr
        .split("\n")
        .filter((line) => line.startsWith("LOADED "))
        .map((line) => line.slice("LOADED ".length)),
    ),
  ];
}

/** Every file in the require cache after a CJS require of `entry`. */
async function cjsModules(entry: string): Promise<string[]> {
  const { stdout } = await run(
    process.execPath,
    ["-e", `require(${JSON.stringify(join(outDirectory, entry))}); console.log(JSON.stringify(Object.keys(require.cache)));`],
    {
      cwd: REPOSITORY_ROOT,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return JSON.parse(stdout) as string[];
}

describe("lazy adapters", () => {
  it("importing the main entry (ESM) loads no openai, @langchain/openai, cohere-ai, chromadb or @langchain/community module", async () => {
    const modules = await esmModules("index.js");
    expect(modules.filter((url) => url.includes("/node_modules/@langchain/core/")).length).toBeGreaterThan(10);
    expect(modules.filter((url) => ADAPTER_MODULE.test(url))).toEqual([]);
  });

  it("requiring the main entry (CJS) loads none of them either", async () => {
    const modules = await cjsModules("index.cjs");
    expect(modules.filter((path) => path.includes("/node_modules/@langchain/core/")).length).toBeGreaterThan(10);
    expect(modules.filter((path) => ADAPTER_MODULE.test(path))).toEqual([]);
  });

  it("the openai subpath does load @langchain/openai (so the check above can fail)", async () => {
    const modules = await cjsModules("openai.cjs");
    expect(modules.some((path) => /node_modules\/@langchain\/openai\//.test(path))).toBe(true);
  });
});
