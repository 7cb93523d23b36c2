/**
 * Probe questions of the attachment-gate experiment, written before the experiment was run: 20 semantic
 * questions with a value word, number or date said of something other than the documents (gold: no
 * filter) and 20 controls where the same construction IS about the documents (gold: the filter).
 * Domains are the bench schemas, by name (`bench/self-query/domains*.ts`).
 */
export interface Probe {
  id: string;
  domain: string;
  kind: "semantic" | "filtered" | "filter-only";
  question: string;
  filter: Record<string, unknown> | null;
}

export const ATTACHMENT_PROBES: readonly Probe[] = [
  // Semantic traps: the value is said of another thing.
  { id: "p-s01", domain: "real-estate", kind: "semantic", question: "houses where the heating bill stays below $80 a month", filter: null },
  { id: "p-s02", domain: "real-estate", kind: "semantic", question: "a listing with a treehouse big enough for 5 kids", filter: null },
  {
    id: "p-s03",
    domain: "real-estate",
    kind: "semantic",
    question: "a place with a little studio above the garage for painting",
    filter: null,
  },
  { id: "p-s04", domain: "real-estate", kind: "semantic", question: "homes next to a park that has been there since 1920", filter: null },
  { id: "p-s05", domain: "jobs", kind: "semantic", question: "jobs at a firm whose founders started it 15 years ago", filter: null },
  { id: "p-s06", domain: "jobs", kind: "semantic", question: "a role where the team lead actually listens to you", filter: null },
  { id: "p-s07", domain: "jobs", kind: "semantic", question: "a team where the senior engineers mentor newcomers", filter: null },
  { id: "p-s08", domain: "jobs", kind: "semantic", question: "a startup whose office dog is 12 years old", filter: null },
  { id: "p-s09", domain: "products", kind: "semantic", question: "something loud enough for a garden party of 200 people", filter: null },
  { id: "p-s10", domain: "products", kind: "semantic", question: "something to keep my toddler busy on a 10 hour flight", filter: null },
  { id: "p-s11", domain: "products", kind: "semantic", question: "a sleeve that fits a laptop and a charger", filter: null },
  { id: "p-s12", domain: "stays", kind: "semantic", question: "the place where the owner's cat was 20 years old", filter: null },
  { id: "p-s13", domain: "stays", kind: "semantic", question: "that stay where the neighbours threw a party for 40 guests", filter: null },
  { id: "p-s14", domain: "stays", kind: "semantic", question: "the booking where the villa next door kept us up all night", filter: null },
  {
    id: "p-s15",
    domain: "podcast-episodes",
    kind: "semantic",
    question: "the episode about a runner who finished a marathon in 180 minutes",
    filter: null,
  },
  {
    id: "p-s16",
    domain: "podcast-episodes",
    kind: "semantic",
    question: "the one where the presenter's grandmother turned 100",
    filter: null,
  },
  { id: "p-s17", domain: "books", kind: "semantic", question: "a book about a family who moved to Paris in 1950", filter: null },
  { id: "p-s18", domain: "books", kind: "semantic", question: "a story about a girl who is scared of horror films", filter: null },
  { id: "p-s19", domain: "recipes", kind: "semantic", question: "the soup from the chef who trained for 10 years in Lyon", filter: null },
  { id: "p-s20", domain: "used-cars", kind: "semantic", question: "a car for someone whose commute is 80 km each way", filter: null },
  // Controls: the same constructions, said of the documents.
  {
    id: "p-c01",
    domain: "real-estate",
    kind: "filtered",
    question: "houses that cost below $800,000 with a big yard",
    filter: { property_type: "house", price: { lt: 800000 } },
  },
  {
    id: "p-c02",
    domain: "real-estate",
    kind: "filtered",
    question: "a studio with a view of the river",
    filter: { property_type: "studio" },
  },
  {
    id: "p-c03",
    domain: "real-estate",
    kind: "filtered",
    question: "homes with at least 3 bedrooms near good schools",
    filter: { bedrooms: { gte: 3 } },
  },
  {
    id: "p-c04",
    domain: "real-estate",
    kind: "filter-only",
    question: "apartments in Denver listed by Maria Lopez",
    filter: { property_type: "apartment", city: "Denver", agent: "Maria Lopez" },
  },
  {
    id: "p-c05",
    domain: "jobs",
    kind: "filtered",
    question: "jobs asking for 5+ years of experience at a fast-growing startup",
    filter: { experience_years: { gte: 5 } },
  },
  {
    id: "p-c06",
    domain: "jobs",
    kind: "filtered",
    question: "senior roles at companies building climate software",
    filter: { seniority: "senior" },
  },
  {
    id: "p-c07",
    domain: "jobs",
    kind: "filtered",
    question: "positions paying over 70k euros where the team is friendly",
    filter: { salary: { gt: 70000 } },
  },
  { id: "p-c08", domain: "jobs", kind: "filter-only", question: "lead positions in Berlin", filter: { seniority: "lead", city: "Berlin" } },
  {
    id: "p-c09",
    domain: "products",
    kind: "filtered",
    question: "speakers under $100 that are loud enough for a party",
    filter: { category: "speaker", price: { lt: 100 } },
  },
  {
    id: "p-c10",
    domain: "products",
    kind: "filtered",
    question: "a laptop for a 10 hour flight with a good battery",
    filter: { category: "laptop" },
  },
  {
    id: "p-c11",
    domain: "products",
    kind: "filter-only",
    question: "monitors rated 4.5 stars or more",
    filter: { category: "monitor", rating: { gte: 4.5 } },
  },
  {
    id: "p-c12",
    domain: "stays",
    kind: "filtered",
    question: "the villa where we spent 5 nights with a pool",
    filter: { property_type: "villa", nights: 5 },
  },
  {
    id: "p-c13",
    domain: "stays",
    kind: "filtered",
    question: "the booking for 4 guests where the host was very kind",
    filter: { guests: 4 },
  },
  {
    id: "p-c14",
    domain: "stays",
    kind: "filter-only",
    question: "hotels in Rome with 4 stars",
    filter: { property_type: "hotel", city: "Rome", stars: 4 },
  },
  {
    id: "p-c15",
    domain: "podcast-episodes",
    kind: "filtered",
    question: "episodes over 60 minutes where the guest talks about jazz",
    filter: { duration_minutes: { gt: 60 } },
  },
  {
    id: "p-c16",
    domain: "podcast-episodes",
    kind: "filter-only",
    question: "comedy episodes from season 2",
    filter: { topic: "comedy", season: 2 },
  },
  {
    id: "p-c17",
    domain: "books",
    kind: "filtered",
    question: "horror novels under 300 pages about a haunted lighthouse",
    filter: { genre: "horror", pages: { lt: 300 } },
  },
  {
    id: "p-c18",
    domain: "books",
    kind: "filtered",
    question: "books first published in 1950 about a family in Paris",
    filter: { first_published: 1950 },
  },
  {
    id: "p-c19",
    domain: "recipes",
    kind: "filtered",
    question: "recipes that take under 30 minutes for a weeknight dinner",
    filter: { cook_time: { lt: 30 } },
  },
  {
    id: "p-c20",
    domain: "used-cars",
    kind: "filtered",
    question: "cars with under 80,000 km for a long commute",
    filter: { mileage_km: { lt: 80000 } },
  },
];
