import type { DocumentInterface } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import type { BaseMessage } from "@langchain/core/messages";
import { StringOutputParser } from "@langchain/core/output_parsers";
import type { BasePromptValueInterface } from "@langchain/core/prompt_values";
import { ChatPromptTemplate } from "@langchain/core/prompts";
import {
  RunnableLambda,
  RunnableParallel,
  RunnablePassthrough,
  RunnableSequence,
  type Runnable,
  type RunnableInterface,
} from "@langchain/core/runnables";
import { z } from "zod/v4";
import { embeddingsOptionSchema } from "../core/option-schemas.js";
import { parseOptions } from "../core/parse-options.js";
import { CHAT_MODEL_PROVIDERS, createChatModel, type ChatModelProvider } from "../llm/create-chat-model.js";
import { ExtractiveAnswerer, type ExtractiveAnswererOptions } from "./extractive-answerer.js";
import { contextFormatter, RAG_PROMPT_TEMPLATE, type DescribeDocument } from "./rag-prompt.js";

/** What goes where the chat model goes: prompt value in, message (or text) out. */
export type AnswerModel = RunnableInterface<BasePromptValueInterface, BaseMessage | string>;

/** The model a chain answers with, and what it is (so callers can say whether an LLM answered). */
export interface ResolvedAnswerModel {
  model: AnswerModel;
  /** `chat-model`: a language model; `extractive`: the offline `ExtractiveAnswerer` (not an LLM). */
  kind: "chat-model" | "extractive";
  /** e.g. "openai:gpt-4o-mini" or "extractive". */
  name: string;
}

export interface ResolveAnswerModelOptions {
  /** Which chat model: `openai`, `none` (always the extractive answerer) or `auto`. @default "auto" */
  llm?: ChatModelProvider;
  /** Embeddings the extractive answerer may use for its semantic signal. @default none (keywords only) */
  embeddings?: EmbeddingsInterface;
  /** Further options of the extractive answerer. @default {} */
  extractive?: Omit<ExtractiveAnswererOptions, "embeddings">;
}

/**
 * The chat model for a RAG chain: `createChatModel({ provider: llm })` (ChatOpenAI when OPENAI_API_KEY
 * or OPENAI_BASE_URL is set, for `auto`), else the offline `ExtractiveAnswerer`.
 */
export function resolveAnswerModel(options: ResolveAnswerModelOptions = {}): ResolvedAnswerModel {
  const chatModel = createChatModel({ provider: options.llm ?? "auto" });
  if (chatModel !== null) {
    const modelName = (chatModel as { model?: unknown }).model;
    return {
      model: chatModel as unknown as AnswerModel,
      kind: "chat-model",
      name: `openai${typeof modelName === "string" ? `:${modelName}` : ""}`,
    };
  }
  const answerer = new ExtractiveAnswerer({
    ...options.extractive,
    ...(options.embeddings === undefined ? {} : { embeddings: options.embeddings }),
  });
  return { model: answerer, kind: "extractive", name: "extractive" };
}

export interface CreateRagChainOptions extends ResolveAnswerModelOptions {
  /** Any LangChain retriever (every technique of this library is one). */
  retriever: RunnableInterface<string, DocumentInterface[]>;
  /** The model after the prompt (a chat model or an `ExtractiveAnswerer`). @default resolveAnswerModel({ llm, embeddings }) */
  model?: AnswerModel;
  /** The prompt template, with `{question}` and `{context}`. @default RAG_PROMPT_TEMPLATE (the reference's) */
  template?: string;
  /** The description after each document's id in the context (e.g. from a dataset's display columns). @default none (id only) */
  describeDocument?: DescribeDocument;
}

const runnableSchema = z.custom<RunnableInterface>(
  (value) => typeof value === "object" && value !== null && typeof (value as RunnableInterface).invoke === "function",
  "must be a LangChain Runnable",
);

const optionsSchema = z
  .object({
    retriever: runnableSchema,
    model: runnableSchema.optional(),
    template: z
      .string()
      .refine((template) => template.includes("{question}") && template.includes("{context}"), "must contain {question} and {context}")
      .optional(),
    llm: z.enum(CHAT_MODEL_PROVIDERS).optional(),
    embeddings: embeddingsOptionSchema.optional(),
    extractive: z.object({}).loose().optional(),
    describeDocument: z
      .custom<DescribeDocument>((value) => typeof value === "function", "must be a function (metadata) => string")
      .optional(),
  })
  .strict();

/** The answer with the documents it was based on. */
export interface RagAnswer {
  question: string;
  /** The retrieved documents, best first. */
  context: DocumentInterface[];
  answer: string;
}

function chainParts(options: CreateRagChainOptions) {
  const parsed = parseOptions(optionsSchema, options, "createRagChain");
  const ragPrompt = ChatPromptTemplate.fromTemplate(parsed.template ?? RAG_PROMPT_TEMPLATE);
  const chatModel = options.model ?? resolveAnswerModel(options).model;
  const formatContext = contextFormatter(options.describeDocument);
  const format = (documents: DocumentInterface[]) => formatContext(documents);
  return { ragPrompt, chatModel, outputParser: new StringOutputParser(), format };
}

/**
 * The reference's LCEL RAG chain:
 * `RunnableParallel({ question: RunnablePassthrough, context: retriever }) | prompt | model | StringOutputParser`
 * (Python's StrOutputParser),
 * the context formatted with document ids (`formatDocumentsForPrompt`). Invoke it with the question.
 */
export function createRagChain(options: CreateRagChainOptions): Runnable<string, string> {
  const { ragPrompt, chatModel, outputParser, format } = chainParts(options);
  const setupAndRetrieval = RunnableParallel.from<string>({
    question: new RunnablePassthrough<string>(),
    context: RunnableSequence.from([options.retriever, RunnableLambda.from(format)]),
  });
  return setupAndRetrieval.pipe(ragPrompt).pipe(chatModel).pipe(outputParser) as Runnable<string, string>;
}

/** The same chain, returning the answer together with the retrieved documents (for citing sources). */
export function createRagChainWithSources(options: CreateRagChainOptions): Runnable<string, RagAnswer> {
  const { ragPrompt, chatModel, outputParser, format } = chainParts(options);
  const setupAndRetrieval = RunnableParallel.from<string>({ question: new RunnablePassthrough<string>(), context: options.retriever });
  const generate = RunnableSequence.from([
    RunnableLambda.from(({ question, context }: { question: string; context: DocumentInterface[] }) => ({
      question,
      context: format(context),
    })),
    ragPrompt,
    chatModel,
    outputParser,
  ]);
  return setupAndRetrieval.assign({ answer: generate }) as unknown as Runnable<string, RagAnswer>;
}
