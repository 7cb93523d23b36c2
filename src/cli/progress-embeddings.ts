import type { ConfigEmbeddings } from "../config/technique-context.js";
import { createProgressBar, type ProgressStream } from "./progress-bar.js";

/** Concurrent `embedDocuments` calls while a large batch is split for progress. */
const CONCURRENT_CHUNKS = 4;
/** Smallest chunk; large batches are split into about `PROGRESS_STEPS` chunks. */
const MIN_CHUNK = 16;
const PROGRESS_STEPS = 50;

/**
 * The same embeddings, with `embedDocuments` reporting progress: a batch is split into chunks (a few in
 * flight at once, so worker threads and remote batching stay busy) and each finished chunk advances a
 * bar on `stream` (see `createProgressBar`: nothing for work under a second).
 */
export function withEmbeddingProgress(embeddings: ConfigEmbeddings, stream: ProgressStream): ConfigEmbeddings {
  const embedDocuments = async (texts: string[]): Promise<number[][]> => {
    if (texts.length <= MIN_CHUNK) return embeddings.embedDocuments(texts);
    const size = Math.max(MIN_CHUNK, Math.ceil(texts.length / PROGRESS_STEPS));
    const chunks: string[][] = [];
    for (let start = 0; start < texts.length; start += size) chunks.push(texts.slice(start, start + size));
    const bar = createProgressBar(texts.length, { stream, label: "embedding", unit: "texts" });
    const vectors: number[][][] = new Array<number[][]>(chunks.length);
    let next = 0;
    let failed = false;
    const worker = async () => {
      while (next < chunks.length && !failed) {
        const index = next++;
        try {
          vectors[index] = await embeddings.embedDocuments(chunks[index]!);
        } catch (error) {
          failed = true;
          throw error;
        }
        bar.advance(chunks[index]!.length);
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(CONCURRENT_CHUNKS, chunks.length) }, worker));
    } finally {
      bar.finish();
    }
    return vectors.flat();
  };
  return new Proxy(embeddings, {
    get(target, property) {
      if (property === "embedDocuments") return embedDocuments;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
