import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { DocumentInterface } from "@langchain/core/documents";
import { BaseStore } from "@langchain/core/stores";
import { z } from "zod/v4";
import { ErrorCodes } from "../core/errors/error-codes.js";
import { InvalidOptionError } from "../core/errors/invalid-option-error.js";
import { RetrieverError } from "../core/errors/retriever-error.js";
import { parseOptions } from "../core/parse-options.js";
import { OlderFormat, readRecordFile, unreadableFileError, writeRecordFile } from "../stores/shared/record-file.js";
import { canonicalJson } from "../stores/shared/canonical-json.js";
import {
  compareKeys,
  compareStoredContent,
  copyForStorage,
  documentFromStorage,
  type ComparingDocstore,
  type StoredContentComparison,
  type StoredDocument,
} from "./docstore.js";

/**
 * The file format of `FileDocstore` (version 2): a record file (`writeRecordFile`, JSON Lines)
 *
 * ```
 * {"format": "advanced-retrievers/docstore", "formatVersion": 2, "count": n}
 * [key, { "id"?, "pageContent", "metadata" }]          one line per document, sorted by key
 * ...
 * {"end": true, "records": n, "checksum": "sha256:<hex of every byte before this line>"}
 * ```
 *
 * Written and read as a stream, so the file is not limited by the longest JavaScript string; any
 * change to the file that did not go through the docstore is detected on open. Version 1 files (one
 * JSON object holding every entry) are still read.
 */
export const DOCSTORE_FORMAT_NAME = "advanced-retrievers/docstore";
/** The format version this library writes. */
export const DOCSTORE_FORMAT_VERSION = 2;

const LEGACY_FORMAT_VERSION = 1;
const CHECKSUM_PREFIX = "sha256:";
const REPAIR_HINT = "restore the file from a backup, or delete it and add the documents again";

/** Options of `FileDocstore.open`. */
export interface FileDocstoreOptions {
  /** The JSON file holding the documents. Created (with its folder) on the first write when missing. */
  path: string;
}

const optionsSchema = z.object({ path: z.string().min(1, "must be a file path") }).strict();

const storedDocumentSchema = z
  .object({
    id: z.string().optional(),
    pageContent: z.string(),
    metadata: z.record(z.string(), z.unknown()),
  })
  .strict();

const legacyFileSchema = z
  .object({
    format: z.string(),
    formatVersion: z.number(),
    count: z.number().int().nonnegative(),
    checksum: z.string(),
    entries: z.array(z.tuple([z.string().min(1), storedDocumentSchema])),
  })
  .strict();

const headerSchema = z.object({ format: z.string(), formatVersion: z.number(), count: z.number().int().nonnegative() }).strict();

/**
 * A docstore kept in one JSON file, so parents survive a restart. All documents are held in memory;
 * every `mset`/`mdelete` rewrites the file atomically (temporary file, fsync, rename), so a crash leaves
 * the previous or the new content, never a mix. Writes are applied in call order; a write that fails
 * leaves both the file and the in-memory content unchanged. Metadata is saved as JSON (dates become
 * ISO strings). Meant for one writing process; the file is streamed (a million review-sized
 * documents is fine), but each write costs a full rewrite: batch documents into few `mset` calls.
 *
 * `open` verifies the format, version, count and checksum and throws `RetrieverError` INDEX_CORRUPTED
 * (naming the file and the fix) when the file is truncated, edited or of another version.
 */
export class FileDocstore extends BaseStore<string, DocumentInterface> implements ComparingDocstore {
  lc_namespace = ["advanced_retrievers", "docstores"];

  static override lc_name(): string {
    return "FileDocstore";
  }

  /** Opens the docstore at `options.path`: reads and verifies it, or starts empty when the file does not exist. */
  static async open(options: FileDocstoreOptions): Promise<FileDocstore> {
    const { path } = parseOptions(optionsSchema, options, "FileDocstore");
    return new FileDocstore(path, await readDocstoreFile(path));
  }

  /** The file this docstore is saved in. */
  readonly path: string;
  private documents: Map<string, StoredDocument>;
  /** The chain of pending writes: each write starts after the previous one settled. */
  private writes: Promise<void> = Promise.resolve();

  private constructor(path: string, documents: Map<string, StoredDocument>) {
    super();
    this.path = path;
    this.documents = documents;
  }

  /** Compares documents with the stored ones without copying them (see `ComparingDocstore`). */
  async compareContent(entries: Array<[string, DocumentInterface]>): Promise<StoredContentComparison[]> {
    return compareStoredContent(this.documents, entries);
  }

  async mget(keys: string[]): Promise<Array<DocumentInterface | undefined>> {
    return keys.map((key) => {
      const stored = this.documents.get(key);
      return stored === undefined ? undefined : documentFromStorage(stored);
    });
  }

  async mset(entries: Array<[string, DocumentInterface]>): Promise<void> {
    const copies = entries.map(([key, document]) => [key, copyForStorage(key, document, "FileDocstore.mset")] as const);
    if (copies.length === 0) return;
    await this.update((next) => {
      for (const [key, copy] of copies) next.set(key, copy);
      return true;
    });
  }

  async mdelete(keys: string[]): Promise<void> {
    if (!Array.isArray(keys) || keys.some((key) => typeof key !== "string")) {
      throw new InvalidOptionError({ option: "FileDocstore.mdelete.keys", value: keys, message: "must be an array of strings" });
    }
    await this.update((next) => {
      let changed = false;
      for (const key of keys) changed = next.delete(key) || changed;
      return changed;
    });
  }

  async *yieldKeys(prefix?: string): AsyncGenerator<string> {
    for (const key of await this.keys(prefix)) yield key;
  }

  /** Every key (starting with `prefix`, when given), sorted in code-unit order. */
  async keys(prefix?: string): Promise<string[]> {
    return [...this.documents.keys()].filter((key) => prefix === undefined || key.startsWith(prefix)).sort(compareKeys);
  }

  /** Number of stored documents. */
  async count(): Promise<number> {
    return this.documents.size;
  }

  /** Resolves when every write started so far has been written (or has failed). */
  async flush(): Promise<void> {
    await this.writes;
  }

  /**
   * Applies `change` to a copy of the content, writes the copy, then makes it current. Queued after
   * earlier writes, so the file always reflects the writes in call order.
   */
  private update(change: (next: Map<string, StoredDocument>) => boolean): Promise<void> {
    const run = async (): Promise<void> => {
      const next = new Map(this.documents);
      if (!change(next)) return;
      await writeDocstoreFile(this.path, next);
      this.documents = next;
    };
    const result = this.writes.then(run);
    this.writes = result.catch(() => undefined);
    return result;
  }
}

/** Writes `documents` as a record file, streaming. Throws `InvalidOptionError` when some metadata cannot be saved as JSON. */
async function writeDocstoreFile(path: string, documents: Map<string, StoredDocument>): Promise<void> {
  const keys = [...documents.keys()].sort(compareKeys);
  function* entries(): Generator<[string, StoredDocument]> {
    for (const key of keys) yield [key, documents.get(key) as StoredDocument];
  }
  await writeRecordFile(
    path,
    { format: DOCSTORE_FORMAT_NAME, formatVersion: DOCSTORE_FORMAT_VERSION, count: keys.length },
    entries(),
    (index) => `the metadata of the document with key "${keys[index]}"`,
  );
}

/** Reads and verifies a docstore file, streaming; a missing file is an empty docstore. */
async function readDocstoreFile(path: string): Promise<Map<string, StoredDocument>> {
  const corrupted = (problem: string, cause?: unknown): RetrieverError =>
    new RetrieverError({ code: ErrorCodes.INDEX_CORRUPTED, message: `docstore file ${path}: ${problem}; ${REPAIR_HINT}`, cause });
  const documents = new Map<string, StoredDocument>();
  let count = 0;
  try {
    await readRecordFile(
      path,
      {
        onHeader: (raw) => {
          const format = (raw as { format?: unknown } | null)?.format;
          if (format !== DOCSTORE_FORMAT_NAME)
            throw corrupted(`is not a docstore file (format ${JSON.stringify(format) ?? "missing"}, expected "${DOCSTORE_FORMAT_NAME}")`);
          const version = (raw as { formatVersion?: unknown }).formatVersion;
          if (version === LEGACY_FORMAT_VERSION) throw new OlderFormat(LEGACY_FORMAT_VERSION);
          if (version !== DOCSTORE_FORMAT_VERSION) {
            throw corrupted(
              `format version ${JSON.stringify(version) ?? "missing"} is not supported (this library reads versions ${LEGACY_FORMAT_VERSION} and ${DOCSTORE_FORMAT_VERSION})`,
            );
          }
          const header = headerSchema.safeParse(raw);
          if (!header.success) throw corrupted(`has an unexpected header (${header.error.issues[0]?.message ?? "invalid"})`, header.error);
          count = header.data.count;
        },
        onRecord: (record, index) => {
          const entry = parseEntry(record);
          if (typeof entry === "string") throw corrupted(`entry ${index + 1} has an unexpected structure (${entry})`);
          const [key, stored] = entry;
          if (documents.has(key)) throw corrupted(`key "${key}" appears twice`);
          documents.set(key, stored);
        },
      },
      {
        corrupted,
        unreadable: (code, cause) => {
          if (code === "ENOENT") throw new MissingFile();
          return unreadableFileError(path, code, "the docstore file", cause);
        },
      },
    );
  } catch (error) {
    if (error instanceof MissingFile) return new Map();
    if (error instanceof OlderFormat) return readVersion1(path, corrupted);
    throw error;
  }
  if (documents.size !== count) throw corrupted(`holds ${documents.size} documents but its header says ${count}`);
  return documents;
}

/**
 * One `[key, { id?, pageContent, metadata }]` record, checked by hand (a schema library costs more
 * than the JSON parsing itself at a million records). Returns the problem as a string when invalid.
 */
function parseEntry(record: unknown): [string, StoredDocument] | string {
  if (!Array.isArray(record) || record.length !== 2) return "expected [key, document]";
  const [key, stored] = record as [unknown, unknown];
  if (typeof key !== "string" || key.length === 0) return "the key is not a non-empty string";
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) return `the document of "${key}" is not an object`;
  const { id, pageContent, metadata, ...rest } = stored as Record<string, unknown>;
  if (Object.keys(rest).length > 0) return `the document of "${key}" has unknown fields (${Object.keys(rest).join(", ")})`;
  if (id !== undefined && typeof id !== "string") return `the id of "${key}" is not a string`;
  if (typeof pageContent !== "string") return `the pageContent of "${key}" is not a string`;
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) return `the metadata of "${key}" is not an object`;
  return [key, { ...(id === undefined ? {} : { id }), pageContent, metadata: metadata as Record<string, unknown> }];
}

/** Signals a docstore file that does not exist yet (an empty docstore). */
class MissingFile extends Error {}

/** Version 1: one JSON object with every entry, checksummed over their canonical JSON. */
async function readVersion1(
  path: string,
  corrupted: (problem: string, cause?: unknown) => RetrieverError,
): Promise<Map<string, StoredDocument>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw unreadableFileError(path, String((error as { code?: unknown }).code ?? "EIO"), "the docstore file", error);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw corrupted("is not valid JSON (truncated or edited?)", error);
  }
  const parsed = legacyFileSchema.safeParse(raw);
  if (!parsed.success)
    throw corrupted(
      `has an unexpected structure (${parsed.error.issues[0]?.message ?? "invalid"} at ${parsed.error.issues[0]?.path.join(".") ?? ""})`,
      parsed.error,
    );
  const file = parsed.data;
  const checksum =
    CHECKSUM_PREFIX +
    createHash("sha256")
      .update(canonicalJson((raw as { entries: unknown }).entries), "utf8")
      .digest("hex");
  if (checksum !== file.checksum)
    throw corrupted("checksum mismatch: the documents were changed outside the docstore or the file is damaged");
  if (file.entries.length !== file.count) throw corrupted(`holds ${file.entries.length} documents but its header says ${file.count}`);
  const documents = new Map<string, StoredDocument>();
  for (const [key, stored] of file.entries) {
    if (documents.has(key)) throw corrupted(`key "${key}" appears twice`);
    documents.set(key, {
      ...(stored.id === undefined ? {} : { id: stored.id }),
      pageContent: stored.pageContent,
      metadata: stored.metadata as Record<string, unknown>,
    });
  }
  return documents;
}
