import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chinaSchoolSystem, parseDataset, type Dataset, type DatasetInput } from "../../src/index.js";
import { safeReadDataset, writeDatasetFiles, type Lang } from "../../src/node.js";
import { smallInput } from "./small.js";

// Issue 20 item 13: `grades: []` read back as "all grades"; empty names and notes were dropped;
// the workbook turned \r\n into \n (and a literal "_x000D_" into a carriage return).
const input: DatasetInput = {
  ...smallInput,
  areas: [
    { id: "city", name: { zh: "", en: "Example City" }, note: "", grades: [] },
    { id: "county", name: { zh: "示例县", en: "" }, parent: "city", grades: ["P1", "P2", "P3", "P4", "P5", "P6"], note: "line 1\r\nline 2\rline 3 _x000D_ _x005F_ end" },
  ],
  capacity: [{ area: "county", stage: "primary", year: 2020, places: 4500, note: "  " }],
};

function body(ds: Dataset): Omit<Dataset, "warnings"> {
  const { warnings: _w, ...rest } = ds;
  return rest;
}

describe("exact round trip of text (issue 20 item 13)", () => {
  const ds = parseDataset(input, chinaSchoolSystem);
  for (const format of ["csv", "xlsx"] as const) {
    for (const lang of ["en", "zh-CN"] as Lang[]) {
      it(`${format} (${lang}): grades [] stays "teaches nothing"; empty and blank names and notes, \\r\\n and _x000D_ are kept`, async () => {
        const dir = mkdtempSync(join(tmpdir(), "placecast-exact-"));
        const target = format === "csv" ? dir : join(dir, "data.xlsx");
        await writeDatasetFiles(ds, target, format, { lang });
        const r = await safeReadDataset(target, chinaSchoolSystem);
        if (!r.success) throw new Error(r.issues.map((i) => i.message).join("\n"));
        expect(r.data.areas[0]!.grades).toEqual([]);
        expect(r.data.areas[0]!.name).toEqual({ zh: "", en: "Example City" });
        expect(r.data.areas[0]!.note).toBe("");
        expect(r.data.areas[1]!.note).toBe("line 1\r\nline 2\rline 3 _x000D_ _x005F_ end");
        expect(r.data.capacity![0]!.note).toBe("  ");
        expect(body(r.data)).toEqual(body(ds));
      });
    }
  }

  it("an empty cell typed by hand still leaves the field out (grades: all grades)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "placecast-exact-"));
    writeFileSync(join(dir, "areas.csv"), "id,grades,note\na,,\n");
    writeFileSync(join(dir, "enrolment.csv"), "area,year,grade,pupils\n" + ["K1", "K2", "K3", "P1", "P2", "P3", "P4", "P5", "P6", "J1", "J2", "J3", "S1", "S2", "S3"].map((g) => `a,2020,${g},1`).join("\n") + "\n");
    const r = await safeReadDataset(dir, chinaSchoolSystem);
    if (!r.success) throw new Error(r.issues.map((i) => i.message).join("\n"));
    expect(r.data.areas[0]).toEqual({ id: "a" });
  });
});
