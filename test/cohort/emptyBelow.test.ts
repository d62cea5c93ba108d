import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Fill, fitModel, forecast, parseDataset, pupilRecords, ratioMethods, renderNote, type DatasetInput, type ModelOptions } from "../helpers/internal.js";
import { deepFreeze, expectClose } from "../helpers/expect.js";
import { syntheticInput } from "../helpers/synthetic.js";
import { toySystem } from "../helpers/toySystem.js";

// A grade whose previous grade has no pupils (0 or missing) in every history year cannot be
// progressed from it: ratio × 0 = 0 whatever the ratio. Such a grade is an entry grade of its own,
// filled as a level: its own counts P[g][t] are the "ratio" series, fitted with the entry method
// (default: simple exponential smoothing, α = 0.5: ℓ₁ = P₁, ℓₜ = 0.5 Pₜ + 0.5 ℓₜ₋₁), and the
// forecast is that level in every future year (Fill.level in project.ts: out = ratio).
//
// Toy system: G1 (entry from births, age 5), G2, G3 (second stage, entered from G2).
// Area "a" teaches all three normally; area "b" has G2 = 0 every year (as a Connecticut district
// recorded with a grade it did not teach yet), and G3 = 40, 40, 40, 40, 40, 48, 56 (2014–2020).
const G3_B = [40, 40, 40, 40, 40, 48, 56];
const input: DatasetInput = deepFreeze(
  syntheticInput({
    system: toySystem,
    pupils: (a, g, y) => (a === 0 ? [90, 85, 80][g]! : [60, 0, G3_B[y - 2014]!][g]!),
    births: () => 100,
  }),
);

/** SES with α = 0.5 over a series, written out (not the library's `fitRatio`). */
function ses(xs: readonly number[], alpha = 0.5): number {
  let l = xs[0]!;
  for (let i = 1; i < xs.length; i++) l = alpha * xs[i]! + (1 - alpha) * l;
  return l;
}

const g3Of = (m: ReturnType<typeof fitModel>, area: string, to: number) =>
  pupilRecords(forecast(m, { to })).filter((r) => r.area === area && r.grade === "G3" && r.kind === "forecast");

describe("a grade whose previous grade is empty in every history year", () => {
  it("is an entry level of its own, not progression × 0", () => {
    const m = fitModel(parseDataset(input, toySystem));
    // Hand-worked SES: 40, 40, 40, 40, 40 → 40; then 0.5·48 + 0.5·40 = 44; 0.5·56 + 0.5·44 = 50.
    expect(ses(G3_B)).toBe(50);
    const rows = g3Of(m, "b", 2025);
    expect(rows).toHaveLength(5);
    for (const r of rows) {
      expect(r.pupils).toBeGreaterThan(0);
      expectClose(r.pupils, 50);
      expect(r.via).toEqual({ from: "level", level: 50 });
    }
    // Area a is unaffected: G3 still progresses from G2 (ratio 80/85 × 85 = 80).
    for (const r of g3Of(m, "a", 2025)) {
      expect(r.via).toMatchObject({ from: "progression", fromGrade: "G2" });
      expectClose(r.pupils, 80);
    }
  });

  it("uses the entry options for the level (plain: mean of the last 3 counts)", () => {
    const m = fitModel(parseDataset(input, toySystem), { progression: { method: "mean", years: 3 }, entry: { method: "mean", years: 3 } });
    for (const r of g3Of(m, "b", 2023)) expectClose(r.pupils, (40 + 48 + 56) / 3);
  });

  it("records the choice and its reason in the model's notes", () => {
    const m = fitModel(parseDataset(input, toySystem));
    const G = m.cube.grades.length;
    expect(m.fill[1 * G + 2]).toBe(Fill.level);
    expect(m.fill[0 * G + 2]).toBe(Fill.progression);
    const notes = m.notes.filter((n) => n.area === "b" && n.grade === "G3");
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ code: "fit.empty-grade-below", params: { area: "b", grade: "G3", below: "G2", from: 2014, to: 2020 } });
    expect(renderNote(notes[0]!, "en")).toMatch(/G2 .*no pupils in any year of the history \(2014–2020\)/);
    expect(m.notes.some((n) => n.area === "a")).toBe(false);
  });

  it("a previous grade with pupils only in the base year stays a progression grade", () => {
    // G2 of b = 0 in 2014–2019 and 30 in 2020: not empty in every year, so G3 keeps progression
    // (no own ratio → the ratio pooled from a, 80/85) and 2021 = 80/85 × 30.
    const opened = syntheticInput({
      system: toySystem,
      pupils: (a, g, y) => (a === 0 ? [90, 85, 80][g]! : [60, y === 2020 ? 30 : 0, G3_B[y - 2014]!][g]!),
      births: () => 100,
    });
    const rows = g3Of(fitModel(parseDataset(opened, toySystem)), "b", 2021);
    expect(rows[0]!.via).toMatchObject({ from: "progression" });
    expectClose(rows[0]!.pupils, (80 / 85) * 30);
  });

  it("property: for any such dataset and method the forecast of that grade stays positive and equals the fitted level", () => {
    const years = 7;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 2000 }), { minLength: years, maxLength: years }),
        fc.array(fc.constantFrom<0 | null>(0, null), { minLength: years, maxLength: years }),
        fc.constantFrom(...ratioMethods),
        (g3, g2, method) => {
          const raw = syntheticInput({
            system: toySystem,
            pupils: (a, g, y) => (a === 0 ? [90, 85, 80][g]! : ([60, g2[y - 2014], g3[y - 2014]!][g] as number)),
            births: () => 100,
          });
          const opts: ModelOptions = { progression: { method }, entry: { method } };
          const m = fitModel(parseDataset(deepFreeze(raw), toySystem), opts);
          const rows = g3Of(m, "b", 2025);
          expect(rows).toHaveLength(5);
          for (const r of rows) {
            expect(r.pupils).toBeGreaterThan(0);
            expect(r.via).toMatchObject({ from: "level" });
          }
          if (method === "ses") for (const r of rows) expectClose(r.pupils, ses(g3));
        },
      ),
      { numRuns: 200 },
    );
  });
});
