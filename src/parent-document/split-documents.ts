import { Document, type DocumentInterface } from "@langchain/core/documents";
import { InvalidOptionError } from "../core/errors/invalid-option-error.js";
import { contentHashId, sameContent } from "../stores/shared/content-hash.js";

/**
 * Metadata key, on every child chunk, holding the id of its parent (reserved: a parent's own metadata
 * must not use it). Children carry all their parent's metadata plus this key and `chunk_index`.
 */
export const PARENT_ID_KEY = "parent_id";
/** Metadata key, on every child chunk, holding its 0-based position within its parent (reserved). */
export const CHUNK_INDEX_KEY = "chunk_index";
/** Child ids are `<parent id>#child-<chunk index>`. */
export const CHILD_ID_SEPARATOR = "#child-";
/** With a parent splitter, parent ids are `<document id>#parent-<index>`. */
export const PARENT_CHUNK_SEPARATOR = "#parent-";

/** Anything that splits text into chunks, such as LangChain's `RecursiveCharacterTextSplitter`. */
export interface TextSplitterLike {
  splitText(text: string): Promise<string[]>;
}

/** True when `value` has a `splitText` method. */
export function isTextSplitter(value: unknown): value is TextSplitterLike {
  return typeof value === "object" && value !== null && typeof (value as TextSplitterLike).splitText === "function";
}

/** One parent and its child chunks. */
export interface ParentWithChildren {
  /** The parent, with `id` set. */
  parent: DocumentInterface;
  /** Its children in chunk order, each with `id` and metadata = parent metadata + `parent_id` + `chunk_index`. */
  children: DocumentInterface[];
  /** The id of the loaded document the parent came from (the parent's own id without a parent splitter). */
  sourceId: string;
}

/** Options of `splitParentsAndChildren`. */
export interface SplitParentsAndChildrenOptions {
  /** Splits each parent into children. */
  childSplitter: TextSplitterLike;
  /** Splits each document into parents; none = each document is one parent. @default none */
  parentSplitter?: TextSplitterLike | null;
}

/** The id a document is stored under: its `id`, else the hash of its text and metadata. */
export function documentId(document: DocumentInterface): string {
  return typeof document.id === "string" && document.id.length > 0 ? document.id : contentHashId(document);
}

/** The id of the child at `chunkIndex` of parent `parentId`. */
export function childId(parentId: string, chunkIndex: number): string {
  return `${parentId}${CHILD_ID_SEPARATOR}${chunkIndex}`;
}

/**
 * Turns documents into parents and their children, deterministically: the same documents and
 * splitters always give the same ids, texts and metadata.
 *
 * - Parents: each document (id = `document.id`, else a content hash), or, with a parent splitter, its
 *   chunks (id = `<document id>#parent-<index>`, the document's metadata).
 * - Children: the child splitter's chunks of each parent (id = `<parent id>#child-<index>`). A parent
 *   the splitter returns no chunk for (empty or blank text) gets one child with its whole text, so every
 *   parent can be found.
 * - A document listed twice with the same id and content is kept once; the same id with different
 *   content, or metadata using a reserved key (`parent_id`, `chunk_index`), is an `InvalidOptionError`.
 */
export async function splitParentsAndChildren(
  documents: DocumentInterface[],
  options: SplitParentsAndChildrenOptions,
): Promise<ParentWithChildren[]> {
  const parents = await splitIntoParents(documents, options);
  const result: ParentWithChildren[] = [];
  for (const { parent, sourceId } of parents)
    result.push({ parent, children: await splitChildrenOf(parent, options.childSplitter), sourceId });
  return result;
}

/** A parent (with `id` set) and the id of the document it came from. */
export interface SplitParent {
  parent: DocumentInterface;
  sourceId: string;
}

export { sameContent } from "../stores/shared/content-hash.js";

/**
 * The parents of `documents`, exactly as `splitParentsAndChildren` makes them, without splitting them
 * into children (so unchanged parents can be recognised without that cost). Same validation.
 */
export async function splitIntoParents(
  documents: DocumentInterface[],
  options: { parentSplitter?: TextSplitterLike | null },
): Promise<SplitParent[]> {
  if (!Array.isArray(documents)) {
    throw new InvalidOptionError({ option: "documents", value: documents, message: "must be an array of documents" });
  }
  const result: SplitParent[] = [];
  const seen = new Map<string, { parent: DocumentInterface; index: number }>();
  for (const [index, document] of documents.entries()) {
    checkDocument(document, index);
    const sourceId = documentId(document);
    const parents = options.parentSplitter ? await splitParents(document, sourceId, options.parentSplitter) : [withId(document, sourceId)];
    for (const parent of parents) {
      const parentId = parent.id as string;
      const previous = seen.get(parentId);
      if (previous !== undefined) {
        // Content is compared only for repeated ids (rare), so the common path hashes nothing.
        if (sameContent(previous.parent, parent)) continue;
        throw new InvalidOptionError({
          option: `documents[${index}].id`,
          value: parentId,
          message: `the same id was given to documents[${previous.index}] with different content; give each document its own id`,
        });
      }
      seen.set(parentId, { parent, index });
      result.push({ parent, sourceId });
    }
  }
  return result;
}

/** The children of one parent (which has its `id` set), as `splitParentsAndChildren` makes them. */
export function splitChildrenOf(parent: DocumentInterface, childSplitter: TextSplitterLike): Promise<DocumentInterface[]> {
  return splitChildren(parent, parent.id as string, childSplitter);
}

function checkDocument(document: DocumentInterface, index: number): void {
  if (typeof document !== "object" || document === null || typeof document.pageContent !== "string") {
    throw new InvalidOptionError({
      option: `documents[${index}]`,
      value: document,
      message: "must be a document ({ pageContent: string, metadata?: object })",
    });
  }
  const metadata = document.metadata ?? {};
  for (const key of [PARENT_ID_KEY, CHUNK_INDEX_KEY]) {
    if (Object.hasOwn(metadata, key)) {
      throw new InvalidOptionError({
        option: `documents[${index}].metadata.${key}`,
        value: metadata[key],
        message: `"${key}" is reserved for the parent-document technique (children use it to point at their parent); rename this metadata field`,
      });
    }
  }
}

function withId(document: DocumentInterface, id: string): DocumentInterface {
  return new Document({ id, pageContent: document.pageContent, metadata: { ...(document.metadata ?? {}) } });
}

async function splitParents(document: DocumentInterface, sourceId: string, splitter: TextSplitterLike): Promise<DocumentInterface[]> {
  const chunks = await splitter.splitText(document.pageContent);
  const texts = chunks.length === 0 ? [document.pageContent] : chunks;
  return texts.map(
    (text, index) =>
      new Document({ id: `${sourceId}${PARENT_CHUNK_SEPARATOR}${index}`, pageContent: text, metadata: { ...(document.metadata ?? {}) } }),
  );
}

async function splitChildren(parent: DocumentInterface, parentId: string, splitter: TextSplitterLike): Promise<DocumentInterface[]> {
  const chunks = await splitter.splitText(parent.pageContent);
  const texts = chunks.length === 0 ? [parent.pageContent] : chunks;
  return texts.map(
    (text, chunkIndex) =>
      new Document({
        id: childId(parentId, chunkIndex),
        pageContent: text,
        metadata: { ...parent.metadata, [PARENT_ID_KEY]: parentId, [CHUNK_INDEX_KEY]: chunkIndex },
      }),
  );
}
