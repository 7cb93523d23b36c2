import { Embeddings, type EmbeddingsInterface } from "@langchain/core/embeddings";
import { z } from "zod/v4";
import { InvalidOptionError } from "../../core/errors/invalid-option-error.js";
import { parseOptions } from "../../core/parse-options.js";
import { validateVector, validateVectors } from "../validate-vectors.js";
import { EmbeddingCache, type EmbeddingCacheOptions, type EmbeddingRole } from "./embedding-cache.js";

/** Texts embedded (and then written to the cache) at a time, so an interrupted run keeps its progress. */
export const DEFAULT_EMBEDDING_CACHE_CHUNK_SIZE = 256;

export interface CachedEmbeddingsOptions extends Omit<EmbeddingCacheOptions, "namespace"> {
  /**
   * Identifies the model and everything else that changes its vectors; entries never cross
   * namespaces. @default the wrapped embeddings' `modelId`, else `<class name>:<model>[:<dimensions>]`
   * from its `model`/`modelName` and `dimensions` fields (an error when it has neither)
   */
  namespace?: string;
  /** Whether query embeddings are cached too (under their own keys, apart from documents). @default true */
  cacheQueries?: boolean;
  /**
   * Missing texts are sent to the model this many at a time, each chunk cached as soon as it is
   * embedded: an interrupted run over many documents keeps what it has done. @default 256
   */
  chunkSize?: number;
}

const optionsSchema = z
  .object({
    namespace: z.string().min(1, 'must name the model, e.g. "my-model-v2"').optional(),
    cacheQueries: z.boolean().optional(),
    chunkSize: z.number().int().min(1).max(1_000_000).optional(),
  })
  .loose();

/** Embeddings that know their own model identifier (used as the default cache namespace). */
export interface IdentifiedEmbeddings {
  readonly modelId: string;
}

/**
 * Wraps any LangChain `Embeddings` with a persistent on-disk cache (`EmbeddingCache`): texts embedded
 * once are never sent to the model again, in this process or the next one. Vectors come back rounded
 * to float32 whether they were cached or not, so a cached run returns exactly what the first run did.
 * Vectors from the wrapped model are validated (one per text, finite, one length) before they are
 * stored; a wrong one throws `INVALID_VECTOR` and is not cached.
 */
export class CachedEmbeddings extends Embeddings implements IdentifiedEmbeddings {
  readonly inner: EmbeddingsInterface;
  readonly cache: EmbeddingCache;
  readonly cacheQueries: boolean;
  readonly chunkSize: number;
  /** The cache namespace, which identifies the wrapped model. */
  readonly modelId: string;

  constructor(inner: EmbeddingsInterface, options: CachedEmbeddingsOptions = {}) {
    super({});
    if (
      typeof inner !== "object" ||
      inner === null ||
      typeof inner.embedDocuments !== "function" ||
      typeof inner.embedQuery !== "function"
    ) {
      throw new InvalidOptionError({
        option: "CachedEmbeddings.inner",
        value: inner,
        message: "must be a LangChain Embeddings (with embedDocuments and embedQuery)",
      });
    }
    parseOptions(optionsSchema, options, "CachedEmbeddings");
    this.inner = inner;
    this.modelId = options.namespace ?? describeEmbeddingsModel(inner);
    this.cache = new EmbeddingCache({ ...options, namespace: this.modelId });
    this.cacheQueries = options.cacheQueries ?? true;
    this.chunkSize = options.chunkSize ?? DEFAULT_EMBEDDING_CACHE_CHUNK_SIZE;
  }

  override async embedDocuments(texts: string[]): Promise<number[][]> {
    if (texts.length === 0) return [];
    const keys = texts.map((text) => this.cache.keyFor(text, "document"));
    const vectors = await this.cache.getMany(keys);
    const fresh = await this.embedMissing(keys, texts, vectors);
    if (fresh !== undefined) {
      // Cached vectors of another length than the model's current output are stale (the namespace was
      // reused for another model): `setMany` has discarded them, embed those texts again.
      const dimensions = fresh.values().next().value!.length;
      const stale = vectors.map((vector) => (vector !== undefined && vector.length !== dimensions ? undefined : vector));
      await this.embedMissing(keys, texts, stale);
      stale.forEach((vector, index) => (vectors[index] = vector));
    }
    return vectors as number[][];
  }

  override async embedQuery(text: string): Promise<number[]> {
    if (!this.cacheQueries) {
      return roundToFloat32(validateVector(await this.inner.embedQuery(text), { source: this.modelId }));
    }
    const key = this.cache.keyFor(text, "query");
    const [cached] = await this.cache.getMany([key]);
    if (cached !== undefined) return cached;
    const fresh = await this.embedAndStore([key], [text], "query");
    return fresh.get(key)!;
  }

  /** Closes the wrapped embeddings when they hold resources (worker threads) and waits for cache writes. */
  async close(): Promise<void> {
    await this.cache.flush();
    const closable = this.inner as { close?: () => unknown };
    if (typeof closable.close === "function") await closable.close();
  }

  /** Embeds the texts whose slot in `vectors` is empty (each distinct text once) and fills the slots. */
  private async embedMissing(
    keys: string[],
    texts: string[],
    vectors: (number[] | undefined)[],
  ): Promise<Map<string, number[]> | undefined> {
    const missing = new Map<string, string>();
    vectors.forEach((vector, index) => {
      if (vector === undefined) missing.set(keys[index]!, texts[index]!);
    });
    if (missing.size === 0) return undefined;
    const missingKeys = [...missing.keys()];
    const missingTexts = [...missing.values()];
    const fresh = new Map<string, number[]>();
    for (let start = 0; start < missingKeys.length; start += this.chunkSize) {
      const chunk = await this.embedAndStore(
        missingKeys.slice(start, start + this.chunkSize),
        missingTexts.slice(start, start + this.chunkSize),
        "document",
      );
      for (const [key, vector] of chunk) fresh.set(key, vector);
    }
    vectors.forEach((vector, index) => {
      if (vector === undefined) vectors[index] = fresh.get(keys[index]!);
    });
    return fresh;
  }

  private async embedAndStore(keys: string[], texts: string[], role: EmbeddingRole): Promise<Map<string, number[]>> {
    const raw = role === "query" ? [await this.inner.embedQuery(texts[0]!)] : await this.inner.embedDocuments(texts);
    const vectors = validateVectors(raw, { source: this.modelId, expectedCount: texts.length }).map(roundToFloat32);
    await this.cache.setMany(keys.map((key, index) => ({ key, vector: vectors[index]! })));
    return new Map(keys.map((key, index) => [key, vectors[index]!]));
  }
}

/**
 * A stable identifier of an embeddings model for cache namespaces: its `modelId`, else
 * `<class name>:<model>[:<dimensions>]`. Throws `INVALID_OPTION` when neither is available.
 */
export function describeEmbeddingsModel(embeddings: EmbeddingsInterface): string {
  const fields = embeddings as unknown as { modelId?: unknown; model?: unknown; modelName?: unknown; dimensions?: unknown };
  if (typeof fields.modelId === "string" && fields.modelId !== "") return fields.modelId;
  const model = typeof fields.model === "string" ? fields.model : typeof fields.modelName === "string" ? fields.modelName : undefined;
  if (model !== undefined && model !== "") {
    const dimensions = typeof fields.dimensions === "number" ? `:${fields.dimensions}` : "";
    return `${embeddings.constructor.name}:${model}${dimensions}`;
  }
  throw new InvalidOptionError({
    option: "CachedEmbeddings.namespace",
    value: undefined,
    message: `cannot tell which model ${embeddings.constructor.name} runs; pass a namespace naming it, e.g. "my-model-v2"`,
  });
}

function roundToFloat32(vector: number[]): number[] {
  return Array.from(Float32Array.from(vector));
}
