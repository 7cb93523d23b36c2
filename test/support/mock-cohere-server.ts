import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for Cohere's rerank API (POST /v2/rerank), on 127.0.0.1 with a free port. It speaks
 * the real wire format:
 *
 * request  `{ model, query, documents: string[], top_n?, max_tokens_per_doc? }`, `Authorization: Bearer <key>`
 * response `{ id, results: [{ index, relevance_score }], meta: { api_version: { version: "2" }, billed_units: { search_units } } }`
 * errors   `{ "message": "..." }` with 400 / 401 / 429 / 500 ...
 *
 * By default it reranks for real with a deterministic word-overlap score (share of the query's words
 * found in the document), so order tests mean something. Tests can script the next responses (status,
 * body, headers, delay, dropped connection, malformed JSON) and read every request from `requests`.
 */

/** One scripted answer. Unset fields fall back to the real behaviour. */
export interface MockCohereResponse {
  /** HTTP status. @default 200 */
  status?: number;
  /** JSON body to send instead of the computed one (for errors: `{ message }` by default). */
  body?: unknown;
  /** Extra response headers, e.g. `{ "Retry-After": "1" }`. */
  headers?: Record<string, string>;
  /** Wait this long before answering (to trigger client timeouts). */
  delayMs?: number;
  /** Destroy the connection without answering. */
  drop?: boolean;
  /** Send a body that is not valid JSON. */
  malformed?: boolean;
}

/** One request the server received. */
export interface MockCohereRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body, or the raw text when it was not JSON. */
  body: unknown;
}

export interface MockCohereServer {
  /** Base URL, e.g. `http://127.0.0.1:43121` (pass as the reranker's `baseUrl`). */
  url: string;
  /** Every request received, in order. */
  requests: MockCohereRequest[];
  /** Scripts the next answers, used one per request before falling back to the real behaviour. */
  enqueue(...responses: MockCohereResponse[]): void;
  close(): Promise<void>;
}

export interface MockCohereServerOptions {
  /** The key the server accepts; requests with another bearer token get 401. @default any token */
  apiKey?: string;
  /** Largest `documents` array accepted; more gets 400 as on the real API. @default 1000 */
  maxDocuments?: number;
}

/** Real-API-like messages for error statuses, used when a scripted error has no body. */
const DEFAULT_ERROR_MESSAGES: Record<number, string> = {
  400: "invalid request",
  401: "invalid api token",
  429: "You are using a Trial key, which is limited to 10 API calls / minute. Please try again later.",
  500: "internal server error, this has been reported to our developers",
  503: "service unavailable",
};

export async function startMockCohereServer(options: MockCohereServerOptions = {}): Promise<MockCohereServer> {
  const maxDocuments = options.maxDocuments ?? 1000;
  const queue: MockCohereResponse[] = [];
  const requests: MockCohereRequest[] = [];
  let responseCounter = 0;

  const server = createServer((request, response) => {
    void handle(request, response).catch(() => response.destroy());
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const text = await readBody(request);
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // keep the raw text in the log
    }
    requests.push({ method: request.method ?? "", path: request.url ?? "", headers: request.headers, body });

    const scripted = queue.shift();
    if (scripted?.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, scripted.delayMs));
    if (response.destroyed || request.socket.destroyed) return;
    if (scripted?.drop) {
      request.socket.destroy();
      return;
    }
    if (scripted?.malformed) {
      response.writeHead(scripted.status ?? 200, { "Content-Type": "application/json", ...scripted.headers });
      response.end('{"id": "broken", "results": [{"index": 0, "relevance_sco');
      return;
    }
    if (scripted?.status !== undefined && scripted.status !== 200) {
      sendJson(
        response,
        scripted.status,
        scripted.body ?? { message: DEFAULT_ERROR_MESSAGES[scripted.status] ?? `error ${scripted.status}` },
        scripted.headers,
      );
      return;
    }

    const real = computeRealAnswer(request, body);
    sendJson(response, real.status, scripted?.body ?? real.body, scripted?.headers);
  }

  function computeRealAnswer(request: IncomingMessage, body: unknown): { status: number; body: unknown } {
    if (request.method !== "POST" || request.url !== "/v2/rerank")
      return { status: 404, body: { message: `unknown route ${request.method} ${request.url}` } };
    const authorization = request.headers.authorization ?? "";
    if (!authorization.startsWith("Bearer ") || (options.apiKey !== undefined && authorization !== `Bearer ${options.apiKey}`)) {
      return { status: 401, body: { message: DEFAULT_ERROR_MESSAGES[401] } };
    }
    if (typeof body !== "object" || body === null) return { status: 400, body: { message: "invalid request: body must be a JSON object" } };
    const { model, query, documents, top_n: topN } = body as Record<string, unknown>;
    if (typeof model !== "string" || model === "") return { status: 400, body: { message: "invalid request: model must be a string" } };
    if (typeof query !== "string" || query === "")
      return { status: 400, body: { message: "invalid request: query must be a non-empty string" } };
    if (!Array.isArray(documents) || documents.some((document) => typeof document !== "string")) {
      return { status: 400, body: { message: "invalid request: documents must be a list of strings" } };
    }
    if (documents.length === 0) return { status: 400, body: { message: "invalid request: list of documents must not be empty" } };
    if (documents.length > maxDocuments) {
      return { status: 400, body: { message: `invalid request: too many documents, got ${documents.length}, max ${maxDocuments}` } };
    }
    if (topN !== undefined && (typeof topN !== "number" || !Number.isInteger(topN) || topN < 1)) {
      return { status: 400, body: { message: "invalid request: top_n must be a positive integer" } };
    }
    const results = (documents as string[])
      .map((document, index) => ({ index, relevance_score: overlapScore(query, document) }))
      .sort((a, b) => b.relevance_score - a.relevance_score || a.index - b.index)
      .slice(0, (topN as number | undefined) ?? documents.length);
    responseCounter += 1;
    return {
      status: 200,
      body: {
        id: `mock-rerank-${responseCounter}`,
        results,
        meta: { api_version: { version: "2" }, billed_units: { search_units: 1 } },
      },
    };
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    enqueue: (...responses) => queue.push(...responses),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Share of the query's distinct words present in the document, scaled into [0, 0.99]. */
export function overlapScore(query: string, document: string): number {
  const words = (text: string) => new Set(text.toLowerCase().match(/[a-z0-9]+/g) ?? []);
  const queryWords = words(query);
  const documentWords = words(document);
  if (queryWords.size === 0) return 0;
  let shared = 0;
  for (const word of queryWords) if (documentWords.has(word)) shared += 1;
  return Math.round((shared / queryWords.size) * 0.99 * 1e6) / 1e6;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text), ...headers });
  response.end(text);
}
