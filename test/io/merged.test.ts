import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { chinaSchoolSystem } from "../../src/index.js";
import { safeReadDataset, writeDatasetFiles } from "../../src/node.js";
import { smallInput } from "./small.js";

// Issue 20 item 7: merged cells D2:D3 over pupils 1000 and 1010 read as 1000 twice, without a word.
describe("merged workbook cells (issue 20 item 7)", () => {
  it("the covered cell reads as empty, with a warning naming the range; the value is never duplicated", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "placecast-merged-")), "data.xlsx");
    await writeDatasetFiles(smallInput, file, "xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet("enrolment")!;
    expect([ws.getCell("C2").value, ws.getCell("D2").value, ws.getCell("C3").value, ws.getCell("D3").value]).toEqual(["P1", 1000, "P2", 1010]);
    ws.mergeCells("D2:D3");
    await wb.xlsx.writeFile(file);

    const r = await safeReadDataset(file, chinaSchoolSystem);
    if (!r.success) throw new Error(r.issues.map((i) => i.message).join("\n"));
    const p2 = r.data.enrolment.find((e) => e.area === "county" && e.year === 2019 && e.grade === "P2")!;
    expect(p2.pupils).toBeNull();
    expect(r.data.enrolment.find((e) => e.area === "county" && e.year === 2019 && e.grade === "P1")!.pupils).toBe(1000);
    expect(r.warnings.map((w) => w.message)).toContain("data.xlsx, sheet enrolment, row 3, column D: is merged into D2 (cells D2:D3 are merged); it is read as empty, not as D2's value. Unmerge the cells and give each its own value");
  });
});
