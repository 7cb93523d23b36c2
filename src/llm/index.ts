export {
  CHAT_MODEL_PROVIDERS,
  DEFAULT_CHAT_MAX_RETRIES,
  DEFAULT_CHAT_MODEL,
  DEFAULT_CHAT_MODEL_PROVIDER,
  DEFAULT_CHAT_TEMPERATURE,
  DEFAULT_CHAT_TIMEOUT_MS,
  PLACEHOLDER_CHAT_API_KEY,
  createChatModel,
  resolveChatModelProvider,
  type ChatModelProvider,
  type CreateChatModelOptions,
} from "./create-chat-model.js";
export { chatAttempts, countChatAttempts, countingFetch } from "./chat-attempts.js";
