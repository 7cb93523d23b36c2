import type { DocumentInterface } from "@langchain/core/documents";
import type { BaseRetrieverInput } from "@langchain/core/retrievers";
import { z } from "zod/v4";
import type { FilterExpression } from "../core/filter/filter-schema.js";
import { filterOptionSchema, kOptionSchema, pickRetrieverInput, retrieverOptionsSchema } from "../core/option-schemas.js";
import { parseOptions } from "../core/parse-options.js";
import { SearchRetriever, childSearchOptions, type Searchable, type SearchRequest, type SearchResult } from "../core/search-retriever.js";
import { throwIfAborted } from "../core/validate-query.js";
import { DEFAULT_RRF_CONSTANT, reciprocalRankFusion, type LegPosition } from "../hybrid/fusion.js";
import { contentHashId } from "../stores/shared/content-hash.js";

/** Results each fused retriever returns before fusion. */
export const DEFAULT_RANK_FUSION_CANDIDATES = 30;
/** Most retrievers one fusion accepts. */
export const MAXIMUM_FUSED_RETRIEVERS = 16;

/** One retriever to fuse. */
export interface FusedRetriever {
  /** Any retriever of this library (its `search` gets `k = candidates` and the filter). */
  retriever: Searchable;
  /** How much its ranking counts; 0 leaves it out. @default 1 */
  weight?: number;
  /** Shown in `details.legs`. @default "leg <index>" */
  name?: string;
}

export interface RankFusionRetrieverOptions extends BaseRetrieverInput {
  /** The retrievers whose rankings are fused (at least one with a weight above 0). */
  retrievers: FusedRetriever[];
  /** Results per search. @default 4 */
  k?: number;
  /** Results each retriever returns before fusion (at least `k`). @default 30 */
  candidates?: number;
  /** The `c` of reciprocal rank fusion. @default 60 */
  rrfConstant?: number;
  /** A filter applied to every search, passed to every retriever; per-call filters are AND-ed with it. @default none */
  filter?: FilterExpression | null;
}

const optionsSchema = retrieverOptionsSchema({
  retrievers: z
    .array(
      z
        .object({
          retriever: z.custom<Searchable>(
            (value) => typeof value === "object" && value !== null && typeof (value as Searchable).search === "function",
            "must be a retriever of this library with a search method",
          ),
          weight: z.number().min(0).finite().optional(),
          name: z.string().min(1).max(200).optional(),
        })
        .strict(),
    )
    .min(1, "needs at least one retriever")
    .max(MAXIMUM_FUSED_RETRIEVERS, `accepts at most ${MAXIMUM_FUSED_RETRIEVERS} retrievers`)
    .refine((retrievers) => retrievers.some((item) => (item.weight ?? 1) > 0), "at least one retriever needs a weight above 0"),
  k: kOptionSchema.optional(),
  candidates: z.number().int().positive().max(100_000).optional(),
  rrfConstant: z.number().min(0).finite().optional(),
  filter: filterOptionSchema.optional(),
});

/**
 * Weighted reciprocal rank fusion of any retrievers of this library (LangChain's `EnsembleRetriever`
 * idea, over `search` results with ids instead of page contents). One use measured in
 * bench/semantic-probe.ts (docs/SEMANTIC.md): a reranker's order fused with the order of the first stage
 * it reranked, `[{ retriever: rerank(base) }, { retriever: base }]` — the base then runs twice per
 * question (once inside the reranker). Results have stage "hybrid"; `details.legs` holds each
 * retriever's rank and score (null when it did not return the document).
 */
export class RankFusionRetriever extends SearchRetriever {
  static override lc_name(): string {
    return "RankFusionRetriever";
  }

  readonly retrievers: Array<Required<FusedRetriever>>;
  readonly candidates: number;
  readonly rrfConstant: number;

  constructor(options: RankFusionRetrieverOptions) {
    const parsed = parseOptions(optionsSchema, options, "RankFusionRetriever");
    super({ ...pickRetrieverInput(parsed), k: parsed.k, filter: parsed.filter });
    this.retrievers = options.retrievers.map((item, index) => ({
      retriever: item.retriever,
      weight: item.weight ?? 1,
      name: item.name ?? `leg ${index}`,
    }));
    this.candidates = parsed.candidates ?? DEFAULT_RANK_FUSION_CANDIDATES;
    this.rrfConstant = parsed.rrfConstant ?? DEFAULT_RRF_CONSTANT;
  }

  protected async searchResolved(request: SearchRequest): Promise<SearchResult[]> {
    const { query, k, filter, signal } = request;
    const candidates = Math.max(this.candidates, k);
    const active = this.retrievers.filter((item) => item.weight > 0);
    const hits = await Promise.all(
      active.map((item) => item.retriever.search(query, childSearchOptions(request, { k: candidates, filter }, item.name))),
    );
    throwIfAborted(signal);
    const documents = new Map<string, DocumentInterface>();
    const legs = hits.map((list, index) => ({
      weight: active[index]!.weight,
      ranking: list.map(({ document, score }) => {
        const id = document.id ?? contentHashId(document);
        if (!documents.has(id)) documents.set(id, document);
        return { id, score };
      }),
    }));
    return reciprocalRankFusion(legs, { constant: this.rrfConstant })
      .slice(0, k)
      .map((item) => ({
        document: documents.get(item.id) as DocumentInterface,
        score: item.score,
        stage: "hybrid" as const,
        details: {
          fusion: "rrf",
          legs: item.legs.map((position: LegPosition | null, index) =>
            position === null ? null : { name: active[index]!.name, rank: position.rank, score: position.score },
          ),
        },
      }));
  }
}
