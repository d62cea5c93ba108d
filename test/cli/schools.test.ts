/**
 * Issue 16: the command line on a dataset with schools (test/helpers/schoolsInput.ts: three
 * made-up primary schools of one 学区 `xq`, every school of the 学区 listed). The expected 2020
 * figures are the helper's formulas: town-1 6 × 240 = 1,440 pupils in 1,200 places, village-1
 * 6 × 40 = 240 in 600, span-1 6 × 80 = 480 in 540.
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { EXIT } from "../../src/cli/main.js";
import { writeDatasetFiles } from "../../src/node.js";
import { runCli } from "../helpers/cli.js";
import { schoolsInput } from "../helpers/schoolsInput.js";

const tmp = (): string => mkdtempSync(join(tmpdir(), "placecast-schools-cli-"));

/** A CSV file as objects by header (no quoted commas in the columns read here but the last); a quoted cell unquoted. */
function rows(file: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(file, "utf8").replace(/^\uFEFF/, "").trim().split("\n");
  const h = head!.split(",");
  return lines.map((l) => {
    const cells = l.split(",");
    const unquote = (c: string): string => (/^".*"$/s.test(c) ? c.slice(1, -1).replace(/""/g, '"') : c);
    return Object.fromEntries(h.map((k, i) => [k, unquote(i === h.length - 1 ? cells.slice(i).join(",") : (cells[i] ?? ""))]));
  });
}

describe("forecast with schools (en)", () => {
  it("writes pupils per school with the interval and the reconciliation, places per school and the area flags; schools sum to the area", async () => {
    const data = tmp();
    await writeDatasetFiles(schoolsInput(), data, "csv");
    const out = tmp();
    const r = await runCli("forecast", "--data", data, "--out", out, "--to", "2025", "--format", "csv,xlsx", "--quiet");
    expect(r.code, r.stderr).toBe(EXIT.ok);
    expect(r.stderr).toContain("placecast: 3 schools forecast to 2025; in 2025, 1 short by");

    const pupils = rows(join(out, "school_pupils.csv"));
    expect(Object.keys(pupils[0]!)).toEqual(["school", "school_name", "area", "area_name", "year", "pupils", "lower80", "upper80", "before_reconciliation", "reconciliation_adjustment", "kind"]);
    expect(pupils).toHaveLength(3 * 6); // 3 schools × 2020–2025
    expect(pupils.find((p) => p.school === "town-1" && p.year === "2020")).toMatchObject({ school_name: "Chengguan No. 1 Primary", area_name: "Chengguan district", pupils: "1440", lower80: "", kind: "actual", reconciliation_adjustment: "0" });
    // Every school of the 学区 is listed, so the schools sum to the area's primary pupils each year
    // (whole pupils in the CSV: each school rounded, so within 1 per school).
    const area = rows(join(out, "stages.csv")).filter((s) => s.area === "xq" && s.stage === "primary");
    for (const a of area) {
      const sum = pupils.filter((p) => p.year === a.year).reduce((t, p) => t + Number(p.pupils), 0);
      expect(Math.abs(sum - Number(a.pupils)), a.year).toBeLessThanOrEqual(2);
    }
    for (const p of pupils.filter((x) => x.kind === "forecast")) {
      expect(Math.abs(Number(p.reconciliation_adjustment) - (Number(p.pupils) - Number(p.before_reconciliation))), `${p.school} ${p.year}`).toBeLessThanOrEqual(1);
      expect(Number(p.lower80)).toBeLessThanOrEqual(Number(p.pupils));
      expect(Number(p.upper80)).toBeGreaterThanOrEqual(Number(p.pupils));
    }

    const places = rows(join(out, "school_places.csv"));
    const at2020 = (id: string): Record<string, string> => places.find((p) => p.school === id && p.year === "2020")!;
    expect(at2020("town-1")).toMatchObject({ pupils: "1440", places: "1200", surplus: "-240", utilisation_pct: "120", classes: "24", classes_basis: "reported", largest_class_size: "60", classes_large: "24", flags: "shortfall large" });
    expect(at2020("village-1")).toMatchObject({ pupils: "240", places: "600", surplus: "360", utilisation_pct: "40", classes: "6", classes_basis: "standard", flags: "surplus-risk" });
    expect(at2020("span-1")).toMatchObject({ pupils: "480", places: "540", surplus: "60", flags: "" });
    for (const p of places) expect(Math.abs(Number(p.surplus) - (Number(p.places) - Number(p.pupils))), `${p.school} ${p.year}`).toBeLessThanOrEqual(1);

    const flags = rows(join(out, "school_areas.csv"));
    // Never netted: 1 school short by 240 and 1 under 80% used with 360 spare; the net surplus 180 (−240 + 360 + 60) hides both.
    expect(flags.find((f) => f.year === "2020")).toMatchObject({ area: "xq", area_name: "Chengguan district", schools: "3", schools_short: "1", short_by: "240", schools_under_used: "1", spare_in_under_used: "360", net_surplus: "180" });
    expect(flags.find((f) => f.year === "2020")!.summary).toBe("area xq, 2020: 1 school short by 240 places while 1 is under 80% used (360 spare places); the area's net surplus of 180 hides both");

    const notes = readFileSync(join(out, "notes.csv"), "utf8");
    expect(notes).toContain("schools,schools.shrinkage,");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, "placecast.xlsx"));
    for (const s of ["school_pupils", "school_places", "school_areas"]) expect(wb.getWorksheet(s), s).toBeDefined();
  }, 60_000);

  it("in zh-CN every school header and value is Chinese, with the school's name beside its id", async () => {
    const data = tmp();
    await writeDatasetFiles(schoolsInput(), data, "csv", { lang: "zh-CN" });
    const out = tmp();
    const r = await runCli("forecast", "--data", data, "--out", out, "--to", "2025", "--format", "csv", "--lang", "zh-CN", "--quiet");
    expect(r.code, r.stderr).toBe(EXIT.ok);
    expect(r.stderr).toContain("placecast：预测 3 所学校至 2025 学年；2025 学年 1 所学校缺学位");
    const places = readFileSync(join(out, "学校学位评估.csv"), "utf8");
    expect(places.split("\n")[0]).toBe("\uFEFF学校代码,学校名称,县区代码,县区名称,学年,在校生（人）,类别,学位（个）,学位余缺（个）,学位使用率（%）,班数（个）,班数来源,最大班额（人）,超标准班额班数（个）,大班额班数（个）,超大班额班数（个）,超标准班额学生（人）,预警");
    expect(places).toContain("town-1,城关第一小学,xq,城关学区,2020,1440,实际,1200,-240,120,24,上报班数,60,0,24,0,1440,学位不足、大班额");
    expect(places).toContain("village-1,山村小学,xq,城关学区,2020,240,实际,600,360,40,6,按标准班额推算,40,0,0,0,0,学位可能闲置");
    expect(readFileSync(join(out, "片区学校预警.csv"), "utf8")).toContain("片区 xq，2020 年：1 所学校缺学位 240 个，同时 1 所学校使用率低于 80%（空余学位 360 个）；片区净余 180 个学位掩盖了两者");
    expect(readFileSync(join(out, "学校在校生预测.csv"), "utf8").split("\n")[0]).toBe("\uFEFF学校代码,学校名称,县区代码,县区名称,学年,在校生（人）,80%区间下限（人）,80%区间上限（人）,平衡前预测（人）,平衡调整（人）,类别");
    expect(readFileSync(join(out, "说明.csv"), "utf8")).toMatch(/\n学校预测,schools\.shrinkage,各校升级比/);
  }, 60_000);

  it("schools in an area without enrolment of its own are left out with a note, and the run goes on", async () => {
    const input = schoolsInput();
    const schools = (input.schools as { area: string }[]).map((s, i) => (i === 2 ? { ...s, area: "county" } : s));
    const data = tmp();
    await writeDatasetFiles({ ...input, schools }, data, "csv");
    const out = tmp();
    const r = await runCli("forecast", "--data", data, "--out", out, "--to", "2022", "--format", "csv", "--quiet");
    expect(r.code, r.stderr).toBe(EXIT.ok);
    expect(readFileSync(join(out, "notes.csv"), "utf8")).toContain("cli,cli.schools-no-forecast,\"school span-1 stands in county, which has no enrolment of its own and so no area forecast; left out of the school tables.");
    expect(new Set(rows(join(out, "school_pupils.csv")).map((p) => p.school))).toEqual(new Set(["town-1", "village-1"]));
  }, 60_000);

  it("report writes the school tables beside the report", async () => {
    const data = tmp();
    await writeDatasetFiles(schoolsInput(), data, "csv");
    const out = tmp();
    const r = await runCli("report", "--data", data, "--out", out, "--to", "2023", "--no-png", "--quiet");
    expect(r.code, r.stderr).toBe(EXIT.ok);
    for (const f of ["school_pupils.csv", "school_places.csv", "school_areas.csv"]) {
      expect(existsSync(join(out, f)), f).toBe(true);
      expect(r.stdout).toContain(join(out, f));
    }
  }, 60_000);
});
