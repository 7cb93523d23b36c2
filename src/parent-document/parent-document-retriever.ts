import { Document, type DocumentInterface } from "@langchain/core/documents";
import type { BaseRetrieverInput } from "@langchain/core/retrievers";
import type { VectorStoreInterface } from "@langchain/core/vectorstores";
import { RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import { z } from "zod/v4";
import { ErrorCodes } from "../core/errors/error-codes.js";
import { InvalidOptionError, describeValue } from "../core/errors/invalid-option-error.js";
import { RetrieverError } from "../core/errors/retriever-error.js";
import { andFilters } from "../core/filter/combine-filters.js";
import type { FilterExpression } from "../core/filter/filter-schema.js";
import { filterOptionSchema, kOptionSchema, pickRetrieverInput, retrieverOptionsSchema } from "../core/option-schemas.js";
import { parseOptions } from "../core/parse-options.js";
import { SearchRetriever, type SearchRequest, type SearchResult } from "../core/search-retriever.js";
import { throwIfAborted } from "../core/validate-query.js";
import type { RetrieverVectorStore } from "../core/vector-store.js";
import { vectorStoreOptionSchemaWith } from "../adapters/vector-store-option.js";
import { isComparingDocstore, isDocstore, listDocstoreKeys, type Docstore, type StoredContentComparison } from "../docstores/docstore.js";
import { InMemoryDocstore } from "../docstores/in-memory-docstore.js";
import { PARENT_RANKINGS, rankParents, type ChildMatch, type ParentCandidate, type ParentRanking } from "./rank-parents.js";
import {
  PARENT_CHUNK_SEPARATOR,
  PARENT_ID_KEY,
  isTextSplitter,
  CHUNK_INDEX_KEY,
  sameContent,
  splitChildrenOf,
  splitIntoParents,
  splitParentsAndChildren,
  type ParentWithChildren,
  type TextSplitterLike,
} from "./split-documents.js";

/** Child chunk size in characters (the reference's `RecursiveCharacterTextSplitter(chunk_size=200)`). */
export const DEFAULT_CHILD_CHUNK_SIZE = 200;
/** Characters shared by consecutive child chunks. */
export const DEFAULT_CHILD_CHUNK_OVERLAP = 0;
/** The first search round fetches `k` times this many children; each further round doubles it. */
export const DEFAULT_CHILD_FETCH_MULTIPLIER = 4;
/** With `parentRanking: "sum"`, how many of a parent's best child scores are added up. */
export const DEFAULT_SUMMED_CHILD_SCORES = 3;
/** Children embedded per `embedDocuments` call when adding documents (across parents). */
export const DEFAULT_EMBEDDING_BATCH_SIZE = 256;
/** Most children one search round asks the store for (the stores' `k` limit). */
export const MAXIMUM_CHILD_FETCH = 100_000;
/** Parent ids per `in` filter when listing the children of many parents. */
const PARENT_IDS_PER_LISTING = 500;
/** Up to this many parents, the add path lists their children with one `in` filter; beyond, it lists the whole store once. */
const PARENT_IDS_PER_FILTER = 10_000;

export interface ParentDocumentRetrieverOptions extends BaseRetrieverInput {
  /**
   * Where the child vectors live: a store of this library or any LangChain `VectorStore` (adapted by
   * `fromLangChainVectorStore`); its `embeddings` embed children and questions.
   */
  store: RetrieverVectorStore | VectorStoreInterface;
  /** Where the parents live: `InMemoryDocstore`, `FileDocstore` (survives restarts) or any `Docstore`. @default a new InMemoryDocstore */
  docstore?: Docstore;
  /** Parents per search; a call's `k` overrides it. @default 4 */
  k?: number;
  /** Splits parents into children. Give either this or `childChunkSize`/`childChunkOverlap`. @default RecursiveCharacterTextSplitter({ chunkSize: 200, chunkOverlap: 0 }) */
  childSplitter?: TextSplitterLike;
  /** Child chunk size in characters for the default child splitter. @default 200 */
  childChunkSize?: number;
  /** Characters shared by consecutive children for the default child splitter; below `childChunkSize`. @default 0 */
  childChunkOverlap?: number;
  /** Splits each added document into parents; none = each document is one parent (a CSV row, a review). @default none */
  parentSplitter?: TextSplitterLike | null;
  /** `max`: a parent scores its best child's similarity; `sum`: the sum of its best `summedChildScores`. @default "max" */
  parentRanking?: ParentRanking;
  /** `sum` ranking only: how many of a parent's best child scores are added up. @default 3 */
  summedChildScores?: number;
  /** The first search round fetches `k` times this many children; later rounds double until `k` parents are found. @default 4 */
  childFetchMultiplier?: number;
  /** Children embedded per `embedDocuments` call in `addDocuments`, across parents. @default 256 */
  embeddingBatchSize?: number;
  /** A filter applied to every child search; per-call filters are AND-ed with it. Children carry their parent's metadata. @default none */
  filter?: FilterExpression | null;
}

/** The same options in LangChain's spelling (`vectorstore`, `parentK`), as its `ParentDocumentRetriever` takes them. */
export interface LangChainParentDocumentRetrieverOptions extends Omit<ParentDocumentRetrieverOptions, "store" | "k"> {
  vectorstore: RetrieverVectorStore | VectorStoreInterface;
  parentK?: number;
}

const positiveInteger = (maximum: number) => z.number().int().positive().max(maximum);

/** LangChain's `ParentDocumentRetriever` names for our options. */
const PARENT_DOCUMENT_ALIASES = { vectorstore: "store", parentK: "k" } as const;
/** LangChain options that have no equivalent here, with what to do instead. */
const PARENT_DOCUMENT_REJECTED = {
  byteStore: "is not supported; give a `docstore` (InMemoryDocstore, FileDocstore or any Docstore)",
  childK: "is not needed: children are fetched in growing rounds until `k` distinct parents are found (see `childFetchMultiplier`)",
  idKey: `is fixed here: children carry their parent's id under "${PARENT_ID_KEY}"`,
  childDocumentRetriever: "is not supported; give the child vector store as `store`",
  documentCompressor: "is not supported here; wrap this retriever in ContextualCompressionRetriever",
} as const;

const optionsSchema = retrieverOptionsSchema({
  store: vectorStoreOptionSchemaWith(["addVectors", "delete", "listDocuments", "count"]),
  docstore: z
    .custom<Docstore>(
      isDocstore,
      "must be a docstore (InMemoryDocstore, FileDocstore, or an object with mget, mset, mdelete and yieldKeys)",
    )
    .optional(),
  k: kOptionSchema.optional(),
  childSplitter: z
    .custom<TextSplitterLike>(isTextSplitter, "must be a text splitter (an object with splitText), e.g. RecursiveCharacterTextSplitter")
    .optional(),
  childChunkSize: positiveInteger(1_000_000).optional(),
  childChunkOverlap: z.number().int().min(0).max(1_000_000).optional(),
  parentSplitter: z
    .custom<TextSplitterLike>(isTextSplitter, "must be a text splitter (an object with splitText), e.g. RecursiveCharacterTextSplitter")
    .nullable()
    .optional(),
  parentRanking: z.enum(PARENT_RANKINGS).optional(),
  summedChildScores: positiveInteger(1_000).optional(),
  childFetchMultiplier: positiveInteger(1_000).optional(),
  embeddingBatchSize: positiveInteger(100_000).optional(),
  filter: filterOptionSchema.optional(),
}).superRefine((options, context) => {
  if (options.childSplitter !== undefined) {
    for (const key of ["childChunkSize", "childChunkOverlap"] as const) {
      if (options[key] !== undefined)
        context.addIssue({
          code: "custom",
          path: [key],
          message: "cannot be combined with childSplitter; configure the chunk size on your splitter instead",
        });
    }
  }
  const size = options.childChunkSize ?? DEFAULT_CHILD_CHUNK_SIZE;
  if (options.childChunkOverlap !== undefined && options.childChunkOverlap >= size) {
    context.addIssue({ code: "custom", path: ["childChunkOverlap"], message: `must be smaller than childChunkSize (${size})` });
  }
});

/** What a parent-document result's `details` hold. */
export interface ParentDocumentDetails {
  /** The parent's children that matched the question, best first: id, text and similarity. */
  children: ChildMatch[];
}

/** What `addDocuments` did. */
export interface AddParentDocumentsResult {
  /** The ids of the parents of the added documents, in input order (duplicates removed). */
  parentIds: string[];
  /** Parents that were not stored before. */
  addedParents: string[];
  /** Parents stored before with different text or metadata; their children were replaced. */
  updatedParents: string[];
  /** Parents already stored with identical text and metadata: nothing was done for them. */
  unchangedParents: string[];
  /** Parents removed because a re-added document now splits into fewer parents (parent splitter only). */
  removedParents: string[];
  /** Children embedded and stored. */
  addedChildren: number;
  /** Old children removed (of updated or removed parents). */
  removedChildren: number;
}

/** What `deleteDocuments` did. */
export interface DeleteParentDocumentsResult {
  /** Parents that existed and were removed. */
  deletedParents: string[];
  /** Their children removed from the vector store. */
  deletedChildren: number;
}

/** Counts for reports. */
export interface ParentDocumentStats {
  parents: number;
  children: number;
}

/**
 * The parent-document technique: small child chunks are searched (precise matches), whole parents are
 * returned (full context). Each added document is a parent (or is split into parents by
 * `parentSplitter`); each parent is split into children whose vectors go to `store`, with the
 * parent's metadata plus `parent_id` and `chunk_index`; parents go to `docstore`.
 *
 * Unlike LangChain's version (which returns however many distinct parents its top children happen to
 * have), `search` returns exactly `k` distinct parents whenever `k` parents match: it fetches children
 * in growing rounds (`k * childFetchMultiplier`, then doubling) until it has `k` distinct parents or
 * has seen every matching child. Parents are ranked by their best child (or the sum of their best
 * children, `parentRanking: "sum"`; with "sum" only the children fetched count). Each result has stage
 * "parent", the parent's score and `details.children`: the matching child snippets and their scores.
 *
 * A filter applies to the child search; as children carry their parent's metadata it selects parents,
 * so the retriever composes with self-query. `addDocuments` is idempotent (parents with identical
 * content are skipped, changed parents get their children replaced) and embeds children in batches
 * across parents; `deleteDocuments` removes parents and their children. With a persistent store
 * (`MemoryStore.save`/`load`, Chroma) and a `FileDocstore`, a retriever reopened after a restart
 * returns the same results.
 *
 * A docstore and a vector store belong together and to one child splitter: reopen them with the same
 * splitter settings (a parent whose content did not change is not re-split). Documents without `id`
 * are keyed by a content hash, so an edited copy of such a document is a new parent; give documents
 * ids to replace them.
 */
export class ParentDocumentRetriever extends SearchRetriever {
  static override lc_name(): string {
    return "ParentDocumentRetriever";
  }

  readonly store: RetrieverVectorStore;
  readonly docstore: Docstore;
  readonly childSplitter: TextSplitterLike;
  /** Chunk size and overlap of the default child splitter; undefined when a custom splitter was given. */
  readonly childChunkSize: number | undefined;
  readonly childChunkOverlap: number | undefined;
  readonly parentSplitter: TextSplitterLike | null;
  readonly parentRanking: ParentRanking;
  readonly summedChildScores: number;
  readonly childFetchMultiplier: number;
  readonly embeddingBatchSize: number;
  /** Writes (add, delete) run one after another, so their store and docstore changes never interleave. */
  private writes: Promise<unknown> = Promise.resolve();

  constructor(options: ParentDocumentRetrieverOptions | LangChainParentDocumentRetrieverOptions) {
    const parsed = parseOptions(optionsSchema, options, "ParentDocumentRetriever", {
      aliases: PARENT_DOCUMENT_ALIASES,
      rejected: PARENT_DOCUMENT_REJECTED,
    });
    super({ ...pickRetrieverInput(parsed), k: parsed.k, filter: parsed.filter });
    this.store = parsed.store;
    this.docstore = parsed.docstore ?? new InMemoryDocstore();
    if (parsed.childSplitter !== undefined) {
      this.childSplitter = parsed.childSplitter;
      this.childChunkSize = undefined;
      this.childChunkOverlap = undefined;
    } else {
      this.childChunkSize = parsed.childChunkSize ?? DEFAULT_CHILD_CHUNK_SIZE;
      this.childChunkOverlap = parsed.childChunkOverlap ?? DEFAULT_CHILD_CHUNK_OVERLAP;
      this.childSplitter = new RecursiveCharacterTextSplitter({ chunkSize: this.childChunkSize, chunkOverlap: this.childChunkOverlap });
    }
    this.parentSplitter = parsed.parentSplitter ?? null;
    this.parentRanking = parsed.parentRanking ?? "max";
    this.summedChildScores = parsed.summedChildScores ?? DEFAULT_SUMMED_CHILD_SCORES;
    this.childFetchMultiplier = parsed.childFetchMultiplier ?? DEFAULT_CHILD_FETCH_MULTIPLIER;
    this.embeddingBatchSize = parsed.embeddingBatchSize ?? DEFAULT_EMBEDDING_BATCH_SIZE;
  }

  // ---------------------------------------------------------------------------------------------
  // Searching

  /** The best `k` distinct parents for the question, with their matching children in `details.children`. */
  protected async searchResolved({ query, k, filter, signal }: SearchRequest): Promise<SearchResult[]> {
    const vector = await this.store.embeddings.embedQuery(query);

    const parents = new Map<string, DocumentInterface | null>();
    let fetchCount = Math.min(k * this.childFetchMultiplier, MAXIMUM_CHILD_FETCH);
    let totalChildren: number | undefined;
    for (;;) {
      throwIfAborted(signal);
      const hits = await this.store.searchByVector(vector, { k: fetchCount, filter });
      throwIfAborted(signal);
      const selected = await this.selectParents(rankParents(hits, this.parentRanking, this.summedChildScores), k, parents);
      let exhausted = hits.length < fetchCount || fetchCount >= MAXIMUM_CHILD_FETCH;
      if (selected.length < k && !exhausted) {
        totalChildren ??= await this.store.count();
        exhausted = fetchCount >= totalChildren;
      }
      if (selected.length >= k || exhausted) {
        return selected.map(({ candidate, parent }) => ({
          document: parent,
          score: candidate.score,
          stage: "parent",
          details: { children: candidate.children } satisfies ParentDocumentDetails,
        }));
      }
      fetchCount = Math.min(fetchCount * 2, MAXIMUM_CHILD_FETCH, totalChildren ?? MAXIMUM_CHILD_FETCH);
    }
  }

  /**
   * The parents having at least one child that matches the filter (all when none), ordered by parent id, at
   * most `limit`: for questions that are only a filter ("reviews of John Wick 3 rated 10"). Same
   * signature as `RetrieverVectorStore.listDocuments`, so code that lists a store's documents can list
   * this retriever's parents instead of its children.
   */
  async listDocuments(options: { filter?: FilterExpression | null; limit?: number } = {}): Promise<DocumentInterface[]> {
    const limit = options.limit ?? Infinity;
    if (!(limit === Infinity || (Number.isInteger(limit) && limit >= 0)))
      throw new InvalidOptionError({ option: "limit", value: limit, message: "must be a whole number >= 0" });
    const children = await this.store.listDocuments({ filter: andFilters(this.filter, options.filter) });
    const parentIds = [
      ...new Set(children.map((child) => child.metadata?.[PARENT_ID_KEY]).filter((id): id is string => typeof id === "string")),
    ].sort((left, right) => (left < right ? -1 : left > right ? 1 : 0));
    const parents: DocumentInterface[] = [];
    for (let start = 0; start < parentIds.length && parents.length < limit; start += PARENT_IDS_PER_LISTING) {
      const ids = parentIds.slice(start, start + PARENT_IDS_PER_LISTING);
      const found = await this.docstore.mget(ids);
      found.forEach((parent, index) => {
        if (parent !== undefined && parents.length < limit) parents.push(withParentId(parent, ids[index] as string));
      });
    }
    return parents;
  }

  /** The first `k` candidates whose parent is in the docstore (children whose parent is missing are skipped). */
  private async selectParents(
    ranked: ParentCandidate[],
    k: number,
    parents: Map<string, DocumentInterface | null>,
  ): Promise<Array<{ candidate: ParentCandidate; parent: DocumentInterface }>> {
    const selected: Array<{ candidate: ParentCandidate; parent: DocumentInterface }> = [];
    let position = 0;
    while (selected.length < k && position < ranked.length) {
      const batch = ranked.slice(position, position + (k - selected.length));
      position += batch.length;
      const unknown = batch.map((candidate) => candidate.parentId).filter((id) => !parents.has(id));
      if (unknown.length > 0) {
        const found = await this.docstore.mget(unknown);
        unknown.forEach((id, index) => parents.set(id, found[index] ?? null));
      }
      for (const candidate of batch) {
        const parent = parents.get(candidate.parentId);
        if (parent) selected.push({ candidate, parent: withParentId(parent, candidate.parentId) });
      }
    }
    return selected;
  }

  // ---------------------------------------------------------------------------------------------
  // Writing

  /**
   * Splits documents into parents and children exactly as `addDocuments` does, without storing
   * anything: to build the child index elsewhere (e.g. a saved index) and fill the docstore with
   * `parents`.
   */
  async split(documents: DocumentInterface[]): Promise<{ parents: DocumentInterface[]; children: DocumentInterface[] }> {
    const groups = await this.splitGroups(documents);
    return { parents: groups.map((group) => group.parent), children: groups.flatMap((group) => group.children) };
  }

  /**
   * Adds documents: each becomes a parent (or several, with a parent splitter). A parent already
   * stored with identical text and metadata is skipped; a changed one has its children replaced. New
   * children are embedded in batches of `embeddingBatchSize` across parents and stored before the
   * parents, so an interrupted add is completed by adding the same documents again.
   */
  async addDocuments(documents: DocumentInterface[], options: { signal?: AbortSignal } = {}): Promise<AddParentDocumentsResult> {
    return this.serialize(() => this.addDocumentsNow(documents, options.signal));
  }

  /** Removes parents (by id) and their children. With a parent splitter, a document id removes all its parents. Unknown ids are ignored. */
  async deleteDocuments(parentIds: string[]): Promise<DeleteParentDocumentsResult> {
    if (!Array.isArray(parentIds) || parentIds.some((id) => typeof id !== "string")) {
      throw new InvalidOptionError({ option: "parentIds", value: parentIds, message: "must be an array of parent ids (strings)" });
    }
    return this.serialize(async () => {
      const ids = new Set(parentIds);
      if (this.parentSplitter !== null) {
        for (const id of parentIds) for (const key of await listDocstoreKeys(this.docstore, `${id}${PARENT_CHUNK_SEPARATOR}`)) ids.add(key);
      }
      const candidates = [...ids];
      const found = await this.docstore.mget(candidates);
      const deletedParents = candidates.filter((_, index) => found[index] !== undefined);
      const deletedChildren = await this.deleteChildren(candidates);
      await this.docstore.mdelete(candidates);
      return { deletedParents, deletedChildren };
    });
  }

  /** Number of parents in the docstore and children in the vector store. */
  async stats(): Promise<ParentDocumentStats> {
    const [parents, children] = await Promise.all([listDocstoreKeys(this.docstore), this.store.count()]);
    return { parents: parents.length, children };
  }

  /**
   * The add path, linear in the documents and the store: parents are compared with the docstore
   * before any child splitting (unchanged parents are never re-split), and which parents already have
   * children, and which children to replace, come from ONE listing of the store (`childrenOfParents`),
   * not one listing per batch of parents.
   */
  private async addDocumentsNow(documents: DocumentInterface[], signal: AbortSignal | undefined): Promise<AddParentDocumentsResult> {
    throwIfAborted(signal);
    const parents = await splitIntoParents(documents, { parentSplitter: this.parentSplitter });
    const parentIds = parents.map(({ parent }) => parent.id as string);
    const comparison = await this.compareWithDocstore(parents.map(({ parent }) => parent));

    // Parents a re-added document no longer splits into (parent splitter only): one listing of the keys.
    const removedParents: string[] = [];
    if (this.parentSplitter !== null) {
      const current = new Set(parentIds);
      const sources = new Set(parents.map(({ sourceId }) => sourceId));
      for (const key of await listDocstoreKeys(this.docstore)) {
        const separator = key.lastIndexOf(PARENT_CHUNK_SEPARATOR);
        if (separator >= 0 && sources.has(key.slice(0, separator)) && !current.has(key)) removedParents.push(key);
      }
    }

    // A stored parent whose children are missing (e.g. a saved docstore reopened with an empty vector
    // store) is re-indexed rather than skipped.
    const identical = new Set(parentIds.filter((_, index) => comparison[index] === "same"));
    const indexed = await this.parentsWithFirstChild([...identical]);
    const addedParents: string[] = [];
    const updatedParents: string[] = [];
    const unchangedParents: string[] = [];
    const changed: DocumentInterface[] = [];
    parents.forEach(({ parent }, index) => {
      const id = parentIds[index] as string;
      if (comparison[index] === "missing") addedParents.push(id);
      else if (identical.has(id) && indexed.has(id)) {
        unchangedParents.push(id);
        return;
      } else updatedParents.push(id);
      changed.push(parent);
    });
    // The children now stored for the parents whose children are replaced or removed.
    const childrenByParent = await this.childrenOfParents([...updatedParents, ...removedParents]);

    const newChildren: DocumentInterface[] = [];
    for (const parent of changed) newChildren.push(...(await splitChildrenOf(parent, this.childSplitter)));
    for (let start = 0; start < newChildren.length; start += this.embeddingBatchSize) {
      throwIfAborted(signal);
      const batch = newChildren.slice(start, start + this.embeddingBatchSize);
      const vectors = await this.store.embeddings.embedDocuments(batch.map((child) => child.pageContent));
      if (!Array.isArray(vectors) || vectors.length !== batch.length) {
        throw new RetrieverError({
          code: ErrorCodes.INVALID_VECTOR,
          message: `the embeddings returned ${Array.isArray(vectors) ? vectors.length : describeValue(vectors)} vectors for ${batch.length} child chunks; check the embeddings implementation`,
        });
      }
      await this.store.addVectors(vectors, batch, { ids: batch.map((child) => child.id as string) });
    }

    // Old children of updated and removed parents that the new split did not overwrite.
    const keptChildIds = new Set(newChildren.map((child) => child.id as string));
    const stale = [...updatedParents, ...removedParents].flatMap((id) =>
      (childrenByParent.get(id) ?? []).filter((childId) => !keptChildIds.has(childId)),
    );
    if (stale.length > 0) await this.store.delete({ ids: stale });
    if (changed.length > 0) await this.docstore.mset(changed.map((parent) => [parent.id as string, parent]));
    if (removedParents.length > 0) await this.docstore.mdelete(removedParents);
    return {
      parentIds,
      addedParents,
      updatedParents,
      unchangedParents,
      removedParents,
      addedChildren: newChildren.length,
      removedChildren: stale.length,
    };
  }

  /** Whether each parent is missing from the docstore, stored the same, or stored with other content. */
  private async compareWithDocstore(parents: DocumentInterface[]): Promise<StoredContentComparison[]> {
    const entries = parents.map((parent): [string, DocumentInterface] => [parent.id as string, parent]);
    if (isComparingDocstore(this.docstore)) return this.docstore.compareContent(entries);
    const stored = await this.docstore.mget(entries.map(([id]) => id));
    return stored.map((previous, index) =>
      previous === undefined ? "missing" : sameContent(previous, parents[index] as DocumentInterface) ? "same" : "changed",
    );
  }

  /**
   * Which of `parentIds` have their first child (chunk 0) in the store, i.e. were indexed: from ONE
   * listing of the first children (of these parents when few, of all parents when many; never a filter
   * of more than `PARENT_IDS_PER_FILTER` values), so the cost is linear.
   */
  private async parentsWithFirstChild(parentIds: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    if (parentIds.length === 0) return found;
    const wanted = new Set(parentIds);
    const firstChildren: FilterExpression = { field: CHUNK_INDEX_KEY, operator: "eq", value: 0 };
    const filter: FilterExpression =
      wanted.size <= PARENT_IDS_PER_FILTER
        ? { and: [{ field: PARENT_ID_KEY, operator: "in", value: [...wanted] }, firstChildren] }
        : firstChildren;
    for (const child of await this.store.listDocuments({ filter })) {
      const parentId = child.metadata?.[PARENT_ID_KEY];
      if (typeof parentId === "string" && wanted.has(parentId)) found.add(parentId);
    }
    return found;
  }

  /**
   * An index parent id → ids of its children in the store, for `parentIds` (parents without children
   * are absent), from ONE listing: filtered by parent id for a few parents, the whole store for many
   * (never a filter of more than `PARENT_IDS_PER_FILTER` values), so the cost is linear.
   */
  private async childrenOfParents(parentIds: string[]): Promise<Map<string, string[]>> {
    const children = new Map<string, string[]>();
    if (parentIds.length === 0) return children;
    const wanted = new Set(parentIds);
    const listed = await this.store.listDocuments(
      wanted.size <= PARENT_IDS_PER_FILTER ? { filter: { field: PARENT_ID_KEY, operator: "in", value: [...wanted] } } : {},
    );
    for (const child of listed) {
      const parentId = child.metadata?.[PARENT_ID_KEY];
      if (typeof parentId !== "string" || typeof child.id !== "string" || !wanted.has(parentId)) continue;
      const list = children.get(parentId);
      if (list === undefined) children.set(parentId, [child.id]);
      else list.push(child.id);
    }
    return children;
  }

  /** Deletes the stored children of `parentIds` (one listing, see `childrenOfParents`). Returns how many were deleted. */
  private async deleteChildren(parentIds: string[]): Promise<number> {
    const stale = [...(await this.childrenOfParents(parentIds)).values()].flat();
    if (stale.length > 0) await this.store.delete({ ids: stale });
    return stale.length;
  }

  private splitGroups(documents: DocumentInterface[]): Promise<ParentWithChildren[]> {
    return splitParentsAndChildren(documents, { childSplitter: this.childSplitter, parentSplitter: this.parentSplitter });
  }

  private serialize<Result>(operation: () => Promise<Result>): Promise<Result> {
    const result = this.writes.then(operation);
    this.writes = result.catch(() => undefined);
    return result;
  }
}

/** The parent as a result document, with its id set (docstores need not keep ids). */
function withParentId(parent: DocumentInterface, parentId: string): DocumentInterface {
  if (parent.id === parentId) return parent;
  return new Document({ id: parentId, pageContent: parent.pageContent, metadata: parent.metadata });
}
