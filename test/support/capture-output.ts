import { inspect } from "node:util";
import { vi } from "vitest";

/**
 * Records everything written through `console.*`, `process.stdout.write` and `process.stderr.write`
 * while `action` runs (still letting nothing through to the terminal), so tests can assert that a
 * secret never reaches a log. Restores the originals afterwards, even when `action` throws.
 */
export async function captureOutput<Result>(
  action: () => Promise<Result>,
): Promise<{ result: Result | undefined; error: unknown; output: string }> {
  const pieces: string[] = [];
  const record = (...values: unknown[]) => {
    pieces.push(values.map((value) => (typeof value === "string" ? value : inspect(value, { depth: 5 }))).join(" "));
  };
  const spies = [
    ...(["log", "info", "warn", "error", "debug", "trace"] as const).map((method) => vi.spyOn(console, method).mockImplementation(record)),
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: unknown) => {
      record(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
      return true;
    }),
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: unknown) => {
      record(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
      return true;
    }),
  ];
  const warningListener = (warning: Error) => record(warning);
  process.on("warning", warningListener);
  try {
    const result = await action();
    return { result, error: undefined, output: pieces.join("\n") };
  } catch (error) {
    return { result: undefined, error, output: pieces.join("\n") };
  } finally {
    process.off("warning", warningListener);
    for (const spy of spies) spy.mockRestore();
  }
}

/**
 * Every rendering of an error a user or a log could see: message, stack, `util.inspect` (with causes,
 * nested 5 deep), JSON, and `String(error)`.
 */
export function renderError(error: unknown): string {
  if (error === undefined) return "";
  let json: string;
  try {
    json = JSON.stringify(error) ?? "";
  } catch {
    json = "";
  }
  const parts = [String(error), inspect(error, { depth: 5 }), json];
  if (error instanceof Error) parts.push(error.message, error.stack ?? "");
  return parts.join("\n");
}
