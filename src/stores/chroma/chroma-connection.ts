import type { ChromaClient } from "chromadb";
import { z } from "zod/v4";
import { ErrorCodes } from "../../core/errors/error-codes.js";
import { InvalidOptionError } from "../../core/errors/invalid-option-error.js";
import { RetrieverError } from "../../core/errors/retriever-error.js";
import { ServiceError } from "../../core/errors/service-error.js";
import { parseOptions } from "../../core/parse-options.js";
import { isRetryableStatus, parseRetryAfter, withRetries, type AttemptFailure, type RetryPolicy } from "../../core/retry.js";
import { DEFAULT_CHROMA_HOST, DEFAULT_CHROMA_PORT } from "./chroma-server.js";

/** The server used when neither the `url` option nor `CHROMA_URL` is set: where `retrievers chroma start` listens. */
export const DEFAULT_CHROMA_URL = `http://${DEFAULT_CHROMA_HOST}:${DEFAULT_CHROMA_PORT}`;
/** Longest a single request may take, in milliseconds. */
export const DEFAULT_CHROMA_TIMEOUT_MS = 30_000;
/** Retries after the first attempt on dropped connections, timeouts, 429 and 5xx (a refused connection is not retried). */
export const DEFAULT_CHROMA_MAX_RETRIES = 4;
/** Budget for one call, retries and waits included, in milliseconds. */
export const DEFAULT_CHROMA_TOTAL_TIMEOUT_MS = 120_000;
/** Backoff before the first retry (doubles, with jitter, up to `MAX_RETRY_DELAY_MS`). */
export const INITIAL_RETRY_DELAY_MS = 250;
export const MAX_RETRY_DELAY_MS = 4_000;

/** How to reach a Chroma server. */
export interface ChromaConnectionOptions {
  /**
   * Server URL, e.g. `http://127.0.0.1:8000` or `https://api.trychroma.com` (Chroma Cloud).
   * @default process.env.CHROMA_URL, else "http://127.0.0.1:8000" (where `retrievers chroma start` listens)
   */
  url?: string;
  /** Chroma Cloud API key, sent as the `x-chroma-token` header, never logged. @default process.env.CHROMA_API_KEY */
  apiKey?: string;
  /** Tenant. @default process.env.CHROMA_TENANT, else "default_tenant" */
  tenant?: string;
  /** Database. @default process.env.CHROMA_DATABASE, else "default_database" */
  database?: string;
  /** Longest a single request may take, in milliseconds. @default 30000 */
  timeoutMs?: number;
  /** Retries on dropped connections, timeouts, 429 and 5xx (exponential backoff with jitter); a refused connection (server down) is SERVICE_UNAVAILABLE at once. @default 4 */
  maxRetries?: number;
  /** Budget for one call including retries, in milliseconds. @default 120000 */
  totalTimeoutMs?: number;
}

export const connectionOptionsShape = {
  url: z.string().min(1).optional(),
  apiKey: z.string().min(1).optional(),
  tenant: z.string().min(1).optional(),
  database: z.string().min(1).optional(),
  timeoutMs: z.number().int().positive().max(3_600_000).optional(),
  maxRetries: z.number().int().min(0).max(20).optional(),
  totalTimeoutMs: z
    .number()
    .int()
    .positive()
    .max(24 * 3_600_000)
    .optional(),
};

/** A Chroma client wired with our timeouts, retries and errors. */
export interface ChromaConnection {
  client: ChromaClient;
  /** The server URL without credentials. */
  url: string;
  /** How errors name the server: `Chroma (<url>)`. */
  service: string;
}

/**
 * A request Chroma answered with a 4xx status (not retried): the `cause` of the `ServiceError` thrown,
 * so callers can tell "collection not found" or "wrong dimension" apart.
 */
export class ChromaRejection extends Error {
  constructor(
    readonly status: number,
    /** Chroma's own explanation (`message`, else `error`, else the body). */
    readonly serverMessage: string,
    readonly operation: string,
  ) {
    super(`HTTP ${status}: ${serverMessage}`);
    this.name = "ChromaRejection";
  }
}

/** Thrown inside an attempt for answers worth retrying (429, 5xx). */
class RetryableStatusError extends Error {
  constructor(
    readonly status: number,
    readonly serverMessage: string,
    readonly retryAfterMs: number | undefined,
  ) {
    super(`HTTP ${status}: ${serverMessage}`);
  }
}

/** The server URL: the option, else `CHROMA_URL`, else the local default. Validated, credentials refused in the URL. */
export function resolveChromaUrl(url: string | undefined = undefined): string {
  const raw = url ?? nonEmpty(process.env.CHROMA_URL) ?? DEFAULT_CHROMA_URL;
  const option = url === undefined && nonEmpty(process.env.CHROMA_URL) !== undefined ? "CHROMA_URL" : "url";
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch (error) {
    throw new InvalidOptionError({ option, value: raw, message: "is not a URL; expected e.g. http://127.0.0.1:8000", cause: error });
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new InvalidOptionError({ option, value: raw, message: "must be an http:// or https:// URL, e.g. http://127.0.0.1:8000" });
  }
  if (parsed.username !== "" || parsed.password !== "") {
    throw new InvalidOptionError({
      option,
      value: `${parsed.protocol}//***@${parsed.host}`,
      message: "must not hold credentials; pass the API key as apiKey or CHROMA_API_KEY",
    });
  }
  if (parsed.pathname !== "/" || parsed.search !== "" || parsed.hash !== "") {
    throw new InvalidOptionError({
      option,
      value: raw,
      message: "must be the server's base URL, without a path or query (e.g. http://127.0.0.1:8000)",
    });
  }
  return `${parsed.protocol}//${parsed.host}`;
}

const connectionSchema = z.object(connectionOptionsShape).loose();

/**
 * Creates a `ChromaClient` for a server. Every HTTP request it makes goes through our fetch: a timeout
 * per attempt, retries with exponential backoff and jitter on dropped connections, timeouts, 429 and
 * 5xx (within a total budget), and errors that name the service (`ServiceError` "Chroma (<url>)") and
 * the fix. A refused connection (nothing listens: the server is down) is `SERVICE_UNAVAILABLE` at
 * once, not retried. 4xx answers are not retried: they become a `ServiceError` whose `cause` is a `ChromaRejection`.
 * The chromadb package is imported lazily.
 */
export async function connectChroma(options: ChromaConnectionOptions = {}): Promise<ChromaConnection> {
  const parsed = parseOptions(connectionSchema, options, "ChromaStore");
  const url = resolveChromaUrl(parsed.url);
  const service = `Chroma (${url})`;
  const policy: RetryPolicy = {
    maxRetries: parsed.maxRetries ?? DEFAULT_CHROMA_MAX_RETRIES,
    initialDelayMs: INITIAL_RETRY_DELAY_MS,
    maxDelayMs: MAX_RETRY_DELAY_MS,
    attemptTimeoutMs: parsed.timeoutMs ?? DEFAULT_CHROMA_TIMEOUT_MS,
    totalTimeoutMs: parsed.totalTimeoutMs ?? DEFAULT_CHROMA_TOTAL_TIMEOUT_MS,
  };
  const apiKey = parsed.apiKey ?? nonEmpty(process.env.CHROMA_API_KEY);
  const parsedUrl = new URL(url);
  const { ChromaClient } = await importChromadb();
  const client = new ChromaClient({
    host: parsedUrl.hostname,
    port: parsedUrl.port === "" ? (parsedUrl.protocol === "https:" ? 443 : 80) : Number(parsedUrl.port),
    ssl: parsedUrl.protocol === "https:",
    tenant: parsed.tenant ?? nonEmpty(process.env.CHROMA_TENANT) ?? "default_tenant",
    database: parsed.database ?? nonEmpty(process.env.CHROMA_DATABASE) ?? "default_database",
    ...(apiKey === undefined ? {} : { headers: { "x-chroma-token": apiKey } }),
  });
  installFetch(client, createChromaFetch(service, policy, apiKey === undefined ? [] : [apiKey]));
  return { client, url, service };
}

/**
 * The fetch our Chroma clients use. chromadb 3.0 sends every request through the fetch configured on
 * its internal HTTP client (by default its own, without timeouts or retries, and which turns every
 * 5xx into "Unable to connect"); we replace it with this one. The whole answer is read inside the
 * retry loop (an answer cut off mid-body is retried like a dropped connection), a JSON answer that
 * does not parse is a `ServiceError` naming Chroma, and `secrets` (the API key) are removed from every
 * message taken from the server.
 */
export function createChromaFetch(
  service: string,
  policy: RetryPolicy,
  secrets: readonly string[] = [],
): (input: Request | string | URL, init?: RequestInit) => Promise<Response> {
  const redact = (text: string) => secrets.reduce((result, secret) => (secret === "" ? result : result.split(secret).join("***")), text);
  return async (input, init) => {
    const original = input instanceof Request && init === undefined ? input : new Request(input, init);
    const operation = `${original.method} ${new URL(original.url).pathname}`;
    const { response, body } = await withRetries(
      async ({ signal }) => {
        const attemptRequest = new Request(original.clone(), { signal });
        let answer: Response;
        let bytes: ArrayBuffer;
        try {
          answer = await fetch(attemptRequest);
          bytes = await answer.arrayBuffer();
        } catch (error) {
          if (signal.aborted) throw error;
          throw new ConnectionFailure(error);
        }
        if (isRetryableStatus(answer.status) && !isMissingIdAnswer(answer.status, bytes)) {
          throw new RetryableStatusError(
            answer.status,
            redact(serverMessage(decodeText(bytes))),
            parseRetryAfter(answer.headers.get("retry-after")),
          );
        }
        return { response: answer, body: bytes };
      },
      { service, policy, classify: (error) => classifyFailure(error, service) },
    );
    if (response.ok) {
      if (isJsonAnswer(response) && body.byteLength > 0) {
        try {
          JSON.parse(decodeText(body));
        } catch {
          throw new ServiceError({
            service,
            status: response.status,
            message: `${operation} answered malformed JSON (${body.byteLength} bytes); is this URL a Chroma server, and is a proxy cutting its answers?`,
          });
        }
      }
      const emptyBody = response.status === 204 || response.status === 304;
      return new Response(emptyBody ? null : body, { status: response.status, statusText: response.statusText, headers: response.headers });
    }
    const message = redact(serverMessage(decodeText(body)));
    throw new ServiceError({
      service,
      status: response.status,
      message: `${operation} was rejected: ${message}${response.status === 401 || response.status === 403 ? " (check CHROMA_API_KEY, CHROMA_TENANT and CHROMA_DATABASE)" : ""}`,
      cause: new ChromaRejection(response.status, message, operation),
    });
  };
}

/**
 * Chroma 1.0 answers a query restricted to an id it does not hold with HTTP 500 "Error finding id":
 * retrying cannot help, so it is a rejection (`ChromaRejection` with status 500) like a 4xx.
 */
export const MISSING_ID_MESSAGE = "Error finding id";

function isMissingIdAnswer(status: number, bytes: ArrayBuffer): boolean {
  return status === 500 && decodeText(bytes).includes(MISSING_ID_MESSAGE);
}

/** True when Chroma refused a query because one of its `ids` is not in the collection. */
export function isMissingIdRejection(error: unknown): boolean {
  const rejection = chromaRejectionOf(error);
  return rejection !== undefined && rejection.status === 500 && rejection.serverMessage.includes(MISSING_ID_MESSAGE);
}

/** The ChromaRejection behind an error, when Chroma answered with a 4xx. */
export function chromaRejectionOf(error: unknown): ChromaRejection | undefined {
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause instanceof ChromaRejection ? cause : undefined;
}

/**
 * Errors the chromadb client raises itself (argument validation) become `RetrieverError`s; ours pass
 * through unchanged.
 */
export function toLibraryError(error: unknown, service: string): unknown {
  if (RetrieverError.isInstance(error)) return error;
  const name = (error as { name?: unknown } | null)?.name;
  if (typeof name === "string" && name.startsWith("Chroma")) {
    return new ServiceError({ service, message: `${(error as Error).message}`, cause: error });
  }
  return error;
}

class ConnectionFailure extends Error {
  /** The connection was refused (ECONNREFUSED): nothing listens at the address. */
  readonly refused: boolean;
  constructor(readonly original: unknown) {
    super(describeNetworkError(original));
    this.refused = networkErrorCode(original) === "ECONNREFUSED";
  }
}

function networkErrorCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown; errors?: Array<{ code?: unknown }> } } | null)?.cause;
  if (typeof cause?.code === "string") return cause.code;
  // Node's fetch reports an AggregateError (IPv4 and IPv6 both refused) with the codes inside.
  const inner = cause?.errors?.find((entry) => typeof entry?.code === "string")?.code;
  return typeof inner === "string" ? inner : undefined;
}

function classifyFailure(error: unknown, service: string): AttemptFailure {
  if (error instanceof RetryableStatusError) {
    return {
      retryable: true,
      status: error.status,
      ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
      message: `the server answered HTTP ${error.status}: ${error.serverMessage}`,
    };
  }
  if (error instanceof ConnectionFailure) {
    const fix = `${chromaStartHint(service)}, or set CHROMA_URL to your Chroma server's URL`;
    // Connection refused: nothing listens there (the server is not running, or it died). Waiting does
    // not bring it back, so this is reported at once instead of being retried for the whole budget. A
    // server dying mid-request shows first as a dropped connection (retried), then as refused.
    if (error.refused) return { retryable: false, unavailable: true, message: `the server is down (${error.message}). ${fix}` };
    return { retryable: true, message: `cannot reach the server (${error.message}). ${fix}` };
  }
  return { retryable: false, message: `${service} request failed: ${error instanceof Error ? error.message : String(error)}` };
}

/** How to start a server at the URL in `service` ("Chroma (http://host:port)"), with its port rather than always 8000. */
function chromaStartHint(service: string): string {
  const url = /^Chroma \((.+)\)$/.exec(service)?.[1] ?? DEFAULT_CHROMA_URL;
  let port: string;
  try {
    port = new URL(url).port;
  } catch {
    port = "";
  }
  const portFlag = port === "" || port === String(DEFAULT_CHROMA_PORT) ? "" : ` --port ${port}`;
  return `Start a local one with \`retrievers chroma start${portFlag}\` (then export CHROMA_URL=${url})`;
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const code = networkErrorCode(error);
  if (code === "ECONNREFUSED") return "connection refused: nothing listens there";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `host not found (${code})`;
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET") return "the connection was dropped";
  if (code !== undefined) return code;
  if (typeof cause?.message === "string" && cause.message !== "") return cause.message;
  return error instanceof Error ? error.message : String(error);
}

function decodeText(bytes: ArrayBuffer): string {
  return new TextDecoder().decode(bytes);
}

function isJsonAnswer(response: Response): boolean {
  return (response.headers.get("content-type") ?? "").toLowerCase().includes("json");
}

/** Chroma answers errors as `{ "error": "...", "message": "..." }`. */
function serverMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown; error?: unknown };
    if (typeof parsed.message === "string" && parsed.message !== "") return parsed.message;
    if (typeof parsed.error === "string" && parsed.error !== "") return parsed.error;
  } catch {
    // Not JSON.
  }
  const text = body.trim();
  return text === "" ? "(empty answer)" : text.length > 300 ? `${text.slice(0, 297)}...` : text;
}

/** Replaces the fetch of the chromadb client's internal HTTP client (chromadb 3.0). */
function installFetch(client: ChromaClient, fetchFunction: (input: Request | string | URL, init?: RequestInit) => Promise<Response>): void {
  const apiClient = (client as unknown as { apiClient?: { setConfig?: (config: { fetch: typeof fetch }) => unknown } }).apiClient;
  if (typeof apiClient?.setConfig !== "function") {
    throw new RetrieverError({
      code: ErrorCodes.MISSING_DEPENDENCY,
      message:
        "this chromadb client version is not supported (no configurable HTTP client); install chromadb 3.0 (`npm install chromadb@3.0.14`)",
    });
  }
  apiClient.setConfig({ fetch: fetchFunction as typeof fetch });
}

async function importChromadb(): Promise<typeof import("chromadb")> {
  try {
    return await import("chromadb");
  } catch (error) {
    throw new RetrieverError({
      code: ErrorCodes.MISSING_DEPENDENCY,
      message: "the Chroma store needs the chromadb package; install it with `npm install chromadb`",
      cause: error,
    });
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}
