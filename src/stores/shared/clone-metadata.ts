import { InvalidOptionError } from "../../core/errors/invalid-option-error.js";

/**
 * A deep copy of a document's metadata (`structuredClone`): stores copy metadata on the way in and
 * out, so a caller editing a nested array after `addDocuments`, or a returned document, never changes
 * the stored document (or what `save()` writes). Metadata that cannot be cloned (functions, class
 * instances with private state) is an `INVALID_OPTION` error naming the document.
 */
export function cloneMetadata(metadata: Record<string, unknown> | undefined, index: number): Record<string, unknown> {
  if (metadata === undefined || metadata === null) return {};
  try {
    return structuredClone(metadata);
  } catch (error) {
    throw new InvalidOptionError({
      option: `documents[${index}].metadata`,
      value: undefined,
      message: "must be plain data (numbers, strings, booleans, null, arrays, objects); it could not be copied",
      cause: error,
    });
  }
}
