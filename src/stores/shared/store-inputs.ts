import type { DocumentInterface } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { InvalidOptionError } from "../../core/errors/invalid-option-error.js";
import { contentHashId } from "./content-hash.js";

/**
 * Ids for a batch of documents every store uses: `ids` when given, else `document.id`, else a content
 * hash of the document. Everything is validated before any work, so a bad batch changes nothing.
 */
export function resolveDocumentIds(documents: DocumentInterface[], ids: string[] | undefined): string[] {
  if (!Array.isArray(documents))
    throw new InvalidOptionError({ option: "documents", value: documents, message: "must be an array of documents" });
  documents.forEach((document, index) => {
    if (typeof document?.pageContent !== "string") {
      throw new InvalidOptionError({
        option: `documents[${index}].pageContent`,
        value: document?.pageContent,
        message: "must be a string",
      });
    }
  });
  if (ids !== undefined) {
    if (!Array.isArray(ids) || ids.length !== documents.length) {
      throw new InvalidOptionError({
        option: "ids",
        value: ids,
        message: `need exactly one id per document (${documents.length} documents)`,
      });
    }
    ids.forEach((id, index) => {
      if (typeof id !== "string" || id.length === 0)
        throw new InvalidOptionError({ option: `ids[${index}]`, value: id, message: "must be a non-empty string" });
    });
    return [...ids];
  }
  return documents.map((document, index) => {
    if (typeof document.id === "string" && document.id.length > 0) return document.id;
    try {
      return contentHashId(document);
    } catch (error) {
      throw new InvalidOptionError({
        option: `documents[${index}].metadata`,
        value: undefined,
        message: "cannot be hashed as JSON for an id; pass ids or give the document an id",
        cause: error,
      });
    }
  });
}

/** The embeddings' output dimension, when they declare it as LangChain's OpenAIEmbeddings does (`dimensions`). */
export function embeddingsDimension(embeddings: EmbeddingsInterface): number | undefined {
  const dimensions = (embeddings as { dimensions?: unknown }).dimensions;
  return typeof dimensions === "number" && Number.isInteger(dimensions) && dimensions > 0 ? dimensions : undefined;
}

/** The embeddings model's name, when they expose one (`modelId`, `model` or `modelName`). */
export function embeddingsModelIdOf(embeddings: EmbeddingsInterface): string | undefined {
  const { modelId, model, modelName } = embeddings as { modelId?: unknown; model?: unknown; modelName?: unknown };
  for (const value of [modelId, model, modelName]) if (typeof value === "string" && value.length > 0) return value;
  return undefined;
}

/** Orders ids by UTF-16 code units, as both stores list documents. */
export function compareIds(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
