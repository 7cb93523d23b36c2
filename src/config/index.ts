export { buildRetriever, type BuildDependencies, type BuiltRetriever } from "./build-retriever.js";
export {
  retrieverConfigSchema,
  TECHNIQUES,
  STORES,
  DEFAULT_CONFIG_K,
  type RetrieverConfig,
  type RetrieverConfigInput,
  type Technique,
} from "./retriever-config.js";
export type { TechniqueBuild, TechniqueBuilder, TechniqueContext, ConfigEmbeddings } from "./technique-context.js";
export { openDenseIndex, fingerprintIndex, DEFAULT_INDEX_DIRECTORY, type OpenDenseIndexOptions } from "./dense-index.js";
