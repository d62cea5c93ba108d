/**
 * Internals of the generator behind `rng` and `streams` (prng.ts): the xoshiro128** state, which
 * `simulate` re-seeds in place for each area and draw instead of making a new object per stream.
 * Not re-exported from the package.
 */
import { normalQuantile } from "./normal.js";

/**
 * FNV-1a continued over the decimal digits of a whole number n (0 ≤ n < 2⁵³), as if `String(n)`
 * were appended to the hashed text: `fnv1aDigits(fnv1a(prefix), n) === fnv1a(prefix + n)`.
 */
export function fnv1aDigits(h: number, n: number): number {
  let p = 1;
  while (p * 10 <= n) p *= 10;
  for (; p >= 1; p /= 10) {
    h ^= 48 + (Math.floor(n / p) % 10);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** 2⁻³². */
const TWO_M32 = 1 / 4294967296;

/**
 * xoshiro128** (Blackman & Vigna 2018, https://prng.di.unimi.it/xoshiro128starstar.c) with its
 * 128-bit state expanded from a 32-bit seed by splitmix32.
 */
export class Xoshiro128 {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;
  constructor(seed32: number) {
    this.reseed(seed32);
  }
  /** Restarts the stream from a 32-bit seed (splitmix32 expands it into the state). */
  reseed(seed32: number): this {
    let s = seed32 >>> 0;
    s = (s + 0x9e3779b9) >>> 0;
    this.a = mix(s);
    s = (s + 0x9e3779b9) >>> 0;
    this.b = mix(s);
    s = (s + 0x9e3779b9) >>> 0;
    this.c = mix(s);
    s = (s + 0x9e3779b9) >>> 0;
    this.d = mix(s);
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
    return this;
  }
  /** The next 32 random bits as an unsigned integer. */
  nextU32(): number {
    const b = this.b;
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    this.c ^= this.a;
    this.d ^= b;
    this.b = b ^ this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }
  next(): number {
    return this.nextU32() * TWO_M32;
  }
  /**
   * `count` values of `next()` into out[offset], out[offset + stride], …, with the state held in
   * locals (the same numbers as `count` calls of `next()`, faster in a hot loop).
   */
  fillUniform(out: Float64Array, offset: number, stride: number, count: number): void {
    let { a, b, c, d } = this;
    for (let i = 0; i < count; i++) {
      const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
      const t = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = rotl(d, 11);
      out[offset + i * stride] = result * TWO_M32;
    }
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
  }
  /** `count` values of `normal()` into out[offset + i], i = 0 … count − 1 (state in locals, as `fillUniform`). */
  fillNormal(out: Float64Array, offset: number, count: number): void {
    let { a, b, c, d } = this;
    for (let i = 0; i < count; i++) {
      const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
      const t = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = rotl(d, 11);
      out[offset + i] = normalQuantile((result + 0.5) * TWO_M32);
    }
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
  }
  /** Φ⁻¹((x + ½) / 2³²) for the next 32 bits x: one value per normal, never 0 or 1 inside Φ⁻¹. */
  normal(): number {
    return normalQuantile((this.nextU32() + 0.5) * TWO_M32);
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

function mix(s: number): number {
  let z = s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
