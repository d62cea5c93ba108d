import { describe, expect, it } from "vitest";
import { assessCapacity, chinaSchoolSystem, chinaStaffNorms, parseDataset, safeParseDataset, staffDemand, templateTables } from "../../src/node.js";
import { smallInput } from "../io/small.js";

describe("staff records in the dataset", () => {
  it("are optional, kept as given, and feed staffDemand", () => {
    expect(parseDataset(smallInput, chinaSchoolSystem).staff).toEqual([]);
    const ds = parseDataset({ ...smallInput, staff: [{ area: "county", stage: "primary", year: 2020, staff: 300, provenance: "estimate", note: "编制数" }] }, chinaSchoolSystem);
    expect(ds.staff).toEqual([{ area: "county", stage: "primary", year: 2020, staff: 300, provenance: "estimate", note: "编制数" }]);
    // 6,180 primary pupils / 19 (unified norm, 2014) = 325.3 staff needed; 300 in post
    const rows = assessCapacity([{ area: "county", stage: "primary", year: 2020, pupils: 6180, kind: "actual", basis: "reported" }], ds);
    const [d] = staffDemand(rows, chinaStaffNorms, ds.staff);
    expect(d).toMatchObject({ current: 300, status: "short" });
    expect(d!.balance).toBeCloseTo(300 - 6180 / 19, 9);
  });

  it("refuses unknown areas and stages and duplicates with located issues", () => {
    const r = safeParseDataset(
      {
        ...smallInput,
        staff: [
          { area: "nowhere", stage: "primary", year: 2020, staff: 1 },
          { area: "county", stage: "college", year: 2020, staff: 1 },
          { area: "county", stage: "primary", year: 2020, staff: 1 },
          { area: "county", stage: "primary", year: 2020, staff: 2 },
          { area: "county", stage: "junior", year: 2020, staff: -2 },
        ],
      },
      chinaSchoolSystem,
    );
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issues.filter((i) => i.path[0] === "staff").map((i) => [i.code, i.path.join(".")])).toEqual([
      ["invalid_value", "staff.4.staff"],
      ["unknown_area", "staff.0.area"],
      ["unknown_stage", "staff.1.stage"],
      ["duplicate", "staff.3"],
    ]);
  });

  it("have a template", () => {
    expect(templateTables("zh-CN").find((t) => t.sheet === "教职工")?.columns).toEqual(["县区", "学段", "年份", "教职工数", "数据性质", "备注"]);
  });
});
