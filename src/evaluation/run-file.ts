import { DataError } from "../core/errors/data-error.js";
import { InvalidOptionError } from "../core/errors/invalid-option-error.js";
import type { ScoredDocument } from "./metrics.js";

/**
 * TREC run files: one line per retrieved document, `qid Q0 docid rank score tag`, separated by single
 * spaces, as read by trec_eval and ranx (`Run.from_file(path, kind="trec")`). trec_eval orders each
 * query's documents by score (ties by doc id descending) and ignores the rank column, so the scores
 * written must order the documents as the system did; see `scoresForRunFile`.
 */

/** One query's ranked documents in a run. */
export interface RunQuery {
  queryId: string;
  /** Documents in the system's order, best first. */
  documents: readonly ScoredDocument[];
}

const TOKEN = /^\S+$/;

function checkToken(option: string, value: string): void {
  if (typeof value !== "string" || !TOKEN.test(value)) {
    throw new InvalidOptionError({ option, value, message: "must be non-empty and contain no spaces: TREC run files are space-separated" });
  }
}

/**
 * Formats a run. Ranks are 1-based in the given order; scores are written in JavaScript's shortest
 * round-trip form, so trec_eval reads back exactly the same doubles (and so the same ties).
 */
export function formatTrecRun(queries: readonly RunQuery[], tag: string): string {
  checkToken("tag", tag);
  const lines: string[] = [];
  for (const { queryId, documents } of queries) {
    checkToken("queryId", queryId);
    for (const [index, document] of documents.entries()) {
      checkToken(`documents[${index}].id`, document.id);
      if (!Number.isFinite(document.score)) {
        throw new InvalidOptionError({
          option: `documents[${index}].score`,
          value: document.score,
          message: "must be a finite number; use scoresForRunFile to derive scores from ranks",
        });
      }
      lines.push(`${queryId} Q0 ${document.id} ${index + 1} ${String(document.score)} ${tag}`);
    }
  }
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

/** One parsed line of a run file. */
export interface RunLine {
  queryId: string;
  documentId: string;
  rank: number;
  score: number;
  tag: string;
}

/** Parses a TREC run file (for tests and tools); `file` names it in errors. */
export function parseTrecRun(text: string, file = "run"): RunLine[] {
  const lines: RunLine[] = [];
  for (const [index, raw] of text.split("\n").entries()) {
    if (raw.trim() === "") continue;
    const fields = raw.trim().split(/\s+/);
    if (fields.length !== 6)
      throw new DataError({ file, line: index + 1, message: `expected 6 fields "qid Q0 docid rank score tag", found ${fields.length}` });
    const [queryId, , documentId, rankText, scoreText, tag] = fields as [string, string, string, string, string, string];
    const rank = Number(rankText);
    const score = Number(scoreText);
    if (!Number.isInteger(rank) || !Number.isFinite(score))
      throw new DataError({ file, line: index + 1, message: "rank must be a whole number and score a finite number" });
    lines.push({ queryId, documentId, rank, score, tag });
  }
  return lines;
}

/**
 * Scores to write for a system's ranking so that trec_eval (which re-sorts by score) evaluates the
 * system's own order. The system's scores are kept when they are finite and never increase down the
 * ranking (tied scores are then ordered by trec_eval's rule: doc id descending). Otherwise (a
 * technique whose order is not its score order, or missing scores) rank-based scores
 * `n, n - 1, ..., 1` are used instead, and `rankBased` says so.
 */
export function scoresForRunFile(documents: readonly ScoredDocument[]): { documents: ScoredDocument[]; rankBased: boolean } {
  const monotone = documents.every(
    (document, index) =>
      Number.isFinite(document.score) && (index === 0 || document.score <= (documents[index - 1] as ScoredDocument).score),
  );
  if (monotone) return { documents: documents.map(({ id, score }) => ({ id, score })), rankBased: false };
  return { documents: documents.map(({ id }, index) => ({ id, score: documents.length - index })), rankBased: true };
}
