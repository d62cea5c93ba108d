import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { exp, expInPlace, log } from "../../src/uncertainty/libm.js";
import { rng } from "../../src/uncertainty/prng.js";

// The oracle: V8 (which runs these tests) implements Math.exp and Math.log with fdlibm's
// algorithms, so the JavaScript versions must give the same bits. On another engine this file
// would test that engine's Math functions, not ours; the special cases below hold anywhere.
const same = (a: number, b: number): boolean => Object.is(a, b);

describe("exp and log in JavaScript arithmetic (fdlibm's algorithms)", () => {
  it("equal Math.exp and Math.log bit for bit on any double (property)", () => {
    fc.assert(
      fc.property(fc.double(), (x) => {
        expect(same(exp(x), Math.exp(x))).toBe(true);
        expect(same(log(x), Math.log(x))).toBe(true);
      }),
      { numRuns: 20000 },
    );
  });

  it("equal them on a million arguments where the simulation uses them", () => {
    // exp: log-errors and random-walk sums (|x| up to a few); log: ratios near 1 and births
    // ratios; plus every reduction branch of exp (k = 0, ±1, large) and subnormal log.
    const r = rng(20261129, "libm");
    let bad = 0;
    for (let i = 0; i < 1_000_000; i++) {
      const u = r.next();
      const x = i % 4 === 0 ? 8 * (u - 0.5) : i % 4 === 1 ? 1400 * (u - 0.5) : i % 4 === 2 ? 0.5 + u : Math.exp(1400 * (u - 0.5)) * u;
      if (!same(exp(x), Math.exp(x)) || !same(log(Math.abs(x)), Math.log(Math.abs(x)))) bad++;
    }
    expect(bad).toBe(0);
  });

  it("expInPlace gives Math.exp of every value in its range, bit for bit, and leaves the rest (property)", () => {
    const special = fc.constantFrom(NaN, Infinity, -Infinity, 0, -0, 1, -1, 709.9, -745.5, -800, 800, 1e-30);
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double(), fc.double({ min: -3, max: 3, noNaN: true }), special), { maxLength: 200 }), fc.nat(), fc.nat(), (xs, a, b) => {
        const from = xs.length ? a % xs.length : 0;
        const to = xs.length ? from + (b % (xs.length - from + 1)) : 0;
        const v = Float64Array.from(xs);
        expInPlace(v, from, to);
        xs.forEach((x, i) => expect(same(v[i]!, i >= from && i < to ? Math.exp(x) : Float64Array.of(x)[0]!)).toBe(true));
      }),
      { numRuns: 2000 },
    );
  });

  it("special values: exp(NaN, ±∞, ±0, 1, overflow, underflow), log(NaN, ±∞, ±0, negative, 1, subnormal)", () => {
    expect(exp(NaN)).toBeNaN();
    expect(exp(Infinity)).toBe(Infinity);
    expect(same(exp(-Infinity), 0)).toBe(true);
    expect(exp(0)).toBe(1);
    expect(exp(-0)).toBe(1);
    expect(exp(1)).toBe(Math.E);
    expect(exp(710)).toBe(Infinity);
    expect(same(exp(-746), 0)).toBe(true);
    expect(exp(-745)).toBe(5e-324);
    expect(log(NaN)).toBeNaN();
    expect(log(Infinity)).toBe(Infinity);
    expect(log(-Infinity)).toBeNaN();
    expect(log(0)).toBe(-Infinity);
    expect(log(-0)).toBe(-Infinity);
    expect(log(-1)).toBeNaN();
    expect(same(log(1), 0)).toBe(true);
    expect(log(5e-324)).toBe(-744.4400719213812);
    expect(log(Math.E)).toBe(1);
    expect(log(2)).toBe(Math.LN2);
  });
});
