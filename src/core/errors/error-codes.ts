/**
 * The error catalogue. Every error the library throws carries one of these codes, so callers (and
 * tests) branch on `error.code` instead of on wording.
 */
export const ErrorCodes = {
  /** An option passed to a constructor or function is missing, of the wrong type or out of range. */
  INVALID_OPTION: "INVALID_OPTION",
  /** A metadata filter is malformed: unknown operator, wrong value type, too deep. */
  INVALID_FILTER: "INVALID_FILTER",
  /** A data file cannot be read as the expected CSV (bad quoting, wrong column count, missing column). */
  INVALID_DATA: "INVALID_DATA",
  /** A query is empty, whitespace only, or too long. */
  INVALID_QUERY: "INVALID_QUERY",
  /** A vector has the wrong length or contains NaN/Infinity. */
  INVALID_VECTOR: "INVALID_VECTOR",
  /** An index/vector dimension differs between the stored index and the embeddings in use. */
  DIMENSION_MISMATCH: "DIMENSION_MISMATCH",
  /** A saved index is missing, truncated, corrupted (checksum) or of an unsupported format version. */
  INDEX_CORRUPTED: "INDEX_CORRUPTED",
  /** A file could not be written (disk full, permissions, missing folder); nothing was half-written. */
  WRITE_FAILED: "WRITE_FAILED",
  /** A file or folder the caller named does not exist or cannot be read. */
  NOT_FOUND: "NOT_FOUND",
  /** A remote service (OpenAI, Cohere, Chroma, a download host) failed after retries. */
  SERVICE_ERROR: "SERVICE_ERROR",
  /** A remote service did not answer in time. */
  SERVICE_TIMEOUT: "SERVICE_TIMEOUT",
  /** An optional dependency needed for the requested feature is not installed. */
  MISSING_DEPENDENCY: "MISSING_DEPENDENCY",
  /** A downloaded file does not match its expected checksum. */
  CHECKSUM_MISMATCH: "CHECKSUM_MISMATCH",
  /** The operation was cancelled through an AbortSignal. */
  ABORTED: "ABORTED",
  /** A local input (a file, a CSV field) is larger than its documented maximum size. */
  INPUT_TOO_LARGE: "INPUT_TOO_LARGE",
  /** The operation is not available on this store or adapter (e.g. listing a LangChain store without a lister). */
  UNSUPPORTED_OPERATION: "UNSUPPORTED_OPERATION",
  /** A remote service cannot be reached at all (connection refused: nothing listens at its URL); not retried. */
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  /** A saved index is intact but holds other documents than expected (dataset fingerprint or document ids differ): rebuild it. */
  INDEX_MISMATCH: "INDEX_MISMATCH",
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];
