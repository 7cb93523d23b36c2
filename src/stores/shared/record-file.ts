import { createHash } from "node:crypto";
import { open, type FileHandle } from "node:fs/promises";
import { ErrorCodes } from "../../core/errors/error-codes.js";
import { InvalidOptionError } from "../../core/errors/invalid-option-error.js";
import { RetrieverError } from "../../core/errors/retriever-error.js";
import { writeFileAtomic } from "../../core/io/write-file-atomic.js";

/**
 * A checksummed file of JSON records, written and read as a stream (JSON Lines), so its size is
 * bounded by the disk, not by the longest JavaScript string (~512 MB) or the heap:
 *
 * ```
 * {"format": ..., "formatVersion": ..., ...}                       header: one JSON object
 * <record>                                                          one JSON value per line
 * ...
 * {"end": true, "records": n, "checksum": "sha256:<hex>"}           trailer
 * ```
 *
 * The checksum is the SHA-256 of every byte before the trailer. Written atomically (`writeFileAtomic`:
 * temporary file, fsync, rename). Used by `Bm25Index` and `FileDocstore`.
 */
export const RECORD_FILE_CHECKSUM_PREFIX = "sha256:";

/** Bytes read per step, and about the bytes encoded before each write. */
const CHUNK_BYTES = 4 * 1024 * 1024;
const NEWLINE = 0x0a;

/** How a reader reports problems: errors naming the file and the fix. */
export interface RecordFileErrors {
  /** The file is damaged, truncated or not of this kind. */
  corrupted(problem: string, cause?: unknown): RetrieverError;
  /** The file cannot be opened or read (`code` is the system's, e.g. ENOENT). */
  unreadable(code: string, cause: unknown): RetrieverError;
}

/**
 * Writes `header`, then each record, then the trailer, atomically. `describe(index)` names a record in
 * the `InvalidOptionError` thrown when it cannot be encoded as JSON (the previous file stays).
 */
export async function writeRecordFile(
  path: string,
  header: Record<string, unknown>,
  records: Iterable<unknown>,
  describe: (index: number) => string,
): Promise<void> {
  function* chunks(): Generator<Uint8Array> {
    const hash = createHash("sha256");
    const emit = (text: string): Uint8Array => {
      const bytes = Buffer.from(text, "utf8");
      hash.update(bytes);
      return bytes;
    };
    yield emit(`${JSON.stringify(header)}\n`);
    let lines: string[] = [];
    let characters = 0;
    let index = 0;
    for (const record of records) {
      let line: string | undefined;
      try {
        line = JSON.stringify(record);
      } catch (error) {
        throw new InvalidOptionError({
          option: "metadata",
          value: undefined,
          message: `${describe(index)} cannot be saved as JSON (${error instanceof Error ? error.message : String(error)}); keep metadata to strings, numbers, booleans, arrays and plain objects`,
          cause: error,
        });
      }
      if (line === undefined)
        throw new InvalidOptionError({
          option: "metadata",
          value: undefined,
          message: `${describe(index)} cannot be saved as JSON (it encodes to nothing)`,
        });
      lines.push(line);
      characters += line.length;
      index += 1;
      if (characters >= CHUNK_BYTES / 2) {
        yield emit(`${lines.join("\n")}\n`);
        lines = [];
        characters = 0;
      }
    }
    if (lines.length > 0) yield emit(`${lines.join("\n")}\n`);
    yield Buffer.from(
      `${JSON.stringify({ end: true, records: index, checksum: RECORD_FILE_CHECKSUM_PREFIX + hash.digest("hex") })}\n`,
      "utf8",
    );
  }
  await writeFileAtomic(path, chunks());
}

/**
 * Reads a record file as a stream: `onHeader` gets the parsed header (it may throw to stop), then
 * `onRecord` each record in order. The checksum and the record count are verified at the end: a
 * caller must not use what it received before this resolves. Damage is reported through
 * `errors.corrupted`.
 */
export async function readRecordFile(
  path: string,
  handlers: { onHeader(header: unknown): void; onRecord(record: unknown, index: number): void },
  errors: RecordFileErrors,
): Promise<{ records: number }> {
  let handle: FileHandle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    throw errors.unreadable(String((error as { code?: unknown }).code ?? "EIO"), error);
  }
  try {
    return await readLines(handle, handlers, errors);
  } catch (error) {
    if (RetrieverError.isInstance(error)) throw error;
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string") throw errors.unreadable(code, error);
    throw error;
  } finally {
    await handle.close();
  }
}

async function readLines(
  handle: FileHandle,
  handlers: { onHeader(header: unknown): void; onRecord(record: unknown, index: number): void },
  errors: RecordFileErrors,
): Promise<{ records: number }> {
  const hash = createHash("sha256");
  let headerSeen = false;
  /** The last complete line: a record, unless it turns out to be the last line (the trailer). */
  let pending: Buffer | null = null;
  let records = 0;
  let carry: Buffer | null = null;
  const parse = (line: Buffer, what: string): unknown => {
    try {
      return JSON.parse(line.toString("utf8"));
    } catch (error) {
      throw errors.corrupted(`${what} is not valid JSON (truncated or altered)`, error);
    }
  };
  const complete = (line: Buffer): void => {
    if (!headerSeen) {
      headerSeen = true;
      hash.update(line).update("\n");
      handlers.onHeader(parse(line, "the header line"));
      return;
    }
    if (pending !== null) {
      hash.update(pending).update("\n");
      handlers.onRecord(parse(pending, `record ${records + 1}`), records);
      records += 1;
    }
    pending = line;
  };

  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  for (let position = 0; ;) {
    const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, position);
    if (bytesRead === 0) break;
    position += bytesRead;
    // A copy: lines kept as `pending` or `carry` must survive the next read into `buffer`.
    const chunk = Buffer.from(buffer.subarray(0, bytesRead));
    const bytes: Buffer = carry === null ? chunk : Buffer.concat([carry, chunk]);
    let lineStart = 0;
    for (let newline = bytes.indexOf(NEWLINE, lineStart); newline >= 0; newline = bytes.indexOf(NEWLINE, lineStart)) {
      complete(bytes.subarray(lineStart, newline));
      lineStart = newline + 1;
    }
    carry = lineStart < bytes.byteLength ? bytes.subarray(lineStart) : null;
  }
  if (!headerSeen)
    throw errors.corrupted(carry === null ? "the file is empty" : "no complete header line (truncated or not this kind of file)");
  if (carry !== null || pending === null) throw errors.corrupted("the file is truncated (no end marker)");
  const trailer = parse(pending, "the last line") as { end?: unknown; records?: unknown; checksum?: unknown } | null;
  if (trailer === null || typeof trailer !== "object" || trailer.end !== true || typeof trailer.checksum !== "string") {
    throw errors.corrupted("the file is truncated or has trailing data (its last line is not the end marker)");
  }
  if (trailer.checksum !== RECORD_FILE_CHECKSUM_PREFIX + hash.digest("hex"))
    throw errors.corrupted("checksum mismatch: the file was changed or partly written");
  if (trailer.records !== records)
    throw errors.corrupted(`the end marker says ${String(trailer.records)} records but the file holds ${records}`);
  return { records };
}

/** A `NOT_FOUND` error for a file that exists but cannot be opened or read (permissions, a folder, ...). */
export function unreadableFileError(path: string, code: string, what: string, cause: unknown): RetrieverError {
  return new RetrieverError({
    code: ErrorCodes.NOT_FOUND,
    message: `cannot read ${what} ${path} (${code}); check that the path names a readable file`,
    cause,
  });
}

/** Thrown by an `onHeader` handler to stop reading: the file is of an older format, read another way. */
export class OlderFormat extends Error {
  constructor(readonly version: number) {
    super(`format version ${version}`);
  }
}
