import { ErrorCodes } from "./errors/error-codes.js";
import { RetrieverError } from "./errors/retriever-error.js";
import { ServiceError } from "./errors/service-error.js";

/** How a remote call is retried. All durations in milliseconds. */
export interface RetryPolicy {
  /** Retries after the first attempt (`maxRetries + 1` attempts at most). */
  maxRetries: number;
  /** Backoff before the first retry; doubles after each retry. */
  initialDelayMs: number;
  /** Longest backoff between two attempts (a longer Retry-After is still honoured within the budget). */
  maxDelayMs: number;
  /** Longest a single attempt may take before it is cancelled and counted as a timeout. */
  attemptTimeoutMs: number;
  /** Budget for the whole call, attempts and waits included. No retry starts that would overrun it. */
  totalTimeoutMs: number;
}

/** What went wrong in one attempt, as the retry loop needs it. */
export interface AttemptFailure {
  /** Trying again may help: 408, 429, 5xx, dropped connections, timeouts. */
  retryable: boolean;
  /** HTTP status when the server answered. */
  status?: number;
  /** The server's Retry-After, in milliseconds. */
  retryAfterMs?: number;
  /** A description that is safe to show: never contains a key. */
  message: string;
  /** The attempt timed out inside the client (reported as `SERVICE_TIMEOUT` when it was the last one). */
  timeout?: boolean;
  /** Nothing listens at the service's address (connection refused): reported as `SERVICE_UNAVAILABLE`. */
  unavailable?: boolean;
}

/** Reported before each wait, for logging and tests. */
export interface RetryEvent {
  /** The attempt that just failed (1-based). */
  attempt: number;
  /** How long the loop waits before the next attempt. */
  delayMs: number;
  status: number | undefined;
  message: string;
}

/** Context given to each attempt. */
export interface AttemptContext {
  /** 1-based attempt number. */
  attempt: number;
  /** Fires when the attempt times out or the caller aborts; pass it to the HTTP client. */
  signal: AbortSignal;
}

export interface RetryLoopOptions {
  /** The service named in errors, e.g. "Cohere rerank". */
  service: string;
  policy: RetryPolicy;
  /** Classifies an error thrown by an attempt (called only for errors that are not timeouts or aborts). */
  classify: (error: unknown) => AttemptFailure;
  /** The caller's signal: aborting stops the loop at once with an `ABORTED` error. */
  signal?: AbortSignal | undefined;
  /** Called before each wait. */
  onRetry?: ((event: RetryEvent) => void) | undefined;
  /** Source of jitter in [0, 1). @default Math.random */
  random?: () => number;
}

/**
 * Runs `attempt` until it succeeds, fails in a way retrying cannot fix, runs out of retries, or the next
 * retry would overrun the total budget. Each attempt gets its own timeout. Backoff is exponential with
 * "equal jitter" (a random delay between half and all of `initialDelay * 2^n`, capped at `maxDelay`);
 * a server's Retry-After is honoured when longer. Failures become a `ServiceError` naming the service,
 * the last status and the number of attempts (`SERVICE_TIMEOUT` when the last attempt timed out).
 */
export async function withRetries<Result>(
  attempt: (context: AttemptContext) => Promise<Result>,
  options: RetryLoopOptions,
): Promise<Result> {
  const { service, policy, classify, signal, onRetry } = options;
  const random = options.random ?? Math.random;
  const started = Date.now();
  for (let attemptNumber = 1; ; attemptNumber += 1) {
    throwIfCallerAborted(signal);
    const remaining = policy.totalTimeoutMs - (Date.now() - started);
    const attemptTimeout = Math.max(1, Math.min(policy.attemptTimeoutMs, remaining));
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error(`no answer within ${attemptTimeout} ms`));
    }, attemptTimeout);
    const forwardAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener("abort", forwardAbort, { once: true });

    let failure: AttemptFailure;
    let timeout: boolean;
    try {
      return await attempt({ attempt: attemptNumber, signal: controller.signal });
    } catch (error) {
      throwIfCallerAborted(signal);
      if (timedOut) {
        timeout = true;
        failure = { retryable: true, message: `no answer within ${attemptTimeout} ms (raise timeoutMs if the service is just slow)` };
      } else {
        failure = classify(error);
        timeout = failure.timeout === true;
      }
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", forwardAbort);
    }

    const backoff = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attemptNumber - 1));
    const delay = Math.max(Math.round(backoff / 2 + random() * (backoff / 2)), failure.retryAfterMs ?? 0);
    const elapsed = Date.now() - started;
    const retriesLeft = attemptNumber <= policy.maxRetries;
    const fitsBudget = elapsed + delay < policy.totalTimeoutMs;
    if (!failure.retryable || !retriesLeft || !fitsBudget) {
      const reason = !failure.retryable
        ? ""
        : !retriesLeft
          ? ` (gave up after ${policy.maxRetries} retr${policy.maxRetries === 1 ? "y" : "ies"}; raise maxRetries to keep trying)`
          : ` (gave up: waiting ${delay} ms more would pass the ${policy.totalTimeoutMs} ms budget of totalTimeoutMs)`;
      throw new ServiceError({
        service,
        message: failure.message + reason,
        ...(failure.status === undefined ? {} : { status: failure.status }),
        attempts: attemptNumber,
        timeout,
        unavailable: failure.unavailable === true,
      });
    }
    onRetry?.({ attempt: attemptNumber, delayMs: delay, status: failure.status, message: failure.message });
    await sleep(delay, signal);
  }
}

/** Parses a Retry-After header: seconds (decimals accepted) or an HTTP date. Undefined when absent or bad. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value == null || value.trim() === "") return undefined;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds)) return seconds >= 0 ? Math.round(seconds * 1000) : undefined;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** True for the statuses worth retrying: request timeout, rate limit and server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

function throwIfCallerAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new RetrieverError({ code: ErrorCodes.ABORTED, message: "the operation was aborted", cause: signal.reason });
  }
}

function sleep(milliseconds: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new RetrieverError({ code: ErrorCodes.ABORTED, message: "the operation was aborted", cause: signal.reason }));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new RetrieverError({ code: ErrorCodes.ABORTED, message: "the operation was aborted", cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, milliseconds);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
