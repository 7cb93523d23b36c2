import { grownCapacity, type PackedRows, type VectorMatrix } from "./vector-matrix.js";

/** The portable kernel: a Float32Array and an unrolled dot product with four accumulators. */
export class JavaScriptVectorMatrix implements VectorMatrix {
  readonly kernel = "javascript" as const;
  readonly stride: number;
  data: Float32Array;
  readonly query: Float32Array;
  private scores: Float32Array;
  private packed = new Float32Array(0);
  private packedRows = 0;
  private generation = 0;

  constructor(stride: number, capacity: number) {
    this.stride = stride;
    this.data = new Float32Array(capacity * stride);
    this.query = new Float32Array(stride);
    this.scores = new Float32Array(capacity);
  }

  get capacity(): number {
    return this.data.length / this.stride;
  }

  get packedRowCount(): number {
    return this.packedRows;
  }

  get byteLength(): number {
    return this.data.byteLength + this.query.byteLength + this.scores.byteLength + this.packed.byteLength;
  }

  reserve(rowCount: number): void {
    const capacity = grownCapacity(this.capacity, rowCount);
    if (capacity === this.capacity) return;
    const data = new Float32Array(capacity * this.stride);
    data.set(this.data);
    this.data = data;
    this.scores = new Float32Array(capacity);
  }

  scoreAll(rowCount: number): Float32Array {
    return this.scoreRange(this.data, 0, rowCount);
  }

  scoreRows(rows: Uint32Array): Float32Array {
    const { data, query, stride } = this;
    const scores = this.scratchScores(rows.length);
    for (let index = 0; index < rows.length; index += 1) scores[index] = dotRow(data, (rows[index] as number) * stride, query, stride);
    return scores.subarray(0, rows.length);
  }

  packRows(rows: Uint32Array, maximumPackedRows: number): PackedRows | null {
    const start = this.packedRows;
    const end = start + rows.length;
    if (end > maximumPackedRows) return null;
    const { stride, data } = this;
    if (this.packed.length < end * stride) {
      const packed = new Float32Array(grownCapacity(this.packed.length / stride, end) * stride);
      packed.set(this.packed.subarray(0, start * stride));
      this.packed = packed;
    }
    const packed = this.packed;
    for (let index = 0; index < rows.length; index += 1) {
      const source = (rows[index] as number) * stride;
      packed.set(data.subarray(source, source + stride), (start + index) * stride);
    }
    this.packedRows = end;
    return { generation: this.generation, start, rowCount: rows.length };
  }

  scorePacked(packed: PackedRows): Float32Array | null {
    if (packed.generation !== this.generation) return null;
    return this.scoreRange(this.packed, packed.start, packed.rowCount);
  }

  resetPacked(): void {
    this.packedRows = 0;
    this.generation += 1;
  }

  private scoreRange(source: Float32Array, firstRow: number, rowCount: number): Float32Array {
    const { query, stride } = this;
    const scores = this.scratchScores(rowCount);
    for (let index = 0; index < rowCount; index += 1) scores[index] = dotRow(source, (firstRow + index) * stride, query, stride);
    return scores.subarray(0, rowCount);
  }

  private scratchScores(length: number): Float32Array {
    if (this.scores.length < length) this.scores = new Float32Array(length);
    return this.scores;
  }
}

/** Dot product of the row starting at `base` with `query`; `stride` is a multiple of 4. */
export function dotRow(data: Float32Array, base: number, query: Float32Array, stride: number): number {
  let sum0 = 0;
  let sum1 = 0;
  let sum2 = 0;
  let sum3 = 0;
  for (let index = 0; index < stride; index += 4) {
    const offset = base + index;
    sum0 += (data[offset] as number) * (query[index] as number);
    sum1 += (data[offset + 1] as number) * (query[index + 1] as number);
    sum2 += (data[offset + 2] as number) * (query[index + 2] as number);
    sum3 += (data[offset + 3] as number) * (query[index + 3] as number);
  }
  return sum0 + sum1 + (sum2 + sum3);
}
