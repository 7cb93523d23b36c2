import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { HumanMessage, SystemMessage, type BaseMessage } from "@langchain/core/messages";
import { z } from "zod/v4";
import { ErrorCodes } from "../core/errors/error-codes.js";
import { RetrieverError } from "../core/errors/retriever-error.js";
import { ServiceError } from "../core/errors/service-error.js";
import { parseOptions } from "../core/parse-options.js";
import { raceWithAbort, throwIfAborted, validateQuery } from "../core/validate-query.js";
import { chatAttempts, countChatAttempts } from "../llm/chat-attempts.js";
import { defineAttributeSchema, type AttributeSchema } from "./attribute-schema.js";
import { buildLlmAnswerSchema, toModelJsonSchema } from "./llm/output-schema.js";
import { applicableExamples, generateExamples, buildSystemPrompt, buildUserPrompt, type QueryConstructorExample } from "./llm/prompt.js";
import { UnusableAnswerError, repairLlmAnswer } from "./llm/repair-answer.js";
import {
  MAX_CONSTRUCTED_LIMIT,
  checkConstructedQuery,
  type ConstructOptions,
  type ConstructedQuery,
  type QueryConstructor,
} from "./query-constructor.js";
import { DEFAULT_MAXIMUM_LIMIT, RuleBasedQueryConstructor } from "./rule-based-query-constructor.js";

/** The service named in errors and warnings. */
export const LLM_QUERY_CONSTRUCTOR_SERVICE = "LLM query constructor";
/** Longest a whole `construct` call may wait for the model (retries included) before falling back. */
export const DEFAULT_LLM_CONSTRUCTOR_TIMEOUT_MS = 20_000;
/** How the answer schema is enforced: LangChain's `withStructuredOutput` methods. */
export const STRUCTURED_OUTPUT_METHODS = ["jsonSchema", "functionCalling", "jsonMode"] as const;
export type StructuredOutputMethod = (typeof STRUCTURED_OUTPUT_METHODS)[number];
/** Name of the answer schema / tool sent to the model. */
export const SEARCH_REQUEST_SCHEMA_NAME = "search_request";

/** Options of `LlmQueryConstructor`. */
export interface LlmQueryConstructorOptions {
  /** Any LangChain chat model with `withStructuredOutput` (ChatOpenAI, ChatAnthropic, ChatOllama, ...); see `createChatModel`. */
  model: BaseChatModel;
  /**
   * What the metadata means. Pass it through `buildVocabulary(documents, schema)` first so the prompt
   * lists known values; at most 40 values per attribute are listed. Required.
   */
  attributes: AttributeSchema;
  /**
   * Used when the model fails (network error, timeout, invalid JSON, refusal, unusable answer); its
   * result carries a warning saying so. `null`: throw a `ServiceError` instead.
   * @default a RuleBasedQueryConstructor over the same attributes
   */
  fallback?: QueryConstructor | null;
  /** Longest the model may take, retries included, before the fallback is used. @default 20_000 */
  timeoutMs?: number;
  /** Largest `limit` kept from an answer ("top 500" is capped with a warning). @default 100 */
  maximumLimit?: number;
  /** Worked examples in the prompt (those whose fields exist in `attributes`). @default examples generated from `attributes` (see `generateExamples`) */
  examples?: QueryConstructorExample[];
  /** Extra guidance appended to the system prompt. @default none */
  instructions?: string;
  /** How `withStructuredOutput` enforces the schema. @default the model's own default (JSON schema for gpt-4o models) */
  method?: StructuredOutputMethod;
  /** Ask for strict schema adherence (OpenAI structured outputs). @default true */
  strict?: boolean;
  /** The clock, for "today" in the prompt. @default () => new Date() */
  now?: () => Date;
}

const optionsSchema = z
  .object({
    model: z.custom<BaseChatModel>(
      (value) =>
        typeof value === "object" &&
        value !== null &&
        typeof (value as { withStructuredOutput?: unknown }).withStructuredOutput === "function",
      'must be a LangChain chat model with withStructuredOutput (e.g. createChatModel() or new ChatOpenAI({ model: "gpt-4o-mini" }))',
    ),
    attributes: z.custom<AttributeSchema>(
      (value) => typeof value === "object" && value !== null && Array.isArray((value as { attributes?: unknown }).attributes),
      "is required: the attribute schema of the documents (defineAttributeSchema({ documentContents, attributes: [...] }))",
    ),
    fallback: z
      .custom<QueryConstructor | null>(
        (value) => value === null || (typeof value === "object" && typeof (value as QueryConstructor).construct === "function"),
        "must be a query constructor (an object with construct) or null",
      )
      .optional(),
    timeoutMs: z.number().int().min(1).max(600_000).optional(),
    maximumLimit: z.number().int().min(1).max(MAX_CONSTRUCTED_LIMIT).optional(),
    examples: z
      .array(
        z.object({
          question: z.string().min(1),
          answer: z.object({ query: z.string(), filter: z.unknown(), limit: z.number().nullable() }),
        }),
      )
      .optional(),
    instructions: z.string().max(4_000).optional(),
    method: z.enum(STRUCTURED_OUTPUT_METHODS).optional(),
    strict: z.boolean().optional(),
    now: z.custom<() => Date>((value) => typeof value === "function", "must be a function returning a Date").optional(),
  })
  .strict();

/** The slice of a chat model used here (kept loose so any LangChain chat model fits). */
interface StructuredRunnable {
  invoke(input: BaseMessage[], options?: { signal?: AbortSignal }): Promise<unknown>;
}
interface StructuredModel {
  withStructuredOutput(schema: Record<string, unknown>, config: Record<string, unknown>): StructuredRunnable;
}

/**
 * The LLM query constructor of the self-query technique (the reference's approach): a chat model reads
 * the question, the attribute descriptions and allowed values, the operators, today's date and a few
 * worked examples, and answers `{ query, filter, limit }` through `withStructuredOutput`.
 *
 * The answer is never trusted as is: unknown attributes, wrong types and wrong operators are repaired
 * ("7" → 7, a value written as its label → the value, "May 2019" → a range of days) or dropped with a warning. Any failure
 * (network error, HTTP error after the model's retries, timeout, invalid JSON, refusal) falls back to
 * the rule-based constructor with a warning, so `construct` does not throw for model problems; an
 * aborted signal rejects with `ABORTED`. A base filter is not this class's concern: the retriever
 * AND-s it around whatever comes out (see `applyBaseFilter`).
 */
export class LlmQueryConstructor implements QueryConstructor {
  readonly model: BaseChatModel;
  readonly attributes: AttributeSchema;
  readonly fallback: QueryConstructor | null;
  readonly timeoutMs: number;
  readonly maximumLimit: number;
  readonly examples: readonly QueryConstructorExample[];
  readonly instructions: string | undefined;
  readonly method: StructuredOutputMethod | undefined;
  readonly strict: boolean;
  private readonly now: () => Date;
  private readonly answerJsonSchema: Record<string, unknown>;
  private structured: StructuredRunnable | undefined;

  constructor(options: LlmQueryConstructorOptions) {
    const parsed = parseOptions(optionsSchema, options, "LlmQueryConstructor");
    this.model = options.model;
    this.attributes = defineAttributeSchema(options.attributes);
    this.maximumLimit = parsed.maximumLimit ?? DEFAULT_MAXIMUM_LIMIT;
    this.fallback =
      options.fallback === undefined
        ? new RuleBasedQueryConstructor({ attributes: this.attributes, maximumLimit: this.maximumLimit })
        : options.fallback;
    this.timeoutMs = parsed.timeoutMs ?? DEFAULT_LLM_CONSTRUCTOR_TIMEOUT_MS;
    this.examples = applicableExamples(options.examples ?? generateExamples(this.attributes), this.attributes);
    this.instructions = parsed.instructions;
    this.method = parsed.method;
    this.strict = parsed.strict ?? true;
    this.now = options.now ?? (() => new Date());
    this.answerJsonSchema = toModelJsonSchema(buildLlmAnswerSchema(this.attributes));
  }

  /** The messages sent for a question (system prompt with attributes, operators, date and examples; the question). */
  messages(question: string): BaseMessage[] {
    const system = buildSystemPrompt({
      attributes: this.attributes,
      today: this.now().toISOString().slice(0, 10),
      examples: this.examples,
      maximumLimit: this.maximumLimit,
      instructions: this.instructions,
    });
    return [new SystemMessage(system), new HumanMessage(buildUserPrompt(question))];
  }

  async construct(question: string, options: ConstructOptions = {}): Promise<ConstructedQuery> {
    validateQuery(question);
    const { signal } = options;
    throwIfAborted(signal);
    let requests = 0;
    try {
      const asked = await countChatAttempts(() => this.ask(question, signal));
      requests = asked.requests;
      if (!asked.ok) throw asked.error;
      return { ...repairLlmAnswer(asked.value, this.attributes, { maximumLimit: this.maximumLimit }), producedBy: "llm" };
    } catch (error) {
      if (signal?.aborted)
        throw new RetrieverError({ code: ErrorCodes.ABORTED, message: "the operation was aborted", cause: signal.reason });
      const reason = redactSecrets(describeFailure(error, this.timeoutMs), this.secrets());
      if (this.fallback === null) {
        const status = (error as { status?: unknown } | null)?.status;
        throw new ServiceError({
          service: LLM_QUERY_CONSTRUCTOR_SERVICE,
          message: `${reason}; check the model settings (OPENAI_API_KEY / OPENAI_BASE_URL) or keep a fallback constructor`,
          timeout: error instanceof TimeoutError,
          attempts: chatAttempts(error, this.model, requests),
          ...(typeof status === "number" ? { status } : {}),
        });
      }
      const fallback = checkConstructedQuery(await this.fallback.construct(question, options), "fallback query constructor");
      const name = this.fallback instanceof RuleBasedQueryConstructor ? "the rule-based constructor" : "the fallback constructor";
      return {
        ...fallback,
        producedBy: fallback.producedBy ?? (this.fallback instanceof RuleBasedQueryConstructor ? "rule-based" : "fallback"),
        fallbackReason: reason,
        warnings: [`the LLM query constructor failed (${reason}); used ${name} instead`, ...fallback.warnings],
      };
    }
  }

  /** Calls the model under the timeout and the caller's signal; returns the decoded JSON answer. */
  private async ask(question: string, signal: AbortSignal | undefined): Promise<unknown> {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new TimeoutError(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    const combined = signal === undefined ? timeout.signal : AbortSignal.any([signal, timeout.signal]);
    try {
      const output = await raceWithAbort(
        this.structuredModel().invoke(this.messages(question), { signal: combined }),
        combined,
        (signal) => signal.reason,
      );
      return decodeOutput(output);
    } catch (error) {
      if (timeout.signal.aborted && !signal?.aborted) throw timeout.signal.reason;
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private structuredModel(): StructuredRunnable {
    this.structured ??= (this.model as unknown as StructuredModel).withStructuredOutput(this.answerJsonSchema, {
      name: SEARCH_REQUEST_SCHEMA_NAME,
      includeRaw: true,
      strict: this.strict,
      ...(this.method === undefined ? {} : { method: this.method }),
    });
    return this.structured;
  }

  /** The model's key, to keep it out of warnings. */
  private secrets(): string[] {
    const key = (this.model as { apiKey?: unknown }).apiKey;
    return typeof key === "string" && key.length >= 8 ? [key] : [];
  }
}

/** The model did not answer within `timeoutMs`. */
class TimeoutError extends Error {
  override name = "TimeoutError";
}

/**
 * The JSON answer in `withStructuredOutput(..., { includeRaw: true })`'s output: the raw message's
 * first tool call, else its text parsed strictly (a ```json fence is accepted). LangChain's own
 * `parsed` is not used: it accepts truncated JSON as a partial object.
 */
function decodeOutput(output: unknown): unknown {
  if (typeof output !== "object" || output === null || !("raw" in output)) return output;
  const raw = (output as { raw: unknown }).raw as {
    tool_calls?: Array<{ args?: unknown }>;
    invalid_tool_calls?: unknown[];
    content?: unknown;
    response_metadata?: { finish_reason?: unknown };
  } | null;
  if (raw === null || typeof raw !== "object") throw new UnusableAnswerError("the model returned no message");
  const call = raw.tool_calls?.[0];
  if (call?.args !== undefined) return call.args;
  if ((raw.invalid_tool_calls?.length ?? 0) > 0) throw new UnusableAnswerError("the tool call's arguments are not valid JSON");
  const content = raw.content;
  const text =
    typeof content === "string"
      ? content
      : Array.isArray(content)
        ? content
            .map((part) =>
              typeof part === "string"
                ? part
                : typeof (part as { text?: unknown })?.text === "string"
                  ? (part as { text: string }).text
                  : "",
            )
            .join("")
        : "";
  if (text.trim() === "") {
    const finish = raw.response_metadata?.finish_reason;
    throw new UnusableAnswerError(
      `the model gave no answer${typeof finish === "string" && finish !== "stop" ? ` (finish reason ${finish})` : " (a refusal?)"}`,
    );
  }
  const fenced = /^\s*```(?:json)?\s*([\s\S]*?)```\s*$/i.exec(text)?.[1];
  try {
    return JSON.parse(fenced ?? text);
  } catch (error) {
    throw new UnusableAnswerError(`the answer is not valid JSON (${(error as Error).message})`);
  }
}

/** A short reason for a warning or error. */
function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof TimeoutError) return `no answer within ${timeoutMs} ms`;
  if (error instanceof UnusableAnswerError) return error.message;
  if (RetrieverError.isInstance(error)) return error.message;
  const status = (error as { status?: unknown } | null)?.status;
  const message = (error instanceof Error ? error.message : String(error)).split("\n")[0]?.trim() ?? "";
  const short = message.length > 200 ? `${message.slice(0, 197)}...` : message;
  // The OpenAI client parses JSON-schema answers itself: invalid JSON surfaces as a SyntaxError.
  if (error instanceof SyntaxError || (error as { name?: unknown } | null)?.name === "SyntaxError")
    return `the answer is not valid JSON (${short})`;
  return typeof status === "number"
    ? `HTTP ${status}: ${short.replace(new RegExp(`^${status}\\s+`), "")}`
    : `the model call failed: ${short}`;
}

/** Removes API keys and bearer tokens from a message. */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let redacted = text;
  for (const secret of secrets) redacted = redacted.split(secret).join("[redacted]");
  return redacted
    .replace(/\b(?:sk|pk|rk)-[A-Za-z0-9_-]{6,}/g, "[redacted]")
    .replace(/(Bearer\s+)\S+/gi, "$1[redacted]")
    .replace(/(provided:\s*)\S+?(\.?\s|$)/gi, "$1[redacted]$2");
}
