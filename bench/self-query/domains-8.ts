/**
 * The two new domains of held-out round 8 (bench/self-query/questions/held-out-8-new/*.jsonl): a recipe
 * collection and a used-car marketplace. Their schemas were declared the way a developer would
 * describe their own documents, without knowing the rule-based constructor's rules, so the round
 * measures how the rules carry over to a schema they were never tuned on.
 */
import { buildVocabulary, defineAttributeSchema } from "../../src/self-query/attribute-schema.js";
import type { BenchDomain } from "./domains.js";

/** Chef names of the recipe collection (read from "documents" as `buildVocabulary` does). */
const RECIPE_CHEFS = [
  "Aiko Sato",
  "Marco Bellini",
  "Nadia Haddad",
  "Priyanka Rao",
  "Léa Fontaine",
  "Tom Becker",
  "Somchai Wongsa",
  "Rosa Delgado",
];

/**
 * A recipe collection: a cuisine enum with a multiword value, a course enum with labels, the total time
 * in minutes, calories per serving, two yes/no diet fields, a chef vocabulary read from the documents, a
 * 1-5 star average rating and a publication date.
 */
export function recipesDomain(): BenchDomain {
  return {
    name: "recipes",
    file: "recipes.jsonl",
    schema: buildVocabulary(
      RECIPE_CHEFS.map((chef) => ({ metadata: { chef } })),
      defineAttributeSchema({
        documentContents: "A recipe from a cooking website",
        attributes: [
          {
            name: "cuisine",
            type: "enum",
            description: "The cuisine the dish comes from",
            aliases: ["cuisine"],
            values: ["Italian", "Mexican", "Indian", "Thai", "Japanese", "French", "Greek", "Middle Eastern", "Korean"].map((value) => ({
              value,
            })),
          },
          {
            name: "course",
            type: "enum",
            description: "Which part of a meal the dish is",
            aliases: ["course", "meal"],
            values: [
              { value: "breakfast", aliases: ["brunch"] },
              { value: "starter", aliases: ["appetizer", "appetiser"] },
              { value: "main", label: "main course", aliases: ["main dish", "entree", "entrée"] },
              { value: "side", label: "side dish" },
              { value: "dessert" },
              { value: "soup" },
              { value: "salad" },
              { value: "snack" },
            ],
          },
          {
            name: "cook_time",
            type: "integer",
            description: "The total time to make the dish, preparation included, in minutes",
            aliases: ["cook time", "cooking time", "total time", "ready in", "takes"],
            units: ["minutes", "minute", "mins", "min"],
            minimum: 0,
            maximum: 720,
          },
          {
            name: "calories",
            type: "integer",
            description: "Calories per serving",
            aliases: ["calories", "kcal", "cals"],
            units: ["calories", "kcal", "cal", "cals"],
            minimum: 0,
            maximum: 2500,
          },
          {
            name: "vegetarian",
            type: "boolean",
            description: "Whether the dish is vegetarian (no meat or fish)",
            aliases: ["vegetarian", "veggie", "meatless", "meat-free"],
            values: [{ value: false, aliases: ["non-vegetarian", "with meat"] }],
          },
          {
            name: "gluten_free",
            type: "boolean",
            description: "Whether the dish is gluten-free",
            aliases: ["gluten-free", "gluten free", "GF", "no gluten"],
            values: [{ value: false, aliases: ["contains gluten", "with gluten"] }],
          },
          {
            name: "chef",
            type: "string",
            description: "The chef who wrote the recipe",
            aliases: ["chef", "by", "recipe by", "author"],
            vocabularyFromDocuments: true,
          },
          {
            name: "rating",
            type: "number",
            description: "The average reader rating, 1.0 to 5.0 stars",
            aliases: ["rating", "rated", "stars"],
            units: ["stars", "star", "/5", "out of 5"],
            minimum: 1,
            maximum: 5,
            quality: true,
          },
          {
            name: "published_date",
            type: "date",
            description: "The date the recipe was published on the site",
            aliases: ["published", "posted", "added", "uploaded"],
            yearField: "published_year",
          },
        ],
      }),
    ),
    steps: { cook_time: 1, calories: 1, rating: 0.1, published_date: 1, published_year: 1 },
  };
}

/**
 * A Canadian used-car marketplace: make, body and fuel enums (with multiword values such as "pickup
 * truck" and "plug-in hybrid"), an automatic-transmission yes/no, the model year as a plain integer,
 * the odometer in kilometres, the asking price in Canadian dollars, the seller's city (several with
 * accents) and the listing date.
 */
export function usedCarsDomain(): BenchDomain {
  return {
    name: "used-cars",
    file: "used-cars.jsonl",
    schema: defineAttributeSchema({
      documentContents: "A used car listed for sale on a marketplace",
      attributes: [
        {
          name: "make",
          type: "enum",
          description: "The manufacturer of the car",
          aliases: ["make", "brand", "manufacturer"],
          values: [
            { value: "Toyota" },
            { value: "Honda" },
            { value: "Ford" },
            { value: "Chevrolet", aliases: ["Chevy"] },
            { value: "Hyundai" },
            { value: "Kia" },
            { value: "Volkswagen", aliases: ["VW"] },
            { value: "Subaru" },
            { value: "Mazda" },
            { value: "Tesla" },
            { value: "BMW" },
          ],
        },
        {
          name: "body_type",
          type: "enum",
          description: "The body style of the car",
          aliases: ["body type", "body style", "body"],
          values: [
            { value: "sedan" },
            { value: "SUV", aliases: ["crossover"] },
            { value: "hatchback" },
            { value: "pickup truck", aliases: ["pickup", "truck"] },
            { value: "minivan" },
            { value: "coupe" },
            { value: "wagon", aliases: ["station wagon", "estate"] },
          ],
        },
        {
          name: "fuel_type",
          type: "enum",
          description: "What the car runs on",
          aliases: ["fuel", "fuel type", "engine"],
          values: [
            { value: "gasoline", aliases: ["gas", "petrol"] },
            { value: "diesel" },
            { value: "hybrid" },
            { value: "plug-in hybrid", aliases: ["PHEV", "plug-in"] },
            { value: "electric", aliases: ["EV", "battery electric"] },
          ],
        },
        {
          name: "automatic",
          type: "boolean",
          description: "Whether the car has an automatic transmission",
          aliases: ["automatic", "automatic transmission"],
          values: [{ value: false, aliases: ["manual", "manual transmission", "stick shift", "stick"] }],
        },
        {
          name: "model_year",
          type: "integer",
          description: "The model year of the car",
          aliases: ["model year", "year"],
          minimum: 1990,
          maximum: 2027,
        },
        {
          name: "mileage_km",
          type: "integer",
          description: "The odometer reading in kilometres",
          aliases: ["mileage", "odometer", "driven"],
          units: ["km", "kms", "kilometres", "kilometers"],
          minimum: 0,
        },
        {
          name: "price",
          type: "number",
          description: "The asking price in Canadian dollars",
          aliases: ["price", "priced", "asking", "cost", "costs"],
          units: ["$", "CAD", "C$", "dollars"],
          minimum: 0,
        },
        {
          name: "city",
          type: "enum",
          description: "The city where the seller is",
          aliases: ["city", "in", "near", "located in"],
          values: ["Toronto", "Montréal", "Québec City", "Ottawa", "Vancouver", "Calgary", "Halifax", "Trois-Rivières"].map((value) => ({
            value,
          })),
        },
        {
          name: "listed_date",
          type: "date",
          description: "The date the car was listed",
          aliases: ["listed", "posted", "added"],
          yearField: "listed_year",
        },
      ],
    }),
    steps: { model_year: 1, mileage_km: 1, price: 0.01, listed_date: 1, listed_year: 1 },
  };
}

/** The domains of held-out round 8's new-schema sets. */
export function heldOutEightNewDomains(): BenchDomain[] {
  return [recipesDomain(), usedCarsDomain()];
}
