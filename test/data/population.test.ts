import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chinaSchoolSystem, safeParseDataset, readDataset, templateTables, writeTemplates } from "../../src/node.js";
import { smallInput } from "../io/small.js";

describe("population records in the dataset", () => {
  it("are optional and kept as given", () => {
    const none = safeParseDataset(smallInput, chinaSchoolSystem);
    expect(none.success && none.data.population).toEqual([]);
    const pop = [
      { area: "county", year: 2020, age: 6, persons: 1100, provenance: "estimate" as const, note: "census 2020 single year" },
      { area: "city", year: 2020, age: 6, persons: 5000 },
    ];
    const r = safeParseDataset({ ...smallInput, population: pop }, chinaSchoolSystem);
    expect(r.success && r.data.population).toEqual(pop);
  });

  it("refuses unknown areas, duplicates and impossible ages with located issues, and reports them all", () => {
    const r = safeParseDataset(
      {
        ...smallInput,
        population: [
          { area: "nowhere", year: 2020, age: 3, persons: 10 },
          { area: "county", year: 2020, age: 3, persons: 10 },
          { area: "county", year: 2020, age: 3, persons: 12 },
          { area: "county", year: 2020, age: -1, persons: 12 },
          { area: "county", year: 2020, age: 4, persons: 3.5 },
        ],
      },
      chinaSchoolSystem,
    );
    expect(r.success).toBe(false);
    if (r.success) return;
    const msgs = r.issues.map((i) => `${i.code} ${i.path.join(".")} ${i.message}`);
    expect(msgs).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^unknown_area population\.0\.area population\[0\] \(area nowhere, year 2020, age 3\)/),
        expect.stringMatching(/^duplicate population\.2 .*duplicates population\[1\]/),
        expect.stringMatching(/^invalid_value population\.3\.age .*age must be an integer single year of age between 0 and 120, got -1/),
        expect.stringMatching(/^invalid_value population\.4\.persons .*persons must be a non-negative integer, got 3\.5/),
      ]),
    );
    expect(r.issues.filter((i) => i.path[0] === "population")).toHaveLength(4);
  });
});

describe("population files", () => {
  it("are read from a CSV with Chinese headers", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pc-pop-"));
    const csv = (rows: (string | number)[][]): string => rows.map((r) => r.join(",")).join("\n");
    writeFileSync(join(dir, "enrolment.csv"), csv([["area", "year", "grade", "pupils"], ...["K1", "K2", "K3"].map((g) => ["county", 2020, g, 100])]));
    writeFileSync(join(dir, "分年龄人口.csv"), csv([["县区", "年份", "年龄", "人口数", "数据性质", "备注"], ["county", 2020, 3, 120, "估算", "七普"], ["county", 2020, 4, 118, "", ""]]));
    // areas teach every grade of the system unless they say otherwise: give the county preschool only
    writeFileSync(join(dir, "areas.csv"), csv([["id", "parent", "grades"], ["city", "", ""], ["county", "city", "K1 K2 K3"]]));
    const ds = await readDataset(dir, chinaSchoolSystem);
    expect(ds.population).toEqual([
      { area: "county", year: 2020, age: 3, persons: 120, provenance: "estimate", note: "七普" },
      { area: "county", year: 2020, age: 4, persons: 118 },
    ]);
  });

  it("have a blank template in both languages", async () => {
    expect(templateTables("en").find((t) => t.name === "population")?.columns).toEqual(["area", "year", "age", "persons", "provenance", "note"]);
    expect(templateTables("zh-CN").find((t) => t.sheet === "分年龄人口")?.columns).toEqual(["县区", "年份", "年龄", "人口数", "数据性质", "备注"]);
    const dir = mkdtempSync(join(tmpdir(), "pc-tpl-"));
    const paths = await writeTemplates(dir);
    expect(paths.some((p) => p.endsWith("population.csv"))).toBe(true);
    expect(readFileSync(join(dir, "population.csv"), "utf8").trim()).toBe("area,year,age,persons,provenance,note");
  });
});
