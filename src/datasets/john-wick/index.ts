export {
  JOHN_WICK_PRESET,
  johnWickDataset,
  JOHN_WICK_DATASET_ID,
  JOHN_WICK_DISPLAY_COLUMNS,
  JOHN_WICK_GOLD_FILTER_FIELDS,
  JOHN_WICK_QUERY_FILE_NAME,
} from "./preset.js";
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
} from "./load-reviews.js";
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
} from "./fetch-dataset.js";
export {
  resolveDataFolder,
  DOWNLOADED_DATA_FOLDER,
  SAMPLE_DATA_FOLDER,
  type ResolveDataFolderOptions,
  type ResolvedDataFolder,
} from "./resolve-data-folder.js";
export { JOHN_WICK_EXAMPLES, JOHN_WICK_FILTER_ONLY_ORDER, johnWickAttributes } from "./attributes.js";
