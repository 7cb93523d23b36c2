import { spawn } from "node:child_process";
import { lstat, mkdir, symlink } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { inject } from "vitest";

export const REPOSITORY_ROOT = resolve(import.meta.dirname, "../..");
const tsxBinary = join(REPOSITORY_ROOT, "node_modules", ".bin", "tsx");
const cliEntry = join(REPOSITORY_ROOT, "src", "cli", "main.ts");

/** Variables removed from a child's environment so tests never reach real services by accident. */
const SERVICE_VARIABLES = ["OPENAI_API_KEY", "OPENAI_BASE_URL", "COHERE_API_KEY", "COHERE_BASE_URL", "CHROMA_URL", "RETRIEVERS_DATA"];

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  /** Added to the clean environment. */
  env?: Record<string, string>;
  /** The child is killed after this long. @default 120000 */
  timeoutMs?: number;
}

/**
 * Links `cacheRoot/embeddings/<local model>` to the run's shared local-model embeddings folder (see
 * test/setup/cli-build-setup.ts), when the end-to-end setup provides one and the cache has none yet.
 * Only the local model's namespace is shared: mock servers' vectors stay per test.
 */
export async function linkSharedEmbeddings(cacheRoot: string): Promise<void> {
  const shared = inject("sharedLocalEmbeddings");
  if (typeof shared !== "string") return;
  const link = join(cacheRoot, "embeddings", basename(shared));
  const exists = await lstat(link).then(
    () => true,
    () => false,
  );
  if (exists) return;
  await mkdir(join(cacheRoot, "embeddings"), { recursive: true });
  await symlink(shared, link, "dir").catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "EEXIST") throw error;
  });
}

/** Runs `command args` in `cwd`, with a clean environment (no API keys, no service URLs) plus `env`. */
async function runProcess(command: string, args: string[], options: RunOptions): Promise<CliRun> {
  const environment: NodeJS.ProcessEnv = { ...process.env };
  for (const name of SERVICE_VARIABLES) delete environment[name];
  // Each working folder gets its own cache folder (indexes, embeddings), as `.retrievers/` in it used to be;
  // the repository's own folder shares the run's temporary one (vitest.config.ts), never the user's.
  if (resolve(options.cwd) !== REPOSITORY_ROOT && options.env?.RETRIEVERS_CACHE_DIR === undefined) {
    environment.RETRIEVERS_CACHE_DIR = join(options.cwd, ".cache", "advanced-retrievers");
    await linkSharedEmbeddings(environment.RETRIEVERS_CACHE_DIR);
  }
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...environment, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 120_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

/** Runs a TypeScript file with tsx in `cwd`, with a clean environment (no API keys, no service URLs) plus `env`. */
export function runTsx(script: string, args: string[], options: RunOptions): Promise<CliRun> {
  return runProcess(tsxBinary, [script, ...args], options);
}

/**
 * The command that starts `retrievers`: node with the run's JavaScript build when the end-to-end setup
 * made one (test/setup/cli-build-setup.ts), else tsx with the TypeScript sources.
 */
export function cliCommand(): [string, string] {
  const built = inject("cliBuildEntry");
  return typeof built === "string" ? [process.execPath, built] : [tsxBinary, cliEntry];
}

/** Runs `retrievers ...args` (see `cliCommand`). */
export function runCli(args: string[], options: RunOptions): Promise<CliRun> {
  const [command, entry] = cliCommand();
  return runProcess(command, [entry, ...args], options);
}
