/**
 * EXPERIMENT (not wired into the product): a LEARNED gate for the rule-based self-query constructor. Does a small
 * classifier trained on our own labelled question rounds tell a real constraint (a value, number or date said OF THE
 * DOCUMENTS) from a spurious one (said of something else) better than hand-written rules, on rounds it was not trained on?
 *
 * For every question of every round of bench/self-query/rounds.ts the constructor's recognisers run (`recognizeQuestion` of
 * src/self-query/rule-based/pipeline.ts, the first step of `RuleBasedQueryConstructor.constructSync`; the two steps are
 * checked against `constructSync` on every question; the rules of old commits run through a copy of their pipeline, see
 * `rulesAt`). Each mention becomes one
 * example, labelled positive when the question's gold filter constrains its field (a date and its year field count as one),
 * negative otherwise (every mention on a semantic question is negative). Features (the sets are chosen by --features):
 *   - cheap: kind of mention, type of attribute, negation, words in the question, the phrase's relative position and length,
 *     distance in words to the nearest word of `documentContents`, whether a preposition / "of" / "with" / a verb-like word
 *     precedes, whether a word follows, how many other mentions the question has;
 *   - cosine: Universal Sentence Encoder cosines between the window (four words either side of the phrase), the phrase,
 *     the question and the window without the phrase on one side, and the schema's `documentContents` and the
 *     attribute's name, description and aliases on the other;
 *   - window: the 512-d USE embedding of the window itself.
 * A logistic regression (L2, full-batch gradient descent, standardised features, zero initial weights: deterministic)
 * gives P(real); the gate drops the mentions with P(real) < t (giving their words back to the semantic query) and the
 * question is re-scored by record selection as bench/self-query.bench.ts does (its scoring replicated minimally, as in
 * attachment-gate.ts).
 *
 *   npx tsx bench/self-query/experiments/learned-gate.ts                 leave-one-round-out CV over held-out rounds 5-10 (and -new)
 *   npx tsx bench/self-query/experiments/learned-gate.ts --test-rounds heldOut11,heldOut11New
 *       trains the frozen model on every round NOT listed and reports only the listed ones
 *   options: --examples (print what the frozen gate fixed and broke)
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readlinkSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { describeFilter } from "../../../src/core/filter/combine-filters.js";
import type { FilterExpression, FilterScalar } from "../../../src/core/filter/filter-schema.js";
import { parseFilter } from "../../../src/core/filter/parse-filter.js";
import { loadSentenceEncoder } from "../../../src/embeddings/local/universal-sentence-encoder.js";
import {
  ATTRIBUTE_TYPES,
  findAttribute,
  type AttributeDefinition,
  type AttributeSchema,
} from "../../../src/self-query/attribute-schema.js";
import type { ConstructedQuery } from "../../../src/self-query/query-constructor.js";
import { DEFAULT_MAXIMUM_LIMIT, RuleBasedQueryConstructor } from "../../../src/self-query/rule-based-query-constructor.js";
import { assembleFilter } from "../../../src/self-query/rule-based/assemble-filter.js";
import type { Mention, RecognizerContext } from "../../../src/self-query/rule-based/mentions.js";
import { QuestionText } from "../../../src/self-query/rule-based/question-text.js";
import { singular } from "../../../src/self-query/rule-based/value-matcher.js";
import type { BenchDomain } from "../domains.js";
import { QUESTION_ROUNDS } from "../rounds.js";
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

/**
 * The frozen choice, picked by leave-one-round-out CV only (see EXPERIMENT-learned-gate.md). Before round 12: the CV over
 * rounds 5-11 picked cheap features (balanced), t = 0.1 (net +20 of 1,470). Before round 11 it was cheap+cosine+window
 * (balanced), t = 0.2, picked over rounds 5-10.
 */
const FROZEN_FEATURES: FeatureSet = "cheap";
const FROZEN_BALANCED = true;
const FROZEN_THRESHOLD = 0.1;
/** Where the gate sits: on the current rules, or on the rules of each round's first run (blind on that round). */
type Mode = "rules" | "first-run";
const THRESHOLDS = [0.1, 0.2, 0.3, 0.5];
const FEATURE_SETS = ["cheap", "cheap+cosine", "cheap+cosine+window"] as const;
type FeatureSet = (typeof FEATURE_SETS)[number];
/** The rounds of the cross-validation: each is held out in turn. */
const CV_ROUNDS = [
  "heldOut5",
  "heldOut6",
  "heldOut7",
  "heldOut8",
  "heldOut8New",
  "heldOut9",
  "heldOut9New",
  "heldOut10",
  "heldOut10New",
  "heldOut11",
  "heldOut11NewA",
  "heldOut11NewB",
];

const { values: args } = parseArgs({
  options: {
    "test-rounds": { type: "string" },
    examples: { type: "boolean", default: false },
  },
});
const knownKeys = new Set(QUESTION_ROUNDS.map((round) => round.key));
const testRounds = args["test-rounds"]?.split(",").filter((key) => key !== "");
for (const key of testRounds ?? []) {
  if (!knownKeys.has(key)) throw new Error(`--test-rounds: no round "${key}" in rounds.ts (known: ${[...knownKeys].join(", ")})`);
}

// ---------------------------------------------------------------------------------------------------
// The rules at each held-out round's first run (its blind candidates): the src/ tree of that commit, extracted by
// `git archive` into a temporary folder (never into the repository) and imported from there.

/** The commit whose rules each held-out round was first run on (from the commit messages of the first runs). */
const FIRST_RUN_RULES: Record<string, string> = {
  heldOut5: "085259c",
  heldOut6: "389f170",
  heldOut7: "9bfea59",
  heldOut8: "7b424bc",
  heldOut8New: "7b424bc",
  heldOut9: "7d5f1aa",
  heldOut9New: "7d5f1aa",
  heldOut10: "6fdd59f",
  heldOut10New: "6fdd59f",
  heldOut11: "3846d7e",
  heldOut11NewA: "3846d7e",
  heldOut11NewB: "3846d7e",
  heldOut12: "81afeff",
  heldOut12NewA: "81afeff",
  heldOut12NewB: "81afeff",
};

interface Rules {
  commit: string;
  /** The recognisers' context after the pipeline (a fresh one on every call). */
  run(domain: BenchDomain, question: string): RecognizerContext;
  finish(domain: BenchDomain, context: RecognizerContext, mentions: readonly Mention[]): FilterExpression | null;
}

type Step = (context: RecognizerContext) => void;

function linkTarget(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}

async function rulesAt(commit: string): Promise<Rules> {
  const root = resolve(tmpdir(), "learned-gate-rules");
  const folder = resolve(root, commit);
  if (!existsSync(resolve(folder, "src"))) {
    mkdirSync(folder, { recursive: true });
    const archive = execFileSync("git", ["archive", commit, "src", "package.json"], {
      // From the repository root: the paths are relative to the working directory, which an old commit may not have.
      cwd: resolve(import.meta.dirname, "../../.."),
      maxBuffer: 1 << 28,
    });
    execFileSync("tar", ["-x", "-C", folder], { input: archive });
  }
  // The old sources import their dependencies from this checkout's node_modules (a link that may point at a checkout that
  // is gone, hence compared and replaced rather than only tested for existence).
  const modules = resolve(root, "node_modules");
  const target = resolve(import.meta.dirname, "../../../node_modules");
  if (linkTarget(modules) !== target) {
    rmSync(modules, { force: true });
    symlinkSync(target, modules);
  }
  const load = async (path: string): Promise<Record<string, unknown>> =>
    (await import(pathToFileURL(resolve(folder, "src/self-query", path)).href)) as Record<string, unknown>;
  // A commit with the constructor's two steps (src/self-query/rule-based/pipeline.ts) runs them as they were.
  if (existsSync(resolve(folder, "src/self-query/rule-based/pipeline.ts"))) {
    const pipeline = (await load("rule-based/pipeline.ts")) as unknown as typeof import("../../../src/self-query/rule-based/pipeline.js");
    const defineSchema = (await load("attribute-schema.ts")).defineAttributeSchema as (schema: AttributeSchema) => AttributeSchema;
    const readings = new Map<AttributeSchema, ReturnType<typeof pipeline.prepareReading>>();
    const readingOf = (domain: BenchDomain): ReturnType<typeof pipeline.prepareReading> => {
      let reading = readings.get(domain.schema);
      if (reading === undefined) {
        reading = pipeline.prepareReading(defineSchema(domain.schema), DEFAULT_MAXIMUM_LIMIT, []);
        readings.set(domain.schema, reading);
      }
      return reading;
    };
    return {
      commit,
      run: (domain, question) => pipeline.recognizeQuestion(question, readingOf(domain), NOW),
      finish: (domain, context, mentions) => pipeline.assembleQuery(context, readingOf(domain), mentions).filter,
    };
  }
  const constructorModule = await load("rule-based-query-constructor.ts");
  const questionTextModule = await load("rule-based/question-text.ts");
  const steps: Step[] = [];
  for (const [file, name] of [
    ["recognize-bypass.ts", "recognizeBypassAttempts"],
    ["recognize-quotations.ts", "recognizeQuotations"],
    ["recognize-booleans.ts", "recognizeBooleans"],
    ["recognize-vocabulary.ts", "recognizeVocabulary"],
    ["recognize-enums.ts", "recognizeEnums"],
    ["recognize-dates.ts", "recognizeDates"],
    ["recognize-limits.ts", "recognizeLimits"],
    ["recognize-measures.ts", "recognizeMeasures"],
    ["recognize-quality.ts", "recognizeQuality"],
    ["warn-unplaced.ts", "warnUnplaced"],
  ] as const) {
    steps.push((await load(`rule-based/${file}`))[name] as Step);
  }
  const assemble = (await load("rule-based/assemble-filter.ts")).assembleFilter as typeof assembleFilter;
  const OldConstructor = constructorModule.RuleBasedQueryConstructor as new (options: unknown) => object;
  const OldQuestionText = questionTextModule.QuestionText as new (question: string) => QuestionText;
  const oldReaders = new Map<AttributeSchema, { schema: AttributeSchema; stopWords: ReadonlySet<string>; maximumLimit: number }>();
  const internalsOf = (domain: BenchDomain): { schema: AttributeSchema; stopWords: ReadonlySet<string>; maximumLimit: number } => {
    let found = oldReaders.get(domain.schema);
    if (found === undefined) {
      // The fields an old constructor kept its reading in (before src/self-query/rule-based/pipeline.ts existed).
      const reader = new OldConstructor({ attributes: domain.schema, now: () => NOW }) as unknown as {
        readingSchema?: AttributeSchema;
        attributes?: AttributeSchema;
        stopWords: ReadonlySet<string>;
        maximumLimit: number;
      };
      found = {
        schema: reader.readingSchema ?? reader.attributes ?? domain.schema,
        stopWords: reader.stopWords,
        maximumLimit: reader.maximumLimit,
      };
      oldReaders.set(domain.schema, found);
    }
    return found;
  };
  return {
    commit,
    run(domain, question) {
      const internals = internalsOf(domain);
      const context: RecognizerContext = {
        text: new OldQuestionText(question),
        schema: internals.schema,
        mentions: [],
        warnings: [],
        limit: undefined,
        maximumLimit: internals.maximumLimit,
        stopWords: internals.stopWords,
        now: NOW,
        governed: [],
      };
      for (const step of steps) step(context);
      return context;
    },
    finish(domain, context, mentions) {
      return assemble(mentions, internalsOf(domain).schema, [...context.warnings]);
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Scoring (the rest is in experiment-support.ts).

function attributesOf(filter: FilterExpression | null, schema: AttributeSchema): Set<string> {
  const found = new Map<string, FilterScalar[]>();
  constantsOf(filter, found);
  return new Set([...found.keys()].map((field) => findAttribute(schema, field)?.name ?? field));
}

// ---------------------------------------------------------------------------------------------------
// Examples and features.

/** General English closed-class words (no domain word). */
const PREPOSITIONS = new Set(
  "with for under over above below in on at of from by near next to about after before since than around across into behind beside between without within during like per inside outside past through until".split(
    " ",
  ),
);
const STOP_WORDS = new Set(
  "a an the and or of for to in on at by with from that which who whose where what is are was were be been any some all my our your their its it this these those i we you me us do does did have has had not no".split(
    " ",
  ),
);
const KINDS = ["members", "compare", "range", "ranges", "numbers"] as const;

interface Word {
  text: string;
  start: number;
  end: number;
}

function wordsOf(text: string): Word[] {
  return [...text.matchAll(/[\p{L}\p{N}$€£%'.+-]+/gu)].map((match) => ({
    text: match[0].toLowerCase().replace(/[.]+$/u, ""),
    start: match.index,
    end: match.index + match[0].length,
  }));
}

interface Example {
  round: string;
  questionIndex: number;
  mentionIndex: number;
  label: number;
  cheap: number[];
  /** Texts to embed: window, phrase, question, window without the phrase. */
  window: string;
  phrase: string;
  context: string;
  attributeText: string;
  documentText: string;
  cosine: number[];
}

interface Item {
  round: string;
  domain: BenchDomain;
  question: Question;
  gold: FilterExpression | null;
  plain: ConstructedQuery;
  /** The mentions of the full rules. */
  examples: Example[];
  /** The rules of the round's first run (blind on it; the current rules for the tuning sets and rounds 1-4). */
  historyRules: Rules;
  /** The mentions of those rules: the training set, with the spurious mentions a blind round really gets. */
  historyExamples: Example[];
  /** The filter of those rules without a gate. */
  history: FilterExpression | null;
}

const WINDOW_WORDS = 4;

function documentWordsOf(schema: AttributeSchema): Set<string> {
  const words = new Set<string>();
  for (const word of schema.documentContents.toLowerCase().match(/\p{L}{3,}/gu) ?? []) if (!STOP_WORDS.has(word)) words.add(singular(word));
  return words;
}

function attributeTextOf(attribute: AttributeDefinition): string {
  return `${attribute.name.replace(/_/gu, " ")}: ${attribute.description}${attribute.aliases.length > 0 ? ` (${attribute.aliases.join(", ")})` : ""}`;
}

function examplesOf(
  round: string,
  questionIndex: number,
  domain: BenchDomain,
  question: string,
  context: RecognizerContext,
  goldFields: Set<string>,
): Example[] {
  const words = wordsOf(question);
  const documentWords = documentWordsOf(domain.schema);
  const list: Example[] = [];
  context.mentions.forEach((mention, mentionIndex) => {
    const span = mentionSpan(context, mention) ?? { start: mention.position, end: mention.position + 1 };
    const inside = words.map((word, index) => (word.end > span.start && word.start < span.end ? index : -1)).filter((index) => index >= 0);
    const first = inside[0] ?? words.findIndex((word) => word.end > span.start);
    const last = inside[inside.length - 1] ?? first;
    const from = Math.max(0, first - WINDOW_WORDS);
    const to = Math.min(words.length - 1, last + WINDOW_WORDS);
    const slice = (low: number, high: number): string =>
      words
        .slice(low, high + 1)
        .map((word) => word.text)
        .join(" ");
    const window = slice(from, to);
    const phrase = question.slice(span.start, span.end).trim() || slice(first, last);
    const contextText = `${slice(from, first - 1)} ___ ${slice(last + 1, to)}`.trim();
    let distance = 10;
    words.forEach((word, index) => {
      if (index >= first && index <= last) return;
      if (!documentWords.has(singular(word.text))) return;
      distance = Math.min(distance, index < first ? first - index : index - last);
    });
    const previous = first > 0 ? (words[first - 1]?.text ?? "") : "";
    const next = last + 1 < words.length ? (words[last + 1]?.text ?? "") : "";
    const attribute = mention.attribute;
    const gold = goldFields.has(findAttribute(domain.schema, mention.field)?.name ?? mention.field);
    const cheap = [
      ...KINDS.map((kind) => (mention.kind === kind ? 1 : 0)),
      ...ATTRIBUTE_TYPES.map((type) => (attribute.type === type ? 1 : 0)),
      mention.negated ? 1 : 0,
      Math.min(words.length, 40) / 40,
      words.length === 0 ? 0 : first / words.length,
      Math.min(last - first + 1, 8) / 8,
      distance / 10,
      PREPOSITIONS.has(previous) ? 1 : 0,
      previous === "of" ? 1 : 0,
      previous === "with" ? 1 : 0,
      /(?:ing|ed)$/u.test(previous) && !PREPOSITIONS.has(previous) ? 1 : 0,
      next !== "" && /^\p{L}+$/u.test(next) && !STOP_WORDS.has(next) && !PREPOSITIONS.has(next) ? 1 : 0,
      Math.min(context.mentions.length - 1, 4) / 4,
      /\d/u.test(phrase) ? 1 : 0,
    ];
    list.push({
      round,
      questionIndex,
      mentionIndex,
      label: gold ? 1 : 0,
      cheap,
      window,
      phrase,
      context: contextText,
      attributeText: attributeTextOf(attribute),
      documentText: domain.schema.documentContents,
      cosine: [],
    });
  });
  return list;
}

// ---------------------------------------------------------------------------------------------------
// Embeddings (cached in memory for the run).

const encoder = await loadSentenceEncoder();
const DIMENSIONS = 512;
const cache = new Map<string, Float32Array>();
const embedTimes: number[] = [];

async function embedAll(texts: readonly string[]): Promise<void> {
  const missing = [...new Set(texts)].filter((text) => !cache.has(text));
  if (missing.length === 0) return;
  const rows = await encoder.embed(missing);
  missing.forEach((text, index) => cache.set(text, rows.slice(index * DIMENSIONS, (index + 1) * DIMENSIONS)));
}

function vector(text: string): Float32Array {
  const found = cache.get(text);
  if (found === undefined) throw new Error(`not embedded: ${text}`);
  return found;
}

function cosine(left: Float32Array, right: Float32Array): number {
  let dot = 0;
  let leftNorm = 0;
  let rightNorm = 0;
  for (let index = 0; index < left.length; index += 1) {
    const a = left[index] as number;
    const b = right[index] as number;
    dot += a * b;
    leftNorm += a * a;
    rightNorm += b * b;
  }
  return leftNorm === 0 || rightNorm === 0 ? 0 : dot / Math.sqrt(leftNorm * rightNorm);
}

function features(example: Example, set: FeatureSet): number[] {
  if (set === "cheap") return example.cheap;
  if (set === "cheap+cosine") return [...example.cheap, ...example.cosine];
  return [...example.cheap, ...example.cosine, ...vector(example.window)];
}

// ---------------------------------------------------------------------------------------------------
// Logistic regression (L2, full-batch gradient descent on standardised features; deterministic: zero start, fixed order).

interface Model {
  mean: Float64Array;
  scale: Float64Array;
  weights: Float64Array;
  bias: number;
}

const L2 = 0.01;
const STEPS = 400;
const LEARNING_RATE = 0.5;

/** `balanced`: each class weighs as much as the other in the loss (spurious mentions are rare, about 1 in 30). */
function train(rows: number[][], labels: number[], balanced: boolean): Model {
  const width = rows[0]?.length ?? 0;
  const mean = new Float64Array(width);
  const scale = new Float64Array(width);
  for (const row of rows) row.forEach((value, index) => (mean[index] = (mean[index] as number) + value / rows.length));
  for (const row of rows)
    row.forEach((value, index) => (scale[index] = (scale[index] as number) + (value - (mean[index] as number)) ** 2 / rows.length));
  for (let index = 0; index < width; index += 1) scale[index] = Math.sqrt(scale[index] as number) || 1;
  const standard = rows.map((row) =>
    Float64Array.from(row, (value, index) => (value - (mean[index] as number)) / (scale[index] as number)),
  );
  const weights = new Float64Array(width);
  let bias = 0;
  const gradient = new Float64Array(width);
  const positives = labels.filter((label) => label === 1).length;
  const negatives = labels.length - positives;
  const classWeight = (label: number): number =>
    !balanced || positives === 0 || negatives === 0 ? 1 : labels.length / (2 * (label === 1 ? positives : negatives));
  for (let step = 0; step < STEPS; step += 1) {
    gradient.fill(0);
    let biasGradient = 0;
    standard.forEach((row, rowIndex) => {
      let z = bias;
      for (let index = 0; index < width; index += 1) z += (weights[index] as number) * (row[index] as number);
      const label = labels[rowIndex] as number;
      const error = (1 / (1 + Math.exp(-z)) - label) * classWeight(label);
      biasGradient += error;
      for (let index = 0; index < width; index += 1) gradient[index] = (gradient[index] as number) + error * (row[index] as number);
    });
    for (let index = 0; index < width; index += 1) {
      weights[index] =
        (weights[index] as number) - LEARNING_RATE * ((gradient[index] as number) / standard.length + L2 * (weights[index] as number));
    }
    bias -= (LEARNING_RATE * biasGradient) / standard.length;
  }
  return { mean, scale, weights, bias };
}

function probability(model: Model, row: readonly number[]): number {
  let z = model.bias;
  row.forEach((value, index) => {
    z += (model.weights[index] as number) * ((value - (model.mean[index] as number)) / (model.scale[index] as number));
  });
  return 1 / (1 + Math.exp(-z));
}

// ---------------------------------------------------------------------------------------------------
// Loading every round.

const readers = new Map<AttributeSchema, RuleBasedQueryConstructor>();
function readerFor(domain: BenchDomain): RuleBasedQueryConstructor {
  let reader = readers.get(domain.schema);
  if (reader === undefined) {
    reader = new RuleBasedQueryConstructor({ attributes: domain.schema, now: () => NOW });
    readers.set(domain.schema, reader);
  }
  return reader;
}

const currentRules: Rules = {
  commit: "current",
  run: (domain, question) => runPipeline(domain, question),
  finish: (domain, context, mentions) => finish(domain, context, mentions).filter,
};
const historyRules = new Map<string, Rules>();
for (const commit of new Set(Object.values(FIRST_RUN_RULES))) historyRules.set(commit, await rulesAt(commit));

const here = resolve(import.meta.dirname, "../questions");
const items: Item[] = [];
let pipelineMismatches = 0;
let historyFailures = 0;
for (const round of QUESTION_ROUNDS) {
  const commit = FIRST_RUN_RULES[round.key];
  const rules = (commit === undefined ? undefined : historyRules.get(commit)) ?? currentRules;
  for (const domain of round.domains()) {
    const path = resolve(here, round.folder, domain.file);
    if (!existsSync(path)) throw new Error(`missing question set ${path}`);
    for (const question of readQuestions(path)) {
      const plain = readerFor(domain).constructSync(question.question);
      const context = runPipeline(domain, question.question);
      const replica = finish(domain, runPipeline(domain, question.question), context.mentions);
      if (JSON.stringify(replica.filter) !== JSON.stringify(plain.filter)) pipelineMismatches += 1;
      const gold = question.filter === null ? null : withEpochDays(parseFilter(question.filter), domain);
      const goldFields = question.kind === "semantic" ? new Set<string>() : attributesOf(gold, domain.schema);
      const examples = examplesOf(round.key, items.length, domain, question.question, context, goldFields);
      let itemRules = rules;
      let historyExamples = examples;
      let history = plain.filter;
      if (rules !== currentRules) {
        try {
          const historyContext = rules.run(domain, question.question);
          historyExamples = examplesOf(round.key, items.length, domain, question.question, historyContext, goldFields);
          history = rules.finish(domain, historyContext, historyContext.mentions);
        } catch {
          // An old rule set that cannot read today's schema: this question keeps the current rules.
          historyFailures += 1;
          itemRules = currentRules;
        }
      }
      items.push({ round: round.key, domain, question, gold, plain, examples, historyRules: itemRules, historyExamples, history });
    }
  }
}

// Embeddings, one batch per question (the latency a gate would add to one question), plus the schema texts once.
const embedStart = performance.now();
const schemaTexts = new Set<string>();
for (const item of items)
  for (const example of [...item.examples, ...item.historyExamples]) schemaTexts.add(example.attributeText).add(example.documentText);
await embedAll([...schemaTexts]);
for (const item of items) {
  const all = [...item.examples, ...item.historyExamples];
  if (all.length === 0) continue;
  const start = performance.now();
  await embedAll([item.question.question, ...all.flatMap((example) => [example.window, example.phrase, example.context])]);
  embedTimes.push(performance.now() - start);
}
const embedMilliseconds = performance.now() - embedStart;
for (const item of items) {
  for (const example of [...item.examples, ...item.historyExamples]) {
    const document = vector(example.documentText);
    const attribute = vector(example.attributeText);
    const texts = [example.window, example.phrase, example.context, item.question.question].map(vector);
    example.cosine = texts.flatMap((text) => [cosine(text, document), cosine(text, attribute)]);
  }
}

// ---------------------------------------------------------------------------------------------------
// Gating and scoring.

interface Row {
  round: string;
  n: number;
  mentions: number;
  dropped: number;
  fixed: number;
  broken: number;
  semantic: number;
  spuriousBefore: number;
  spuriousAfter: number;
  correctBefore: number;
  correctCurrent: number;
  correctAfter: number;
  filtersLost: number;
}

interface Change {
  round: string;
  id: string;
  question: string;
  change: "fixed" | "broke" | "changed";
  gold: string;
  before: string;
  after: string;
  dropped: string;
}

function emptyRow(round: string): Row {
  return {
    round,
    n: 0,
    mentions: 0,
    dropped: 0,
    fixed: 0,
    broken: 0,
    semantic: 0,
    spuriousBefore: 0,
    spuriousAfter: 0,
    correctBefore: 0,
    correctCurrent: 0,
    correctAfter: 0,
    filtersLost: 0,
  };
}

function addRows(total: Row, row: Row): void {
  for (const key of Object.keys(row) as Array<keyof Row>) if (key !== "round") total[key] += row[key];
}

const describe = (filter: FilterExpression | null): string => (filter === null ? "none" : describeFilter(filter));

const MODES: readonly Mode[] = ["rules", "first-run"];

/**
 * Scores one round with the gate in `mode`; `probabilities` holds P(real) for the examples of the round's items.
 * "before" is always the full rules without a gate; `correctCurrent` is the candidate generator without a gate.
 */
function scoreRound(
  round: string,
  roundItems: readonly Item[],
  probabilities: Map<Example, number>,
  threshold: number,
  mode: Mode,
  changes: Change[],
): Row {
  const row = emptyRow(round);
  for (const item of roundItems) {
    const rules = mode === "rules" ? currentRules : item.historyRules;
    const context = rules.run(item.domain, item.question.question);
    const examples = mode === "rules" ? item.examples : item.historyExamples;
    const spans = context.mentions.map((mention) => mentionSpan(context, mention));
    const kept: Mention[] = [];
    const dropped: string[] = [];
    context.mentions.forEach((mention, index) => {
      const example = examples[index];
      const chance = example === undefined ? 1 : (probabilities.get(example) ?? 1);
      const span = spans[index];
      if (chance >= threshold || span === undefined) {
        kept.push(mention);
        return;
      }
      dropped.push(`${mention.field} "${item.question.question.slice(span.start, span.end).trim()}" P=${chance.toFixed(2)}`);
      context.text.release(span);
    });
    const after = rules.finish(item.domain, context, kept);
    const ungated = mode === "rules" ? item.plain.filter : item.history;
    const correctCurrent = sameSelection(item.domain, item.gold, item.plain.filter);
    const correctBefore = mode === "rules" ? correctCurrent : sameSelection(item.domain, item.gold, ungated);
    const correctAfter = dropped.length === 0 ? correctBefore : sameSelection(item.domain, item.gold, after);
    row.n += 1;
    if (correctCurrent) row.correctCurrent += 1;
    row.mentions += context.mentions.length;
    row.dropped += dropped.length;
    if (correctBefore) row.correctBefore += 1;
    if (correctAfter) row.correctAfter += 1;
    if (!correctBefore && correctAfter) row.fixed += 1;
    if (correctBefore && !correctAfter) row.broken += 1;
    if (item.question.kind === "semantic") {
      row.semantic += 1;
      if (ungated !== null && !correctBefore) row.spuriousBefore += 1;
      if (after !== null && !correctAfter) row.spuriousAfter += 1;
    }
    if (item.gold !== null) {
      const beforeFields = attributesOf(ungated, item.domain.schema);
      const afterFields = attributesOf(after, item.domain.schema);
      for (const field of attributesOf(item.gold, item.domain.schema))
        if (beforeFields.has(field) && !afterFields.has(field)) row.filtersLost += 1;
    }
    if (correctBefore !== correctAfter || dropped.length > 0) {
      changes.push({
        round,
        id: item.question.id,
        question: item.question.question,
        change: !correctBefore && correctAfter ? "fixed" : correctBefore && !correctAfter ? "broke" : "changed",
        gold: describe(item.gold),
        before: describe(ungated),
        after: describe(after),
        dropped: dropped.join("; "),
      });
    }
  }
  return row;
}

function trainOn(trainingItems: readonly Item[], set: FeatureSet, balanced: boolean): { model: Model; milliseconds: number; size: number } {
  const examples = trainingItems.flatMap((item) => item.historyExamples);
  const start = performance.now();
  const model = train(
    examples.map((example) => features(example, set)),
    examples.map((example) => example.label),
    balanced,
  );
  return { model, milliseconds: performance.now() - start, size: examples.length };
}

function predict(model: Model, testItems: readonly Item[], set: FeatureSet): Map<Example, number> {
  const map = new Map<Example, number>();
  for (const item of testItems)
    for (const example of [...item.examples, ...item.historyExamples]) map.set(example, probability(model, features(example, set)));
  return map;
}

/** Area under the ROC curve of P(real) on the test examples (how well the score ranks real above spurious). */
function areaUnderCurve(examples: readonly Example[], probabilities: Map<Example, number>): number {
  const scored = examples.map((example) => ({ label: example.label, chance: probabilities.get(example) ?? 1 }));
  const positives = scored.filter((entry) => entry.label === 1);
  const negatives = scored.filter((entry) => entry.label === 0);
  if (positives.length === 0 || negatives.length === 0) return Number.NaN;
  let wins = 0;
  for (const positive of positives)
    for (const negative of negatives) wins += positive.chance > negative.chance ? 1 : positive.chance === negative.chance ? 0.5 : 0;
  return wins / (positives.length * negatives.length);
}

function printTable(title: string, rows: readonly Row[]): void {
  console.log(`\n${title}`);
  console.log(
    "| round | n | mentions | dropped | correct (current rules) | correct before (these rules, no gate) | correct after | fixed | broken | semantic | spurious before | spurious after | correct filters lost |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  for (const row of rows) {
    console.log(
      `| ${row.round} | ${row.n} | ${row.mentions} | ${row.dropped} | ${row.correctCurrent} | ${row.correctBefore} | ${row.correctAfter} | ${row.fixed} | ${row.broken} | ${row.semantic} | ${row.spuriousBefore} | ${row.spuriousAfter} | ${row.filtersLost} |`,
    );
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function countExamples(list: readonly Example[]): string {
  const real = list.filter((example) => example.label === 1).length;
  return `${list.length} (${real} real, ${list.length - real} spurious)`;
}
console.log(`questions: ${items.length}`);
console.log(`mentions of the full rules: ${countExamples(items.flatMap((item) => item.examples))}`);
console.log(
  `mentions of each round's first-run rules (the training set): ${countExamples(items.flatMap((item) => item.historyExamples))}; questions the old rules could not read: ${historyFailures}`,
);
console.log(`pipeline steps differing from constructSync: ${pipelineMismatches}`);
console.log(
  `embeddings: ${cache.size} texts in ${(embedMilliseconds / 1000).toFixed(1)} s; per question with mentions (one batch): median ${median(embedTimes).toFixed(1)} ms (machine shared with other jobs)`,
);

let changes: Change[] = [];
const historyOf = (list: readonly Item[]): Example[] => list.flatMap((item) => item.historyExamples);
const WEIGHTINGS = [false, true];
const variantName = (set: FeatureSet, balanced: boolean): string => `${set}${balanced ? " (balanced)" : ""}`;
if (testRounds === undefined) {
  // Leave-one-round-out CV: every feature set and weighting, every threshold, both places of the gate.
  const summary: string[] = [];
  const trainTimes: number[] = [];
  let best: { cell: string; net: number; lost: number; changes: Change[] } | undefined;
  for (const set of FEATURE_SETS) {
    for (const balanced of WEIGHTINGS) {
      const variant = variantName(set, balanced);
      const perCell = new Map<string, { rows: Row[]; changes: Change[] }>();
      const areas: string[] = [];
      for (const key of CV_ROUNDS) {
        const trainingItems = items.filter((item) => item.round !== key);
        const testItems = items.filter((item) => item.round === key);
        const { model, milliseconds } = trainOn(trainingItems, set, balanced);
        trainTimes.push(milliseconds);
        const probabilities = predict(model, testItems, set);
        areas.push(`${key} ${areaUnderCurve(historyOf(testItems), probabilities).toFixed(2)}`);
        for (const mode of MODES) {
          for (const threshold of THRESHOLDS) {
            const cell = perCell.get(`${mode} ${threshold}`) ?? { rows: [], changes: [] };
            cell.rows.push(scoreRound(key, testItems, probabilities, threshold, mode, cell.changes));
            perCell.set(`${mode} ${threshold}`, cell);
          }
        }
      }
      console.log(`\n## features: ${variant}; ROC AUC (first-run mentions) per held-out round: ${areas.join(", ")}`);
      for (const mode of MODES) {
        for (const threshold of THRESHOLDS) {
          const cell = perCell.get(`${mode} ${threshold}`) ?? { rows: [], changes: [] };
          const total = emptyRow("**all CV rounds**");
          for (const row of cell.rows) addRows(total, row);
          printTable(`features ${variant}, gate on ${mode}, t = ${threshold}`, [...cell.rows, total]);
          summary.push(
            `| ${variant} | ${mode} | ${threshold} | ${total.dropped} | ${total.fixed} | ${total.broken} | ${total.fixed - total.broken} | ${total.spuriousBefore} → ${total.spuriousAfter} | ${total.filtersLost} | ${total.correctBefore} → ${total.correctAfter} of ${total.n} |`,
          );
          // The choice is made on the first-run rules (blind on each held-out round, as the current rules are on a new one).
          const net = total.fixed - total.broken;
          if (mode === "first-run" && (best === undefined || net > best.net || (net === best.net && total.filtersLost < best.lost))) {
            best = { cell: `features ${variant}, t = ${threshold}`, net, lost: total.filtersLost, changes: cell.changes };
          }
        }
      }
    }
  }
  console.log(
    "\n## CV summary (leave one round out over held-out rounds 5-10 and -new; fixed/broken against the same rules without the gate)",
  );
  console.log(
    "| features | gate on | t | mentions dropped | fixed | broken | net | spurious on semantic | correct filters lost | correct: without gate → with gate |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|---|");
  for (const line of summary) console.log(line);
  console.log(`\ntraining time per fold (ms): median ${median(trainTimes).toFixed(0)}, max ${Math.max(...trainTimes).toFixed(0)}`);
  console.log(
    `best by CV on the first-run rules: ${best?.cell ?? "none"} (net ${best?.net ?? 0}); frozen: features ${variantName(FROZEN_FEATURES, FROZEN_BALANCED)}, t = ${FROZEN_THRESHOLD}`,
  );
  changes = best?.changes ?? [];
} else {
  // Blind test: train the frozen model on every round not listed; the gate sits on the current rules (blind on a new round).
  const listed = new Set(testRounds);
  const { model, milliseconds, size } = trainOn(
    items.filter((item) => !listed.has(item.round)),
    FROZEN_FEATURES,
    FROZEN_BALANCED,
  );
  console.log(
    `frozen model: features ${variantName(FROZEN_FEATURES, FROZEN_BALANCED)}, t = ${FROZEN_THRESHOLD}; trained on ${size} mentions (rounds not listed) in ${milliseconds.toFixed(0)} ms`,
  );
  for (const threshold of THRESHOLDS) {
    const frozen = threshold === FROZEN_THRESHOLD;
    const rows: Row[] = [];
    const total = emptyRow("**listed rounds**");
    for (const key of testRounds) {
      const testItems = items.filter((item) => item.round === key);
      const probabilities = predict(model, testItems, FROZEN_FEATURES);
      const examples = testItems.flatMap((item) => item.examples);
      if (frozen) console.log(`${key}: ROC AUC (current rules' mentions) ${areaUnderCurve(examples, probabilities).toFixed(2)}`);
      const row = scoreRound(key, testItems, probabilities, threshold, "rules", frozen ? changes : []);
      rows.push(row);
      addRows(total, row);
    }
    printTable(`${frozen ? "FROZEN" : "(not the frozen threshold)"} gate on the current rules, t = ${threshold}`, [...rows, total]);
  }
}

const counts = { fixed: 0, broke: 0, changed: 0 };
for (const change of changes) counts[change.change] += 1;
console.log(
  `\nquestions the gate changed (the CV-best cell, or the frozen gate on the listed rounds): ${changes.length} (fixed ${counts.fixed}, broke ${counts.broke}, other ${counts.changed})`,
);
if (args.examples) {
  for (const change of changes) {
    console.log(`[${change.change}] ${change.round} ${change.id}: ${change.question}`);
    console.log(`   gold: ${change.gold}   before: ${change.before}   after: ${change.after}`);
    console.log(`   dropped ${change.dropped}`);
  }
}
