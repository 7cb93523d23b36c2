import { ErrorCodes } from "./error-codes.js";
import { RetrieverError } from "./retriever-error.js";

const marker = Symbol.for("advanced-retrievers.service-error");

/**
 * A remote service failed (after retries) or timed out. `service` names it ("OpenAI embeddings",
 * "Cohere rerank", "Chroma", ...). Messages never contain API keys.
 */
export class ServiceError extends RetrieverError {
  readonly [marker] = true;
  readonly service: string;
  /** HTTP status of the last attempt, when there was one. */
  readonly status: number | undefined;
  /** How many attempts were made before giving up. */
  readonly attempts: number;

  constructor({
    service,
    message,
    status,
    attempts = 1,
    timeout = false,
    unavailable = false,
    cause,
  }: {
    service: string;
    message: string;
    status?: number;
    attempts?: number;
    timeout?: boolean;
    /** Nothing answers at the service's address (code SERVICE_UNAVAILABLE). */
    unavailable?: boolean;
    cause?: unknown;
  }) {
    super({
      code: unavailable ? ErrorCodes.SERVICE_UNAVAILABLE : timeout ? ErrorCodes.SERVICE_TIMEOUT : ErrorCodes.SERVICE_ERROR,
      message: `${service} failed${status === undefined ? "" : ` with HTTP ${status}`} after ${attempts} attempt${attempts === 1 ? "" : "s"}: ${message}`,
      cause,
    });
    this.name = "ServiceError";
    this.service = service;
    this.status = status;
    this.attempts = attempts;
  }

  static override isInstance(error: unknown): error is ServiceError {
    return typeof error === "object" && error !== null && marker in error;
  }
}
