import type { RecognizerContext } from "./mentions.js";
import type { Span } from "./question-text.js";
import { isDocumentNoun, knownWord } from "./recognize-enums.js";
import { foldPhrase, singular } from "./value-matcher.js";

/**
 * Attachment: whether a value word, a number with a unit or a date is said of the documents or of something else,
 * decided from the noun it hangs on. The recognisers' own checks (a compound noun, "describes something else", a
 * clause about another noun) ask this module first:
 * - a value that modifies the head of the noun phrase the question asks for is the documents', whatever noun the
 *   asker calls them ("*moderate* hikes", "*challenging* walks", "*berlin-based* seniorend work"): the phrase
 *   starts the question (after a request's words: "show me", "any", "looking for") and its head is a plural noun or
 *   a word for a set of things ("stuff", "work"), not a person, an animal or a part of something;
 * - a word that starts a phrase of its own after a value (a possessive, a pronoun, a negation: "a tablet *my* grandma
 *   can use", "interns *not* in dublin") makes no compound with it;
 * - a value right before a noun of another kind of thing (an animal, a part of a house or a body, a fixture, a bill:
 *   "highland *cattle*", "office *furniture*") is the first word of a compound naming that thing;
 * - and `otherThingScopes` finds the parts of the question said of another thing, which the scope analysis protects:
 *   a clause after "where"/"whose" whose subject is a noun the schema does not know ("where *the roof* was redone in
 *   2019", "where the bluebells come out in May"), and a measure of such a thing ("a balcony of at least 100 square
 *   feet", "the electric bill under $100").
 * The word classes are general English (animals, parts of a house, of a body, fixtures and furniture, bills and fees,
 * buildings and landmarks), never a dataset's words; a word the schema uses is never another thing.
 */

/** Nouns of things that are not a catalogue's documents in general English: parts, fixtures, bills, animals, landmarks. */
const OTHER_THINGS = new Set(
  // Parts of a house or a building, and its fixtures.
  (
    "roof roofs deck decks balcony balconies garage garages bathroom bathrooms yard yards backyard garden gardens " +
    "patio porch basement attic boiler furnace heater heaters wall walls floor floors window windows door doors driveway fence " +
    "shed sheds pool pools staircase stairs ceiling ceilings chimney fireplace hallway closet closets cellar lawn gutter gutters " +
    "plumbing wiring insulation siding shower showers toilet toilets sink sinks bathtub tub oven fridge dishwasher appliance appliances " +
    // Furniture and parts of a thing.
    "furniture sofa couch table tables chair chairs desk desks bunk mattress wardrobe cabinet cabinets shelf shelves " +
    "part parts battery batteries case cases cable cables charger chargers screen screens strap straps lid handle handles " +
    // Bills and fees.
    "bill bills fee fees tax taxes deposit utilities invoice toll tolls " +
    // Animals.
    "animal animals cattle cow cows sheep horse horses pony ponies goat goats pig pigs chicken chickens hen hens duck ducks deer " +
    "fox foxes bird birds owl owls dog dogs puppy puppies cat cats kitten kittens bee bees rabbit rabbits squirrel squirrels " +
    "bluebell bluebells flower flowers tree trees " +
    // Parts of a body.
    "hand hands foot feet knee knees back leg legs arm arms eye eyes ear ears head heart skin teeth tooth " +
    // Buildings and landmarks near the documents.
    "castle castles church churches bridge bridges pub pubs school schools station stations lake lakes river rivers waterfall " +
    "waterfalls building buildings museum museums mill mills tower towers farm factory hospital stadium"
  ).split(" "),
);

/** Words that start a phrase of their own after a noun: possessives, pronouns, negations ("a tablet *my* grandma can use"). */
const OWN_PHRASE_STARTS = new Set(
  "my your his her our their its i i'd i'm i've i'll we we'd we're we've you you'd you're he she they they're not no never".split(" "),
);

/** Words of a request before the noun phrase it asks for ("show me", "any", "i'm looking for", "which"). */
const REQUEST_WORDS = new Set(
  (
    "show me find list give get any some all the a an i i'm im we want need looking look search searching for recommend suggest " +
    "which what are is there please only just other more few good great nice best top new my our some and or also"
  ).split(" "),
);

/** Nouns for a set of things, heads of a request in the singular ("berlin-based senior backend *work*", "halcyon *stuff*"). */
const SET_NOUNS = new Set("stuff work gear kit things ones options picks places spots".split(" "));

/** Nouns for a set of the documents someone keeps ("my to-read *backlog*", "my reading *list*"). */
const COLLECTION_NOUNS = new Set(
  "backlog backlogs list lists pile queue shelf shelves library playlist playlists wishlist watchlist".split(" "),
);

/** True when a word names a set of the documents someone keeps: what a possessive before it describes is the documents. */
export function collectionNoun(word: string): boolean {
  return COLLECTION_NOUNS.has(word);
}

/** True when one of the three words from `start` is a noun for a set of the documents ("my to-read *backlog*"). */
export function collectionFollows(text: string, start: number): boolean {
  return (text.slice(start).match(/[\p{L}][\p{L}'-]*/gu) ?? []).slice(0, 3).some(collectionNoun);
}

/** True when a word of the question is a noun of another kind of thing the schema does not use. */
export function otherThingNoun(context: RecognizerContext, word: string): boolean {
  return OTHER_THINGS.has(word) && !knownWord(context, word) && !foldedSchemaWord(context, word) && !isDocumentNoun(context, word);
}

/** True when a word, accents aside, is a word of one of the schema's values, labels or aliases ("part" of "Arvo Pärt"). */
function foldedSchemaWord(context: RecognizerContext, word: string): boolean {
  return context.schema.attributes.some((attribute) =>
    [...attribute.aliases, ...attribute.values.flatMap((entry) => [String(entry.value), entry.label ?? "", ...entry.aliases])].some(
      (phrase) =>
        foldPhrase(phrase)
          .split(/[\s_-]+/u)
          .includes(word),
    ),
  );
}

/** True when the word starts a phrase of its own, so that it makes no compound with the noun before it. */
export function startsOwnPhrase(word: string): boolean {
  return OWN_PHRASE_STARTS.has(word.toLowerCase().replace(/’/gu, "'"));
}

/** The lowercase words after `end` up to three, as written (hyphenated words whole). */
function wordsAfter(text: string, end: number): string[] {
  return (/^((?:\s+[\p{L}][\p{L}'-]*){1,3})/u.exec(text.slice(end))?.[1] ?? "").trim().split(/\s+/u).filter(Boolean);
}

/**
 * True when the words from `start` to `end` modify the head of the noun phrase the question asks for: the phrase starts
 * the question (only a request's words, the schema's words or hyphenated modifiers come before it) and its head, after
 * at most two more modifiers, is a plural noun or a noun for a set of things that is no person, animal or part of
 * something ("moderate hikes", "circular walks", "top rated hikes", "senior backend work").
 */
export function modifiesRequestHead(context: RecognizerContext, start: number, end: number): boolean {
  const text = context.text.normalized;
  const before = text.slice(0, start).trim();
  if (/[.;:!?]/u.test(before)) return false;
  const lead = before.split(/[\s,]+/u).filter(Boolean);
  if (!lead.every((word) => REQUEST_WORDS.has(word) || /\p{L}-\p{L}/u.test(word) || /^\d/u.test(word) || knownWord(context, word)))
    return false;
  // "camera bags", "folk guitar strings": a value that is a noun makes a compound with a plural after it; only a value
  // written as an adjective ("circular walks", "moderate hikes", "senior roles") modifies a plural head.
  const value = /[\p{L}]+$/u.exec(text.slice(start, end))?.[0] ?? "";
  const adjectival = !knownWord(context, value) || ADJECTIVE_ENDING.test(value) || BASIC_ADJECTIVES.has(value);
  const after = wordsAfter(text, end);
  for (const [index, word] of after.entries()) {
    const bare = word.replace(/'s$/u, "");
    // "mid-sized companies": a noun naming another attribute's entity is no word for the documents.
    if (startsOwnPhrase(bare) || OTHER_THINGS.has(bare) || (oneWordAlias(context, bare) && !isDocumentNoun(context, bare))) return false;
    const plural = /\p{L}{2,}[^su']s$/u.test(bare) && singular(bare) !== bare;
    // In documents written by people (reviews), a plural head may be what they are about ("highly rated action films").
    const head =
      isDocumentNoun(context, bare) ||
      describedActivity(context, bare) ||
      (!authoredDocuments(context) && (SET_NOUNS.has(bare) || (plural && adjectival)));
    if (head) {
      // What comes after the head ends the noun phrase: a preposition, a relative word, punctuation or the end.
      const next = after[index + 1];
      // (A comma or the end of the question ends the words read, so no next word.)
      // A participle starts a phrase of its own ("lead work *paying* over 80k", "walks *taking* under 2 hours").
      return next === undefined || FOLLOWING_HEAD.has(next) || /\p{L}{3,}(?:ing|ed)$/u.test(next);
    }
    // Up to two modifiers before the head ("senior *backend* work"); a function word ends the phrase.
    if (context.stopWords.has(bare) && !knownWord(context, bare)) return false;
  }
  return false;
}

/** Whether people wrote the documents (reviews, comments, posts): their subject is then another thing. */
function authoredDocuments(context: RecognizerContext): boolean {
  return /\b(?:reviews?|comments?|feedback|posts?|testimonials?|opinions?|answers?|responses?)\b/iu.test(context.schema.documentContents);
}

/**
 * What the words from `start` to `end` attach to when a noun follows them: "documents" when they modify the head of the
 * request, or when the next word starts a phrase of its own or is an adjective ("a speaker *loud* enough"), so that no
 * compound is made; "other" when the next word is a noun of another kind of thing ("highland *cattle*"); undefined
 * when this module cannot tell (the caller's own reading stands).
 */
export function compoundAttachment(context: RecognizerContext, start: number, end: number): "documents" | "other" | undefined {
  const [next, after] = wordsAfter(context.text.normalized, end);
  if (next === undefined) return undefined;
  if (startsOwnPhrase(next) || after === "enough" || (after === "than" && /(?:er|ly)$/u.test(next))) return "documents";
  if (modifiesRequestHead(context, start, end)) return "documents";
  if (otherThingNoun(context, next) && !isDocumentNoun(context, after ?? "")) return "other";
  return undefined;
}

/** Endings of English adjectives ("circul*ar*", "classic*al*", "moder*ate*", "sen*ior*", "live*ly*", "Japan*ese*"). */
const ADJECTIVE_ENDING = /\p{L}{2,}(?:ar|al|ous|ive|ic|ful|less|able|ible|ent|ant|ing|ed|ish|an|ese|ate|ior|ly)$/u;

/** The commonest English adjectives, which no suffix marks ("*quiet* pitches", "*easy* walks", "*dark* songs"). */
const BASIC_ADJECTIVES = new Set(
  (
    "quiet easy hard cheap new old big small large long short high low good bad great nice fast slow hot cold warm cool dark " +
    "bright light loud soft clean free open busy calm wild rough steep flat wide full safe young rich poor fresh dry wet late " +
    "early gentle simple plain quick sweet sad happy"
  ).split(" "),
);

/** True when a noun shares its stem with a word of `documentContents` ("hikes" of "a *hiking* trail", "camps" of "camping"). */
function describedActivity(context: RecognizerContext, word: string): boolean {
  const stem = (text: string) => text.replace(/(?:ing|es|ed|s)$/u, "");
  const base = stem(word);
  return (
    base.length >= 3 && (context.schema.documentContents.toLowerCase().match(/\p{L}{4,}/gu) ?? []).some((entry) => stem(entry) === base)
  );
}

/** Words that may follow the head of a request. */
const FOLLOWING_HEAD = new Set(
  "in at on near with without for from by under over below above between around that which where who not but and or to of than".split(" "),
);

/** Prepositions, which some schemas use as cues ("from", "by"): no sign that a clause names an attribute. */
const PREPOSITIONS = new Set("from with by for near at into onto over under since until after before during".split(" "));

/**
 * The parts of the question said of another thing: a clause after "where" or "whose" whose subject (a determiner and
 * up to three nouns) holds no word of the schema and no word for the documents ("homes where the water heater was
 * swapped out in the past year", "a walk where the bluebells come out in May"), up to the clause's end; and a measure
 * of a noun of another kind of thing ("a deck of at least 300 square feet", "the electric bill under $100").
 */
export function otherThingScopes(
  context: RecognizerContext,
  authored: boolean,
  isPerson: (word: string) => boolean,
): Array<Span & { reason: string }> {
  const text = context.text.normalized;
  const scopes: Array<Span & { reason: string }> = [];
  const clause =
    /(?<![\p{L}])(where|whose)\s+(?:(the|a|an|my|our|their|its|his|her|your|this|that|some)\s+)?(\p{Ll}[\p{Ll}'-]*(?:\s+\p{Ll}[\p{Ll}'-]*){0,3})/gu;
  for (const match of text.matchAll(clause)) {
    const words = (match[3] as string).trim().split(/\s+/u);
    // The subject: the fewest words (up to three) followed by a word that may be its verb ("the roof *was*", "the farm
    // shop *charges*", "the teacher *lived*").
    let length = 1;
    while (length < Math.min(3, words.length - 1) && !verbLike(context, words[length] as string)) length += 1;
    const subject = words.slice(0, length);
    const verb = words[length] ?? "";
    const head = subject[subject.length - 1] as string;
    // After "where" a subject needs its determiner, or a plural noun ("where bluebells come out"); "whose" is one.
    if (match[1] === "where" && match[2] === undefined && !/[^s]s$/u.test(head)) continue;
    if (
      subject.some(
        (word) =>
          knownWord(context, word) ||
          aliasStem(context, word) ||
          isDocumentNoun(context, word) ||
          context.stopWords.has(word) ||
          startsOwnPhrase(word),
      )
    )
      continue;
    // People are the scope analysis' own (documents written by people have authors).
    if (subject.some(isPerson) && authored) continue;
    // The clause's verb: a word of the schema there is said of the documents ("where pets are allowed").
    const otherSubject = subject.some((word) => otherThingNoun(context, word));
    if (!otherSubject && verb.length > 3 && !PREPOSITIONS.has(verb) && knownWord(context, verb)) continue;
    const from = match.index;
    const end = clauseEndAt(text, from);
    const rest = text.slice(from, end);
    // A clause naming an attribute in its own words is the documents' ("where the view is rated 9"), unless its subject
    // is a part, a fixture or a bill ("whose charger costs over $30").
    if (!otherSubject && rest.split(/[^\p{L}]+/u).some((word) => word.length > 3 && !PREPOSITIONS.has(word) && aliasWord(context, word)))
      continue;
    scopes.push({ start: from, end, reason: `is said of "${subject.join(" ")}", not the documents` });
  }
  // "highland cattle", "office furniture": a value's word right before a noun of another kind of thing names that thing.
  const words = [...text.matchAll(/[\p{L}][\p{L}'-]*/gu)];
  for (const [index, word] of words.entries()) {
    const noun = words[index + 1];
    if (noun === undefined || !/^\s+$/u.test(text.slice(word.index + word[0].length, noun.index))) continue;
    const modifier = word[0];
    if (context.stopWords.has(modifier) || !knownWord(context, modifier) || !otherThingNoun(context, noun[0])) continue;
    // A whole one-word value is the enums' compound rule's ("phone cases"), which says so in its own words.
    const written = context.text.original.slice(word.index, word.index + modifier.length);
    if (/^\p{Ll}+$/u.test(written) && wholeValue(context, modifier)) continue;
    const following = words[index + 2]?.[0];
    if (following !== undefined && isDocumentNoun(context, following)) continue;
    scopes.push({ start: word.index, end: noun.index + noun[0].length, reason: `names a kind of "${noun[0]}", not the documents` });
  }
  // "replacement parts available for years": a one-word yes/no alias right after another thing's noun is said of it.
  for (const [index, word] of words.entries()) {
    const alias = words[index + 1];
    if (alias === undefined || !otherThingNoun(context, word[0]) || !/^\s+$/u.test(text.slice(word.index + word[0].length, alias.index)))
      continue;
    const yesNo = context.schema.attributes.some(
      (attribute) => attribute.type === "boolean" && attribute.aliases.some((entry) => entry.toLowerCase() === alias[0]),
    );
    if (yesNo)
      scopes.push({ start: alias.index, end: alias.index + alias[0].length, reason: `is said of "${word[0]}", not the documents` });
  }
  // "the folk who stayed behind": a value's word between "the" and "who" is a noun for people.
  for (const match of text.matchAll(/(?<![\p{L}])the\s+(\p{Ll}+)\s+who(?![\p{L}])/gu)) {
    const noun = match[1] as string;
    if (!knownWord(context, noun) || isDocumentNoun(context, noun) || context.stopWords.has(noun)) continue;
    const start = match.index + match[0].indexOf(noun, 3);
    scopes.push({ start, end: start + noun.length, reason: `names people here ("the ${noun} who"), not the documents` });
  }
  // "a place with a granny flat out back", "a phone with a good camera": a kind of document after "with a" is a part of
  // the document, not its kind.
  for (const match of text.matchAll(
    /(?<![\p{L}])with\s+(?:a|an)\s+(?:(\p{Ll}+)\s+)?(\p{Ll}+)(?=\s*(?:$|[,;.!?]|\s(?:out|above|below|over|in|on|at|for|and|that|which|next|behind|upstairs|downstairs)\b))/gu,
  )) {
    const [, modifier, noun] = match as unknown as [string, string | undefined, string];
    if (!kindValue(context, noun) || (modifier !== undefined && (knownWord(context, modifier) || context.stopWords.has(modifier))))
      continue;
    const start = match.index + match[0].lastIndexOf(noun);
    scopes.push({ start: match.index, end: start + noun.length, reason: `is a part of the document, not its kind` });
  }
  // "a balcony of at least 100 square feet", "the electric bill under $100": a measure right after another thing's noun.
  const measure =
    /(?<![\p{L}])(\p{Ll}+)\s+(?:of\s+|(?:is\s+|was\s+|stays?\s+|runs?\s+)?)((?:at\s+least|at\s+most|under|over|below|above|about|around|less\s+than|more\s+than|up\s+to)\s+)?[$€£]?\d[\d,.]*\s*(?:k\b)?(?:\s*(?:square\s+(?:feet|foot|meters|metres)|sq\.?\s*ft|m2|acres?|[\p{L}]{2,}))?/gu;
  for (const match of text.matchAll(measure)) {
    const noun = match[1] as string;
    if (!otherThingNoun(context, noun)) continue;
    // "under" and the like need a comparison or "of" between the noun and the number ("bill under $100", "deck of 300").
    if (!/\s(?:of|under|over|below|above|at|about|around|less|more|up)\s/u.test(match[0])) continue;
    const start = match.index + noun.length;
    scopes.push({ start, end: match.index + match[0].length, reason: `measures "${noun}", not the documents` });
  }
  return scopes;
}

/** True when a word is a whole one-word alias of an attribute ("companies" for "company"). */
function oneWordAlias(context: RecognizerContext, word: string): boolean {
  const base = singular(word);
  return context.schema.attributes.some((attribute) => attribute.aliases.some((alias) => singular(alias.toLowerCase()) === base));
}

/** Words that say an enum names what kind of thing a document is. */
const KIND_WORDS = /\b(?:kind|type|category|genre|format|cuisine|style)\b/iu;

/** True when a word is a one-word value (or alias) of an enum naming the documents' kind, type or category. */
function kindValue(context: RecognizerContext, word: string): boolean {
  const base = singular(word);
  return context.schema.attributes.some(
    (attribute) =>
      attribute.type === "enum" &&
      KIND_WORDS.test([attribute.name.replace(/_/gu, " "), attribute.description, ...attribute.aliases].join(" ")) &&
      attribute.values.some((entry) => [String(entry.value), ...entry.aliases].some((phrase) => singular(phrase.toLowerCase()) === base)),
  );
}

/** True when a word is a whole lowercase value or label of an attribute ("phone"; not "highland" of "Highlands"). */
function wholeValue(context: RecognizerContext, word: string): boolean {
  return context.schema.attributes.some((attribute) =>
    attribute.values.some((entry) => [String(entry.value), entry.label ?? ""].includes(word)),
  );
}

/** True when a word shares its stem with an attribute's alias ("launch" of "launched", "releases" of "release"). */
function aliasStem(context: RecognizerContext, word: string): boolean {
  const stem = (text: string) => text.replace(/(?:es|ed|s|ing|e)$/u, "");
  const base = stem(word);
  return (
    base.length >= 4 && context.schema.attributes.some((attribute) => attribute.aliases.some((alias) => stem(alias.toLowerCase()) === base))
  );
}

/** True when a word may be a verb after a subject: a function word of the stop words, or a word in -s or -ed. */
function verbLike(context: RecognizerContext, word: string): boolean {
  return context.stopWords.has(word) || /\p{L}{2,}(?:s|ed)$/u.test(word) || IRREGULAR_VERBS.has(word);
}

/** Frequent verbs whose past or present has no -s or -ed ("a fox *stole*", "bluebells *come* out"). */
const IRREGULAR_VERBS = new Set(
  "come came go went run ran grow grew stole steal sit sat stand stood break broke fall fell get got give gave keep kept make made take took".split(
    " ",
  ),
);

/** True when a word is one of an attribute's aliases or units, or a word of one ("rated" of "rated", "view" of "views"). */
function aliasWord(context: RecognizerContext, word: string): boolean {
  const base = singular(word);
  return context.schema.attributes.some((attribute) =>
    [...attribute.aliases, ...attribute.units].some((phrase) =>
      phrase
        .toLowerCase()
        .split(/[\s_-]+/u)
        .some((part) => part.length > 3 && (part === word || singular(part) === base)),
    ),
  );
}

/** Where the clause from `index` ends: punctuation, "but", "and" before another clause, or the end of the question. */
function clauseEndAt(text: string, index: number): number {
  const found = /[,;.!?()":]|\s(?:but|although|though|because|and)\s/u.exec(text.slice(index));
  return found === null ? text.length : index + found.index;
}
