import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ErrorCodes } from "../core/errors/error-codes.js";
import { validateVector, validateVectors } from "./validate-vectors.js";
import { codeOf } from "../../test/support/error-code.js";

const source = "test embeddings";

describe("validateVectors", () => {
  it("accepts finite vectors of one length and converts typed arrays", () => {
    expect(validateVectors([[1, 0], Float32Array.from([0, 1])], { source, expectedCount: 2 })).toEqual([
      [1, 0],
      [0, 1],
    ]);
  });

  it.each([
    ["NaN", [[0.1, Number.NaN]]],
    ["Infinity", [[0.1, Number.POSITIVE_INFINITY]]],
    ["a null component", [[0.1, null]]],
    ["an empty vector", [[]]],
    ["a string", ["0.1,0.2"]],
  ])("rejects %s with INVALID_VECTOR", (_, vectors) => {
    expect(codeOf(() => validateVectors(vectors, { source, expectedCount: 1 }))).toBe(ErrorCodes.INVALID_VECTOR);
  });

  it("rejects a wrong count, mixed lengths and a wrong expected dimension", () => {
    expect(codeOf(() => validateVectors([[1]], { source, expectedCount: 2 }))).toBe(ErrorCodes.INVALID_VECTOR);
    expect(codeOf(() => validateVectors([[1, 0], [1]], { source, expectedCount: 2 }))).toBe(ErrorCodes.INVALID_VECTOR);
    expect(codeOf(() => validateVector([1, 0, 0], { source, dimensions: 2 }))).toBe(ErrorCodes.INVALID_VECTOR);
    expect(codeOf(() => validateVectors(undefined, { source, expectedCount: 0 }))).toBe(ErrorCodes.INVALID_VECTOR);
  });

  it("accepts exactly the vectors whose components are all finite (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.double(), { minLength: 1, maxLength: 16 }), (vector) => {
        const finite = vector.every(Number.isFinite);
        expect(codeOf(() => validateVector(vector, { source })) === undefined).toBe(finite);
      }),
    );
  });
});
