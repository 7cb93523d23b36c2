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
