export {
  CsvDocumentLoader,
  loadCsvDocuments,
  parseCsvDocuments,
  DEFAULT_CONTENT_SEPARATOR,
  DEFAULT_EMPTY_CONTENT,
  DEFAULT_ID_TEMPLATE,
  type CsvIdContext,
  type CsvLoaderOptions,
  type CsvMetadataField,
} from "./csv-loader.js";
export {
  parseCsvTable,
  readDataFile,
  requireColumns,
  cellValue,
  DEFAULT_DELIMITER,
  type CsvRow,
  type CsvTable,
  type ParseCsvTableOptions,
} from "./csv-table.js";
export {
  CELL_TYPES,
  DATE_OUTPUTS,
  MILLISECONDS_PER_DAY,
  coerceCell,
  formatDate,
  parseCalendarDate,
  parseStrictBoolean,
  parseStrictInteger,
  parseStrictNumber,
  type CalendarDate,
  type CellType,
  type CellValue,
  type DateOutput,
  DATE_FORMATS,
  parseDateInFormats,
  type DateFormat,
} from "./coerce.js";
export { findPackageRoot } from "./package-root.js";
export { readBoundedFile, regularFileSize, MAX_FOLDER_FILES, type ReadBoundedFileOptions } from "./bounded-file.js";
export {
  readCsvRecords,
  readJsonlRecords,
  readCsvFolderRecords,
  readTextFolderRecords,
  listFolderFiles,
  parseFrontMatter,
  TEXT_FILE_EXTENSIONS,
  MAX_FRONT_MATTER_LINES,
  type RecordValue,
  type SourceRecord,
} from "./source-records.js";
