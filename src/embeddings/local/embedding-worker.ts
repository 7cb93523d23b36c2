/**
 * Worker thread entry of `LocalEmbeddings`: loads the Universal Sentence Encoder once, then embeds
 * the batches it is sent, one at a time, and transfers the vectors back. Built as its own tsup entry
 * (`dist/embeddings/embedding-worker.{js,cjs}`); run from source through tsx.
 */
import { parentPort } from "node:worker_threads";
import {
  InvalidModelOutputError,
  loadSentenceEncoder,
  ModelLoadError,
  UNIVERSAL_SENTENCE_ENCODER_DIMENSIONS,
  type SentenceEncoder,
} from "./universal-sentence-encoder.js";
import type { EmbedRequestMessage, WorkerToMainMessage } from "./worker-protocol.js";

const port = parentPort;
if (port === null) {
  throw new Error("embedding-worker must run in a worker thread (it is started by LocalEmbeddings)");
}

// Tells the pool the script runs: a crash before this is a setup problem, not a model problem.
port.postMessage({ type: "ready" } satisfies WorkerToMainMessage);

// Start loading right away: the first batch usually arrives while the weights are still being read.
const model: Promise<SentenceEncoder> = loadSentenceEncoder();
model.catch(() => undefined);

// Batches are embedded one after the other: the model uses the whole core anyway.
let chain: Promise<void> = Promise.resolve();

port.on("message", (message: EmbedRequestMessage) => {
  if (message?.type !== "embed") return;
  chain = chain.then(() => handle(message));
});

async function handle({ taskId, texts }: EmbedRequestMessage): Promise<void> {
  let encoder: SentenceEncoder;
  try {
    encoder = await model;
  } catch (error) {
    post({
      type: "error",
      taskId,
      message: describe(error),
      fatal: true,
      missingDependency: error instanceof ModelLoadError && error.missingDependency,
      invalidVector: false,
    });
    return;
  }
  try {
    const vectors = await encoder.embed(texts);
    post({ type: "result", taskId, dimensions: UNIVERSAL_SENTENCE_ENCODER_DIMENSIONS, vectors }, [vectors.buffer as ArrayBuffer]);
  } catch (error) {
    post({
      type: "error",
      taskId,
      message: describe(error),
      fatal: false,
      missingDependency: false,
      invalidVector: error instanceof InvalidModelOutputError,
    });
  }
}

function post(message: WorkerToMainMessage, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
