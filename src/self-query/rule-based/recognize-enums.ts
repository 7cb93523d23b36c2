import type { FilterScalar } from "../../core/filter/filter-schema.js";
import type { AttributeDefinition } from "../attribute-schema.js";
import { compoundAttachment, modifiesRequestHead, startsOwnPhrase } from "./attachment.js";
import { joinedAsList, negationBefore, warnOnce, type RecognizerContext } from "./mentions.js";
import { isOrdinaryWord } from "./ordinary-words.js";
import {
  BOUNDARY_AFTER,
  BOUNDARY_BEFORE,
  FOREIGN_UNITS,
  LAST_WORDS,
  NUMBER_WORDS,
  ORDINAL_WORDS,
  ROMAN_NUMERALS,
  phrasesPattern,
} from "./patterns.js";
import type { Span } from "./question-text.js";
import { findValuePhrases, foldPhrase, singular, type ValuePhrase } from "./value-matcher.js";
import { setLimit } from "./recognize-limits.js";
import { clauseGovernor, governorOf, providedByDocuments, simileGovernor, type Governor } from "./governed-values.js";
import { DESCRIPTION_FUNCTION_WORDS, isYearMeasure } from "./recognize-dates.js";

const COUNT_WORD = `\\d+|${[...NUMBER_WORDS.keys()].filter((word) => word !== "zero" && word !== "one").join("|")}`;
/** "show me 3 laptops": a request for that many documents of the value. */
const REQUESTED_COUNT = new RegExp(
  `(?:${BOUNDARY_BEFORE}(?:show|list|give|find|get|recommend|suggest|pick)\\s+(?:me\\s+|us\\s+)?(?:the\\s+)?(?:top\\s+|best\\s+)?|${BOUNDARY_BEFORE}(?:top|best)\\s+)(${COUNT_WORD})\\s+(?:[\\p{L}'-]+\\s+)?$`,
  "u",
);
/**
 * "power 2 phones": a count of things, not a kind of document ("$1,000 laptops", "$600-900 phones" are prices: no digits
 * before a separator, no currency range).
 */
const COUNTED = new RegExp(
  `${BOUNDARY_BEFORE}(?<![$€£¥][\\s]*)(?<!\\d[,.])(?<![$€£¥]\\s*\\d[\\d,.]*\\s*[-–]\\s*)(?:${COUNT_WORD})\\s+$`,
  "u",
);

/**
 * Mentions of enum values (e.g. the films), in three forms:
 * 1. an attribute alias and a number, with lists and ranges: "season 3", "season 2 or 3",
 *    "seasons 1 and 2", "S3", "seasons 2-4", "season 2 and season 3";
 * 2. a value's own text, label or aliases: "laptops", "smart watches", "the pilot";
 * 3. ordinals with an alias: "the first season", "the second and third seasons", "the first two seasons",
 *    "the last two seasons", "the latest season".
 * A number that is not one of the values ("season 7") is not read as a value; a warning says so.
 * "not season 4", "anything but phones", "excluding the first season" give negated mentions, and a
 * negation carries over a list ("except season 2 and the third season").
 */

interface Found extends Span {
  values: FilterScalar[];
  /** Named by the value's own words ("laptops"), which a semantic query may keep. */
  own?: boolean;
  /** Named by a lower-case common noun of a text value ("laptop", "condo", "flat"): a kind, which may be the object of another word. */
  common?: boolean;
  /** Where the negation cue starts, when the mention is negated. */
  negationStart?: number;
}

const ENUM_NUMBER = `(?:\\d+|${[...NUMBER_WORDS.keys()].join("|")}|${[...ROMAN_NUMERALS.keys()].join("|")})`;
const RANGE_JOINER = "(?:-|to|through|thru)";
const LIST_JOINER = "(?:,\\s*(?:and|or)?|and|or|&|/|nor|vs\\.?|versus)";
const ORDINAL = `(?:${[...ORDINAL_WORDS.keys()].join("|")}|${LAST_WORDS.map((word) => word.replace(" ", "\\s+")).join("|")}|earliest)`;
const GROUP_SIZE = `(?:\\d+|${[...NUMBER_WORDS.keys()].join("|")})`;
const NOT_FOLLOWED_BY_OF = `(?!\\s+of${BOUNDARY_AFTER})`;

/** After a number: a comparison saying it is a measure ("the third season 6 or below"), not a value. */
const COMPARISON_AFTER =
  /^\s*(?:\+|(?:or|and)\s+(?:below|less|lower|under|fewer|worse|more|higher|above|over|better|up|greater)(?![\p{L}]))/u;

/** After a number: a unit saying it is not a value of this attribute ("2 hours", "4 stars"). */
function unitAfterPattern(context: RecognizerContext): RegExp {
  const units = [...FOREIGN_UNITS, ...context.schema.attributes.flatMap((attribute) => attribute.units)];
  return new RegExp(`^\\s*-?\\s*${phrasesPattern(units)}`, "u");
}

export function recognizeEnums(context: RecognizerContext): void {
  for (const attribute of context.schema.attributes) {
    const ordered = namesOrderedValues(attribute);
    if ((attribute.type !== "enum" && !ordered) || attribute.values.length === 0) continue;
    // A number with named values ("price_level" 1 "£" "cheap"): only the names; its numbers are the measures' to read.
    const found: Found[] = ordered
      ? [...symbolMentions(context, attribute), ...aliasMentions(context, attribute)]
      : [
          ...yearNamedMentions(context, attribute),
          ...numberedMentions(context, attribute),
          ...ordinalMentions(context, attribute),
          ...aliasMentions(context, attribute),
        ];
    found.sort((left, right) => left.start - right.start);
    let previous: (Found & { negated: boolean }) | undefined;
    let positiveSeen = false;
    let governed: Span | undefined;
    for (const mention of found) {
      // "the most expensive dish", "worth the splurge", "on a budget": a degree or a noun, not a named value.
      const ordinaryUse = ordered ? ordinaryUseOfNamedValue(context, mention) : undefined;
      if (ordinaryUse !== undefined) {
        warnOnce(context, `"${context.text.original.slice(mention.start, mention.end)}" ${ordinaryUse}; not read as ${attribute.name}`);
        continue;
      }
      const negationStart = negationBefore(context.text, mention.start);
      // A value inside a noun phrase another word governs ("fits a *Lumen* tablet") names the object, not the documents.
      if (context.governed.some((span) => span.start <= mention.start && mention.end <= span.end)) {
        warnOnce(
          context,
          `"${context.text.original.slice(mention.start, mention.end)}" is part of the object of another word here; not read as ${attribute.name}`,
        );
        continue;
      }
      // "roles where you'd mentor interns", "a gift for a friend who collects Bordeaux": a clause said of someone else.
      const clause =
        negationStart === undefined
          ? ((mention.common === true ? clauseGovernor(context, mention.start, (word) => schemaPhraseWord(context, word)) : undefined) ??
            simileGovernor(context, mention.start))
          : undefined;
      if (clause !== undefined) {
        dropGoverned(context, attribute, mention, clause);
        continue;
      }
      // "something to power a laptop", "a case for my phone": the kind is the object of another word, not what is asked for.
      if (mention.common === true && negationStart === undefined) {
        const inherited = governed !== undefined && LISTED_OBJECT.test(context.text.normalized.slice(governed.end, mention.start));
        const governor = inherited
          ? { words: "", phraseStart: mention.start }
          : (governorOf(context, mention.start) ?? partForAPurpose(context, mention));
        // "problems for enterprise customers": after a preposition, a value before the noun that has it is said of them.
        const forHolder = governor !== undefined && / for$/u.test(governor.words) && holderNounAfter(context, attribute, mention.end);
        if (governor !== undefined && !forHolder) {
          dropGoverned(context, attribute, mention, governor);
          governed = mention;
          continue;
        }
      }
      const listed = previous !== undefined && joinedAsList(context.text, previous, mention);
      // "not Miami, not Boston, just Austin", "no fantasy please, mystery only": after exclusions only, a value after (or
      // before) a word that restricts is the one asked for (the exclusions before it add nothing).
      const restricted =
        !positiveSeen &&
        previous !== undefined &&
        negationStart === undefined &&
        (RESTRICTIVE_BEFORE.test(context.text.normalized.slice(Math.max(0, mention.start - 30), mention.start)) ||
          RESTRICTIVE_AFTER.test(context.text.normalized.slice(mention.end)));
      const negated = negationStart !== undefined || (previous?.negated === true && listed && !restricted);
      // A second value named in passing, not in a list with the first ("laptops ... with great
      // keyboards"), describes something else: the first one is the constraint.
      if (mention.own === true && negationStart === undefined) {
        const before = context.text.masked().slice(Math.max(0, mention.start - 60), mention.start);
        const requested = REQUESTED_COUNT.exec(before);
        if (requested !== null) {
          const countStart = mention.start - before.length + before.lastIndexOf(requested[1] as string);
          const top = /(?:the\s+)?(?:top|best)\s+$/u.exec(context.text.masked().slice(Math.max(0, countStart - 12), countStart));
          context.text.claim({ start: countStart - (top?.[0].length ?? 0), end: countStart + (requested[1] as string).length });
          const count = /^\d+$/.test(requested[1] as string) ? Number(requested[1]) : (NUMBER_WORDS.get(requested[1] as string) ?? 0);
          setLimit(context, count, context.text.original.slice(countStart, mention.end));
        } else if (COUNTED.test(before) && !yearBefore(context, before)) {
          warnOnce(
            context,
            `"${context.text.original.slice(mention.start - (/(\S+\s+)$/u.exec(before)?.[1]?.length ?? 0), mention.end)}" counts things; not read as ${attribute.name}`,
          );
          continue;
        }
      }
      if (mention.own === true && previous !== undefined && !listed && !negated && !restricted) {
        warnOnce(
          context,
          `"${context.text.original.slice(mention.start, mention.end)}" was not read as a second ${attribute.name} (the question already names one); list them with "or" to ask for both`,
        );
        continue;
      }
      // A value the question asks for may stay in a semantic query ("laptops with great keyboards"); an excluded one may not.
      if (mention.own === true && !negated) context.text.claimSoft(mention);
      else context.text.claim({ start: negationStart ?? mention.start, end: mention.end });
      // "££ or less", "at least £££", "pricey or above": a named value of an ordered number as a bound.
      const bound = ordered ? boundOfNamedValue(context, mention) : undefined;
      if (bound !== undefined) {
        context.text.claim(bound.span);
        context.mentions.push({
          kind: "compare",
          attribute,
          field: attribute.name,
          operator: bound.operator,
          value: mention.values[0] as number,
          negated,
          position: mention.start,
        });
        previous = { ...mention, negated };
        if (!negated) positiveSeen = true;
        continue;
      }
      context.mentions.push({
        kind: "members",
        attribute,
        field: attribute.name,
        values: mention.values,
        negated,
        position: mention.start,
      });
      previous = { ...mention, negated };
      if (!negated) positiveSeen = true;
    }
  }
}

/** A number or integer attribute whose values have names ("£", "cheap"): a mention of a name is that number. */
function namesOrderedValues(attribute: AttributeDefinition): boolean {
  return (
    (attribute.type === "integer" || attribute.type === "number") &&
    attribute.values.some((entry) => typeof entry.value === "number" && (entry.label !== undefined || entry.aliases.length > 0))
  );
}

/** Names without letters or digits ("£££", "$$"), which the word matcher does not see: the exact run of the symbol. */
function symbolMentions(context: RecognizerContext, attribute: AttributeDefinition): Found[] {
  const found: Found[] = [];
  for (const entry of attribute.values) {
    for (const name of [entry.label ?? "", ...entry.aliases].filter((phrase) => /^[^\p{L}\p{N}\s]+$/u.test(phrase))) {
      const symbol = [...new Set(name)].map((character) => character.replace(/[.*+?^${}()|[\]\\/]/gu, "\\$&")).join("");
      // Not a currency before or after an amount ("£12 a head" is no price level).
      const pattern = new RegExp(`(?<![${symbol}\\d]\\s*)${name.replace(/[.*+?^${}()|[\]\\/]/gu, "\\$&")}(?![${symbol}]|\\s*\\d)`, "gu");
      for (const match of context.text.masked().matchAll(pattern)) {
        const span = { start: match.index, end: match.index + match[0].length };
        if (context.text.isFree(span)) found.push({ ...span, values: [entry.value] });
      }
    }
  }
  return found;
}

const DEGREE_OF_ADJECTIVE_BEFORE = /(?<![\p{L}'])(?:most|more|less|least|too|so|how|as)\s+$/u;
const DETERMINER_BEFORE = /(?<![\p{L}'])(?:the|a|an|my|our|your|their|his|her|this|that)\s+$/u;
const NOUN_PHRASE_ENDS =
  /^\s*(?:$|[,.;:!?)]|(?:that|which|who|was|is|were|are|of|for|at|in|on|with|and|or|but|we|i|you|they|he|she)(?![\p{L}]))/u;
const RESPECT_AFTER = /^\s+(?:in|of)\s+(\p{L}+)/u;

/**
 * Why a named value of an ordered number, written with letters, is used in its ordinary sense, or undefined: after a word
 * of degree it is compared ("the most expensive dish", "too pricey"); after a determiner with no noun after it, it is
 * a noun ("worth the splurge", "on a budget"); before "in" / "of" and a word the schema does not know, it is said in
 * some respect ("moderate in size").
 */
function ordinaryUseOfNamedValue(context: RecognizerContext, mention: Found): string | undefined {
  const { normalized } = context.text;
  if (!/\p{L}/u.test(normalized.slice(mention.start, mention.end))) return undefined;
  const before = normalized.slice(Math.max(0, mention.start - 20), mention.start);
  const after = normalized.slice(mention.end);
  if (DEGREE_OF_ADJECTIVE_BEFORE.test(before)) return "is compared here";
  if (DETERMINER_BEFORE.test(before) && NOUN_PHRASE_ENDS.test(after)) return "is a noun here";
  const respect = RESPECT_AFTER.exec(after)?.[1];
  if (respect !== undefined && respect !== "the" && !namesAValue(context, respect)) return `is said in respect of "${respect}"`;
  return undefined;
}

/** True when a word is a word of some attribute's value, label or value alias ("soho" of "Soho"). */
function namesAValue(context: RecognizerContext, word: string): boolean {
  const base = singular(word);
  return context.schema.attributes.some((attribute) =>
    attribute.values.some((entry) =>
      [String(entry.value), entry.label ?? "", ...entry.aliases].some((phrase) =>
        foldPhrase(phrase)
          .split(/[\s_-]+/u)
          .some((part) => part === word || singular(part) === base),
      ),
    ),
  );
}

const BOUND_AFTER =
  /^\s*(?:(?<lte>or\s+(?:less|under|below|lower|cheaper|fewer)|and\s+(?:under|below|less))|(?<gte>or\s+(?:more|above|over|higher|better|up)|and\s+(?:up|above|over|higher)|\+))(?![\p{L}])/u;
const BOUND_BEFORE = /(?<![\p{L}])(?:(?<lte>at\s+most|up\s+to|no\s+more\s+than)|(?<gte>at\s+least|no\s+less\s+than))\s+$/u;

/** "££ or less", "at least £££": the comparison a named value of an ordered number is the bound of, and its words. */
function boundOfNamedValue(context: RecognizerContext, mention: Found): { operator: "lte" | "gte"; span: Span } | undefined {
  if (mention.values.length !== 1 || typeof mention.values[0] !== "number") return undefined;
  const masked = context.text.masked();
  const after = BOUND_AFTER.exec(masked.slice(mention.end));
  if (after !== null)
    return { operator: after.groups?.lte === undefined ? "gte" : "lte", span: { start: mention.end, end: mention.end + after[0].length } };
  const before = BOUND_BEFORE.exec(masked.slice(Math.max(0, mention.start - 20), mention.start));
  if (before !== null)
    return {
      operator: before.groups?.lte === undefined ? "gte" : "lte",
      span: { start: mention.start - before[0].length, end: mention.start },
    };
  return undefined;
}

/** A word that restricts what follows to itself ("just", "only", "but", "instead"), with a comma or an article after it. */
const RESTRICTIVE_BEFORE =
  /(?<![\p{L}'])(?:just|only|but|instead|rather|simply|solely|strictly|(?:give|show|get)\s+me|i\s+(?:want|need|prefer)|i'd\s+(?:like|prefer))(?:\s+(?:want|need|show|give\s+me))?\s*,?\s+(?:(?:the|a|an|some)\s+)?$/u;
/** "mystery only", "horror instead": the same restriction after the value. */
const RESTRICTIVE_AFTER = /^(?:\s+\p{L}+)?\s+(?:only|instead)(?![\p{L}])/u;

const AUXILIARY_BEFORE =
  /(?<![\p{L}'])(?:do|does|did|don't|doesn't|didn't|won't|wouldn't|can't|cannot|couldn't|shouldn't|will|would|can|could|should|might|must|may)\s+(?:not\s+|even\s+|always\s+|never\s+|ever\s+)?$/u;
const DEGREE_BEFORE = /(?<![\p{L}'])(?:too|overly|so)\s+$/u;
const COPULA_BEFORE =
  /(?<![\p{L}'])(\p{L}[\p{L}'-]*)\s+(?:(?:has|have|had)\s+been|was|were|is|are|got|gets|get|became|becomes|stayed|stays|remained|remains)\s+(?:(?:still|already|now|just|all|suddenly|being|never|not)\s+){0,2}$/u;
const PERSONAL_SUBJECTS = new Set(["i", "you", "he", "she", "we", "someone", "somebody", "everyone", "nobody"]);
const PERSON_AFTER = /^\s*(?:,\s*)?(?:who(?![\p{L}])|from\s+(?:my|our|his|her|their|your)\s)/u;
const PLACE_BEFORE = /(?<![\p{L}'])(?:in|to|at|near|from|of|around|into|visit|visiting|visited|and|or|than|,)\s+(?:the\s+)?$/u;

/**
 * Why a value's word, as written, is used in its ordinary sense here, or undefined. Lowercase words: after an auxiliary
 * it is a verb ("links don't open"); after "too" an adjective of degree ("too low"); after a copula whose subject is a
 * person or a noun that is not a word for the documents it is said of that subject ("an account was closed", "she was
 * on hold"; "tickets that are still open" keep it). A capitalised value followed by "who" or "from my ..." names a
 * person ("Florence from my book club"), unless a preposition or a list puts it in place ("trips to Florence from ...").
 */
function ordinarySense(context: RecognizerContext, start: number, end: number): string | undefined {
  const written = context.text.original.slice(start, end);
  const before = context.text.normalized.slice(Math.max(0, start - 60), start);
  if (/^\p{Lu}\p{Ll}/u.test(written) && !titleCased(context.text.original)) {
    return PERSON_AFTER.test(context.text.normalized.slice(end)) && !PLACE_BEFORE.test(before) ? "names a person here" : undefined;
  }
  if (written !== written.toLowerCase()) return undefined;
  // "do parabellum reviews mention ...", "can open tickets be reassigned": an auxiliary that opens a question is inverted.
  const auxiliary = AUXILIARY_BEFORE.exec(before);
  const nextWord = /^\s+(\p{L}[\p{L}'-]*)/u.exec(context.text.normalized.slice(end))?.[1];
  if (
    auxiliary !== null &&
    !/(?:^|[,;:?!.])\s*$/u.test(before.slice(0, auxiliary.index)) &&
    !(nextWord !== undefined && isDocumentNoun(context, nextWord))
  )
    return "is a verb here";
  if (DEGREE_BEFORE.test(before)) return "is said as a degree here";
  const subject = COPULA_BEFORE.exec(before)?.[1]?.toLowerCase();
  if (subject === undefined) return undefined;
  if (PERSONAL_SUBJECTS.has(subject)) return `is said of "${subject}" here`;
  if (context.stopWords.has(subject) || isDocumentNoun(context, subject) || knownWord(context, subject)) return undefined;
  if (["it", "they", "that", "which", "who", "ones", "those", "these", "anything", "something", "everything", "all"].includes(subject))
    return undefined;
  return `is said of "${subject}" here`;
}

/**
 * "problems for enterprise customers" (customer_tier, "The plan the customer is on"): the noun after the value is the one
 * the attribute's own name or description says has it, so the value is said of whom the documents are about, not the
 * object of another word.
 */
function holderNounAfter(context: RecognizerContext, attribute: AttributeDefinition, end: number): boolean {
  const next = /^\s+(\p{L}[\p{L}'-]*)/u.exec(context.text.normalized.slice(end))?.[1];
  if (next === undefined) return false;
  const own = `${attribute.name.replace(/[_-]+/gu, " ")} ${attribute.description}`.toLowerCase().match(/\p{L}{4,}/gu) ?? [];
  return own.some((word) => !DESCRIPTION_FUNCTION_WORDS.has(word) && singular(word) === singular(next));
}

/** Only a list word between two values ("free or pro", "hostels, guesthouses and"). */
const LIST_WORDS_BETWEEN = /^\s*(?:,\s*)?(?:(?:and|or|nor|&|\/|and\/or)\s*)?(?:(?:not|no)\s+)?$/u;

/** "March 2026 monitor launches": with a date attribute, a year-like number before a value is a date, not a count. */
function yearBefore(context: RecognizerContext, before: string): boolean {
  return (
    /(?<![\p{L}\p{N}_])(?:1[89]|20|21)\d\d\s+$/u.test(before) &&
    context.schema.attributes.some((attribute) => attribute.type === "date" || isYearMeasure(attribute))
  );
}

/** "with a studio for my pottery": "with", up to three words, the kind, then "for" and a possessive. */
const WITH_BEFORE = /(?<![\p{L}])with\s+(?:(?:a|an|the|some)\s+)?(?:[\p{L}'-]+\s+){0,2}$/u;
const FOR_POSSESSIVE_AFTER = /^\s+for\s+(?:my|our|your|his|her|their)(?![\p{L}])/u;

/**
 * "a home with a studio for my pottery", "a house with a loft for my kids", "homes with a recording studio": a kind the
 * documents have *with* them, kept for something of the asker's or named with a noun of use, is a part of them (a room,
 * a component), not what they are.
 */
function partForAPurpose(context: RecognizerContext, mention: Span): Governor | undefined {
  const before = WITH_BEFORE.exec(context.text.normalized.slice(Math.max(0, mention.start - 60), mention.start));
  if (before === null) return undefined;
  const governor = { words: "with", phraseStart: mention.start - before[0].length + "with".length + 1 };
  if (FOR_POSSESSIVE_AFTER.test(context.text.normalized.slice(mention.end))) return governor;
  // "homes with a recording studio", "a flat with a home studio": a noun of use or a word for the documents right
  // before the kind makes it a room or a part of them.
  const modifier = /(?<![\p{L}])(\p{Ll}+)\s+$/u.exec(before[0])?.[1];
  if (modifier !== undefined && (/\p{L}{3,}ing$/u.test(modifier) || isDocumentNoun(context, modifier)) && !context.stopWords.has(modifier))
    return governor;
  return undefined;
}

/** Between two kinds of one list of objects ("power a laptop and a phone"). */
const LISTED_OBJECT = /^\s*(?:,\s*)?(?:and|or|&|plus|as well as)?\s*(?:(?:a|an|the|my|your|our|their|some|any)\s+)?$/u;

/** Leaves a governed kind out, with the values named inside its noun phrase ("fit a *Lumen* phone"), and says so. */
function dropGoverned(context: RecognizerContext, attribute: AttributeDefinition, mention: Found, governor: Governor): void {
  const inside = context.mentions.filter(
    (other) =>
      other.kind === "members" &&
      other.span !== undefined &&
      other.span.start >= governor.phraseStart &&
      other.span.end <= mention.start &&
      !other.negated,
  );
  const names = [attribute.name];
  for (const other of inside) {
    context.mentions.splice(context.mentions.indexOf(other), 1);
    if (other.kind === "members" && other.span !== undefined) context.text.release(other.span);
    if (!names.includes(other.attribute.name)) names.push(other.attribute.name);
  }
  context.governed.push({ start: governor.phraseStart, end: mention.end });
  const phrase = context.text.original.slice(governor.phraseStart, mention.end).trim();
  warnOnce(
    context,
    governor.words === ""
      ? `"${phrase}" is listed with an object of another word; not read as ${names.join(" or ")}`
      : governor.possessive === true
        ? `"${phrase}" names something the asker has, not what the question asks for; not read as ${names.join(" or ")}`
        : `"${phrase}" is the object of "${governor.words}" here, not what the question asks for; not read as ${names.join(" or ")}`,
  );
}

/** The attribute's values in order (numbers ascending when all are numbers). */
function orderedValues(attribute: AttributeDefinition): FilterScalar[] {
  const values = attribute.values.map((entry) => entry.value);
  return values.every((value) => typeof value === "number")
    ? [...values].sort((left, right) => (left as number) - (right as number))
    : values;
}

/** The enum value a written number names ("3", "three", "iii"), if it is one. */
function valueForNumber(attribute: AttributeDefinition, token: string): FilterScalar | undefined {
  const number = /^\d+$/.test(token) ? Number(token) : (NUMBER_WORDS.get(token) ?? ROMAN_NUMERALS.get(token));
  if (number === undefined) return undefined;
  return attribute.values.find((entry) => entry.value === number || entry.value === String(number))?.value;
}

/**
 * A value named by a year its label carries, next to a word for the attribute: "the 2019 film" (or "the
 * 2019 one") when exactly one value's label holds "2019".
 */
function yearNamedMentions(context: RecognizerContext, attribute: AttributeDefinition): Found[] {
  const labelled = attribute.values.filter((entry) => entry.label !== undefined && /\b(?:1[89]|20|21)\d\d\b/.test(entry.label));
  if (labelled.length === 0 || attribute.aliases.length === 0) return [];
  const { text } = context;
  const pattern = new RegExp(
    // "the 2017 one": "one" stands for the attribute's word after "the".
    `${BOUNDARY_BEFORE}(?:(?:the\\s+)?((?:1[89]|20|21)\\d\\d)\\s+${phrasesPattern(attribute.aliases)}${NOT_FOLLOWED_BY_OF}|the\\s+((?:1[89]|20|21)\\d\\d)\\s+one(?![\\p{L}\\p{N}_]))`,
    "gu",
  );
  const found: Found[] = [];
  // "the 2017 sequel", "the 2023 release": "the", a year and one noun no attribute knows stand for the attribute's word.
  const other = new RegExp(
    `${BOUNDARY_BEFORE}the\\s+((?:1[89]|20|21)\\d\\d)\\s+(\\p{Ll}[\\p{Ll}-]{3,})(?:'s)?(?![\\p{L}\\p{N}_'-])${NOT_FOLLOWED_BY_OF}`,
    "gu",
  );
  const matches = [
    ...text.masked().matchAll(pattern),
    ...[...text.masked().matchAll(other)].filter((match) => {
      const noun = match[2] as string;
      return !context.stopWords.has(noun) && !context.stopWords.has(singular(noun)) && !knownWord(context, noun);
    }),
  ];
  for (const match of matches) {
    const span = { start: match.index, end: match.index + match[0].length };
    if (!text.isFree(span)) continue;
    const year = (match[1] ?? match[2]) as string;
    const named = labelled.filter((entry) => new RegExp(`\\b${year}\\b`).test(entry.label as string));
    if (named.length !== 1) continue;
    text.claim(span);
    found.push({ ...span, values: [(named[0] as (typeof labelled)[number]).value] });
  }
  return found;
}

function numberedMentions(context: RecognizerContext, attribute: AttributeDefinition): Found[] {
  const { text } = context;
  const alias = phrasesPattern(aliasesWithPlurals(attribute), { boundaryAfter: false });
  const head = new RegExp(`${alias}\\s*[:#\\-]?\\s*(?:no\\.?\\s*|number\\s+)?(${ENUM_NUMBER})${BOUNDARY_AFTER}${NOT_FOLLOWED_BY_OF}`, "gu");
  const continuation = new RegExp(
    `\\s*(${RANGE_JOINER}|${LIST_JOINER})\\s*(?:(?:the\\s+)?${alias}\\s*[:#\\-]?\\s*)?(${ENUM_NUMBER})${BOUNDARY_AFTER}${NOT_FOLLOWED_BY_OF}`,
    "uy",
  );
  const unitAfter = unitAfterPattern(context);
  const found: Found[] = [];
  const masked = text.masked();
  for (const match of masked.matchAll(head)) {
    const start = match.index;
    let end = start + match[0].length;
    const token = match[1] as string;
    if (!text.isFree({ start, end }) || unitAfter.test(masked.slice(end)) || COMPARISON_AFTER.test(masked.slice(end))) continue;
    const first = valueForNumber(attribute, token);
    if (first === undefined) {
      // "season 7": clearly a value the documents do not have. Filtering on it (matching nothing) is
      // more honest than dropping it, and claiming it keeps the 7 from being read as a measure or limit.
      const number = /^\d+$/.test(token) ? Number(token) : (NUMBER_WORDS.get(token) ?? ROMAN_NUMERALS.get(token));
      if (number === undefined || number >= 1000 || !orderedValues(attribute).every((value) => typeof value === "number")) continue;
      warnOnce(
        context,
        `"${text.original.slice(start, end).trim()}" is not a known ${attribute.name} (known: ${orderedValues(attribute).join(", ")}); no document can match`,
      );
      text.claim({ start, end });
      found.push({ start, end, values: [number] });
      continue;
    }
    const values: FilterScalar[] = [first];
    let last = first;
    for (;;) {
      continuation.lastIndex = end;
      const next = continuation.exec(masked);
      if (!next) break;
      const value = valueForNumber(attribute, next[2] as string);
      if (value === undefined || unitAfter.test(masked.slice(continuation.lastIndex))) break;
      const joiner = (next[1] as string).trim();
      if (/^(?:-|to|through|thru)$/.test(joiner)) for (const between of valuesBetween(attribute, last, value)) values.push(between);
      else values.push(value);
      last = value;
      end = continuation.lastIndex;
    }
    text.claim({ start, end });
    found.push({ start, end, values: unique(values) });
  }
  return found;
}

/** The attribute's aliases and the plurals of those of one word ("seasons" for "season"). */
function aliasesWithPlurals(attribute: AttributeDefinition): string[] {
  const plurals = attribute.aliases
    .filter((alias) => /^\p{Ll}{3,}$/u.test(alias) && !/s$/u.test(alias))
    .map((alias) => (/(?:ch|sh|x|z)$/u.test(alias) ? `${alias}es` : /[^aeiou]y$/u.test(alias) ? `${alias.slice(0, -1)}ies` : `${alias}s`));
  return [...attribute.aliases, ...plurals];
}

function valuesBetween(attribute: AttributeDefinition, from: FilterScalar, to: FilterScalar): FilterScalar[] {
  const ordered = orderedValues(attribute);
  const low = ordered.indexOf(from);
  const high = ordered.indexOf(to);
  if (low < 0 || high < 0) return [to];
  return low <= high ? ordered.slice(low + 1, high + 1) : ordered.slice(high, low);
}

/** Same words, singular or plural, case and accents aside ("Laptops" = "laptop"). */
function sameWord(left: string, right: string): boolean {
  const words = (phrase: string) => foldPhrase(phrase).split(/\s+/u).map(singular).join(" ");
  return words(left) === words(right);
}

/** Values named by their own text, label or aliases (case, accents, plurals, spacing and one typo tolerated). */
function aliasMentions(context: RecognizerContext, attribute: AttributeDefinition): Found[] {
  const phrases: ValuePhrase[] = attribute.values.flatMap((entry) => [
    // An alias that is the value's own word or its plural ("laptops" for "laptop") counts as the value's own text.
    ...entry.aliases.map((alias) => ({
      phrase: alias,
      value: entry.value,
      own: typeof entry.value === "string" && sameWord(alias, entry.value),
    })),
    ...(typeof entry.value === "string" ? [{ phrase: entry.value, value: entry.value, own: true }] : []),
    ...(entry.label === undefined ? [] : [{ phrase: entry.label, value: entry.value, own: attribute.type === "enum" }]),
  ]);
  const elliptic = ellipticAliases(attribute);
  for (const [phrase, value] of elliptic) phrases.push({ phrase, value, own: false });
  const found: Found[] = [];
  const matches = findValuePhrases(context.text, phrases);
  for (const match of matches) {
    // "free or pro accounts", "hostels and guesthouses": after another value of the attribute and a list word, the value
    // shares the noun after it with the first one, so that noun does not make it a compound naming another thing.
    const listedAfterSibling = matches.some(
      (other) =>
        other.end <= match.start &&
        other.value !== match.value &&
        LIST_WORDS_BETWEEN.test(context.text.normalized.slice(other.end, match.start)),
    );
    // "reviews of the original from before 2016": "the original" stands for "the original film" when no noun follows.
    if (elliptic.has(match.phrase)) {
      // "the final's cliffhanger": a possessive ends the noun phrase.
      const possessive = /'s?$/u.test(context.text.normalized.slice(match.start, match.end));
      if (!possessive && !endsNounPhrase(context.text.normalized.slice(match.end))) continue;
      // "the original one": "one" stands for the noun.
      match.end += /^\s+ones?(?![\p{L}\p{N}_'-])/u.exec(context.text.normalized.slice(match.end))?.[0].length ?? 0;
    }
    // "a loft-style bedroom", "laptop-sized bags": the value's word inside a hyphenated compound qualifies another noun.
    if (
      /^-\p{L}/u.test(context.text.normalized.slice(match.end)) &&
      !/-/u.test(match.phrase) &&
      !modifiesRequestHead(
        context,
        match.start,
        match.end + (/^-[\p{L}]+/u.exec(context.text.normalized.slice(match.end))?.[0].length ?? 0),
      )
    ) {
      warnOnce(
        context,
        `"${context.text.original.slice(match.start, match.end)}${/^-[\p{L}]+/u.exec(context.text.original.slice(match.end))?.[0] ?? ""}" qualifies another noun; not read as ${attribute.name}`,
      );
      continue;
    }
    // "a flat backyard": an alias of one lowercase word before a noun the schema does not know is an adjective there.
    const nextWord = /^\s+(\p{Ll}[\p{Ll}'-]*)/u.exec(context.text.normalized.slice(match.end))?.[1];
    if (
      !match.own &&
      !listedAfterSibling &&
      compoundAttachment(context, match.start, match.end) !== "documents" &&
      /^\p{Ll}+$/u.test(match.phrase) &&
      // The alias as written (an adjective is never plural: "flats near the beach" are flats).
      context.text.normalized.slice(match.start, match.end) === match.phrase &&
      !FOLLOWING_FUNCTION_WORDS.has(nextWord ?? "") &&
      nextWord !== undefined &&
      // "a flat accepting pets": a participle starts a phrase of its own.
      !/\p{L}{3,}(?:ing|ed)$/u.test(nextWord) &&
      !context.stopWords.has(nextWord) &&
      !context.stopWords.has(singular(nextWord)) &&
      !knownWord(context, nextWord) &&
      // "wellness eps", "crime anthologies": a word for the documents right after the alias is what it describes.
      !isDocumentNoun(context, nextWord) &&
      // "freelance copywriting roles", "permanent nursing positions": a word for the documents right after the described
      // noun makes the alias part of the documents' own noun phrase, so it is the constraint.
      !describesDocuments(context, context.text.normalized.slice(match.end)) &&
      // "openings for veteran translators": what follows "<documents> for" is who or what they are for.
      !afterDocumentsFor(context, context.text.normalized.slice(Math.max(0, match.start - 40), match.start))
    ) {
      warnOnce(
        context,
        `"${context.text.original.slice(match.start, match.end)} ${nextWord}" uses "${match.phrase}" to describe "${nextWord}"; not read as ${attribute.name}`,
      );
      continue;
    }
    // "camera straps", "monitor arms", "a loft bed", "Portland cement floors": a value's own word, written in the
    // singular, right before a noun the schema does not know is the first part of a compound noun whose head is
    // another thing, unless a word of the schema or for the documents follows within the noun phrase
    // ("Munich fintech jobs", "senior data engineer jobs").
    if (match.own && !listedAfterSibling && !holderNounAfter(context, attribute, match.end) && compoundModifier(context, match)) {
      warnOnce(
        context,
        `"${context.text.original.slice(match.start, match.end)} ${nameTailWord(context, match.end)}" is a compound noun; "${match.phrase}" describes another thing there; not read as ${attribute.name}`,
      );
      continue;
    }
    // "links don't open", "an account was closed", "she was on hold with her bank", "too low for a nightly sync",
    // "Florence from my book club recommended": the value's word is a verb, the complement of a clause about another
    // subject, an adjective of degree, or a person's name, not a constraint on the documents.
    const ordinaryUse = ordinarySense(context, match.start, match.end);
    if (ordinaryUse !== undefined) {
      warnOnce(context, `"${context.text.original.slice(match.start, match.end)}" ${ordinaryUse}; not read as ${attribute.name}`);
      continue;
    }
    // "Miami Vice", "the Vienna Convention", "Dublin Core metadata": a capitalised value followed by a capitalised word
    // the schema does not know is the first word of a longer proper name, unless a word for the documents follows
    // ("Berlin Python jobs").
    const written = context.text.original.slice(match.start, match.end);
    const nameTail = /^\s+(\p{Lu}[\p{L}'-]*)/u.exec(context.text.original.slice(match.end))?.[1];
    if (
      /^\p{Lu}/u.test(written) &&
      nameTail !== undefined &&
      !startsOwnPhrase(nameTail) &&
      // In a title-cased question ("Condos In Austin Under 400k") capitals say nothing.
      !titleCased(context.text.original) &&
      !knownWord(context, nameTail.toLowerCase()) &&
      !context.stopWords.has(nameTail.toLowerCase()) &&
      !nextIsDocumentNoun(context, context.text.normalized.slice(match.end))
    ) {
      warnOnce(context, `"${written} ${nameTail}" reads as a longer name; not read as ${attribute.name}`);
      continue;
    }
    if (match.fuzzy)
      warnOnce(
        context,
        `read "${context.text.original.slice(match.start, match.end)}" as ${attribute.name} ${JSON.stringify(match.value)}`,
      );
    // A kind: a lowercase value, an acronym, or a capitalised one written lowercase ("the poodle next door", "two beagles").
    const common =
      typeof match.value === "string" &&
      ((/^\p{Ll}/u.test(match.value) && match.phrase === match.phrase.toLowerCase()) ||
        // An acronym is a kind too ("a rack that fits an SUV").
        /^\p{Lu}{2,5}s?$/u.test(match.phrase) ||
        (!/\s/u.test(match.value) && /^\p{Ll}+$/u.test(context.text.original.slice(match.start, match.end))));
    found.push({ start: match.start, end: match.end, values: [match.value], own: match.own, common });
  }
  return found;
}

/**
 * Aliases without their last word when that word is one of the attribute's own aliases: "the original" for "the original
 * series" (alias "series"), "the newest" for "the newest edition". Ordinals and numbers are left to the ordinal rules; a
 * shortened alias two values share is dropped.
 */
function ellipticAliases(attribute: AttributeDefinition): Map<string, FilterScalar> {
  const nouns = new Set(attribute.aliases.map((alias) => foldPhrase(alias)).filter((alias) => /^\p{L}+$/u.test(alias)));
  const shortened = new Map<string, FilterScalar | undefined>();
  for (const entry of attribute.values) {
    for (const alias of entry.aliases) {
      const words = foldPhrase(alias).split(/\s+/u);
      const last = words.at(-1) as string;
      const rest = words.slice(0, -1);
      const previous = rest.at(-1);
      if (rest.length < 2 || !nouns.has(last) || previous === undefined || ORDINAL_WORDS.has(previous) || /\d/u.test(previous)) continue;
      const phrase = rest.join(" ");
      shortened.set(phrase, shortened.has(phrase) && shortened.get(phrase) !== entry.value ? undefined : entry.value);
    }
  }
  const aliases = new Set(attribute.values.flatMap((entry) => [...entry.aliases, entry.label ?? "", String(entry.value)].map(foldPhrase)));
  return new Map([...shortened].filter((pair): pair is [string, FilterScalar] => pair[1] !== undefined && !aliases.has(pair[0])));
}

/** Words that may follow a shortened alias: it is the whole noun phrase ("the original *from* 2014", "the newest*'s*"). */
const AFTER_NOUN_PHRASE = new Set([
  "of",
  "from",
  "in",
  "on",
  "at",
  "by",
  "with",
  "without",
  "about",
  "that",
  "which",
  "who",
  "where",
  "when",
  "and",
  "or",
  "nor",
  "but",
  "than",
  "is",
  "was",
  "are",
  "were",
  "has",
  "had",
  "to",
  "for",
  "since",
  "before",
  "after",
  "until",
  "vs",
  "versus",
  "compared",
  "rated",
  "scored",
  // Comparisons ("is the latest better than ...").
  "better",
  "worse",
  "as",
  // Verbs of opinion ("did reviewers of the original *think* ...").
  "think",
  "thinks",
  "thought",
  "say",
  "says",
  "said",
  "feel",
  "feels",
  "felt",
  "like",
  "likes",
  "liked",
  "love",
  "loved",
  "hate",
  "hated",
  "made",
  "makes",
  // "the original one", "the newest ones".
  "one",
  "ones",
]);

/** True when the text after a phrase ends its noun phrase: nothing, punctuation, a possessive, a function word or a participle. */
function endsNounPhrase(after: string): boolean {
  if (/^\s*(?:$|[.,;:!?)"]|'s?(?![\p{L}]))/u.test(after)) return true;
  const next = /^\s+(\p{L}+)(?![\p{L}\p{N}_'-])/u.exec(after)?.[1];
  return next !== undefined && (AFTER_NOUN_PHRASE.has(next) || /\p{L}{3,}(?:ing|ed)$/u.test(next));
}

/** The word right after `end` (with an "of" before it), as written. */
function nameTailWord(context: RecognizerContext, end: number): string {
  return /^\s+((?:of\s+)?[\p{L}'-]+)/u.exec(context.text.original.slice(end))?.[1] ?? "";
}

/**
 * True when a value's own word, written exactly as the value (singular), is followed by a lowercase noun the schema
 * does not know and no word of the schema or for the documents ends that run of nouns: "camera straps made of
 * leather", "homes with polished Portland cement floors". The run is read up to three words.
 */
function compoundModifier(context: RecognizerContext, match: { start: number; end: number; phrase: string; value: FilterScalar }): boolean {
  const written = context.text.normalized.slice(match.start, match.end);
  // Lowercase one-word values only: after a capitalised name a lowercase word is as often a verb ("Paris involve").
  // Written as the value or the phrase, not as a plural of them ("red berries" for the alias "reds" of "red"). A
  // capitalised value written lowercase is a common word there ("french toast", "greek yogurt", "seattle rain").
  const lowered = context.text.original.slice(match.start, match.end) === written && written === match.phrase.toLowerCase();
  if ((written !== match.phrase && written !== String(match.value) && !lowered) || !/^\p{Ll}+$/u.test(written)) return false;
  // There only singular nouns make the compound: a plural one names the documents ("thai curries", "indian chai blends").
  if (lowered && written !== match.phrase && pluralNounAfter(context, match.end)) return false;
  return modifiesAnotherNoun(context, match.start, match.end);
}

/** True when the next word, or the one after it, is a plural noun ("thai *curries*", "indian chai *blends*"; not "toast *is*"). */
function pluralNounAfter(context: RecognizerContext, end: number): boolean {
  const [first, second] = /^\s+(\p{Ll}[\p{Ll}'-]*)(?:\s+(\p{Ll}[\p{Ll}'-]*))?/u.exec(context.text.normalized.slice(end))?.slice(1) ?? [];
  const plural = (word: string | undefined, length: number) =>
    word !== undefined && word.length >= length && /[^s']s$/u.test(word) && !context.stopWords.has(word);
  return plural(first, 4) || (first !== undefined && !context.stopWords.has(first) && plural(second, 5));
}

/**
 * True when the words from `start` to `end` are followed by a lowercase noun the schema does not know, with no word of the
 * schema or for the documents ending that run of nouns (read up to three words): they are the first part of a compound
 * noun naming another thing ("camera straps", "automatic emergency braking", "an on-site gym").
 */
export function modifiesAnotherNoun(context: RecognizerContext, start: number, end: number): boolean {
  const attached = compoundAttachment(context, start, end);
  if (attached !== undefined) return attached === "other";
  const match = { start, end };
  // "openings for senior data engineers": what follows "<documents> for" is who or what they are for.
  if (afterDocumentsFor(context, context.text.normalized.slice(Math.max(0, match.start - 40), match.start))) return false;
  // "restaurants serving vegan dishes": what the documents provide describes them.
  if (providedByDocuments(context, match.start)) return false;
  const after = context.text.original.slice(match.end);
  // "a house of worship", "a camera of choice": "of" and a bare noun make one name; "a house of my own", "a condo of
  // about 900 sq ft", "a studio of the kind ..." are read as before.
  const ofNoun = /^\s+of\s+(\p{Ll}[\p{Ll}'-]*)(?![\p{L}\p{N}])/u.exec(after)?.[1];
  if (ofNoun !== undefined)
    return (
      !OF_NOT_A_NAME.has(ofNoun) && !context.stopWords.has(ofNoun) && !schemaPhraseWord(context, ofNoun) && !isDocumentNoun(context, ofNoun)
    );
  const run = /^((?:\s+\p{Ll}[\p{Ll}'-]*){1,3})/u.exec(after)?.[1]?.trim().split(/\s+/u) ?? [];
  const nouns: string[] = [];
  for (const word of run) {
    // A preposition ends the run even when the schema uses it as a cue ("on-site daycare *at* the office").
    if (RUN_PREPOSITIONS.has(word)) break;
    if (schemaPhraseWord(context, word) || aliasStem(context, word) || isDocumentNoun(context, word)) return false;
    if (FOLLOWING_FUNCTION_WORDS.has(word) || NOT_NOUNS.has(word) || context.stopWords.has(word) || context.stopWords.has(singular(word)))
      break;
    nouns.push(word);
  }
  const first = nouns[0];
  if (first === undefined) return false;
  // "a flat accepting pets": a participle starts a phrase of its own; a word in -ing that ends the noun phrase before
  // "and", "or" or punctuation is a noun ("bikes with electric shifting and disc brakes").
  const gerund = /^\s+\p{Ll}{3,}ing\s*(?:$|[.,;:!?)]|(?:and|or)\s)/u.test(after);
  if (/\p{L}{2,}(?:ed|ly)$/u.test(first) || (/\p{L}{2,}ing$/u.test(first) && !gerund)) return false;
  // "mains longer than 2 hours": a comparative before "than" is no noun.
  if (nouns.length === 1 && run[1] === "than") return false;
  // "which phone takes the best photos", "which laptop runs cooler": a word in -s before a determiner or a comparison
  // is the verb of the value, not the head of a compound ("camera straps made of leather").
  const afterFirst = /^\s+\S+\s+(\p{L}+)/u.exec(after)?.[1]?.toLowerCase();
  if (/[^s]s$/u.test(first) && afterFirst !== undefined && VERB_OBJECT_START.test(afterFirst) && !FOLLOWING_FUNCTION_WORDS.has(afterFirst))
    return false;
  return true;
}

/** Prepositions that end a run of nouns ("daycare at", "toast with"). */
const RUN_PREPOSITIONS = new Set(["at", "in", "on", "by", "for", "from", "with", "of", "to", "into", "onto", "near", "about"]);

/** Words that start what follows a verb: a determiner, a comparison, an adverb ("takes *the*", "runs *cooler*", "sounds *best*"). */
const VERB_OBJECT_START =
  /^(?:the|a|an|my|your|its|their|our|more|most|less|least|much|better|best|worse|worst|well|badly|fine|great|really|so|too|very|\p{L}{2,}est|\p{L}{3,}[^e]er)$/u;

/** True when a word is a whole one-word alias, value, label or unit of an attribute ("made" of "made by" is not). */
export function schemaPhraseWord(context: RecognizerContext, word: string): boolean {
  const base = singular(word);
  return context.schema.attributes.some((attribute) =>
    [
      attribute.name,
      ...attribute.aliases,
      ...attribute.units,
      ...attribute.values.flatMap((entry) => [String(entry.value), entry.label ?? "", ...entry.aliases]),
    ].some((phrase) => {
      const lower = phrase.toLowerCase();
      // "ebooks" for "e-book", "wargames" for "war game": a phrase of several words written joined.
      const joined = lower.replace(/[\s-]+/gu, "");
      return lower === word || singular(lower) === base || (joined !== lower && joined.length >= 5 && singular(joined) === base);
    }),
  );
}

/** True when a word shares its stem with an attribute's alias ("monitor launches" for the alias "launched"). */
function aliasStem(context: RecognizerContext, word: string): boolean {
  const stem = (text: string) => text.replace(/(?:es|ed|s|ing)$/u, "");
  const base = stem(word);
  return (
    base.length >= 4 && context.schema.attributes.some((attribute) => attribute.aliases.some((alias) => stem(alias.toLowerCase()) === base))
  );
}

/** Words after "of" that start a description, not a name ("a house of my own", "a condo of about 900 sq ft"). */
const OF_NOT_A_NAME = new Set([
  "my",
  "our",
  "your",
  "his",
  "her",
  "their",
  "its",
  "a",
  "an",
  "the",
  "about",
  "around",
  "at",
  "over",
  "under",
  "some",
  "any",
  "two",
  "three",
  "four",
  "five",
]);

/** Short adverbs and adjectives that follow a noun without forming a compound with it ("a laptop too"). */
const NOT_NOUNS = new Set([
  "too",
  "also",
  "again",
  "either",
  "instead",
  "now",
  "today",
  "yet",
  "still",
  "first",
  "cool",
  "good",
  "enough",
  // Conjunctions and prepositions of exclusion start another phrase ("a townhouse but cheaper", "any speaker except").
  "except",
  "excluding",
  "besides",
  "including",
  "but",
  "because",
  "unless",
  "though",
  "although",
  "while",
  "so",
  "if",
]);

/** Generic words for documents of a catalogue or a board, whatever the schema's own description says. */
const DOCUMENT_NOUNS = new Set([
  "position",
  "role",
  "opening",
  "vacancy",
  "posting",
  "job",
  "listing",
  "home",
  "product",
  "item",
  "property",
  "offer",
  // What catalogues of courses, events, recipes or trips call their entries ("pottery classes", "jazz gigs").
  "class",
  "course",
  "lesson",
  "workshop",
  "session",
  "gig",
  "show",
  "performance",
  "night",
  "rental",
  "unit",
  "deal",
  "model",
  "edition",
  "version",
  "release",
  "title",
  "tour",
  "trip",
  "stay",
  "booking",
  "room",
  "package",
  "dish",
  "recipe",
  "meal",
  "idea",
  // What a kind of cooking is called as a whole, or its meals ("korean food", "french cooking", "a quick thai dinner").
  "food",
  "cooking",
  "fare",
  "dinner",
  "lunch",
  "supper",
  // What a board of jobs or volunteering calls its entries ("a lisbon opportunity").
  "opportunity",
  // What a library or a catalogue of works calls its entries as a whole ("poetry collections", "a horror anthology").
  "collection",
  "anthology",
  "compilation",
  "volume",
  "series",
  // What a music library calls its entries ("rock songs").
  "song",
  "tune",
  "album",
  // What a catalogue of works calls its entries, whatever its own noun ("mystery novels" of books, "comedy podcasts").
  // Not "book", "film" or "record": heads of compounds too ("a phone book", "camera film", "a track record").
  "novel",
  "story",
  "podcast",
  "episode",
  "video",
  "article",
  "essay",
]);

/** Every word of three or more letters starts with a capital. */
function titleCased(question: string): boolean {
  const words = question.match(/\p{L}{3,}/gu) ?? [];
  return words.length >= 3 && words.every((word) => /^\p{Lu}/u.test(word));
}

/** True when the second word after an alias is a word for the documents ("freelance copywriting *roles*"). */
function describesDocuments(context: RecognizerContext, after: string): boolean {
  return nextIsDocumentNoun(context, after);
}

/** True when the word after the next one is a word for the documents ("Berlin Python *jobs*"). */
function nextIsDocumentNoun(context: RecognizerContext, after: string): boolean {
  const second = /^\s+\p{L}[\p{L}'-]*\s+(\p{L}[\p{L}'-]*)/u.exec(after)?.[1]?.toLowerCase();
  return second !== undefined && isDocumentNoun(context, second);
}

/** True when the text before ends with a word for the documents and "for" ("openings for (a) "). */
function afterDocumentsFor(context: RecognizerContext, before: string): boolean {
  const noun = /(?<![\p{L}])(\p{L}+)\s+for\s+(?:(?:a|an|the)\s+)?$/u.exec(before)?.[1];
  return noun !== undefined && isDocumentNoun(context, noun.toLowerCase());
}

/** A generic word for documents, or a noun of the schema's `documentContents` ("gigs" for "A gig on a marketplace"). */
export function isDocumentNoun(context: RecognizerContext, word: string): boolean {
  // "series" is its own singular ("a fantasy series").
  const base = word === "series" ? word : singular(word);
  if (DOCUMENT_NOUNS.has(base)) return true;
  // Accents aside, as the question's text is compared ("cafes" for "A café ...").
  const described = foldPhrase(context.schema.documentContents).match(/\p{L}{3,}/gu) ?? [];
  return described.some(
    (entry) => !DESCRIPTION_FUNCTION_WORDS.has(entry) && (singular(entry) === base || clippedForm(word, singular(entry))),
  );
}

/**
 * True when a plural word is the clipped form of a noun ("eps" of "episode", "vids" of "video", "docs" of "document"):
 * two to four letters that start the noun, which is at least two letters longer, and no ordinary word of their own
 * ("cooks" is not a clipped "cooking", nor "cats" of "catalog").
 */
function clippedForm(word: string, noun: string): boolean {
  if (!/^\p{Ll}{2,4}s$/u.test(word) || isOrdinaryWord(word)) return false;
  const stem = word.slice(0, -1);
  return noun.length >= stem.length + 2 && noun.startsWith(stem);
}

/** Words after a noun that start a phrase of their own, not a compound ("a flat near the park"). */
const FOLLOWING_FUNCTION_WORDS = new Set([
  "near",
  "close",
  "next",
  "around",
  "under",
  "over",
  "below",
  "above",
  "within",
  "without",
  "between",
  "across",
  "along",
  "off",
  "downtown",
  "nearby",
  "only",
  "please",
  "here",
  "there",
  "like",
  "than",
  "less",
  "more",
  "cheaper",
  "costing",
  "priced",
]);

/** True when a word belongs to the schema: an alias, a value, a label or a unit of any attribute. */
export function knownWord(context: RecognizerContext, word: string): boolean {
  const base = singular(word);
  return context.schema.attributes.some((attribute) =>
    [
      attribute.name,
      ...attribute.aliases,
      ...attribute.units,
      ...attribute.values.flatMap((entry) => [String(entry.value), entry.label ?? "", ...entry.aliases]),
    ].some((phrase) =>
      phrase
        .toLowerCase()
        .split(/[\s_-]+/u)
        .some((part) => part === word || singular(part) === base),
    ),
  );
}

function ordinalMentions(context: RecognizerContext, attribute: AttributeDefinition): Found[] {
  const { text } = context;
  const ordered = orderedValues(attribute);
  const noun = phrasesPattern(aliasesWithPlurals(attribute));
  const found: Found[] = [];

  // "the first two seasons", "the last three seasons"
  // "skip the first two: ...": with no noun, when the question named the attribute before or the description of the
  // documents does ("a review of one of the films"), and the noun phrase ends there.
  const named = new RegExp(noun, "u").exec(text.normalized);
  const describesDocuments = attribute.aliases.length > 0 && new RegExp(noun, "u").test(context.schema.documentContents.toLowerCase());
  const group = new RegExp(
    `${BOUNDARY_BEFORE}(?:the\\s+)?(first|earliest|${LAST_WORDS.map((word) => word.replace(" ", "\\s+")).join("|")})\\s+(${GROUP_SIZE})(?:\\s+${noun}${NOT_FOLLOWED_BY_OF}|(?<anaphora>(?:\\s+ones)?)(?=\\s*(?:[:;,.!?)]|$)))`,
    "gu",
  );
  for (const match of text.masked().matchAll(group)) {
    const span = { start: match.index, end: match.index + match[0].length };
    const size = /^\d+$/.test(match[2] as string) ? Number(match[2]) : NUMBER_WORDS.get(match[2] as string);
    if (!text.isFree(span) || size === undefined || size < 1) continue;
    if (match.groups?.anaphora !== undefined && (named === null || named.index >= match.index) && !describesDocuments) continue;
    const fromStart = match[1] === "first" || match[1] === "earliest";
    const values = fromStart ? ordered.slice(0, size) : ordered.slice(Math.max(0, ordered.length - size));
    text.claim(span);
    found.push({ ...span, values });
  }

  // "the first season", "the second and third seasons", "the 2nd or 3rd season", "the latest season";
  // "the second one" when the question names the attribute before ("seasons other than the second one").
  const list = new RegExp(
    `${BOUNDARY_BEFORE}(?:the\\s+)?(${ORDINAL})((?:\\s*${LIST_JOINER}\\s*(?:the\\s+)?${ORDINAL})*)\\s+(?:(?:one\\s+|ones\\s+)?${noun}${NOT_FOLLOWED_BY_OF}|(?<anaphora>ones?)${BOUNDARY_AFTER})`,
    "gu",
  );
  const ordinalToken = new RegExp(ORDINAL, "gu");
  for (const match of text.masked().matchAll(list)) {
    const span = { start: match.index, end: match.index + match[0].length };
    if (!text.isFree(span)) continue;
    // "the second one" names a value only after the attribute was named.
    // So does the schema's description of the documents ("a review of one of the films": "the fourth one" is a film).
    if (match.groups?.anaphora !== undefined && (named === null || named.index >= match.index) && !describesDocuments) continue;
    // "chasing the latest film trends": the ordinal and the noun start a compound naming another thing.
    if (
      match.groups?.anaphora === undefined &&
      /^\s+\p{Ll}[\p{Ll}'-]*s(?![\p{L}'-])/u.test(text.normalized.slice(span.end)) &&
      modifiesAnotherNoun(context, span.start, span.end)
    ) {
      warnOnce(
        context,
        `"${text.original.slice(span.start, span.end).trim()}" starts a compound naming another thing; not read as ${attribute.name}`,
      );
      // Kept in the query, and no alias inside it is read ("latest film").
      text.claimSoft(span);
      continue;
    }
    const ordinals = `${match[1] as string}${match[2] ?? ""}`.match(ordinalToken) ?? [];
    const values = ordinals
      .map((ordinal) => {
        const position = ORDINAL_WORDS.get(ordinal);
        if (position !== undefined) return ordered[position - 1];
        return ordinal === "earliest" ? ordered[0] : ordered[ordered.length - 1];
      })
      .filter((value): value is FilterScalar => value !== undefined);
    if (values.length === 0) {
      warnOnce(
        context,
        `"${text.original.slice(span.start, span.end).trim()}" is not a known ${attribute.name} (known: ${ordered.map(String).join(", ")}); not read as a constraint`,
      );
      continue;
    }
    text.claim(span);
    found.push({ ...span, values: unique(values) });
  }

  // "the second installment and the third": an ordinal listed after one with the attribute's noun names a value too.
  const listedOrdinal = new RegExp(
    `^\\s*(?:,\\s*)?(?:and|or|&|nor|as\\s+well\\s+as|but\\s+not)\\s+(?:the\\s+)?(${ORDINAL})(?![\\p{L}\\p{N}_-])`,
    "u",
  );
  for (const previous of [...found]) {
    const after = text.masked().slice(previous.end);
    const match = listedOrdinal.exec(after);
    if (match === null || !endsNounPhrase(after.slice(match[0].length))) continue;
    const ordinal = match[1] as string;
    const position = ORDINAL_WORDS.get(ordinal);
    const value = position !== undefined ? ordered[position - 1] : ordinal === "earliest" ? ordered[0] : ordered[ordered.length - 1];
    const start = previous.end + match[0].length - ordinal.length;
    const span = {
      start: start - (/the\s+$/u.exec(after.slice(0, match[0].length - ordinal.length))?.[0].length ?? 0),
      end: start + ordinal.length,
    };
    if (value === undefined || !text.isFree(span)) continue;
    text.claim(span);
    found.push({ ...span, values: [value] });
  }
  return found;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
