import { z } from "zod/v4";
import { InvalidOptionError } from "../core/errors/invalid-option-error.js";
import { parseOptions } from "../core/parse-options.js";

/** Permutations when none is given. */
export const DEFAULT_PERMUTATIONS = 1_000;
/** Seed of the random sign flips when none is given, so a report can be reproduced exactly. */
export const DEFAULT_RANDOMIZATION_SEED = 42;
/** Most permutations accepted (the test is O(permutations x queries)). */
export const MAX_PERMUTATIONS = 1_000_000;

/** Differences smaller than this are treated as equal when comparing a permuted mean with the observed one. */
const FLOATING_POINT_TOLERANCE = 1e-12;

/** Options of `pairedRandomizationTest`. */
export interface RandomizationTestOptions {
  /** How many random sign-flip permutations to draw. @default 1000 */
  permutations?: number;
  /** Seed of the pseudo-random generator (same seed, same p-value). @default 42 */
  seed?: number;
}

/** Result of a paired randomization test of system B against system A. */
export interface RandomizationTestResult {
  /** Mean of (B - A) over the queries: positive when B scores higher. */
  meanDifference: number;
  /**
   * Two-sided p-value: the share of permutations (counting the observed assignment itself, so it is
   * never 0) whose absolute mean difference is at least the observed one.
   */
  pValue: number;
  /** Number of paired observations (queries). */
  pairs: number;
  permutations: number;
  seed: number;
}

const optionsSchema = z
  .object({
    permutations: z.number().int().min(1).max(MAX_PERMUTATIONS).optional(),
    seed: z.number().int().min(0).max(0xffffffff).optional(),
  })
  .strict();

/**
 * A deterministic pseudo-random generator (mulberry32): returns numbers in [0, 1). Fast, 32-bit
 * state, good enough for permutation tests; not for anything security related.
 */
export function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Paired (approximate) randomization test, as used to compare IR systems (Smucker, Allan and
 * Carterette, CIKM 2007): under the null hypothesis the two systems are exchangeable on every query,
 * so each per-query difference is equally likely to have either sign. The observed mean difference is
 * compared with the mean differences of `permutations` random sign assignments; the p-value uses the
 * (count + 1) / (permutations + 1) estimate, so it is never 0 and identical systems give exactly 1.
 *
 * `baseline[i]` and `candidate[i]` must be the two systems' scores on the same query `i`.
 */
export function pairedRandomizationTest(
  baseline: readonly number[],
  candidate: readonly number[],
  options: RandomizationTestOptions = {},
): RandomizationTestResult {
  const parsed = parseOptions(optionsSchema, options, "pairedRandomizationTest");
  const permutations = parsed.permutations ?? DEFAULT_PERMUTATIONS;
  const seed = parsed.seed ?? DEFAULT_RANDOMIZATION_SEED;
  if (baseline.length !== candidate.length) {
    throw new InvalidOptionError({
      option: "candidate",
      value: `${candidate.length} scores`,
      message: `needs one score per query of the baseline (${baseline.length}); pair the scores by query`,
    });
  }
  const differences = baseline.map((score, index) => {
    const other = candidate[index] as number;
    if (!Number.isFinite(score) || !Number.isFinite(other)) {
      throw new InvalidOptionError({
        option: `scores[${index}]`,
        value: Number.isFinite(score) ? other : score,
        message: "scores must be finite numbers",
      });
    }
    return other - score;
  });
  const pairs = differences.length;
  if (pairs === 0) return { meanDifference: 0, pValue: 1, pairs, permutations, seed };

  const observedSum = differences.reduce((sum, difference) => sum + difference, 0);
  const observed = Math.abs(observedSum);
  const random = createSeededRandom(seed);
  let atLeastAsExtreme = 0;
  for (let permutation = 0; permutation < permutations; permutation += 1) {
    let sum = 0;
    for (const difference of differences) sum += random() < 0.5 ? -difference : difference;
    if (Math.abs(sum) >= observed - FLOATING_POINT_TOLERANCE * Math.max(1, observed)) atLeastAsExtreme += 1;
  }
  return { meanDifference: observedSum / pairs, pValue: (atLeastAsExtreme + 1) / (permutations + 1), pairs, permutations, seed };
}
