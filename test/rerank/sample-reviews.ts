import { Document } from "@langchain/core/documents";

/** Invented film reviews (not the real dataset) with the metadata shape of the John Wick loader. */
export function sampleReviews(): Document[] {
  const rows: Array<[string, number, number, string, string]> = [
    ["r1", 1, 9, "Stunning fights", "The fight choreography is stunning. Every stunt feels real and the gun fights are brutal."],
    ["r2", 1, 4, "Thin plot", "There is barely any story here. The plot is a napkin sketch and the dialogue is wooden."],
    ["r3", 2, 8, "Great world building", "The hotel and its rules make the world building fascinating. The continental is a great idea."],
    ["r4", 2, 3, "Too long", "Far too long. The action scenes drag on and I checked my watch during the finale."],
    ["r5", 3, 10, "Masterpiece of action", "A masterpiece of action cinema: choreographed fights, knife throwing and a horse chase."],
    ["r6", 3, 6, "Fun but silly", "Fun but silly. The dog scenes are cute, though the story makes little sense."],
    ["r7", 4, 7, "Beautiful visuals", "Beautiful cinematography with neon colours; the stair fight is the highlight."],
    ["r8", 4, 2, "Boring", "Boring and repetitive. Nearly three hours of the same shootout over and over."],
  ];
  return rows.map(
    ([id, movie, rating, title, text]) => new Document({ id, pageContent: text, metadata: { movie, Rating: rating, Review_Title: title } }),
  );
}
