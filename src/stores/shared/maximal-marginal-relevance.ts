import { ErrorCodes } from "../../core/errors/error-codes.js";
import { InvalidOptionError } from "../../core/errors/invalid-option-error.js";
import { RetrieverError } from "../../core/errors/retriever-error.js";

/** Input of `maximalMarginalRelevance`. */
export interface MaximalMarginalRelevanceInput {
  /** The query embedding. Need not be unit length. */
  query: ArrayLike<number>;
  /** The candidate embeddings (usually the top `fetchK` by similarity), all of the query's dimension. */
  candidates: ReadonlyArray<ArrayLike<number>>;
  /** How many candidates to select; fewer are returned when there are fewer candidates. */
  k: number;
  /** 1 = pure relevance (plain similarity order), 0 = pure diversity. */
  lambda: number;
}

/**
 * Maximal marginal relevance (Carbonell & Goldstein, 1998): greedily picks the candidate maximising
 * `lambda * sim(query, c) - (1 - lambda) * max over picked p of sim(c, p)`, starting with the candidate
 * most similar to the query. Similarity is cosine (vectors are normalised here; a zero vector has
 * similarity 0 with everything). Ties go to the lower candidate index, so the result is deterministic
 * and, on the same input, equal to LangChain's `maximalMarginalRelevance`.
 *
 * Returns the selected candidate indices in selection order. Cost O(k · n · d) for n candidates of
 * dimension d (the max similarity to the picked set is updated incrementally).
 */
export function maximalMarginalRelevance({ query, candidates, k, lambda }: MaximalMarginalRelevanceInput): number[] {
  if (!Number.isInteger(k) || k < 0) {
    throw new InvalidOptionError({ option: "k", value: k, message: "must be a whole number >= 0" });
  }
  if (!(lambda >= 0 && lambda <= 1)) {
    throw new InvalidOptionError({ option: "lambda", value: lambda, message: "must be between 0 (diversity) and 1 (relevance)" });
  }
  const count = Math.min(k, candidates.length);
  if (count === 0) return [];

  const dimension = query.length;
  const unitCandidates = candidates.map((candidate, index) => {
    if (candidate.length !== dimension) {
      throw new RetrieverError({
        code: ErrorCodes.DIMENSION_MISMATCH,
        message: `MMR candidate ${index} has ${candidate.length} dimensions but the query has ${dimension}; embed candidates and query with the same model`,
      });
    }
    return toUnit(candidate);
  });
  const unitQuery = toUnit(query);

  const relevance = unitCandidates.map((candidate) => dot(candidate, unitQuery));
  /** For each candidate, the highest similarity to any picked candidate so far. */
  const redundancy = new Float64Array(candidates.length).fill(-Infinity);
  const picked = new Uint8Array(candidates.length);
  const selection: number[] = [];

  for (let step = 0; step < count; step += 1) {
    let bestIndex = -1;
    let bestScore = -Infinity;
    for (let index = 0; index < unitCandidates.length; index += 1) {
      if (picked[index]) continue;
      const score =
        step === 0 ? (relevance[index] as number) : lambda * (relevance[index] as number) - (1 - lambda) * (redundancy[index] as number);
      if (score > bestScore || bestIndex === -1) {
        bestScore = score;
        bestIndex = index;
      }
    }
    picked[bestIndex] = 1;
    selection.push(bestIndex);
    const chosen = unitCandidates[bestIndex] as Float64Array;
    for (let index = 0; index < unitCandidates.length; index += 1) {
      if (picked[index]) continue;
      const similarity = dot(unitCandidates[index] as Float64Array, chosen);
      if (similarity > (redundancy[index] as number)) redundancy[index] = similarity;
    }
  }
  return selection;
}

function toUnit(vector: ArrayLike<number>): Float64Array {
  const unit = new Float64Array(vector.length);
  let squares = 0;
  for (let index = 0; index < vector.length; index += 1) {
    const value = vector[index] as number;
    unit[index] = value;
    squares += value * value;
  }
  const norm = Math.sqrt(squares);
  if (norm > 0 && Number.isFinite(norm)) for (let index = 0; index < unit.length; index += 1) unit[index] = (unit[index] as number) / norm;
  else unit.fill(0);
  return unit;
}

function dot(left: Float64Array, right: Float64Array): number {
  let sum = 0;
  for (let index = 0; index < left.length; index += 1) sum += (left[index] as number) * (right[index] as number);
  return sum;
}
