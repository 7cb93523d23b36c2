import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startFaultServer, type FaultServer } from "../../../test/support/fault-server.js";
import { ErrorCodes } from "../../core/errors/error-codes.js";
import { ServiceError } from "../../core/errors/service-error.js";
import type { RetryPolicy } from "../../core/retry.js";
import { ChromaRejection, createChromaFetch, resolveChromaUrl, DEFAULT_CHROMA_URL } from "./chroma-connection.js";

const FAST: RetryPolicy = { maxRetries: 3, initialDelayMs: 1, maxDelayMs: 5, attemptTimeoutMs: 2_000, totalTimeoutMs: 10_000 };

async function caught(promise: Promise<unknown>): Promise<ServiceError> {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(ServiceError.isInstance(error), `expected a ServiceError, got ${String(error)}`).toBe(true);
  return error as ServiceError;
}

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address !== null ? address.port : 0));
    });
  });
}

describe("the Chroma client's fetch", () => {
  let server: FaultServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("retries 5xx and 429 answers with backoff, then returns the answer", async () => {
    server = await startFaultServer({ fallback: { kind: "respond", status: 200, body: { "nanosecond heartbeat": 1 } } });
    server.enqueue(
      { kind: "respond", status: 503 },
      { kind: "respond", status: 429, headers: { "retry-after": "0" } },
      { kind: "respond", status: 500 },
    );
    const fetchChroma = createChromaFetch(`Chroma (${server.url})`, FAST);
    const response = await fetchChroma(new Request(`${server.url}/api/v2/heartbeat`));
    expect(await response.json()).toEqual({ "nanosecond heartbeat": 1 });
    expect(server.requests).toHaveLength(4);
  });

  it("resends the request body on every attempt", async () => {
    server = await startFaultServer({ fallback: { kind: "respond", status: 200, body: {} } });
    server.enqueue({ kind: "drop" }, { kind: "respond", status: 502 });
    const fetchChroma = createChromaFetch("Chroma (test)", FAST);
    await fetchChroma(
      new Request(`${server.url}/api/v2/x/upsert`, {
        method: "POST",
        body: JSON.stringify({ ids: ["a"] }),
        headers: { "content-type": "application/json" },
      }),
    );
    expect(server.requests.map((request) => request.body)).toEqual(Array(3).fill('{"ids":["a"]}'));
  });

  it("does not retry a 4xx: a ServiceError with Chroma's message and a ChromaRejection cause", async () => {
    server = await startFaultServer({
      fallback: {
        kind: "respond",
        status: 400,
        body: { error: "InvalidArgumentError", message: "Collection expecting embedding with dimension of 3, got 2" },
      },
    });
    const error = await caught(
      createChromaFetch(`Chroma (${server.url})`, FAST)(new Request(`${server.url}/api/v2/query`, { method: "POST", body: "{}" })),
    );
    expect(error.code).toBe(ErrorCodes.SERVICE_ERROR);
    expect(error.status).toBe(400);
    expect(error.service).toBe(`Chroma (${server.url})`);
    expect(error.cause).toBeInstanceOf(ChromaRejection);
    expect((error.cause as ChromaRejection).serverMessage).toBe("Collection expecting embedding with dimension of 3, got 2");
    expect(server.requests).toHaveLength(1);
  });

  it("gives up on persistent 5xx after maxRetries, naming the service and the attempts", async () => {
    server = await startFaultServer({ fallback: { kind: "respond", status: 503 } });
    const error = await caught(createChromaFetch("Chroma (x)", FAST)(new Request(`${server.url}/api/v2/heartbeat`)));
    expect(error).toMatchObject({ code: ErrorCodes.SERVICE_ERROR, service: "Chroma (x)", status: 503, attempts: 4 });
    expect(server.requests).toHaveLength(4);
  });

  it("times out a hung request and reports SERVICE_TIMEOUT", async () => {
    server = await startFaultServer({ fallback: { kind: "hang" } });
    const policy: RetryPolicy = { ...FAST, maxRetries: 1, attemptTimeoutMs: 100 };
    const error = await caught(createChromaFetch("Chroma (x)", policy)(new Request(`${server.url}/api/v2/heartbeat`)));
    expect(error).toMatchObject({ code: ErrorCodes.SERVICE_TIMEOUT, attempts: 2 });
  });

  it("reports a server that is down with the fix (start one, or set CHROMA_URL)", async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const error = await caught(createChromaFetch(`Chroma (${url})`, { ...FAST, maxRetries: 2 })(new Request(`${url}/api/v2/heartbeat`)));
    expect(error).toMatchObject({ code: ErrorCodes.SERVICE_UNAVAILABLE, service: `Chroma (${url})`, attempts: 1 });
    expect(error.message).toContain(url);
    expect(error.message).toContain("retrievers chroma start");
    expect(error.message).toContain("CHROMA_URL");
    // The port actually used, not Chroma's default 8000.
    const port = new URL(url).port;
    expect(error.message).toContain(`\`retrievers chroma start --port ${port}\` (then export CHROMA_URL=${url})`);
    expect(error.message).not.toContain("8000");
  });

  it("a dead server (connection refused) is reported as SERVICE_UNAVAILABLE at once, not retried for the whole budget", async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const patient: RetryPolicy = {
      maxRetries: 10,
      initialDelayMs: 2_000,
      maxDelayMs: 4_000,
      attemptTimeoutMs: 30_000,
      totalTimeoutMs: 120_000,
    };
    const started = Date.now();
    const error = await caught(createChromaFetch(`Chroma (${url})`, patient)(new Request(`${url}/api/v2/heartbeat`)));
    // One backoff of this policy alone is at least 1 s; a bound proves that no retry waited.
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(error).toMatchObject({ code: ErrorCodes.SERVICE_UNAVAILABLE, service: `Chroma (${url})`, attempts: 1 });
  });

  it("a server that dies mid-request (dropped, then refused) is reported as SERVICE_UNAVAILABLE after one retry", async () => {
    server = await startFaultServer({ fallback: { kind: "respond", status: 200, body: {} } });
    const dying = server;
    dying.enqueue({ kind: "drop" });
    const fetchChroma = createChromaFetch(`Chroma (${dying.url})`, {
      ...FAST,
      maxRetries: 10,
      initialDelayMs: 200,
      maxDelayMs: 200,
    });
    const pending = fetchChroma(new Request(`${dying.url}/api/v2/heartbeat`));
    // The process goes away right after dropping the first request: every later attempt is refused.
    while (dying.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await dying.close();
    server = undefined;
    const error = await caught(pending);
    expect(error).toMatchObject({ code: ErrorCodes.SERVICE_UNAVAILABLE, attempts: 2 });
  });
});

describe("resolveChromaUrl", () => {
  it("uses the option, else CHROMA_URL, else the local default", () => {
    const saved = process.env.CHROMA_URL;
    try {
      delete process.env.CHROMA_URL;
      expect(resolveChromaUrl()).toBe(DEFAULT_CHROMA_URL);
      process.env.CHROMA_URL = "http://chroma.internal:9000/";
      expect(resolveChromaUrl()).toBe("http://chroma.internal:9000");
      expect(resolveChromaUrl("https://api.trychroma.com")).toBe("https://api.trychroma.com");
    } finally {
      if (saved === undefined) delete process.env.CHROMA_URL;
      else process.env.CHROMA_URL = saved;
    }
  });

  it.each(["not a url", "ftp://host:1", "http://user:secret@host:8000", "http://host:8000/some/path"])(
    "refuses %s with INVALID_OPTION, never echoing credentials",
    (url) => {
      let error: unknown;
      try {
        resolveChromaUrl(url);
      } catch (caughtError) {
        error = caughtError;
      }
      expect(error).toMatchObject({ code: ErrorCodes.INVALID_OPTION, option: "url" });
      expect(String((error as Error).message)).not.toContain("secret");
    },
  );
});
