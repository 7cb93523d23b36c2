import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ErrorCodes } from "../core/errors/error-codes.js";
import { createSeededRandom, pairedRandomizationTest } from "./randomization-test.js";

const random = createSeededRandom(7);
const baseline = Array.from({ length: 40 }, () => random());

describe("pairedRandomizationTest", () => {
  it("gives p = 1 for identical systems", () => {
    const result = pairedRandomizationTest(baseline, [...baseline]);
    expect(result.pValue).toBe(1);
    expect(result.meanDifference).toBe(0);
    expect(result.permutations).toBe(1000);
    expect(result.pairs).toBe(40);
  });

  it("gives a small p for a clearly better system, and the sign of the difference", () => {
    const better = baseline.map((score, index) => score + 0.2 + (index % 3) * 0.01);
    const result = pairedRandomizationTest(baseline, better);
    expect(result.meanDifference).toBeGreaterThan(0.19);
    expect(result.pValue).toBeLessThan(0.01);
    expect(result.pValue).toBeGreaterThan(0); // (count + 1) / (permutations + 1)
    const worse = pairedRandomizationTest(better, baseline);
    expect(worse.meanDifference).toBeLessThan(0);
    expect(worse.pValue).toBe(result.pValue); // two-sided and the sign flips are symmetric
  });

  it("does not call noise significant", () => {
    const noisy = baseline.map((score, index) => score + (index % 2 === 0 ? 0.05 : -0.05));
    expect(pairedRandomizationTest(baseline, noisy).pValue).toBeGreaterThan(0.5);
  });

  it("is deterministic for a seed and stable across seeds", () => {
    const other = baseline.map((score, index) => score + (index % 4 === 0 ? 0.15 : -0.02));
    const first = pairedRandomizationTest(baseline, other, { seed: 1 });
    expect(pairedRandomizationTest(baseline, other, { seed: 1 })).toEqual(first);
    const second = pairedRandomizationTest(baseline, other, { seed: 2, permutations: 5000 });
    expect(Math.abs(second.pValue - first.pValue)).toBeLessThan(0.08);
  });

  it("p is in (0, 1] for any paired scores", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { maxLength: 30 }),
        fc.integer({ min: 0, max: 1000 }),
        (pairs, seed) => {
          const { pValue } = pairedRandomizationTest(
            pairs.map(([left]) => left),
            pairs.map(([, right]) => right),
            { permutations: 200, seed },
          );
          expect(pValue).toBeGreaterThan(0);
          expect(pValue).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 50 },
    );
  });

  it("rejects unpaired or invalid input with INVALID_OPTION", () => {
    expect(() => pairedRandomizationTest([0.1, 0.2], [0.1])).toThrow(expect.objectContaining({ code: ErrorCodes.INVALID_OPTION }));
    expect(() => pairedRandomizationTest([Number.NaN], [0.1])).toThrow(expect.objectContaining({ code: ErrorCodes.INVALID_OPTION }));
    expect(() => pairedRandomizationTest([0.1], [0.1], { permutations: 0 })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION }),
    );
  });
});

describe("createSeededRandom", () => {
  it("repeats for a seed, differs across seeds, stays in [0, 1)", () => {
    const draw = (seed: number) => {
      const next = createSeededRandom(seed);
      return Array.from({ length: 1000 }, () => next());
    };
    expect(draw(3)).toEqual(draw(3));
    expect(draw(3)).not.toEqual(draw(4));
    const values = draw(5);
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
});
