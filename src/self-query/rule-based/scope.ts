import type { AttributeDefinition, AttributeSchema } from "../attribute-schema.js";
import { warnOnce, type RecognizerContext } from "./mentions.js";
import { collectionNoun, otherThingScopes } from "./attachment.js";
import type { Span } from "./question-text.js";
import { foldPhrase, singular } from "./value-matcher.js";

/**
 * Scope analysis, run once before the recognisers: the parts of a question that describe an entity other than the
 * documents. Every value word, number, date or place inside such a part is said of that entity, so the part is
 * protected (no recogniser reads it, the semantic query keeps it) and a warning names it and why. The parts:
 * - a relative clause on a person ("someone *who was stuck in an elevator for 40 minutes*", "an agent *who sold 40
 *   homes in 2019*"), unless the person is the one the documents are for ("jobs for someone who has 5 years of
 *   experience") or, in documents written by people (reviews, comments), the clause says what an author did in the
 *   schema's own words ("people who rated it 7", "reviewers who gave chapter 2 an 8");
 * - the modifiers of a person noun followed by a relative clause, or after a possessive ("the *German* engineer
 *   who…", "a *paperback* writer who…", "my *French* teacher"), unless the value's attribute says it is that
 *   person's ("pro plan customers who…" when the plan is "the plan the customer is on");
 * - a number naming a part of another work: an attribute's word and a number "of" a title the schema does not know
 *   ("*season 8 of game of thrones*"; "episode 5 of season 2" stays), or a title and a number after a comparison
 *   word ("against *mission impossible 7*"; "better than chapter 2", "higher than 7" stay);
 * - an expectation ("went in *expecting a 10/10*"), unless the documents expect it ("roles expecting 5 years");
 * - another event of the documents, dated or priced by an adverb of another time ("places that *last sold for under
 *   $300k back in 2012*", "a spot that *first opened in 1998*"), unless the schema names the event ("first
 *   published before 1980");
 * - where someone else moves to ("sellers *moving out to miami*"); the asker's own move ("I'm moving to Denver")
 *   stays a place of the documents;
 * - where a person comes from ("a chef *from Chicago* who…", "a collector *from Japan*"), unless the schema
 *   describes that person;
 * - a clause after "whose" and a person ("companies *whose founders worked at google for 10 years*");
 * - a value describing something someone has that is not a document ("my *circular argument*", "my *vegan diet*");
 * - a yes/no word used as a verb after a modal or a person ("my book club can *read* aloud", "why would a label
 *   *reissue* an album", "can I *loop* back", "a book my grandmother *read* to me").
 * A person noun that is one of the schema's kinds ("the German *coach* who…" when the documents are tutors and coaches)
 * is the documents, never another entity.
 */

/** A part of the question said of another entity, and why. */
export interface ForeignScope extends Span {
  reason: string;
}

interface Word extends Span {
  text: string;
}

/** People in general English: a noun of these names a person, not a document (unless the schema says otherwise). */
const PEOPLE = new Set(
  (
    "person people someone somebody anyone anybody everyone everybody nobody guy guys man men woman women kid kids child children " +
    "boy girl baby mom mum dad mother father parent parents son daughter brother sister wife husband partner friend friends family " +
    "neighbor neighbour neighbors neighbours colleague colleagues coworker coworkers boss teacher teachers student students chef chefs " +
    "waiter waitress bartender owner owners seller sellers buyer buyers landlord landlords tenant tenants agent agents realtor " +
    "engineer engineers developer developers designer designers doctor doctors nurse nurses lawyer lawyers writer writers author " +
    "authors novelist poet journalist blogger bloggers youtuber youtubers influencer critic critics fan fans reviewer reviewers " +
    "viewer viewers listener listeners reader readers user users customer customers client clients guest guests host hosts " +
    "singer singers musician musicians drummer guitarist pianist producer producers director directors actor actors actress " +
    "stuntman athlete athletes runner player players coach manager managers recruiter recruiters founder founders ceo scientist " +
    "scientists artist artists painter photographer farmer soldier detective officer pilot driver drivers traveler traveller " +
    "tourist tourists collector collectors dealer dealers diner diners patron patrons expat expats retiree retirees grandma grandpa grandmother grandfather " +
    "grandparents couple couples aunt uncle cousin nephew niece roommate roommates classmate classmates teammate teammates fiance fiancee girlfriend boyfriend"
  ).split(" "),
);
const PRONOUN_PEOPLE = new Set(["he", "she", "they", "someone", "somebody", "those", "anyone", "everyone", "people"]);
const FIRST_PERSON = new Set(["i", "i'm", "im", "i've", "i'd", "i'll", "we", "we're", "we've", "we'd", "my", "our", "me", "us"]);
const POSSESSIVES = new Set(["my", "your", "his", "her", "their", "our"]);
const DETERMINERS = new Set([
  "a",
  "an",
  "the",
  "this",
  "that",
  "these",
  "those",
  "some",
  "any",
  "my",
  "your",
  "his",
  "her",
  "their",
  "our",
]);
const MODALS = new Set([
  "can",
  "could",
  "would",
  "will",
  "should",
  "might",
  "must",
  "may",
  "shall",
  "cannot",
  "can't",
  "won't",
  "wouldn't",
]);
const COPULAS = new Set(["be", "been", "being", "is", "are", "was", "were", "become", "stay", "remain", "get", "feel", "look", "seem"]);
const OTHER_PREPOSITIONS = new Set(["from", "with", "about", "by", "of", "to", "in", "on", "at", "into", "like", "than", "near"]);
/** Words that are no part of a title: comparisons of numbers, quantifiers, prepositions, conjunctions, verbs of being. */
const NOT_TITLE = new Set(
  (
    "over under above below more less fewer at least most about around nearly almost roughly just only than and or but " +
    "is are was were be been it its in on to for with from by of who that which when where whether ever"
  ).split(" "),
);
/** Words inside a title ("game *of* thrones", "pride *and* prejudice"). */
const TITLE_JOINERS = new Set(["of", "and", "the"]);
const DEFINITE = new Set(["the", "this", "that", "those", "these"]);
const COMPARING = new Set(["against", "versus", "vs", "than", "to", "with", "like"]);
const EXPECTING = new Set(["expecting", "expected", "hoping", "hoped", "anticipating", "anticipated", "imagining"]);
const ANOTHER_TIME = new Set(["last", "first", "originally", "previously", "once", "formerly", "initially"]);
const IRREGULAR_PAST = new Set(["sold", "bought", "built", "ran", "won", "paid", "held", "made", "went", "began", "grew", "wrote", "took"]);
const MOVING = new Set(
  (
    "move moves moved moving relocate relocates relocated relocating fly flies flew flying head heads headed heading go goes went " +
    "going travel travels travelled traveled travelling traveling drive drives drove driving emigrate emigrated emigrating " +
    "transfer transferred transferring"
  ).split(" "),
);
const SUBJECT_PRONOUNS = new Set(["i", "you", "we", "they", "he", "she"]);
const AUXILIARIES = new Set(["has", "have", "had", "already", "never", "just", "once", "also", "recently"]);
const GOING = new Set(["go", "goes", "going", "went"]);
/** Words that are no subject of a move ("what's going back to", "then moving to"). */
const FUNCTION_WORDS = new Set(
  "a an the and or but then also what what's which where when how why there here it its this that these those not".split(" "),
);
/** Words that end the name of a place someone moves to ("miami *who*…", "Berlin *for* work"). */
const PLACE_ENDS = new Set([
  "who",
  "that",
  "which",
  "and",
  "or",
  "for",
  "with",
  "to",
  "in",
  "on",
  "at",
  "from",
  "after",
  "before",
  "because",
  "but",
  "when",
  "where",
  "while",
]);
const PARTICLES = new Set(["out", "away", "back", "over", "down", "up", "off", "abroad", "all", "the", "way"]);
/** Words after a verb that show it takes no noun object here ("read *aloud*", "reissue *an* album", "read *in* one sitting"). */
const AFTER_VERB = new Set([
  ...DETERMINERS,
  "it",
  "them",
  "him",
  "her",
  "aloud",
  "again",
  "together",
  "in",
  "on",
  "at",
  "to",
  "for",
  "with",
  "during",
  "while",
  "before",
  "after",
  "every",
  "back",
  "around",
  "out",
  "up",
  "off",
  "away",
]);
const CLAUSE_END = /[,;.!?()":]|\s(?:but|although|though|because)\s/u;
/** A number in words or digits. */
const NUMBER = /^(?:\d+(?:[.,/]\d+)*[\p{L}]{0,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)$/u;
/** Verbs of an author's judgement: in documents written by people, "people who *loved* chapter 2" are their authors. */
const JUDGING = new Set(
  (
    "rate rates rated rating score scores scored give gives gave given review reviews reviewed grade grades graded love loves " +
    "loved like likes liked hate hates hated dislike disliked enjoy enjoyed think thinks thought say says said call calls called " +
    "find finds found feel feels felt praise praised complain complained write writes wrote mention mentioned recommend " +
    "recommended prefer preferred"
  ).split(" "),
);

/** The words of the question with their offsets (the normalized text). */
function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}$€£][\p{L}\p{N}$€£.,/'’-]*(?<![.,'’-])/gu)) {
    words.push({ start: match.index, end: match.index + match[0].length, text: match[0].replace(/’/g, "'") });
  }
  return words;
}

/** Where the clause holding `index` ends (punctuation, "but", "because", or the end). */
function clauseEnd(text: string, index: number): number {
  const rest = text.slice(index);
  const found = CLAUSE_END.exec(rest);
  return found === null ? text.length : index + found.index;
}

/** Where the clause holding `index` starts. */
function clauseStart(text: string, index: number): number {
  const before = text.slice(0, index);
  return Math.max(...[",", ";", ".", "!", "?", "(", ")", '"', ":"].map((mark) => before.lastIndexOf(mark))) + 1;
}

/** Function words: a stop word of these is no word for the documents. */
const GRAMMAR = new Set([
  ...DETERMINERS,
  ...MODALS,
  ...COPULAS,
  ...OTHER_PREPOSITIONS,
  ...FUNCTION_WORDS,
  ...(
    "for all any each every do does did done as if so it's that's anything everything something nothing i you we he she they " +
    "me us them who whom whose what which when where why how there here not no yes please show find give list get display " +
    "about over under between among during after before since until up down out off"
  ).split(" "),
]);

/** What a schema knows, computed once per schema: its attributes' words, its values' words. */
interface SchemaIndex {
  known: Set<string>;
  /** Aliases of at least four letters (the words an author of the documents does things with: "rated", "gave"). */
  actionAliases: Set<string>;
  /** Whether people wrote the documents (reviews, comments): then people in general are their authors. */
  authored: boolean;
  /** Values, labels, value aliases and yes/no aliases, folded. */
  valuePhrases: Set<string>;
  /** The most words of a value phrase. */
  longestPhrase: number;
  /** One-word aliases of attributes a number can name a value of ("season", "episode", "volume"). */
  numberedAliases: Set<string>;
  /** The attributes a word of a value phrase belongs to. */
  owners: Map<string, AttributeDefinition[]>;
  /** One-word values (and their aliases) of enum attributes, singular: the kinds of documents a schema may name. */
  kinds: Set<string>;
}

const indexes = new WeakMap<AttributeSchema, SchemaIndex>();

function schemaIndex(schema: AttributeSchema): SchemaIndex {
  const cached = indexes.get(schema);
  if (cached !== undefined) return cached;
  const index: SchemaIndex = {
    known: new Set(),
    actionAliases: new Set(),
    authored: /\b(?:reviews?|comments?|feedback|posts?|testimonials?|opinions?|answers?|responses?)\b/iu.test(schema.documentContents),
    valuePhrases: new Set(),
    longestPhrase: 1,
    numberedAliases: new Set(),
    owners: new Map(),
    kinds: new Set(),
  };
  const add = (phrase: string): void => {
    for (const word of foldPhrase(phrase).split(/[^\p{L}\p{N}']+/u)) if (word.length > 1) index.known.add(singular(word));
  };
  const addValue = (attribute: AttributeDefinition, phrase: string): void => {
    const folded = foldPhrase(phrase).replace(/\s+/gu, " ");
    index.valuePhrases.add(folded);
    const words = folded.split(" ");
    index.longestPhrase = Math.max(index.longestPhrase, words.length);
    for (const word of words) {
      const owners = index.owners.get(word) ?? [];
      if (!owners.includes(attribute)) owners.push(attribute);
      index.owners.set(word, owners);
    }
  };
  add(schema.documentContents);
  for (const attribute of schema.attributes) {
    add(attribute.name.replace(/[_-]+/gu, " "));
    add(attribute.description);
    for (const alias of attribute.aliases) {
      add(alias);
      if (/^\p{L}{4,}$/u.test(alias)) index.actionAliases.add(alias.toLowerCase());
      if (attribute.type === "boolean") addValue(attribute, alias);
      if (["integer", "number", "enum"].includes(attribute.type) && /^\p{L}{2,}$/u.test(alias))
        index.numberedAliases.add(alias.toLowerCase());
    }
    for (const entry of attribute.values) {
      for (const phrase of [String(entry.value), entry.label, ...entry.aliases]) {
        if (phrase === undefined || phrase.trim() === "") continue;
        add(phrase);
        addValue(attribute, phrase);
        if (attribute.type === "enum" && /^\p{L}+$/u.test(phrase)) index.kinds.add(singular(foldPhrase(phrase)));
      }
    }
  }
  indexes.set(schema, index);
  return index;
}

/** What the schema knows, and the words for the documents of this constructor. */
class SchemaWords {
  readonly index: SchemaIndex;

  constructor(private readonly context: RecognizerContext) {
    this.index = schemaIndex(context.schema);
  }

  get authored(): boolean {
    return this.index.authored;
  }

  get actionAliases(): ReadonlySet<string> {
    return this.index.actionAliases;
  }

  get numberedAliases(): ReadonlySet<string> {
    return this.index.numberedAliases;
  }

  /** A word of the schema's own (its description, its attributes' words and values). */
  knows(word: string): boolean {
    return this.index.known.has(singular(word));
  }

  /** A word the schema uses, or a word for the documents. */
  has(word: string): boolean {
    return this.index.known.has(singular(word)) || this.document(word);
  }

  /** A word for the documents ("reviews", "listings", a noun of `documentContents`); the stop words' function words are not. */
  document(word: string): boolean {
    const { stopWords } = this.context;
    return !GRAMMAR.has(word) && (stopWords.has(word) || stopWords.has(singular(word)));
  }

  /** Whether a (folded) word is a whole value phrase ("read", "clean"). */
  isValue(word: string): boolean {
    return this.index.valuePhrases.has(word);
  }

  /** A person noun that is one of the schema's kinds of document ("tutors" when a kind is "tutor"): the documents. */
  kind(word: string): boolean {
    return this.index.kinds.has(singular(word));
  }

  /** The attributes whose values or aliases hold `word`. */
  owners(word: string): readonly AttributeDefinition[] {
    return this.index.owners.get(word) ?? [];
  }
}

/** Finds the parts of the question said of another entity, protects them and warns about the ones holding a constraint. */
export function markForeignScopes(context: RecognizerContext): ForeignScope[] {
  const schema = new SchemaWords(context);
  const text = context.text.normalized;
  const words = wordsOf(text);
  const scopes: ForeignScope[] = [
    ...personClauses(text, words, schema),
    ...personModifiers(text, words, schema),
    ...possessedThings(text, words, schema),
    ...personOrigins(text, context.text.original, words, schema),
    ...partsOfOtherWorks(text, words, schema),
    ...expectations(text, words, schema),
    ...otherEvents(text, words, schema),
    ...destinations(text, words, schema),
    ...verbSenses(text, words, schema),
    ...otherThingScopes(context, schema.authored, (word) => PEOPLE.has(word)),
  ];
  for (const scope of scopes) {
    context.text.protect(scope);
    const phrase = context.text.original.slice(scope.start, scope.end).trim();
    if (holdsConstraint(phrase.toLowerCase(), schema)) warnOnce(context, `"${phrase}" ${scope.reason}; not read as a constraint`);
  }
  return scopes;
}

/** True when an attribute's name, description or aliases name the person ("The plan the *customer* is on"). */
function saysOf(attribute: AttributeDefinition, person: string): boolean {
  const own = `${attribute.name.replace(/[_-]+/gu, " ")} ${attribute.description} ${attribute.aliases.join(" ")}`.toLowerCase();
  return own.split(/[^\p{L}]+/u).some((word) => word.length > 2 && singular(word) === singular(person));
}

/** A number or a value's words inside a phrase. */
function holdsConstraint(phrase: string, schema: SchemaWords): boolean {
  if (/\p{N}/u.test(phrase)) return true;
  const words = foldPhrase(phrase)
    .split(/[^\p{L}\p{N}&'-]+/u)
    .filter((word) => word !== "");
  for (let start = 0; start < words.length; start += 1) {
    for (let length = 1; length <= schema.index.longestPhrase && start + length <= words.length; length += 1) {
      if (schema.isValue(words.slice(start, start + length).join(" "))) return true;
    }
  }
  return false;
}

/** True when a "for" (the person the documents are for) or the asker ("I'm a", "as a") comes just before the noun phrase at `index`. */
function beneficiary(words: Word[], index: number): boolean {
  for (let back = index - 1; back >= Math.max(0, index - 4); back -= 1) {
    const word = (words[back] as Word).text;
    if (word === "for" || word === "i'm" || word === "as" || word === "am") return true;
    if (OTHER_PREPOSITIONS.has(word)) return false;
  }
  return false;
}

/** "someone who was stuck in an elevator for 40 minutes", "an agent who sold 40 homes in 2019". */
function personClauses(text: string, words: Word[], schema: SchemaWords): ForeignScope[] {
  const scopes: ForeignScope[] = [];
  for (let index = 1; index < words.length; index += 1) {
    const relative = (words[index] as Word).text;
    const person = words[index - 1] as Word;
    if (!(relative === "who" || relative === "whom" || (relative === "that" && PEOPLE.has(person.text)))) continue;
    if ((!PEOPLE.has(person.text) && !PRONOUN_PEOPLE.has(person.text) && schema.has(person.text)) || schema.kind(person.text)) continue;
    if (beneficiary(words, index - 1)) continue;
    const end = documentsAgain(words, schema, index, clauseEnd(text, (words[index] as Word).end));
    const clause = words.filter((word) => word.start > person.end && word.end <= end);
    // In reviews, "people who rated it 7": what an author did, in the schema's words.
    if (schema.authored && clause.some((word) => JUDGING.has(word.text) || schema.actionAliases.has(word.text))) continue;
    // "customers who are on the pro plan" (the plan "the customer is on"): the clause names what the schema says that person has.
    if (clause.some((word) => schema.owners(word.text).some((attribute) => saysOf(attribute, person.text)))) continue;
    scopes.push({ start: (words[index] as Word).start, end, reason: `is said of something else ("${person.text}"), not the documents` });
  }
  // "companies whose founders worked at google for 10 years": the clause is about people the schema does not describe.
  for (let index = 0; index < words.length - 1; index += 1) {
    if ((words[index] as Word).text !== "whose") continue;
    const person = words.slice(index + 1, index + 4).find((word) => PEOPLE.has(word.text));
    if (person === undefined || schema.has(person.text)) continue;
    const end = clauseEnd(text, person.end);
    scopes.push({ start: (words[index] as Word).start, end, reason: `is said of something else ("${person.text}"), not the documents` });
  }
  return scopes;
}

/** Where a clause ends when "and" or "or" turns back to the documents ("…who went in expecting a 10 *and reviews from 2019*"). */
function documentsAgain(words: Word[], schema: SchemaWords, from: number, end: number): number {
  for (let index = from + 1; index < words.length - 1 && (words[index] as Word).end <= end; index += 1) {
    const joiner = (words[index] as Word).text;
    const next = (words[index + 1] as Word).text;
    if ((joiner === "and" || joiner === "or") && schema.document(next) && !PEOPLE.has(next) && !PRONOUN_PEOPLE.has(next))
      return (words[index] as Word).start;
  }
  return end;
}

/** "the German engineer who…", "a paperback writer who…", "my French teacher". */
function personModifiers(text: string, words: Word[], schema: SchemaWords): ForeignScope[] {
  const scopes: ForeignScope[] = [];
  for (let index = 1; index < words.length; index += 1) {
    const written = words[index] as Word;
    // "my Italian grandmother's recipe": the person is the possessive's noun.
    const person = { ...written, text: written.text.replace(/'s$/u, "") };
    const next = words[index + 1]?.text ?? "";
    // "the Spanish couple *we* met": a subject pronoun right after the person starts a relative clause without "who".
    const relativeAfter =
      (next === "who" ||
        next === "whom" ||
        next === "whose" ||
        next === "that" ||
        (SUBJECT_PRONOUNS.has(next) && PEOPLE.has(person.text))) &&
      !/[,;]/u.test(text.slice(person.end, words[index + 1]?.start));
    if (!PEOPLE.has(person.text) && !((next === "who" || next === "whose") && !schema.document(person.text))) continue;
    if (schema.document(person.text) && !PEOPLE.has(person.text)) continue;
    // "from San José who…": a value before "who" is no person's noun.
    if ((!PEOPLE.has(person.text) && schema.owners(person.text).length > 0) || schema.kind(person.text)) continue;
    let first = index;
    while (first > 0 && index - first < 3) {
      const before = words[first - 1] as Word;
      if (
        DETERMINERS.has(before.text) ||
        !/^\p{L}[\p{L}'-]*$/u.test(before.text) ||
        /[,;]/u.test(text.slice(before.end, (words[first] as Word).start))
      )
        break;
      if (OTHER_PREPOSITIONS.has(before.text) || FUNCTION_WORDS.has(before.text) || before.text === "for") break;
      first -= 1;
    }
    const leftmost = first;
    // "the Spanish tennis player who…": up to three modifiers, one of them a value.
    while (first < index && schema.owners((words[first] as Word).text).length === 0) first += 1;
    if (first === index) continue;
    // A definite or possessive person ("the German engineer who…", "my French teacher"), or one a preposition relates to
    // something else ("a thriller about a paperback writer who…"); "a senior developer who wants…" may be the asker.
    const determiner = words[leftmost - 1]?.text ?? "";
    const related = DEFINITE.has(determiner) || OTHER_PREPOSITIONS.has(words[leftmost - (DETERMINERS.has(determiner) ? 2 : 1)]?.text ?? "");
    if (!(POSSESSIVES.has(determiner) || (relativeAfter && related))) continue;
    if (beneficiary(words, leftmost)) continue;
    // "pro plan customers who…": the value's attribute is the person's ("the plan the customer is on").
    const modifiers = words.slice(first, index);
    const held = modifiers.some((word) => schema.owners(word.text).some((attribute) => saysOf(attribute, person.text)));
    if (held) continue;
    scopes.push({
      start: (words[first] as Word).start,
      end: person.end,
      reason: `describes the person ("${person.text}"), not the documents`,
    });
  }
  return scopes;
}

/** "a chef from Chicago who opened a second place", "tourists from Chicago": where a person comes from. */
function personOrigins(text: string, original: string, words: Word[], schema: SchemaWords): ForeignScope[] {
  const scopes: ForeignScope[] = [];
  for (let index = 0; index < words.length - 2; index += 1) {
    const person = words[index] as Word;
    const from = words[index + 1] as Word;
    if (
      from.text !== "from" ||
      !PEOPLE.has(person.text) ||
      schema.knows(person.text) ||
      /[,;.!?]/u.test(text.slice(person.end, from.start))
    )
      continue;
    const place = words[index + 2] as Word;
    if (PLACE_ENDS.has(place.text) || DETERMINERS.has(place.text)) continue;
    // The place's name: its first word, and the capitalised words after a capitalised one ("from New York").
    let end = place.end;
    for (let after = index + 3; after < Math.min(words.length, index + 5) && /^\p{Lu}/u.test(original[place.start] ?? ""); after += 1) {
      const word = words[after] as Word;
      if (!/^\p{Lu}/u.test(original[word.start] ?? "") || /[,;.!?]/u.test(text.slice(end, word.start))) break;
      end = word.end;
    }
    // "from san jose": a value of several words, however written.
    for (let length = 2; length <= schema.index.longestPhrase && index + 1 + length < words.length; length += 1) {
      const named = words.slice(index + 2, index + 2 + length);
      if (schema.isValue(foldPhrase(named.map((word) => word.text).join(" ")))) end = Math.max(end, (named.at(-1) as Word).end);
    }
    scopes.push({ start: from.start, end, reason: `is where "${person.text}" comes from, not the documents` });
  }
  return scopes;
}

/** "my circular argument with a friend": a value describing something the asker (or someone) has, not a document. */
function possessedThings(text: string, words: Word[], schema: SchemaWords): ForeignScope[] {
  const scopes: ForeignScope[] = [];
  for (let index = 0; index < words.length - 2; index += 1) {
    if (!POSSESSIVES.has((words[index] as Word).text)) continue;
    let head = index + 1;
    while (head < Math.min(words.length, index + 4) && schema.owners((words[head] as Word).text).length > 0) head += 1;
    const noun = words[head];
    if (
      head === index + 1 ||
      noun === undefined ||
      !/^\p{L}{3,}$/u.test(noun.text) ||
      /[,;.!?]/u.test(text.slice((words[head - 1] as Word).end, noun.start))
    )
      continue;
    if (
      schema.has(noun.text) ||
      collectionNoun(noun.text) ||
      PEOPLE.has(noun.text) ||
      FUNCTION_WORDS.has(noun.text) ||
      OTHER_PREPOSITIONS.has(noun.text) ||
      MODALS.has(noun.text)
    )
      continue;
    scopes.push({ start: (words[index + 1] as Word).start, end: noun.end, reason: `describes "${noun.text}", not the documents` });
  }
  return scopes;
}

/** "season 8 of game of thrones", "against mission impossible 7". */
function partsOfOtherWorks(text: string, words: Word[], schema: SchemaWords): ForeignScope[] {
  const scopes: ForeignScope[] = [];
  for (let index = 1; index < words.length - 2; index += 1) {
    const number = words[index] as Word;
    if (!NUMBER.test(number.text) || words[index + 1]?.text !== "of" || !schema.numberedAliases.has((words[index - 1] as Word).text))
      continue;
    const title: Word[] = [];
    for (let after = index + 2; after < words.length && title.length < 4; after += 1) {
      const word = words[after] as Word;
      if (/[,;.!?]/u.test(text.slice((words[after - 1] as Word).end, word.start))) break;
      if (word.text === "the" && title.length === 0) continue;
      // "season 8 of game of thrones *ruined* everything": a verb ends the title.
      if (/\p{L}(?:ed|ing)$/u.test(word.text) || (NOT_TITLE.has(word.text) && !TITLE_JOINERS.has(word.text))) break;
      title.push(word);
    }
    while (title.length > 0 && TITLE_JOINERS.has((title.at(-1) as Word).text)) title.pop();
    const head = title[0];
    if (head === undefined || schema.has(head.text) || ["it", "this", "that", "them", "these", "those"].includes(head.text)) continue;
    const end = (title.at(-1) as Word).end;
    scopes.push({
      start: (words[index - 1] as Word).start,
      end,
      reason: `names a part of another work ("${text.slice(head.start, end)}")`,
    });
  }
  for (let index = 0; index < words.length - 2; index += 1) {
    const cue = words[index] as Word;
    if (!COMPARING.has(cue.text)) continue;
    const title: Word[] = [];
    let after = index + 1;
    for (; after < words.length && title.length < 4; after += 1) {
      const word = words[after] as Word;
      if (NUMBER.test(word.text) || /[,;.!?]/u.test(text.slice((words[after - 1] as Word).end, word.start))) break;
      title.push(word);
    }
    const number = words[after];
    const named = title.filter((word) => !DETERMINERS.has(word.text));
    // "like serial season 2": a title, then an attribute's word for the numbered part of it.
    const part = named.length > 1 && schema.numberedAliases.has((named.at(-1) as Word).text) ? named.slice(0, -1) : named;
    if (number === undefined || !NUMBER.test(number.text) || part.length === 0 || part.some((word) => schema.has(word.text))) continue;
    // "like over 300", "than about 5": a comparison of numbers, no title.
    if (part.some((word) => !/^\p{L}[\p{L}'-]*$/u.test(word.text) || NOT_TITLE.has(word.text) || /\p{L}(?:ed|ing|ly)$/u.test(word.text)))
      continue;
    if (cue.text === "to" && !/(?:compared|next|close|similar)$/u.test(text.slice(0, cue.start).trimEnd())) continue;
    if (cue.text === "with" && !/compared$/u.test(text.slice(0, cue.start).trimEnd())) continue;
    scopes.push({
      start: cue.start,
      end: number.end,
      reason: `compares with another work ("${text.slice((named[0] as Word).start, number.end)}")`,
    });
  }
  return scopes;
}

/** "went in expecting a 10/10": what someone expected, not what the documents are. */
function expectations(text: string, words: Word[], schema: SchemaWords): ForeignScope[] {
  const scopes: ForeignScope[] = [];
  for (let index = 1; index < words.length; index += 1) {
    const verb = words[index] as Word;
    if (!EXPECTING.has(verb.text) || schema.actionAliases.has(verb.text)) continue;
    let subject = index - 1;
    // "the expected release": an adjective, said of the documents.
    if (DETERMINERS.has((words[subject] as Word).text)) continue;
    while (subject > 0 && ["that", "which", "are", "is", "was", "were", "be", "being"].includes((words[subject] as Word).text))
      subject -= 1;
    if (subject >= 0 && schema.document((words[subject] as Word).text) && !PEOPLE.has((words[subject] as Word).text)) continue;
    scopes.push({ start: verb.start, end: clauseEnd(text, verb.end), reason: "is what someone expected, not what the documents are" });
  }
  return scopes;
}

/** "places that last sold for under $300k back in 2012": an event of another time the schema does not name. */
function otherEvents(text: string, words: Word[], schema: SchemaWords): ForeignScope[] {
  const scopes: ForeignScope[] = [];
  for (let index = 0; index < words.length - 1; index += 1) {
    const adverb = words[index] as Word;
    const verb = words[index + 1] as Word;
    if (!ANOTHER_TIME.has(adverb.text) || !(/\p{L}{3,}ed$/u.test(verb.text) || IRREGULAR_PAST.has(verb.text))) continue;
    if (schema.has(verb.text) || schema.actionAliases.has(verb.text)) continue;
    scopes.push({
      start: adverb.start,
      end: clauseEnd(text, verb.end),
      reason: `is about when it ${adverb.text} ${verb.text}, not the documents`,
    });
  }
  return scopes;
}

/** "sellers moving out to miami": where someone else moves. */
function destinations(text: string, words: Word[], schema: SchemaWords): ForeignScope[] {
  const scopes: ForeignScope[] = [];
  for (let index = 1; index < words.length; index += 1) {
    const verb = words[index] as Word;
    if (!MOVING.has(verb.text)) continue;
    let to = index + 1;
    while (to < words.length && PARTICLES.has((words[to] as Word).text) && to - index < 4) to += 1;
    const preposition = words[to];
    if (preposition === undefined || (preposition.text !== "to" && preposition.text !== "into")) continue;
    const start = clauseStart(text, verb.start);
    const before = words.filter((word) => word.start >= start && word.end <= verb.start);
    if (before.some((word) => FIRST_PERSON.has(word.text))) continue;
    const subject = before
      .filter((word) => !["who", "that", "are", "is", "was", "were", "be", "just", "now", "soon"].includes(word.text))
      .at(-1);
    // "going to" without a particle is as often a future ("prices going to drop"); with one it moves ("going back to").
    if (GOING.has(verb.text) && to === index + 1) continue;
    // Someone moves: a person, or any noun that is neither a word for the documents nor one of the schema's ("a DJ relocating").
    const someone =
      subject !== undefined &&
      (PEOPLE.has(subject.text) ||
        PRONOUN_PEOPLE.has(subject.text) ||
        (/^\p{L}{2,}$/u.test(subject.text) && !schema.has(subject.text) && !FUNCTION_WORDS.has(subject.text)));
    if (subject === undefined || !someone) continue;
    if (beneficiary(words, words.indexOf(subject))) continue;
    let end = preposition.end;
    for (let after = to + 1; after < Math.min(words.length, to + 4); after += 1) {
      const word = words[after] as Word;
      if (PLACE_ENDS.has(word.text) || /[,;.!?]/u.test(text.slice(end, word.start))) break;
      end = word.end;
    }
    scopes.push({
      start: verb.start,
      end,
      reason: `is where "${subject.text}" ${verb.text === "moving" ? "is moving" : "goes"}, not the documents`,
    });
  }
  return scopes;
}

/** "my book club can read aloud", "why would a label reissue an album": a yes/no word used as a verb after a modal. */
function verbSenses(text: string, words: Word[], schema: SchemaWords): ForeignScope[] {
  const scopes: ForeignScope[] = [];
  for (let index = 1; index < words.length; index += 1) {
    const word = words[index] as Word;
    if (!/^\p{Ll}+$/u.test(text.slice(word.start, word.end)) || !schema.isValue(word.text)) continue;
    const after = words[index + 1];
    if (
      after !== undefined &&
      !AFTER_VERB.has(after.text) &&
      !/ly$/u.test(after.text) &&
      !/[,;.!?]/u.test(text.slice(word.end, after.start))
    )
      continue;
    // "a book my grandmother read to me", "books my wife has finished": the verb of another person.
    let subject = index - 1;
    while (subject > 0 && AUXILIARIES.has((words[subject] as Word).text)) subject -= 1;
    const doer = words[subject] as Word;
    if (PEOPLE.has(doer.text) && !schema.has(doer.text) && !schema.kind(doer.text) && !/[,;.!?]/u.test(text.slice(doer.end, word.start))) {
      scopes.push({ start: word.start, end: word.end, reason: `is what "${doer.text}" did here` });
      continue;
    }
    for (let back = index - 1; back >= Math.max(0, index - 4); back -= 1) {
      const before = words[back] as Word;
      if (COPULAS.has(before.text) || /[,;.!?]/u.test(text.slice(before.end, (words[back + 1] as Word).start))) break;
      if (!MODALS.has(before.text)) continue;
      // "could do remote", "can work remote": another verb between the modal and the word; it describes that verb's object.
      const between = words.slice(back + 1, index);
      const subjectFirst = between[0]?.text ?? "";
      if (between.length > 0 && !DETERMINERS.has(subjectFirst) && !PRONOUN_PEOPLE.has(subjectFirst) && !SUBJECT_PRONOUNS.has(subjectFirst))
        break;
      // "can open issues be reassigned": a modal opening the question is inverted; the word describes its subject, unless
      // the subject is a pronoun ("can I loop back…").
      const pronoun = between.length === 1 && SUBJECT_PRONOUNS.has((between[0] as Word).text);
      if (!pronoun && text.slice(clauseStart(text, before.start), before.start).trim() === "") break;
      scopes.push({ start: word.start, end: word.end, reason: `is a verb after "${before.text}" here` });
      break;
    }
  }
  return scopes;
}
