import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";

/** Base name of the worker entry, next to this module in the sources and under `embeddings/` in dist. */
const WORKER_BASE_NAME = "embedding-worker";

/** How to start the embedding worker in the current installation. */
export interface WorkerScript {
  /** The worker entry file. */
  url: URL;
  /** Whether it is TypeScript (running from sources): then it is started through tsx's loader. */
  typeScript: boolean;
  /** For TypeScript entries: URL of `tsx/esm/api`, which registers the loader inside the worker. */
  typeScriptLoader?: string;
}

/**
 * Finds the worker entry relative to the module that runs this code: `embedding-worker.ts` next to it
 * when running from sources (vitest, tsx), or the built `embeddings/embedding-worker.{js,cjs}` of the
 * tsup output (this code then lives in a file at the root of dist/, or in dist/embeddings/, or in
 * dist/cli/). Returns undefined when none exists (e.g. the library was bundled into one file), or
 * when the sources are found but tsx is not installed.
 */
export function findWorkerScript(moduleUrl: string, explicit?: string | URL): WorkerScript | undefined {
  if (explicit !== undefined) {
    const url =
      explicit instanceof URL ? explicit : explicit.startsWith("file:") ? new URL(explicit) : pathToFileURL(path.resolve(explicit));
    return describeScript(url, moduleUrl);
  }
  const modulePath = fileURLToPath(moduleUrl);
  const extension = path.extname(modulePath);
  if (extension === ".ts" || extension === ".mts") {
    return describeScript(pathToFileURL(path.join(path.dirname(modulePath), `${WORKER_BASE_NAME}.ts`)), moduleUrl);
  }
  // Prefer the format of the running module (ESM .js or CommonJS .cjs); both work.
  const extensions = extension === ".cjs" ? [".cjs", ".js"] : [".js", ".cjs"];
  const folder = path.dirname(modulePath);
  const candidates = [folder, path.join(folder, "embeddings"), path.join(folder, "..", "embeddings")].flatMap((directory) =>
    extensions.map((candidate) => path.join(directory, `${WORKER_BASE_NAME}${candidate}`)),
  );
  const found = candidates.find((candidate) => existsSync(candidate));
  return found === undefined ? undefined : { url: pathToFileURL(found), typeScript: false };
}

function describeScript(url: URL, moduleUrl: string): WorkerScript | undefined {
  if (!existsSync(url)) return undefined;
  if (!/\.[mc]?ts$/.test(url.pathname)) return { url, typeScript: false };
  const typeScriptLoader = findTypeScriptLoader(moduleUrl);
  return typeScriptLoader === undefined ? undefined : { url, typeScript: true, typeScriptLoader };
}

/** The ESM entry of `tsx/esm/api`, resolved from the running module (tsx is a dev dependency). */
function findTypeScriptLoader(moduleUrl: string): string | undefined {
  try {
    const require = createRequire(moduleUrl);
    const packageJsonPath = require.resolve("tsx/package.json");
    const manifest = JSON.parse(readFileSync(packageJsonPath, "utf8")) as { exports?: Record<string, unknown> };
    const apiExport = manifest.exports?.["./esm/api"] as { import?: { default?: string } | string } | undefined;
    const relative = typeof apiExport?.import === "string" ? apiExport.import : apiExport?.import?.default;
    if (relative === undefined) return undefined;
    const absolute = path.join(path.dirname(packageJsonPath), relative);
    return existsSync(absolute) ? pathToFileURL(absolute).href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Bootstrap of TypeScript workers: registers tsx in the worker, then imports the entry. (Passing
 * `--import tsx` in `execArgv` does not apply to a worker's entry module on Node 20.)
 */
const TYPESCRIPT_BOOTSTRAP = `
const { workerData } = require("node:worker_threads");
import(workerData.typeScriptLoader)
  .then((api) => { api.register(); return import(workerData.entry); })
  .catch((error) => { setImmediate(() => { throw error; }); });
`;

/**
 * The parent's Node options minus those that only make sense for the main entry and break a worker
 * started from a file (`node --input-type=module -e ...` would make every worker fail to start).
 */
export function workerExecArgv(parentExecArgv: readonly string[] = process.execArgv): string[] {
  const result: string[] = [];
  for (let index = 0; index < parentExecArgv.length; index += 1) {
    const argument = parentExecArgv[index]!;
    if (argument.startsWith("--input-type=")) continue;
    if (argument === "--input-type") {
      index += 1;
      continue;
    }
    result.push(argument);
  }
  return result;
}

/** Starts a worker running the script. */
export function startWorker(script: WorkerScript, options: WorkerOptions = {}): Worker {
  const execArgv = workerExecArgv();
  if (!script.typeScript) return new Worker(script.url, { execArgv, ...options });
  return new Worker(TYPESCRIPT_BOOTSTRAP, {
    execArgv,
    ...options,
    eval: true,
    workerData: { typeScriptLoader: script.typeScriptLoader, entry: script.url.href },
  });
}
