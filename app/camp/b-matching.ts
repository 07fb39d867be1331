/**
 * Bipartite b-matching by augmenting paths: each left node wants `demand[l]` distinct right nodes
 * among `candidates[l]`, each right node takes at most `capacity[r]` left nodes. This is a maximum
 * flow, so when some assignment meets every demand one is found, whatever the order of the
 * candidates (which only decides *which* assignment: the paper draw shuffles them, the judge
 * assignment keeps them sorted). Used by paper.ts (rules × questions) and judging.ts
 * (contestants × judges).
 */
export interface BMatching {
  /** Right nodes given to each left node, in the order they were taken. */
  assigned: number[][];
  /** Demand each left node could not get (0 when met). */
  missing: number[];
}

export function bMatch(demand: readonly number[], capacity: readonly number[], candidates: readonly (readonly number[])[], order?: readonly number[]): BMatching {
  const assigned: number[][] = demand.map(() => []);
  const holders: number[][] = capacity.map(() => []);
  const missing = [...demand];

  // Finds room for one more right node for `left`, moving earlier holders along if need be.
  const augment = (left: number, seen: Set<number>): boolean => {
    // A free candidate first (cheap, and the common case); only then move earlier holders along.
    for (const right of candidates[left]!) {
      if (holders[right]!.length < capacity[right]! && !seen.has(right) && !assigned[left]!.includes(right)) {
        seen.add(right);
        assigned[left]!.push(right);
        holders[right]!.push(left);
        return true;
      }
    }
    // Every unseen candidate is full now: try to free one by moving one of its holders.
    for (const right of candidates[left]!) {
      if (seen.has(right) || assigned[left]!.includes(right)) continue;
      seen.add(right);
      for (const other of holders[right]!) {
        if (other === left) continue;
        if (augment(other, seen)) {
          // `other` found another right node: it gives this one up to `left`.
          assigned[other]!.splice(assigned[other]!.indexOf(right), 1);
          holders[right]!.splice(holders[right]!.indexOf(other), 1);
          assigned[left]!.push(right);
          holders[right]!.push(left);
          return true;
        }
      }
    }
    return false;
  };

  for (const left of order ?? demand.map((_, i) => i)) {
    while (missing[left]! > 0 && augment(left, new Set())) missing[left]!--;
  }
  return { assigned, missing };
}
