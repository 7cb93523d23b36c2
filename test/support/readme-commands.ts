import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkSharedEmbeddings, REPOSITORY_ROOT } from "./run-cli.js";

/**
 * Every command in README.md's shell code blocks, run exactly as written (bash, `set -o pipefail`) from a
 * folder laid out like a clone (package.json, node_modules, src, data linked from this repository, so the
 * files the commands write land in a temporary folder), with a temporary cache folder and no API keys.
 * The local model's embeddings in that cache folder are the run's shared ones (test/setup/cli-build-setup.ts),
 * so texts other tests embedded are not embedded again; cold caches are test/cli/pipe-and-cache.test.ts's.
 * Only these are skipped, each for its reason:
 */
const SKIPPED: Array<{ pattern: RegExp; reason: string }> = [
  { pattern: /^npm ci\b/, reason: "installs the dependencies from the registry (network); the run already did" },
  { pattern: /^npm test\b/, reason: "runs this whole suite, this test included" },
  {
    pattern: /\bdata fetch\b/,
    reason: "downloads the public dataset (network); test/cli/data-fetch.test.ts runs it against a local server",
  },
  {
    pattern: /\bchroma start\b/,
    reason: "a foreground server until Ctrl-C; test/package/install.test.ts and test/stores/chroma-cli.test.ts run it",
  },
];

/** Test files the commands are shared between (test/cli/readme-commands*.test.ts). */
export const README_COMMAND_SHARDS = 2;

/**
 * The commands of README.md's ```sh blocks, one per line, `a && b` split in two, each with the index of
 * its block (a block's commands may depend on each other: `init --out F` then `--dataset F`).
 */
function readmeCommands(): Array<{ command: string; block: number }> {
  const readme = readFileSync(join(REPOSITORY_ROOT, "README.md"), "utf8");
  const commands: Array<{ command: string; block: number }> = [];
  let block = 0;
  for (const match of readme.matchAll(/^```(?:sh|bash|shell)\n([\s\S]*?)^```/gm)) {
    for (const line of match[1]!.split("\n")) {
      const text = line.trim();
      if (text === "" || text.startsWith("#")) continue;
      commands.push(...text.split(" && ").map((part) => ({ command: part.trim(), block })));
    }
    block += 1;
  }
  return commands;
}

/**
 * Runs the README commands of one shard (the blocks whose index modulo README_COMMAND_SHARDS is
 * `shard`, each block in order in one sandbox), so two test files share them between the workers.
 * Shard 0 also checks that the commands are found and every skip reason still applies.
 */
export function describeReadmeCommands(shard: number): void {
  const all = readmeCommands();
  const commands = all.map((entry) => entry.command);
  const runnable = all
    .filter((entry) => entry.block % README_COMMAND_SHARDS === shard)
    .map((entry) => entry.command)
    .filter((command) => !SKIPPED.some(({ pattern }) => pattern.test(command)));
  let sandbox: string;

  beforeAll(async () => {
    sandbox = await mkdtemp(join(tmpdir(), "retrievers-readme-"));
    for (const entry of ["package.json", "node_modules", "src", "data", "examples", "tsconfig.json"])
      await symlink(join(REPOSITORY_ROOT, entry), join(sandbox, entry));
    await linkSharedEmbeddings(join(sandbox, "cache"));
  });
  afterAll(async () => {
    await rm(sandbox, { recursive: true, force: true });
  });

  function bash(command: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolvePromise, reject) => {
      const environment: NodeJS.ProcessEnv = { ...process.env, RETRIEVERS_CACHE_DIR: join(sandbox, "cache") };
      for (const name of ["OPENAI_API_KEY", "OPENAI_BASE_URL", "COHERE_API_KEY", "COHERE_BASE_URL", "CHROMA_URL", "RETRIEVERS_DATA"])
        delete environment[name];
      const child = spawn("bash", ["-c", `set -o pipefail\n${command}`], {
        cwd: sandbox,
        env: environment,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const timer = setTimeout(() => child.kill("SIGKILL"), 240_000);
      child.on("error", reject);
      child.on("close", (code) => {
        clearTimeout(timer);
        resolvePromise({ code, stdout, stderr });
      });
    });
  }

  describe(`README.md's commands (blocks ${shard} mod ${README_COMMAND_SHARDS})`, () => {
    it("are found, and every skip reason still applies to one of them", () => {
      expect(runnable.length).toBeGreaterThanOrEqual(5);
      if (shard !== 0) return;
      expect(commands.filter((command) => !SKIPPED.some(({ pattern }) => pattern.test(command))).length).toBeGreaterThanOrEqual(12);
      for (const { pattern } of SKIPPED)
        expect(
          commands.some((command) => pattern.test(command)),
          String(pattern),
        ).toBe(true);
    });

    it.each(runnable)(
      "%s",
      async (command) => {
        const result = await bash(command);
        expect(result.code, result.stderr).toBe(0);
        expect(result.stdout.trim().length).toBeGreaterThan(0);
        expect(result.stderr).not.toMatch(/Error|unexpected|EPIPE|advanced-retrievers:/);
      },
      240_000,
    );
  });
}
