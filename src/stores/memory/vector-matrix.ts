/**
 * Row storage and scoring kernels of the in-memory store.
 *
 * Vectors are kept unit length in ONE contiguous Float32Array, row after row. Every row is padded with
 * zeros to a multiple of 16 floats (64 bytes), so kernels need no remainder loop and padding never
 * changes a dot product. Two kernels share that layout:
 *
 * - `wasm-simd`: the rows live in WebAssembly linear memory (grown with `memory.grow`, no copy) and a
 *   128-bit SIMD loop computes the dot products (src/stores/memory/wasm/dot-product.wat);
 * - `javascript`: a plain Float32Array and an unrolled loop with four accumulators, used where
 *   WebAssembly SIMD is unavailable or memory would exceed WebAssembly's 4 GiB.
 *
 * Each matrix also has a "packed" area: copies of chosen rows (those matching a cached filter) placed
 * next to each other, so a filtered query scans them sequentially instead of gathering scattered rows
 * (on the machines measured, gathering 25% of the rows costs about as much as scanning all of them).
 * The area is a bump allocator, emptied by `resetPacked` on every change of the store; its memory is
 * kept and reused, so re-packing after a write does not fault in fresh pages.
 */

export const KERNEL_NAMES = ["wasm-simd", "javascript"] as const;
/** Which scoring kernel a matrix uses. */
export type KernelName = (typeof KERNEL_NAMES)[number];
/** What a store may ask for: a kernel, or `auto` (WebAssembly SIMD when available, else JavaScript). */
export type KernelChoice = KernelName | "auto";

/** Rows are padded to a multiple of this many floats (64 bytes: four 128-bit lanes). */
export const ROW_ALIGNMENT_FLOATS = 16;
/** Capacity grows by this factor when full, so appends cost amortized O(1). */
export const GROWTH_FACTOR = 1.5;
/** Smallest capacity (rows) a matrix is created with. */
export const MINIMUM_CAPACITY = 16;

/** Floats per stored row for vectors of `dimension`: `dimension` rounded up to the alignment. */
export function strideFor(dimension: number): number {
  return Math.max(ROW_ALIGNMENT_FLOATS, Math.ceil(dimension / ROW_ALIGNMENT_FLOATS) * ROW_ALIGNMENT_FLOATS);
}

/** The capacity to grow to so that `required` rows fit. */
export function grownCapacity(current: number, required: number): number {
  if (required <= current) return current;
  return Math.max(required, Math.ceil(current * GROWTH_FACTOR), MINIMUM_CAPACITY);
}

/** Rows copied into the packed area by `packRows`. Valid until the next `resetPacked` or growth. */
export interface PackedRows {
  /** The packed area's generation when packed; a stale handle is refused by `scorePacked`. */
  readonly generation: number;
  /** Position of the first copied row in the packed area. */
  readonly start: number;
  /** Number of copied rows. */
  readonly rowCount: number;
}

/** A growable matrix of padded rows plus a query slot, with a dot-product kernel. */
export interface VectorMatrix {
  readonly kernel: KernelName;
  /** Floats per row (the dimension padded to `ROW_ALIGNMENT_FLOATS`). */
  readonly stride: number;
  /** Rows that fit without growing. */
  readonly capacity: number;
  /**
   * Row storage, `capacity * stride` floats; row `r` starts at `r * stride`. The view is replaced when
   * the matrix grows: fetch it again after `reserve`.
   */
  readonly data: Float32Array;
  /** The query slot (`stride` floats, padding kept at zero). Fetch it again after `reserve`. */
  readonly query: Float32Array;
  /**
   * Makes room for at least `rowCount` rows (geometric growth), keeping the contents. Throws a
   * `RangeError` when the memory cannot grow.
   */
  reserve(rowCount: number): void;
  /** Dot products of rows `0 .. rowCount-1` with the query slot. The result is reused by the next call. */
  scoreAll(rowCount: number): Float32Array;
  /** Dot products of the listed rows with the query slot, in list order. The result is reused by the next call. */
  scoreRows(rows: Uint32Array): Float32Array;
  /**
   * Copies the listed rows next to each other in the packed area. Returns null when the area would
   * hold more than `maximumPackedRows` rows in all, or cannot grow.
   */
  packRows(rows: Uint32Array, maximumPackedRows: number): PackedRows | null;
  /** Dot products of packed rows with the query slot, in packing order; null when `packed` is stale. */
  scorePacked(packed: PackedRows): Float32Array | null;
  /** Empties the packed area (its memory is kept for reuse) and invalidates every `PackedRows`. */
  resetPacked(): void;
  /** Rows currently in the packed area. */
  readonly packedRowCount: number;
  /** Bytes held (row storage, packed area and scratch space). */
  readonly byteLength: number;
}
