import { ServiceError } from "../../core/errors/service-error.js";

/** How a remote call is retried. */
export interface RetryPolicy {
  /** Retries after the first attempt (so `maxRetries + 1` attempts at most). */
  maxRetries: number;
  /** Delay before the first retry; doubles each time, with full jitter. */
  initialDelayMs: number;
  /** Longest delay between two attempts. */
  maxDelayMs: number;
  /** No retry starts after this much time since the first attempt (bounds the total time). */
  totalTimeoutMs: number;
}

/** What went wrong in one attempt, classified for the retry loop. */
export interface AttemptFailure {
  /** Whether trying again may help (429, 5xx, connection errors, timeouts). */
  retryable: boolean;
  /** The attempt timed out (reported as `SERVICE_TIMEOUT` when it was the last one). */
  timeout: boolean;
  /** HTTP status, when the server answered. */
  status: number | undefined;
  /** Server-requested wait (Retry-After), in milliseconds. */
  retryAfterMs: number | undefined;
  /** A description safe to show (no secrets). */
  message: string;
}

/**
 * Runs `attempt` until it succeeds, a failure is not retryable, the retries are used up, or the next
 * retry would start after `totalTimeoutMs`. Waits `min(maxDelay, initialDelay * 2^n)` with full jitter
 * (or the server's Retry-After when longer). Throws a `ServiceError` naming `service`.
 */
export async function withRetries<Result>(
  service: string,
  policy: RetryPolicy,
  attempt: () => Promise<Result>,
  classify: (error: unknown) => AttemptFailure,
  { sleep = defaultSleep, random = Math.random }: { sleep?: (milliseconds: number) => Promise<void>; random?: () => number } = {},
): Promise<Result> {
  const started = Date.now();
  for (let attemptNumber = 1; ; attemptNumber += 1) {
    let failure: AttemptFailure;
    try {
      return await attempt();
    } catch (error) {
      failure = classify(error);
    }
    const backoff = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attemptNumber - 1));
    const delay = Math.max(Math.round(random() * backoff), failure.retryAfterMs ?? 0);
    const outOfTime = Date.now() - started + delay > policy.totalTimeoutMs;
    if (!failure.retryable || attemptNumber > policy.maxRetries || outOfTime) {
      const why = failure.retryable && attemptNumber <= policy.maxRetries ? ` (gave up: the next retry would pass the ${policy.totalTimeoutMs} ms budget)` : "";
      throw new ServiceError({
        service,
        message: failure.message + why,
        ...(failure.status === undefined ? {} : { status: failure.status }),
        attempts: attemptNumber,
        timeout: failure.timeout,
      });
    }
    await sleep(delay);
  }
}

function defaultSleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
