import { lstat, readFile, realpath } from "node:fs/promises";
import { ErrorCodes } from "../core/errors/error-codes.js";
import { RetrieverError } from "../core/errors/retriever-error.js";

// NOTE(seam): the reliability helper is adding a bounded read helper under src/core/io; until it is
// merged, the loaders use this small check. The integrator may replace `readBoundedFile` with it.

/** Largest data file a loader reads (CSV, JSONL, dataset.json, one Markdown/text file). */
export const MAX_DATA_FILE_BYTES = 64 * 1024 * 1024;
/** Most files a folder source reads. */
export const MAX_FOLDER_FILES = 10_000;

/** Options of `readBoundedFile`. */
export interface ReadBoundedFileOptions {
  /** Largest size accepted, in bytes. @default MAX_DATA_FILE_BYTES */
  maxBytes?: number;
  /** What the file is, for messages, e.g. "data file". @default "data file" */
  purpose?: string;
}

/**
 * Reads a file after checking it is a regular file (a symbolic link is followed once, to a regular
 * file; folders, devices, FIFOs and sockets are refused) no larger than `maxBytes`. Errors are
 * `NOT_FOUND` (missing, unreadable, not a regular file) or `INVALID_DATA` (too large), naming the path.
 */
export async function readBoundedFile(file: string, options: ReadBoundedFileOptions = {}): Promise<Buffer> {
  const maxBytes = options.maxBytes ?? MAX_DATA_FILE_BYTES;
  const purpose = options.purpose ?? "data file";
  const size = await regularFileSize(file, purpose);
  if (size > maxBytes) {
    throw new RetrieverError({ code: ErrorCodes.INVALID_DATA, message: `${purpose} ${file} is ${size} bytes, more than the ${maxBytes}-byte limit; split it or pass a smaller file` });
  }
  const bytes = await readFile(file);
  if (bytes.length > maxBytes) {
    throw new RetrieverError({ code: ErrorCodes.INVALID_DATA, message: `${purpose} ${file} grew past the ${maxBytes}-byte limit while being read; pass a file that is not being written` });
  }
  return bytes;
}

/** The size of a regular file, or `NOT_FOUND` naming the path and what it is instead. */
export async function regularFileSize(file: string, purpose = "data file"): Promise<number> {
  let stats;
  try {
    stats = await lstat(file);
    if (stats.isSymbolicLink()) stats = await lstat(await realpath(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new RetrieverError({
      code: ErrorCodes.NOT_FOUND,
      message: code === "ENOENT" ? `${purpose} ${file} does not exist; check the path` : `cannot read ${purpose} ${file} (${code ?? String(error)}); check its permissions`,
      cause: error,
    });
  }
  if (stats.isDirectory()) throw new RetrieverError({ code: ErrorCodes.NOT_FOUND, message: `${file} is a folder, not a ${purpose}; pass the path of a file` });
  if (!stats.isFile()) throw new RetrieverError({ code: ErrorCodes.NOT_FOUND, message: `${file} is not a regular file (a device, socket or pipe); pass the path of a ${purpose}` });
  return stats.size;
}
