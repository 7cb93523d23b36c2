import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../../test/stores/fake-vectors.js";
import { JavaScriptVectorMatrix } from "./javascript-vector-matrix.js";
import { ROW_ALIGNMENT_FLOATS, grownCapacity, strideFor, type VectorMatrix } from "./vector-matrix.js";
import { DOT_PRODUCT_WASM_BASE64 } from "./wasm/dot-product-wasm.generated.js";
import { WasmVectorMatrix, isWasmSimdAvailable } from "./wasm-vector-matrix.js";

const repositoryRoot = join(import.meta.dirname, "..", "..", "..");

/** Fills rows 0..rowCount-1 and the query with seeded values in [-1, 1), padding zero. */
function fill(matrix: VectorMatrix, rowCount: number, dimension: number, seed: number): { rows: number[][]; query: number[] } {
  const random = seededRandom(seed);
  const rows: number[][] = [];
  const data = matrix.data;
  for (let row = 0; row < rowCount; row += 1) {
    const values = Array.from({ length: dimension }, () => random() * 2 - 1);
    rows.push(values);
    data.set(values, row * matrix.stride);
  }
  const query = Array.from({ length: dimension }, () => random() * 2 - 1);
  matrix.query.fill(0);
  matrix.query.set(query);
  return { rows, query };
}

function exactDot(left: number[], right: number[]): number {
  return left.reduce((sum, value, index) => sum + value * (right[index] as number), 0);
}

describe("row layout", () => {
  it("pads rows to a multiple of 16 floats", () => {
    expect(strideFor(1)).toBe(16);
    expect(strideFor(16)).toBe(16);
    expect(strideFor(17)).toBe(32);
    expect(strideFor(512)).toBe(512);
    expect(strideFor(384) % ROW_ALIGNMENT_FLOATS).toBe(0);
  });

  it("grows geometrically, and at least to what is required", () => {
    expect(grownCapacity(100, 50)).toBe(100);
    expect(grownCapacity(100, 101)).toBe(150);
    expect(grownCapacity(100, 1000)).toBe(1000);
    expect(grownCapacity(0, 1)).toBe(16);
  });
});

describe("scoring kernels", () => {
  it("WebAssembly SIMD is available on the Node versions this library supports", () => {
    expect(isWasmSimdAvailable()).toBe(true);
  });

  const dimensions = [1, 3, 16, 17, 100, 512];
  for (const dimension of dimensions) {
    it(`WebAssembly and JavaScript kernels give the same scores as an exact dot product (dimension ${dimension})`, () => {
      const rowCount = 37;
      const stride = strideFor(dimension);
      const wasm = new WasmVectorMatrix(stride, rowCount);
      const javascript = new JavaScriptVectorMatrix(stride, rowCount);
      const { rows, query } = fill(wasm, rowCount, dimension, dimension);
      fill(javascript, rowCount, dimension, dimension);
      const wasmScores = Array.from(wasm.scoreAll(rowCount));
      const javascriptScores = Array.from(javascript.scoreAll(rowCount));
      rows.forEach((row, index) => {
        const expected = exactDot(row, query);
        expect(wasmScores[index]).toBeCloseTo(expected, 4);
        expect(javascriptScores[index]).toBeCloseTo(expected, 4);
        expect(Math.abs((wasmScores[index] as number) - (javascriptScores[index] as number))).toBeLessThan(
          1e-5 * Math.max(1, Math.abs(expected)),
        );
      });
    });
  }

  it("scoreRows and packed rows score the listed rows like scoreAll, in list order, on both kernels", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 40 }),
        (seed, rowCount, dimension) => {
          const random = seededRandom(seed);
          const listed = Uint32Array.from(Array.from({ length: rowCount }, (_, row) => row).filter(() => random() < 0.5));
          for (const matrix of [
            new WasmVectorMatrix(strideFor(dimension), rowCount),
            new JavaScriptVectorMatrix(strideFor(dimension), rowCount),
          ]) {
            fill(matrix, rowCount, dimension, seed);
            const all = Array.from(matrix.scoreAll(rowCount));
            const expected = Array.from(listed, (row) => all[row]);
            expect(Array.from(matrix.scoreRows(listed))).toEqual(expected);
            const packed = matrix.packRows(listed, rowCount);
            expect(packed).not.toBeNull();
            expect(Array.from(matrix.scorePacked(packed!) ?? [])).toEqual(expected);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("keeps rows and the query when growing, and invalidates packed rows", () => {
    for (const matrix of [new WasmVectorMatrix(16, 4), new JavaScriptVectorMatrix(16, 4)]) {
      fill(matrix, 4, 10, 7);
      const before = Array.from(matrix.scoreAll(4));
      const packed = matrix.packRows(Uint32Array.of(1, 3), 4);
      expect(packed).not.toBeNull();
      matrix.reserve(10_000);
      expect(matrix.capacity).toBeGreaterThanOrEqual(10_000);
      expect(Array.from(matrix.scoreAll(4))).toEqual(before);
      if (matrix.kernel === "wasm-simd") expect(matrix.scorePacked(packed!)).toBeNull();
      matrix.resetPacked();
      expect(matrix.scorePacked(packed!)).toBeNull();
      expect(matrix.packedRowCount).toBe(0);
    }
  });

  it("refuses to pack beyond the allowed number of packed rows", () => {
    for (const matrix of [new WasmVectorMatrix(16, 8), new JavaScriptVectorMatrix(16, 8)]) {
      fill(matrix, 8, 4, 3);
      expect(matrix.packRows(Uint32Array.of(0, 1, 2), 4)).not.toBeNull();
      expect(matrix.packRows(Uint32Array.of(3, 4), 4)).toBeNull();
      expect(matrix.packRows(Uint32Array.of(5), 4)).not.toBeNull();
      expect(matrix.packedRowCount).toBe(4);
    }
  });
});

describe("generated WebAssembly module", () => {
  it("matches the .wat source (run `node scripts/build-wasm.mjs` after editing it)", async () => {
    const require = createRequire(import.meta.url);
    const wabt = await (
      require("wabt") as () => Promise<{
        parseWat: (
          name: string,
          text: string,
          features: object,
        ) => { validate(): void; toBinary(options: object): { buffer: Uint8Array }; destroy(): void };
      }>
    )();
    const source = await readFile(join(repositoryRoot, "src/stores/memory/wasm/dot-product.wat"), "utf8");
    const parsed = wabt.parseWat("dot-product.wat", source, { simd: true });
    parsed.validate();
    const compiled = Buffer.from(parsed.toBinary({ log: false, write_debug_names: false }).buffer).toString("base64");
    parsed.destroy();
    expect(DOT_PRODUCT_WASM_BASE64).toBe(compiled);
  });
});
