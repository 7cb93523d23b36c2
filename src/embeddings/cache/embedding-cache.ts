import { createHash, randomBytes } from "node:crypto";
import { readdir, readFile, rm, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { z } from "zod/v4";
import { ERROR_MESSAGE_PREFIX } from "../../core/errors/retriever-error.js";
import { resolveCacheFolders } from "../../core/io/cache-folder.js";
import { writeFileAtomic } from "../../core/io/write-file-atomic.js";
import { parseOptions } from "../../core/parse-options.js";

/**
 * Where embedding caches live when nobody says otherwise: `embeddings` in the user cache folder
 * (`RETRIEVERS_CACHE_DIR`, else `$XDG_CACHE_HOME/advanced-retrievers`, else `~/.cache/advanced-retrievers`),
 * as resolved when the library was loaded; the default of `directory` is resolved again for each cache.
 */
export const DEFAULT_EMBEDDING_CACHE_DIRECTORY = resolveCacheFolders().embeddings;
/** Shard files a namespace may accumulate before they are merged into one. */
export const DEFAULT_EMBEDDING_CACHE_MAX_SHARDS = 32;

/** First bytes of every shard file. */
const SHARD_MAGIC = "ARVCACHE";
/** Bumped when the binary layout changes; shards of another version are discarded. */
const SHARD_FORMAT_VERSION = 1;
/** magic (8) + version (4) + dimensions (4) + count (4) + namespace hash (32) + reserved (12). */
const HEADER_BYTES = 64;
const KEY_BYTES = 32;
const CHECKSUM_BYTES = 32;
/** A sanity bound: no embedding model produces longer vectors. */
const MAX_DIMENSIONS = 65_536;
const SHARD_FILE_PATTERN = /^shard-[0-9a-z]+-[0-9a-f]+\.bin$/;
/** Temporary files older than this are leftovers of a crashed writer. */
const ABANDONED_TEMPORARY_FILE_AGE_MS = 60 * 60 * 1000;

/** Whether a text was embedded as a document or as a query (some models embed them differently). */
export type EmbeddingRole = "document" | "query";

export interface EmbeddingCacheOptions {
  /**
   * Folder holding the cache (one sub-folder per namespace). Relative paths resolve against the
   * current working directory.
   * @default `embeddings` in the user cache folder: `$RETRIEVERS_CACHE_DIR/embeddings`, else `$XDG_CACHE_HOME/advanced-retrievers/embeddings`, else `~/.cache/advanced-retrievers/embeddings`
   */
  directory?: string;
  /**
   * Identifies the model and everything else that changes the vectors (output dimensions, server).
   * Entries never cross namespaces: a different namespace means a different cache.
   */
  namespace: string;
  /** Shard files kept before they are merged into one. @default 32 */
  maxShards?: number;
  /** Receives warnings (corrupted shard dropped, cache not writable). @default console.warn */
  onWarning?: (message: string) => void;
}

const optionsSchema = z.object({
  directory: z.string().min(1, "must be a folder path").optional(),
  namespace: z.string().min(1, 'must name the model, e.g. "openai:text-embedding-3-small"'),
  maxShards: z.number().int().min(1).max(10_000).optional(),
  onWarning: z.custom<(message: string) => void>((value) => typeof value === "function", "must be a function").optional(),
});

/** The default warning sink: one line on stderr with the library prefix. */
export function warnOnConsole(message: string): void {
  console.warn(ERROR_MESSAGE_PREFIX + message);
}

/**
 * A persistent, content-addressed store of embedding vectors. Keys are
 * `sha256(namespace, role, text)`; vectors are stored as float32 in binary shard files, each with a
 * header (dimensions, count, namespace hash) and a trailing sha256 checksum. Every write creates a new
 * shard atomically (temporary file + rename), so concurrent writers never clobber each other; shards
 * are merged when there are more than `maxShards`. A shard that fails validation (truncated, bad
 * checksum, other namespace or format, non-finite values) is reported through `onWarning`, deleted and
 * its entries are simply missing: they get embedded again. Read or write failures are warnings too,
 * never errors: the cache only ever saves work.
 */
export class EmbeddingCache {
  /** The namespace's own folder inside the cache directory. */
  readonly folder: string;
  readonly namespace: string;
  readonly maxShards: number;
  private readonly namespaceHash: Buffer;
  private readonly onWarning: (message: string) => void;
  private entries: Map<string, Float32Array> | undefined;
  private dimensions: number | undefined;
  /** Shard files whose entries are in `entries` (merged away on compaction). */
  private shardFiles: string[] = [];
  private loading: Promise<Map<string, Float32Array>> | undefined;
  /** Serializes writes and compactions of this instance. */
  private writeChain: Promise<void> = Promise.resolve();

  constructor(options: EmbeddingCacheOptions) {
    const parsed = parseOptions(optionsSchema, options, "EmbeddingCache");
    this.namespace = parsed.namespace;
    this.namespaceHash = createHash("sha256").update(parsed.namespace).digest();
    const directory = path.resolve(parsed.directory ?? resolveCacheFolders().embeddings);
    this.folder = path.join(directory, namespaceFolderName(parsed.namespace, this.namespaceHash));
    this.maxShards = parsed.maxShards ?? DEFAULT_EMBEDDING_CACHE_MAX_SHARDS;
    this.onWarning = parsed.onWarning ?? warnOnConsole;
  }

  /** The cache key of a text: hex sha256 of the namespace, the role and the text. */
  keyFor(text: string, role: EmbeddingRole = "document"): string {
    return createHash("sha256").update(this.namespace).update("\u0000").update(role).update("\u0000").update(text).digest("hex");
  }

  /** Looks keys up; `undefined` for a miss. The returned arrays are copies, safe to modify. */
  async getMany(keys: readonly string[]): Promise<(number[] | undefined)[]> {
    const entries = await this.load();
    return keys.map((key) => {
      const vector = entries.get(key);
      return vector === undefined ? undefined : Array.from(vector);
    });
  }

  /** Number of vectors stored in this namespace. */
  async size(): Promise<number> {
    return (await this.load()).size;
  }

  /** The vector length of this namespace, once something is stored. */
  async storedDimensions(): Promise<number | undefined> {
    await this.load();
    return this.dimensions;
  }

  /**
   * Stores vectors (all of one length) in one new shard. When their length differs from what the
   * namespace holds, the old entries are discarded with a warning: a namespace holds one model's vectors.
   */
  async setMany(allItems: ReadonlyArray<{ key: string; vector: readonly number[] }>): Promise<void> {
    // Degenerate vectors (empty, all zeros, NaN / Infinity, also after rounding to float32) are never
    // stored: a model that returned them once must be asked again next time, not replayed from disk.
    const items = allItems.filter((item) => degeneracyOf(item.vector) === undefined);
    if (items.length < allItems.length) {
      const reason = degeneracyOf(allItems.find((item) => degeneracyOf(item.vector) !== undefined)!.vector);
      this.onWarning(
        `embedding cache ${this.folder}: ${allItems.length - items.length} of ${allItems.length} vectors were not cached (${reason}); the model will be asked again for them`,
      );
    }
    if (items.length === 0) return;
    let entries = await this.load();
    const dimensions = items[0]!.vector.length;
    if (items.some((item) => item.vector.length !== dimensions)) {
      this.onWarning(`embedding cache ${this.folder}: refusing to store vectors of different lengths together; nothing was cached`);
      return;
    }
    if (this.dimensions !== undefined && this.dimensions !== dimensions && entries.size > 0) {
      this.onWarning(
        `embedding cache ${this.folder} held vectors of length ${this.dimensions} but the model now returns ${dimensions}; ` +
          "the old entries were discarded (give each model its own namespace)",
      );
      await this.clear();
      entries = await this.load();
    }
    this.dimensions = dimensions;
    const fresh = new Map<string, Float32Array>();
    for (const { key, vector } of items) {
      const stored = Float32Array.from(vector);
      fresh.set(key, stored);
      entries.set(key, stored);
    }
    await this.enqueueWrite(async () => {
      const file = await this.writeShard(fresh, dimensions);
      if (file !== undefined) this.shardFiles.push(file);
      if (this.shardFiles.length > this.maxShards) await this.compact();
    });
  }

  /** Deletes every stored vector of this namespace (memory and disk). */
  async clear(): Promise<void> {
    await this.writeChain;
    this.entries = new Map();
    this.loading = Promise.resolve(this.entries);
    this.dimensions = undefined;
    this.shardFiles = [];
    try {
      await rm(this.folder, { recursive: true, force: true });
    } catch (error) {
      this.onWarning(`embedding cache ${this.folder} could not be deleted (${errorMessage(error)})`);
    }
  }

  /** How to clear this namespace's cache, for messages about a bad cached vector. */
  clearHint(): string {
    return `To clear this cache, delete the folder ${this.folder} (or call clear() on the EmbeddingCache).`;
  }

  /** Waits for pending writes (tests, shutdown). */
  async flush(): Promise<void> {
    await this.writeChain;
  }

  private load(): Promise<Map<string, Float32Array>> {
    this.loading ??= this.readShards().then((entries) => {
      this.entries = entries;
      return entries;
    });
    return this.loading;
  }

  private async readShards(): Promise<Map<string, Float32Array>> {
    const entries = new Map<string, Float32Array>();
    let allNames: string[];
    try {
      allNames = await readdir(this.folder);
    } catch (error) {
      if (!isMissingFile(error))
        this.onWarning(`embedding cache ${this.folder} could not be read (${errorMessage(error)}); embedding without it`);
      return entries;
    }
    await this.removeAbandonedTemporaryFiles(allNames);
    const names = allNames.filter((name) => SHARD_FILE_PATTERN.test(name)).sort();
    // Shards sort by creation time (the name starts with it), so a newer vector overwrites an older one.
    const shards: Array<{ name: string; dimensions: number; entries: Map<string, Float32Array> }> = [];
    for (const name of names) {
      const file = path.join(this.folder, name);
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch (error) {
        if (!isMissingFile(error)) this.onWarning(`embedding cache shard ${file} could not be read (${errorMessage(error)}); ignoring it`);
        continue;
      }
      const decoded = this.decodeShard(bytes);
      if (typeof decoded === "string") {
        this.onWarning(
          `embedding cache shard ${file} is corrupted (${decoded}); deleting it, its texts will be embedded again. ${this.clearHint()}`,
        );
        await unlink(file).catch(() => undefined);
        continue;
      }
      shards.push({ name, ...decoded });
    }
    const newest = shards.at(-1);
    for (const shard of shards) {
      if (shard.dimensions !== newest!.dimensions) {
        const file = path.join(this.folder, shard.name);
        this.onWarning(
          `embedding cache shard ${file} holds vectors of length ${shard.dimensions}, newer shards ${newest!.dimensions}; deleting the older one`,
        );
        await unlink(file).catch(() => undefined);
        continue;
      }
      for (const [key, vector] of shard.entries) entries.set(key, vector);
      this.shardFiles.push(shard.name);
    }
    this.dimensions = newest?.dimensions;
    return entries;
  }

  /** Deletes temporary files left by writers that died before renaming them (older than an hour). */
  private async removeAbandonedTemporaryFiles(names: string[]): Promise<void> {
    const cutoff = Date.now() - ABANDONED_TEMPORARY_FILE_AGE_MS;
    for (const name of names.filter((candidate) => candidate.startsWith(".shard-") && candidate.endsWith(".tmp"))) {
      const file = path.join(this.folder, name);
      try {
        if ((await stat(file)).mtimeMs < cutoff) await unlink(file);
      } catch {
        // Another process may have renamed or removed it meanwhile.
      }
    }
  }

  /** Parses and verifies a shard; a string explains why it is unusable. */
  private decodeShard(bytes: Buffer): { dimensions: number; entries: Map<string, Float32Array> } | string {
    if (bytes.length < HEADER_BYTES + CHECKSUM_BYTES) return `only ${bytes.length} bytes`;
    if (bytes.toString("latin1", 0, SHARD_MAGIC.length) !== SHARD_MAGIC) return "not a cache shard";
    const version = bytes.readUInt32LE(8);
    if (version !== SHARD_FORMAT_VERSION) return `format version ${version}, expected ${SHARD_FORMAT_VERSION}`;
    const dimensions = bytes.readUInt32LE(12);
    const count = bytes.readUInt32LE(16);
    if (dimensions === 0 || dimensions > MAX_DIMENSIONS) return `impossible vector length ${dimensions}`;
    const entryBytes = KEY_BYTES + dimensions * 4;
    const expectedLength = HEADER_BYTES + count * entryBytes + CHECKSUM_BYTES;
    if (bytes.length !== expectedLength) return `${bytes.length} bytes, expected ${expectedLength}`;
    const body = bytes.subarray(0, bytes.length - CHECKSUM_BYTES);
    const checksum = createHash("sha256").update(body).digest();
    if (!checksum.equals(bytes.subarray(bytes.length - CHECKSUM_BYTES))) return "checksum mismatch";
    if (!bytes.subarray(20, 20 + KEY_BYTES).equals(this.namespaceHash)) return "written for another namespace";
    const entries = new Map<string, Float32Array>();
    for (let entry = 0; entry < count; entry += 1) {
      const start = HEADER_BYTES + entry * entryBytes;
      const key = bytes.toString("hex", start, start + KEY_BYTES);
      const vector = new Float32Array(dimensions);
      for (let component = 0; component < dimensions; component += 1) {
        const value = bytes.readFloatLE(start + KEY_BYTES + component * 4);
        if (!Number.isFinite(value)) return `non-finite value in entry ${entry}`;
        vector[component] = value;
      }
      if (vector.every((value) => value === 0)) return `entry ${entry} is an all-zero vector (a broken model answer)`;
      entries.set(key, vector);
    }
    return { dimensions, entries };
  }

  private encodeShard(entries: Map<string, Float32Array>, dimensions: number): Buffer {
    const entryBytes = KEY_BYTES + dimensions * 4;
    const bytes = Buffer.alloc(HEADER_BYTES + entries.size * entryBytes + CHECKSUM_BYTES);
    bytes.write(SHARD_MAGIC, 0, "latin1");
    bytes.writeUInt32LE(SHARD_FORMAT_VERSION, 8);
    bytes.writeUInt32LE(dimensions, 12);
    bytes.writeUInt32LE(entries.size, 16);
    this.namespaceHash.copy(bytes, 20);
    let offset = HEADER_BYTES;
    for (const [key, vector] of entries) {
      bytes.write(key, offset, KEY_BYTES, "hex");
      for (let component = 0; component < dimensions; component += 1) {
        bytes.writeFloatLE(vector[component]!, offset + KEY_BYTES + component * 4);
      }
      offset += entryBytes;
    }
    createHash("sha256").update(bytes.subarray(0, offset)).digest().copy(bytes, offset);
    return bytes;
  }

  /** Writes a shard atomically; returns its file name, or undefined (with a warning) when it could not. */
  private async writeShard(entries: Map<string, Float32Array>, dimensions: number): Promise<string | undefined> {
    const suffix = randomBytes(6).toString("hex");
    const name = `shard-${Date.now().toString(36).padStart(9, "0")}-${suffix}.bin`;
    try {
      await writeFileAtomic(path.join(this.folder, name), this.encodeShard(entries, dimensions));
      return name;
    } catch (error) {
      this.onWarning(`embedding cache ${this.folder} could not be written (${errorMessage(error)}); vectors were not cached`);
      return undefined;
    }
  }

  /** Rewrites every entry of this namespace into one shard, then deletes the shards it replaces. */
  private async compact(): Promise<void> {
    const entries = this.entries;
    const dimensions = this.dimensions;
    if (entries === undefined || dimensions === undefined) return;
    const replaced = this.shardFiles;
    const merged = await this.writeShard(entries, dimensions);
    if (merged === undefined) return;
    this.shardFiles = [merged];
    await Promise.all(replaced.map((name) => unlink(path.join(this.folder, name)).catch(() => undefined)));
  }

  private enqueueWrite(task: () => Promise<void>): Promise<void> {
    const next = this.writeChain.then(task, task);
    this.writeChain = next.catch(() => undefined);
    return next;
  }
}

/** Why a vector must not be cached, or undefined when it is fine. */
function degeneracyOf(vector: readonly number[]): string | undefined {
  if (vector.length === 0) return "an empty vector";
  if (vector.length > MAX_DIMENSIONS) return `a vector of length ${vector.length}`;
  let nonZero = false;
  for (const value of vector) {
    const rounded = Math.fround(value);
    if (!Number.isFinite(rounded)) return "a vector with NaN or Infinity";
    if (rounded !== 0) nonZero = true;
  }
  return nonZero ? undefined : "an all-zero vector";
}

function namespaceFolderName(namespace: string, hash: Buffer): string {
  const readable = namespace
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48);
  return `${readable === "" ? "namespace" : readable}-${hash.toString("hex").slice(0, 16)}`;
}

function isMissingFile(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "ENOENT";
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
