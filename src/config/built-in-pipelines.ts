import { TECHNIQUES, type RetrieverConfigInput, type Technique } from "./retriever-config.js";

/**
 * A named pipeline: a technique or a composition (e.g. rerank over self-query over hybrid) as a
 * `RetrieverConfigInput` under a name. `bench` and `compare` run pipelines side by side; results,
 * significance tests, TREC runs and report rows are per pipeline name.
 */
export interface Pipeline {
  /** Letters, digits, `.`, `_` and `-` (the name of its TREC run file), at most 64 characters. */
  name: string;
  /** The retriever configuration (without the run-wide fields: data, dataset, embeddings, store, indexDirectory). */
  config: RetrieverConfigInput;
  /** One line on what the pipeline is. @default none */
  description?: string;
}

/**
 * The `recommended` pipeline: the composition chosen by `bench/select-recommended.ts` (cross-validated
 * over query folds of both bundled datasets; see docs/SEMANTIC.md). Self-query (rules, or the chat
 * model when configured) turns the question's constraints into a filter; under it, the whole question
 * is ranked by BM25 with keyword feedback (RM3) fused with the parent-document dense leg (each
 * document scored by the sum of its best 3 child chunks), and the reranker's order over 30 candidates
 * is fused (RRF, weight 2 to 1) with that first-stage order. When fewer than k documents match the
 * filter, the same ranking of the other documents follows the matching ones (`filterMode: "backfill"`):
 * a constraint read into a question that did not mean it no longer empties or starves the answer.
 */
export const RECOMMENDED_PIPELINE_CONFIG = {
  technique: "self-query",
  selfQuery: { base: "rerank", searchText: "question", filterMode: "backfill" },
  rerank: { base: "hybrid", candidates: 30, fuseWithBase: true, fusionWeight: 2 },
  hybrid: { dense: "parent-document", feedbackDocuments: 5, expansionTerms: 10 },
  parentDocument: { parentRanking: "sum", summedChildScores: 3 },
} as const satisfies RetrieverConfigInput;

/** Built-in pipelines that are compositions (the others are the techniques themselves). */
export const COMPOSITION_PIPELINE_NAMES = ["self-query-hybrid", "rerank-self-query-hybrid", "recommended"] as const;
export type CompositionPipelineName = (typeof COMPOSITION_PIPELINE_NAMES)[number];
/** A configuration whose `technique` may also name a built-in composition (e.g. `"recommended"`). */
export type PipelineConfigInput = Omit<RetrieverConfigInput, "technique"> & { technique?: Technique | CompositionPipelineName };

/** Pipelines every command knows by name: each technique alone, and the compositions worth comparing. */
export const BUILT_IN_PIPELINES: readonly Pipeline[] = [
  ...TECHNIQUES.map((technique) => ({ name: technique, config: { technique } })),
  { name: "self-query-hybrid", config: { technique: "self-query", selfQuery: { base: "hybrid" } }, description: "self-query over hybrid" },
  {
    name: "rerank-self-query-hybrid",
    config: { technique: "rerank", rerank: { base: "self-query" }, selfQuery: { base: "hybrid" } },
    description: "rerank over self-query over hybrid (the best composition before issue #16)",
  },
  {
    name: "recommended",
    config: RECOMMENDED_PIPELINE_CONFIG,
    description:
      "self-query (whole question under the filter, backfilled up to k) over rerank⊕base over feedback-hybrid(parent-document): the best composition measured (docs/SEMANTIC.md)",
  },
];

/** Names of the built-in pipelines. */
export const BUILT_IN_PIPELINE_NAMES = BUILT_IN_PIPELINES.map((pipeline) => pipeline.name);

/** The built-in pipeline called `name`, if any. */
export function builtInPipeline(name: string): Pipeline | undefined {
  return BUILT_IN_PIPELINES.find((pipeline) => pipeline.name === name);
}

/**
 * A configuration whose `technique` names a built-in pipeline that is not a technique (e.g.
 * `"recommended"`) becomes that pipeline's configuration with the other given fields on top; any other
 * configuration is returned as is.
 */
export function expandPipelineTechnique<Input>(input: Input): Input {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return input;
  const technique = (input as { technique?: unknown }).technique;
  if (typeof technique !== "string" || (TECHNIQUES as readonly string[]).includes(technique)) return input;
  const pipeline = builtInPipeline(technique);
  if (pipeline === undefined) return input;
  const { technique: _technique, ...rest } = input as Record<string, unknown>;
  void _technique;
  return mergeSections(pipeline.config as Record<string, unknown>, rest) as Input;
}

/** The pipeline's configuration with `overrides` on top, nested sections merged field by field. */
function mergeSections(base: Record<string, unknown>, overrides: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    const existing = merged[key];
    const bothSections = isSection(existing) && isSection(value) && key !== "filter";
    merged[key] = bothSections ? { ...existing, ...value } : value;
  }
  return merged;
}

function isSection(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * What `retrievers query` and `ask` use without `--technique`: the recommended pipeline, which has the
 * best nDCG@10 of every pipeline measured on each bundled dataset (bench/select-recommended.ts).
 */
export const DEFAULT_COMMAND_TECHNIQUE: CompositionPipelineName = "recommended";
