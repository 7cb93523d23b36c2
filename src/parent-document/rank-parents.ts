import type { VectorHit } from "../core/vector-store.js";
import { PARENT_ID_KEY } from "./split-documents.js";

/**
 * How a parent's score is computed from its matching children:
 * - `max`: its best child's similarity (exact: the top-k parents are the first k distinct parents of
 *   the child ranking);
 * - `sum`: the sum of its best `summedChildScores` child similarities, favouring parents that match in
 *   several places (computed over the children fetched, see `ParentDocumentRetriever`).
 */
export const PARENT_RANKINGS = ["max", "sum"] as const;
export type ParentRanking = (typeof PARENT_RANKINGS)[number];

/** A child chunk that matched the question. */
export interface ChildMatch {
  id: string;
  text: string;
  /** The child's similarity to the question. */
  score: number;
}

/** A parent found through its children. */
export interface ParentCandidate {
  parentId: string;
  score: number;
  /** Its matching children, best first. */
  children: ChildMatch[];
}

/**
 * Groups child hits (best first, as a store returns them) by parent and ranks the parents, best
 * first; ties keep the order in which parents first appear. Hits without a `parent_id` (documents
 * that are not children) are ignored.
 */
export function rankParents(hits: readonly VectorHit[], ranking: ParentRanking, summedChildScores: number): ParentCandidate[] {
  const byParent = new Map<string, { children: ChildMatch[]; firstSeen: number }>();
  for (const { document, score } of hits) {
    const parentId = document.metadata?.[PARENT_ID_KEY];
    if (typeof parentId !== "string") continue;
    let group = byParent.get(parentId);
    if (group === undefined) {
      group = { children: [], firstSeen: byParent.size };
      byParent.set(parentId, group);
    }
    group.children.push({ id: document.id ?? "", text: document.pageContent, score });
  }
  const candidates = [...byParent.entries()].map(([parentId, { children, firstSeen }]) => {
    children.sort((left, right) => right.score - left.score);
    const best = children[0]?.score ?? -Infinity;
    const score = ranking === "max" ? best : children.slice(0, summedChildScores).reduce((sum, child) => sum + child.score, 0);
    return { candidate: { parentId, score, children }, best, firstSeen };
  });
  candidates.sort(
    (left, right) => right.candidate.score - left.candidate.score || right.best - left.best || left.firstSeen - right.firstSeen,
  );
  return candidates.map(({ candidate }) => candidate);
}
