import { InvalidOptionError } from "../core/errors/invalid-option-error.js";

/**
 * Rank fusion maths, as pure functions over ranked id lists. Used by `HybridRetriever`; usable on their
 * own to fuse any rankings (several retrievers, several query rewrites, ...).
 */

/** The `c` of reciprocal rank fusion (Cormack et al. 2009): damps the advantage of the very top ranks. */
export const DEFAULT_RRF_CONSTANT = 60;

/** One item of a leg's ranking. The position in the array is the rank (index 0 = rank 1). */
export interface RankedItem {
  id: string;
  /** The leg's own score (cosine, BM25, ...); higher is better. Only normalized score fusion reads it. */
  score: number;
}

/** One ranking to fuse. */
export interface FusionLeg {
  /** Best first. Later duplicates of an id are ignored. */
  ranking: readonly RankedItem[];
  /** How much this leg counts; 0 removes it entirely (its documents do not appear). @default 1 */
  weight?: number;
}

/** Where a fused item stood in one leg. */
export interface LegPosition {
  /** 1-based rank in the leg. */
  rank: number;
  /** The leg's own score. */
  score: number;
}

/** One fused result. */
export interface FusedItem {
  id: string;
  /** The fused score; higher is better. */
  score: number;
  /** Per leg (same order as the input legs): the item's position, or null when the leg did not return it. */
  legs: Array<LegPosition | null>;
}

/** The score one leg gives an item at `rank` (1-based): weight / (constant + rank). */
export function reciprocalRankContribution(rank: number, weight = 1, constant = DEFAULT_RRF_CONSTANT): number {
  return weight / (constant + rank);
}

/**
 * Weighted reciprocal rank fusion: score(d) = sum over legs of weight / (constant + rank(d)), a leg that
 * does not return d adds nothing. Scale-free (only ranks matter), so it fuses BM25 and cosine without
 * calibration. Ties are broken by the best rank in any leg, then by first appearance (legs in order).
 */
export function reciprocalRankFusion(legs: readonly FusionLeg[], options: { constant?: number } = {}): FusedItem[] {
  const constant = options.constant ?? DEFAULT_RRF_CONSTANT;
  if (!Number.isFinite(constant) || constant < 0) {
    throw new InvalidOptionError({ option: "constant", value: constant, message: "must be a finite number >= 0 (the usual value is 60)" });
  }
  return fuse(legs, (leg, positions) => {
    const contributions = new Map<string, number>();
    for (const [id, position] of positions) contributions.set(id, reciprocalRankContribution(position.rank, leg.weight, constant));
    return contributions;
  });
}

/**
 * Min-max normalization to [0, 1]: the best score becomes 1, the worst 0. When all scores are equal
 * (or there is one), every item gets 1. Non-finite scores count as the minimum.
 */
export function minMaxNormalize(scores: readonly number[]): number[] {
  const finite = scores.filter(Number.isFinite);
  if (finite.length === 0) return scores.map(() => 0);
  // A loop, not Math.min(...finite): spreading 100k+ scores as arguments overflows the call stack.
  let minimum = Number.POSITIVE_INFINITY;
  let maximum = Number.NEGATIVE_INFINITY;
  for (const score of finite) {
    if (score < minimum) minimum = score;
    if (score > maximum) maximum = score;
  }
  const range = maximum - minimum;
  return scores.map((score) => {
    if (!Number.isFinite(score)) return 0;
    return range === 0 ? 1 : (score - minimum) / range;
  });
}

/**
 * Normalized score fusion: each leg's scores are min-max normalized to [0, 1], then averaged with the
 * leg weights (a leg that does not return an item adds 0). The result is in [0, 1]. Uses the score
 * scale inside each leg, so a clear winner in one leg counts more than under RRF.
 */
export function normalizedScoreFusion(legs: readonly FusionLeg[]): FusedItem[] {
  const totalWeight = legs.reduce((sum, leg) => sum + legWeight(leg), 0);
  return fuse(legs, (leg, positions) => {
    const ids = [...positions.keys()];
    const normalized = minMaxNormalize(ids.map((id) => positions.get(id)!.score));
    const contributions = new Map<string, number>();
    ids.forEach((id, index) => contributions.set(id, totalWeight === 0 ? 0 : (legWeight(leg) * normalized[index]!) / totalWeight));
    return contributions;
  });
}

function legWeight(leg: FusionLeg): number {
  return leg.weight ?? 1;
}

/** Shared skeleton: dedupe each leg, sum per-leg contributions, sort with deterministic tie-breaks. */
function fuse(
  legs: readonly FusionLeg[],
  contributionsOf: (leg: Required<FusionLeg>, positions: Map<string, LegPosition>) => Map<string, number>,
): FusedItem[] {
  legs.forEach((leg, index) => {
    const weight = legWeight(leg);
    if (!Number.isFinite(weight) || weight < 0) {
      throw new InvalidOptionError({
        option: `legs[${index}].weight`,
        value: weight,
        message: "must be a finite number >= 0 (0 turns the leg off)",
      });
    }
  });
  const fused = new Map<string, { score: number; legs: Array<LegPosition | null>; bestRank: number; order: number }>();
  legs.forEach((leg, legIndex) => {
    const weight = legWeight(leg);
    if (weight === 0) return;
    const positions = new Map<string, LegPosition>();
    for (const item of leg.ranking) {
      if (!positions.has(item.id)) positions.set(item.id, { rank: positions.size + 1, score: item.score });
    }
    const contributions = contributionsOf({ ranking: leg.ranking, weight }, positions);
    for (const [id, position] of positions) {
      let entry = fused.get(id);
      if (entry === undefined) {
        entry = { score: 0, legs: legs.map(() => null), bestRank: Number.POSITIVE_INFINITY, order: fused.size };
        fused.set(id, entry);
      }
      entry.score += contributions.get(id) ?? 0;
      entry.legs[legIndex] = position;
      entry.bestRank = Math.min(entry.bestRank, position.rank);
    }
  });
  return [...fused.entries()]
    .sort(([, a], [, b]) => b.score - a.score || a.bestRank - b.bestRank || a.order - b.order)
    .map(([id, entry]) => ({ id, score: entry.score, legs: entry.legs }));
}
