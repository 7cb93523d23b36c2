import { compileFilter, type MetadataPredicate } from "../core/filter/compile-filter.js";
import type { FilterExpression } from "../core/filter/filter-schema.js";

/**
 * The in-memory translation of the filter language: a predicate over a document's metadata. It is
 * `compileFilter` (the reference semantics every other translator is tested against); no filter
 * gives a predicate that matches everything.
 */
export function toMetadataPredicate(filter: FilterExpression | null | undefined): MetadataPredicate {
  if (filter == null) return matchEverything;
  return compileFilter(filter);
}

const matchEverything: MetadataPredicate = () => true;

export { compileFilter, type MetadataPredicate };
