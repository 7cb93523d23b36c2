export { buildRetriever, type BuildDependencies, type BuiltRetriever } from "./build-retriever.js";
export { readRetrieverConfigFile, validateConfigInput, mergeConfigInputs, CONFIG_PATH_FIELDS } from "./config-file.js";
export {
  retrieverConfigSchema,
  TECHNIQUES,
  SELF_QUERY_BASES,
  SELF_QUERY_CONSTRUCTORS,
  STORES,
  DEFAULT_CONFIG_K,
  type RetrieverConfig,
  type RetrieverConfigInput,
  type Technique,
} from "./retriever-config.js";
export type { TechniqueBuild, TechniqueBuilder, TechniqueContext, ConfigEmbeddings } from "./technique-context.js";
export { openDenseIndex, fingerprintIndex, DEFAULT_INDEX_DIRECTORY, type OpenDenseIndexOptions } from "./dense-index.js";
export { openVectorStore, type OpenVectorStoreOptions, type OpenedVectorStore, type StoreKind } from "./open-store.js";
