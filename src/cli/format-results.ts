import { sanitizeTerminalText } from "../core/io/terminal-text.js";
import type { SearchResult } from "../core/search-retriever.js";

/** The JSON shape of `retrievers query --json`: one object per result, best first. */
export interface JsonResult {
  id: string | undefined;
  score: number;
  stage: string;
  metadata: Record<string, unknown>;
  pageContent: string;
  /** Stage-specific extras (matching child chunks, original rank before reranking, ...), when any. */
  details?: Record<string, unknown>;
}

export function resultsToJson(results: SearchResult[]): JsonResult[] {
  return results.map(({ document, score, stage, details }) => ({
    id: document.id,
    score,
    stage,
    metadata: document.metadata,
    pageContent: document.pageContent,
    ...(details === undefined ? {} : { details }),
  }));
}

/** Collapses whitespace, strips terminal control characters and cuts to `width` characters with an ellipsis. */
export function snippet(text: string, width: number): string {
  const line = sanitizeTerminalText(text, { keepLineBreaks: false }).replace(/\s+/g, " ").trim();
  return line.length <= width ? line : `${line.slice(0, Math.max(0, width - 1))}…`;
}

/** Pads or cuts a cell to exactly `width` characters. */
function cell(raw: string, width: number, align: "left" | "right" = "left"): string {
  const text = sanitizeTerminalText(raw, { keepLineBreaks: false });
  const cut = text.length > width ? `${text.slice(0, width - 1)}…` : text;
  return align === "left" ? cut.padEnd(width) : cut.padStart(width);
}

export interface TableColumn<Row> {
  header: string;
  width: number;
  align?: "left" | "right";
  value: (row: Row) => string;
}

/** A plain-text table with a header rule; the last column is not padded. */
export function renderTable<Row>(rows: Row[], columns: TableColumn<Row>[]): string {
  const line = (values: string[]) =>
    values.map((value, index) => (index === columns.length - 1 ? sanitizeTerminalText(value, { keepLineBreaks: false }) : cell(value, columns[index]!.width, columns[index]!.align))).join("  ").trimEnd();
  const header = line(columns.map((column) => column.header));
  const rule = columns.map((column, index) => "-".repeat(index === columns.length - 1 ? Math.max(column.header.length, 10) : column.width)).join("  ");
  return [header, rule, ...rows.map((row) => line(columns.map((column) => column.value(row))))].join("\n");
}

/** The ranked table of `retrievers query`: rank, id, score, film, rating, first line of the review. */
export function resultsToTable(results: SearchResult[], snippetWidth = 70): string {
  if (results.length === 0) return "(no results)";
  const indexed = results.map((result, index) => ({ result, rank: index + 1 }));
  return renderTable(indexed, [
    { header: "#", width: 3, align: "right", value: ({ rank }) => String(rank) },
    { header: "id", width: 8, value: ({ result }) => result.document.id ?? "" },
    { header: "score", width: 7, align: "right", value: ({ result }) => result.score.toFixed(4) },
    { header: "film", width: 4, align: "right", value: ({ result }) => String(result.document.metadata.movie ?? "") },
    { header: "rating", width: 6, align: "right", value: ({ result }) => formatRating(result.document.metadata) },
    { header: "review", width: snippetWidth, value: ({ result }) => snippet(result.document.pageContent, snippetWidth) },
  ]);
}

function formatRating(metadata: Record<string, unknown>): string {
  if (metadata.Rating === undefined) return "";
  return metadata.rating_missing === true ? `(${String(metadata.Rating)})` : String(metadata.Rating);
}
