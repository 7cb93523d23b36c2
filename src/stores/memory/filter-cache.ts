import type { PackedRows } from "./vector-matrix.js";

/** What a cached filter resolved to. */
export interface FilterCacheEntry {
  /** Matching row numbers, ascending. */
  rows: Uint32Array;
  /**
   * The matching rows' vectors copied next to each other in the matrix's packed area (packed row i is
   * `rows[i]`), so a filtered query is one sequential scan over the matching vectors only; null until
   * built, or when over the memory budget.
   */
  packed: PackedRows | null;
  /** Queries that used this entry (packing happens on the second, so one-off filters never pay for it). */
  uses: number;
}

/**
 * Least-recently-used cache of filter results, keyed by the canonical JSON of the filter. The store
 * clears it on every change of its contents (add, upsert, delete), so an entry only ever serves the
 * exact contents it was computed on.
 */
export class FilterCache {
  private readonly entries = new Map<string, FilterCacheEntry>();

  constructor(private readonly maximumEntries: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): FilterCacheEntry | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: FilterCacheEntry): void {
    if (this.maximumEntries === 0) return;
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.maximumEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
