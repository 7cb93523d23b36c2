import { expect, it } from "vitest";
import { compileFilter } from "../../../src/core/filter/compile-filter.js";
import type { FilterExpression } from "../../../src/core/filter/filter-schema.js";
import { parseFilter } from "../../../src/core/filter/parse-filter.js";
import type { AttributeSchema } from "../../../src/self-query/attribute-schema.js";
import type { RuleBasedQueryConstructor } from "../../../src/self-query/rule-based-query-constructor.js";

/** A few values per field, around the constants a test file's questions use (dates as epoch days). */
export type GridValues = Record<string, unknown[]>;

/** Every combination of the grid's values over the schema's attributes, with each date's year field. */
export function gridRecords(schema: AttributeSchema, values: GridValues): Array<Record<string, unknown>> {
  let rows: Array<Record<string, unknown>> = [{}];
  for (const attribute of schema.attributes) {
    const options = values[attribute.name] ?? [];
    rows = rows.flatMap((row) =>
      options.map((value) => ({
        ...row,
        [attribute.name]: value,
        ...(attribute.yearField === undefined ? {} : { [attribute.yearField]: new Date((value as number) * 86_400_000).getUTCFullYear() }),
      })),
    );
  }
  return rows;
}

/**
 * A checker: true when `actual` selects exactly the grid records `expected` (a filter in the shorthand;
 * null: no filter) selects. The grid must have more than `minimumRecords` records, so a check never
 * passes on an empty grid.
 */
export function selectionChecker(
  values: GridValues,
  minimumRecords: number,
): (schema: AttributeSchema, actual: FilterExpression | null, expected: Record<string, unknown> | null) => boolean {
  return (schema, actual, expected) => {
    const wanted = expected === null ? () => true : compileFilter(parseFilter(expected));
    const got = actual === null ? () => true : compileFilter(actual);
    const rows = gridRecords(schema, values);
    expect(rows.length).toBeGreaterThan(minimumRecords);
    return rows.every((row) => wanted(row) === got(row));
  };
}

/** A question, the constructor that reads it and its schema, and the filter it must become. */
export type PhrasingCase = [RuleBasedQueryConstructor, AttributeSchema, string, Record<string, unknown> | null];

/** One test per case: the constructed filter selects the same grid records as the expected one. */
export function expectCases(cases: readonly PhrasingCase[], sameSelection: ReturnType<typeof selectionChecker>): void {
  for (const [reader, schema, question, filter] of cases) {
    it(`"${question}"`, () => {
      const built = reader.constructSync(question);
      expect(sameSelection(schema, built.filter, filter)).toBe(true);
    });
  }
}
