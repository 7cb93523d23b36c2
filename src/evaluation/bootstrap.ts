import { z } from "zod/v4";
import { parseOptions } from "../core/parse-options.js";
import { mean, quantile } from "./metrics.js";
import { createSeededRandom, DEFAULT_RANDOMIZATION_SEED } from "./randomization-test.js";

/** Bootstrap resamples when none is given. */
export const DEFAULT_BOOTSTRAP_RESAMPLES = 2_000;
/** Confidence level of the interval when none is given. */
export const DEFAULT_BOOTSTRAP_CONFIDENCE = 0.95;
/** Most resamples accepted (the interval costs O(resamples x values)). */
export const MAX_BOOTSTRAP_RESAMPLES = 1_000_000;

/** Options of `bootstrapMeanInterval`. */
export interface BootstrapOptions {
  /** How many resamples (with replacement) to draw. @default 2000 */
  resamples?: number;
  /** Confidence level of the interval, strictly between 0 and 1. @default 0.95 */
  confidence?: number;
  /** Seed of the pseudo-random generator (same seed and values, same interval). @default 42 */
  seed?: number;
}

/** A mean with its bootstrap confidence interval. */
export interface BootstrapInterval {
  /** Mean of the values themselves (not of the resamples). */
  mean: number;
  /** Lower end of the percentile interval. */
  lower: number;
  /** Upper end of the percentile interval. */
  upper: number;
  resamples: number;
  confidence: number;
  seed: number;
}

const optionsSchema = z
  .object({
    resamples: z.number().int().min(1).max(MAX_BOOTSTRAP_RESAMPLES).optional(),
    confidence: z.number().gt(0).lt(1).optional(),
    seed: z.number().int().min(0).max(0xffffffff).optional(),
  })
  .strict();

const valuesSchema = z.array(z.number().finite("every value must be a finite number"));

/**
 * Percentile bootstrap confidence interval of a mean (Efron and Tibshirani 1993, ch. 13): `resamples`
 * samples of the same size are drawn with replacement from `values` by a seeded generator (mulberry32,
 * so a report is reproducible), and the interval is the (1 − confidence)/2 and (1 + confidence)/2
 * quantiles of their means. Over queries it says how much a mean nDCG could move with another
 * sample of questions of the same kind. An empty list gives 0 for every field (as `mean` does).
 */
export function bootstrapMeanInterval(values: readonly number[], options: BootstrapOptions = {}): BootstrapInterval {
  const parsed = parseOptions(optionsSchema, options, "bootstrapMeanInterval");
  parseOptions(valuesSchema, values, "bootstrapMeanInterval.values");
  const resamples = parsed.resamples ?? DEFAULT_BOOTSTRAP_RESAMPLES;
  const confidence = parsed.confidence ?? DEFAULT_BOOTSTRAP_CONFIDENCE;
  const seed = parsed.seed ?? DEFAULT_RANDOMIZATION_SEED;
  const count = values.length;
  if (count === 0) return { mean: 0, lower: 0, upper: 0, resamples, confidence, seed };
  const random = createSeededRandom(seed);
  const means = new Array<number>(resamples);
  for (let resample = 0; resample < resamples; resample += 1) {
    let sum = 0;
    for (let draw = 0; draw < count; draw += 1) sum += values[Math.floor(random() * count)] as number;
    means[resample] = sum / count;
  }
  const tail = (1 - confidence) / 2;
  const observed = mean(values);
  // Rounding in the resample sums can put a quantile a hair outside the values' range; clamp it back.
  const low = Math.min(...values);
  const high = Math.max(...values);
  const clamp = (value: number) => Math.min(high, Math.max(low, value));
  return { mean: observed, lower: clamp(quantile(means, tail)), upper: clamp(quantile(means, 1 - tail)), resamples, confidence, seed };
}
