import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliCommand, linkSharedEmbeddings, REPOSITORY_ROOT, runCli } from "../support/run-cli.js";

// End-to-end: real processes, real pipes, the bundled sample and the local model. The pipe tests and the
// run after `cache clear` use the run's shared local-model embeddings (test/setup/cli-build-setup.ts); the
// `--cache-dir` runs start from an empty cache folder: they check what a cold cache writes and prints.
const sample = join(REPOSITORY_ROOT, "data", "sample");
let cwd: string;

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), "retrievers-pipe-"));
  await linkSharedEmbeddings(join(cwd, "cache"));
});
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

/** Runs `retrievers ARGS | READER` in bash; returns the CLI's exit status (PIPESTATUS[0]) and its stderr. */
function pipeInto(reader: string, args: string[]): Promise<{ status: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const script = `"$@" 2>"$CLI_STDERR" | ${reader} >/dev/null; echo "\${PIPESTATUS[0]}"`;
    const stderrFile = join(cwd, `stderr-${Math.random().toString(36).slice(2)}.txt`);
    const child = spawn("bash", ["-c", script, "bash", ...cliCommand(), ...args], {
      cwd,
      env: { ...process.env, CLI_STDERR: stderrFile, RETRIEVERS_CACHE_DIR: join(cwd, "cache") },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.on("error", reject);
    child.on("close", async () => {
      const { readFile } = await import("node:fs/promises");
      resolvePromise({ status: stdout.trim(), stderr: await readFile(stderrFile, "utf8").catch(() => "") });
    });
  });
}

describe("output to a closed pipe", () => {
  it("retrievers query ... | head -1 and | true (reader gone before the write) end quietly with status 0", async () => {
    const args = ["query", "--quiet", "--k", "49", "--data", sample, "fight"];
    const head = await pipeInto("head -1", args);
    expect(head.stderr).toBe("");
    expect(head.status).toBe("0");
    for (const json of [false, true]) {
      const gone = await pipeInto("true", json ? [...args, "--json"] : args);
      expect(gone.stderr).not.toContain("EPIPE");
      expect(gone.stderr).toBe("");
      expect(gone.status).toBe("0");
    }
  });
});

describe("cache folder", () => {
  it("index goes to --cache-dir (not the working folder); cache info counts it, cache clear removes it", async () => {
    const cache = join(cwd, "my-cache");
    const index = await runCli(["index", "--quiet", "--cache-dir", cache, "--data", sample], { cwd });
    expect(index.stderr).toBe("");
    expect(index.code).toBe(0);
    expect(index.stdout).toContain(`index: ${join(cache, "index")}`);
    expect(existsSync(join(cwd, ".retrievers"))).toBe(false);
    expect((await readdir(join(cache, "index"))).length).toBeGreaterThan(0);

    const info = await runCli(["cache", "info", "--cache-dir", cache, "--json"], { cwd });
    expect(info.code).toBe(0);
    const report = JSON.parse(info.stdout) as { root: string; parts: Array<{ name: string; files: number; bytes: number }>; files: number };
    expect(report.root).toBe(cache);
    expect(report.parts.map((part) => part.name)).toEqual(["index", "embeddings", "chroma"]);
    expect(report.parts[0]!.files).toBeGreaterThan(0);
    expect(report.parts[1]!.files).toBeGreaterThan(0);

    const clear = await runCli(["cache", "clear", "--cache-dir", cache], { cwd });
    expect(clear.code).toBe(0);
    expect(clear.stdout).toContain("removed index, embeddings");
    expect(existsSync(cache)).toBe(false);
    await linkSharedEmbeddings(cache);
    const again = await runCli(["index", "--quiet", "--data", sample], { cwd, env: { RETRIEVERS_CACHE_DIR: cache } });
    expect(again.stdout).toContain("indexLoadedFromDisk: false");
    expect(existsSync(join(cache, "index"))).toBe(true);
  });

  it("progress on stderr for the first embedding (not a TTY: plain lines), none with --quiet", async () => {
    const cache = join(cwd, "progress-cache");
    const first = await runCli(["index", "--cache-dir", cache, "--data", sample], { cwd });
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/^embedding: \d+\/49 texts · [\d.]+\/s/m);
    expect(first.stderr).toMatch(/embedding: 49\/49 texts done in [\d.]+ s\n$/);
  });
});
