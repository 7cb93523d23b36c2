import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ErrorCodes } from "../core/errors/error-codes.js";
import {
  compareIdsLikeStrcmp,
  evaluateRanking,
  hitAtK,
  idealDiscountedCumulativeGain,
  ndcgAtK,
  precisionAtK,
  quantile,
  rankLikeTrecEval,
  recallAtK,
  reciprocalRankAtK,
  type Judgments,
  type ScoredDocument,
} from "./metrics.js";

const ranking = (...entries: Array<[string, number]>): ScoredDocument[] => entries.map(([id, score]) => ({ id, score }));

describe("hand-computed cases", () => {
  // Judged: a=2, b=1, c=0, d=2 (unretrieved), e=1 (unretrieved). Retrieved: c, a, b, x (unjudged).
  const judgments: Judgments = { a: 2, b: 1, c: 0, d: 2, e: 1 };
  const results = ranking(["c", 0.9], ["a", 0.8], ["b", 0.7], ["x", 0.6]);

  it("nDCG@10: linear gain, log2(rank + 1) discount, ideal from all judged documents", () => {
    // DCG = 0/log2(2) + 2/log2(3) + 1/log2(4) + 0; ideal = 2/1 + 2/log2(3) + 1/log2(4) + 1/log2(5)
    const dcg = 2 / Math.log2(3) + 1 / 2;
    const ideal = 2 + 2 / Math.log2(3) + 1 / 2 + 1 / Math.log2(5);
    expect(idealDiscountedCumulativeGain(judgments, 10)).toBeCloseTo(ideal, 12);
    expect(ndcgAtK(results, judgments, 10)).toBeCloseTo(dcg / ideal, 12);
    expect(ndcgAtK(results, judgments, 10)).toBeCloseTo(1.76186 / 4.19254, 4); // 0.4202
  });

  it("nDCG cuts both the run and the ideal at k", () => {
    // @2: DCG = 0 + 2/log2(3); ideal = 2 + 2/log2(3)
    expect(ndcgAtK(results, judgments, 2)).toBeCloseTo(2 / Math.log2(3) / (2 + 2 / Math.log2(3)), 12);
    expect(ndcgAtK(results, judgments, 1)).toBe(0);
  });

  it("recall, precision, MRR and hit use grade >= 1", () => {
    expect(recallAtK(results, judgments, 10)).toBeCloseTo(2 / 4, 12);
    expect(recallAtK(results, judgments, 2)).toBeCloseTo(1 / 4, 12);
    expect(precisionAtK(results, judgments, 5)).toBeCloseTo(2 / 5, 12); // divided by 5 although 4 were retrieved
    expect(reciprocalRankAtK(results, judgments, 10)).toBeCloseTo(1 / 2, 12);
    expect(reciprocalRankAtK(results, judgments, 1)).toBe(0);
    expect(hitAtK(results, judgments, 1)).toBe(0);
    expect(hitAtK(results, judgments, 2)).toBe(1);
  });

  it("a query without relevant documents scores 0 everywhere", () => {
    expect(evaluateRanking(results, { c: 0 }, 10)).toEqual({ ndcg: 0, recall: 0, mrr: 0, precisionAt5: 0, hitAt1: 0 });
    expect(evaluateRanking([], { a: 2 }, 10)).toEqual({ ndcg: 0, recall: 0, mrr: 0, precisionAt5: 0, hitAt1: 0 });
  });

  it("the ideal ranking scores 1", () => {
    expect(ndcgAtK(ranking(["a", 5], ["d", 4], ["b", 3], ["e", 2]), judgments, 10)).toBeCloseTo(1, 12);
  });
});

describe("ordering as trec_eval (score descending, then doc id descending by strcmp)", () => {
  it("breaks a score tie by doc id descending, whatever the input order", () => {
    const tied = ranking(["jw1-1", 0.5], ["jw1-10", 0.5], ["jw1-2", 0.5], ["jw0-9", 0.7]);
    expect(rankLikeTrecEval(tied).map((document) => document.id)).toEqual(["jw0-9", "jw1-2", "jw1-10", "jw1-1"]);
    // So a relevant document tied with an irrelevant one counts at rank 1 only when its id is larger.
    expect(hitAtK(ranking(["a", 1], ["b", 1]), { b: 1 }, 1)).toBe(1);
    expect(hitAtK(ranking(["b", 1], ["a", 1]), { a: 1 }, 1)).toBe(0);
  });

  it("compares ids byte-wise (UTF-8) as C strcmp does", () => {
    // U+FF5E is EF BD 9E in UTF-8 and U+1F600 is F0 9F 98 80: strcmp puts U+FF5E first, UTF-16 (0xFF5E vs 0xD83D) the other way round.
    const fullwidth = "\uFF5E";
    const emoji = "\u{1F600}";
    expect(fullwidth > emoji).toBe(true); // JavaScript (UTF-16 code units)
    expect(compareIdsLikeStrcmp(fullwidth, emoji)).toBeLessThan(0); // strcmp on UTF-8 bytes
    expect(compareIdsLikeStrcmp("a", "b")).toBeLessThan(0);
    expect(compareIdsLikeStrcmp("B", "a")).toBeLessThan(0);
    expect(compareIdsLikeStrcmp("x", "x")).toBe(0);
  });

  it("rejects duplicate ids and non-finite scores with INVALID_OPTION", () => {
    expect(() => rankLikeTrecEval(ranking(["a", 1], ["a", 0.5]))).toThrow(expect.objectContaining({ code: ErrorCodes.INVALID_OPTION }));
    expect(() => rankLikeTrecEval(ranking(["a", Number.NaN]))).toThrow(expect.objectContaining({ code: ErrorCodes.INVALID_OPTION }));
    expect(() => ndcgAtK([], {}, 0)).toThrow(expect.objectContaining({ code: ErrorCodes.INVALID_OPTION }));
  });
});

// --- property tests ---------------------------------------------------------------------------

const documentIds = fc.uniqueArray(fc.stringMatching(/^[a-z0-9-]{1,6}$/), { minLength: 0, maxLength: 25 });
/** A run (unique ids, scores with frequent ties) and judgments over some of its ids plus unretrieved ones. */
const runAndJudgments = documentIds.chain((ids) =>
  fc.record({
    results: fc.tuple(
      ...ids.map((id) => fc.record({ id: fc.constant(id), score: fc.integer({ min: 0, max: 5 }).map((value) => value / 5) })),
    ),
    judged: fc.dictionary(
      fc.oneof(fc.constantFrom(...(ids.length > 0 ? ids : ["none"])), fc.stringMatching(/^u[a-z0-9]{1,4}$/)),
      fc.integer({ min: 0, max: 2 }),
      { maxKeys: 20 },
    ),
  }),
);

describe("properties", () => {
  it("recall@k never decreases as k grows", () => {
    fc.assert(
      fc.property(runAndJudgments, fc.integer({ min: 1, max: 30 }), ({ results, judged }, k) => {
        expect(recallAtK(results, judged, k + 1)).toBeGreaterThanOrEqual(recallAtK(results, judged, k));
      }),
    );
  });

  it("nDCG, recall, precision, MRR and hit stay in [0, 1]", () => {
    fc.assert(
      fc.property(runAndJudgments, fc.integer({ min: 1, max: 30 }), ({ results, judged }, k) => {
        const metrics = evaluateRanking(results, judged, k);
        for (const value of Object.values(metrics)) {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1 + 1e-12);
        }
      }),
    );
  });

  it("metrics do not depend on the order the results are given in (trec_eval re-sorts)", () => {
    fc.assert(
      fc.property(
        runAndJudgments.chain((value) =>
          fc.tuple(
            fc.constant(value),
            fc.shuffledSubarray(value.results, { minLength: value.results.length, maxLength: value.results.length }),
          ),
        ),
        ([{ results, judged }, shuffled]) => {
          expect(evaluateRanking(shuffled, judged, 10)).toEqual(evaluateRanking(results, judged, 10));
        },
      ),
    );
  });

  it("the sorted ranking is by score descending, and by id descending within a tie", () => {
    fc.assert(
      fc.property(runAndJudgments, ({ results }) => {
        const sorted = rankLikeTrecEval(results);
        for (let index = 1; index < sorted.length; index += 1) {
          const previous = sorted[index - 1] as ScoredDocument;
          const current = sorted[index] as ScoredDocument;
          expect(previous.score).toBeGreaterThanOrEqual(current.score);
          if (previous.score === current.score) expect(compareIdsLikeStrcmp(previous.id, current.id)).toBeGreaterThan(0);
        }
      }),
    );
  });

  it("nDCG is 1 when the run lists the judged documents best grade first", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.stringMatching(/^[a-z]{1,5}$/), fc.integer({ min: 0, max: 2 }), { minKeys: 1, maxKeys: 15 }),
        (judged) => {
          fc.pre(Object.values(judged).some((grade) => grade > 0));
          const ideal = Object.entries(judged)
            .sort((left, right) => right[1] - left[1])
            .map(([id], index, all) => ({ id, score: all.length - index }));
          expect(ndcgAtK(ideal, judged, 10)).toBeCloseTo(1, 12);
        },
      ),
    );
  });
});

describe("quantile", () => {
  it("interpolates linearly between closest ranks", () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.95)).toBeCloseTo(4.8, 12);
    expect(quantile([7], 0.95)).toBe(7);
    expect(quantile([], 0.5)).toBeNaN();
  });
});
