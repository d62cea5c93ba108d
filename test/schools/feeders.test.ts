import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chinaSchoolSystem, chooseBlend, BLEND_GRID, fitFeeders, fitModel, fitSchoolPanel, forecast, forecastSchools, projectSchoolPanel, resolveSchoolOptions, safeParseDataset, type SchoolPanel } from "../helpers/internal.js";
import { schoolsNoteTexts } from "../../src/report/notes/schools.js";

// Two areas' worth of schools in one area: primary schools p0..p(P−1) teach g0–g1, a middle
// school m teaches g2 (its intake comes from the primaries' g1 leavers). Random counts; the
// area's history is the sum of its schools; area forecasts random and positive.
const G = 3;
const feederArb = fc
  .record({
    P: fc.integer({ min: 1, max: 5 }),
    Y: fc.integer({ min: 3, max: 7 }),
    H: fc.integer({ min: 1, max: 4 }),
    rate: fc.double({ min: 0.3, max: 1, noNaN: true }),
    mapped: fc.boolean(),
    seed: fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 200, maxLength: 200 }),
  })
  .map(({ P, Y, H, rate, mapped, seed }) => {
    let k = 0;
    const next = (): number => seed[k++ % seed.length]!;
    const S = P + 1;
    const T = Y + H;
    const offered = new Uint8Array(S * G * T);
    const pupils = new Float64Array(S * G * Y).fill(NaN);
    for (let s = 0; s < P; s++) for (const g of [0, 1]) for (let t = 0; t < T; t++) offered[(s * G + g) * T + t] = 1;
    for (let t = 0; t < T; t++) offered[(P * G + 2) * T + t] = 1;
    for (let s = 0; s < P; s++) for (const g of [0, 1]) for (let y = 0; y < Y; y++) pupils[(s * G + g) * Y + y] = 10 + next();
    // The middle school's intake: `rate` of the primaries' g1 of the year before (exactly), its first year a guess.
    for (let y = 0; y < Y; y++) {
      let x = 0;
      for (let s = 0; s < P; s++) x += y > 0 ? pupils[(s * G + 1) * Y + y - 1]! : 0;
      pupils[(P * G + 2) * Y + y] = y > 0 ? rate * x : 100;
    }
    const areaPupils = new Float64Array(G * T);
    for (let s = 0; s < S; s++) for (let g = 0; g < G; g++) for (let y = 0; y < Y; y++) if (offered[(s * G + g) * T + y]) areaPupils[g * T + y]! += pupils[(s * G + g) * Y + y]!;
    for (let g = 0; g < G; g++) for (let t = Y; t < T; t++) areaPupils[g * T + t] = 50 + next();
    const feeders = mapped ? Array.from({ length: P }, (_, s) => ({ to: P, from: s, share: 1 })) : undefined;
    const panel: SchoolPanel = { schools: [...Array.from({ length: P }, (_, i) => `p${i}`), "m"], areas: ["a"], areaOf: new Int32Array(S), grades: ["g0", "g1", "g2"], firstYear: 2000, baseYear: 1999 + Y, to: 1999 + Y + H, pupils, offered, areaPupils, ...(feeders ? { feeders } : {}) };
    return { panel, rate, P };
  });

describe("feeder intake (fitFeeders)", () => {
  it("recovers the rate of an intake that is exactly a share of the feeders' last grade, mapped or learned, at any penalty", () => {
    fc.assert(
      fc.property(feederArb, fc.constantFrom(0, 1, Infinity), ({ panel, rate, P }, penalty) => {
        const ff = fitFeeders(panel, 6, penalty);
        const i = P * G + 2;
        const a = ff.start[i]!;
        const b = ff.start[i + 1]!;
        expect(b - a).toBe(P);
        // m = Σ I / Σ X = rate; the residuals are 0, so the ridge adds nothing.
        for (let k = a; k < b; k++) expect(ff.weight[k]!).toBeCloseTo(rate, 9);
        expect(ff.mapped[i]).toBe(panel.feeders ? 1 : 0);
        // No other row has senders (the primaries take no intake above g0).
        expect(ff.start[P * G]).toBe(0);
      }),
    );
  });

  it("the projected intake (before reconciliation) is the rate times the feeders' last grade of the year before", () => {
    fc.assert(
      fc.property(feederArb, ({ panel, rate, P }) => {
        const opts = resolveSchoolOptions({ intake: "feeder", shrinkage: 100 });
        const out = projectSchoolPanel(panel, fitSchoolPanel(panel, opts), opts);
        const W = panel.to - panel.baseYear + 1;
        for (let h = 1; h < W; h++) {
          let x = 0;
          for (let s = 0; s < P; s++) x += out.pupils[(s * G + 1) * W + h - 1]!;
          expect(out.raw[(P * G + 2) * W + h]).toBeCloseTo(rate * x, 6);
        }
      }),
    );
  });

  it("learned weights do not change when every count is scaled (λ is free of scale)", () => {
    fc.assert(
      fc.property(feederArb, fc.constantFrom(2, 7), ({ panel }, c) => {
        // Perturb the intake so the ridge has residuals to fit.
        const P = panel.schools.length - 1;
        const Y = panel.baseYear - panel.firstYear + 1;
        const pupils = panel.pupils.slice();
        for (let y = 1; y < Y; y++) pupils[(P * G + 2) * Y + y]! += (y % 3) * 5;
        const p: SchoolPanel = { ...panel, feeders: undefined, pupils };
        const q: SchoolPanel = { ...p, pupils: pupils.map((v) => v * c), areaPupils: p.areaPupils.map((v) => v * c) };
        const a = fitFeeders(p, 6, 1);
        const b = fitFeeders(q, 6, 1);
        expect(Array.from(b.start)).toEqual(Array.from(a.start));
        for (let k = 0; k < a.weight.length; k++) expect(b.weight[k]!).toBeCloseTo(a.weight[k]!, 9);
      }),
    );
  });
});

describe("combination weight by horizon", () => {
  it("chooseBlend picks weights of the grid, one per horizon the history can score", () => {
    fc.assert(
      fc.property(feederArb, ({ panel }) => {
        const ws = chooseBlend(panel, resolveSchoolOptions({ shrinkage: 100 }));
        const Y = panel.baseYear - panel.firstYear + 1;
        expect(ws.length).toBeGreaterThanOrEqual(1);
        expect(ws.length).toBeLessThanOrEqual(Math.max(1, Y - 3));
        for (const w of ws) expect(BLEND_GRID).toContain(w);
      }),
      { numRuns: 30 },
    );
  });

  it("refuses weights outside [0, 1], an empty list and an unknown intake", () => {
    expect(() => resolveSchoolOptions({ blend: [0.5, 1.2] })).toThrow(/blend must be "estimate" or weights in \[0, 1\]/);
    expect(() => resolveSchoolOptions({ blend: [] })).toThrow(/empty list/);
    expect(() => resolveSchoolOptions({ intake: "nearest" as "map" })).toThrow(/intake must be "share", "map" or "feeder"/);
    expect(() => resolveSchoolOptions({ feederPenalty: -1 })).toThrow(/feederPenalty/);
  });
});

describe("feeders records", () => {
  const grades = ["P1", "P2", "P3", "P4", "P5", "P6", "J1", "J2", "J3"];
  const input = (feeders: unknown[]) => ({
    areas: [{ id: "xq", grades }],
    enrolment: grades.map((grade) => ({ area: "xq", year: 2020, grade, pupils: 10 })),
    schools: [
      { id: "p1", area: "xq", grades: [{ first: "P1", last: "P6" }] },
      { id: "p2", area: "xq", grades: [{ first: "P1", last: "P6" }] },
      { id: "j1", area: "xq", grades: [{ first: "J1", last: "J3" }] },
    ],
    feeders,
  });

  it("keeps valid links", () => {
    const r = safeParseDataset(input([{ school: "j1", from: "p1", share: 0.7 }, { school: "j1", from: "p2" }]), chinaSchoolSystem);
    expect(r.success).toBe(true);
    if (r.success) expect(r.data.feeders).toEqual([{ school: "j1", from: "p1", share: 0.7 }, { school: "j1", from: "p2" }]);
  });

  it("refuses unknown schools, a school feeding itself, duplicates, shares outside [0, 1] or adding up past 1, each located", () => {
    const r = safeParseDataset(
      input([
        { school: "j9", from: "p1" },
        { school: "j1", from: "j1" },
        { school: "j1", from: "p1", share: 0.6 },
        { school: "j1", from: "p1", share: 0.1 },
        { school: "p2", from: "p1", share: 0.5 },
        { school: "j1", from: "p2", share: 1.5 },
      ]),
      chinaSchoolSystem,
    );
    expect(r.success).toBe(false);
    if (r.success) return;
    const got = r.issues.map((i) => `${i.code} ${i.path.join(".")}`);
    expect(got).toEqual(expect.arrayContaining(["unknown_reference feeders.0.school", "inconsistent feeders.1.from", "duplicate feeders.3", "inconsistent feeders.4.share", "invalid_value feeders.5.share"]));
    expect(r.issues.find((i) => i.path.join(".") === "feeders.4.share")!.message).toMatch(/add up to 1\.100, more than 1/);
  });
});

describe("feeder notes", () => {
  it("a feeder map is noted when the intake option does not use it, and a receiving school that takes no intake is noted", () => {
    const grades = ["P1", "P2", "P3", "P4", "P5", "P6", "J1", "J2", "J3"];
    const years = [2017, 2018, 2019, 2020];
    const input = {
      areas: [{ id: "xq", grades }],
      enrolment: years.flatMap((year) => grades.map((grade) => ({ area: "xq", year, grade, pupils: grade.startsWith("J") ? 90 : 100 }))),
      schools: [
        { id: "p1", area: "xq", grades: [{ first: "P1", last: "P6" }] },
        { id: "j1", area: "xq", grades: [{ first: "J1", last: "J3" }] },
        // Opens in 2020: one intake year only.
        { id: "j2", area: "xq", grades: [{ first: "J1", last: "J3" }], opens: 2020 },
      ],
      schoolEnrolment: years.flatMap((year) => [
        ...grades.slice(0, 6).map((grade) => ({ school: "p1", year, grade, pupils: 100 })),
        ...grades.slice(6).map((grade) => ({ school: "j1", year, grade, pupils: year === 2020 ? 60 : 90 })),
        ...(year === 2020 ? grades.slice(6).map((grade) => ({ school: "j2", year, grade, pupils: 30 })) : []),
      ]),
      feeders: [{ school: "j1", from: "p1", share: 0.6 }, { school: "j2", from: "p1", share: 0.4 }],
    };
    const r = safeParseDataset(input, chinaSchoolSystem);
    expect(r.success).toBe(true);
    if (!r.success) return;
    const fcst = forecast(fitModel(r.data), { to: 2022 });
    const codes = (o: object) => forecastSchools(r.data, fcst, { level: null, ...o }).notes.filter((n) => n.code.startsWith("schools.feeder"));
    expect(codes({ intake: "share" })).toEqual([{ code: "schools.feeders-not-used", params: { links: 2 } }]);
    expect(codes({})).toEqual([{ code: "schools.feeder-no-intake", params: { school: "j2", years: 6 } }]);
    for (const code of ["schools.feeders-not-used", "schools.feeder-no-intake"]) {
      expect(schoolsNoteTexts[code]!.en({ links: 2, school: "j2", years: 6 })).not.toMatch(/undefined|NaN/);
      expect(schoolsNoteTexts[code]!.zh({ links: 2, school: "j2", years: 6 })).not.toMatch(/undefined|NaN/);
    }
  });
});
