import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ErrorCodes } from "../core/errors/error-codes.js";
import { assignFolds, crossValidate } from "./cross-validate.js";

describe("assignFolds", () => {
  it("deals every query into one fold, fold sizes within one of each other, same seed same folds", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 60 }),
        fc.integer({ min: 2, max: 10 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (count, folds, seed) => {
          const foldOf = assignFolds(count, folds, seed);
          expect(foldOf).toHaveLength(count);
          expect(foldOf.every((fold) => Number.isInteger(fold) && fold >= 0 && fold < folds)).toBe(true);
          const sizes = Array.from({ length: folds }, (_, fold) => foldOf.filter((value) => value === fold).length);
          expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
          expect(assignFolds(count, folds, seed)).toEqual(foldOf);
        },
      ),
    );
  });
});

describe("crossValidate", () => {
  it("scores each query with the setting chosen on the other folds", () => {
    // Setting 1 is best on queries 0-5, setting 0 on 6-9: every fold's choice is made without its own queries.
    const scores = [
      [0, 0, 0, 0, 0, 0, 1, 1, 1, 1],
      [1, 1, 1, 1, 1, 1, 0, 0, 0, 0],
    ];
    const result = crossValidate(scores, { folds: 5, seed: 7 });
    expect(result.chosen).toHaveLength(5);
    for (let fold = 0; fold < 5; fold += 1) {
      const training = [0, 1].map((setting) =>
        scores[setting]!.filter((_, query) => result.foldOf[query] !== fold).reduce((sum, value) => sum + value, 0),
      );
      const expected = training[1]! > training[0]! ? 1 : 0;
      expect(result.chosen[fold]).toBe(expected);
    }
    for (const [query, score] of result.perQuery.entries()) expect(score).toBe(scores[result.chosen[result.foldOf[query]!]!]![query]);
    expect(result.mean).toBeCloseTo(result.perQuery.reduce((sum, value) => sum + value, 0) / 10, 12);
  });

  it("never beats the best setting chosen in hindsight per query, and equals a single setting's mean", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 30 }).chain((count) =>
          fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: count, maxLength: count }), {
            minLength: 1,
            maxLength: 6,
          }),
        ),
        (scores) => {
          const result = crossValidate(scores, { folds: 2 });
          const oracle = scores[0]!.map((_, query) => Math.max(...scores.map((row) => row[query]!)));
          expect(result.perQuery).toHaveLength(scores[0]!.length);
          expect(result.perQuery.every((score, query) => score <= oracle[query]! + 1e-12)).toBe(true);
          const single = crossValidate([scores[0]!], { folds: 2 });
          expect(single.mean).toBeCloseTo(scores[0]!.reduce((sum, value) => sum + value, 0) / scores[0]!.length, 9);
        },
      ),
    );
  });

  it("rejects ragged grids, bad fold counts and non-finite scores with INVALID_OPTION", () => {
    expect(() =>
      crossValidate([
        [1, 2, 3],
        [1, 2],
      ]),
    ).toThrow(expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, message: expect.stringContaining("scores[1]") }));
    expect(() => crossValidate([[1, 2, 3]], { folds: 4 })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, message: expect.stringContaining("folds") }),
    );
    expect(() => crossValidate([[1, Number.NaN, 3]], { folds: 2 })).toThrow(expect.objectContaining({ code: ErrorCodes.INVALID_OPTION }));
    expect(() => crossValidate([])).toThrow(expect.objectContaining({ code: ErrorCodes.INVALID_OPTION }));
  });
});
