import { createHash, type Hash } from "node:crypto";
import { open, type FileHandle } from "node:fs/promises";
import { endianness } from "node:os";
import { z } from "zod/v4";
import { ErrorCodes } from "../../core/errors/error-codes.js";
import { InvalidOptionError } from "../../core/errors/invalid-option-error.js";
import { RetrieverError } from "../../core/errors/retriever-error.js";
import { writeFileAtomic } from "../../core/io/write-file-atomic.js";

/**
 * The single-file snapshot format of `MemoryStore.save` / `MemoryStore.load` (version 2):
 *
 * ```
 * bytes 0-7    magic "ARVSTORE"
 * bytes 8-11   format version, uint32 little-endian (INDEX_FORMAT_VERSION)
 * bytes 12-15  header length H, uint32 little-endian
 * H bytes      header, UTF-8 JSON: { format, formatVersion, dimension, count, embeddingsModelId,
 *              datasetFingerprint, idsDigest, vectorEncoding, documentEncoding }
 * count x dimension x 4 bytes   vectors, float32 little-endian, unit length, row order
 * ...          documents, JSON Lines: one { id, pageContent, metadata } per line, row order
 * 32 bytes     SHA-256 of everything before it
 * ```
 *
 * Written and read as a stream, a few megabytes at a time, so its size is bounded by the disk, not
 * by the largest JavaScript string (~512 MB) or the heap. Written atomically (temporary file + fsync
 * + rename), so an interrupted save leaves the previous file. `datasetFingerprint` (an opaque string
 * chosen by the caller) and `idsDigest` (`documentIdsDigest` of the ids) let a loader check that the
 * file holds the documents it expects. Version 1 files (one JSON array of documents after the
 * header, vectors last, no fingerprint) are still read.
 */
export const INDEX_FORMAT_VERSION = 2;
/** First bytes of every index file. */
export const INDEX_FILE_MAGIC = "ARVSTORE";
/** The `format` field of the header. */
export const INDEX_FORMAT_NAME = "advanced-retrievers/memory-store";

const LEGACY_FORMAT_VERSION = 1;
const PREFIX_BYTES = 16;
const CHECKSUM_BYTES = 32;
/** Bytes read or written per step. */
const CHUNK_BYTES = 4 * 1024 * 1024;
const NEWLINE = 0x0a;
const REBUILD_HINT = "rebuild it with `retrievers index` (or build the store again and call save)";

/** One stored document as saved. */
export interface IndexDocument {
  id: string;
  pageContent: string;
  metadata: Record<string, unknown>;
}

/** What the header of an index file says. */
export interface IndexHeader {
  dimension: number;
  count: number;
  /** The embeddings model the vectors came from, when known. */
  embeddingsModelId: string | null;
  /** The caller's fingerprint of the dataset, when one was given to `save` (null in version 1 files). */
  datasetFingerprint: string | null;
  /** `documentIdsDigest` of the stored ids (null in version 1 files). */
  idsDigest: string | null;
  formatVersion: number;
}

/** Receives a file's content as it is read; any of these may throw to stop reading. */
export interface IndexFileSink {
  /** Called first, before any content is read. */
  header(header: IndexHeader): void;
  /** `rows.length / dimension` consecutive unit-length rows starting at `firstRow` (the array is reused: copy it). */
  vectors(firstRow: number, rows: Float32Array): void;
  /** The document of row `row`, in row order. */
  document(row: number, document: IndexDocument): void;
}

/** What `writeIndexFile` saves: sizes, identity, and the rows, read one chunk at a time. */
export interface IndexFileContent {
  dimension: number;
  count: number;
  embeddingsModelId: string | null;
  datasetFingerprint: string | null;
  idsDigest: string;
  /** Copies rows `firstRow .. firstRow + rowCount - 1` into `target` (`rowCount * dimension` floats). */
  readVectors(firstRow: number, rowCount: number, target: Float32Array): void;
  /** The document of row `row`. */
  document(row: number): IndexDocument;
}

const headerSchema = z.object({
  format: z.literal(INDEX_FORMAT_NAME),
  formatVersion: z.literal(INDEX_FORMAT_VERSION),
  dimension: z.number().int().positive(),
  count: z.number().int().nonnegative(),
  embeddingsModelId: z.string().nullable(),
  datasetFingerprint: z.string().nullable(),
  idsDigest: z.string(),
  vectorEncoding: z.literal("float32le"),
  documentEncoding: z.literal("jsonl"),
});

const legacyHeaderSchema = z.object({
  format: z.literal(INDEX_FORMAT_NAME),
  formatVersion: z.literal(LEGACY_FORMAT_VERSION),
  dimension: z.number().int().positive(),
  count: z.number().int().nonnegative(),
  embeddingsModelId: z.string().nullable(),
  documentsBytes: z.number().int().nonnegative(),
  vectorsBytes: z.number().int().nonnegative(),
  vectorEncoding: z.literal("float32le"),
});

/**
 * Writes a snapshot atomically to `path`, streaming: vectors and documents are encoded a chunk of
 * rows at a time. A document whose metadata cannot be encoded as JSON aborts the write with an
 * `InvalidOptionError` (the previous file stays, no temporary file is left).
 */
export async function writeIndexFile(path: string, content: IndexFileContent): Promise<void> {
  const { dimension, count } = content;
  const header = Buffer.from(
    JSON.stringify({
      format: INDEX_FORMAT_NAME,
      formatVersion: INDEX_FORMAT_VERSION,
      dimension,
      count,
      embeddingsModelId: content.embeddingsModelId,
      datasetFingerprint: content.datasetFingerprint,
      idsDigest: content.idsDigest,
      vectorEncoding: "float32le",
      documentEncoding: "jsonl",
    } satisfies z.infer<typeof headerSchema>),
    "utf8",
  );
  const prefix = Buffer.alloc(PREFIX_BYTES);
  prefix.write(INDEX_FILE_MAGIC, 0, "ascii");
  prefix.writeUInt32LE(INDEX_FORMAT_VERSION, 8);
  prefix.writeUInt32LE(header.byteLength, 12);
  const rowsPerChunk = Math.max(1, Math.floor(CHUNK_BYTES / (dimension * 4)));

  function* chunks(): Generator<Uint8Array> {
    const hash = createHash("sha256");
    const emit = (chunk: Uint8Array): Uint8Array => {
      hash.update(chunk);
      return chunk;
    };
    yield emit(prefix);
    yield emit(header);
    const rows = new Float32Array(rowsPerChunk * dimension);
    for (let first = 0; first < count; first += rowsPerChunk) {
      const rowCount = Math.min(rowsPerChunk, count - first);
      const view = rows.subarray(0, rowCount * dimension);
      content.readVectors(first, rowCount, view);
      // Copied: the write may still hold the previous chunk when the next one is produced.
      yield emit(toLittleEndianBytes(view));
    }
    let lines: string[] = [];
    let lineCharacters = 0;
    for (let row = 0; row < count; row += 1) {
      const line = encodeDocument(content.document(row), row);
      lines.push(line);
      lineCharacters += line.length;
      if (lineCharacters >= CHUNK_BYTES / 2) {
        yield emit(Buffer.from(`${lines.join("\n")}\n`, "utf8"));
        lines = [];
        lineCharacters = 0;
      }
    }
    if (lines.length > 0) yield emit(Buffer.from(`${lines.join("\n")}\n`, "utf8"));
    yield hash.digest();
  }
  await writeFileAtomic(path, chunks());
}

function encodeDocument(document: IndexDocument, row: number): string {
  let line: string | undefined;
  try {
    line = JSON.stringify({ id: document.id, pageContent: document.pageContent, metadata: document.metadata });
  } catch (error) {
    throw new InvalidOptionError({
      option: "metadata",
      value: undefined,
      message: `the metadata of document "${document.id}" (row ${row}) cannot be saved as JSON (${error instanceof Error ? error.message : String(error)}); keep metadata to strings, numbers, booleans, arrays and plain objects`,
      cause: error,
    });
  }
  return line as string;
}

/**
 * Reads and verifies an index file, streaming its content into `sink`. Throws `RetrieverError`
 * NOT_FOUND when it does not exist and INDEX_CORRUPTED (naming the file and the fix) when it is
 * truncated, altered, not an index file, or of a format version this library does not read. The
 * checksum is verified at the end: a caller must not use what it received before this resolves.
 */
export async function readIndexFile(path: string, sink: IndexFileSink): Promise<IndexHeader> {
  let handle: FileHandle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "ENOENT" || code === "ENOTDIR") {
      throw new RetrieverError({
        code: ErrorCodes.NOT_FOUND,
        message: `no index file at ${path}; build one with \`retrievers index\``,
        cause: error,
      });
    }
    throw new RetrieverError({
      code: ErrorCodes.NOT_FOUND,
      message: `cannot read the index file ${path} (${String(code ?? error)}); check the path and its permissions`,
      cause: error,
    });
  }
  try {
    return await readOpenIndexFile(path, handle, sink);
  } catch (error) {
    if (RetrieverError.isInstance(error)) throw error;
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string") {
      throw new RetrieverError({
        code: ErrorCodes.NOT_FOUND,
        message: `cannot read the index file ${path} (${code}); check the path and its permissions`,
        cause: error,
      });
    }
    throw error;
  } finally {
    await handle.close();
  }
}

async function readOpenIndexFile(path: string, handle: FileHandle, sink: IndexFileSink): Promise<IndexHeader> {
  const corrupted = (problem: string, cause?: unknown): RetrieverError =>
    new RetrieverError({ code: ErrorCodes.INDEX_CORRUPTED, message: `${path}: ${problem}; ${REBUILD_HINT}`, cause });
  const size = (await handle.stat()).size;
  const readAt = async (position: number, length: number): Promise<Buffer> => {
    const buffer = Buffer.allocUnsafe(length);
    let filled = 0;
    while (filled < length) {
      const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
      if (bytesRead === 0) throw corrupted(`file is truncated (it ended while being read, at byte ${position + filled})`);
      filled += bytesRead;
    }
    return buffer;
  };

  if (size < PREFIX_BYTES) throw corrupted(`file is truncated (${size} bytes, shorter than the ${PREFIX_BYTES}-byte preamble)`);
  const prefix = await readAt(0, PREFIX_BYTES);
  if (prefix.toString("ascii", 0, 8) !== INDEX_FILE_MAGIC) throw corrupted("not a memory-store index file (wrong magic bytes)");
  const version = prefix.readUInt32LE(8);
  if (version !== INDEX_FORMAT_VERSION && version !== LEGACY_FORMAT_VERSION) {
    throw corrupted(
      `index format version ${version} is not supported (this library reads versions ${LEGACY_FORMAT_VERSION} and ${INDEX_FORMAT_VERSION})`,
    );
  }
  const headerBytes = prefix.readUInt32LE(12);
  if (PREFIX_BYTES + headerBytes + CHECKSUM_BYTES > size)
    throw corrupted(`file is truncated (${size} bytes, header alone needs ${PREFIX_BYTES + headerBytes + CHECKSUM_BYTES})`);
  const headerBuffer = await readAt(PREFIX_BYTES, headerBytes);
  const hash = createHash("sha256").update(prefix).update(headerBuffer);
  let rawHeader: unknown;
  try {
    rawHeader = JSON.parse(headerBuffer.toString("utf8"));
  } catch (error) {
    throw corrupted("the header is unreadable", error);
  }
  if (version === LEGACY_FORMAT_VERSION)
    return readLegacyContent(rawHeader, PREFIX_BYTES + headerBytes, size, readAt, hash, sink, corrupted);

  const parsedHeader = headerSchema.safeParse(rawHeader);
  if (!parsedHeader.success) throw corrupted("the header is unreadable", parsedHeader.error);
  const { dimension, count } = parsedHeader.data;
  const header: IndexHeader = {
    dimension,
    count,
    embeddingsModelId: parsedHeader.data.embeddingsModelId,
    datasetFingerprint: parsedHeader.data.datasetFingerprint,
    idsDigest: parsedHeader.data.idsDigest,
    formatVersion: INDEX_FORMAT_VERSION,
  };
  const vectorsStart = PREFIX_BYTES + headerBytes;
  const vectorsBytes = count * dimension * 4;
  const documentsStart = vectorsStart + vectorsBytes;
  const checksumStart = size - CHECKSUM_BYTES;
  if (documentsStart > checksumStart)
    throw corrupted(
      `file is truncated (${size} bytes; ${count} vectors of ${dimension} dimensions alone need ${documentsStart + CHECKSUM_BYTES})`,
    );
  sink.header(header);

  // Vectors, a chunk of whole rows at a time, into one reused aligned array.
  const rowsPerChunk = Math.max(1, Math.floor(CHUNK_BYTES / (dimension * 4)));
  const rows = new Float32Array(rowsPerChunk * dimension);
  const rowBytes = new Uint8Array(rows.buffer);
  for (let first = 0; first < count; first += rowsPerChunk) {
    const rowCount = Math.min(rowsPerChunk, count - first);
    const bytes = await readAt(vectorsStart + first * dimension * 4, rowCount * dimension * 4);
    hash.update(bytes);
    rowBytes.set(bytes);
    if (endianness() !== "LE") Buffer.from(rows.buffer, 0, rowCount * dimension * 4).swap32();
    sink.vectors(first, rows.subarray(0, rowCount * dimension));
  }

  // Documents: JSON Lines up to the checksum.
  const ids = new Set<string>();
  let row = 0;
  let carry: Buffer | null = null;
  for (let position = documentsStart; position < checksumStart;) {
    const chunk = await readAt(position, Math.min(CHUNK_BYTES, checksumStart - position));
    position += chunk.byteLength;
    hash.update(chunk);
    const bytes: Buffer = carry === null ? chunk : Buffer.concat([carry, chunk]);
    let lineStart = 0;
    for (let newline = bytes.indexOf(NEWLINE, lineStart); newline >= 0; newline = bytes.indexOf(NEWLINE, lineStart)) {
      if (row >= count) throw corrupted(`the file holds more than the ${count} documents its header says (trailing data?)`);
      const document = parseDocumentLine(bytes.toString("utf8", lineStart, newline), row, corrupted);
      if (ids.has(document.id)) throw corrupted(`document id "${document.id}" appears twice`);
      ids.add(document.id);
      sink.document(row, document);
      row += 1;
      lineStart = newline + 1;
    }
    carry = lineStart < bytes.byteLength ? bytes.subarray(lineStart) : null;
  }
  if (carry !== null) throw corrupted("the documents section ends in the middle of a line (truncated or altered)");
  const checksum = await readAt(checksumStart, CHECKSUM_BYTES);
  if (!hash.digest().equals(checksum)) throw corrupted("checksum mismatch: the file was altered or partly written");
  if (row !== count) throw corrupted(`header says ${count} documents but the file holds ${row}`);
  return header;
}

function parseDocumentLine(line: string, row: number, corrupted: (problem: string, cause?: unknown) => RetrieverError): IndexDocument {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw corrupted(`document ${row + 1} is not valid JSON (truncated or altered)`, error);
  }
  const candidate = value as Partial<IndexDocument> | null;
  if (
    typeof candidate !== "object" ||
    candidate === null ||
    typeof candidate.id !== "string" ||
    typeof candidate.pageContent !== "string" ||
    typeof candidate.metadata !== "object" ||
    candidate.metadata === null ||
    Array.isArray(candidate.metadata)
  ) {
    throw corrupted(`document ${row + 1} is not { id, pageContent, metadata }`);
  }
  return { id: candidate.id, pageContent: candidate.pageContent, metadata: candidate.metadata };
}

const legacyDocumentsSchema = z.array(z.object({ id: z.string(), pageContent: z.string(), metadata: z.record(z.string(), z.unknown()) }));

/** Version 1: documents as one JSON array, then the vectors (read whole: such files are at most ~500 MB). */
async function readLegacyContent(
  rawHeader: unknown,
  documentsStart: number,
  size: number,
  readAt: (position: number, length: number) => Promise<Buffer>,
  hash: Hash,
  sink: IndexFileSink,
  corrupted: (problem: string, cause?: unknown) => RetrieverError,
): Promise<IndexHeader> {
  const parsedHeader = legacyHeaderSchema.safeParse(rawHeader);
  if (!parsedHeader.success) throw corrupted("the header is unreadable", parsedHeader.error);
  const { dimension, count, documentsBytes, vectorsBytes } = parsedHeader.data;
  const vectorsStart = documentsStart + documentsBytes;
  const checksumStart = vectorsStart + vectorsBytes;
  const expectedBytes = checksumStart + CHECKSUM_BYTES;
  if (size < expectedBytes) throw corrupted(`file is truncated (${size} bytes, expected ${expectedBytes})`);
  if (size > expectedBytes) throw corrupted(`file has ${size - expectedBytes} unexpected trailing bytes`);
  if (vectorsBytes !== count * dimension * 4)
    throw corrupted(`header says ${count} vectors of ${dimension} dimensions but ${vectorsBytes} vector bytes`);
  const body = await readAt(documentsStart, checksumStart - documentsStart);
  hash.update(body);
  if (!hash.digest().equals(await readAt(checksumStart, CHECKSUM_BYTES)))
    throw corrupted("checksum mismatch: the file was altered or partly written");
  let documents: IndexDocument[];
  try {
    documents = legacyDocumentsSchema.parse(JSON.parse(body.toString("utf8", 0, documentsBytes))) as IndexDocument[];
  } catch (error) {
    throw corrupted("the documents section is unreadable", error);
  }
  if (documents.length !== count) throw corrupted(`header says ${count} documents but the file holds ${documents.length}`);
  if (new Set(documents.map((document) => document.id)).size !== documents.length) throw corrupted("document ids are not unique");
  const header: IndexHeader = {
    dimension,
    count,
    embeddingsModelId: parsedHeader.data.embeddingsModelId,
    datasetFingerprint: null,
    idsDigest: null,
    formatVersion: LEGACY_FORMAT_VERSION,
  };
  sink.header(header);
  const vectorBytes = new Uint8Array(vectorsBytes);
  vectorBytes.set(body.subarray(documentsBytes));
  if (endianness() !== "LE") Buffer.from(vectorBytes.buffer).swap32();
  sink.vectors(0, new Float32Array(vectorBytes.buffer));
  documents.forEach((document, row) => sink.document(row, document));
  return header;
}

function toLittleEndianBytes(vectors: Float32Array): Buffer {
  const bytes = Buffer.from(new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength));
  return endianness() === "LE" ? bytes : bytes.swap32();
}
