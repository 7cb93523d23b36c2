import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { REPOSITORY_ROOT } from "../support/run-cli.js";

/**
 * The public API report: every export of each entry, types included, with its kind (class, interface,
 * type, function, const, ...), read from the entry's source with the TypeScript compiler and checked
 * in as test/package/public-api.api.json. A change to the surface fails this test until the report is
 * regenerated on purpose and reviewed: `UPDATE_API_REPORT=1 npx vitest run test/package/public-api.test.ts`.
 * A second check imports each entry and compares its runtime exports with the report's value exports.
 */
const REPORT = join(REPOSITORY_ROOT, "test", "package", "public-api.api.json");
const ENTRIES = {
  "advanced-retrievers": "src/index.ts",
  "advanced-retrievers/openai": "src/adapters/openai.ts",
  "advanced-retrievers/cohere": "src/adapters/cohere.ts",
  "advanced-retrievers/chroma": "src/adapters/chroma.ts",
  "advanced-retrievers/config": "src/adapters/config.ts",
} as const;
type Entry = keyof typeof ENTRIES;
type Report = Record<string, Record<string, string>>;

/** Kinds that exist at runtime (the others are erased). */
const VALUE_KINDS = new Set(["class", "function", "const", "let", "var", "enum", "namespace"]);

/** The declared kinds of an exported symbol, e.g. "class", "interface", "const+type" for a merged name. */
function kindOf(symbol: ts.Symbol): string {
  const kinds = new Set<string>();
  for (const declaration of symbol.declarations ?? []) {
    if (ts.isClassDeclaration(declaration)) kinds.add("class");
    else if (ts.isInterfaceDeclaration(declaration)) kinds.add("interface");
    else if (ts.isTypeAliasDeclaration(declaration)) kinds.add("type");
    else if (ts.isFunctionDeclaration(declaration)) kinds.add("function");
    else if (ts.isEnumDeclaration(declaration)) kinds.add("enum");
    else if (ts.isModuleDeclaration(declaration)) kinds.add("namespace");
    else if (ts.isVariableDeclaration(declaration)) {
      const flags = ts.getCombinedNodeFlags(declaration);
      kinds.add(flags & ts.NodeFlags.Const ? "const" : flags & ts.NodeFlags.Let ? "let" : "var");
    } else kinds.add(ts.SyntaxKind[declaration.kind]);
  }
  return [...kinds].sort().join("+");
}

/**
 * Names a module exports as values (not through `export type` / `export type *`), following its
 * re-exports; each module is read once, so the walk is bounded by the program's files.
 */
function valueExportNames(file: ts.SourceFile, checker: ts.TypeChecker, seen = new Set<ts.SourceFile>()): Set<string> {
  const names = new Set<string>();
  if (seen.has(file)) return names;
  seen.add(file);
  const isExported = (node: ts.Node) =>
    ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
  for (const statement of file.statements) {
    if (ts.isExportDeclaration(statement)) {
      if (statement.isTypeOnly) continue;
      if (statement.exportClause === undefined) {
        const target = statement.moduleSpecifier === undefined ? undefined : checker.getSymbolAtLocation(statement.moduleSpecifier);
        const targetFile = target?.declarations?.find(ts.isSourceFile);
        if (targetFile !== undefined) for (const name of valueExportNames(targetFile, checker, seen)) names.add(name);
      } else if (ts.isNamedExports(statement.exportClause)) {
        for (const specifier of statement.exportClause.elements) if (!specifier.isTypeOnly) names.add(specifier.name.text);
      } else names.add(statement.exportClause.name.text);
    } else if (
      (ts.isClassDeclaration(statement) || ts.isFunctionDeclaration(statement) || ts.isEnumDeclaration(statement)) &&
      isExported(statement)
    ) {
      if (statement.name !== undefined) names.add(statement.name.text);
    } else if (ts.isVariableStatement(statement) && isExported(statement)) {
      for (const declaration of statement.declarationList.declarations)
        if (ts.isIdentifier(declaration.name)) names.add(declaration.name.text);
    }
  }
  return names;
}

/**
 * Every export (values and types) of each entry with its declared kind, from the sources. A value
 * exported only as a type (`export type { f }`) is reported as "type-only function" (and so on).
 */
function declaredReport(): Report {
  const files = Object.values(ENTRIES).map((path) => join(REPOSITORY_ROOT, path));
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    resolveJsonModule: true,
    types: ["node"],
  });
  const checker = program.getTypeChecker();
  const report: Report = {};
  for (const [entry, path] of Object.entries(ENTRIES)) {
    const source = program.getSourceFile(join(REPOSITORY_ROOT, path));
    const moduleSymbol = source === undefined ? undefined : checker.getSymbolAtLocation(source);
    if (moduleSymbol === undefined) throw new Error(`${path}: not a module the compiler could read`);
    const values = valueExportNames(source!, checker);
    const exports = checker.getExportsOfModule(moduleSymbol).map((symbol) => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      const kind = kindOf(target);
      const isValue = kind.split("+").some((part) => VALUE_KINDS.has(part));
      return [symbol.getName(), isValue && !values.has(symbol.getName()) ? `type-only ${kind}` : kind] as const;
    });
    report[entry] = Object.fromEntries(exports.sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0)));
  }
  return report;
}

let current: Report;
beforeAll(() => {
  current = declaredReport();
}, 120_000);

describe("the public API", () => {
  it("matches the checked-in API report, types included (regenerate deliberately with UPDATE_API_REPORT=1)", async () => {
    const text = `${JSON.stringify(current, null, 2)}\n`;
    if (process.env.UPDATE_API_REPORT === "1") await writeFile(REPORT, text);
    const checkedIn = JSON.parse(await readFile(REPORT, "utf8")) as Report;
    expect(current).toEqual(checkedIn);
  });

  it("reports exactly the runtime exports of each entry as its value exports", async () => {
    for (const entry of Object.keys(ENTRIES) as Entry[]) {
      const module = (await import(join(REPOSITORY_ROOT, ENTRIES[entry]))) as Record<string, unknown>;
      const runtime = Object.keys(module).sort();
      const values = Object.entries(current[entry] ?? {})
        .filter(([, kind]) => kind.split("+").some((part) => VALUE_KINDS.has(part)))
        .map(([name]) => name)
        .sort();
      expect(runtime.length).toBeGreaterThan(0);
      expect([entry, values]).toEqual([entry, runtime]);
    }
  });

  it("keeps the main entry curated: no internals, the main techniques and their option types present", () => {
    const main = current["advanced-retrievers"] as Record<string, string>;
    const values = Object.values(main).filter((kind) => VALUE_KINDS.has(kind));
    expect(values.length).toBeLessThan(200);
    for (const [name, kind] of Object.entries({
      NaiveRetriever: "class",
      ParentDocumentRetriever: "class",
      SelfQueryRetriever: "class",
      HybridRetriever: "class",
      HybridRetrieverOptions: "interface",
      ContextualCompressionRetriever: "class",
      MemoryStore: "class",
      ChromaStore: "class",
      fromLangChainVectorStore: "function",
      createEmbeddings: "function",
      LocalReranker: "class",
      Reranker: "interface",
      parseFilter: "function",
      FilterExpression: "type",
      RetrieverError: "class",
      ErrorCodes: "const",
      SearchResult: "interface",
      evaluateRanking: "function",
      DEFAULT_K: "const",
    })) {
      expect([name, main[name]]).toEqual([name, kind]);
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
