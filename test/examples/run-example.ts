import { spawn } from "node:child_process";
import { join } from "node:path";
import { REPOSITORY_ROOT, type CliRun } from "../support/run-cli.js";

export const EXAMPLES_DIRECTORY = join(REPOSITORY_ROOT, "examples");
const tsxBinary = join(REPOSITORY_ROOT, "node_modules", ".bin", "tsx");

/** Runs `tsx examples/<name>.ts ...args` in `cwd` with a clean environment (no API keys) plus `env`. */
export function runExample(name: string, options: { cwd: string; args?: string[]; env?: Record<string, string>; timeoutMs?: number }): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const { OPENAI_API_KEY, OPENAI_BASE_URL, COHERE_API_KEY, COHERE_BASE_URL, CHROMA_URL, RETRIEVERS_DATA, ...environment } = process.env;
    void OPENAI_API_KEY, OPENAI_BASE_URL, COHERE_API_KEY, COHERE_BASE_URL, CHROMA_URL, RETRIEVERS_DATA;
    const child = spawn(tsxBinary, [join(EXAMPLES_DIRECTORY, `${name}.ts`), ...(options.args ?? [])], {
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
