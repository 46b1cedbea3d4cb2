// One lottery number per applicant, a pure function of (seed, applicant id): it does not depend on who else is in the
// round or on input order, so anyone holding the stored seed can recompute and audit every tie-break.

/**
 * cyrb53 (public domain, bryc): a 53-bit string hash with good avalanche, over UTF-16 code units. Not cryptographic;
 * nobody can steer their number as long as the seed is drawn after applicant ids are fixed (store it with the round).
 */
function cyrb53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** An integer in [0, 2^53); lower wins ties. The length prefix keeps (seed, id) pairs from colliding by concatenation. */
export function lotteryNumber(seed: string, applicantId: string): number {
  return cyrb53(`${seed.length}:${seed}|${applicantId}`);
}

/**
 * Each applicant's position in the lottery (0 = best), distinct: numbers ascending, equal numbers (about once in 18,000
 * rounds of a million applicants) by applicant id, so the order is total and still independent of input order.
 * `numbers[i]` belongs to the i-th applicant in ascending id order, so the index is the id tie-break.
 */
export function lotteryPositions(numbers: Float64Array): Uint32Array {
  const order = Array.from({ length: numbers.length }, (_, i) => i);
  order.sort((a, b) => (numbers[a] ?? 0) - (numbers[b] ?? 0) || a - b);
  const positions = new Uint32Array(numbers.length);
  order.forEach((applicant, position) => {
    positions[applicant] = position;
  });
  return positions;
}
