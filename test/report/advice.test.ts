import { describe, expect, it } from "vitest";
import { advise, buildReport, capacitySchedule, compareWithPlan, estimatedLevers, fitModel, forecast, reportMarkdown, simulate, type ReportAdvice, type ReportBlock } from "../../src/index.js";
import { formatCount } from "../../src/report/textTable.js";
import { reportFixture } from "./fixture.js";

// The report fixture (test/report/fixture.ts): a city with two counties, places in both; the
// advice from the advisor on 200 simulated paths (seed 3), as examples/report.ts does for Yangjiang.
const ds = reportFixture();
const model = fitModel(ds);
const fc = forecast(model, { to: 2030 });
const sim = simulate(model, { draws: 200, seed: 3, to: 2030, supply: ds, paths: true });
const period = { from: 2021, to: 2025 };

function headings(blocks: readonly ReportBlock[]): string[] {
  return blocks.flatMap((b) => (b.kind === "heading" && b.level === 2 ? [b.text] : []));
}

describe("report: the advice beside the plan", async () => {
  const stages = compareWithPlan(await advise(sim.paths!, capacitySchedule(ds), estimatedLevers, { risk: 0.1 }), period);
  const advice: ReportAdvice = { stages, risk: 0.1, period, seed: sim.seed };

  it("shows, per stage, the plan's and the advised places, empty place-years, pupil-years short, cost and largest P(shortfall), from compareWithPlan", () => {
    const doc = buildReport({ dataset: ds, forecast: fc, simulation: sim, advice }, { lang: "en", years: [2020, 2025, 2030] });
    expect(headings(doc.blocks).slice(2)).toEqual(["3. The plan's places against the advised ones", "4. Method and data provenance"]);
    const i = doc.blocks.findIndex((b) => b.kind === "heading" && b.text === "3. The plan's places against the advised ones");
    const table = doc.blocks.slice(i).find((b) => b.kind === "table");
    if (!table || table.kind !== "table") throw new Error("no advice table");
    expect(table.rows).toHaveLength(2 * stages.length);
    stages.forEach((st, k) => {
      const [plan, adv] = [table.rows[2 * k]!, table.rows[2 * k + 1]!];
      expect(plan[1]).toBe("plan");
      expect(adv[1]).toBe("advised");
      expect(plan[2]).toBe(formatCount(Math.round(st.plan.newPlaces)));
      expect(adv[3]).toBe(formatCount(Math.round(st.advised.emptyPlaceYears)));
      expect(adv[5]).toBe(formatCount(Math.round(st.advised.cost)));
      expect(adv[6]).toBe(`${(Math.round(st.advised.maxPShortfall * 1000) / 10).toFixed(1)}%`);
    });
  });

  it("in Chinese, with the section numbered before the method; without advice, the method stays section 3", () => {
    const zh = reportMarkdown(buildReport({ dataset: ds, forecast: fc, simulation: sim, advice }, { lang: "zh-CN", years: [2020, 2025, 2030] }));
    expect(zh).toContain("## 3\\. 规划学位与建议学位对照");
    expect(zh).toContain("| 学段");
    expect(zh).toContain("随机种子 3");
    expect(zh).toMatch(/## 4\\\. 方法与数据来源/);
    const plain = buildReport({ dataset: ds, forecast: fc, simulation: sim }, { lang: "en", years: [2020, 2025, 2030] });
    expect(headings(plain.blocks).at(-1)).toBe("3. Method and data provenance");
  });
});
