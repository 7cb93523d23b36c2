import { DOT_PRODUCT_WASM_BASE64 } from "./wasm/dot-product-wasm.generated.js";
import { grownCapacity, type PackedRows, type VectorMatrix } from "./vector-matrix.js";

/** WebAssembly page size in bytes. */
const PAGE_BYTES = 65_536;
/** Pages a 32-bit WebAssembly memory can have at most (4 GiB). */
const MAXIMUM_PAGES = 65_536;

/** The exports of dot-product.wat. */
interface DotProductExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  scoreAll(vectors: number, rowCount: number, strideBytes: number, query: number, scores: number): void;
  scoreRows(vectors: number, rows: number, rowCount: number, strideBytes: number, query: number, scores: number): void;
  packRows(vectors: number, rows: number, rowCount: number, strideBytes: number, target: number): void;
}

/** The part of the WebAssembly JavaScript API used here (not in the ES lib TypeScript is set up with). */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

let compiledModule: object | null | undefined;

/**
 * The compiled scoring module, or null when this runtime lacks WebAssembly or its SIMD extension.
 * Compiled once per process (synchronously: the module is a few hundred bytes).
 */
export function wasmSimdModule(): object | null {
  if (compiledModule !== undefined) return compiledModule;
  const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  try {
    compiledModule = api ? new api.Module(decodeBase64(DOT_PRODUCT_WASM_BASE64)) : null;
  } catch {
    compiledModule = null;
  }
  return compiledModule;
}

/** True when the WebAssembly SIMD kernel can run here. */
export function isWasmSimdAvailable(): boolean {
  return wasmSimdModule() !== null;
}

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/**
 * Rows in WebAssembly linear memory, scored by a SIMD (f32x4) loop. Memory layout, all 16-byte aligned:
 * `[rows: capacity * stride floats][query: stride floats][scores: capacity floats][row list: capacity u32][packed rows ...]`.
 * Rows start at offset 0, so growing the memory never moves them; the areas behind them are simply
 * re-placed (the packed area is emptied when that happens).
 */
export class WasmVectorMatrix implements VectorMatrix {
  readonly kernel = "wasm-simd" as const;
  readonly stride: number;
  private readonly strideBytes: number;
  private readonly exports: DotProductExports;
  private rowCapacity: number;
  private buffer: ArrayBuffer;
  private dataView: Float32Array;
  private queryView: Float32Array;
  private packedRows = 0;
  private generation = 0;

  constructor(stride: number, capacity: number) {
    const module = wasmSimdModule();
    const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
    if (module === null || !api) throw new RangeError("WebAssembly SIMD is not available in this runtime");
    this.exports = new api.Instance(module, {}).exports as DotProductExports;
    this.stride = stride;
    this.strideBytes = stride * 4;
    this.rowCapacity = 0;
    this.buffer = this.exports.memory.buffer;
    this.dataView = new Float32Array(0);
    this.queryView = new Float32Array(0);
    this.resize(capacity);
  }

  get capacity(): number {
    return this.rowCapacity;
  }

  get data(): Float32Array {
    this.refreshViews();
    return this.dataView;
  }

  get query(): Float32Array {
    this.refreshViews();
    return this.queryView;
  }

  get byteLength(): number {
    return this.exports.memory.buffer.byteLength;
  }

  get packedRowCount(): number {
    return this.packedRows;
  }

  reserve(rowCount: number): void {
    const capacity = grownCapacity(this.rowCapacity, rowCount);
    if (capacity !== this.rowCapacity) this.resize(capacity);
  }

  scoreAll(rowCount: number): Float32Array {
    const scoresOffset = this.scoresOffset();
    this.exports.scoreAll(0, rowCount, this.strideBytes, this.queryOffset(), scoresOffset);
    this.refreshViews();
    return new Float32Array(this.buffer, scoresOffset, rowCount);
  }

  scoreRows(rows: Uint32Array): Float32Array {
    const rowsOffset = this.copyRowList(rows);
    const scoresOffset = this.scoresOffset();
    this.exports.scoreRows(0, rowsOffset, rows.length, this.strideBytes, this.queryOffset(), scoresOffset);
    this.refreshViews();
    return new Float32Array(this.buffer, scoresOffset, rows.length);
  }

  packRows(rows: Uint32Array, maximumPackedRows: number): PackedRows | null {
    const start = this.packedRows;
    const end = start + rows.length;
    if (end > maximumPackedRows) return null;
    try {
      this.ensureBytes(this.packedOffset() + end * this.strideBytes);
    } catch (error) {
      if (error instanceof RangeError) return null;
      throw error;
    }
    const rowsOffset = this.copyRowList(rows);
    this.exports.packRows(0, rowsOffset, rows.length, this.strideBytes, this.packedOffset() + start * this.strideBytes);
    this.packedRows = end;
    return { generation: this.generation, start, rowCount: rows.length };
  }

  scorePacked(packed: PackedRows): Float32Array | null {
    if (packed.generation !== this.generation) return null;
    const scoresOffset = this.scoresOffset();
    this.exports.scoreAll(
      this.packedOffset() + packed.start * this.strideBytes,
      packed.rowCount,
      this.strideBytes,
      this.queryOffset(),
      scoresOffset,
    );
    this.refreshViews();
    return new Float32Array(this.buffer, scoresOffset, packed.rowCount);
  }

  resetPacked(): void {
    this.packedRows = 0;
    this.generation += 1;
  }

  private queryOffset(): number {
    return this.rowCapacity * this.strideBytes;
  }

  private scoresOffset(): number {
    return this.queryOffset() + this.strideBytes;
  }

  private rowListOffset(): number {
    return this.scoresOffset() + this.rowCapacity * 4;
  }

  /** Packed rows start here, 64-byte aligned. */
  private packedOffset(): number {
    return Math.ceil((this.rowListOffset() + this.rowCapacity * 4) / 64) * 64;
  }

  /** Copies a row list into the row-list area; returns its offset. */
  private copyRowList(rows: Uint32Array): number {
    if (rows.length > this.rowCapacity) throw new RangeError(`cannot list ${rows.length} rows in a matrix of ${this.rowCapacity}`);
    const offset = this.rowListOffset();
    this.refreshViews();
    new Uint32Array(this.buffer, offset, rows.length).set(rows);
    return offset;
  }

  /** Grows the memory so that it has at least `bytes` bytes. Throws RangeError past 4 GiB. */
  private ensureBytes(bytes: number): void {
    const requiredPages = Math.ceil(bytes / PAGE_BYTES);
    if (requiredPages > MAXIMUM_PAGES) throw new RangeError(`${bytes} bytes exceed the 4 GiB WebAssembly memory limit`);
    const currentPages = this.exports.memory.buffer.byteLength / PAGE_BYTES;
    if (requiredPages > currentPages) this.exports.memory.grow(requiredPages - currentPages);
  }

  private resize(capacity: number): void {
    // The query slot moves with the capacity: carry its contents over (padding stays zero).
    const previousQuery = this.rowCapacity > 0 ? this.query.slice() : null;
    this.ensureBytes(capacity * (this.strideBytes + 8) + this.strideBytes + 64);
    this.rowCapacity = capacity;
    // The packed area sits behind the scratch areas, which just moved.
    this.resetPacked();
    this.buffer = new ArrayBuffer(0);
    this.refreshViews();
    const query = this.queryView;
    if (previousQuery) query.set(previousQuery);
    else query.fill(0);
  }

  /** Typed-array views are detached when the memory grows; recreate them when the buffer changed. */
  private refreshViews(): void {
    const buffer = this.exports.memory.buffer;
    if (buffer === this.buffer && this.dataView.length === this.rowCapacity * this.stride) return;
    this.buffer = buffer;
    this.dataView = new Float32Array(buffer, 0, this.rowCapacity * this.stride);
    this.queryView = new Float32Array(buffer, this.rowCapacity * this.strideBytes, this.stride);
  }
}
