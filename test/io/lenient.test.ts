import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chinaSchoolSystem } from "../../src/index.js";
import { safeReadDataset, type LocatedIssue } from "../../src/node.js";

/** A folder of CSV files, as a county bureau fills them in (the habits listed in issue 17). */
function folder(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), "placecast-lenient-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const AREAS = "县区代码,名称,上级,开设年级\nyunzhou,云州市,,P1 P2 P3 P4 P5 P6\nqingshan,青山县,云州市,一年级、二年级、三年级、四年级、五年级、六年级\nbaishui,白水县,yunzhou,P1 P2 P3 P4 P5 P6\n";
const GRADES = ["一年级", "二年级", "三年级", "四年级", "五年级", "六年级"];

function warningsOf(r: { success: true; warnings: readonly LocatedIssue[] }, code: string): string[] {
  return r.warnings.filter((w) => w.code === code).map((w) => w.message);
}

describe("lenient readers (issue 17)", () => {
  it("reads grade names, 2016年, 1,234人, dashes and area names, with one grouped warning per mapping", async () => {
    const rows: string[] = [];
    for (const year of [2018, 2019, 2020]) {
      GRADES.forEach((g, k) => {
        rows.push(`青山县,${year}年,${g},"1,${200 + k * 10 + year - 2018}人"`);
        rows.push(`baishui,${year},${g},${year === 2019 && k === 2 ? "—" : String(800 + k)}`);
      });
    }
    const dir = folder({ "地区.csv": AREAS, "在校生.csv": `县区,年份,年级,人数\n${rows.join("\n")}\n` });
    const r = await safeReadDataset(dir, chinaSchoolSystem);
    if (!r.success) throw new Error(r.issues.map((i) => i.message).join("\n"));
    const en = r.data.enrolment;
    // 36 rows in, 36 records out; the names mapped to the system's ids.
    expect(en).toHaveLength(36);
    expect(en.find((e) => e.area === "qingshan" && e.year === 2018 && e.grade === "P1")!.pupils).toBe(1200);
    expect(en.find((e) => e.area === "qingshan" && e.year === 2020 && e.grade === "P6")!.pupils).toBe(1252);
    // "—" is a missing figure, not zero.
    expect(en.find((e) => e.area === "baishui" && e.year === 2019 && e.grade === "P3")!.pupils).toBeNull();
    // The parent given by name (云州市) is read as its id.
    expect(r.data.areas.find((a) => a.id === "qingshan")!.parent).toBe("yunzhou");

    const read = warningsOf(r, "read_as");
    // One line per mapping: 一年级 → P1 on 6 rows (3 years × 2 areas), not 6 lines.
    const p1 = read.filter((m) => m.includes('"一年级" read as "P1"'));
    expect(p1).toHaveLength(1);
    expect(p1[0]).toMatch(/in 6 rows \(rows 2, 3, 14 and 3 more\)/);
    expect(read.filter((m) => m.includes("a unit after the number dropped"))).toHaveLength(1);
    expect(read.find((m) => m.includes("a unit after the number dropped"))).toMatch(/in 18 rows/);
    expect(read.find((m) => m.includes("年/学年"))).toMatch(/"2018年" as 2018\) in 18 rows/);
    expect(read.find((m) => m.includes("read as a missing figure"))).toMatch(/"—" read as a missing figure \(not zero\) in row 19/);
    expect(read.filter((m) => m.includes("read as area"))).toHaveLength(2);
    expect(read.find((m) => m.includes('"青山县" read as area "qingshan"'))).toMatch(/in 18 rows/);
    expect(read.find((m) => m.includes('"云州市" read as area "yunzhou"'))).toMatch(/sheet|地区\.csv/);
  });

  it("reads stages (幼儿园, 普通高中), dates (2026/9/30, 2026年9月) and spaced thousands", async () => {
    const enrol = ["K1", "K2", "K3"].map((g) => `qingshan,2020,${g},300`).join("\n");
    const dir = folder({
      "地区.csv": "县区代码,名称,开设年级\nqingshan,青山县,小班 中班 大班\n",
      "在校生.csv": `县区,年份,年级,人数\n${enrol}\n`,
      "学位.csv": "县区,学段,年份,学位数\nqingshan,幼儿园,2020,1 050\n",
      "住房.csv": "县区,竣工日期,套数\nqingshan,2026/9/30,100\nqingshan,2026年9月,50\nqingshan,2027年3月1日,20\n",
    });
    const r = await safeReadDataset(dir, chinaSchoolSystem);
    if (!r.success) throw new Error(r.issues.map((i) => i.message).join("\n"));
    expect(r.data.areas[0]!.grades).toEqual(["K1", "K2", "K3"]);
    expect(r.input.capacity![0]).toMatchObject({ stage: "preschool", places: 1050 });
    expect((r.input.housing as readonly { completionDate?: string }[]).map((h) => h.completionDate)).toEqual(["2026-09-30", "2026-09-30", "2027-03-01"]);
    const read = warningsOf(r, "read_as");
    expect(read.find((m) => m.includes('"幼儿园" read as "preschool"'))).toBeDefined();
    expect(read.find((m) => m.includes("month's last day"))).toMatch(/"2026年9月" as "2026-09-30"/);
    expect(read.find((m) => m.includes("thousands separators"))).toMatch(/"1 050" as 1050/);
  });

  it("an ambiguous or unknown cell stays an error: 中学 (junior or senior), 约1200, 12 34, 2016-2018", async () => {
    const dir = folder({
      "地区.csv": "县区代码,名称\nqingshan,青山县\n",
      "在校生.csv": "县区,年份,年级,人数\nqingshan,2020,P1,约1200\nqingshan,2016-2018,P2,100\nqingshan,2020,P3,12 34\n",
      "学位.csv": "县区,学段,年份,学位数\nqingshan,中学,2020,100\n",
    });
    const r = await safeReadDataset(dir, chinaSchoolSystem);
    if (r.success) throw new Error("expected errors");
    const errors = r.issues.filter((i) => i.severity === "error").map((i) => i.message);
    expect(errors.some((m) => /row 3, column B \(年份\).*"2016-2018"/.test(m))).toBe(true);
    // "12 34" is the same mistake in the same column: grouped with row 2's.
    expect(errors.some((m) => /row 2, column D \(人数\).*"约1200"; the same in 1 more row \(rows 4\)$/.test(m))).toBe(true);
    expect(errors.some((m) => /column B \(学段\).*"中学"/.test(m))).toBe(true);
  });

  it("a near-miss area name gets a did-you-mean with the id", async () => {
    const dir = folder({ "地区.csv": AREAS, "在校生.csv": "县区,年份,年级,人数\n青山区,2020,P1,100\n" });
    const r = await safeReadDataset(dir, chinaSchoolSystem);
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issues[0]!.message).toMatch(/area "青山区" is not in areas.*did you mean "青山县"\? \(area "qingshan"\)/);
  });

  it("the same mistake on 240 rows is one message with the count and the first rows", async () => {
    // 240 distinct rows (40 years × 6 grades), each with the same unreadable figure.
    const unique = Array.from({ length: 240 }, (_, i) => `qingshan,${1900 + Math.floor(i / 6)},${["P1", "P2", "P3", "P4", "P5", "P6"][i % 6]},n/a`);
    const dir = folder({ "地区.csv": AREAS, "在校生.csv": `县区,年份,年级,人数\n${unique.join("\n")}\n` });
    const r = await safeReadDataset(dir, chinaSchoolSystem);
    expect(r.success).toBe(false);
    if (r.success) return;
    const pupils = r.issues.filter((i) => i.location?.header === "人数");
    expect(pupils).toHaveLength(1);
    expect(pupils[0]!.message).toMatch(/row 2, column D \(人数\): .*"n\/a".*; the same in 239 more rows \(rows 3, 4, 5 and 236 more\)$/);
  });

  it("drops a 合计 row with a warning that checks it against the sum", async () => {
    const body = ["qingshan,2020,P1,100", "baishui,2020,P1,50", "合计,2020,P1,150", "qingshan,2020,P2,90", "baishui,2020,P2,40", "合计,2020,P2,131"].join("\n");
    const dir = folder({ "地区.csv": "县区代码,开设年级\nqingshan,P1 P2\nbaishui,P1 P2\n", "在校生.csv": `县区,年份,年级,人数\n${body}\n` });
    const r = await safeReadDataset(dir, chinaSchoolSystem);
    if (!r.success) throw new Error(r.issues.map((i) => i.message).join("\n"));
    expect(r.data.enrolment).toHaveLength(4);
    const total = warningsOf(r, "total_row");
    expect(total).toHaveLength(1);
    // Row 4: 100 + 50 = 150 (equal); row 7: 90 + 40 = 130, not 131.
    expect(total[0]).toMatch(/total rows \(合计\) dropped in 2 rows \(rows 4, 7\): a sum, not a record; 1 figure equals the sum of the rows totalled; 1 differs from it \(row 7 pupils 131 against a sum of 130\)/);
  });

  it("reads a wide sheet (one column per grade, 教育事业统计 style) with a 合计 column", async () => {
    const head = `县区,年份,${GRADES.join(",")},合计`;
    const body = [
      `青山县,2019年,100,101,102,103,104,105,615`,
      `青山县,2020年,110,-,112,113,114,115,`,
      `baishui,2020,"1,000",1000,1000,1000,1000,1000,6001`,
    ];
    const dir = folder({ "地区.csv": AREAS, "在校生.csv": `${head}\n${body.join("\n")}\n` });
    const r = await safeReadDataset(dir, chinaSchoolSystem);
    if (!r.success) throw new Error(r.issues.map((i) => i.message).join("\n"));
    expect(r.data.enrolment).toHaveLength(18);
    expect(r.data.enrolment.find((e) => e.area === "qingshan" && e.year === 2020 && e.grade === "P2")!.pupils).toBeNull();
    expect(r.data.enrolment.find((e) => e.area === "baishui" && e.grade === "P1")!.pupils).toBe(1000);
    const total = warningsOf(r, "total_row");
    // Row 2 sums to 615 (equal); row 4 sums to 6000, not 6001; row 3 has a missing figure.
    expect(total[0]).toMatch(/column I \(合计\): is a total column and was not read.*differs from the sum of the grades in row 4: row 4: 6001 against 6000/);
    expect(warningsOf(r, "read_as").find((m) => m.includes('"一年级" read as "P1"'))).toMatch(/column C/);
  });

  it("a bad figure in a wide sheet is located at its grade column", async () => {
    const dir = folder({ "地区.csv": AREAS, "在校生.csv": `县区,年份,P1,P2\nqingshan,2020,100,abc\n` });
    const r = await safeReadDataset(dir, chinaSchoolSystem);
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issues[0]!.message).toMatch(/row 2, column D \(P2\)/);
  });
});

describe("columnValues (for templates)", () => {
  it("lists grades, stages and enums with every accepted text; free columns have none", async () => {
    const { columnValues } = await import("../../src/node.js");
    const grades = columnValues("enrolment", "grade", chinaSchoolSystem)!;
    expect(grades.map((g) => g.value)).toEqual(["K1", "K2", "K3", "P1", "P2", "P3", "P4", "P5", "P6", "J1", "J2", "J3", "S1", "S2", "S3"]);
    expect(grades[9]!.accepted).toEqual(["J1", "Junior 1", "初一", "七年级", "7年级", "初中一年级"]);
    expect(columnValues("areas", "grades", chinaSchoolSystem)).toEqual(grades);
    expect(columnValues("capacity", "stage", chinaSchoolSystem)!.find((s) => s.value === "senior")!.accepted).toContain("普通高中");
    expect(columnValues("capacity", "sector", chinaSchoolSystem)![0]).toEqual({ value: "public", accepted: ["public", "公办"] });
    expect(columnValues("enrolment", "pupils", chinaSchoolSystem)).toBeUndefined();
    // Every accepted text reads back as its value through the reader's cell rules.
    const { TABLE_COLUMNS } = await import("../../src/node.js");
    const { cellToField } = await import("../../src/io/cells.js");
    const { systemLabelIndex } = await import("../../src/index.js");
    const col = TABLE_COLUMNS.enrolment.columns.find((c) => c.path[0] === "grade")!;
    for (const g of grades) for (const t of g.accepted) expect(cellToField(t, col, systemLabelIndex(chinaSchoolSystem))).toMatchObject({ set: true, value: g.value });
  });
});

describe("workbooks", () => {
  it("a wide 在校生 sheet with numeric cells, a dash and a 合计 row reads like the CSV", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    const areas = wb.addWorksheet("地区");
    areas.addRows([["县区代码", "名称", "开设年级"], ["qingshan", "青山县", "P1 P2 P3"], ["baishui", "白水县", "P1 P2 P3"]]);
    const en = wb.addWorksheet("在校生");
    en.addRows([
      ["县区", "年份", "一年级", "二年级", "三年级"],
      ["青山县", 2020, 100, "—", 120],
      ["baishui", 2020, 50, 60, 70],
      ["合计", 2020, 150, 60, 190],
    ]);
    const housing = wb.addWorksheet("住房");
    housing.addRows([["县区", "竣工日期", "套数"], ["qingshan", new Date(Date.UTC(2026, 8, 30)), 100], ["qingshan", "2026年9月", "1,200套"]]);
    const dir = mkdtempSync(join(tmpdir(), "placecast-lenient-"));
    const file = join(dir, "data.xlsx");
    await wb.xlsx.writeFile(file);
    const r = await safeReadDataset(file, chinaSchoolSystem);
    if (!r.success) throw new Error(r.issues.map((i) => i.message).join("\n"));
    expect(r.data.enrolment.map((e) => `${e.area} ${e.grade} ${e.pupils}`)).toEqual(["qingshan P1 100", "qingshan P2 null", "qingshan P3 120", "baishui P1 50", "baishui P2 60", "baishui P3 70"]);
    expect((r.input.housing as readonly { completionDate?: string; dwellings: number }[]).map((h) => [h.completionDate, h.dwellings])).toEqual([["2026-09-30", 100], ["2026-09-30", 1200]]);
    const total = warningsOf(r, "total_row");
    // Row 4: P1 150 = 100 + 50, P3 190 = 120 + 70; P2 has a missing part (qingshan's "—").
    expect(total).toHaveLength(1);
    expect(total[0]).toMatch(/data\.xlsx, sheet 在校生, row 4, column A \(县区\): total row \(合计\) dropped in row 4: a sum, not a record; 2 figures equal the sum of the rows totalled; 1 could not be checked/);
  });
});
