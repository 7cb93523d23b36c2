import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";
import { open } from "node:fs/promises";
import { ErrorCodes } from "../errors/error-codes.js";
import { RetrieverError } from "../errors/retriever-error.js";

/**
 * Bounded reads of local input files. Every file the library reads on a user's behalf (a configuration,
 * a dataset file, a query file, a data file) goes through `readLocalFile` / `readLocalFileSync`:
 *
 * - only regular files are read: a folder, a FIFO (named pipe), a device (`/dev/zero`), a socket is
 *   refused by name (`NOT_FOUND`) before a single byte is read, so nothing hangs or grows forever;
 *   the file is opened non-blocking and checked on the open handle (no check-then-open race);
 * - at most `maxBytes` bytes are read, whatever `stat` says (files in `/proc` report size 0, a file may
 *   grow while it is read): a larger file is `INPUT_TOO_LARGE` naming the file, its size, the limit and
 *   how to raise it.
 */

/** The kinds of local input files, each with its own documented maximum size. */
export const LOCAL_FILE_KINDS = ["config", "dataset", "queries", "data"] as const;
export type LocalFileKind = (typeof LOCAL_FILE_KINDS)[number];

const MEBIBYTE = 1024 * 1024;

/**
 * Default maximum size per kind, in bytes:
 * - `config` (a `--config` JSON file): 1 MiB;
 * - `dataset` (a bundled dataset's files, e.g. the review CSVs): 512 MiB;
 * - `queries` (a benchmark's labeled query file): 64 MiB;
 * - `data` (any CSV data file): 512 MiB (a file of more than about 512 MiB cannot become one
 *   JavaScript string anyway).
 * Raise one with the `maxBytes` option, or all of them with the `RETRIEVERS_MAX_FILE_BYTES` environment
 * variable (a whole number of bytes).
 */
export const DEFAULT_MAX_FILE_BYTES: Readonly<Record<LocalFileKind, number>> = Object.freeze({
  config: 1 * MEBIBYTE,
  dataset: 512 * MEBIBYTE,
  queries: 64 * MEBIBYTE,
  data: 512 * MEBIBYTE,
});

/** Environment variable that raises (or lowers) the maximum size of every kind of local file. */
export const MAX_FILE_BYTES_VARIABLE = "RETRIEVERS_MAX_FILE_BYTES";

const KIND_NAMES: Readonly<Record<LocalFileKind, string>> = {
  config: "configuration file",
  dataset: "dataset file",
  queries: "query file",
  data: "data file",
};

/** Options of `readLocalFile`. */
export interface ReadLocalFileOptions {
  /** Which kind of file this is: picks the default limit and names the file in errors. */
  kind: LocalFileKind;
  /** Largest size accepted, in bytes. @default DEFAULT_MAX_FILE_BYTES[kind], or RETRIEVERS_MAX_FILE_BYTES when set */
  maxBytes?: number;
  /** How errors name the file, e.g. "configuration file". @default the kind's name */
  what?: string;
  /** Appended to a "cannot read" message, e.g. "; check the path given to --config". @default "; check the path" */
  hint?: string;
}

/** The maximum size in effect for `kind` (the option, else the environment variable, else the default). */
export function maxFileBytes(kind: LocalFileKind, maxBytes?: number): number {
  if (maxBytes !== undefined) {
    if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) {
      throw new RetrieverError({
        code: ErrorCodes.INVALID_OPTION,
        message: `option "maxBytes" = ${String(maxBytes)}: must be a positive whole number of bytes`,
      });
    }
    return maxBytes;
  }
  const fromEnvironment = process.env[MAX_FILE_BYTES_VARIABLE];
  if (fromEnvironment !== undefined && fromEnvironment.trim() !== "") {
    if (!/^\d+$/.test(fromEnvironment.trim()) || !Number.isSafeInteger(Number(fromEnvironment)) || Number(fromEnvironment) <= 0) {
      throw new RetrieverError({
        code: ErrorCodes.INVALID_OPTION,
        message: `${MAX_FILE_BYTES_VARIABLE}=${JSON.stringify(fromEnvironment.slice(0, 40))} is not a positive whole number of bytes; unset it or write e.g. ${MAX_FILE_BYTES_VARIABLE}=1073741824`,
      });
    }
    return Number(fromEnvironment);
  }
  return DEFAULT_MAX_FILE_BYTES[kind];
}

/** Reads a local regular file of at most the kind's maximum size (see the module comment). */
export async function readLocalFile(path: string, options: ReadLocalFileOptions): Promise<Buffer> {
  const limit = maxFileBytes(options.kind, options.maxBytes);
  const what = options.what ?? KIND_NAMES[options.kind];
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw openError(error, path, what, options.hint);
  }
  try {
    checkRegularFile(await handle.stat(), path, what, limit);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(Math.min(limit + 1 - total, 4 * MEBIBYTE));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      chunks.push(buffer.subarray(0, bytesRead));
      if (total > limit) throw tooLarge(path, what, limit, undefined);
    }
    return Buffer.concat(chunks, total);
  } catch (error) {
    if (RetrieverError.isInstance(error)) throw error;
    throw openError(error, path, what, options.hint);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** Synchronous `readLocalFile` (for readers that are synchronous, such as the configuration file's). */
export function readLocalFileSync(path: string, options: ReadLocalFileOptions): Buffer {
  const limit = maxFileBytes(options.kind, options.maxBytes);
  const what = options.what ?? KIND_NAMES[options.kind];
  let descriptor: number;
  try {
    descriptor = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw openError(error, path, what, options.hint);
  }
  try {
    checkRegularFile(fstatSync(descriptor), path, what, limit);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(Math.min(limit + 1 - total, 4 * MEBIBYTE));
      const bytesRead = readSync(descriptor, buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      chunks.push(buffer.subarray(0, bytesRead));
      if (total > limit) throw tooLarge(path, what, limit, undefined);
    }
    return Buffer.concat(chunks, total);
  } catch (error) {
    if (RetrieverError.isInstance(error)) throw error;
    throw openError(error, path, what, options.hint);
  } finally {
    closeSync(descriptor);
  }
}

function checkRegularFile(stats: Stats, path: string, what: string, limit: number): void {
  if (stats.isDirectory()) {
    throw new RetrieverError({
      code: ErrorCodes.NOT_FOUND,
      message: `${what} ${path} is a folder, not a file; pass the path of the file itself`,
    });
  }
  if (!stats.isFile()) {
    const kind = stats.isFIFO()
      ? "a FIFO (named pipe)"
      : stats.isCharacterDevice() || stats.isBlockDevice()
        ? "a device"
        : stats.isSocket()
          ? "a socket"
          : "not a regular file";
    throw new RetrieverError({
      code: ErrorCodes.NOT_FOUND,
      message: `${what} ${path} is ${kind}, not a regular file; only regular files are read (copy the content into a file and pass that)`,
    });
  }
  if (stats.size > limit) throw tooLarge(path, what, limit, stats.size);
}

function tooLarge(path: string, what: string, limit: number, size: number | undefined): RetrieverError {
  return new RetrieverError({
    code: ErrorCodes.INPUT_TOO_LARGE,
    message:
      `${what} ${path} is ${size === undefined ? "larger than" : `${size} bytes, over`} the limit of ${limit} bytes; ` +
      `check it is the right file, or raise the limit with the maxBytes option or ${MAX_FILE_BYTES_VARIABLE}=<bytes>`,
  });
}

function openError(error: unknown, path: string, what: string, hint: string | undefined): RetrieverError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EISDIR") {
    return new RetrieverError({
      code: ErrorCodes.NOT_FOUND,
      message: `${what} ${path} is a folder, not a file; pass the path of the file itself`,
      cause: error,
    });
  }
  const reason = code === "ENOENT" ? "does not exist" : `cannot be read (${code ?? String(error)})`;
  return new RetrieverError({
    code: ErrorCodes.NOT_FOUND,
    message: `${what} ${path} ${reason}${hint ?? "; check the path"}`,
    cause: error,
  });
}
