import { sanitizeTerminalText } from "../core/io/terminal-text.js";
import type { SearchResult } from "../core/search-retriever.js";
import type { DisplayColumn } from "../datasets/dataset.js";

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
    values
      .map((value, index) =>
        index === columns.length - 1
          ? sanitizeTerminalText(value, { keepLineBreaks: false })
          : cell(value, columns[index]!.width, columns[index]!.align),
      )
      .join("  ")
      .trimEnd();
  const header = line(columns.map((column) => column.header));
  const rule = columns
    .map((column, index) => "-".repeat(index === columns.length - 1 ? Math.max(column.header.length, 10) : column.width))
    .join("  ");
  return [header, rule, ...rows.map((row) => line(columns.map((column) => column.value(row))))].join("\n");
}

/** The ranked table of `retrievers query`: rank, id, score, the dataset's display columns, the start of the text. */
export function resultsToTable(results: SearchResult[], displayColumns: readonly DisplayColumn[] = [], snippetWidth = 70): string {
  if (results.length === 0) return "(no results)";
  const indexed = results.map((result, index) => ({ result, rank: index + 1 }));
  const idWidth = Math.min(24, Math.max(8, ...results.map((result) => (result.document.id ?? "").length)));
  return renderTable(indexed, [
    { header: "#", width: 3, align: "right", value: ({ rank }) => String(rank) },
    { header: "id", width: idWidth, value: ({ result }) => result.document.id ?? "" },
    { header: "score", width: 7, align: "right", value: ({ result }) => result.score.toFixed(4) },
    ...displayColumns.map((column): TableColumn<(typeof indexed)[number]> => ({
      header: column.header,
      width: Math.max(column.width, column.header.length),
      ...(column.align === undefined ? {} : { align: column.align }),
      value: ({ result }) => column.value(result.document.metadata),
    })),
    { header: "text", width: snippetWidth, value: ({ result }) => snippet(result.document.pageContent, snippetWidth) },
  ]);
}

/** The display columns' values of one document, by header (for JSON output). */
export function displayValues(
  metadata: Readonly<Record<string, unknown>>,
  displayColumns: readonly DisplayColumn[],
): Record<string, string> {
  return Object.fromEntries(displayColumns.map((column) => [column.header, column.value(metadata)]));
}
