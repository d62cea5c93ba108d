import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { expectClose } from "../helpers/expect.js";
import { addArrivals, ageHousing } from "../../src/housing/kernel.js";

const sum = (a: Float64Array): number => a.reduce((s, v) => s + v, 0);

describe("addArrivals and ageHousing, worked example", () => {
  // 3 grades (G1, G2 in stage "lower", yield 0.4 → 0.2 each; G3 in "upper", yield 0.1), phasing
  // [0.5, 0.5], 100 dwellings first occupied in year 0 of a 4-year axis.
  // Arrivals: G1 = 100 × 0.2 × 0.5 = 10 in years 0 and 1; G2 likewise 10, 10; G3 = 100 × 0.1 × 0.5 = 5, 5.
  // Ageing: G2[1] = 10 + G1[0] 10 = 20; G2[2] = 0 + G1[1] 10 = 10;
  //         G3[1] = 5 + G2[0] 10 = 15; G3[2] = 0 + G2[1] 20 = 20; G3[3] = G2[2] = 10.
  const G = 3;
  const T = 4;
  const dwellings = new Float64Array([100, 0, 0, 0]);
  const yields = new Float64Array([0.2, 0.2, 0.1]);
  const weights = new Float64Array([0.5, 0.5]);

  it("arrivals follow the phasing curve", () => {
    const arr = addArrivals(G, T, dwellings, yields, weights, new Float64Array(G * T));
    expect([...arr]).toEqual([10, 10, 0, 0, 10, 10, 0, 0, 5, 5, 0, 0]);
    // the phasing identity: 100 dwellings × 0.5 lifetime pupils = 50
    expectClose(sum(arr), 50);
  });

  it("housing pupils age through the grades", () => {
    const arr = addArrivals(G, T, dwellings, yields, weights, new Float64Array(G * T));
    const out = ageHousing(G, T, arr, new Uint8Array([1, 1, 1]), undefined, new Float64Array(G * T));
    expect([...out]).toEqual([10, 10, 0, 0, 10, 20, 10, 0, 5, 15, 20, 10]);
  });

  it("drops arrivals in grades not taught and stops ageing there", () => {
    const arr = addArrivals(G, T, dwellings, yields, weights, new Float64Array(G * T));
    // G2 not taught: its arrivals are not counted, and G1 pupils do not age into G3 through it.
    const out = ageHousing(G, T, arr, new Uint8Array([1, 0, 1]), undefined, new Float64Array(G * T));
    expect([...out]).toEqual([10, 10, 0, 0, 0, 0, 0, 0, 5, 5, 0, 0]);
  });

  it("applies progression factors when given", () => {
    const arr = addArrivals(G, T, dwellings, yields, weights, new Float64Array(G * T));
    const step = new Float64Array(G * T).fill(0.5);
    const out = ageHousing(G, T, arr, new Uint8Array([1, 1, 1]), step, new Float64Array(G * T));
    // G2[1] = 10 + 0.5 × 10 = 15; G3[1] = 5 + 0.5 × 10 = 10; G3[2] = 0 + 0.5 × 15 = 7.5
    expect(out[1 * T + 1]).toBe(15);
    expect(out[2 * T + 1]).toBe(10);
    expect(out[2 * T + 2]).toBe(7.5);
  });
});

const G = 4;
const kernelCase = fc.record({
  T: fc.integer({ min: 1, max: 12 }),
  dwellings: fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 12, maxLength: 12 }),
  yields: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: G, maxLength: G }),
  weights: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }).filter((w) => w.some((v) => v > 0)),
  taught: fc.array(fc.constantFrom(0, 1), { minLength: G, maxLength: G }),
});

function run(c: { T: number; dwellings: number[]; yields: number[]; weights: number[]; taught: number[] }, scaleD = 1): { arr: Float64Array; out: Float64Array } {
  const ws = c.weights.reduce((a, b) => a + b, 0);
  const arr = addArrivals(G, c.T, Float64Array.from(c.dwellings.slice(0, c.T), (d) => d * scaleD), Float64Array.from(c.yields), Float64Array.from(c.weights, (w) => w / ws), new Float64Array(G * c.T));
  const out = ageHousing(G, c.T, arr, Uint8Array.from(c.taught), undefined, new Float64Array(G * c.T));
  return { arr, out };
}

describe("kernel laws", () => {
  it("the phasing curve's arrivals sum to the lifetime total (dwellings × Σ grade yields)", () => {
    fc.assert(
      fc.property(kernelCase, (c) => {
        // only dwellings whose whole curve fits on the axis
        const K = c.weights.length;
        const T = c.T;
        const d = c.dwellings.slice(0, T).map((v, t) => (t + K <= T ? v : 0));
        const { arr } = run({ ...c, dwellings: d });
        const lifetime = c.yields.reduce((a, b) => a + b, 0);
        const expected = d.reduce((a, b) => a + b, 0) * lifetime;
        expectClose(sum(arr), expected, { rel: 1e-9, abs: 1e-9 });
      }),
    );
  });

  it("zero dwellings add zero pupils", () => {
    fc.assert(
      fc.property(kernelCase, (c) => {
        const { out } = run({ ...c, dwellings: c.dwellings.map(() => 0) });
        expect(out.every((v) => v === 0)).toBe(true);
      }),
    );
  });

  it("doubling dwellings doubles the housing pupils", () => {
    fc.assert(
      fc.property(kernelCase, (c) => {
        const one = run(c).out;
        const two = run(c, 2).out;
        one.forEach((v, k) => expectClose(two[k]!, 2 * v, { rel: 1e-12, abs: 1e-9 }));
      }),
    );
  });

  it("housing pupils are monotone in dwellings and in yield", () => {
    fc.assert(
      fc.property(kernelCase, fc.nat({ max: 11 }), fc.integer({ min: 1, max: 500 }), fc.nat({ max: G - 1 }), fc.double({ min: 0, max: 1, noNaN: true }), (c, t, more, g, dy) => {
        const base = run(c).out;
        const d2 = [...c.dwellings];
        d2[t] = d2[t]! + more;
        const y2 = [...c.yields];
        y2[g] = y2[g]! + dy;
        const moreD = run({ ...c, dwellings: d2 }).out;
        const moreY = run({ ...c, yields: y2 }).out;
        base.forEach((v, k) => {
          expect(moreD[k]!).toBeGreaterThanOrEqual(v - 1e-9);
          expect(moreY[k]!).toBeGreaterThanOrEqual(v - 1e-9);
        });
      }),
    );
  });

  it("does not mutate its inputs", () => {
    fc.assert(
      fc.property(kernelCase, (c) => {
        const d = Float64Array.from(c.dwellings.slice(0, c.T));
        const y = Float64Array.from(c.yields);
        const w = Float64Array.from(c.weights);
        const tg = Uint8Array.from(c.taught);
        const arr = addArrivals(G, c.T, d, y, w, new Float64Array(G * c.T));
        const arrCopy = Float64Array.from(arr);
        ageHousing(G, c.T, arr, tg, undefined, new Float64Array(G * c.T));
        expect([...d]).toEqual(c.dwellings.slice(0, c.T));
        expect([...y]).toEqual(c.yields);
        expect([...w]).toEqual(c.weights);
        expect([...tg]).toEqual(c.taught);
        expect([...arr]).toEqual([...arrCopy]);
      }),
    );
  });
});
