export {
  DATASET_FIELD_TYPES,
  displayColumnsForFields,
  fingerprintDefinition,
  formatCell,
  goldFilterField,
  yearFieldName,
  type Dataset,
  type DatasetField,
  type DatasetFieldType,
  type DatasetLoadOptions,
  type DisplayColumn,
} from "./dataset.js";
export type { DatasetPreset, OpenPresetOptions, PresetFetchOptions, PresetFetchProgress, PresetFetchResult } from "./preset.js";
export { DATASET_FILE_NAME, DEFAULT_DATASET, datasetPresetNames, findDatasetPreset, registerDatasetPreset, resolveDataset, type ResolveDatasetOptions } from "./registry.js";
export { datasetDefinitionSchema, metadataFieldSchema, SOURCE_TYPES, type DatasetDefinition, type DatasetMetadataFieldDefinition } from "./dataset-file/definition-schema.js";
export { parseDatasetDefinition, readDatasetFile, MAX_DATASET_DEFINITION_BYTES } from "./dataset-file/read-dataset-file.js";
export { datasetFromDefinition, attributesOf, type DatasetFromDefinitionOptions } from "./dataset-file/dataset-from-definition.js";
export { buildDatasetDocuments, DEFAULT_DATE_FORMATS } from "./dataset-file/build-documents.js";
export { inferDataset, inferredDataset, type InferDatasetOptions, type InferredDataset } from "./infer/infer-dataset.js";
export { productsPreset, PRODUCTS_DATASET_FILE } from "./products/preset.js";
export {
  johnWickPreset,
  johnWickDataset,
  JOHN_WICK_DATASET_ID,
  JOHN_WICK_DISPLAY_COLUMNS,
  JOHN_WICK_FILTER_ONLY_ORDER,
  JOHN_WICK_GOLD_FILTER_FIELDS,
} from "./john-wick/preset.js";
export {
  loadJohnWickReviews,
  parseJohnWickCsv,
  findJohnWickFiles,
  johnWickFileName,
  JOHN_WICK_COLUMNS,
  JOHN_WICK_FILE_PATTERN,
  JOHN_WICK_FILMS,
  JOHN_WICK_METADATA_FIELDS,
  DEFAULT_RATING_WHEN_MISSING,
  MIN_RATING,
  MAX_RATING,
  type JohnWickFile,
  type JohnWickLoadOptions,
  type JohnWickMetadata,
  type MetadataFieldInfo,
} from "./john-wick/load-reviews.js";
export {
  fetchJohnWickDataset,
  johnWickRemoteFileName,
  DEFAULT_DATASET_BASE_URL,
  DEFAULT_DOWNLOAD_RETRIES,
  DEFAULT_DOWNLOAD_TIMEOUT_MS,
  DEFAULT_MAX_TOTAL_TIME_MS,
  DEFAULT_RETRY_BASE_DELAY_MS,
  JOHN_WICK_SHA256,
  MAX_DATASET_FILE_BYTES,
  MAX_RETRY_DELAY_MS,
  type DatasetFetchProgress,
  type FetchedDatasetFile,
  type FetchJohnWickDatasetOptions,
  type FetchJohnWickDatasetResult,
} from "./john-wick/fetch-dataset.js";
export { resolveDataFolder, DOWNLOADED_DATA_FOLDER, SAMPLE_DATA_FOLDER, type ResolveDataFolderOptions, type ResolvedDataFolder } from "./john-wick/resolve-data-folder.js";
