import type { Worker } from "node:worker_threads";
import { ErrorCodes } from "../../core/errors/error-codes.js";
import { RetrieverError } from "../../core/errors/retriever-error.js";
import { ServiceError } from "../../core/errors/service-error.js";
import type { EmbedRequestMessage, WorkerToMainMessage } from "./worker-protocol.js";
import { startWorker, type WorkerScript } from "./worker-script.js";

/** Name of the "service" in errors of the worker threads. */
export const LOCAL_EMBEDDINGS_WORKER_SERVICE = "Local embeddings (worker thread)";
/** Workers that crash in a row before the pool gives up instead of starting another one. */
const MAX_CONSECUTIVE_CRASHES = 3;

/**
 * A worker died before its script ran (unloadable script, incompatible Node options): no worker will
 * do better, so `LocalEmbeddings` falls back to the main thread.
 */
export class WorkerStartupError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = "WorkerStartupError";
  }
}

interface Task {
  id: number;
  texts: string[];
  resolve(vectors: Float32Array[]): void;
  reject(error: unknown): void;
}

interface Slot {
  worker: Worker;
  task: Task | undefined;
  /** Set once the worker was terminated on purpose, so its exit is not a crash. */
  closing: boolean;
  /** Set when the worker script reported it runs. */
  ready: boolean;
}

/**
 * A pool of up to `size` worker threads, each holding its own copy of the model. Workers start on
 * demand (a lone query starts one, a large batch of documents starts all), each runs one task at a
 * time, and tasks marked `priority` (queries) jump the queue. Idle workers are unref'ed so they never
 * keep the process alive; `close()` terminates them (a later task starts fresh ones).
 */
export class EmbeddingWorkerPool {
  readonly size: number;
  private readonly script: WorkerScript;
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextTaskId = 1;
  private consecutiveCrashes = 0;
  /** Set when the model cannot load at all (missing package): every task fails with it. */
  private fatalError: RetrieverError | WorkerStartupError | undefined;

  constructor({ size, script }: { size: number; script: WorkerScript }) {
    this.size = size;
    this.script = script;
  }

  /** Embeds texts in a worker; resolves to one float32 vector per text. */
  embed(texts: string[], { priority = false }: { priority?: boolean } = {}): Promise<Float32Array[]> {
    if (this.fatalError !== undefined) return Promise.reject(this.fatalError);
    return new Promise<Float32Array[]>((resolve, reject) => {
      const task: Task = { id: this.nextTaskId++, texts, resolve, reject };
      if (priority) this.queue.unshift(task);
      else this.queue.push(task);
      this.dispatch();
    });
  }

  /** Number of running worker threads. */
  get workerCount(): number {
    return this.slots.length;
  }

  /** Terminates every worker; queued and running tasks fail with `ABORTED`. */
  async close(): Promise<void> {
    await this.terminateAll(
      new RetrieverError({ code: ErrorCodes.ABORTED, message: "local embeddings were closed while texts were still being embedded" }),
    );
  }

  private async terminateAll(reason: RetrieverError | WorkerStartupError): Promise<void> {
    for (const task of this.queue.splice(0)) task.reject(reason);
    const slots = this.slots.splice(0);
    await Promise.all(
      slots.map(async (slot) => {
        slot.closing = true;
        slot.task?.reject(reason);
        slot.task = undefined;
        await slot.worker.terminate();
      }),
    );
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((candidate) => candidate.task === undefined);
      if (slot === undefined && this.slots.length < this.size) slot = this.spawn();
      if (slot === undefined) return;
      const task = this.queue.shift()!;
      slot.task = task;
      slot.worker.ref();
      const message: EmbedRequestMessage = { type: "embed", taskId: task.id, texts: task.texts };
      slot.worker.postMessage(message);
    }
  }

  private spawn(): Slot {
    const worker = startWorker(this.script, { name: "advanced-retrievers embeddings" });
    const slot: Slot = { worker, task: undefined, closing: false, ready: false };
    worker.unref();
    worker.on("message", (message: WorkerToMainMessage) => this.onMessage(slot, message));
    worker.on("error", (error) => this.onCrash(slot, error));
    worker.on("exit", (exitCode) => {
      if (!slot.closing) this.onCrash(slot, new Error(`the worker thread exited with code ${exitCode}`));
    });
    this.slots.push(slot);
    return slot;
  }

  private onMessage(slot: Slot, message: WorkerToMainMessage): void {
    if (message.type === "ready") {
      slot.ready = true;
      return;
    }
    const task = slot.task;
    if (task === undefined || message.taskId !== task.id) return;
    slot.task = undefined;
    slot.worker.unref();
    if (message.type === "result") {
      this.consecutiveCrashes = 0;
      const { dimensions, vectors } = message;
      task.resolve(task.texts.map((_, index) => vectors.subarray(index * dimensions, (index + 1) * dimensions)));
    } else if (message.fatal) {
      this.fatalError = message.missingDependency
        ? new RetrieverError({ code: ErrorCodes.MISSING_DEPENDENCY, message: message.message })
        : new ServiceError({ service: LOCAL_EMBEDDINGS_WORKER_SERVICE, message: message.message });
      task.reject(this.fatalError);
      void this.terminateAll(this.fatalError);
      return;
    } else if (message.invalidVector) {
      task.reject(new RetrieverError({ code: ErrorCodes.INVALID_VECTOR, message: `Local embeddings: ${message.message}` }));
    } else {
      task.reject(new ServiceError({ service: LOCAL_EMBEDDINGS_WORKER_SERVICE, message: message.message }));
    }
    this.dispatch();
  }

  /** A worker died: fail its task, forget it, and let the next task start a fresh one. */
  private onCrash(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index === -1) return;
    this.slots.splice(index, 1);
    slot.closing = true;
    void slot.worker.terminate();
    if (!slot.ready) {
      this.fatalError = new WorkerStartupError(`the embedding worker could not start (${error.message})`, error);
      slot.task?.reject(this.fatalError);
      slot.task = undefined;
      void this.terminateAll(this.fatalError);
      return;
    }
    this.consecutiveCrashes += 1;
    const failure = new ServiceError({
      service: LOCAL_EMBEDDINGS_WORKER_SERVICE,
      message: `the worker thread crashed (${error.message})`,
      cause: error,
    });
    slot.task?.reject(failure);
    slot.task = undefined;
    if (this.consecutiveCrashes >= MAX_CONSECUTIVE_CRASHES) {
      this.fatalError = new ServiceError({
        service: LOCAL_EMBEDDINGS_WORKER_SERVICE,
        message: `${MAX_CONSECUTIVE_CRASHES} worker threads crashed in a row (last: ${error.message}); use { workers: 0 } to embed in the main thread`,
        cause: error,
      });
      for (const task of this.queue.splice(0)) task.reject(this.fatalError);
      return;
    }
    this.dispatch();
  }
}
