/**
 * JSON with object keys sorted at every level, so two values that are equal as data give the same
 * text whatever order their keys were written in. Used for content-hash ids and filter cache keys.
 *
 * Follows `JSON.stringify` for everything else: `toJSON` is honoured (dates become ISO strings),
 * `undefined`, functions and symbols are dropped from objects and become `null` in arrays, and
 * non-finite numbers become `null`. Throws `TypeError` on a bigint or a circular structure, as
 * `JSON.stringify` does.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value, new Set())) ?? "null";
}

function sortKeys(value: unknown, ancestors: Set<object>): unknown {
  if (value === null || typeof value !== "object") return value;
  const withJson = value as { toJSON?: unknown };
  if (typeof withJson.toJSON === "function") return sortKeys((withJson.toJSON as () => unknown).call(value), ancestors);
  if (ancestors.has(value)) throw new TypeError("canonicalJson: circular structure");
  ancestors.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => sortKeys(item, ancestors));
    // A null prototype keeps a "__proto__" key as an ordinary property.
    const sorted: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key], ancestors);
    return sorted;
  } finally {
    ancestors.delete(value);
  }
}
