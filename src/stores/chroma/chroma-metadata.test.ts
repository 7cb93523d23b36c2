import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ErrorCodes } from "../../core/errors/error-codes.js";
import { CHROMA_EXTRA_METADATA_KEY, decodeChromaMetadata, encodeChromaMetadata } from "./chroma-metadata.js";

describe("Chroma metadata encoding", () => {
  it("stores scalars as they are and keeps arrays, objects and null as JSON under the reserved key", () => {
    const encoded = encodeChromaMetadata(
      { movie: 3, title: "x", good: true, tags: ["a", 1], loc: { lines: { from: 1, to: 2 } }, missing: null, skipped: undefined },
      "documents[0]",
    );
    expect(encoded.metadata).toEqual({
      movie: 3,
      title: "x",
      good: true,
      [CHROMA_EXTRA_METADATA_KEY]: JSON.stringify({ tags: ["a", 1], loc: { lines: { from: 1, to: 2 } }, missing: null }),
    });
    expect(encoded.arrayFields).toEqual(["tags"]);
  });

  it("encodes empty metadata as null (Chroma refuses empty objects)", () => {
    expect(encodeChromaMetadata({}, "documents[0]").metadata).toBeNull();
    expect(encodeChromaMetadata(undefined, "documents[0]").metadata).toBeNull();
  });

  it.each([
    [{ score: Number.NaN }, "documents[2].metadata.score"],
    [{ score: Number.POSITIVE_INFINITY }, "documents[2].metadata.score"],
    [{ [CHROMA_EXTRA_METADATA_KEY]: "x" }, `documents[2].metadata.${CHROMA_EXTRA_METADATA_KEY}`],
    [{ $where: 1 }, "documents[2].metadata.$where"],
    [{ "#document": "x" }, "documents[2].metadata.#document"],
    [{ when: new Date(0) }, "documents[2].metadata.when"],
    [{ big: 1n }, "documents[2].metadata.big"],
  ])("refuses %o naming the field", (metadata, option) => {
    let caught: unknown;
    try {
      encodeChromaMetadata(metadata as Record<string, unknown>, "documents[2]");
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: ErrorCodes.INVALID_OPTION, option });
  });

  it("round-trips any JSON metadata (property)", () => {
    const scalar = fc.oneof(
      fc.string(),
      fc.boolean(),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((value) => !Object.is(value, -0)),
    );
    const json = fc.jsonValue().filter((value) => JSON.stringify(value) !== undefined);
    const key = fc
      .string({ minLength: 1 })
      .filter(
        (name) =>
          !name.startsWith("$") &&
          !name.startsWith("#") &&
          !name.startsWith("chroma:") &&
          name !== CHROMA_EXTRA_METADATA_KEY &&
          name !== "__proto__",
      );
    fc.assert(
      fc.property(fc.dictionary(key, fc.oneof(scalar, json, fc.constant(null))), (metadata) => {
        const normalized = JSON.parse(JSON.stringify(metadata)) as Record<string, unknown>;
        const encoded = encodeChromaMetadata(normalized, "documents[0]");
        expect(decodeChromaMetadata(encoded.metadata)).toEqual(normalized);
      }),
    );
  });
});
