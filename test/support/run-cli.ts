import { spawn } from "node:child_process";
import { join, resolve } from "node:path";

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

/** Runs a TypeScript file with tsx in `cwd`, with a clean environment (no API keys, no service URLs) plus `env`. */
export function runTsx(script: string, args: string[], options: RunOptions): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const environment: NodeJS.ProcessEnv = { ...process.env };
    for (const name of SERVICE_VARIABLES) delete environment[name];
    // Each working folder gets its own cache folder (indexes, embeddings), as `.retrievers/` in it used to be;
    // the repository's own folder shares the run's temporary one (vitest.config.ts), never the user's.
    if (resolve(options.cwd) !== REPOSITORY_ROOT) environment.RETRIEVERS_CACHE_DIR = join(options.cwd, ".cache", "advanced-retrievers");
    const child = spawn(tsxBinary, [script, ...args], {
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

/** Runs `retrievers ...args` from the TypeScript sources. */
export function runCli(args: string[], options: RunOptions): Promise<CliRun> {
  return runTsx(cliEntry, args, options);
}
