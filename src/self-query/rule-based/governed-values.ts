import { collectionFollows } from "./attachment.js";
import type { RecognizerContext } from "./mentions.js";
import type { Span } from "./question-text.js";
import { singular } from "./value-matcher.js";

/**
 * Whether a kind named by a common noun ("laptop", "condo") is what the question asks for, or the object
 * of some other word ("something to *power a laptop*", "a charger *for my laptop*", "works *with phones*").
 *
 * The rule, read on the words before the value's noun phrase ([word] [determiner] [modifiers] VALUE):
 * - a possessive ("my laptop", "your phone") names something the asker already has: not sought;
 * - a relation preposition (for, with, to, into, onto, than, inside) after a content word that is not a word
 *   for the documents nor a search word ("a charger for", "compatible with", "better than") governs it: not
 *   sought; "listings for a studio", "looking for a laptop", "options for a phone" are searches: sought;
 * - a word that is none of a search verb, an auxiliary, a question word, a pronoun, a preposition of
 *   attachment (of, about, in, from, by, under…) or a claimed constraint, followed by a determiner, is a verb
 *   taking the value as its object ("power a laptop", "fits a phone"): not sought;
 * - anything else (the head of the request: "laptops under $800", "a laptop with long battery",
 *   "which laptops…", "I need a laptop", "show me a phone") is sought.
 * Bare nouns after an unknown word ("gaming laptops", "cheap phones") are read as sought: without a
 * determiner an adjective cannot be told from a verb.
 */

const POSSESSIVES = new Set(["my", "your", "our", "his", "her", "their"]);
const DETERMINERS = new Set(["a", "an", "the", "any", "some", "another", "each", "every", "all", "this", "that", "these", "those", "its"]);
/** Prepositions that relate the noun phrase to the word before them. */
const RELATIONS = new Set(["for", "with", "to", "into", "onto", "than", "inside", "alongside"]);
/** Words before a noun phrase that attach it to the documents or start a request. */
const ATTACHING = new Set([
  "of",
  "about",
  "on",
  "in",
  "at",
  "from",
  "by",
  "near",
  "under",
  "over",
  "below",
  "above",
  "between",
  "among",
  "like",
  "vs",
  "versus",
  "and",
  "or",
  "nor",
  "but",
  "not",
  "except",
  "including",
]);
/** Search verbs, auxiliaries, question words, pronouns and adverbs: the noun after them is what is asked for. */
const SEARCH_WORDS = new Set([
  "show",
  "find",
  "list",
  "give",
  "get",
  "buy",
  "purchase",
  "order",
  "need",
  "needs",
  "want",
  "wants",
  "like",
  "recommend",
  "suggest",
  "pick",
  "choose",
  "select",
  "compare",
  "search",
  "seek",
  "rent",
  "lease",
  "consider",
  "considering",
  "prefer",
  "afford",
  "getting",
  "buying",
  "finding",
  "choosing",
  "picking",
  "renting",
  "fetch",
  "see",
  "tell",
  "have",
  "has",
  "is",
  "are",
  "was",
  "were",
  "be",
  "been",
  "being",
  "'s",
  "do",
  "does",
  "did",
  "can",
  "could",
  "will",
  "would",
  "should",
  "might",
  "may",
  "must",
  "shall",
  "which",
  "what",
  "whats",
  "what's",
  "where",
  "how",
  "who",
  "why",
  "when",
  "me",
  "us",
  "i",
  "you",
  "we",
  "there",
  "here",
  "also",
  "just",
  "only",
  "even",
  "really",
  "maybe",
  "perhaps",
  "probably",
  "ideally",
  "actually",
  "please",
  "still",
]);
/** Words before "for" that make the noun after it the search ("looking for a laptop"). */
const SEARCHING_FOR = new Set([
  "looking",
  "look",
  "search",
  "searching",
  "shop",
  "shopping",
  "hunt",
  "hunting",
  "market",
  "options",
  "option",
  "recommendations",
  "recommendation",
  "suggestions",
  "suggestion",
  "picks",
  "pick",
  "deals",
  "deal",
  "alternatives",
  "choices",
  "choice",
  "results",
  "ask",
  "asking",
]);
const MAXIMUM_MODIFIERS = 3;
const RELATIVE_PRONOUNS = new Set(["who", "that", "which"]);

/** What governs a value's noun phrase: the governing words and where the noun phrase starts. */
export interface Governor {
  words: string;
  /** Start of the noun phrase (its determiner or first modifier). */
  phraseStart: number;
  /** Governed by a possessive ("my laptop"): something the asker has. */
  possessive?: boolean;
}

interface Word extends Span {
  text: string;
  claimed: boolean;
}

/** The words of the clause before `start`, in order (claimed ones flagged). */
function wordsBefore(context: RecognizerContext, start: number): Word[] {
  const { text } = context;
  const before = text.normalized.slice(0, start);
  const clauseStart = Math.max(...[".", ";", "!", "?", ",", "(", ")", '"', ":"].map((mark) => before.lastIndexOf(mark))) + 1;
  const words: Word[] = [];
  for (const match of before.slice(clauseStart).matchAll(/[\p{L}\p{N}_$€£]+(?:['’][\p{L}]+)*|['’]s\b/gu)) {
    const wordStart = clauseStart + match.index;
    const span = { start: wordStart, end: wordStart + match[0].length };
    words.push({ ...span, text: match[0].replace(/’/g, "'"), claimed: !text.isFree({ start: span.start, end: span.start + 1 }) });
  }
  return words;
}

/**
 * The word(s) governing the value at `start` when it is not what the question asks for, else `undefined`.
 */
export function governorOf(context: RecognizerContext, start: number): Governor | undefined {
  const words = wordsBefore(context, start);
  const participle = participleAfterDocuments(context, words);
  if (participle !== undefined) return participle;
  let index = words.length - 1;
  let modifiers = 0;
  let determiner: Word | undefined;
  while (index >= 0 && modifiers <= MAXIMUM_MODIFIERS) {
    const word = words[index] as Word;
    // "my to-read backlog": a possessive before a set of the documents the asker keeps describes the documents.
    if (!word.claimed && POSSESSIVES.has(word.text))
      return collectionFollows(context.text.normalized, start)
        ? undefined
        : { words: word.text, phraseStart: word.start, possessive: true };
    if (!word.claimed && DETERMINERS.has(word.text)) {
      determiner = word;
      index -= 1;
      break;
    }
    // A value named inside the noun phrase ("fit a *Lumen* phone") or a claimed number ("a $300 phone") modifies it.
    if (word.claimed) {
      modifiers += 1;
      index -= 1;
      continue;
    }
    // A number with its unit glued on ("a *65w* laptop", "a *32gb* phone") modifies the noun like an adjective.
    if (/^\d+(?:\.\d+)?\p{L}{1,3}$/u.test(word.text) && !/^\d+(?:st|nd|rd|th)$/u.test(word.text)) {
      modifiers += 1;
      index -= 1;
      continue;
    }
    if (RELATIONS.has(word.text) || ATTACHING.has(word.text) || SEARCH_WORDS.has(word.text) || /^\d/.test(word.text)) {
      // "someone who loves cameras", "a case that fits phones": one verb between a relative pronoun and the value governs it.
      const verb = words[index + 1];
      if (modifiers === 1 && RELATIVE_PRONOUNS.has(word.text) && verb !== undefined && !verb.claimed && !/(?:ing|ed)$/u.test(verb.text))
        return { words: verb.text, phraseStart: start };
      // A boundary word; with modifiers between it and the value, the modifiers may be verbs: undecided.
      if (modifiers > 0 && !RELATIONS.has(word.text)) return undefined;
      break;
    }
    modifiers += 1;
    index -= 1;
  }
  const phraseStart = determiner?.start ?? (words[index + 1] as Word | undefined)?.start ?? start;
  const head = words[index];
  if (head === undefined || /^\d/.test(head.text)) return undefined;
  if (RELATIONS.has(head.text)) {
    const governing = words[index - 1];
    if (governing === undefined || governing.claimed || /^\d/.test(governing.text)) return undefined;
    // "jobs that pay for a part-time degree": the verb of a relative clause governs what follows its preposition,
    // even when the verb is an attribute's alias.
    const relative = words[index - 2];
    if (relative !== undefined && !relative.claimed && RELATIVE_PRONOUNS.has(relative.text) && !SEARCH_WORDS.has(governing.text))
      return SEARCHING_FOR.has(governing.text) ? undefined : { words: `${governing.text} ${head.text}`, phraseStart };
    if (SEARCHING_FOR.has(governing.text) || isDocumentWord(context, governing.text)) return undefined;
    // "close to boston", "next to the harbor": a place, said of the documents.
    if (head.text === "to" && /^(?:close|next|near|closer|nearer)$/u.test(governing.text)) return undefined;
    if (head.text !== "for" && head.text !== "than" && SEARCH_WORDS.has(governing.text)) return undefined;
    return { words: `${governing.text} ${head.text}`, phraseStart };
  }
  if (determiner === undefined) return undefined;
  if (ATTACHING.has(head.text) || SEARCH_WORDS.has(head.text) || DETERMINERS.has(head.text) || isDocumentWord(context, head.text))
    return undefined;
  return { words: head.text, phraseStart };
}

/** Participles that attach what follows them to the documents ("jobs *offering* part-time hours"). */
const ATTACHING_PARTICIPLES = new Set([
  "offering",
  "requiring",
  "having",
  "allowing",
  "paying",
  "needing",
  "including",
  "featuring",
  "hiring",
  "seeking",
  "wanting",
  "accepting",
  "listing",
  "selling",
  "costing",
  "showing",
  "matching",
  // Verbs of what the documents provide ("restaurants *serving* ramen", "a bakery *making* sourdough").
  "serving",
  "making",
  "cooking",
  "baking",
  "brewing",
  "producing",
  "stocking",
  "carrying",
  "supplying",
  "providing",
  "specializing",
  "specialising",
]);

/** The same verbs as a relative clause's verb ("restaurants that *serve* ramen"). */
const ATTACHING_VERBS = new Set([
  "offer",
  "offers",
  "require",
  "requires",
  "have",
  "has",
  "allow",
  "allows",
  "pay",
  "pays",
  "include",
  "includes",
  "feature",
  "features",
  "sell",
  "sells",
  "show",
  "shows",
  "serve",
  "serves",
  "make",
  "makes",
  "cook",
  "cooks",
  "bake",
  "bakes",
  "brew",
  "brews",
  "produce",
  "produces",
  "stock",
  "stocks",
  "carry",
  "carries",
  "supply",
  "supplies",
  "provide",
  "provides",
  "specialize",
  "specializes",
  "specialise",
  "specialises",
]);

/**
 * True when the noun phrase of the value at `start` is what the documents provide: the object of an attaching participle
 * or verb said of them, with at most two modifiers between ("restaurants serving *vegan* dishes", "places that serve
 * *sushi* rolls").
 * A value there describes the documents even as the first word of a compound.
 */
export function providedByDocuments(context: RecognizerContext, start: number): boolean {
  const words = wordsBefore(context, start);
  for (let offset = 1; offset <= 3; offset += 1) {
    const word = words[words.length - offset];
    if (word === undefined || word.claimed) return false;
    if (ATTACHING_PARTICIPLES.has(word.text) || ATTACHING_VERBS.has(word.text)) {
      // Said of the documents: "restaurants serving", "listings that feature" ("a shop selling camera straps" is not).
      const before = words[words.length - offset - 1];
      const subject = before !== undefined && RELATIVE_PRONOUNS.has(before.text) ? words[words.length - offset - 2] : before;
      return subject !== undefined && !subject.claimed && isDocumentWord(context, subject.text);
    }
    if (!DETERMINERS.has(word.text) && RELATIONS.has(word.text)) return false;
  }
  return false;
}

/**
 * "jobs drafting contracts", "roles reviewing freelance contracts": a participle right after a word for the documents,
 * with at most two words between it and the value, takes the value as its object; the documents do something to it.
 * "gaming laptops" has no word for the documents before the participle and stays sought.
 */
function participleAfterDocuments(context: RecognizerContext, words: Word[]): Governor | undefined {
  for (let offset = 1; offset <= 3; offset += 1) {
    const verb = words[words.length - offset];
    const documents = words[words.length - offset - 1];
    if (verb === undefined || documents === undefined) return undefined;
    if (verb.claimed) continue;
    if (!/\p{L}{3,}ing$/u.test(verb.text) || ATTACHING_PARTICIPLES.has(verb.text) || SEARCH_WORDS.has(verb.text)) continue;
    if (
      documents.claimed ||
      !isDocumentWord(context, documents.text) ||
      DETERMINERS.has(documents.text) ||
      SEARCH_WORDS.has(documents.text)
    )
      continue;
    return { words: verb.text, phraseStart: (words[words.length - offset + 1] as Word | undefined)?.start ?? verb.end };
  }
  return undefined;
}

/**
 * The participle taking the phrase at `start` as its object, for a yes/no phrase: one right after a word for the
 * documents ("roles supporting remote teams"), or one right before the phrase ("writing remote procedure calls");
 * "working remote" and the participles that attach to the documents ("offering remote work") do not count.
 */
export function objectOfParticiple(context: RecognizerContext, start: number): string | undefined {
  const words = wordsBefore(context, start);
  const participle = participleAfterDocuments(context, words);
  if (participle !== undefined) return participle.words;
  const verb = words.at(-1);
  if (verb === undefined || verb.claimed || verb.text === "working" || ATTACHING_PARTICIPLES.has(verb.text) || SEARCH_WORDS.has(verb.text))
    return undefined;
  return /\p{L}{3,}ing$/u.test(verb.text) && !isDocumentWord(context, verb.text) ? verb.text : undefined;
}

/** A word for the documents or a stop word ("listings", "products", "something"). */
function isDocumentWord(context: RecognizerContext, word: string): boolean {
  return (
    context.stopWords.has(word) || context.stopWords.has(singular(word)) || (word.endsWith("s") && context.stopWords.has(word.slice(0, -1)))
  );
}

/** Subject pronouns of a clause, contracted with a modal or not ("you'd", "I'll"). */
const SUBJECT_PRONOUNS = /^(?:i|you|we|they|he|she|someone|somebody)(?:'d|'ll|'ve)?$/u;
/** A pronoun contracted with "be" ("I'm", "you're"): what follows is said of the subject. */
const SUBJECT_WITH_BE = /^(?:i'm|you're|we're|they're|he's|she's)$/u;
/** Modals and adverbs between a subject and its verb ("I *could really* supervise"). */
const BEFORE_VERB = new Set([
  "could",
  "would",
  "can",
  "will",
  "might",
  "should",
  "may",
  "must",
  "shall",
  "also",
  "only",
  "just",
  "really",
  "often",
  "always",
  "never",
  "usually",
  "sometimes",
  "finally",
  "actually",
  "then",
]);
/**
 * Verbs whose object is what the documents are about, not someone the person deals with: "courses where I'd *learn*
 * pottery", "a place where I can *live* in a loft", "tours where you'd *see* temples".
 */
const ENGAGING = new Set([
  "learn",
  "study",
  "practice",
  "practise",
  "use",
  "speak",
  "write",
  "play",
  "cook",
  "bake",
  "make",
  "build",
  "see",
  "visit",
  "explore",
  "try",
  "taste",
  "drink",
  "eat",
  "stay",
  "live",
  "sleep",
  "watch",
  "read",
  "hear",
  "own",
  "enjoy",
  "experience",
]);
/** Verbs taking an infinitive before the clause's own verb ("where I'd *get to* mentor"). */
const BEFORE_INFINITIVE = new Set(["get", "want", "like", "love", "need", "have", "help", "try", "learn", "start"]);
const COPULAS = new Set(["be", "is", "are", "am", "was", "were", "been", "being", "become", "becomes"]);
const CLAUSE_STARTS = new Set(["where", "when", "whose"]);
/** Prepositions after which a noun phrase of a clause still places or dates the documents ("where I'd work *in* Berlin"). */
const PLACING = new Set(["in", "at", "from", "near", "around", "outside", "inside", "within"]);

/**
 * When the value at `start` is inside a clause that describes someone or something other than the documents, the
 * clause's first words; else `undefined`:
 * - "where / when" + a subject that is a person ("I", "you'd", "my son", "the owner") + a verb other than "be" or a
 *   search verb, the value after it ("jobs where I supervise *contractors*", "roles where you'd mentor *interns*",
 *   "homes where I could rent out the *loft*") or the value as that verb ("roles where you'd *lead* a team");
 * - "whose" + a noun the schema does not know ("a cat whose previous owner also had a *beagle*"; "laptops whose
 *   brand is Acme" keeps Acme).
 * A value after a preposition that places the documents ("where I'd work *in* Berlin") is not governed.
 */
export function clauseGovernor(context: RecognizerContext, start: number, knownWord: (word: string) => boolean): Governor | undefined {
  const words = wordsBefore(context, start);
  for (let index = words.length - 1; index >= 0; index -= 1) {
    const word = words[index] as Word;
    if (word.claimed || !CLAUSE_STARTS.has(word.text)) continue;
    const inside = words.slice(index + 1);
    const phrase = { words: context.text.normalized.slice(word.start, start).trim(), phraseStart: start };
    if (word.text === "where" || word.text === "when") {
      const last = inside.at(-1);
      if (last !== undefined && !last.claimed && PLACING.has(last.text)) return undefined;
      return personClause(inside, knownWord) ? phrase : undefined;
    }
    // "whose previous owner": the clause is said of another thing, unless a word of the schema names what it has.
    if (word.text === "whose") return inside.some((entry) => entry.claimed || knownWord(entry.text)) ? undefined : phrase;
    return undefined;
  }
  return undefined;
}

/** A clause whose subject is a person and whose verb is not "be" nor a search verb: "I'd mentor", "my son loves". */
function personClause(inside: Word[], knownWord: (word: string) => boolean): boolean {
  const first = inside[0];
  if (first === undefined || first.claimed || SUBJECT_WITH_BE.test(first.text)) return false;
  const pronoun = SUBJECT_PRONOUNS.test(first.text);
  if (!pronoun && !POSSESSIVES.has(first.text) && first.text !== "the") return false;
  // "my son", "the owner", "the previous owner": a person named by a noun the schema does not know.
  const noun = inside[1];
  if (!pronoun && (noun === undefined || noun.claimed || knownWord(noun.text))) return false;
  let index = pronoun ? 1 : 2;
  while (index < inside.length && BEFORE_VERB.has((inside[index] as Word).text)) index += 1;
  if (BEFORE_INFINITIVE.has(inside[index]?.text ?? "") && inside[index + 1]?.text === "to") index += 2;
  const verb = inside[index];
  // The value right after the subject is its verb ("where you'd *lead* a team").
  if (verb === undefined) return true;
  // "rent out", "give away": a search verb with a particle is another verb.
  const particle = inside[index + 1];
  if (particle !== undefined && /^(?:out|away|off)$/u.test(particle.text)) return !verb.claimed;
  return !verb.claimed && !COPULAS.has(verb.text) && !SEARCH_WORDS.has(verb.text) && !ENGAGING.has(verb.text);
}

/**
 * "a wine with a nose like a Riesling", "a flat that feels like a loft", "tastes like Malbec": a value compared with,
 * after "like" and a content word, when it is not what is asked for; "would like a loft", "I'd like a studio", "homes
 * like a townhouse" and "something like a loft" are requests and stay sought.
 */
export function simileGovernor(context: RecognizerContext, start: number): Governor | undefined {
  const words = wordsBefore(context, start);
  let index = words.length - 1;
  for (let modifiers = 0; index >= 0 && modifiers < 3 && (words[index] as Word).text !== "like"; modifiers += 1) index -= 1;
  const like = words[index];
  const compared = words[index - 1];
  if (like === undefined || like.text !== "like" || like.claimed || compared === undefined || compared.claimed) return undefined;
  if (words.slice(index + 1).some((word) => word.claimed || POSSESSIVES.has(word.text))) return undefined;
  const word = compared.text;
  if (SEARCH_WORDS.has(word) || /'(?:d|ll)$/u.test(word) || /^(?:don't|didn't|doesn't|really|would|just|i|not)$/u.test(word))
    return undefined;
  if (isDocumentWord(context, word)) return undefined;
  return { words: `${word} like`, phraseStart: like.end + 1 };
}
