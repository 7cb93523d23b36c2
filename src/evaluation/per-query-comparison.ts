/** How a technique did on one query against the baseline. */
export type QueryOutcomeAgainstBaseline = "win" | "loss" | "tie";

/** One query's score for one technique. */
export interface QueryScore {
  queryId: string;
  value: number;
}

/** One query, compared. */
export interface QueryComparison {
  queryId: string;
  baseline: number;
  candidate: number;
  /** candidate − baseline. */
  difference: number;
  outcome: QueryOutcomeAgainstBaseline;
}

/** A technique's per-query comparison with the baseline. */
export interface PerQueryComparison {
  /** In the baseline's query order; only queries both have. */
  queries: QueryComparison[];
  wins: number;
  losses: number;
  ties: number;
}

/** Differences up to this size count as ties (floating-point noise of equal rankings). */
export const TIE_TOLERANCE = 1e-9;

/**
 * Pairs two techniques' per-query scores by query id and says, for each query, whether the candidate
 * won (scored higher than the baseline by more than `tolerance`), lost or tied. Queries only one side
 * has are left out.
 */
export function compareQueriesWithBaseline(
  baseline: readonly QueryScore[],
  candidate: readonly QueryScore[],
  tolerance: number = TIE_TOLERANCE,
): PerQueryComparison {
  const byId = new Map(candidate.map((score) => [score.queryId, score.value]));
  const queries: QueryComparison[] = [];
  for (const reference of baseline) {
    const value = byId.get(reference.queryId);
    if (value === undefined) continue;
    const difference = value - reference.value;
    const outcome: QueryOutcomeAgainstBaseline = difference > tolerance ? "win" : difference < -tolerance ? "loss" : "tie";
    queries.push({ queryId: reference.queryId, baseline: reference.value, candidate: value, difference, outcome });
  }
  const count = (outcome: QueryOutcomeAgainstBaseline) => queries.filter((query) => query.outcome === outcome).length;
  return { queries, wins: count("win"), losses: count("loss"), ties: count("tie") };
}
