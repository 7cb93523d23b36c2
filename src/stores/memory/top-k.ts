/** One selected entry: its index in the scored list and its score. */
export interface ScoredIndex {
  index: number;
  score: number;
}

/**
 * Exact top-k of `scores` without sorting them all: a bounded min-heap of size k (O(n log k), and O(n)
 * in practice since most scores fail the comparison with the heap root).
 *
 * Equal scores are ordered by `tieBreak(index)` ascending (for the store: insertion sequence), so the
 * result is deterministic. Scores below `minimumScore` are skipped. Returns best first.
 */
export function selectTopK(
  scores: ArrayLike<number>,
  k: number,
  tieBreak: (index: number) => number,
  minimumScore = -Infinity,
): ScoredIndex[] {
  const capacity = Math.min(k, scores.length);
  if (capacity <= 0) return [];
  const heapScores = new Float64Array(capacity);
  const heapIndexes = new Int32Array(capacity);
  let size = 0;

  /** True when entry (scoreA, indexA) ranks below (scoreB, indexB). */
  const ranksBelow = (scoreA: number, indexA: number, scoreB: number, indexB: number): boolean =>
    scoreA < scoreB || (scoreA === scoreB && tieBreak(indexA) > tieBreak(indexB));

  const siftDown = (start: number): void => {
    let parent = start;
    for (;;) {
      const left = 2 * parent + 1;
      if (left >= size) return;
      const right = left + 1;
      let lowest = left;
      if (
        right < size &&
        ranksBelow(heapScores[right] as number, heapIndexes[right] as number, heapScores[left] as number, heapIndexes[left] as number)
      )
        lowest = right;
      if (
        !ranksBelow(
          heapScores[lowest] as number,
          heapIndexes[lowest] as number,
          heapScores[parent] as number,
          heapIndexes[parent] as number,
        )
      )
        return;
      swap(heapScores, heapIndexes, parent, lowest);
      parent = lowest;
    }
  };

  for (let index = 0; index < scores.length; index += 1) {
    const score = scores[index] as number;
    if (!(score >= minimumScore)) continue;
    if (size < capacity) {
      let child = size;
      heapScores[child] = score;
      heapIndexes[child] = index;
      size += 1;
      while (child > 0) {
        const parent = (child - 1) >> 1;
        if (
          !ranksBelow(
            heapScores[child] as number,
            heapIndexes[child] as number,
            heapScores[parent] as number,
            heapIndexes[parent] as number,
          )
        )
          break;
        swap(heapScores, heapIndexes, child, parent);
        child = parent;
      }
      continue;
    }
    const rootScore = heapScores[0] as number;
    if (score < rootScore) continue;
    if (score === rootScore && tieBreak(index) > tieBreak(heapIndexes[0] as number)) continue;
    heapScores[0] = score;
    heapIndexes[0] = index;
    siftDown(0);
  }

  const selected: ScoredIndex[] = [];
  for (let position = 0; position < size; position += 1) {
    selected.push({ index: heapIndexes[position] as number, score: heapScores[position] as number });
  }
  return selected.sort((left, right) => right.score - left.score || tieBreak(left.index) - tieBreak(right.index));
}

function swap(scores: Float64Array, indexes: Int32Array, left: number, right: number): void {
  const score = scores[left] as number;
  scores[left] = scores[right] as number;
  scores[right] = score;
  const index = indexes[left] as number;
  indexes[left] = indexes[right] as number;
  indexes[right] = index;
}
