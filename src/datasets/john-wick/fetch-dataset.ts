import { createHash } from "node:crypto";
import { mkdir, readFile, rm, rmdir } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { z } from "zod/v4";
import { ErrorCodes } from "../../core/errors/error-codes.js";
import { RetrieverError } from "../../core/errors/retriever-error.js";
import { ServiceError } from "../../core/errors/service-error.js";
import { parseOptions } from "../../core/parse-options.js";
import { writeFileAtomic } from "../../core/io/write-file-atomic.js";
import { throwIfAborted } from "../../core/validate-query.js";
import { JOHN_WICK_FILMS, johnWickFileName, parseJohnWickCsv } from "./load-reviews.js";

/** Where the public copies of the dataset live (AI-Maker-Space DataRepository on GitHub). */
export const DEFAULT_DATASET_BASE_URL = "https://raw.githubusercontent.com/AI-Maker-Space/DataRepository/main/";
/** How long one download attempt (request and body) may take. */
export const DEFAULT_DOWNLOAD_TIMEOUT_MS = 30_000;
/** Extra attempts after a 429/5xx answer, a connection error or a timeout. */
export const DEFAULT_DOWNLOAD_RETRIES = 3;
/** First retry waits about this long; each further retry doubles it (with jitter). */
export const DEFAULT_RETRY_BASE_DELAY_MS = 500;
/** No single wait between attempts is longer than this, whatever Retry-After says. */
export const MAX_RETRY_DELAY_MS = 10_000;
/** Upper bound on the time spent on one file, all attempts and waits included. */
export const DEFAULT_MAX_TOTAL_TIME_MS = 120_000;
/** A dataset file larger than this is not the dataset (the real files are about 20 kB). */
export const MAX_DATASET_FILE_BYTES = 5_000_000;

/**
 * SHA-256 of the public files, by film number. `fetchJohnWickDataset` refuses any download that does
 * not match (unless `verifyChecksums` is false).
 */
export const JOHN_WICK_SHA256: Readonly<Record<string, string>> = Object.freeze({
  "1": "86840469651eed5133f54df25ada7e93e736a689a5685f85d9abbf70d769e389",
  "2": "96197116ae20c6896fff05755dc71fc046f526bc1750238d94ed73c3c5fda766",
  "3": "df56ec040e99236cc8b03833a2df4638b9ec04e062b32150e01e3be1f44bfeb0",
  "4": "9a2128fe3aad78bd7a4bf85b9379ccc0ae5e326416873cb4f2a683654cdf6c53",
});

/** Remote name of film `movie`'s file (`jw1.csv`, ...). */
export function johnWickRemoteFileName(movie: number): string {
  return `jw${movie}.csv`;
}

/** A progress report, for command-line output. */
export interface DatasetFetchProgress {
  movie: number;
  url: string;
  /** Local file the download is saved as. */
  path: string;
  /** `already-present`: skipped, the local file has the right checksum; `retrying`: an attempt failed, waiting `delayMs`. */
  status: "already-present" | "downloading" | "retrying" | "saved";
  /** The attempt that is starting or failed (1-based). */
  attempt?: number;
  delayMs?: number;
  /** Why the attempt failed (for `retrying`). */
  reason?: string;
}

/** Options of `fetchJohnWickDataset`. */
export interface FetchJohnWickDatasetOptions {
  /** Folder the files are saved in as `john_wick_1.csv` .. `john_wick_4.csv` (created if missing). */
  targetFolder: string;
  /** Base URL the remote `jw1.csv` .. `jw4.csv` are resolved against. @default DEFAULT_DATASET_BASE_URL */
  baseUrl?: string;
  /** The fetch implementation. @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
  /** Time limit of one attempt (request and body), in milliseconds. @default 30000 */
  timeoutMs?: number;
  /** Extra attempts after a 429/5xx answer, a connection error or a timeout. @default 3 */
  retries?: number;
  /** Reject downloads whose SHA-256 differs from the expected one. @default true */
  verifyChecksums?: boolean;
  /** Expected SHA-256 (hex) by film number ("1".."4"), overriding `JOHN_WICK_SHA256`. @default JOHN_WICK_SHA256 */
  expectedChecksums?: Record<string, string>;
  /** First wait between attempts; doubles each retry, with jitter. @default 500 */
  retryBaseDelayMs?: number;
  /** Time budget per file, attempts and waits included. @default 120000 */
  maxTotalTimeMs?: number;
  /** Cancels the download (`ABORTED`). @default none */
  signal?: AbortSignal;
  /** Called as each file is skipped, started, retried or saved. @default none */
  onProgress?: (progress: DatasetFetchProgress) => void;
}

/** One file of a completed fetch. */
export interface FetchedDatasetFile {
  movie: number;
  url: string;
  path: string;
  sha256: string;
  bytes: number;
  status: "downloaded" | "already-present";
}

/** What `fetchJohnWickDataset` did. */
export interface FetchJohnWickDatasetResult {
  /** Absolute path of the target folder. */
  folder: string;
  files: FetchedDatasetFile[];
}

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/i, "must be a SHA-256 hex digest (64 hex characters)");

const optionsSchema = z
  .object({
    targetFolder: z.string().min(1, "must not be empty"),
    baseUrl: z
      .string()
      .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), "must be an http(s) URL")
      .optional(),
    fetch: z.custom<typeof globalThis.fetch>((value) => typeof value === "function", "must be a fetch function").optional(),
    timeoutMs: z.number().int().positive().max(600_000).optional(),
    retries: z.number().int().min(0).max(10).optional(),
    verifyChecksums: z.boolean().optional(),
    expectedChecksums: z.record(z.enum(JOHN_WICK_FILMS.map(String) as [string, ...string[]]), sha256Schema).optional(),
    retryBaseDelayMs: z.number().int().min(0).max(60_000).optional(),
    maxTotalTimeMs: z.number().int().positive().max(3_600_000).optional(),
    signal: z.custom<AbortSignal>((value) => value instanceof AbortSignal, "must be an AbortSignal").optional(),
    onProgress: z.custom<(progress: DatasetFetchProgress) => void>((value) => typeof value === "function", "must be a function").optional(),
  })
  .strict();

interface Settings {
  fetch: typeof globalThis.fetch;
  timeoutMs: number;
  retries: number;
  retryBaseDelayMs: number;
  maxTotalTimeMs: number;
  signal: AbortSignal | undefined;
  onProgress: ((progress: DatasetFetchProgress) => void) | undefined;
}

/**
 * Downloads the John Wick review dataset (`jw1.csv` .. `jw4.csv`) into `targetFolder` as
 * `john_wick_1.csv` .. `john_wick_4.csv`.
 *
 * - Files already present with the expected SHA-256 are skipped.
 * - Each download is checked against its SHA-256 (`CHECKSUM_MISMATCH` naming the file, expected and
 *   actual hash) and parsed as a review file before it is saved.
 * - Files are written atomically (temp file in the same folder, then rename): a failed or interrupted
 *   fetch never leaves a half-written file behind.
 * - Each attempt has a timeout; 429/5xx answers, connection errors and timeouts are retried with
 *   exponential backoff and jitter within a total time budget. Failures are `ServiceError`s naming
 *   `dataset download (<url>)`; a timeout that exhausts the retries has code `SERVICE_TIMEOUT`.
 */
export async function fetchJohnWickDataset(options: FetchJohnWickDatasetOptions): Promise<FetchJohnWickDatasetResult> {
  const parsed = parseOptions(optionsSchema, options, "fetchJohnWickDataset");
  const folder = resolve(parsed.targetFolder);
  const baseUrl = parsed.baseUrl ?? DEFAULT_DATASET_BASE_URL;
  const verifyChecksums = parsed.verifyChecksums ?? true;
  const checksums: Record<string, string> = { ...JOHN_WICK_SHA256, ...(parsed.expectedChecksums ?? {}) };
  const fetchImplementation = parsed.fetch ?? globalThis.fetch;
  if (typeof fetchImplementation !== "function") {
    throw new RetrieverError({
      code: ErrorCodes.MISSING_DEPENDENCY,
      message: "no fetch implementation is available; use Node 20+ or pass the fetch option",
    });
  }
  const settings: Settings = {
    fetch: fetchImplementation,
    timeoutMs: parsed.timeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS,
    retries: parsed.retries ?? DEFAULT_DOWNLOAD_RETRIES,
    retryBaseDelayMs: parsed.retryBaseDelayMs ?? DEFAULT_RETRY_BASE_DELAY_MS,
    maxTotalTimeMs: parsed.maxTotalTimeMs ?? DEFAULT_MAX_TOTAL_TIME_MS,
    signal: parsed.signal,
    onProgress: parsed.onProgress,
  };

  let firstCreated: string | undefined;
  try {
    firstCreated = await mkdir(folder, { recursive: true });
  } catch (error) {
    throw new RetrieverError({
      code: ErrorCodes.NOT_FOUND,
      message: `cannot create the data folder ${folder} (${(error as NodeJS.ErrnoException).code ?? String(error)}); check the path and its permissions`,
      cause: error,
    });
  }

  const files: FetchedDatasetFile[] = [];
  try {
    await fetchFiles(folder, files, { baseUrl, checksums, verifyChecksums, settings });
  } catch (error) {
    // A failed fetch leaves nothing behind: the files saved by this run, then the folders it created.
    await removeSavedFiles(files, folder, firstCreated);
    throw error;
  }
  return { folder, files };
}

/** Removes the files this run downloaded and, when empty, the folders from `folder` up to `firstCreated` (the first one `mkdir` made). */
async function removeSavedFiles(files: FetchedDatasetFile[], folder: string, firstCreated: string | undefined): Promise<void> {
  for (const file of files) if (file.status === "downloaded") await rm(file.path, { force: true }).catch(() => undefined);
  if (firstCreated === undefined) return;
  const stop = resolve(firstCreated);
  for (let current = folder; ; current = dirname(current)) {
    try {
      await rmdir(current);
    } catch {
      return;
    }
    if (current === stop || dirname(current) === current) return;
  }
}

async function fetchFiles(
  folder: string,
  files: FetchedDatasetFile[],
  {
    baseUrl,
    checksums,
    verifyChecksums,
    settings,
  }: { baseUrl: string; checksums: Record<string, string>; verifyChecksums: boolean; settings: Settings },
): Promise<void> {
  for (const movie of JOHN_WICK_FILMS) {
    throwIfAborted(settings.signal);
    const url = new URL(johnWickRemoteFileName(movie), baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`).toString();
    const path = join(folder, johnWickFileName(movie));
    const expected = (checksums[String(movie)] ?? "").toLowerCase();

    const existing = await readIfPresent(path);
    if (existing !== undefined && sha256(existing) === expected) {
      settings.onProgress?.({ movie, url, path, status: "already-present" });
      files.push({ movie, url, path, sha256: expected, bytes: existing.length, status: "already-present" });
      continue;
    }

    const body = await downloadWithRetries(url, { movie, path, settings });
    const actual = sha256(body);
    if (verifyChecksums && actual !== expected) {
      throw new RetrieverError({
        code: ErrorCodes.CHECKSUM_MISMATCH,
        message:
          `${basename(path)} downloaded from ${redactUrl(url)} has SHA-256 ${actual}, expected ${expected}; nothing was saved. ` +
          "The download was corrupted or the upstream file changed: retry, or (if you trust the new file) fetch without checksum verification",
      });
    }
    parseJohnWickCsv(body, { file: redactUrl(url), movie });
    await writeFileAtomic(path, body);
    settings.onProgress?.({ movie, url, path, status: "saved" });
    files.push({ movie, url, path, sha256: actual, bytes: body.length, status: "downloaded" });
  }
}

function sha256(data: Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

async function readIfPresent(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch {
    return undefined;
  }
}

/** Hides user:password in a URL before it goes into an error message. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username === "" && parsed.password === "") return url;
    parsed.username = "";
    parsed.password = "";
    return parsed.toString();
  } catch {
    return url;
  }
}

type AttemptOutcome =
  | { ok: true; body: Buffer }
  | { ok: false; retryable: boolean; timeout: boolean; status?: number; message: string; cause?: unknown; retryAfterMs?: number };

async function downloadWithRetries(url: string, context: { movie: number; path: string; settings: Settings }): Promise<Buffer> {
  const { movie, path, settings } = context;
  const service = `dataset download (${redactUrl(url)})`;
  const deadline = Date.now() + settings.maxTotalTimeMs;
  for (let attempt = 1; ; attempt += 1) {
    throwIfAborted(settings.signal);
    settings.onProgress?.({ movie, url, path, status: "downloading", attempt });
    const outcome = await attemptDownload(url, settings);
    if (outcome.ok) return outcome.body;
    if (!outcome.retryable || attempt > settings.retries) {
      throw new ServiceError({
        service,
        message: outcome.message,
        status: outcome.status,
        attempts: attempt,
        timeout: outcome.timeout,
        cause: outcome.cause,
      });
    }
    const exponential = Math.min(MAX_RETRY_DELAY_MS, settings.retryBaseDelayMs * 2 ** (attempt - 1));
    const jittered = Math.round(exponential * (0.5 + Math.random() * 0.5));
    const delayMs = Math.min(MAX_RETRY_DELAY_MS, Math.max(jittered, outcome.retryAfterMs ?? 0));
    if (Date.now() + delayMs >= deadline) {
      throw new ServiceError({
        service,
        message: `${outcome.message}; gave up because the time budget of ${settings.maxTotalTimeMs} ms is used up`,
        status: outcome.status,
        attempts: attempt,
        timeout: outcome.timeout,
        cause: outcome.cause,
      });
    }
    settings.onProgress?.({ movie, url, path, status: "retrying", attempt, delayMs, reason: outcome.message });
    await sleep(delayMs, settings.signal);
  }
}

async function attemptDownload(url: string, settings: Settings): Promise<AttemptOutcome> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, settings.timeoutMs);
  const onAbort = (): void => controller.abort();
  settings.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const response = await settings.fetch(url, { signal: controller.signal, redirect: "follow" });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      const retryable = response.status === 429 || response.status >= 500;
      return {
        ok: false,
        retryable,
        timeout: false,
        status: response.status,
        message: retryable
          ? "the server is unavailable or overloaded; try again later"
          : `the server refused the request; check the base URL (the file should be at ${redactUrl(url)})`,
        retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
      };
    }
    const declaredLength = Number(response.headers.get("content-length") ?? "0");
    if (declaredLength > MAX_DATASET_FILE_BYTES) {
      await response.body?.cancel().catch(() => undefined);
      return {
        ok: false,
        retryable: false,
        timeout: false,
        status: response.status,
        message: `the file is ${declaredLength} bytes, over the ${MAX_DATASET_FILE_BYTES}-byte limit for a dataset file; check the base URL`,
      };
    }
    const body = Buffer.from(await response.arrayBuffer());
    if (body.length > MAX_DATASET_FILE_BYTES) {
      return {
        ok: false,
        retryable: false,
        timeout: false,
        status: response.status,
        message: `the file is ${body.length} bytes, over the ${MAX_DATASET_FILE_BYTES}-byte limit for a dataset file; check the base URL`,
      };
    }
    return { ok: true, body };
  } catch (error) {
    if (settings.signal?.aborted) {
      throw new RetrieverError({ code: ErrorCodes.ABORTED, message: "the dataset download was aborted", cause: settings.signal.reason });
    }
    if (timedOut) {
      return {
        ok: false,
        retryable: true,
        timeout: true,
        message: `no complete answer within ${settings.timeoutMs} ms; check the connection or raise the timeout`,
        cause: error,
      };
    }
    return {
      ok: false,
      retryable: true,
      timeout: false,
      message: `cannot connect (${describeNetworkError(error)}); check the connection`,
      cause: error,
    };
  } finally {
    clearTimeout(timer);
    settings.signal?.removeEventListener("abort", onAbort);
  }
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

function parseRetryAfter(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

function sleep(milliseconds: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new RetrieverError({ code: ErrorCodes.ABORTED, message: "the dataset download was aborted", cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolvePromise();
    }, milliseconds);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
