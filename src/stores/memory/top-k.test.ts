import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { selectTopK } from "./top-k.js";

/** The reference: a full stable sort, best first, ties by tie-break key. */
function sortedTopK(
  scores: number[],
  k: number,
  tieBreak: (index: number) => number,
  minimumScore: number,
): Array<{ index: number; score: number }> {
  return scores
    .map((score, index) => ({ index, score }))
    .filter(({ score }) => score >= minimumScore)
    .sort((left, right) => right.score - left.score || tieBreak(left.index) - tieBreak(right.index))
    .slice(0, Math.max(0, k));
}

describe("selectTopK", () => {
  it("equals a full sort, including ties (few distinct scores) and thresholds", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: -5, max: 5 }).map((value) => value / 5),
          { maxLength: 200 },
        ),
        fc.integer({ min: 0, max: 30 }),
        fc.boolean(),
        fc.constantFrom(-Infinity, -0.2, 0, 0.6),
        (scores, k, reversedTieBreak, minimumScore) => {
          const tieBreak = reversedTieBreak ? (index: number) => -index : (index: number) => index;
          expect(selectTopK(scores, k, tieBreak, minimumScore)).toEqual(sortedTopK(scores, k, tieBreak, minimumScore));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("works on Float32Array scores", () => {
    const scores = Float32Array.of(0.5, 0.25, 0.75, 0.125);
    expect(selectTopK(scores, 2, (index) => index)).toEqual([
      { index: 2, score: 0.75 },
      { index: 0, score: 0.5 },
    ]);
  });

  it("returns nothing for k = 0 or no scores", () => {
    expect(selectTopK([1, 2], 0, (index) => index)).toEqual([]);
    expect(selectTopK([], 5, (index) => index)).toEqual([]);
  });
});
