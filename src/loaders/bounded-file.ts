import { lstat, realpath } from "node:fs/promises";
import { readLocalFile } from "../core/io/read-local-file.js";
import { ErrorCodes } from "../core/errors/error-codes.js";
import { RetrieverError } from "../core/errors/retriever-error.js";

/** Most files a folder source reads. */
export const MAX_FOLDER_FILES = 10_000;

/** Options of `readBoundedFile`. */
export interface ReadBoundedFileOptions {
  /** Largest size accepted, in bytes. @default DEFAULT_MAX_FILE_BYTES.data (or RETRIEVERS_MAX_FILE_BYTES) */
  maxBytes?: number;
  /** What the file is, for messages, e.g. "data file". @default "data file" */
  purpose?: string;
}

/**
 * Reads a loader's input file through the library's bounded reader (`readLocalFile`, kind `data`):
 * regular files only (folders, devices, FIFOs and sockets are `NOT_FOUND`), at most `maxBytes`
 * (`INPUT_TOO_LARGE` beyond), errors naming the path.
 */
export async function readBoundedFile(file: string, options: ReadBoundedFileOptions = {}): Promise<Buffer> {
  return await readLocalFile(file, {
    kind: "data",
    what: options.purpose ?? "data file",
    ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
  });
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
      message:
        code === "ENOENT"
          ? `${purpose} ${file} does not exist; check the path`
          : `cannot read ${purpose} ${file} (${code ?? String(error)}); check its permissions`,
      cause: error,
    });
  }
  if (stats.isDirectory())
    throw new RetrieverError({ code: ErrorCodes.NOT_FOUND, message: `${file} is a folder, not a ${purpose}; pass the path of a file` });
  if (!stats.isFile())
    throw new RetrieverError({
      code: ErrorCodes.NOT_FOUND,
      message: `${file} is not a regular file (a device, socket or pipe); pass the path of a ${purpose}`,
    });
  return stats.size;
}
