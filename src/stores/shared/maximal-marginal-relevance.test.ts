import { maximalMarginalRelevance as langChainMaximalMarginalRelevance } from "@langchain/core/utils/math";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ErrorCodes } from "../../core/errors/error-codes.js";
import { maximalMarginalRelevance } from "./maximal-marginal-relevance.js";

const DIMENSION = 6;
const vectorArbitrary = fc.array(fc.float({ min: -1, max: 1, noNaN: true, noDefaultInfinity: true }), {
  minLength: DIMENSION,
  maxLength: DIMENSION,
});
const inputArbitrary = fc.record({
  query: vectorArbitrary,
  candidates: fc.array(vectorArbitrary, { maxLength: 25 }),
  k: fc.integer({ min: 0, max: 30 }),
  lambda: fc.double({ min: 0, max: 1, noNaN: true }),
});

function cosine(left: number[], right: number[]): number {
  let dot = 0;
  let leftSquares = 0;
  let rightSquares = 0;
  left.forEach((value, index) => {
    const other = right[index] as number;
    dot += value * other;
    leftSquares += value * value;
    rightSquares += other * other;
  });
  const norms = Math.sqrt(leftSquares) * Math.sqrt(rightSquares);
  return norms === 0 ? 0 : dot / norms;
}

describe("maximalMarginalRelevance", () => {
  it("returns min(k, n) distinct candidate indices", () => {
    fc.assert(
      fc.property(inputArbitrary, ({ query, candidates, k, lambda }) => {
        const selection = maximalMarginalRelevance({ query, candidates, k, lambda });
        expect(selection).toHaveLength(Math.min(k, candidates.length));
        expect(new Set(selection).size).toBe(selection.length);
        for (const index of selection) expect(index >= 0 && index < candidates.length).toBe(true);
      }),
    );
  });

  it("starts with the candidate most similar to the query", () => {
    fc.assert(
      fc.property(inputArbitrary, ({ query, candidates, k, lambda }) => {
        fc.pre(k > 0 && candidates.length > 0);
        const [first] = maximalMarginalRelevance({ query, candidates, k, lambda });
        const best = Math.max(...candidates.map((candidate) => cosine(query, candidate)));
        expect(cosine(query, candidates[first as number] as number[])).toBeCloseTo(best, 9);
      }),
    );
  });

  it("with lambda = 1 is plain similarity order", () => {
    fc.assert(
      fc.property(inputArbitrary, ({ query, candidates, k }) => {
        const selection = maximalMarginalRelevance({ query, candidates, k, lambda: 1 });
        const similarities = selection.map((index) => cosine(query, candidates[index] as number[]));
        for (let position = 1; position < similarities.length; position += 1) {
          expect(similarities[position] as number).toBeLessThanOrEqual((similarities[position - 1] as number) + 1e-12);
        }
      }),
    );
  });

  it("never picks an exact duplicate of a picked vector while a distinct equally relevant one remains (lambda < 1)", () => {
    const query = [1, 0, 0];
    // Two copies of the best vector and one slightly less relevant but different one.
    const candidates = [
      [1, 0.1, 0],
      [1, 0.1, 0],
      [1, -0.1, 0.05],
    ];
    expect(maximalMarginalRelevance({ query, candidates, k: 2, lambda: 0.5 })).toEqual([0, 2]);
    expect(maximalMarginalRelevance({ query, candidates, k: 2, lambda: 1 })).toEqual([0, 1]);
  });

  it("agrees with LangChain's maximalMarginalRelevance on random inputs", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 8 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (seed, count, k, lambda) => {
          // Well-separated random vectors, so both implementations face no near-ties.
          let state = seed;
          const next = (): number => {
            state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
            return state / 2 ** 32 - 0.5;
          };
          const query = Array.from({ length: 16 }, next);
          const candidates = Array.from({ length: count }, () => Array.from({ length: 16 }, next));
          const ours = maximalMarginalRelevance({ query, candidates, k, lambda });
          const theirs = langChainMaximalMarginalRelevance(query, candidates, lambda, k);
          expect(ours).toEqual(theirs);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("treats a zero vector as dissimilar to everything instead of producing NaN", () => {
    expect(
      maximalMarginalRelevance({
        query: [1, 0],
        candidates: [
          [0, 0],
          [1, 0],
        ],
        k: 2,
        lambda: 0.5,
      }),
    ).toEqual([1, 0]);
  });

  it("rejects a bad lambda or k and mismatched dimensions", () => {
    expect(() => maximalMarginalRelevance({ query: [1], candidates: [[1]], k: 1, lambda: 1.5 })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, option: "lambda" }),
    );
    expect(() => maximalMarginalRelevance({ query: [1], candidates: [[1]], k: -1, lambda: 0.5 })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, option: "k" }),
    );
    expect(() => maximalMarginalRelevance({ query: [1, 0], candidates: [[1]], k: 1, lambda: 0.5 })).toThrow(
      expect.objectContaining({ code: ErrorCodes.DIMENSION_MISMATCH }),
    );
  });
});
