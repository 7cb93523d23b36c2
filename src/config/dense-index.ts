import { createHash } from "node:crypto";
import { join } from "node:path";
import type { DocumentInterface } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { ErrorCodes } from "../core/errors/error-codes.js";
import { RetrieverError } from "../core/errors/retriever-error.js";
import { resolveCacheFolders } from "../core/io/cache-folder.js";
import { MemoryStore } from "../stores/memory/memory-store.js";
import { canonicalJson } from "../stores/shared/canonical-json.js";
import { documentIdsDigest } from "../stores/shared/ids-digest.js";

/**
 * Where built indexes are saved when nobody says otherwise: `index` in the user cache folder
 * (`RETRIEVERS_CACHE_DIR`, else `$XDG_CACHE_HOME/advanced-retrievers`, else `~/.cache/advanced-retrievers`),
 * as resolved when the library was loaded; the defaults of `directory` / `indexDirectory` are resolved at each use.
 */
export const DEFAULT_INDEX_DIRECTORY = resolveCacheFolders().index;

/** Options of `openDenseIndex`. */
export interface OpenDenseIndexOptions {
  /** Documents to index (each with an `id`). */
  documents: DocumentInterface[];
  /** Embeddings for documents and questions. */
  embeddings: EmbeddingsInterface & { modelId?: string };
  /** Name of what is indexed (e.g. "reviews", "children"), part of the file name. */
  name: string;
  /**
   * Folder for saved indexes; `null` keeps the index in memory only.
   * @default `index` in the user cache folder: `$RETRIEVERS_CACHE_DIR/index`, else `$XDG_CACHE_HOME/advanced-retrievers/index`, else `~/.cache/advanced-retrievers/index`
   */
  directory?: string | null;
  /** The dataset's fingerprint, mixed into the index fingerprint (see `Dataset.fingerprint`). @default none */
  datasetFingerprint?: string;
  /** Receives a note when a saved index is rebuilt because it holds another dataset. @default console.warn */
  onNote?: (message: string) => void;
}

/** A short fingerprint of documents + embeddings model (+ dataset definition): the saved index is reused only when all match. */
export function fingerprintIndex(documents: DocumentInterface[], modelId: string, datasetFingerprint?: string): string {
  const hash = createHash("sha256").update(modelId).update("\0");
  if (datasetFingerprint !== undefined) hash.update(datasetFingerprint).update("\0");
  for (const document of documents)
    hash.update(canonicalJson({ id: document.id, pageContent: document.pageContent, metadata: document.metadata })).update("\n");
  return hash.digest("hex").slice(0, 16);
}

/**
 * Returns an in-memory store holding `documents`: loaded from `<directory>/<name>-<fingerprint>.idx`
 * when a matching saved index exists, else built (embedding the documents) and saved atomically.
 * A corrupted saved index is rebuilt, never trusted.
 */
export async function openDenseIndex(
  options: OpenDenseIndexOptions,
): Promise<{ store: MemoryStore; path: string | null; loaded: boolean }> {
  const { documents, embeddings, name } = options;
  const directory = options.directory === undefined ? resolveCacheFolders().index : options.directory;
  const modelId = embeddings.modelId ?? "unknown-embeddings";
  if (directory === null) {
    return { store: await MemoryStore.fromDocuments(documents, embeddings, { embeddingsModelId: modelId }), path: null, loaded: false };
  }
  const fingerprint = fingerprintIndex(documents, modelId, options.datasetFingerprint);
  const path = join(directory, `${name}-${fingerprint}.idx`);
  try {
    // The file must hold this dataset: a file copied over another fingerprint's name is rebuilt.
    const expected = {
      expectedFingerprint: fingerprint,
      expectedIdsDigest: documentIdsDigest(documents.map((document) => document.id as string)),
    };
    return { store: await MemoryStore.load(path, embeddings, { embeddingsModelId: modelId, ...expected }), path, loaded: true };
  } catch (error) {
    const code = RetrieverError.isInstance(error) ? error.code : undefined;
    if (code === ErrorCodes.INDEX_MISMATCH) {
      const note = options.onNote ?? ((message: string) => console.warn(`advanced-retrievers: ${message}`));
      note(`rebuilding the index: ${(error as Error).message.replace(/^advanced-retrievers: /, "")}`);
    } else if (code !== ErrorCodes.NOT_FOUND && code !== ErrorCodes.INDEX_CORRUPTED) throw error;
  }
  const store = await MemoryStore.fromDocuments(documents, embeddings, { embeddingsModelId: modelId });
  await store.save(path, { datasetFingerprint: fingerprint });
  return { store, path, loaded: false };
}
