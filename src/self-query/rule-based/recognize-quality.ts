import type { AttributeDefinition } from "../attribute-schema.js";
import { negationBefore, warnOnce, type Mention, type RecognizerContext } from "./mentions.js";
import { BOUNDARY_AFTER, BOUNDARY_BEFORE, phrasesPattern } from "./patterns.js";
import { modifiesRequestHead } from "./attachment.js";
import { isDocumentNoun } from "./recognize-enums.js";
import { inflections } from "./recognize-measures.js";

/**
 * Vague quality phrases on a rating or score: "highly rated", "top-rated", "well reviewed", "rated
 * highly", "high ratings" (the top quarter of the attribute's range), "badly rated", "poorly reviewed",
 * "low-scoring", "bad ratings" (the bottom quarter), "mediocre", "average-rated", "middling reviews" (the
 * middle half). Every reading comes with a warning naming the range it assumed.
 *
 * The attribute is the bounded number attribute (both `minimum` and `maximum`) whose alias the phrase
 * contains ("highly *rated*" with the alias "rated"), else the one attribute declared `quality: true`.
 * A phrase that qualifies another noun ("highly rated action films", "a top-rated school") describes
 * something else and is left alone; a number on the same attribute ("low-scoring reviews, 3 or less")
 * wins over the vague phrase.
 */

type Band = "top" | "bottom" | "middle";

const HIGH = ["highly", "well", "top", "best", "higher", "highest", "high", "positively", "favorably", "favourably", "strongly", "better"];
const LOW = ["badly", "poorly", "low", "lowly", "lower", "lowest", "worst", "worse", "negatively", "unfavorably", "unfavourably", "bottom"];
const MIDDLE = ["averagely", "moderately", "middling", "mediocre", "so-so", "average"];
/** Participles that say how something was judged (besides the aliases of bounded attributes). */
const JUDGED = ["rated", "reviewed", "scored", "scoring", "ranked", "graded", "regarded", "rating"];
/** Other forms of the judging verbs, read only before an adverb ("rate it highly"). */
const JUDGING_VERBS = ["rate", "rates", "rating", "review", "reviews", "score", "scores", "rank", "ranks", "grade", "grades", "regard"];
/** Adverbs after a participle: "rated highly", "reviewed poorly". */
const AFTER_HIGH = ["highly", "well", "high", "positively", "favorably", "favourably", "strongly", "glowingly", "generously"];
const AFTER_LOW = ["badly", "poorly", "low", "negatively", "unfavorably", "unfavourably", "terribly", "harshly", "brutally", "savagely"];
/** Words of degree before an adverb ("rated it *really* poorly"). */
const INTENSIFIERS = ["really", "very", "quite", "pretty", "so", "fairly", "extremely", "rather", "super", "incredibly"];
/**
 * The object between a judging verb and its adverb: a pronoun, or up to three words (after an optional article) of which
 * each is a value already read (masked), a word for the documents or an alias ("rated *chapter 2* poorly", "rated *the
 * strategy games* highly"); which words they are is checked after the match.
 */
const JUDGED_OBJECT = String.raw`(?:it|them|this|these|those|(?:(?:the|a|an|this|that)\s+)?(?:[\p{L}\u0001]+)(?:\s+[\p{L}\u0001]+){0,2})`;
/** Adjectives before a rating noun: "high ratings", "bad scores". */
const NOUN_HIGH = ["high", "good", "great", "strong", "excellent", "top"];
const NOUN_LOW = ["low", "bad", "poor", "weak", "terrible", "awful"];
const NOUN_MIDDLE = ["mediocre", "middling", "average", "so-so", "lukewarm"];
const RATING_NOUNS = [
  "rating",
  "ratings",
  "score",
  "scores",
  "marks",
  "grades",
  "grade",
  "reviews",
  "review",
  // Other words for written judgements ("well reviewed takes on ...", "highly rated write-ups").
  "takes",
  "write-ups",
  "writeups",
  "opinions",
  "critiques",
  "verdicts",
  "impressions",
  "reactions",
  "posts",
  "comments",
];
/**
 * Adjectives that only say how favourable a judgement is ("glowing reviews", "a scathing write-up"): before any rating
 * noun, reviews included where the documents are reviews (unlike "good reviews", which only names some of them).
 */
const VERDICT_HIGH = ["glowing", "rave", "raving", "gushing", "stellar", "enthusiastic"];
const VERDICT_LOW = ["scathing", "damning", "withering", "blistering", "savage", "brutal", "scornful"];
/** Words for a middling judgement alone, before the documents or a kind: "mediocre reviews", "mediocre laptops". */
const MIDDLING_ALONE = ["mediocre", "middling", "so-so", "lukewarm"];

const FRACTION = 0.25;

interface Found {
  start: number;
  end: number;
  band: Band;
  /** The words that named an attribute in the phrase, if any ("rated"). */
  named: string | undefined;
}

function bandOf(word: string, high: readonly string[], low: readonly string[]): Band {
  if (high.includes(word)) return "top";
  if (low.includes(word)) return "bottom";
  return "middle";
}

export function recognizeQuality(context: RecognizerContext): void {
  const bounded = context.schema.attributes.filter(
    (attribute) =>
      (attribute.type === "number" || attribute.type === "integer") && attribute.minimum !== undefined && attribute.maximum !== undefined,
  );
  const declared = bounded.filter((attribute) => attribute.quality === true);
  const aliasWords = bounded.flatMap((attribute) => attribute.aliases.flatMap(inflections)).map((alias) => alias.toLowerCase());
  // Participles only ("rated", "scoring"): an alias such as "points" or "gave" after "best" is not a judgement.
  const participles = phrasesPattern([...new Set([...JUDGED, ...aliasWords.filter((word) => /^\p{L}+(?:ed|ing)$/u.test(word))])]);
  // Before an adverb any form of the verb judges: "rate it highly", "scores them poorly".
  const judging = phrasesPattern([...new Set([...JUDGED, ...JUDGING_VERBS, ...aliasWords])]);
  // With an object between, only a verb judges ("rated chapter 2 poorly"; the alias "guests" is no verb).
  const verbs = phrasesPattern([
    ...new Set([...JUDGED, ...JUDGING_VERBS, ...aliasWords.filter((word) => /^\p{L}+(?:ed|ing)$/u.test(word))]),
  ]);
  const { text } = context;
  // "laptops with great reviews" judges them; where the documents are reviews, "good reviews" only names some of them.
  const reviewsAreDocuments = /review/iu.test(context.schema.documentContents);
  const patterns: Array<{ pattern: RegExp; band: (match: RegExpExecArray) => Band }> = [
    {
      pattern: new RegExp(
        `${BOUNDARY_BEFORE}(${phrasesPattern([...HIGH, ...LOW, ...MIDDLE])})[\\s-]+(${participles})${BOUNDARY_AFTER}`,
        "gu",
      ),
      band: (match) => bandOf(match[1] as string, HIGH, LOW),
    },
    {
      pattern: new RegExp(
        `${BOUNDARY_BEFORE}(?:(?<verb>${verbs})\\s+(?<object>${JUDGED_OBJECT})\\s+|(?:${judging})\\s+)(?:(?:${phrasesPattern(INTENSIFIERS)})\\s+)?(?<adverb>${phrasesPattern([...AFTER_HIGH, ...AFTER_LOW])})${BOUNDARY_AFTER}`,
        "gu",
      ),
      band: (match) => bandOf(match[match.length - 1] as string, AFTER_HIGH, AFTER_LOW),
    },
    {
      pattern: new RegExp(
        `${BOUNDARY_BEFORE}(${phrasesPattern([...NOUN_HIGH, ...NOUN_LOW, ...NOUN_MIDDLE])})\\s+(${phrasesPattern(RATING_NOUNS.filter((noun) => !noun.startsWith("review") || !reviewsAreDocuments))})${BOUNDARY_AFTER}`,
        "gu",
      ),
      band: (match) => bandOf(match[1] as string, NOUN_HIGH, NOUN_LOW),
    },
    { pattern: new RegExp(`${BOUNDARY_BEFORE}(${phrasesPattern(MIDDLING_ALONE)})${BOUNDARY_AFTER}`, "gu"), band: () => "middle" },
    {
      pattern: new RegExp(
        `${BOUNDARY_BEFORE}(${phrasesPattern([...VERDICT_HIGH, ...VERDICT_LOW])})\\s+(${phrasesPattern([...RATING_NOUNS, "write-up", "writeup", "take", "verdict", "critique"])})${BOUNDARY_AFTER}`,
        "gu",
      ),
      band: (match) => bandOf(match[1] as string, VERDICT_HIGH, VERDICT_LOW),
    },
  ];
  const found: Found[] = [];
  for (const [index, { pattern, band }] of patterns.entries()) {
    for (const match of text.masked().matchAll(pattern)) {
      const span = { start: match.index, end: match.index + match[0].length };
      // "rated chapter 2 poorly": the object between the verb and its adverb may be a value already read.
      const free =
        index === 1 && match.groups?.object !== undefined
          ? text.isFree({ start: span.start, end: span.start + (match.groups.verb as string).length }) &&
            text.isFree({ start: span.end - (match.groups.adverb as string).length, end: span.end })
          : text.isFree(span);
      if (!free || found.some((other) => other.start < span.end && span.start < other.end)) continue;
      const words = match[0].toLowerCase().split(/[\s-]+/u);
      const named = words.find((word) => aliasWords.includes(word));
      // "rated the film poorly" judges the documents' subject; "rated the stunts highly" judges something else.
      const object = index === 1 ? match.groups?.object : undefined;
      if (object !== undefined && !judgedObject(context, object)) continue;
      // A middling word alone needs the documents, a kind or a rating noun after it ("mediocre reviews").
      if (index === 3 && !judgesDocuments(context, span.end, true) && !predicate(context, span)) continue;
      found.push({ ...span, band: band(match), named });
    }
  }
  // "low-scoring reviews (3 or less)": the number took "scoring" as its cue; its adverb goes with it.
  const adverb = new RegExp(`${BOUNDARY_BEFORE}${phrasesPattern([...HIGH, ...LOW, ...MIDDLE])}-(?=\u0001)`, "gu");
  if (bounded.some((attribute) => context.mentions.some((mention) => mention.attribute === attribute))) {
    for (const match of text.masked().matchAll(adverb)) {
      const span = { start: match.index, end: match.index + match[0].length };
      if (text.isFree(span)) text.claim(span);
    }
  }
  for (const phrase of found.sort((left, right) => left.start - right.start)) {
    const written = text.original.slice(phrase.start, phrase.end);
    const attribute =
      phrase.named === undefined
        ? declared.length === 1
          ? declared[0]
          : undefined
        : bounded.find((candidate) => candidate.aliases.flatMap(inflections).some((alias) => alias.toLowerCase() === phrase.named));
    if (!judgesDocuments(context, phrase.end, false) && !modifiesRequestHead(context, phrase.start, phrase.end)) {
      const next = /^\s*([\p{L}][\p{L}'-]*)/u.exec(text.masked().slice(phrase.end))?.[1] ?? "";
      if (attribute !== undefined)
        warnOnce(context, `"${written}" describes something else here (it qualifies "${next}"); not read as ${attribute.name}`);
      continue;
    }
    if (attribute === undefined) {
      warnOnce(
        context,
        declared.length > 1
          ? `"${written}" was not read as a constraint: several attributes are ratings (${declared.map((entry) => entry.name).join(", ")})`
          : `"${written}" was not read as a constraint: no attribute is declared as a rating (quality: true with minimum and maximum)`,
      );
      continue;
    }
    const negationStart = negationBefore(text, phrase.start);
    text.claim({ start: negationStart ?? phrase.start, end: phrase.end });
    // A number on the same attribute says exactly what the vague phrase meant.
    if (context.mentions.some((mention) => mention.attribute === attribute)) continue;
    const mentions = bandMentions(attribute, phrase.band, negationStart !== undefined, phrase.start);
    for (const mention of mentions) context.mentions.push(mention);
    warnOnce(
      context,
      `read "${written}" as ${describeBand(attribute, phrase.band)} (the ${phrase.band === "middle" ? "middle half" : `${phrase.band} quarter`} of its ${attribute.minimum}-${attribute.maximum} range); name a number to be exact`,
    );
  }
}

/**
 * True when the phrase is said of the documents: nothing or a function word follows, or a word for the
 * documents, an attribute's alias, or a claimed value ("highly rated *laptops*"). `strict`: something must follow.
 */
function judgesDocuments(context: RecognizerContext, end: number, strict: boolean): boolean {
  const after = context.text.masked().slice(end);
  if (/^\s*\u0001/u.test(after)) return true;
  const next = /^\s*([\p{L}][\p{L}'-]*)/u.exec(after)?.[1];
  if (next === undefined) return !strict;
  const bare = next.replace(/'s$/u, "");
  const singular = bare.replace(/s$/u, "");
  if (RATING_NOUNS.includes(bare)) return true;
  if (context.stopWords.has(bare) || context.stopWords.has(singular)) return strict ? !FUNCTION_AFTER.has(bare) : true;
  if (context.schema.attributes.some((attribute) => attribute.aliases.some((alias) => alias.toLowerCase() === bare))) return true;
  if (strict) return false;
  return FUNCTION_AFTER.has(bare);
}

/**
 * True when the words between a judging verb and its adverb name the documents or what they are about: a pronoun, or
 * words that are each a value already read, a word for the documents or an alias, after an optional article ("rated
 * chapter 2 poorly", "rated the film highly"; "rated the stunts highly" judges something else).
 */
function judgedObject(context: RecognizerContext, object: string): boolean {
  // "scored really poorly": a word of degree is no object.
  if (object.split(/\s+/u).every((word) => INTENSIFIERS.includes(word))) return true;
  const words = object.split(/\s+/u).filter((word) => !ARTICLES.has(word) && !INTENSIFIERS.includes(word));
  if (words.length === 0) return false;
  if (words.length === 1 && PRONOUNS.has(words[0] as string)) return true;
  return words.every(
    (word) =>
      /^\u0001+$/u.test(word) ||
      WORK_NOUNS.has(word) ||
      isDocumentNoun(context, word) ||
      isSchemaWord(context, word) ||
      isSchemaWord(context, word.replace(/s$/u, "")),
  );
}

/** Words for a work or an entry of a series, judged as the documents' subject ("reviewed the sequel harshly"). */
const WORK_NOUNS = new Set([
  "sequel",
  "sequels",
  "prequel",
  "original",
  "installment",
  "instalment",
  "entry",
  "one",
  "ones",
  "latest",
  "new",
]);

const ARTICLES = new Set(["the", "a", "an", "this", "that"]);
const PRONOUNS = new Set(["it", "them", "this", "these", "those"]);

/** A word for the documents or an attribute's alias ("film", "reviews"). */
function isSchemaWord(context: RecognizerContext, word: string): boolean {
  return (
    context.stopWords.has(word) ||
    context.schema.attributes.some((attribute) => attribute.aliases.some((alias) => alias.toLowerCase() === word))
  );
}

/** Words after a quality phrase that leave it said of the documents ("highly rated *and* cheap", "rated well *by*"). */
const FUNCTION_AFTER = new Set([
  "and",
  "or",
  "but",
  "by",
  "for",
  "from",
  "in",
  "on",
  "of",
  "with",
  "that",
  "which",
  "who",
  "to",
  "than",
  "about",
  "under",
  "over",
  "below",
  "above",
  "at",
  "is",
  "are",
  "was",
  "were",
  "say",
  "said",
  "mention",
  "mentioned",
  "think",
  "praise",
  "complain",
  "like",
  "only",
  "overall",
  "too",
]);

/** "which reviews … are lukewarm?": a middling word said of the subject, at the end of its clause. */
function predicate(context: RecognizerContext, span: { start: number; end: number }): boolean {
  const masked = context.text.masked();
  const copula = /([\p{L}\u0001]+)\s+(?:is|are|was|were|seem|seems|seemed)\s+(?:rather\s+|pretty\s+|fairly\s+|just\s+)?$/u.exec(
    masked.slice(Math.max(0, span.start - 40), span.start),
  );
  if (copula === null || !/^\s*(?:[.?!,;]|$)/u.test(masked.slice(span.end))) return false;
  // The subject is the documents ("reviews … are lukewarm", "which ones were mediocre"), not "the plot".
  const subject = copula[1] as string;
  return subject.includes("\u0001") || context.stopWords.has(subject) || context.stopWords.has(subject.replace(/s$/u, ""));
}

function edges(attribute: AttributeDefinition): { low: number; high: number } {
  const minimum = attribute.minimum as number;
  const span = (attribute.maximum as number) - minimum;
  return { low: minimum + FRACTION * span, high: minimum + (1 - FRACTION) * span };
}

function bandMentions(attribute: AttributeDefinition, band: Band, negated: boolean, position: number): Mention[] {
  const base = { attribute, field: attribute.name, negated, position };
  const { low, high } = edges(attribute);
  const whole = attribute.type === "integer";
  if (band === "top") return [{ ...base, kind: "compare", operator: "gte", value: whole ? Math.ceil(high) : round(high) }];
  if (band === "bottom") return [{ ...base, kind: "compare", operator: "lte", value: whole ? Math.floor(low) : round(low) }];
  if (whole) return [{ ...base, kind: "range", low: Math.floor(low) + 1, high: Math.ceil(high) - 1 }];
  if (negated) return [{ ...base, kind: "range", low: round(low), high: round(high) }];
  return [
    { ...base, kind: "compare", operator: "gt", value: round(low) },
    { ...base, kind: "compare", operator: "lt", value: round(high) },
  ];
}

function describeBand(attribute: AttributeDefinition, band: Band): string {
  const { low, high } = edges(attribute);
  const whole = attribute.type === "integer";
  if (band === "top") return `${attribute.name} >= ${whole ? Math.ceil(high) : round(high)}`;
  if (band === "bottom") return `${attribute.name} <= ${whole ? Math.floor(low) : round(low)}`;
  return whole
    ? `${attribute.name} ${Math.floor(low) + 1}-${Math.ceil(high) - 1}`
    : `${attribute.name} between ${round(low)} and ${round(high)} (exclusive)`;
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
