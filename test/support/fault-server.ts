/**
 * A scriptable faulty HTTP server for reliability tests, on 127.0.0.1 with a free port. Each request
 * takes the next scripted fault (`enqueue`), or the fallback fault when the script is empty. A fault
 * can answer with any status and body, hang forever, drop the connection before answering, cut the
 * connection in the middle of a response body, send malformed JSON, or forward the request to a real
 * upstream server (`proxy`), so it can sit in front of a real service (Chroma) as well as stand in for
 * a remote API (Cohere, OpenAI) whose client only needs a base URL.
 *
 *   const server = await startFaultServer({ fallback: { kind: "respond", status: 500 } });
 *   server.enqueue({ kind: "hang" }, { kind: "truncate", body: JSON.stringify(answer) });
 *   ... point the client at server.url ...
 *   await server.close();
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** One request the server received. */
export interface FaultRequest {
  method: string;
  /** Path with the query string, e.g. "/v2/rerank". */
  path: string;
  /** Lower-cased header names, as Node gives them. */
  headers: IncomingHttpHeaders;
  /** The raw request body. */
  body: string;
  /** The fault that answered it. */
  fault: Fault["kind"];
}

/** A body, or a function of the request (e.g. to echo the Authorization header back). */
export type FaultBody = string | object | ((request: FaultRequest) => string | object);

/** What the server does with one request. */
export type Fault =
  /** Answers with a status (default 200), headers and a body (objects are sent as JSON). */
  | { kind: "respond"; status?: number; headers?: Record<string, string>; body?: FaultBody }
  /** Reads the request and never answers (until the client gives up or the server closes). */
  | { kind: "hang" }
  /** Destroys the connection without answering. */
  | { kind: "drop" }
  /**
   * Sends the status, headers and a `Content-Length` for the whole body, writes only the first
   * `keepFraction` of it, then destroys the connection: a connection closed mid-response.
   */
  | { kind: "truncate"; status?: number; body: FaultBody; keepFraction?: number }
  /** Answers 200 (or `status`) with `Content-Type: application/json` and a body that is not JSON. */
  | { kind: "malformed"; status?: number }
  /**
   * Forwards the request to the upstream server and relays its answer (needs `upstream`). With `then`,
   * the upstream does the work but its answer is lost: the client gets that fault instead (the
   * connection dropped, cut mid-body, malformed JSON, or no answer at all).
   */
  | { kind: "proxy"; then?: "drop" | "truncate" | "malformed" | "hang" };

export interface FaultServerOptions {
  /** Used when no scripted fault is left. @default `{ kind: "proxy" }` with an upstream, else a 404 */
  fallback?: Fault;
  /** Base URL of a real server that `proxy` forwards to, e.g. "http://127.0.0.1:8000". */
  upstream?: string;
  /** Only requests for which this is true take scripted faults; others get the fallback. @default all */
  matches?: (request: { method: string; path: string }) => boolean;
  /** Called (and awaited) for every request before it is handled, e.g. to restart the upstream at a chosen moment. */
  onRequest?: (request: FaultRequest) => void | Promise<void>;
}

export interface FaultServer {
  /** Base URL, e.g. "http://127.0.0.1:43121" (no trailing slash). */
  url: string;
  port: number;
  /** Every request received, in order. */
  requests: FaultRequest[];
  /** Scripts the next answers, one per (matching) request, before the fallback applies again. */
  enqueue(...faults: Fault[]): void;
  /** Replaces the fallback. */
  setFallback(fault: Fault): void;
  /** Forgets the script and the recorded requests. */
  reset(): void;
  /** Stops the server, destroying open (hung) connections. */
  close(): Promise<void>;
}

const MALFORMED_JSON = '{"results": [{"index": 0, "relevance_score": 0.9}, {"index": ';

export async function startFaultServer(options: FaultServerOptions = {}): Promise<FaultServer> {
  const upstream = options.upstream === undefined ? undefined : new URL(options.upstream);
  let fallback: Fault =
    options.fallback ??
    (upstream === undefined ? { kind: "respond", status: 404, body: { error: "no fault scripted" } } : { kind: "proxy" });
  const script: Fault[] = [];
  const requests: FaultRequest[] = [];
  const sockets = new Set<Socket>();

  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const method = incoming.method ?? "GET";
      const path = incoming.url ?? "/";
      const scripted = options.matches === undefined || options.matches({ method, path });
      const fault = (scripted ? script.shift() : undefined) ?? fallback;
      const recorded: FaultRequest = {
        method,
        path,
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        fault: fault.kind,
      };
      requests.push(recorded);
      Promise.resolve(options.onRequest?.(recorded)).then(
        () => handle(fault, recorded, incoming, response),
        () => incoming.socket.destroy(),
      );
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  function handle(fault: Fault, recorded: FaultRequest, incoming: IncomingMessage, response: ServerResponse): void {
    switch (fault.kind) {
      case "respond": {
        const body = renderBody(
          fault.body ?? (fault.status !== undefined && fault.status >= 400 ? { message: `scripted ${fault.status}` } : {}),
          recorded,
        );
        response.writeHead(fault.status ?? 200, {
          "content-type": "application/json",
          ...fault.headers,
          "content-length": Buffer.byteLength(body),
        });
        response.end(body);
        return;
      }
      case "hang":
        return;
      case "drop":
        incoming.socket.destroy();
        return;
      case "truncate": {
        const body = Buffer.from(renderBody(fault.body, recorded), "utf8");
        const kept = Math.max(1, Math.floor(body.byteLength * (fault.keepFraction ?? 0.5)));
        response.writeHead(fault.status ?? 200, { "content-type": "application/json", "content-length": body.byteLength });
        response.flushHeaders();
        response.write(body.subarray(0, kept), () => {
          // Give the client time to read the headers and the first bytes before the connection dies.
          setTimeout(() => incoming.socket.destroy(), 20);
        });
        return;
      }
      case "malformed":
        response.writeHead(fault.status ?? 200, {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(MALFORMED_JSON),
        });
        response.end(MALFORMED_JSON);
        return;
      case "proxy":
        if (fault.then === undefined) proxy(recorded, response);
        else proxyThen(fault.then, recorded, incoming, response);
        return;
    }
  }

  function proxy(recorded: FaultRequest, response: ServerResponse): void {
    if (upstream === undefined) {
      response.writeHead(502, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: "fault server has no upstream" }));
      return;
    }
    const headers = { ...recorded.headers, host: upstream.host };
    const forwarded = httpRequest(
      { hostname: upstream.hostname, port: upstream.port, method: recorded.method, path: recorded.path, headers },
      (upstreamResponse) => {
        response.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
        upstreamResponse.pipe(response);
      },
    );
    forwarded.on("error", () => {
      // The upstream is down (e.g. being restarted): the client sees a dropped connection, as it would.
      response.socket?.destroy();
    });
    forwarded.end(recorded.body);
  }

  /** Lets the upstream do the work, then answers with a fault instead of its answer. */
  function proxyThen(
    then: "drop" | "truncate" | "malformed" | "hang",
    recorded: FaultRequest,
    incoming: IncomingMessage,
    response: ServerResponse,
  ): void {
    if (upstream === undefined) {
      incoming.socket.destroy();
      return;
    }
    const forwarded = httpRequest(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        method: recorded.method,
        path: recorded.path,
        headers: { ...recorded.headers, host: upstream.host },
      },
      (upstreamResponse) => {
        const chunks: Buffer[] = [];
        upstreamResponse.on("data", (chunk: Buffer) => chunks.push(chunk));
        upstreamResponse.on("end", () => {
          const body = Buffer.concat(chunks).toString("utf8");
          if (then === "drop") handle({ kind: "drop" }, recorded, incoming, response);
          else if (then === "hang") handle({ kind: "hang" }, recorded, incoming, response);
          else if (then === "malformed") handle({ kind: "malformed" }, recorded, incoming, response);
          else handle({ kind: "truncate", status: upstreamResponse.statusCode ?? 200, body }, recorded, incoming, response);
        });
      },
    );
    forwarded.on("error", () => incoming.socket.destroy());
    forwarded.end(recorded.body);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    enqueue: (...faults) => {
      script.push(...faults);
    },
    setFallback: (fault) => {
      fallback = fault;
    },
    reset: () => {
      script.length = 0;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function renderBody(body: FaultBody, request: FaultRequest): string {
  const value = typeof body === "function" ? body(request) : body;
  return typeof value === "string" ? value : JSON.stringify(value);
}
