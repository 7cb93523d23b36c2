import { describe, expect, it } from "vitest";
import { splitSentences } from "./sentences.js";
import { candidateBm25Scores } from "./candidate-bm25.js";

describe("splitSentences", () => {
  it("splits after sentence punctuation and at line breaks", () => {
    expect(splitSentences("The fights are great and long. The plot is thin and silly!\nA third line with words")).toEqual([
      "The fights are great and long.",
      "The plot is thin and silly!",
      "A third line with words",
    ]);
  });

  it("merges short fragments into a neighbour", () => {
    expect(splitSentences("Wow. The action never stops here. Loved it.")).toEqual(["Wow. The action never stops here. Loved it."]);
    expect(splitSentences("Great. Fun.")).toEqual(["Great. Fun."]);
  });

  it("cuts long unpunctuated runs and ignores empty input", () => {
    const words = Array.from({ length: 130 }, (_, index) => `w${index}`).join(" ");
    expect(splitSentences(words, { maxWords: 60 }).map((piece) => piece.split(" ").length)).toEqual([60, 60, 10]);
    expect(splitSentences("  \n ... ")).toEqual([]);
  });
});

describe("candidateBm25Scores", () => {
  it("scores matching documents above others, rarer terms higher, and repeats saturate", () => {
    const scores = candidateBm25Scores(["fight", "plot"], [["fight", "fight", "fight"], ["plot"], ["fight"], ["dog"], ["fight", "plot"]]);
    expect(scores[3]).toBe(0);
    expect(scores[4]).toBeGreaterThan(scores[0]!);
    expect(scores[1]).toBeGreaterThan(scores[2]!); // "plot" is rarer than "fight"
    expect(scores[0]! / scores[2]!).toBeLessThan(3); // term frequency saturates
  });

  it("returns [] for no documents and zeros for no query terms", () => {
    expect(candidateBm25Scores(["a"], [])).toEqual([]);
    expect(candidateBm25Scores([], [["a"], ["b"]])).toEqual([0, 0]);
  });
});
