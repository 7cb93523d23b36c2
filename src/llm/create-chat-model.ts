import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { ChatOpenAI } from "@langchain/openai";
import { z } from "zod/v4";
import { InvalidOptionError } from "../core/errors/invalid-option-error.js";
import { parseOptions } from "../core/parse-options.js";
import { countingFetch } from "./chat-attempts.js";

/**
 * The library's chat model factory, shared by the LLM steps (self-query constructor, LLM reranker,
 * example generators): OpenAI (or any OpenAI-compatible server) when configured, else nothing, so
 * callers can fall back to their offline path.
 */

export const CHAT_MODEL_PROVIDERS = ["openai", "none", "auto"] as const;
export type ChatModelProvider = (typeof CHAT_MODEL_PROVIDERS)[number];

/** Provider when none is given. */
export const DEFAULT_CHAT_MODEL_PROVIDER: ChatModelProvider = "auto";
/** Model when none is given: cheap, fast, and supports JSON-schema structured output. */
export const DEFAULT_CHAT_MODEL = "gpt-4o-mini";
/** Sampling temperature when none is given: 0, so the same question gives the same answer. */
export const DEFAULT_CHAT_TEMPERATURE = 0;
/** Per-request timeout when none is given. */
export const DEFAULT_CHAT_TIMEOUT_MS = 30_000;
/** Retries (exponential backoff with jitter, on 429/5xx/connection errors) when none is given. */
export const DEFAULT_CHAT_MAX_RETRIES = 2;
/** The API key sent when only a base URL is configured (local OpenAI-compatible servers ignore it). */
export const PLACEHOLDER_CHAT_API_KEY = "no-api-key";

/** Options of `createChatModel`. */
export interface CreateChatModelOptions {
  /**
   * `openai`: ChatOpenAI (OpenAI or a compatible server); `none`: no model (`null`); `auto`: `openai`
   * when OPENAI_API_KEY or OPENAI_BASE_URL is set (or `apiKey` / `baseURL` is given), else `none`.
   * @default "auto"
   */
  provider?: ChatModelProvider;
  /** Model name. @default "gpt-4o-mini" */
  model?: string;
  /** Sampling temperature. @default 0 */
  temperature?: number;
  /** Timeout of one request, in milliseconds. @default 30_000 */
  timeoutMs?: number;
  /** Retries after a failed request (429, 5xx, connection errors), with exponential backoff and jitter. @default 2 */
  maxRetries?: number;
  /** API key. Never logged nor put in errors. @default process.env.OPENAI_API_KEY */
  apiKey?: string;
  /** Base URL of an OpenAI-compatible server, e.g. "http://127.0.0.1:11434/v1". @default process.env.OPENAI_BASE_URL, else OpenAI */
  baseURL?: string;
}

const optionsSchema = z
  .object({
    provider: z.enum(CHAT_MODEL_PROVIDERS).optional(),
    model: z.string().trim().min(1, 'must name a model, e.g. "gpt-4o-mini"').optional(),
    temperature: z.number().min(0).max(2).optional(),
    timeoutMs: z.number().int().min(1).max(600_000).optional(),
    maxRetries: z.number().int().min(0).max(10).optional(),
    apiKey: z.string().min(1, "must not be empty").optional(),
    baseURL: z.url('must be a URL such as "http://127.0.0.1:11434/v1"').optional(),
  })
  .strict();

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

/** Which provider `auto` picks in the given environment (and with the given key / URL). */
export function resolveChatModelProvider(
  provider: ChatModelProvider = DEFAULT_CHAT_MODEL_PROVIDER,
  environment: NodeJS.ProcessEnv = process.env,
  explicit: { apiKey?: string; baseURL?: string } = {},
): "openai" | "none" {
  if (provider !== "auto") return provider;
  const configured = [explicit.apiKey, explicit.baseURL, environment.OPENAI_API_KEY, environment.OPENAI_BASE_URL].some(
    (value) => nonEmpty(value) !== undefined,
  );
  return configured ? "openai" : "none";
}

/**
 * A LangChain chat model for the library's LLM steps, or `null` when the provider resolves to `none`.
 * `openai` builds a `ChatOpenAI` from the options, falling back to OPENAI_API_KEY and OPENAI_BASE_URL;
 * with only a base URL (a local OpenAI-compatible server) a placeholder key is sent. Asking for
 * `openai` with neither a key nor a base URL is an `InvalidOptionError`.
 */
export function createChatModel(options: CreateChatModelOptions = {}): BaseChatModel | null {
  const parsed = parseOptions(optionsSchema, options, "createChatModel");
  const apiKey = parsed.apiKey ?? nonEmpty(process.env.OPENAI_API_KEY);
  const baseURL = parsed.baseURL ?? nonEmpty(process.env.OPENAI_BASE_URL);
  const provider = resolveChatModelProvider(parsed.provider, process.env, {
    ...(apiKey === undefined ? {} : { apiKey }),
    ...(baseURL === undefined ? {} : { baseURL }),
  });
  if (provider === "none") return null;
  if (apiKey === undefined && baseURL === undefined) {
    throw new InvalidOptionError({
      option: "createChatModel.apiKey",
      value: undefined,
      message:
        "an OpenAI API key is needed: set OPENAI_API_KEY (or pass apiKey), or point baseURL / OPENAI_BASE_URL at an OpenAI-compatible server",
    });
  }
  return new ChatOpenAI({
    model: parsed.model ?? DEFAULT_CHAT_MODEL,
    temperature: parsed.temperature ?? DEFAULT_CHAT_TEMPERATURE,
    timeout: parsed.timeoutMs ?? DEFAULT_CHAT_TIMEOUT_MS,
    maxRetries: parsed.maxRetries ?? DEFAULT_CHAT_MAX_RETRIES,
    apiKey: apiKey ?? PLACEHOLDER_CHAT_API_KEY,
    // Requests go through countingFetch, so errors can report how many attempts were really made.
    configuration: { fetch: countingFetch(), ...(baseURL === undefined ? {} : { baseURL }) },
  });
}
