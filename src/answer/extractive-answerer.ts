import type { DocumentInterface } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { AIMessage, type BaseMessage } from "@langchain/core/messages";
import type { BasePromptValueInterface } from "@langchain/core/prompt_values";
import { Runnable, type RunnableConfig } from "@langchain/core/runnables";
import { z } from "zod/v4";
import { embeddingsOptionSchema } from "../core/option-schemas.js";
import { ErrorCodes } from "../core/errors/error-codes.js";
import { RetrieverError } from "../core/errors/retriever-error.js";
import { parseOptions } from "../core/parse-options.js";
import { TextAnalyzer } from "../hybrid/text-analyzer.js";
import { splitSentences } from "../rerankers/sentences.js";
import { citationId, parseRagPrompt, type ContextPassage } from "./rag-prompt.js";

/** Every answer of the extractive answerer starts with this, so nobody mistakes it for a model's answer. */
export const EXTRACTIVE_ANSWER_LABEL = "[extractive answer — not an LLM]";
/** Sentences quoted when nobody says otherwise. */
export const DEFAULT_EXTRACTIVE_SENTENCES = 3;
/** Sentences quoted from one document before another document gets a turn. */
export const DEFAULT_SENTENCES_PER_DOCUMENT = 1;
/** Weight of the keyword score against the embedding similarity (when embeddings are given). */
export const DEFAULT_KEYWORD_WEIGHT = 0.5;
/** Weight of the retriever's ranking (earlier documents are favoured a little). */
export const DEFAULT_RETRIEVAL_RANK_WEIGHT = 0.1;
/** Sentences scored at most (the first ones, in retrieval order): bounds the embedding work. */
export const DEFAULT_MAX_SCORED_SENTENCES = 300;
/** Quotes longer than this many characters are cut with an ellipsis. */
export const DEFAULT_MAX_QUOTE_CHARACTERS = 300;

/** BM25 constants for sentence scoring (short texts: b matters little). */
const BM25_K1 = 1.2;
const BM25_B = 0.75;

export interface ExtractiveAnswererOptions {
  /** Embeddings for a semantic signal (question-sentence cosine similarity). @default none (keywords only) */
  embeddings?: EmbeddingsInterface;
  /** How many sentences the answer quotes. @default 3 */
  sentences?: number;
  /** At most this many quoted sentences per document, unless there are too few documents. @default 1 */
  sentencesPerDocument?: number;
  /** Keyword score weight in [0, 1]; the embedding similarity gets the rest (only with embeddings). @default 0.5 */
  keywordWeight?: number;
  /** Bonus weight for documents the retriever ranked higher. @default 0.1 */
  retrievalRankWeight?: number;
  /** Only the first this many sentences are scored. @default 300 */
  maxScoredSentences?: number;
  /** Quotes are cut to this many characters. @default 300 */
  maxQuoteCharacters?: number;
}

const optionsSchema = z
  .object({
    embeddings: embeddingsOptionSchema.optional(),
    sentences: z.number().int().min(1).max(50).optional(),
    sentencesPerDocument: z.number().int().min(1).max(50).optional(),
    keywordWeight: z.number().min(0).max(1).optional(),
    retrievalRankWeight: z.number().min(0).max(10).finite().optional(),
    maxScoredSentences: z.number().int().min(1).max(100_000).optional(),
    maxQuoteCharacters: z.number().int().min(20).max(100_000).optional(),
  })
  .strict();

/** Structured input: the question and the retrieved documents (or a context formatted by `formatDocumentsForPrompt`). */
export interface ExtractiveAnswerInput {
  question: string;
  context: readonly DocumentInterface[] | string;
}

/**
 * What the answerer accepts in a chain: the prompt value (where a chat model would sit, after
 * `ChatPromptTemplate.fromTemplate(RAG_PROMPT_TEMPLATE)`), the prompt as text or messages, or the
 * structured input.
 */
export type ExtractiveAnswererInput = BasePromptValueInterface | string | BaseMessage[] | ExtractiveAnswerInput;

/** One quoted sentence. */
export interface ExtractiveQuote {
  /** The id of the document it comes from. */
  id: string;
  sentence: string;
  /** Its combined relevance score (higher is better). */
  score: number;
}

/** The answer with its parts. */
export interface ExtractiveAnswer {
  /** The full answer text, starting with `EXTRACTIVE_ANSWER_LABEL`. */
  text: string;
  quotes: ExtractiveQuote[];
}

interface ScoredSentence {
  passage: number;
  position: number;
  id: string;
  sentence: string;
  score: number;
}

/**
 * An offline stand-in for the chat model of a RAG chain. It is NOT a language model: it quotes the
 * sentences of the retrieved documents that best match the question, each with its document id, and
 * labels its answer as such (`EXTRACTIVE_ANSWER_LABEL`). Sentences are scored by BM25 over the context's
 * sentences (the library's stemming analyzer), plus cosine similarity with the question when embeddings
 * are given, plus a small bonus for documents the retriever ranked higher. Deterministic: ties keep
 * document then sentence order.
 *
 * A LangChain `Runnable`, so it goes where the chat model goes:
 * `setupAndRetrieval.pipe(ragPrompt).pipe(new ExtractiveAnswerer()).pipe(new StrOutputParser())`.
 * It reads the question and the documents back from the prompt (see `parseRagPrompt`); it returns an
 * `AIMessage`.
 */
export class ExtractiveAnswerer extends Runnable<ExtractiveAnswererInput, AIMessage> {
  lc_namespace = ["advanced_retrievers", "answer"];

  readonly embeddings: EmbeddingsInterface | undefined;
  readonly sentences: number;
  readonly sentencesPerDocument: number;
  readonly keywordWeight: number;
  readonly retrievalRankWeight: number;
  readonly maxScoredSentences: number;
  readonly maxQuoteCharacters: number;
  private readonly analyzer = new TextAnalyzer();

  constructor(options: ExtractiveAnswererOptions = {}) {
    super();
    const parsed = parseOptions(optionsSchema, options, "ExtractiveAnswerer");
    this.embeddings = options.embeddings;
    this.sentences = parsed.sentences ?? DEFAULT_EXTRACTIVE_SENTENCES;
    this.sentencesPerDocument = parsed.sentencesPerDocument ?? DEFAULT_SENTENCES_PER_DOCUMENT;
    this.keywordWeight = parsed.keywordWeight ?? DEFAULT_KEYWORD_WEIGHT;
    this.retrievalRankWeight = parsed.retrievalRankWeight ?? DEFAULT_RETRIEVAL_RANK_WEIGHT;
    this.maxScoredSentences = parsed.maxScoredSentences ?? DEFAULT_MAX_SCORED_SENTENCES;
    this.maxQuoteCharacters = parsed.maxQuoteCharacters ?? DEFAULT_MAX_QUOTE_CHARACTERS;
  }

  static override lc_name(): string {
    return "ExtractiveAnswerer";
  }

  override async invoke(input: ExtractiveAnswererInput, options?: Partial<RunnableConfig>): Promise<AIMessage> {
    return this._callWithConfig(async (value: ExtractiveAnswererInput) => new AIMessage((await this.answerInput(value)).text), input, {
      ...options,
      runType: "llm",
    });
  }

  /** Answers any accepted input (see `ExtractiveAnswererInput`) with the quotes. */
  async answerInput(input: ExtractiveAnswererInput): Promise<ExtractiveAnswer> {
    const { question, passages } = readInput(input);
    return this.answer(question, passages);
  }

  /** Answers a question from passages (`{ id, text }`, best first) or documents. */
  async answer(question: string, context: readonly ContextPassage[] | readonly DocumentInterface[]): Promise<ExtractiveAnswer> {
    const passages = context.map((item, index) => ("pageContent" in item ? { id: citationId(item, index), text: item.pageContent } : item));
    const candidates = this.splitPassages(passages);
    if (candidates.length === 0) {
      return { text: `${EXTRACTIVE_ANSWER_LABEL} I don't know: no review was retrieved for this question.`, quotes: [] };
    }
    await this.scoreSentences(question, candidates, passages.length);
    const chosen = this.choose(candidates);
    const quotes = chosen.map(({ id, sentence, score }) => ({ id, sentence: cut(sentence, this.maxQuoteCharacters), score }));
    const lines = quotes.map(({ id, sentence }) => `- "${sentence}" (${id})`);
    const documentCount = passages.length;
    const header = `${EXTRACTIVE_ANSWER_LABEL} The most relevant sentences of the ${documentCount} retrieved review${documentCount === 1 ? "" : "s"}:`;
    return { text: [header, ...lines].join("\n"), quotes };
  }

  private splitPassages(passages: readonly ContextPassage[]): ScoredSentence[] {
    const sentences: ScoredSentence[] = [];
    passages.forEach((passage, passageIndex) => {
      splitSentences(passage.text).forEach((sentence, position) => {
        if (sentences.length < this.maxScoredSentences)
          sentences.push({ passage: passageIndex, position, id: passage.id, sentence, score: 0 });
      });
    });
    return sentences;
  }

  /** Sets each sentence's combined score: normalized BM25, normalized cosine similarity, rank bonus. */
  private async scoreSentences(question: string, sentences: ScoredSentence[], passageCount: number): Promise<void> {
    const keyword = normalizeByMax(this.keywordScores(question, sentences));
    const semantic = this.embeddings === undefined ? undefined : normalizeMinMax(await this.semanticScores(question, sentences));
    const keywordWeight = semantic === undefined ? 1 : this.keywordWeight;
    sentences.forEach((sentence, index) => {
      const rankBonus = passageCount <= 1 ? 0 : 1 - sentence.passage / (passageCount - 1);
      sentence.score =
        keywordWeight * keyword[index]! + (1 - keywordWeight) * (semantic?.[index] ?? 0) + this.retrievalRankWeight * rankBonus;
    });
  }

  private keywordScores(question: string, sentences: ScoredSentence[]): number[] {
    const queryTerms = [...new Set(this.analyzer.analyze(question))];
    const analyzed = sentences.map(({ sentence }) => this.analyzer.analyze(sentence));
    const averageLength = analyzed.reduce((sum, terms) => sum + terms.length, 0) / Math.max(1, analyzed.length) || 1;
    const documentFrequency = new Map<string, number>();
    for (const terms of analyzed) for (const term of new Set(terms)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    return analyzed.map((terms) => {
      let score = 0;
      for (const term of queryTerms) {
        const frequency = terms.reduce((count, candidate) => count + (candidate === term ? 1 : 0), 0);
        if (frequency === 0) continue;
        const containing = documentFrequency.get(term) ?? 0;
        const inverse = Math.log(1 + (analyzed.length - containing + 0.5) / (containing + 0.5));
        score += (inverse * frequency * (BM25_K1 + 1)) / (frequency + BM25_K1 * (1 - BM25_B + (BM25_B * terms.length) / averageLength));
      }
      return score;
    });
  }

  private async semanticScores(question: string, sentences: ScoredSentence[]): Promise<number[]> {
    const embeddings = this.embeddings!;
    const [questionVector, sentenceVectors] = await Promise.all([
      embeddings.embedQuery(question),
      embeddings.embedDocuments(sentences.map(({ sentence }) => sentence)),
    ]);
    return sentenceVectors.map((vector) => cosineSimilarity(questionVector, vector));
  }

  /** Best first, at most `sentencesPerDocument` per document unless there are not enough documents. */
  private choose(sentences: ScoredSentence[]): ScoredSentence[] {
    const ranked = [...sentences].sort((a, b) => b.score - a.score || a.passage - b.passage || a.position - b.position);
    const chosen: ScoredSentence[] = [];
    const perPassage = new Map<number, number>();
    for (const sentence of ranked) {
      if (chosen.length >= this.sentences) break;
      if ((perPassage.get(sentence.passage) ?? 0) >= this.sentencesPerDocument) continue;
      chosen.push(sentence);
      perPassage.set(sentence.passage, (perPassage.get(sentence.passage) ?? 0) + 1);
    }
    for (const sentence of ranked) {
      if (chosen.length >= this.sentences) break;
      if (!chosen.includes(sentence)) chosen.push(sentence);
    }
    return chosen.sort((a, b) => b.score - a.score || a.passage - b.passage || a.position - b.position);
  }
}

/** The question and passages of any accepted input. */
function readInput(input: ExtractiveAnswererInput): { question: string; passages: ContextPassage[] } {
  if (typeof input === "string") return parseRagPrompt(input);
  if (Array.isArray(input)) return parseRagPrompt(input.map(messageText).join("\n"));
  if (typeof input === "object" && input !== null && "question" in input && "context" in input) {
    const { question, context } = input;
    if (typeof question !== "string") throw invalidInput();
    if (typeof context === "string") return { question, passages: parseRagPrompt(`Query:\n${question}\nContext:\n${context}`).passages };
    return { question, passages: context.map((document, index) => ({ id: citationId(document, index), text: document.pageContent })) };
  }
  if (typeof input === "object" && input !== null && typeof (input as BasePromptValueInterface).toChatMessages === "function") {
    return parseRagPrompt((input as BasePromptValueInterface).toChatMessages().map(messageText).join("\n"));
  }
  throw invalidInput();
}

function invalidInput(): RetrieverError {
  return new RetrieverError({
    code: ErrorCodes.INVALID_OPTION,
    message:
      "the extractive answerer takes a prompt (value, text or messages) or { question, context }; put it after the RAG prompt in the chain",
  });
}

function messageText(message: BaseMessage): string {
  const { content } = message;
  if (typeof content === "string") return content;
  return content
    .map((part) => (typeof part === "string" ? part : part.type === "text" && typeof part.text === "string" ? part.text : ""))
    .join("");
}

function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let index = 0; index < Math.min(a.length, b.length); index += 1) {
    dot += a[index]! * b[index]!;
    normA += a[index]! * a[index]!;
    normB += b[index]! * b[index]!;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

function normalizeByMax(values: number[]): number[] {
  const max = values.reduce((largest, value) => (value > largest ? value : largest), 0);
  return max === 0 ? values.map(() => 0) : values.map((value) => value / max);
}

function normalizeMinMax(values: number[]): number[] {
  const min = values.reduce((smallest, value) => (value < smallest ? value : smallest), Number.POSITIVE_INFINITY);
  const max = values.reduce((largest, value) => (value > largest ? value : largest), Number.NEGATIVE_INFINITY);
  return max === min ? values.map(() => 0) : values.map((value) => (value - min) / (max - min));
}

function cut(text: string, maxCharacters: number): string {
  return text.length <= maxCharacters ? text : `${text.slice(0, maxCharacters - 1).trimEnd()}…`;
}
