import { describe, expect, it } from "vitest";
import { defineAttributeSchema } from "../../src/self-query/attribute-schema.js";
import { DEFAULT_MAXIMUM_LIMIT, RuleBasedQueryConstructor } from "../../src/self-query/rule-based-query-constructor.js";
import type { RecognizerContext } from "../../src/self-query/rule-based/mentions.js";
import { prepareReading } from "../../src/self-query/rule-based/pipeline.js";
import { QuestionText } from "../../src/self-query/rule-based/question-text.js";
import { warnUnreadFields } from "../../src/self-query/rule-based/warn-unread-fields.js";

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
const reading = prepareReading(schema, DEFAULT_MAXIMUM_LIMIT, []);
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

  it("names a value word of a yes/no field or a named number even with no cue", () => {
    // Straight on the pass, with no mention read before it (the recognisers would read some of these).
    const warningsOf = (question: string): string[] => {
      const context: RecognizerContext = {
        text: new QuestionText(question),
        schema: reading.schema,
        mentions: [],
        warnings: [],
        limit: undefined,
        maximumLimit: DEFAULT_MAXIMUM_LIMIT,
        stopWords: reading.stopWords,
        now: new Date(Date.UTC(2026, 11, 1)),
        governed: [],
      };
      warnUnreadFields(context);
      return context.warnings;
    };
    expect(warningsOf("a lavish-feeling catamaran, what do guests love about it")).toEqual([
      'words for fields with no constraint read (kept in the semantic query): "lavish" (price_band)',
    ]);
    expect(warningsOf("bareboat trips for experienced sailors")).toEqual([
      'words for fields with no constraint read (kept in the semantic query): "bareboat" (crewed)',
    ]);
    // "lavishly" is not the alias "lavish": no warning from a word that only starts like one.
    expect(warningsOf("lavishly fitted catamarans for a honeymoon")).toEqual([]);
    // An alias of a number's field without a cue says nothing.
    expect(warningsOf("what do guests say about the cabins")).toEqual([]);
  });

  it("reads no count of occasions on a bounded scale ('reviewed fewer than a dozen times' is no rating)", () => {
    expect(reader.constructSync("charters reviewed fewer than a dozen times by families").filter).toBeNull();
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
