import { readdir } from "node:fs/promises";
import { basename, extname, join, resolve } from "node:path";
import { DataError } from "../core/errors/data-error.js";
import { ErrorCodes } from "../core/errors/error-codes.js";
import { RetrieverError } from "../core/errors/retriever-error.js";
import { MAX_FOLDER_FILES, readBoundedFile, regularFileSize } from "./bounded-file.js";
import { cellValue, parseCsvTable } from "./csv-table.js";

/**
 * Generic record readers: a CSV file, a JSONL file, a folder of CSV files, or a folder of Markdown /
 * text files with front matter, each turned into flat records (field name -> value) that remember the
 * file and line they came from. Typing and document building happen in the caller (a dataset).
 */

/** A scalar value of a record: CSV cells are strings; JSONL and front matter may hold numbers and booleans. */
export type RecordValue = string | number | boolean | null;

/** One record of a source. */
export interface SourceRecord {
  /** The file the record came from. */
  file: string;
  /** 1-based line where it starts. */
  line: number;
  /** 0-based position in its file. */
  index: number;
  values: Record<string, RecordValue>;
}

/** Records of a CSV file: one per data row, every value a string as written. */
export async function readCsvRecords(file: string, options: { delimiter?: string } = {}): Promise<SourceRecord[]> {
  const table = parseCsvTable(await readBoundedFile(file), {
    file,
    ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
  });
  return table.rows.map((row) => ({
    file,
    line: row.line,
    index: row.rowNumber,
    values: Object.fromEntries(table.header.map((column) => [column, cellValue(table, row, column)])),
  }));
}

/** Longest JSONL line read (characters). */
const MAX_JSON_LINE_CHARACTERS = 1_000_000;

/**
 * Records of a JSON Lines file: one JSON object per non-blank line. Values must be strings, numbers,
 * booleans or null (a nested object or array is a `DataError` naming the line and field).
 */
export async function readJsonlRecords(file: string): Promise<SourceRecord[]> {
  const text = decodeUtf8(await readBoundedFile(file), file);
  const records: SourceRecord[] = [];
  for (const [position, raw] of text.split("\n").entries()) {
    const content = raw.replace(/\r$/, "");
    if (content.trim() === "") continue;
    const line = position + 1;
    if (content.length > MAX_JSON_LINE_CHARACTERS)
      throw new DataError({
        file,
        line,
        message: `the line is longer than ${MAX_JSON_LINE_CHARACTERS} characters; put one record per line`,
      });
    const value = parseJsonLine(content, file, line);
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new DataError({
        file,
        line,
        message: `each line must be one JSON object like {"id": "a1", "text": "..."}; got ${Array.isArray(value) ? "an array" : value === null ? "null" : typeof value}`,
      });
    }
    const values: Record<string, RecordValue> = {};
    for (const [key, field] of Object.entries(value)) {
      if (field !== null && typeof field === "object") {
        throw new DataError({
          file,
          line,
          message: `field "${key}" holds ${Array.isArray(field) ? "an array" : "an object"}; records are flat: use a string, number, boolean or null`,
        });
      }
      values[key] = field as RecordValue;
    }
    records.push({ file, line, index: records.length, values });
  }
  return records;
}

/** The regular files of a folder whose extension is one of `extensions` (lower case, with the dot), sorted by name; not recursive. */
export async function listFolderFiles(folder: string, extensions: readonly string[]): Promise<string[]> {
  const absolute = resolve(folder);
  let names: string[];
  try {
    names = await readdir(absolute);
  } catch (error) {
    throw new RetrieverError({
      code: ErrorCodes.NOT_FOUND,
      message: `data folder ${absolute} does not exist or cannot be read; check the path`,
      cause: error,
    });
  }
  const matching = names.filter((name) => extensions.includes(extname(name).toLowerCase())).sort();
  if (matching.length > MAX_FOLDER_FILES) {
    throw new RetrieverError({
      code: ErrorCodes.INVALID_DATA,
      message: `data folder ${absolute} holds ${matching.length} ${extensions.join("/")} files, more than the limit of ${MAX_FOLDER_FILES}; split it into several datasets`,
    });
  }
  const files: string[] = [];
  for (const name of matching) {
    const path = join(absolute, name);
    try {
      await regularFileSize(path);
      files.push(path);
    } catch {
      // Sub-folders and special files whose names end in .csv / .md are not data: skipped.
    }
  }
  if (files.length === 0)
    throw new RetrieverError({
      code: ErrorCodes.NOT_FOUND,
      message: `data folder ${absolute} holds no ${extensions.join(" or ")} file; check the path and the source type`,
    });
  return files;
}

/** Records of every `.csv` file of a folder (sorted by name), each also carrying `source_file` (the file name without extension). */
export async function readCsvFolderRecords(folder: string, options: { delimiter?: string } = {}): Promise<SourceRecord[]> {
  const records: SourceRecord[] = [];
  for (const file of await listFolderFiles(folder, [".csv"])) {
    for (const record of await readCsvRecords(file, options))
      records.push({ ...record, values: { ...record.values, source_file: basename(file, extname(file)) } });
  }
  return records;
}

/** Extensions a text folder source reads by default. */
export const TEXT_FILE_EXTENSIONS = [".md", ".txt"] as const;
/** Most front-matter lines read from one file. */
export const MAX_FRONT_MATTER_LINES = 200;

/**
 * Records of a folder of Markdown / text files, one per file (sorted by name): the front matter's
 * fields, `body` (the text after it), `file_name` (without extension) and `title` when the front
 * matter has none (the first `# heading`, else the file name). Front matter is flat `key: value`
 * lines between two `---` lines at the top of the file; values are strings, numbers (`12`, `4.5`)
 * or booleans (`true`/`false`), optionally quoted. Anything else there is a `DataError` with its line.
 */
export async function readTextFolderRecords(folder: string, extensions: readonly string[] = TEXT_FILE_EXTENSIONS): Promise<SourceRecord[]> {
  const records: SourceRecord[] = [];
  for (const [index, file] of (await listFolderFiles(folder, extensions)).entries()) {
    const text = decodeUtf8(await readBoundedFile(file), file).replace(/^\uFEFF/, "");
    const { fields, body } = parseFrontMatter(text, file);
    const heading = /^#\s+(.+)$/m.exec(body)?.[1]?.trim();
    const stem = basename(file, extname(file));
    records.push({ file, line: 1, index, values: { title: heading ?? stem, ...fields, body: body.trim(), file_name: stem } });
  }
  return records;
}

/** Splits flat `key: value` front matter from the body (see `readTextFolderRecords`). */
export function parseFrontMatter(text: string, file: string): { fields: Record<string, RecordValue>; body: string } {
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trim() !== "---") return { fields: {}, body: text };
  const fields: Record<string, RecordValue> = {};
  for (let index = 1; index < lines.length; index += 1) {
    const line = lines[index] as string;
    if (line.trim() === "---") return { fields, body: lines.slice(index + 1).join("\n") };
    if (index > MAX_FRONT_MATTER_LINES) break;
    if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
    const match = /^([A-Za-z_][\w.-]*)\s*:\s*(.*)$/.exec(line);
    if (match === null)
      throw new DataError({
        file,
        line: index + 1,
        message: 'front matter lines must be "key: value" (flat, one per line); fix or remove this line',
      });
    fields[match[1] as string] = frontMatterValue((match[2] as string).trim());
  }
  throw new DataError({
    file,
    line: 1,
    message: `the front matter opened by "---" is not closed by a "---" line within ${MAX_FRONT_MATTER_LINES} lines; close it`,
  });
}

function frontMatterValue(text: string): RecordValue {
  if (text === "" || text === "null" || text === "~") return null;
  if (/^".*"$/.test(text) || /^'.*'$/.test(text)) return text.slice(1, -1);
  if (text === "true") return true;
  if (text === "false") return false;
  if (/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(text)) return Number(text);
  return text;
}

function decodeUtf8(bytes: Buffer, file: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (error) {
    throw new DataError({ file, message: "is not valid UTF-8 text; save it as UTF-8", cause: error });
  }
}

/** One line of a JSONL file parsed, or an `INVALID_DATA` error naming the file and line. */
export function parseJsonLine(content: string, file: string, line: number): unknown {
  try {
    return JSON.parse(content);
  } catch (error) {
    throw new DataError({
      file,
      line,
      message: `not valid JSON (${(error as Error).message}); each line must be one JSON object`,
      cause: error,
    });
  }
}
