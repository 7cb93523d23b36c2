import type { FilterScalar } from "../../core/filter/filter-schema.js";
import type { AttributeDefinition } from "../attribute-schema.js";
import { negatedPredicateAfter, negationBefore, prepositionBeforeValue, warnOnce, type RecognizerContext } from "./mentions.js";
import { phrasePattern } from "./patterns.js";
import { objectOfParticiple } from "./governed-values.js";
import { isDocumentNoun, knownWord, modifiesAnotherNoun } from "./recognize-enums.js";

/**
 * Yes/no attributes (`boolean`): the attribute's aliases and its name in words ("in stock",
 * "pet-friendly", "in_stock" → "in stock") name `true`; the aliases of a listed value name that value
 * ("out of stock" → false). A negation before the phrase flips it: "not in stock", "aren't
 * pet-friendly". Longer phrases win ("no pets allowed" over "pets allowed").
 */
export function recognizeBooleans(context: RecognizerContext): void {
  for (const attribute of context.schema.attributes) {
    if (attribute.type !== "boolean") continue;
    const phrases: Array<{ phrase: string; value: boolean }> = [
      ...[...attribute.aliases, attribute.name.replace(/[_-]+/g, " ")].map((phrase) => ({ phrase, value: true })),
      ...attribute.values.flatMap((entry) =>
        [...entry.aliases, ...(entry.label === undefined ? [] : [entry.label])].map((phrase) => ({ phrase, value: entry.value === true })),
      ),
    ];
    // "games I have yet to play", "yet to finish": the base form of a participle after "yet to" says it was not done.
    for (const { phrase, value } of [...phrases])
      for (const base of baseForms(phrase)) phrases.push({ phrase: `yet to ${base}`, value: !value });
    // "no instrumentals", "no finales please": "no" and the plural of a one-word phrase say no.
    for (const { phrase, value } of [...phrases])
      if (/^\p{Ll}{3,}$/u.test(phrase) && !/(?:s|ed)$/u.test(phrase)) phrases.push({ phrase: `no ${phrase}s`, value: !value });
    phrases.sort((left, right) => right.phrase.length - left.phrase.length);
    recognizeStatements(context, attribute, phrases);
    recognizeNegativePrefixes(context, attribute, phrases);
    for (const { phrase, value } of phrases) {
      const pattern = new RegExp(phrasePattern(phrase), "gu");
      for (const match of context.text.masked().matchAll(pattern)) {
        const span = { start: match.index, end: match.index + match[0].length };
        if (!context.text.isFree(span) || prepositionBeforeValue(context.text, span, (word) => knownWord(context, word))) continue;
        // "no lives were lost": "no" and a plural before a verb state something; only a request names the documents.
        if (
          /^no\s/u.test(phrase) &&
          /^\s+(?:were|are|was|is|have|has|had|will|can|could)(?![\p{L}])/u.test(context.text.masked().slice(span.end))
        )
          continue;
        const variant = variantAfter(context, span.end);
        if (variant !== undefined) {
          warnOnce(
            context,
            `"${context.text.original.slice(span.start, span.end + variant)}" says which variant, not whether it is ${attribute.name}; not read as a constraint`,
          );
          continue;
        }
        // "roles supporting remote teams", "writing remote procedure calls": the phrase describes a participle's object.
        const participle = /^\p{Ll}+$/u.test(phrase) ? objectOfParticiple(context, span.start) : undefined;
        if (participle !== undefined) {
          warnOnce(
            context,
            `"${context.text.original.slice(span.start, span.end)}" describes the object of "${participle}" here; not read as ${attribute.name}`,
          );
          continue;
        }
        // "where we grabbed breakfast at the bakery", "I skipped breakfast": the phrase is the object of what a person did.
        const deed = /^\p{Ll}+$/u.test(phrase) ? personalDeed(context, span.start) : undefined;
        if (deed !== undefined) {
          warnOnce(
            context,
            `"${context.text.original.slice(span.start, span.end)}" is the object of "${deed}" here; not read as ${attribute.name}`,
          );
          continue;
        }
        // "a home near a pet-friendly park": the phrase describes a place near the documents, not them.
        const nearby = nounNearby(context, span);
        if (nearby !== undefined) {
          warnOnce(
            context,
            `"${context.text.original.slice(span.start, span.end)} ${nearby}" describes something near, not the documents; not read as ${attribute.name}`,
          );
          continue;
        }
        // "models with automatic emergency braking", "an on-site gym", "the owner's manual": the phrase is part of a noun
        // phrase naming another thing (a compound, or the thing someone else owns), not said of the documents.
        const other = otherThing(context, attribute, span);
        if (other !== undefined) {
          warnOnce(context, `"${other}" names another thing; not read as ${attribute.name}`);
          // Kept in the query, and no shorter phrase inside it is read ("with gluten" in "with gluten-free pasta").
          context.text.claimSoft(span);
          continue;
        }
        const prefix = NEGATIVE_PREFIX.exec(context.text.normalized.slice(Math.max(0, span.start - 4), span.start));
        if (prefix !== null) {
          // "non-remote", "not-organic": the hyphenated prefix says no.
          const start = span.start - prefix[0].length;
          context.text.claim({ start, end: span.end });
          context.mentions.push({ kind: "members", attribute, field: attribute.name, values: [!value], negated: false, position: start });
          continue;
        }
        addMention(context, attribute, span, value);
      }
    }
  }
}

/** The base forms a one-word participle may have ("played" → "play", "tried" → "try", "liked" → "like", "like"). */
function baseForms(phrase: string): string[] {
  if (!/^\p{Ll}{2,}ed$/u.test(phrase)) return [];
  const stem = phrase.slice(0, -2);
  return [...new Set([phrase.endsWith("ied") ? `${phrase.slice(0, -3)}y` : stem, `${stem}e`])];
}

const PERSONAL_DEED_BEFORE =
  /(?<![\p{L}'])(?:i|we|you|he|she|they)\s+(?:(?:always|usually|often|never|just|then|also|all)\s+)?(\p{Ll}+)\s+(?:(?:a|an|the|our|my|his|her|their|your|some)\s+)?$/u;
/** Verbs that ask for the phrase ("we want breakfast", "I need parking", "we booked breakfast"), not tell what was done. */
const WISHING = new Set([
  "want",
  "wanted",
  "need",
  "needed",
  "prefer",
  "preferred",
  "require",
  "required",
  "like",
  "liked",
  "love",
  "book",
  "booked",
  "reserve",
  "reserved",
  "get",
  "got",
  "paid",
  "pay",
  "expect",
  "expected",
  "are",
  "were",
  "is",
  "was",
  "can",
  "could",
  "will",
  "would",
  "should",
  "must",
  "may",
  "might",
  "do",
  "did",
  "don't",
  "didn't",
  "can't",
  "won't",
]);

/** Adverbs that can stand between a person and the phrase, which is then the verb ("we *already* tried"). */
const DEED_ADVERBS = new Set(["already", "still", "recently", "finally", "once", "ever", "actually", "really", "have", "has", "had"]);

/** The verb, when a person is its subject and the phrase its object ("we *grabbed* breakfast", "she *skipped* breakfast"). */
function personalDeed(context: RecognizerContext, start: number): string | undefined {
  const verb = PERSONAL_DEED_BEFORE.exec(context.text.normalized.slice(Math.max(0, start - 50), start))?.[1];
  if (verb === undefined || WISHING.has(verb) || context.stopWords.has(verb) || knownWord(context, verb)) return undefined;
  // "I never finished", "we haven't played", "we already tried": after an adverb or auxiliary the phrase itself is what
  // was (not) done.
  if (DEED_ADVERBS.has(verb) || negationBefore(context.text, start) !== undefined) return undefined;
  return verb;
}

/** A negative prefix written with a hyphen before a yes/no phrase ("non-remote", "not-organic"). */
const NEGATIVE_PREFIX = /(?<![\p{L}\p{N}])(?:non|not|un)-$/u;

/**
 * "unvaccinated", "nonsmoking", "non organic": a one-word phrase with "un" or "non" glued before it, or "non" and a space,
 * says no.
 */
function recognizeNegativePrefixes(
  context: RecognizerContext,
  attribute: AttributeDefinition,
  phrases: ReadonlyArray<{ phrase: string; value: boolean }>,
): void {
  for (const { phrase, value } of phrases) {
    if (!/^\p{L}{4,}$/u.test(phrase)) continue;
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}_-])(?:un|non\\s?)${phrase.toLowerCase()}(?![\\p{L}\\p{N}_])`, "gu");
    for (const match of context.text.masked().matchAll(pattern)) {
      const span = { start: match.index, end: match.index + match[0].length };
      if (!context.text.isFree(span)) continue;
      context.text.claim(span);
      context.mentions.push({ kind: "members", attribute, field: attribute.name, values: [!value], negated: false, position: span.start });
    }
  }
}

/**
 * The noun phrase, as written, when a yes/no phrase written in lowercase is the first part of a compound noun naming another
 * thing ("automatic emergency braking", "an on-site gym") or follows the possessive of a noun the schema does not know
 * ("the owner's manual"); a word for the documents or of the schema after it keeps the reading ("remote data roles",
 * "manual hatchbacks", "my landlord's pet-friendly flats").
 */
function otherThing(context: RecognizerContext, attribute: AttributeDefinition, span: { start: number; end: number }): string | undefined {
  const written = context.text.original.slice(span.start, span.end);
  if (!/^\p{Ll}[\p{Ll}-]*(?:\s+\p{Ll}[\p{Ll}-]*)*$/u.test(written)) return undefined;
  // "a pet-friendly policy", "remote options", "a manual transmission" (with "transmission" in the description): a noun
  // for the property itself keeps the reading.
  // "brand new-style clamps", "remote-controlled drones": the phrase before a suffix that makes it describe another
  // thing ("-style", "-looking", "-controlled"); "remote-first", "in stock-only", "pet-friendly-ish" still say it.
  const glued = GLUED_QUALIFIER.exec(context.text.normalized.slice(span.end))?.[0];
  if (glued !== undefined) return `${written}${glued}`;
  const next = /^\s+(\p{Ll}+)/u.exec(context.text.normalized.slice(span.end))?.[1];
  if (next !== undefined && (PROPERTY_NOUNS.has(next) || describedBy(attribute, next))) return undefined;
  // At the head of the question's noun phrase the phrase describes the documents ("pet-friendly buildings in Austin");
  // after "with" or a verb of having it describes a part or a thing of theirs ("a condo in a pet-friendly building",
  // "roles for remote workers" keep it).
  const had = HAD_BEFORE.test(context.text.normalized.slice(Math.max(0, span.start - 30), span.start));
  if (had && modifiesAnotherNoun(context, span.start, span.end)) {
    const run = /^\s+\p{Ll}[\p{Ll}'-]*/u.exec(context.text.original.slice(span.end))?.[0] ?? "";
    return `${written}${run}`;
  }
  const owner = /(?<![\p{L}])(\p{Ll}{3,})'s\s+$/u.exec(context.text.normalized.slice(Math.max(0, span.start - 30), span.start))?.[1];
  // "that's out of stock", "what's pet-friendly": a contraction of "is", not a possessive.
  if (owner === undefined || IS_CONTRACTED.has(owner) || context.stopWords.has(owner)) return undefined;
  if (knownWord(context, owner) || isDocumentNoun(context, owner)) return undefined;
  const following = /^\s+(\p{L}[\p{L}'-]*)/u.exec(context.text.normalized.slice(span.end))?.[1];
  if (following !== undefined && (knownWord(context, following) || isDocumentNoun(context, following))) return undefined;
  return `${owner}'s ${written}`;
}

/** A hyphenated suffix that makes a phrase describe another thing. */
const GLUED_QUALIFIER = /^-(?:style|styled|looking|like|inspired|controlled|operated|sized|shaped|type|themed)(?![\p{L}])/u;

/** Nouns for a property itself, after a yes/no phrase ("a pet-friendly *policy*", "remote *options*"). */
const PROPERTY_NOUNS = new Set([
  "policy",
  "policies",
  "option",
  "options",
  "setup",
  "status",
  "arrangement",
  "arrangements",
  "basis",
  "terms",
  "mode",
  "version",
  "versions",
  "gearbox",
  "transmission",
]);

/** True when a word (or its singular) is a word of the attribute's description ("transmission" of "Whether the car has an automatic transmission"). */
function describedBy(attribute: AttributeDefinition, word: string): boolean {
  const words: string[] = attribute.description.toLowerCase().match(/\p{L}{4,}/gu) ?? [];
  return words.includes(word) || words.includes(word.replace(/s$/u, ""));
}

/** "with (an)", "take a", "has": what comes after names a thing the documents have or take. */
const HAD_BEFORE =
  /(?<![\p{L}])(?:with|without|has|have|having|had|featuring|includes|including|take|takes|fit|fits|comes?\s+with)\s+(?:(?:a|an|the|some|its|their)\s+)?$/u;

/** Words whose "'s" is "is" or "has" ("that's", "what's", "there's"). */
const IS_CONTRACTED = new Set([
  "that",
  "what",
  "there",
  "here",
  "who",
  "where",
  "which",
  "she",
  "let",
  "everything",
  "something",
  "anything",
  "nothing",
  "one",
  "everyone",
  "someone",
]);

/** Prepositions of a place next to the documents ("near a ...", "next to the ..."). */
const NEARBY = /(?<![\p{L}])(?:near|nearby|next\s+to|close\s+to|beside|behind|opposite|across\s+from|around|by)\s+(?:a|an|the|some)\s+$/u;

/** The noun a yes/no phrase qualifies when both follow a preposition of place and an article, if it is not a word of the schema. */
function nounNearby(context: RecognizerContext, span: { start: number; end: number }): string | undefined {
  if (!NEARBY.test(context.text.normalized.slice(Math.max(0, span.start - 20), span.start))) return undefined;
  const noun = /^\s+(\p{Ll}[\p{Ll}-]*)(?![\p{L}])/u.exec(context.text.normalized.slice(span.end))?.[1];
  if (noun === undefined || context.stopWords.has(noun) || context.stopWords.has(noun.replace(/s$/u, ""))) return undefined;
  const known = context.schema.attributes.some((attribute) =>
    [...attribute.aliases, ...attribute.values.flatMap((entry) => [String(entry.value), entry.label ?? "", ...entry.aliases])].some(
      (phrase) => phrase.toLowerCase().split(/\s+/u).includes(noun),
    ),
  );
  return known ? undefined : noun;
}

/**
 * "available *in white*", "in stock *in XL*": a yes/no phrase followed by "in" and a bare word (no
 * article) that no attribute knows names a variant of the thing; returns the length of "in <word>".
 * A known value ("pet-friendly in Miami") or an article ("available in the US") keeps the reading.
 */
function variantAfter(context: RecognizerContext, end: number): number | undefined {
  const match = /^\s+in\s+(\p{L}[\p{L}-]*)(?![\p{N}])/u.exec(context.text.normalized.slice(end));
  const word = match?.[1];
  if (match === null || word === undefined) return undefined;
  if (["the", "a", "an", "my", "our", "your", "their", "stock"].includes(word) || context.stopWords.has(word)) return undefined;
  const known = context.schema.attributes.some((attribute) =>
    [...attribute.aliases, ...attribute.values.flatMap((entry) => [String(entry.value), entry.label ?? "", ...entry.aliases])].some(
      (phrase) => phrase.toLowerCase().split(/\s+/u).includes(word),
    ),
  );
  return known ? undefined : match[0].length;
}

function addMention(
  context: RecognizerContext,
  attribute: AttributeDefinition,
  span: { start: number; end: number },
  value: boolean,
): void {
  const negationStart = negationBefore(context.text, span.start);
  const denied = negatedPredicateAfter(context.text, span.end);
  context.text.claim({ start: negationStart ?? span.start, end: span.end + denied });
  const wanted: FilterScalar = (negationStart === undefined) === (denied === 0) ? value : !value;
  context.mentions.push({ kind: "members", attribute, field: attribute.name, values: [wanted], negated: false, position: span.start });
}

const COPULA = String.raw`(?:is|are|was|were|be|being|get|gets|remain|remains|(?:would|will|could|can|should|might)(?:\s+not)?\s+be)`;
/** Predicates that say yes (or, after "not", no) about any subject: "pets are *ok*". */
const YES_WORDS = ["ok", "okay", "fine", "welcome", "allowed", "permitted", "accepted", "included", "available"];
/** Verbs that say yes before a subject: "*welcome* pets". */
const WELCOMING = "(?:welcome|welcomes|welcoming|accept|accepts|accepting|permit|permits|permitting)";
/** Predicates that say no: "pets are *banned*". */
const NO_WORDS = ["banned", "forbidden", "prohibited", "excluded", "unavailable", "not allowed", "not permitted"];

/**
 * A phrase of subject + predicate ("pets allowed") said as a statement: "pets are allowed", "pets are
 * not allowed", "pets aren't ok", "pets are banned". The subject is the phrase without its last word;
 * the predicate is that word or a generic yes/no word; a "not" after the copula flips it.
 */
function recognizeStatements(
  context: RecognizerContext,
  attribute: AttributeDefinition,
  phrases: ReadonlyArray<{ phrase: string; value: boolean }>,
): void {
  for (const { phrase, value } of phrases) {
    // "cat-friendly": its noun is the subject of a statement of yes ("where my cat would be allowed").
    const words = phrase
      .trim()
      .replace(/^(\p{L}{3,})-friendly$/u, "$1s? friendly")
      .split(/\s+/u);
    if (words.length < 2) continue;
    const subject = words.slice(0, -1).join(" ");
    if (subject.replace(/\W/gu, "").length < 3) continue;
    const predicate = words.at(-1) as string;
    const yes = [...new Set([predicate, ...YES_WORDS])].map((word) => phrasePattern(word)).join("|");
    const no = NO_WORDS.map((word) => phrasePattern(word)).join("|");
    // The copula may be left out after a plural subject, before a generic yes/no word ("condos, pets welcome").
    const generic = [...YES_WORDS, ...NO_WORDS].map((word) => phrasePattern(word)).join("|");
    const withoutCopula = /s$/u.test(subject) ? `|(?=(?:not\\s+)?(?:${generic}))` : "";
    const subjectPattern = subject.endsWith("s?")
      ? `${phrasePattern(subject.slice(0, -2), { boundaryAfter: false })}s?(?![\\p{L}])`
      : phrasePattern(subject);
    const pattern = new RegExp(
      `${subjectPattern}\\s+(?:${COPULA}(n't)?\\s+${withoutCopula})(not\\s+|never\\s+)?(?:(${yes})|(${no}))(?![\\p{L}\\p{N}])`,
      "giu",
    );
    // "homes that welcome pets", "buildings accepting pets": a verb of yes before the subject.
    const welcoming = new RegExp(`(?<![\\p{L}\\p{N}_])${WELCOMING}\\s+${subjectPattern}`, "giu");
    for (const match of context.text.masked().matchAll(welcoming)) {
      const span = { start: match.index, end: match.index + match[0].length };
      if (context.text.isFree(span)) addMention(context, attribute, span, value);
    }
    for (const match of context.text.masked().matchAll(pattern)) {
      const span = { start: match.index, end: match.index + match[0].length };
      if (!context.text.isFree(span)) continue;
      const flipped = (match[1] !== undefined) !== (match[2] !== undefined);
      const said = match[4] === undefined ? value : !value;
      context.text.claim(span);
      context.mentions.push({
        kind: "members",
        attribute,
        field: attribute.name,
        values: [flipped ? !said : said],
        negated: false,
        position: span.start,
      });
    }
  }
}
