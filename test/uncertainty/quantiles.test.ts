import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quantiles } from "../../src/index.js";
import { Xoshiro128 } from "../../src/uncertainty/xoshiro.js";
import { normalQuantile } from "../helpers/normalQuantile.js";
import { rng, streams } from "../../src/uncertainty/prng.js";
import { quantileSorted } from "../../src/uncertainty/quantile.js";

const sortedQuantiles = (v: readonly number[], ps: readonly number[]): number[] => {
  const s = Float64Array.from(v).sort();
  return ps.map((p) => quantileSorted(s, p));
};

describe("quantiles (bucketing and selection) equal the sort-based quantiles", () => {
  it("on any values (finite, ±Infinity, NaN), with ties, -0 and wide ranges (property)", () => {
    const value = fc.oneof(
      fc.double({ noNaN: true }),
      fc.integer({ min: -5, max: 5 }),
      fc.double({ min: 990, max: 1010, noNaN: true }),
      fc.constantFrom(0, -0, Number.MAX_VALUE, -Number.MAX_VALUE, 5e-324, Number.NaN, Infinity, -Infinity),
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 3000 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }), (v, ps) => {
        const before = [...v];
        // −0 and +0 compare equal, so either may be the value at a rank; the sort puts −0 first.
        const zero = (x: number): number => (x === 0 ? 0 : x);
        expect(quantiles(v, ps).map(zero)).toEqual(sortedQuantiles(v, ps).map(zero));
        expect(v).toEqual(before); // the input is not changed
      }),
      { numRuns: 300 },
    );
  });

  it("on 1,000 skewed draws at the simulation's ranks (10/50/90%), repeatedly", () => {
    const r = rng(3);
    for (let t = 0; t < 50; t++) {
      const v = Array.from({ length: 1000 }, () => 1000 * Math.exp(0.3 * r.normal()));
      expect(quantiles(v, [0.1, 0.5, 0.9])).toEqual(sortedQuantiles(v, [0.1, 0.5, 0.9]));
    }
  });

  it("refuses empty values and p outside [0, 1]", () => {
    expect(() => quantiles([], [0.5])).toThrow(RangeError);
    expect(() => quantiles([1], [1.5])).toThrow(RangeError);
  });
});

describe("normalQuantile (AS 241)", () => {
  it("matches Python's statistics.NormalDist().inv_cdf, itself AS 241, to the last bit", () => {
    // Values printed by Python 3.11: statistics.NormalDist().inv_cdf(p).
    const cases: [number, number][] = [
      [1e-300, -37.0470962993612],
      [1e-10, -6.361340902404056],
      [0.001, -3.090232306167813],
      [0.025, -1.9599639845400538],
      [0.075, -1.4395314709384557],
      [0.3, -0.5244005127080407],
      [0.5, 0],
      [0.6, 0.2533471031357998],
      [0.975, 1.9599639845400536],
      [1 - 1e-12, 7.0344869100478356],
    ];
    for (const [p, z] of cases) expect(normalQuantile(p)).toBe(z);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(() => normalQuantile(Number.NaN)).toThrow(RangeError);
  });

  it("is non-decreasing and odd about ½ (property; p ≥ 10⁻⁶, where 1 − p loses little to rounding)", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 0.5, noNaN: true }), fc.double({ min: 1e-6, max: 0.5, noNaN: true }), (p, q) => {
        if (p < q) expect(normalQuantile(p)).toBeLessThanOrEqual(normalQuantile(q));
        expect(normalQuantile(1 - p)).toBeCloseTo(-normalQuantile(p), 9);
      }),
    );
  });
});

describe("Rng.normal (ziggurat)", () => {
  it("has the standard normal's quantiles and tail mass over 200,000 draws (seeded)", () => {
    const r = rng(11, "ziggurat");
    const n = 200_000;
    const z = Float64Array.from({ length: n }, () => r.normal()).sort();
    // Tolerance: 4 standard errors of an empirical p-quantile, √(p(1 − p) / n) / φ(Φ⁻¹(p)).
    for (const p of [0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999]) {
      const q = normalQuantile(p);
      const phi = Math.exp(-0.5 * q * q) / Math.sqrt(2 * Math.PI);
      const se = Math.sqrt((p * (1 - p)) / n) / phi;
      expect(Math.abs(quantileSorted(z, p) - q)).toBeLessThan(4 * se);
    }
    // Beyond the ziggurat's tail start R = 3.442619855899 (drawn by the tail method): expected
    // n · 2(1 − Φ(R)) = n · 5.7611e-4 ≈ 115 draws (Φ from Python's statistics.NormalDist), sd ≈ 10.7.
    const beyond = z.filter((x) => Math.abs(x) > 3.442619855899).length;
    expect(Math.abs(beyond - n * 5.7611e-4)).toBeLessThan(4 * Math.sqrt(n * 5.7611e-4));
  });
});

describe("Xoshiro128 batch fills", () => {
  it("fillNormal and fillUniform give the numbers of repeated normal() and next() calls (property)", () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 0, max: 300 }), (seed, count) => {
        const a = new Xoshiro128(seed);
        const b = new Xoshiro128(seed);
        const z = new Float64Array(2 * count + 1);
        a.fillNormal(z, 1, 2, count);
        const u = new Float64Array(count);
        a.fillUniform(u, 0, 1, count);
        expect(Array.from({ length: count }, (_, i) => z[1 + 2 * i])).toEqual(Array.from({ length: count }, () => b.normal()));
        expect(Array.from(u)).toEqual(Array.from({ length: count }, () => b.next()));
      }),
      { numRuns: 200 },
    );
  });
});

describe("streams", () => {
  it("streams(seed, prefix)(n) is rng(seed, prefix + n) without building the keys (property)", () => {
    fc.assert(
      fc.property(fc.integer(), fc.string(), fc.nat(), (seed, prefix, n) => {
        const a = streams(seed, prefix)(n);
        const b = rng(seed, prefix + String(n));
        expect([a.next(), a.normal(), a.int(10)]).toEqual([b.next(), b.normal(), b.int(10)]);
      }),
    );
  });
});
