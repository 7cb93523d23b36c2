import { readLocalFile } from "../core/io/read-local-file.js";
import { CsvError, parse } from "csv-parse/sync";
import { DataError } from "../core/errors/data-error.js";
import { ErrorCodes } from "../core/errors/error-codes.js";
import { RetrieverError } from "../core/errors/retriever-error.js";

/**
 * The structural layer shared by every CSV loader of the library: bytes in, header + rows out, with
 * each row's 1-based physical start line. Everything that would otherwise turn into a silently wrong
 * document is rejected here with a `DataError` naming the file and the line:
 *
 * - empty files, binary files, UTF-16 files, invalid UTF-8, JSON and HTML/XML saved under a .csv name;
 * - unclosed quotes and stray quotes inside unquoted fields;
 * - rows whose field count differs from the header's;
 * - duplicate header names (the columns would be ambiguous).
 *
 * Documented coercions: a UTF-8 byte order mark is stripped; CRLF and LF line endings (even mixed)
 * are both record separators; completely empty lines between records are skipped. Cell values are
 * returned exactly as written (no trimming); typing happens in the callers.
 */

/** One data row of a CSV file. */
export interface CsvRow {
  /** 1-based physical line where the record starts (a quoted field may span several lines). */
  readonly line: number;
  /** 0-based position among the data rows (the header is not counted). */
  readonly rowNumber: number;
  /** The fields, in header order, exactly as written (quotes removed, `""` unescaped). */
  readonly cells: readonly string[];
}

/** A parsed CSV file: its header and its data rows. */
export interface CsvTable {
  /** File name used in error messages. */
  readonly file: string;
  /** Column names as written in the header (a leading BOM removed). */
  readonly header: readonly string[];
  readonly rows: readonly CsvRow[];
  /** Column name -> position in `header`. */
  readonly columnIndex: ReadonlyMap<string, number>;
  /** 1-based line of the header (1 unless the file starts with empty lines). */
  readonly headerLine: number;
}

/** Options of `parseCsvTable`. */
export interface ParseCsvTableOptions {
  /** Name of the file, used in every error message. */
  file: string;
  /** Field separator. @default "," */
  delimiter?: string;
}

/**
 * Longest record (a row with all its fields) accepted, in characters: 8 MiB. A longer field is a
 * `DataError` naming the file and the line before anything is embedded (it is never a document).
 */
export const MAX_CSV_RECORD_CHARACTERS = 8 * 1024 * 1024;

/** The field separator when none is given. */
export const DEFAULT_DELIMITER = ",";

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
/** CRLF first, so a CRLF file never yields stray carriage returns; LF alone also ends a record. */
const RECORD_DELIMITERS = [Buffer.from("\r\n"), Buffer.from("\n")];

/**
 * Reads a file for a loader: a regular file of at most `maxBytes` (default 512 MiB, see
 * `readLocalFile`); a missing file, a folder, a FIFO or a device is `NOT_FOUND`, a larger file `INPUT_TOO_LARGE`.
 */
export async function readDataFile(file: string, options: { maxBytes?: number; kind?: "data" | "dataset" } = {}): Promise<Buffer> {
  return readLocalFile(file, { kind: options.kind ?? "data", ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }) });
}

/** Parses CSV text or bytes into a header and rows, rejecting anything that is not well-formed CSV. */
export function parseCsvTable(content: string | Uint8Array, options: ParseCsvTableOptions): CsvTable {
  const { file } = options;
  const delimiter = options.delimiter ?? DEFAULT_DELIMITER;
  let bytes =
    typeof content === "string" ? Buffer.from(content, "utf8") : Buffer.from(content.buffer, content.byteOffset, content.byteLength);

  if (bytes.length === 0) {
    throw new DataError({ file, message: "the file is empty; a CSV file needs a header row and at least one data row" });
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new DataError({ file, line: 1, message: "the file is UTF-16 encoded; re-save it as UTF-8 CSV" });
  }
  if (bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2]) {
    bytes = bytes.subarray(UTF8_BOM.length);
  }
  const lines = new LineIndex(bytes);
  if (bytes.indexOf(NEWLINE) === -1 && bytes.indexOf(CARRIAGE_RETURN) !== -1) {
    throw new DataError({
      file,
      line: 1,
      message: "the file ends its lines with a carriage return alone (old Mac line endings); convert it to LF or CRLF line endings",
    });
  }

  const nulOffset = bytes.indexOf(0);
  if (nulOffset !== -1) {
    throw new DataError({
      file,
      line: lines.lineAt(nulOffset),
      message: "the file contains NUL bytes, so it is binary, not CSV text; check you passed the right file",
    });
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (error) {
    const replaced = bytes.toString("utf8");
    const badCharacter = replaced.indexOf("\uFFFD");
    const line = badCharacter === -1 ? undefined : 1 + countNewlines(replaced, badCharacter);
    throw new DataError({ file, line, message: "the file is not valid UTF-8 text; re-save it as UTF-8 CSV", cause: error });
  }
  const firstCharacterOffset = text.search(/\S/);
  if (firstCharacterOffset === -1) {
    throw new DataError({ file, message: "the file contains only whitespace; a CSV file needs a header row and at least one data row" });
  }
  const firstLine = 1 + countNewlines(text, firstCharacterOffset);
  const start = text.slice(firstCharacterOffset, firstCharacterOffset + 200);
  if (start.startsWith("{") || start.startsWith("[")) {
    throw new DataError({
      file,
      line: firstLine,
      message: "the file looks like JSON, not CSV; pass the CSV file (or convert the JSON to CSV)",
    });
  }
  if (/^<(?:!doctype|html|\?xml|head|body|!--)/i.test(start)) {
    throw new DataError({
      file,
      line: firstLine,
      message: "the file looks like HTML/XML, not CSV (often an error page saved instead of the data); download the CSV again",
    });
  }

  // Each record's end offset comes from `on_record` (`info.bytes`: bytes processed so far, i.e. the
  // offset just after the record and its line break). On an error the failing record is located from
  // the last record that parsed (the error's own `bytes_records` is a running sum, not an offset).
  const records: Array<{ record: string[]; end: number }> = [];
  try {
    parse(bytes, {
      delimiter,
      record_delimiter: RECORD_DELIMITERS,
      relax_column_count: true,
      skip_empty_lines: true,
      bom: false,
      max_record_size: MAX_CSV_RECORD_CHARACTERS,
      on_record: (record: string[], info) => {
        records.push({ record, end: info.bytes });
        return null;
      },
    });
  } catch (error) {
    throw toDataError(error, file, bytes, lines, records.at(-1)?.end ?? 0);
  }

  const startLines: number[] = [];
  let previousEnd = 0;
  for (const { end } of records) {
    startLines.push(lines.lineAt(skipEmptyLines(bytes, previousEnd)));
    previousEnd = end;
  }

  const headerRecord = records[0];
  if (headerRecord === undefined) {
    throw new DataError({ file, message: "the file has no rows; a CSV file needs a header row and at least one data row" });
  }
  const header = headerRecord.record;
  const headerLine = startLines[0] ?? 1;
  const columnIndex = new Map<string, number>();
  header.forEach((name, position) => {
    const existing = columnIndex.get(name);
    if (existing !== undefined) {
      throw new DataError({
        file,
        line: headerLine,
        message: `the header names column ${JSON.stringify(name)} twice (columns ${existing + 1} and ${position + 1}); rename one so every column name is unique`,
      });
    }
    columnIndex.set(name, position);
  });

  const rows: CsvRow[] = [];
  for (let position = 1; position < records.length; position += 1) {
    const cells = records[position]?.record ?? [];
    const line = startLines[position] ?? headerLine;
    if (cells.length !== header.length) {
      throw new DataError({
        file,
        line,
        message:
          `the row has ${cells.length} field${cells.length === 1 ? "" : "s"} but the header has ${header.length} column${header.length === 1 ? "" : "s"}; ` +
          `quote any field that contains a "${delimiter}" or a line break, and remove extra or add missing fields`,
      });
    }
    rows.push({ line, rowNumber: position - 1, cells });
  }
  return { file, header, rows, columnIndex, headerLine };
}

/**
 * Throws a `DataError` unless every named column is in the header. The message names the missing
 * column, what it is needed for, and the columns found (with a hint for near misses such as a
 * different case or stray spaces).
 */
export function requireColumns(table: CsvTable, columns: ReadonlyArray<{ column: string; purpose: string }>): void {
  for (const { column, purpose } of columns) {
    if (table.columnIndex.has(column)) continue;
    const nearMiss = table.header.find((name) => normalizeColumnName(name) === normalizeColumnName(column));
    const hint = nearMiss === undefined ? "" : ` (the header has ${JSON.stringify(nearMiss)}: column names must match exactly)`;
    const delimiterHint =
      table.header.length === 1 && /[;\t|]/.test(table.header[0] ?? "")
        ? "; the header has a single column, so the file may use another delimiter than the one configured"
        : "";
    throw new DataError({
      file: table.file,
      line: table.headerLine,
      message:
        `missing column ${JSON.stringify(column)} (${purpose})${hint}; the header has columns ${table.header.map((name) => JSON.stringify(name)).join(", ")}${delimiterHint}. ` +
        "Add the column or point the option at an existing column",
    });
  }
}

/** The value of `column` in `row` (the column must be in the header; check with `requireColumns`). */
export function cellValue(table: CsvTable, row: CsvRow, column: string): string {
  const position = table.columnIndex.get(column);
  if (position === undefined)
    throw new RetrieverError({ code: ErrorCodes.INVALID_DATA, message: `${table.file}: unknown column ${JSON.stringify(column)}` });
  return row.cells[position] ?? "";
}

function normalizeColumnName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, "");
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let index = text.indexOf("\n"); index !== -1 && index < end; index = text.indexOf("\n", index + 1)) count += 1;
  return count;
}

function skipEmptyLines(bytes: Buffer, offset: number): number {
  let position = offset;
  for (;;) {
    if (bytes[position] === NEWLINE) position += 1;
    else if (bytes[position] === CARRIAGE_RETURN && bytes[position + 1] === NEWLINE) position += 2;
    else return position;
  }
}

/** Maps byte offsets to 1-based line numbers (lines end at LF; CRLF counts once). */
class LineIndex {
  private readonly newlineOffsets: number[] = [];

  constructor(bytes: Buffer) {
    for (let index = bytes.indexOf(NEWLINE); index !== -1; index = bytes.indexOf(NEWLINE, index + 1)) this.newlineOffsets.push(index);
  }

  lineAt(offset: number): number {
    let low = 0;
    let high = this.newlineOffsets.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.newlineOffsets[middle] ?? Number.POSITIVE_INFINITY) < offset) low = middle + 1;
      else high = middle;
    }
    return low + 1;
  }
}

interface CsvParseErrorDetails {
  code?: string;
  /** Offset where the parser stopped. */
  bytes?: number;
}

function toDataError(error: unknown, file: string, bytes: Buffer, lines: LineIndex, lastRecordEnd: number): DataError {
  if (!(error instanceof CsvError)) {
    return new DataError({
      file,
      message: `cannot parse the file as CSV (${String(error)}); check it is a comma-separated text file`,
      cause: error,
    });
  }
  const details = error as CsvError & CsvParseErrorDetails;
  const recordStart = skipEmptyLines(bytes, lastRecordEnd);
  const line = lines.lineAt(recordStart);
  const problemLine = details.bytes === undefined ? line : lines.lineAt(Math.max(recordStart, Math.min(details.bytes, bytes.length) - 1));
  const where = problemLine === line ? "" : ` (the problem is on line ${problemLine})`;
  switch (details.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return new DataError({
        file,
        line,
        message: `the record starting on this line opens a quoted field that is never closed, so the rest of the file would be swallowed into one field; close the quote, and write a quote inside a quoted field as two quotes ("")`,
        cause: error,
      });
    case "CSV_MAX_RECORD_SIZE":
      return new DataError({
        file,
        line,
        message: `the record starting on this line is longer than ${MAX_CSV_RECORD_CHARACTERS} characters (the limit of a row); split the text into smaller rows, or check the file is the right one`,
        cause: error,
      });
    case "CSV_INVALID_CLOSING_QUOTE":
    case "INVALID_OPENING_QUOTE":
      return new DataError({
        file,
        line,
        message: `the record starting on this line has a stray quote${where}; wrap the whole field in quotes and double every quote inside it ("")`,
        cause: error,
      });
    default:
      return new DataError({
        file,
        line,
        message: `cannot parse the record starting on this line${where}: ${error.message}; fix the CSV syntax there`,
        cause: error,
      });
  }
}
