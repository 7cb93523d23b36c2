import type { DocumentInterface } from "@langchain/core/documents";
import { OUTSIDE_FILTER_KEY } from "../core/search-retriever.js";

/**
 * The reference article's RAG prompt ("Augmented" step), word for word: instructions, the question
 * after `Query:`, the retrieved documents after `Context:`. Use it with
 * `ChatPromptTemplate.fromTemplate(RAG_PROMPT_TEMPLATE)`.
 */
export const RAG_PROMPT_TEMPLATE = `
You are happy assistant. Use the context provided below to answer the question.
If you do not know the answer, or are unsure, say you don't know.
Query:
{question}
Context:
{context}
`;

/** Prefix of the id given to documents that have none: `doc1`, `doc2`, ... (1-based position). */
export const UNNAMED_DOCUMENT_ID_PREFIX = "doc";

/** The id a document is cited with: its own `id`, else its 1-based position (`doc3`). */
export function citationId(document: DocumentInterface, index: number): string {
  const id = document.id?.trim();
  return id === undefined || id === "" ? `${UNNAMED_DOCUMENT_ID_PREFIX}${index + 1}` : id.replace(/[\]\s]+/g, "_");
}

/** Header note of a context document outside the question's filter. */
export const OUTSIDE_FILTER_NOTE = "(does not match the question's constraints; the nearest other document)";

/** Describes a document in its context header (e.g. `John Wick 3, rated 9/10`); empty or undefined = id only. */
export type DescribeDocument = (metadata: Readonly<Record<string, unknown>>) => string | undefined;

/**
 * Formats retrieved documents as the `{context}` of the RAG prompt, so that the model can cite them:
 * one block per document, separated by a blank line, each a header line `[id] description:` (the
 * description from `describeDocument`, e.g. built from a dataset's display columns; none by default)
 * and the text on one line (whitespace collapsed). A document that does not match the question's
 * constructed filter (metadata `outside_filter`, from self-query's backfill) says so in its header, so
 * the model can tell the documents that meet the question's constraints from the nearest others.
 *
 *   [p012] laptop, Acme, $499.00:
 *   A rugged laptop for classrooms...
 *
 * `parseFormattedContext` reads this format back (the offline extractive answerer relies on it).
 */
export function formatDocumentsForPrompt(documents: readonly DocumentInterface[]): string {
  return contextFormatter()(documents);
}

/**
 * `formatDocumentsForPrompt` with a description after each id, e.g. built from a dataset's display
 * columns. (A separate factory, not a second parameter: LangChain passes a config as the second
 * argument of a function used as a runnable.)
 */
export function contextFormatter(describeDocument?: DescribeDocument): (documents: readonly DocumentInterface[]) => string {
  return (documents) =>
    documents
      .map((document, index) => {
        const description =
          describeDocument?.(document.metadata ?? {})
            ?.replace(/\s+/g, " ")
            .trim() ?? "";
        const outside = document.metadata?.[OUTSIDE_FILTER_KEY] === true ? ` ${OUTSIDE_FILTER_NOTE}` : "";
        const header = `[${citationId(document, index)}]${description === "" ? "" : ` ${description}`}${outside}:`;
        const text = document.pageContent.replace(/\s+/g, " ").trim();
        return `${header}\n${text === "" ? "(empty document)" : text}`;
      })
      .join("\n\n");
}

/** One document read back from a formatted context. */
export interface ContextPassage {
  /** The id the document is cited with. */
  id: string;
  /** Its text (on one line). */
  text: string;
}

const PASSAGE_PATTERN = /^\[([^\]\s]+)\][^\n]*\n([^\n]*)$/gm;
const QUESTION_PATTERN = /(?:^|\n)\s*Query:\s*\n([\s\S]*?)\n\s*Context:\s*(?:\n|$)/;

/** The documents of a context formatted by `formatDocumentsForPrompt`, in order. */
export function parseFormattedContext(text: string): ContextPassage[] {
  const passages: ContextPassage[] = [];
  for (const match of text.matchAll(PASSAGE_PATTERN)) {
    const passageText = match[2]!.trim();
    if (passageText !== "" && passageText !== "(empty review)") passages.push({ id: match[1]!, text: passageText });
  }
  return passages;
}

/**
 * Splits a prompt built from `RAG_PROMPT_TEMPLATE` (or any prompt whose context was formatted by
 * `formatDocumentsForPrompt`) into the question and the documents. The question is the text between
 * `Query:` and `Context:`; without those markers, the prompt minus the document blocks.
 */
export function parseRagPrompt(prompt: string): { question: string; passages: ContextPassage[] } {
  const marked = QUESTION_PATTERN.exec(prompt);
  const contextStart = marked === null ? 0 : marked.index + marked[0].length;
  const passages = parseFormattedContext(prompt.slice(contextStart));
  const question = marked !== null ? marked[1]!.trim() : prompt.replace(PASSAGE_PATTERN, " ").replace(/\s+/g, " ").trim();
  return { question, passages };
}
