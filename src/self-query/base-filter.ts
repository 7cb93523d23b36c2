import { andFilters } from "../core/filter/combine-filters.js";
import type { FilterExpression } from "../core/filter/filter-schema.js";
import { parseFilter } from "../core/filter/parse-filter.js";
import { InvalidFilterError } from "../core/errors/invalid-filter-error.js";
import { InvalidOptionError } from "../core/errors/invalid-option-error.js";
import { ERROR_MESSAGE_PREFIX } from "../core/errors/retriever-error.js";
import { checkConstructedQuery, type ConstructedQuery } from "./query-constructor.js";

/**
 * Checks a base (tenant/scope) filter given as a retriever option (canonical or shorthand, as
 * `parseFilter` reads it) and returns a deep, frozen copy in canonical form, so later changes to the
 * caller's object cannot widen the scope. Throws `InvalidOptionError` (option `baseFilter...`, with
 * the path of the problem) when it is not a valid filter.
 */
export function checkBaseFilter(baseFilter: FilterExpression | null | undefined, option = "baseFilter"): FilterExpression | null {
  if (baseFilter == null) return null;
  try {
    return deepFreeze(parseFilter(baseFilter));
  } catch (error) {
    if (!InvalidFilterError.isInstance(error)) throw error;
    throw new InvalidOptionError({
      option: error.path === "" ? option : `${option}.${error.path}`,
      value: baseFilter,
      message: `${error.message.slice(ERROR_MESSAGE_PREFIX.length)}; write it in the filter language, e.g. { "field": "tenant", "operator": "eq", "value": "acme" }`,
      cause: error,
    });
  }
}

/**
 * The one place a self-query retriever combines the question's filter with its base filter:
 * `base AND constructed`. Whatever the question (or an LLM) produced can only narrow the base filter:
 * a constructed filter is checked first (an invalid one is an `InvalidFilterError`, never "no filter"),
 * and no constructed filter at all leaves exactly the base filter.
 */
export function applyBaseFilter(constructed: ConstructedQuery, baseFilter: FilterExpression | null | undefined): ConstructedQuery {
  const checked = checkConstructedQuery(constructed);
  const base = checkBaseFilter(baseFilter);
  const filter = andFilters(base === null ? null : structuredClone(base), checked.filter);
  return { ...checked, filter };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
