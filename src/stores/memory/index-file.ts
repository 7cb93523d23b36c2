import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { endianness } from "node:os";
import { z } from "zod/v4";
import { ErrorCodes } from "../../core/errors/error-codes.js";
import { RetrieverError } from "../../core/errors/retriever-error.js";
import { writeFileAtomic } from "../../core/io/write-file-atomic.js";

/**
 * The single-file snapshot format of `MemoryStore.save` / `MemoryStore.load`:
 *
 * ```
 * bytes 0-7    magic "ARVSTORE"
 * bytes 8-11   format version, uint32 little-endian (INDEX_FORMAT_VERSION)
 * bytes 12-15  header length H, uint32 little-endian
 * H bytes      header, UTF-8 JSON: { format, formatVersion, dimension, count, embeddingsModelId,
 *              documentsBytes, vectorsBytes, vectorEncoding }
 * documentsBytes  documents, UTF-8 JSON array of { id, pageContent, metadata } in row order
 * vectorsBytes    vectors, count x dimension float32 little-endian, unit length, row order
 * 32 bytes     SHA-256 of everything before it
 * ```
 *
 * Written atomically (temporary file + fsync + rename), so an interrupted save leaves the previous file.
 */
export const INDEX_FORMAT_VERSION = 1;
/** First bytes of every index file. */
export const INDEX_FILE_MAGIC = "ARVSTORE";
/** The `format` field of the header. */
export const INDEX_FORMAT_NAME = "advanced-retrievers/memory-store";

const PREFIX_BYTES = 16;
const CHECKSUM_BYTES = 32;
const REBUILD_HINT = "rebuild it with `retrievers index` (or build the store again and call save)";

/** One stored document as saved. */
export interface IndexDocument {
  id: string;
  pageContent: string;
  metadata: Record<string, unknown>;
}

/** Everything an index file holds. */
export interface IndexSnapshot {
  dimension: number;
  /** The embeddings model the vectors came from, when known. */
  embeddingsModelId: string | null;
  documents: IndexDocument[];
  /** `documents.length * dimension` floats, unit-length rows, in document order. */
  vectors: Float32Array;
}

const headerSchema = z.object({
  format: z.literal(INDEX_FORMAT_NAME),
  formatVersion: z.literal(INDEX_FORMAT_VERSION),
  dimension: z.number().int().positive(),
  count: z.number().int().nonnegative(),
  embeddingsModelId: z.string().nullable(),
  documentsBytes: z.number().int().nonnegative(),
  vectorsBytes: z.number().int().nonnegative(),
  vectorEncoding: z.literal("float32le"),
});

const documentsSchema = z.array(
  z.object({
    id: z.string(),
    pageContent: z.string(),
    metadata: z.record(z.string(), z.unknown()),
  }),
);

/**
 * Encodes a snapshot and writes it atomically to `path`. The documents JSON must already be encoded
 * (`encodeDocuments`), so that all work that can fail on the data happens before the file is touched.
 */
export async function writeIndexFile(
  path: string,
  snapshot: { dimension: number; embeddingsModelId: string | null; count: number; documentsJson: Uint8Array; vectors: Float32Array },
): Promise<void> {
  const vectorBytes = toLittleEndianBytes(snapshot.vectors);
  const header = new TextEncoder().encode(
    JSON.stringify({
      format: INDEX_FORMAT_NAME,
      formatVersion: INDEX_FORMAT_VERSION,
      dimension: snapshot.dimension,
      count: snapshot.count,
      embeddingsModelId: snapshot.embeddingsModelId,
      documentsBytes: snapshot.documentsJson.byteLength,
      vectorsBytes: vectorBytes.byteLength,
      vectorEncoding: "float32le",
    } satisfies z.infer<typeof headerSchema>),
  );
  const prefix = Buffer.alloc(PREFIX_BYTES);
  prefix.write(INDEX_FILE_MAGIC, 0, "ascii");
  prefix.writeUInt32LE(INDEX_FORMAT_VERSION, 8);
  prefix.writeUInt32LE(header.byteLength, 12);

  function* chunks(): Generator<Uint8Array> {
    const hash = createHash("sha256");
    for (const chunk of [prefix, header, snapshot.documentsJson, vectorBytes]) {
      hash.update(chunk);
      yield chunk;
    }
    yield hash.digest();
  }
  await writeFileAtomic(path, chunks());
}

/** Documents as the UTF-8 JSON the index file stores. Throws `TypeError` when metadata is not JSON-serialisable. */
export function encodeDocuments(documents: IndexDocument[]): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(documents));
}

/**
 * Reads and verifies an index file. Throws `RetrieverError` NOT_FOUND when it does not exist and
 * INDEX_CORRUPTED (naming the file and the fix) when it is truncated, altered, not an index file, or
 * of a format version this library does not read.
 */
export async function readIndexFile(path: string): Promise<IndexSnapshot> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "ENOENT" || code === "ENOTDIR") {
      throw new RetrieverError({ code: ErrorCodes.NOT_FOUND, message: `no index file at ${path}; build one with \`retrievers index\``, cause: error });
    }
    throw new RetrieverError({ code: ErrorCodes.NOT_FOUND, message: `cannot read the index file ${path} (${String(code ?? error)}); check the path and its permissions`, cause: error });
  }
  const corrupted = (problem: string, cause?: unknown): RetrieverError =>
    new RetrieverError({ code: ErrorCodes.INDEX_CORRUPTED, message: `${path}: ${problem}; ${REBUILD_HINT}`, cause });

  if (bytes.byteLength < PREFIX_BYTES) throw corrupted(`file is truncated (${bytes.byteLength} bytes, shorter than the ${PREFIX_BYTES}-byte preamble)`);
  if (bytes.toString("ascii", 0, 8) !== INDEX_FILE_MAGIC) throw corrupted("not a memory-store index file (wrong magic bytes)");
  const version = bytes.readUInt32LE(8);
  if (version !== INDEX_FORMAT_VERSION) {
    throw corrupted(`index format version ${version} is not supported (this library reads version ${INDEX_FORMAT_VERSION})`);
  }
  const headerBytes = bytes.readUInt32LE(12);
  if (PREFIX_BYTES + headerBytes + CHECKSUM_BYTES > bytes.byteLength) throw corrupted(`file is truncated (${bytes.byteLength} bytes, header alone needs ${PREFIX_BYTES + headerBytes + CHECKSUM_BYTES})`);

  let header: z.infer<typeof headerSchema>;
  try {
    header = headerSchema.parse(JSON.parse(bytes.toString("utf8", PREFIX_BYTES, PREFIX_BYTES + headerBytes)));
  } catch (error) {
    throw corrupted("the header is unreadable", error);
  }
  const documentsStart = PREFIX_BYTES + headerBytes;
  const vectorsStart = documentsStart + header.documentsBytes;
  const checksumStart = vectorsStart + header.vectorsBytes;
  const expectedBytes = checksumStart + CHECKSUM_BYTES;
  if (bytes.byteLength < expectedBytes) throw corrupted(`file is truncated (${bytes.byteLength} bytes, expected ${expectedBytes})`);
  if (bytes.byteLength > expectedBytes) throw corrupted(`file has ${bytes.byteLength - expectedBytes} unexpected trailing bytes`);
  if (header.vectorsBytes !== header.count * header.dimension * 4) {
    throw corrupted(`header says ${header.count} vectors of ${header.dimension} dimensions but ${header.vectorsBytes} vector bytes`);
  }
  const checksum = createHash("sha256").update(bytes.subarray(0, checksumStart)).digest();
  if (!checksum.equals(bytes.subarray(checksumStart))) throw corrupted("checksum mismatch: the file was altered or partly written");

  let documents: IndexDocument[];
  try {
    documents = documentsSchema.parse(JSON.parse(bytes.toString("utf8", documentsStart, vectorsStart))) as IndexDocument[];
  } catch (error) {
    throw corrupted("the documents section is unreadable", error);
  }
  if (documents.length !== header.count) throw corrupted(`header says ${header.count} documents but the file holds ${documents.length}`);
  if (new Set(documents.map((document) => document.id)).size !== documents.length) throw corrupted("document ids are not unique");

  return {
    dimension: header.dimension,
    embeddingsModelId: header.embeddingsModelId,
    documents,
    vectors: fromLittleEndianBytes(bytes.subarray(vectorsStart, checksumStart)),
  };
}

function toLittleEndianBytes(vectors: Float32Array): Buffer {
  const bytes = Buffer.from(vectors.buffer, vectors.byteOffset, vectors.byteLength);
  if (endianness() === "LE") return bytes;
  return Buffer.from(bytes).swap32();
}

function fromLittleEndianBytes(bytes: Buffer): Float32Array {
  // Copy into a fresh, aligned buffer (a Float32Array view needs a 4-byte aligned offset).
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  if (endianness() !== "LE") Buffer.from(copy.buffer).swap32();
  return new Float32Array(copy.buffer);
}
