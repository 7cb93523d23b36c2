import { Document, type DocumentInterface } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";

/** mulberry32: a small seeded PRNG, so every test run sees the same vectors. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A random vector with coordinates in [-1, 1) (not normalised, so stores must normalise). */
export function randomVector(random: () => number, dimension: number): number[] {
  return Array.from({ length: dimension }, () => random() * 2 - 1);
}

/** `count` random vectors and documents with ids `doc-0000...` and metadata `{ bucket, index, tag }`. */
export function randomCorpus(seed: number, count: number, dimension: number): { vectors: number[][]; documents: DocumentInterface[] } {
  const random = seededRandom(seed);
  const vectors: number[][] = [];
  const documents: DocumentInterface[] = [];
  for (let index = 0; index < count; index += 1) {
    vectors.push(randomVector(random, dimension));
    documents.push(
      new Document({
        id: `doc-${String(index).padStart(4, "0")}`,
        pageContent: `document number ${index}`,
        metadata: { bucket: Math.floor(random() * 4), index, tag: index % 3 === 0 ? "fizz" : "plain" },
      }),
    );
  }
  return { vectors, documents };
}

/** 32-bit FNV-1a of a string, to seed per-text vectors. */
function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Deterministic fake embeddings: each text maps to a fixed pseudo-random vector. `delayMilliseconds`
 * makes `embedDocuments` slow, to interleave queries with an add.
 */
export class FakeEmbeddings implements EmbeddingsInterface {
  calls = 0;
  constructor(
    readonly dimension = 8,
    private readonly delayMilliseconds = 0,
  ) {}

  embedText(text: string): number[] {
    return randomVector(seededRandom(hashText(text)), this.dimension);
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    this.calls += 1;
    if (this.delayMilliseconds > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMilliseconds));
    return texts.map((text) => this.embedText(text));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.embedText(text);
  }
}
