import { Embeddings } from "@langchain/core/embeddings";

/**
 * Deterministic bag-of-words embeddings for tests: each lower-cased word is hashed into one of
 * `dimension` buckets, counts are L2-normalized. Texts sharing words are similar, so ranking tests mean
 * something, and it needs no model. Counts calls so tests can assert caching and batching.
 */
export class FakeEmbeddings extends Embeddings {
  readonly dimension: number;
  documentCalls = 0;
  queryCalls = 0;
  embeddedTexts = 0;

  constructor(dimension = 64) {
    super({});
    this.dimension = dimension;
  }

  vectorFor(text: string): number[] {
    const vector = new Array<number>(this.dimension).fill(0);
    for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
      let hash = 2166136261;
      for (let index = 0; index < word.length; index += 1) hash = Math.imul(hash ^ word.charCodeAt(index), 16777619);
      vector[(hash >>> 0) % this.dimension]! += 1;
    }
    const norm = Math.hypot(...vector);
    if (norm === 0) vector[0] = 1;
    return norm === 0 ? vector : vector.map((value) => value / norm);
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    this.documentCalls += 1;
    this.embeddedTexts += texts.length;
    return texts.map((text) => this.vectorFor(text));
  }

  async embedQuery(text: string): Promise<number[]> {
    this.queryCalls += 1;
    return this.vectorFor(text);
  }
}
