import { describe, expect, it } from "vitest";
import { defineAttributeSchema } from "../../src/self-query/attribute-schema.js";
import { RuleBasedQueryConstructor } from "../../src/self-query/rule-based-query-constructor.js";

/**
 * No constraint dropped silently: a field's words left unread where they look like a constraint get a warning naming
 * the field (rule-based/warn-unread-fields.ts). A schema no bench round uses: boat charters.
 */
const schema = defineAttributeSchema({
  documentContents: "A sailing boat offered for charter",
  attributes: [
    { name: "boat_type", type: "enum", description: "The kind of boat", values: [{ value: "catamaran" }, { value: "monohull" }] },
    {
      name: "cabins",
      type: "integer",
      description: "Number of sleeping cabins",
      aliases: ["cabins"],
      units: ["cabins", "cabin", "berths"],
      minimum: 1,
      maximum: 8,
    },
    {
      name: "price_band",
      type: "integer",
      description: "How expensive the charter is",
      minimum: 1,
      maximum: 3,
      values: [
        { value: 1, label: "budget", aliases: ["bargain"] },
        { value: 3, label: "luxury", aliases: ["lavish"] },
      ],
    },
    {
      name: "crewed",
      type: "boolean",
      description: "Whether a skipper and crew come with the boat",
      aliases: ["crewed", "skippered"],
      values: [{ value: false, aliases: ["bareboat"] }],
    },
    {
      name: "guest_rating",
      type: "number",
      description: "Average guest rating out of 5",
      aliases: ["guest rating", "reviewed"],
      units: ["stars", "star"],
      minimum: 1,
      maximum: 5,
    },
  ],
});
const reader = new RuleBasedQueryConstructor({ attributes: schema, now: () => new Date(Date.UTC(2026, 11, 1)) });
const unreadWarning = (question: string): string | undefined =>
  reader.constructSync(question).warnings.find((warning) => warning.startsWith("words for fields with no constraint read"));

describe("warnings for a field's words left unread", () => {
  it.each([
    ["reviewed by scarcely a handful of guests", undefined],
    ["boats that guests gave barely a single star", "guest_rating"],
    ["charters reviewed fewer than a dozen times by families", "guest_rating"],
  ])("%s", (question, field) => {
    const warning = unreadWarning(question);
    if (field === undefined) expect(warning).toBeUndefined();
    else expect(warning).toContain(`(${field})`);
  });

  it("names a value word of a number's named values even with no cue", () => {
    const built = reader.constructSync("a lavish-feeling catamaran, what do guests love about it");
    expect(built.filter).toEqual({ field: "boat_type", operator: "eq", value: "catamaran" });
    expect(unreadWarning("a lavish-feeling catamaran, what do guests love about it")).toContain('"lavish" (price_band)');
    // "lavishly" is not the alias "lavish": no warning from a word that only starts like one.
    expect(reader.constructSync("lavishly fitted catamarans for a honeymoon").warnings.join(" | ")).not.toContain("(price_band)");
  });

  it("says nothing of a field word without a cue, or of a field a constraint was read for", () => {
    expect(unreadWarning("what do guests say about the cabins on older monohulls")).toBeUndefined();
    const built = reader.constructSync("catamarans with at least 4 cabins, ideally with extra berths");
    expect(built.filter).toEqual({
      and: [
        { field: "boat_type", operator: "eq", value: "catamaran" },
        { field: "cabins", operator: "gte", value: 4 },
      ],
    });
    expect(built.warnings.some((warning) => warning.includes("(cabins)"))).toBe(false);
  });

  it("never counts a function word or a symbol as a field's word", () => {
    const withFunctionWords = defineAttributeSchema({
      documentContents: "A sailing boat offered for charter",
      attributes: [
        { name: "marina", type: "string", description: "Home marina", aliases: ["at", "from"], values: [{ value: "Split" }] },
        { name: "price", type: "number", description: "Price per week in euros", aliases: ["per week"], units: ["€"] },
      ],
    });
    const plain = new RuleBasedQueryConstructor({ attributes: withFunctionWords });
    expect(plain.constructSync("boats at anchor for more than two nights").warnings.join(" | ")).not.toContain("(marina)");
  });
});
