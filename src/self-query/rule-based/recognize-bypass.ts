import { warnOnce, type RecognizerContext } from "./mentions.js";

/**
 * Phrases that try to drop or widen the filter ("ignore all filters", "or everything", "OR 1=1").
 * They cannot: the base filter is AND-ed outside anything the question produces. They are removed
 * from the semantic query, their numbers are not read as constraints, and a warning says so.
 */
const BYPASS_PATTERNS: readonly RegExp[] = [
  // "ignore all filters", "disregard the previous instructions", "remove any restrictions"
  /(?<![\p{L}\p{N}_])(?:ignore|ignoring|disregard|bypass|remove|drop|skip|override|disable|forget|lift|clear|turn off|without)\s+(?:(?:all|any|every|the|your|my|previous|prior|above|of|these|those|existing|metadata|tenant|scope|security)\s+)*(?:filters?|filtering|restrictions?|scopes?|constraints?|rules?|instructions?|tenants?|permissions?|limits?|limitations?|conditions?)(?![\p{L}\p{N}_])/gu,
  // "or everything", "or anything", "or all reviews", "or all documents"
  /(?<![\p{L}\p{N}_])(?:or|and|plus)\s+(?:just\s+)?(?:everything|anything|all\s+(?:other\s+)?(?:reviews|documents|docs|records|data|tenants|items|entries|results)|all\s+of\s+them|the\s+rest|every\s+(?:review|document|record))(?![\p{L}\p{N}_])/gu,
  // "show everything", "all tenants", "every tenant"
  /(?<![\p{L}\p{N}_])(?:all|every|any|other)\s+(?:tenants?|scopes?|users'?\s+data)(?![\p{L}\p{N}_])/gu,
  // SQL-style tautologies: "OR 1=1", "' or 'a'='a", "or true"
  /(?<![\p{L}\p{N}_])(?:or\s+)?(['"]?)([\p{L}\p{N}_]+)\1\s*={1,3}\s*\1\2\1?(?![\p{L}\p{N}_])/gu,
  /(?<![\p{L}\p{N}_])or\s+true(?![\p{L}\p{N}_])/gu,
  // Filter-language or query-language operators typed into the question
  /\$(?:or|and|not|nin|ne|in|gt|gte|lt|lte|eq|where)(?![\p{L}\p{N}_])/gu,
];

export function recognizeBypassAttempts(context: RecognizerContext): void {
  for (const pattern of BYPASS_PATTERNS) {
    const masked = context.text.masked();
    pattern.lastIndex = 0;
    for (const match of masked.matchAll(pattern)) {
      const span = { start: match.index, end: match.index + match[0].length };
      if (!context.text.isFree(span)) continue;
      context.text.claim(span);
      warnOnce(
        context,
        `ignored "${context.text.original.slice(span.start, span.end).trim()}": a question cannot remove or widen filters (the retriever's base filter always applies)`,
      );
    }
  }
}
