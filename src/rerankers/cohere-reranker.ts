import type { DocumentInterface } from "@langchain/core/documents";
import { z } from "zod/v4";
import { ErrorCodes } from "../core/errors/error-codes.js";
import { InvalidOptionError } from "../core/errors/invalid-option-error.js";
import { RetrieverError } from "../core/errors/retriever-error.js";
import { parseOptions } from "../core/parse-options.js";
import { throwIfAborted, validateQuery } from "../core/validate-query.js";
import { sortRerankResults, type Reranker, type RerankOptions, type RerankResult } from "./reranker.js";
import { isRetryableStatus, parseRetryAfter, withRetries, type AttemptFailure, type RetryEvent } from "../core/retry.js";

/** Cohere's current general-purpose rerank model (what LangChain's CohereRerank uses by default). */
export const DEFAULT_COHERE_RERANK_MODEL = "rerank-v3.5";
/** Where requests go unless `baseUrl` or COHERE_BASE_URL says otherwise. */
export const DEFAULT_COHERE_BASE_URL = "https://api.cohere.com";
/** Environment variable holding the API key. */
export const COHERE_API_KEY_ENV = "COHERE_API_KEY";
/** Environment variable overriding the base URL (a proxy, a private deployment, a test server). */
export const COHERE_BASE_URL_ENV = "COHERE_BASE_URL";
/** Cohere's documented limit of documents in one rerank request; larger inputs are split into batches. */
export const COHERE_MAX_DOCUMENTS_PER_REQUEST = 1_000;
/** Longest one request attempt may take. */
export const DEFAULT_COHERE_TIMEOUT_MS = 30_000;
/** Retries after a 429, a 5xx, a timeout or a dropped connection. */
export const DEFAULT_COHERE_MAX_RETRIES = 4;
/** First backoff; doubles on each retry, with jitter. */
export const DEFAULT_COHERE_INITIAL_RETRY_DELAY_MS = 500;
/** Longest backoff between two attempts. */
export const DEFAULT_COHERE_MAX_RETRY_DELAY_MS = 20_000;
/** Budget for one batch request, retries and waits included. */
export const DEFAULT_COHERE_TOTAL_TIMEOUT_MS = 120_000;
/** The service named in errors. */
export const COHERE_RERANK_SERVICE = "Cohere rerank";

export interface CohereRerankerOptions {
  /** The API key. @default process.env.COHERE_API_KEY */
  apiKey?: string;
  /** API base URL. @default process.env.COHERE_BASE_URL, else "https://api.cohere.com" */
  baseUrl?: string;
  /** Rerank model. @default "rerank-v3.5" */
  model?: string;
  /** Documents per request; more are sent in several requests whose results are merged by score. @default 1000 (the API limit) */
  maxDocumentsPerRequest?: number;
  /** Cohere truncates each document to this many tokens. @default the API's (4096) */
  maxTokensPerDoc?: number;
  /** Longest one attempt may take, in milliseconds. @default 30000 */
  timeoutMs?: number;
  /** Retries after 429, 5xx, timeouts and dropped connections (never after 400/401/403). @default 4 */
  maxRetries?: number;
  /** First backoff in milliseconds; doubles each retry, with jitter; a longer Retry-After wins. @default 500 */
  initialRetryDelayMs?: number;
  /** Longest backoff in milliseconds. @default 20000 */
  maxRetryDelayMs?: number;
  /** Budget per request in milliseconds, attempts and waits included. @default 120000 */
  totalTimeoutMs?: number;
  /** Called before each retry wait (for logging). Never receives the key. @default none */
  onRetry?: (event: RetryEvent) => void;
}

const optionsSchema = z
  .object({
    apiKey: z.string().optional(),
    baseUrl: z.url({ protocol: /^https?$/, message: "must be an http(s) URL, e.g. https://api.cohere.com" }).optional(),
    model: z.string().min(1).optional(),
    maxDocumentsPerRequest: z.number().int().min(1).max(COHERE_MAX_DOCUMENTS_PER_REQUEST).optional(),
    maxTokensPerDoc: z.number().int().positive().optional(),
    timeoutMs: z.number().int().positive().optional(),
    maxRetries: z.number().int().min(0).max(20).optional(),
    initialRetryDelayMs: z.number().int().min(0).optional(),
    maxRetryDelayMs: z.number().int().min(0).optional(),
    totalTimeoutMs: z.number().int().positive().optional(),
    onRetry: z.custom<(event: RetryEvent) => void>((value) => typeof value === "function", "must be a function").optional(),
  })
  .strict();

/** The rerank answer, in the client's camelCase or the wire's snake_case. */
const responseSchema = z.object({
  results: z.array(
    z.union([
      z.object({ index: z.number().int().min(0), relevanceScore: z.number().finite() }),
      z.object({ index: z.number().int().min(0), relevance_score: z.number().finite() }),
    ]),
  ),
});

type CohereModule = typeof import("cohere-ai");
type CohereClient = InstanceType<CohereModule["CohereClientV2"]>;

/** A 200 answer that is not a rerank response: retrying will not fix it. */
class UnexpectedResponseError extends Error {}

/**
 * Cohere's hosted cross-encoder (the reference's reranker), through the official `cohere-ai` v2 client.
 * Inputs over the per-request limit are split into batches and merged by score. Requests time out,
 * are retried with backoff and jitter on 429/5xx/connection errors (honouring Retry-After) within a
 * bounded time, and failures become a `ServiceError` naming "Cohere rerank" (never the key).
 * An empty document list returns `[]` without a request.
 */
export class CohereReranker implements Reranker {
  readonly name: string;
  readonly model: string;
  readonly baseUrl: string;
  readonly maxDocumentsPerRequest: number;
  readonly maxTokensPerDoc: number | undefined;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly initialRetryDelayMs: number;
  readonly maxRetryDelayMs: number;
  readonly totalTimeoutMs: number;
  private readonly apiKey: string;
  private readonly onRetry: ((event: RetryEvent) => void) | undefined;
  private client: Promise<CohereClient> | undefined;

  constructor(options: CohereRerankerOptions = {}) {
    const parsed = parseOptions(optionsSchema, options, "CohereReranker");
    const apiKey = parsed.apiKey ?? process.env[COHERE_API_KEY_ENV];
    if (apiKey === undefined || apiKey.trim() === "") {
      throw new InvalidOptionError({
        option: "CohereReranker.apiKey",
        value: undefined,
        message: `no Cohere API key: set the ${COHERE_API_KEY_ENV} environment variable or pass apiKey (or use the LocalReranker, which needs no key)`,
      });
    }
    const baseUrlFromEnvironment = process.env[COHERE_BASE_URL_ENV];
    const baseUrl =
      parsed.baseUrl ??
      (baseUrlFromEnvironment === undefined || baseUrlFromEnvironment === "" ? DEFAULT_COHERE_BASE_URL : baseUrlFromEnvironment);
    if (!/^https?:\/\/[^\s]+$/.test(baseUrl)) {
      throw new InvalidOptionError({
        option: COHERE_BASE_URL_ENV,
        value: baseUrl,
        message: "must be an http(s) URL, e.g. https://api.cohere.com",
      });
    }
    this.apiKey = apiKey;
    this.baseUrl = baseUrl.replace(/\/+$/, "");
    this.model = parsed.model ?? DEFAULT_COHERE_RERANK_MODEL;
    this.name = `cohere:${this.model}`;
    this.maxDocumentsPerRequest = parsed.maxDocumentsPerRequest ?? COHERE_MAX_DOCUMENTS_PER_REQUEST;
    this.maxTokensPerDoc = parsed.maxTokensPerDoc;
    this.timeoutMs = parsed.timeoutMs ?? DEFAULT_COHERE_TIMEOUT_MS;
    this.maxRetries = parsed.maxRetries ?? DEFAULT_COHERE_MAX_RETRIES;
    this.initialRetryDelayMs = parsed.initialRetryDelayMs ?? DEFAULT_COHERE_INITIAL_RETRY_DELAY_MS;
    this.maxRetryDelayMs = parsed.maxRetryDelayMs ?? DEFAULT_COHERE_MAX_RETRY_DELAY_MS;
    this.totalTimeoutMs = parsed.totalTimeoutMs ?? DEFAULT_COHERE_TOTAL_TIMEOUT_MS;
    this.onRetry = parsed.onRetry;
  }

  async rerank(query: string, documents: DocumentInterface[], options: RerankOptions = {}): Promise<RerankResult[]> {
    validateQuery(query);
    throwIfAborted(options.signal);
    const topN = validateTopN(options.topN);
    if (documents.length === 0) return [];
    const client = await this.getClient();

    const merged: RerankResult[] = [];
    for (let offset = 0; offset < documents.length; offset += this.maxDocumentsPerRequest) {
      const batch = documents.slice(offset, offset + this.maxDocumentsPerRequest);
      const batchTopN = topN === undefined ? undefined : Math.min(topN, batch.length);
      const results = await this.rerankBatch(client, query, batch, batchTopN, options.signal);
      for (const result of results) merged.push({ index: result.index + offset, score: result.score });
    }
    const sorted = sortRerankResults(merged);
    return topN === undefined ? sorted : sorted.slice(0, topN);
  }

  private async rerankBatch(
    client: CohereClient,
    query: string,
    batch: DocumentInterface[],
    topN: number | undefined,
    signal: AbortSignal | undefined,
  ): Promise<RerankResult[]> {
    const request = {
      model: this.model,
      query,
      documents: batch.map((document) => document.pageContent),
      ...(topN === undefined ? {} : { topN }),
      ...(this.maxTokensPerDoc === undefined ? {} : { maxTokensPerDoc: this.maxTokensPerDoc }),
    };
    const response = await withRetries(
      async ({ signal: attemptSignal }) => {
        const answer = await client.rerank(request, {
          abortSignal: attemptSignal,
          maxRetries: 0,
          timeoutInSeconds: Math.ceil(this.timeoutMs / 1000) + 1,
        });
        const parsed = responseSchema.safeParse(answer);
        if (!parsed.success) {
          throw new UnexpectedResponseError(`the answer is not a rerank response (is ${COHERE_BASE_URL_ENV} pointing at the Cohere API?)`);
        }
        return parsed.data;
      },
      {
        service: COHERE_RERANK_SERVICE,
        policy: {
          maxRetries: this.maxRetries,
          initialDelayMs: this.initialRetryDelayMs,
          maxDelayMs: this.maxRetryDelayMs,
          attemptTimeoutMs: this.timeoutMs,
          totalTimeoutMs: this.totalTimeoutMs,
        },
        classify: (error) => this.redactFailure(classifyCohereError(error, this.baseUrl)),
        signal,
        onRetry: this.onRetry,
      },
    );

    const seen = new Set<number>();
    const results: RerankResult[] = [];
    for (const item of response.results) {
      if (item.index >= batch.length || seen.has(item.index)) continue;
      seen.add(item.index);
      results.push({ index: item.index, score: "relevanceScore" in item ? item.relevanceScore : item.relevance_score });
    }
    return results;
  }

  private redactFailure(failure: AttemptFailure): AttemptFailure {
    return { ...failure, message: failure.message.split(this.apiKey).join("[redacted]") };
  }

  private getClient(): Promise<CohereClient> {
    this.client ??= import("cohere-ai").then(
      ({ CohereClientV2 }) =>
        new CohereClientV2({
          token: this.apiKey,
          baseUrl: this.baseUrl,
          maxRetries: 0,
          timeoutInSeconds: Math.ceil(this.totalTimeoutMs / 1000) + 1,
        }),
      (error: unknown) => {
        this.client = undefined;
        throw new RetrieverError({
          code: ErrorCodes.MISSING_DEPENDENCY,
          message: "the Cohere reranker needs the cohere-ai package; install it with `npm install cohere-ai`",
          cause: error,
        });
      },
    );
    return this.client;
  }
}

function validateTopN(topN: number | undefined): number | undefined {
  if (topN === undefined) return undefined;
  if (!Number.isInteger(topN) || topN < 1) {
    throw new InvalidOptionError({ option: "topN", value: topN, message: "must be a whole number >= 1" });
  }
  return topN;
}

/** Turns whatever the cohere-ai client threw into a retry decision with a key-free message. */
function classifyCohereError(error: unknown, baseUrl: string): AttemptFailure {
  if (error instanceof UnexpectedResponseError) return { retryable: false, message: error.message };
  const details = error as {
    name?: unknown;
    statusCode?: unknown;
    body?: unknown;
    rawResponse?: { headers?: { get?: (name: string) => string | null } };
    cause?: unknown;
    message?: unknown;
  };
  if (details?.name === "CohereTimeoutError") return { retryable: true, message: "the request timed out" };
  const status = typeof details?.statusCode === "number" ? details.statusCode : undefined;
  if (status === undefined) {
    const cause = details?.cause instanceof Error ? details.cause : undefined;
    const reason = describeConnectionError(cause ?? error);
    return { retryable: true, message: `could not reach ${baseUrl} (${reason})` };
  }
  const serverMessage = messageFromBody(details.body);
  const retryAfterMs = parseRetryAfter(details.rawResponse?.headers?.get?.("retry-after"));
  const hint =
    status === 401 || status === 498
      ? `the API key was rejected; check ${COHERE_API_KEY_ENV}`
      : status === 403
        ? "the API key is not allowed to use this model"
        : status === 429
          ? "rate limited"
          : status === 404
            ? `not found; check the model name and ${COHERE_BASE_URL_ENV}`
            : status >= 500
              ? "server error"
              : "the request was refused";
  return {
    retryable: isRetryableStatus(status),
    status,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    message: serverMessage === undefined ? hint : `${hint}: ${serverMessage}`,
  };
}

function messageFromBody(body: unknown): string | undefined {
  if (typeof body === "object" && body !== null && typeof (body as { message?: unknown }).message === "string") {
    return truncate((body as { message: string }).message);
  }
  if (typeof body === "string" && body.trim() !== "") return truncate(body.trim());
  return undefined;
}

function describeConnectionError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 3 && current instanceof Error; depth += 1) {
    const code = (current as { code?: unknown }).code;
    parts.push(typeof code === "string" ? `${current.message} [${code}]` : current.message);
    current = current.cause;
  }
  return truncate(parts.join(": ") || "connection failed");
}

function truncate(text: string, limit = 300): string {
  return text.length > limit ? `${text.slice(0, limit - 3)}...` : text;
}
