import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { BaseRetrieverInput } from "@langchain/core/retrievers";
import type { VectorStoreInterface } from "@langchain/core/vectorstores";
import { z } from "zod/v4";
import type { FilterExpression } from "../core/filter/filter-schema.js";
import { kOptionSchema, retrieverInputShape } from "../core/option-schemas.js";
import { parseOptions } from "../core/parse-options.js";
import type { Searchable } from "../core/search-retriever.js";
import type { RetrieverVectorStore } from "../core/vector-store.js";
import { isLangChainVectorStore, isRetrieverVectorStore, toRetrieverVectorStore } from "../adapters/langchain-vector-store.js";
import { NaiveRetriever } from "../naive/naive-retriever.js";
import { defineAttributeSchema, type AttributeInfoLike, type AttributeSchema } from "./attribute-schema.js";
import { LlmQueryConstructor } from "./llm-query-constructor.js";

/** Options of `SelfQueryRetriever.fromLLM`, in LangChain's shape (`llm`, `vectorStore`, `documentContents`, `attributeInfo`). */
export interface SelfQueryFromLLMOptions extends BaseRetrieverInput {
  /** The chat model that turns questions into a query and a filter (any LangChain chat model with `withStructuredOutput`). */
  llm: BaseChatModel;
  /** Where the documents are: searched by a `NaiveRetriever` (unless `retriever` is given) and listed for filter-only questions. */
  vectorStore: RetrieverVectorStore | VectorStoreInterface;
  /** What the documents are, e.g. "A review of a film". Required with `attributeInfo`. */
  documentContents?: string;
  /** LangChain's `AttributeInfo[]` (name, type, description). Give this with `documentContents`, or `attributes`. */
  attributeInfo?: AttributeInfoLike[];
  /** Our attribute schema (richer than `attributeInfo`: enums, aliases, units, date fields). */
  attributes?: AttributeSchema;
  /** The inner retriever. @default a NaiveRetriever over `vectorStore` */
  retriever?: Searchable;
  /** Results per search. @default 4 */
  k?: number;
  /** A scope filter AND-ed around every constructed filter. @default none */
  baseFilter?: FilterExpression | null;
}

const fromLLMSchema = z
  .object({
    ...retrieverInputShape,
    llm: z.custom<BaseChatModel>(
      (value) =>
        typeof value === "object" &&
        value !== null &&
        typeof (value as { withStructuredOutput?: unknown }).withStructuredOutput === "function",
      "must be a LangChain chat model with withStructuredOutput",
    ),
    vectorStore: z.custom<RetrieverVectorStore | VectorStoreInterface>(
      (value) => isRetrieverVectorStore(value) || isLangChainVectorStore(value),
      "must be a vector store: MemoryStore, ChromaStore or any LangChain VectorStore",
    ),
    documentContents: z.string().min(1).optional(),
    attributeInfo: z
      .array(z.object({ name: z.string().min(1), type: z.string().min(1), description: z.string() }).loose())
      .min(1)
      .optional(),
    attributes: z.unknown().optional(),
    retriever: z
      .custom<Searchable>(
        (value) => typeof value === "object" && value !== null && typeof (value as Searchable).search === "function",
        "must be a retriever of this library (an object with search)",
      )
      .optional(),
    k: kOptionSchema.optional(),
    baseFilter: z.unknown().optional(),
  })
  .strict()
  .superRefine((options, context) => {
    if (options.attributes === undefined && (options.attributeInfo === undefined || options.documentContents === undefined)) {
      context.addIssue({
        code: "custom",
        path: ["attributeInfo"],
        message: "give documentContents and attributeInfo (LangChain's AttributeInfo[]), or attributes (an attribute schema)",
      });
    }
    if (options.attributes !== undefined && options.attributeInfo !== undefined) {
      context.addIssue({ code: "custom", path: ["attributeInfo"], message: "give either attributeInfo or attributes, not both" });
    }
  });

/** LangChain attribute types → ours. */
const TYPE_NAMES: Readonly<Record<string, string>> = Object.freeze({
  str: "string",
  string: "string",
  float: "number",
  number: "number",
  double: "number",
  int: "integer",
  integer: "integer",
  date: "date",
  bool: "boolean",
  boolean: "boolean",
});

/** LangChain's `AttributeInfo[]` + `documentContents` as our attribute schema (validated: an unknown type is an error naming it). */
export function attributesFromAttributeInfo(documentContents: string, attributeInfo: AttributeInfoLike[]): AttributeSchema {
  return defineAttributeSchema({
    documentContents,
    attributes: attributeInfo.map(({ name, type, description }) => ({
      name,
      type: (TYPE_NAMES[type.trim().toLowerCase()] ?? type) as never,
      description,
    })),
  });
}

/** The `SelfQueryRetriever` constructor options `fromLLM` stands for. */
export function selfQueryOptionsFromLLM(options: SelfQueryFromLLMOptions) {
  const parsed = parseOptions(fromLLMSchema, options, "SelfQueryRetriever.fromLLM");
  const attributes =
    parsed.attributes !== undefined
      ? defineAttributeSchema(parsed.attributes as AttributeSchema)
      : attributesFromAttributeInfo(parsed.documentContents as string, parsed.attributeInfo as AttributeInfoLike[]);
  const {
    llm,
    vectorStore,
    documentContents: _contents,
    attributeInfo: _info,
    attributes: _attributes,
    retriever,
    baseFilter,
    ...rest
  } = parsed;
  return {
    ...(rest as Omit<typeof rest, "callbacks"> & Pick<BaseRetrieverInput, "callbacks">),
    retriever: retriever ?? new NaiveRetriever({ store: vectorStore }),
    store: toRetrieverVectorStore(vectorStore),
    attributes,
    queryConstructor: new LlmQueryConstructor({ model: llm, attributes }),
    ...(baseFilter === undefined ? {} : { baseFilter: baseFilter as FilterExpression | null }),
  };
}
