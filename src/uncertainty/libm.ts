/**
 * exp and log in JavaScript arithmetic only, so that `simulate` gives the same bits on every
 * engine and machine (internal; not re-exported from the package).
 *
 * `Math.exp` and `Math.log` are "implementation-approximated" in ECMAScript: engines may round
 * the last bit differently, and a C library built with fused multiply-add on one processor may
 * differ from the same library on another. The functions here follow the algorithms of Sun's
 * fdlibm 5.3 (e_exp.c and e_log.c, Copyright (C) 1993 by Sun Microsystems, Inc.; "Permission to
 * use, copy, modify, and distribute this software is freely granted, provided that this notice
 * is preserved"), step for step, with IEEE double operations that JavaScript performs exactly as
 * written (no fusing, no reordering, no extended precision). V8 (Node, Chrome, Deno) implements
 * `Math.exp` and `Math.log` with the same fdlibm algorithms, so on V8 these give `Math.exp` and
 * `Math.log` to the last bit: the tests check that on a million arguments and the special cases.
 * Both are within 1 ulp of the true value (fdlibm's bound).
 */

// The two 32-bit halves of a double, through one shared buffer. The word order follows the
// platform's byte order (the Float64Array and Int32Array views share it).
const F64 = new Float64Array(1);
const I32 = new Int32Array(F64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

function highWord(x: number): number {
  F64[0] = x;
  return I32[HI]!;
}
function lowWord(x: number): number {
  F64[0] = x;
  return I32[LO]!;
}
function fromWords(hi: number, lo: number): number {
  I32[HI] = hi;
  I32[LO] = lo;
  return F64[0]!;
}

const LN2_HI = 6.9314718036912381649e-1; // 0x3FE62E42 FEE00000
const LN2_LO = 1.90821492927058770002e-10; // 0x3DEA39EF 35793C76
const INV_LN2 = 1.442695040888963387; // 0x3FF71547 652B82FE
const E = 2.718281828459045;
const EXP_P1 = 1.66666666666666019037e-1;
const EXP_P2 = -2.77777777770155933842e-3;
const EXP_P3 = 6.61375632143793436117e-5;
const EXP_P4 = -1.65339022054652515390e-6;
const EXP_P5 = 4.13813679705723846039e-8;
const O_THRESHOLD = 7.09782712893383973096e2; // above: exp overflows
const U_THRESHOLD = -7.45133219101941108420e2; // below: exp underflows to 0
const TWO_M1000 = 9.33263618503218878990e-302; // 2⁻¹⁰⁰⁰
const TWO_1023 = 8.98846567431158e307; // 2¹⁰²³

// exp's branch points on the high word hx of |x| (fdlibm tests hx), as thresholds on |x|:
// hx ≥ 0x40862E42, hx > 0x3FD62E42, hx < 0x3FF0A2B2 and hx < 0x3E300000.
const EXP_BIG = fromWords(0x40862e42, 0);
const EXP_REDUCE = fromWords(0x3fd62e43, 0);
const EXP_ONE_STEP = fromWords(0x3ff0a2b2, 0);
const EXP_TINY = fromWords(0x3e300000, 0);
/** exp's results beyond its range: overflow, underflow, NaN. */
const EXP_EDGE = Float64Array.of(Infinity, 0, NaN);
/** 2ʲ for j = −1021 … 1023 at POW2[j + 1021] (each exact). */
const POW2 = new Float64Array(2045);
POW2[1021] = 1;
for (let j = 1; j <= 1023; j++) POW2[1021 + j] = POW2[1020 + j]! * 2;
for (let j = 1; j <= 1021; j++) POW2[1021 - j] = POW2[1022 - j]! / 2;

/**
 * eˣ by fdlibm's method: x = k ln 2 + r with |r| ≤ ½ ln 2 (ln 2 split in a high part whose
 * products with k are exact and a low part), e^r from a degree-5 rational approximation
 * R(r²) on [0, 0.347] with error below 2⁻⁵⁹, e^r = 1 + 2r / (R − r), then eˣ = 2ᵏ e^r.
 * NaN → NaN, +∞ → +∞, −∞ → 0, overflow → +∞, underflow → 0. exp(1) is the double nearest e.
 * fdlibm reads the high word of x for its tests and writes one to make 2ᵏ; here the same tests
 * are comparisons of |x| and 2ᵏ comes from a table. The steps are those of `expInPlace`, which
 * loops that need many values should call instead.
 */
export function exp(x: number): number {
  ONE[0] = x;
  expInPlace(ONE, 0, 1);
  return ONE[0]!;
}

/** Scratch of `exp`. */
const ONE = new Float64Array(1);

/**
 * v[i] = exp(v[i]) for i in [from, to), by fdlibm's method (see `exp`). It writes into the array
 * and returns nothing, so no result is ever boxed: called once per value from the simulation's
 * births paths, a scalar `exp` made V8 allocate a heap number per call (550 MB per national run).
 */
export function expInPlace(v: Float64Array, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    let x = v[i]!;
    const ax = Math.abs(x);
    if (!(ax < EXP_BIG)) {
      // |x| ≥ 709.78…, ±∞ or NaN: NaN stays, +∞ on overflow, 0 on underflow.
      if (x !== x) continue;
      if (x > O_THRESHOLD) {
        v[i] = EXP_EDGE[0]!;
        continue;
      }
      if (x < U_THRESHOLD) {
        v[i] = EXP_EDGE[1]!;
        continue;
      }
    }
    let k = 0;
    let hi = 0;
    let lo = 0;
    if (ax >= EXP_REDUCE) {
      // |x| > ½ ln 2: reduce; k = ±1 when |x| < 1.5 ln 2.
      if (ax < EXP_ONE_STEP) {
        if (x === 1) {
          v[i] = E;
          continue;
        }
        if (x < 0) {
          hi = x + LN2_HI;
          lo = -LN2_LO;
          k = -1;
        } else {
          hi = x - LN2_HI;
          lo = LN2_LO;
          k = 1;
        }
      } else {
        k = (INV_LN2 * x + (x < 0 ? -0.5 : 0.5)) | 0; // truncated toward 0, as C's (int)
        hi = x - k * LN2_HI; // exact
        lo = k * LN2_LO;
      }
      x = hi - lo;
    } else if (ax < EXP_TINY) {
      // |x| < 2⁻²⁸: eˣ rounds to 1 + x.
      v[i] = 1 + x;
      continue;
    }
    // e^r = 1 + 2r / (R − r) with R − r = the rational approximation c; then × 2ᵏ.
    const t = x * x;
    const c = x - t * (EXP_P1 + t * (EXP_P2 + t * (EXP_P3 + t * (EXP_P4 + t * EXP_P5))));
    if (k === 0) v[i] = 1 - ((x * c) / (c - 2) - x);
    else {
      const y = 1 - ((lo - (x * c) / (2 - c)) - hi);
      v[i] = k >= -1021 ? (k === 1024 ? y * 2 * TWO_1023 : y * POW2[k + 1021]!) : y * POW2[k + 1000 + 1021]! * TWO_M1000;
    }
  }
}

/** log's results at ±0 and below 0. */
const LOG_EDGE = Float64Array.of(-Infinity, NaN);
const TWO_54 = 1.8014398509481984e16; // 2⁵⁴
const LG1 = 6.666666666666735130e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;

/**
 * ln x by fdlibm's method: x = 2ᵏ (1 + f) with √2/2 < 1 + f < √2, s = f / (2 + f),
 * ln(1 + f) = 2s + s R(s²) with R a degree-7 polynomial on [0, 0.1716] (error below 2⁻⁵⁸·⁴⁵),
 * computed as f − (f²/2 − s (f²/2 + R)) to keep the leading bits exact; ln x = k ln 2 + ln(1 + f).
 * ±0 → −∞, x < 0 → NaN, +∞ → +∞, NaN → NaN, ln 1 = 0.
 */
export function log(x: number): number {
  let hx = highWord(x);
  let k = 0;
  if (hx < 0x00100000) {
    // x < 2⁻¹⁰²², negative, or ±0.
    if (((hx & 0x7fffffff) | lowWord(x)) === 0) return LOG_EDGE[0]!; // −∞ (read from a typed array, as exp's)
    if (hx < 0) return LOG_EDGE[1]!; // NaN
    // Subnormal: scale up by 2⁵⁴.
    k -= 54;
    x *= TWO_54;
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) return x + x; // +∞ or NaN
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i0 = (hx + 0x95f64) & 0x100000;
  x = fromWords(hx | (i0 ^ 0x3ff00000), lowWord(x)); // x or x / 2, in [√2/2, √2)
  k += i0 >> 20;
  const f = x - 1;
  if ((0x000fffff & (2 + hx)) < 3) {
    // −2⁻²⁰ ≤ f < 2⁻²⁰
    if (f === 0) return k === 0 ? 0 : k * LN2_HI + k * LN2_LO;
    const r = f * f * (0.5 - 0.33333333333333333 * f);
    return k === 0 ? f - r : k * LN2_HI - ((r - k * LN2_LO) - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const r = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + r)) : k * LN2_HI - ((hfsq - (s * (hfsq + r) + k * LN2_LO)) - f);
  }
  return k === 0 ? f - s * (f - r) : k * LN2_HI - ((s * (f - r) - k * LN2_LO) - f);
}
