import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitSchoolPanel, projectSchoolPanel, resolveSchoolOptions, type SchoolPanel } from "../helpers/internal.js";

// Laws of the school kernel on random panels: 1–2 areas, 1–6 schools, 4 grades, 3–6 history
// years, 1–4 forecast years; each school teaches a contiguous span of grades, may open late and
// may close. The area history is the sum of its schools (so coverage is 1) and the area forecast
// a random positive path.
const G = 4;
const panelArb = fc
  .record({
    A: fc.integer({ min: 1, max: 2 }),
    S: fc.integer({ min: 1, max: 6 }),
    Y: fc.integer({ min: 3, max: 6 }),
    H: fc.integer({ min: 1, max: 4 }),
    seed: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 400, maxLength: 400 }),
  })
  .map(({ A, S, Y, H, seed }): SchoolPanel => {
    let k = 0;
    const next = (): number => seed[k++ % seed.length]!;
    const T = Y + H;
    const areaOf = new Int32Array(S);
    const offered = new Uint8Array(S * G * T);
    const pupils = new Float64Array(S * G * Y).fill(NaN);
    for (let s = 0; s < S; s++) {
      areaOf[s] = s % A;
      const lo = next() % G;
      const hi = lo + (next() % (G - lo));
      const opens = next() % 3 === 0 ? next() % T : 0;
      const closes = next() % 4 === 0 ? opens + 1 + (next() % T) : T;
      for (let t = opens; t < Math.min(T, closes); t++) for (let g = lo; g <= hi; g++) offered[(s * G + g) * T + t] = 1;
      for (let g = 0; g < G; g++) for (let y = 0; y < Y; y++) if (offered[(s * G + g) * T + y]) pupils[(s * G + g) * Y + y] = next() % 120;
    }
    const areaPupils = new Float64Array(A * G * T);
    for (let s = 0; s < S; s++) for (let g = 0; g < G; g++) for (let y = 0; y < Y; y++) if (offered[(s * G + g) * T + y]) areaPupils[(areaOf[s]! * G + g) * T + y]! += pupils[(s * G + g) * Y + y]!;
    for (let a = 0; a < A; a++) for (let g = 0; g < G; g++) for (let t = Y; t < T; t++) areaPupils[(a * G + g) * T + t] = 50 + next();
    return { schools: Array.from({ length: S }, (_, i) => `s${i}`), areas: Array.from({ length: A }, (_, i) => `a${i}`), areaOf, grades: ["g0", "g1", "g2", "g3"], firstYear: 2000, baseYear: 1999 + Y, to: 1999 + Y + H, pupils, offered, areaPupils };
  });

function run(p: SchoolPanel, o = {}) {
  const opts = resolveSchoolOptions(o);
  return projectSchoolPanel(p, fitSchoolPanel(p, opts), opts);
}

describe("school kernel laws", () => {
  it("forecasts are finite and non-negative in every forecast year", () => {
    fc.assert(
      fc.property(panelArb, (p) => {
        const out = run(p).pupils;
        const W = p.to - p.baseYear + 1;
        for (let i = 0; i < out.length; i++) if (i % W > 0) expect(out[i]! >= 0 && Number.isFinite(out[i]!)).toBe(true);
      }),
    );
  });

  it("the schools of an area sum to the area's forecast in every grade and year they teach it (after reconciliation)", () => {
    fc.assert(
      fc.property(panelArb, fc.constantFrom<0.5 | 1 | "estimate" | number[]>(0.5, 1, "estimate", [0.75, 0.25]), fc.constantFrom<"map" | "feeder">("map", "feeder"), (p, blend, intake) => {
        const out = run(p, { blend, intake }).pupils;
        const S = p.schools.length;
        const Y = p.baseYear - p.firstYear + 1;
        const H = p.to - p.baseYear;
        const T = Y + H;
        const W = H + 1;
        for (let a = 0; a < p.areas.length; a++) {
          for (let g = 0; g < G; g++) {
            // Coverage c[a,g] of the kernel: schools' base-year sum over the area's (1 here unless a figure is 0).
            let base = 0;
            for (let s = 0; s < S; s++) if (p.areaOf[s] === a && p.offered[(s * G + g) * T + Y - 1]) base += p.pupils[(s * G + g) * Y + Y - 1]!;
            const areaBase = p.areaPupils[(a * G + g) * T + Y - 1]!;
            const cover = areaBase > 0 && base > 0 ? base / areaBase : 1;
            for (let h = 1; h <= H; h++) {
              let sum = 0;
              let n = 0;
              for (let s = 0; s < S; s++) {
                if (p.areaOf[s] !== a || !p.offered[(s * G + g) * T + Y - 1 + h]) continue;
                sum += out[(s * G + g) * W + h]!;
                n++;
              }
              if (n === 0) continue;
              const target = p.areaPupils[(a * G + g) * T + Y - 1 + h]! * cover;
              expect(Math.abs(sum - target)).toBeLessThanOrEqual(1e-9 * Math.max(1, target));
            }
          }
        }
      }),
    );
  });

  it("a school that does not teach (closed, or not yet open) has 0 pupils", () => {
    fc.assert(
      fc.property(panelArb, (p) => {
        const out = run(p).pupils;
        const Y = p.baseYear - p.firstYear + 1;
        const H = p.to - p.baseYear;
        const T = Y + H;
        for (let s = 0; s < p.schools.length; s++)
          for (let g = 0; g < G; g++) for (let h = 1; h <= H; h++) if (!p.offered[(s * G + g) * T + Y - 1 + h]) expect(out[(s * G + g) * (H + 1) + h]).toBe(0);
      }),
    );
  });

  it("scale equivariance: every count and area total × c gives forecasts × c (κ fixed, or scaled with c)", () => {
    fc.assert(
      fc.property(panelArb, fc.constantFrom(2, 3, 10), (p, c) => {
        const scaled: SchoolPanel = { ...p, pupils: p.pupils.map((v) => v * c), areaPupils: p.areaPupils.map((v) => v * c) };
        const a = run(p, { shrinkage: 100 }).pupils;
        const b = run(scaled, { shrinkage: 100 * c }).pupils;
        for (let i = 0; i < a.length; i++) {
          if (Number.isNaN(a[i]!)) expect(b[i]).toBeNaN();
          else expect(Math.abs(b[i]! - c * a[i]!)).toBeLessThanOrEqual(1e-9 * Math.max(1, c * a[i]!));
        }
      }),
    );
  });

  it("does not mutate the panel", () => {
    fc.assert(
      fc.property(panelArb, (p) => {
        const before = [p.pupils.slice(), p.areaPupils.slice(), p.offered.slice()];
        run(p);
        expect([p.pupils, p.areaPupils, p.offered]).toEqual(before);
      }),
      { numRuns: 20 },
    );
  });
});

describe("school kernel, worked cases", () => {
  it("pools a small school's ratio toward the area: weight n / (n + κ)", () => {
    // Two schools teaching g0–g1 for 3 years. School 0: 10 → 15 pupils (own ratio 1.5, n = 20 over
    // 2 transitions); school 1: 100 → 100 (ratio 1, n = 200). Area ratio = (30 + 200) / (20 + 200).
    const Y = 3;
    const T = 4;
    const pupils = new Float64Array([10, 10, 10, 15, 15, 15, 100, 100, 100, 100, 100, 100]);
    const offered = new Uint8Array(2 * 2 * T).fill(1);
    const areaPupils = new Float64Array([110, 110, 110, 110, 115, 115, 115, 115]);
    const p: SchoolPanel = { schools: ["s0", "s1"], areas: ["a"], areaOf: new Int32Array([0, 0]), grades: ["g0", "g1"], firstYear: 2000, baseYear: 2000 + Y - 1, to: 2000 + Y, pupils, offered, areaPupils };
    const fit = fitSchoolPanel(p, resolveSchoolOptions({ shrinkage: 20 }));
    const rArea = 230 / 220;
    expect(fit.weight[1]).toBeCloseTo(20 / 40, 12);
    expect(fit.ratio[1]).toBeCloseTo(0.5 * 1.5 + 0.5 * rArea, 12);
    expect(fit.weight[3]).toBeCloseTo(200 / 220, 12);
  });
});
