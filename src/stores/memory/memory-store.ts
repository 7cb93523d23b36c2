import type { Callbacks } from "@langchain/core/callbacks/manager";
import { compareIds, embeddingsDimension, embeddingsModelIdOf, resolveDocumentIds } from "../shared/store-inputs.js";
import { Document, type DocumentInterface } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { VectorStore, type MaxMarginalRelevanceSearchOptions } from "@langchain/core/vectorstores";
import { z } from "zod/v4";
import { ErrorCodes } from "../../core/errors/error-codes.js";
import { InvalidFilterError } from "../../core/errors/invalid-filter-error.js";
import { InvalidOptionError, describeValue } from "../../core/errors/invalid-option-error.js";
import { RetrieverError } from "../../core/errors/retriever-error.js";
import { compileFilter } from "../../core/filter/compile-filter.js";
import type { FilterExpression } from "../../core/filter/filter-schema.js";
import { parseFilter } from "../../core/filter/parse-filter.js";
import { parseOptions } from "../../core/parse-options.js";
import {
  DEFAULT_FETCH_K,
  DEFAULT_MMR_LAMBDA,
  type MaximalMarginalRelevanceOptions,
  type RetrieverVectorStore,
  type VectorHit,
  type VectorSearchOptions,
} from "../../core/vector-store.js";
import { canonicalJson } from "../shared/canonical-json.js";
import { cloneMetadata } from "../shared/clone-metadata.js";
import { maximalMarginalRelevance } from "../shared/maximal-marginal-relevance.js";
import { FilterCache, type FilterCacheEntry } from "./filter-cache.js";
import { documentIdsDigest } from "../shared/ids-digest.js";
import { readIndexFile, writeIndexFile, type IndexDocument } from "./index-file.js";
import { JavaScriptVectorMatrix } from "./javascript-vector-matrix.js";
import { selectTopK } from "./top-k.js";
import { KERNEL_NAMES, grownCapacity, strideFor, type KernelChoice, type KernelName, type VectorMatrix } from "./vector-matrix.js";
import { WasmVectorMatrix, isWasmSimdAvailable } from "./wasm-vector-matrix.js";

/** Filter results (matching row sets) kept between queries. */
export const DEFAULT_FILTER_CACHE_SIZE = 16;
/** Packed copies for cached filters may hold at most this many rows per stored row, all filters together. */
export const DEFAULT_FILTER_PACKING_RATIO = 1;
/** Filters matching fewer rows than this are scored in place (gathering is cheap), never packed. */
export const MINIMUM_PACKED_ROWS = 512;
/**
 * A filter's matching vectors are packed on its second query: packing costs a few gathers, so a
 * filter used once (typical of self-query) is just gathered, and a filter used repeatedly pays once.
 */
export const PACK_AFTER_USES = 2;
/**
 * Unpacked matching rows are gathered when they are under this fraction of all rows; above it one
 * sequential scan of every row is faster (measured: gathering a random 25% costs about a full scan).
 */
export const GATHER_MAXIMUM_FRACTION = 0.2;
/** Rows the vector matrix is created with; it grows by 1.5x when full. */
export const DEFAULT_INITIAL_CAPACITY = 1024;
/** Highest vector dimension accepted. */
export const MAXIMUM_DIMENSION = 65_536;
/** Highest `k` accepted by a search. */
export const MAXIMUM_K = 100_000;

/** Options of `new MemoryStore(embeddings, options)` and `MemoryStore.load`. */
export interface MemoryStoreOptions {
  /**
   * The vector dimension. When given, every vector is checked against it from the first add, and
   * `load` checks the file against it; otherwise the first vector added (or the loaded file) sets it.
   * @default the embeddings' `dimensions` property when it is a number, else the first vector's length
   */
  dimension?: number;
  /**
   * Identifier of the embeddings model, saved in index files so `load` can refuse an index built with
   * another model. @default the embeddings' `model` or `modelName` property when it is a string
   */
  embeddingsModelId?: string;
  /**
   * Scoring kernel: `wasm-simd` (WebAssembly 128-bit SIMD), `javascript` (portable loop), or `auto`
   * (WebAssembly SIMD when this runtime supports it). @default "auto"
   */
  kernel?: KernelChoice;
  /** How many filters' matching row sets to keep between queries (0 disables the cache). @default 16 */
  filterCacheSize?: number;
  /**
   * Memory for packed copies of the vectors matching cached filters (so a filtered query scans only
   * those, sequentially), in rows, as a fraction of the stored rows; 0 disables packing. Emptied on
   * every write; once full, further filters are scored in place until then.
   * @default 1
   */
  filterPackingRatio?: number;
  /** Rows to reserve up front; the store grows geometrically past it. @default 1024 */
  initialCapacity?: number;
}

/** Options of `searchByVector`. */
export interface MemorySearchOptions extends VectorSearchOptions {
  /** Drop hits whose cosine similarity is below this (LangChain's `similarity_score_threshold`). @default none */
  scoreThreshold?: number;
}

const optionsSchema = z
  .object({
    dimension: z.number().int().positive().max(MAXIMUM_DIMENSION).optional(),
    embeddingsModelId: z.string().min(1).optional(),
    kernel: z.enum(["auto", ...KERNEL_NAMES]).optional(),
    filterCacheSize: z.number().int().min(0).max(10_000).optional(),
    filterPackingRatio: z.number().min(0).max(64).optional(),
    initialCapacity: z.number().int().positive().max(100_000_000).optional(),
  })
  .strict();

/** Options of `MemoryStore.save`. */
export interface MemoryStoreSaveOptions {
  /**
   * An opaque fingerprint of the dataset the store was built from, saved in the file so that `load`
   * (`expectedFingerprint`) can refuse a file holding another dataset. @default none
   */
  datasetFingerprint?: string;
}

/** Options of `MemoryStore.load`: the store's options, plus what the file must hold. */
export interface MemoryStoreLoadOptions extends MemoryStoreOptions {
  /** The dataset fingerprint the file must have been saved with (`save`'s `datasetFingerprint`); else INDEX_MISMATCH. @default not checked */
  expectedFingerprint?: string;
  /** `documentIdsDigest` of the ids the file must hold; else INDEX_MISMATCH. @default not checked */
  expectedIdsDigest?: string;
}

const saveOptionsSchema = z.object({ datasetFingerprint: z.string().min(1).optional() }).strict();
const loadOptionsSchema = optionsSchema.extend({
  expectedFingerprint: z.string().min(1).optional(),
  expectedIdsDigest: z.string().min(1).optional(),
});

/** A save in progress: its own copy of the vectors once the store changed a row it is writing. */
interface SaveSnapshot {
  count: number;
  dimension: number;
  vectors: Float32Array | null;
}

/** One scored row. */
interface ScoredRow {
  row: number;
  score: number;
}

/**
 * An exact in-memory vector store: a LangChain `VectorStore` whose filters are the library's
 * `FilterExpression`, implementing `RetrieverVectorStore`.
 *
 * - Vectors are normalised on insert and kept in one contiguous Float32Array (in WebAssembly memory
 *   when SIMD is available), grown geometrically: appends are amortized O(1).
 * - A query is one dot-product scan (cosine = dot product of unit vectors) plus a bounded-heap top-k;
 *   ties go to the earlier-inserted document.
 * - A filter is applied before similarity: its matching rows are computed once per store version,
 *   cached, and their vectors packed contiguously, so a filtered query costs in proportion to the
 *   matching documents.
 * - Ids come from `options.ids`, else `document.id`, else a content hash; adding an existing id
 *   replaces that document in place.
 * - All rows of an add are committed in one synchronous step after embedding, so a concurrent query
 *   never sees half of an add.
 * - `save`/`load`: one checksummed, versioned file written atomically, streamed (no size limit but
 *   the disk), carrying a dataset fingerprint and an ids digest that `load` can verify.
 */
export class MemoryStore extends VectorStore implements RetrieverVectorStore {
  declare FilterType: FilterExpression;

  static override lc_name(): string {
    return "MemoryStore";
  }

  /** Which scoring kernel `auto` resolves to in this runtime. */
  static defaultKernel(): KernelName {
    return isWasmSimdAvailable() ? "wasm-simd" : "javascript";
  }

  private readonly kernelChoice: KernelName;
  private readonly initialCapacity: number;
  private readonly filterPackingRatio: number;
  private readonly filterCache: FilterCache;
  private storeDimension: number | undefined;
  private modelId: string | undefined;
  private matrix: VectorMatrix | null = null;
  private readonly rowIds: string[] = [];
  private readonly rowContents: string[] = [];
  private readonly rowMetadata: Array<Record<string, unknown>> = [];
  /** Insertion sequence of each row: the tie-break between equal scores. */
  private readonly rowSequences: number[] = [];
  private readonly rowById = new Map<string, number>();
  private nextSequence = 0;
  private mutationCount = 0;
  /** Saves in progress (see `save` and `detachSnapshots`). */
  private readonly openSnapshots = new Set<SaveSnapshot>();

  constructor(embeddings: EmbeddingsInterface, options: MemoryStoreOptions = {}) {
    const parsed = parseOptions(optionsSchema, options, "MemoryStore");
    super(embeddings, {});
    const requestedKernel = parsed.kernel ?? "auto";
    if (requestedKernel === "wasm-simd" && !isWasmSimdAvailable()) {
      throw new InvalidOptionError({
        option: "MemoryStore.kernel",
        value: requestedKernel,
        message: 'this runtime has no WebAssembly SIMD support; use "auto" or "javascript"',
      });
    }
    this.kernelChoice = requestedKernel === "auto" ? MemoryStore.defaultKernel() : requestedKernel;
    this.initialCapacity = parsed.initialCapacity ?? DEFAULT_INITIAL_CAPACITY;
    this.filterPackingRatio = parsed.filterPackingRatio ?? DEFAULT_FILTER_PACKING_RATIO;
    this.filterCache = new FilterCache(parsed.filterCacheSize ?? DEFAULT_FILTER_CACHE_SIZE);
    this.storeDimension = parsed.dimension ?? embeddingsDimension(embeddings);
    this.modelId = parsed.embeddingsModelId ?? embeddingsModelIdOf(embeddings);
  }

  _vectorstoreType(): string {
    return "advanced_retrievers_memory";
  }

  /** The vector dimension, once known (from the options, the embeddings, the first add or a loaded file). */
  get dimension(): number | undefined {
    return this.storeDimension;
  }

  /** The embeddings model id saved with the index, when known. */
  get embeddingsModelId(): string | undefined {
    return this.modelId;
  }

  /** The scoring kernel in use. */
  get kernel(): KernelName {
    return this.matrix?.kernel ?? this.kernelChoice;
  }

  /** Increases on every change of the contents (add, upsert, delete, load): a cheap version for caches. */
  get revision(): number {
    return this.mutationCount;
  }

  /** Bytes held by the vector matrix, including packed copies for cached filters. */
  get vectorBytes(): number {
    return this.matrix?.byteLength ?? 0;
  }

  // ---------------------------------------------------------------------------------------------
  // Writing

  /** Embeds the documents, then stores them all in one step (upsert by id). Returns the ids. */
  override async addDocuments(documents: DocumentInterface[], options: { ids?: string[] } = {}): Promise<string[]> {
    const ids = resolveDocumentIds(documents, options.ids);
    if (documents.length === 0) return [];
    const vectors = await this.embeddings.embedDocuments(documents.map((document) => document.pageContent));
    if (!Array.isArray(vectors) || vectors.length !== documents.length) {
      throw new RetrieverError({
        code: ErrorCodes.INVALID_VECTOR,
        message: `the embeddings returned ${Array.isArray(vectors) ? vectors.length : describeValue(vectors)} vectors for ${documents.length} documents; check the embeddings implementation`,
      });
    }
    this.commit(vectors, documents, ids);
    return ids;
  }

  /** Stores documents with precomputed vectors (upsert by id). Nothing is stored when any vector is invalid. */
  override async addVectors(vectors: number[][], documents: DocumentInterface[], options: { ids?: string[] } = {}): Promise<string[]> {
    const ids = resolveDocumentIds(documents, options.ids);
    if (!Array.isArray(vectors) || vectors.length !== documents.length) {
      throw new InvalidOptionError({
        option: "vectors",
        value: Array.isArray(vectors) ? `${vectors.length} vectors` : vectors,
        message: `need exactly one vector per document (${documents.length} documents)`,
      });
    }
    this.commit(vectors, documents, ids);
    return ids;
  }

  /** Removes documents by id; unknown ids are ignored. */
  override async delete(params: { ids: string[] }): Promise<void> {
    const ids = params?.ids;
    if (!Array.isArray(ids) || ids.some((id) => typeof id !== "string")) {
      throw new InvalidOptionError({ option: "ids", value: ids, message: "delete needs { ids: string[] }" });
    }
    let removed = 0;
    if (this.openSnapshots.size > 0 && ids.some((id) => this.rowById.has(id))) this.detachSnapshots();
    for (const id of ids) {
      const row = this.rowById.get(id);
      if (row === undefined) continue;
      this.removeRow(row);
      removed += 1;
    }
    if (removed > 0) this.markMutated();
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  /** Number of stored documents. */
  async count(): Promise<number> {
    return this.rowIds.length;
  }

  /** Exact top-k by cosine similarity among the documents matching the filter, best first. */
  async searchByVector(vector: number[], options: MemorySearchOptions): Promise<VectorHit[]> {
    const k = checkK(options?.k, "k");
    const threshold = options.scoreThreshold;
    if (threshold !== undefined && !(typeof threshold === "number" && threshold >= -1 && threshold <= 1)) {
      throw new InvalidOptionError({ option: "scoreThreshold", value: threshold, message: "must be a cosine similarity between -1 and 1" });
    }
    return this.searchRows(vector, k, options.filter, threshold ?? -Infinity).map((hit) => this.toHit(hit));
  }

  /** LangChain's vector search: `[document, cosine similarity]` pairs, best first. */
  async similaritySearchVectorWithScore(query: number[], k: number, filter?: this["FilterType"]): Promise<[DocumentInterface, number][]> {
    return this.searchRows(query, checkK(k, "k"), filter, -Infinity).map((hit) => [this.toDocument(hit.row), hit.score]);
  }

  /** MMR re-selection of the top `fetchK` similar documents; scores are the hits' similarities. */
  async maximalMarginalRelevanceByVector(vector: number[], options: MaximalMarginalRelevanceOptions): Promise<VectorHit[]> {
    const k = checkK(options?.k, "k");
    const fetchK = options.fetchK === undefined ? Math.max(DEFAULT_FETCH_K, k) : checkK(options.fetchK, "fetchK");
    if (fetchK < k) throw new InvalidOptionError({ option: "fetchK", value: fetchK, message: `must be at least k (${k})` });
    const lambda = options.lambda ?? DEFAULT_MMR_LAMBDA;
    if (!(typeof lambda === "number" && lambda >= 0 && lambda <= 1)) {
      throw new InvalidOptionError({ option: "lambda", value: lambda, message: "must be between 0 (diversity) and 1 (relevance)" });
    }
    const candidates = this.searchRows(vector, fetchK, options.filter, -Infinity);
    if (candidates.length === 0) return [];
    const matrix = this.matrix as VectorMatrix;
    const data = matrix.data;
    const dimension = this.storeDimension as number;
    const candidateVectors = candidates.map(({ row }) => data.subarray(row * matrix.stride, row * matrix.stride + dimension));
    const selection = maximalMarginalRelevance({ query: vector, candidates: candidateVectors, k, lambda });
    return selection.map((index) => this.toHit(candidates[index] as ScoredRow));
  }

  /** LangChain's MMR search: embeds the query, then `maximalMarginalRelevanceByVector`. */
  override async maxMarginalRelevanceSearch(
    query: string,
    options: MaxMarginalRelevanceSearchOptions<this["FilterType"]>,
    _callbacks?: Callbacks,
  ): Promise<DocumentInterface[]> {
    const vector = await this.embeddings.embedQuery(query);
    const hits = await this.maximalMarginalRelevanceByVector(vector, options);
    return hits.map((hit) => hit.document);
  }

  /** The stored documents with these ids, in the order asked; unknown ids are skipped (LangChain's `getByIds`). */
  async getByIds(ids: string[]): Promise<DocumentInterface[]> {
    if (!Array.isArray(ids) || ids.some((id) => typeof id !== "string"))
      throw new InvalidOptionError({ option: "ids", value: ids, message: "getByIds needs an array of ids (strings)" });
    return ids.flatMap((id) => {
      const row = this.rowById.get(id);
      return row === undefined ? [] : [this.toDocument(row)];
    });
  }

  /** Documents matching a filter (all when none), ordered by id (code-unit order), at most `limit`. */
  async listDocuments(options: { filter?: FilterExpression | null; limit?: number } = {}): Promise<DocumentInterface[]> {
    const limit = options.limit === undefined ? Infinity : checkK(options.limit, "limit");
    const matching = this.matchingRows(options.filter);
    const rows = matching ? Array.from(matching.entry.rows) : this.rowIds.map((_, row) => row);
    const ids = this.rowIds;
    rows.sort((left, right) => compareIds(ids[left] as string, ids[right] as string));
    return rows.slice(0, Math.min(limit, rows.length)).map((row) => this.toDocument(row));
  }

  // ---------------------------------------------------------------------------------------------
  // Persistence

  /**
   * Saves the store to one file (format version, dimension, embeddings model id, dataset fingerprint,
   * ids digest, vectors, documents, SHA-256 checksum), atomically: a crash mid-save leaves the previous
   * file intact. The file is written as a stream, a few megabytes at a time, so its size is not bounded
   * by the heap or the longest string. The content is the store as it was when `save` was called:
   * adds, upserts and deletes made while the file is written are not mixed in (the vectors are copied
   * aside only if such a change happens during the save).
   */
  async save(path: string, options: MemoryStoreSaveOptions = {}): Promise<void> {
    const { datasetFingerprint } = parseOptions(saveOptionsSchema, options, "MemoryStore.save");
    const count = this.rowIds.length;
    const dimension = this.storeDimension;
    if (dimension === undefined) {
      throw new InvalidOptionError({
        option: "dimension",
        value: undefined,
        message: "cannot save a store whose dimension is unknown: add documents first or pass the dimension option",
      });
    }
    // Captured now (references only): later writes replace entries, never change them in place.
    const ids = this.rowIds.slice();
    const contents = this.rowContents.slice();
    const metadata = this.rowMetadata.slice();
    const snapshot: SaveSnapshot = { count, dimension, vectors: null };
    this.openSnapshots.add(snapshot);
    try {
      await writeIndexFile(path, {
        dimension,
        count,
        embeddingsModelId: this.modelId ?? null,
        datasetFingerprint: datasetFingerprint ?? null,
        idsDigest: documentIdsDigest(ids),
        readVectors: (firstRow, rowCount, target) => {
          if (snapshot.vectors !== null) {
            target.set(snapshot.vectors.subarray(firstRow * dimension, (firstRow + rowCount) * dimension));
            return;
          }
          const { data, stride } = this.matrix as VectorMatrix;
          for (let offset = 0; offset < rowCount; offset += 1) {
            const row = firstRow + offset;
            target.set(data.subarray(row * stride, row * stride + dimension), offset * dimension);
          }
        },
        document: (row) => ({
          id: ids[row] as string,
          pageContent: contents[row] as string,
          metadata: metadata[row] as Record<string, unknown>,
        }),
      });
    } finally {
      this.openSnapshots.delete(snapshot);
    }
  }

  /**
   * Loads a store saved by `save`, streaming the file. Throws `RetrieverError` NOT_FOUND when the file
   * is missing, INDEX_CORRUPTED when it is truncated, altered or of an unknown format version,
   * INDEX_MISMATCH when it holds another dataset than `expectedFingerprint` / `expectedIdsDigest` say
   * (checked from the header, before the content is read), DIMENSION_MISMATCH when the embeddings'
   * dimension (the `dimension` option, or the embeddings' `dimensions` property) differs from the
   * index's (otherwise the first query checks it), and `InvalidOptionError` when the index was built
   * with another embeddings model.
   */
  static async load(path: string, embeddings: EmbeddingsInterface, options: MemoryStoreLoadOptions = {}): Promise<MemoryStore> {
    const { expectedFingerprint, expectedIdsDigest, ...parsed } = parseOptions(loadOptionsSchema, options, "MemoryStore.load");
    let store: MemoryStore | undefined;
    await readIndexFile(path, {
      header: (header) => {
        const expectedDimension = parsed.dimension ?? embeddingsDimension(embeddings);
        if (expectedDimension !== undefined && expectedDimension !== header.dimension) {
          throw new RetrieverError({
            code: ErrorCodes.DIMENSION_MISMATCH,
            message: `${path} holds ${header.dimension}-dimensional vectors${header.embeddingsModelId ? ` (model "${header.embeddingsModelId}")` : ""} but the embeddings produce ${expectedDimension}; use the embeddings the index was built with, or rebuild it with \`retrievers index\``,
          });
        }
        const currentModelId = parsed.embeddingsModelId ?? embeddingsModelIdOf(embeddings);
        if (header.embeddingsModelId && currentModelId && header.embeddingsModelId !== currentModelId) {
          throw new InvalidOptionError({
            option: "embeddings",
            value: currentModelId,
            message: `${path} was built with embeddings model "${header.embeddingsModelId}"; use that model, or rebuild the index with \`retrievers index\``,
          });
        }
        const mismatch = (what: string) =>
          new RetrieverError({
            code: ErrorCodes.INDEX_MISMATCH,
            message: `${path} holds another dataset than expected: ${what}; rebuild it with \`retrievers index\` (or build the store again and call save)`,
          });
        if (expectedFingerprint !== undefined && header.datasetFingerprint !== expectedFingerprint) {
          throw mismatch(
            header.datasetFingerprint === null
              ? `it was saved without a dataset fingerprint (format version ${header.formatVersion}), expected "${expectedFingerprint}"`
              : `its dataset fingerprint is "${header.datasetFingerprint}", expected "${expectedFingerprint}"`,
          );
        }
        if (expectedIdsDigest !== undefined && header.idsDigest !== expectedIdsDigest) {
          throw mismatch(
            header.idsDigest === null
              ? `it was saved without a digest of its document ids (format version ${header.formatVersion})`
              : `its ${header.count} document ids are not the expected ones (ids digest differs)`,
          );
        }
        store = new MemoryStore(embeddings, {
          ...parsed,
          dimension: header.dimension,
          ...((header.embeddingsModelId ?? currentModelId)
            ? { embeddingsModelId: (header.embeddingsModelId ?? currentModelId) as string }
            : {}),
          initialCapacity: Math.max(parsed.initialCapacity ?? DEFAULT_INITIAL_CAPACITY, header.count),
        });
        store.reserveRows(header.count, store.ensureMatrix(header.dimension));
      },
      vectors: (firstRow, rows) => (store as MemoryStore).restoreVectors(firstRow, rows),
      document: (row, document) => (store as MemoryStore).restoreDocument(row, document),
    });
    const loaded = store as MemoryStore;
    loaded.markMutated();
    return loaded;
  }

  /** Creates a store and adds the documents (embedding them). */
  static override async fromDocuments(
    documents: DocumentInterface[],
    embeddings: EmbeddingsInterface,
    options: MemoryStoreOptions & { ids?: string[] } = {},
  ): Promise<MemoryStore> {
    const { ids, ...storeOptions } = options;
    const store = new MemoryStore(embeddings, storeOptions);
    await store.addDocuments(documents, ids === undefined ? {} : { ids });
    return store;
  }

  /** Creates a store from texts and their metadata (one object per text, or one shared by all). */
  static override async fromTexts(
    texts: string[],
    metadatas: object[] | object,
    embeddings: EmbeddingsInterface,
    options: MemoryStoreOptions & { ids?: string[] } = {},
  ): Promise<MemoryStore> {
    const documents = texts.map(
      (text, index) =>
        new Document({ pageContent: text, metadata: { ...((Array.isArray(metadatas) ? metadatas[index] : metadatas) ?? {}) } }),
    );
    return MemoryStore.fromDocuments(documents, embeddings, options);
  }

  // ---------------------------------------------------------------------------------------------
  // Internals

  /**
   * Validates every vector, then writes all rows in one synchronous step: either the whole batch is
   * stored or nothing is, and no query can run in between.
   */
  private commit(vectors: ArrayLike<number>[], documents: DocumentInterface[], ids: string[]): void {
    if (documents.length === 0) return;
    const dimension = this.storeDimension ?? vectorLength(vectors[0], `document "${ids[0]}"`);
    const inverseNorms = new Float64Array(vectors.length);
    vectors.forEach((vector, index) => {
      inverseNorms[index] = 1 / checkedNorm(vector, dimension, `document "${ids[index]}"`, "the store");
    });
    documents.forEach((document, index) => {
      if (typeof document?.pageContent !== "string") {
        throw new InvalidOptionError({
          option: `documents[${index}].pageContent`,
          value: document?.pageContent,
          message: "must be a string",
        });
      }
    });
    const metadataCopies = documents.map((document, index) => cloneMetadata(document.metadata, index));

    // From here on nothing can fail on the data.
    if (this.openSnapshots.size > 0 && ids.some((id) => this.rowById.has(id))) this.detachSnapshots();
    this.storeDimension = dimension;
    this.ensureMatrix(dimension);
    const newIds = new Set(ids.filter((id) => !this.rowById.has(id)));
    const matrix = this.reserveRows(this.rowIds.length + newIds.size);
    const { stride } = matrix;
    for (let index = 0; index < ids.length; index += 1) {
      const id = ids[index] as string;
      const document = documents[index] as DocumentInterface;
      let row = this.rowById.get(id);
      if (row === undefined) {
        row = this.rowIds.length;
        this.rowIds.push(id);
        this.rowContents.push(document.pageContent);
        this.rowMetadata.push(metadataCopies[index] as Record<string, unknown>);
        this.rowSequences.push(this.nextSequence);
        this.nextSequence += 1;
        this.rowById.set(id, row);
      } else {
        this.rowContents[row] = document.pageContent;
        this.rowMetadata[row] = metadataCopies[index] as Record<string, unknown>;
      }
      writeUnitRow(matrix.data, row * stride, stride, vectors[index] as ArrayLike<number>, dimension, inverseNorms[index] as number);
    }
    this.markMutated();
  }

  /** Writes loaded unit-length rows (from `readIndexFile`) into the matrix, which already has room. */
  private restoreVectors(firstRow: number, rows: Float32Array): void {
    const dimension = this.storeDimension as number;
    const { data, stride } = this.matrix as VectorMatrix;
    const rowCount = rows.length / dimension;
    for (let offset = 0; offset < rowCount; offset += 1) {
      data.set(rows.subarray(offset * dimension, (offset + 1) * dimension), (firstRow + offset) * stride);
    }
  }

  /** Appends a loaded document as row `row` (documents come in row order, ids unique). */
  private restoreDocument(row: number, document: IndexDocument): void {
    this.rowIds.push(document.id);
    this.rowContents.push(document.pageContent);
    this.rowMetadata.push(document.metadata);
    this.rowSequences.push(this.nextSequence);
    this.nextSequence += 1;
    this.rowById.set(document.id, row);
  }

  /**
   * Called before a row is changed in place (upsert of an existing id, delete): saves in progress
   * get their own copy of the vectors first, so they write the store as it was when they started.
   */
  private detachSnapshots(): void {
    for (const snapshot of this.openSnapshots) {
      if (snapshot.vectors !== null || this.matrix === null) continue;
      const { data, stride } = this.matrix;
      const copy = new Float32Array(snapshot.count * snapshot.dimension);
      for (let row = 0; row < snapshot.count; row += 1)
        copy.set(data.subarray(row * stride, row * stride + snapshot.dimension), row * snapshot.dimension);
      snapshot.vectors = copy;
    }
  }

  private ensureMatrix(dimension: number): VectorMatrix {
    if (this.matrix) return this.matrix;
    this.matrix = createMatrix(this.kernelChoice, strideFor(dimension), this.initialCapacity);
    return this.matrix;
  }

  /** Grows the matrix to hold `rowCount` rows; past WebAssembly's 4 GiB the rows move to the JavaScript kernel. */
  private reserveRows(rowCount: number, matrix = this.matrix as VectorMatrix): VectorMatrix {
    try {
      matrix.reserve(rowCount);
      return matrix;
    } catch (error) {
      if (!(error instanceof RangeError) || matrix.kernel !== "wasm-simd") throw error;
      const fallback = new JavaScriptVectorMatrix(matrix.stride, grownCapacity(matrix.capacity, rowCount));
      fallback.data.set(matrix.data.subarray(0, this.rowIds.length * matrix.stride));
      this.matrix = fallback;
      return fallback;
    }
  }

  /** Deletes a row by moving the last row into its place (O(dimension)); ties stay ordered by sequence. */
  private removeRow(row: number): void {
    const matrix = this.matrix as VectorMatrix;
    const last = this.rowIds.length - 1;
    this.rowById.delete(this.rowIds[row] as string);
    if (row !== last) {
      const { data, stride } = matrix;
      data.copyWithin(row * stride, last * stride, (last + 1) * stride);
      this.rowIds[row] = this.rowIds[last] as string;
      this.rowContents[row] = this.rowContents[last] as string;
      this.rowMetadata[row] = this.rowMetadata[last] as Record<string, unknown>;
      this.rowSequences[row] = this.rowSequences[last] as number;
      this.rowById.set(this.rowIds[row] as string, row);
    }
    this.rowIds.pop();
    this.rowContents.pop();
    this.rowMetadata.pop();
    this.rowSequences.pop();
  }

  private markMutated(): void {
    this.mutationCount += 1;
    this.filterCache.clear();
    this.matrix?.resetPacked();
  }

  /** The core search: validated query, filter first, one scan, bounded-heap top-k. */
  private searchRows(vector: number[], k: number, filter: FilterExpression | null | undefined, minimumScore: number): ScoredRow[] {
    const dimension = this.storeDimension;
    if (dimension === undefined) {
      // Nothing stored and no dimension known: still reject a malformed query.
      checkedNorm(vector, vectorLength(vector, "the query vector"), "the query vector", "the store");
      this.matchingRows(filter);
      return [];
    }
    const inverseNorm = 1 / checkedNorm(vector, dimension, "the query vector", "the index");
    const matching = this.matchingRows(filter);
    const rowCount = this.rowIds.length;
    const matrix = this.matrix;
    if (rowCount === 0 || matrix === null || (matching && matching.entry.rows.length === 0)) return [];
    const sequences = this.rowSequences;

    if (!matching || matching.entry.rows.length === rowCount) {
      writeQuery(matrix, vector, dimension, inverseNorm);
      const scores = matrix.scoreAll(rowCount);
      return selectTopK(scores, k, (row) => sequences[row] as number, minimumScore).map(({ index, score }) => ({
        row: index,
        score: clampSimilarity(score),
      }));
    }
    const { rows } = matching.entry;
    writeQuery(matrix, vector, dimension, inverseNorm);
    const scores = this.packedScores(matching.entry) ?? this.unpackedScores(matrix, rows, rowCount);
    return selectTopK(scores, k, (index) => sequences[rows[index] as number] as number, minimumScore).map(({ index, score }) => ({
      row: rows[index] as number,
      score: clampSimilarity(score),
    }));
  }

  /**
   * The rows matching a filter (null = no filter, every row), from the cache when this store version
   * already answered the same filter. The predicate runs over the metadata only on a cache miss.
   */
  private matchingRows(filter: FilterExpression | null | undefined): { key: string; entry: FilterCacheEntry } | null {
    if (filter === null || filter === undefined) return null;
    if (typeof filter !== "object") {
      throw new InvalidFilterError({
        path: "",
        message: `MemoryStore takes a filter in the library's filter language (e.g. { field: "year", operator: "eq", value: 2024 }), got ${typeof filter === "function" ? "a function" : describeValue(filter)}`,
      });
    }
    const canonical = parseFilter(filter);
    const key = canonicalJson(canonical);
    const cached = this.filterCache.get(key);
    if (cached) {
      cached.uses += 1;
      return { key, entry: cached };
    }
    const predicate = compileFilter(canonical);
    const metadata = this.rowMetadata;
    const matches = new Uint32Array(metadata.length);
    let count = 0;
    for (let row = 0; row < metadata.length; row += 1) {
      if (predicate(metadata[row] as Record<string, unknown>)) {
        matches[count] = row;
        count += 1;
      }
    }
    const entry: FilterCacheEntry = { rows: matches.slice(0, count), packed: null, uses: 1 };
    this.filterCache.set(key, entry);
    return { key, entry };
  }

  /**
   * Scores of the matching rows from their packed copy, packing them on the filter's second query when
   * worth it (enough rows) and within the memory budget; null when not packed (then gather instead).
   * Scanning packed rows is sequential, several times faster than gathering scattered rows.
   */
  private packedScores(entry: FilterCacheEntry): Float32Array | null {
    const matrix = this.matrix as VectorMatrix;
    if (!entry.packed) {
      if (entry.uses < PACK_AFTER_USES || entry.rows.length < MINIMUM_PACKED_ROWS) return null;
      const maximumPackedRows = Math.floor(this.filterPackingRatio * this.rowIds.length);
      entry.packed = matrix.packRows(entry.rows, maximumPackedRows);
      if (!entry.packed) return null;
    }
    return matrix.scorePacked(entry.packed);
  }

  /**
   * Scores of scattered matching rows: gathered when they are few (or all fit in cache anyway); when they
   * are many, a sequential scan of all rows (then picking the matching scores) is faster than jumping
   * between them.
   */
  private unpackedScores(matrix: VectorMatrix, rows: Uint32Array, rowCount: number): Float32Array {
    if (rows.length < MINIMUM_PACKED_ROWS || rows.length < rowCount * GATHER_MAXIMUM_FRACTION) return matrix.scoreRows(rows);
    const all = matrix.scoreAll(rowCount);
    const scores = new Float32Array(rows.length);
    for (let index = 0; index < rows.length; index += 1) scores[index] = all[rows[index] as number] as number;
    return scores;
  }

  private toDocument(row: number): DocumentInterface {
    return new Document({
      id: this.rowIds[row] as string,
      pageContent: this.rowContents[row] as string,
      metadata: structuredClone(this.rowMetadata[row] as Record<string, unknown>),
    });
  }

  private toHit({ row, score }: ScoredRow): VectorHit {
    return { document: this.toDocument(row), score };
  }
}

function createMatrix(kernel: KernelName, stride: number, capacity: number): VectorMatrix {
  if (kernel === "wasm-simd") {
    try {
      return new WasmVectorMatrix(stride, capacity);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      // Past WebAssembly's 4 GiB: the portable kernel has no such limit.
    }
  }
  return new JavaScriptVectorMatrix(stride, capacity);
}

function checkK(value: unknown, option: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > MAXIMUM_K) {
    throw new InvalidOptionError({ option, value, message: `must be a whole number from 1 to ${MAXIMUM_K}` });
  }
  return value;
}

function vectorLength(vector: unknown, owner: string): number {
  const length = (vector as { length?: unknown } | null | undefined)?.length;
  if (typeof length !== "number" || length < 1 || length > MAXIMUM_DIMENSION) {
    throw new RetrieverError({
      code: ErrorCodes.INVALID_VECTOR,
      message: `${owner}: expected an array of 1 to ${MAXIMUM_DIMENSION} numbers, got ${describeValue(vector)}`,
    });
  }
  return length;
}

/**
 * The Euclidean norm of a vector after checking its length and values. Throws DIMENSION_MISMATCH for a
 * wrong length and INVALID_VECTOR for NaN, Infinity, a non-array or an all-zero vector.
 */
function checkedNorm(vector: ArrayLike<number>, dimension: number, owner: string, where: string): number {
  const length = (vector as { length?: unknown } | null | undefined)?.length;
  if (typeof length !== "number") {
    throw new RetrieverError({
      code: ErrorCodes.INVALID_VECTOR,
      message: `${owner}: expected an array of ${dimension} numbers, got ${describeValue(vector)}`,
    });
  }
  if (length !== dimension) {
    throw new RetrieverError({
      code: ErrorCodes.DIMENSION_MISMATCH,
      message: `${owner} has ${length} dimensions but ${where} expects ${dimension}; embed everything with the same embeddings model${where === "the index" ? ", or rebuild the index with `retrievers index`" : ""}`,
    });
  }
  let squares = 0;
  for (let index = 0; index < length; index += 1) {
    const value = vector[index] as number;
    squares += value * value;
  }
  if (!Number.isFinite(squares) || typeof squares !== "number") {
    for (let index = 0; index < length; index += 1) {
      const value = vector[index];
      if (typeof value !== "number" || !Number.isFinite(value)) {
        throw new RetrieverError({
          code: ErrorCodes.INVALID_VECTOR,
          message: `${owner} has ${describeValue(value)} at position ${index}; vectors must hold finite numbers (check the embeddings model output)`,
        });
      }
    }
    throw new RetrieverError({
      code: ErrorCodes.INVALID_VECTOR,
      message: `${owner} has values too large to normalise; check the embeddings model output`,
    });
  }
  if (squares === 0) {
    throw new RetrieverError({
      code: ErrorCodes.INVALID_VECTOR,
      message: `${owner} is all zeros, which has no direction (cosine similarity is undefined); check the embeddings model output`,
    });
  }
  return Math.sqrt(squares);
}

/** Writes `vector * inverseNorm` into a row and zeroes its padding. */
function writeUnitRow(
  data: Float32Array,
  base: number,
  stride: number,
  vector: ArrayLike<number>,
  dimension: number,
  inverseNorm: number,
): void {
  for (let index = 0; index < dimension; index += 1) data[base + index] = (vector[index] as number) * inverseNorm;
  data.fill(0, base + dimension, base + stride);
}

function writeQuery(matrix: VectorMatrix, vector: ArrayLike<number>, dimension: number, inverseNorm: number): void {
  writeUnitRow(matrix.query, 0, matrix.stride, vector, dimension, inverseNorm);
}

/** Rounding can put the dot product of two unit vectors a hair outside [-1, 1]. */
function clampSimilarity(score: number): number {
  return score > 1 ? 1 : score < -1 ? -1 : score;
}
