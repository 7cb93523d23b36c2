/**
 * EXPERIMENT (not wired into the product): would a part-of-speech library (compromise v14; wink-nlp with --tagger wink) tell the
 * rule-based self-query constructor when a value, number or date is said OF THE DOCUMENTS and when of
 * something else ("homes that keep the electric bill under $100")?
 *
 * The gate runs the constructor's own recognisers (`recognizeQuestion` of src/self-query/rule-based/pipeline.ts, the first
 * step of `RuleBasedQueryConstructor.constructSync`, so the mentions and their positions are visible), then, for each
 * mention, finds the phrase that produced it (the claimed characters starting at its position), tags the
 * question with compromise and finds what that phrase attaches to:
 *   - a value followed by another noun ("a *laptop* sleeve") modifies that noun;
 *   - a phrase after a preposition ("the electric bill *under $100*") attaches to the nearest noun before it,
 *     or, after a verb, to the verb's subject ("companies that have been around *for 20+ years*");
 *   - a phrase right after a verb is said of the verb's subject ("whose office dog is *12 years* old");
 *   - a value right after "where"/"whose" or a possessive is the subject of a clause about another thing;
 *   - a kind-like value (an enum naming what the documents are) governed by a preposition on a noun
 *     ("a place with a granny *flat*") is a part of the document, not its kind.
 * The mention is dropped, with a warning, when the thing it attaches to is neither a word for the documents
 * (the nouns of `documentContents`, kind-like enum values, single-word aliases, the noun heading the request,
 * a few general words such as "one" and "place") nor a person pronoun (the documents' implicit subject).
 * The reverse use ("--reverse"): an unclaimed kind-like enum value right before the noun heading the request
 * ("*moderate* hikes") is added as a filter.
 *
 * Scored like bench/self-query.bench.ts (record-level comparison on a grid; that file runs at import and
 * exports nothing, so its scoring is replicated minimally here), on every round of bench/self-query/rounds.ts
 * and on the 40 probes of attachment-probes.ts.
 *
 *   npx tsx bench/self-query/experiments/attachment-gate.ts [--failures] [--tagger compromise|wink] [--no-reverse] [--reverse-any-head]
 *     [--families compound,measure,subject,clause,part]
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { describeFilter } from "../../../src/core/filter/combine-filters.js";
import type { FilterExpression, FilterScalar } from "../../../src/core/filter/filter-schema.js";
import { parseFilter } from "../../../src/core/filter/parse-filter.js";
import type { AttributeDefinition, AttributeSchema } from "../../../src/self-query/attribute-schema.js";
import type { ConstructedQuery } from "../../../src/self-query/query-constructor.js";
import { RuleBasedQueryConstructor } from "../../../src/self-query/rule-based-query-constructor.js";
import type { Mention, RecognizerContext } from "../../../src/self-query/rule-based/mentions.js";
import type { Span } from "../../../src/self-query/rule-based/question-text.js";
import { singular } from "../../../src/self-query/rule-based/value-matcher.js";
import type { BenchDomain } from "../domains.js";
import { QUESTION_ROUNDS } from "../rounds.js";
import { ATTACHMENT_PROBES } from "./attachment-probes.js";
import {
  runPipeline,
  finish,
  mentionSpan,
  NOW,
  withEpochDays,
  constantsOf,
  sameSelection,
  readQuestions,
  type Question,
} from "./experiment-support.js";

const { values: args } = parseArgs({
  options: {
    failures: { type: "boolean", default: false },
    "no-reverse": { type: "boolean", default: false },
    /** Reverse use on any plural noun heading the request, not only on a word for the documents. */
    "reverse-any-head": { type: "boolean", default: false },
    families: { type: "string", default: "compound,measure,subject,clause,part" },
    /** The part-of-speech library: compromise (lexicon and rules) or wink (wink-nlp with wink-eng-lite-web-model). */
    tagger: { type: "string", default: "compromise" },
  },
});
const REVERSE = !args["no-reverse"];
const ENABLED = new Set(args.families.split(",").filter((name) => name !== ""));

// ---------------------------------------------------------------------------------------------------
// The gate.

interface Term {
  text: string;
  normal: string;
  tags: Set<string>;
  start: number;
  end: number;
  /** Punctuation and space after the term. */
  post: string;
}

interface CompromiseTerm {
  text: string;
  post?: string;
  normal?: string;
  tags?: string[];
  offset?: { start: number; length: number };
}

async function compromiseTagger(): Promise<(question: string) => Term[]> {
  const nlp = (await import("compromise")).default;
  return (question) => compromiseTerms(nlp, question);
}

/** compromise's tag names for the Universal Dependencies tags of wink-nlp. */
const UNIVERSAL_TAGS: Record<string, string[]> = {
  NOUN: ["Noun"],
  PROPN: ["Noun", "ProperNoun"],
  VERB: ["Verb"],
  AUX: ["Verb", "Auxiliary"],
  ADP: ["Preposition"],
  SCONJ: ["Conjunction"],
  ADJ: ["Adjective"],
  DET: ["Determiner"],
  NUM: ["Value"],
  SYM: ["Value"],
  PRON: ["Pronoun"],
  ADV: ["Adverb"],
  CCONJ: ["Conjunction"],
  INTJ: [],
  X: [],
};

async function winkTagger(): Promise<(question: string) => Term[]> {
  const winkNLP = (await import("wink-nlp")).default;
  const model = (await import("wink-eng-lite-web-model")).default;
  const nlp = winkNLP(model);
  const its = nlp.its;
  return (question) => {
    const tokens = nlp.readDoc(question).tokens();
    const texts = tokens.out() as string[];
    const parts = tokens.out(its.pos) as string[];
    // wink-nlp's typings declare `its.lemma` with an `addons` parameter `out` does not accept; it works at run time.
    const lemmas = tokens.out(its.lemma as unknown as typeof its.pos) as string[];
    const list: Term[] = [];
    let cursor = 0;
    texts.forEach((text, index) => {
      const start = question.indexOf(text, cursor);
      if (start < 0) return;
      cursor = start + text.length;
      const part = parts[index] ?? "X";
      const previous = list[list.length - 1];
      if (part === "PUNCT") {
        if (previous !== undefined) previous.post += text;
        return;
      }
      if (part === "PART" && /^'s$/iu.test(text) && previous !== undefined) {
        previous.text += text;
        previous.tags.add("Possessive");
        previous.end = cursor;
        return;
      }
      const normal = text.toLowerCase();
      const tags = new Set(UNIVERSAL_TAGS[part] ?? (part === "PART" && normal === "not" ? ["Negative"] : []));
      if (part === "NOUN" && lemmas[index] !== normal && /s$/u.test(normal)) tags.add("Plural");
      if (part === "VERB" && /ing$/u.test(normal)) tags.add("Gerund");
      list.push({ text, normal: normal.replace(/[^\p{L}\p{N}'$€£+.,-]/gu, ""), tags, start, end: cursor, post: "" });
    });
    for (const term of list) term.post = term.post === "" ? question.slice(term.end, term.end + 1) : term.post;
    return list;
  };
}

let tagQuestion: (question: string) => Term[] = () => [];

function terms(question: string): Term[] {
  return tagQuestion(question);
}

function compromiseTerms(nlp: typeof import("compromise").default, question: string): Term[] {
  const sentences = nlp(question).json({ offset: true, terms: { offset: true } }) as Array<{ terms: CompromiseTerm[] }>;
  return sentences.flatMap((sentence) =>
    sentence.terms
      .filter((term) => term.text.trim() !== "")
      .map((term) => {
        const start = term.offset?.start ?? 0;
        return {
          text: term.text,
          normal: (term.normal ?? term.text).toLowerCase().replace(/[^\p{L}\p{N}'$€£+.,-]/gu, ""),
          tags: new Set(term.tags ?? []),
          start,
          end: start + (term.offset?.length ?? term.text.length),
          post: term.post ?? "",
        };
      }),
  );
}

/** General English closed classes (no domain word). */
const PREPOSITIONS = new Set(
  "with for under over above below in on at of from by near next to about after before since than around across into behind beside between without within during like per inside outside past through throughout until till".split(
    " ",
  ),
);
/** Prepositions that put a number or date on a noun ("a bill under $100", "around for 20+ years"). */
const MEASURE_PREPOSITIONS = new Set([
  "under",
  "over",
  "below",
  "above",
  "for",
  "since",
  "than",
  "within",
  "beyond",
  "around",
  "about",
  "in",
]);
/** Prepositions that make a kind-like value a part or a neighbour of the documents ("a place with a granny flat"). */
const PART_PREPOSITIONS = new Set(["with", "above", "below", "behind", "beside", "near", "next", "inside", "over", "under", "across"]);
const RELATIVES = new Set(["that", "who", "which", "whom"]);
const CLAUSE_OPENERS = new Set(["where", "whose", "when", "while", "because", "if"]);
const PERSON_PRONOUNS = new Set([
  "i",
  "we",
  "you",
  "me",
  "us",
  "they",
  "it",
  "he",
  "she",
  "them",
  "my",
  "our",
  "your",
  "someone",
  "anyone",
]);
const OBJECT_PRONOUNS = new Set(["it", "them", "this", "these", "those", "him", "her"]);
/** Person nouns: the documents' authors or holders ("people scoring it under 5", "senior engineers"), kept as the implicit subject. */
const PERSON_NOUNS = new Set(
  "people person folk folks guy guys everyone somebody customer user guest family friend kid child children man men woman women".split(" "),
);
const PERSON_SUFFIX = /(?:er|or|ist|ian|ee|ant|ent)s?$/u;
const GENERAL_DOCUMENT_WORDS = [
  "one",
  "ones",
  "something",
  "anything",
  "place",
  "option",
  "item",
  "result",
  "entry",
  "thing",
  "any",
  "all",
  "stuff",
];
const KIND_WORDS = /\b(?:kind|type|category|genre|format|course|sort)\b/u;

/** The rule families of the gate (each can be switched on alone with --families). */
export const FAMILIES = ["compound", "measure", "subject", "clause", "part"] as const;
type Family = (typeof FAMILIES)[number];

const isPreposition = (term: Term): boolean => PREPOSITIONS.has(term.normal);
const isPronoun = (term: Term): boolean => term.tags.has("Pronoun") || PERSON_PRONOUNS.has(term.normal);
const isGerund = (term: Term): boolean => term.tags.has("Gerund") || /^\p{L}{3,}ing$/u.test(term.normal);
const isVerb = (term: Term): boolean => (term.tags.has("Verb") || isGerund(term)) && !isPreposition(term);
const isNoun = (term: Term): boolean =>
  term.tags.has("Noun") &&
  !term.tags.has("Pronoun") &&
  !term.tags.has("Determiner") &&
  !term.tags.has("Conjunction") &&
  !isGerund(term) &&
  !isPreposition(term) &&
  !RELATIVES.has(term.normal);
const COPULAS = new Set(["is", "are", "was", "were", "be", "been", "being", "am"]);
const isModifier = (term: Term): boolean =>
  term.tags.has("Determiner") || term.tags.has("Adjective") || term.tags.has("Value") || term.tags.has("Possessive") || isNoun(term);
const isPersonNoun = (term: Term): boolean => {
  const word = term.normal.replace(/'s$/u, "");
  return (
    term.tags.has("Person") ||
    term.tags.has("Actor") ||
    PERSON_NOUNS.has(word) ||
    PERSON_NOUNS.has(singular(word)) ||
    PERSON_SUFFIX.test(word)
  );
};
const isNumeric = (mention: Mention): boolean => mention.kind !== "members";

function isKindLike(attribute: AttributeDefinition): boolean {
  if (attribute.type !== "enum") return false;
  return KIND_WORDS.test(`${attribute.name.replace(/_/gu, " ")} ${attribute.description} ${attribute.aliases.join(" ")}`.toLowerCase());
}

interface GateSchema {
  documentWords: Set<string>;
}

function gateSchema(schema: AttributeSchema): GateSchema {
  const words = new Set<string>(GENERAL_DOCUMENT_WORDS);
  for (const word of schema.documentContents.toLowerCase().match(/\p{L}{3,}/gu) ?? []) words.add(singular(word));
  for (const attribute of schema.attributes) {
    // Every word of an alias ("on the market", "resolution time") is a word for the documents or one of their properties.
    for (const alias of attribute.aliases) for (const word of alias.toLowerCase().match(/\p{L}{3,}/gu) ?? []) words.add(singular(word));
    if (!isKindLike(attribute)) continue;
    for (const value of attribute.values) {
      for (const phrase of [String(value.value), value.label ?? "", ...value.aliases]) {
        const last =
          phrase
            .toLowerCase()
            .split(/[\s-]+/u)
            .pop() ?? "";
        if (last !== "") words.add(singular(last));
      }
    }
  }
  return { documentWords: words };
}

/** The noun heading the request: the first plural noun before any clause, else the last noun of the first run of nouns. */
function requestHead(list: readonly Term[], claimed: readonly Span[]): number | undefined {
  for (let index = 0; index < list.length; index += 1) {
    const term = list[index] as Term;
    if (RELATIVES.has(term.normal) || CLAUSE_OPENERS.has(term.normal)) break;
    if (inAny(claimed, term)) continue;
    if (term.tags.has("Plural") && (isNoun(term) || term.tags.has("Verb")) && !isPronoun(term)) return index;
  }
  let head: number | undefined;
  for (let index = 0; index < list.length; index += 1) {
    const term = list[index] as Term;
    if (isNoun(term) && !term.tags.has("Value")) head = index;
    else if (head !== undefined) return head;
    else if (isVerb(term) || isPreposition(term)) return undefined;
  }
  return head;
}

interface Attachment {
  family: Family;
  /** The word the phrase is said of (undefined: the documents or their implicit subject). */
  anchor: Term | undefined;
  /** True when the phrase is a part or neighbour of the anchor rather than said of it (never the documents' kind). */
  part?: boolean;
  /** Why (for the warning). */
  reason: string;
}

function inAny(spans: readonly Span[], term: Term): boolean {
  return spans.some((span) => term.start < span.end && term.end > span.start);
}

/** Steps left over terms inside other constraints' phrases and the preposition that introduces them ("cameras *from Vireo*"). */
function skipTransparent(list: readonly Term[], index: number, transparent: readonly Span[], gate: GateSchema): number {
  let cursor = index;
  // A kind-like value ("condominiums") is the documents themselves: not stepped over.
  while (cursor >= 0 && inAny(transparent, list[cursor] as Term) && !gate.documentWords.has(singular((list[cursor] as Term).normal))) {
    cursor -= 1;
    while (cursor >= 0 && inAny(transparent, list[cursor] as Term)) cursor -= 1;
    if (cursor >= 0 && isPreposition(list[cursor] as Term)) cursor -= 1;
  }
  return cursor;
}

/** The subject of the verb at `index`: the noun before it (through auxiliaries, adverbs and relative pronouns). */
function subjectOf(list: readonly Term[], index: number, transparent: readonly Span[], gate: GateSchema): Term | undefined {
  // A verb that names an attribute ("listed", "released", "paying") is said of the documents.
  if (gate.documentWords.has(singular((list[index] as Term).normal)) || inAny(transparent, list[index] as Term)) return undefined;
  let cursor = index - 1;
  while (cursor >= 0) {
    cursor = skipTransparent(list, cursor, transparent, gate);
    const term = list[cursor];
    if (term !== undefined && (isVerb(term) || term.tags.has("Adverb") || term.tags.has("Negative"))) cursor -= 1;
    else break;
  }
  const term = list[cursor];
  if (term === undefined) return undefined;
  if (RELATIVES.has(term.normal)) return nounBefore(list, cursor - 1, transparent, gate);
  if (isPronoun(term)) return undefined;
  if (isNoun(term)) return term;
  return undefined;
}

/** The nearest noun at or before `index`, skipping nouns inside other constraints' phrases ("hotels in Rome with 4 stars"). */
function nounBefore(list: readonly Term[], index: number, transparent: readonly Span[], gate: GateSchema): Term | undefined {
  for (
    let cursor = skipTransparent(list, index, transparent, gate);
    cursor >= 0;
    cursor = skipTransparent(list, cursor - 1, transparent, gate)
  ) {
    const term = list[cursor] as Term;
    if (isPronoun(term)) return undefined;
    if (isNoun(term) || (term.tags.has("Plural") && !isGerund(term))) return term;
    if (isVerb(term)) return subjectOf(list, cursor, transparent, gate);
  }
  return undefined;
}

function attach(
  list: readonly Term[],
  span: Span,
  mention: Mention,
  transparent: readonly Span[],
  question: string,
  gate: GateSchema,
): Attachment | undefined {
  const inside = list.map((term, index) => ({ term, index })).filter(({ term }) => term.end > span.start && term.start < span.end);
  if (inside.length === 0) return undefined;
  const first = (inside[0] as { index: number }).index;
  const last = (inside[inside.length - 1] as { index: number }).index;
  const lastTerm = list[last] as Term;
  // compound: a value right before another noun modifies it ("Portland cement floors", "lead generation roles").
  const next = list[last + 1];
  const previous = list[first - 1];
  const between = next === undefined ? "" : question.slice(span.end, next.start);
  if (
    mention.kind === "members" &&
    next !== undefined &&
    // "routers that are sold out right now": a predicate, not a modifier.
    !(previous !== undefined && COPULAS.has(previous.normal)) &&
    /^[\s-]*$/u.test(between) &&
    !/'s$/u.test(lastTerm.text) &&
    isNoun(next) &&
    !["Verb", "Value", "Adjective", "Adverb", "Participle"].some((tag) => next.tags.has(tag)) &&
    !inAny(transparent, next)
  ) {
    let head = last + 1;
    const continues = (term: Term | undefined): term is Term =>
      term !== undefined && (isNoun(term) || term.tags.has("Plural")) && !isGerund(term);
    while (continues(list[head + 1]) && !(list[head] as Term).post.trim() && !inAny(transparent, list[head + 1] as Term)) head += 1;
    return { family: "compound", anchor: list[head], reason: "modifies" };
  }
  // What governs the phrase's noun phrase.
  const firstTerm = list[first] as Term;
  let cursor = first;
  if (!isPreposition(firstTerm)) {
    cursor = first - 1;
    while (
      cursor >= 0 &&
      isModifier(list[cursor] as Term) &&
      !isPreposition(list[cursor] as Term) &&
      !inAny(transparent, list[cursor] as Term)
    )
      cursor -= 1;
  }
  const governor = list[cursor];
  if (governor === undefined) return undefined;
  if (CLAUSE_OPENERS.has(governor.normal) || (governor.tags.has("Possessive") && cursor !== first)) {
    // clause: "the booking where the villa next door kept us up", "a role where the team lead listens".
    if (mention.kind !== "members" || mention.attribute.type === "boolean") return undefined;
    return { family: "clause", anchor: list[last], reason: "is the subject of a clause after" };
  }
  if (isPreposition(governor)) {
    if (mention.kind === "members" && isKindLike(mention.attribute) && PART_PREPOSITIONS.has(governor.normal)) {
      const anchor = nounBefore(list, cursor - 1, transparent, gate);
      return anchor === undefined ? undefined : { family: "part", anchor, part: true, reason: `is a part of (${governor.normal})` };
    }
    if (isNumeric(mention) && MEASURE_PREPOSITIONS.has(governor.normal))
      return { family: "measure", anchor: nounBefore(list, cursor - 1, transparent, gate), reason: "is said of" };
    return undefined;
  }
  if (!isNumeric(mention)) return undefined;
  if (RELATIVES.has(governor.normal))
    return { family: "subject", anchor: nounBefore(list, cursor - 1, transparent, gate), reason: "is said of" };
  if (isVerb(governor)) return { family: "subject", anchor: subjectOf(list, cursor, transparent, gate), reason: "is said of the subject" };
  if (OBJECT_PRONOUNS.has(governor.normal))
    return { family: "subject", anchor: nounBefore(list, cursor - 1, transparent, gate), reason: "is said of" };
  return undefined;
}

function saysOfDocuments(attachment: Attachment, gate: GateSchema, head: Term | undefined): boolean {
  const term = attachment.anchor;
  if (term === undefined) return true;
  if (attachment.part === true) return false;
  if (head !== undefined && term.start === head.start) return true;
  if (isPersonNoun(term)) return true;
  const word = singular(term.normal.replace(/'s$/u, ""));
  return gate.documentWords.has(word) || gate.documentWords.has(term.normal);
}

interface GateResult {
  built: ConstructedQuery;
  dropped: string[];
  added: string[];
}

function gated(domain: BenchDomain, gate: GateSchema, question: string): GateResult {
  const context = runPipeline(domain, question);
  const list = terms(question);
  const spans = context.mentions.map((mention) => mentionSpan(context, mention));
  const headIndex = requestHead(
    list,
    spans.filter((span): span is Span => span !== undefined),
  );
  const head = headIndex === undefined ? undefined : list[headIndex];
  const kept: Mention[] = [];
  const dropped: string[] = [];
  const extraWarnings: string[] = [];
  context.mentions.forEach((mention, index) => {
    const span = spans[index];
    if (span === undefined) {
      kept.push(mention);
      return;
    }
    const others = spans.filter((other, otherIndex): other is Span => other !== undefined && otherIndex !== index);
    const attachment = attach(list, span, mention, others, question, gate);
    if (attachment === undefined || !ENABLED.has(attachment.family) || saysOfDocuments(attachment, gate, head)) {
      kept.push(mention);
      return;
    }
    const phrase = question.slice(span.start, span.end).trim();
    dropped.push(`[${attachment.family}] ${mention.field} "${phrase}" ${attachment.reason} "${attachment.anchor?.text ?? ""}"`);
    extraWarnings.push(
      `attachment gate: "${phrase}" ${attachment.reason} "${attachment.anchor?.text ?? ""}", not the documents (kept in the semantic query)`,
    );
    context.text.release(span);
  });
  const added: string[] = [];
  if (
    REVERSE &&
    head !== undefined &&
    (gate.documentWords.has(singular(head.normal)) || (args["reverse-any-head"] && head.tags.has("Plural")))
  ) {
    added.push(...reverseGate(context, list, headIndex as number, kept));
  }
  const built = finish(domain, context, kept);
  return { built: { ...built, warnings: [...built.warnings, ...extraWarnings] }, dropped, added };
}

/** Reverse use: an unclaimed kind-like enum value right before the head noun of the request modifies it ("moderate hikes"). */
function reverseGate(context: RecognizerContext, list: readonly Term[], headIndex: number, kept: Mention[]): string[] {
  const added: string[] = [];
  for (let index = headIndex - 1; index >= 0; index -= 1) {
    const term = list[index] as Term;
    if (!(term.tags.has("Adjective") || isNoun(term))) break;
    if (!context.text.isFree({ start: term.start, end: term.end }) || term.post.includes("-")) continue;
    for (const attribute of context.schema.attributes) {
      if (attribute.type !== "enum" || kept.some((mention) => mention.field === attribute.name)) continue;
      const value = attribute.values.find((candidate) =>
        [String(candidate.value), candidate.label ?? "", ...candidate.aliases].some((phrase) => phrase.toLowerCase() === term.normal),
      );
      if (value === undefined) continue;
      kept.push({ kind: "members", attribute, field: attribute.name, values: [value.value], negated: false, position: term.start });
      context.text.claimSoft({ start: term.start, end: term.end });
      added.push(`${attribute.name} = ${String(value.value)} ("${term.text}" modifies "${(list[headIndex] as Term).text}")`);
    }
  }
  return added;
}

// ---------------------------------------------------------------------------------------------------
// Scoring (the rest is in experiment-support.ts).

/** Gold fields the built filter has (to count correct filters lost). */
function fieldsOf(filter: FilterExpression | null): Set<string> {
  const found = new Map<string, FilterScalar[]>();
  constantsOf(filter, found);
  return new Set(found.keys());
}

// ---------------------------------------------------------------------------------------------------
// The run.

const TAGGER = args.tagger;
if (TAGGER !== "compromise" && TAGGER !== "wink") throw new Error(`--tagger must be compromise or wink, not ${TAGGER}`);
const importStart = performance.now();
tagQuestion = TAGGER === "wink" ? await winkTagger() : await compromiseTagger();
const importMilliseconds = performance.now() - importStart;
const firstParseStart = performance.now();
tagQuestion("warm up the lexicon");
const firstParseMilliseconds = performance.now() - firstParseStart;

interface Row {
  round: string;
  n: number;
  semantic: number;
  correctBefore: number;
  correctAfter: number;
  spuriousBefore: number;
  spuriousAfter: number;
  fixed: number;
  broken: number;
  filtersLost: number;
}

interface Example {
  round: string;
  id: string;
  question: string;
  change: "fixed" | "broke" | "changed";
  gold: string;
  before: string;
  after: string;
  note: string;
}

const readers = new Map<BenchDomain["schema"], { reader: RuleBasedQueryConstructor; gate: GateSchema }>();
function readerFor(domain: BenchDomain): { reader: RuleBasedQueryConstructor; gate: GateSchema } {
  let entry = readers.get(domain.schema);
  if (entry === undefined) {
    entry = { reader: new RuleBasedQueryConstructor({ attributes: domain.schema, now: () => NOW }), gate: gateSchema(domain.schema) };
    readers.set(domain.schema, entry);
  }
  return entry;
}

const plainTimes: number[] = [];
const gatedTimes: number[] = [];
const examples: Example[] = [];
const probeFailures: string[] = [];
let pipelineMismatches = 0;

function scoreRound(round: string, items: Array<{ domain: BenchDomain; question: Question }>): Row {
  const row: Row = {
    round,
    n: items.length,
    semantic: 0,
    correctBefore: 0,
    correctAfter: 0,
    spuriousBefore: 0,
    spuriousAfter: 0,
    fixed: 0,
    broken: 0,
    filtersLost: 0,
  };
  items.forEach(({ domain, question }, index) => {
    const { reader, gate } = readerFor(domain);
    // Interleaved timing: alternate which variant runs first.
    let plain: ConstructedQuery;
    let withGate: GateResult;
    const timePlain = (): ConstructedQuery => {
      const start = performance.now();
      const result = reader.constructSync(question.question);
      plainTimes.push(performance.now() - start);
      return result;
    };
    const timeGated = (): GateResult => {
      const start = performance.now();
      const result = gated(domain, gate, question.question);
      gatedTimes.push(performance.now() - start);
      return result;
    };
    if (index % 2 === 0) {
      plain = timePlain();
      withGate = timeGated();
    } else {
      withGate = timeGated();
      plain = timePlain();
    }
    if (withGate.dropped.length === 0 && withGate.added.length === 0) {
      const replica = finish(domain, runPipeline(domain, question.question), runPipeline(domain, question.question).mentions);
      if (JSON.stringify(replica.filter) !== JSON.stringify(plain.filter)) pipelineMismatches += 1;
    }
    const gold = question.filter === null ? null : withEpochDays(parseFilter(question.filter), domain);
    const before = sameSelection(domain, gold, plain.filter);
    const after = sameSelection(domain, gold, withGate.built.filter);
    if (question.kind === "semantic") {
      row.semantic += 1;
      if (plain.filter !== null && !before) row.spuriousBefore += 1;
      if (withGate.built.filter !== null && !after) row.spuriousAfter += 1;
    }
    if (before) row.correctBefore += 1;
    if (after) row.correctAfter += 1;
    if (!before && after) row.fixed += 1;
    if (before && !after) row.broken += 1;
    if (gold !== null) {
      const goldFields = fieldsOf(gold);
      const beforeFields = fieldsOf(plain.filter);
      const afterFields = fieldsOf(withGate.built.filter);
      for (const field of goldFields) if (beforeFields.has(field) && !afterFields.has(field)) row.filtersLost += 1;
    }
    if (round === "probes" && !after) {
      probeFailures.push(
        `${question.id} ${question.question}\n   gold: ${gold === null ? "none" : describeFilter(gold)}   before: ${plain.filter === null ? "none" : describeFilter(plain.filter)}   after: ${withGate.built.filter === null ? "none" : describeFilter(withGate.built.filter)}`,
      );
    }
    if (withGate.dropped.length > 0 || withGate.added.length > 0) {
      examples.push({
        round,
        id: question.id,
        question: question.question,
        change: !before && after ? "fixed" : before && !after ? "broke" : "changed",
        gold: gold === null ? "none" : describeFilter(gold),
        before: plain.filter === null ? "none" : describeFilter(plain.filter),
        after: withGate.built.filter === null ? "none" : describeFilter(withGate.built.filter),
        note: [...withGate.dropped.map((entry) => `dropped ${entry}`), ...withGate.added.map((entry) => `added ${entry}`)].join("; "),
      });
    }
  });
  return row;
}

const here = resolve(import.meta.dirname, "../questions");
const rows: Row[] = [];
const allDomains = new Map<string, BenchDomain>();
for (const round of QUESTION_ROUNDS) {
  const items: Array<{ domain: BenchDomain; question: Question }> = [];
  for (const domain of round.domains()) {
    allDomains.set(domain.name, domain);
    const path = resolve(here, round.folder, domain.file);
    if (!existsSync(path)) throw new Error(`missing question set ${path}`);
    for (const question of readQuestions(path)) items.push({ domain, question });
  }
  rows.push(scoreRound(round.key, items));
}
rows.push(
  scoreRound(
    "probes",
    ATTACHMENT_PROBES.map((probe) => {
      const domain = allDomains.get(probe.domain);
      if (domain === undefined) throw new Error(`probe ${probe.id}: unknown domain ${probe.domain}`);
      return { domain, question: probe };
    }),
  ),
);

const total = rows.reduce<Row>(
  (sum, row) => ({
    round: "**all rounds**",
    n: sum.n + (row.round === "probes" ? 0 : row.n),
    semantic: sum.semantic + (row.round === "probes" ? 0 : row.semantic),
    correctBefore: sum.correctBefore + (row.round === "probes" ? 0 : row.correctBefore),
    correctAfter: sum.correctAfter + (row.round === "probes" ? 0 : row.correctAfter),
    spuriousBefore: sum.spuriousBefore + (row.round === "probes" ? 0 : row.spuriousBefore),
    spuriousAfter: sum.spuriousAfter + (row.round === "probes" ? 0 : row.spuriousAfter),
    fixed: sum.fixed + (row.round === "probes" ? 0 : row.fixed),
    broken: sum.broken + (row.round === "probes" ? 0 : row.broken),
    filtersLost: sum.filtersLost + (row.round === "probes" ? 0 : row.filtersLost),
  }),
  {
    round: "",
    n: 0,
    semantic: 0,
    correctBefore: 0,
    correctAfter: 0,
    spuriousBefore: 0,
    spuriousAfter: 0,
    fixed: 0,
    broken: 0,
    filtersLost: 0,
  },
);

console.log(
  `tagger: ${TAGGER}; families: ${[...ENABLED].join(", ") || "none"}; reverse use: ${REVERSE ? (args["reverse-any-head"] ? "on (any plural head)" : "on") : "off"}`,
);
console.log(
  "| round | n | correct before | correct after | fixed | broken | semantic | spurious before | spurious after | correct filters lost |",
);
console.log("|---|---|---|---|---|---|---|---|---|---|");
for (const row of [...rows.filter((entry) => entry.round !== "probes"), total, ...rows.filter((entry) => entry.round === "probes")]) {
  console.log(
    `| ${row.round} | ${row.n} | ${row.correctBefore} | ${row.correctAfter} | ${row.fixed} | ${row.broken} | ${row.semantic} | ${row.spuriousBefore} | ${row.spuriousAfter} | ${row.filtersLost} |`,
  );
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}
console.log("");
console.log(
  `time per question (ms, one interleaved run, machine shared with other jobs): plain median ${quantile(plainTimes, 0.5).toFixed(2)} p95 ${quantile(plainTimes, 0.95).toFixed(2)}; gated median ${quantile(gatedTimes, 0.5).toFixed(2)} p95 ${quantile(gatedTimes, 0.95).toFixed(2)}`,
);
console.log(`${TAGGER} import ${importMilliseconds.toFixed(0)} ms, first parse ${firstParseMilliseconds.toFixed(0)} ms`);
console.log(`pipeline steps differing from constructSync: ${pipelineMismatches}`);
console.log("");
const counts = { fixed: 0, broke: 0, changed: 0 };
for (const example of examples) counts[example.change] += 1;
console.log(`questions the gate changed: ${examples.length} (fixed ${counts.fixed}, broke ${counts.broke}, other ${counts.changed})`);
if (args.failures) {
  console.log("probes wrong after the gate:");
  for (const failure of probeFailures) console.log(failure);
  for (const example of examples) {
    console.log(`[${example.change}] ${example.round} ${example.id}: ${example.question}`);
    console.log(`   gold: ${example.gold}   before: ${example.before}   after: ${example.after}`);
    console.log(`   ${example.note}`);
  }
}
