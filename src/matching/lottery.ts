/**
 * Seeded lottery: the seed (as a string) is hashed with cyrb128 into the 128-bit state of sfc32,
 * and a Fisher–Yates shuffle over the pupils in input order yields one rank per pupil.
 * Pure integer arithmetic, so the same seed gives the same ranks on every platform.
 */

/** cyrb128 string hash: four 32-bit words. */
export function hashSeed(seed: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** sfc32 generator returning unsigned 32-bit integers. */
export function sfc32(seed: [number, number, number, number]): () => number {
  let [a, b, c, d] = seed;
  const next = (): number => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Warm up: the first outputs of sfc32 are weakly mixed.
  for (let i = 0; i < 15; i++) next();
  return next;
}

/**
 * Draw the lottery: `ranks[i]` is the rank (1 = luckiest) of pupil i (input order).
 * Fisher–Yates: for i = n-1 .. 1 swap order[i] with order[j], j uniform in 0..i; rank of
 * order[k] is k + 1.
 */
export function drawLottery(seed: string | number, n: number): Int32Array {
  const next = sfc32(hashSeed(String(seed)));
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor((next() / 4294967296) * (i + 1));
    const tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }
  const ranks = new Int32Array(n);
  for (let k = 0; k < n; k++) ranks[order[k]] = k + 1;
  return ranks;
}
