import type { TextAnalyzer } from "./text-analyzer.js";

/**
 * The inverted index behind `Bm25Index`: a term dictionary and, per (term, field), the documents
 * holding the term and how often, in typed arrays instead of one `Map` per posting (MiniSearch's
 * layout, about 47 bytes a posting, ran out of the default heap at 1M review-sized documents; this one
 * takes 8 bytes a compacted posting and 16 a recent one, outside the JavaScript heap).
 *
 * Layout. Every document gets a slot number, increasing with each addition (a re-added document gets a
 * new one). A posting list is keyed by `term id × field count + field`. Postings live in two places:
 * - the main part: compressed sparse rows (`offsets[key] .. offsets[key + 1]` in `slots` and
 *   `frequencies`), written by `compact()` and by loading;
 * - the recent part: postings added since, in addition order, each with its key and chained per key
 *   (head, tail, next) so a search can walk one key's recent postings.
 * Both are in increasing slot order, and every recent slot is above every main slot, so a key's
 * postings (main, then recent) are sorted by slot. Deleting a document clears its `live` flag and
 * lowers the statistics at once; its postings are skipped, then dropped by the next `compact()`,
 * which also renumbers the slots densely (same order).
 *
 * Scoring reproduces MiniSearch 7's BM25+ exactly, to the last bit (the library used it before):
 * - a field's length is the number of DISTINCT words of the field before stop words and stemming;
 * - the average field length is updated incrementally as MiniSearch does (same floating point);
 * - inverse document frequency is per field: `ln(1 + (N - df + 0.5) / (df + 0.5))` where `df` is the
 *   number of documents with the term in that field and `N` the number of documents;
 * - a term's score in a document is the sum over fields of `boost × idf × (d + tf (k1 + 1) / (tf +
 *   k1 (1 - b + b · length / average)))`; the query terms are combined with OR (a repeated query term
 *   counts again), the terms' scores summed in query order, and the sum multiplied by the number of
 *   distinct query terms the document matched;
 * - equal scores keep MiniSearch's order: the order in which documents were first met, walking the
 *   query terms in order, each term's fields in order, each field's postings by slot.
 */

/** BM25+ parameters (MiniSearch's names: k1 is its `k`). */
export interface Bm25Parameters {
  k1: number;
  b: number;
  d: number;
}

/** Words and distinct index terms of one field of one document. */
export interface AnalyzedField {
  /** Distinct words (before stop words and stemming): the field's BM25 length. */
  length: number;
  /** Distinct index terms (their ids), in order of first occurrence. */
  termIds: number[];
  /** Occurrences of each of `termIds` in the field. */
  frequencies: number[];
}

/** Candidates of one query: `slots[i]` scored `scores[i]`, in the order they were met. */
export interface ScoredCandidates {
  slots: Uint32Array;
  scores: Float64Array;
  count: number;
}

/**
 * The postings for saving, or read from a file: dense slots, main part only. Its arrays are not
 * written to after it is taken (later changes allocate new ones).
 */
export interface PostingsSnapshot {
  terms: string[];
  /** One per key (`termCount × fieldCount + 1` entries). */
  offsets: Uint32Array;
  slots: Uint32Array;
  frequencies: Uint32Array;
  /** Field lengths by slot: `fieldLengths[slot × fieldCount + field]`. */
  fieldLengths: Uint32Array;
  averageFieldLengths: number[];
  /** Document ids by slot (slots are dense: 0 .. documentCount - 1). */
  ids: string[];
}

/** End of a chain, or a slot that has no new number. */
const NO_ENTRY = -1;
/** Distinct words whose index term id is remembered (stemming is the costly part of indexing). */
const TERM_CACHE_LIMIT = 200_000;
/** Recent (or deleted) postings below which nothing is compacted. */
const COMPACT_MINIMUM = 65_536;

function grownUint32(array: Uint32Array, needed: number): Uint32Array {
  if (needed <= array.length) return array;
  const grown = new Uint32Array(Math.max(needed, Math.ceil(array.length * 1.5), 16));
  grown.set(array);
  return grown;
}

function grownInt32(array: Int32Array, needed: number, fill: number): Int32Array {
  if (needed <= array.length) return array;
  const grown = new Int32Array(Math.max(needed, Math.ceil(array.length * 1.5), 16));
  grown.set(array);
  grown.fill(fill, array.length);
  return grown;
}

function grownUint8(array: Uint8Array, needed: number): Uint8Array {
  if (needed <= array.length) return array;
  const grown = new Uint8Array(Math.max(needed, Math.ceil(array.length * 1.5), 16));
  grown.set(array);
  return grown;
}

/** Postings, statistics and BM25+ scoring of `Bm25Index` (the layout is described at the top of this file). */
export class KeywordPostings {
  readonly fieldCount: number;
  private readonly boosts: readonly number[];
  private readonly parameters: Bm25Parameters;
  private readonly analyzer: TextAnalyzer;
  /** Word → its index term's id (-1: dropped) and the last `analyzeField` call that met it. */
  private readonly wordCache = new Map<string, { termId: number; call: number }>();
  private analyzeCalls = 0;
  /** Occurrences by term id during one `analyzeField` call (zero outside it). */
  private termOccurrences: Uint32Array = new Uint32Array(0);

  private readonly termIds = new Map<string, number>();
  private terms: string[] = [];
  /** Live documents with the term in the field, per key. */
  private documentFrequency: Uint32Array = new Uint32Array(0);

  private readonly slotOfId = new Map<string, number>();
  private idOfSlot: Array<string | undefined> = [];
  private live: Uint8Array = new Uint8Array(0);
  private fieldLengths: Uint32Array = new Uint32Array(0);
  private slotCount = 0;
  private liveCount = 0;
  private readonly averageFieldLengths: number[];

  private mainOffsets: Uint32Array = new Uint32Array(1);
  private mainSlots: Uint32Array = new Uint32Array(0);
  private mainFrequencies: Uint32Array = new Uint32Array(0);
  /** Keys covered by `mainOffsets` (keys created later have no main postings). */
  private mainKeyCount = 0;

  private recentHead: Int32Array = new Int32Array(0);
  private recentTail: Int32Array = new Int32Array(0);
  private recentSlots: Uint32Array = new Uint32Array(0);
  private recentFrequencies: Uint32Array = new Uint32Array(0);
  private recentNext: Int32Array = new Int32Array(0);
  private recentKeys: Uint32Array = new Uint32Array(0);
  private recentCount = 0;
  /** Postings of deleted documents still in the arrays. */
  private deadPostings = 0;

  // Scratch space of `score`, by slot, reused across queries (stamps avoid clearing it).
  private queryStamp: Uint32Array = new Uint32Array(0);
  private termStamp: Uint32Array = new Uint32Array(0);
  private total: Float64Array = new Float64Array(0);
  private termTotal: Float64Array = new Float64Array(0);
  private matchedTerms: Uint32Array = new Uint32Array(0);
  private candidates: Uint32Array = new Uint32Array(0);
  private termCandidates: Uint32Array = new Uint32Array(0);
  private stamp = 0;

  constructor(options: { fieldCount: number; boosts: readonly number[]; parameters: Bm25Parameters; analyzer: TextAnalyzer }) {
    this.fieldCount = options.fieldCount;
    this.boosts = options.boosts;
    this.parameters = options.parameters;
    this.analyzer = options.analyzer;
    this.averageFieldLengths = Array.from({ length: this.fieldCount }, () => 0);
  }

  /** Number of live documents. */
  get size(): number {
    return this.liveCount;
  }

  has(id: string): boolean {
    return this.slotOfId.has(id);
  }

  /**
   * The field's length and term counts, as the index sees them. Gives new terms their ids (a term
   * without postings costs only its dictionary entry).
   */
  analyzeField(text: string): AnalyzedField {
    const words = this.analyzer.tokenize(text);
    // Cleared between calls only: within one, an entry's `call` counts the distinct words.
    if (this.wordCache.size >= TERM_CACHE_LIMIT) this.wordCache.clear();
    this.analyzeCalls += 1;
    const call = this.analyzeCalls;
    let length = 0;
    const termIds: number[] = [];
    for (const word of words) {
      let entry = this.wordCache.get(word);
      if (entry === undefined) {
        const term = this.analyzer.processTerm(word);
        entry = { termId: term ? this.termIdOf(term) : NO_ENTRY, call: 0 };
        this.wordCache.set(word, entry);
      }
      if (entry.call !== call) {
        entry.call = call;
        length += 1;
      }
      const termId = entry.termId;
      if (termId === NO_ENTRY) continue;
      if (this.termOccurrences[termId] === 0) termIds.push(termId);
      this.termOccurrences[termId] = (this.termOccurrences[termId] as number) + 1;
    }
    const frequencies = termIds.map((termId) => {
      const occurrences = this.termOccurrences[termId] as number;
      this.termOccurrences[termId] = 0;
      return occurrences;
    });
    return { length, termIds, frequencies };
  }

  /** Indexes a new document (its id must not be indexed: `remove` it first). */
  add(id: string, fields: readonly AnalyzedField[]): void {
    const slot = this.slotCount;
    this.slotCount += 1;
    this.live = grownUint8(this.live, this.slotCount);
    this.live[slot] = 1;
    this.fieldLengths = grownUint32(this.fieldLengths, this.slotCount * this.fieldCount);
    this.idOfSlot[slot] = id;
    this.slotOfId.set(id, slot);
    const before = this.liveCount;
    this.liveCount += 1;
    for (let field = 0; field < this.fieldCount; field += 1) {
      const { length, termIds, frequencies } = fields[field] as AnalyzedField;
      this.fieldLengths[slot * this.fieldCount + field] = length;
      // MiniSearch's addFieldLength, same arithmetic.
      const average = this.averageFieldLengths[field] || 0;
      const totalLength = average * before + length;
      this.averageFieldLengths[field] = totalLength / (before + 1);
      for (let position = 0; position < termIds.length; position += 1)
        this.appendRecent(this.keyOf(termIds[position] as number, field), slot, frequencies[position] as number);
    }
  }

  /** Removes a document; `fields` must be what `add` got for it (its stored text analyzed again). */
  remove(id: string, fields: readonly AnalyzedField[]): void {
    const slot = this.slotOfId.get(id);
    if (slot === undefined) return;
    const count = this.liveCount;
    for (let field = 0; field < this.fieldCount; field += 1) {
      const length = this.fieldLengths[slot * this.fieldCount + field] as number;
      // MiniSearch's removeFieldLength, same arithmetic.
      if (count === 1) this.averageFieldLengths[field] = 0;
      else this.averageFieldLengths[field] = ((this.averageFieldLengths[field] as number) * count - length) / (count - 1);
      for (const termId of (fields[field] as AnalyzedField).termIds) {
        const key = this.keyOf(termId, field);
        if ((this.documentFrequency[key] as number) > 0) this.documentFrequency[key] = (this.documentFrequency[key] as number) - 1;
        this.deadPostings += 1;
      }
    }
    this.live[slot] = 0;
    this.idOfSlot[slot] = undefined;
    this.slotOfId.delete(id);
    this.liveCount -= 1;
  }

  /**
   * BM25+ scores of the live documents matching any of `queryTerms` (index terms, repeats kept), in
   * the order MiniSearch met them. The arrays are reused by the next call.
   */
  score(queryTerms: readonly string[]): ScoredCandidates {
    this.compactIfWorthIt();
    this.ensureScratch();
    this.stamp += 1;
    if (this.stamp >= 0xffff_fff0) this.resetStamps();
    const queryStamp = this.stamp;
    const { k1, b, d } = this.parameters;
    const documentCount = this.liveCount;
    let candidateCount = 0;
    const seen = new Set<string>();
    for (const term of queryTerms) {
      const firstOccurrence = !seen.has(term);
      seen.add(term);
      const termId = this.termIds.get(term);
      if (termId === undefined) continue;
      this.stamp += 1;
      const termStamp = this.stamp;
      let termCandidateCount = 0;
      for (let field = 0; field < this.fieldCount; field += 1) {
        const key = this.keyOf(termId, field);
        const matching = this.documentFrequency[key] as number;
        if (matching === 0) continue;
        const boost = this.boosts[field] as number;
        const average = this.averageFieldLengths[field] as number;
        // MiniSearch's calcBM25Score, same arithmetic.
        const inverseDocumentFrequency = Math.log(1 + (documentCount - matching + 0.5) / (matching + 0.5));
        const visit = (slot: number, frequency: number): void => {
          if (this.live[slot] === 0) return;
          const length = this.fieldLengths[slot * this.fieldCount + field] as number;
          const raw = inverseDocumentFrequency * (d + (frequency * (k1 + 1)) / (frequency + k1 * (1 - b + (b * length) / average)));
          const weighted = boost * raw;
          if (this.termStamp[slot] !== termStamp) {
            this.termStamp[slot] = termStamp;
            this.termTotal[slot] = weighted;
            this.termCandidates[termCandidateCount] = slot;
            termCandidateCount += 1;
          } else this.termTotal[slot] = (this.termTotal[slot] as number) + weighted;
        };
        if (key < this.mainKeyCount) {
          const end = this.mainOffsets[key + 1] as number;
          for (let position = this.mainOffsets[key] as number; position < end; position += 1)
            visit(this.mainSlots[position] as number, this.mainFrequencies[position] as number);
        }
        for (let entry = key < this.recentHead.length ? (this.recentHead[key] as number) : NO_ENTRY; entry !== NO_ENTRY;) {
          visit(this.recentSlots[entry] as number, this.recentFrequencies[entry] as number);
          entry = this.recentNext[entry] as number;
        }
      }
      for (let position = 0; position < termCandidateCount; position += 1) {
        const slot = this.termCandidates[position] as number;
        if (this.queryStamp[slot] !== queryStamp) {
          this.queryStamp[slot] = queryStamp;
          this.total[slot] = this.termTotal[slot] as number;
          this.matchedTerms[slot] = 0;
          this.candidates[candidateCount] = slot;
          candidateCount += 1;
        } else this.total[slot] = (this.total[slot] as number) + (this.termTotal[slot] as number);
        if (firstOccurrence) this.matchedTerms[slot] = (this.matchedTerms[slot] as number) + 1;
      }
    }
    const scores = new Float64Array(candidateCount);
    for (let position = 0; position < candidateCount; position += 1) {
      const slot = this.candidates[position] as number;
      scores[position] = (this.total[slot] as number) * (this.matchedTerms[slot] as number);
    }
    return { slots: this.candidates.slice(0, candidateCount), scores, count: candidateCount };
  }

  /**
   * Compacts when the recent or deleted postings are many (as many as the main part holds), so the
   * main part at least doubles each time and a posting is moved about twice in all.
   * `Bm25Index` calls it after each change, so the cost falls in the build, not in the first search.
   */
  compactIfWorthIt(): void {
    const main = this.mainSlots.length;
    if (this.recentCount > COMPACT_MINIMUM && this.recentCount > main) this.compact();
    else if (this.deadPostings > COMPACT_MINIMUM && this.deadPostings * 2 > main + this.recentCount) this.compact();
  }

  /** The document id in a slot returned by `score`. */
  idAt(slot: number): string {
    return this.idOfSlot[slot] as string;
  }

  /** Whether the live document in `slot` holds the index term in any field. */
  contains(slot: number, term: string): boolean {
    const termId = this.termIds.get(term);
    if (termId === undefined) return false;
    for (let field = 0; field < this.fieldCount; field += 1) {
      const key = this.keyOf(termId, field);
      if (key < this.mainKeyCount) {
        let low = this.mainOffsets[key] as number;
        let high = (this.mainOffsets[key + 1] as number) - 1;
        while (low <= high) {
          const middle = (low + high) >>> 1;
          const found = this.mainSlots[middle] as number;
          if (found === slot) return true;
          if (found < slot) low = middle + 1;
          else high = middle - 1;
        }
      }
      for (let entry = key < this.recentHead.length ? (this.recentHead[key] as number) : NO_ENTRY; entry !== NO_ENTRY;) {
        if (this.recentSlots[entry] === slot) return true;
        entry = this.recentNext[entry] as number;
      }
    }
    return false;
  }

  /**
   * Moves every live posting into the main part and renumbers the slots densely (same order, so the
   * order of equal scores is kept). New arrays are allocated: a snapshot taken before stays valid.
   */
  compact(): void {
    const fieldCount = this.fieldCount;
    // Nothing deleted: slots keep their numbers and the main part is copied range by range.
    const allLive = this.liveCount === this.slotCount;
    const newSlot = new Int32Array(allLive ? 0 : this.slotCount).fill(NO_ENTRY);
    let dense = 0;
    for (let slot = 0; slot < this.slotCount && !allLive; slot += 1) {
      if (this.live[slot] === 1) {
        newSlot[slot] = dense;
        dense += 1;
      }
    }
    const renumbered = (slot: number): number => (allLive ? slot : (newSlot[slot] as number));
    // A counting sort by key: main postings first (they are older), then the recent ones in the
    // order added (by slot). Every pass reads the arrays in order.
    const keyCount = this.terms.length * fieldCount;
    const cursor = new Uint32Array(keyCount + 1);
    const mainLive = (position: number): boolean => this.live[this.mainSlots[position] as number] === 1;
    for (let key = 0; key < this.mainKeyCount; key += 1) {
      const start = this.mainOffsets[key] as number;
      const end = this.mainOffsets[key + 1] as number;
      let count = allLive ? end - start : 0;
      if (!allLive) for (let position = start; position < end; position += 1) if (mainLive(position)) count += 1;
      cursor[key + 1] = count;
    }
    for (let entry = 0; entry < this.recentCount; entry += 1) {
      if (this.live[this.recentSlots[entry] as number] === 1) {
        const key = this.recentKeys[entry] as number;
        cursor[key + 1] = (cursor[key + 1] as number) + 1;
      }
    }
    for (let key = 0; key < keyCount; key += 1) cursor[key + 1] = (cursor[key + 1] as number) + (cursor[key] as number);
    const offsets = cursor.slice();
    const total = offsets[keyCount] as number;
    const slots = new Uint32Array(total);
    const frequencies = new Uint32Array(total);
    for (let key = 0; key < this.mainKeyCount; key += 1) {
      const start = this.mainOffsets[key] as number;
      const end = this.mainOffsets[key + 1] as number;
      let write = cursor[key] as number;
      if (allLive) {
        slots.set(this.mainSlots.subarray(start, end), write);
        frequencies.set(this.mainFrequencies.subarray(start, end), write);
        cursor[key] = write + end - start;
        continue;
      }
      for (let position = start; position < end; position += 1) {
        if (!mainLive(position)) continue;
        slots[write] = renumbered(this.mainSlots[position] as number);
        frequencies[write] = this.mainFrequencies[position] as number;
        write += 1;
      }
      cursor[key] = write;
    }
    for (let entry = 0; entry < this.recentCount; entry += 1) {
      const slot = this.recentSlots[entry] as number;
      if (this.live[slot] !== 1) continue;
      const key = this.recentKeys[entry] as number;
      const write = cursor[key] as number;
      slots[write] = renumbered(slot);
      frequencies[write] = this.recentFrequencies[entry] as number;
      cursor[key] = write + 1;
    }
    this.mainOffsets = offsets;
    this.mainSlots = slots;
    this.mainFrequencies = frequencies;
    this.mainKeyCount = keyCount;
    if (!allLive) {
      const fieldLengths = new Uint32Array(dense * fieldCount);
      const idOfSlot: string[] = new Array<string>(dense);
      for (let slot = 0; slot < this.slotCount; slot += 1) {
        const target = newSlot[slot] as number;
        if (target === NO_ENTRY) continue;
        fieldLengths.set(this.fieldLengths.subarray(slot * fieldCount, (slot + 1) * fieldCount), target * fieldCount);
        idOfSlot[target] = this.idOfSlot[slot] as string;
      }
      for (const [id, slot] of this.slotOfId) this.slotOfId.set(id, newSlot[slot] as number);
      this.fieldLengths = fieldLengths;
      this.idOfSlot = idOfSlot;
      this.live = new Uint8Array(dense).fill(1);
      this.slotCount = dense;
      this.queryStamp = new Uint32Array(0);
      this.termStamp = new Uint32Array(0);
      this.stamp = 0;
    }
    this.recentHead = new Int32Array(0);
    this.recentTail = new Int32Array(0);
    this.recentSlots = new Uint32Array(0);
    this.recentFrequencies = new Uint32Array(0);
    this.recentNext = new Int32Array(0);
    this.recentKeys = new Uint32Array(0);
    this.recentCount = 0;
    this.deadPostings = 0;
  }

  /** Compacts, then returns the arrays as they are (later changes allocate new ones). */
  snapshot(): PostingsSnapshot {
    if (this.recentCount > 0 || this.deadPostings > 0 || this.slotCount !== this.liveCount) this.compact();
    return {
      terms: this.terms.slice(),
      offsets: this.mainOffsets.slice(0, this.mainKeyCount + 1),
      slots: this.mainSlots,
      frequencies: this.mainFrequencies,
      fieldLengths: this.fieldLengths.slice(0, this.slotCount * this.fieldCount),
      averageFieldLengths: [...this.averageFieldLengths],
      ids: this.idOfSlot.slice(0, this.slotCount) as string[],
    };
  }

  /** Dense slot of a live document, as in the latest snapshot (undefined when not indexed). */
  slotOf(id: string): number | undefined {
    return this.slotOfId.get(id);
  }

  /**
   * Replaces the (empty) index by saved postings. `snapshot.offsets` must be non-decreasing, slots
   * increasing within a key and below `ids.length`; checked here, a breach throws an Error naming it.
   */
  restore(snapshot: PostingsSnapshot): void {
    const { terms, offsets, slots, frequencies, fieldLengths, averageFieldLengths, ids } = snapshot;
    const fieldCount = this.fieldCount;
    const keyCount = terms.length * fieldCount;
    if (this.slotCount !== 0 || this.terms.length !== 0) throw new Error("restore needs an empty index");
    if (offsets.length !== keyCount + 1 || offsets[keyCount] !== slots.length || slots.length !== frequencies.length)
      throw new Error("the postings' offsets do not match their count");
    if (fieldLengths.length !== ids.length * fieldCount) throw new Error("the field lengths do not match the document count");
    if (averageFieldLengths.length !== fieldCount || !averageFieldLengths.every((value) => Number.isFinite(value) && value >= 0))
      throw new Error("the average field lengths are not valid");
    terms.forEach((term, termId) => {
      if (this.termIds.has(term)) throw new Error(`the term "${term}" appears twice`);
      this.termIds.set(term, termId);
    });
    const documentFrequency = new Uint32Array(keyCount);
    for (let key = 0; key < keyCount; key += 1) {
      const start = offsets[key] as number;
      const end = offsets[key + 1] as number;
      if (end < start) throw new Error("the postings' offsets decrease");
      for (let position = start; position < end; position += 1) {
        const slot = slots[position] as number;
        if (slot >= ids.length || (position > start && slot <= (slots[position - 1] as number)) || frequencies[position] === 0)
          throw new Error(`the postings of "${terms[Math.floor(key / fieldCount)]}" are out of order or out of range`);
      }
      documentFrequency[key] = end - start;
    }
    ids.forEach((id, slot) => {
      if (this.slotOfId.has(id)) throw new Error(`the document id "${id}" appears twice`);
      this.slotOfId.set(id, slot);
    });
    this.terms = terms.slice();
    this.termOccurrences = new Uint32Array(terms.length);
    this.documentFrequency = documentFrequency;
    this.mainOffsets = offsets;
    this.mainSlots = slots;
    this.mainFrequencies = frequencies;
    this.mainKeyCount = keyCount;
    this.fieldLengths = fieldLengths;
    this.idOfSlot = ids.slice();
    this.live = new Uint8Array(ids.length).fill(1);
    this.slotCount = ids.length;
    this.liveCount = ids.length;
    averageFieldLengths.forEach((value, field) => (this.averageFieldLengths[field] = value));
  }

  private keyOf(termId: number, field: number): number {
    return termId * this.fieldCount + field;
  }

  private termIdOf(term: string): number {
    let termId = this.termIds.get(term);
    if (termId === undefined) {
      termId = this.terms.length;
      this.terms.push(term);
      this.termIds.set(term, termId);
      this.documentFrequency = grownUint32(this.documentFrequency, this.terms.length * this.fieldCount);
      this.termOccurrences = grownUint32(this.termOccurrences, this.terms.length);
    }
    return termId;
  }

  private appendRecent(key: number, slot: number, frequency: number): void {
    this.documentFrequency[key] = (this.documentFrequency[key] as number) + 1;
    this.recentHead = grownInt32(this.recentHead, key + 1, NO_ENTRY);
    this.recentTail = grownInt32(this.recentTail, key + 1, NO_ENTRY);
    const entry = this.recentCount;
    this.recentCount += 1;
    this.recentSlots = grownUint32(this.recentSlots, this.recentCount);
    this.recentFrequencies = grownUint32(this.recentFrequencies, this.recentCount);
    this.recentNext = grownInt32(this.recentNext, this.recentCount, NO_ENTRY);
    this.recentKeys = grownUint32(this.recentKeys, this.recentCount);
    this.recentKeys[entry] = key;
    this.recentSlots[entry] = slot;
    this.recentFrequencies[entry] = frequency;
    this.recentNext[entry] = NO_ENTRY;
    const tail = this.recentTail[key] as number;
    if (tail === NO_ENTRY) this.recentHead[key] = entry;
    else this.recentNext[tail] = entry;
    this.recentTail[key] = entry;
  }

  private ensureScratch(): void {
    const needed = this.slotCount;
    if (this.total.length >= needed && this.queryStamp.length >= needed) return;
    const capacity = Math.max(needed, Math.ceil(this.total.length * 1.5), 16);
    const queryStamp = new Uint32Array(capacity);
    queryStamp.set(this.queryStamp);
    const termStamp = new Uint32Array(capacity);
    termStamp.set(this.termStamp);
    this.queryStamp = queryStamp;
    this.termStamp = termStamp;
    this.total = new Float64Array(capacity);
    this.termTotal = new Float64Array(capacity);
    this.matchedTerms = new Uint32Array(capacity);
    this.candidates = new Uint32Array(capacity);
    this.termCandidates = new Uint32Array(capacity);
  }

  private resetStamps(): void {
    this.queryStamp.fill(0);
    this.termStamp.fill(0);
    this.stamp = 1;
  }
}
