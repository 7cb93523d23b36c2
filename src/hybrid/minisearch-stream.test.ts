import MiniSearch from "minisearch";
import { describe, expect, it } from "vitest";
import { IndexAssembler, serializeIndex, type IndexPart } from "./minisearch-stream.js";

interface Row {
  id: string;
  text: string;
  title: string;
}

const options = { fields: ["text", "title"], storeFields: ["title"] };
const words = ["fight", "dog", "hotel", "pencil", "car", "revenge", "suit", "coin", "church", "tailor"];

function sampleIndex(): MiniSearch<Row> {
  const index = new MiniSearch<Row>(options);
  const rows = Array.from({ length: 40 }, (_, position) => ({
    id: `r${position}`,
    text: `${words[position % 10]} ${words[(position * 7) % 10]} number${position}`,
    title: words[(position * 3) % 10] as string,
  }));
  index.addAll(rows);
  index.discard("r5");
  index.remove(rows[6] as Row);
  return index;
}

function reassemble(parts: IndexPart[]): Record<string, unknown> {
  const plain: Record<string, unknown> & {
    documentIds: Record<string, unknown>;
    fieldLength: Record<string, unknown>;
    storedFields: Record<string, unknown>;
    index: unknown[];
  } = { documentIds: {}, fieldLength: {}, storedFields: {}, index: [] };
  for (const [kind, payload] of parts) {
    if (kind === "index") Object.assign(plain, payload);
    else if (kind === "terms") plain.index.push(...payload);
    else for (const [key, value] of payload) plain[kind][key] = value;
  }
  return plain;
}

/** As JSON, terms sorted (a radix tree rebuilt from parts may iterate its terms in another order). */
const asJson = (value: unknown) => {
  const plain = JSON.parse(JSON.stringify(value)) as { index: Array<[string, unknown]> };
  plain.index.sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
  return plain;
};

describe("MiniSearch streaming serialization", () => {
  it("writes the live postings part by part, equal to toJSON", () => {
    const index = sampleIndex();
    const parts = [...serializeIndex(index, 3, 5)];
    expect(parts.filter(([kind]) => kind === "terms").length).toBeGreaterThan(2);
    expect(asJson(reassemble(parts))).toEqual(asJson(index.toJSON()));
  });

  it("falls back to toJSON for an index whose internals it does not recognise", () => {
    const index = sampleIndex();
    const opaque = { toJSON: () => index.toJSON() } as unknown as MiniSearch<Row>;
    expect(asJson(reassemble([...serializeIndex(opaque, 3, 5)]))).toEqual(asJson(index.toJSON()));
  });

  it("assembles parts into an index that searches like the original", () => {
    const index = sampleIndex();
    const assembler = new IndexAssembler<Row>((plain) => MiniSearch.loadJS(plain, options));
    for (const part of serializeIndex(index, 3, 5)) assembler.add(part);
    const loaded = assembler.finish();
    expect(asJson(loaded.toJSON())).toEqual(asJson(index.toJSON()));
    for (const question of ["fight dog", "hotel", "number12 tailor"]) expect(loaded.search(question)).toEqual(index.search(question));
    expect(() => assembler.add(["documentIds", [["1", "x"]]])).toThrow(/after the terms/);
  });
});
