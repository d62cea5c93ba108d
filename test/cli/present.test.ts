import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { presentTable, yearsAcross } from "../../src/cli/present.js";
import { csvText, presentNumber } from "../../src/io/write.js";
import { chinaSchoolSystem } from "../../src/index.js";

const areas = [{ id: "qingshan", name: { zh: "青山县", en: "Qingshan County" } }, { id: "baishui", name: { zh: "白水县" } }];

describe("presentation numbers (issue 17)", () => {
  it("round to the column's decimals: within half a unit of the last place, never -0", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: 0, max: 4 }), (x, d) => {
        const y = presentNumber(x, { decimals: d });
        expect(Math.abs(y - x)).toBeLessThanOrEqual(0.5 * 10 ** -d + Math.abs(x) * 1e-12);
        expect(Object.is(y, -0)).toBe(false);
        expect(csvText({ name: "t", columns: ["v"], rows: [[x]], formats: [{ decimals: d }] })).not.toMatch(/^v\n-0\n$/);
      }),
    );
  });

  it("show a share as percent (×100) and leave a column without a format exact", () => {
    fc.assert(
      fc.property(fc.double({ min: -10, max: 10, noNaN: true }), (x) => {
        expect(presentNumber(x, { percent: true })).toBe(x * 100);
        expect(presentNumber(x, undefined)).toBe(x);
      }),
    );
  });
});

describe("presentTable (issue 17)", () => {
  const stages = {
    name: "stages",
    columns: ["area", "level", "year", "stage", "pupils", "kind", "basis"],
    rows: [
      ["qingshan", "area", 2020, "primary", 5230.4, "actual", "reported"],
      ["qingshan", "area", 2021, "primary", 5301.7, "forecast", "estimate"],
      ["baishui", "area", 2021, "junior", 1200.2, "forecast", "reported"],
    ],
  };
  it("adds the area name beside the id and translates every coded value, keeping the rows", () => {
    const zh = presentTable(stages, { lang: "zh-CN", system: chinaSchoolSystem, areas });
    expect(zh.name).toBe("分学段在校生");
    expect(zh.columns).toEqual(["县区代码", "县区名称", "层级", "学年", "学段", "在校生（人）", "类别", "数据性质"]);
    expect(zh.rows).toEqual([
      ["qingshan", "青山县", "县区", 2020, "小学", 5230.4, "实际", "公布"],
      ["qingshan", "青山县", "县区", 2021, "小学", 5301.7, "预测", "估算"],
      ["baishui", "白水县", "县区", 2021, "初中", 1200.2, "预测", "公布"],
    ]);
    expect(csvText(zh).split("\n")[1]).toBe("qingshan,青山县,县区,2020,小学,5230,实际,公布");
    const en = presentTable(stages, { lang: "en", system: chinaSchoolSystem, areas });
    expect(en.columns).toEqual(["area", "area_name", "level", "year", "stage", "pupils", "kind", "basis"]);
    expect(en.rows[0]).toEqual(["qingshan", "Qingshan County", "area", 2020, "primary", 5230.4, "actual", "reported"]);
  });

  it("puts the years across, actual years marked, totals first", () => {
    const t = yearsAcross({ ...stages, rows: [["yunzhou", "total", 2020, "primary", 9000, "actual", "reported"], ...stages.rows] }, { lang: "zh-CN", system: chinaSchoolSystem, areas });
    expect(t.columns).toEqual(["县区代码", "县区名称", "层级", "学段", "2020（实际）", "2021"]);
    expect(t.rows.map((r) => [r[0], r[3], r[4], r[5]])).toEqual([
      ["yunzhou", "小学", 9000, null],
      ["baishui", "初中", null, 1200.2],
      ["qingshan", "小学", 5230.4, 5301.7],
    ]);
  });

  it("translates booleans and flags, the class-size bands by the system's names", () => {
    const t = presentTable({ name: "assessment", columns: ["classes_derived", "flags", "classes_large"], rows: [[true, "shortfall large", 3]] }, { lang: "zh-CN", system: chinaSchoolSystem, areas });
    expect(t.columns).toEqual(["班数为推算", "预警", "大班额班数（个）"]);
    expect(t.rows[0]).toEqual(["是", "学位不足、大班额", 3]);
  });
});
