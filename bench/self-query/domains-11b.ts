/**
 * The two new domains of held-out round 11-new-b (bench/self-query/questions/held-out-11-new-b/*.jsonl): my guide
 * of hiking trails (route descriptions and my trip reports), and my music library (the tracks and my listening
 * notes). Their schemas were declared the way a developer would describe their own documents, without knowing the
 * rule-based constructor's rules, so the round measures how the rules carry over to schemas they were never tuned on.
 */
import { buildVocabulary, defineAttributeSchema } from "../../src/self-query/attribute-schema.js";
import type { BenchDomain } from "./domains.js";

/** Trailheads of the routes in the guide (read from "documents" as `buildVocabulary` does). */
const TRAILHEADS = ["Seathwaite", "Glenridding", "Pen-y-Pass", "Rhyd Ddu", "Edale", "Malham", "Glen Nevis", "Passo Gardena"];

/**
 * A guide of hiking trails with my trip reports: a region enum with multiword values and aliases ("Lake District",
 * "the Lakes"), a difficulty grade, a route-type enum whose values are phrases ("out and back", "point to point"),
 * a trailhead vocabulary read from the documents (hyphenated and two-word Welsh names), the distance in km and the
 * walking time in quarter hours as decimals, two fields in metres (the total ascent and the height of the highest
 * point), two yes/no fields (dogs, public transport, whose false side is "car only"), the date I last hiked it with
 * its year field, and my own 0-10 score in half points, declared as the quality scale.
 */
export function trailsDomain(): BenchDomain {
  return {
    name: "trails",
    file: "trails.jsonl",
    schema: buildVocabulary(
      TRAILHEADS.map((trailhead) => ({ metadata: { trailhead } })),
      defineAttributeSchema({
        documentContents: "A hiking trail in my walking guide, with its route description and my trip reports",
        attributes: [
          {
            name: "region",
            type: "enum",
            description: "The mountain region or national park the trail is in",
            aliases: ["region", "area", "in"],
            values: [
              { value: "Lake District", aliases: ["the Lakes", "Lakes"] },
              { value: "Scottish Highlands", aliases: ["Highlands"] },
              { value: "Snowdonia", aliases: ["Eryri"] },
              { value: "Peak District", aliases: ["the Peaks"] },
              { value: "Yorkshire Dales", aliases: ["the Dales", "Dales"] },
              { value: "Dolomites" },
              { value: "Pyrenees" },
            ],
          },
          {
            name: "difficulty",
            type: "enum",
            description: "The difficulty grade of the trail",
            aliases: ["difficulty", "grade", "graded"],
            values: [
              { value: "easy", aliases: ["gentle"] },
              { value: "moderate", aliases: ["medium"] },
              { value: "strenuous", aliases: ["hard", "challenging", "tough"] },
              { value: "expert", aliases: ["technical"] },
            ],
          },
          {
            name: "route_type",
            type: "enum",
            description: "The shape of the route",
            aliases: ["route", "route type"],
            values: [
              { value: "loop", aliases: ["circular", "circuit"] },
              { value: "out and back", aliases: ["out-and-back", "there and back"] },
              { value: "point to point", aliases: ["linear", "one-way", "A to B"] },
            ],
          },
          {
            name: "trailhead",
            type: "string",
            description: "Where the walk starts",
            aliases: ["trailhead", "starting at", "starts at", "start", "from"],
            vocabularyFromDocuments: true,
          },
          {
            name: "distance_km",
            type: "number",
            description: "The length of the route, in kilometres",
            aliases: ["distance", "long", "length"],
            units: ["km", "kms", "kilometres", "kilometers", "k"],
            minimum: 0.5,
            maximum: 60,
          },
          {
            name: "elevation_gain_m",
            type: "integer",
            description: "The total ascent over the route, in metres",
            aliases: ["elevation gain", "ascent", "total ascent", "climb", "climbing", "gain"],
            units: ["m", "metres", "meters"],
            minimum: 0,
            maximum: 3000,
          },
          {
            name: "summit_m",
            type: "integer",
            description: "The height of the highest point of the route above sea level, in metres",
            aliases: ["summit", "highest point", "high point", "altitude", "tops out at"],
            units: ["m", "metres", "meters"],
            minimum: 0,
            maximum: 4800,
          },
          {
            name: "duration_hours",
            type: "number",
            description: "The typical walking time, in hours",
            aliases: ["walking time", "time", "takes", "duration"],
            units: ["hours", "hour", "hrs", "hr", "h"],
            minimum: 0.5,
            maximum: 14,
          },
          {
            name: "dog_friendly",
            type: "boolean",
            description: "Whether dogs are allowed on the whole route",
            aliases: ["dog-friendly", "dog friendly", "dogs allowed", "dogs welcome"],
            values: [{ value: false, aliases: ["no dogs", "dogs not allowed"] }],
          },
          {
            name: "public_transport",
            type: "boolean",
            description: "Whether the trailhead can be reached by public transport",
            aliases: ["public transport", "by bus", "by train", "reachable by bus"],
            values: [{ value: false, aliases: ["car only", "need a car", "no public transport"] }],
          },
          {
            name: "last_hiked",
            type: "date",
            description: "The date of my latest trip report on the trail",
            aliases: ["hiked", "walked", "last hiked", "trip report"],
            yearField: "hiked_year",
          },
          {
            name: "my_score",
            type: "number",
            description: "My own score of the trail, 0 to 10 in half points",
            aliases: ["my score", "score", "scored", "rated", "rating"],
            units: ["/10", "out of 10"],
            minimum: 0,
            maximum: 10,
            quality: true,
          },
        ],
      }),
    ),
    steps: { distance_km: 0.1, elevation_gain_m: 1, summit_m: 1, duration_hours: 0.25, my_score: 0.5, last_hiked: 1, hiked_year: 1 },
  };
}

/** Artists in my library (read from "documents" as `buildVocabulary` does). */
const ARTISTS = [
  "Nina Simone",
  "Radiohead",
  "Daft Punk",
  "Björk",
  "Miles Davis",
  "Fleetwood Mac",
  "Kendrick Lamar",
  "Arvo Pärt",
  "Khruangbin",
  "Sault",
];

/**
 * My music library with listening notes: an artist vocabulary read from the documents (names with accents, a
 * one-word band, five-letter names), a genre enum with multiword values and symbol aliases ("drum and bass",
 * "d&b", "hip hop", "R&B"), a mood enum whose values are everyday adjectives ("dark", "chill", "sad"), the length
 * in seconds (which users give in minutes), the tempo in bpm, the release year as a plain integer next to the date
 * I added the track with its year field, the play count, two yes/no fields (instrumental, whose alias "no vocals"
 * is itself a negation, and live, whose false side is "studio"), and my 0-5 star rating in whole stars, declared
 * as the quality scale.
 */
export function tracksDomain(): BenchDomain {
  return {
    name: "tracks",
    file: "tracks.jsonl",
    schema: buildVocabulary(
      ARTISTS.map((artist) => ({ metadata: { artist } })),
      defineAttributeSchema({
        documentContents: "A track in my music library, with my listening notes",
        attributes: [
          {
            name: "artist",
            type: "string",
            description: "The artist or band",
            aliases: ["artist", "by", "from"],
            vocabularyFromDocuments: true,
          },
          {
            name: "genre",
            type: "enum",
            description: "The genre of the track",
            aliases: ["genre"],
            values: [
              { value: "hip hop", aliases: ["hip-hop", "rap"] },
              { value: "drum and bass", aliases: ["drum & bass", "dnb", "d&b"] },
              { value: "electronic", aliases: ["electronica", "EDM"] },
              { value: "indie rock", aliases: ["indie"] },
              { value: "jazz" },
              { value: "classical" },
              { value: "soul", aliases: ["R&B", "neo-soul"] },
              { value: "folk" },
              { value: "ambient" },
              { value: "pop" },
            ],
          },
          {
            name: "mood",
            type: "enum",
            description: "The mood I tagged the track with",
            aliases: ["mood", "vibe", "feel"],
            values: [
              { value: "chill", aliases: ["mellow", "laid-back", "relaxed"] },
              { value: "upbeat", aliases: ["happy", "feel-good", "energetic"] },
              { value: "melancholic", aliases: ["sad", "melancholy", "moody"] },
              { value: "dark", aliases: ["brooding"] },
              { value: "romantic", aliases: ["love songs"] },
            ],
          },
          {
            name: "duration_seconds",
            type: "integer",
            description: "The length of the track, in seconds",
            aliases: ["length", "duration", "long", "runtime"],
            units: ["seconds", "second", "secs", "sec", "s"],
            minimum: 20,
            maximum: 2400,
          },
          {
            name: "bpm",
            type: "integer",
            description: "The tempo, in beats per minute",
            aliases: ["tempo", "bpm"],
            units: ["bpm", "BPM"],
            minimum: 40,
            maximum: 220,
          },
          {
            name: "release_year",
            type: "integer",
            description: "The year the track was released",
            aliases: ["released", "release year", "came out", "year"],
            minimum: 1920,
            maximum: 2026,
          },
          {
            name: "play_count",
            type: "integer",
            description: "How many times I have played the track",
            aliases: ["play count", "played", "listened", "spins"],
            units: ["plays", "play", "listens", "times"],
            minimum: 0,
            maximum: 5000,
          },
          {
            name: "my_rating",
            type: "integer",
            description: "My star rating of the track, 0 to 5 whole stars",
            aliases: ["my rating", "rating", "rated", "I gave"],
            units: ["stars", "star"],
            minimum: 0,
            maximum: 5,
            quality: true,
          },
          {
            name: "instrumental",
            type: "boolean",
            description: "Whether the track has no vocals",
            aliases: ["instrumental", "no vocals", "without vocals"],
            values: [{ value: false, aliases: ["vocal", "with vocals", "has vocals"] }],
          },
          {
            name: "live_recording",
            type: "boolean",
            description: "Whether the track is a live recording",
            aliases: ["live", "live version", "live recording", "concert recording"],
            values: [{ value: false, aliases: ["studio", "studio version", "studio recording"] }],
          },
          {
            name: "added_date",
            type: "date",
            description: "The date I added the track to my library",
            aliases: ["added", "saved", "added to my library"],
            yearField: "added_year",
          },
        ],
      }),
    ),
    steps: { duration_seconds: 1, bpm: 1, release_year: 1, play_count: 1, my_rating: 1, added_date: 1, added_year: 1 },
  };
}

/** The domains of held-out round 11-new-b's new-schema sets. */
export function heldOutElevenNewBDomains(): BenchDomain[] {
  return [trailsDomain(), tracksDomain()];
}
