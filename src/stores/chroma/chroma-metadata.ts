import { InvalidOptionError, describeValue } from "../../core/errors/invalid-option-error.js";

/**
 * Chroma metadata values are scalars only (string, number, boolean). Values it cannot hold — arrays,
 * objects and null — are kept, as JSON, under this reserved key, and restored when documents are
 * read back, so every document round-trips unchanged (LangChain text splitters, for instance, add
 * `loc: { lines: { from, to } }`).
 */
export const CHROMA_EXTRA_METADATA_KEY = "_advanced_retrievers_json";

/** Metadata as Chroma stores it. */
export type ChromaMetadata = Record<string, string | number | boolean>;

/** A document's metadata encoded for Chroma, and which of its fields hold arrays. */
export interface EncodedMetadata {
  /** `null` when there is nothing to store (Chroma refuses empty metadata objects). */
  metadata: ChromaMetadata | null;
  /** Fields whose value is an array: filters on them cannot be pushed into a Chroma `where`. */
  arrayFields: string[];
}

/**
 * Encodes one document's metadata for Chroma. Strings, booleans and finite numbers are stored as they
 * are (filterable in `where`); arrays, objects and null go to `CHROMA_EXTRA_METADATA_KEY` as JSON;
 * `undefined` is dropped (as JSON drops it). Throws `InvalidOptionError` naming the document and the
 * field for a non-finite number, a value JSON cannot hold, or a reserved key.
 */
export function encodeChromaMetadata(metadata: Record<string, unknown> | undefined, owner: string): EncodedMetadata {
  const stored: ChromaMetadata = {};
  const extra: Record<string, unknown> = {};
  const arrayFields: string[] = [];
  let storedCount = 0;
  let extraCount = 0;
  for (const [key, value] of Object.entries(metadata ?? {})) {
    if (value === undefined) continue;
    if (key === CHROMA_EXTRA_METADATA_KEY || key.startsWith("$") || key.startsWith("#") || key.startsWith("chroma:")) {
      throw new InvalidOptionError({
        option: `${owner}.metadata.${key}`,
        value: key,
        message: `this key is reserved in Chroma (keys starting with "$", "#" or "chroma:", and "${CHROMA_EXTRA_METADATA_KEY}"); rename the field`,
      });
    }
    if (typeof value === "string" || typeof value === "boolean") {
      stored[key] = value;
      storedCount += 1;
    } else if (typeof value === "number") {
      if (!Number.isFinite(value)) {
        throw new InvalidOptionError({
          option: `${owner}.metadata.${key}`,
          value,
          message: "Chroma stores finite numbers only; store a finite number or a string",
        });
      }
      stored[key] = value;
      storedCount += 1;
    } else if (value === null || Array.isArray(value) || isPlainObject(value)) {
      extra[key] = value;
      extraCount += 1;
      if (Array.isArray(value)) arrayFields.push(key);
    } else {
      throw new InvalidOptionError({
        option: `${owner}.metadata.${key}`,
        value: describeValue(value),
        message: "metadata values must be strings, numbers, booleans, null, arrays or plain objects (JSON)",
      });
    }
  }
  if (extraCount > 0) {
    let json: string;
    try {
      json = JSON.stringify(extra);
    } catch (error) {
      throw new InvalidOptionError({
        option: `${owner}.metadata`,
        value: undefined,
        message: "holds a value JSON cannot encode (a cycle or a BigInt); keep metadata to JSON values",
        cause: error,
      });
    }
    stored[CHROMA_EXTRA_METADATA_KEY] = json;
    storedCount += 1;
  }
  return { metadata: storedCount === 0 ? null : stored, arrayFields };
}

/** Decodes metadata read from Chroma back to what was added (restoring non-scalar values). */
export function decodeChromaMetadata(stored: Record<string, unknown> | null | undefined): Record<string, unknown> {
  const metadata: Record<string, unknown> = {};
  if (stored == null) return metadata;
  for (const [key, value] of Object.entries(stored)) {
    if (key === CHROMA_EXTRA_METADATA_KEY) continue;
    if (value !== null && value !== undefined) metadata[key] = value;
  }
  const extra = stored[CHROMA_EXTRA_METADATA_KEY];
  if (typeof extra === "string") {
    try {
      const parsed = JSON.parse(extra) as unknown;
      if (isPlainObject(parsed)) Object.assign(metadata, parsed);
    } catch {
      // Written by someone else: leave the string as it is.
      metadata[CHROMA_EXTRA_METADATA_KEY] = extra;
    }
  }
  return metadata;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
