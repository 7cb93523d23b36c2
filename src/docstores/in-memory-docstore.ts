import type { DocumentInterface } from "@langchain/core/documents";
import { BaseStore } from "@langchain/core/stores";
import { InvalidOptionError } from "../core/errors/invalid-option-error.js";
import {
  compareKeys,
  compareStoredContent,
  copyForStorage,
  documentFromStorage,
  type ComparingDocstore,
  type StoredContentComparison,
  type StoredDocument,
} from "./docstore.js";

/** Options of `new InMemoryDocstore(options)`. */
export interface InMemoryDocstoreOptions {
  /** Documents to start with, as `[key, document]` pairs. @default none */
  entries?: Array<[string, DocumentInterface]>;
}

/**
 * A docstore held in memory (lost when the process ends). Stores private copies and returns fresh
 * copies, so callers can change what they pass in or get back without changing the store.
 */
export class InMemoryDocstore extends BaseStore<string, DocumentInterface> implements ComparingDocstore {
  lc_namespace = ["advanced_retrievers", "docstores"];

  static override lc_name(): string {
    return "InMemoryDocstore";
  }

  /** Creates a docstore holding `documents`, each under its `id` (every document needs one). */
  static fromDocuments(documents: DocumentInterface[]): InMemoryDocstore {
    const entries = documents.map((document, index): [string, DocumentInterface] => {
      if (typeof document.id !== "string" || document.id.length === 0) {
        throw new InvalidOptionError({
          option: `documents[${index}].id`,
          value: document.id,
          message: "every document needs an id to be its key; set document.id or use mset with explicit keys",
        });
      }
      return [document.id, document];
    });
    return new InMemoryDocstore({ entries });
  }

  private readonly documents = new Map<string, StoredDocument>();

  constructor(options: InMemoryDocstoreOptions = {}) {
    super();
    for (const [key, document] of options.entries ?? []) this.documents.set(key, copyForStorage(key, document, "InMemoryDocstore.entries"));
  }

  /** Compares documents with the stored ones without copying them (see `ComparingDocstore`). */
  async compareContent(entries: Array<[string, DocumentInterface]>): Promise<StoredContentComparison[]> {
    return compareStoredContent(this.documents, entries);
  }

  async mget(keys: string[]): Promise<Array<DocumentInterface | undefined>> {
    return keys.map((key) => {
      const stored = this.documents.get(key);
      return stored === undefined ? undefined : documentFromStorage(stored);
    });
  }

  async mset(entries: Array<[string, DocumentInterface]>): Promise<void> {
    // Copy (and so validate) everything before changing anything.
    const copies = entries.map(([key, document]) => [key, copyForStorage(key, document, "InMemoryDocstore.mset")] as const);
    for (const [key, copy] of copies) this.documents.set(key, copy);
  }

  async mdelete(keys: string[]): Promise<void> {
    for (const key of keys) this.documents.delete(key);
  }

  async *yieldKeys(prefix?: string): AsyncGenerator<string> {
    for (const key of [...this.documents.keys()].sort(compareKeys)) {
      if (prefix === undefined || key.startsWith(prefix)) yield key;
    }
  }

  /** Every key (starting with `prefix`, when given), sorted in code-unit order. */
  async keys(prefix?: string): Promise<string[]> {
    return [...this.documents.keys()].filter((key) => prefix === undefined || key.startsWith(prefix)).sort(compareKeys);
  }

  /** Number of stored documents. */
  async count(): Promise<number> {
    return this.documents.size;
  }
}
