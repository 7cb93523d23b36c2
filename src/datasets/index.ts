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
export {
  DATASET_FILE_NAME,
  DEFAULT_DATASET,
  datasetPresetNames,
  findDatasetPreset,
  registerDatasetPreset,
  resolveDataset,
  type ResolveDatasetOptions,
} from "./registry.js";
export {
  datasetDefinitionSchema,
  metadataFieldSchema,
  SOURCE_TYPES,
  type DatasetDefinition,
  type DatasetMetadataFieldDefinition,
} from "./dataset-file/definition-schema.js";
export {
  parseDatasetDefinition,
  readDatasetFile,
  MAX_DATASET_DEFINITION_BYTES,
  type ReadDatasetFileOptions,
} from "./dataset-file/read-dataset-file.js";
export { datasetFromDefinition, attributesOf, type DatasetFromDefinitionOptions } from "./dataset-file/dataset-from-definition.js";
export { buildDatasetDocuments, DEFAULT_DATE_FORMATS } from "./dataset-file/build-documents.js";
export { inferDataset, inferredDataset, type InferDatasetOptions, type InferredDataset } from "./infer/infer-dataset.js";
export { PRODUCTS_PRESET, PRODUCTS_DATASET_FILE } from "./products/preset.js";
// The John Wick preset: its loader, checksummed fetch, folder resolution and preset.
export * from "./john-wick/index.js";
