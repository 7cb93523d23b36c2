import type { Callbacks } from "@langchain/core/callbacks/manager";
import { compareIds, embeddingsDimension, embeddingsModelIdOf, resolveDocumentIds } from "../shared/store-inputs.js";
import { Document, type DocumentInterface } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { VectorStore, type MaxMarginalRelevanceSearchOptions } from "@langchain/core/vectorstores";
import type { Collection, CollectionMetadata, EmbeddingFunction, Metadata, Where } from "chromadb";
import { z } from "zod/v4";
import { ErrorCodes } from "../../core/errors/error-codes.js";
import { InvalidOptionError, describeValue } from "../../core/errors/invalid-option-error.js";
import { RetrieverError } from "../../core/errors/retriever-error.js";
import type { FilterExpression } from "../../core/filter/filter-schema.js";
import { parseOptions } from "../../core/parse-options.js";
import {
  DEFAULT_FETCH_K,
  DEFAULT_MMR_LAMBDA,
  type MaximalMarginalRelevanceOptions,
  type RetrieverVectorStore,
  type VectorHit,
  type VectorSearchOptions,
} from "../../core/vector-store.js";
import { maximalMarginalRelevance } from "../shared/maximal-marginal-relevance.js";
import {
  chromaRejectionOf,
  connectChroma,
  isMissingIdRejection,
  connectionOptionsShape,
  resolveChromaUrl,
  toLibraryError,
  type ChromaConnection,
  type ChromaConnectionOptions,
} from "./chroma-connection.js";
import { CHROMA_FILTER_LIMITS, planChromaFilter, type ChromaFilterPlan } from "./chroma-filter-plan.js";
import { decodeChromaMetadata, encodeChromaMetadata, type ChromaMetadata } from "./chroma-metadata.js";
import { COLLECTION_NAME_RULE, isValidCollectionName } from "./collection-name.js";

/** Upsert/delete batch size when the server does not tell its maximum. */
export const DEFAULT_CHROMA_BATCH_SIZE = 1_000;
/** Records read per request when listing documents or evaluating a filter in the store. */
export const DEFAULT_CHROMA_READ_PAGE_SIZE = 2_000;
/** Highest vector dimension accepted. */
export const CHROMA_MAXIMUM_DIMENSION = 65_536;
/** Highest `k` accepted by a search. */
export const CHROMA_MAXIMUM_K = 100_000;
/** Collection metadata keys this store writes. */
export const COLLECTION_METADATA_KEYS = {
  dimension: "dimension",
  embeddingsModel: "embeddings_model",
  arrayFields: "array_fields",
  createdBy: "created_by",
} as const;
const CREATED_BY = "advanced-retrievers";

/** HNSW index settings, applied when the collection is created (an existing collection keeps its own). */
export interface ChromaHnswOptions {
  /** Candidates explored per query: higher is more exact and slower. @default Chroma's (100) */
  efSearch?: number;
  /** Candidates explored per insert: higher builds a better graph, slower. @default Chroma's (100) */
  efConstruction?: number;
  /** Links per node. @default Chroma's (16) */
  maxNeighbors?: number;
}

/** Options of `new ChromaStore(embeddings, options)`. */
export interface ChromaStoreOptions extends ChromaConnectionOptions {
  /** The collection holding the documents; created (cosine space) on the first write. */
  collectionName: string;
  /**
   * The vector dimension, checked against every vector and recorded in the collection's metadata.
   * @default the embeddings' `dimensions` (or `dimension`) property when a number, else the first vector's length
   */
  dimension?: number;
  /** Embeddings model id recorded in the collection; opening a collection built with another model fails. @default the embeddings' `modelId`, `model` or `modelName` */
  embeddingsModelId?: string;
  /** Documents per upsert or delete request. @default the server's maximum batch size (5461 for a local Chroma 1.0) */
  batchSize?: number;
  /** Records per request when listing documents or evaluating a filter Chroma cannot. @default 2000 */
  readPageSize?: number;
  /** HNSW settings for a new collection. @default Chroma's */
  hnsw?: ChromaHnswOptions;
}

/** Options of `ChromaStore.searchByVector`. */
export interface ChromaSearchOptions extends VectorSearchOptions {
  /** Drop hits whose cosine similarity is below this. @default none */
  scoreThreshold?: number;
}

const optionsSchema = z
  .object({
    ...connectionOptionsShape,
    collectionName: z.string().refine(isValidCollectionName, `must be ${COLLECTION_NAME_RULE}`),
    dimension: z.number().int().positive().max(CHROMA_MAXIMUM_DIMENSION).optional(),
    embeddingsModelId: z.string().min(1).optional(),
    batchSize: z.number().int().positive().max(100_000).optional(),
    readPageSize: z.number().int().positive().max(100_000).optional(),
    hnsw: z
      .object({
        efSearch: z.number().int().positive().max(100_000).optional(),
        efConstruction: z.number().int().positive().max(100_000).optional(),
        maxNeighbors: z.number().int().positive().max(1_000).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

type ParsedOptions = z.output<typeof optionsSchema>;

/** Chroma never embeds anything for us: every add and query passes explicit vectors. */
const EXPLICIT_EMBEDDINGS_ONLY: EmbeddingFunction = {
  generate: async () => {
    throw new RetrieverError({
      code: ErrorCodes.INVALID_OPTION,
      message: "ChromaStore always passes explicit embeddings; Chroma must not embed texts itself",
    });
  },
};

/** One record read back from Chroma. */
interface ChromaRow {
  id: string;
  document: DocumentInterface;
  score: number;
  embedding: number[] | null;
}

/**
 * A Chroma-backed vector store: a LangChain `VectorStore` whose filters are the library's
 * `FilterExpression`, implementing `RetrieverVectorStore` like `MemoryStore`, so every technique can
 * run on either.
 *
 * - Vectors are always explicit (the store's embeddings compute them; Chroma never loads an
 *   embedding function). The collection is created on the first write, in cosine space, with the
 *   dimension and embeddings model recorded in its metadata; a vector of another dimension is a
 *   `DIMENSION_MISMATCH` naming the collection, before anything is sent.
 * - Scores are cosine similarities (1 - Chroma's cosine distance): higher is better, as in `MemoryStore`.
 * - Writes are upserts in batches of the server's maximum, with ids from `options.ids`, else
 *   `document.id`, else a content hash: re-adding the same documents is idempotent. All documents are
 *   validated before the first request; a failure between batches leaves the earlier batches stored
 *   (re-run the add: it is idempotent).
 * - Filters are translated to Chroma `where` when Chroma matches exactly what the in-memory store
 *   matches and the clause fits in what Chroma takes (`CHROMA_FILTER_LIMITS`); otherwise (negated
 *   ranges, non-integer numbers, string ranges, `contains`, array fields, a wide `or` or a long `in`)
 *   the store evaluates the filter on the metadata itself and restricts the query to the matching
 *   ids, in chunks. Results are the same either way.
 * - Metadata values Chroma cannot hold (arrays, objects, null) are kept as JSON and restored on read.
 * - Every request has a timeout and is retried on connection errors, 429 and 5xx; errors name
 *   "Chroma (<url>)" and say how to start a server.
 *
 * Chroma's index (HNSW) is approximate: on large collections a query may miss true neighbours that
 * `MemoryStore` (exact) returns (measured on random 512-d vectors with Chroma's defaults: recall@10
 * 0.96 at 1k documents, 0.49 at 10k; real embeddings cluster and fare better). Raise `hnsw.efSearch`
 * for more recall. Documents with exactly equal scores may come in another order than in `MemoryStore`.
 */
export class ChromaStore extends VectorStore implements RetrieverVectorStore {
  declare FilterType: FilterExpression;

  static override lc_name(): string {
    return "ChromaStore";
  }

  /** The collection's name. */
  readonly collectionName: string;
  /** The server URL (without credentials): the `url` option, else CHROMA_URL, else http://127.0.0.1:8000. */
  readonly url: string;
  private readonly settings: ParsedOptions;
  private storeDimension: number | undefined;
  private modelId: string | undefined;
  private connecting: Promise<ChromaConnection> | undefined;
  private collection: Collection | undefined;
  private opening: Promise<Collection | null> | undefined;
  /** Fields some stored document holds an array in (from the collection metadata and our writes). */
  private readonly arrayFields = new Set<string>();
  private maximumBatchSize: number | undefined;

  constructor(embeddings: EmbeddingsInterface, options: ChromaStoreOptions) {
    const parsed = parseOptions(optionsSchema, options, "ChromaStore");
    super(embeddings, {});
    this.settings = parsed;
    this.collectionName = parsed.collectionName;
    this.url = resolveChromaUrl(parsed.url);
    this.storeDimension = parsed.dimension ?? embeddingsDimension(embeddings);
    this.modelId = parsed.embeddingsModelId ?? embeddingsModelIdOf(embeddings);
  }

  _vectorstoreType(): string {
    return "advanced_retrievers_chroma";
  }

  /** The vector dimension, once known (options, embeddings, the collection or the first add). */
  get dimension(): number | undefined {
    return this.storeDimension;
  }

  /** The embeddings model id recorded with the collection, when known. */
  get embeddingsModelId(): string | undefined {
    return this.modelId;
  }

  // ---------------------------------------------------------------------------------------------
  // Writing

  /** Embeds the documents, then upserts them in batches. Returns the ids. */
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
    return this.addVectors(vectors, documents, { ids });
  }

  /** Upserts documents with precomputed vectors, in batches. Nothing is sent when any document is invalid. */
  override async addVectors(vectors: number[][], documents: DocumentInterface[], options: { ids?: string[] } = {}): Promise<string[]> {
    const ids = resolveDocumentIds(documents, options.ids);
    if (!Array.isArray(vectors) || vectors.length !== documents.length) {
      throw new InvalidOptionError({
        option: "vectors",
        value: Array.isArray(vectors) ? `${vectors.length} vectors` : vectors,
        message: `need exactly one vector per document (${documents.length} documents)`,
      });
    }
    if (documents.length === 0) return ids;

    // Validate everything before the first request.
    const dimension = this.storeDimension ?? vectorLength(vectors[0], `document "${ids[0]}"`);
    vectors.forEach((vector, index) => checkVector(vector, dimension, `document "${ids[index]}"`, this.describeCollection()));
    const records = new Map<string, { vector: number[]; content: string; metadata: ChromaMetadata | null }>();
    const newArrayFields = new Set<string>();
    documents.forEach((document, index) => {
      const id = ids[index] as string;
      const encoded = encodeChromaMetadata(document.metadata, `documents[${index}]`);
      for (const field of encoded.arrayFields) if (!this.arrayFields.has(field)) newArrayFields.add(field);
      // A later duplicate id wins, as in MemoryStore (Chroma refuses duplicates in one request).
      records.delete(id);
      records.set(id, { vector: vectors[index] as number[], content: document.pageContent, metadata: encoded.metadata });
    });

    const collection = await this.openForWriting(dimension);
    const collectionDimension = this.storeDimension ?? dimension;
    if (collectionDimension !== dimension) {
      vectors.forEach((vector, index) => checkVector(vector, collectionDimension, `document "${ids[index]}"`, this.describeCollection()));
    }
    if (newArrayFields.size > 0) await this.recordArrayFields(collection, newArrayFields);

    const batchSize = await this.batchSize();
    const entries = [...records.entries()];
    for (let start = 0; start < entries.length; start += batchSize) {
      const batch = entries.slice(start, start + batchSize);
      await this.request("upsert", () =>
        collection.upsert({
          ids: batch.map(([id]) => id),
          embeddings: batch.map(([, record]) => record.vector),
          documents: batch.map(([, record]) => record.content),
          // Chroma refuses empty metadata objects; null means "none".
          metadatas: batch.map(([, record]) => record.metadata) as Metadata[],
        }),
      );
    }
    return ids;
  }

  /** Removes documents by id; unknown ids are ignored. */
  override async delete(params: { ids: string[] }): Promise<void> {
    const ids = params?.ids;
    if (!Array.isArray(ids) || ids.some((id) => typeof id !== "string" || id.length === 0)) {
      throw new InvalidOptionError({ option: "ids", value: ids, message: "delete needs { ids: string[] } (non-empty strings)" });
    }
    const unique = [...new Set(ids)];
    if (unique.length === 0) return;
    const collection = await this.openForReading();
    if (collection === null) return;
    const batchSize = await this.batchSize();
    for (let start = 0; start < unique.length; start += batchSize) {
      const batch = unique.slice(start, start + batchSize);
      await this.request("delete", () => collection.delete({ ids: batch }));
    }
  }

  /** Deletes the whole collection (all documents and its settings). Missing collections are ignored. */
  async dropCollection(): Promise<void> {
    const { client } = await this.connection();
    try {
      await this.request("delete the collection", () => client.deleteCollection({ name: this.collectionName }));
    } catch (error) {
      if (chromaRejectionOf(error)?.status !== 404 && !isMissingCollection(error)) throw error;
    } finally {
      this.forgetCollection();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  /** Number of stored documents (0 when the collection does not exist yet). */
  async count(): Promise<number> {
    const collection = await this.openForReading();
    if (collection === null) return 0;
    return this.request("count", () => collection.count());
  }

  /** Top-k by cosine similarity among the documents matching the filter, best first. */
  async searchByVector(vector: number[], options: ChromaSearchOptions): Promise<VectorHit[]> {
    const k = checkK(options?.k, "k");
    const threshold = options.scoreThreshold;
    if (threshold !== undefined && !(typeof threshold === "number" && threshold >= -1 && threshold <= 1)) {
      throw new InvalidOptionError({ option: "scoreThreshold", value: threshold, message: "must be a cosine similarity between -1 and 1" });
    }
    const rows = await this.searchRows(vector, k, options.filter, false);
    return rows.filter((row) => threshold === undefined || row.score >= threshold).map(({ document, score }) => ({ document, score }));
  }

  /** LangChain's vector search: `[document, cosine similarity]` pairs, best first. */
  async similaritySearchVectorWithScore(query: number[], k: number, filter?: this["FilterType"]): Promise<[DocumentInterface, number][]> {
    const rows = await this.searchRows(query, checkK(k, "k"), filter, false);
    return rows.map((row) => [row.document, row.score]);
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
    const candidates = await this.searchRows(vector, fetchK, options.filter, true);
    if (candidates.length === 0) return [];
    const selection = maximalMarginalRelevance({ query: vector, candidates: candidates.map((row) => row.embedding ?? []), k, lambda });
    return selection.map((index) => {
      const row = candidates[index] as ChromaRow;
      return { document: row.document, score: row.score };
    });
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
    const collection = await this.openForReading();
    if (collection === null || ids.length === 0) return [];
    const documents = new Map<string, DocumentInterface>();
    const unique = [...new Set(ids)];
    const pageSize = this.readPageSize();
    for (let start = 0; start < unique.length; start += pageSize) {
      const page = unique.slice(start, start + pageSize);
      const result = await this.request("get", () => collection.get({ ids: page, include: ["documents", "metadatas"] }));
      result.ids.forEach((id, index) => {
        documents.set(id, toDocument(id, result.documents[index], result.metadatas[index]));
      });
    }
    // A fresh copy per position, so one returned document edited never changes another.
    return ids.flatMap((id) => {
      const document = documents.get(id);
      return document === undefined
        ? []
        : [new Document({ id, pageContent: document.pageContent, metadata: structuredClone(document.metadata) })];
    });
  }

  /** Documents matching a filter (all when none), ordered by id (code-unit order), at most `limit`. */
  async listDocuments(options: { filter?: FilterExpression | null; limit?: number } = {}): Promise<DocumentInterface[]> {
    const limit = options.limit === undefined ? Infinity : checkK(options.limit, "limit");
    const collection = await this.openForReading();
    const plan = planChromaFilter(options.filter, this.arrayFields);
    if (collection === null) return [];
    const ids = (await this.matchingIds(collection, plan)).sort(compareIds).slice(0, Math.min(limit, Number.MAX_SAFE_INTEGER));
    if (ids.length === 0) return [];
    const documents = new Map<string, DocumentInterface>();
    const pageSize = this.readPageSize();
    for (let start = 0; start < ids.length; start += pageSize) {
      const page = ids.slice(start, start + pageSize);
      const result = await this.request("get", () => collection.get({ ids: page, include: ["documents", "metadatas"] }));
      result.ids.forEach((id, index) => {
        documents.set(id, toDocument(id, result.documents[index], result.metadatas[index]));
      });
    }
    return ids.map((id) => documents.get(id)).filter((document): document is DocumentInterface => document !== undefined);
  }

  // ---------------------------------------------------------------------------------------------
  // Factories

  /** Creates a store and adds the documents (embedding them). */
  static override async fromDocuments(
    documents: DocumentInterface[],
    embeddings: EmbeddingsInterface,
    options: ChromaStoreOptions & { ids?: string[] },
  ): Promise<ChromaStore> {
    const { ids, ...storeOptions } = options;
    const store = new ChromaStore(embeddings, storeOptions);
    await store.addDocuments(documents, ids === undefined ? {} : { ids });
    return store;
  }

  /** Creates a store from texts and their metadata (one object per text, or one shared by all). */
  static override async fromTexts(
    texts: string[],
    metadatas: object[] | object,
    embeddings: EmbeddingsInterface,
    options: ChromaStoreOptions & { ids?: string[] },
  ): Promise<ChromaStore> {
    const documents = texts.map(
      (text, index) =>
        new Document({ pageContent: text, metadata: { ...((Array.isArray(metadatas) ? metadatas[index] : metadatas) ?? {}) } }),
    );
    return ChromaStore.fromDocuments(documents, embeddings, options);
  }

  // ---------------------------------------------------------------------------------------------
  // Internals

  private connection(): Promise<ChromaConnection> {
    if (this.connecting === undefined) {
      const {
        collectionName: _name,
        dimension: _dimension,
        embeddingsModelId: _model,
        batchSize: _batch,
        readPageSize: _page,
        hnsw: _hnsw,
        ...connectionOptions
      } = this.settings;
      this.connecting = connectChroma({ ...connectionOptions, url: this.url });
      this.connecting.catch(() => {
        this.connecting = undefined;
      });
    }
    return this.connecting;
  }

  /** Runs one Chroma call, turning the chromadb client's own errors and dimension rejections into library errors. */
  private async request<Result>(operation: string, run: () => Promise<Result>): Promise<Result> {
    const { service } = await this.connection();
    try {
      return await run();
    } catch (error) {
      const rejection = chromaRejectionOf(error);
      if (rejection?.status === 400 && /dimension/i.test(rejection.serverMessage)) {
        throw new RetrieverError({
          code: ErrorCodes.DIMENSION_MISMATCH,
          message: `${this.describeCollection()} on ${service} refused the ${operation}: ${rejection.serverMessage}; embed with the model the collection was built with, or use another collection name`,
          cause: error,
        });
      }
      if (isMissingCollection(error)) this.forgetCollection();
      throw toLibraryError(error, service);
    }
  }

  private describeCollection(): string {
    return `Chroma collection "${this.collectionName}"`;
  }

  private forgetCollection(): void {
    this.collection = undefined;
    this.opening = undefined;
  }

  /** The collection when it exists, else null (reads of a missing collection see an empty store). */
  private async openForReading(): Promise<Collection | null> {
    if (this.collection) return this.collection;
    this.opening ??= this.open(undefined).finally(() => {
      this.opening = undefined;
    });
    return this.opening;
  }

  /** The collection, created in cosine space with `dimension` when missing. */
  private async openForWriting(dimension: number): Promise<Collection> {
    if (this.collection) return this.collection;
    const existing = await this.openForReading();
    if (existing) return existing;
    const created = await this.open(dimension);
    if (created === null)
      throw new RetrieverError({ code: ErrorCodes.SERVICE_ERROR, message: `${this.describeCollection()} could not be created` });
    return created;
  }

  private async open(createWithDimension: number | undefined): Promise<Collection | null> {
    const { client } = await this.connection();
    let collection: Collection;
    try {
      if (createWithDimension === undefined) {
        collection = await this.request("open", () =>
          client.getCollection({ name: this.collectionName, embeddingFunction: EXPLICIT_EMBEDDINGS_ONLY }),
        );
      } else {
        const metadata: CollectionMetadata = {
          [COLLECTION_METADATA_KEYS.dimension]: createWithDimension,
          [COLLECTION_METADATA_KEYS.createdBy]: CREATED_BY,
        };
        if (this.modelId !== undefined) metadata[COLLECTION_METADATA_KEYS.embeddingsModel] = this.modelId;
        const hnsw = this.settings.hnsw ?? {};
        collection = await this.request("create", () =>
          client.getOrCreateCollection({
            name: this.collectionName,
            embeddingFunction: EXPLICIT_EMBEDDINGS_ONLY,
            metadata,
            configuration: {
              hnsw: {
                space: "cosine",
                ...(hnsw.efSearch === undefined ? {} : { ef_search: hnsw.efSearch }),
                ...(hnsw.efConstruction === undefined ? {} : { ef_construction: hnsw.efConstruction }),
                ...(hnsw.maxNeighbors === undefined ? {} : { max_neighbors: hnsw.maxNeighbors }),
              },
            },
          }),
        );
      }
    } catch (error) {
      if (createWithDimension === undefined && isMissingCollection(error)) return null;
      throw error;
    }
    this.adopt(collection);
    this.collection = collection;
    return collection;
  }

  /** Checks an opened collection against this store (space, dimension, model) and reads its settings. */
  private adopt(collection: Collection): void {
    const configuration = collection.configuration as { hnsw?: { space?: string } | null; spann?: { space?: string } | null } | undefined;
    const metadata = collection.metadata ?? {};
    const legacySpace = metadata["hnsw:space"];
    const space = configuration?.hnsw?.space ?? configuration?.spann?.space ?? (typeof legacySpace === "string" ? legacySpace : "l2");
    if (space !== "cosine") {
      throw new InvalidOptionError({
        option: "collectionName",
        value: this.collectionName,
        message: `this Chroma collection uses "${space}" distance but ChromaStore needs "cosine" (scores are cosine similarities); use another collection name`,
      });
    }
    const storedDimension = metadata[COLLECTION_METADATA_KEYS.dimension];
    if (typeof storedDimension === "number") {
      if (this.storeDimension !== undefined && this.storeDimension !== storedDimension) {
        const model = metadata[COLLECTION_METADATA_KEYS.embeddingsModel];
        throw new RetrieverError({
          code: ErrorCodes.DIMENSION_MISMATCH,
          message: `${this.describeCollection()} holds ${storedDimension}-dimensional vectors${typeof model === "string" ? ` (model "${model}")` : ""} but the embeddings produce ${this.storeDimension}; use the embeddings the collection was built with, or another collection name`,
        });
      }
      this.storeDimension = storedDimension;
    }
    const storedModel = metadata[COLLECTION_METADATA_KEYS.embeddingsModel];
    if (typeof storedModel === "string") {
      if (this.modelId !== undefined && this.modelId !== storedModel) {
        throw new InvalidOptionError({
          option: "embeddings",
          value: this.modelId,
          message: `${this.describeCollection()} was built with embeddings model "${storedModel}"; use that model, or another collection name`,
        });
      }
      this.modelId = storedModel;
    }
    const arrayFields = metadata[COLLECTION_METADATA_KEYS.arrayFields];
    if (typeof arrayFields === "string") {
      try {
        for (const field of JSON.parse(arrayFields) as unknown[]) if (typeof field === "string") this.arrayFields.add(field);
      } catch {
        // Not ours: ignore.
      }
    }
  }

  /** Records fields holding arrays in the collection metadata, so every client evaluates filters on them exactly. */
  private async recordArrayFields(collection: Collection, fields: Set<string>): Promise<void> {
    for (const field of fields) this.arrayFields.add(field);
    const metadata: CollectionMetadata = {
      ...(collection.metadata ?? {}),
      [COLLECTION_METADATA_KEYS.arrayFields]: JSON.stringify([...this.arrayFields].sort()),
    };
    for (const key of Object.keys(metadata)) if (key.startsWith("hnsw:")) delete metadata[key];
    await this.request("update the collection metadata", () => collection.modify({ metadata }));
  }

  private async batchSize(): Promise<number> {
    if (this.settings.batchSize !== undefined) return this.settings.batchSize;
    if (this.maximumBatchSize === undefined) {
      const { client } = await this.connection();
      const maximum = await this.request("read the server limits", () => client.getMaxBatchSize());
      this.maximumBatchSize = maximum > 0 ? maximum : DEFAULT_CHROMA_BATCH_SIZE;
    }
    return this.maximumBatchSize;
  }

  private readPageSize(): number {
    return this.settings.readPageSize ?? DEFAULT_CHROMA_READ_PAGE_SIZE;
  }

  /** The core search: validated query, filter plan, one Chroma query, similarities best first. */
  private async searchRows(
    vector: number[],
    k: number,
    filter: FilterExpression | null | undefined,
    withEmbeddings: boolean,
  ): Promise<ChromaRow[]> {
    const collection = await this.openForReading();
    const plan = planChromaFilter(filter, this.arrayFields);
    const dimension = this.storeDimension ?? vectorLength(vector, "the query vector");
    checkVector(vector, dimension, "the query vector", this.describeCollection());
    if (collection === null) return [];

    const include: Array<"documents" | "metadatas" | "distances" | "embeddings"> = withEmbeddings
      ? ["documents", "metadatas", "distances", "embeddings"]
      : ["documents", "metadatas", "distances"];
    const query = async (restriction: { ids: string[] } | { where: Where } | null): Promise<ChromaRow[]> => {
      const nResults = restriction !== null && "ids" in restriction ? Math.min(k, restriction.ids.length) : k;
      const result = await this.request("query", () =>
        collection.query({ queryEmbeddings: [vector], nResults, include, ...(restriction ?? {}) }),
      );
      const ids = result.ids[0] ?? [];
      return ids.map((id, index) => ({
        id,
        document: toDocument(id, result.documents[0]?.[index], result.metadatas[0]?.[index]),
        score: clampSimilarity(1 - (result.distances[0]?.[index] ?? 1)),
        embedding: result.embeddings[0]?.[index] ?? null,
      }));
    };

    let rows: ChromaRow[];
    if (plan.kind === "scan") {
      // The top k of each chunk of matching ids, merged: exactly the top k of all of them, and no
      // request larger than Chroma takes (CHROMA_FILTER_LIMITS.maximumIdsPerQuery).
      const ids = await this.matchingIds(collection, plan);
      if (ids.length === 0) return [];
      rows = [];
      for (let start = 0; start < ids.length; start += CHROMA_FILTER_LIMITS.maximumIdsPerQuery) {
        const chunk = ids.slice(start, start + CHROMA_FILTER_LIMITS.maximumIdsPerQuery);
        try {
          rows.push(...(await query({ ids: chunk })));
        } catch (error) {
          if (!isMissingIdRejection(error)) throw error;
          // A document was deleted between the listing and the query: query the ids still there.
          const present = (await this.request("get", () => collection.get({ ids: chunk, include: [] }))).ids;
          if (present.length > 0) rows.push(...(await query({ ids: present })));
        }
      }
    } else {
      rows = await query(plan.kind === "where" ? { where: plan.where } : null);
    }
    // Chroma answers best first, equal distances in insertion order (as MemoryStore breaks ties); keep that order.
    rows.sort((left, right) => right.score - left.score);
    return rows.slice(0, k);
  }

  /** Ids of the documents matching a plan (all documents when no filter), in no particular order. */
  private async matchingIds(collection: Collection, plan: ChromaFilterPlan): Promise<string[]> {
    const ids: string[] = [];
    const pageSize = this.readPageSize();
    for (let offset = 0; ; offset += pageSize) {
      const page = await this.request("get", () =>
        collection.get({
          limit: pageSize,
          offset,
          include: plan.kind === "scan" ? ["metadatas"] : [],
          ...(plan.kind === "where"
            ? { where: plan.where }
            : plan.kind === "scan" && plan.prefilter !== undefined
              ? { where: plan.prefilter }
              : {}),
        }),
      );
      page.ids.forEach((id, index) => {
        if (plan.kind !== "scan" || plan.predicate(decodeChromaMetadata(page.metadatas[index]))) ids.push(id);
      });
      if (page.ids.length < pageSize) return ids;
    }
  }
}

// -------------------------------------------------------------------------------------------------

function toDocument(
  id: string,
  content: string | null | undefined,
  metadata: Record<string, unknown> | null | undefined,
): DocumentInterface {
  return new Document({ id, pageContent: content ?? "", metadata: decodeChromaMetadata(metadata) });
}

function isMissingCollection(error: unknown): boolean {
  const rejection = chromaRejectionOf(error);
  if (rejection === undefined) return false;
  return rejection.status === 404 || (rejection.status === 400 && /does not exist|not found/i.test(rejection.serverMessage));
}

function checkK(value: unknown, option: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > CHROMA_MAXIMUM_K) {
    throw new InvalidOptionError({ option, value, message: `must be a whole number from 1 to ${CHROMA_MAXIMUM_K}` });
  }
  return value;
}

function vectorLength(vector: unknown, owner: string): number {
  const length = (vector as { length?: unknown } | null | undefined)?.length;
  if (!Array.isArray(vector) || typeof length !== "number" || length < 1 || length > CHROMA_MAXIMUM_DIMENSION) {
    throw new RetrieverError({
      code: ErrorCodes.INVALID_VECTOR,
      message: `${owner}: expected an array of 1 to ${CHROMA_MAXIMUM_DIMENSION} numbers, got ${describeValue(vector)}`,
    });
  }
  return length;
}

/** Throws DIMENSION_MISMATCH for a wrong length, INVALID_VECTOR for a non-array, NaN/Infinity or an all-zero vector. */
function checkVector(vector: unknown, dimension: number, owner: string, collection: string): void {
  if (!Array.isArray(vector)) {
    throw new RetrieverError({
      code: ErrorCodes.INVALID_VECTOR,
      message: `${owner}: expected an array of ${dimension} numbers, got ${describeValue(vector)}`,
    });
  }
  if (vector.length !== dimension) {
    throw new RetrieverError({
      code: ErrorCodes.DIMENSION_MISMATCH,
      message: `${owner} has ${vector.length} dimensions but ${collection} holds ${dimension}-dimensional vectors; embed everything with the same embeddings model, or use another collection name`,
    });
  }
  let squares = 0;
  for (let index = 0; index < dimension; index += 1) {
    const value = vector[index] as unknown;
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new RetrieverError({
        code: ErrorCodes.INVALID_VECTOR,
        message: `${owner} has ${describeValue(value)} at position ${index}; vectors must hold finite numbers (check the embeddings model output)`,
      });
    }
    squares += value * value;
  }
  if (squares === 0) {
    throw new RetrieverError({
      code: ErrorCodes.INVALID_VECTOR,
      message: `${owner} is all zeros, which has no direction (cosine similarity is undefined); check the embeddings model output`,
    });
  }
}

/** Rounding can put 1 - distance a hair outside [-1, 1]. */
function clampSimilarity(score: number): number {
  return score > 1 ? 1 : score < -1 ? -1 : score;
}
