import { OpenAIEmbeddings } from "@langchain/openai";
import { z } from "zod/v4";
import { InvalidOptionError } from "../../core/errors/invalid-option-error.js";
import { ServiceError } from "../../core/errors/service-error.js";
import { parseOptions } from "../../core/parse-options.js";
import { validateVectors } from "../validate-vectors.js";
import { withRetries, type AttemptFailure, type RetryPolicy } from "../../core/retry.js";
import { DEFAULT_OPENAI_BASE_URL, DEFAULT_OPENAI_EMBEDDING_MODEL, openAIEmbeddingsModelId } from "./openai-model-id.js";

/** Name of the service in errors. */
export const OPENAI_EMBEDDINGS_SERVICE = "OpenAI embeddings";
export { DEFAULT_OPENAI_EMBEDDING_MODEL, DEFAULT_OPENAI_BASE_URL } from "./openai-model-id.js";
export const DEFAULT_OPENAI_TIMEOUT_MS = 30_000;
export const DEFAULT_OPENAI_MAX_RETRIES = 3;
export const DEFAULT_OPENAI_RETRY_DELAY_MS = 500;
export const DEFAULT_OPENAI_MAX_RETRY_DELAY_MS = 8_000;
export const DEFAULT_OPENAI_TOTAL_TIMEOUT_MS = 120_000;
/**
 * Texts per request. OpenAI accepts 2,048 inputs but also at most 300,000 tokens per request; 128
 * long reviews stay well under it.
 */
export const DEFAULT_OPENAI_BATCH_SIZE = 128;
export const DEFAULT_OPENAI_MAX_CONCURRENCY = 2;
/** Sent as the key to OpenAI-compatible servers (given by `baseURL`) that need none. */
const PLACEHOLDER_API_KEY = "no-api-key";

export interface OpenAIEmbeddingsOptions {
  /** The API key. Never logged nor put in errors. @default process.env.OPENAI_API_KEY */
  apiKey?: string;
  /**
   * Base URL of the API (any OpenAI-compatible server); a key is then optional.
   * @default process.env.OPENAI_BASE_URL, else "https://api.openai.com/v1"
   */
  baseURL?: string;
  /** The embedding model. @default "text-embedding-3-small" */
  model?: string;
  /** Output dimensions (text-embedding-3 models can shorten their vectors). @default the model's native size */
  dimensions?: number;
  /** Timeout of one HTTP request, in milliseconds. @default 30000 */
  timeoutMs?: number;
  /** Retries after a failed request (429, 5xx, connection errors, timeouts). @default 3 */
  maxRetries?: number;
  /** Delay before the first retry, doubled each time (with jitter). @default 500 */
  retryDelayMs?: number;
  /** Longest delay between retries. @default 8000 */
  maxRetryDelayMs?: number;
  /** No retry starts after this much time since the first attempt of a request. @default 120000 */
  totalTimeoutMs?: number;
  /** Texts per request. @default 128 */
  batchSize?: number;
  /** Requests in flight at once. @default 2 */
  maxConcurrency?: number;
}

const optionsSchema = z
  .object({
    apiKey: z.string().min(1, "must not be empty").optional(),
    baseURL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL, e.g. http://localhost:11434/v1" }).optional(),
    model: z.string().min(1).optional(),
    dimensions: z.number().int().min(1).max(65_536).optional(),
    timeoutMs: z.number().int().min(1).max(3_600_000).optional(),
    maxRetries: z.number().int().min(0).max(20).optional(),
    retryDelayMs: z.number().int().min(0).max(600_000).optional(),
    maxRetryDelayMs: z.number().int().min(0).max(600_000).optional(),
    totalTimeoutMs: z.number().int().min(1).max(86_400_000).optional(),
    batchSize: z.number().int().min(1).max(2_048).optional(),
    maxConcurrency: z.number().int().min(1).max(64).optional(),
  })
  .strict();

/** What we read of an embeddings response before trusting it. */
interface EmbeddingResponseShape {
  data?: Array<{ index?: unknown; embedding?: unknown } | null>;
}

/**
 * Creates OpenAI (or OpenAI-compatible) embeddings: LangChain's `OpenAIEmbeddings` with this
 * library's retry policy (exponential backoff with jitter on 429/5xx/connection errors/timeouts,
 * bounded total time), vectors ordered by their `index`, validated output (`INVALID_VECTOR`) and
 * failures as `ServiceError`s naming "OpenAI embeddings" without the key.
 */
export function createOpenAIEmbeddings(options: OpenAIEmbeddingsOptions = {}): RetryingOpenAIEmbeddings {
  return new RetryingOpenAIEmbeddings(options);
}

/** See `createOpenAIEmbeddings`. */
export class RetryingOpenAIEmbeddings extends OpenAIEmbeddings {
  /** Identifies model, dimensions and server (the default cache namespace). Contains no secret. */
  readonly modelId: string;
  readonly baseURL: string;
  private readonly retryPolicy: RetryPolicy;
  /** Strings that must never appear in an error message. */
  private readonly secrets: string[];

  constructor(options: OpenAIEmbeddingsOptions = {}) {
    const environmentBaseURL = nonEmpty(process.env.OPENAI_BASE_URL);
    const parsed = parseOptions(
      optionsSchema,
      { ...options, apiKey: options.apiKey ?? nonEmpty(process.env.OPENAI_API_KEY), baseURL: options.baseURL ?? environmentBaseURL },
      "OpenAIEmbeddings",
    );
    if (parsed.apiKey === undefined && parsed.baseURL === undefined) {
      throw new InvalidOptionError({
        option: "OpenAIEmbeddings.apiKey",
        value: undefined,
        message:
          "an OpenAI API key is needed: set OPENAI_API_KEY (or pass apiKey), or point baseURL / OPENAI_BASE_URL at an OpenAI-compatible server",
      });
    }
    const baseURL = parsed.baseURL ?? DEFAULT_OPENAI_BASE_URL;
    const apiKey = parsed.apiKey ?? PLACEHOLDER_API_KEY;
    const model = parsed.model ?? DEFAULT_OPENAI_EMBEDDING_MODEL;
    super({
      apiKey,
      model,
      ...(parsed.dimensions === undefined ? {} : { dimensions: parsed.dimensions }),
      timeout: parsed.timeoutMs ?? DEFAULT_OPENAI_TIMEOUT_MS,
      batchSize: parsed.batchSize ?? DEFAULT_OPENAI_BATCH_SIZE,
      maxConcurrency: parsed.maxConcurrency ?? DEFAULT_OPENAI_MAX_CONCURRENCY,
      // Retries are ours (withRetries); LangChain's caller only limits concurrency.
      maxRetries: 0,
      onFailedAttempt: () => undefined,
      configuration: { baseURL, maxRetries: 0 },
    });
    this.baseURL = baseURL;
    this.secrets = parsed.apiKey === undefined ? [] : [parsed.apiKey];
    this.retryPolicy = {
      maxRetries: parsed.maxRetries ?? DEFAULT_OPENAI_MAX_RETRIES,
      initialDelayMs: parsed.retryDelayMs ?? DEFAULT_OPENAI_RETRY_DELAY_MS,
      maxDelayMs: parsed.maxRetryDelayMs ?? DEFAULT_OPENAI_MAX_RETRY_DELAY_MS,
      totalTimeoutMs: parsed.totalTimeoutMs ?? DEFAULT_OPENAI_TOTAL_TIMEOUT_MS,
      // The SDK enforces timeoutMs per request; this is only a backstop in case it does not.
      attemptTimeoutMs: (parsed.timeoutMs ?? DEFAULT_OPENAI_TIMEOUT_MS) * 2,
    };
    this.modelId = openAIEmbeddingsModelId({ model, dimensions: parsed.dimensions, baseURL });
  }

  override async embedDocuments(texts: string[]): Promise<number[][]> {
    if (texts.length === 0) return [];
    const vectors = await super.embedDocuments(texts.map(nonEmptyText));
    return validateVectors(vectors, { source: OPENAI_EMBEDDINGS_SERVICE, expectedCount: texts.length, ...this.expectedDimensions() });
  }

  override async embedQuery(text: string): Promise<number[]> {
    const vector = await super.embedQuery(nonEmptyText(text));
    return validateVectors([vector], { source: OPENAI_EMBEDDINGS_SERVICE, expectedCount: 1, ...this.expectedDimensions() })[0]!;
  }

  /** Nothing to free (present so every embeddings of the library can be closed alike). */
  async close(): Promise<void> {}

  /** One request, retried by our policy; the vectors come back sorted by `index`. */
  protected override async embeddingWithRetry(
    request: Parameters<OpenAIEmbeddings["embeddingWithRetry"]>[0],
  ): ReturnType<OpenAIEmbeddings["embeddingWithRetry"]> {
    const response = await withRetries(() => super.embeddingWithRetry(request), {
      service: OPENAI_EMBEDDINGS_SERVICE,
      policy: this.retryPolicy,
      classify: (error) => classifyOpenAIError(error, this.secrets),
    });
    const expected = Array.isArray(request.input) ? request.input.length : 1;
    const data = (response as EmbeddingResponseShape | undefined)?.data;
    if (!Array.isArray(data) || data.length !== expected || data.some((item) => !Number.isInteger(item?.index))) {
      throw new ServiceError({
        service: OPENAI_EMBEDDINGS_SERVICE,
        message: `the response holds ${Array.isArray(data) ? data.length : "no"} embeddings for ${expected} inputs; is ${this.baseURL} an OpenAI-compatible embeddings API?`,
      });
    }
    data.sort((left, right) => (left!.index as number) - (right!.index as number));
    if (data.some((item, position) => item!.index !== position)) {
      throw new ServiceError({
        service: OPENAI_EMBEDDINGS_SERVICE,
        message: `the response's embedding indexes are not 0..${expected - 1}`,
      });
    }
    return response;
  }

  private expectedDimensions(): { dimensions?: number } {
    return this.dimensions === undefined ? {} : { dimensions: this.dimensions };
  }
}

/** Classifies an error of the OpenAI SDK (or of LangChain's wrapper) for the retry loop. */
export function classifyOpenAIError(error: unknown, secrets: readonly string[] = []): AttemptFailure {
  const fields = (typeof error === "object" && error !== null ? error : {}) as {
    status?: unknown;
    name?: unknown;
    message?: unknown;
    headers?: unknown;
    cause?: unknown;
  };
  const kind = typeof error === "object" && error !== null ? error.constructor.name : "";
  const rawMessage = typeof fields.message === "string" ? fields.message : String(error);
  const status = typeof fields.status === "number" ? fields.status : undefined;
  // LangChain appends a troubleshooting link and the SDK prefixes the status, which ServiceError shows.
  const message = redactSecrets(rawMessage, secrets)
    .replace(/\s*Troubleshooting URL: \S+\s*$/, "")
    .replace(status === undefined ? /^$/ : new RegExp(`^${status} `), "")
    .trim();
  if (kind === "APIConnectionTimeoutError" || fields.name === "TimeoutError") {
    return {
      retryable: true,
      timeout: true,
      status: undefined,
      retryAfterMs: undefined,
      message: `the request timed out (${message}); raise timeoutMs or check the server`,
    };
  }
  if (kind === "APIUserAbortError" || fields.name === "AbortError") {
    return {
      retryable: false,
      timeout: false,
      status: undefined,
      retryAfterMs: undefined,
      message: `the request was aborted (${message})`,
    };
  }
  if (status !== undefined) {
    const retryable = status === 408 || status === 409 || status === 429 || status >= 500;
    return {
      retryable,
      timeout: false,
      status,
      retryAfterMs: readRetryAfter(fields.headers),
      message: `${message}${hintForStatus(status)}`,
    };
  }
  if (kind === "APIConnectionError") {
    const cause = fields.cause instanceof Error ? `: ${redactSecrets(fields.cause.message, secrets)}` : "";
    return {
      retryable: true,
      timeout: false,
      status: undefined,
      retryAfterMs: undefined,
      message: `could not reach the server (${message}${cause}); check baseURL / OPENAI_BASE_URL and the network`,
    };
  }
  if (isConnectionClosedMidResponse(error)) {
    return {
      retryable: true,
      timeout: false,
      status: undefined,
      retryAfterMs: undefined,
      message: `the connection closed before the whole answer arrived (${message}); check the network or the server`,
    };
  }
  return { retryable: false, timeout: false, status: undefined, retryAfterMs: undefined, message };
}

/** Socket error codes of a connection that died while the answer was being read. */
const CLOSED_CONNECTION_CODES = new Set(["UND_ERR_SOCKET", "UND_ERR_CLOSED", "ECONNRESET", "EPIPE", "ECONNABORTED"]);

/**
 * The SDK wraps failures before the response (connection refused, reset) in `APIConnectionError`, but
 * a connection closed while the body is read surfaces as fetch's raw `TypeError: terminated` whose
 * cause is a socket error: retrying that is as safe as retrying a dropped connection.
 */
function isConnectionClosedMidResponse(error: unknown): boolean {
  if (!(error instanceof TypeError)) return false;
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return error.message === "terminated" || (typeof code === "string" && CLOSED_CONNECTION_CODES.has(code));
}

function hintForStatus(status: number): string {
  if (status === 401) return " (the API key was rejected: check OPENAI_API_KEY or the apiKey option)";
  if (status === 403) return " (the key may not access this model or project)";
  if (status === 404) return " (check the model name and baseURL / OPENAI_BASE_URL)";
  if (status === 429) return " (rate limited or out of quota: wait, lower maxConcurrency, or check the billing)";
  if (status >= 500) return " (the server failed; try again later)";
  return "";
}

/** Retry-After / retry-after-ms headers, in milliseconds (capped at a minute). */
function readRetryAfter(headers: unknown): number | undefined {
  const get = (name: string): string | null | undefined => {
    if (typeof headers !== "object" || headers === null) return undefined;
    if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name);
    const value = (headers as Record<string, unknown>)[name];
    return typeof value === "string" ? value : undefined;
  };
  const milliseconds = Number(get("retry-after-ms"));
  if (Number.isFinite(milliseconds) && milliseconds > 0) return Math.min(milliseconds, 60_000);
  const seconds = Number(get("retry-after"));
  if (Number.isFinite(seconds) && seconds > 0) return Math.min(seconds * 1000, 60_000);
  return undefined;
}

/** Removes API keys (the configured one and anything looking like an OpenAI key or bearer token). */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 4) result = result.split(secret).join("***");
  }
  return result.replace(/\bsk-[A-Za-z0-9_*-]{4,}/g, "sk-***").replace(/\bBearer\s+\S+/gi, "Bearer ***");
}

/** OpenAI rejects empty inputs; a single space embeds as "nothing". */
function nonEmptyText(text: string): string {
  return text.length === 0 ? " " : text;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}
