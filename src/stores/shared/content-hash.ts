import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json.js";

/** What a content-hash id is computed from. */
export interface HashableDocument {
  pageContent: string;
  metadata?: Record<string, unknown>;
}

/**
 * A stable id for a document that has none: the SHA-256 (hex) of its text and metadata as canonical
 * JSON (keys sorted), so re-adding the same document upserts it instead of duplicating it, in every
 * store and every process. Documents differing only in metadata key order get the same id.
 */
export function contentHashId(document: HashableDocument): string {
  const content = canonicalJson({ pageContent: document.pageContent, metadata: document.metadata ?? {} });
  return createHash("sha256").update(content, "utf8").digest("hex");
}

/**
 * True when two documents have the same text and the same metadata as data (key order ignored,
 * compared as their canonical JSON): exactly when their `contentHashId`s are equal, without hashing.
 */
export function sameContent(left: HashableDocument, right: HashableDocument): boolean {
  if (left.pageContent !== right.pageContent) return false;
  const leftMetadata = left.metadata ?? {};
  const rightMetadata = right.metadata ?? {};
  const flat = sameFlatMetadata(leftMetadata, rightMetadata);
  return flat ?? canonicalJson(leftMetadata) === canonicalJson(rightMetadata);
}

/**
 * The common case without serializing: metadata of strings, finite numbers and booleans only. Null
 * when either side holds anything else (then canonical JSON decides).
 */
function sameFlatMetadata(left: Record<string, unknown>, right: Record<string, unknown>): boolean | null {
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return isFlat(left) && isFlat(right) ? false : null;
  let equal = true;
  for (const key of keys) {
    const leftValue = left[key];
    const rightValue = right[key];
    if (!isFlatValue(leftValue) || !isFlatValue(rightValue)) return null;
    if (leftValue !== rightValue || !Object.hasOwn(right, key)) equal = false;
  }
  return equal;
}

function isFlatValue(value: unknown): boolean {
  return typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value));
}

function isFlat(metadata: Record<string, unknown>): boolean {
  return Object.values(metadata).every(isFlatValue);
}
