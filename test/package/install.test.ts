import { execFile, spawn, type ChildProcess } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sharedPackageBuild } from "../support/package-build.js";
import { REPOSITORY_ROOT } from "../support/run-cli.js";

const run = promisify(execFile);

/**
 * The package as a user gets it: built with tsup, packed with `npm pack`, installed from the tarball into
 * a new app (`npm install --prefer-offline`: the dependencies come from the npm cache that `npm ci`
 * filled), then the README's library example, `retrievers query`, and `retrievers chroma start` with a
 * `--store chroma` query, all from the app's folder.
 */
let work: string;
let app: string;
let cache: string;
const manifest = JSON.parse(await readFile(join(REPOSITORY_ROOT, "package.json"), "utf8")) as {
  files: string[];
  peerDependencies: Record<string, string>;
  optionalDependencies: Record<string, string>;
};

/** Environment of the app's commands: no API keys or service URLs, a temporary cache folder. */
function appEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = { ...process.env, RETRIEVERS_CACHE_DIR: cache, ...extra };
  for (const name of ["OPENAI_API_KEY", "OPENAI_BASE_URL", "COHERE_API_KEY", "CHROMA_URL", "RETRIEVERS_DATA"])
    if (!(name in extra)) delete environment[name];
  return environment;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "retrievers-install-"));
  const stage = join(work, "package");
  app = join(work, "app");
  cache = join(work, "cache");
  await mkdir(stage);
  await mkdir(app);
  // What `npm pack` would take from the repository (package.json "files"), with dist/ built into the stage.
  await cp(join(REPOSITORY_ROOT, "package.json"), join(stage, "package.json"));
  for (const entry of manifest.files.filter((name) => name !== "dist"))
    await cp(join(REPOSITORY_ROOT, entry), join(stage, entry), { recursive: true });
  // dist/: the run's one package build (tsup, as `npm run build`; test/support/package-build.ts), shared with build.test.ts.
  await cp(await sharedPackageBuild(), join(stage, "dist"), { recursive: true });
  await run("npm", ["pack", "--pack-destination", work], { cwd: stage, timeout: 60_000 });
  const tarball = (await readdir(work)).find((name) => name.endsWith(".tgz"));
  expect(tarball).toBeDefined();
  await writeFile(join(app, "package.json"), JSON.stringify({ name: "retrievers-consumer", private: true, type: "module" }));
  // A consumer installs the package with its required peer (@langchain/core), as the README says.
  await run(
    "npm",
    [
      "install",
      "--prefer-offline",
      "--no-audit",
      "--no-fund",
      join(work, tarball!),
      `@langchain/core@${manifest.peerDependencies["@langchain/core"]}`,
    ],
    { cwd: app, timeout: 300_000 },
  );
}, 480_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe("the packed package installed in an app", () => {
  it("gets the Chroma bindings this project pins (1.0.5 works with glibc 2.36), on linux x64", async () => {
    expect(manifest.optionalDependencies["chromadb-js-bindings-linux-x64-gnu"]).toBe("1.0.5");
    // The bindings package exists for linux x64 (gnu) only; elsewhere npm skips it as an optional dependency.
    if (process.platform !== "linux" || process.arch !== "x64") return;
    const installed = JSON.parse(
      await readFile(join(app, "node_modules", "chromadb-js-bindings-linux-x64-gnu", "package.json"), "utf8"),
    ) as { version: string };
    expect(installed.version).toBe("1.0.5");
    // And chromadb uses that copy (no nested one of another version).
    const nested = await readdir(join(app, "node_modules", "chromadb", "node_modules")).catch(() => [] as string[]);
    expect(nested).not.toContain("chromadb-js-bindings-linux-x64-gnu");
  });

  it("runs the README's library example from the app's folder (sampleDataPath finds the bundled sample)", async () => {
    const readme = await readFile(join(REPOSITORY_ROOT, "README.md"), "utf8");
    const library = readme.slice(readme.indexOf("## Library"));
    const example = /```ts\n([\s\S]*?)```/.exec(library)?.[1];
    expect(example).toContain("sampleDataPath()");
    await writeFile(
      join(app, "example.mjs"),
      `${example}\nconsole.log(JSON.stringify(results.map((result) => result.document.metadata.movie)), documentsForLcel.length);\n`,
    );
    const { stdout, stderr } = await run(process.execPath, ["example.mjs"], { cwd: app, env: appEnvironment(), timeout: 120_000 });
    expect(stderr).toBe("");
    const [movies, count] = stdout.trim().split(" ");
    const filtered = JSON.parse(movies!) as number[];
    expect(filtered).toHaveLength(10);
    expect(filtered.every((movie) => movie === 4)).toBe(true);
    expect(Number(count)).toBe(10);
  });

  it("npx retrievers query and --version work in the app", async () => {
    const version = await run("npx", ["retrievers", "--version"], { cwd: app, env: appEnvironment(), timeout: 60_000 });
    expect(version.stdout.trim()).toBe(JSON.parse(await readFile(join(REPOSITORY_ROOT, "package.json"), "utf8")).version);
    const query = await run("npx", ["retrievers", "query", "--json", "--k", "3", "Which reviews praise the fight choreography?"], {
      cwd: app,
      env: appEnvironment(),
      timeout: 120_000,
    });
    const { results } = JSON.parse(query.stdout) as { results: Array<{ id: string }> };
    expect(results).toHaveLength(3);
    expect(results.every((result) => /^jw[1-4]-\d+$/.test(result.id))).toBe(true);
  });

  it("retrievers chroma start, then a --store chroma query against it, give the memory store's results", async () => {
    // The installed bin, started directly so that it is the process we stop (npx would stand in between).
    const server: ChildProcess = spawn(join(app, "node_modules", ".bin", "retrievers"), ["chroma", "start", "--port", "0"], {
      cwd: app,
      env: appEnvironment(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let errors = "";
    server.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    server.stderr!.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    try {
      const url = await new Promise<string>((resolvePromise, reject) => {
        const timer = setTimeout(() => reject(new Error(`chroma start printed no URL in 90 s: ${errors}`)), 90_000);
        const check = () => {
          const match = /export CHROMA_URL=(\S+)/.exec(output);
          if (match) {
            clearTimeout(timer);
            resolvePromise(match[1]!);
          }
        };
        server.stdout!.on("data", check);
        server.on("exit", (code) => reject(new Error(`chroma start exited (${code}): ${errors}`)));
      });
      const question = "Which reviews praise the fight choreography?";
      const ids = async (store: string) => {
        const { stdout } = await run("npx", ["retrievers", "query", "--json", "--k", "4", "--store", store, question], {
          cwd: app,
          env: appEnvironment({ CHROMA_URL: url }),
          timeout: 120_000,
        });
        return (JSON.parse(stdout) as { results: Array<{ id: string }> }).results.map((result) => result.id);
      };
      const onChroma = await ids("chroma");
      expect(onChroma).toHaveLength(4);
      expect(onChroma).toEqual(await ids("memory"));
    } finally {
      const exited = new Promise((resolvePromise) => server.once("exit", resolvePromise));
      server.kill("SIGTERM");
      await exited;
    }
    expect(errors).toContain("Chroma stopped.");
  });
});
