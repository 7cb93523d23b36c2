import { describe, expect, it } from "vitest";
import { ENGLISH_STOP_WORDS, TextAnalyzer } from "./text-analyzer.js";

describe("TextAnalyzer", () => {
  it("lower-cases, folds accents, drops stop words and contraction fragments, stems", () => {
    const analyzer = new TextAnalyzer();
    expect(analyzer.analyze("Don't you LOVE the Café's choreographed fights?")).toEqual(["love", "cafe", "choreograph", "fight"]);
  });

  it("keeps numbers and duplicates (term frequency)", () => {
    expect(new TextAnalyzer().analyze("4 stars, 4 stars")).toEqual(["4", "star", "4", "star"]);
  });

  it("can turn stemming and stop words off", () => {
    const analyzer = new TextAnalyzer({ stemming: false, stopWords: false, minTermLength: 1 });
    expect(analyzer.analyze("The fights")).toEqual(["the", "fights"]);
    expect(analyzer.processTerm("a")).toBe("a");
  });

  it("uses a custom stop word list", () => {
    const analyzer = new TextAnalyzer({ stopWords: ["movie"] });
    expect(analyzer.analyze("the movie")).toEqual(["the"]);
    expect(ENGLISH_STOP_WORDS.has("the")).toBe(true);
  });
});
