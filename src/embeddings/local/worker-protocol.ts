/** Messages between `EmbeddingWorkerPool` and `embedding-worker.ts`. */

/** Main thread to worker: embed these texts. */
export interface EmbedRequestMessage {
  type: "embed";
  taskId: number;
  texts: string[];
}

/** Worker to main thread: the vectors, concatenated (`texts.length * dimensions` values). */
export interface EmbedResultMessage {
  type: "result";
  taskId: number;
  dimensions: number;
  vectors: Float32Array;
}

/** Worker to main thread: the task (or the model load, then `fatal`) failed. */
export interface EmbedErrorMessage {
  type: "error";
  taskId: number;
  message: string;
  /** The model cannot load at all: no point in retrying in another worker. */
  fatal: boolean;
  missingDependency: boolean;
  /** The model's output had the wrong shape (reported as `INVALID_VECTOR`). */
  invalidVector: boolean;
}

/** Worker to main thread: the worker script is running (sent before the model loads). */
export interface WorkerReadyMessage {
  type: "ready";
}

export type WorkerToMainMessage = EmbedResultMessage | EmbedErrorMessage | WorkerReadyMessage;
