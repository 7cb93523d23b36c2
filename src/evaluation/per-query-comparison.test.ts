import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareQueriesWithBaseline } from "./per-query-comparison.js";

describe("compareQueriesWithBaseline", () => {
  it("counts each paired query once as a win, a loss or a tie, matching the sign of the difference", () => {
    const perQuery = fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), {
      minLength: 1,
      maxLength: 30,
    });
    fc.assert(
      fc.property(perQuery, (pairs) => {
        const baseline = pairs.map(([value], index) => ({ queryId: `q${index}`, value }));
        const candidate = pairs.map(([, value], index) => ({ queryId: `q${index}`, value })).reverse();
        const comparison = compareQueriesWithBaseline(baseline, candidate);
        expect(comparison.queries).toHaveLength(pairs.length);
        expect(comparison.wins + comparison.losses + comparison.ties).toBe(pairs.length);
        for (const [index, query] of comparison.queries.entries()) {
          expect(query.queryId).toBe(`q${index}`);
          const difference = pairs[index]![1] - pairs[index]![0];
          expect(query.outcome).toBe(difference > 1e-9 ? "win" : difference < -1e-9 ? "loss" : "tie");
        }
      }),
    );
  });

  it("leaves out queries only one side has", () => {
    const comparison = compareQueriesWithBaseline(
      [
        { queryId: "a", value: 0.5 },
        { queryId: "b", value: 0.5 },
      ],
      [
        { queryId: "b", value: 0.7 },
        { queryId: "c", value: 0.1 },
      ],
    );
    expect(comparison.queries.map((query) => query.queryId)).toEqual(["b"]);
    expect(comparison).toMatchObject({ wins: 1, losses: 0, ties: 0 });
  });
});
