import type { FilterScalar } from "../../core/filter/filter-schema.js";
import { isOrdinaryWord } from "./ordinary-words.js";
import { normalizeKeepingLength, type QuestionText, type Span } from "./question-text.js";

/**
 * Finds the words of known values in a question, tolerant the way people write: case and accents
 * ("san jose" = "San José"), singular / plural ("laptops" = "laptop", "batteries" = "battery"),
 * spacing ("smart watches" = "smartwatch"), and one typo (see `typoOf`). Only free (unclaimed) text is read; a
 * longer phrase wins over a shorter one inside it.
 */

/** One phrase that names a value. */
export interface ValuePhrase {
  phrase: string;
  value: FilterScalar;
  /** The phrase is the value's own text or label (not an alias): a noun the semantic query may keep. */
  own: boolean;
}

export interface ValueMatch extends Span {
  value: FilterScalar;
  /** The phrase that matched, as the schema writes it. */
  phrase: string;
  own: boolean;
  /** Matched with a typo (edit distance 1). */
  fuzzy: boolean;
}

interface Token extends Span {
  text: string;
}

const WORD = /[\p{L}\p{N}_]+(?:['’][\p{L}]+)*/gu;
/** What may separate two words of one phrase. */
const SEPARATOR = /^[\s:,.\-/&]*$/u;

function tokens(text: string, offset = 0): Token[] {
  return [...text.matchAll(WORD)].map((match) => ({
    text: match[0].replace(/’/g, "'"),
    start: offset + match.index,
    end: offset + match.index + match[0].length,
  }));
}

/** Folds a phrase the way `QuestionText.normalized` folds the question. */
export function foldPhrase(phrase: string): string {
  return normalizeKeepingLength(phrase.trim());
}

/** The singular of a plural English word (good enough for nouns in questions). */
export function singular(word: string): string {
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(?:ches|shes|sses|xes|zes)$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

/**
 * True when `written` is a plural of `known` that `singular` does not undo: "knives" / "knife", "shelves" / "shelf",
 * "tomatoes" / "tomato", "women" / "woman", "children" / "child", "people" / "person".
 */
export function irregularPlural(written: string, known: string): boolean {
  if (written.length < 4 || known.length < 3) return false;
  const forms = [
    known.replace(/fe?$/u, "ves"),
    // Only after a letter that takes "-es" ("Tim" is no singular of "times").
    /(?:o|s|x|z|ch|sh)$/u.test(known) ? `${known}es` : known,
    known.replace(/man$/u, "men"),
    known.replace(/person$/u, "people"),
    known.replace(/child$/u, "children"),
    // Greek and Latin plurals: "theses" / "thesis", "analyses", "indices" / "index", "matrices" / "matrix".
    known.replace(/sis$/u, "ses"),
    known.replace(/[ei]x$/u, "ices"),
  ];
  return forms.some((form) => form !== known && form === written);
}

/**
 * Edit distance counting a swap of two neighbouring letters as one edit ("Halycon" = "Halcyon" is one
 * typo, as people make it), stopping early past `limit`.
 */
export function editDistance(left: string, right: string, limit = 1): number {
  if (Math.abs(left.length - right.length) > limit) return limit + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let row = 1; row <= left.length; row += 1) {
    const current = [row];
    let best = row;
    for (let column = 1; column <= right.length; column += 1) {
      const cost = left[row - 1] === right[column - 1] ? 0 : 1;
      let value = Math.min((previous[column] as number) + 1, (current[column - 1] as number) + 1, (previous[column - 1] as number) + cost);
      if (row > 1 && column > 1 && left[row - 1] === right[column - 2] && left[row - 2] === right[column - 1])
        value = Math.min(value, (beforePrevious[column - 2] as number) + 1);
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    beforePrevious = previous;
    previous = current;
  }
  return previous[right.length] as number;
}

/** The digits of a word, in order ("filmbuff88" → "88"). */
function digitsOf(word: string): string {
  return word.replace(/\D+/gu, "");
}

/** True when `written` is `known` with two neighbouring letters swapped ("viero" for "vireo"). */
function swapsTwoLetters(written: string, known: string): boolean {
  if (written.length !== known.length) return false;
  const different = [...written].flatMap((character, index) => (character === known[index] ? [] : [index]));
  const [first, second] = different;
  return (
    different.length === 2 &&
    second === (first as number) + 1 &&
    written[first as number] === known[second as number] &&
    written[second as number] === known[first as number]
  );
}

/**
 * How a question word relates to a phrase word: 0 = same, 1 = a typo away, undefined = different. A typo is one
 * edit (a swap of neighbouring letters counts as one) that keeps the first letter, in a word of 6 letters or more
 * ("halcyn" = "halcyon"); a swap in a word of 5 ("Viero" = "Vireo"); and in a phrase of several words
 * (`inPhrase`), one edit in a word of 4 or more ("Brandon Keys" = "Brandon Keyes", "Mateo Ruis" = "Mateo Ruiz").
 */
function wordDistance(writtenWord: string, known: string, inPhrase = false): number | undefined {
  // A possessive is the word itself ("Acme's" = "Acme").
  const written = known.endsWith("'s") ? writtenWord : writtenWord.replace(/'s?$/u, "");
  if (written === known || singular(written) === singular(known) || irregularPlural(written, known)) return 0;
  // "P1s", "B&Bs": the plural of a short code or of a letter of an abbreviation, which `singular` leaves alone.
  if (written === `${known}s` && (known.length === 1 || (/\d/u.test(known) && /\p{L}/u.test(known)))) return 0;
  // "mons" for "monitor", "strats" for "strategy": the plural of a clipped word (three to five letters that start a
  // value three or more letters longer), when it is no ordinary word; read as a typo is, with a warning.
  if (!inPhrase && clippedPlural(written, known)) return 1;
  // A name with digits ("filmbuff88") tolerates a typo in its letters only: its digits must be the same,
  // so "2021" never matches "2022".
  if ((/\d/.test(written) || /\d/.test(known)) && digitsOf(written) !== digitsOf(known)) return undefined;
  if (/\d/.test(known) && known.replace(/\d+/gu, "").length < 6) return undefined;
  // People rarely get the first letter wrong: "Justin" is not a typo of "Austin", nor "noodles" of "poodle".
  if (written[0] !== known[0]) return undefined;
  const base = singular(known);
  const near = editDistance(singular(written), base) <= 1 || editDistance(written, known) <= 1;
  if (base.length >= 6 && near) return 1;
  if (base.length >= 5 && (swapsTwoLetters(written, known) || swapsTwoLetters(singular(written), base))) return 1;
  if (inPhrase && base.length >= 4 && near) return 1;
  return undefined;
}

interface Compiled {
  phrase: string;
  words: string[];
  /** The phrase's words as the schema writes them (case kept). */
  written: string[];
  joined: string;
  value: FilterScalar;
  own: boolean;
  /** The phrase's "and" was left out: "&" must stand before this word ("drum & bass"). */
  ampersandAt?: number;
}

/** Finds the phrases in the free text of the question, longest first, without overlaps. */
export function findValuePhrases(text: QuestionText, phrases: readonly ValuePhrase[]): ValueMatch[] {
  const masked = text.masked();
  const words = tokens(masked);
  const compiled: Compiled[] = phrases
    .flatMap((entry) => {
      const folded = tokens(foldPhrase(entry.phrase)).map((token) => token.text);
      const written = tokens(entry.phrase.trim()).map((token) => token.text);
      const compiledEntry = { phrase: entry.phrase, words: folded, written, joined: folded.join(""), value: entry.value, own: entry.own };
      // "drum & bass" for "drum and bass": the same words with "&" for "and".
      const and = folded.indexOf("and");
      if (and <= 0 || and === folded.length - 1) return [compiledEntry];
      const without = (words: string[]) => words.filter((_, index) => index !== and);
      const ampersand = { ...compiledEntry, words: without(folded), written: without(written), ampersandAt: and };
      return [compiledEntry, { ...ampersand, joined: ampersand.words.join("") }];
    })
    .filter((entry) => entry.words.length > 0)
    .sort((left, right) => right.joined.length - left.joined.length);
  const taken = new Uint8Array(masked.length);
  const found: ValueMatch[] = [];
  const free = (span: Span) => {
    for (let index = span.start; index < span.end; index += 1) if (taken[index] === 1) return false;
    return text.isFree(span);
  };
  for (const entry of compiled) {
    for (let start = 0; start < words.length; start += 1) {
      const match = matchAt(text.original, masked, words, start, entry);
      if (match === undefined || !free(match)) continue;
      for (let index = match.start; index < match.end; index += 1) taken[index] = 1;
      found.push({ ...match, value: entry.value, phrase: entry.phrase, own: entry.own });
    }
  }
  return found.sort((left, right) => left.start - right.start);
}

function matchAt(
  original: string,
  masked: string,
  words: Token[],
  start: number,
  entry: Compiled,
): (Span & { fuzzy: boolean }) | undefined {
  // Word by word: "san jose" = "San José", "laptops" = "laptop".
  let typos = 0;
  let typoAt: number | undefined;
  let matched = true;
  for (let offset = 0; offset < entry.words.length; offset += 1) {
    const word = words[start + offset];
    if (word === undefined) {
      matched = false;
      break;
    }
    const gap = offset > 0 ? masked.slice((words[start + offset - 1] as Token).end, word.start) : "";
    if (offset > 0 && (!SEPARATOR.test(gap) || (offset === entry.ampersandAt && !gap.includes("&")))) {
      matched = false;
      break;
    }
    const distance = wordDistance(word.text, entry.words[offset] as string, entry.words.length > 1);
    if (distance === undefined) {
      matched = false;
      break;
    }
    if (distance > 0) typoAt = offset;
    typos += distance;
  }
  if (matched && typos <= 1 && (typoAt === undefined || plausibleTypo(original, words, start, entry, typoAt))) {
    const first = words[start] as Token;
    const last = words[start + entry.words.length - 1] as Token;
    return { start: first.start, end: last.end, fuzzy: typos > 0 };
  }
  // Spacing: "smart watches" = "smartwatch", "smartwatch" = "smart watch".
  for (const count of [1, 2]) {
    if (count === entry.words.length) continue;
    const group = words.slice(start, start + count);
    if (group.length < count) continue;
    if (group.some((word, index) => index > 0 && !/^[\s-]*$/u.test(masked.slice((group[index - 1] as Token).end, word.start)))) continue;
    const joined = group.map((word) => word.text).join("");
    // "grindhouse gal" = "grindhouse_gal": an underscore is a space of a name.
    // A hyphenated phrase is often written joined even when short ("scifi" = "sci-fi", "ebook" = "e-book"; "lofi" =
    // "lo-fi" when the joined word is no ordinary word: "coop" is not "co-op").
    const hyphenated = /-/u.test(entry.phrase);
    const shortest = hyphenated ? 5 : 6;
    const long = joined.length >= shortest || (hyphenated && joined.length === 4 && !isOrdinaryWord(joined));
    if (long && wordDistance(joined, entry.joined.replace(/_/gu, "")) === 0)
      return { start: (group[0] as Token).start, end: (group[count - 1] as Token).end, fuzzy: false };
  }
  return undefined;
}

/** True when `written` is the plural of a clipped `known` ("mons" of "monitor") and no ordinary word ("docs", "tabs" are). */
function clippedPlural(written: string, known: string): boolean {
  if (!/^\p{Ll}{3,5}s$/u.test(written) || isOrdinaryWord(written)) return false;
  const stem = written.slice(0, -1);
  return /^\p{Ll}+$/u.test(known) && known.length >= stem.length + 3 && known.startsWith(stem);
}

/**
 * A word one typo away from a phrase word is a typo of it unless it is an ordinary word ("table" for "tablet",
 * "route" for "router", "forever home" for "Furever Home"); in a name of several words written as a name, the
 * others exact, an ordinary word is still a typo ("Brandon Keys" for "Brandon Keyes"), and so is the other
 * spelling of a word ("theater" for "theatre", "color" for "colour").
 */
function plausibleTypo(original: string, words: Token[], start: number, entry: Compiled, typoAt: number): boolean {
  const typo = (words[start + typoAt] as Token).text.replace(/'s?$/u, "");
  if (entry.words.length === 1 && clippedPlural(typo, entry.words[0] as string)) return true;
  if (!isOrdinaryWord(typo) && !isOrdinaryWord(singular(typo))) return true;
  if (spellingVariant(singular(typo), singular(entry.words[typoAt] as string))) return true;
  // A name: some word capitalised ("the first firm" is not "the first film").
  if (entry.words.length < 2 || !entry.written.some((word) => /^\p{Lu}/u.test(word))) return false;
  // "brandon keys' take": written lowercase, the name's other words exact (one typo in all), and a possessive after it.
  const last = words[start + entry.words.length - 1] as Token;
  if (/['’]s$/u.test(last.text) || /^['’]s?(?![\p{L}])/u.test(original.slice(last.end))) return true;
  return entry.written.every((word, offset) => {
    const token = words[start + offset] as Token;
    return !/^\p{Lu}/u.test(word) || /^\p{Lu}/u.test(original.slice(token.start, token.end));
  });
}

/** British and American spellings of one word: "theater" / "theatre", "color" / "colour", "organize" / "organise". */
const SPELLING_VARIANTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/er$/u, "re"],
  [/re$/u, "er"],
  [/or(?=s?$)/u, "our"],
  [/our(?=s?$)/u, "or"],
  [/iz(?=e[sd]?$|ing$)/u, "is"],
  [/is(?=e[sd]?$|ing$)/u, "iz"],
  [/yz(?=e[sd]?$)/u, "ys"],
  [/ys(?=e[sd]?$)/u, "yz"],
  [/gray/u, "grey"],
  [/grey/u, "gray"],
];

function spellingVariant(written: string, known: string): boolean {
  return SPELLING_VARIANTS.some(([pattern, replacement]) => pattern.test(written) && written.replace(pattern, replacement) === known);
}
