/**
 * Text from data (reviews, titles, ids, metadata, questions, error messages quoting them) printed on a
 * terminal must not drive the terminal: an `ESC [31m` in a review would recolour the screen, an OSC
 * sequence could set the window title or write a hyperlink, `BS` / `CR` can overwrite what was printed,
 * bidirectional overrides reorder it. `sanitizeTerminalText` removes all of that; `escapeTerminalJson`
 * does the same for JSON output by escaping, so the data stays intact.
 */

/** ANSI escape sequences: CSI (`ESC [` … final byte), OSC (`ESC ]` … BEL or ST), DCS/PM/APC/SOS strings, other two-byte escapes; 8-bit CSI (U+009B). */
const ESCAPE_SEQUENCE =
  /\u001B\[[0-?]*[ -/]*[@-~]?|\u009B[0-?]*[ -/]*[@-~]?|\u001B[\]PX^_][^\u0007\u001B\u009C]*(?:\u0007|\u001B\\|\u009C)?|[\u0090\u0098\u009D-\u009F][^\u0007\u001B\u009C]*(?:\u0007|\u001B\\|\u009C)?|\u001B[ -~]?/g;

/** C0 controls except tab and line feed, DEL, C1 controls, bidirectional embeddings / overrides / isolates. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Same set, line feed and tab included (for one-line cells). */
const CONTROL_CHARACTERS_AND_LINE_BREAKS = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Options of `sanitizeTerminalText`. */
export interface SanitizeTerminalTextOptions {
  /** Keep line feeds and tabs (else they become spaces). @default true */
  keepLineBreaks?: boolean;
}

/** `text` without escape sequences and control characters (see the module comment). */
export function sanitizeTerminalText(text: string, options: SanitizeTerminalTextOptions = {}): string {
  const keepLineBreaks = options.keepLineBreaks ?? true;
  const withoutSequences = text.replace(ESCAPE_SEQUENCE, "");
  if (keepLineBreaks) return withoutSequences.replace(/\r\n/g, "\n").replace(CONTROL_CHARACTERS, "");
  return withoutSequences.replace(/[\t\n]/g, " ").replace(CONTROL_CHARACTERS_AND_LINE_BREAKS, "");
}

/** JSON text with every character a terminal could act on written as a `\uXXXX` escape (still the same JSON value). */
export function escapeTerminalJson(json: string): string {
  return json.replace(
    /[\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
