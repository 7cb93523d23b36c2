export {
  ATTRIBUTE_TYPES,
  DEFAULT_MAXIMUM_VOCABULARY_SIZE,
  MAXIMUM_VALUES_IN_DESCRIPTION,
  attributeSchemaSchema,
  buildVocabulary,
  defineAttributeSchema,
  filterableFields,
  findAttribute,
  johnWickAttributes,
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
