/**
 * A small seeded pseudo-random generator: xoshiro128** (Blackman & Vigna 2018, "Scrambled
 * linear pseudorandom number generators", https://prng.di.unimi.it/xoshiro128starstar.c), a
 * 128-bit state with period 2¹²⁸ − 1, seeded through splitmix32 so that nearby seeds give
 * unrelated streams. Only 32-bit integer operations (`Math.imul`, `>>>`), so the same seed gives
 * the same numbers on every engine and machine.
 */
export interface Rng {
  /** A uniform number in [0, 1) with 32 random bits. */
  next(): number;
  /** A standard normal draw (Box–Muller on two `next()` values). */
  normal(): number;
  /** A uniform integer in [0, n). */
  int(n: number): number;
}

/**
 * 32-bit FNV-1a hash of a text, for deriving independent streams from a seed and a key
 * (Fowler–Noll–Vo, http://www.isthe.com/chongo/tech/comp/fnv/): h₀ = 2166136261,
 * hᵢ = (hᵢ₋₁ xor cᵢ) · 16777619 mod 2³² over the UTF-16 code units cᵢ.
 *
 * @throws never
 * @example
 * ```ts
 * fnv1a("a") // 3826002220
 * ```
 */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * A seeded xoshiro128** generator. `key` selects an independent stream for the same seed (an
 * area id and a draw number, say), so results for one area do not depend on which others are
 * simulated or in which order.
 *
 * @param seed - any finite number; its integer part modulo 2³² is used
 * @param key - stream selector, hashed with FNV-1a
 * @throws RangeError when `seed` is not finite
 * @example
 * ```ts
 * const r = rng(42, "jiangcheng/0");
 * r.next() === rng(42, "jiangcheng/0").next() // true
 * ```
 */
export function rng(seed: number, key = ""): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  const sm = splitmix32((Math.trunc(seed) >>> 0) ^ fnv1a(key));
  let a = sm();
  let b = sm();
  let c = sm();
  let d = sm();
  if ((a | b | c | d) === 0) a = 1;
  const nextU32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  const next = (): number => nextU32() / 4294967296;
  let spare = NaN;
  return {
    next,
    normal(): number {
      if (!Number.isNaN(spare)) {
        const s = spare;
        spare = NaN;
        return s;
      }
      let u = next();
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    int(n: number): number {
      return Math.floor(next() * n);
    },
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
