import { describe, expect, it } from "vitest";
import { chinaSchoolSystem, componentStageTotals, fitModel, forecastWithHousing, parseDataset } from "../../src/index.js";
import housing from "../../seeds/yangjiang/housing.json";
import { expectClose } from "../helpers/expect.js";
import { yangjiangInput } from "../../src/seeds.js";

describe("Yangjiang with its estimated housing pipeline", () => {
  const model = fitModel(parseDataset({ ...yangjiangInput, ...housing }, chinaSchoolSystem));
  const hf = forecastWithHousing(model, { to: 2030, remedy: "above-trend", progression: "ageing" });

  it("counts only gaoxin's building above its rate in the fitting window (seeds/yangjiang/HOUSING.md)", () => {
    // gaoxin: 1,200 a year in 2014–2020 (the whole history: the default ratio method is ses); 1,320 in 2021 → 120 counted; 2,200 in 2030 → 1,000 counted
    const counted = hf.counted.filter((c) => c.counted > 0);
    expect(new Set(counted.map((c) => c.area))).toEqual(new Set(["gaoxin"]));
    expectClose(counted.find((c) => c.year === 2021)!.counted, 120);
    expectClose(counted.find((c) => c.year === 2030)!.counted, 1000);
  });

  it("shows the housing component by stage, as HOUSING.md reports it", () => {
    const rows = componentStageTotals(hf).filter((r) => r.area === "gaoxin" && r.component === "housing");
    const at = (stage: string, year: number): number => rows.find((r) => r.stage === stage && r.year === year)!.pupils;
    expect(Math.round(at("primary", 2025))).toBe(213);
    expect(Math.round(at("primary", 2030))).toBe(833);
    expect(rows.every((r) => r.basis === "estimate")).toBe(true);
    const total = componentStageTotals(hf).filter((r) => r.area === "gaoxin" && r.stage === "primary" && r.year === 2030);
    expectClose(total[2]!.pupils, total[0]!.pupils + total[1]!.pupils);
  });
});
