import { defineAttributeSchema } from "../../../src/self-query/attribute-schema.js";

/**
 * Two schemas of phase 5's numbers fixer that no bench round uses, shared by its probes
 * (bench/self-query/probe-numbers-12.ts) and its regression tests (test/self-query/phrasing-classes-12-numbers.test.ts).
 */

/** Mountain huts I stayed at: two integers in metres (the hut's altitude, the approach's ascent), a bed count, a build year. */
export const huts = defineAttributeSchema({
  documentContents: "A mountain hut I stayed at, with my notes",
  attributes: [
    {
      name: "country",
      type: "enum",
      description: "Country",
      aliases: ["country"],
      values: ["Austria", "Switzerland", "Italy", "France"].map((value) => ({ value })),
    },
    {
      name: "altitude_m",
      type: "integer",
      description: "The height of the hut above sea level, in metres",
      aliases: ["altitude", "elevation", "height"],
      units: ["m", "metres", "meters"],
      minimum: 500,
      maximum: 4000,
    },
    {
      name: "approach_ascent_m",
      type: "integer",
      description: "The climb from the valley to the hut, in metres",
      aliases: ["approach", "ascent", "climb"],
      units: ["m", "metres", "meters"],
      minimum: 0,
      maximum: 2500,
    },
    {
      name: "beds",
      type: "integer",
      description: "How many people the hut sleeps",
      aliases: ["beds", "sleeps", "capacity"],
      units: ["beds", "bunks"],
      minimum: 4,
      maximum: 300,
    },
    {
      name: "price_per_night",
      type: "number",
      description: "Half board per night, in euros",
      aliases: ["price", "per night", "costs"],
      units: ["€", "euros", "EUR"],
      minimum: 20,
      maximum: 200,
    },
    { name: "stayed_on", type: "date", description: "The night I stayed", aliases: ["stayed", "slept there"], yearField: "stay_year" },
    {
      name: "built_year",
      type: "integer",
      description: "The year the hut was built",
      aliases: ["built", "opened"],
      minimum: 1850,
      maximum: 2026,
    },
    {
      name: "rating",
      type: "number",
      description: "My rating 0-5",
      aliases: ["rating", "rated"],
      units: ["stars", "/5"],
      minimum: 0,
      maximum: 5,
      quality: true,
    },
  ],
});

/** Tutoring sessions: a session date with its year field, a minutes duration, a class size in students, a fee, a score. */
export const tutoring = defineAttributeSchema({
  documentContents: "A tutoring session I taught, with my notes on it",
  attributes: [
    {
      name: "subject",
      type: "enum",
      description: "Subject",
      aliases: ["subject"],
      values: ["maths", "physics", "chemistry", "english"].map((value) => ({ value })),
    },
    {
      name: "session_date",
      type: "date",
      description: "The day of the session",
      aliases: ["held", "taught", "booked"],
      yearField: "session_year",
    },
    {
      name: "duration_minutes",
      type: "integer",
      description: "How long the session ran, in minutes",
      aliases: ["duration", "long", "length"],
      units: ["minutes", "minute", "mins", "min"],
      minimum: 15,
      maximum: 240,
    },
    {
      name: "class_size",
      type: "integer",
      description: "How many students attended",
      aliases: ["class size", "students"],
      units: ["students", "pupils", "kids"],
      minimum: 1,
      maximum: 30,
    },
    {
      name: "fee",
      type: "number",
      description: "The fee, in pounds",
      aliases: ["fee", "charged", "paid"],
      units: ["£", "pounds", "GBP"],
      minimum: 0,
    },
    {
      name: "score",
      type: "number",
      description: "How well it went, 1-10",
      aliases: ["score", "scored"],
      units: ["/10", "out of 10"],
      minimum: 1,
      maximum: 10,
      quality: true,
    },
  ],
});
