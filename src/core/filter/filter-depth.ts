import { InvalidFilterError } from "../errors/invalid-filter-error.js";
import { MAX_FILTER_DEPTH, type FilterExpression } from "./filter-schema.js";

/**
 * Deepest canonical tree the recursive filter walks (`compileFilter`, `filterFields`, `describeFilter`)
 * accept: twice `MAX_FILTER_DEPTH`, so a parsed filter AND-ed with a base filter always passes, while a
 * hand-built 10,000-deep tree is an `InvalidFilterError` instead of a stack overflow.
 */
export const MAX_FILTER_WALK_DEPTH = 2 * MAX_FILTER_DEPTH;

/**
 * Checks, without recursion, that a canonical filter tree is at most `maxDepth` levels deep; throws an
 * `InvalidFilterError` naming the path of the first node that is too deep.
 */
export function assertFilterDepth(filter: FilterExpression, maxDepth: number = MAX_FILTER_WALK_DEPTH): void {
  const stack: Array<{ node: unknown; path: string; depth: number }> = [{ node: filter, path: "", depth: 0 }];
  while (stack.length > 0) {
    const { node, path, depth } = stack.pop()!;
    if (depth > maxDepth) {
      throw new InvalidFilterError({ path, message: `nested deeper than ${maxDepth} levels; flatten it with and/or lists` });
    }
    if (typeof node !== "object" || node === null) continue;
    const record = node as Record<string, unknown>;
    for (const combinator of ["and", "or"] as const) {
      const children = record[combinator];
      if (Array.isArray(children))
        children.forEach((child, index) =>
          stack.push({ node: child, path: `${path ? `${path}.` : ""}${combinator}[${index}]`, depth: depth + 1 }),
        );
    }
    if ("not" in record) stack.push({ node: record.not, path: `${path ? `${path}.` : ""}not`, depth: depth + 1 });
  }
}
