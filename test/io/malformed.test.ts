import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { chinaSchoolSystem, DatasetError } from "../../src/index.js";
import { readDataset, safeReadDataset, type LocatedIssue } from "../../src/node.js";

const AREAS = "id,name_zh,name_en\na,甲县,County A\n";
const GRADES = ["K1", "K2", "K3", "P1", "P2", "P3", "P4", "P5", "P6", "J1", "J2", "J3", "S1", "S2", "S3"];
function enrolment(header = "area,year,grade,pupils", eol = "\n", edit?: (rows: string[]) => void): string {
  const rows = [header];
  for (const year of [2019, 2020]) for (const g of GRADES) rows.push(`a,${year},${g},${100 + GRADES.indexOf(g)}`);
  edit?.(rows);
  return rows.join(eol) + eol;
}

function folder(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), "placecast-bad-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function issues(path: string): Promise<readonly LocatedIssue[]> {
  const r = await safeReadDataset(path, chinaSchoolSystem);
  if (r.success) return r.warnings;
  return r.issues;
}

async function workbook(sheets: Record<string, (string | number | null)[][]>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  const file = join(mkdtempSync(join(tmpdir(), "placecast-bad-")), "data.xlsx");
  await wb.xlsx.writeFile(file);
  return file;
}

function enrolmentRows(): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [["县区", "年份", "年级", "人数"]];
  for (const year of [2019, 2020]) for (const g of GRADES) rows.push(["a", year, g, 100]);
  return rows;
}

describe("well-formed variants parse", () => {
  it("reads English headers, a BOM and CRLF line ends", async () => {
    const r = await safeReadDataset(folder({ "areas.csv": `\uFEFF${AREAS.replace(/\n/g, "\r\n")}`, "enrolment.csv": `\uFEFF${enrolment(undefined, "\r\n")}` }), chinaSchoolSystem);
    expect(r.success).toBe(true);
    if (r.success) {
      expect(r.data.areas[0]).toEqual({ id: "a", name: { zh: "甲县", en: "County A" } });
      expect(r.data.enrolment).toHaveLength(30);
      expect(r.data.enrolment[0]).toEqual({ area: "a", year: 2019, grade: "K1", pupils: 100 });
    }
  });

  it("reads Chinese file names, headers, grade labels, bracketed units and thousands separators", async () => {
    const zhAreas = "县区代码,名称,上级\na,甲县,\n";
    const labels = ["小班", "中班", "大班", "小学一年级", "小学二年级", "小学三年级", "小学四年级", "小学五年级", "小学六年级", "初一", "初二", "初三", "高一", "高二", "高三"];
    const rows = ["地区,学年,年级,在校生（人）"];
    for (const year of [2019, 2020]) labels.forEach((l, i) => rows.push(`a,${year},${l},"1,${String(200 + i).padStart(3, "0")}"`));
    const births = "县区,年份,出生人口,数据性质\na,2016,\"2,000\",估算\n";
    const r = await safeReadDataset(folder({ "地区.csv": zhAreas, "在校生.csv": rows.join("\n"), "出生人口.csv": births }), chinaSchoolSystem);
    if (!r.success) throw new Error(r.issues.map((i) => i.message).join("\n"));
    expect(r.data.enrolment.find((e) => e.year === 2020 && e.grade === "P1")).toEqual({ area: "a", year: 2020, grade: "P1", pupils: 1203 });
    expect(r.data.births).toEqual([{ area: "a", year: 2016, births: 2000, provenance: "estimate" }]);
  });

  it("reads an empty pupils cell as a missing figure (null), not 0", async () => {
    const r = await safeReadDataset(folder({ "areas.csv": AREAS, "enrolment.csv": enrolment(undefined, "\n", (rows) => (rows[5] = "a,2019,P2,")) }), chinaSchoolSystem);
    expect(r.success && r.data.enrolment.find((e) => e.year === 2019 && e.grade === "P2")?.pupils).toBeNull();
  });

  it("reads a workbook with Chinese sheet names and ignores a 说明 sheet", async () => {
    const file = await workbook({ 说明: [["填写说明"]], 地区: [["县区代码", "名称"], ["a", "甲县"]], 在校生: enrolmentRows() });
    const r = await safeReadDataset(file, chinaSchoolSystem);
    expect(r.success).toBe(true);
    expect(r.success && r.warnings).toEqual([]);
  });
});

describe("malformed files give located errors", () => {
  it("an unknown header names the file, row 1, the column letter and the known columns", async () => {
    const list = await issues(folder({ "areas.csv": AREAS, "enrolment.csv": enrolment("area,year,grade,pupilz") }));
    expect(list).toHaveLength(2);
    expect(list[1]!.message).toMatch(/^enrolment\.csv, row 1: no column for pupils \(人数\)/);
    expect(list[0]!.location).toEqual({ file: "enrolment.csv", row: 1, column: "D", header: "pupilz" });
    expect(list[0]!.message).toMatch(/^enrolment\.csv, row 1, column D \(pupilz\): unknown column "pupilz"; the columns of enrolment are area \(县区\)\*, .*pupils \(人数\)\*/);
  });

  it("a missing required column and a repeated column are reported at the header row", async () => {
    const list = await issues(folder({ "areas.csv": AREAS, "enrolment.csv": "area,year,grade,年份\na,2019,K1,2019\n" }));
    expect(list.map((i) => i.message)).toEqual([
      expect.stringMatching(/^enrolment\.csv, row 1, column D \(年份\): column "年份" gives year \(年份\) again \(already in column B\)/),
      expect.stringMatching(/^enrolment\.csv, row 1: no column for pupils \(人数\)/),
    ]);
  });

  it("a bad number names the row and column as a spreadsheet shows them, and the record's keys", async () => {
    const list = await issues(folder({ "areas.csv": AREAS, "enrolment.csv": enrolment(undefined, "\r\n", (rows) => (rows[4] = "a,2019,P1,12x")) }));
    const e = list.find((i) => i.code === "invalid_value" || i.code === "invalid_type")!;
    expect(e.location).toEqual({ file: "enrolment.csv", row: 5, column: "D", header: "pupils" });
    expect(e.message).toBe('enrolment.csv, row 5, column D (pupils): area a, grade P1, year 2019: pupils must be a non-negative integer, or null when the figure is missing, got "12x"');
  });

  it("a negative count and a fractional year are refused with their cells", async () => {
    const list = await issues(folder({ "areas.csv": AREAS, "enrolment.csv": enrolment(undefined, "\n", (rows) => { rows[2] = "a,2019,K2,-4"; rows[3] = "a,2019.5,K3,1"; }) }));
    const locs = list.map((i) => i.location);
    expect(locs).toContainEqual({ file: "enrolment.csv", row: 3, column: "D", header: "pupils" });
    expect(locs).toContainEqual({ file: "enrolment.csv", row: 4, column: "B", header: "year" });
  });

  it("a duplicate record points at the row it repeats", async () => {
    const list = await issues(folder({ "areas.csv": AREAS, "enrolment.csv": enrolment(undefined, "\n", (rows) => rows.push("a,2019,K1,5")) }));
    expect(list[0]!.message).toBe("enrolment.csv, row 32: area a, grade K1, year 2019: duplicates row 2; give one record per area, year and grade");
  });

  it("an empty file, a header-only file and a missing file are reported", async () => {
    expect((await issues(folder({ "areas.csv": "", "enrolment.csv": enrolment() })))[0]!.message).toMatch(/^areas\.csv: is empty; give a header row/);
    expect((await issues(folder({ "areas.csv": AREAS, "enrolment.csv": "area,year,grade,pupils\r\n" })))[0]!.message).toMatch(/^enrolment\.csv: the dataset has no usable enrolment records/);
    const dir = folder({ "areas.csv": AREAS });
    expect((await issues(dir))[0]!.message).toMatch(/: has no enrolment \(a file enrolment\.csv or 在校生\.csv\); it is required$/);
  });

  it("an empty sheet and an unknown sheet in a workbook", async () => {
    const file = await workbook({ areas: [], enrolment: enrolmentRows(), Sheet3: [["x"]] });
    const list = await issues(file);
    expect(list.map((i) => [i.severity, i.message])).toEqual([
      ["error", expect.stringMatching(/^data\.xlsx, sheet areas: is empty; give a header row/)],
      ["warning", expect.stringMatching(/^data\.xlsx, sheet Sheet3: is not a record type and was not read/)],
    ]);
  });

  it("a bad cell in a workbook names the sheet and cell", async () => {
    const rows = enrolmentRows();
    rows[3]![3] = "n/a";
    const list = await issues(await workbook({ 地区: [["县区代码"], ["a"]], 在校生: rows }));
    expect(list[0]!.message).toMatch(/^data\.xlsx, sheet 在校生, row 4, column D \(人数\): area a, grade K3, year 2019: pupils must be/);
  });

  it("an unclosed quote, a value without a header, and a file that is not a workbook", async () => {
    expect((await issues(folder({ "areas.csv": 'id\n"a\n', "enrolment.csv": enrolment() })))[0]!.message).toMatch(/^areas\.csv, row \d: is not valid CSV: .*never closes/);
    expect((await issues(folder({ "areas.csv": "id\na,extra\n", "enrolment.csv": enrolment() })))[0]!.message).toBe('areas.csv, row 2, column B: value "extra" has no column header; add a header or remove the value');
    const dir = folder({ "data.xlsx": "not a zip" });
    expect((await issues(join(dir, "data.xlsx")))[0]!.message).toMatch(/^data\.xlsx: cannot be read as an \.xlsx workbook/);
  });

  it("reads GB18030 (Chinese Excel CSV) with a warning", async () => {
    const gbk = new Uint8Array([0xc4, 0xea, 0xb7, 0xdd]); // 年份
    const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
    const bytes = new Uint8Array([...enc("area,"), ...gbk, ...enc(enrolment("").replace(/^\n/, ",grade,pupils\n"))]);
    const list = await issues(folder({ "areas.csv": AREAS, "enrolment.csv": bytes }));
    expect(list).toEqual([expect.objectContaining({ severity: "warning", message: expect.stringMatching(/^enrolment\.csv: is not UTF-8; read as GB18030/) })]);
  });

  it("readDataset throws a DatasetError holding the located issues", async () => {
    await expect(readDataset(folder({ "areas.csv": AREAS, "enrolment.csv": enrolment("area,year,grade,pupilz") }), chinaSchoolSystem)).rejects.toBeInstanceOf(DatasetError);
  });
});
