import type { RetrieverVectorStore } from "../core/vector-store.js";
import type { ChromaConnectionOptions } from "../stores/chroma/chroma-connection.js";
import { ChromaStore } from "../stores/chroma/chroma-store.js";
import { chromaCollectionName } from "../stores/chroma/collection-name.js";
import { fingerprintIndex, openDenseIndex, type OpenDenseIndexOptions } from "./dense-index.js";

/** Where a configuration can keep vectors. */
export type StoreKind = "memory" | "chroma";

/** Options of `openVectorStore`. */
export interface OpenVectorStoreOptions extends OpenDenseIndexOptions {
  /** `memory`: an in-memory store saved as a file (see `openDenseIndex`); `chroma`: a Chroma collection. @default "memory" */
  store?: StoreKind;
  /** How to reach Chroma (`store: "chroma"` only). @default CHROMA_URL, else http://127.0.0.1:8000 */
  chroma?: ChromaConnectionOptions;
}

/** An opened index: the store, whether it already held the documents, and where it lives. */
export interface OpenedVectorStore {
  store: RetrieverVectorStore;
  /** True when the index was reused (file loaded, or Chroma collection already complete), false when built now. */
  loaded: boolean;
  /** The index file, or `chroma <url> collection <name>`; null for an unsaved in-memory index. */
  location: string | null;
}

/**
 * Opens a vector index of `documents` in the chosen store:
 * - `memory`: `openDenseIndex` (a saved file named from the index name and a fingerprint, reused when it matches);
 * - `chroma`: the collection `retrievers-<name>-<fingerprint>` (fingerprint of documents + embeddings
 *   model, so another model or other documents get another collection). A collection already holding
 *   every document is reused as is; an incomplete one (an interrupted build) is emptied and rebuilt.
 */
export async function openVectorStore(options: OpenVectorStoreOptions): Promise<OpenedVectorStore> {
  const { store: kind = "memory", chroma, ...indexOptions } = options;
  if (kind === "memory") {
    const { store, loaded, path } = await openDenseIndex(indexOptions);
    return { store, loaded, location: path };
  }
  const { documents, embeddings, name } = indexOptions;
  const modelId = embeddings.modelId ?? "unknown-embeddings";
  const collectionName = chromaCollectionName(name, fingerprintIndex(documents, modelId, indexOptions.datasetFingerprint));
  const store = new ChromaStore(embeddings, { ...chroma, collectionName, embeddingsModelId: modelId });
  const stored = await store.count();
  const location = `chroma ${store.url} collection ${collectionName}`;
  if (stored === documents.length && stored > 0) return { store, loaded: true, location };
  if (stored > 0) await store.dropCollection();
  await store.addDocuments(documents);
  return { store, loaded: false, location };
}
