/**
 * Internals of the generator behind `rng` and `streams` (prng.ts): the xoshiro128** state, which
 * `simulate` re-seeds in place for each area and draw instead of making a new object per stream.
 * Not re-exported from the package.
 */
import { exp, log } from "./libm.js";

/**
 * FNV-1a continued over the decimal digits of a whole number n (0 ≤ n < 2⁵³), as if `String(n)`
 * were appended to the hashed text: `fnv1aDigits(fnv1a(prefix), n) >>> 0 === fnv1a(prefix + n)`.
 * The 32 bits come back as a signed integer: a value that fits a small integer is returned
 * without a heap allocation, which an unsigned value ≥ 2³¹ would need (the callers only `^` it).
 */
export function fnv1aDigits(h: number, n: number): number {
  let p = 1;
  while (p * 10 <= n) p *= 10;
  for (; p >= 1; p /= 10) {
    h ^= 48 + (Math.floor(n / p) % 10);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** 2⁻³². */
const TWO_M32 = 1 / 4294967296;

/**
 * Tables of the ziggurat method for the standard normal with 128 blocks (Marsaglia & Tsang 2000,
 * "The Ziggurat Method for Generating Random Variables", J. Stat. Softw. 5(8); in the form of
 * Doornik 2005, "An Improved Ziggurat Method to Generate Normal Random Samples", ZIGNOR):
 * R = 3.442619855899 the start of the tail, V = 9.91256303526217e-3 the area of each block;
 * X[0] = V / φ(R), X[1] = R, X[i] = √(−2 ln(V / X[i−1] + φ(X[i−1]))), X[128] = 0, with
 * φ(x) = exp(−x² / 2); ZR[i] = X[i+1] / X[i].
 */
const ZIG_R = 3.442619855899;
const ZIG_V = 9.91256303526217e-3;
const ZIG_X = new Float64Array(129);
const ZIG_RATIO = new Float64Array(128);
{
  let f = exp(-0.5 * ZIG_R * ZIG_R);
  ZIG_X[0] = ZIG_V / f;
  ZIG_X[1] = ZIG_R;
  ZIG_X[128] = 0;
  for (let i = 2; i < 128; i++) {
    ZIG_X[i] = Math.sqrt(-2 * log(ZIG_V / ZIG_X[i - 1]! + f));
    f = exp(-0.5 * ZIG_X[i]! * ZIG_X[i]!);
  }
  for (let i = 0; i < 128; i++) ZIG_RATIO[i] = ZIG_X[i + 1]! / ZIG_X[i]!;
}

/**
 * xoshiro128** (Blackman & Vigna 2018, https://prng.di.unimi.it/xoshiro128starstar.c) with its
 * 128-bit state expanded from a 32-bit seed by splitmix32.
 *
 * The eight lines of one step appear in `nextU32` and again, on local copies of the state, in
 * the batch fills: measured on the national simulation benchmark, drawing the births normals
 * through `normal()` instead of `fillNormal` took 5.2 s instead of 4.5 s. A test checks that
 * the batch fills give the numbers of repeated single calls.
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
   * `next() < p`, as a boolean: the same draw and the same answer, without returning a
   * floating-point number (which a call that is not inlined would have to allocate).
   */
  below(p: number): boolean {
    return this.nextU32() * TWO_M32 < p;
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
  /**
   * A standard normal draw by the ziggurat method (ZIGNOR, tables above): u = 2 U − 1 from one
   * 32-bit output ((x + ½) / 2³² for U, never 0 or 1), the block i from the low 7 bits of the
   * next; u · X[i] when |u| < X[i+1] / X[i] (about 99% of draws), else the tail (i = 0, by
   * Marsaglia's method) or the wedge test, drawing again when rejected.
   */
  normal(): number {
    for (;;) {
      const u = 2 * this.open() - 1;
      const i = this.nextU32() & 127;
      if (Math.abs(u) < ZIG_RATIO[i]!) return u * ZIG_X[i]!;
      if (i === 0) {
        let x: number;
        let y: number;
        do {
          x = log(this.open()) / ZIG_R;
          y = log(this.open());
        } while (-2 * y < x * x);
        return u < 0 ? x - ZIG_R : ZIG_R - x;
      }
      const x = u * ZIG_X[i]!;
      const f0 = exp(-0.5 * (ZIG_X[i]! * ZIG_X[i]! - x * x));
      const f1 = exp(-0.5 * (ZIG_X[i + 1]! * ZIG_X[i + 1]! - x * x));
      if (f1 + this.open() * (f0 - f1) < 1) return x;
    }
  }
  /**
   * `count` values of `normal()` into out[offset + i · stride] (the same numbers as `count` calls),
   * with the generator state held in locals on the ziggurat's fast path.
   */
  fillNormal(out: Float64Array, offset: number, stride: number, count: number): void {
    for (let i = 0; i < count; i++) {
      let { a, b, c, d } = this;
      // Two outputs, as normal() takes them: u from the first, the block from the second.
      const r1 = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
      let t = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = rotl(d, 11);
      const r2 = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
      t = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = rotl(d, 11);
      const u = 2 * ((r1 + 0.5) * TWO_M32) - 1;
      const k = r2 & 127;
      if (Math.abs(u) < ZIG_RATIO[k]!) {
        this.a = a;
        this.b = b;
        this.c = c;
        this.d = d;
        out[offset + i * stride] = u * ZIG_X[k]!;
      } else {
        // The rare slow path: rewind the two outputs and let normal() draw this value.
        out[offset + i * stride] = this.normal();
      }
    }
  }
  /** (x + ½) / 2³² for the next 32 bits x: uniform on (0, 1), never 0 or 1. */
  private open(): number {
    return (this.nextU32() + 0.5) * TWO_M32;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

/** splitmix32's output function; the 32 bits as a signed integer (the state is only used in bit operations). */
function mix(s: number): number {
  let z = s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return z ^ (z >>> 16);
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
