import { describe, expect, it } from "vitest";
import { defineAttributeSchema } from "../../src/self-query/attribute-schema.js";
import { DEFAULT_MAXIMUM_LIMIT, RuleBasedQueryConstructor } from "../../src/self-query/rule-based-query-constructor.js";
import { assembleQuery, prepareReading, recognizeQuestion } from "../../src/self-query/rule-based/pipeline.js";

/**
 * The two internal steps of the rule-based constructor (recognise, then assemble): `constructSync` is exactly their
 * composition, and the context a recognition returns can be assembled again with fewer mentions (what the bench's
 * experiments do) without being changed by the first assembly.
 */
const schema = defineAttributeSchema({
  documentContents: "A bicycle for sale in a bike shop",
  attributes: [
    {
      name: "frame",
      type: "enum",
      description: "The kind of bicycle",
      values: [{ value: "road" }, { value: "gravel" }, { value: "mountain" }, { value: "cargo" }],
    },
    { name: "price", type: "number", description: "Price in euros", aliases: ["price", "costing"], units: ["€", "euros"], minimum: 0 },
    { name: "electric", type: "boolean", description: "Whether it has a motor", aliases: ["electric", "e-bike"] },
  ],
});
const now = new Date(Date.UTC(2026, 11, 1));
const questions = [
  "gravel bikes under €1,500 that are comfortable on long rides",
  "electric cargo bikes, top 3",
  "which frame geometry suits a tall rider",
  "anything but road bikes costing at least 800 euros",
];

describe("rule-based pipeline steps", () => {
  const reading = prepareReading(schema, DEFAULT_MAXIMUM_LIMIT, []);
  const reader = new RuleBasedQueryConstructor({ attributes: schema, now: () => now });

  it.each(questions)("recognise + assemble builds what constructSync builds: %s", (question) => {
    expect(assembleQuery(recognizeQuestion(question, reading, now), reading)).toEqual(reader.constructSync(question));
  });

  it("assembles a context again with a subset of its mentions, leaving the context as it was", () => {
    const context = recognizeQuestion("gravel bikes under €1,500 that are comfortable on long rides", reading, now);
    expect(context.mentions.map((mention) => mention.field).sort()).toEqual(["frame", "price"]);
    const warningsBefore = [...context.warnings];
    const all = assembleQuery(context, reading);
    const priceOnly = assembleQuery(
      context,
      reading,
      context.mentions.filter((mention) => mention.field === "price"),
    );
    const none = assembleQuery(context, reading, []);
    expect(all.filter).toEqual({
      and: [
        { field: "frame", operator: "eq", value: "gravel" },
        { field: "price", operator: "lt", value: 1500 },
      ],
    });
    expect(priceOnly.filter).toEqual({ field: "price", operator: "lt", value: 1500 });
    expect(none.filter).toBeNull();
    expect(context.warnings).toEqual(warningsBefore);
    expect(all.query).toBe(none.query);
  });
});
