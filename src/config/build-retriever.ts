import type { DocumentInterface } from "@langchain/core/documents";
import { parseOptions } from "../core/parse-options.js";
import type { RetrieverVectorStore } from "../core/vector-store.js";
import { createEmbeddings } from "../embeddings/create-embeddings.js";
import type { Dataset } from "../datasets/dataset.js";
import { resolveDataset } from "../datasets/registry.js";
import { expandPipelineTechnique, type PipelineConfigInput } from "./built-in-pipelines.js";
import { openVectorStore } from "./open-store.js";
import { retrieverConfigSchema, type RetrieverConfig, type RetrieverConfigInput, type Technique } from "./retriever-config.js";
import type { ConfigEmbeddings, TechniqueBuild, TechniqueBuilder, TechniqueContext } from "./technique-context.js";
import { buildHybrid } from "./techniques/hybrid.js";
import { buildNaive } from "./techniques/naive.js";
import { buildParentDocument } from "./techniques/parent-document.js";
import { buildRerank } from "./techniques/rerank.js";
import { buildSelfQuery } from "./techniques/self-query.js";

/** One builder per technique; compositions call `context.build(base)`. */
const builders: Record<Technique, TechniqueBuilder> = {
  naive: buildNaive,
  hybrid: buildHybrid,
  rerank: buildRerank,
  "parent-document": buildParentDocument,
  "self-query": buildSelfQuery,
};

/** Everything `buildRetriever` assembled, for commands that report on it. */
export interface BuiltRetriever extends TechniqueBuild {
  config: RetrieverConfig;
  /** The dataset the documents came from (its attributes, display columns, gold-filter fields...). */
  dataset: Dataset;
  /** Where the documents came from: the dataset's location and id (`(in memory)` for injected documents). */
  data: { folder: string; source: string };
  documents: DocumentInterface[];
  embeddings: ConfigEmbeddings;
  /** Builds another technique on the same documents and indexes (used by `compare`). */
  buildTechnique(technique: Technique): Promise<TechniqueBuild>;
  /** Releases worker threads and flushes caches. */
  close(): Promise<void>;
}

/** Injected dependencies, mainly for tests (e.g. fake embeddings) and for apps with their own models. */
export interface BuildDependencies {
  embeddings?: ConfigEmbeddings;
  /** Documents to index instead of loading the dataset's. */
  documents?: DocumentInterface[];
  /** The dataset (its attributes, ordering and display columns) instead of the configured one. */
  dataset?: Dataset;
}

/** Validates a configuration (errors name the field and the allowed values) and builds the technique. */
export async function buildRetriever(
  input: RetrieverConfigInput | PipelineConfigInput,
  dependencies: BuildDependencies = {},
): Promise<BuiltRetriever> {
  // `technique` may name a built-in pipeline (e.g. "recommended"): its configuration, the other fields on top.
  const config = parseOptions(retrieverConfigSchema, expandPipelineTechnique(input), "config");
  const dataset =
    dependencies.dataset ??
    (await resolveDataset({
      ...(config.dataset === undefined ? {} : { dataset: config.dataset }),
      ...(config.data === undefined ? {} : { data: config.data }),
    }));
  const data =
    dependencies.documents === undefined ? { folder: dataset.location, source: dataset.id } : { folder: "(in memory)", source: dataset.id };
  const documents =
    dependencies.documents ?? (await dataset.load(config.includeTitle === undefined ? {} : { includeTitle: config.includeTitle }));
  const embeddings: ConfigEmbeddings = dependencies.embeddings ?? createEmbeddings({ provider: config.embeddings });
  const close = async () => {
    if (dependencies.embeddings === undefined) await embeddings.close?.();
  };

  const stores = new Map<string, Promise<{ store: RetrieverVectorStore; loaded: boolean; location: string | null }>>();
  const built = new Map<Technique, Promise<TechniqueBuild>>();
  const context: TechniqueContext = {
    config,
    dataset,
    documents,
    embeddings,
    openStore(name, storeDocuments) {
      let opened = stores.get(name);
      if (opened === undefined) {
        // Keyed by the dataset's fingerprint too, so two datasets never share an index file or collection.
        opened = openVectorStore({
          store: config.store,
          documents: storeDocuments,
          embeddings,
          name,
          directory: config.indexDirectory,
          datasetFingerprint: dataset.fingerprint,
        });
        stores.set(name, opened);
      }
      return opened;
    },
    build(technique) {
      let build = built.get(technique);
      if (build === undefined) {
        build = builders[technique](context);
        built.set(technique, build);
      }
      return build;
    },
  };

  try {
    const main = await context.build(config.technique);
    return { ...main, config, dataset, data, documents, embeddings, buildTechnique: context.build, close };
  } catch (error) {
    await close();
    throw error;
  }
}
