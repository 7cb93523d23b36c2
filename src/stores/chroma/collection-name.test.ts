import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { chromaCollectionName, isValidCollectionName } from "./collection-name.js";

describe("Chroma collection names", () => {
  it("accepts Chroma's valid names and refuses the others", () => {
    expect(isValidCollectionName("retrievers-documents-0123abcd")).toBe(true);
    expect(isValidCollectionName("a.b_c-d")).toBe(true);
    for (const name of ["ab", "-abc", "abc-", "a..b", "has space", "192.168.1.1", "x".repeat(513)])
      expect(isValidCollectionName(name)).toBe(false);
  });

  it("builds stable valid names from an index name and a fingerprint", () => {
    expect(chromaCollectionName("children-200-0", "0123456789abcdef")).toBe("retrievers-children-200-0-0123456789abcdef");
    expect(chromaCollectionName("a b/c", "f00")).toBe("retrievers-a-b-c-f00");
  });

  it("always yields a valid name (property)", () => {
    fc.assert(fc.property(fc.array(fc.string(), { maxLength: 4 }), (parts) => isValidCollectionName(chromaCollectionName(...parts))));
  });
});
