export {
  ExtractiveAnswerer,
  EXTRACTIVE_ANSWER_LABEL,
  DEFAULT_EXTRACTIVE_SENTENCES,
  DEFAULT_SENTENCES_PER_DOCUMENT,
  DEFAULT_KEYWORD_WEIGHT,
  DEFAULT_RETRIEVAL_RANK_WEIGHT,
  DEFAULT_MAX_SCORED_SENTENCES,
  DEFAULT_MAX_QUOTE_CHARACTERS,
  type ExtractiveAnswererOptions,
  type ExtractiveAnswererInput,
  type ExtractiveAnswerInput,
  type ExtractiveAnswer,
  type ExtractiveQuote,
} from "./extractive-answerer.js";
export {
  createRagChain,
  createRagChainWithSources,
  resolveAnswerModel,
  type AnswerModel,
  type CreateRagChainOptions,
  type RagAnswer,
  type ResolveAnswerModelOptions,
  type ResolvedAnswerModel,
} from "./rag-chain.js";
export {
  RAG_PROMPT_TEMPLATE,
  UNNAMED_DOCUMENT_ID_PREFIX,
  citationId,
  formatDocumentsForPrompt,
  parseFormattedContext,
  parseRagPrompt,
  type ContextPassage,
} from "./rag-prompt.js";
