import { log } from "../../src/uncertainty/libm.js";

// A test oracle: the normal quantiles that the ziggurat sampler's draws are held against. The
// library itself does not need it (it draws normals by the ziggurat), so it lives with the tests.

/**
 * The standard normal quantile function Φ⁻¹(p): Wichura's algorithm AS 241 (PPND16), rational
 * approximations in three regions of p, accurate to about 1 part in 10¹⁶ (M. J. Wichura 1988,
 * "Algorithm AS 241: The Percentage Points of the Normal Distribution", Applied Statistics
 * 37(3), 477–484).
 *
 * With q = p − ½: for |q| ≤ 0.425, Φ⁻¹(p) = q · A(r) / B(r), r = 0.180625 − q²; otherwise
 * r = √(−ln min(p, 1 − p)) and Φ⁻¹(p) = ±C(r − 1.6) / D(r − 1.6) for r ≤ 5, ±E(r − 5) / F(r − 5)
 * beyond, the sign of q (A…F the published polynomials of degree 7).
 *
 * @param p - probability in [0, 1]; 0 and 1 give −∞ and +∞
 * @throws RangeError when p is outside [0, 1] or NaN
 * @example
 * ```ts
 * normalQuantile(0.5) // 0
 * normalQuantile(0.975) // 1.9599639845400536
 * ```
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`normalQuantile: p must be in [0, 1], got ${p}`);
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r + 45921.953931549871457) * r + 13731.693765509461125) * r +
          1971.5909503065514427) *
          r +
          133.14166789178437745) *
          r +
          3.387132872796366608)) /
      (((((((5226.495278852545925 * r + 28729.085735721942674) * r + 39307.89580009271061) * r + 21213.794301586595867) * r + 5394.1960214247511077) * r +
        687.1870074920579083) *
        r +
        42.313330701600911252) *
        r +
        1)
    );
  }
  let r = q < 0 ? p : 1 - p;
  if (r === 0) return q < 0 ? -Infinity : Infinity;
  r = Math.sqrt(-log(r));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x =
      (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r + 1.27045825245236838258) * r + 3.64784832476320460504) * r +
        5.7694972214606914055) *
        r +
        4.6303378461565452959) *
        r +
        1.42343711074968357734) /
      (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r + 0.14810397642748007459) * r + 0.68976733498510000455) * r +
        1.6763848301838038494) *
        r +
        2.05319162663775882187) *
        r +
        1);
  } else {
    r -= 5;
    x =
      (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r + 0.026532189526576123093) * r + 0.29656057182850489123) * r +
        1.7848265399172913358) *
        r +
        5.4637849111641143699) *
        r +
        6.6579046435011037772) /
      (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r +
        0.13692988092273580531) *
        r +
        0.59983220655588793769) *
        r +
        1);
  }
  return q < 0 ? -x : x;
}
