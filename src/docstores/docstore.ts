import { Document, type DocumentInterface } from "@langchain/core/documents";
import { InvalidOptionError } from "../core/errors/invalid-option-error.js";
import { sameContent } from "../stores/shared/content-hash.js";

/**
 * A key-value store of whole documents (the parents of the parent-document technique).
 *
 * The same shape as LangChain's `BaseStore<string, DocumentInterface>` (`mget`, `mset`, `mdelete`,
 * `yieldKeys`), so LangChain's `InMemoryStore` can be passed where a `Docstore` is expected, and this
 * library's docstores (`InMemoryDocstore`, `FileDocstore`, both `BaseStore` subclasses) can be given to
 * LangChain's own `ParentDocumentRetriever`.
 */
export interface Docstore {
  /** The documents stored under `keys`, in the same order; `undefined` for a missing key. */
  mget(keys: string[]): Promise<Array<DocumentInterface | undefined>>;
  /** Stores (or replaces) documents under their keys. */
  mset(entries: Array<[string, DocumentInterface]>): Promise<void>;
  /** Removes keys; unknown keys are ignored. */
  mdelete(keys: string[]): Promise<void>;
  /** Every key (starting with `prefix`, when given). */
  yieldKeys(prefix?: string): AsyncGenerator<string>;
}

/** How a document compares with what a docstore holds under its key. */
export type StoredContentComparison = "missing" | "same" | "changed";

/**
 * Optional docstore capability: compares documents with the stored ones (text and metadata, as
 * `sameContent`) without copying them out, for callers that only need to know what changed (the
 * parent-document re-add path). Both docstores of this library have it.
 */
export interface ComparingDocstore extends Docstore {
  compareContent(entries: Array<[string, DocumentInterface]>): Promise<StoredContentComparison[]>;
}

/** True when the docstore can compare content itself (`ComparingDocstore`). */
export function isComparingDocstore(docstore: Docstore): docstore is ComparingDocstore {
  return typeof (docstore as Partial<ComparingDocstore>).compareContent === "function";
}

/** `compareContent` over a map of stored documents. */
export function compareStoredContent(
  documents: ReadonlyMap<string, StoredDocument>,
  entries: Array<[string, DocumentInterface]>,
): StoredContentComparison[] {
  return entries.map(([key, document]) => {
    const stored = documents.get(key);
    return stored === undefined ? "missing" : sameContent(stored, document) ? "same" : "changed";
  });
}

/** All keys of a docstore (starting with `prefix`, when given), sorted in code-unit order. */
export async function listDocstoreKeys(docstore: Docstore, prefix?: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const key of docstore.yieldKeys(prefix)) keys.push(key);
  return keys.sort(compareKeys);
}

/** True when `value` has the methods of a `Docstore`. */
export function isDocstore(value: unknown): value is Docstore {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return ["mget", "mset", "mdelete", "yieldKeys"].every((method) => typeof candidate[method] === "function");
}

/** What a docstore keeps of a document: its id, text and a private copy of its metadata. */
export interface StoredDocument {
  id?: string;
  pageContent: string;
  metadata: Record<string, unknown>;
}

/**
 * A private copy of a document for storing, so that later changes to the caller's object (or to a
 * returned copy) never change what is stored. Throws `InvalidOptionError` for a key that is not a
 * non-empty string or a value that is not a document.
 */
export function copyForStorage(key: unknown, document: unknown, owner: string): StoredDocument {
  if (typeof key !== "string" || key.length === 0) {
    throw new InvalidOptionError({ option: `${owner}.key`, value: key, message: "docstore keys must be non-empty strings" });
  }
  const candidate = document as Partial<DocumentInterface> | null;
  if (typeof candidate !== "object" || candidate === null || typeof candidate.pageContent !== "string") {
    throw new InvalidOptionError({
      option: `${owner}["${key}"]`,
      value: document,
      message: "must be a document ({ pageContent: string, metadata?: object })",
    });
  }
  const metadata = candidate.metadata ?? {};
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) {
    throw new InvalidOptionError({ option: `${owner}["${key}"].metadata`, value: metadata, message: "must be a plain object" });
  }
  let copiedMetadata: Record<string, unknown>;
  try {
    copiedMetadata = structuredClone(metadata) as Record<string, unknown>;
  } catch (error) {
    throw new InvalidOptionError({
      option: `${owner}["${key}"].metadata`,
      value: undefined,
      message: "cannot be copied (it holds functions or other uncloneable values); keep metadata to plain data",
      cause: error,
    });
  }
  return {
    ...(typeof candidate.id === "string" ? { id: candidate.id } : {}),
    pageContent: candidate.pageContent,
    metadata: copiedMetadata,
  };
}

/** A fresh `Document` from a stored one (its metadata copied, so the caller may change it freely). */
export function documentFromStorage(stored: StoredDocument): DocumentInterface {
  return new Document({
    ...(stored.id === undefined ? {} : { id: stored.id }),
    pageContent: stored.pageContent,
    metadata: copyData(stored.metadata) as Record<string, unknown>,
  });
}

/** Nesting copied by `copyData` itself; deeper values go through `structuredClone`. */
const MAXIMUM_DIRECT_COPY_DEPTH = 32;

/**
 * A deep copy of stored (already cloneable) data: plain objects, arrays and primitives are copied
 * directly (several times faster than `structuredClone` for typical metadata), anything else (dates,
 * maps, typed arrays, ...) goes through `structuredClone`. Depth is bounded by the stored value, which
 * `structuredClone` accepted when it was stored.
 */
function copyData(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== "object") return value;
  // Deep values (and cycles, which structuredClone keeps) are left to structuredClone, which is iterative.
  if (depth >= MAXIMUM_DIRECT_COPY_DEPTH) return structuredClone(value);
  if (Array.isArray(value)) return value.map((item) => copyData(item, depth + 1));
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return structuredClone(value);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = copyData((value as Record<string, unknown>)[key], depth + 1);
    // defineProperty keeps a "__proto__" key an ordinary property, as structuredClone does.
    if (key === "__proto__") Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
    else copy[key] = item;
  }
  return copy;
}

/** Code-unit order (not locale order), so key listings are the same on every machine. */
export function compareKeys(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
