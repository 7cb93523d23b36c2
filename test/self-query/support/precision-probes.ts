import { defineAttributeSchema, type AttributeSchema } from "../../../src/self-query/attribute-schema.js";

/**
 * Probe questions of the precision fixer (phase 4 of issue #12), written before any rule change: semantic questions
 * whose value words, numbers, dates or places are said of something other than the documents (a person, another
 * work, an expectation, another subject's move), and filtered controls of the same shapes where the constraint is
 * about the documents. Two schemas of its own (restaurant reviews, whose authors are the diners; a secondhand record
 * shop) and, in `bench/self-query/PROBES-11-precision.md`, the same families on the bench's schemas.
 */
export const restaurantReviews: AttributeSchema = defineAttributeSchema({
  documentContents: "A diner's review of a restaurant",
  attributes: [
    {
      name: "cuisine",
      type: "enum",
      description: "The restaurant's cuisine",
      aliases: ["cuisine", "food"],
      values: ["Italian", "Mexican", "Japanese", "French", "Thai"].map((value) => ({ value })),
    },
    {
      name: "city",
      type: "enum",
      description: "The city the restaurant is in",
      aliases: ["city", "in"],
      values: ["Boston", "Denver", "Seattle", "Chicago"].map((value) => ({ value })),
    },
    {
      name: "stars",
      type: "integer",
      description: "The diner's rating, 1 to 5 stars",
      aliases: ["stars", "rating", "rated", "gave"],
      units: ["stars", "star"],
      minimum: 1,
      maximum: 5,
      quality: true,
    },
    {
      name: "price_per_person",
      type: "number",
      description: "What the diner paid per person, in dollars",
      aliases: ["price", "paid", "cost"],
      units: ["dollars", "$"],
      minimum: 1,
      maximum: 1000,
    },
    { name: "vegan_options", type: "boolean", description: "Has vegan dishes", aliases: ["vegan", "vegan options"] },
    { name: "outdoor_seating", type: "boolean", description: "Has tables outside", aliases: ["patio", "outdoor seating"] },
    {
      name: "visit_date",
      type: "date",
      description: "When the diner ate there",
      aliases: ["visited", "ate there"],
      yearField: "visit_year",
    },
  ],
});

export const recordShop: AttributeSchema = defineAttributeSchema({
  documentContents: "A secondhand vinyl record for sale in a record shop",
  attributes: [
    {
      name: "genre",
      type: "enum",
      description: "The record's genre",
      aliases: ["genre"],
      values: ["jazz", "rock", "soul", "punk", "classical"].map((value) => ({ value })),
    },
    {
      name: "condition",
      type: "enum",
      description: "The state of the vinyl",
      aliases: ["condition", "grade"],
      values: [{ value: "mint", aliases: ["pristine"] }, { value: "good" }, { value: "worn", aliases: ["beat up"] }],
    },
    {
      name: "pressing_country",
      type: "enum",
      description: "Where the record was pressed",
      aliases: ["pressed in", "pressing"],
      values: [{ value: "Japan", aliases: ["Japanese"] }, { value: "Germany", aliases: ["German"] }, { value: "UK" }, { value: "US" }],
    },
    {
      name: "volume",
      type: "integer",
      description: "The volume number within a compilation series",
      aliases: ["volume", "vol"],
      minimum: 1,
      maximum: 50,
    },
    {
      name: "year",
      type: "integer",
      description: "The year the record was released",
      aliases: ["released", "from"],
      minimum: 1900,
      maximum: 2026,
    },
    {
      name: "price",
      type: "number",
      description: "The shop's price in dollars",
      aliases: ["price", "priced", "costs"],
      units: ["dollars", "$"],
      minimum: 1,
      maximum: 5000,
    },
    { name: "reissue", type: "boolean", description: "A reissue, not an original pressing", aliases: ["reissue", "reissued", "repress"] },
  ],
});

export const hikingTrails: AttributeSchema = defineAttributeSchema({
  documentContents: "A hiking trail in a guidebook",
  attributes: [
    {
      name: "difficulty",
      type: "enum",
      description: "How hard the trail is",
      aliases: ["difficulty"],
      values: ["easy", "moderate", "hard"].map((value) => ({ value })),
    },
    {
      name: "region",
      type: "enum",
      description: "The mountain range",
      aliases: ["region", "in"],
      values: ["Alps", "Rockies", "Dolomites", "Pyrenees"].map((value) => ({ value })),
    },
    {
      name: "length_km",
      type: "number",
      description: "Length in kilometres",
      aliases: ["length", "long"],
      units: ["km", "kilometres", "kilometers"],
      minimum: 0,
      maximum: 200,
    },
    {
      name: "stage",
      type: "integer",
      description: "The stage number on a long-distance route",
      aliases: ["stage", "leg"],
      minimum: 1,
      maximum: 60,
    },
    { name: "dog_friendly", type: "boolean", description: "Dogs allowed", aliases: ["dog-friendly", "dogs allowed"] },
    { name: "loop", type: "boolean", description: "Ends where it starts", aliases: ["loop", "circular"] },
  ],
});

/** A probe: the schema's name, the question, the gold filter in the shorthand (null: none), its family. */
export interface PrecisionProbe {
  schema: string;
  question: string;
  filter: Record<string, unknown> | null;
  family: string;
}

export const PRECISION_PROBES: readonly PrecisionProbe[] = [
  // Own schema: restaurant reviews (the diners are the documents' authors).
  { schema: "restaurants", family: "a", question: "a chef who trained in Italian kitchens before opening a taco truck", filter: null },
  { schema: "restaurants", family: "a", question: "the Thai waiter who remembered everyone's order", filter: null },
  { schema: "restaurants", family: "a", question: "my French teacher swore by the duck here", filter: null },
  { schema: "restaurants", family: "a", question: "the vegan blogger who tried every burger in town", filter: null },
  { schema: "restaurants", family: "b", question: "how do diners rate it against benihana 2 in the same mall", filter: null },
  { schema: "restaurants", family: "b", question: "people who walked in expecting a 5 star meal and left hungry", filter: null },
  { schema: "restaurants", family: "b", question: "a guy who paid $200 for a parking ticket outside", filter: null },
  { schema: "restaurants", family: "b", question: "a spot that first opened back in 1998 and still feels new", filter: null },
  { schema: "restaurants", family: "c", question: "a family moving away to Denver who wanted one last dinner", filter: null },
  { schema: "restaurants", family: "control", question: "diners who rated it 2 stars because of the wait", filter: { stars: 2 } },
  { schema: "restaurants", family: "control", question: "reviewers who gave it 5 stars for the brunch", filter: { stars: 5 } },
  { schema: "restaurants", family: "control", question: "diners who paid under $30 a head", filter: { price_per_person: { $lt: 30 } } },
  { schema: "restaurants", family: "control", question: "French places with a good wine list", filter: { cuisine: "French" } },
  {
    schema: "restaurants",
    family: "control",
    question: "vegan spots with a patio",
    filter: { vegan_options: true, outdoor_seating: true },
  },
  {
    schema: "restaurants",
    family: "control",
    question: "I'm moving to Denver, where do people love the ramen",
    filter: { city: "Denver" },
  },
  {
    schema: "restaurants",
    family: "control",
    question: "reviews of visits in 2019 to places in Boston",
    filter: { visit_year: 2019, city: "Boston" },
  },
  // Own schema: a record shop (no authors).
  { schema: "records", family: "a", question: "a jazz pianist who sat in on a punk session", filter: null },
  { schema: "records", family: "a", question: "liner notes by the German producer who mixed it", filter: null },
  { schema: "records", family: "a", question: "how to get a pristine sound out of old speakers", filter: null },
  { schema: "records", family: "a", question: "why would a label reissue an album nobody bought", filter: null },
  { schema: "records", family: "b", question: "the band that covered volume 2 of the motown anthology", filter: null },
  { schema: "records", family: "b", question: "an album a dealer last sold for $500 back in 2001", filter: null },
  { schema: "records", family: "b", question: "a drummer who toured for 12 years before going solo", filter: null },
  { schema: "records", family: "c", question: "collectors flying out to Japan for the big record fair", filter: null },
  { schema: "records", family: "control", question: "German pressings of krautrock", filter: { pressing_country: "Germany" } },
  { schema: "records", family: "control", question: "pristine copies of blue note albums", filter: { condition: "mint" } },
  { schema: "records", family: "control", question: "reissued soul albums", filter: { reissue: true, genre: "soul" } },
  { schema: "records", family: "control", question: "volume 3 of the compilation", filter: { volume: 3 } },
  {
    schema: "records",
    family: "control",
    question: "records under $500 released in 2001",
    filter: { price: { $lt: 500 }, year: 2001 },
  },
  { schema: "records", family: "control", question: "records pressed in Japan", filter: { pressing_country: "Japan" } },
  // Bench schemas.
  { schema: "john-wick", family: "b", question: "how does it stack up next to the matrix 4", filter: null },
  { schema: "john-wick", family: "b", question: "viewers who walked in hoping for an 8 and left bored", filter: null },
  { schema: "john-wick", family: "b", question: "a stuntman who trained for 8 months for the fight scenes", filter: null },
  { schema: "john-wick", family: "control", question: "people who rated it 7 but complained about the ending", filter: { Rating: 7 } },
  { schema: "john-wick", family: "control", question: "reviewers who gave chapter 4 a 10", filter: { movie: 4, Rating: 10 } },
  { schema: "products", family: "b", question: "how does it hold up against the iphone 4", filter: null },
  { schema: "products", family: "b", question: "a youtuber who rated it 2 stars out of spite", filter: null },
  { schema: "products", family: "a", question: "the phone repair guy who fixes laptops while you wait", filter: null },
  { schema: "products", family: "control", question: "laptops rated 4 stars or more", filter: { category: "laptop", rating: { $gte: 4 } } },
  { schema: "real-estate", family: "c", question: "buyers relocating to Denver who need a short closing", filter: null },
  { schema: "real-estate", family: "b", question: "a house my parents bought for $90k back in 1985", filter: null },
  { schema: "real-estate", family: "b", question: "an agent who sold 40 homes in 2019", filter: null },
  {
    schema: "real-estate",
    family: "control",
    question: "condos in Denver under $400k",
    filter: { city: "Denver", property_type: "condo", price: { $lt: 400000 } },
  },
  { schema: "real-estate", family: "control", question: "homes listed in 2025", filter: { listed_year: 2025 } },
  { schema: "jobs", family: "b", question: "a recruiter who spent 10 years in banking", filter: null },
  { schema: "jobs", family: "a", question: "the senior engineer who mentored me at my first job", filter: null },
  { schema: "jobs", family: "c", question: "colleagues moving to Berlin for their partner's work", filter: null },
  { schema: "jobs", family: "control", question: "senior roles in Berlin", filter: { seniority: "senior", city: "Berlin" } },
  { schema: "podcast-episodes", family: "a", question: "the Spanish chef who cooked for the royal family", filter: null },
  { schema: "podcast-episodes", family: "b", question: "when they talked about episode 5 of the office", filter: null },
  { schema: "podcast-episodes", family: "b", question: "a guest who ran a marathon in 180 minutes", filter: null },
  { schema: "podcast-episodes", family: "control", question: "episode 5 of season 2", filter: { episode_number: 5, season: 2 } },
  {
    schema: "podcast-episodes",
    family: "control",
    question: "Spanish episodes longer than 40 minutes",
    filter: { language: "Spanish", duration_minutes: { $gt: 40 } },
  },
  { schema: "books", family: "a", question: "a novel about a horror writer who moves to a small town", filter: null },
  { schema: "books", family: "a", question: "something I could read in one sitting on a plane", filter: null },
  { schema: "books", family: "b", question: "a memoir by someone who was in prison for 20 years", filter: { genre: "biography" } },
  { schema: "books", family: "control", question: "paperbacks I haven't read yet", filter: { format: "paperback", have_read: false } },
];

/** A second batch, written after the first fixes and before running them, to see whether the classes carry over. */
export const PRECISION_PROBES_2: readonly PrecisionProbe[] = [
  { schema: "restaurants", family: "a", question: "that Japanese grandmother who makes gyoza by hand", filter: null },
  { schema: "restaurants", family: "b", question: "the critic who gave it 1 star in the newspaper", filter: null },
  { schema: "restaurants", family: "b", question: "is it as good as nobu 2 or just hype", filter: null },
  { schema: "restaurants", family: "c", question: "tourists heading over to Seattle after the game", filter: null },
  {
    schema: "restaurants",
    family: "control",
    question: "Japanese spots in Seattle where diners gave 4 stars or more",
    filter: { cuisine: "Japanese", city: "Seattle", stars: { $gte: 4 } },
  },
  {
    schema: "restaurants",
    family: "control",
    question: "people who ate there in 2021 and hated the service",
    filter: { visit_year: 2021 },
  },
  { schema: "records", family: "a", question: "the Japanese collector whose whole basement is records", filter: null },
  { schema: "records", family: "b", question: "a bassist who sold 2 million copies in 1985", filter: null },
  { schema: "records", family: "b", question: "records originally priced at $500 that sit unsold", filter: { price: 500 } },
  { schema: "records", family: "b", question: "the b-side of volume 4 of the stax singles box", filter: null },
  { schema: "records", family: "c", question: "a DJ relocating to Germany who is selling his crates", filter: null },
  {
    schema: "records",
    family: "control",
    question: "mint jazz records from Japan under $100",
    filter: { condition: "mint", genre: "jazz", pressing_country: "Japan", price: { $lt: 100 } },
  },
  {
    schema: "records",
    family: "control",
    question: "a worn copy of volume 2 for a friend who collects soul",
    filter: { condition: "worn", volume: 2 },
  },
  { schema: "john-wick", family: "b", question: "fans who were hoping for a 10 out of 10 sequel", filter: null },
  { schema: "john-wick", family: "b", question: "how does the choreography hold up against the raid 2", filter: null },
  {
    schema: "john-wick",
    family: "control",
    question: "viewers who scored chapter 3 a 6 or lower",
    filter: { movie: 3, Rating: { $lte: 6 } },
  },
  { schema: "products", family: "a", question: "the German startup founder who designed it in a garage", filter: null },
  { schema: "products", family: "control", question: "a camera for a photographer who shoots weddings", filter: { category: "camera" } },
  { schema: "real-estate", family: "b", question: "homes the owners originally bought for $200k in 2001", filter: null },
  { schema: "real-estate", family: "c", question: "neighbors who moved to Austin last spring", filter: null },
  {
    schema: "real-estate",
    family: "control",
    question: "houses in Austin for a family moving from Boston",
    filter: { city: "Austin", property_type: "house" },
  },
  { schema: "jobs", family: "b", question: "a manager who spent 5 years in Lisbon before going freelance", filter: null },
  {
    schema: "jobs",
    family: "control",
    question: "senior roles for someone with 5 years of experience",
    filter: { seniority: "senior", experience_years: { $gte: 5 } },
  },
  { schema: "podcast-episodes", family: "b", question: "the one where they compared it to chapter 11 of moby dick", filter: null },
  { schema: "podcast-episodes", family: "b", question: "a guest who had been sober for 300 days", filter: null },
  { schema: "books", family: "a", question: "a story about a French chef who loses her sense of taste", filter: null },
  { schema: "books", family: "a", question: "something my kids can finish before bedtime", filter: null },
  { schema: "books", family: "control", question: "French novels I've finished", filter: { have_read: true } },
];

/** A third batch on a third schema of its own (hiking trails), written near the end and run once before its two fixes. */
export const PRECISION_PROBES_3: readonly PrecisionProbe[] = [
  { schema: "trails", family: "b", question: "a guide who has climbed in the Alps for 20 years", filter: null },
  { schema: "trails", family: "c", question: "hikers heading up to the Dolomites next summer", filter: null },
  { schema: "trails", family: "b", question: "that moment in stage 3 of the tour de france", filter: null },
  { schema: "trails", family: "a", question: "the easy-going ranger who rescued a lost dog", filter: null },
  { schema: "trails", family: "b", question: "a path that was first mapped in 1880", filter: null },
  { schema: "trails", family: "a", question: "my circular argument with a friend about boots", filter: null },
  { schema: "trails", family: "b", question: "a couple who did the whole thing in 4 days", filter: null },
  { schema: "trails", family: "a", question: "can I loop back to the car park", filter: null },
  { schema: "trails", family: "a", question: "trails my hard-core brother would enjoy", filter: null },
  {
    schema: "trails",
    family: "control",
    question: "easy loops in the Alps under 10 km",
    filter: { difficulty: "easy", region: "Alps", length_km: { $lt: 10 } },
  },
  { schema: "trails", family: "control", question: "dog-friendly trails for someone who is 70", filter: { dog_friendly: true } },
  { schema: "trails", family: "control", question: "stage 3 of the route", filter: { stage: 3 } },
  {
    schema: "trails",
    family: "control",
    question: "hard trails in the Pyrenees, not circular",
    filter: { difficulty: "hard", region: "Pyrenees", loop: false },
  },
];
