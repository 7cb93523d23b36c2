import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { ErrorCodes } from "../errors/error-codes.js";
import { RetrieverError } from "../errors/retriever-error.js";

/** File-system errors that mean "this place cannot be written" rather than a passing failure. */
const READ_ONLY_CODES = new Set(["EROFS", "EACCES", "EPERM"]);

/**
 * Writes a file atomically: the chunks go to a temporary file in the same folder, which is flushed to
 * disk (fsync) and then renamed over `path`. A crash or an error at any point leaves either the
 * previous file or the complete new one, never a mix; on an error the temporary file is removed.
 * The parent folder is created when missing.
 *
 * A process killed mid-write (SIGKILL, power loss) cannot remove its temporary file; such leftovers
 * (`.<name>.<pid>.<random>.tmp` of a process that is no longer running) are removed by the next write
 * of the same file. Temporary files of running processes are left alone.
 *
 * `chunks` may be a (sync or async) iterable, so large content can be produced piece by piece; an
 * error thrown while producing it aborts the write.
 */
export async function writeFileAtomic(
  path: string,
  content: Uint8Array | string | Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
): Promise<void> {
  const chunks = typeof content === "string" ? [Buffer.from(content, "utf8")] : content instanceof Uint8Array ? [content] : content;
  try {
    await writeChunksAtomically(path, chunks);
  } catch (error) {
    if (RetrieverError.isInstance(error)) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    throw new RetrieverError({
      code: ErrorCodes.WRITE_FAILED,
      message: READ_ONLY_CODES.has(code)
        ? `cannot write ${path} (${code}): the folder is read-only or not yours. Save it elsewhere (indexDirectory), or for an index search without saving it: --no-save (indexDirectory: null). The previous file, if any, is unchanged`
        : `cannot write ${path} (${code}); check that the folder is writable and the disk has space. The previous file, if any, is unchanged`,
      cause: error,
    });
  }
}

async function writeChunksAtomically(path: string, chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>): Promise<void> {
  const folder = dirname(path);
  await mkdir(folder, { recursive: true });
  await removeStaleTemporaryFiles(folder, basename(path));
  const temporaryPath = join(folder, `.${basename(path)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  const handle = await open(temporaryPath, "wx", 0o644);
  let renamed = false;
  try {
    try {
      for await (const chunk of chunks) {
        let written = 0;
        while (written < chunk.byteLength) {
          const { bytesWritten } = await handle.write(chunk, written, chunk.byteLength - written);
          written += bytesWritten;
        }
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporaryPath, path);
    renamed = true;
    await syncFolder(folder);
  } finally {
    if (!renamed) await unlink(temporaryPath).catch(() => undefined);
  }
}

/**
 * Removes the temporary files other writes of `name` left behind when their process died. Only files
 * named by this module for `name` whose process id is not running are touched; best effort.
 */
async function removeStaleTemporaryFiles(folder: string, name: string): Promise<void> {
  const prefix = `.${name}.`;
  let entries: string[];
  try {
    entries = await readdir(folder);
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!entry.startsWith(prefix) || !entry.endsWith(".tmp")) continue;
    const match = /^(\d+)\.[0-9a-f]{12}\.tmp$/.exec(entry.slice(prefix.length));
    if (match === null) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || isProcessRunning(pid)) continue;
    await unlink(join(folder, entry)).catch(() => undefined);
  }
}

function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Flushes a folder entry (the rename) to disk where the platform allows it; best effort. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms (Windows) cannot open or fsync a folder; the rename itself is still atomic.
  }
}
