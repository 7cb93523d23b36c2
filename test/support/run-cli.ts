import { spawn } from "node:child_process";
import { join, resolve } from "node:path";

export const REPOSITORY_ROOT = resolve(import.meta.dirname, "../..");
const tsxBinary = join(REPOSITORY_ROOT, "node_modules", ".bin", "tsx");
const cliEntry = join(REPOSITORY_ROOT, "src", "cli", "main.ts");

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `retrievers ...args` from the TypeScript sources in `cwd`, with a clean environment (no API keys). */
export function runCli(args: string[], options: { cwd: string; env?: Record<string, string>; timeoutMs?: number }): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const { OPENAI_API_KEY, OPENAI_BASE_URL, COHERE_API_KEY, COHERE_BASE_URL, CHROMA_URL, ...environment } = process.env;
    void OPENAI_API_KEY, OPENAI_BASE_URL, COHERE_API_KEY, COHERE_BASE_URL, CHROMA_URL;
    const child = spawn(tsxBinary, [cliEntry, ...args], { cwd: options.cwd, env: { ...environment, ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
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
