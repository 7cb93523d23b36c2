import type MiniSearch from "minisearch";

/**
 * Streaming (de)serialization of a MiniSearch index, part by part, in exactly the layout of
 * `MiniSearch#toJSON()` (serialization version 2) split into records, WITHOUT materializing the
 * whole plain-object copy `toJSON` builds (which doubles the index's memory while saving) and
 * without collecting every term before `loadJS` (which doubles it while loading).
 *
 * MiniSearch 7 keeps its postings in private fields (`_index`: term → field id → short id →
 * frequency, `_documentIds`, `_fieldLength`, `_storedFields`, ...). These functions use them only
 * after checking their shape, and fall back to the public `toJSON` / `loadJS` otherwise, so another
 * MiniSearch version costs memory, never correctness.
 */

/** The private fields used, as MiniSearch 7.x defines them. */
interface MiniSearchInternals {
  _index: {
    set(term: string, data: Map<number, Map<number, number>>): unknown;
    [Symbol.iterator](): Iterator<[string, Map<number, Map<number, number>>]>;
  };
  _documentIds: Map<number, unknown>;
  _fieldLength: Map<number, unknown>;
  _storedFields: Map<number, unknown>;
  _documentCount: number;
  _nextId: number;
  _fieldIds: Record<string, number>;
  _avgFieldLength: number[];
  _dirtCount: number;
}

/** One part of a serialized index. */
export type IndexPart =
  | ["index", Record<string, unknown>]
  | ["documentIds" | "fieldLength" | "storedFields", Array<[string, unknown]>]
  | ["terms", Array<[string, Record<string, Record<string, number>>]>];

function internalsOf(miniSearch: MiniSearch<never> | MiniSearch<unknown>): MiniSearchInternals | null {
  const candidate = miniSearch as unknown as Partial<MiniSearchInternals>;
  const maps = [candidate._documentIds, candidate._fieldLength, candidate._storedFields];
  if (!maps.every((map) => map instanceof Map)) return null;
  if (typeof candidate._index?.set !== "function" || typeof candidate._index[Symbol.iterator] !== "function") return null;
  if (
    typeof candidate._documentCount !== "number" ||
    typeof candidate._nextId !== "number" ||
    typeof candidate._fieldIds !== "object" ||
    !Array.isArray(candidate._avgFieldLength)
  )
    return null;
  return candidate as MiniSearchInternals;
}

/** The parts of an index, `entriesPerPart` table entries or `termsPerPart` terms at a time. */
export function* serializeIndex(
  miniSearch: MiniSearch<never> | MiniSearch<unknown>,
  entriesPerPart: number,
  termsPerPart: number,
): Generator<IndexPart> {
  const internals = internalsOf(miniSearch);
  if (internals === null) {
    yield* serializePlain(miniSearch.toJSON() as unknown as Record<string, unknown>, entriesPerPart, termsPerPart);
    return;
  }
  yield [
    "index",
    {
      documentCount: internals._documentCount,
      nextId: internals._nextId,
      fieldIds: internals._fieldIds,
      averageFieldLength: internals._avgFieldLength,
      dirtCount: internals._dirtCount,
      serializationVersion: 2,
    },
  ];
  for (const kind of ["documentIds", "fieldLength", "storedFields"] as const) {
    const map = kind === "documentIds" ? internals._documentIds : kind === "fieldLength" ? internals._fieldLength : internals._storedFields;
    let part: Array<[string, unknown]> = [];
    for (const [shortId, value] of map) {
      part.push([String(shortId), value]);
      if (part.length === entriesPerPart) {
        yield [kind, part];
        part = [];
      }
    }
    if (part.length > 0) yield [kind, part];
  }
  let terms: Array<[string, Record<string, Record<string, number>>]> = [];
  for (const [term, fields] of internals._index) {
    const data: Record<string, Record<string, number>> = {};
    for (const [fieldId, frequencies] of fields) data[fieldId] = Object.fromEntries(frequencies);
    terms.push([term, data]);
    if (terms.length === termsPerPart) {
      yield ["terms", terms];
      terms = [];
    }
  }
  if (terms.length > 0) yield ["terms", terms];
}

function* serializePlain(plain: Record<string, unknown>, entriesPerPart: number, termsPerPart: number): Generator<IndexPart> {
  const { documentIds, fieldLength, storedFields, index, ...meta } = plain as Record<string, unknown> & {
    index: Array<[string, Record<string, Record<string, number>>]>;
  };
  yield ["index", meta];
  for (const [kind, table] of [
    ["documentIds", documentIds],
    ["fieldLength", fieldLength],
    ["storedFields", storedFields],
  ] as const) {
    let part: Array<[string, unknown]> = [];
    for (const key of Object.keys(table as object)) {
      part.push([key, (table as Record<string, unknown>)[key]]);
      if (part.length === entriesPerPart) {
        yield [kind, part];
        part = [];
      }
    }
    if (part.length > 0) yield [kind, part];
  }
  for (let start = 0; start < index.length; start += termsPerPart) yield ["terms", index.slice(start, start + termsPerPart)];
}

/**
 * Rebuilds an index from its parts as they are read. Parts come in `serializeIndex` order (meta and
 * tables, then terms); terms go straight into the index when its internals are usable.
 */
export class IndexAssembler<Document> {
  private readonly plain: Record<string, unknown> & {
    documentIds: Record<string, unknown>;
    fieldLength: Record<string, unknown>;
    storedFields: Record<string, unknown>;
    index: unknown[];
  } = {
    documentIds: {},
    fieldLength: {},
    storedFields: {},
    index: [],
  };
  private built: MiniSearch<Document> | undefined;
  private internals: MiniSearchInternals | null = null;
  private termsStarted = false;

  constructor(private readonly load: (plain: Parameters<typeof MiniSearch.loadJS>[0]) => MiniSearch<Document>) {}

  add(part: IndexPart): void {
    const [kind, payload] = part;
    if (kind === "terms") {
      this.startTerms();
      if (this.internals === null) {
        for (const entry of payload) this.plain.index.push(entry);
        return;
      }
      for (const [term, data] of payload) {
        const fields = new Map<number, Map<number, number>>();
        for (const fieldId of Object.keys(data)) {
          const frequencies = new Map<number, number>();
          const entries = data[fieldId] as Record<string, number>;
          for (const shortId of Object.keys(entries)) frequencies.set(Number.parseInt(shortId, 10), entries[shortId] as number);
          fields.set(Number.parseInt(fieldId, 10), frequencies);
        }
        this.internals._index.set(term, fields);
      }
      return;
    }
    if (this.termsStarted) throw new Error(`the "${kind}" part comes after the terms`);
    if (kind === "index") Object.assign(this.plain, payload);
    else
      for (const [key, value] of payload)
        Object.defineProperty(this.plain[kind], key, { value, enumerable: true, writable: true, configurable: true });
  }

  /** The assembled index. */
  finish(): MiniSearch<Document> {
    if (this.built === undefined || this.internals === null)
      return this.load(this.plain as unknown as Parameters<typeof MiniSearch.loadJS>[0]);
    return this.built;
  }

  private startTerms(): void {
    if (this.termsStarted) return;
    this.termsStarted = true;
    // Everything but the terms is known: build the index with no terms, then add them as they come.
    this.built = this.load(this.plain as unknown as Parameters<typeof MiniSearch.loadJS>[0]);
    this.internals = internalsOf(this.built as unknown as MiniSearch<unknown>);
    if (this.internals === null) this.built = undefined;
  }
}
