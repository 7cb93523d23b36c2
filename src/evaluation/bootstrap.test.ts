import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ErrorCodes } from "../core/errors/error-codes.js";
import { bootstrapMeanInterval } from "./bootstrap.js";

const scores = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 40 });
const seeds = fc.integer({ min: 0, max: 2 ** 32 - 1 });

describe("bootstrapMeanInterval", () => {
  it("brackets values between their minimum and maximum, lower <= upper, and is deterministic per seed", () => {
    fc.assert(
      fc.property(scores, seeds, (values, seed) => {
        const interval = bootstrapMeanInterval(values, { resamples: 200, seed });
        expect(interval.lower).toBeLessThanOrEqual(interval.upper);
        expect(interval.lower).toBeGreaterThanOrEqual(Math.min(...values));
        expect(interval.upper).toBeLessThanOrEqual(Math.max(...values));
        expect(interval.mean).toBeCloseTo(values.reduce((sum, value) => sum + value, 0) / values.length, 12);
        expect(bootstrapMeanInterval(values, { resamples: 200, seed })).toEqual(interval);
      }),
    );
  });

  it("has zero width for identical values and moves with a shift of the values", () => {
    fc.assert(
      fc.property(fc.double({ min: -5, max: 5, noNaN: true }), fc.integer({ min: 1, max: 30 }), (value, count) => {
        const interval = bootstrapMeanInterval(new Array(count).fill(value), { resamples: 100 });
        expect(interval.lower).toBe(interval.upper);
        expect(interval.lower).toBeCloseTo(value, 12);
      }),
    );
    fc.assert(
      fc.property(scores, fc.double({ min: -3, max: 3, noNaN: true }), seeds, (values, shift, seed) => {
        const base = bootstrapMeanInterval(values, { resamples: 100, seed });
        const moved = bootstrapMeanInterval(
          values.map((value) => value + shift),
          { resamples: 100, seed },
        );
        expect(moved.lower).toBeCloseTo(base.lower + shift, 9);
        expect(moved.upper).toBeCloseTo(base.upper + shift, 9);
      }),
    );
  });

  it("is narrower for a higher confidence's complement and wider with more spread", () => {
    const values = Array.from({ length: 40 }, (_, index) => (index % 4) / 3);
    const wide = bootstrapMeanInterval(values, { confidence: 0.99 });
    const narrow = bootstrapMeanInterval(values, { confidence: 0.5 });
    expect(wide.upper - wide.lower).toBeGreaterThan(narrow.upper - narrow.lower);
    expect(narrow.upper - narrow.lower).toBeGreaterThan(0);
    // About 1.96 standard errors each side for 95%: the sample's standard error is ~0.059 here.
    const ninetyFive = bootstrapMeanInterval(values);
    expect(ninetyFive.upper - ninetyFive.lower).toBeGreaterThan(0.15);
    expect(ninetyFive.upper - ninetyFive.lower).toBeLessThan(0.3);
  });

  it("gives zeros for no values and rejects bad options and values with INVALID_OPTION", () => {
    expect(bootstrapMeanInterval([])).toMatchObject({ mean: 0, lower: 0, upper: 0 });
    expect(() => bootstrapMeanInterval([1], { confidence: 1 })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, message: expect.stringContaining("confidence") }),
    );
    expect(() => bootstrapMeanInterval([1], { resamples: 0 })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, message: expect.stringContaining("resamples") }),
    );
    expect(() => bootstrapMeanInterval([1, Number.NaN])).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION, message: expect.stringContaining("values.1") }),
    );
  });
});
