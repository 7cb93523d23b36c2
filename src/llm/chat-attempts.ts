import { AsyncLocalStorage } from "node:async_hooks";

/**
 * How many HTTP requests a chat model call really made, so an error can say "after 3 attempts" when the
 * model's client retried a 500 twice (it used to say "after 1 attempt": the library wrapped the final
 * error without knowing about the client's own retries).
 *
 * Models built by `createChatModel` send their requests through `countingFetch`, which counts them in
 * the context opened by `countChatAttempts`. For a model built elsewhere, `chatAttempts` estimates from
 * the error and the model's `maxRetries` the way LangChain's `AsyncCaller` retries: not for 400, 401,
 * 402, 403, 404, 405, 406, 407, 409, aborts or `insufficient_quota`; `maxRetries` times otherwise.
 */

const counters = new AsyncLocalStorage<{ requests: number }>();

/** A `fetch` that counts each request in the current `countChatAttempts` context. */
export function countingFetch(base: typeof fetch = globalThis.fetch): typeof fetch {
  return (input, init) => {
    const counter = counters.getStore();
    if (counter !== undefined) counter.requests += 1;
    return base(input, init);
  };
}

/** The result of `action`, or its error, with the number of chat requests it made. */
export async function countChatAttempts<T>(
  action: () => Promise<T>,
): Promise<{ ok: true; value: T; requests: number } | { ok: false; error: unknown; requests: number }> {
  const counter = { requests: 0 };
  try {
    const value = await counters.run(counter, action);
    return { ok: true, value, requests: counter.requests };
  } catch (error) {
    return { ok: false, error, requests: counter.requests };
  }
}

/** Statuses LangChain's AsyncCaller never retries. */
const NO_RETRY_STATUSES = new Set([400, 401, 402, 403, 404, 405, 406, 407, 409]);

/**
 * The attempts to report for a failed chat call: the counted requests when there are any, else an
 * estimate from the error (status, abort, quota) and the model's `maxRetries`.
 */
export function chatAttempts(error: unknown, model: unknown, countedRequests = 0): number {
  if (countedRequests > 0) return countedRequests;
  const status = (error as { status?: unknown } | null)?.status;
  const name = (error as { name?: unknown } | null)?.name;
  const text = error instanceof Error ? error.message : String(error);
  if ((typeof status === "number" && NO_RETRY_STATUSES.has(status)) || name === "AbortError" || /insufficient[_ -]?quota/i.test(text))
    return 1;
  const maxRetries =
    (model as { caller?: { maxRetries?: unknown }; maxRetries?: unknown } | null)?.caller?.maxRetries ??
    (model as { maxRetries?: unknown } | null)?.maxRetries;
  return typeof maxRetries === "number" && Number.isInteger(maxRetries) && maxRetries >= 0 ? maxRetries + 1 : 1;
}
