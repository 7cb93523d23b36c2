/**
 * The Porter stemming algorithm (M. F. Porter, "An algorithm for suffix stripping", 1980), with the two
 * departures of Porter's own reference implementation (`bli` -> `ble`, `logi` -> `log` in step 2).
 *
 * It maps inflected and derived English words to a common stem ("choreographed", "choreography" ->
 * "choreograph"), so a BM25 index matches "fights" with "fight" and "stunning" with "stun". Stems are
 * not always words ("story" -> "stori"); they only need to be consistent between documents and queries.
 *
 * Input is expected lower-case, letters a-z only; anything else (digits, other scripts) is returned
 * unchanged. Words of one or two letters are returned unchanged.
 */
export function porterStem(word: string): string {
  if (word.length <= 2 || !/^[a-z]+$/.test(word)) return word;
  const stemmer = new Stemmer(word);
  stemmer.step1ab();
  if (stemmer.end > 0) {
    stemmer.step1c();
    stemmer.step2();
    stemmer.step3();
    stemmer.step4();
    stemmer.step5();
  }
  return stemmer.result();
}

/** Suffix rules of step 2, grouped by the penultimate letter of the word as in the reference code. */
const STEP2_RULES: ReadonlyArray<readonly [string, string]> = [
  ["ational", "ate"],
  ["tional", "tion"],
  ["enci", "ence"],
  ["anci", "ance"],
  ["izer", "ize"],
  ["bli", "ble"],
  ["alli", "al"],
  ["entli", "ent"],
  ["eli", "e"],
  ["ousli", "ous"],
  ["ization", "ize"],
  ["ation", "ate"],
  ["ator", "ate"],
  ["alism", "al"],
  ["iveness", "ive"],
  ["fulness", "ful"],
  ["ousness", "ous"],
  ["aliti", "al"],
  ["iviti", "ive"],
  ["biliti", "ble"],
  ["logi", "log"],
];

const STEP3_RULES: ReadonlyArray<readonly [string, string]> = [
  ["icate", "ic"],
  ["ative", ""],
  ["alize", "al"],
  ["iciti", "ic"],
  ["ical", "ic"],
  ["ful", ""],
  ["ness", ""],
];

/** Step 4 suffixes, in the order the reference implementation tries them (first match decides). */
const STEP4_SUFFIXES = [
  "al",
  "ance",
  "ence",
  "er",
  "ic",
  "able",
  "ible",
  "ant",
  "ement",
  "ment",
  "ent",
  "ion",
  "ou",
  "ism",
  "ate",
  "iti",
  "ous",
  "ive",
  "ize",
];

/**
 * Working state: `buffer` holds the word, `end` is the index of its last letter (the word is
 * buffer[0..end]), `stemEnd` the last letter of the stem once a suffix matched (set by `endsWith`).
 */
class Stemmer {
  private buffer: string[];
  end: number;
  private stemEnd = 0;

  constructor(word: string) {
    this.buffer = [...word];
    this.end = word.length - 1;
  }

  result(): string {
    return this.buffer.slice(0, this.end + 1).join("");
  }

  private letter(index: number): string {
    return this.buffer[index] ?? "";
  }

  /** True when the letter at `index` is a consonant (y is a consonant after a vowel or at the start). */
  private isConsonant(index: number): boolean {
    switch (this.letter(index)) {
      case "a":
      case "e":
      case "i":
      case "o":
      case "u":
        return false;
      case "y":
        return index === 0 ? true : !this.isConsonant(index - 1);
      default:
        return true;
    }
  }

  /** The measure m of buffer[0..stemEnd]: the number of vowel-consonant sequences, [C](VC)^m[V]. */
  private measure(): number {
    let count = 0;
    let index = 0;
    const last = this.stemEnd;
    while (true) {
      if (index > last) return count;
      if (!this.isConsonant(index)) break;
      index += 1;
    }
    index += 1;
    while (true) {
      while (true) {
        if (index > last) return count;
        if (this.isConsonant(index)) break;
        index += 1;
      }
      index += 1;
      count += 1;
      while (true) {
        if (index > last) return count;
        if (!this.isConsonant(index)) break;
        index += 1;
      }
      index += 1;
    }
  }

  /** True when buffer[0..stemEnd] contains a vowel. */
  private stemHasVowel(): boolean {
    for (let index = 0; index <= this.stemEnd; index += 1) if (!this.isConsonant(index)) return true;
    return false;
  }

  /** True when buffer[index-1..index] is a double consonant. */
  private isDoubleConsonant(index: number): boolean {
    if (index < 1) return false;
    if (this.letter(index) !== this.letter(index - 1)) return false;
    return this.isConsonant(index);
  }

  /**
   * True when buffer[index-2..index] is consonant-vowel-consonant and the last consonant is not w, x or
   * y: the stem ends like "hop", "fil" (used to restore an e: "hoping" -> "hope").
   */
  private endsConsonantVowelConsonant(index: number): boolean {
    if (index < 2 || !this.isConsonant(index) || this.isConsonant(index - 1) || !this.isConsonant(index - 2)) return false;
    const last = this.letter(index);
    return last !== "w" && last !== "x" && last !== "y";
  }

  /** True when the word ends with `suffix`; then `stemEnd` is the last index before the suffix. */
  private endsWith(suffix: string): boolean {
    const length = suffix.length;
    if (length > this.end + 1) return false;
    for (let offset = 0; offset < length; offset += 1) {
      if (this.buffer[this.end - length + 1 + offset] !== suffix[offset]) return false;
    }
    this.stemEnd = this.end - length;
    return true;
  }

  /** Replaces everything after `stemEnd` with `replacement`. */
  private setTo(replacement: string): void {
    this.buffer = [...this.buffer.slice(0, this.stemEnd + 1), ...replacement];
    this.end = this.stemEnd + replacement.length;
  }

  /** Replaces the suffix when the stem's measure is positive. */
  private replaceIfMeasured(replacement: string): void {
    if (this.measure() > 0) this.setTo(replacement);
  }

  /** Plurals and -ed / -ing: caresses -> caress, ponies -> poni, agreed -> agree, hopping -> hop. */
  step1ab(): void {
    if (this.letter(this.end) === "s") {
      if (this.endsWith("sses")) this.end -= 2;
      else if (this.endsWith("ies")) this.setTo("i");
      else if (this.letter(this.end - 1) !== "s") this.end -= 1;
    }
    if (this.endsWith("eed")) {
      if (this.measure() > 0) this.end -= 1;
    } else if ((this.endsWith("ed") || this.endsWith("ing")) && this.stemHasVowel()) {
      this.end = this.stemEnd;
      if (this.endsWith("at")) this.setTo("ate");
      else if (this.endsWith("bl")) this.setTo("ble");
      else if (this.endsWith("iz")) this.setTo("ize");
      else if (this.isDoubleConsonant(this.end)) {
        this.end -= 1;
        const last = this.letter(this.end);
        if (last === "l" || last === "s" || last === "z") this.end += 1;
      } else {
        this.stemEnd = this.end;
        if (this.measure() === 1 && this.endsConsonantVowelConsonant(this.end)) this.setTo("e");
      }
    }
  }

  /** Terminal y -> i when there is another vowel in the stem: happy -> happi, sky -> sky. */
  step1c(): void {
    if (this.endsWith("y") && this.stemHasVowel()) this.buffer[this.end] = "i";
  }

  /** Double suffixes to single ones: relational -> relate, digitizer -> digitize. */
  step2(): void {
    for (const [suffix, replacement] of STEP2_RULES) {
      if (this.endsWith(suffix)) {
        this.replaceIfMeasured(replacement);
        return;
      }
    }
  }

  /** -ic-, -full, -ness and the like: triplicate -> triplic, hopeful -> hope, goodness -> good. */
  step3(): void {
    for (const [suffix, replacement] of STEP3_RULES) {
      if (this.endsWith(suffix)) {
        this.replaceIfMeasured(replacement);
        return;
      }
    }
  }

  /** Removes -ant, -ence, -ment, ... in context m > 1: revival -> reviv, adjustment -> adjust. */
  step4(): void {
    for (const suffix of STEP4_SUFFIXES) {
      if (!this.endsWith(suffix)) continue;
      if (suffix === "ion") {
        const before = this.letter(this.stemEnd);
        if (this.stemEnd < 0 || (before !== "s" && before !== "t")) return;
      }
      if (this.measure() > 1) this.end = this.stemEnd;
      return;
    }
  }

  /** Removes a final -e and reduces -ll: probate -> probat, rate -> rate, controll -> control. */
  step5(): void {
    this.stemEnd = this.end;
    if (this.letter(this.end) === "e") {
      this.stemEnd = this.end - 1;
      const measure = this.measure();
      if (measure > 1 || (measure === 1 && !this.endsConsonantVowelConsonant(this.end - 1))) this.end -= 1;
    }
    this.stemEnd = this.end;
    if (this.letter(this.end) === "l" && this.isDoubleConsonant(this.end) && this.measure() > 1) this.end -= 1;
  }
}
