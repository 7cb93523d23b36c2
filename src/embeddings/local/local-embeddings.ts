import { availableParallelism } from "node:os";
import { Embeddings, type EmbeddingsParams } from "@langchain/core/embeddings";
import { z } from "zod/v4";
import { ErrorCodes } from "../../core/errors/error-codes.js";
import { RetrieverError } from "../../core/errors/retriever-error.js";
import { ServiceError } from "../../core/errors/service-error.js";
import { parseOptions } from "../../core/parse-options.js";
import { warnOnConsole } from "../cache/embedding-cache.js";
import { validateVectors } from "../validate-vectors.js";
import {
  InvalidModelOutputError,
  loadSentenceEncoder,
  ModelLoadError,
  UNIVERSAL_SENTENCE_ENCODER_DIMENSIONS,
  UNIVERSAL_SENTENCE_ENCODER_MODEL_ID,
  type SentenceEncoder,
} from "./universal-sentence-encoder.js";
import { EmbeddingWorkerPool, WorkerStartupError } from "./worker-pool.js";
import { findWorkerScript, type WorkerScript } from "./worker-script.js";

/** Worker threads used when nobody says otherwise: two, or one on a single-core machine. */
export const DEFAULT_LOCAL_EMBEDDING_WORKERS = Math.min(2, availableParallelism());
/**
 * Texts per batch handed to one worker. The model gains nothing from larger batches (its cost is per
 * token), so batches stay small: work spreads evenly over the workers and a query waits at most one
 * short batch (about 4 x 80 ms for 100-word texts) behind documents.
 */
export const DEFAULT_LOCAL_EMBEDDING_BATCH_SIZE = 4;
/** Name of the "service" in errors of the main-thread model. */
export const LOCAL_EMBEDDINGS_SERVICE = "Local embeddings";
/** Upper bound of `workers`: each holds a copy of the model (about 250 MB). */
export const MAX_LOCAL_EMBEDDING_WORKERS = 32;

export interface LocalEmbeddingsOptions extends EmbeddingsParams {
  /**
   * Worker threads embedding in parallel, each loading the model once (about 0.2 s and 250 MB each).
   * `0` embeds in the main thread (blocking the event loop while it runs).
   * @default min(2, available cores)
   */
  workers?: number;
  /** Texts per batch sent to a worker; batches are spread over the workers. @default 4 */
  batchSize?: number;
  /**
   * The worker entry file, for setups that move files (bundlers). When it cannot be found the
   * embeddings run in the main thread, with a warning.
   * @default `embedding-worker` next to this module (sources) or in dist/embeddings/ (build)
   */
  workerScript?: string | URL;
  /** Receives warnings (worker script not found). @default console.warn */
  onWarning?: (message: string) => void;
}

const optionsSchema = z
  .object({
    workers: z.number().int().min(0).max(MAX_LOCAL_EMBEDDING_WORKERS).optional(),
    batchSize: z.number().int().min(1).max(4_096).optional(),
    workerScript: z.union([z.string().min(1), z.instanceof(URL)]).optional(),
    onWarning: z.custom<(message: string) => void>((value) => typeof value === "function", "must be a function").optional(),
  })
  .strict();

/** The main-thread model, shared by every `LocalEmbeddings` of the process. */
let mainThreadEncoder: Promise<SentenceEncoder> | undefined;

/**
 * Local, offline embeddings: the Universal Sentence Encoder (lite) through EnergeticAI, 512-dimension
 * unit vectors, about 18 texts/s per core. Documents are split into batches spread over a pool of
 * worker threads; a query goes to the front of the queue of an idle or the first free worker (or runs
 * in the main thread with `workers: 0`). Call `close()` when done to free the workers' memory (idle
 * workers never keep the process alive).
 */
export class LocalEmbeddings extends Embeddings {
  /** Identifies the model and its weights (the default cache namespace). */
  readonly modelId = UNIVERSAL_SENTENCE_ENCODER_MODEL_ID;
  /** Length of every vector. */
  readonly dimensions = UNIVERSAL_SENTENCE_ENCODER_DIMENSIONS;
  readonly workers: number;
  readonly batchSize: number;
  private readonly onWarning: (message: string) => void;
  private readonly workerScriptOption: string | URL | undefined;
  private pool: EmbeddingWorkerPool | undefined;
  /** False once the worker script was found missing: embed in the main thread. */
  private useWorkers: boolean;

  constructor(options: LocalEmbeddingsOptions = {}) {
    const parsed = parseOptions(optionsSchema, options, "LocalEmbeddings");
    super(options);
    this.workers = parsed.workers ?? DEFAULT_LOCAL_EMBEDDING_WORKERS;
    this.batchSize = parsed.batchSize ?? DEFAULT_LOCAL_EMBEDDING_BATCH_SIZE;
    this.onWarning = parsed.onWarning ?? warnOnConsole;
    this.workerScriptOption = parsed.workerScript;
    this.useWorkers = this.workers > 0;
  }

  override async embedDocuments(texts: string[]): Promise<number[][]> {
    if (texts.length === 0) return [];
    const batches: string[][] = [];
    for (let start = 0; start < texts.length; start += this.batchSize) batches.push(texts.slice(start, start + this.batchSize));
    const results = await Promise.all(batches.map((batch) => this.embedBatch(batch, false)));
    return this.check(results.flat(), texts.length);
  }

  override async embedQuery(text: string): Promise<number[]> {
    const [vector] = this.check(await this.embedBatch([text], true), 1);
    return vector!;
  }

  /** Terminates the worker threads (a later call starts new ones). */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.close();
  }

  /** Number of worker threads currently running (they start on demand). */
  get runningWorkers(): number {
    return this.pool?.workerCount ?? 0;
  }

  private async embedBatch(texts: string[], priority: boolean): Promise<Float32Array[]> {
    const pool = this.useWorkers ? this.getPool() : undefined;
    if (pool !== undefined) {
      try {
        return await pool.embed(texts, { priority });
      } catch (error) {
        if (!(error instanceof WorkerStartupError)) throw error;
        if (this.useWorkers) {
          this.useWorkers = false;
          this.onWarning(`${error.message}; embedding in the main thread instead (pass { workers: 0 } to skip the attempt)`);
          if (this.pool === pool) this.pool = undefined;
          void pool.close();
        }
      }
    }
    const encoder = await loadMainThreadEncoder();
    const flat = await encoder.embed(texts).catch((error: unknown) => {
      if (error instanceof InvalidModelOutputError)
        throw new RetrieverError({ code: ErrorCodes.INVALID_VECTOR, message: `Local embeddings: ${error.message}` });
      throw new ServiceError({
        service: LOCAL_EMBEDDINGS_SERVICE,
        message: error instanceof Error ? error.message : String(error),
        cause: error,
      });
    });
    return texts.map((_, index) => flat.subarray(index * this.dimensions, (index + 1) * this.dimensions));
  }

  private getPool(): EmbeddingWorkerPool | undefined {
    if (this.pool !== undefined) return this.pool;
    let script: WorkerScript | undefined;
    try {
      script = findWorkerScript(import.meta.url, this.workerScriptOption);
    } catch {
      script = undefined;
    }
    if (script === undefined) {
      this.useWorkers = false;
      this.onWarning(
        this.workerScriptOption === undefined
          ? "the local embedding worker script (embedding-worker.js) was not found next to the library; embedding in the main thread. " +
              "If you bundle the library, copy dist/embeddings/embedding-worker.js and pass its path as workerScript"
          : `the local embedding worker script ${String(this.workerScriptOption)} was not found (or is TypeScript and tsx is not installed); embedding in the main thread`,
      );
      return undefined;
    }
    this.pool = new EmbeddingWorkerPool({ size: this.workers, script });
    return this.pool;
  }

  private check(vectors: Float32Array[], expectedCount: number): number[][] {
    return validateVectors(
      vectors.map((vector) => Array.from(vector)),
      { source: "Local embeddings (Universal Sentence Encoder)", expectedCount, dimensions: this.dimensions },
    );
  }
}

function loadMainThreadEncoder(): Promise<SentenceEncoder> {
  mainThreadEncoder ??= loadSentenceEncoder().catch((error: unknown) => {
    mainThreadEncoder = undefined;
    if (error instanceof ModelLoadError && error.missingDependency) {
      throw new RetrieverError({ code: ErrorCodes.MISSING_DEPENDENCY, message: error.message, cause: error });
    }
    throw new ServiceError({
      service: LOCAL_EMBEDDINGS_SERVICE,
      message: error instanceof Error ? error.message : String(error),
      cause: error,
    });
  });
  return mainThreadEncoder;
}
