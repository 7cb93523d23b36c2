import { InvalidOptionError } from "../../core/errors/invalid-option-error.js";
import { andFilters } from "../../core/filter/combine-filters.js";
import { compileFilter } from "../../core/filter/compile-filter.js";
import { createChatModel } from "../../llm/create-chat-model.js";
import { buildVocabulary } from "../../self-query/attribute-schema.js";
import { LlmQueryConstructor } from "../../self-query/llm-query-constructor.js";
import type { QueryConstructor } from "../../self-query/query-constructor.js";
import { RuleBasedQueryConstructor } from "../../self-query/rule-based-query-constructor.js";
import { SelfQueryRetriever, type DocumentLister } from "../../self-query/self-query-retriever.js";
import type { RetrieverConfig } from "../retriever-config.js";
import { QuestionTextQueryConstructor } from "./question-text-query-constructor.js";
import type { TechniqueBuilder } from "../technique-context.js";

/**
 * self-query: a query constructor (rules, or the configured chat model with the rules as fallback)
 * turns the question into a semantic query, a filter and a limit; the base technique (naive, hybrid or parent-document)
 * ranks under `filter AND selfQuery.baseFilter AND constructed filter`; filter-only questions list the
 * matching documents from the store, in the dataset's filter-only order. The attributes are the
 * dataset's; their value vocabulary is read from the documents inside the base filter only.
 */
export const buildSelfQuery: TechniqueBuilder = async (context) => {
  const { config, dataset, documents } = context;
  const base = await context.build(config.selfQuery.base);
  const baseFilter = andFilters(config.filter, config.selfQuery.baseFilter);
  const inScope = baseFilter === null ? () => true : compileFilter(baseFilter);
  const attributes = buildVocabulary(
    documents.filter((document) => inScope(document.metadata)),
    dataset.attributes,
  );
  const ruleBased = new RuleBasedQueryConstructor({ attributes });
  const model = selfQueryChatModel(config);
  const examples = dataset.queryExamples === undefined ? {} : { examples: [...dataset.queryExamples] };
  const baseConstructor: QueryConstructor =
    model === null ? ruleBased : new LlmQueryConstructor({ model, attributes, fallback: ruleBased, ...examples });
  const queryConstructor = config.selfQuery.searchText === "question" ? new QuestionTextQueryConstructor(baseConstructor) : baseConstructor;
  // Filter-only questions list whole documents: a parent-document base lists its parents, not the child chunks in its store.
  // A hybrid base over parent-document children lists the parent-document retriever's parents.
  // A rerank base lists through its own first stage.
  const ranking = config.selfQuery.base === "rerank" ? config.rerank.base : config.selfQuery.base;
  const listing =
    ranking === "hybrid" && config.hybrid.dense === "parent-document"
      ? await context.build("parent-document")
      : ranking === config.selfQuery.base
        ? base
        : await context.build(ranking);
  const backfillBase = config.selfQuery.backfillBase ?? config.selfQuery.base;
  const lister = isDocumentLister(listing.retriever) ? listing.retriever : listing.store;
  const retriever = new SelfQueryRetriever({
    retriever: base.retriever,
    store: lister,
    queryConstructor,
    attributes,
    k: config.k,
    baseFilter,
    filterOnlyOrder: [...dataset.filterOnlyOrder],
    filterMode: config.selfQuery.filterMode,
    ...(backfillBase === config.selfQuery.base ? {} : { backfillRetriever: (await context.build(backfillBase)).retriever }),
  });
  return {
    retriever,
    store: base.store,
    stats: {
      ...base.stats,
      selfQueryBase: config.selfQuery.base,
      selfQuerySearchText: config.selfQuery.searchText,
      selfQueryFilterMode: config.selfQuery.filterMode,
      ...(config.selfQuery.filterMode === "backfill" ? { selfQueryBackfillBase: backfillBase } : {}),
      selfQueryConstructor: model === null ? "rule-based" : "llm",
    },
  };
};

function isDocumentLister(value: object): value is DocumentLister {
  return typeof (value as Partial<DocumentLister>).listDocuments === "function";
}

/** The chat model of the LLM constructor, or null for the rules; `llm` without a model is an error naming both fields. */
function selfQueryChatModel(config: RetrieverConfig) {
  const wanted = config.selfQuery.queryConstructor;
  if (wanted === "rule-based") return null;
  const model = createChatModel({ provider: config.llm });
  if (model === null && wanted === "llm") {
    throw new InvalidOptionError({
      option: "config.selfQuery.queryConstructor",
      value: "llm",
      message: `needs a chat model but llm is "${config.llm}"${config.llm === "auto" ? " and neither OPENAI_API_KEY nor OPENAI_BASE_URL is set" : ""}: set llm to "openai" with OPENAI_API_KEY (or OPENAI_BASE_URL), or use queryConstructor "rule-based" or "auto"`,
    });
  }
  return model;
}
