import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { porterStem } from "./porter-stemmer.js";

// Pairs from Porter's 1980 paper and the reference vocabulary/output files.
const REFERENCE_PAIRS: Array<[string, string]> = [
  ["caresses", "caress"],
  ["ponies", "poni"],
  ["ties", "ti"],
  ["caress", "caress"],
  ["cats", "cat"],
  ["feed", "feed"],
  ["agreed", "agre"],
  ["plastered", "plaster"],
  ["bled", "bled"],
  ["motoring", "motor"],
  ["sing", "sing"],
  ["conflated", "conflat"],
  ["troubled", "troubl"],
  ["sized", "size"],
  ["hopping", "hop"],
  ["tanned", "tan"],
  ["falling", "fall"],
  ["hissing", "hiss"],
  ["fizzed", "fizz"],
  ["failing", "fail"],
  ["filing", "file"],
  ["happy", "happi"],
  ["sky", "sky"],
  ["relational", "relat"],
  ["conditional", "condit"],
  ["rational", "ration"],
  ["valenci", "valenc"],
  ["hesitanci", "hesit"],
  ["digitizer", "digit"],
  ["conformabli", "conform"],
  ["radicalli", "radic"],
  ["differentli", "differ"],
  ["vileli", "vile"],
  ["analogousli", "analog"],
  ["vietnamization", "vietnam"],
  ["predication", "predic"],
  ["operator", "oper"],
  ["feudalism", "feudal"],
  ["decisiveness", "decis"],
  ["hopefulness", "hope"],
  ["callousness", "callous"],
  ["formaliti", "formal"],
  ["sensitiviti", "sensit"],
  ["sensibiliti", "sensibl"],
  ["triplicate", "triplic"],
  ["formative", "form"],
  ["formalize", "formal"],
  ["electriciti", "electr"],
  ["electrical", "electr"],
  ["hopeful", "hope"],
  ["goodness", "good"],
  ["revival", "reviv"],
  ["allowance", "allow"],
  ["inference", "infer"],
  ["airliner", "airlin"],
  ["gyroscopic", "gyroscop"],
  ["adjustable", "adjust"],
  ["defensible", "defens"],
  ["irritant", "irrit"],
  ["replacement", "replac"],
  ["adjustment", "adjust"],
  ["dependent", "depend"],
  ["adoption", "adopt"],
  ["homologou", "homolog"],
  ["communism", "commun"],
  ["activate", "activ"],
  ["angulariti", "angular"],
  ["homologous", "homolog"],
  ["effective", "effect"],
  ["bowdlerize", "bowdler"],
  ["probate", "probat"],
  ["rate", "rate"],
  ["cease", "ceas"],
  ["controll", "control"],
  ["roll", "roll"],
  ["generalizations", "gener"],
  ["oscillators", "oscil"],
  ["consign", "consign"],
  ["consigned", "consign"],
  ["consigning", "consign"],
  ["consignment", "consign"],
  ["consist", "consist"],
  ["consisted", "consist"],
  ["consistency", "consist"],
  ["consistent", "consist"],
  ["consistently", "consist"],
  ["consisting", "consist"],
  ["consists", "consist"],
  ["knack", "knack"],
  ["knackeries", "knackeri"],
  ["knaves", "knave"],
  ["knavish", "knavish"],
  ["kneaded", "knead"],
  ["knees", "knee"],
  ["knightly", "knightli"],
];

describe("porterStem", () => {
  it.each(REFERENCE_PAIRS)("stems %s to %s", (word, stem) => {
    expect(porterStem(word)).toBe(stem);
  });

  it("conflates the inflections a review search needs", () => {
    expect(porterStem("fights")).toBe(porterStem("fight"));
    expect(porterStem("choreographed")).toBe(porterStem("choreograph"));
    expect(porterStem("stunning")).toBe(porterStem("stun"));
    expect(porterStem("stories")).toBe(porterStem("story"));
    expect(porterStem("reviewers")).toBe(porterStem("reviewer"));
  });

  it("leaves short words, digits and non-ASCII words unchanged", () => {
    expect(porterStem("is")).toBe("is");
    expect(porterStem("2014")).toBe("2014");
    expect(porterStem("café")).toBe("café");
    expect(porterStem("")).toBe("");
  });

  it("never lengthens a word by more than one letter", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{1,20}$/), (word) => {
        const stem = porterStem(word);
        expect(stem.length).toBeGreaterThan(0);
        expect(stem.length).toBeLessThanOrEqual(word.length + 1);
        expect(stem).toMatch(/^[a-z]+$/);
      }),
    );
  });
});
