import { InvalidOptionError } from "../core/errors/invalid-option-error.js";
import { mean } from "./metrics.js";
import { createSeededRandom } from "./randomization-test.js";

/** Folds when none is given. */
export const DEFAULT_CROSS_VALIDATION_FOLDS = 5;
/** Seed of the fold assignment when none is given. */
export const DEFAULT_CROSS_VALIDATION_SEED = 42;

/** Options of `crossValidate`. */
export interface CrossValidationOptions {
  /** Number of query folds (at least 2, at most the number of queries). @default 5 */
  folds?: number;
  /** Seed of the random assignment of queries to folds (same seed, same folds). @default 42 */
  seed?: number;
}

/** Result of `crossValidate`. */
export interface CrossValidationResult {
  /** Mean of the held-out scores over all queries. */
  mean: number;
  /** Each query's score under the setting chosen without it (in the input order of queries). */
  perQuery: number[];
  /** The fold of each query. */
  foldOf: number[];
  /** The setting (index into the grid) chosen on the other folds, per fold. */
  chosen: number[];
}

/**
 * The fold of each of `count` queries: a seeded shuffle dealt round-robin, so fold sizes differ by at
 * most one and the same seed always gives the same folds.
 */
export function assignFolds(count: number, folds: number, seed: number = DEFAULT_CROSS_VALIDATION_SEED): number[] {
  const order = Array.from({ length: count }, (_, index) => index);
  const random = createSeededRandom(seed);
  for (let index = order.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [order[index], order[other]] = [order[other] as number, order[index] as number];
  }
  const foldOf = new Array<number>(count).fill(0);
  for (const [position, query] of order.entries()) foldOf[query] = position % folds;
  return foldOf;
}

/**
 * K-fold cross-validation of a parameter choice over queries. `scores[setting][query]` is the metric
 * (e.g. nDCG@10) of one setting of the grid on one query. For each fold the setting with the best mean
 * on the OTHER folds is chosen (ties: the earliest in the grid) and scored on the fold's queries, so no
 * query's reported score was used to choose its own setting.
 */
export function crossValidate(scores: readonly (readonly number[])[], options: CrossValidationOptions = {}): CrossValidationResult {
  const folds = options.folds ?? DEFAULT_CROSS_VALIDATION_FOLDS;
  const seed = options.seed ?? DEFAULT_CROSS_VALIDATION_SEED;
  if (scores.length === 0)
    throw new InvalidOptionError({ option: "scores", value: scores, message: "needs at least one setting (one row of per-query scores)" });
  const count = scores[0]!.length;
  for (const [index, row] of scores.entries()) {
    if (row.length !== count)
      throw new InvalidOptionError({
        option: `scores[${index}]`,
        value: `${row.length} scores`,
        message: `every setting needs one score per query (${count})`,
      });
    if (!row.every(Number.isFinite))
      throw new InvalidOptionError({ option: `scores[${index}]`, value: row, message: "scores must be finite numbers" });
  }
  if (!Number.isInteger(folds) || folds < 2 || folds > count) {
    throw new InvalidOptionError({
      option: "folds",
      value: folds,
      message: `must be a whole number from 2 to the number of queries (${count})`,
    });
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new InvalidOptionError({ option: "seed", value: seed, message: "must be a whole number from 0 to 4294967295" });
  const foldOf = assignFolds(count, folds, seed);
  const perQuery = new Array<number>(count).fill(0);
  const chosen: number[] = [];
  for (let fold = 0; fold < folds; fold += 1) {
    let best = 0;
    let bestMean = Number.NEGATIVE_INFINITY;
    for (const [setting, row] of scores.entries()) {
      const training = mean(row.filter((_, query) => foldOf[query] !== fold));
      if (training > bestMean + 1e-12) {
        best = setting;
        bestMean = training;
      }
    }
    chosen.push(best);
    for (let query = 0; query < count; query += 1) if (foldOf[query] === fold) perQuery[query] = scores[best]![query]!;
  }
  return { mean: mean(perQuery), perQuery, foldOf, chosen };
}
