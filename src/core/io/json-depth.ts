import type { ErrorCode } from "../errors/error-codes.js";
import { ErrorCodes } from "../errors/error-codes.js";
import { RetrieverError } from "../errors/retriever-error.js";

/**
 * Deepest nesting of arrays and objects accepted in a JSON input (a configuration, a query file line):
 * far more than any legitimate file needs, far less than what overflows a recursive walk.
 */
export const MAX_JSON_DEPTH = 64;

/** Options of `assertJsonDepth`. */
export interface AssertJsonDepthOptions {
  /** Names the input in the error, e.g. "configuration file c.json". */
  what: string;
  /** Deepest nesting accepted. @default MAX_JSON_DEPTH (64) */
  maxDepth?: number;
  /** Code of the error. @default "INVALID_DATA" */
  code?: ErrorCode;
}

/**
 * Checks, without recursion, that a decoded JSON value nests arrays and objects at most `maxDepth`
 * levels deep; otherwise throws a `RetrieverError` naming the input and the path of the first node too
 * deep (e.g. `filter.genre[0][0]...`, shortened), so later recursive walks over it are bounded.
 */
export function assertJsonDepth(value: unknown, options: AssertJsonDepthOptions): void {
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  const stack: Array<{ node: unknown; path: string; depth: number }> = [{ node: value, path: "", depth: 0 }];
  while (stack.length > 0) {
    const { node, path, depth } = stack.pop()!;
    if (typeof node !== "object" || node === null) continue;
    if (depth >= maxDepth) {
      const shown = path.length > 120 ? `${path.slice(0, 117)}...` : path;
      throw new RetrieverError({
        code: options.code ?? ErrorCodes.INVALID_DATA,
        message: `${options.what} nests values deeper than ${maxDepth} levels (at ${shown || "the top"}); flatten it`,
      });
    }
    if (Array.isArray(node)) node.forEach((item, index) => stack.push({ node: item, path: `${path}[${index}]`, depth: depth + 1 }));
    else for (const [key, item] of Object.entries(node)) stack.push({ node: item, path: path ? `${path}.${key}` : key, depth: depth + 1 });
  }
}
