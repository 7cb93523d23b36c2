import { describe, expect, it, vi } from "vitest";
import { ErrorCodes } from "./errors/error-codes.js";
import { isRetryableStatus, parseRetryAfter, withRetries, type RetryPolicy } from "./retry.js";

const policy: RetryPolicy = { maxRetries: 3, initialDelayMs: 8, maxDelayMs: 20, attemptTimeoutMs: 1_000, totalTimeoutMs: 10_000 };
const failure = (status: number) => Object.assign(new Error(`HTTP ${status}`), { status });
const classify = (error: unknown) => {
  const status = (error as { status: number }).status;
  return { retryable: isRetryableStatus(status), status, message: `HTTP ${status}` };
};

describe("withRetries", () => {
  it("retries retryable failures with capped exponential backoff and equal jitter", async () => {
    const attempt = vi
      .fn()
      .mockRejectedValueOnce(failure(500))
      .mockRejectedValueOnce(failure(503))
      .mockRejectedValueOnce(failure(429))
      .mockResolvedValue("ok");
    const delays: number[] = [];
    const result = await withRetries(attempt, {
      service: "Test",
      policy,
      classify,
      random: () => 0.5,
      onRetry: (event) => delays.push(event.delayMs),
    });
    expect(result).toBe("ok");
    expect(attempt).toHaveBeenCalledTimes(4);
    // backoff 8, 16, 20 (capped); delay = backoff/2 + random * backoff/2
    expect(delays).toEqual([6, 12, 15]);
  });

  it("keeps every delay between half and all of the backoff", async () => {
    for (const value of [0, 0.999]) {
      const delays: number[] = [];
      await withRetries(vi.fn().mockRejectedValueOnce(failure(500)).mockResolvedValue("ok"), {
        service: "Test",
        policy,
        classify,
        random: () => value,
        onRetry: (event) => delays.push(event.delayMs),
      });
      expect(delays[0]).toBeGreaterThanOrEqual(4);
      expect(delays[0]).toBeLessThanOrEqual(8);
    }
  });

  it("does not retry a non-retryable failure", async () => {
    const attempt = vi.fn().mockRejectedValue(failure(401));
    await expect(withRetries(attempt, { service: "Test", policy, classify })).rejects.toMatchObject({
      code: ErrorCodes.SERVICE_ERROR,
      service: "Test",
      status: 401,
      attempts: 1,
    });
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it("gives up after maxRetries with the attempt count", async () => {
    const attempt = vi.fn().mockRejectedValue(failure(502));
    await expect(withRetries(attempt, { service: "Test", policy: { ...policy, initialDelayMs: 1 }, classify })).rejects.toMatchObject({
      status: 502,
      attempts: 4,
    });
  });

  it("uses a longer Retry-After but never waits past the total budget", async () => {
    const delays: number[] = [];
    const attempt = vi.fn().mockRejectedValueOnce(failure(429)).mockResolvedValue("ok");
    await withRetries(attempt, {
      service: "Test",
      policy,
      classify: (error) => ({ ...classify(error), retryAfterMs: 30 }),
      onRetry: (event) => delays.push(event.delayMs),
    });
    expect(delays).toEqual([30]);
    const tooLong = vi.fn().mockRejectedValue(failure(429));
    await expect(
      withRetries(tooLong, {
        service: "Test",
        policy: { ...policy, totalTimeoutMs: 1_000 },
        classify: (error) => ({ ...classify(error), retryAfterMs: 60_000 }),
      }),
    ).rejects.toMatchObject({ status: 429, attempts: 1 });
  });

  it("times out an attempt through its signal and reports SERVICE_TIMEOUT", async () => {
    const attempt = ({ signal }: { signal: AbortSignal }) =>
      new Promise((_, reject) => signal.addEventListener("abort", () => reject(new Error("aborted"))));
    await expect(
      withRetries(attempt, { service: "Test", policy: { ...policy, attemptTimeoutMs: 10, maxRetries: 1, initialDelayMs: 1 }, classify }),
    ).rejects.toMatchObject({
      code: ErrorCodes.SERVICE_TIMEOUT,
      attempts: 2,
    });
  });

  it("stops at once with ABORTED when the caller aborts, even while waiting", async () => {
    const controller = new AbortController();
    const attempt = vi.fn().mockRejectedValue(failure(500));
    const longWait = { ...policy, initialDelayMs: 600_000, maxDelayMs: 600_000, totalTimeoutMs: 3_600_000 };
    const pending = withRetries(attempt, {
      service: "Test",
      policy: longWait,
      classify,
      signal: controller.signal,
      onRetry: () => controller.abort(),
    });
    await expect(pending).rejects.toMatchObject({ code: ErrorCodes.ABORTED });
    expect(attempt).toHaveBeenCalledTimes(1);
    const later = new AbortController();
    const sleeping = withRetries(attempt, {
      service: "Test",
      policy: longWait,
      classify,
      signal: later.signal,
      onRetry: () => setTimeout(() => later.abort(), 10),
    });
    await expect(sleeping).rejects.toMatchObject({ code: ErrorCodes.ABORTED });
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds, decimals and HTTP dates", () => {
    expect(parseRetryAfter("2")).toBe(2_000);
    expect(parseRetryAfter("0.25")).toBe(250);
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:28:10 GMT", Date.parse("Wed, 21 Oct 2015 07:28:00 GMT"))).toBe(10_000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter("-1")).toBeUndefined();
  });

  it("classifies statuses", () => {
    expect([408, 429, 500, 503].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 422].some(isRetryableStatus)).toBe(false);
  });
});
