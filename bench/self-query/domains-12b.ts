/**
 * The two new domains of held-out round 12-new-b (bench/self-query/questions/held-out-12-new-b/*.jsonl): my photo
 * library (every photo with its caption, the EXIF data and my notes), and my video game backlog (the store page of
 * every game I own and my notes on it). Their schemas were declared the way a developer would describe their own
 * documents, without knowing the rule-based constructor's rules, so the round measures how the rules carry over to
 * schemas they were never tuned on.
 */
import { buildVocabulary, defineAttributeSchema } from "../../src/self-query/attribute-schema.js";
import type { BenchDomain } from "./domains.js";

/** Cameras the photos were taken with (read from "documents" as `buildVocabulary` does, as EXIF writes them). */
const CAMERAS = ["Fujifilm X-T5", "Sony A7 IV", "Canon EOS R6", "iPhone 15 Pro", "Ricoh GR III", "Leica Q2", "Pixel 8", "DJI Mini 4 Pro"];

/**
 * My photo library: a camera vocabulary read from the EXIF data (model names with digits, hyphens and roman
 * numerals), a category enum with aliases, a country enum whose values have short forms ("USA", "UK"), a file format
 * enum whose values are lower-case codes with upper-case labels ("raw" labelled "RAW"), the focal length in mm and
 * the ISO as integers, the aperture as an f-number with one decimal, the number of faces detected, the date taken with
 * its year field, and two yes/no fields (favourite, and edited, whose false side is "unedited" or "SOOC"). No rating.
 */
export function photosDomain(): BenchDomain {
  return {
    name: "photos",
    file: "photos.jsonl",
    schema: buildVocabulary(
      CAMERAS.map((camera) => ({ metadata: { camera } })),
      defineAttributeSchema({
        documentContents: "A photo in my photo library, with its caption, EXIF data and my notes",
        attributes: [
          {
            name: "camera",
            type: "string",
            description: "The camera or phone the photo was taken with (EXIF model)",
            aliases: ["camera", "shot on", "shot with", "taken with"],
            vocabularyFromDocuments: true,
          },
          {
            name: "category",
            type: "enum",
            description: "What kind of photo it is",
            aliases: ["category", "type"],
            values: [
              { value: "landscape", aliases: ["landscapes", "scenery"] },
              { value: "portrait", aliases: ["portraits", "headshot"] },
              { value: "street", aliases: ["street photography"] },
              { value: "wildlife", aliases: ["animals", "birds"] },
              { value: "macro", aliases: ["close-up", "close-ups"] },
              { value: "architecture", aliases: ["buildings"] },
              { value: "astrophotography", aliases: ["astro", "night sky", "milky way"] },
              { value: "food" },
            ],
          },
          {
            name: "country",
            type: "enum",
            description: "The country the photo was taken in (from its GPS position)",
            aliases: ["country", "in"],
            values: [
              { value: "Japan" },
              { value: "Iceland" },
              { value: "Italy" },
              { value: "Portugal" },
              { value: "Morocco" },
              { value: "Norway" },
              { value: "United States", aliases: ["USA", "US", "the States"] },
              { value: "United Kingdom", aliases: ["UK", "Britain"] },
            ],
          },
          {
            name: "format",
            type: "enum",
            description: "The file format of the original",
            aliases: ["format", "file format", "file type"],
            values: [
              { value: "raw", label: "RAW", aliases: ["DNG", "raw files"] },
              { value: "jpeg", label: "JPEG", aliases: ["jpg"] },
              { value: "heic", label: "HEIC", aliases: ["heif"] },
            ],
          },
          {
            name: "focal_length_mm",
            type: "integer",
            description: "The focal length the photo was taken at, in millimetres (35 mm equivalent)",
            aliases: ["focal length", "focal"],
            units: ["mm"],
            minimum: 8,
            maximum: 600,
          },
          {
            name: "aperture",
            type: "number",
            description: "The aperture as an f-number, e.g. 2.8 for f/2.8",
            aliases: ["aperture", "f-stop", "f/"],
            minimum: 1,
            maximum: 22,
          },
          {
            name: "iso",
            type: "integer",
            description: "The ISO sensitivity",
            aliases: ["ISO"],
            minimum: 50,
            maximum: 102400,
          },
          {
            name: "face_count",
            type: "integer",
            description: "How many people (faces) were detected in the photo",
            aliases: ["faces", "people"],
            units: ["faces", "face", "people", "persons"],
            minimum: 0,
            maximum: 200,
          },
          {
            name: "taken_date",
            type: "date",
            description: "The date the photo was taken",
            aliases: ["taken", "shot", "captured", "photographed", "date taken"],
            yearField: "taken_year",
          },
          {
            name: "favorite",
            type: "boolean",
            description: "Whether I marked the photo as a favourite",
            aliases: ["favorite", "favourite", "favorited", "hearted"],
          },
          {
            name: "edited",
            type: "boolean",
            description: "Whether I edited the photo after importing it",
            aliases: ["edited", "retouched", "processed"],
            values: [{ value: false, aliases: ["unedited", "straight out of camera", "SOOC", "untouched"] }],
          },
        ],
      }),
    ),
    steps: { focal_length_mm: 1, aperture: 0.1, iso: 1, face_count: 1, taken_date: 1, taken_year: 1 },
  };
}

/** Studios of the games I own (read from "documents" as `buildVocabulary` does). */
const STUDIOS = [
  "FromSoftware",
  "Nintendo",
  "Supergiant Games",
  "Larian Studios",
  "CD Projekt Red",
  "ConcernedApe",
  "Team Cherry",
  "Remedy Entertainment",
  "Motion Twin",
  "Ubisoft Montréal",
];

/**
 * My video game backlog: a studio vocabulary read from the documents (one-word names in camel case, names ending in
 * "Games" or "Studios", one with an accent), a platform enum of short codes with their full names as labels
 * ("ps5" labelled "PlayStation 5", "steam_deck" labelled "Steam Deck") and store aliases ("Steam" for PC), a genre enum
 * with abbreviations ("RPG", "FPS") and a multiword value ("survival horror"), a status enum whose first value is
 * labelled "not started", the hours I played and the hours the main story takes (both in hours, with decimals), the
 * price I paid in dollars and cents, the release year as a plain integer next to the purchase date with its year
 * field, two yes/no fields (multiplayer, whose false side is "single-player", and physical copy, whose false side is
 * "digital"), and my own 0-100 score, declared as the quality scale.
 */
export function gamesDomain(): BenchDomain {
  return {
    name: "games",
    file: "games.jsonl",
    schema: buildVocabulary(
      STUDIOS.map((studio) => ({ metadata: { studio } })),
      defineAttributeSchema({
        documentContents: "A game in my video game backlog, with its store description and my notes",
        attributes: [
          {
            name: "studio",
            type: "string",
            description: "The studio that developed the game",
            aliases: ["studio", "developer", "developed by", "made by", "by"],
            vocabularyFromDocuments: true,
          },
          {
            name: "platform",
            type: "enum",
            description: "The platform I own the game on",
            aliases: ["platform", "on"],
            values: [
              { value: "pc", label: "PC", aliases: ["Steam", "computer"] },
              { value: "ps5", label: "PlayStation 5", aliases: ["PS5", "PlayStation"] },
              { value: "switch", label: "Nintendo Switch", aliases: ["Switch"] },
              { value: "xbox", label: "Xbox Series X|S", aliases: ["Xbox"] },
              { value: "steam_deck", label: "Steam Deck", aliases: ["Deck"] },
            ],
          },
          {
            name: "genre",
            type: "enum",
            description: "The main genre of the game",
            aliases: ["genre"],
            values: [
              { value: "rpg", label: "RPG", aliases: ["role-playing", "JRPG", "CRPG"] },
              { value: "roguelike", aliases: ["roguelite", "rogue-like"] },
              { value: "metroidvania" },
              { value: "platformer", aliases: ["platforming"] },
              { value: "strategy", aliases: ["RTS", "4X", "tactics"] },
              { value: "puzzle" },
              { value: "shooter", aliases: ["FPS"] },
              { value: "survival horror", aliases: ["horror"] },
              { value: "simulation", aliases: ["sim", "farming sim", "life sim"] },
            ],
          },
          {
            name: "status",
            type: "enum",
            description: "Where I am with the game",
            aliases: ["status"],
            values: [
              { value: "backlog", label: "not started", aliases: ["unplayed", "haven't started", "untouched"] },
              { value: "playing", aliases: ["in progress", "currently playing"] },
              { value: "finished", aliases: ["beaten", "completed", "done"] },
              { value: "dropped", aliases: ["abandoned", "gave up on"] },
            ],
          },
          {
            name: "hours_played",
            type: "number",
            description: "How many hours I have played it (as the launcher reports, to a tenth of an hour)",
            aliases: ["hours played", "playtime", "played", "time played"],
            units: ["hours", "hour", "hrs", "h"],
            minimum: 0,
            maximum: 2000,
          },
          {
            name: "main_story_hours",
            type: "number",
            description: "How long the main story takes to beat, in hours (from HowLongToBeat)",
            aliases: ["main story", "how long to beat", "to beat", "length", "long"],
            units: ["hours", "hour", "hrs", "h"],
            minimum: 1,
            maximum: 200,
          },
          {
            name: "price_paid",
            type: "number",
            description: "What I paid for the game, in US dollars",
            aliases: ["price", "paid", "bought for", "cost"],
            units: ["$", "dollars", "bucks", "USD"],
            minimum: 0,
            maximum: 150,
          },
          {
            name: "release_year",
            type: "integer",
            description: "The year the game was released",
            aliases: ["released", "release year", "came out"],
            minimum: 1985,
            maximum: 2026,
          },
          {
            name: "purchased_date",
            type: "date",
            description: "The date I bought the game",
            aliases: ["bought", "purchased", "purchase date"],
            yearField: "purchased_year",
          },
          {
            name: "multiplayer",
            type: "boolean",
            description: "Whether the game has multiplayer or co-op",
            aliases: ["multiplayer", "co-op", "coop", "online"],
            values: [{ value: false, aliases: ["single-player", "singleplayer", "solo"] }],
          },
          {
            name: "physical_copy",
            type: "boolean",
            description: "Whether I own a physical copy (disc or cartridge) rather than a download",
            aliases: ["physical", "physical copy", "disc", "cartridge"],
            values: [{ value: false, aliases: ["digital", "digital copy", "download"] }],
          },
          {
            name: "my_score",
            type: "integer",
            description: "My own score of the game, 0 to 100",
            aliases: ["my score", "score", "scored", "rated", "rating"],
            units: ["/100", "out of 100"],
            minimum: 0,
            maximum: 100,
            quality: true,
          },
        ],
      }),
    ),
    steps: {
      hours_played: 0.1,
      main_story_hours: 0.5,
      price_paid: 0.01,
      release_year: 1,
      purchased_date: 1,
      purchased_year: 1,
      my_score: 1,
    },
  };
}

/** The domains of held-out round 12-new-b's new-schema sets. */
export function heldOutTwelveNewBDomains(): BenchDomain[] {
  return [photosDomain(), gamesDomain()];
}
