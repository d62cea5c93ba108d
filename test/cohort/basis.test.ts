import { describe, expect, it } from "vitest";
import { fitModel, forecast, parseDataset, pupilRecords, stageTotals, type DatasetInput } from "../../src/index.js";
import { valueBasis } from "../helpers/internal.js";
import { deepFreeze } from "../helpers/expect.js";
import { toySystem } from "../helpers/toySystem.js";

// Toy system: G1 (age 5, entry from births), G2 (age 6), G3 (age 7, stage "upper"). History
// 2010–2020, births 2003–2020, all reported unless a test marks one as an estimate.
function input(opts: { estimatedBirths?: number; estimatedCell?: { grade: string; year: number } } = {}): DatasetInput {
  const B = (y: number): number => 300 + 20 * (y % 4);
  const births = [];
  for (let y = 2003; y <= 2020; y++) births.push({ area: "a", year: y, births: B(y), ...(y === opts.estimatedBirths ? { provenance: "estimate" } : {}) });
  const enrolment = [];
  for (let y = 2010; y <= 2020; y++) {
    for (const [g, age] of [["G1", 5], ["G2", 6], ["G3", 7]] as const) {
      const est = opts.estimatedCell && opts.estimatedCell.grade === g && opts.estimatedCell.year === y;
      enrolment.push({ area: "a", year: y, grade: g, pupils: B(y - age) + (y % 3), ...(est ? { provenance: "estimate" } : {}) });
    }
  }
  return { areas: [{ id: "a" }], enrolment, births };
}
const fcOf = (i: DatasetInput) => forecast(fitModel(parseDataset(deepFreeze(i), toySystem)), { to: 2026 });
const estimated = (i: DatasetInput): string[] =>
  pupilRecords(fcOf(i))
    .filter((r) => r.basis === "estimate")
    .map((r) => `${r.grade} ${r.year}`);

describe("basis per value", () => {
  it("reported data give reported values everywhere", () => {
    expect(estimated(input())).toEqual([]);
  });

  it("a provisional births year marks the entry grade from the year those births enter, and its cohort after; nothing else", () => {
    // 2017 births enter G1 (age 5) in 2022, are in G2 in 2023 and G3 in 2024. The entry ratio was
    // fitted on births up to 2015 (G1 in 2010–2020), so it rests on reported figures.
    expect(estimated(input({ estimatedBirths: 2017 }))).toEqual(["G1 2022", "G2 2023", "G3 2024"]);
  });

  it("the last known births year as an estimate also marks the births projected from it (method last)", () => {
    // 2020 births enter G1 in 2025; 2021 births (projected: the last known, 2020) enter in 2026.
    expect(estimated(input({ estimatedBirths: 2020 }))).toEqual(["G1 2025", "G1 2026", "G2 2026"]);
  });

  it("an estimated enrolment figure in the fitting window marks the ratios fitted from it; a reported actual stays reported", () => {
    // G2 2019 estimated: it is the numerator of G2's 2019 ratio and the denominator of G3's 2020
    // ratio (both in the ses window, the whole history), so every forecast of G2 and G3 is an
    // estimate; the base-year (2020) actuals are reported figures and stay reported; G1 is untouched.
    const est = estimated(input({ estimatedCell: { grade: "G2", year: 2019 } }));
    expect(est.filter((e) => e.startsWith("G1"))).toEqual([]);
    expect(est).toContain("G2 2021");
    expect(est).toContain("G3 2026");
    expect(est.some((e) => e.endsWith(" 2020"))).toBe(false);
  });

  it("an estimated base-year figure is an estimate as an actual, and so are the values it carries forward", () => {
    const fc = fcOf(input({ estimatedCell: { grade: "G3", year: 2020 } }));
    const est = valueBasis(fc);
    // G3 (index 2) in 2020 is an estimate; G3's forecasts rest on G2 (reported) and a ratio whose
    // history holds the 2020 estimate (numerator of the 2020 ratio), so they are estimates too.
    expect(est[2 * fc.years.length]).toBe(1);
    expect(est[0]).toBe(0);
    // stage totals: upper (G3) estimate; lower (G1 + G2) reported
    const rows = stageTotals(fc);
    expect(rows.filter((r) => r.stage === "upper").every((r) => r.basis === "estimate")).toBe(true);
    expect(rows.filter((r) => r.stage === "lower").every((r) => r.basis === "reported")).toBe(true);
  });
});
