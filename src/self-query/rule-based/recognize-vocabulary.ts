import type { FilterScalar } from "../../core/filter/filter-schema.js";
import type { AttributeDefinition } from "../attribute-schema.js";
import { RESTRICTING_WORDS, fragmentWords, joinedAsList, negationBefore, warnOnce, type RecognizerContext } from "./mentions.js";
import { escapeRegExp, phrasesPattern } from "./patterns.js";
import { normalizeKeepingLength, type Span } from "./question-text.js";
import { isDocumentNoun, knownWord, modifiesAnotherNoun } from "./recognize-enums.js";
import { isOrdinaryWord } from "./ordinary-words.js";
import { findValuePhrases, singular } from "./value-matcher.js";

/** Vocabularies up to this size are also matched with plurals, spacing and one typo (see `findValuePhrases`). */
const TOLERANT_VOCABULARY_SIZE = 2_000;

/**
 * Mentions of known string values (e.g. author names read from the documents). Only exact vocabulary
 * values count (case-insensitive), and only where the question clearly names them:
 * - after a cue: "by X", "from X", "did X ...", "reviewer X", or one of the attribute's aliases;
 * - before a cue: "X's review", "X thinks / says / wrote / rated ...";
 * - anywhere, when the value is unlike an ordinary word (it has a digit, "_" or "-": "Leofwine_draca"),
 *   has several words ("Keiko Tanaka"), or is a capitalised name written capitalised ("Acme headphones");
 * - in a list right after another accepted value ("by X or Y").
 * "not by X" / "except X's" give a negated mention.
 */
const GENERIC_CUES_BEFORE = ["by", "from", "did", "does", "do", "reviewer", "reviewers", "author", "user", "critic", "according to"];
const CUES_AFTER = [
  "posted",
  "published",
  "submitted",
  "think",
  "thinks",
  "thought",
  "say",
  "says",
  "said",
  "write",
  "writes",
  "wrote",
  "review",
  "reviews",
  "reviewed",
  "rate",
  "rates",
  "rated",
  "like",
  "liked",
  "likes",
  "dislike",
  "disliked",
  "feel",
  "feels",
  "felt",
  "make of",
  "made of",
  "mean",
  "meant",
  "gave",
  "give",
  "gives",
  "call",
  "calls",
  "called",
  "hate",
  "hated",
  "love",
  "loved",
  "complain",
  "complained",
  "mention",
  "mentions",
  "mentioned",
  "describe",
  "described",
  "praise",
  "praised",
  "criticize",
  "criticized",
  "criticise",
  "criticised",
];

interface VocabularyPattern {
  /** All values, longest first (so "bob the moo" wins over a shorter value inside it). */
  pattern: RegExp;
  /** Lower-cased value with single spaces → the value as indexed. */
  valueOf: Map<string, FilterScalar>;
}

/** Built once per attribute: a vocabulary can hold thousands of values. */
const vocabularyPatterns = new WeakMap<AttributeDefinition, VocabularyPattern>();

function vocabularyPattern(attribute: AttributeDefinition): VocabularyPattern {
  const cached = vocabularyPatterns.get(attribute);
  if (cached) return cached;
  const valueOf = new Map<string, FilterScalar>();
  for (const entry of attribute.values) {
    if (typeof entry.value !== "string" || entry.value.trim() === "") continue;
    const key = normalizeKeepingLength(entry.value.trim()).replace(/\s+/g, " ");
    if (!valueOf.has(key)) valueOf.set(key, entry.value);
  }
  const alternatives = [...valueOf.keys()]
    .sort((left, right) => right.length - left.length)
    .map((key) => escapeRegExp(key).replace(/ /g, "\\s+"));
  const source =
    alternatives.length === 0 ? "(?!)" : `(?<![\\p{L}\\p{N}_])(?:${alternatives.join("|")})(?![\\p{L}\\p{N}_]|-[\\p{L}\\p{N}])`;
  const built = { pattern: new RegExp(source, "gu"), valueOf };
  vocabularyPatterns.set(attribute, built);
  return built;
}

const POSSESSIVE_AFTER = /^(?:'s|')(?![\p{L}\p{N}_])/u;

interface Candidate extends Span {
  value: FilterScalar;
  /** Matched with a typo ("Viero" for "Vireo"), or by one word of the name. */
  fuzzy?: boolean;
  /** One word of a name of several words ("Whitaker's listings"): read only after a cue. */
  partial?: boolean;
}

export function recognizeVocabulary(context: RecognizerContext): void {
  const vocabularies = context.schema.attributes.filter((attribute) => attribute.type === "string" && attribute.values.length > 0);
  for (const attribute of vocabularies) recognizeAttributeValues(context, attribute);
  if (vocabularies.length > 0) warnUnknownNames(context, vocabularies);
}

/** A name-like word after "by" / "from": capitalised, or with a digit or "_" ("JaneDoe99", "grind_house"). */
const NAME_AFTER_CUE =
  /(?<![\p{L}\p{N}_])(by|from|written by|posted by)\s+((?:\p{Lu}[\p{L}\p{N}_'-]*(?:\s+\p{Lu}[\p{L}\p{N}_'-]*)?)|[\p{L}_]*[\p{L}][\p{L}_]*\d[\p{L}\p{N}_]*|[\p{L}\p{N}]+_[\p{L}\p{N}_]+)(?![\p{L}\p{N}_])/gu;
const CALENDAR_WORDS =
  /^(?:january|february|march|april|may|june|july|august|september|october|november|december|spring|summer|fall|autumn|winter|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday)$/iu;

/**
 * "reviews by JaneDoe99", "laptops from Acmee": a name after a cue that no vocabulary holds is not placed;
 * a warning says so (instead of silently dropping what reads as a constraint).
 */
function warnUnknownNames(context: RecognizerContext, vocabularies: readonly AttributeDefinition[]): void {
  const { text } = context;
  for (const match of text.original.matchAll(NAME_AFTER_CUE)) {
    const name = match[2] as string;
    const start = match.index + match[0].length - name.length;
    if (!text.isFree({ start, end: start + name.length })) continue;
    const firstWord = name.split(/\s+/u)[0] as string;
    if (CALENDAR_WORDS.test(firstWord) || /^\d+$/u.test(name)) continue;
    // A value of another attribute ("from Miami") was read, or is left for a later recogniser.
    const folded = normalizeKeepingLength(firstWord);
    const known = context.schema.attributes.some(
      (attribute) =>
        !vocabularies.includes(attribute) &&
        attribute.values.some((entry) =>
          [String(entry.value), entry.label ?? "", ...entry.aliases].some((phrase) =>
            normalizeKeepingLength(phrase).split(/\s+/u).includes(folded),
          ),
        ),
    );
    if (known) continue;
    warnOnce(
      context,
      `"${name}" (after "${match[1] as string}") is not a known ${vocabularies.map((attribute) => attribute.name).join(" or ")}; not read as a constraint`,
    );
  }
}

function recognizeAttributeValues(context: RecognizerContext, attribute: AttributeDefinition): void {
  const { text } = context;
  const cueBefore = new RegExp(`${phrasesPattern([...GENERIC_CUES_BEFORE, ...attribute.aliases])}\\s*[:"']?\\s*$`, "u");
  // "tickets kenji handled", "what maya wrote": the verb of an alias "<participle> by" ("handled by") after the name.
  const aliasVerbs = attribute.aliases.flatMap((alias) => /^(\p{L}+)\s+by$/iu.exec(alias.trim())?.[1] ?? []);
  const cueAfter = new RegExp(`^["']?\\s*${phrasesPattern([...CUES_AFTER, ...aliasVerbs])}`, "u");

  const { pattern, valueOf } = vocabularyPattern(attribute);
  const candidates: Candidate[] = [];
  pattern.lastIndex = 0;
  for (const match of text.masked().matchAll(pattern)) {
    const value = valueOf.get(match[0].replace(/\s+/g, " "));
    if (value !== undefined) candidates.push({ start: match.index, end: match.index + match[0].length, value });
  }
  if (attribute.values.length <= TOLERANT_VOCABULARY_SIZE) {
    // Plurals, spacing, accents and one typo ("Tesel" = "Tessel"), where the exact pass found nothing.
    const phrases = attribute.values
      .filter((entry) => typeof entry.value === "string")
      .map((entry) => ({ phrase: String(entry.value), value: entry.value, own: true }));
    for (const match of findValuePhrases(text, phrases)) {
      if (candidates.some((candidate) => candidate.start < match.end && match.start < candidate.end)) continue;
      candidates.push({ start: match.start, end: match.end, value: match.value, fuzzy: match.fuzzy });
    }
    for (const partial of partialNames(context, attribute)) {
      if (candidates.some((candidate) => candidate.start < partial.end && partial.start < candidate.end)) continue;
      candidates.push(partial);
    }
    candidates.sort((left, right) => left.start - right.start);
  }

  // Which candidates name a value here: cued or distinctive ones, then those in a list with one of them, either side
  // ("by X or Y", "quietviewer and Mateo Ruiz reviews").
  const accepted = candidates.map((candidate) => clearlyNamed(context, attribute, candidate, cueBefore, cueAfter));
  for (let changed = true; changed;) {
    changed = false;
    for (let index = 0; index < candidates.length; index += 1) {
      if (accepted[index] === true) continue;
      const before = candidates[index - 1];
      const after = candidates[index + 1];
      const candidate = candidates[index] as Candidate;
      const listed =
        (before !== undefined && accepted[index - 1] === true && joinedAsList(text, before, candidate)) ||
        (after !== undefined && accepted[index + 1] === true && joinedAsList(text, candidate, after));
      if (listed) accepted[index] = changed = true;
    }
  }
  // "northwind and orbit gear", "stonemaier or leder": names of one vocabulary written lowercase and joined as a list
  // name its values, when one of them at least is no ordinary word; "not quietviewer": a name that is no ordinary word
  // right after a negation is excluded.
  for (const group of listedRuns(text, candidates)) {
    if (group.some((index) => accepted[index] === true)) continue;
    const distinctive = group.some((index) => {
      const written = text.original.slice((candidates[index] as Candidate).start, (candidates[index] as Candidate).end);
      // One word of a name (a partial candidate) is no ordinary word by construction.
      return candidates[index]?.partial === true || (!isOrdinaryWord(written) && !isOrdinaryWord(singular(written)));
    });
    const negated = group.length === 1 && negationBefore(text, (candidates[group[0] as number] as Candidate).start) !== undefined;
    if (distinctive && (group.length > 1 || negated)) for (const index of group) accepted[index] = true;
  }
  // "halcyn gear": a name written lowercase with no cue is not read; unless it is an ordinary word ("orbit"), say so.
  for (const [index, candidate] of candidates.entries()) {
    const written = text.original.slice(candidate.start, candidate.end);
    if (accepted[index] === true || /\s/u.test(written) || isOrdinaryWord(written) || isOrdinaryWord(singular(written))) continue;
    warnOnce(
      context,
      `"${written}" may be ${attribute.name} ${JSON.stringify(candidate.value)}; not read (write it as the name, or after "by")`,
    );
  }

  let previous: (Candidate & { negated: boolean }) | undefined;
  for (const [index, candidate] of candidates.entries()) {
    if (accepted[index] !== true) continue;
    const possessive = POSSESSIVE_AFTER.exec(text.masked().slice(candidate.end, candidate.end + 40));
    const listed = previous !== undefined && joinedAsList(text, previous, candidate);
    const negationStart = negationBefore(text, candidate.start, attribute.aliases);
    const negated = negationStart !== undefined || (listed && previous?.negated === true);
    const claimEnd = candidate.end + (possessive ? possessive[0].length : 0);
    text.claim({ start: negationStart ?? candidate.start, end: claimEnd });
    if (candidate.fuzzy === true)
      warnOnce(
        context,
        `read "${text.original.slice(candidate.start, candidate.end)}" as ${attribute.name} ${JSON.stringify(candidate.value)}`,
      );
    context.mentions.push({
      kind: "members",
      attribute,
      field: attribute.name,
      values: [candidate.value],
      negated,
      position: candidate.start,
      span: { start: negationStart ?? candidate.start, end: claimEnd },
    });
    previous = { ...candidate, end: claimEnd, negated };
  }
}

/** Runs of candidates joined as a list ("a, b or c"), as indexes into `candidates` (sorted by position); a lone candidate is a run of one. */
function listedRuns(text: RecognizerContext["text"], candidates: readonly Candidate[]): number[][] {
  const runs: number[][] = [];
  for (const [index, candidate] of candidates.entries()) {
    const run = runs.at(-1);
    const last = run === undefined ? undefined : candidates[run.at(-1) as number];
    if (run !== undefined && last !== undefined && joinedAsList(text, last, candidate)) run.push(index);
    else runs.push([index]);
  }
  return runs;
}

/**
 * True when a candidate clearly names a value: it is unlike an ordinary word (a digit, "_", "-" or several words),
 * a capitalised name written capitalised, or it has a cue before or after it ("by X", "X's", "X wrote", "northwind
 * tablets", "halcyon products").
 */
function clearlyNamed(
  context: RecognizerContext,
  attribute: AttributeDefinition,
  candidate: Candidate,
  cueBefore: RegExp,
  cueAfter: RegExp,
): boolean {
  const { text } = context;
  const before = text.masked().slice(Math.max(0, candidate.start - 40), candidate.start);
  const after = text.masked().slice(candidate.end, candidate.end + 40);
  const written = text.original.slice(candidate.start, candidate.end);
  // "Whitaker's listings", "pratchett audiobooks": one word of a name, with a cue, or before a kind or a word for the documents.
  if (candidate.partial === true)
    return (
      cueBefore.test(before) ||
      POSSESSIVE_AFTER.test(after) ||
      cueAfter.test(after) ||
      namesAKind(context, after) ||
      namesTheDocuments(context, after)
    );
  const capitalised = /^\p{Lu}/u.test(String(candidate.value)) && /^\p{Lu}/u.test(written);
  if (/[\d_\-\s]/.test(String(candidate.value).trim()) || capitalised) return true;
  // "studios in soma", "not in the mission": a preposition of place before a value of a vocabulary of places, unless an
  // ordinary word there describes the noun after it ("lofts in sunset light").
  if (
    PLACE_WORDS.test(`${attribute.name.replace(/[_-]+/gu, " ")} ${attribute.description}`) &&
    PLACE_CUE_BEFORE.test(before) &&
    !(isOrdinaryWord(written) && modifiesAnotherNoun(context, candidate.start, candidate.end))
  )
    return true;
  // "northwind tablets", "cheap lumen monitors", "halcyn products": a capitalised name written lowercase right before a
  // kind the schema lists (a value of an enum attribute) or a word for the documents names the maker of that kind.
  const beforeKind = /^\p{Lu}/u.test(String(candidate.value)) && (namesAKind(context, after) || namesTheDocuments(context, after));
  return (
    cueBefore.test(before) ||
    POSSESSIVE_AFTER.test(after) ||
    // "quitviewer's take": the possessive glued to a written name that is no ordinary word is the same cue ("a heron's
    // nest" is a bird's).
    (/\p{L}'s$/u.test(written) && !isOrdinaryWord(written.slice(0, -2))) ||
    cueAfter.test(after) ||
    beforeKind ||
    aloneInQuestion(context, candidate) ||
    // "quietviewer, 2025 only", "coldopne only, ...", "ferncliff beans, uptown only": a name that is no ordinary word, alone
    // in a fragment of the question with words of the schema, for the documents or of restriction only.
    (!isOrdinaryWord(written) && !isOrdinaryWord(singular(written)) && constraintFragment(context, candidate)) ||
    // "whatever vireo has in stock", "anything acme makes": a capitalised name written lowercase as the subject of a free
    // relative clause of having or making names the one whose documents are asked for.
    (/^\p{Lu}/u.test(String(candidate.value)) && FREE_RELATIVE_BEFORE.test(before) && HAVING_AFTER.test(after))
  );
}

/** Words of an attribute's name or description that say its values are places ("The neighborhood it is in"). */
const PLACE_WORDS =
  /(?<![\p{L}])(?:where|located|location|neighbou?rhoods?|area|city|cities|town|region|district|country|countries|place|province|state|island|suburb|village)(?![\p{L}])/iu;
/** Prepositions of place, cues for a vocabulary of places ("studios in soma", "anything near the mission"). */
const PLACE_CUE_BEFORE = /(?<![\p{L}])(?:in|near|around|located\s+in|based\s+in)\s+(?:the\s+)?$/u;

const FREE_RELATIVE_BEFORE = /(?:^|[^\p{L}'])(?:what|whatever|anything|everything|all|stuff|things|whichever)\s+$/u;
const HAVING_AFTER =
  /^\s+(?:has|have|had|makes|made|sells|sold|offers|offered|carries|stocks|lists|listed|ships|shipped|released|launched)(?![\p{L}])/u;

/** True when the rest of the question is stop words only ("quietviewer", "everything from quietviewer?"). */
function aloneInQuestion(context: RecognizerContext, candidate: Span): boolean {
  const { text } = context;
  const rest = `${text.normalized.slice(0, candidate.start)} ${text.normalized.slice(candidate.end)}`;
  return (rest.match(/[\p{L}\p{N}_']+/gu) ?? []).every((word) => context.stopWords.has(word));
}

/**
 * True when the fragment of the question around the candidate (between punctuation marks) holds besides it only stop
 * words, restricting words, words of the schema and words for the documents: a list of constraints, not a sentence.
 */
function constraintFragment(context: RecognizerContext, candidate: Span): boolean {
  return fragmentWords(context.text, candidate).every(
    (word) => context.stopWords.has(word) || RESTRICTING_WORDS.has(word) || knownWord(context, word) || isDocumentNoun(context, word),
  );
}

/** True when the next word is a value of an enum attribute, or its plural ("tablets" for "tablet"). */
function namesAKind(context: RecognizerContext, after: string): boolean {
  const next = /^\s+(\p{L}+(?:-\p{L}+)*)(?![\p{L}\p{N}_'-])/u.exec(after)?.[1];
  if (next === undefined) return false;
  const base = singular(next.toLowerCase());
  return context.schema.attributes.some(
    (attribute) =>
      attribute.type === "enum" &&
      attribute.values.some((entry) => typeof entry.value === "string" && singular(entry.value.toLowerCase()) === base),
  );
}

/** General nouns for what a maker, an author or a shop puts out ("halcyon stuff", "northwind gear", "acme's range"). */
const GENERIC_OUTPUT_NOUNS = new Set([
  "stuff",
  "gear",
  "things",
  "items",
  "kit",
  "products",
  "range",
  "lineup",
  "line-up",
  "offerings",
  "catalogue",
  "catalog",
]);

/** True when the next word is a word for the documents ("products", "listings") or a general noun for what one puts out. */
function namesTheDocuments(context: RecognizerContext, after: string): boolean {
  const next = /^\s+(\p{L}+)(?![\p{L}\p{N}_'-])/u.exec(after)?.[1]?.toLowerCase();
  return next !== undefined && (isDocumentNoun(context, next) || GENERIC_OUTPUT_NOUNS.has(next));
}

/**
 * "Whitaker's listings", "what did Priya say", "pratchett audiobooks": one capitalised word of a name of several words,
 * written capitalised or not, that no other value has and that is not an ordinary word ("Grand", "Health" are not read
 * alone); `clearlyNamed` reads it only with a cue.
 */
function partialNames(context: RecognizerContext, attribute: AttributeDefinition): Candidate[] {
  const owners = new Map<string, FilterScalar | null>();
  for (const entry of attribute.values) {
    if (typeof entry.value !== "string") continue;
    const words = entry.value.trim().split(/\s+/u);
    if (words.length < 2) continue;
    for (const word of words) {
      if (!/^\p{Lu}[\p{L}']{3,}$/u.test(word) || isOrdinaryWord(word)) continue;
      const key = normalizeKeepingLength(word);
      owners.set(key, owners.has(key) && owners.get(key) !== entry.value ? null : entry.value);
    }
  }
  if (owners.size === 0) return [];
  const found: Candidate[] = [];
  // Written capitalised or not ("pratchett audiobooks"): the word is no ordinary word, and a lowercase one needs the same cue.
  for (const match of context.text.original.matchAll(/(?<![\p{L}\p{N}_])\p{L}[\p{L}']+?(?='s(?![\p{L}])|[^\p{L}']|$)/gu)) {
    const value = owners.get(normalizeKeepingLength(match[0]));
    const span = { start: match.index, end: match.index + match[0].length };
    if (value === undefined || value === null || !context.text.isFree(span)) continue;
    // "le guin": the words of the name written just before the one that names it belong to it.
    const nameWords = String(value).trim().split(/\s+/u).map(normalizeKeepingLength);
    let at = nameWords.indexOf(normalizeKeepingLength(match[0]));
    while (at > 0) {
      const previous = new RegExp(`${escapeRegExp(nameWords[at - 1] as string)}\\s+$`, "u").exec(
        context.text.normalized.slice(Math.max(0, span.start - 30), span.start),
      );
      if (previous === null || !context.text.isFree({ start: span.start - previous[0].length, end: span.start })) break;
      span.start -= previous[0].length;
      at -= 1;
    }
    found.push({ ...span, value, fuzzy: true, partial: true });
  }
  return found;
}
