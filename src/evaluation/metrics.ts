import { InvalidOptionError } from "../core/errors/invalid-option-error.js";

/**
 * Ranking metrics, computed exactly as trec_eval computes them from a run file, so the numbers in a
 * benchmark report equal `trec_eval -c -m ndcg_cut.10 -m recall.10 -m P.5 qrels runs/<technique>.run`.
 *
 * Ordering (trec_eval `form_res_rels.c`, `comp_sim_docno`): results are sorted by score descending,
 * and ties by document id DEscending, compared byte-wise as C `strcmp` does
 * (`return strcmp(p2->docno, p1->docno)`). The rank column of a run file is ignored. See
 * https://github.com/usnistgov/trec_eval/blob/master/form_res_rels.c
 *
 * nDCG (trec_eval `m_ndcg_cut.c`): linear gain (gain = the judged grade), discount log2(rank + 1)
 * ("sum += gain / log2(i + 2)" with a 0-based i); the ideal DCG is built from ALL judged documents of
 * the query (not only the retrieved ones), best grades first, cut at the same depth. A query with no
 * relevant document scores 0. See https://github.com/usnistgov/trec_eval/blob/master/m_ndcg_cut.c
 *
 * Relevant (recall, precision, MRR, hit) means grade >= 1, trec_eval's default relevance level.
 */

/** Judgments of one query: document id -> grade (0 = judged not relevant, 1 = partly, 2 = clearly, ...). */
export type Judgments = Readonly<Record<string, number>>;

/** One retrieved document of a run: its id and the score the system gave it (higher is better). */
export interface ScoredDocument {
  id: string;
  score: number;
}

/** Grade from which a judged document counts as relevant (trec_eval's default `-l 1`). */
export const RELEVANCE_THRESHOLD = 1;

/** Depth of nDCG, recall and MRR when none is given. */
export const DEFAULT_CUTOFF = 10;

/** Depth of the precision the benchmark reports (P@5). */
export const PRECISION_CUTOFF = 5;

/**
 * Compares two document ids as C `strcmp` compares their UTF-8 bytes (JavaScript's `<` compares
 * UTF-16 code units, which orders some non-ASCII characters differently).
 */
export function compareIdsLikeStrcmp(left: string, right: string): number {
  if (isAscii(left) && isAscii(right)) return left < right ? -1 : left > right ? 1 : 0;
  return Buffer.compare(Buffer.from(left, "utf8"), Buffer.from(right, "utf8"));
}

function isAscii(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) if (text.charCodeAt(index) > 0x7f) return false;
  return true;
}

/**
 * The ranking trec_eval evaluates: a sorted copy, by score descending then id descending (`strcmp`).
 * Throws `INVALID_OPTION` on a duplicate id (trec_eval refuses such a run) or a score that is not a finite number.
 */
export function rankLikeTrecEval(results: readonly ScoredDocument[]): ScoredDocument[] {
  const seen = new Set<string>();
  for (const [index, result] of results.entries()) {
    if (typeof result.id !== "string" || result.id === "") {
      throw new InvalidOptionError({
        option: `results[${index}].id`,
        value: result.id,
        message: "every result needs a non-empty document id",
      });
    }
    if (!Number.isFinite(result.score)) {
      throw new InvalidOptionError({
        option: `results[${index}].score`,
        value: result.score,
        message: "scores must be finite numbers; replace missing scores by rank-based ones",
      });
    }
    if (seen.has(result.id)) {
      throw new InvalidOptionError({
        option: `results[${index}].id`,
        value: result.id,
        message: "a document appears twice in one ranking; keep its first occurrence only",
      });
    }
    seen.add(result.id);
  }
  return [...results].sort((left, right) =>
    left.score !== right.score ? right.score - left.score : compareIdsLikeStrcmp(right.id, left.id),
  );
}

function checkCutoff(cutoff: number): void {
  if (!Number.isInteger(cutoff) || cutoff < 1) {
    throw new InvalidOptionError({ option: "cutoff", value: cutoff, message: "must be a whole number of at least 1, e.g. 10" });
  }
}

function gradeOf(judgments: Judgments, id: string): number {
  const grade = Object.hasOwn(judgments, id) ? judgments[id] : undefined;
  return grade === undefined || !Number.isFinite(grade) ? 0 : grade;
}

/** Number of judged documents with grade >= 1. */
export function countRelevant(judgments: Judgments): number {
  let count = 0;
  for (const grade of Object.values(judgments)) if (grade >= RELEVANCE_THRESHOLD) count += 1;
  return count;
}

/** The grades of the top `cutoff` documents of the trec_eval ranking (0 for unjudged ones). */
export function gradesAtCutoff(results: readonly ScoredDocument[], judgments: Judgments, cutoff: number): number[] {
  checkCutoff(cutoff);
  return rankLikeTrecEval(results)
    .slice(0, cutoff)
    .map((result) => gradeOf(judgments, result.id));
}

/** DCG of grades in rank order: sum of grade / log2(rank + 1), negative and zero grades adding nothing. */
export function discountedCumulativeGain(grades: readonly number[]): number {
  let sum = 0;
  for (const [index, grade] of grades.entries()) if (grade > 0) sum += grade / Math.log2(index + 2);
  return sum;
}

/** The best DCG any ranking could reach at `cutoff`, from all judged documents of the query. */
export function idealDiscountedCumulativeGain(judgments: Judgments, cutoff: number): number {
  checkCutoff(cutoff);
  const grades = Object.values(judgments)
    .filter((grade) => grade > 0)
    .sort((left, right) => right - left)
    .slice(0, cutoff);
  return discountedCumulativeGain(grades);
}

/** nDCG@cutoff with linear gain, as trec_eval's `ndcg_cut.<cutoff>`. In [0, 1]; 0 when nothing is relevant. */
export function ndcgAtK(results: readonly ScoredDocument[], judgments: Judgments, cutoff: number = DEFAULT_CUTOFF): number {
  const ideal = idealDiscountedCumulativeGain(judgments, cutoff);
  if (ideal <= 0) return 0;
  return discountedCumulativeGain(gradesAtCutoff(results, judgments, cutoff)) / ideal;
}

/** Relevant documents in the top `cutoff` / all relevant documents, as trec_eval's `recall.<cutoff>`. 0 when nothing is relevant. */
export function recallAtK(results: readonly ScoredDocument[], judgments: Judgments, cutoff: number = DEFAULT_CUTOFF): number {
  const relevant = countRelevant(judgments);
  if (relevant === 0) return 0;
  return gradesAtCutoff(results, judgments, cutoff).filter((grade) => grade >= RELEVANCE_THRESHOLD).length / relevant;
}

/**
 * Relevant documents in the top `cutoff` / `cutoff`, as trec_eval's `P.<cutoff>`: a run returning fewer
 * than `cutoff` documents is still divided by `cutoff`.
 */
export function precisionAtK(results: readonly ScoredDocument[], judgments: Judgments, cutoff: number = PRECISION_CUTOFF): number {
  return gradesAtCutoff(results, judgments, cutoff).filter((grade) => grade >= RELEVANCE_THRESHOLD).length / cutoff;
}

/** 1 / rank of the first relevant document within the top `cutoff`, else 0 (trec_eval's `recip_rank`, cut). */
export function reciprocalRankAtK(results: readonly ScoredDocument[], judgments: Judgments, cutoff: number = DEFAULT_CUTOFF): number {
  const index = gradesAtCutoff(results, judgments, cutoff).findIndex((grade) => grade >= RELEVANCE_THRESHOLD);
  return index === -1 ? 0 : 1 / (index + 1);
}

/** 1 when a relevant document is in the top `cutoff`, else 0 (trec_eval's `success.<cutoff>`). */
export function hitAtK(results: readonly ScoredDocument[], judgments: Judgments, cutoff = 1): number {
  return gradesAtCutoff(results, judgments, cutoff).some((grade) => grade >= RELEVANCE_THRESHOLD) ? 1 : 0;
}

/** The metrics the benchmark reports for one query. */
export interface QueryMetrics {
  /** nDCG at the benchmark's cutoff (linear gain). */
  ndcg: number;
  /** Recall at the benchmark's cutoff. */
  recall: number;
  /** Reciprocal rank of the first relevant document within the cutoff. */
  mrr: number;
  /** Precision at 5. */
  precisionAt5: number;
  /** 1 when the first result is relevant. */
  hitAt1: number;
}

/** Names of `QueryMetrics`, in report order. */
export const METRIC_NAMES = ["ndcg", "recall", "mrr", "precisionAt5", "hitAt1"] as const satisfies ReadonlyArray<keyof QueryMetrics>;

/** Every reported metric of one query's results. `cutoff` applies to nDCG, recall and MRR. */
export function evaluateRanking(results: readonly ScoredDocument[], judgments: Judgments, cutoff: number = DEFAULT_CUTOFF): QueryMetrics {
  return {
    ndcg: ndcgAtK(results, judgments, cutoff),
    recall: recallAtK(results, judgments, cutoff),
    mrr: reciprocalRankAtK(results, judgments, cutoff),
    precisionAt5: precisionAtK(results, judgments, PRECISION_CUTOFF),
    hitAt1: hitAtK(results, judgments, 1),
  };
}

/** Arithmetic mean; 0 for an empty list. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/**
 * The `fraction` quantile (0.5 = median, 0.95 = p95) with linear interpolation between the closest
 * ranks (numpy's default, "type 7"). `NaN` for an empty list.
 */
export function quantile(values: readonly number[], fraction: number): number {
  if (!(fraction >= 0 && fraction <= 1))
    throw new InvalidOptionError({ option: "fraction", value: fraction, message: "must be between 0 and 1, e.g. 0.95" });
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((left, right) => left - right);
  const position = (sorted.length - 1) * fraction;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] as number;
  const high = sorted[upper] as number;
  return low + (high - low) * (position - lower);
}
