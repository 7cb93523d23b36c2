/** The `code` of the error `action` throws synchronously, or undefined when it throws none (or one without a code). */
export function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}
