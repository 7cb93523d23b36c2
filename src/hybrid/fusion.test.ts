import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ErrorCodes } from "../core/errors/error-codes.js";
import {
  DEFAULT_RRF_CONSTANT,
  minMaxNormalize,
  normalizedScoreFusion,
  reciprocalRankContribution,
  reciprocalRankFusion,
  type FusionLeg,
  type RankedItem,
} from "./fusion.js";

/** A ranking of distinct ids drawn from a small pool (so legs overlap), with decreasing scores. */
const rankingArbitrary = fc.uniqueArray(fc.integer({ min: 0, max: 15 }), { maxLength: 12 }).chain((ids) =>
  fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: ids.length, maxLength: ids.length }).map((scores) => {
    const sorted = [...scores].sort((a, b) => b - a);
    return ids.map((id, index): RankedItem => ({ id: `d${id}`, score: sorted[index]! }));
  }),
);
const weightArbitrary = fc.double({ min: 0.01, max: 10, noNaN: true });
const legsArbitrary = fc.array(fc.record({ ranking: rankingArbitrary, weight: weightArbitrary }), { minLength: 1, maxLength: 4 });

const ranking = (...ids: string[]): RankedItem[] => ids.map((id, index) => ({ id, score: ids.length - index }));

describe("reciprocalRankFusion", () => {
  it("computes weight / (60 + rank) summed over legs", () => {
    const fused = reciprocalRankFusion([
      { ranking: ranking("a", "b"), weight: 1 },
      { ranking: ranking("b", "c"), weight: 2 },
    ]);
    const scoreOf = (id: string) => fused.find((item) => item.id === id)!.score;
    expect(scoreOf("a")).toBeCloseTo(1 / 61);
    expect(scoreOf("b")).toBeCloseTo(1 / 62 + 2 / 61);
    expect(scoreOf("c")).toBeCloseTo(2 / 62);
    expect(fused.map((item) => item.id)).toEqual(["b", "c", "a"]);
    expect(fused[0]!.legs).toEqual([
      { rank: 2, score: 1 },
      { rank: 1, score: 2 },
    ]);
    expect(fused.find((item) => item.id === "a")!.legs[1]).toBeNull();
  });

  it("contribution is strictly decreasing in rank", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), weightArbitrary, fc.integer({ min: 0, max: 200 }), (rank, weight, constant) => {
        expect(reciprocalRankContribution(rank, weight, constant)).toBeGreaterThan(reciprocalRankContribution(rank + 1, weight, constant));
      }),
    );
  });

  it("is monotone in rank: moving a document up in one leg never lowers its fused score or position", () => {
    fc.assert(
      fc.property(legsArbitrary, fc.nat(), fc.nat(), (legs, legPick, itemPick) => {
        const legIndex = legPick % legs.length;
        const leg = legs[legIndex]!;
        fc.pre(leg.ranking.length >= 2);
        const from = 1 + (itemPick % (leg.ranking.length - 1));
        const moved = leg.ranking[from]!;
        const promoted = [...leg.ranking];
        [promoted[from - 1], promoted[from]] = [promoted[from]!, promoted[from - 1]!];
        const before = reciprocalRankFusion(legs);
        const after = reciprocalRankFusion(legs.map((item, index) => (index === legIndex ? { ...item, ranking: promoted } : item)));
        const scoreBefore = before.find((item) => item.id === moved.id)!.score;
        const scoreAfter = after.find((item) => item.id === moved.id)!.score;
        expect(scoreAfter).toBeGreaterThan(scoreBefore);
        expect(after.findIndex((item) => item.id === moved.id)).toBeLessThanOrEqual(before.findIndex((item) => item.id === moved.id));
      }),
    );
  });

  it("ranks first a document that every leg ranks first", () => {
    fc.assert(
      fc.property(legsArbitrary, (legs) => {
        const withWinner = legs.map((leg) => ({ ...leg, ranking: [{ id: "winner", score: 99 }, ...leg.ranking] }));
        expect(reciprocalRankFusion(withWinner)[0]!.id).toBe("winner");
        expect(normalizedScoreFusion(withWinner)[0]!.id).toBe("winner");
      }),
    );
  });

  it("a leg with weight 0 is removed: same result as without it, and its documents do not appear", () => {
    fc.assert(
      fc.property(legsArbitrary, rankingArbitrary, (legs, extra) => {
        const withZero: FusionLeg[] = [...legs, { ranking: extra.map((item) => ({ ...item, id: `zero-${item.id}` })), weight: 0 }];
        expect(reciprocalRankFusion(withZero).map(({ id, score }) => ({ id, score }))).toEqual(
          reciprocalRankFusion(legs).map(({ id, score }) => ({ id, score })),
        );
        expect(normalizedScoreFusion(withZero).some((item) => item.id.startsWith("zero-"))).toBe(false);
      }),
    );
  });

  it("returns every id exactly once, sorted by score", () => {
    fc.assert(
      fc.property(legsArbitrary, (legs) => {
        const fused = reciprocalRankFusion(legs);
        const ids = fused.map((item) => item.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(new Set(ids)).toEqual(new Set(legs.flatMap((leg) => leg.ranking.map((item) => item.id))));
        for (let index = 1; index < fused.length; index += 1) expect(fused[index - 1]!.score).toBeGreaterThanOrEqual(fused[index]!.score);
      }),
    );
  });

  it("ignores later duplicates of an id within a leg", () => {
    const fused = reciprocalRankFusion([
      {
        ranking: [
          { id: "a", score: 3 },
          { id: "b", score: 2 },
          { id: "a", score: 1 },
        ],
      },
    ]);
    expect(fused.map((item) => [item.id, item.score])).toEqual([
      ["a", 1 / 61],
      ["b", 1 / 62],
    ]);
  });

  it("rejects negative weights and constants with INVALID_OPTION", () => {
    expect(() => reciprocalRankFusion([{ ranking: ranking("a"), weight: -1 }])).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION }),
    );
    expect(() => reciprocalRankFusion([{ ranking: ranking("a") }], { constant: -1 })).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION }),
    );
    expect(DEFAULT_RRF_CONSTANT).toBe(60);
  });
});

describe("normalizedScoreFusion", () => {
  it("stays in [0, 1]", () => {
    fc.assert(
      fc.property(legsArbitrary, (legs) => {
        for (const item of normalizedScoreFusion(legs)) {
          expect(item.score).toBeGreaterThanOrEqual(0);
          expect(item.score).toBeLessThanOrEqual(1 + 1e-12);
        }
      }),
    );
  });

  it("averages min-max normalized scores with the weights", () => {
    const fused = normalizedScoreFusion([
      {
        ranking: [
          { id: "a", score: 10 },
          { id: "b", score: 5 },
          { id: "c", score: 0 },
        ],
        weight: 3,
      },
      {
        ranking: [
          { id: "c", score: 0.9 },
          { id: "b", score: 0.1 },
        ],
        weight: 1,
      },
    ]);
    const scoreOf = (id: string) => fused.find((item) => item.id === id)!.score;
    expect(scoreOf("a")).toBeCloseTo(0.75);
    expect(scoreOf("b")).toBeCloseTo((3 * 0.5 + 0) / 4);
    expect(scoreOf("c")).toBeCloseTo(0.25);
  });
});

describe("minMaxNormalize", () => {
  it("maps the best to 1, the worst to 0, equal scores to 1 and non-finite to 0", () => {
    expect(minMaxNormalize([2, 4, 3])).toEqual([0, 1, 0.5]);
    expect(minMaxNormalize([7, 7])).toEqual([1, 1]);
    expect(minMaxNormalize([1, Number.NaN, 3])).toEqual([0, 0, 1]);
    expect(minMaxNormalize([])).toEqual([]);
  });
});
