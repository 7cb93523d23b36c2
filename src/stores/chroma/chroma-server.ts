import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { z } from "zod/v4";
import { ErrorCodes } from "../../core/errors/error-codes.js";
import { RetrieverError } from "../../core/errors/retriever-error.js";
import { ServiceError } from "../../core/errors/service-error.js";
import { resolveCacheFolders } from "../../core/io/cache-folder.js";
import { parseOptions } from "../../core/parse-options.js";
import { currentModuleFolder } from "../../loaders/package-root.js";

/**
 * Where `startChromaServer` keeps the data when no path is given: `chroma` in the user cache folder
 * (`RETRIEVERS_CACHE_DIR`, else `$XDG_CACHE_HOME/advanced-retrievers`, else `~/.cache/advanced-retrievers`),
 * as resolved when the library was loaded; the default of `path` is resolved at each start.
 */
export const DEFAULT_CHROMA_PATH = resolveCacheFolders().chroma;
/** Chroma's own default port, and the one `CHROMA_URL` defaults to. */
export const DEFAULT_CHROMA_PORT = 8000;
/** Interface the server listens on: this machine only. */
export const DEFAULT_CHROMA_HOST = "127.0.0.1";
/** How long to wait for the first heartbeat (a cold start takes a few seconds). */
export const DEFAULT_STARTUP_TIMEOUT_MS = 60_000;
/** After SIGTERM, how long `stop()` waits before SIGKILL. */
export const DEFAULT_STOP_GRACE_MS = 5_000;
/** Characters of the server's output kept for error messages. */
export const OUTPUT_TAIL_CHARACTERS = 2_000;
/** Heartbeat polling: first wait, growth factor and longest wait between two polls. */
const FIRST_POLL_DELAY_MS = 100;
const POLL_GROWTH = 1.5;
const MAX_POLL_DELAY_MS = 1_000;
/** One heartbeat request may take this long before it counts as "not up yet". */
const HEARTBEAT_REQUEST_TIMEOUT_MS = 2_000;
/** With `port: 0`, free ports tried when another process grabs the chosen one first. */
const FREE_PORT_ATTEMPTS = 3;

/** Options of `startChromaServer`. */
export interface StartChromaServerOptions {
  /**
   * Folder where Chroma keeps its data (created when missing).
   * @default `chroma` in the user cache folder: `$RETRIEVERS_CACHE_DIR/chroma`, else `$XDG_CACHE_HOME/advanced-retrievers/chroma`, else `~/.cache/advanced-retrievers/chroma`
   */
  path?: string;
  /** Port to listen on; 0 picks a free one. @default 8000 */
  port?: number;
  /** Interface to listen on. @default "127.0.0.1" */
  host?: string;
  /** How long to wait for the server's first heartbeat, in milliseconds. @default 60000 */
  startupTimeoutMs?: number;
  /** After SIGTERM, how long `stop()` waits for the server to exit before SIGKILL, in milliseconds. @default 5000 */
  stopGraceMs?: number;
  /** Receives the server's output (stdout and stderr) as it comes, e.g. to echo it. @default none (kept for errors only) */
  onOutput?: (text: string) => void;
}

/** A running Chroma server started by `startChromaServer`. */
export interface ChromaServer {
  /** Base URL, e.g. `http://127.0.0.1:8000` (what `CHROMA_URL` should be set to). */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Absolute data folder. */
  readonly path: string;
  /** Process id of the supervisor (the leader of the server's process group). */
  readonly pid: number;
  /** Settles when the server has exited, for whatever reason. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The last part of the server's output, for diagnostics. */
  outputTail(): string;
  /** Stops the server: SIGTERM to its process group, SIGKILL after the grace period. Idempotent. */
  stop(): Promise<void>;
}

const optionsSchema = z
  .object({
    path: z.string().min(1).optional(),
    port: z.number().int().min(0).max(65_535).optional(),
    host: z.string().min(1).optional(),
    startupTimeoutMs: z.number().int().positive().max(3_600_000).optional(),
    stopGraceMs: z.number().int().min(0).max(600_000).optional(),
    onOutput: z.custom<(text: string) => void>((value) => typeof value === "function", "must be a function").optional(),
  })
  .strict();

/**
 * The supervisor run with `node -e`: it starts the Chroma CLI (whose JavaScript thread is blocked by the
 * native server, so it cannot watch anything itself) in its own process group and stops it when
 * our process goes away (its stdin, a pipe from us, closes) or on SIGTERM. So no Chroma outlives the
 * process that started it, even when that process is killed with SIGKILL.
 */
const SUPERVISOR_SCRIPT = `
const { spawn } = require("node:child_process");
const [cli, grace, ...args] = process.argv.slice(1);
const child = spawn(process.execPath, [cli, ...args], { stdio: ["ignore", "inherit", "inherit"] });
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  child.kill("SIGTERM");
  setTimeout(() => child.kill("SIGKILL"), Number(grace)).unref();
};
process.stdin.on("end", stop);
process.stdin.on("error", stop);
process.stdin.resume();
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
child.on("error", (error) => { process.stderr.write(String(error && error.message) + "\\n"); process.exit(127); });
child.on("exit", (code, signal) => process.exit(code === null ? (stopping ? 0 : 1) : code));
`;

/**
 * Starts a local Chroma server with the `chroma` CLI of the installed `chromadb` package (no npx, no
 * network), waits for its heartbeat (polling with backoff) and returns its URL and a `stop()`.
 *
 * The server runs in its own process group under a small supervisor that stops it when this process
 * exits or dies, so no server is left behind. Errors name "Chroma" and include the tail of the
 * server's output: a port in use, a server that exits early (`SERVICE_ERROR`), or no heartbeat in time
 * (`SERVICE_TIMEOUT`, the server is then stopped). `MISSING_DEPENDENCY` when chromadb is not installed.
 */
export async function startChromaServer(options: StartChromaServerOptions = {}): Promise<ChromaServer> {
  const parsed = parseOptions(optionsSchema, options, "startChromaServer");
  const host = parsed.host ?? DEFAULT_CHROMA_HOST;
  const path = resolve(parsed.path ?? resolveCacheFolders().chroma);
  const requestedPort = parsed.port ?? DEFAULT_CHROMA_PORT;
  const settings: LaunchSettings = {
    cliPath: resolveChromaCli(),
    host,
    path,
    startupTimeoutMs: parsed.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS,
    stopGraceMs: parsed.stopGraceMs ?? DEFAULT_STOP_GRACE_MS,
    onOutput: parsed.onOutput,
  };
  try {
    await mkdir(path, { recursive: true });
  } catch (error) {
    throw new RetrieverError({
      code: ErrorCodes.NOT_FOUND,
      message: `cannot create the Chroma data folder ${path} (${(error as Error).message}); pass a writable --path`,
      cause: error,
    });
  }

  if (requestedPort !== 0) {
    await assertPortFree(host, requestedPort);
    return launch(settings, requestedPort);
  }
  let lastError: unknown;
  for (let attempt = 0; attempt < FREE_PORT_ATTEMPTS; attempt += 1) {
    const port = await findFreePort(host);
    try {
      return await launch(settings, port);
    } catch (error) {
      lastError = error;
      // Another process may have taken the port between our probe and Chroma's bind: try another one.
      if (!(error instanceof PortTakenError)) throw error;
    }
  }
  throw lastError;
}

/** The `chroma` CLI script of the installed chromadb package (its `bin` field). */
export function resolveChromaCli(): string {
  const require = createRequire(join(currentModuleFolder() ?? process.cwd(), "noop.js"));
  let entry: string;
  try {
    entry = require.resolve("chromadb");
  } catch (error) {
    throw new RetrieverError({
      code: ErrorCodes.MISSING_DEPENDENCY,
      message:
        "the chromadb package is not installed, so a local Chroma server cannot be started; run `npm install chromadb`, or point CHROMA_URL at a running Chroma",
      cause: error,
    });
  }
  // chromadb's `exports` hide package.json: walk up from its entry point to the package root.
  for (let folder = dirname(entry); ; folder = dirname(folder)) {
    const manifestPath = join(folder, "package.json");
    if (existsSync(manifestPath)) {
      const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { name?: string; bin?: string | Record<string, string> };
      if (manifest.name === "chromadb") {
        const bin = typeof manifest.bin === "string" ? manifest.bin : manifest.bin?.chroma;
        if (bin === undefined) break;
        return join(folder, bin);
      }
    }
    if (dirname(folder) === folder) break;
  }
  throw new RetrieverError({
    code: ErrorCodes.MISSING_DEPENDENCY,
    message:
      "the installed chromadb package has no `chroma` command; reinstall it with `npm install chromadb`, or point CHROMA_URL at a running Chroma",
  });
}

interface LaunchSettings {
  cliPath: string;
  host: string;
  path: string;
  startupTimeoutMs: number;
  stopGraceMs: number;
  onOutput: ((text: string) => void) | undefined;
}

/** Chroma could not bind its port (only retried with `port: 0`). */
class PortTakenError extends ServiceError {}

async function launch(settings: LaunchSettings, port: number): Promise<ChromaServer> {
  const { cliPath, host, path, startupTimeoutMs, stopGraceMs, onOutput } = settings;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  const service = `Chroma (${url})`;
  const isWindows = process.platform === "win32";
  const child = spawn(
    process.execPath,
    ["-e", SUPERVISOR_SCRIPT, "--", cliPath, String(stopGraceMs), "run", "--path", path, "--host", host, "--port", String(port)],
    {
      detached: !isWindows,
      stdio: ["pipe", "pipe", "pipe"],
      // Chroma's failures then print their cause, not a page of Rust stack frames.
      env: { ...process.env, RUST_BACKTRACE: "0", RUST_LIB_BACKTRACE: "0" },
      windowsHide: true,
    },
  );
  let output = "";
  const record = (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    output = (output + text).slice(-OUTPUT_TAIL_CHARACTERS);
    onOutput?.(text);
  };
  child.stdout?.on("data", record);
  child.stderr?.on("data", record);
  // Our end of the lifeline must not keep this process alive, nor crash it when the server is gone.
  child.stdin?.on("error", () => undefined);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) => {
    // "close" (not "exit"): the output pipes are drained by then, so error messages hold all of it.
    child.once("close", (code, signal) => resolveExit({ code, signal }));
    child.once("error", () => resolveExit({ code: null, signal: null }));
  });
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
  });
  const outputTail = () => cleanOutput(output);
  const stop = once(() => stopProcessGroup(child, exited, () => hasExited, stopGraceMs));
  const server: ChromaServer = { url, host, port, path, pid: child.pid ?? -1, exited, outputTail, stop };

  const started = Date.now();
  let delay = FIRST_POLL_DELAY_MS;
  for (;;) {
    if (hasExited) {
      const { code, signal } = await exited;
      const tail = outputTail();
      const ErrorClass = /address (?:already )?in use|Address in use|os error 98/i.test(tail) ? PortTakenError : ServiceError;
      throw new ErrorClass({
        service,
        message: `the server exited before answering (${signal ?? `exit code ${code}`}). Its output ends with:\n${indent(tail)}`,
      });
    }
    if (await heartbeat(url)) return server;
    if (Date.now() - started > startupTimeoutMs) {
      await stop();
      throw new ServiceError({
        service,
        timeout: true,
        message: `no heartbeat within ${startupTimeoutMs} ms; raise startupTimeoutMs if this machine is slow. Its output ends with:\n${indent(outputTail())}`,
      });
    }
    await Promise.race([sleep(delay), exited]);
    delay = Math.min(MAX_POLL_DELAY_MS, delay * POLL_GROWTH);
  }
}

/** True when `GET /api/v2/heartbeat` answers 200. */
async function heartbeat(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/api/v2/heartbeat`, { signal: AbortSignal.timeout(HEARTBEAT_REQUEST_TIMEOUT_MS) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

async function stopProcessGroup(child: ChildProcess, exited: Promise<unknown>, hasExited: () => boolean, graceMs: number): Promise<void> {
  child.stdin?.destroy();
  if (hasExited()) return;
  signalGroup(child, "SIGTERM");
  let graceTimer: NodeJS.Timeout | undefined;
  const stoppedInTime = await Promise.race([
    exited.then(() => true),
    new Promise<boolean>((resolveGrace) => {
      graceTimer = setTimeout(() => resolveGrace(false), graceMs);
    }),
  ]);
  clearTimeout(graceTimer);
  if (!stoppedInTime) {
    signalGroup(child, "SIGKILL");
    await exited;
  }
  // The supervisor is gone; make sure nothing else of its group survived it.
  signalGroup(child, "SIGKILL");
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    if (process.platform === "win32") child.kill(signal);
    else process.kill(-child.pid, signal);
  } catch {
    // ESRCH: already gone.
  }
}

async function assertPortFree(host: string, port: number): Promise<void> {
  const problem = await new Promise<NodeJS.ErrnoException | null>((resolveProbe) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => resolveProbe(error));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolveProbe(null)));
  });
  if (problem !== null && problem.code !== "EADDRINUSE") throw cannotListen(host, port, problem);
  if (problem !== null) {
    throw new ServiceError({
      service: `Chroma (http://${host}:${port})`,
      message: `port ${port} on ${host} is already in use. If a Chroma server is already running there, use it: export CHROMA_URL=http://${host}:${port}; otherwise pick another port (--port 0 picks a free one)`,
    });
  }
}

async function findFreePort(host: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => reject(cannotListen(host, 0, error)));
    probe.listen({ host, port: 0, exclusive: true }, () => {
      const address = probe.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

function cannotListen(host: string, port: number, error: NodeJS.ErrnoException): ServiceError {
  return new ServiceError({
    service: `Chroma (http://${host}:${port})`,
    message: `cannot listen on ${host}${port === 0 ? "" : `:${port}`} (${error.code ?? error.message}); use 127.0.0.1 or an address of this machine`,
    cause: error,
  });
}

function once(action: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => {
    running ??= action();
    return running;
  };
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolveSleep) => setTimeout(resolveSleep, milliseconds));
}

/** Output without terminal colour codes and the banner's blank lines. */
function cleanOutput(text: string): string {
  return text
    .replace(/\u001b\[[0-9;]*m/g, "")
    .split("\n")
    .filter((line) => !/^[\s(#]+$/.test(line) || line.trim() === "")
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function indent(text: string): string {
  return (text === "" ? "(no output)" : text)
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
}
