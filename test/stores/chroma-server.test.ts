import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorCodes } from "../../src/core/errors/error-codes.js";
import { RetrieverError } from "../../src/core/errors/retriever-error.js";
import { resolveChromaCli, startChromaServer } from "../../src/stores/chroma/chroma-server.js";
import { REPOSITORY_ROOT } from "../support/run-cli.js";

/** True while any process of the group led by `pid` is alive. */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function heartbeatAnswers(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/api/v2/heartbeat`, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** Polls `condition` every 100 ms until it holds or `timeoutMs` passes; returns whether it held. */
async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Reads a child's stdout until `pattern` matches; resolves with the match. */
function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let text = "";
    const timer = setTimeout(() => reject(new Error(`no ${pattern} in output within ${timeoutMs} ms: ${text}`)), timeoutMs);
    child.stdout?.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      const match = text.match(pattern);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code}) before printing ${pattern}: ${text}`));
    });
  });
}

describe("startChromaServer", () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "retrievers-chroma-server-test-"));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("finds the chroma CLI of the installed chromadb package", () => {
    expect(resolveChromaCli()).toMatch(/chromadb[\\/].*cli\.mjs$/);
  });

  it("starts a server on a free port, answers heartbeats, and stops its whole process group", async () => {
    const server = await startChromaServer({ path: join(folder, "lifecycle"), port: 0 });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(server.port).toBeGreaterThan(0);
      expect(await heartbeatAnswers(server.url)).toBe(true);
      expect(groupAlive(server.pid)).toBe(true);
    } finally {
      await server.stop();
    }
    await server.exited;
    expect(await eventually(() => !groupAlive(server.pid))).toBe(true);
    expect(await heartbeatAnswers(server.url)).toBe(false);
    await server.stop();
  });

  it("refuses a port already in use (SERVICE_ERROR naming Chroma) without starting anything", async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const address = blocker.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    try {
      const error = await startChromaServer({ path: join(folder, "busy"), port }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toMatchObject({ code: ErrorCodes.SERVICE_ERROR, service: `Chroma (http://127.0.0.1:${port})` });
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it("gives up after startupTimeoutMs with SERVICE_TIMEOUT and leaves no process behind", async () => {
    const error = await startChromaServer({ path: join(folder, "slow"), port: 0, startupTimeoutMs: 1 }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(RetrieverError.isInstance(error)).toBe(true);
    expect((error as RetrieverError).code).toBe(ErrorCodes.SERVICE_TIMEOUT);
  });

  it("reports a server that exits at once (here: a corrupt database file), with the tail of its output", async () => {
    const path = join(folder, "corrupt");
    await mkdir(path, { recursive: true });
    await writeFile(join(path, "chroma.sqlite3"), "this is not a SQLite database");
    const error = await startChromaServer({ path, port: 0 }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ code: ErrorCodes.SERVICE_ERROR });
    expect((error as Error).message).toContain("file is not a database");
  });

  it("refuses an address this machine cannot listen on", async () => {
    await expect(startChromaServer({ path: join(folder, "bad-host"), port: 0, host: "203.0.113.7" })).rejects.toMatchObject({
      code: ErrorCodes.SERVICE_ERROR,
    });
  });

  it("validates its options", async () => {
    await expect(startChromaServer({ port: 70_000 })).rejects.toMatchObject({
      code: ErrorCodes.INVALID_OPTION,
      option: "startChromaServer.port",
    });
  });

  it("leaves no server behind when the process that started it is killed (SIGKILL)", async () => {
    const script = join(folder, "starter.mts");
    const serverModule = join(REPOSITORY_ROOT, "src", "stores", "chroma", "chroma-server.ts");
    await writeFile(
      script,
      `import { startChromaServer } from ${JSON.stringify(serverModule)};\nconst server = await startChromaServer({ path: ${JSON.stringify(join(folder, "orphan"))}, port: 0 });\nprocess.stdout.write("READY " + server.pid + " " + server.url + "\\n");\nsetInterval(() => undefined, 1000);\n`,
    );
    const starter = spawn(process.execPath, ["--import", "tsx", script], { cwd: REPOSITORY_ROOT, stdio: ["ignore", "pipe", "pipe"] });
    const [, pid, url] = await waitForOutput(starter, /READY (\d+) (\S+)\n/);
    expect(await heartbeatAnswers(url as string)).toBe(true);
    starter.kill("SIGKILL");
    expect(await eventually(async () => !groupAlive(Number(pid)) && !(await heartbeatAnswers(url as string)))).toBe(true);
  });
});

describe("retrievers chroma start", () => {
  it("runs Chroma in the foreground, prints the CHROMA_URL to export, and stops cleanly on Ctrl-C", async () => {
    const folder = await mkdtemp(join(tmpdir(), "retrievers-chroma-cli-test-"));
    const cli = spawn(
      process.execPath,
      ["--import", "tsx", join(REPOSITORY_ROOT, "src", "cli", "main.ts"), "chroma", "start", "--path", folder, "--port", "0"],
      {
        cwd: REPOSITORY_ROOT,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    try {
      const [, url] = await waitForOutput(cli, /export CHROMA_URL=(\S+)\n/);
      expect(await heartbeatAnswers(url as string)).toBe(true);
      const exited = new Promise<number | null>((resolve) => cli.once("exit", (code) => resolve(code)));
      cli.kill("SIGINT");
      expect(await exited).toBe(0);
      expect(await heartbeatAnswers(url as string)).toBe(false);
    } finally {
      cli.kill("SIGKILL");
      await rm(folder, { recursive: true, force: true });
    }
  });
});
