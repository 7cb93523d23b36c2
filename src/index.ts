/**
 * advanced-retrievers: the public API. Every name here is a commitment (see
 * test/package/public-api.api.json, checked by test/package/public-api.test.ts): add names
 * deliberately, keep internals internal. Importing this entry loads no OpenAI, Cohere or Chroma
 * client; those load on first use, and `advanced-retrievers/openai`, `/cohere`, `/chroma` and
 * `/config` hold the adapters and the CLI's building blocks.
 */

// ---------------------------------------------------------------------------------------------
// Techniques (each a LangChain BaseRetriever with `search`)
export {
  SearchRetriever,
  DEFAULT_K,
  RELEVANCE_SCORE_KEY,
  RETRIEVAL_STAGE_KEY,
  OUTSIDE_FILTER_KEY,
  resultToDocument,
  childSearchOptions,
  type Searchable,
  type SearchOptions,
  type SearchResult,
  type SearchStage,
  type SearchRequest,
  type SearchRetrieverFields,
  type SearchConfigurable,
} from "./core/search-retriever.js";
export {
  NaiveRetriever,
  SEARCH_TYPES,
  type NaiveRetrieverOptions,
  type LangChainNaiveRetrieverOptions,
  type SearchType,
} from "./naive/naive-retriever.js";
export {
  ParentDocumentRetriever,
  DEFAULT_CHILD_CHUNK_SIZE,
  DEFAULT_CHILD_CHUNK_OVERLAP,
  DEFAULT_CHILD_FETCH_MULTIPLIER,
  type ParentDocumentRetrieverOptions,
  type LangChainParentDocumentRetrieverOptions,
  type ParentDocumentDetails,
  type AddParentDocumentsResult,
  type DeleteParentDocumentsResult,
  type ParentDocumentStats,
} from "./parent-document/parent-document-retriever.js";
export { PARENT_RANKINGS, type ParentRanking, type ChildMatch } from "./parent-document/rank-parents.js";
export { PARENT_ID_KEY, CHUNK_INDEX_KEY, type TextSplitterLike } from "./parent-document/split-documents.js";
export {
  SelfQueryRetriever,
  DEFAULT_FILTER_ONLY_ORDER,
  type DocumentLister,
  type FilterOnlySortKey,
  type SelfQueryRetrieverOptions,
  type SelfQuerySearchExplained,
} from "./self-query/self-query-retriever.js";
export { type SelfQueryFromLLMOptions } from "./self-query/from-llm.js";
export { RuleBasedQueryConstructor, type RuleBasedQueryConstructorOptions } from "./self-query/rule-based-query-constructor.js";
export { LlmQueryConstructor, type LlmQueryConstructorOptions } from "./self-query/llm-query-constructor.js";
export { type ConstructOptions, type ConstructedQuery, type QueryConstructor } from "./self-query/query-constructor.js";
export {
  ATTRIBUTE_TYPES,
  defineAttributeSchema,
  buildVocabulary,
  type AttributeDefinition,
  type AttributeSchema,
  type AttributeSchemaInput,
  type AttributeType,
  type AttributeValue,
} from "./self-query/attribute-schema.js";
export { describeConstructedQuery } from "./self-query/describe.js";
export {
  HybridRetriever,
  DEFAULT_HYBRID_CANDIDATES,
  FUSION_METHODS,
  type FusionMethod,
  type HybridRetrieverOptions,
  type HybridFeedbackOptions,
  type HybridLegDetails,
} from "./hybrid/hybrid-retriever.js";
export { DEFAULT_FEEDBACK_DOCUMENTS, DEFAULT_EXPANSION_TERMS } from "./hybrid/expansion-terms.js";
export { Bm25Retriever, type Bm25RetrieverOptions } from "./hybrid/bm25-retriever.js";
export { Bm25Index, type Bm25IndexOptions, type Bm25Hit } from "./hybrid/bm25-index.js";
export { DEFAULT_RRF_CONSTANT, reciprocalRankFusion, normalizedScoreFusion, type FusionLeg, type FusedItem } from "./hybrid/fusion.js";
export {
  ContextualCompressionRetriever,
  DEFAULT_RERANK_CANDIDATES,
  DEFAULT_RERANK_TOP_N,
  type ContextualCompressionRetrieverOptions,
  type LangChainContextualCompressionRetrieverOptions,
  type RerankDetails,
} from "./rerank/contextual-compression-retriever.js";

export { RankFusionRetriever, type RankFusionRetrieverOptions } from "./rank-fusion/index.js";

// ---------------------------------------------------------------------------------------------
// Stores and docstores
export { MemoryStore, type MemoryStoreOptions } from "./stores/memory/memory-store.js";
export { ChromaStore, type ChromaStoreOptions } from "./stores/chroma/chroma-store.js";
export {
  fromLangChainVectorStore,
  DEFAULT_OVER_FETCH_FACTOR,
  type FilterStrategy,
  type LangChainVectorStoreAdapterOptions,
} from "./adapters/langchain-vector-store.js";
export {
  DEFAULT_FETCH_K,
  DEFAULT_MMR_LAMBDA,
  type RetrieverVectorStore,
  type VectorSearchOptions,
  type MaximalMarginalRelevanceOptions,
  type VectorHit,
} from "./core/vector-store.js";
export { InMemoryDocstore } from "./docstores/in-memory-docstore.js";
export { FileDocstore, type FileDocstoreOptions } from "./docstores/file-docstore.js";
export { type Docstore } from "./docstores/docstore.js";

// ---------------------------------------------------------------------------------------------
// Embeddings (OpenAI loads on first use; its adapter alone is `advanced-retrievers/openai`)
export {
  createEmbeddings,
  DeferredOpenAIEmbeddings,
  EMBEDDINGS_PROVIDERS,
  DEFAULT_EMBEDDINGS_PROVIDER,
  type CreateEmbeddingsOptions,
  type EmbeddingsProvider,
  type LibraryEmbeddings,
} from "./embeddings/create-embeddings.js";
export { LocalEmbeddings, type LocalEmbeddingsOptions } from "./embeddings/local/local-embeddings.js";
export { CachedEmbeddings, type CachedEmbeddingsOptions } from "./embeddings/cache/cached-embeddings.js";
export { DEFAULT_EMBEDDING_CACHE_DIRECTORY } from "./embeddings/cache/embedding-cache.js";

// ---------------------------------------------------------------------------------------------
// Rerankers (Cohere loads on first use)
export { RerankerDocumentCompressor, type Reranker, type RerankOptions, type RerankResult } from "./rerankers/reranker.js";
export { LocalReranker, type LocalRerankerOptions } from "./rerankers/local-reranker.js";
export { CohereReranker, type CohereRerankerOptions } from "./rerankers/cohere-reranker.js";
export { LlmReranker, type LlmRerankerOptions } from "./rerankers/llm-reranker.js";
export { createReranker, RERANKER_PROVIDERS, type CreateRerankerOptions, type RerankerProvider } from "./rerankers/create-reranker.js";

// ---------------------------------------------------------------------------------------------
// Datasets and loaders
export { CsvDocumentLoader, loadCsvDocuments, parseCsvDocuments, type CsvLoaderOptions } from "./loaders/csv-loader.js";
export {
  resolveDataset,
  registerDatasetPreset,
  datasetPresetNames,
  DEFAULT_DATASET,
  DATASET_FILE_NAME,
  type ResolveDatasetOptions,
} from "./datasets/registry.js";
export {
  DATASET_FIELD_TYPES,
  type Dataset,
  type DatasetField,
  type DatasetFieldType,
  type DatasetLoadOptions,
  type DisplayColumn,
} from "./datasets/dataset.js";
export type { DatasetPreset, OpenPresetOptions } from "./datasets/preset.js";
export { datasetDefinitionSchema, type DatasetDefinition } from "./datasets/dataset-file/definition-schema.js";
export { readDatasetFile } from "./datasets/dataset-file/read-dataset-file.js";
export { datasetFromDefinition } from "./datasets/dataset-file/dataset-from-definition.js";
export { inferDataset, type InferDatasetOptions, type InferredDataset } from "./datasets/infer/infer-dataset.js";
export { PRODUCTS_PRESET } from "./datasets/products/preset.js";
// The John Wick preset's public names (its loader, fetch and attributes, kept for compatibility).
export * from "./datasets/john-wick/public.js";

// ---------------------------------------------------------------------------------------------
// The filter language and its translators
export { parseFilter } from "./core/filter/parse-filter.js";
export { compileFilter, type MetadataPredicate } from "./core/filter/compile-filter.js";
export { andFilters, describeFilter, filterFields } from "./core/filter/combine-filters.js";
export {
  COMPARISON_OPERATORS,
  filterExpressionSchema,
  type AndFilter,
  type Comparison,
  type ComparisonOperator,
  type FilterExpression,
  type FilterScalar,
  type NotFilter,
  type OrFilter,
} from "./core/filter/filter-schema.js";
export { toChromaWhere } from "./translators/chroma.js";
export { toStructuredQuery, fromStructuredQuery, toLangChainFilter, fromLangChainFilter } from "./translators/langchain.js";

// ---------------------------------------------------------------------------------------------
// Errors
export { ErrorCodes, type ErrorCode } from "./core/errors/error-codes.js";
export { RetrieverError } from "./core/errors/retriever-error.js";
export { InvalidOptionError } from "./core/errors/invalid-option-error.js";
export { InvalidFilterError } from "./core/errors/invalid-filter-error.js";
export { ServiceError } from "./core/errors/service-error.js";
export { DataError } from "./core/errors/data-error.js";

// ---------------------------------------------------------------------------------------------
// Evaluation (the whole-benchmark runner is `advanced-retrievers/config`)
export {
  evaluateRanking,
  ndcgAtK,
  recallAtK,
  precisionAtK,
  reciprocalRankAtK,
  hitAtK,
  DEFAULT_CUTOFF,
  type Judgments,
  type QueryMetrics,
  type ScoredDocument,
} from "./evaluation/metrics.js";
export { pairedRandomizationTest, type RandomizationTestOptions, type RandomizationTestResult } from "./evaluation/randomization-test.js";
export { readQueryFile, parseQueryFile, type LabeledQuery, type QueryKind } from "./evaluation/query-file.js";
export { formatTrecRun, parseTrecRun } from "./evaluation/run-file.js";

// ---------------------------------------------------------------------------------------------
// Answers without a model (the LLM RAG chain is `advanced-retrievers/openai`)
export { ExtractiveAnswerer, type ExtractiveAnswererOptions, type ExtractiveAnswer } from "./answer/extractive-answerer.js";
