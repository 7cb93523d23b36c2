/** BM25 term-frequency saturation (the textbook value). */
export const DEFAULT_CANDIDATE_BM25_K1 = 1.2;
/** BM25 length normalization (the textbook value). */
export const DEFAULT_CANDIDATE_BM25_B = 0.75;

/**
 * Okapi BM25 of a query against a small set of documents, with statistics (IDF, average length) from
 * that set only: how a second stage scores keyword evidence among first-stage candidates without a
 * corpus index. IDF is the non-negative form ln(1 + (N - df + 0.5) / (df + 0.5)), so a term found in
 * every candidate still counts a little. Inputs are already-analyzed terms; a repeated query term
 * counts once.
 */
export function candidateBm25Scores(
  queryTerms: readonly string[],
  documents: ReadonlyArray<readonly string[]>,
  options: { k1?: number; b?: number } = {},
): number[] {
  const k1 = options.k1 ?? DEFAULT_CANDIDATE_BM25_K1;
  const b = options.b ?? DEFAULT_CANDIDATE_BM25_B;
  const count = documents.length;
  if (count === 0) return [];
  const distinctQueryTerms = [...new Set(queryTerms)];
  const frequencies = documents.map((terms) => {
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    return counts;
  });
  const averageLength = documents.reduce((sum, terms) => sum + terms.length, 0) / count || 1;
  const inverseDocumentFrequency = new Map<string, number>();
  for (const term of distinctQueryTerms) {
    const documentFrequency = frequencies.reduce((sum, counts) => sum + (counts.has(term) ? 1 : 0), 0);
    inverseDocumentFrequency.set(term, Math.log(1 + (count - documentFrequency + 0.5) / (documentFrequency + 0.5)));
  }
  return documents.map((terms, index) => {
    const counts = frequencies[index]!;
    const lengthNorm = 1 - b + (b * terms.length) / averageLength;
    let score = 0;
    for (const term of distinctQueryTerms) {
      const frequency = counts.get(term) ?? 0;
      if (frequency === 0) continue;
      score += inverseDocumentFrequency.get(term)! * ((frequency * (k1 + 1)) / (frequency + k1 * lengthNorm));
    }
    return score;
  });
}
