import { BaseRetriever, type BaseRetrieverInput } from "@langchain/core/retrievers";
import { Document, type DocumentInterface } from "@langchain/core/documents";
import {
  CallbackManager,
  parseCallbackConfigArg,
  type CallbackManagerForRetrieverRun,
  type Callbacks,
} from "@langchain/core/callbacks/manager";
import { ensureConfig, type RunnableConfig } from "@langchain/core/runnables";
import { z } from "zod/v4";
import { andFilters } from "./filter/combine-filters.js";
import type { FilterExpression } from "./filter/filter-schema.js";
import { filterOptionSchema, kOptionSchema } from "./option-schemas.js";
import { parseOptions } from "./parse-options.js";
import { raceWithAbort, throwIfAborted, validateQuery } from "./validate-query.js";

/** Results per search when nobody says otherwise, on every technique (LangChain's default `k`). */
export const DEFAULT_K = 4;

/** Options of one `search` call. Anything left out falls back to the retriever's own settings. */
export interface SearchOptions {
  /** How many results to return. @default the retriever's `k` */
  k?: number;
  /** Metadata filter (canonical or shorthand), AND-ed with the retriever's own filter: it can only narrow it. @default none */
  filter?: FilterExpression | null;
  /** Cancels the search; the promise rejects with an `ABORTED` error at once. @default none */
  signal?: AbortSignal;
  /**
   * LangChain callbacks (handlers or a callback manager): the search is reported as a retriever run,
   * with its inner stages as child runs. Composed techniques pass `runManager.getChild()` here.
   * @default the retriever's own callbacks
   */
  callbacks?: Callbacks;
}

/** Which step of a technique produced a result's score. Used by `compare` and the benchmark. */
export type SearchStage = "dense" | "mmr" | "bm25" | "hybrid" | "parent" | "rerank" | "filter-only";

/** One ranked result of `search`. */
export interface SearchResult {
  /** The retrieved document, with its `id`. */
  document: DocumentInterface;
  /** Higher is better. Its scale depends on `stage` (cosine similarity, BM25, RRF, reranker score). */
  score: number;
  /** The step that produced `score`. */
  stage: SearchStage;
  /** Stage-specific extras: the original rank before reranking, matching child snippets, ... */
  details?: Record<string, unknown>;
}

/** What every technique offers besides LangChain's `invoke`: ranked, scored results. */
export interface Searchable {
  search(query: string, options?: SearchOptions): Promise<SearchResult[]>;
}

/**
 * One search, resolved by the template in `SearchRetriever`: what a technique's `searchResolved` gets.
 * The query is validated, `k` and `filter` are the call's or the retriever's, the filter is already
 * AND-ed with the retriever's own filter, and the signal is the caller's (or LangChain's `signal` /
 * `timeout`).
 */
export interface SearchRequest {
  readonly query: string;
  readonly k: number;
  /** The retriever's filter AND the call's filter; null = none. */
  readonly filter: FilterExpression | null;
  readonly signal: AbortSignal | undefined;
  /** This run, when callbacks are configured; pass `childOptions(...)` to inner retrievers. */
  readonly runManager: CallbackManagerForRetrieverRun | undefined;
}

/** Construction fields of `SearchRetriever` (already validated by the subclass). */
export interface SearchRetrieverFields extends BaseRetrieverInput {
  /** Results per search. @default 4 */
  k?: number | undefined;
  /** A filter applied to every search; per-call filters are AND-ed with it. @default none */
  filter?: FilterExpression | null | undefined;
}

/** What `configurable` of a LangChain call may hold for a retriever of this library. */
export interface SearchConfigurable {
  /** Results of this call. @default the retriever's `k` */
  k?: number;
  /** Filter of this call, AND-ed with the retriever's own. @default none */
  filter?: FilterExpression | null;
}

/** Metadata keys `invoke` adds to each returned document copy. */
export const RELEVANCE_SCORE_KEY = "relevance_score";
export const RETRIEVAL_STAGE_KEY = "retrieval_stage";
/**
 * Set to `true` on documents that do not match the question's constructed filter (self-query's
 * `filterMode: "backfill"` fills up with them when fewer than k documents match); absent otherwise.
 */
export const OUTSIDE_FILTER_KEY = "outside_filter";

const searchOptionsSchema = z
  .object({
    k: kOptionSchema.optional(),
    filter: filterOptionSchema.optional(),
    signal: z.custom<AbortSignal>((value) => value instanceof AbortSignal, "must be an AbortSignal").optional(),
    callbacks: z.unknown().optional(),
  })
  .strict();

/** `configurable` is shared by every runnable of a chain: other keys are left alone. */
const configurableSchema = z.object({ k: kOptionSchema.optional(), filter: filterOptionSchema.optional() }).loose();

/**
 * Base class of every technique: a LangChain `BaseRetriever` (so `invoke`, `batch`, `pipe`, callbacks
 * and LCEL all work) that owns the retrieval template. `search` and `invoke` both:
 *
 * 1. validate the question and the per-call `k` and `filter` (`search` options, or
 *    `invoke(query, { configurable: { k, filter } })`); the filter is AND-ed with the retriever's own;
 * 2. take the abort signal (the `signal` option, or LangChain's `signal` / `timeout`): the promise
 *    rejects with `ABORTED` as soon as it fires;
 * 3. report a retriever run to the configured callbacks (tracing, `streamEvents`), in which composed
 *    techniques report their inner retrievers as child runs;
 * 4. call the technique's `searchResolved(request)`.
 *
 * `search` returns scored results with their stage; `invoke` returns copies of the documents with
 * `relevance_score` and `retrieval_stage` added to their metadata. Stored documents are never mutated.
 */
export abstract class SearchRetriever extends BaseRetriever implements Searchable {
  lc_namespace = ["advanced_retrievers", "retrievers"];

  /** Results per search; a call's `k` overrides it. */
  readonly k: number;
  /** A filter applied to every search; a call's filter is AND-ed with it (it can only narrow). */
  readonly filter: FilterExpression | null;

  constructor(fields: SearchRetrieverFields = {}) {
    const { k, filter, ...input } = fields;
    super(input);
    this.k = k ?? DEFAULT_K;
    this.filter = filter ?? null;
  }

  /** The technique's work, on a resolved request (see `SearchRequest`). */
  protected abstract searchResolved(request: SearchRequest): Promise<SearchResult[]>;

  /** Ranked, scored results for the question; `options` override `k`, narrow the filter, cancel, trace. */
  async search(query: string, options: SearchOptions = {}): Promise<SearchResult[]> {
    return this.runTemplate(
      query,
      options,
      (request) => this.searchResolved(request),
      (results) => results,
    );
  }

  /** LangChain's entry point: the template with `configurable.k` / `configurable.filter`, `signal`, `timeout` and callbacks of `config`. */
  override async invoke(input: string, options?: RunnableConfig): Promise<DocumentInterface[]> {
    const config: RunnableConfig = ensureConfig(parseCallbackConfigArg(options) as RunnableConfig);
    const configurable = parseOptions(configurableSchema, config.configurable ?? {}, "configurable");
    const searchOptions: SearchOptions = {};
    if (configurable.k !== undefined) searchOptions.k = configurable.k;
    if (configurable.filter !== undefined) searchOptions.filter = configurable.filter;
    if (config.signal !== undefined) searchOptions.signal = config.signal;
    const results = await this.runTemplate(
      input,
      searchOptions,
      (request) => this.searchResolved(request),
      (found) => found,
      config,
    );
    return results.map(resultToDocument);
  }

  /** Kept for code calling LangChain's protected hook directly: the template without per-call options. */
  override async _getRelevantDocuments(query: string, runManager?: CallbackManagerForRetrieverRun): Promise<DocumentInterface[]> {
    const request = this.resolveRequest(query, {}, runManager);
    const results = await raceWithAbort(this.searchResolved(request), request.signal);
    return results.map(resultToDocument);
  }

  /**
   * The template shared by `search`, `invoke` and technique-specific variants (e.g. self-query's
   * `searchExplained`): resolve the request, open a retriever run, race `body` against the signal,
   * close the run with the documents of `resultsOf(outcome)`.
   */
  protected async runTemplate<Outcome>(
    query: string,
    options: SearchOptions,
    body: (request: SearchRequest) => Promise<Outcome>,
    resultsOf: (outcome: Outcome) => SearchResult[],
    config?: RunnableConfig,
  ): Promise<Outcome> {
    const parsed = parseOptions(searchOptionsSchema, options, "");
    const manager = await CallbackManager.configure(
      (config?.callbacks ?? parsed.callbacks) as Callbacks | undefined,
      this.callbacks,
      config?.tags,
      this.tags,
      config?.metadata,
      this.metadata,
      { verbose: this.verbose },
    );
    const runManager = await manager?.handleRetrieverStart(
      this.toJSON(),
      query,
      config?.runId,
      undefined,
      undefined,
      undefined,
      config?.runName ?? this.getName(),
    );
    try {
      const request = this.resolveRequest(query, parsed as SearchOptions, runManager);
      const outcome = await raceWithAbort(body(request), request.signal);
      await runManager?.handleRetrieverEnd(resultsOf(outcome).map(resultToDocument));
      return outcome;
    } catch (error) {
      await runManager?.handleRetrieverError(error);
      throw error;
    }
  }

  /** Steps 1 and 2 of the template: validated query, `k`, merged filter, signal. */
  protected resolveRequest(query: string, options: SearchOptions, runManager: CallbackManagerForRetrieverRun | undefined): SearchRequest {
    validateQuery(query);
    throwIfAborted(options.signal);
    return { query, k: options.k ?? this.k, filter: andFilters(this.filter, options.filter), signal: options.signal, runManager };
  }
}

/**
 * `search` options for an inner retriever of a composed technique: the request's signal, and its run
 * manager's child callbacks so the inner search appears as a child run (tagged `tag`).
 */
export function childSearchOptions(
  request: SearchRequest,
  options: { k: number; filter: FilterExpression | null },
  tag?: string,
): SearchOptions {
  const child: SearchOptions = { k: options.k, filter: options.filter };
  if (request.signal !== undefined) child.signal = request.signal;
  if (request.runManager !== undefined) child.callbacks = request.runManager.getChild(tag);
  return child;
}

/** A copy of the result's document carrying its score and stage in metadata. */
export function resultToDocument(result: SearchResult): DocumentInterface {
  const { document } = result;
  return new Document({
    id: document.id,
    pageContent: document.pageContent,
    metadata: {
      ...document.metadata,
      [RELEVANCE_SCORE_KEY]: result.score,
      [RETRIEVAL_STAGE_KEY]: result.stage,
      ...((result.details as { outsideFilter?: unknown } | undefined)?.outsideFilter === true ? { [OUTSIDE_FILTER_KEY]: true } : {}),
    },
  });
}
