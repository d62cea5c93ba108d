/**
 * Issue 16: the school sheets (schools / 学校, schoolEnrolment / 学校在校生, schoolPlaces / 学校学位)
 * in the CSV and XLSX readers, the grade-span cell, and the templates. The data are the made-up
 * schools of test/helpers/schoolsInput.ts; the Yangjiang school illustration is
 * seeds/yangjiang/schools-illustration.json (an illustration, not data).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chinaSchoolSystem, englandSchoolSystem, parseDataset, type Dataset, type DatasetInput } from "../../src/index.js";
import { columnGuide, safeReadDataset, TABLE_COLUMNS, writeDatasetFiles, writeTemplates } from "../../src/node.js";
import { systemLabels } from "../../src/io/cells.js";
import { formatGradeSpans, readGradeSpans } from "../../src/io/spans.js";
import { yangjiangDataset } from "../../src/seeds.js";
import { schoolsInput } from "../helpers/schoolsInput.js";

const tmp = (): string => mkdtempSync(join(tmpdir(), "placecast-schools-io-"));
const china = systemLabels(chinaSchoolSystem);

function parts(ds: Dataset): Pick<Dataset, "schools" | "schoolEnrolment" | "schoolPlaces"> {
  return { schools: ds.schools, schoolEnrolment: ds.schoolEnrolment, schoolPlaces: ds.schoolPlaces };
}

/** Writes the made-up school dataset as zh-CN CSV files, applies `edit` to one file's text, reads the folder. */
async function readEdited(file: string, edit: (text: string) => string, input: DatasetInput = schoolsInput()): Promise<Awaited<ReturnType<typeof safeReadDataset>>> {
  const dir = tmp();
  await writeDatasetFiles(input, dir, "csv", { lang: "zh-CN" });
  writeFileSync(join(dir, file), edit(existsSync(join(dir, file)) ? readFileSync(join(dir, file), "utf8") : ""));
  return safeReadDataset(dir, chinaSchoolSystem);
}

function messages(r: Awaited<ReturnType<typeof safeReadDataset>>): string[] {
  return r.success ? r.warnings.map((w) => w.message) : r.issues.map((i) => i.message);
}

describe("the grade-span cell", () => {
  it("reads the forms a person writes (expected spans from the documented form in src/io/spans.ts)", () => {
    const cases: [string, unknown][] = [
      ["P1-P6", [{ first: "P1", last: "P6" }]],
      ["小学一年级-小学六年级", [{ first: "P1", last: "P6" }]],
      ["小学一年级至小学六年级", [{ first: "P1", last: "P6" }]],
      ["P1 – P6 (2012-)", [{ first: "P1", last: "P6", from: 2012 }]],
      ["一年级-六年级（2012年起）", [{ first: "P1", last: "P6", from: 2012 }]],
      ["P1-P4（至2017年）；P1-P6（2018年起）", [{ first: "P1", last: "P4", to: 2017 }, { first: "P1", last: "P6", from: 2018 }]],
      ["P1-P6 (2012-2015)", [{ first: "P1", last: "P6", from: 2012, to: 2015 }]],
      ["P1-P6 (to 2011); P1-J3 (from 2012)", [{ first: "P1", last: "P6", to: 2011 }, { first: "P1", last: "J3", from: 2012 }]],
      ["P1, P3, P5", [{ list: ["P1", "P3", "P5"] }]],
      ["初一、初二", [{ list: ["J1", "J2"] }]],
      ["P1 P2", [{ list: ["P1", "P2"] }]],
      ["P1", [{ list: ["P1"] }]],
    ];
    for (const [text, spans] of cases) {
      const r = readGradeSpans(text, china);
      expect(r.ok && r.spans, text).toEqual(spans);
    }
    // An alias (一年级) is read, and said so; an official label (小学一年级) is not.
    expect(readGradeSpans("一年级-六年级", china)).toMatchObject({ ok: true, alias: true });
    expect(readGradeSpans("小学一年级-小学六年级", china)).toMatchObject({ ok: true, alias: false });
    // Names with spaces (England's "Year 7") read as one grade.
    const r = readGradeSpans("Year 7-Year 11", systemLabels(englandSchoolSystem));
    expect(r.ok && r.spans).toEqual([{ first: "Y7", last: "Y11" }]);
  });

  it("refuses a cell it cannot read, saying what is wrong and the form to write", () => {
    const bad: [string, RegExp][] = [
      ["P1-P9", /"P9" in "P1-P9" is not a grade of the school system/],
      ["P1-", /cannot read "P1-" as grades/],
      ["P1-P6 (2012)", /cannot tell whether 2012 in "2012" is the first or the last year; write \(2012-\)/],
      ["P1-P6 (2015-2012)", /run from 2015 to 2012/],
      ["P1-P3-P6", /cannot read "P1-P3-P6"/],
      ["(2012-)", /names no grade/],
      ["小学", /"小学" in "小学" is not a grade/],
    ];
    for (const [text, re] of bad) {
      const r = readGradeSpans(text, china);
      expect(r.ok, text).toBe(false);
      if (!r.ok) expect(r.error, text).toMatch(re);
    }
  });

  it("law: formatGradeSpans is read back by readGradeSpans to the same spans (any grades, ranges, lists and years of the China system)", () => {
    const ids = chinaSchoolSystem.stages.flatMap((s) => s.grades.map((g) => g.id));
    const year = fc.integer({ min: 1900, max: 2100 });
    const span = fc
      .record({
        grades: fc.oneof(
          fc.tuple(fc.nat(ids.length - 1), fc.nat(ids.length - 1)).map(([a, b]) => ({ first: ids[Math.min(a, b)]!, last: ids[Math.max(a, b)]! })),
          fc.uniqueArray(fc.constantFrom(...ids), { minLength: 1, maxLength: 5 }).map((list) => ({ list })),
        ),
        from: fc.option(year, { nil: undefined }),
        to: fc.option(year, { nil: undefined }),
      })
      .map(({ grades, from, to }) => ({ ...grades, ...(from !== undefined ? { from: to !== undefined ? Math.min(from, to) : from } : {}), ...(to !== undefined ? { to: from !== undefined ? Math.max(from, to) : to } : {}) }));
    fc.assert(
      fc.property(fc.array(span, { minLength: 1, maxLength: 4 }), (spans) => {
        const r = readGradeSpans(formatGradeSpans(spans), china);
        expect(r.ok && r.spans).toEqual(spans);
      }),
    );
  });
});

describe("school sheets: dataset → files → dataset", () => {
  it("round-trips the made-up schools through CSV (en) and XLSX (zh-CN) with no warning", async () => {
    const ds = parseDataset(schoolsInput(), chinaSchoolSystem);
    const dir = tmp();
    await writeDatasetFiles(ds, dir, "csv");
    expect(readFileSync(join(dir, "schools.csv"), "utf8")).toContain("span-1,新区小学,Xinqu Primary,xq,P1-P4 (-2017); P1-P6 (2018-),,,,town,,");
    const csv = await safeReadDataset(dir, chinaSchoolSystem);
    expect(csv.success && parts(csv.data)).toEqual(parts(ds));
    expect(csv.success && csv.warnings).toEqual([]);
    const file = join(tmp(), "schools.xlsx");
    await writeDatasetFiles(ds, file, "xlsx", { lang: "zh-CN" });
    const xlsx = await safeReadDataset(file, chinaSchoolSystem);
    expect(xlsx.success && parts(xlsx.data)).toEqual(parts(ds));
  });

  it("the Yangjiang school illustration (24 schools, 1,008 enrolment rows) written as a zh-CN workbook reads back to the same records", async () => {
    const ill = JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "seeds", "yangjiang", "schools-illustration.json"), "utf8")) as Record<string, unknown[]>;
    const seed = yangjiangDataset();
    const { warnings: _w, system: _s, firstYear: _f, baseYear: _b, ...records } = seed;
    const ds = parseDataset({ ...records, schools: ill.schools!, schoolEnrolment: ill.schoolEnrolment!, schoolPlaces: ill.schoolPlaces! }, chinaSchoolSystem);
    expect(ds.schools).toHaveLength(24);
    const file = join(tmp(), "yangjiang-schools.xlsx");
    await writeDatasetFiles(ds, file, "xlsx", { lang: "zh-CN" });
    const r = await safeReadDataset(file, chinaSchoolSystem);
    if (!r.success) throw new Error(r.issues.map((i) => i.message).join("\n"));
    expect(parts(r.data)).toEqual(parts(ds));
    expect(r.data.schoolEnrolment).toHaveLength(1008);
  }, 60_000);
});

describe("school sheets: lenient cells", () => {
  it("reads school names for ids, 一年级 for P1, 2016年 for 2016 and - for a missing figure, each with a grouped warning", async () => {
    const r = await readEdited("学校在校生.csv", (t) =>
      t
        .replace(/^town-1,2016,P1,200,/m, "城关第一小学,2016年,一年级,200,")
        .replace(/^town-1,2016,P2,200,/m, "城关第一小学,2016,P2,-,"),
    );
    if (!r.success) throw new Error(messages(r).join("\n"));
    const e = r.data.schoolEnrolment!;
    expect(e.find((x) => x.school === "town-1" && x.year === 2016 && x.grade === "P1")?.pupils).toBe(200);
    expect(e.find((x) => x.school === "town-1" && x.year === 2016 && x.grade === "P2")?.pupils).toBeNull();
    const w = messages(r).join("\n");
    expect(w).toMatch(/学校在校生\.csv, row 2, column A \(学校\): "城关第一小学" read as school "town-1" \(the school of that name\) in 2 rows/);
    expect(w).toMatch(/column C \(年级\): "一年级" read as "P1"/);
    expect(w).toMatch(/column B \(年份\): a year with 年\/学年 after it read as the year/);
    expect(w).toMatch(/column D \(在校生\): "-" read as a missing figure/);
  });

  it("reads a school's area by its name and its years with 年", async () => {
    const r = await readEdited("学校.csv", (t) => t.replace("village-1,山村小学,Shancun Primary,xq,P1-P6,,1990,", "village-1,山村小学,Shancun Primary,城关学区,小学一年级-小学六年级,,1990年,"));
    if (!r.success) throw new Error(messages(r).join("\n"));
    expect(r.data.schools!.find((s) => s.id === "village-1")).toMatchObject({ area: "xq", opens: 1990, grades: [{ first: "P1", last: "P6" }] });
    expect(messages(r).join("\n")).toMatch(/"城关学区" read as area "xq"/);
  });
});

describe("school sheets: located errors", () => {
  it("an unknown area names the file, row and column, with did you mean", async () => {
    const r = await readEdited("学校.csv", (t) => t.replace("town-1,城关第一小学,Chengguan No. 1 Primary,xq,", "town-1,城关第一小学,Chengguan No. 1 Primary,xq1,"));
    expect(r.success).toBe(false);
    expect(messages(r)[0]).toBe('学校.csv, row 2, column D (所在地区): id town-1, area xq1: area "xq1" is not in areas; add it there or correct the id; did you mean "xq"?');
  });

  it("a grade the school does not teach that year is refused at its row", async () => {
    // span-1 teaches P1-P4 up to 2017: a P5 row in 2016 is refused, never dropped in silence.
    const r = await readEdited("学校在校生.csv", (t) => `${t}span-1,2016,P5,30,,,\n`);
    expect(r.success).toBe(false);
    const m = messages(r);
    expect(m).toHaveLength(1);
    expect(m[0]).toMatch(/^学校在校生\.csv, row \d+, column C \(年级\): school span-1, grade P5, year 2016: school span-1 does not teach P5 in 2016 \(by its grades, opens and closes\)/);
  });

  it("a bad span cell is a located error with the form to write; the same mistake on several rows is one message", async () => {
    const r = await readEdited("学校.csv", (t) => t.replace(",xq,P1-P6,public,", ",xq,P1-P9,public,").replace(",xq,P1-P6,,1990,", ",xq,P1-P6 (1990),,1990,"));
    expect(r.success).toBe(false);
    const m = messages(r);
    expect(m).toContain('学校.csv, row 2, column E (年级范围): grades (年级范围) "P1-P9": "P9" in "P1-P9" is not a grade of the school system');
    expect(m.find((x) => x.includes("row 3"))).toMatch(/column E \(年级范围\): grades \(年级范围\) "P1-P6 \(1990\)": cannot tell whether 1990 .* write \(1990-\) from that year on/);
    const twice = await readEdited("学校.csv", (t) => t.replaceAll(",xq,P1-P6,", ",xq,P1-P9,"));
    expect(messages(twice)).toHaveLength(1);
    expect(messages(twice)[0]).toMatch(/row 2, column E .*"P9" in "P1-P9" is not a grade of the school system; the same in 1 more row \(rows 3\)$/);
    const empty = await readEdited("学校.csv", (t) => t.replace(",xq,P1-P6,public,", ",xq,,public,"));
    expect(messages(empty)[0]).toMatch(/^学校\.csv, row 2, column E \(年级范围\): grades \(年级范围\) "": is empty; write a range "P1-P6"/);
  });

  it("an unknown school (a typo of a name) has did you mean, with the school's id", async () => {
    const r = await readEdited("学校学位.csv", (t) => t.replace("village-1,2010,600", "山村小校,2010,600"));
    expect(r.success).toBe(false);
    expect(messages(r)[0]).toBe('学校学位.csv, row 3, column A (学校): school 山村小校, year 2010: school "山村小校" is not in schools; add it there or correct the id; did you mean "山村小学"? (school "village-1")');
  });
});

describe("school templates", () => {
  it("list the school sheets with their labels and an example in both languages", () => {
    for (const lang of ["en", "zh-CN"] as const) {
      const g = columnGuide(lang, chinaSchoolSystem);
      const sheets = new Set(g.rows.map((r) => r[0]));
      for (const s of lang === "en" ? ["schools", "schoolEnrolment", "schoolPlaces"] : ["学校", "学校在校生", "学校学位"]) expect(sheets.has(s), s).toBe(true);
      const spans = g.rows.find((r) => r[1] === (lang === "en" ? "grades" : "年级范围") && r[0] === (lang === "en" ? "schools" : "学校"))!;
      expect(String(spans[4])).toMatch(lang === "en" ? /a range "P1-P6"/ : /小学一年级-小学六年级/);
      expect(String(spans[5])).toContain(lang === "en" ? "P1, 小学一年级" : "小学一年级、P1");
      expect(spans[6]).toBe(lang === "en" ? "P1-P6" : "小学一年级-小学六年级");
      const ur = g.rows.find((r) => r[1] === (lang === "en" ? "urbanRural" : "城乡类别"))!;
      expect(String(ur[5])).toBe(lang === "en" ? "urban, 城区, town, 镇区, rural, 乡村, 农村" : "城区、urban、镇区、town、乡村、农村、rural");
    }
  });

  it("a template filled with the guide's example rows reads back to those records (en CSV and zh-CN workbook)", async () => {
    const expected = {
      schools: [{ id: "qs-town-1", name: { zh: "青山县城关第一小学", en: "Qingshan Chengguan No. 1 Primary" }, area: "qingshan", grades: [{ first: "P1", last: "P6" }], sector: "public", opens: 1998, urbanRural: "urban", provenance: "reported" }],
      schoolEnrolment: [{ school: "qs-town-1", year: 2020, grade: "P1", pupils: 410, classes: 9, provenance: "reported" }],
      schoolPlaces: [{ school: "qs-town-1", year: 2020, places: 2430, classes: 54 }],
    };
    const grades = ["P1", "P2", "P3", "P4", "P5", "P6"];
    for (const lang of ["en", "zh-CN"] as const) {
      const out = tmp();
      const written = await writeTemplates(out, { lang });
      const guide = columnGuide(lang, chinaSchoolSystem);
      // Each school sheet: its header row as written, then the guide's example value of each column.
      const exampleRow = (sheet: string, header: readonly string[]): (string | number | null)[] => header.map((h) => (guide.rows.find((r) => r[0] === sheet && r[1] === h)?.[6] ?? null) as string | number | null);
      const headersOf = (file: string): string[] => readFileSync(file, "utf8").replace(/^\uFEFF/, "").trim().split(",");
      const sheetNames = lang === "en" ? ["schools", "schoolEnrolment", "schoolPlaces"] : ["学校", "学校在校生", "学校学位"];
      const areaRows = [
        ["yunzhou", null, null, null, null, null, null],
        ["qingshan", null, null, "yunzhou", grades.join(" "), null, null],
      ];
      const enrolRows = grades.map((g) => ["qingshan", 2020, g, 5000, null, null]);
      if (lang === "en") {
        const csv = (rows: readonly (readonly (string | number | null)[])[]): string => rows.map((r) => r.map((c) => (c === null ? "" : /[,"]/.test(String(c)) ? `"${String(c)}"` : String(c))).join(",")).join("\n");
        for (const [name, rows] of [["areas", areaRows], ["enrolment", enrolRows]] as const) writeFileSync(join(out, `${name}.csv`), `${csv([headersOf(join(out, `${name}.csv`)), ...rows])}\n`);
        for (const s of sheetNames) {
          const h = headersOf(join(out, `${s}.csv`));
          writeFileSync(join(out, `${s}.csv`), `${csv([h, exampleRow(s, h)])}\n`);
        }
        for (const t of ["births", "capacity", "plannedPlaces", "housing", "population", "staff"]) writeFileSync(join(out, `${t}.csv`), "");
        const r = await safeReadDataset(out, chinaSchoolSystem, { skip: ["births", "capacity", "plannedPlaces", "housing", "population", "staff"] });
        if (!r.success) throw new Error(messages(r).join("\n"));
        expect(parts(r.data)).toEqual(expected);
      } else {
        const file = written.find((p) => p.endsWith(".xlsx"))!;
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(file);
        wb.getWorksheet("地区")!.addRows(areaRows);
        wb.getWorksheet("在校生")!.addRows(enrolRows);
        for (const s of sheetNames) {
          const ws = wb.getWorksheet(s)!;
          ws.addRow(exampleRow(s, (ws.getRow(1).values as string[]).slice(1)));
        }
        for (const s of ["出生人口", "学位", "规划学位", "住房", "分年龄人口", "教职工"]) wb.removeWorksheet(wb.getWorksheet(s)!.id);
        const filled = join(out, "filled.xlsx");
        await wb.xlsx.writeFile(filled);
        const r = await safeReadDataset(filled, chinaSchoolSystem);
        if (!r.success) throw new Error(messages(r).join("\n"));
        expect(parts(r.data)).toEqual(expected);
        expect(r.warnings).toEqual([]);
      }
    }
  }, 60_000);
});

describe("a wide 学校在校生 sheet (one column per grade)", () => {
  it("reads one record per school, year and grade, like the long layout; a 班数 column with it is refused", async () => {
    const ds = parseDataset(schoolsInput(), chinaSchoolSystem);
    const long = (ds.schoolEnrolment ?? []).filter((r) => r.classes === undefined && r.school !== "span-1");
    const grades = ["P1", "P2", "P3", "P4", "P5", "P6"];
    const keys = [...new Set(long.map((r) => `${r.school},${r.year}`))];
    const wide = ["学校,年份,一年级,二年级,三年级,四年级,五年级,六年级", ...keys.map((k) => `${k},${grades.map((g) => long.find((r) => `${r.school},${r.year}` === k && r.grade === g)!.pupils).join(",")}`)].join("\n");
    const input = { ...schoolsInput(), schools: (schoolsInput().schools as { id: string }[]).filter((s) => s.id !== "span-1"), schoolEnrolment: [], schoolPlaces: [] };
    const r = await readEdited("学校在校生.csv", () => `${wide}\n`, input);
    if (!r.success) throw new Error(messages(r).join("\n"));
    expect(r.data.schoolEnrolment!.filter((x) => x.classes === undefined).length).toBe(long.length);
    for (const x of long) expect(r.data.schoolEnrolment!.find((y) => y.school === x.school && y.year === x.year && y.grade === x.grade)?.pupils, `${x.school} ${x.year} ${x.grade}`).toBe(x.pupils);
    const bad = await readEdited("学校在校生.csv", () => `${wide.replace("六年级", "六年级,班数").split("\n")[0]}\n`, input);
    expect(messages(bad)[0]).toMatch(/^学校在校生\.csv, row 1, column I \(班数\): a classes column cannot go with one column per grade/);
  });
});

/** The made-up schools with a junior school fed by two of the primaries (made up for these tests: 60% of town-1's leavers, village-1's share unknown). */
function feedersInput(): DatasetInput {
  const i = schoolsInput();
  return {
    ...i,
    schools: [...(i.schools ?? []), { id: "junior-1", name: { zh: "城关中学", en: "Chengguan Middle" }, area: "county", grades: [{ first: "J1", last: "J3" }] }],
    feeders: [
      { school: "junior-1", from: "town-1", share: 0.6 },
      { school: "junior-1", from: "village-1" },
    ],
  };
}

describe("the feeders sheet (生源学校)", () => {
  it("round-trips the feeder map through CSV (en) and XLSX (zh-CN) with no warning", async () => {
    const ds = parseDataset(feedersInput(), chinaSchoolSystem);
    expect(ds.feeders).toHaveLength(2);
    const dir = tmp();
    await writeDatasetFiles(ds, dir, "csv");
    expect(readFileSync(join(dir, "feeders.csv"), "utf8")).toBe("school,from,share,provenance,note\njunior-1,town-1,0.6,,\njunior-1,village-1,,,\n");
    const csv = await safeReadDataset(dir, chinaSchoolSystem);
    if (!csv.success) throw new Error(messages(csv).join("\n"));
    expect(csv.data.feeders).toEqual(ds.feeders);
    expect(csv.warnings).toEqual([]);
    const file = join(tmp(), "feeders.xlsx");
    await writeDatasetFiles(ds, file, "xlsx", { lang: "zh-CN" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect((wb.getWorksheet("生源学校")!.getRow(1).values as unknown[]).slice(1)).toEqual(["接收学校", "生源学校", "比例", "数据性质", "备注"]);
    const xlsx = await safeReadDataset(file, chinaSchoolSystem);
    if (!xlsx.success) throw new Error(messages(xlsx).join("\n"));
    expect(xlsx.data.feeders).toEqual(ds.feeders);
    expect(xlsx.warnings).toEqual([]);
  }, 60_000);

  it("reads schools named by their unique name in both columns, with a grouped warning", async () => {
    const r = await readEdited("生源学校.csv", (t) => t.replace("junior-1,town-1,0.6", "城关中学,城关第一小学,0.6").replace("junior-1,village-1,", "城关中学,山村小学,"), feedersInput());
    if (!r.success) throw new Error(messages(r).join("\n"));
    expect(r.data.feeders).toEqual(parseDataset(feedersInput(), chinaSchoolSystem).feeders);
    const w = messages(r).join("\n");
    expect(w).toMatch(/生源学校\.csv, row 2, column A \(接收学校\): "城关中学" read as school "junior-1" \(the school of that name\) in 2 rows/);
    expect(w).toMatch(/生源学校\.csv, row 3, column B \(生源学校\): "山村小学" read as school "village-1"/);
  });

  it("an unknown school is refused at its cell, with did you mean and the school's id", async () => {
    const r = await readEdited("生源学校.csv", (t) => t.replace("junior-1,village-1,", "junior-1,山村小校,"), feedersInput());
    expect(r.success).toBe(false);
    expect(messages(r)).toEqual(['生源学校.csv, row 3, column B (生源学校): school junior-1, from 山村小校: school "山村小校" is not in schools; add it there or correct the id; did you mean "山村小学"? (school "village-1")']);
  });

  it("a share outside 0–1, or written as a percent, is refused at its cell (percents are not read anywhere)", async () => {
    for (const bad of ["35%", "1.2"]) {
      const r = await readEdited("生源学校.csv", (t) => t.replace("junior-1,town-1,0.6", `junior-1,town-1,${bad}`), feedersInput());
      expect(r.success, bad).toBe(false);
      const m = messages(r);
      expect(m, bad).toHaveLength(1);
      expect(m[0], bad).toMatch(/^生源学校\.csv, row 2, column C \(比例\): school junior-1, from town-1: .*share/);
    }
  });

  it("a template filled with the guide's example rows (and the receiving school) reads back to the feeder link (en CSV and zh-CN workbook)", async () => {
    const grades = ["P1", "P2", "P3", "P4", "P5", "P6"];
    const junior: Record<string, string> = { id: "qs-junior-1", "name.zh": "青山县城关中学", area: "yunzhou", grades: "J1-J3" };
    const juniorRow = TABLE_COLUMNS.schools.columns.map((c) => junior[c.path.join(".")] ?? null);
    const areaRows = [
      ["yunzhou", null, null, null, null, null, null],
      ["qingshan", null, null, "yunzhou", grades.join(" "), null, null],
    ];
    const enrolRows = grades.map((g) => ["qingshan", 2020, g, 5000, null, null]);
    for (const lang of ["en", "zh-CN"] as const) {
      const out = tmp();
      const written = await writeTemplates(out, { lang });
      const guide = columnGuide(lang, chinaSchoolSystem);
      const exampleRow = (sheet: string, header: readonly string[]): (string | number | null)[] => header.map((h) => (guide.rows.find((r) => r[0] === sheet && r[1] === h)?.[6] ?? null) as string | number | null);
      const [schools, feeders] = lang === "en" ? ["schools", "feeders"] : ["学校", "生源学校"];
      // The guide lists the feeders sheet's columns with a rule and an example in the language.
      const rows = guide.rows.filter((r) => r[0] === feeders);
      expect(rows.map((r) => r[1])).toEqual(lang === "en" ? ["school", "from", "share", "provenance", "note"] : ["接收学校", "生源学校", "比例", "数据性质", "备注"]);
      expect(String(rows[2]![4])).toMatch(lang === "en" ? /a number from 0 to 1 \(0\.35, not 35%\)/ : /0 到 1 之间的小数/);
      expect(rows.slice(0, 3).map((r) => r[6])).toEqual(["qs-junior-1", "qs-town-1", 0.85]);
      let r: Awaited<ReturnType<typeof safeReadDataset>>;
      if (lang === "en") {
        const headersOf = (f: string): string[] => readFileSync(join(out, f), "utf8").trim().split(",");
        const csv = (rs: readonly (readonly (string | number | null)[])[]): string => `${rs.map((x) => x.map((c) => (c === null ? "" : /[,"]/.test(String(c)) ? `"${String(c)}"` : String(c))).join(",")).join("\n")}\n`;
        writeFileSync(join(out, "areas.csv"), csv([headersOf("areas.csv"), ...areaRows]));
        writeFileSync(join(out, "enrolment.csv"), csv([headersOf("enrolment.csv"), ...enrolRows]));
        writeFileSync(join(out, "schools.csv"), csv([headersOf("schools.csv"), exampleRow(schools, headersOf("schools.csv")), juniorRow]));
        writeFileSync(join(out, "feeders.csv"), csv([headersOf("feeders.csv"), exampleRow(feeders, headersOf("feeders.csv"))]));
        r = await safeReadDataset(out, chinaSchoolSystem, { skip: ["births", "capacity", "plannedPlaces", "housing", "population", "staff", "schoolEnrolment", "schoolPlaces"] });
      } else {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(written.find((p) => p.endsWith(".xlsx"))!);
        wb.getWorksheet("地区")!.addRows(areaRows);
        wb.getWorksheet("在校生")!.addRows(enrolRows);
        for (const [s, extra] of [[schools, [juniorRow]], [feeders, []]] as const) {
          const ws = wb.getWorksheet(s)!;
          ws.addRows([exampleRow(s, (ws.getRow(1).values as string[]).slice(1)), ...extra]);
        }
        for (const s of ["出生人口", "学位", "规划学位", "住房", "分年龄人口", "教职工", "学校在校生", "学校学位"]) wb.removeWorksheet(wb.getWorksheet(s)!.id);
        const filled = join(out, "filled.xlsx");
        await wb.xlsx.writeFile(filled);
        r = await safeReadDataset(filled, chinaSchoolSystem);
      }
      if (!r.success) throw new Error(messages(r).join("\n"));
      expect(r.data.feeders, lang).toEqual([{ school: "qs-junior-1", from: "qs-town-1", share: 0.85 }]);
      expect(r.warnings, lang).toEqual([]);
    }
  }, 60_000);
});
