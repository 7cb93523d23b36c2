/** Shortest and longest collection names Chroma accepts. */
export const MIN_COLLECTION_NAME_LENGTH = 3;
export const MAX_COLLECTION_NAME_LENGTH = 512;

/** Chroma's rule: 3-512 characters from [a-zA-Z0-9._-], starting and ending with a letter or digit, no "..". */
const VALID_NAME = /^[a-zA-Z0-9](?:[a-zA-Z0-9._-]*[a-zA-Z0-9])?$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** True when Chroma accepts `name` as a collection name. */
export function isValidCollectionName(name: string): boolean {
  return (
    name.length >= MIN_COLLECTION_NAME_LENGTH &&
    name.length <= MAX_COLLECTION_NAME_LENGTH &&
    VALID_NAME.test(name) &&
    !name.includes("..") &&
    !IPV4.test(name)
  );
}

/** Why `name` is not a valid collection name, for error messages. */
export const COLLECTION_NAME_RULE = `3 to ${MAX_COLLECTION_NAME_LENGTH} characters from a-z, A-Z, 0-9, ".", "_" and "-", starting and ending with a letter or digit, without ".."`;

/**
 * A valid Chroma collection name built from parts (e.g. an index name and a fingerprint):
 * `retrievers-<part>-<part>`, other characters replaced by "-". Same parts, same name.
 */
export function chromaCollectionName(...parts: string[]): string {
  const cleaned = parts.map((part) => part.replace(/[^a-zA-Z0-9_-]+/g, "-").replace(/^-+|-+$/g, "")).filter((part) => part !== "");
  const name = ["retrievers", ...cleaned]
    .join("-")
    .slice(0, MAX_COLLECTION_NAME_LENGTH)
    .replace(/[^a-zA-Z0-9]+$/, "");
  return name;
}
