import { describe, expect, it } from "vitest";
import { chinaSchoolSystem, indexSystem } from "../src/index.js";
import { yangjiangDataset, yangjiangInput, yangjiangPlan } from "../src/seeds.js";

describe("the embedded Yangjiang seed", () => {
  const ds = yangjiangDataset();

  it("parses with no warnings: six counties and the city, 2014–2020, with housing and capacity", () => {
    expect(ds.warnings).toEqual([]);
    expect(ds.areas.map((a) => a.id)).toEqual(["yangjiang", "jiangcheng", "yangdong", "yangxi", "yangchun", "hailing", "gaoxin"]);
    expect([ds.firstYear, ds.baseYear]).toEqual([2014, 2020]);
    expect(ds.housing?.length).toBeGreaterThan(0);
    expect(ds.capacity?.length).toBeGreaterThan(0);
  });

  it("matches the plan's 2020 city totals (plan.json: 在园幼儿 10.7万, 义务教育 36.5万, 高中阶段 4.9万)", () => {
    const ix = indexSystem(chinaSchoolSystem);
    const sum = (stages: string[]) =>
      ds.enrolment.filter((r) => r.year === 2020 && stages.includes(ix.gradeById.get(r.grade)!.stage.id)).reduce((s, r) => s + (r.pupils ?? 0), 0);
    const target = (id: string) => yangjiangPlan.indicators.find((i) => i.id === id)!.baseline.persons;
    const ids = yangjiangPlan.indicators.filter((i) => i.baseline.persons !== undefined).map((i) => i.id);
    expect(ids.length).toBe(3);
    const byStages = yangjiangPlan.indicators.filter((i) => i.baseline.persons !== undefined);
    for (const ind of byStages) expect(sum(ind.stages)).toBe(target(ind.id));
    expect(sum(["preschool"])).toBe(107000);
  });

  it("labels every invented figure as an estimate with its method", () => {
    const all = [...yangjiangInput.enrolment, ...(yangjiangInput.births ?? []), ...(yangjiangInput.housing ?? []), ...(yangjiangInput.capacity ?? []), ...(yangjiangInput.plannedPlaces ?? [])] as { provenance?: string; note?: string }[];
    const estimates = all.filter((r) => r.provenance === "estimate");
    expect(estimates.every((r) => (r.note ?? "").length > 5)).toBe(true);
    // the only reported figures are published births (city 2007, 2008, 2020, 2021, 2023; three counties' 2008 figures)
    const reported = (yangjiangInput.births ?? []).filter((r) => (r as { provenance?: string }).provenance !== "estimate") as { area: string; year: number }[];
    expect(reported.map((r) => `${r.area} ${r.year}`).sort()).toEqual(
      ["yangjiang 2007", "yangjiang 2008", "yangjiang 2020", "yangjiang 2021", "yangjiang 2023", "yangdong 2008", "yangxi 2008", "yangchun 2008"].sort(),
    );
    expect(yangjiangInput.enrolment.every((r) => (r as { provenance?: string }).provenance === "estimate")).toBe(true);
  });
});
