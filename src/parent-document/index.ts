export {
  ParentDocumentRetriever,
  DEFAULT_CHILD_CHUNK_SIZE,
  DEFAULT_CHILD_CHUNK_OVERLAP,
  DEFAULT_CHILD_FETCH_MULTIPLIER,
  DEFAULT_SUMMED_CHILD_SCORES,
  DEFAULT_EMBEDDING_BATCH_SIZE,
  MAXIMUM_CHILD_FETCH,
  type ParentDocumentRetrieverOptions,
  type ParentDocumentDetails,
  type AddParentDocumentsResult,
  type DeleteParentDocumentsResult,
  type ParentDocumentStats,
} from "./parent-document-retriever.js";
export { PARENT_RANKINGS, rankParents, type ParentRanking, type ParentCandidate, type ChildMatch } from "./rank-parents.js";
export {
  splitParentsAndChildren,
  documentId,
  childId,
  isTextSplitter,
  PARENT_ID_KEY,
  CHUNK_INDEX_KEY,
  CHILD_ID_SEPARATOR,
  PARENT_CHUNK_SEPARATOR,
  type TextSplitterLike,
  type ParentWithChildren,
  type SplitParentsAndChildrenOptions,
} from "./split-documents.js";
