/**
 * What the library prints cannot be hijacked by the data (issue #14 items 9, 11 and two minor cases of
 * 16): terminal output strips escape sequences and control characters, results.md escapes what it
 * prints, a read-only index folder suggests --no-save, `bench --out FILE` fails before running.
 */
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Document } from "@langchain/core/documents";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resultsToTable, snippet } from "../../src/cli/format-results.js";
import { ErrorCodes } from "../../src/core/errors/error-codes.js";
import { escapeTerminalJson, sanitizeTerminalText } from "../../src/core/io/terminal-text.js";
import { writeFileAtomic } from "../../src/core/io/write-file-atomic.js";
import type { SearchResult } from "../../src/core/search-retriever.js";
import { escapeMarkdown, markdownCode, renderMarkdownReport } from "../../src/evaluation/report-markdown.js";
import { maliciousBenchmarkResults } from "../evaluation/bench-report-fixture.js";
import { REPOSITORY_ROOT, runCli } from "../support/run-cli.js";

/** Every byte a terminal could act on: C0 (except tab / line feed), DEL, C1, bidi overrides. */
const TERMINAL_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

const HOSTILE = [
  "red \u001B[31mALERT\u001B[0m done",
  "bell\u0007 back\b\b\bspace",
  "title \u001B]0;pwned\u0007 set",
  "link \u001B]8;;http://evil.example\u001B\\click\u001B]8;;\u001B\\ here",
  "8-bit \u009B31m csi",
  "carriage\rreturn",
  "bidi \u202Egnp.exe\u202C end",
  "clear \u001Bc screen \u001B[2J",
];

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "output-escaping-"));
});
afterAll(async () => {
  await chmod(join(folder, "read-only"), 0o755).catch(() => undefined);
  await rm(folder, { recursive: true, force: true });
});

describe("terminal output strips control characters from data", () => {
  it.each(HOSTILE)("sanitizeTerminalText removes every escape sequence and control character from %j", (text) => {
    for (const keepLineBreaks of [true, false]) {
      const clean = sanitizeTerminalText(text, { keepLineBreaks });
      expect(clean).not.toMatch(TERMINAL_CONTROL);
      expect(clean.length).toBeGreaterThan(0);
    }
    expect(sanitizeTerminalText(text)).not.toContain("pwned\u0007");
  });

  it("keeps ordinary text, accents, emoji, tabs and line breaks", () => {
    const text = "Keanu’s best — 10/10 🎬\n\tagain";
    expect(sanitizeTerminalText(text)).toBe(text);
    expect(sanitizeTerminalText("a\r\nb")).toBe("a\nb");
  });

  it("the query table of a review with ESC[31m, BEL and BS prints none of them (id, snippet and metadata cells)", () => {
    const results: SearchResult[] = HOSTILE.map((text, index) => ({
      document: new Document({ pageContent: text, metadata: { movie: `\u001B[31m${index}`, Rating: 7 }, id: `id\u0007${index}` }),
      score: 0.5,
      stage: "dense",
    }));
    const table = resultsToTable(results);
    expect(table.split("\n").length).toBe(HOSTILE.length + 2);
    expect(table).not.toMatch(TERMINAL_CONTROL);
    expect(table).toContain("ALERT");
    expect(snippet(HOSTILE[0]!, 70)).toBe("red [31mALERT[0m done".replace(/\[\d+m/g, ""));
  });

  it("escapeTerminalJson escapes C1 and bidi characters but keeps the same JSON value", () => {
    const value = { text: HOSTILE.join(" ") };
    const json = escapeTerminalJson(JSON.stringify(value));
    expect(json).not.toMatch(TERMINAL_CONTROL);
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe("results.md escapes what it prints", () => {
  it("query ids, warnings, errors and paths with markup or Markdown syntax go in as text", async () => {
    const results = await maliciousBenchmarkResults();
    results.warnings.push(
      'query "<img src=x onerror=alert(1)>" judges a document no technique knows',
      "see [here](javascript:alert(1)) | and *this*",
    );
    results.settings.data.folder = "/data/`rm -rf`/<b>folder</b>";
    const failed = {
      ...results.techniques[0]!,
      technique: results.techniques[0]!.technique,
      status: "failed" as const,
      error: "advanced-retrievers: <script>alert(2)</script> at line 3",
    };
    results.techniques.push(failed);
    const markdown = renderMarkdownReport(results);
    // Outside code spans (whose content Markdown shows literally) no markup is left.
    const outsideCode = markdown
      .replace(markdownCode(results.settings.data.folder), "")
      .replace(markdownCode(results.settings.queryFile), "");
    expect(outsideCode).not.toMatch(/<(?:script|img|b)\b/i);
    expect(markdown).toContain("&lt;img src=x onerror=alert(1)>");
    expect(markdown).toContain("&lt;script>alert(2)&lt;/script>");
    expect(markdown).toContain("\\[here\\](javascript:alert(1)) \\| and \\*this\\*");
    expect(markdown).toContain("``/data/`rm -rf`/<b>folder</b>``");
    // The tables still parse: a technique row keeps its cells.
    expect(markdown).toMatch(/\| naive \| \d\.\d{3} \|/);
  });

  it.each([
    ["# heading", "\\# heading"],
    ["1. item", "1\\. item"],
    ["> quote", "\\> quote"],
    ["a\nb", "a b"],
    ["< 0.001", "< 0.001"],
    ["&amp;", "&amp;amp;"],
  ])("escapeMarkdown(%j) is %j", (text, escaped) => {
    expect(escapeMarkdown(text)).toBe(escaped);
  });

  it("markdownCode fences around backticks", () => {
    expect(markdownCode("a`b")).toBe("``a`b``");
    expect(markdownCode("plain")).toBe("`plain`");
  });
});

describe("minor: a read-only index folder and bench --out pointing at a file", () => {
  it("a read-only folder's EACCES / EROFS error suggests --no-save", async () => {
    const readOnly = join(folder, "read-only");
    await mkdir(readOnly);
    await chmod(readOnly, 0o555);
    // root ignores folder permissions: /sys refuses new files (EACCES) even to root.
    const target = process.getuid?.() === 0 ? "/sys/advanced-retrievers-index.arvs" : join(readOnly, "index.arvs");
    const error = await writeFileAtomic(target, "x").then(
      () => undefined,
      (caught: unknown) => caught as { code?: string; message: string },
    );
    expect(error?.code).toBe(ErrorCodes.WRITE_FAILED);
    expect(error?.message).toMatch(/EACCES|EROFS|EPERM/);
    expect(error?.message).toContain("--no-save");
  });

  it("bench --out FILE fails before running the benchmark", async () => {
    const file = join(folder, "not-a-folder.txt");
    await writeFile(file, "keep me");
    const started = performance.now();
    const run = await runCli(["bench", "--out", file, "--techniques", "naive"], { cwd: REPOSITORY_ROOT, timeoutMs: 60_000 });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(file);
    expect(run.stderr).toContain("not a folder");
    expect(run.stdout).toBe("");
    // Nothing was built: far less than the time a benchmark of the sample takes.
    expect(performance.now() - started).toBeLessThan(30_000);
  });
});
