import { describe, expect, it } from "vitest";
import { compileFilter as coreCompileFilter } from "../core/index.js";
import { compileFilter, toMetadataPredicate } from "./in-memory.js";

describe("toMetadataPredicate", () => {
  it("is compileFilter for a filter", () => {
    expect(compileFilter).toBe(coreCompileFilter);
    const predicate = toMetadataPredicate({
      or: [
        { field: "movie", operator: "eq", value: 5 },
        { field: "movie", operator: "eq", value: 6 },
      ],
    });
    expect([1, 2, 3, 4].map((movie) => predicate({ movie }))).toEqual([false, false, false, false]);
    expect(predicate({ movie: 6 })).toBe(true);
  });

  it("matches everything without a filter", () => {
    expect(toMetadataPredicate(null)({})).toBe(true);
    expect(toMetadataPredicate(undefined)({ movie: 1 })).toBe(true);
  });
});
