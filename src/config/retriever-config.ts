import { z } from "zod/v4";
import { filterExpressionSchema, type FilterExpression } from "../core/filter/filter-schema.js";
import { parseFilter } from "../core/filter/parse-filter.js";
import { EMBEDDINGS_PROVIDERS } from "../embeddings/create-embeddings.js";
import { CHAT_MODEL_PROVIDERS } from "../llm/create-chat-model.js";
import { DEFAULT_HYBRID_CANDIDATES, DEFAULT_LEG_WEIGHT, FUSION_METHODS } from "../hybrid/hybrid-retriever.js";
import { SEARCH_TYPES } from "../naive/naive-retriever.js";
import {
  DEFAULT_CHILD_CHUNK_OVERLAP,
  DEFAULT_CHILD_CHUNK_SIZE,
  DEFAULT_SUMMED_CHILD_SCORES,
} from "../parent-document/parent-document-retriever.js";
import { PARENT_RANKINGS } from "../parent-document/rank-parents.js";
import { DEFAULT_RERANK_CANDIDATES } from "../rerank/contextual-compression-retriever.js";
import { RERANKER_PROVIDERS } from "../rerankers/create-reranker.js";
import { DEFAULT_EXPANSION_TERMS } from "../hybrid/expansion-terms.js";
import { resolveCacheFolders } from "../core/io/cache-folder.js";
import { DEFAULT_SELF_QUERY_FILTER_MODE, SELF_QUERY_FILTER_MODES } from "../self-query/self-query-retriever.js";

/** Every technique the configuration can build by name. */
export const TECHNIQUES = ["naive", "hybrid", "rerank", "parent-document", "self-query"] as const;
export type Technique = (typeof TECHNIQUES)[number];

/** Dense legs the hybrid technique can fuse with BM25. */
export const HYBRID_DENSE_LEGS = ["naive", "parent-document"] as const;

/** Stores the configuration can put vectors in. */
export const STORES = ["memory", "chroma"] as const;

/** Query constructors of the self-query technique. */
export const SELF_QUERY_CONSTRUCTORS = ["rule-based", "llm", "auto"] as const;
/** What the self-query technique's base ranks. */
export const SELF_QUERY_SEARCH_TEXTS = ["constructed", "question"] as const;
/** Techniques the self-query technique can search with (`rerank` when `rerank.base` is not `self-query`). */
export const SELF_QUERY_BASES = ["naive", "hybrid", "parent-document", "rerank"] as const;

/** Results per query when the configuration does not say. */
export const DEFAULT_CONFIG_K = 10;

const filterOption = z
  .unknown()
  .optional()
  .transform((value, context): FilterExpression | null => {
    if (value === undefined || value === null) return null;
    try {
      return filterExpressionSchema.parse(parseFilter(value));
    } catch (error) {
      context.addIssue({ code: "custom", message: error instanceof Error ? error.message : String(error) });
      return z.NEVER;
    }
  });

/**
 * One configuration builds any technique or composition by name. CLI flags and JSON files map onto it;
 * an invalid value gives an error naming the field and the allowed values.
 */
export const retrieverConfigSchema = z
  .object({
    /** Which technique to build. @default "naive" */
    technique: z.enum(TECHNIQUES).default("naive"),
    /** Results per query. @default 10 */
    k: z.number().int().positive().max(1000).default(DEFAULT_CONFIG_K),
    /**
     * The dataset: a preset name (`john-wick`, `products`) or the path of a `dataset.json`.
     * @default inferred from `data` (a .csv/.jsonl file, a dataset.json, a folder holding one, or a
     * folder a preset recognises), else the John Wick preset
     */
    dataset: z.string().min(1).optional(),
    /**
     * Where the documents are: a CSV or JSONL file (its dataset inferred when `dataset` is not given),
     * a dataset.json, or a folder. With `dataset`, overrides the dataset's own source. @default the dataset's own
     */
    data: z.string().min(1).optional(),
    /** Embeddings provider. @default "auto" (OpenAI when OPENAI_API_KEY or OPENAI_BASE_URL is set, else local) */
    embeddings: z.enum(EMBEDDINGS_PROVIDERS).default("auto"),
    /**
     * Chat model of the LLM steps (RAG answers, LLM reranker): `openai`, `none` (offline: extractive
     * answers) or `auto` (`openai` when OPENAI_API_KEY or OPENAI_BASE_URL is set, else `none`). @default "auto"
     */
    llm: z.enum(CHAT_MODEL_PROVIDERS).default("auto"),
    /** Where vectors live: `memory` (saved index files) or `chroma` (CHROMA_URL, else http://127.0.0.1:8000). @default "memory" */
    store: z.enum(STORES).default("memory"),
    /** Naive search type. @default "similarity" */
    searchType: z.enum(SEARCH_TYPES).default("similarity"),
    /** Minimum similarity for `similarity_score_threshold`. @default none */
    scoreThreshold: z.number().min(-1).max(1).optional(),
    /** A filter applied to every query (shorthand or canonical filter language). @default none */
    filter: filterOption,
    /** Prepend each document's title to the indexed text. @default the dataset's choice (a dataset.json with `content.title`: yes; the John Wick preset: no) */
    includeTitle: z.boolean().optional(),
    /**
     * Folder for saved indexes; null = do not save.
     * @default `index` in the user cache folder: `$RETRIEVERS_CACHE_DIR/index`, else `$XDG_CACHE_HOME/advanced-retrievers/index`, else `~/.cache/advanced-retrievers/index`
     */
    indexDirectory: z
      .string()
      .min(1)
      .nullable()
      .default(() => resolveCacheFolders().index),
    /** Hybrid technique settings. */
    hybrid: z
      .object({
        /** Candidates per leg before fusion. @default 50 */
        candidates: z.number().int().positive().max(100_000).default(DEFAULT_HYBRID_CANDIDATES),
        /** `rrf` (weighted reciprocal rank fusion, c = 60) or `score` (min-max normalized). @default "rrf" */
        fusion: z.enum(FUSION_METHODS).default("rrf"),
        /** Weight of the BM25 leg. @default 1 */
        bm25Weight: z.number().min(0).finite().default(DEFAULT_LEG_WEIGHT),
        /** Weight of the dense leg. @default 1 */
        denseWeight: z.number().min(0).finite().default(DEFAULT_LEG_WEIGHT),
        /** The dense leg: `naive` (whole documents) or `parent-document` (each document's best child chunk, with the `parentDocument` settings). @default "naive" */
        dense: z.enum(HYBRID_DENSE_LEGS).default("naive"),
        /**
         * Keyword feedback (RM3, `HybridRetriever`'s `feedback`): the BM25 leg's question is expanded with
         * `expansionTerms` words of its top `feedbackDocuments` documents; RRF fusion only. 0 = plain hybrid. @default 0
         */
        feedbackDocuments: z.number().int().min(0).max(1_000).default(0),
        /** Expansion words added to the keyword question when `feedbackDocuments` is above 0. @default 10 */
        expansionTerms: z.number().int().min(0).max(1_000).default(DEFAULT_EXPANSION_TERMS),
      })
      .strict()
      .refine((settings) => settings.feedbackDocuments === 0 || settings.fusion === "rrf", {
        path: ["feedbackDocuments"],
        message: 'keyword feedback fuses with RRF: set fusion to "rrf" or feedbackDocuments to 0',
      })
      .prefault({}),
    /** Parent-document technique settings (children are searched, whole reviews returned). */
    parentDocument: z
      .object({
        /** Child chunk size in characters (the reference's 200). @default 200 */
        chunkSize: z.number().int().positive().max(100_000).default(DEFAULT_CHILD_CHUNK_SIZE),
        /** Characters shared by consecutive child chunks; below chunkSize. @default 0 */
        chunkOverlap: z.number().int().min(0).max(100_000).default(DEFAULT_CHILD_CHUNK_OVERLAP),
        /** `max`: a review scores its best child; `sum`: the sum of its best `summedChildScores` children. @default "max" */
        parentRanking: z.enum(PARENT_RANKINGS).default("max"),
        /** `sum` ranking only: child scores added per review. @default 3 */
        summedChildScores: z.number().int().positive().max(1_000).default(DEFAULT_SUMMED_CHILD_SCORES),
      })
      .strict()
      .refine((settings) => settings.chunkOverlap < settings.chunkSize, {
        path: ["chunkOverlap"],
        message: "must be smaller than chunkSize",
      })
      .prefault({}),
    /** Self-query technique settings (question → semantic query + metadata filter + limit). */
    selfQuery: z
      .object({
        /**
         * `rule-based` (offline), `llm` (the chat model of `llm`, falling back to the rules on failure) or
         * `auto` (`llm` when a chat model is configured: OPENAI_API_KEY or OPENAI_BASE_URL). @default "auto"
         * (Named `queryConstructor`, not `constructor`: that key is inherited by every JavaScript object.)
         */
        queryConstructor: z.enum(SELF_QUERY_CONSTRUCTORS).default("auto"),
        /** The technique that ranks the semantic query under the filter. @default "naive" */
        base: z.enum(SELF_QUERY_BASES).default("naive"),
        /** A tenant / scope filter AND-ed around every constructed filter; questions cannot remove or widen it. @default none */
        baseFilter: filterOption,
        /**
         * What the base ranks: `constructed` (the question without its constraint phrases) or `question`
         * (the whole question, under the constructed filter). Filter-only questions are listed either way. @default "constructed"
         */
        searchText: z.enum(SELF_QUERY_SEARCH_TEXTS).default("constructed"),
        /**
         * `strict`: only documents matching the constructed filter; `backfill`: when fewer than k match a
         * question with a semantic part, the base's best other documents follow them (SelfQueryRetriever
         * `filterMode`). @default "strict"
         */
        filterMode: z.enum(SELF_QUERY_FILTER_MODES).default(DEFAULT_SELF_QUERY_FILTER_MODE),
        /** With `filterMode` `backfill`: the technique that ranks the documents outside the filter. @default selfQuery.base */
        backfillBase: z.enum(SELF_QUERY_BASES).optional(),
      })
      .strict()
      .prefault({}),
    /** Rerank technique settings. */
    rerank: z
      .object({
        /** The technique that supplies candidates. @default "naive" */
        base: z.enum(TECHNIQUES).exclude(["rerank"]).default("naive"),
        /** Candidates fetched from the base before reranking. @default 30 */
        candidates: z.number().int().positive().max(10_000).default(DEFAULT_RERANK_CANDIDATES),
        /** `local` (offline), `cohere` (COHERE_API_KEY), `llm` (the chat model of `llm`) or `auto` (Cohere when the key is set, else local). @default "auto" */
        reranker: z.enum(RERANKER_PROVIDERS).default("auto"),
        /** Drop results whose reranker score is below this. @default none */
        minScore: z.number().finite().optional(),
        /**
         * Fuse the reranker's order with the base's own order (RRF, `RankFusionRetriever`) instead of
         * keeping the reranker's alone; `fusionWeight` is the reranker's weight, the base's is 1. @default false
         */
        fuseWithBase: z.boolean().default(false),
        /** Weight of the reranker's order when `fuseWithBase` is on. @default 1 */
        fusionWeight: z.number().min(0).max(100).finite().default(1),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .refine((config) => !(config.selfQuery.base === "rerank" && config.rerank.base === "self-query"), {
    path: ["selfQuery", "base"],
    message:
      'is "rerank" while rerank.base is "self-query": each would build the other; set rerank.base to the first stage (e.g. "hybrid") or selfQuery.base to "hybrid"',
  })
  .refine((config) => !(config.selfQuery.backfillBase === "rerank" && config.rerank.base === "self-query"), {
    path: ["selfQuery", "backfillBase"],
    message: 'is "rerank" while rerank.base is "self-query": each would build the other; set it to the first stage (e.g. "hybrid")',
  });

export type RetrieverConfigInput = z.input<typeof retrieverConfigSchema>;
export type RetrieverConfig = z.output<typeof retrieverConfigSchema>;
