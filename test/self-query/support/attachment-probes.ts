import { defineAttributeSchema, type AttributeSchema } from "../../../src/self-query/attribute-schema.js";

/**
 * Probe questions of the precision fixer (phase 5 of issue #12, attachment), written before any rule change: a value
 * word, a number with a unit or a date said of something other than the documents (a part of the thing, a fixture, a
 * bill, a person, an animal, another event), and controls of the same shapes where the value modifies the head of the
 * noun phrase the question asks for, even a head noun the schema does not know ("walks", "stuff", "work"). Two schemas
 * of its own (campsites in a camping guide, courses of a language school) and the bench's schemas.
 */
export const campsites: AttributeSchema = defineAttributeSchema({
  documentContents: "A campsite in my camping guide, with the warden's notes",
  attributes: [
    {
      name: "site_type",
      type: "enum",
      description: "The kind of pitch or accommodation",
      aliases: ["type", "kind"],
      values: [
        { value: "tent", aliases: ["tent pitch"] },
        { value: "caravan", aliases: ["campervan", "motorhome"] },
        { value: "cabin", aliases: ["hut"] },
        { value: "yurt" },
      ],
    },
    {
      name: "region",
      type: "enum",
      description: "The region the campsite is in",
      aliases: ["region", "in"],
      values: ["Cornwall", "Devon", "Norfolk", "Skye"].map((value) => ({ value })),
    },
    {
      name: "noise_level",
      type: "enum",
      description: "How quiet the site is at night",
      aliases: ["noise"],
      values: [{ value: "quiet", aliases: ["peaceful"] }, { value: "lively" }],
    },
    { name: "dog_friendly", type: "boolean", description: "Dogs are allowed", aliases: ["dog-friendly", "dogs allowed"] },
    { name: "electric_hookup", type: "boolean", description: "Pitches have an electric hookup", aliases: ["electric hookup", "hookup"] },
    { name: "campfires", type: "boolean", description: "Campfires are allowed", aliases: ["campfires allowed", "campfires"] },
    {
      name: "price_per_night",
      type: "number",
      description: "The price of a pitch per night, in pounds",
      aliases: ["price", "per night", "costs", "costing"],
      units: ["£", "pounds"],
      minimum: 0,
      maximum: 500,
    },
    {
      name: "max_people",
      type: "integer",
      description: "How many people a pitch sleeps",
      aliases: ["sleeps", "sleep", "people"],
      minimum: 1,
      maximum: 20,
    },
    {
      name: "rating",
      type: "number",
      description: "My rating of the site, 1 to 10",
      aliases: ["rated", "rating"],
      units: ["/10", "out of 10"],
      minimum: 1,
      maximum: 10,
      quality: true,
    },
    { name: "last_stayed", type: "date", description: "When I last stayed there", aliases: ["stayed", "camped"], yearField: "stayed_year" },
  ],
});

export const languageCourses: AttributeSchema = defineAttributeSchema({
  documentContents: "A language course offered by a language school",
  attributes: [
    {
      name: "language",
      type: "enum",
      description: "The language taught",
      aliases: ["language"],
      values: ["Spanish", "French", "German", "Japanese", "Italian"].map((value) => ({ value })),
    },
    {
      name: "level",
      type: "enum",
      description: "The level of the course",
      aliases: ["level"],
      values: [{ value: "beginner", aliases: ["beginners"] }, { value: "intermediate" }, { value: "advanced" }],
    },
    {
      name: "format",
      type: "enum",
      description: "How the course is taught",
      aliases: ["format"],
      values: [{ value: "online" }, { value: "in person", aliases: ["in-person", "classroom"] }],
    },
    {
      name: "city",
      type: "enum",
      description: "The city of the school",
      aliases: ["city", "in"],
      values: ["Madrid", "Lyon", "Berlin", "Kyoto"].map((value) => ({ value })),
    },
    {
      name: "price",
      type: "number",
      description: "The course fee in euros",
      aliases: ["price", "fee", "costs", "costing"],
      units: ["€", "euros"],
      minimum: 0,
      maximum: 5000,
    },
    {
      name: "hours",
      type: "integer",
      description: "Teaching hours in total",
      aliases: ["hours of teaching", "teaching hours"],
      units: ["hours", "hour", "h"],
      minimum: 1,
      maximum: 500,
    },
    {
      name: "class_size",
      type: "integer",
      description: "The largest number of students in a class",
      aliases: ["class size", "students"],
      minimum: 1,
      maximum: 40,
    },
    {
      name: "start_date",
      type: "date",
      description: "When the course starts",
      aliases: ["starts", "starting", "start"],
      yearField: "start_year",
    },
  ],
});

/** A probe: the schema's name, the family, the question and the filter it must select like (null: none). */
export interface AttachmentProbe {
  schema: string;
  family: "other-thing" | "control";
  question: string;
  filter: Record<string, unknown> | null;
}

const day = (year: number, month: number, date: number) => Date.UTC(year, month - 1, date) / 86_400_000;

/** Written before the first run (phase 5). */
export const ATTACHMENT_PROBES: readonly AttachmentProbe[] = [
  // Bench schemas: said of something else.
  {
    schema: "real-estate",
    family: "other-thing",
    question: "houses where the roof was redone in 2019",
    filter: { property_type: "house" },
  },
  { schema: "real-estate", family: "other-thing", question: "a home whose gas bill stays below $80 a month", filter: null },
  {
    schema: "real-estate",
    family: "other-thing",
    question: "condos with a balcony of at least 100 square feet",
    filter: { property_type: "condo" },
  },
  { schema: "real-estate", family: "other-thing", question: "a place with a bunk room that sleeps 6 kids", filter: null },
  { schema: "real-estate", family: "other-thing", question: "homes near a school that was rated 9 out of 10", filter: null },
  { schema: "products", family: "other-thing", question: "a phone my dad can figure out", filter: { category: "phone" } },
  {
    schema: "products",
    family: "other-thing",
    question: "headphones whose case charges in under an hour",
    filter: { category: "headphones" },
  },
  {
    schema: "products",
    family: "other-thing",
    question: "a speaker loud enough for a room of 40 square meters",
    filter: { category: "speaker" },
  },
  { schema: "jobs", family: "other-thing", question: "marketing jobs at firms founded over 30 years ago", filter: null },
  { schema: "jobs", family: "other-thing", question: "jobs at a startup whose ceo spent 10 years at google", filter: null },
  { schema: "jobs", family: "other-thing", question: "work where the team ships a release every 2 weeks", filter: null },
  { schema: "trails", family: "other-thing", question: "hikes past a castle built in 1300", filter: null },
  { schema: "trails", family: "other-thing", question: "walks where the waterfall drops 50 metres into a gorge", filter: null },
  { schema: "trails", family: "other-thing", question: "a path where the farmer's sheep graze from April", filter: null },
  // Bench schemas: the documents' own (controls).
  {
    schema: "jobs",
    family: "control",
    question: "junior positions not in munich",
    filter: { seniority: "junior", city: { ne: "Munich" } },
  },
  {
    schema: "jobs",
    family: "control",
    question: "lisbon-based lead work paying over 80k",
    filter: { seniority: "lead", city: "Lisbon", salary: { gt: 80000 } },
  },
  {
    schema: "trails",
    family: "control",
    question: "challenging walks in the dales",
    filter: { difficulty: "strenuous", region: "Yorkshire Dales" },
  },
  {
    schema: "trails",
    family: "control",
    question: "linear hikes in snowdonia",
    filter: { route_type: "point to point", region: "Snowdonia" },
  },
  { schema: "trails", family: "control", question: "gentle rambles under 8 km", filter: { difficulty: "easy", distance_km: { lt: 8 } } },
  {
    schema: "products",
    family: "control",
    question: "a tablet my kids can share, under $300",
    filter: { category: "tablet", price: { lt: 300 } },
  },
  {
    schema: "real-estate",
    family: "control",
    question: "lofts in Denver we could move into this spring, under $500k",
    filter: { property_type: "loft", city: "Denver", price: { lt: 500000 } },
  },
  {
    schema: "real-estate",
    family: "control",
    question: "studios not in Miami",
    filter: { property_type: "studio", city: { ne: "Miami" } },
  },
  // Own schemas: said of something else.
  { schema: "campsites", family: "other-thing", question: "a campsite near a pub that has been open for 200 years", filter: null },
  { schema: "campsites", family: "other-thing", question: "somewhere to camp where the shower block was rebuilt in 2024", filter: null },
  { schema: "campsites", family: "other-thing", question: "sites where the farm shop charges £5 for firewood", filter: null },
  { schema: "campsites", family: "other-thing", question: "a site with a cabin bed for the kids", filter: null },
  { schema: "campsites", family: "other-thing", question: "the campsite where a fox stole our sausages in 2023", filter: null },
  { schema: "campsites", family: "other-thing", question: "a farm site whose cows give 30 litres of milk a day", filter: null },
  { schema: "campsites", family: "other-thing", question: "campsites next to a lake of 40 acres", filter: null },
  { schema: "courses", family: "other-thing", question: "a course for my Spanish neighbour who wants to learn English", filter: null },
  { schema: "courses", family: "other-thing", question: "courses where the teacher lived in Kyoto for 10 years", filter: null },
  { schema: "courses", family: "other-thing", question: "courses that fit around a job of 40 hours a week", filter: null },
  { schema: "courses", family: "other-thing", question: "schools in a building that opened in 1990", filter: null },
  // Own schemas: the documents' own (controls).
  {
    schema: "campsites",
    family: "control",
    question: "dog-friendly yurts in Cornwall",
    filter: { dog_friendly: true, site_type: "yurt", region: "Cornwall" },
  },
  {
    schema: "campsites",
    family: "control",
    question: "peaceful pitches not in Devon",
    filter: { noise_level: "quiet", region: { ne: "Devon" } },
  },
  {
    schema: "campsites",
    family: "control",
    question: "cabins in Skye under £60 a night",
    filter: { site_type: "cabin", region: "Skye", price_per_night: { lt: 60 } },
  },
  {
    schema: "campsites",
    family: "control",
    question: "lively spots where campfires are allowed",
    filter: { noise_level: "lively", campfires: true },
  },
  {
    schema: "campsites",
    family: "control",
    question: "yurts I stayed in during 2025",
    filter: { site_type: "yurt", stayed_year: 2025 },
  },
  {
    schema: "courses",
    family: "control",
    question: "Japanese courses of at least 60 hours",
    filter: { language: "Japanese", hours: { gte: 60 } },
  },
  {
    schema: "courses",
    family: "control",
    question: "online Italian stuff under €200",
    filter: { format: "online", language: "Italian", price: { lt: 200 } },
  },
  {
    schema: "courses",
    family: "control",
    question: "intermediate German not in Berlin",
    filter: { level: "intermediate", language: "German", city: { ne: "Berlin" } },
  },
  { schema: "courses", family: "control", question: "advanced classes in Lyon", filter: { level: "advanced", city: "Lyon" } },
  {
    schema: "courses",
    family: "control",
    question: "French courses with at most 8 students",
    filter: { language: "French", class_size: { lte: 8 } },
  },
  {
    schema: "courses",
    family: "control",
    question: "beginner Spanish classes in Madrid starting in March 2027",
    filter: { level: "beginner", language: "Spanish", city: "Madrid", start_date: { gte: day(2027, 3, 1), lte: day(2027, 3, 31) } },
  },
];

/** Written after the fixes and before running them (the nearest these probes come to a held-out measure). */
export const ATTACHMENT_PROBES_2: readonly AttachmentProbe[] = [
  { schema: "real-estate", family: "other-thing", question: "houses whose porch was added in 2015", filter: { property_type: "house" } },
  {
    schema: "real-estate",
    family: "other-thing",
    question: "a condo with a kitchen of at least 200 square feet",
    filter: { property_type: "condo" },
  },
  {
    schema: "real-estate",
    family: "other-thing",
    question: "a flat near a river that floods every 3 years",
    filter: { property_type: "apartment" },
  },
  { schema: "products", family: "other-thing", question: "phones whose charger costs over $30", filter: { category: "phone" } },
  { schema: "jobs", family: "other-thing", question: "mid-level roles at agencies founded in 2010", filter: { seniority: "mid" } },
  { schema: "trails", family: "other-thing", question: "routes past a lake that freezes over in January", filter: null },
  { schema: "tracks", family: "other-thing", question: "songs about a dog that lived 15 years", filter: null },
  { schema: "jobs", family: "control", question: "junior stuff in Vienna", filter: { seniority: "junior", city: "Vienna" } },
  { schema: "jobs", family: "control", question: "senior work not in paris", filter: { seniority: "senior", city: { ne: "Paris" } } },
  {
    schema: "trails",
    family: "control",
    question: "technical scrambles in the dolomites",
    filter: { difficulty: "expert", region: "Dolomites" },
  },
  { schema: "trails", family: "control", question: "circuit walks where the sheep outnumber the people", filter: { route_type: "loop" } },
  {
    schema: "campsites",
    family: "other-thing",
    question: "quiet pitches near a farm whose pigs escape in summer",
    filter: { noise_level: "quiet" },
  },
  { schema: "campsites", family: "other-thing", question: "cabins with a sofa bed for 2", filter: { site_type: "cabin" } },
  { schema: "campsites", family: "other-thing", question: "Skye sheep on the road to the site", filter: null },
  { schema: "courses", family: "other-thing", question: "Japanese classes where the textbook costs €40", filter: { language: "Japanese" } },
  { schema: "courses", family: "other-thing", question: "courses in a school whose cat is 12 years old", filter: null },
  { schema: "courses", family: "control", question: "advanced stuff my boss would pay for", filter: { level: "advanced" } },
  {
    schema: "campsites",
    family: "control",
    question: "lively yurts not in Skye",
    filter: { noise_level: "lively", site_type: "yurt", region: { ne: "Skye" } },
  },
];
