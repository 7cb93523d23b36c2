/**
 * A question being taken apart: recognisers find constraint phrases with regular expressions on a
 * lower-cased copy (same length as the original, so offsets match), and claim them. Claimed characters
 * are masked (`MASK`) so later recognisers cannot reuse them, and are left out of the semantic query.
 */

/** Replaces claimed characters in `masked()`. Neither a word character nor white space. */
export const MASK = "\u0001";
/** Replaces protected characters (a quotation) in `masked()`: no recogniser reads them, the semantic query keeps them. */
export const PROTECTED = "\u0002";

const TYPOGRAPHIC: Record<string, string> = {
  "\u2018": "'",
  "\u2019": "'",
  "\u201C": '"',
  "\u201D": '"',
  "\u2013": "-",
  "\u2014": "-",
  "\u2212": "-",
  "\u00A0": " ",
};

/** A character without its accents ("é" → "e"), when that keeps its length. */
function withoutAccents(character: string): string {
  const stripped = character.normalize("NFD").replace(/\p{M}+/gu, "");
  return stripped.length === character.length ? stripped : character;
}

/**
 * Lower-cases, drops accents ("José" → "jose") and normalises quotes and dashes one character at a
 * time, so the length never changes.
 */
export function normalizeKeepingLength(text: string): string {
  let result = "";
  for (const character of text) {
    const replaced = TYPOGRAPHIC[character] ?? withoutAccents(character.toLowerCase());
    // A few characters change length when lower-cased (e.g. "İ"); keep those as they are.
    result += replaced.length === character.length ? replaced : character;
  }
  return result;
}

/** A half-open character range `[start, end)` of the question. */
export interface Span {
  start: number;
  end: number;
}

export class QuestionText {
  readonly original: string;
  /** Lower-cased, normalised copy of `original` (same length). */
  readonly normalized: string;
  private readonly claimedCharacters: Uint8Array;
  /** Claimed characters that name a value ("laptops"): kept in a semantic remainder, dropped from a filter-only one. */
  private readonly softCharacters: Uint8Array;
  private readonly protectedCharacters: Uint8Array;
  private maskedCache: string | undefined;

  constructor(question: string) {
    this.original = question;
    this.normalized = normalizeKeepingLength(question);
    this.claimedCharacters = new Uint8Array(question.length);
    this.softCharacters = new Uint8Array(question.length);
    this.protectedCharacters = new Uint8Array(question.length);
  }

  /** Hides a span from every recogniser without removing it from the semantic query (a quotation). */
  protect({ start, end }: Span): void {
    for (let index = Math.max(0, start); index < Math.min(end, this.original.length); index += 1) this.protectedCharacters[index] = 1;
    this.maskedCache = undefined;
  }

  /** Claims a span that names a value in words the semantic query may keep ("Acme *headphones*"). */
  claimSoft(span: Span): void {
    this.claim(span);
    for (let index = Math.max(0, span.start); index < Math.min(span.end, this.original.length); index += 1) this.softCharacters[index] = 1;
  }

  /** `normalized` with every claimed character replaced by `MASK` and every protected one by `PROTECTED`. */
  masked(): string {
    if (this.maskedCache === undefined) {
      let text = "";
      for (let index = 0; index < this.normalized.length; index += 1) {
        text += this.claimedCharacters[index] === 1 ? MASK : this.protectedCharacters[index] === 1 ? PROTECTED : this.normalized[index];
      }
      this.maskedCache = text;
    }
    return this.maskedCache;
  }

  /** True when no character of the span is claimed yet. */
  isFree({ start, end }: Span): boolean {
    for (let index = start; index < end; index += 1) if (this.claimedCharacters[index] === 1) return false;
    return true;
  }

  isClaimed(index: number): boolean {
    return this.claimedCharacters[index] === 1;
  }

  /** Marks a span as used by a constraint. */
  claim({ start, end }: Span): void {
    for (let index = Math.max(0, start); index < Math.min(end, this.original.length); index += 1) this.claimedCharacters[index] = 1;
    this.maskedCache = undefined;
  }

  /** Gives a claimed span back (a rule found it was not a constraint after all). */
  release({ start, end }: Span): void {
    for (let index = Math.max(0, start); index < Math.min(end, this.original.length); index += 1) {
      this.claimedCharacters[index] = 0;
      this.softCharacters[index] = 0;
    }
    this.maskedCache = undefined;
  }

  /** The original question with claimed characters replaced by spaces (soft-claimed ones kept when `keepSoft`). */
  unclaimedText(keepSoft = false): string {
    let text = "";
    for (let index = 0; index < this.original.length; index += 1) {
      const dropped = this.claimedCharacters[index] === 1 && !(keepSoft && this.softCharacters[index] === 1);
      text += dropped ? " " : this.original[index];
    }
    return text;
  }

  /** True when the character is soft-claimed. */
  isSoft(index: number): boolean {
    return this.softCharacters[index] === 1;
  }

  /** The maximal claimed spans, in order. */
  claimedSpans(): Span[] {
    const spans: Span[] = [];
    let start = -1;
    for (let index = 0; index <= this.original.length; index += 1) {
      const claimed = index < this.original.length && this.claimedCharacters[index] === 1;
      if (claimed && start < 0) start = index;
      if (!claimed && start >= 0) {
        spans.push({ start, end: index });
        start = -1;
      }
    }
    return spans;
  }
}
