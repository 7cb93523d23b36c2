import type { DocumentInterface } from "@langchain/core/documents";
import type { FilterExpression } from "../core/filter/filter-schema.js";
import { compileFilter } from "../core/filter/compile-filter.js";
import { filterExpressionSchema } from "../core/filter/filter-schema.js";

/** What an explaining retriever (the self-query technique) says it will do with a question. */
export interface QueryExplanation {
  query?: string;
  /** The constructed metadata filter, `null` when the question has no constraint. */
  filter: FilterExpression | null;
  limit?: number;
  warnings?: string[];
  /** Which query constructor actually produced it (`"llm"`, `"rule-based"`), when it says. */
  producedBy?: string;
  /** Set when the configured constructor failed and a fallback produced it: why. */
  fallbackReason?: string;
}

/** A retriever that can tell the filter it would build for a question (duck-typed: `explain(question)`). */
export interface ExplainingRetriever {
  explain(question: string): Promise<QueryExplanation> | QueryExplanation;
}

/** True when `retriever` has an `explain(question)` method. */
export function canExplain(retriever: unknown): retriever is ExplainingRetriever {
  return typeof retriever === "object" && retriever !== null && typeof (retriever as { explain?: unknown }).explain === "function";
}

/** Ids of the documents a filter selects; `null` selects every document. Documents without an id are skipped. */
export function selectDocuments(documents: readonly DocumentInterface[], filter: FilterExpression | null): Set<string> {
  const matches = filter === null ? () => true : compileFilter(filter);
  const selected = new Set<string>();
  for (const document of documents) if (document.id !== undefined && matches(document.metadata)) selected.add(document.id);
  return selected;
}

/** The outcome of comparing a constructed filter with the gold one. */
export interface FilterComparison {
  /** True when both filters select exactly the same documents. */
  match: boolean;
  /** Documents the gold filter selects. */
  goldCount: number;
  /** Documents the constructed filter selects. */
  constructedCount: number;
  /** Selected by the gold filter but not by the constructed one. */
  missing: number;
  /** Selected by the constructed filter but not by the gold one. */
  extra: number;
}

/**
 * Compares two filters by what they select over `documents` (not by their syntax: `stars >= 8` and
 * `stars > 7` agree on whole-number values). A constructed filter that is not a valid filter
 * expression selects nothing.
 */
export function compareFilters(
  documents: readonly DocumentInterface[],
  gold: FilterExpression | null,
  constructed: unknown,
): FilterComparison {
  const goldSelection = selectDocuments(documents, gold);
  const parsed =
    constructed === null || constructed === undefined
      ? { success: true as const, data: null }
      : filterExpressionSchema.safeParse(constructed);
  const constructedSelection = parsed.success ? selectDocuments(documents, parsed.data) : new Set<string>();
  let missing = 0;
  for (const id of goldSelection) if (!constructedSelection.has(id)) missing += 1;
  let extra = 0;
  for (const id of constructedSelection) if (!goldSelection.has(id)) extra += 1;
  return {
    match: missing === 0 && extra === 0,
    goldCount: goldSelection.size,
    constructedCount: constructedSelection.size,
    missing,
    extra,
  };
}
