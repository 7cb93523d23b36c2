import { RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import { InMemoryDocstore } from "../../docstores/in-memory-docstore.js";
import { ParentDocumentRetriever } from "../../parent-document/parent-document-retriever.js";
import { splitParentsAndChildren } from "../../parent-document/split-documents.js";
import type { TechniqueBuilder } from "../technique-context.js";

/**
 * parent-document: each review is a parent (as in the reference, where each CSV row is one), split into
 * children of `parentDocument.chunkSize` characters. The child vectors are a saved index named
 * `children-<chunkSize>-<overlap>` (loaded when it matches the documents and model, else built and
 * saved); the parents are kept in an in-memory docstore filled from the loaded reviews, which costs
 * nothing to rebuild. (Applications that add documents over time use a `FileDocstore`.)
 */
export const buildParentDocument: TechniqueBuilder = async ({ config, documents, openStore }) => {
  const { chunkSize, chunkOverlap, parentRanking, summedChildScores } = config.parentDocument;
  const childSplitter = new RecursiveCharacterTextSplitter({ chunkSize, chunkOverlap });
  const groups = await splitParentsAndChildren(documents, { childSplitter });
  const parents = groups.map((group) => group.parent);
  const children = groups.flatMap((group) => group.children);
  const { store, loaded, location } = await openStore(`children-${chunkSize}-${chunkOverlap}`, children);
  const docstore = new InMemoryDocstore({ entries: parents.map((parent) => [parent.id as string, parent]) });
  const retriever = new ParentDocumentRetriever({
    store,
    docstore,
    k: config.k,
    childChunkSize: chunkSize,
    childChunkOverlap: chunkOverlap,
    parentRanking,
    summedChildScores,
    filter: config.filter,
  });
  return {
    retriever,
    store,
    stats: {
      parents: parents.length,
      children: await store.count(),
      childChunkSize: chunkSize,
      childChunkOverlap: chunkOverlap,
      parentRanking,
      indexLoadedFromDisk: loaded,
      ...(location === null ? {} : { index: location }),
    },
  };
};
