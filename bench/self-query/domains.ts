/**
 * The three domains of the self-query question sets (bench/self-query/questions/*.jsonl): their
 * attribute schemas as a user would declare them, and the resolution of each numeric field (the
 * smallest step between two values the data can hold), which the record grid uses.
 */
import { buildVocabulary, defineAttributeSchema, type AttributeSchema } from "../../src/self-query/attribute-schema.js";
import { johnWickAttributes } from "../../src/datasets/john-wick/attributes.js";

export interface BenchDomain {
  name: string;
  file: string;
  schema: AttributeSchema;
  /** Smallest difference between two values of a numeric field (1 for whole numbers). */
  steps: Record<string, number>;
}

/** Author names of the John Wick question set (read from "documents" as `buildVocabulary` does). */
const JOHN_WICK_AUTHORS = [
  "Brandon Keyes",
  "grindhouse_gal",
  "Mateo Ruiz",
  "filmbuff88",
  "Priya Natarajan",
  "ColdOpen",
  "Leah Simmons",
  "quietviewer",
];

export function johnWickDomain(): BenchDomain {
  return {
    name: "john-wick",
    file: "john-wick.jsonl",
    schema: buildVocabulary(
      JOHN_WICK_AUTHORS.map((Author) => ({ metadata: { Author } })),
      johnWickAttributes(),
    ),
    steps: { Rating: 1, review_day: 1, review_year: 1 },
  };
}

/** The product catalog of data/products (the schema agreed between helpers). */
export function productsDomain(): BenchDomain {
  return {
    name: "products",
    file: "products.jsonl",
    schema: defineAttributeSchema({
      documentContents: "A product in an electronics catalog",
      attributes: [
        {
          name: "category",
          type: "enum",
          description: "The kind of product",
          aliases: ["category", "kind", "type"],
          values: ["laptop", "tablet", "phone", "headphones", "speaker", "monitor", "keyboard", "camera", "smartwatch", "router"].map(
            (value) => ({ value }),
          ),
        },
        {
          name: "brand",
          type: "string",
          description: "The brand that makes the product",
          aliases: ["brand", "maker", "made by", "manufacturer"],
          values: ["Acme", "Northwind", "Lumen", "Vireo", "Kestrel", "Orbit", "Halcyon", "Tessel"].map((value) => ({ value })),
        },
        {
          name: "price",
          type: "number",
          description: "The price in US dollars",
          aliases: ["price", "priced", "cost", "costs", "costing"],
          units: ["$", "USD", "dollars", "dollar", "bucks"],
          minimum: 0,
        },
        {
          name: "rating",
          type: "number",
          description: "The average customer rating, 1.0 to 5.0",
          aliases: ["rating", "rated", "score", "stars"],
          units: ["stars", "star", "/5", "out of 5"],
          minimum: 1,
          maximum: 5,
          quality: true,
        },
        {
          name: "release_date",
          type: "date",
          description: "The date the product was released",
          aliases: ["released", "release", "launched", "came out"],
          yearField: "release_year",
        },
        {
          name: "in_stock",
          type: "boolean",
          description: "Whether the product is in stock",
          aliases: ["in stock", "available"],
          values: [{ value: false, aliases: ["out of stock", "sold out", "unavailable"] }],
        },
      ],
    }),
    steps: { price: 0.01, rating: 0.1, release_date: 1, release_year: 1 },
  };
}

/** Real-estate listings (a domain designed for this benchmark). */
export function realEstateDomain(): BenchDomain {
  return {
    name: "real-estate",
    file: "real-estate.jsonl",
    schema: defineAttributeSchema({
      documentContents: "A real-estate listing of a home for sale",
      attributes: [
        {
          name: "city",
          type: "enum",
          description: "The city the property is in",
          aliases: ["city", "in"],
          values: ["Austin", "Denver", "Portland", "Boston", "Miami", "Seattle", "San José", "Albuquerque"].map((value) => ({ value })),
        },
        {
          name: "property_type",
          type: "enum",
          description: "The kind of property",
          aliases: ["type", "property type"],
          values: [
            { value: "apartment", aliases: ["flat"] },
            { value: "house", aliases: ["single-family home"] },
            { value: "condo", label: "condominium" },
            { value: "townhouse", aliases: ["townhome"] },
            { value: "studio" },
            { value: "loft" },
          ],
        },
        {
          name: "bedrooms",
          type: "integer",
          description: "The number of bedrooms",
          aliases: ["bedrooms", "bedroom", "beds", "bed"],
          units: ["bedrooms", "bedroom", "beds", "bed", "br", "bd"],
          minimum: 0,
          maximum: 8,
        },
        {
          name: "price",
          type: "number",
          description: "The asking price in US dollars",
          aliases: ["price", "priced", "asking", "cost", "costs"],
          units: ["$", "USD", "dollars"],
          minimum: 0,
        },
        {
          name: "square_feet",
          type: "integer",
          description: "The living area in square feet",
          aliases: ["size", "area", "living area"],
          units: ["sq ft", "sqft", "square feet", "sq. ft.", "ft²"],
          minimum: 0,
        },
        {
          name: "listed_date",
          type: "date",
          description: "The date the listing was published",
          aliases: ["listed", "posted", "on the market"],
          yearField: "listed_year",
        },
        {
          name: "pet_friendly",
          type: "boolean",
          description: "Whether pets are allowed",
          aliases: ["pet-friendly", "pets allowed", "allow pets", "allows pets", "dog-friendly", "cat-friendly"],
          values: [{ value: false, aliases: ["no pets", "no pets allowed"] }],
        },
        {
          name: "agent",
          type: "string",
          description: "The listing agent",
          aliases: ["agent", "realtor", "listed by"],
          values: ["Maria Lopez", "Dan Whitaker", "Keiko Tanaka", "Olu Adeyemi", "Sam O'Brien", "Renée Dubois"].map((value) => ({ value })),
        },
      ],
    }),
    steps: { bedrooms: 1, price: 0.01, square_feet: 1, listed_date: 1, listed_year: 1 },
  };
}

export function benchDomains(): BenchDomain[] {
  return [johnWickDomain(), productsDomain(), realEstateDomain()];
}

/** Company names of the job postings (read from "documents" as `buildVocabulary` does). */
const JOB_COMPANIES = [
  "Brightwave",
  "Cobalt Systems",
  "Fjordline",
  "Helix Bio",
  "Papaya Pay",
  "Quillmark",
  "Sundial Health",
  "Tern Mobility",
];

/**
 * Job postings (a fourth domain, first used by held-out round 5): salaries in euros, a remote yes/no,
 * seniority and employment-type enums, European cities (some with accents or local names), required
 * years of experience, a posting date and a company vocabulary read from the documents.
 */
export function jobsDomain(): BenchDomain {
  return {
    name: "jobs",
    file: "jobs.jsonl",
    schema: buildVocabulary(
      JOB_COMPANIES.map((company) => ({ metadata: { company } })),
      defineAttributeSchema({
        documentContents: "A job posting",
        attributes: [
          {
            name: "company",
            type: "string",
            description: "The company that is hiring",
            aliases: ["company", "employer", "at", "working at", "working for"],
            vocabularyFromDocuments: true,
          },
          {
            name: "city",
            type: "enum",
            description: "The city of the office the job belongs to",
            aliases: ["city", "in", "based in", "located in"],
            values: [
              { value: "Berlin" },
              { value: "Munich", aliases: ["München"] },
              { value: "Amsterdam" },
              { value: "Paris" },
              { value: "Lisbon" },
              { value: "Barcelona" },
              { value: "Dublin" },
              { value: "Vienna", aliases: ["Wien"] },
              { value: "Málaga" },
            ],
          },
          {
            name: "seniority",
            type: "enum",
            description: "The seniority level of the position",
            aliases: ["seniority", "level"],
            values: [
              { value: "intern", label: "internship", aliases: ["interns"] },
              { value: "junior", aliases: ["entry-level", "entry level", "graduate"] },
              { value: "mid", label: "mid-level", aliases: ["mid level", "intermediate"] },
              { value: "senior", aliases: ["sr"] },
              { value: "lead", aliases: ["team lead", "tech lead"] },
            ],
          },
          {
            name: "employment_type",
            type: "enum",
            description: "The kind of contract",
            aliases: ["employment type", "contract type"],
            values: [
              { value: "full-time", aliases: ["full time", "permanent"] },
              { value: "part-time", aliases: ["part time"] },
              { value: "contract", aliases: ["contractor", "freelance", "fixed-term"] },
            ],
          },
          {
            name: "remote",
            type: "boolean",
            description: "Whether the job can be done fully remotely",
            aliases: ["remote", "fully remote", "remote-friendly", "work from home", "WFH"],
            values: [{ value: false, aliases: ["on-site", "onsite", "in-office", "in office", "office-based"] }],
          },
          {
            name: "salary",
            type: "number",
            description: "The yearly gross salary in euros",
            aliases: ["salary", "pay", "pays", "paying", "compensation"],
            units: ["€", "EUR", "euros", "euro"],
            minimum: 0,
          },
          {
            name: "experience_years",
            type: "integer",
            description: "The minimum years of professional experience the job asks for",
            aliases: ["experience", "years of experience", "experience required", "YOE"],
            units: ["years of experience", "years experience", "years", "yrs", "YOE"],
            minimum: 0,
            maximum: 20,
          },
          {
            name: "posted_date",
            type: "date",
            description: "The date the job was posted",
            aliases: ["posted", "published", "listed", "advertised"],
            yearField: "posted_year",
          },
        ],
      }),
    ),
    steps: { salary: 1, experience_years: 1, posted_date: 1, posted_year: 1 },
  };
}

/** The domains of held-out round 5: the three above and the job postings. */
export function heldOutFiveDomains(): BenchDomain[] {
  return [...benchDomains(), jobsDomain()];
}
