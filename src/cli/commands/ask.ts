import { DEFAULT_COMMAND_TECHNIQUE } from "../../config/built-in-pipelines.js";
import { createRagChainWithSources, resolveAnswerModel } from "../../answer/rag-chain.js";
import { RetrieverError } from "../../core/errors/retriever-error.js";
import { ServiceError } from "../../core/errors/service-error.js";
import { RELEVANCE_SCORE_KEY } from "../../core/search-retriever.js";
import { validateQuery } from "../../core/validate-query.js";
import { escapeTerminalJson, sanitizeTerminalText } from "../../core/io/terminal-text.js";
import { chatAttempts, countChatAttempts } from "../../llm/chat-attempts.js";
import { UsageError } from "../cli-error.js";
import { displayValues } from "../format-results.js";
import type { CommandHelp } from "../help.js";
import { buildFromFlags, outputFlags, showProgress, parseCommandArgs, requestedTechnique, retrieverFlags } from "./shared-options.js";

const askFlags = { ...retrieverFlags, ...outputFlags } as const;

export const askHelp: CommandHelp = {
  name: "ask",
  summary:
    "Answers the question from the retrieved documents: ChatOpenAI with --llm openai (or auto with OPENAI_API_KEY / OPENAI_BASE_URL), else the offline extractive answerer.",
  arguments: '"question"',
  flags: askFlags,
  notes: ['--json prints {"question", "technique", "model", "isLanguageModel", "answer", "context": [{id, score, display}]}.'],
};

/** The service named when the chat model call fails. */
const CHAT_SERVICE = "OpenAI chat";
/** Longest part of an upstream error message repeated in ours. */
const MAX_UPSTREAM_MESSAGE = 300;

/**
 * `retrievers ask [flags] [--json] "question"`: the reference's RAG chain (retriever | prompt | model |
 * parser) with the configured technique. The model is ChatOpenAI when `--llm openai`, or `auto` with
 * OPENAI_API_KEY / OPENAI_BASE_URL set; otherwise the offline extractive answerer (labeled: not an LLM).
 * Prints the answer and the ids of the documents it was given.
 */
export async function runAsk(args: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, askFlags, true);
  if (positionals.length !== 1) throw new UsageError(`ask takes exactly one question in quotes, got ${positionals.length} arguments`);
  const question = validateQuery(positionals[0]);
  // Without --technique (or a technique in --config), the recommended pipeline (see README "Default technique").
  const built = await buildFromFlags(values, { progress: showProgress(values), defaults: { technique: DEFAULT_COMMAND_TECHNIQUE } });
  try {
    const answerModel = resolveAnswerModel({ llm: built.config.llm, embeddings: built.embeddings });
    const describeDocument = (metadata: Readonly<Record<string, unknown>>) =>
      built.dataset.displayColumns
        .map((column) => [column.header, column.value(metadata)] as const)
        .filter(([, value]) => value !== "")
        .map(([header, value]) => `${header} ${value}`)
        .join(", ");
    const chain = createRagChainWithSources({ retriever: built.retriever, model: answerModel.model, describeDocument });
    const counted = await countChatAttempts(() => chain.invoke(question));
    if (!counted.ok)
      throw RetrieverError.isInstance(counted.error)
        ? counted.error
        : chatFailure(counted.error, chatAttempts(counted.error, answerModel.model, counted.requests));
    const result = counted.value;
    const context = result.context.map((document) => ({
      id: document.id,
      score: document.metadata[RELEVANCE_SCORE_KEY],
      display: displayValues(document.metadata, built.dataset.displayColumns),
    }));
    if (values.json) {
      const report = {
        question,
        technique: requestedTechnique(values),
        model: answerModel.name,
        isLanguageModel: answerModel.kind === "chat-model",
        answer: result.answer,
        context,
      };
      process.stdout.write(`${escapeTerminalJson(JSON.stringify(report, null, 2))}\n`);
      return;
    }
    const modelLine =
      answerModel.kind === "extractive"
        ? "extractive answerer (offline, not an LLM; set OPENAI_API_KEY or OPENAI_BASE_URL for a model)"
        : answerModel.name;
    process.stdout.write(`${sanitizeTerminalText(result.answer.trim())}\n\n`);
    process.stdout.write(`model: ${modelLine}\n`);
    process.stdout
      .write(`context (${requestedTechnique(values)}, ${context.length} document${context.length === 1 ? "" : "s"}): ${sanitizeTerminalText(context.map(({ id }) => id ?? "?").join(", "), { keepLineBreaks: false }) || "(none)"}
`);
  } finally {
    await built.close();
  }
}

/** A failed chat model call as a ServiceError; never repeats an API key. */
function chatFailure(error: unknown, attempts: number): ServiceError {
  const status = (error as { status?: unknown })?.status;
  let message = error instanceof Error ? error.message : String(error);
  const key = process.env.OPENAI_API_KEY?.trim();
  if (key !== undefined && key.length >= 4) message = message.split(key).join("***");
  message = message.replace(/\bsk-[A-Za-z0-9_*-]+/g, "sk-***").replace(/(Incorrect API key provided: )\S+/g, "$1***");
  if (message.length > MAX_UPSTREAM_MESSAGE) message = `${message.slice(0, MAX_UPSTREAM_MESSAGE - 3)}...`;
  return new ServiceError({
    service: CHAT_SERVICE,
    message: `${message}; check OPENAI_API_KEY / OPENAI_BASE_URL, or answer offline with --llm none`,
    attempts,
    ...(typeof status === "number" ? { status } : {}),
    cause: error,
  });
}
