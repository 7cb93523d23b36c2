/**
 * A mock OpenAI-compatible HTTP server for tests, on 127.0.0.1 with a free port. It speaks the real
 * wire format of `POST /v1/embeddings` (float arrays, or base64 float32 when `encoding_format` is
 * "base64", which the openai SDK asks for by default) and `POST /v1/chat/completions` (chat.completion
 * objects with tool calls, JSON for `response_format: json_schema`, and SSE chunks when `stream` is
 * true). Tests script what comes next with `enqueue(...)` (status codes, raw bodies, delays, dropped
 * connections) and read every request from `requests`.
 *
 *   const server = await startMockOpenAIServer();
 *   server.enqueue({ status: 500 }, { route: "embeddings" }); // then the default (fake vectors)
 *   new OpenAIEmbeddings({ configuration: { baseURL: server.baseURL } });
 *   ...
 *   await server.close();
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** Which endpoint a request hit. */
export type MockRoute = "embeddings" | "chat" | "other";

/** One request as the server received it. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. "/v1/embeddings". */
  path: string;
  route: MockRoute;
  /** Lower-cased header names. */
  headers: Record<string, string | string[] | undefined>;
  /** The body parsed as JSON, or undefined when it is not JSON (see `rawBody`). */
  body: any;
  rawBody: string;
  /** The response that was scripted for it, if any. */
  scripted: boolean;
}

/** A tool call in a scripted chat reply. `arguments` objects are serialized to JSON for you. */
export interface MockToolCall {
  id?: string;
  name: string;
  arguments: string | Record<string, unknown>;
}

/** A chat completion to send, in a convenient form (turned into the real chat.completion shape). */
export interface MockChatReply {
  /** Assistant text. With `json` set, ignored. @default "" (null when there are tool calls) */
  content?: string | null;
  /** An object sent as the JSON content (what `response_format: json_schema` callers parse). */
  json?: unknown;
  toolCalls?: MockToolCall[];
  /** @default "tool_calls" when there are tool calls, else "stop" */
  finishReason?: "stop" | "length" | "tool_calls" | "content_filter";
  refusal?: string | null;
  usage?: { prompt_tokens: number; completion_tokens: number };
}

/** What the server does for one request. Fields combine: a delay, then a status with a body. */
export interface MockResponse {
  /** Only a request to this route takes this response; others skip it. @default "any" */
  route?: MockRoute | "any";
  /** Wait this long before answering (or dropping). @default 0 */
  delayMs?: number;
  /** Destroy the connection instead of answering (a network failure for the client). */
  drop?: boolean;
  /** HTTP status. @default 200 */
  status?: number;
  /** Extra response headers, e.g. { "retry-after": "0" }. */
  headers?: Record<string, string>;
  /**
   * The body: a string is sent raw, anything else as JSON. When absent: an OpenAI-shaped error for
   * status >= 400, else the default answer of the route (fake embeddings, or `chat`).
   */
  body?: unknown;
  /** For the chat route: the reply, in the convenient form. */
  chat?: MockChatReply;
  /** For the embeddings route: these vectors instead of the fake ones (one per input). */
  embeddings?: number[][];
}

export interface MockOpenAIServerOptions {
  /** Length of the fake vectors when the request has no `dimensions`. @default 16 */
  embeddingDimensions?: number;
  /** When set, requests without `Authorization: Bearer <apiKey>` get a real-looking 401. @default accept any key */
  apiKey?: string;
  /** The chat reply when nothing is queued. @default { content: "mock reply" } */
  defaultChatReply?: MockChatReply | ((request: RecordedRequest) => MockChatReply);
}

export interface MockOpenAIServer {
  /** e.g. "http://127.0.0.1:43125" */
  url: string;
  /** `url` + "/v1": what OpenAI clients take as `baseURL`. */
  baseURL: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Queues scripted responses, used in order by the next matching requests. */
  enqueue(...responses: MockResponse[]): void;
  /** Scripted responses not used yet. */
  pending(): number;
  /** Clears the queue and the request log. */
  reset(): void;
  /** Stops the server, dropping open connections. */
  close(): Promise<void>;
}

/**
 * Deterministic fake embedding of a text: sha256-derived values in [-1, 1], L2-normalized, so equal
 * texts get equal vectors and different texts different ones.
 */
export function fakeEmbedding(text: string, dimensions: number): number[] {
  const values: number[] = [];
  for (let block = 0; values.length < dimensions; block += 1) {
    const digest = createHash("sha256").update(`${block}\u0000${text}`).digest();
    for (let offset = 0; offset + 4 <= digest.length && values.length < dimensions; offset += 4) {
      values.push((digest.readUInt32LE(offset) / 0xffffffff) * 2 - 1);
    }
  }
  const norm = Math.hypot(...values);
  // Round through float32 so the float and base64 encodings carry the same numbers.
  return Array.from(Float32Array.from(values.map((value) => value / norm)));
}

/** Base64 of little-endian float32 values, as OpenAI sends for `encoding_format: "base64"`. */
export function encodeFloat32Base64(vector: readonly number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, index) => bytes.writeFloatLE(value, index * 4));
  return bytes.toString("base64");
}

export async function startMockOpenAIServer(options: MockOpenAIServerOptions = {}): Promise<MockOpenAIServer> {
  const embeddingDimensions = options.embeddingDimensions ?? 16;
  const queue: MockResponse[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let completionCounter = 0;

  const server = createServer((request, response) => {
    handle(request, response).catch(() => request.socket.destroy());
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString("utf8");
    let body: any;
    try {
      body = rawBody === "" ? undefined : JSON.parse(rawBody);
    } catch {
      body = undefined;
    }
    const path = (request.url ?? "/").split("?")[0]!;
    const route: MockRoute =
      request.method === "POST" && /\/embeddings$/.test(path)
        ? "embeddings"
        : request.method === "POST" && /\/chat\/completions$/.test(path)
          ? "chat"
          : "other";
    const scriptIndex = queue.findIndex((item) => (item.route ?? "any") === "any" || item.route === route);
    const script = scriptIndex === -1 ? undefined : queue.splice(scriptIndex, 1)[0];
    const recorded: RecordedRequest = {
      method: request.method ?? "GET",
      path,
      route,
      headers: { ...request.headers },
      body,
      rawBody,
      scripted: script !== undefined,
    };
    requests.push(recorded);

    if (script?.delayMs !== undefined && script.delayMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, script.delayMs);
        timers.add(timer);
      });
      if (response.destroyed || request.socket.destroyed) return;
    }
    if (script?.drop === true) {
      request.socket.destroy();
      return;
    }
    if (script?.status !== undefined && script.status >= 400 && script.body === undefined) {
      return send(response, script.status, errorBody(script.status), script.headers);
    }
    if (script?.body !== undefined) return send(response, script.status ?? 200, script.body, script.headers);

    if (options.apiKey !== undefined && request.headers.authorization !== `Bearer ${options.apiKey}`) {
      const given = String(request.headers.authorization ?? "").replace(/^Bearer\s+/i, "");
      return send(response, 401, {
        error: {
          message: `Incorrect API key provided: ${given}. You can find your API key at https://platform.openai.com/account/api-keys.`,
          type: "invalid_request_error",
          param: null,
          code: "invalid_api_key",
        },
      });
    }
    if (body === undefined && route !== "other") {
      return send(response, 400, {
        error: { message: "We could not parse the JSON body of your request.", type: "invalid_request_error", param: null, code: null },
      });
    }
    if (route === "embeddings") return send(response, script?.status ?? 200, embeddingsBody(body, script?.embeddings), script?.headers);
    if (route === "chat") {
      const reply = script?.chat ??
        (typeof options.defaultChatReply === "function" ? options.defaultChatReply(recorded) : options.defaultChatReply) ?? {
          content: "mock reply",
        };
      if (body.stream === true) return sendStream(response, body, reply, script?.headers);
      return send(response, script?.status ?? 200, chatBody(body, reply), script?.headers);
    }
    return send(response, 404, {
      error: { message: `Invalid URL (${request.method} ${path})`, type: "invalid_request_error", param: null, code: null },
    });
  }

  function embeddingsBody(body: any, scripted: number[][] | undefined): unknown {
    const inputs: unknown[] = Array.isArray(body.input) ? body.input : [body.input];
    const dimensions = typeof body.dimensions === "number" ? body.dimensions : embeddingDimensions;
    const base64 = body.encoding_format === "base64";
    const data = inputs.map((input, index) => {
      const vector = scripted?.[index] ?? fakeEmbedding(typeof input === "string" ? input : JSON.stringify(input), dimensions);
      return { object: "embedding", index, embedding: base64 ? encodeFloat32Base64(vector) : vector };
    });
    const tokens = inputs.reduce<number>((sum, input) => sum + (typeof input === "string" ? countTokens(input) : 1), 0);
    return { object: "list", data, model: body.model ?? "text-embedding-3-small", usage: { prompt_tokens: tokens, total_tokens: tokens } };
  }

  function chatMessage(reply: MockChatReply): { message: Record<string, unknown>; finishReason: string } {
    const toolCalls = (reply.toolCalls ?? []).map((call, index) => ({
      id: call.id ?? `call_mock_${completionCounter}_${index}`,
      type: "function",
      function: { name: call.name, arguments: typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments) },
    }));
    const content = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.content ?? (toolCalls.length > 0 ? null : ""));
    const message: Record<string, unknown> = { role: "assistant", content, refusal: reply.refusal ?? null, annotations: [] };
    if (toolCalls.length > 0) message.tool_calls = toolCalls;
    return { message, finishReason: reply.finishReason ?? (toolCalls.length > 0 ? "tool_calls" : "stop") };
  }

  function chatBody(body: any, reply: MockChatReply): unknown {
    completionCounter += 1;
    const { message, finishReason } = chatMessage(reply);
    const promptTokens = reply.usage?.prompt_tokens ?? countTokens(JSON.stringify(body.messages ?? []));
    const completionTokens = reply.usage?.completion_tokens ?? countTokens(JSON.stringify(message));
    return {
      id: `chatcmpl-mock-${completionCounter}`,
      object: "chat.completion",
      created: 1_700_000_000 + completionCounter,
      model: body.model ?? "gpt-4o-mini",
      choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
      service_tier: "default",
      system_fingerprint: "fp_mock",
    };
  }

  function sendStream(response: ServerResponse, body: any, reply: MockChatReply, headers: Record<string, string> = {}): void {
    completionCounter += 1;
    const { message, finishReason } = chatMessage(reply);
    const base = {
      id: `chatcmpl-mock-${completionCounter}`,
      object: "chat.completion.chunk",
      created: 1_700_000_000 + completionCounter,
      model: body.model ?? "gpt-4o-mini",
      system_fingerprint: "fp_mock",
    };
    const chunk = (delta: Record<string, unknown>, finish: string | null): string =>
      `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`;
    response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", ...headers });
    response.write(chunk({ role: "assistant", content: "", refusal: null }, null));
    if (typeof message.content === "string" && message.content !== "") response.write(chunk({ content: message.content }, null));
    const toolCalls = (message.tool_calls ?? []) as Array<{ id: string; type: string; function: { name: string; arguments: string } }>;
    toolCalls.forEach((call, index) => response.write(chunk({ tool_calls: [{ index, ...call }] }, null)));
    response.write(chunk({}, finishReason));
    response.end("data: [DONE]\n\n");
  }

  function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = typeof body === "string" ? body : JSON.stringify(body);
    response.writeHead(status, {
      "content-type": typeof body === "string" ? "text/plain" : "application/json",
      "content-length": Buffer.byteLength(text),
      "x-request-id": `req_mock_${requests.length}`,
      ...headers,
    });
    response.end(text);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    baseURL: `${url}/v1`,
    requests,
    enqueue(...responses) {
      queue.push(...responses);
    },
    pending() {
      return queue.length;
    },
    reset() {
      queue.length = 0;
      requests.length = 0;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** An OpenAI-shaped error body for a status. */
function errorBody(status: number): unknown {
  const known: Record<number, { message: string; type: string; code: string | null }> = {
    400: { message: "Invalid request.", type: "invalid_request_error", code: null },
    401: { message: "Incorrect API key provided.", type: "invalid_request_error", code: "invalid_api_key" },
    403: { message: "You are not allowed to access this model.", type: "invalid_request_error", code: null },
    404: { message: "The model does not exist or you do not have access to it.", type: "invalid_request_error", code: "model_not_found" },
    429: { message: "Rate limit reached for requests.", type: "requests", code: "rate_limit_exceeded" },
  };
  const error = known[status] ?? {
    message: status >= 500 ? "The server had an error while processing your request. Sorry about that!" : `HTTP ${status}`,
    type: status >= 500 ? "server_error" : "invalid_request_error",
    code: null,
  };
  return { error: { ...error, param: null } };
}

/** A rough token count (words and punctuation), enough for `usage`. */
function countTokens(text: string): number {
  return Math.max(1, text.match(/\w+|[^\s\w]/g)?.length ?? 0);
}
