/**
 * Reproducible randomness for drawing papers: the same seed string gives the same numbers on every
 * machine and in every release, so a reload (or an audit) draws the same paper. The algorithms are
 * written out here, not taken from a package, because their output is part of our data: a library
 * upgrade must not change who got which question (decision 082). A golden test pins the output.
 */

/** FNV-1a over the UTF-8 bytes of the seed: a 32-bit start value for the generator. */
export function hashSeed(seed: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(seed)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** mulberry32 (as in app/mentors/matching/random-instance.ts): numbers in [0, 1) from a seed string. */
export function seededRandom(seed: string): () => number {
  let state = hashSeed(seed);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Fisher–Yates shuffle of a copy: every order equally likely, the input untouched. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
