export {
  ATTRIBUTE_TYPES,
  DEFAULT_MAXIMUM_VOCABULARY_SIZE,
  MAXIMUM_VALUES_IN_DESCRIPTION,
  attributeSchemaSchema,
  buildVocabulary,
  defineAttributeSchema,
  filterableFields,
  findAttribute,
  toAttributeInfo,
  type AttributeDefinition,
  type AttributeInfoLike,
  type AttributeSchema,
  type AttributeSchemaInput,
  type AttributeType,
  type AttributeValue,
  type BuildVocabularyOptions,
  type HasMetadata,
} from "./attribute-schema.js";
export {
  MAX_CONSTRUCTED_LIMIT,
  checkConstructedQuery,
  constructedQuerySchema,
  type ConstructOptions,
  type ConstructedQuery,
  type QueryConstructor,
} from "./query-constructor.js";
export { DEFAULT_MAXIMUM_LIMIT, RuleBasedQueryConstructor, type RuleBasedQueryConstructorOptions } from "./rule-based-query-constructor.js";
export { applyBaseFilter, checkBaseFilter } from "./base-filter.js";
export { describeConstructedQuery, type DescribeConstructedQueryOptions } from "./describe.js";
export { epochDay, epochDayToIsoDate, parseCalendarText } from "./calendar.js";
export {
  DEFAULT_FILTER_ONLY_ORDER,
  DEFAULT_MAXIMUM_FILTER_ONLY_DOCUMENTS,
  SelfQueryRetriever,
  type DocumentLister,
  type FilterOnlySortKey,
  type SelfQueryRetrieverOptions,
  type SelfQuerySearchExplained,
} from "./self-query-retriever.js";
export {
  DEFAULT_LLM_CONSTRUCTOR_TIMEOUT_MS,
  LLM_QUERY_CONSTRUCTOR_SERVICE,
  LlmQueryConstructor,
  SEARCH_REQUEST_SCHEMA_NAME,
  STRUCTURED_OUTPUT_METHODS,
  type LlmQueryConstructorOptions,
  type StructuredOutputMethod,
} from "./llm-query-constructor.js";
export { buildLlmAnswerSchema, type LlmFilterNode, type LlmQueryAnswer } from "./llm/output-schema.js";
export { generateExamples, type QueryConstructorExample } from "./llm/prompt.js";
export { repairLlmAnswer, type RepairOptions } from "./llm/repair-answer.js";
