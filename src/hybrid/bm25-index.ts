import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { Document, type DocumentInterface } from "@langchain/core/documents";
import MiniSearch from "minisearch";
import { z } from "zod/v4";
import { ErrorCodes } from "../core/errors/error-codes.js";
import { RetrieverError } from "../core/errors/retriever-error.js";
import { compileFilter } from "../core/filter/compile-filter.js";
import type { FilterExpression } from "../core/filter/filter-schema.js";
import { parseOptions } from "../core/parse-options.js";
import { throwIfAborted } from "../core/validate-query.js";
import { contentHashId } from "../stores/shared/content-hash.js";
import { IndexAssembler, serializeIndex, type IndexPart } from "./minisearch-stream.js";
import { OlderFormat, readRecordFile, unreadableFileError, writeRecordFile } from "../stores/shared/record-file.js";
import { DEFAULT_MIN_TERM_LENGTH, TextAnalyzer } from "./text-analyzer.js";

/** BM25 term-frequency saturation. MiniSearch's default; 1.2 is the textbook value. */
export const DEFAULT_BM25_K1 = 1.2;
/** BM25 length normalization (0 = none, 1 = full). MiniSearch's default. */
export const DEFAULT_BM25_B = 0.7;
/** BM25+ lower bound of a matching term's contribution (Lv & Zhai 2011). MiniSearch's default. */
export const DEFAULT_BM25_DELTA = 0.5;
/** Name of the indexed field holding `pageContent`. */
export const TEXT_FIELD = "text";
/** Identifies our index files; checked on load. */
export const BM25_INDEX_FORMAT = "advanced-retrievers/bm25-index";
/** Bumped when the file layout changes; older files are rejected with a clear error. */
export const BM25_INDEX_FORMAT_VERSION = 2;
/** Postings of this many terms per saved record. */
const TERMS_PER_RECORD = 1_000;
/** Entries per saved record of the per-document tables. */
const ENTRIES_PER_RECORD = 10_000;

/** Options of a `Bm25Index`. They are saved with the index and restored by `Bm25Index.load`. */
export interface Bm25IndexOptions {
  /** Reduce words to their Porter stem. @default true */
  stemming?: boolean;
  /** Words ignored in documents and questions; `false` keeps all. @default ENGLISH_STOP_WORDS */
  stopWords?: string[] | false;
  /** Shortest word indexed, in characters (digits always kept). @default 2 */
  minTermLength?: number;
  /** Weight of matches in `pageContent`. @default 1 */
  textBoost?: number;
  /**
   * String metadata fields to index too, with their boost, e.g. `{ Review_Title: 2 }` (a word in the
   * title counts twice as much as one in the text). @default none (text only)
   */
  metadataFields?: Record<string, number>;
  /** BM25+ parameters. @default { k1: 1.2, b: 0.7, d: 0.5 } */
  bm25?: { k1?: number; b?: number; d?: number };
}

const optionsSchema = z
  .object({
    stemming: z.boolean().optional(),
    stopWords: z.union([z.array(z.string()), z.literal(false)]).optional(),
    minTermLength: z.number().int().min(1).max(64).optional(),
    textBoost: z.number().positive().finite().optional(),
    metadataFields: z.record(z.string().min(1), z.number().positive().finite()).optional(),
    bm25: z
      .object({
        k1: z.number().positive().finite().optional(),
        b: z.number().min(0).max(1).optional(),
        d: z.number().min(0).finite().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** One BM25 hit. */
export interface Bm25Hit {
  document: DocumentInterface;
  /** BM25+ score (unbounded, higher is better; comparable only within one question). */
  score: number;
  /** Query terms (stemmed) that matched this document. */
  matchedTerms: string[];
}

interface ResolvedSettings {
  stemming: boolean;
  stopWords: string[] | false;
  minTermLength: number;
  textBoost: number;
  metadataFields: Record<string, number>;
  bm25: { k1: number; b: number; d: number };
}

const savedFileSchema = z.object({
  format: z.literal(BM25_INDEX_FORMAT),
  version: z.number(),
  checksum: z.string(),
});

const savedPayloadSchema = z.object({
  settings: z.object({
    stemming: z.boolean(),
    stopWords: z.union([z.array(z.string()), z.literal(false)]),
    minTermLength: z.number(),
    textBoost: z.number(),
    metadataFields: z.record(z.string(), z.number()),
    bm25: z.object({ k1: z.number(), b: z.number(), d: z.number() }),
  }),
  documents: z.array(z.object({ id: z.string(), pageContent: z.string(), metadata: z.record(z.string(), z.unknown()) })),
  index: z.record(z.string(), z.unknown()),
});

const savedHeaderSchema = z.object({ format: z.literal(BM25_INDEX_FORMAT), version: z.number(), settings: z.unknown().optional() });

const savedDocumentSchema = z.object({ id: z.string(), pageContent: z.string(), metadata: z.record(z.string(), z.unknown()) });
const savedRecordSchema = z.union([
  z.tuple([z.literal("document"), savedDocumentSchema]),
  z.tuple([z.literal("index"), z.record(z.string(), z.unknown())]),
  z.tuple([z.enum(["documentIds", "fieldLength", "storedFields"]), z.array(z.tuple([z.string(), z.unknown()]))]),
  z.tuple([z.literal("terms"), z.array(z.unknown())]),
]);

/** One record of a saved index (version 2): a document, or a part of MiniSearch's serialized postings. */
type SavedRecord = ["document", { id: string; pageContent: string; metadata: Record<string, unknown> }] | IndexPart;

function isSavedDocument(value: unknown): value is { id: string; pageContent: string; metadata: Record<string, unknown> } {
  const candidate = value as { id?: unknown; pageContent?: unknown; metadata?: unknown } | null;
  return (
    typeof candidate === "object" &&
    candidate !== null &&
    typeof candidate.id === "string" &&
    typeof candidate.pageContent === "string" &&
    typeof candidate.metadata === "object" &&
    candidate.metadata !== null &&
    !Array.isArray(candidate.metadata)
  );
}

/**
 * A keyword (BM25+) index over documents, built on MiniSearch with the library's text analyzer
 * (stemming, stop words). Documents are upserted by id; removal is exact. Saved atomically to one
 * checksummed file and reloaded with `Bm25Index.load`.
 */
export class Bm25Index {
  readonly analyzer: TextAnalyzer;
  private readonly settings: ResolvedSettings;
  private miniSearch: MiniSearch<DocumentInterface>;
  private readonly documents = new Map<string, DocumentInterface>();

  constructor(options: Bm25IndexOptions = {}) {
    const parsed = parseOptions(optionsSchema, options, "Bm25Index");
    this.settings = {
      stemming: parsed.stemming ?? true,
      stopWords: parsed.stopWords ?? [...new TextAnalyzer().stopWords],
      minTermLength: parsed.minTermLength ?? DEFAULT_MIN_TERM_LENGTH,
      textBoost: parsed.textBoost ?? 1,
      metadataFields: parsed.metadataFields ?? {},
      bm25: { k1: parsed.bm25?.k1 ?? DEFAULT_BM25_K1, b: parsed.bm25?.b ?? DEFAULT_BM25_B, d: parsed.bm25?.d ?? DEFAULT_BM25_DELTA },
    };
    this.analyzer = new TextAnalyzer({
      stemming: this.settings.stemming,
      stopWords: this.settings.stopWords,
      minTermLength: this.settings.minTermLength,
    });
    this.miniSearch = new MiniSearch(this.miniSearchOptions());
  }

  /** Builds an index from documents in one call. */
  static fromDocuments(documents: DocumentInterface[], options: Bm25IndexOptions = {}): Bm25Index {
    const index = new Bm25Index(options);
    index.addDocuments(documents);
    return index;
  }

  /** Number of indexed documents. */
  get size(): number {
    return this.documents.size;
  }

  /**
   * Indexes documents, replacing any with the same id. The id is `options.ids[i]`, else `document.id`,
   * else the content hash the stores use (`contentHashId`). Returns the ids. Give documents the ids your vector store uses, so a
   * hybrid search can match the two legs.
   */
  addDocuments(documents: DocumentInterface[], options: { ids?: string[] } = {}): string[] {
    if (options.ids !== undefined && options.ids.length !== documents.length) {
      throw new RetrieverError({
        code: ErrorCodes.INVALID_OPTION,
        message: `got ${documents.length} documents but ${options.ids.length} ids; pass one id per document`,
      });
    }
    return documents.map((document, position) => {
      const id = options.ids?.[position] ?? document.id ?? contentHashId(document);
      const stored = new Document({ id, pageContent: document.pageContent, metadata: { ...document.metadata } });
      const previous = this.documents.get(id);
      if (previous !== undefined) this.miniSearch.remove(previous);
      this.miniSearch.add(stored);
      this.documents.set(id, stored);
      return id;
    });
  }

  /** Removes documents by id; unknown ids are ignored. */
  delete(ids: string[]): void {
    for (const id of ids) {
      const previous = this.documents.get(id);
      if (previous === undefined) continue;
      this.miniSearch.remove(previous);
      this.documents.delete(id);
    }
  }

  /** The stored document with this id, if any. */
  get(id: string): DocumentInterface | undefined {
    return this.documents.get(id);
  }

  /** All stored documents, in insertion order. */
  listDocuments(): DocumentInterface[] {
    return [...this.documents.values()];
  }

  /**
   * The best `k` documents for the question by BM25+, among those matching `filter`. A question with no
   * indexable word (only stop words) matches nothing.
   */
  search(query: string, options: { k: number; filter?: FilterExpression | null; signal?: AbortSignal }): Bm25Hit[] {
    throwIfAborted(options.signal);
    if (this.analyzer.analyze(query).length === 0) return [];
    const predicate = options.filter == null ? undefined : compileFilter(options.filter);
    const results = this.miniSearch.search(query, {
      filter: predicate === undefined ? undefined : (result) => predicate(this.documents.get(String(result.id))?.metadata ?? {}),
    });
    return results.slice(0, options.k).map((result) => ({
      document: this.documents.get(String(result.id)) as DocumentInterface,
      score: result.score,
      matchedTerms: result.terms,
    }));
  }

  /**
   * Writes the index (settings, documents and postings) to one file, atomically, with a checksum, as
   * a stream of JSON records (`writeRecordFile`): no single string holds the whole index, so its size
   * is bounded by the disk and the memory the index itself needs, not by V8's string limit.
   */
  async save(path: string): Promise<void> {
    const miniSearch = this.miniSearch;
    const documents = [...this.documents.values()];
    const header = {
      format: BM25_INDEX_FORMAT,
      version: BM25_INDEX_FORMAT_VERSION,
      settings: this.settings,
      documentCount: documents.length,
    };
    function* records(): Generator<SavedRecord> {
      for (const { id, pageContent, metadata } of documents) yield ["document", { id: id as string, pageContent, metadata }];
      // Part by part from the live postings: no full copy of the index is made.
      yield* serializeIndex(miniSearch, ENTRIES_PER_RECORD, TERMS_PER_RECORD);
    }
    await writeRecordFile(path, header, records(), (position) =>
      position < documents.length ? `the metadata of document "${documents[position]?.id}"` : "the BM25 postings",
    );
  }

  /**
   * Loads an index written by `save`, streaming the file (version 1 files, one JSON payload, are still
   * read). Throws NOT_FOUND or INDEX_CORRUPTED with the file name.
   */
  static async load(path: string): Promise<Bm25Index> {
    const corrupted = (reason: string, cause?: unknown): RetrieverError =>
      new RetrieverError({
        code: ErrorCodes.INDEX_CORRUPTED,
        message: `the BM25 index ${path} is unusable: ${reason}; rebuild it and save again`,
        cause,
      });
    const unreadable = (code: string, cause: unknown): RetrieverError =>
      code === "ENOENT"
        ? new RetrieverError({
            code: ErrorCodes.NOT_FOUND,
            message: `cannot read the BM25 index ${path}; build it and call save(path) first`,
            cause,
          })
        : unreadableFileError(path, code, "the BM25 index", cause);
    let index: Bm25Index | undefined;
    let assembler: IndexAssembler<DocumentInterface> | undefined;
    const addPart = (part: IndexPart): void => {
      try {
        (assembler as IndexAssembler<DocumentInterface>).add(part);
      } catch (error) {
        throw corrupted("the postings cannot be read", error);
      }
    };
    try {
      await readRecordFile(
        path,
        {
          onHeader: (raw) => {
            const header = savedHeaderSchema.safeParse(raw);
            if (!header.success) throw corrupted("the header is not a BM25 index header", header.error);
            if (header.data.version === 1) throw new OlderFormat(1);
            if (header.data.version !== BM25_INDEX_FORMAT_VERSION) {
              throw corrupted(
                `format version ${header.data.version} is not supported (this library reads versions 1 and ${BM25_INDEX_FORMAT_VERSION})`,
              );
            }
            const parsedSettings = savedPayloadSchema.shape.settings.safeParse(header.data.settings);
            if (!parsedSettings.success) throw corrupted("the settings in the header have an unexpected layout", parsedSettings.error);
            const created = new Bm25Index(parsedSettings.data);
            index = created;
            assembler = new IndexAssembler((plain) => MiniSearch.loadJS(plain, created.miniSearchOptions()));
          },
          onRecord: (record, position) => {
            const target = index as Bm25Index;
            // Documents (most records) are checked by hand: a schema library costs more than the parsing.
            if (Array.isArray(record) && record[0] === "document" && record.length === 2 && isSavedDocument(record[1])) {
              const { id, pageContent, metadata } = record[1];
              target.documents.set(id, new Document({ id, pageContent, metadata }));
              return;
            }
            const parsed = savedRecordSchema.safeParse(record);
            if (!parsed.success || parsed.data[0] === "document")
              throw corrupted(`record ${position + 1} has an unexpected layout`, parsed.error);
            addPart(parsed.data as IndexPart);
          },
        },
        { corrupted, unreadable },
      );
    } catch (error) {
      if (error instanceof OlderFormat) return Bm25Index.loadVersion1(path, corrupted, unreadable);
      throw error;
    }
    const loaded = index as Bm25Index;
    try {
      loaded.miniSearch = (assembler as IndexAssembler<DocumentInterface>).finish();
    } catch (error) {
      throw corrupted("the postings cannot be read", error);
    }
    if (loaded.miniSearch.documentCount !== loaded.documents.size) throw corrupted("document count does not match the postings");
    return loaded;
  }

  /** Rebuilds an index from its saved parts; the postings' document count must match the documents. */
  private static restore(
    settings: z.infer<typeof savedPayloadSchema>["settings"],
    documents: Array<{ id: string; pageContent: string; metadata: Record<string, unknown> }>,
    plain: Record<string, unknown>,
    corrupted: (reason: string, cause?: unknown) => RetrieverError,
  ): Bm25Index {
    const index = new Bm25Index(settings);
    try {
      index.miniSearch = MiniSearch.loadJS(plain as Parameters<typeof MiniSearch.loadJS>[0], index.miniSearchOptions());
    } catch (error) {
      throw corrupted("the postings cannot be read", error);
    }
    for (const { id, pageContent, metadata } of documents) {
      index.documents.set(id, new Document({ id, pageContent, metadata }));
    }
    if (index.miniSearch.documentCount !== index.documents.size) throw corrupted("document count does not match the postings");
    return index;
  }

  /** Version 1: a header line with the checksum, then the whole index as one JSON payload. */
  private static async loadVersion1(
    path: string,
    corrupted: (reason: string, cause?: unknown) => RetrieverError,
    unreadable: (code: string, cause: unknown) => RetrieverError,
  ): Promise<Bm25Index> {
    let content: string;
    try {
      content = await readFile(path, "utf8");
    } catch (error) {
      throw unreadable(String((error as { code?: unknown }).code ?? "EIO"), error);
    }
    const newline = content.indexOf("\n");
    if (newline < 0) throw corrupted("no header line (truncated or not an index file)");
    let header: z.infer<typeof savedFileSchema>;
    try {
      header = savedFileSchema.parse(JSON.parse(content.slice(0, newline)));
    } catch (error) {
      throw corrupted("the header is not a BM25 index header", error);
    }
    const payloadText = content.slice(newline + 1);
    if (sha256(payloadText) !== header.checksum) throw corrupted("checksum mismatch (truncated or modified)");
    let payload: z.infer<typeof savedPayloadSchema>;
    try {
      payload = savedPayloadSchema.parse(JSON.parse(payloadText));
    } catch (error) {
      throw corrupted("the content does not have the expected layout", error);
    }
    return Bm25Index.restore(payload.settings, payload.documents, payload.index, corrupted);
  }

  private miniSearchOptions(): ConstructorParameters<typeof MiniSearch<DocumentInterface>>[0] {
    const metadataFieldNames = Object.keys(this.settings.metadataFields);
    const boost: Record<string, number> = { [TEXT_FIELD]: this.settings.textBoost };
    for (const name of metadataFieldNames) boost[metadataFieldKey(name)] = this.settings.metadataFields[name]!;
    return {
      idField: "id",
      fields: [TEXT_FIELD, ...metadataFieldNames.map(metadataFieldKey)],
      storeFields: [],
      autoVacuum: false,
      extractField: (document, fieldName) => {
        if (fieldName === "id") return document.id;
        if (fieldName === TEXT_FIELD) return document.pageContent;
        const value = document.metadata[fieldName.slice(METADATA_FIELD_PREFIX.length)];
        return typeof value === "string" || typeof value === "number" ? String(value) : Array.isArray(value) ? value.join(" ") : "";
      },
      tokenize: (text) => this.analyzer.tokenize(text),
      processTerm: (term) => this.analyzer.processTerm(term),
      searchOptions: {
        boost,
        bm25: { k: this.settings.bm25.k1, b: this.settings.bm25.b, d: this.settings.bm25.d },
        combineWith: "OR",
        prefix: false,
        fuzzy: false,
      },
    };
  }
}

/** Duck-typed check (works across ESM/CJS copies of the library). */
export function isBm25Index(value: unknown): value is Bm25Index {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<Bm25Index>;
  return typeof candidate.search === "function" && typeof candidate.addDocuments === "function" && typeof candidate.save === "function";
}

const METADATA_FIELD_PREFIX = "metadata.";

function metadataFieldKey(name: string): string {
  return `${METADATA_FIELD_PREFIX}${name}`;
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
