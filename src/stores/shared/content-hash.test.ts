import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json.js";
import { contentHashId } from "./content-hash.js";

describe("canonicalJson", () => {
  it("sorts keys at every level and keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 1, e: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"e":2,"f":1}]},"b":1}');
  });

  it("follows JSON.stringify for dates, undefined and non-finite numbers", () => {
    expect(canonicalJson({ when: new Date(0), gone: undefined, list: [undefined, Number.NaN] })).toBe(
      '{"list":[null,null],"when":"1970-01-01T00:00:00.000Z"}',
    );
  });

  it("parses back to a value equal to the input for JSON data", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it("throws on circular structures", () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => canonicalJson(circular)).toThrow(TypeError);
  });
});

describe("contentHashId", () => {
  it("is a SHA-256 hex string, stable across key order", () => {
    const id = contentHashId({ pageContent: "hello", metadata: { a: 1, b: [1, 2] } });
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(contentHashId({ pageContent: "hello", metadata: { b: [1, 2], a: 1 } })).toBe(id);
  });

  it("differs when the text or the metadata differ", () => {
    const base = contentHashId({ pageContent: "hello", metadata: { a: 1 } });
    expect(contentHashId({ pageContent: "hello!", metadata: { a: 1 } })).not.toBe(base);
    expect(contentHashId({ pageContent: "hello", metadata: { a: 2 } })).not.toBe(base);
    expect(contentHashId({ pageContent: "hello" })).toBe(contentHashId({ pageContent: "hello", metadata: {} }));
  });

  it("does not confuse text with metadata", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (left, right) => {
        fc.pre(left !== right);
        expect(contentHashId({ pageContent: left, metadata: { x: right } })).not.toBe(
          contentHashId({ pageContent: right, metadata: { x: left } }),
        );
      }),
    );
  });
});
