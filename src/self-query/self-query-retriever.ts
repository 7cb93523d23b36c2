import { isDeepStrictEqual } from "node:util";
import type { DocumentInterface } from "@langchain/core/documents";
import type { BaseRetrieverInput } from "@langchain/core/retrievers";
import { z } from "zod/v4";
import { andFilters } from "../core/filter/combine-filters.js";
import type { FilterExpression } from "../core/filter/filter-schema.js";
import { parseOptions } from "../core/parse-options.js";
import { kOptionSchema, pickRetrieverInput, retrieverInputShape } from "../core/option-schemas.js";
import {
  SearchRetriever,
  childSearchOptions,
  type Searchable,
  type SearchOptions,
  type SearchRequest,
  type SearchResult,
} from "../core/search-retriever.js";
import { throwIfAborted, validateQuery } from "../core/validate-query.js";
import type { RetrieverVectorStore } from "../core/vector-store.js";
import { buildVocabulary, defineAttributeSchema, type AttributeSchema } from "./attribute-schema.js";
import { applyBaseFilter, checkBaseFilter } from "./base-filter.js";
import type { ConstructOptions, ConstructedQuery, QueryConstructor } from "./query-constructor.js";
import { RuleBasedQueryConstructor } from "./rule-based-query-constructor.js";
import { selfQueryOptionsFromLLM, type SelfQueryFromLLMOptions } from "./from-llm.js";

/** Most documents read to order a filter-only answer; past it, the first ones by id are ordered. */
export const DEFAULT_MAXIMUM_FILTER_ONLY_DOCUMENTS = 10_000;

/** One sort key of filter-only answers. */
export interface FilterOnlySortKey {
  /** Metadata field. */
  field: string;
  /** `desc`: largest first. */
  direction: "asc" | "desc";
}

/**
 * How filter-only answers are ordered when nothing says otherwise: no sort key, so the documents keep
 * the order of the source (the order `store.listDocuments` returns them in). A dataset passes its own
 * order (e.g. best rated first) through `filterOnlyOrder`.
 */
export const DEFAULT_FILTER_ONLY_ORDER: readonly FilterOnlySortKey[] = Object.freeze([]);

/** How a question with a semantic part uses its constructed filter (see `SelfQueryRetrieverOptions.filterMode`). */
export const SELF_QUERY_FILTER_MODES = ["strict", "backfill"] as const;
export type SelfQueryFilterMode = (typeof SELF_QUERY_FILTER_MODES)[number];
/** The filter mode when nothing says otherwise: only documents matching the constructed filter. */
export const DEFAULT_SELF_QUERY_FILTER_MODE: SelfQueryFilterMode = "strict";

/**
 * Lists the documents matching a filter: a `RetrieverVectorStore` (MemoryStore, ChromaStore), or a
 * `ParentDocumentRetriever` (whose `listDocuments` returns whole parents, not child chunks).
 */
export interface DocumentLister {
  listDocuments(options?: { filter?: FilterExpression | null; limit?: number }): Promise<DocumentInterface[]>;
}

/** What `searchExplained` returns. */
export interface SelfQuerySearchExplained {
  /** The question's semantic query, filter (base filter applied), limit and warnings. */
  constructedQuery: ConstructedQuery;
  /** The filter searched with: the constructed one AND the per-call filter. */
  filter: FilterExpression | null;
  /** Results asked for: the call's (or the retriever's) `k`, capped by the question's limit. */
  k: number;
  results: SearchResult[];
}

/** Options of `SelfQueryRetriever`. */
export interface SelfQueryRetrieverOptions extends BaseRetrieverInput {
  /**
   * The retriever that searches the semantic query under the constructed filter: any `Searchable` of
   * this library (NaiveRetriever, HybridRetriever, ParentDocumentRetriever, ...). It must apply
   * `SearchOptions.filter` before ranking.
   */
  retriever: Searchable;
  /**
   * Where the documents the inner retriever returns can be listed: lists the documents of filter-only
   * questions ("all 1-star reviews") and gives the default constructor its value vocabulary. The vector
   * store of a NaiveRetriever / HybridRetriever; for a ParentDocumentRetriever, the retriever itself
   * (its child store would list chunks). Without it a filter-only question is searched with the
   * question itself as the semantic query, under the filter.
   * @default none
   */
  store?: DocumentLister | RetrieverVectorStore;
  /**
   * Turns a question into a semantic query, a filter and a limit.
   * @default a RuleBasedQueryConstructor over `attributes`, with the vocabulary (e.g. author names)
   * read from the documents of `store` inside the base filter (on first use)
   */
  queryConstructor?: QueryConstructor;
  /**
   * The metadata attributes (required): what the fields mean and which words name them. Used by the
   * default constructor and to show dates in `explain`. Build one with `defineAttributeSchema`.
   */
  attributes: AttributeSchema;
  /** Results per search (a per-call `k` overrides it); a limit in the question ("top 3") can only lower it. @default 4 */
  k?: number;
  /**
   * A tenant / scope filter AND-ed around every constructed filter and per-call filter. Nothing in a
   * question, or in a constructor's output, can remove or widen it. It is copied and frozen here.
   * @default none
   */
  baseFilter?: FilterExpression | null;
  /**
   * Order of filter-only answers (the question was only constraints, so there is no similarity to
   * rank by): these keys in turn, documents missing a field after those that have it, then the order
   * of the source (the order `store.listDocuments` returns).
   * @default [] (the order of the source)
   */
  filterOnlyOrder?: FilterOnlySortKey[];
  /** Most documents read to order a filter-only answer. @default 10_000 */
  maximumFilterOnlyDocuments?: number;
  /**
   * What a question with a semantic part gets when fewer than `k` documents match its constructed filter:
   * - `"strict"`: only the matching documents (a filter that matches nothing gives no results);
   * - `"backfill"`: the matching documents first, in the inner retriever's order, then the inner
   *   retriever's (or `backfillRetriever`'s) best other documents for the same semantic query, up to `k`, each with
   *   `details.outsideFilter: true` (the base filter and the per-call filter still apply to them).
   *   The matching documents keep their positions, so a correct filter loses nothing; a constraint
   *   read into a question that did not mean it ("a keyboard that pairs with a Lumen tablet" as brand
   *   Lumen) no longer empties the answer. Costs a second search of the inner retriever when it applies.
   * Filter-only questions ("all 1-star reviews") are always strict.
   * @default "strict"
   */
  filterMode?: SelfQueryFilterMode;
  /**
   * What ranks the documents outside the filter when `filterMode` is `"backfill"`: any `Searchable`
   * of this library that applies `SearchOptions.filter` (e.g. the first stage under a reranker, so the
   * backfill costs one cheap search instead of a second reranking).
   * @default `retriever`
   */
  backfillRetriever?: Searchable;
}

const optionsSchema = z
  .object({
    ...retrieverInputShape,
    retriever: z.custom<Searchable>(
      (value) => typeof value === "object" && value !== null && typeof (value as Searchable).search === "function",
      "must be a retriever of this library (an object with search), e.g. a NaiveRetriever",
    ),
    store: z
      .custom<DocumentLister>(
        (value) => typeof value === "object" && value !== null && typeof (value as DocumentLister).listDocuments === "function",
        "must list documents: a vector store of this library (MemoryStore, ChromaStore) or a ParentDocumentRetriever",
      )
      .optional(),
    queryConstructor: z
      .custom<QueryConstructor>(
        (value) => typeof value === "object" && value !== null && typeof (value as QueryConstructor).construct === "function",
        "must be a query constructor (an object with construct)",
      )
      .optional(),
    attributes: z.custom<AttributeSchema>(
      (value) => typeof value === "object" && value !== null && Array.isArray((value as { attributes?: unknown }).attributes),
      "is required: the attribute schema of the documents (defineAttributeSchema({ documentContents, attributes: [...] }))",
    ),
    k: kOptionSchema.optional(),
    baseFilter: z.unknown().optional(),
    filterOnlyOrder: z
      .array(z.object({ field: z.string().min(1), direction: z.enum(["asc", "desc"]) }).strict())
      .max(16)
      .optional(),
    maximumFilterOnlyDocuments: z.number().int().positive().max(10_000_000).optional(),
    filterMode: z.enum(SELF_QUERY_FILTER_MODES).optional(),
    backfillRetriever: z
      .custom<Searchable>(
        (value) => typeof value === "object" && value !== null && typeof (value as Searchable).search === "function",
        "must be a retriever of this library (an object with search), e.g. a HybridRetriever",
      )
      .optional(),
  })
  .strict();

/**
 * The self-query technique: a query constructor turns the question into a semantic query, a metadata
 * filter and an optional limit ("laptops under $800" → query "", filter
 * `category = "laptop" AND price < 800`); the filter, AND-ed with the base filter, is applied before similarity
 * by the inner retriever, which ranks the remaining documents against the semantic query.
 *
 * - A question that is only constraints ("all 1-star reviews") lists the matching documents from the
 *   store in `filterOnlyOrder` (stage `filter-only`, scores from 1 down to 1/n by position).
 * - A filter that matches no document gives no results: the filter is never dropped to find some.
 * - Each result's `details.constructedQuery` holds what the constructor made of the question, after
 *   the base filter was applied; `explain(question)` returns the same without searching.
 */
export class SelfQueryRetriever extends SearchRetriever {
  static override lc_name(): string {
    return "SelfQueryRetriever";
  }

  readonly retriever: Searchable;
  readonly store: DocumentLister | undefined;
  readonly attributes: AttributeSchema;
  readonly baseFilter: FilterExpression | null;
  readonly filterOnlyOrder: readonly FilterOnlySortKey[];
  readonly maximumFilterOnlyDocuments: number;
  readonly filterMode: SelfQueryFilterMode;
  readonly backfillRetriever: Searchable;
  private readonly givenConstructor: QueryConstructor | undefined;
  private defaultConstructor: Promise<QueryConstructor> | undefined;

  constructor(options: SelfQueryRetrieverOptions) {
    const parsed = parseOptions(optionsSchema, options, "SelfQueryRetriever", {
      rejected: {
        vectorStore:
          "belongs to SelfQueryRetriever.fromLLM({ llm, vectorStore, documentContents, attributeInfo }); the constructor takes `retriever` and `store`",
        llm: "belongs to SelfQueryRetriever.fromLLM({ llm, vectorStore, documentContents, attributeInfo })",
      },
    });
    super({ ...pickRetrieverInput(parsed), k: parsed.k });
    this.retriever = options.retriever;
    this.store = options.store;
    this.attributes = defineAttributeSchema(options.attributes);
    this.baseFilter = checkBaseFilter(options.baseFilter as FilterExpression | null | undefined);
    this.filterOnlyOrder = Object.freeze((parsed.filterOnlyOrder ?? DEFAULT_FILTER_ONLY_ORDER).map((key) => Object.freeze({ ...key })));
    this.maximumFilterOnlyDocuments = parsed.maximumFilterOnlyDocuments ?? DEFAULT_MAXIMUM_FILTER_ONLY_DOCUMENTS;
    this.filterMode = parsed.filterMode ?? DEFAULT_SELF_QUERY_FILTER_MODE;
    this.backfillRetriever = options.backfillRetriever ?? options.retriever;
    this.givenConstructor = options.queryConstructor;
  }

  /**
   * LangChain's `SelfQueryRetriever.fromLLM({ llm, vectorStore, documentContents, attributeInfo })`: an
   * `LlmQueryConstructor` over the attributes, a `NaiveRetriever` over the store (or `retriever`).
   */
  static fromLLM(options: SelfQueryFromLLMOptions): SelfQueryRetriever {
    return new SelfQueryRetriever(selfQueryOptionsFromLLM(options));
  }

  /** The constructor in use (the default one is built on first use, reading the store's vocabulary). */
  async queryConstructor(): Promise<QueryConstructor> {
    if (this.givenConstructor !== undefined) return this.givenConstructor;
    this.defaultConstructor ??= (async () => {
      const scoped = this.store === undefined ? [] : await this.store.listDocuments({ filter: this.baseFilter });
      return new RuleBasedQueryConstructor({ attributes: buildVocabulary(scoped, this.attributes) });
    })();
    try {
      return await this.defaultConstructor;
    } catch (error) {
      this.defaultConstructor = undefined;
      throw error;
    }
  }

  /** What the question becomes (semantic query, filter with the base filter applied, limit, warnings), without searching. */
  async explain(question: string, options: ConstructOptions = {}): Promise<ConstructedQuery> {
    validateQuery(question);
    throwIfAborted(options.signal);
    const constructor = await this.queryConstructor();
    const constructed = await constructor.construct(question, options);
    return applyBaseFilter(constructed, this.baseFilter);
  }

  protected async searchResolved(request: SearchRequest): Promise<SearchResult[]> {
    return (await this.searchExplainedResolved(request)).results;
  }

  /**
   * `search` that also returns what the question became and the `k` used (after the question's limit),
   * from the same constructor call (for `--explain`: an LLM constructor is not asked twice).
   */
  async searchExplained(query: string, options: SearchOptions = {}): Promise<SelfQuerySearchExplained> {
    return this.runTemplate(
      query,
      options,
      (request) => this.searchExplainedResolved(request),
      (explained) => explained.results,
    );
  }

  private async searchExplainedResolved(request: SearchRequest): Promise<SelfQuerySearchExplained> {
    const { query, signal } = request;
    const constructed = await this.explain(query, signal === undefined ? {} : { signal });
    throwIfAborted(signal);
    const requested = request.k;
    const k = constructed.limit === undefined ? requested : Math.min(requested, constructed.limit);
    // request.filter is the call's filter (this retriever's own scope is its baseFilter, already in `constructed`).
    const filter = andFilters(constructed.filter, request.filter);
    const details = { constructedQuery: constructed };

    if (constructed.query === "" && this.store !== undefined) {
      const documents = await this.listFiltered(filter);
      throwIfAborted(signal);
      const ordered = this.orderFilterOnly(documents).slice(0, k);
      const results: SearchResult[] = ordered.map((document, position) => ({
        document,
        score: (ordered.length - position) / ordered.length,
        stage: "filter-only",
        details,
      }));
      return { constructedQuery: constructed, filter, k, results };
    }
    const semanticQuery = constructed.query === "" ? query : constructed.query;
    const found = await this.retriever.search(semanticQuery, childSearchOptions(request, { k, filter }, "retriever"));
    const results: SearchResult[] = found.map((result) => ({ ...result, details: { ...result.details, ...details } }));
    if (this.filterMode === "backfill" && constructed.query !== "" && results.length < k) {
      results.push(...(await this.outsideFilter(semanticQuery, request, k, filter, results, details)));
    }
    return { constructedQuery: constructed, filter, k, results };
  }

  /**
   * `filterMode: "backfill"`: the backfill retriever's best documents for the same semantic query under
   * only the base filter and the call's filter, without those already found, up to `k` in all.
   */
  private async outsideFilter(
    semanticQuery: string,
    request: SearchRequest,
    k: number,
    filter: FilterExpression | null,
    found: SearchResult[],
    details: { constructedQuery: ConstructedQuery },
  ): Promise<SearchResult[]> {
    const relaxed = andFilters(this.baseFilter === null ? null : structuredClone(this.baseFilter), request.filter);
    if (isDeepStrictEqual(relaxed, filter)) return [];
    throwIfAborted(request.signal);
    const seen = new Set(found.map((result) => result.document.id));
    const others = await this.backfillRetriever.search(
      semanticQuery,
      childSearchOptions(request, { k, filter: relaxed }, "outside-filter"),
    );
    return others
      .filter((result) => result.document.id === undefined || !seen.has(result.document.id))
      .slice(0, k - found.length)
      .map((result) => ({ ...result, details: { ...result.details, ...details, outsideFilter: true } }));
  }

  private async listFiltered(filter: FilterExpression | null): Promise<DocumentInterface[]> {
    const store = this.store as DocumentLister;
    return store.listDocuments({ filter, limit: this.maximumFilterOnlyDocuments });
  }

  /** `filterOnlyOrder`, missing or mistyped values after present ones, then the order of the source (the sort is stable). */
  private orderFilterOnly(documents: DocumentInterface[]): DocumentInterface[] {
    const keys = this.filterOnlyOrder;
    if (keys.length === 0) return [...documents];
    return [...documents].sort((left, right) => {
      for (const { field, direction } of keys) {
        const difference = compareValues(left.metadata[field], right.metadata[field], direction);
        if (difference !== 0) return difference;
      }
      return 0;
    });
  }
}

/** Orders two metadata values; numbers and strings compare within their type, anything else sorts last. */
function compareValues(left: unknown, right: unknown, direction: "asc" | "desc"): number {
  const rank = (value: unknown) => (typeof value === "number" && !Number.isNaN(value) ? 0 : typeof value === "string" ? 1 : 2);
  const leftRank = rank(left);
  const rightRank = rank(right);
  if (leftRank !== rightRank) return leftRank - rightRank;
  if (leftRank === 2) return 0;
  const order =
    (left as number | string) < (right as number | string) ? -1 : (left as number | string) > (right as number | string) ? 1 : 0;
  return direction === "asc" ? order : -order;
}
