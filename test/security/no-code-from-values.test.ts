/**
 * Filter values (and other data: author names, questions) never become code: no eval or Function
 * constructor anywhere in the library, no shell commands, translated Chroma `where` clauses hold user
 * values only in value positions, data-driven regular expressions escape what they match, and no
 * input can write onto shared prototypes.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ErrorCodes } from "../../src/core/errors/error-codes.js";
import type { Comparison, FilterExpression, FilterScalar } from "../../src/core/filter/filter-schema.js";
import { parseFilter } from "../../src/core/filter/parse-filter.js";
import { buildVocabulary } from "../../src/self-query/attribute-schema.js";
import { johnWickAttributes } from "../../src/datasets/john-wick/attributes.js";
import { RuleBasedQueryConstructor } from "../../src/self-query/rule-based-query-constructor.js";
import { toChromaWhere } from "../../src/translators/chroma.js";
import { REPOSITORY_ROOT } from "../support/run-cli.js";

/** Library sources (not tests, not generated binaries). */
function librarySources(): Array<{ path: string; text: string }> {
  const files: Array<{ path: string; text: string }> = [];
  const visit = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) visit(path);
      else if (/\.(?:ts|mts|cts|js|mjs)$/.test(name) && !name.endsWith(".test.ts") && !name.endsWith(".generated.ts")) {
        files.push({ path: relative(REPOSITORY_ROOT, path), text: readFileSync(path, "utf8") });
      }
    }
  };
  visit(join(REPOSITORY_ROOT, "src"));
  return files;
}

/** Removes comments, so a JSDoc that mentions eval() does not count. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}

describe("no dynamic code in the library", () => {
  const sources = librarySources();

  it("scans the whole library", () => {
    expect(sources.length).toBeGreaterThan(50);
    expect(sources.some((source) => source.path.endsWith("compile-filter.ts"))).toBe(true);
  });

  it.each([
    ["eval", /(?<![\w$.])eval\s*\(/],
    ["the Function constructor", /(?<![\w$.])(?:new\s+)?Function\s*\(/],
    ["the vm module", /["'](?:node:)?vm["']/],
    ["string timers (implicit eval)", /\bset(?:Timeout|Interval|Immediate)\s*\(\s*["'`]/],
    ["child_process exec/execSync (shell strings)", /\b(?:exec|execSync|execFileSync)\s*\(\s*[`"'][^`"']*\$\{/],
    ["imports of exec from child_process", /import\s*\{[^}]*\bexec(?:Sync)?\b[^}]*\}\s*from\s*["'](?:node:)?child_process["']/],
    ["spawning through a shell", /shell\s*:\s*true/],
  ])("uses no %s", (_name, pattern) => {
    const offenders = sources.filter((source) => pattern.test(withoutComments(source.text))).map((source) => source.path);
    expect(offenders).toEqual([]);
  });
});

// ------------------------------------------------------------------------------------------------

const CHROMA_OPERATORS = new Set(["$and", "$or", "$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin"]);

/** Values an attacker would try: operator names, JSON, SQL, template code, prototype keys. */
const hostileString = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    "$or",
    "$and",
    "$ne",
    "$gt",
    "__proto__",
    "constructor",
    '{"$gt": 0}',
    "' OR '1'='1",
    "1; DROP TABLE embeddings",
    "${process.exit(1)}",
    "`rm -rf /`",
    "$where",
  ),
);
const fieldName = fc.oneof(
  fc.constantFrom("Rating", "movie", "Author", "__proto__", "constructor", "toString", "a.b", "a b", "tenant"),
  fc.string({ minLength: 1, maxLength: 8 }),
);
const scalar: fc.Arbitrary<FilterScalar> = fc.oneof(
  hostileString,
  fc.integer({ min: -100, max: 100 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
);
const comparison: fc.Arbitrary<Comparison> = fc.oneof(
  fc.record({ field: fieldName, operator: fc.constantFrom("eq" as const, "ne" as const), value: scalar }),
  fc.record({
    field: fieldName,
    operator: fc.constantFrom("gt" as const, "gte" as const, "lt" as const, "lte" as const),
    value: fc.integer({ min: -100, max: 100 }),
  }),
  fc.record({
    field: fieldName,
    operator: fc.constantFrom("in" as const, "nin" as const),
    value: fc.array(scalar, { minLength: 1, maxLength: 4 }),
  }),
);
const filter: fc.Arbitrary<FilterExpression> = fc.letrec<{ node: FilterExpression }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small" },
    comparison,
    fc.record({ and: fc.array(tie("node"), { minLength: 1, maxLength: 3 }) }),
    fc.record({ or: fc.array(tie("node"), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie("node") }),
  ),
})).node;

function fieldsOf(node: FilterExpression): Set<string> {
  if ("operator" in node) return new Set([node.field]);
  if ("not" in node) return fieldsOf(node.not);
  return new Set(("and" in node ? node.and : node.or).flatMap((child) => [...fieldsOf(child)]));
}

/**
 * Walks a `where` clause: every key is an operator or one of the filter's fields, and under a field
 * there is exactly one operator whose operand is a scalar (or a list of scalars for $in / $nin).
 */
function checkWhere(clause: unknown, fields: Set<string>): void {
  expect(typeof clause === "object" && clause !== null && !Array.isArray(clause)).toBe(true);
  expect(Object.getPrototypeOf(clause)).toBe(Object.prototype);
  const keys = Object.keys(clause as object);
  expect(keys).toHaveLength(1);
  const key = keys[0]!;
  const inner = (clause as Record<string, unknown>)[key];
  if (key === "$and" || key === "$or") {
    expect(Array.isArray(inner)).toBe(true);
    for (const child of inner as unknown[]) checkWhere(child, fields);
    return;
  }
  expect(fields.has(key)).toBe(true);
  expect(Object.getPrototypeOf(inner)).toBe(Object.prototype);
  const [operator, ...others] = Object.keys(inner as object);
  expect(others).toEqual([]);
  expect(CHROMA_OPERATORS.has(operator!)).toBe(true);
  const operand = (inner as Record<string, unknown>)[operator!];
  const isScalar = (value: unknown) => ["string", "number", "boolean"].includes(typeof value);
  if (operator === "$in" || operator === "$nin") expect(Array.isArray(operand) && operand.every(isScalar)).toBe(true);
  else expect(isScalar(operand)).toBe(true);
}

describe("Chroma where clauses", () => {
  it("hold user values only in value positions; keys are operators or the filter's own field names (property)", () => {
    let translated = 0;
    fc.assert(
      fc.property(filter, (input) => {
        let where: unknown;
        try {
          where = toChromaWhere(input);
        } catch (error) {
          // Only the documented refusals: fields starting with $ or #.
          expect((error as { code?: string }).code).toBe(ErrorCodes.INVALID_FILTER);
          expect([...fieldsOf(input)].some((field) => field.startsWith("$") || field.startsWith("#"))).toBe(true);
          return;
        }
        translated += 1;
        checkWhere(where, fieldsOf(input));
        // What goes over the wire is JSON: a value can never turn into an operator there either.
        checkWhere(JSON.parse(JSON.stringify(where)), fieldsOf(input));
      }),
      { numRuns: 2_000, seed: 99 },
    );
    expect(translated).toBeGreaterThan(1_000);
  });

  it("keeps a field named __proto__ as an own key, without touching any prototype", () => {
    const where = toChromaWhere(parseFilter(JSON.parse('{"__proto__": {"$ne": "x"}, "constructor": "y"}')));
    const json = JSON.stringify(where);
    expect(json).toContain('"__proto__":{"$ne":"x"}');
    expect(json).toContain('"constructor":{"$eq":"y"}');
    expect(({} as Record<string, unknown>).$ne).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("$ne");
  });

  it("refuses field names Chroma would read as operators", () => {
    for (const field of ["$or", "$where", "#document"]) {
      expect(() => toChromaWhere({ field, operator: "eq", value: 1 })).toThrow(
        expect.objectContaining({ code: ErrorCodes.INVALID_FILTER }),
      );
    }
  });
});

describe("data-driven patterns of the rule-based query constructor", () => {
  it("match author names full of regular-expression syntax literally, and only them", async () => {
    const authors = ["a+)+$", "(.*)", "[x", "user.name", "a|b", "\\d+", "^caret$", "{1,2}", "$1 money", "dots..."];
    const constructor = new RuleBasedQueryConstructor({
      attributes: buildVocabulary(
        authors.map((Author) => ({ metadata: { Author, movie: 1 } })),
        johnWickAttributes(),
      ),
    });
    for (const author of authors) {
      const constructed = await constructor.construct(`reviews by ${author}`);
      expect(constructed.filter, author).toEqual({ field: "Author", operator: "eq", value: author });
    }
    // Text the patterns would match if they were not escaped.
    for (const question of ["reviews by aaaa", "reviews by userXname", "reviews by 123", "reviews by b"]) {
      const constructed = await constructor.construct(question);
      expect(JSON.stringify(constructed.filter ?? null), question).not.toContain("Author");
    }
  });
});
