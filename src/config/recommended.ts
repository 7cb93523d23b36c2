import type { DocumentInterface } from "@langchain/core/documents";
import { InvalidOptionError } from "../core/errors/invalid-option-error.js";
import { suggestion } from "../core/parse-options.js";
import { fingerprintDefinition, type Dataset } from "../datasets/dataset.js";
import { resolveDataset } from "../datasets/registry.js";
import type { AttributeSchema } from "../self-query/attribute-schema.js";
import { buildRetriever, type BuiltRetriever } from "./build-retriever.js";
import { RECOMMENDED_PIPELINE_CONFIG } from "./built-in-pipelines.js";
import { mergeConfigInputs } from "./config-file.js";
import type { RetrieverConfigInput } from "./retriever-config.js";
import type { ConfigEmbeddings } from "./technique-context.js";

/** Options of `createRecommendedRetriever`: a dataset, or documents with their attributes. */
export interface RecommendedRetrieverOptions {
  /**
   * The dataset: a `Dataset`, a preset name (`john-wick`, `products`) or the path of a `dataset.json`.
   * Its documents are loaded and its attributes used, unless `documents` / `attributes` are given.
   * @default none (then `documents` and `attributes` are required)
   */
  dataset?: Dataset | string;
  /** Documents to index (each with an `id`) instead of the dataset's. @default the dataset's */
  documents?: DocumentInterface[];
  /** What the self-query step may filter on (required with `documents` and no `dataset`). @default the dataset's */
  attributes?: AttributeSchema;
  /** Embeddings (e.g. an app's own model). @default the configuration's `embeddings` ("auto": OpenAI when configured, else the local model) */
  embeddings?: ConfigEmbeddings;
  /** Results per query. @default 10 */
  k?: number;
  /** Folder for saved indexes; null keeps them in memory only. @default null */
  indexDirectory?: string | null;
  /** Further configuration laid over the recommended pipeline's (e.g. `{ rerank: { reranker: "local" } }`); `technique` cannot be changed. @default {} */
  config?: Omit<RetrieverConfigInput, "technique" | "k" | "dataset" | "indexDirectory">;
}

/**
 * The `recommended` pipeline (the composition chosen by cross-validation over both bundled datasets,
 * see docs/SEMANTIC.md): self-query (backfilled up to k when few documents match the filter) over the
 * local (or configured) reranker's order fused with that of feedback-hybrid(BM25 + parent-document
 * dense). Returns the built retriever with
 * its `close()` (releases the model's worker threads).
 *
 *     const { retriever, close } = await createRecommendedRetriever({ dataset: "products" });
 *     const results = await retriever.search("laptops under $800 with good battery life");
 */
export async function createRecommendedRetriever(options: RecommendedRetrieverOptions): Promise<BuiltRetriever> {
  if (typeof options !== "object" || options === null)
    throw new InvalidOptionError({
      option: "createRecommendedRetriever",
      value: options,
      message: "expects an options object with dataset, or documents and attributes",
    });
  const known = ["dataset", "documents", "attributes", "embeddings", "k", "indexDirectory", "config"];
  const unknown = Object.keys(options).find((key) => !known.includes(key));
  if (unknown !== undefined)
    throw new InvalidOptionError({
      option: `createRecommendedRetriever.${unknown}`,
      value: (options as unknown as Record<string, unknown>)[unknown],
      message: `is not an option of createRecommendedRetriever${suggestion(unknown, known)}`,
    });
  if (options.dataset === undefined && options.documents === undefined) {
    throw new InvalidOptionError({
      option: "createRecommendedRetriever.dataset",
      value: undefined,
      message: "give a dataset (a preset name, a dataset.json path or a Dataset), or documents with their attributes",
    });
  }
  if (options.dataset === undefined && options.attributes === undefined) {
    throw new InvalidOptionError({
      option: "createRecommendedRetriever.attributes",
      value: undefined,
      message: "documents without a dataset need their attributes (defineAttributeSchema({...})): the self-query step filters on them",
    });
  }
  if (options.documents !== undefined && !Array.isArray(options.documents)) {
    throw new InvalidOptionError({
      option: "createRecommendedRetriever.documents",
      value: options.documents,
      message: "must be an array of documents, each with an id",
    });
  }
  const base =
    options.dataset === undefined
      ? undefined
      : typeof options.dataset === "string"
        ? await resolveDataset({ dataset: options.dataset })
        : options.dataset;
  const dataset =
    base === undefined
      ? documentsDataset(options.documents!, options.attributes!)
      : options.attributes === undefined
        ? base
        : {
            ...base,
            attributes: options.attributes,
            fingerprint: fingerprintDefinition({ dataset: base.fingerprint, attributes: options.attributes }),
            load: base.load.bind(base),
          };
  const config = mergeConfigInputs(RECOMMENDED_PIPELINE_CONFIG, (options.config ?? {}) as RetrieverConfigInput, {
    k: options.k,
    indexDirectory: options.indexDirectory ?? null,
  });
  if ((options.config as { technique?: unknown } | undefined)?.technique !== undefined) {
    throw new InvalidOptionError({
      option: "createRecommendedRetriever.config.technique",
      value: (options.config as { technique?: unknown }).technique,
      message: "the recommended pipeline's technique is fixed; use buildRetriever for another one",
    });
  }
  return buildRetriever(config, {
    dataset,
    ...(options.documents === undefined ? {} : { documents: options.documents }),
    ...(options.embeddings === undefined ? {} : { embeddings: options.embeddings }),
  });
}

/** A dataset around documents held in memory and their attributes. */
function documentsDataset(documents: DocumentInterface[], attributes: AttributeSchema): Dataset {
  return {
    id: "documents",
    description: attributes.documentContents,
    location: "(in memory)",
    origin: "inferred",
    idField: null,
    contentFields: [],
    metadataFields: [],
    attributes,
    displayColumns: [],
    filterOnlyOrder: [],
    goldFilterFields: {},
    fingerprint: fingerprintDefinition({ attributes, ids: documents.map((document) => document.id ?? null) }),
    load: async () => documents,
  };
}
