export { ErrorCodes, type ErrorCode } from "./error-codes.js";
export { RetrieverError, ERROR_MESSAGE_PREFIX, type RetrieverErrorOptions } from "./retriever-error.js";
export { InvalidOptionError, describeValue } from "./invalid-option-error.js";
export { InvalidFilterError } from "./invalid-filter-error.js";
export { ServiceError } from "./service-error.js";
export { DataError } from "./data-error.js";
