// Seeded randomness for the benches' data sets: the same data on every run, so runs compare.

/** mulberry32: a small, fast 32-bit generator; numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = ReturnType<typeof seeded>;

/** mulberry32 with the picks a data generator needs. */
export function seeded(seed: number) {
  const next = mulberry32(seed);
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => {
    const value = list[int(list.length)];
    if (value === undefined) throw new Error('pick from an empty list');
    return value;
  };
  const weighted = <T>(list: ReadonlyArray<readonly [T, number]>): T => {
    let r = next() * list.reduce((s, [, w]) => s + w, 0);
    for (const [value, w] of list) if ((r -= w) < 0) return value;
    return pick(list)[0];
  };
  const some = <T>(list: readonly T[], n: number): T[] =>
    [...list].sort(() => next() - 0.5).slice(0, Math.max(1, Math.min(n, list.length)));
  /** a version-4-shaped UUID from the sequence, so ids (and whatever sorts by them) are the same on every run too */
  const uuid = () => {
    const hex = Array.from({ length: 4 }, () =>
      int(2 ** 32)
        .toString(16)
        .padStart(8, '0'),
    ).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[int(4)]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
  return { next, int, pick, weighted, some, uuid };
}
