import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ErrorCodes } from "../core/errors/error-codes.js";
import { evaluateRanking } from "./metrics.js";
import { formatTrecRun, parseTrecRun, scoresForRunFile } from "./run-file.js";

describe("TREC run files", () => {
  it("writes `qid Q0 docid rank score tag` lines, ranks from 1", () => {
    const text = formatTrecRun(
      [
        {
          queryId: "q1",
          documents: [
            { id: "jw1-3", score: 0.75 },
            { id: "jw2-0", score: 0.5 },
          ],
        },
        { queryId: "q2", documents: [] },
        { queryId: "q3", documents: [{ id: "jw4-1", score: 1e-7 }] },
      ],
      "naive",
    );
    expect(text).toBe("q1 Q0 jw1-3 1 0.75 naive\nq1 Q0 jw2-0 2 0.5 naive\nq3 Q0 jw4-1 1 1e-7 naive\n");
    expect(parseTrecRun(text)).toEqual([
      { queryId: "q1", documentId: "jw1-3", rank: 1, score: 0.75, tag: "naive" },
      { queryId: "q1", documentId: "jw2-0", rank: 2, score: 0.5, tag: "naive" },
      { queryId: "q3", documentId: "jw4-1", rank: 1, score: 1e-7, tag: "naive" },
    ]);
  });

  it("round-trips scores exactly, so the evaluated ranking is the written one", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({ id: fc.stringMatching(/^[a-z0-9-]{1,8}$/), score: fc.double({ noNaN: true, noDefaultInfinity: true }) }),
          { selector: (document) => document.id, maxLength: 20 },
        ),
        (documents) => {
          const parsed = parseTrecRun(formatTrecRun([{ queryId: "q", documents }], "tag"));
          expect(parsed.map((line) => line.score)).toEqual(
            documents.map((document) => (Object.is(document.score, -0) ? 0 : document.score)),
          );
          const judgments = Object.fromEntries(documents.slice(0, 5).map((document, index) => [document.id, index % 3]));
          expect(
            evaluateRanking(
              parsed.map((line) => ({ id: line.documentId, score: line.score })),
              judgments,
            ),
          ).toEqual(evaluateRanking(documents, judgments));
        },
      ),
    );
  });

  it("refuses ids and tags with spaces, and non-finite scores", () => {
    expect(() => formatTrecRun([{ queryId: "q 1", documents: [] }], "t")).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION }),
    );
    expect(() => formatTrecRun([{ queryId: "q1", documents: [{ id: "a b", score: 1 }] }], "t")).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION }),
    );
    expect(() => formatTrecRun([], "my tag")).toThrow(expect.objectContaining({ code: ErrorCodes.INVALID_OPTION }));
    expect(() => formatTrecRun([{ queryId: "q1", documents: [{ id: "a", score: Number.NaN }] }], "t")).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTION }),
    );
    expect(() => parseTrecRun("q1 Q0 a 1 0.5\n")).toThrow(expect.objectContaining({ code: ErrorCodes.INVALID_DATA, line: 1 }));
  });
});

describe("scoresForRunFile", () => {
  it("keeps scores that follow the ranking, ties included", () => {
    const documents = [
      { id: "a", score: 0.9 },
      { id: "b", score: 0.9 },
      { id: "c", score: 0.1 },
    ];
    expect(scoresForRunFile(documents)).toEqual({ documents, rankBased: false });
  });

  it("switches to rank-based scores when the order is not the score order", () => {
    const { documents, rankBased } = scoresForRunFile([
      { id: "a", score: 0.2 },
      { id: "b", score: 0.9 },
      { id: "c", score: Number.NaN },
    ]);
    expect(rankBased).toBe(true);
    expect(documents).toEqual([
      { id: "a", score: 3 },
      { id: "b", score: 2 },
      { id: "c", score: 1 },
    ]);
  });
});
