import { defineAttributeSchema, type AttributeSchema } from "../../../src/self-query/attribute-schema.js";

/**
 * Probe questions of the values fixer (phase 5 of issue #12), written before any rule change, in new wordings for the
 * classes of round 11's value failures: exclusions that were inverted or missed ("besides X", "not one of X's", "outside X
 * and Y", "skip the first two", a yes/no alias as the subject of a negated predicate, "no" + the plural of an alias);
 * lowercase or misspelled names of a vocabulary without a cue; named values and qualitative aliases of ordered numbers
 * ("cheap", "€€ or less", "a single star", "never rewatched"); lists whose separator was lost. Half on the bench's schemas,
 * half on two schemas of its own (a city guide's cafés, a TV watch log), with controls that must keep (or stay without)
 * their constraint. Gold filters in the bench shorthand.
 */
export const cafes: AttributeSchema = defineAttributeSchema({
  documentContents: "A café listed in a city guide",
  attributes: [
    {
      name: "district",
      type: "enum",
      description: "The district the café is in",
      aliases: ["district", "in"],
      values: ["Old Town", "Harbourside", "Canal Quarter", "Uptown"].map((value) => ({ value })),
    },
    {
      name: "roaster",
      type: "string",
      description: "Who roasts the café's coffee",
      aliases: ["roaster", "roasted by", "beans from"],
      values: ["Ferncliff", "Brewhaus", "Mokalu", "Dark Arts Coffee"].map((value) => ({ value })),
    },
    {
      name: "reviewer",
      type: "string",
      description: "Who wrote the guide's entry",
      aliases: ["reviewer", "reviewed by", "by"],
      values: ["Ines Duarte", "Tom Becker", "latteloop", "BeanCounter"].map((value) => ({ value })),
    },
    {
      name: "price_band",
      type: "integer",
      description: "How expensive the café is, 1 (€) to 3 (€€€)",
      aliases: ["price band", "price range"],
      minimum: 1,
      maximum: 3,
      values: [
        { value: 1, label: "€", aliases: ["cheap", "budget"] },
        { value: 2, label: "€€", aliases: ["mid-priced"] },
        { value: 3, label: "€€€", aliases: ["pricey", "upmarket"] },
      ],
    },
    { name: "wifi", type: "boolean", description: "Has free wifi", aliases: ["wifi", "free wifi"] },
    {
      name: "dog_friendly",
      type: "boolean",
      description: "Dogs are welcome inside",
      aliases: ["dog-friendly", "dogs allowed"],
      values: [{ value: false, aliases: ["no dogs"] }],
    },
    {
      name: "rating",
      type: "integer",
      description: "The guide's score, 1 to 10",
      aliases: ["rating", "rated", "score", "scored"],
      units: ["/10"],
      minimum: 1,
      maximum: 10,
      quality: true,
    },
    {
      name: "visits",
      type: "integer",
      description: "How many times I have been there",
      aliases: ["visits", "visited", "been"],
      minimum: 0,
    },
  ],
});

export const watchLog: AttributeSchema = defineAttributeSchema({
  documentContents: "An episode of a TV series in my watch log",
  attributes: [
    {
      name: "series",
      type: "string",
      description: "The series the episode belongs to",
      aliases: ["series", "show"],
      values: ["Brightmoor", "Nightjar", "Vantaris", "The Long Quiet"].map((value) => ({ value })),
    },
    {
      name: "season",
      type: "enum",
      description: "The season the episode is in",
      aliases: ["season"],
      values: [1, 2, 3, 4, 5].map((value) => ({ value, label: `season ${value}` })),
    },
    {
      name: "format",
      type: "enum",
      description: "What kind of show it is",
      aliases: ["format", "kind"],
      values: [{ value: "documentary" }, { value: "sitcom" }, { value: "drama" }, { value: "anime" }],
    },
    {
      name: "finale",
      type: "boolean",
      description: "The episode ends its season",
      aliases: ["finale", "season finale"],
    },
    {
      name: "subtitled",
      type: "boolean",
      description: "I watched it with subtitles",
      aliases: ["subtitled", "with subtitles"],
      values: [{ value: false, aliases: ["dubbed"] }],
    },
    {
      name: "my_score",
      type: "integer",
      description: "My score, 1 to 5 stars",
      aliases: ["my score", "scored", "rated", "I gave"],
      units: ["stars", "star", "/5"],
      minimum: 1,
      maximum: 5,
      quality: true,
    },
    {
      name: "rewatch_count",
      type: "integer",
      description: "How many times I have rewatched it",
      aliases: ["rewatched", "rewatches", "times rewatched"],
      minimum: 0,
    },
  ],
});

export interface ValuesProbe {
  schema: string;
  family: string;
  question: string;
  filter: Record<string, unknown> | null;
}

const probe = (schema: string, family: string, question: string, filter: Record<string, unknown> | null): ValuesProbe => ({
  schema,
  family,
  question,
  filter,
});

export const VALUES_PROBES: ValuesProbe[] = [
  // exclusions
  probe("cafes", "exclusion", "besides latteloop, who else liked the cortado", { reviewer: { $ne: "latteloop" } }),
  probe("cafes", "exclusion", "apart from Tom Becker, does anyone rate the pastries", { reviewer: { $ne: "Tom Becker" } }),
  probe("cafes", "exclusion", "nothing that is one of ines duarte's picks", { reviewer: { $ne: "Ines Duarte" } }),
  probe("cafes", "exclusion", "cafés outside Uptown and the Old Town with a quiet corner", { district: { $nin: ["Uptown", "Old Town"] } }),
  probe("cafes", "exclusion-control", "cafés in Uptown and the Old Town with a quiet corner", {
    district: { $in: ["Uptown", "Old Town"] },
  }),
  probe("cafes", "exclusion", "spots where the wifi is not free", { wifi: false }),
  probe("cafes", "exclusion", "places where dogs allowed is not the case", { dog_friendly: false }),
  probe("cafes", "exclusion-control", "places where the wifi is reliable", { wifi: true }),
  probe("shows", "exclusion", "leaving out the first two seasons, does the pacing improve", { season: { $nin: [1, 2] } }),
  probe("shows", "exclusion-control", "in the first two seasons, does the pacing drag", { season: { $in: [1, 2] } }),
  probe("shows", "exclusion", "skip the first three: which episodes are worth it", { season: { $nin: [1, 2, 3] } }),
  probe("shows", "exclusion", "no finales please, something light", { finale: false }),
  probe("shows", "exclusion", "anime but no dubbed stuff", { format: "anime", subtitled: true }),
  probe("john-wick", "exclusion", "other than grindhouse_gal, who praised the dog scenes", { Author: { $ne: "grindhouse_gal" } }),
  probe("real-estate", "exclusion", "condos, not one of maria lopez's listings", { property_type: "condo", agent: { $ne: "Maria Lopez" } }),
  probe("restaurant-visits", "exclusion", "dinners outside Brixton and Peckham", { neighbourhood: { $nin: ["Brixton", "Peckham"] } }),
  probe("jobs", "exclusion", "Lisbon roles where working from home is not possible", { city: "Lisbon", remote: false }),
  probe("tracks", "exclusion", "jazz, no live versions", { genre: "jazz", live_recording: false }),
  probe("trails", "exclusion", "loops in the Peak District that do not need a car", {
    route_type: "loop",
    region: "Peak District",
    public_transport: true,
  }),
  // lowercase or misspelled names without a cue
  probe("cafes", "lowercase-name", "ferncliff beans, uptown only", { roaster: "Ferncliff", district: "Uptown" }),
  probe("cafes", "lowercase-name", "brewhas cafés with free wifi", { roaster: "Brewhaus", wifi: true }),
  probe("cafes", "lowercase-name", "beancounter's verdict on the flat white", { reviewer: "BeanCounter" }),
  probe("cafes", "lowercase-name", "mokalu, cheap only", { roaster: "Mokalu", price_band: 1 }),
  probe("cafes", "lowercase-name-control", "the dark arts of latte art", null),
  probe("shows", "lowercase-name", "brightmor episodes I haven't rewatched", { series: "Brightmoor", rewatch_count: 0 }),
  probe("shows", "lowercase-name", "vantaris stuff that isn't a sitcom", { series: "Vantaris", format: { $ne: "sitcom" } }),
  probe("shows", "lowercase-name-control", "a long quiet episode to fall asleep to", null),
  probe("john-wick", "lowercase-name", "filmbuf88 on the fourth film", { Author: "filmbuff88", movie: 4 }),
  probe("john-wick", "lowercase-name", "leah simmons' opinion of the ending", { Author: "Leah Simmons" }),
  probe("products", "lowercase-name", "tesel speakers", { brand: "Tessel", category: "speaker" }),
  probe("tracks", "lowercase-name", "khruangbn, chill only", { artist: "Khruangbin", mood: "chill" }),
  probe("jobs", "lowercase-name", "quilmark roles in Paris", { company: "Quillmark", city: "Paris" }),
  // named values and qualitative aliases of ordered numbers
  probe("cafes", "ordered-name", "cheap cafés in the Canal Quarter", { price_band: 1, district: "Canal Quarter" }),
  probe("cafes", "ordered-name", "€€ or less near Uptown", { price_band: { $lte: 2 }, district: "Uptown" }),
  probe("cafes", "ordered-name", "upmarket spots that are dog-friendly", { price_band: 3, dog_friendly: true }),
  probe("cafes", "ordered-name", "places I have never visited in Harbourside", { visits: 0, district: "Harbourside" }),
  probe("cafes", "ordered-name", "glowing write-ups of Old Town cafés", { rating: { $gte: 8 }, district: "Old Town" }),
  probe("shows", "ordered-name", "Nightjar episodes I gave a single star", { series: "Nightjar", my_score: 1 }),
  probe("shows", "ordered-name", "every 5/5 drama", { my_score: 5, format: "drama" }),
  probe("restaurant-visits", "ordered-name", "budget lunches in Soho", { price_level: 1, neighbourhood: "Soho" }),
  probe("restaurant-visits", "ordered-name", "fine dining evenings in 2024", { price_level: 4, visit_year: 2024 }),
  probe("restaurant-visits", "ordered-name", "£££ or more in Marylebone", { price_level: { $gte: 3 }, neighbourhood: "Marylebone" }),
  probe("restaurant-visits", "ordered-name", "Michelin-starred lunches with a big group", { michelin_stars: { $gte: 1 } }),
  probe("tracks", "ordered-name", "folk songs I have never played", { genre: "folk", play_count: 0 }),
  probe("john-wick", "ordered-name", "glowing reviews of chapter 2", { Rating: { $gte: 8 }, movie: 2 }),
  probe("john-wick", "ordered-name", "every 1/10 of the fourth film", { Rating: 1, movie: 4 }),
  // lists whose separator was lost
  probe("restaurant-visits", "list", "thai or korean, 2024", { cuisine: { $in: ["Thai", "Korean"] }, visit_year: 2024 }),
  probe("cafes", "list", "old town or uptown, cheap", { district: { $in: ["Old Town", "Uptown"] }, price_band: 1 }),
  probe("shows", "list", "sitcoms and documentaries from Brightmoor", { format: { $in: ["sitcom", "documentary"] }, series: "Brightmoor" }),
  probe("papers", "list", "preprints and surveys from 2021", { publication_type: { $in: ["preprint", "survey"] }, year: 2021 }),
  probe("papers", "list", "conference papers and dissertations on robotics", {
    publication_type: { $in: ["conference paper", "PhD thesis"] },
    research_area: "robotics",
  }),
  // a yes/no named by an implied phrase (schema-driven only)
  probe("trails", "implied-boolean", "walks where my dog would be welcome in the Dales", { dog_friendly: true, region: "Yorkshire Dales" }),
];

/** A second batch, written after the first fixes and run once before any further change: new wordings and traps for them. */
export const VALUES_PROBES_2: ValuesProbe[] = [
  probe("cafes", "exclusion", "besides the Harbourside ones, where is quiet on a sunday", { district: { $ne: "Harbourside" } }),
  probe("cafes", "exclusion-control", "besides coffee, what do people order", null),
  probe("restaurant-visits", "exclusion", "somewhere outside Shoreditch for a birthday", { neighbourhood: { $ne: "Shoreditch" } }),
  probe("restaurant-visits", "exclusion-control", "we ate outside in the sun", { outdoor_seating: true }),
  probe("jobs", "exclusion", "Berlin jobs where remote is not offered", { city: "Berlin", remote: false }),
  probe("papers", "exclusion", "robotics papers, no surveys", { research_area: "robotics", publication_type: { $ne: "survey" } }),
  probe("tracks", "exclusion", "ambient, no live recordings", { genre: "ambient", live_recording: false }),
  probe("shows", "exclusion", "anything but the last two seasons", { season: { $nin: [4, 5] } }),
  probe("cafes", "lowercase-name", "latteloop, uptown only", { reviewer: "latteloop", district: "Uptown" }),
  probe("cafes", "lowercase-name", "mokalu stuff in the Old Town", { roaster: "Mokalu", district: "Old Town" }),
  probe("cafes", "lowercase-name-control", "a cortado, just the way I like it", null),
  probe("products", "lowercase-name", "vireo gear under $300", { brand: "Vireo", price: { $lt: 300 } }),
  probe("tracks", "lowercase-name", "radiohed, sad only", { artist: "Radiohead", mood: "melancholic" }),
  probe("john-wick", "lowercase-name", "priya natarajn's take on the finale", { Author: "Priya Natarajan" }),
  probe("cafes", "ordered-name", "budget spots in Uptown", { price_band: 1, district: "Uptown" }),
  probe("cafes", "ordered-name", "at most €€, with wifi", { price_band: { $lte: 2 }, wifi: true }),
  probe("cafes", "ordered-name-control", "is a cheap grinder worth it for home brewing", null),
  probe("restaurant-visits", "ordered-name", "pricey Japanese dinners", { price_level: 3, cuisine: "Japanese" }),
  probe("restaurant-visits", "ordered-name-control", "which place charged £3 for bread", null),
  probe("papers", "ordered-name", "ML papers nobody has cited", { research_area: "machine learning", citations: 0 }),
  probe("shows", "ordered-name", "rave reviews, I mean my 5-star episodes of Nightjar", { my_score: 5, series: "Nightjar" }),
  probe("john-wick", "ordered-name", "scathing reviews of the first film", { Rating: { $lte: 3 }, movie: 1 }),
  probe("john-wick", "ordered-name-control", "what do critics praise about the second film", { movie: 2 }),
  probe("restaurant-visits", "list", "korean or indian, 2023 only", { cuisine: { $in: ["Korean", "Indian"] }, visit_year: 2023 }),
  probe("cafes", "list-control", "a café that opened in 2019, with good cake", null),
  probe("real-estate", "implied-boolean", "lofts in Denver where my dog would be allowed", {
    property_type: "loft",
    city: "Denver",
    pet_friendly: true,
  }),
];

/** A third batch: semantic traps for the new rules, written after batch 2 (the first run found four spurious filters). */
export const VALUES_PROBES_3: ValuesProbe[] = [
  probe("restaurant-visits", "ordered-name-trap", "was the tasting menu worth the splurge", null),
  probe("restaurant-visits", "ordered-name-trap", "somewhere moderate in size for a party", null),
  probe("restaurant-visits", "ordered-name-trap", "the most expensive dish I ordered", null),
  probe("restaurant-visits", "ordered-name-trap", "I was on a budget that week, where did I eat", null),
  probe("restaurant-visits", "ordered-name-trap", "a pricey bottle of wine we regretted", null),
  probe("restaurant-visits", "ordered-name-trap", "fine dining etiquette mistakes I made", null),
  probe("restaurant-visits", "exclusion-trap", "besides the dal, what was good at Dishoom", { restaurant: "Dishoom" }),
  probe("tracks", "count-trap", "songs I never played for anyone", null),
  probe("tracks", "count-trap", "the song that played at our wedding", null),
  probe("papers", "count-trap", "papers that never cited the transformer paper", null),
  probe("papers", "count-trap", "the most cited paper on vision", { research_area: "computer vision" }),
  probe("real-estate", "exclusion-trap", "besides price, what matters when buying a condo", null),
  probe("real-estate", "implied-boolean-trap", "the agent's cat-friendly policy", null),
  probe("jobs", "exclusion-trap", "remote is not possible for everyone, so which jobs offer flexibility", null),
  probe("tracks", "list-trap", "radiohead, 2007", { artist: "Radiohead", release_year: 2007 }),
];
