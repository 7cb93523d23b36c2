import { afterAll, describe, expect, it } from "vitest";
import { ErrorCodes } from "../../core/errors/error-codes.js";
import { LocalEmbeddings } from "./local-embeddings.js";

// These tests run the real model (about 18 texts/s per core): keep the texts few and short.

function cosine(left: number[], right: number[]): number {
  let dot = 0;
  for (let index = 0; index < left.length; index += 1) dot += left[index]! * right[index]!;
  return dot / (Math.hypot(...left) * Math.hypot(...right));
}

function maxDifference(left: number[][], right: number[][]): number {
  let max = 0;
  left.forEach((vector, row) => vector.forEach((value, column) => (max = Math.max(max, Math.abs(value - right[row]![column]!)))));
  return max;
}

const texts = [
  "The fight choreography is stunning.",
  "The action scenes are brilliantly choreographed.",
  "I baked a lemon cake for my grandmother.",
  "",
  "Keanu Reeves plays a retired hitman.",
];

const pooled = new LocalEmbeddings({ workers: 2, batchSize: 2 });
const mainThread = new LocalEmbeddings({ workers: 0 });

afterAll(async () => {
  await pooled.close();
  await mainThread.close();
});

describe("LocalEmbeddings (Universal Sentence Encoder)", () => {
  it("returns 512-dimension unit vectors, one per text in order, and ranks similar texts closer", async () => {
    const vectors = await pooled.embedDocuments(texts);
    expect(vectors).toHaveLength(texts.length);
    for (const vector of vectors) {
      expect(vector).toHaveLength(512);
      expect(Math.hypot(...vector)).toBeCloseTo(1, 3);
    }
    const [fight, action, cake] = vectors as [number[], number[], number[]];
    expect(cosine(fight, action)).toBeGreaterThan(cosine(fight, cake) + 0.1);
    // Batches of 2 went to 2 workers: both started.
    expect(pooled.runningWorkers).toBe(2);
  });

  it("gives the same vectors in worker threads and in the main thread, batched or not", async () => {
    const fromWorkers = await pooled.embedDocuments(texts);
    const fromMainThread = await mainThread.embedDocuments(texts);
    expect(maxDifference(fromWorkers, fromMainThread)).toBeLessThan(1e-5);
    const query = await pooled.embedQuery(texts[1]!);
    expect(maxDifference([query], [fromMainThread[1]!])).toBeLessThan(1e-5);
  });

  it("terminates its workers on close() and starts new ones when used again", async () => {
    const embeddings = new LocalEmbeddings({ workers: 1 });
    const before = await embeddings.embedQuery("a retired hitman");
    expect(embeddings.runningWorkers).toBe(1);
    await embeddings.close();
    expect(embeddings.runningWorkers).toBe(0);
    const after = await embeddings.embedQuery("a retired hitman");
    expect(maxDifference([after], [before])).toBeLessThan(1e-6);
    await embeddings.close();
    expect(embeddings.runningWorkers).toBe(0);
  });

  it("fails pending work with ABORTED when closed mid-way", async () => {
    const embeddings = new LocalEmbeddings({ workers: 1 });
    const pending = expect(embeddings.embedDocuments(["one text", "another text"])).rejects.toMatchObject({ code: ErrorCodes.ABORTED });
    await embeddings.close();
    await pending;
  });

  it("falls back to the main thread, with a warning, when the worker script is missing", async () => {
    const warnings: string[] = [];
    const embeddings = new LocalEmbeddings({
      workers: 2,
      workerScript: "/nonexistent/embedding-worker.js",
      onWarning: (message) => warnings.push(message),
    });
    const [vector] = await embeddings.embedDocuments([texts[0]!]);
    expect(vector).toHaveLength(512);
    expect(embeddings.runningWorkers).toBe(0);
    expect(warnings).toHaveLength(1);
  });

  it("returns [] for no texts without starting a worker", async () => {
    const embeddings = new LocalEmbeddings({ workers: 1 });
    expect(await embeddings.embedDocuments([])).toEqual([]);
    expect(embeddings.runningWorkers).toBe(0);
  });

  it("validates its options", () => {
    expect(() => new LocalEmbeddings({ workers: -1 })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, option: "LocalEmbeddings.workers" }),
    );
    expect(() => new LocalEmbeddings({ batchSize: 0 })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, option: "LocalEmbeddings.batchSize" }),
    );
  });
});
