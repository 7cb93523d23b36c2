/** Sentences shorter than this many words are merged into their neighbour ("Wow." is no evidence alone). */
export const DEFAULT_MIN_SENTENCE_WORDS = 4;
/** Longer "sentences" (reviews without punctuation) are cut into pieces of at most this many words. */
export const DEFAULT_MAX_SENTENCE_WORDS = 60;

/**
 * Splits a text into sentences for sentence-level matching: breaks after `.`, `!`, `?` or `…` followed
 * by whitespace and at line breaks; merges fragments under `minWords` words into the previous sentence
 * (or the next one at the start); cuts runs over `maxWords` words into pieces. Never returns an empty
 * list for a text with any word.
 */
export function splitSentences(text: string, options: { minWords?: number; maxWords?: number } = {}): string[] {
  const minWords = options.minWords ?? DEFAULT_MIN_SENTENCE_WORDS;
  const maxWords = options.maxWords ?? DEFAULT_MAX_SENTENCE_WORDS;
  const raw = text
    .split(/(?<=[.!?\u2026])\s+|\s*[\r\n]+\s*/u)
    .map((sentence) => sentence.replace(/\s+/g, " ").trim())
    .filter((sentence) => /[\p{L}\p{N}]/u.test(sentence));

  const merged: string[] = [];
  let pending = "";
  for (const sentence of raw) {
    const candidate = pending === "" ? sentence : `${pending} ${sentence}`;
    if (wordCount(candidate) < minWords) {
      pending = candidate;
      continue;
    }
    merged.push(candidate);
    pending = "";
  }
  if (pending !== "") {
    if (merged.length > 0) merged[merged.length - 1] = `${merged[merged.length - 1]} ${pending}`;
    else merged.push(pending);
  }

  return merged.flatMap((sentence) => {
    const words = sentence.split(" ");
    if (words.length <= maxWords) return [sentence];
    const pieces: string[] = [];
    for (let start = 0; start < words.length; start += maxWords) pieces.push(words.slice(start, start + maxWords).join(" "));
    return pieces;
  });
}

function wordCount(text: string): number {
  return text.split(" ").filter((word) => word !== "").length;
}
