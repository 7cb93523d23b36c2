import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPOSITORY_ROOT } from "../support/run-cli.js";

/**
 * The public API report: every runtime export of each entry with its kind, checked in as
 * test/package/public-api.api.json. A change to the surface fails this test until the report is
 * regenerated on purpose and reviewed: `UPDATE_API_REPORT=1 npx vitest run test/package/public-api.test.ts`.
 * (Type-only exports have no runtime trace; they follow the value exports they belong to.)
 */
const REPORT = join(REPOSITORY_ROOT, "test", "package", "public-api.api.json");
const ENTRIES = {
  "advanced-retrievers": "../../src/index.js",
  "advanced-retrievers/openai": "../../src/adapters/openai.js",
  "advanced-retrievers/cohere": "../../src/adapters/cohere.js",
  "advanced-retrievers/chroma": "../../src/adapters/chroma.js",
  "advanced-retrievers/config": "../../src/adapters/config.js",
} as const;

function kindOf(value: unknown): string {
  if (typeof value === "function") return /^class[\s{]/.test(Function.prototype.toString.call(value)) ? "class" : "function";
  if (Array.isArray(value)) return "array";
  if (value === null) return "null";
  if (typeof value === "object") return Object.isFrozen(value) ? "frozen object" : "object";
  return typeof value;
}

async function currentReport(): Promise<Record<string, Record<string, string>>> {
  const report: Record<string, Record<string, string>> = {};
  for (const [entry, path] of Object.entries(ENTRIES)) {
    const module = (await import(path)) as Record<string, unknown>;
    report[entry] = Object.fromEntries(
      Object.keys(module)
        .sort()
        .map((name) => [name, kindOf(module[name])]),
    );
  }
  return report;
}

describe("the public API", () => {
  it("matches the checked-in API report (regenerate deliberately with UPDATE_API_REPORT=1)", async () => {
    const current = await currentReport();
    const text = `${JSON.stringify(current, null, 2)}\n`;
    if (process.env.UPDATE_API_REPORT === "1") await writeFile(REPORT, text);
    const checkedIn = JSON.parse(await readFile(REPORT, "utf8")) as Record<string, Record<string, string>>;
    expect(current).toEqual(checkedIn);
  });

  it("keeps the main entry curated: no internals, the main techniques present", async () => {
    const main = (await currentReport())["advanced-retrievers"] as Record<string, string>;
    const names = Object.keys(main);
    expect(names.length).toBeLessThan(200);
    for (const name of [
      "NaiveRetriever",
      "ParentDocumentRetriever",
      "SelfQueryRetriever",
      "HybridRetriever",
      "ContextualCompressionRetriever",
      "MemoryStore",
      "ChromaStore",
      "fromLangChainVectorStore",
      "createEmbeddings",
      "LocalReranker",
      "parseFilter",
      "RetrieverError",
      "ErrorCodes",
      "evaluateRanking",
      "DEFAULT_K",
    ]) {
      expect([name, main[name]]).toEqual([name, expect.any(String)]);
    }
    for (const internal of [
      "PROGRESS_BAR_WIDTH",
      "porterStem",
      "escapeHtml",
      "canonicalJson",
      "createChatModel",
      "buildRetriever",
      "parseOptions",
      "writeFileAtomic",
      "withRetries",
    ]) {
      expect([internal, main[internal]]).toEqual([internal, undefined]);
    }
  });
});
