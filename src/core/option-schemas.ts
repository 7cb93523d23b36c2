import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { z } from "zod/v4";
import type { FilterExpression } from "./filter/filter-schema.js";
import { parseFilter } from "./filter/parse-filter.js";

/** zod schema of an options field holding LangChain embeddings (anything with embedDocuments and embedQuery). */
export const embeddingsOptionSchema = z.custom<EmbeddingsInterface>(
  (value) =>
    typeof value === "object" &&
    value !== null &&
    typeof (value as EmbeddingsInterface).embedDocuments === "function" &&
    typeof (value as EmbeddingsInterface).embedQuery === "function",
  "must be LangChain Embeddings (embedDocuments and embedQuery)",
);

/** Largest `k` one search accepts (constructor or per call): the stores' own limit. */
export const MAXIMUM_K = 100_000;

/** The one schema of a result count `k`, in constructors and per call. */
export const kOptionSchema = z.number().int().positive().max(MAXIMUM_K);

/**
 * The one schema of a metadata filter option: the canonical tree or the shorthand
 * (`{ "genre": ["drama"], "year": { "gte": 2020 } }`), parsed to the canonical tree; `null` = none.
 * A malformed filter throws `InvalidFilterError` (code `INVALID_FILTER`) naming the path in the filter.
 */
export const filterOptionSchema = z
  .unknown()
  .transform((value): FilterExpression | null => (value === null || value === undefined ? null : parseFilter(value)));

/** The fields of LangChain's `BaseRetrieverInput`, accepted by every retriever's options. */
export const retrieverInputShape = {
  callbacks: z.unknown().optional(),
  tags: z.array(z.string()).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  verbose: z.boolean().optional(),
} as const;

/** A strict options object of a retriever: its own fields plus LangChain's `BaseRetrieverInput` fields. */
export function retrieverOptionsSchema<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.object({ ...retrieverInputShape, ...shape }).strict();
}

/** The `BaseRetrieverInput` part of a retriever's options, to pass to `super` (never the whole options object). */
export function pickRetrieverInput(options: {
  callbacks?: unknown;
  tags?: string[];
  metadata?: Record<string, unknown>;
  verbose?: boolean;
}) {
  const picked: { callbacks?: never; tags?: string[]; metadata?: Record<string, unknown>; verbose?: boolean } = {};
  if (options.callbacks !== undefined) picked.callbacks = options.callbacks as never;
  if (options.tags !== undefined) picked.tags = options.tags;
  if (options.metadata !== undefined) picked.metadata = options.metadata;
  if (options.verbose !== undefined) picked.verbose = options.verbose;
  return picked;
}
