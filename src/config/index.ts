export { buildRetriever, type BuildDependencies, type BuiltRetriever } from "./build-retriever.js";
export { readRetrieverConfigFile, validateConfigInput, mergeConfigInputs, CONFIG_PATH_FIELDS } from "./config-file.js";
export {
  retrieverConfigSchema,
  TECHNIQUES,
  HYBRID_DENSE_LEGS,
  SELF_QUERY_BASES,
  SELF_QUERY_CONSTRUCTORS,
  STORES,
  DEFAULT_CONFIG_K,
  type RetrieverConfig,
  type RetrieverConfigInput,
  type Technique,
} from "./retriever-config.js";
export type { TechniqueBuild, ConfigEmbeddings } from "./technique-context.js";
export { openDenseIndex, fingerprintIndex, DEFAULT_INDEX_DIRECTORY, type OpenDenseIndexOptions } from "./dense-index.js";
export { openVectorStore, type OpenVectorStoreOptions, type OpenedVectorStore, type StoreKind } from "./open-store.js";
export {
  BUILT_IN_PIPELINES,
  BUILT_IN_PIPELINE_NAMES,
  DEFAULT_COMMAND_TECHNIQUE,
  RECOMMENDED_PIPELINE_CONFIG,
  builtInPipeline,
  expandPipelineTechnique,
  COMPOSITION_PIPELINE_NAMES,
  type CompositionPipelineName,
  type Pipeline,
  type PipelineConfigInput,
} from "./built-in-pipelines.js";
export {
  readPipelinesFile,
  parsePipelines,
  resolvePipelineList,
  PIPELINE_NAME_PATTERN,
  RUN_WIDE_FIELDS,
  MAXIMUM_PIPELINES,
} from "./pipelines.js";
export { createRecommendedRetriever, type RecommendedRetrieverOptions } from "./recommended.js";
