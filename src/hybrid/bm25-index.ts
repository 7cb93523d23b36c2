import { Document, type DocumentInterface } from "@langchain/core/documents";
import { z } from "zod/v4";
import { ErrorCodes } from "../core/errors/error-codes.js";
import { RetrieverError } from "../core/errors/retriever-error.js";
import { compileFilter } from "../core/filter/compile-filter.js";
import type { FilterExpression } from "../core/filter/filter-schema.js";
import { parseOptions } from "../core/parse-options.js";
import { throwIfAborted } from "../core/validate-query.js";
import { contentHashId } from "../stores/shared/content-hash.js";
import { KeywordPostings, type AnalyzedField, type PostingsSnapshot } from "./keyword-postings.js";
import { readRecordFile, unreadableFileError, writeRecordFile } from "../stores/shared/record-file.js";
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
export const BM25_INDEX_FORMAT_VERSION = 3;
/** Terms per saved record of the dictionary. */
const TERMS_PER_RECORD = 10_000;
/** About this many postings per saved record. */
const POSTINGS_PER_RECORD = 250_000;
/** Documents per saved record of the field lengths. */
const LENGTHS_PER_RECORD = 100_000;

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

const settingsSchema = z.object({
  stemming: z.boolean(),
  stopWords: z.union([z.array(z.string()), z.literal(false)]),
  minTermLength: z.number(),
  textBoost: z.number(),
  metadataFields: z.record(z.string(), z.number()),
  bm25: z.object({ k1: z.number(), b: z.number(), d: z.number() }),
});

const count = z.number().int().min(0).max(0xffff_ffff);
const savedHeaderSchema = z.object({ format: z.literal(BM25_INDEX_FORMAT), version: z.number() });
const currentHeaderSchema = z.object({
  settings: z.unknown(),
  documentCount: count,
  termCount: count,
  postingCount: count,
  averageFieldLengths: z.array(z.number().min(0)),
});

/** A stored document as saved: id, text, metadata. */
interface SavedDocument {
  id: string;
  pageContent: string;
  metadata: Record<string, unknown>;
}

/**
 * One record of a saved index (version 3), in this order: every document with its slot (in insertion
 * order), the term dictionary in parts, the postings in parts (per term, per field: count, then slot
 * gaps and frequencies as base-128 varints, base64), the field lengths by slot in parts (varints).
 */
type SavedRecord = ["document", number, SavedDocument] | ["terms", string[]] | ["postings", number, string] | ["lengths", number, string];

function isSavedDocument(value: unknown): value is SavedDocument {
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
 * A keyword (BM25+) index over documents, with the library's text analyzer (stemming, stop words) and
 * its own compact inverted index (`KeywordPostings`: typed arrays, 8 bytes a posting), scoring exactly
 * as MiniSearch 7 did. Documents are upserted by id; removal is exact. Saved atomically to one
 * checksummed file of records and reloaded with `Bm25Index.load`; 1M review-sized documents build,
 * save and load within Node's default heap (`npm run bench:persist`).
 */
export class Bm25Index {
  readonly analyzer: TextAnalyzer;
  private readonly settings: ResolvedSettings;
  private readonly metadataFieldNames: string[];
  private postings: KeywordPostings;
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
    this.metadataFieldNames = Object.keys(this.settings.metadataFields);
    this.postings = this.emptyPostings();
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
    const ids = documents.map((document, position) => {
      const id = options.ids?.[position] ?? document.id ?? contentHashId(document);
      const stored = new Document({ id, pageContent: document.pageContent, metadata: { ...document.metadata } });
      const previous = this.documents.get(id);
      if (previous !== undefined) this.postings.remove(id, this.analyzeDocument(previous));
      this.postings.add(id, this.analyzeDocument(stored));
      this.documents.set(id, stored);
      return id;
    });
    this.postings.compactIfWorthIt();
    return ids;
  }

  /** Removes documents by id; unknown ids are ignored. */
  delete(ids: string[]): void {
    for (const id of ids) {
      const previous = this.documents.get(id);
      if (previous === undefined) continue;
      this.postings.remove(id, this.analyzeDocument(previous));
      this.documents.delete(id);
    }
    this.postings.compactIfWorthIt();
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
   * indexable word (only stop words) matches nothing. Equal scores keep the order of indexing.
   */
  search(query: string, options: { k: number; filter?: FilterExpression | null; signal?: AbortSignal }): Bm25Hit[] {
    throwIfAborted(options.signal);
    const queryTerms = this.analyzer.analyze(query);
    if (queryTerms.length === 0) return [];
    const predicate = options.filter == null ? undefined : compileFilter(options.filter);
    const limit = options.k > 0 ? Math.floor(options.k) : 0;
    if (limit === 0) return [];
    const { slots, scores, count } = this.postings.score(queryTerms);
    // The best `limit` by (score, then order met) among those passing the filter: a min-heap of
    // positions; the filter runs only on candidates that would enter it.
    const heap: number[] = [];
    const worse = (left: number, right: number): boolean =>
      (scores[left] as number) < (scores[right] as number) || ((scores[left] as number) === (scores[right] as number) && left > right);
    const siftDown = (start: number): void => {
      for (let parent = start; ;) {
        const left = parent * 2 + 1;
        if (left >= heap.length) return;
        const right = left + 1;
        const child = right < heap.length && worse(heap[right] as number, heap[left] as number) ? right : left;
        if (!worse(heap[child] as number, heap[parent] as number)) return;
        [heap[parent], heap[child]] = [heap[child] as number, heap[parent] as number];
        parent = child;
      }
    };
    for (let position = 0; position < count; position += 1) {
      if (heap.length === limit && (scores[position] as number) <= (scores[heap[0] as number] as number)) continue;
      if (predicate !== undefined && !predicate(this.documents.get(this.postings.idAt(slots[position] as number))?.metadata ?? {}))
        continue;
      if (heap.length < limit) {
        heap.push(position);
        for (let child = heap.length - 1; child > 0;) {
          const parent = (child - 1) >> 1;
          if (!worse(heap[child] as number, heap[parent] as number)) break;
          [heap[parent], heap[child]] = [heap[child] as number, heap[parent] as number];
          child = parent;
        }
      } else {
        heap[0] = position;
        siftDown(0);
      }
    }
    const best = heap.sort((left, right) => (scores[right] as number) - (scores[left] as number) || left - right);
    const distinctTerms = [...new Set(queryTerms)];
    return best.map((position) => {
      const slot = slots[position] as number;
      // MiniSearch listed the matched terms as the keys of an object (integer-like keys first).
      const matched: Record<string, true> = {};
      for (const term of distinctTerms) if (this.postings.contains(slot, term)) matched[term] = true;
      return {
        document: this.documents.get(this.postings.idAt(slot)) as DocumentInterface,
        score: scores[position] as number,
        matchedTerms: Object.keys(matched),
      };
    });
  }

  /**
   * Writes the index (settings, documents, dictionary, postings, field lengths) to one file,
   * atomically, with a checksum, as a stream of JSON records (`writeRecordFile`): no single string
   * holds the whole index, and the postings are written from their arrays (a few MB at a time).
   * Changes made while the save runs are not in the file.
   */
  async save(path: string): Promise<void> {
    const snapshot = this.postings.snapshot();
    const documents = [...this.documents.values()];
    const slotOf = (id: string): number => this.postings.slotOf(id) as number;
    const slots = documents.map((document) => slotOf(document.id as string));
    const fieldCount = this.postings.fieldCount;
    const header = {
      format: BM25_INDEX_FORMAT,
      version: BM25_INDEX_FORMAT_VERSION,
      settings: this.settings,
      documentCount: documents.length,
      termCount: snapshot.terms.length,
      postingCount: snapshot.slots.length,
      averageFieldLengths: snapshot.averageFieldLengths,
    };
    function* records(): Generator<SavedRecord> {
      for (const [position, { id, pageContent, metadata }] of documents.entries())
        yield ["document", slots[position] as number, { id: id as string, pageContent, metadata }];
      for (let first = 0; first < snapshot.terms.length; first += TERMS_PER_RECORD)
        yield ["terms", snapshot.terms.slice(first, first + TERMS_PER_RECORD)];
      const keyCount = snapshot.terms.length * fieldCount;
      for (let firstTerm = 0; firstTerm < snapshot.terms.length;) {
        const writer = new VarintWriter();
        let term = firstTerm;
        const start = snapshot.offsets[firstTerm * fieldCount] as number;
        while (
          term < snapshot.terms.length &&
          ((snapshot.offsets[term * fieldCount] as number) - start < POSTINGS_PER_RECORD || term === firstTerm)
        ) {
          for (let key = term * fieldCount; key < (term + 1) * fieldCount && key < keyCount; key += 1) {
            const end = snapshot.offsets[key + 1] as number;
            const begin = snapshot.offsets[key] as number;
            writer.write(end - begin);
            let previous = -1;
            for (let position = begin; position < end; position += 1) {
              const slot = snapshot.slots[position] as number;
              writer.write(slot - previous - 1);
              writer.write(snapshot.frequencies[position] as number);
              previous = slot;
            }
          }
          term += 1;
        }
        yield ["postings", firstTerm, writer.base64()];
        firstTerm = term;
      }
      for (let first = 0; first < documents.length; first += LENGTHS_PER_RECORD) {
        const writer = new VarintWriter();
        const end = Math.min(documents.length, first + LENGTHS_PER_RECORD) * fieldCount;
        for (let position = first * fieldCount; position < end; position += 1) writer.write(snapshot.fieldLengths[position] as number);
        yield ["lengths", first, writer.base64()];
      }
    }
    await writeRecordFile(path, header, records(), (position) =>
      position < documents.length ? `the metadata of document "${documents[position]?.id}"` : "the BM25 postings",
    );
  }

  /**
   * Loads an index written by `save`, streaming the file. Throws NOT_FOUND or INDEX_CORRUPTED with the
   * file name; a file of an older format (versions 1 and 2, MiniSearch's layout) is INDEX_CORRUPTED
   * asking to rebuild it.
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
    let header: z.infer<typeof currentHeaderSchema> | undefined;
    let fieldCount = 0;
    let ids: string[] = [];
    const terms: string[] = [];
    let offsets = new Uint32Array(1);
    let postingSlots = new Uint32Array(0);
    let frequencies = new Uint32Array(0);
    let fieldLengths = new Uint32Array(0);
    let nextTerm = 0;
    let postingsWritten = 0;
    let lengthsWritten = 0;
    const readPostings = (firstTerm: number, encoded: string): void => {
      if (firstTerm !== nextTerm) throw corrupted(`the postings start at term ${firstTerm}, expected ${nextTerm}`);
      const reader = new VarintReader(Buffer.from(encoded, "base64"));
      const termCount = (header as { termCount: number }).termCount;
      while (!reader.done()) {
        if (nextTerm >= termCount || nextTerm >= terms.length) throw corrupted("the postings name more terms than the dictionary");
        for (let field = 0; field < fieldCount; field += 1) {
          const key = nextTerm * fieldCount + field;
          const postings = reader.read();
          if (postingsWritten + postings > postingSlots.length) throw corrupted("the postings hold more entries than the header says");
          let slot = -1;
          for (let entry = 0; entry < postings; entry += 1) {
            slot += reader.read() + 1;
            postingSlots[postingsWritten] = slot;
            frequencies[postingsWritten] = reader.read();
            postingsWritten += 1;
          }
          offsets[key + 1] = postingsWritten;
        }
        nextTerm += 1;
      }
    };
    try {
      await readRecordFile(
        path,
        {
          onHeader: (raw) => {
            const parsedHeader = savedHeaderSchema.safeParse(raw);
            if (!parsedHeader.success) throw corrupted("the header is not a BM25 index header", parsedHeader.error);
            const version = parsedHeader.data.version;
            if (version === 1 || version === 2)
              throw corrupted(
                `it is in format version ${version}, written by an older version of this library (this one reads version ${BM25_INDEX_FORMAT_VERSION})`,
              );
            if (version !== BM25_INDEX_FORMAT_VERSION)
              throw corrupted(`format version ${version} is not supported (this library reads version ${BM25_INDEX_FORMAT_VERSION})`);
            const current = currentHeaderSchema.safeParse(raw);
            if (!current.success) throw corrupted("the header has an unexpected layout", current.error);
            const settings = settingsSchema.safeParse(current.data.settings);
            if (!settings.success) throw corrupted("the settings in the header have an unexpected layout", settings.error);
            let created: Bm25Index;
            try {
              created = new Bm25Index(settings.data);
            } catch (error) {
              throw corrupted("the settings in the header are not valid options", error);
            }
            index = created;
            header = current.data;
            fieldCount = created.postings.fieldCount;
            if (header.averageFieldLengths.length !== fieldCount)
              throw corrupted("the header's average field lengths do not match the fields");
            try {
              ids = new Array<string>(header.documentCount);
              offsets = new Uint32Array(header.termCount * fieldCount + 1);
              postingSlots = new Uint32Array(header.postingCount);
              frequencies = new Uint32Array(header.postingCount);
              fieldLengths = new Uint32Array(header.documentCount * fieldCount);
            } catch (error) {
              throw corrupted("the header's counts are not plausible", error);
            }
          },
          onRecord: (record, position) => {
            const target = index as Bm25Index;
            const documentCount = (header as { documentCount: number }).documentCount;
            if (!Array.isArray(record) || typeof record[0] !== "string") throw corrupted(`record ${position + 1} has an unexpected layout`);
            // Checked by hand: a schema library costs more than the parsing.
            if (record[0] === "document" && record.length === 3 && Number.isInteger(record[1]) && isSavedDocument(record[2])) {
              const slot = record[1] as number;
              const { id, pageContent, metadata } = record[2];
              if (slot < 0 || slot >= documentCount || ids[slot] !== undefined || target.documents.has(id))
                throw corrupted(`record ${position + 1} repeats a document or its slot`);
              ids[slot] = id;
              target.documents.set(id, new Document({ id, pageContent, metadata }));
              return;
            }
            if (
              record[0] === "terms" &&
              record.length === 2 &&
              Array.isArray(record[1]) &&
              record[1].every((term) => typeof term === "string")
            ) {
              if (postingsWritten > 0 || nextTerm > 0) throw corrupted(`record ${position + 1} (terms) comes after the postings`);
              terms.push(...(record[1] as string[]));
              return;
            }
            if (record[0] === "postings" && record.length === 3 && Number.isInteger(record[1]) && typeof record[2] === "string") {
              readPostings(record[1] as number, record[2]);
              return;
            }
            if (record[0] === "lengths" && record.length === 3 && Number.isInteger(record[1]) && typeof record[2] === "string") {
              if (record[1] !== lengthsWritten / Math.max(1, fieldCount))
                throw corrupted(`record ${position + 1} (lengths) is out of order`);
              const reader = new VarintReader(Buffer.from(record[2], "base64"));
              while (!reader.done()) {
                if (lengthsWritten >= fieldLengths.length) throw corrupted("there are more field lengths than documents");
                fieldLengths[lengthsWritten] = reader.read();
                lengthsWritten += 1;
              }
              return;
            }
            throw corrupted(`record ${position + 1} has an unexpected layout`);
          },
        },
        { corrupted, unreadable },
      );
    } catch (error) {
      if (error instanceof VarintError) throw corrupted("the postings or lengths are not valid varints", error);
      throw error;
    }
    const loaded = index as Bm25Index;
    const counts = header as z.infer<typeof currentHeaderSchema>;
    if (loaded.documents.size !== counts.documentCount) throw corrupted("the document count does not match the header");
    if (terms.length !== counts.termCount || nextTerm !== counts.termCount) throw corrupted("the term count does not match the header");
    if (postingsWritten !== counts.postingCount) throw corrupted("the posting count does not match the header");
    if (lengthsWritten !== fieldLengths.length) throw corrupted("the field lengths do not cover every document");
    try {
      loaded.postings.restore({
        terms,
        offsets,
        slots: postingSlots,
        frequencies,
        fieldLengths,
        averageFieldLengths: counts.averageFieldLengths,
        ids,
      } satisfies PostingsSnapshot);
    } catch (error) {
      throw corrupted(`the postings cannot be read (${error instanceof Error ? error.message : String(error)})`, error);
    }
    return loaded;
  }

  private emptyPostings(): KeywordPostings {
    return new KeywordPostings({
      fieldCount: 1 + this.metadataFieldNames.length,
      boosts: [this.settings.textBoost, ...this.metadataFieldNames.map((name) => this.settings.metadataFields[name] as number)],
      parameters: this.settings.bm25,
      analyzer: this.analyzer,
    });
  }

  /** The indexed fields of a document, in order: the text, then each metadata field. */
  private analyzeDocument(document: DocumentInterface): AnalyzedField[] {
    const fields = [this.postings.analyzeField(document.pageContent)];
    for (const name of this.metadataFieldNames) {
      const value: unknown = document.metadata[name];
      const text = typeof value === "string" || typeof value === "number" ? String(value) : Array.isArray(value) ? value.join(" ") : "";
      fields.push(this.postings.analyzeField(text));
    }
    return fields;
  }
}

/** Thrown by `VarintReader` on a truncated or overlong number. */
class VarintError extends Error {}

/** Unsigned integers (below 2^32) as base-128 varints, into growing bytes. */
class VarintWriter {
  private bytes = new Uint8Array(1024);
  private length = 0;

  write(value: number): void {
    if (this.length + 5 > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    let rest = value;
    while (rest >= 0x80) {
      this.bytes[this.length] = (rest & 0x7f) | 0x80;
      this.length += 1;
      rest = Math.floor(rest / 128);
    }
    this.bytes[this.length] = rest;
    this.length += 1;
  }

  base64(): string {
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.length).toString("base64");
  }
}

class VarintReader {
  private position = 0;

  constructor(private readonly bytes: Uint8Array) {}

  done(): boolean {
    return this.position >= this.bytes.length;
  }

  read(): number {
    let value = 0;
    let scale = 1;
    for (let index = 0; index < 5; index += 1) {
      if (this.position >= this.bytes.length) throw new VarintError("truncated varint");
      const byte = this.bytes[this.position] as number;
      this.position += 1;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) {
        if (value > 0xffff_ffff) throw new VarintError("varint above 2^32");
        return value;
      }
      scale *= 128;
    }
    throw new VarintError("varint longer than 5 bytes");
  }
}

/** Duck-typed check (works across ESM/CJS copies of the library). */
export function isBm25Index(value: unknown): value is Bm25Index {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<Bm25Index>;
  return typeof candidate.search === "function" && typeof candidate.addDocuments === "function" && typeof candidate.save === "function";
}
