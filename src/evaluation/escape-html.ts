const HTML_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes text for HTML element content AND quoted attribute values: `& < > " '` become entities.
 * Every piece of data-derived text in the report (review snippets, queries, ids, file names, error
 * messages, even numbers) goes through it. Non-strings are converted with `String` first.
 */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] as string);
}
