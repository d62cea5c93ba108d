import { fnv1aDigits, Xoshiro128 } from "./xoshiro.js";

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
  /**
   * A standard normal draw by the ziggurat method (Marsaglia & Tsang 2000, in Doornik's 2005
   * ZIGNOR form): two or more 32-bit outputs per draw.
   */
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
  return new Xoshiro128((Math.trunc(seed) >>> 0) ^ fnv1a(key));
}

/**
 * Streams `rng(seed, prefix + n)` for whole numbers n ≥ 0 (draw numbers), with the prefix hashed
 * once: `streams(seed, p)(n)` gives the same numbers as `rng(seed, p + String(n))`.
 *
 * @throws RangeError when `seed` is not finite
 * @example
 * ```ts
 * streams(42, "area\u0000a\u0000")(7).next() === rng(42, "area\u0000a\u00007").next() // true
 * ```
 */
export function streams(seed: number, prefix: string): (n: number) => Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  const s = Math.trunc(seed) >>> 0;
  const h = fnv1a(prefix);
  return (n: number) => new Xoshiro128(s ^ fnv1aDigits(h, n));
}
