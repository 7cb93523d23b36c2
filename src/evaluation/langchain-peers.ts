import { Document, type DocumentInterface } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { ErrorCodes } from "../core/errors/error-codes.js";
import { RetrieverError } from "../core/errors/retriever-error.js";
import type { Searchable, SearchResult } from "../core/search-retriever.js";

/** Child chunk size of the parent-document peers (the reference's, and ours by default). */
export const PEER_CHILD_CHUNK_SIZE = 200;
/** Candidates of the compression peers (as our rerank's default). */
export const PEER_COMPRESSION_CANDIDATES = 30;

/** Metadata key carrying the document id through LangChain's stores and splitters (which drop `Document.id`). */
const ID_KEY = "peer_document_id";

/** One LangChain.js retriever, wrapped so the benchmark can run it like ours. */
export interface LangChainPeer {
  /** Name in reports and run file names (letters, digits, `.`, `_`, `-`). */
  name: string;
  /** Which of our techniques it is the LangChain.js counterpart of. */
  pair: "naive" | "hybrid" | "parent-document" | "rerank";
  /** One line on how it is configured. */
  description: string;
  /** `search(query, { k })`: its documents in its order (rank-based scores), at most `k`, each id once. */
  retriever: Searchable;
}

/** Options of `createLangChainPeers`. */
export interface LangChainPeersOptions {
  /** The documents (each with an `id`), the same ours index. */
  documents: readonly DocumentInterface[];
  /** The same embeddings ours use. */
  embeddings: EmbeddingsInterface;
  /** Results per query. @default 10 */
  k?: number;
}

type Module = Record<string, unknown>;
/** Loaded at run time by name, so the library bundle never includes LangChain's classic retrievers. */
async function load<Shape>(specifier: string): Promise<Shape> {
  try {
    return (await import(/* @vite-ignore */ specifier)) as Shape;
  } catch (error) {
    throw new RetrieverError({
      code: ErrorCodes.MISSING_DEPENDENCY,
      message: `the LangChain.js peers need ${specifier.split("/").slice(0, 2).join("/")}: install @langchain/classic and @langchain/community (npm install @langchain/classic @langchain/community), or run bench without --peers`,
      cause: error,
    });
  }
}

/**
 * LangChain.js's own offline retrievers beside ours (same documents, same embeddings):
 * `MemoryVectorStore.asRetriever(k)`, `EnsembleRetriever(BM25Retriever + vector)` with legs of k and
 * 50, the classic `ParentDocumentRetriever` (same 200-character splitter) with its default child k
 * and child k 10 / 40, and `ContextualCompressionRetriever` over the vector top 30 with an
 * `EmbeddingsFilter(k)` and with a `DocumentCompressorPipeline` [splitter(200), EmbeddingsFilter(30)].
 * `SelfQueryRetriever` is not offered: its constructor requires an LLM.
 */
export async function createLangChainPeers(options: LangChainPeersOptions): Promise<LangChainPeer[]> {
  const k = options.k ?? 10;
  const { embeddings } = options;
  const memory = await load<{
    MemoryVectorStore: {
      fromDocuments(documents: DocumentInterface[], embeddings: EmbeddingsInterface): Promise<VectorStoreLike>;
      new (embeddings: EmbeddingsInterface): VectorStoreLike;
    };
  }>("@langchain/classic/vectorstores/memory");
  const ensembleModule = await load<Module>("@langchain/classic/retrievers/ensemble");
  const parentModule = await load<Module>("@langchain/classic/retrievers/parent_document");
  const compressionModule = await load<Module>("@langchain/classic/retrievers/contextual_compression");
  const compressorsModule = await load<Module>("@langchain/classic/retrievers/document_compressors");
  const filterModule = await load<Module>("@langchain/classic/retrievers/document_compressors/embeddings_filter");
  const bm25Module = await load<Module>("@langchain/community/retrievers/bm25");
  const { InMemoryStore } = await import("@langchain/core/stores");
  const { RecursiveCharacterTextSplitter } = await import("@langchain/textsplitters");
  const EnsembleRetriever = ensembleModule.EnsembleRetriever as new (fields: unknown) => Invokable;
  const ParentDocumentRetriever = parentModule.ParentDocumentRetriever as new (
    fields: unknown,
  ) => Invokable & { addDocuments(documents: DocumentInterface[], options: { ids: string[] }): Promise<void> };
  const ContextualCompressionRetriever = compressionModule.ContextualCompressionRetriever as new (fields: unknown) => Invokable;
  const DocumentCompressorPipeline = compressorsModule.DocumentCompressorPipeline as new (fields: unknown) => unknown;
  const EmbeddingsFilter = filterModule.EmbeddingsFilter as new (fields: unknown) => unknown;
  const BM25Retriever = bm25Module.BM25Retriever as { fromDocuments(documents: DocumentInterface[], options: { k: number }): Invokable };

  const tagged = options.documents.map(
    (document) =>
      new Document({ id: document.id, pageContent: document.pageContent, metadata: { ...document.metadata, [ID_KEY]: document.id } }),
  );
  const vectorStore = await memory.MemoryVectorStore.fromDocuments(tagged, embeddings);
  const ensemble = (legK: number) =>
    new EnsembleRetriever({
      retrievers: [BM25Retriever.fromDocuments(tagged, { k: legK }), vectorStore.asRetriever(legK)],
      weights: [0.5, 0.5],
    });
  const parent = async (childK: number | undefined) => {
    const retriever = new ParentDocumentRetriever({
      vectorstore: new memory.MemoryVectorStore(embeddings),
      docstore: new InMemoryStore<DocumentInterface>(),
      childSplitter: new RecursiveCharacterTextSplitter({ chunkSize: PEER_CHILD_CHUNK_SIZE, chunkOverlap: 0 }),
      ...(childK === undefined ? {} : { childK }),
      parentK: k,
    });
    await retriever.addDocuments(tagged, { ids: tagged.map((document) => document.id as string) });
    return retriever;
  };
  const embeddingsFilter = new ContextualCompressionRetriever({
    baseRetriever: vectorStore.asRetriever(PEER_COMPRESSION_CANDIDATES),
    baseCompressor: new EmbeddingsFilter({ embeddings, k }),
  });
  const splitFilter = new ContextualCompressionRetriever({
    baseRetriever: vectorStore.asRetriever(PEER_COMPRESSION_CANDIDATES),
    baseCompressor: new DocumentCompressorPipeline({
      transformers: [
        new RecursiveCharacterTextSplitter({ chunkSize: PEER_CHILD_CHUNK_SIZE, chunkOverlap: 0 }),
        new EmbeddingsFilter({ embeddings, k: PEER_COMPRESSION_CANDIDATES }),
      ],
    }),
  });
  const peer = (name: string, pair: LangChainPeer["pair"], description: string, retriever: Invokable): LangChainPeer => ({
    name,
    pair,
    description,
    retriever: searchableOf(retriever, k, options.documents),
  });
  return [
    peer("lc-memory-vector-store", "naive", `MemoryVectorStore.asRetriever(${k})`, vectorStore.asRetriever(k)),
    peer("lc-ensemble-legs-k", "hybrid", `EnsembleRetriever(BM25Retriever k ${k} + vector k ${k}), weights ½/½`, ensemble(k)),
    peer("lc-ensemble-legs-50", "hybrid", "EnsembleRetriever(BM25Retriever k 50 + vector k 50), weights ½/½", ensemble(50)),
    peer(
      "lc-parent-document-default",
      "parent-document",
      `ParentDocumentRetriever, ${PEER_CHILD_CHUNK_SIZE}-character children, default childK`,
      await parent(undefined),
    ),
    peer("lc-parent-document-child-k-10", "parent-document", "ParentDocumentRetriever, childK 10", await parent(10)),
    peer("lc-parent-document-child-k-40", "parent-document", "ParentDocumentRetriever, childK 40", await parent(40)),
    peer(
      "lc-compression-embeddings-filter",
      "rerank",
      `ContextualCompressionRetriever(vector top ${PEER_COMPRESSION_CANDIDATES}, EmbeddingsFilter k ${k})`,
      embeddingsFilter,
    ),
    peer(
      "lc-compression-split-filter",
      "rerank",
      `ContextualCompressionRetriever(vector top ${PEER_COMPRESSION_CANDIDATES}, [splitter ${PEER_CHILD_CHUNK_SIZE}, EmbeddingsFilter k ${PEER_COMPRESSION_CANDIDATES}])`,
      splitFilter,
    ),
  ];
}

interface Invokable {
  invoke(query: string): Promise<DocumentInterface[]>;
}
interface VectorStoreLike {
  asRetriever(k: number): Invokable;
}

/** The ids of LangChain's documents in order, each once (split pipelines return several chunks of a document). */
export function peerDocumentIds(documents: readonly DocumentInterface[]): string[] {
  const ids: string[] = [];
  for (const document of documents) {
    const id = String(document.metadata[ID_KEY] ?? document.id ?? "");
    if (id !== "" && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** A LangChain retriever as a `Searchable`: its order, at most `k` distinct documents (the originals), rank-based scores. */
function searchableOf(retriever: Invokable, defaultK: number, documents: readonly DocumentInterface[]): Searchable {
  const byId = new Map(documents.map((document) => [document.id as string, document]));
  return {
    async search(query, searchOptions): Promise<SearchResult[]> {
      const k = searchOptions?.k ?? defaultK;
      const ids = peerDocumentIds(await retriever.invoke(query)).slice(0, k);
      return ids.flatMap((id, index) => {
        const document = byId.get(id);
        return document === undefined ? [] : [{ document, score: ids.length - index, stage: "dense" as const }];
      });
    },
  };
}
