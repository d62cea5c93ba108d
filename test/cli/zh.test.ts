/**
 * Issue 17: a county education bureau's data in Chinese, all the way through, and a command line
 * that plans. The made-up 云州市 (test/fixtures/yunzhou, README there) is filled into the zh-CN
 * templates with the labels their 说明 sheet lists; every file the command line writes from it in
 * zh-CN must be Chinese, with area names beside ids. An English authority's run with housing,
 * yields, thresholds and class sizes from the command line is checked too.
 */
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { EXIT, HELP_ZH, main } from "../../src/cli/main.js";
import { columnGuide, columnValues, formatIssuesIn } from "../../src/io/index.js";
import { chinaSchoolSystem, englandSchoolSystem } from "../../src/index.js";
import { safeReadDataset, writeDatasetFiles } from "../../src/node.js";
import { runCli, sink } from "../helpers/cli.js";
import { systemInput, testYields } from "../helpers/systems.js";
import { allowList, untranslated } from "../helpers/zh.js";

const FIXTURE = join(__dirname, "..", "fixtures", "yunzhou");
const tmp = (): string => mkdtempSync(join(tmpdir(), "placecast-zh-"));

/** Every text of the files under a folder, by file: CSV, Markdown (without link targets), HTML and SVG (text and aria labels, no style), XLSX cells. */
async function textsOf(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (d: string): Promise<void> => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) await walk(p);
      else if (f.endsWith(".csv")) out.set(p, readFileSync(p, "utf8"));
      else if (f.endsWith(".md")) out.set(p, readFileSync(p, "utf8").replace(/\]\([^)]*\)/g, "]"));
      else if (/\.(html|svg)$/.test(f)) {
        const t = readFileSync(p, "utf8").replace(/<style[\s\S]*?<\/style>/g, " ");
        const aria = [...t.matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1]).join("\n");
        out.set(p, `${t.replace(/<[^>]*>/g, " ")}\n${aria}`);
      } else if (f.endsWith(".xlsx")) {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(p);
        const cells: string[] = [];
        wb.eachSheet((ws) => {
          cells.push(ws.name);
          ws.eachRow((r) => r.eachCell((c) => void cells.push(String(c.value))));
        });
        out.set(p, cells.join("\n"));
      }
    }
  };
  await walk(dir);
  return out;
}

describe("云州市 in zh-CN from the templates (issue 17)", () => {
  it("the untranslated-label check finds English labels (it can fail)", () => {
    const allow = allowList();
    expect(untranslated("学段,类别,预警\nprimary,forecast,shortfall low-headroom", allow)).toEqual(["forecast", "shortfall", "low-headroom"]);
    expect(untranslated("qingshan,青山县,flags.assumption.even-spread,/tmp/x/data.csv", allow)).toEqual([]);
  });

  it("draws its progress bar in Chinese on a terminal", async () => {
    const stderr = sink(true);
    const code = await main(["forecast", "--data", FIXTURE, "--out", tmp(), "--lang", "zh-CN", "--format", "csv"], { stdout: sink(), stderr });
    expect(code).toBe(EXIT.ok);
    for (const step of ["拟合队列模型", "预测（含新建住房）", "评估学位", "完成"]) expect(stderr.text()).toContain(step);
    expect(stderr.text()).not.toMatch(/fitting|forecasting|assessing/);
  }, 60_000);

  it("the fixture is the zh-CN templates filled in: their headers (grades as columns in 在校生), labels the guide lists, and the habits of issue 17", async () => {
    const templates = tmp();
    expect((await runCli("templates", "--lang", "zh-CN", "--out", templates)).code).toBe(EXIT.ok);
    const guide = columnGuide("zh-CN", chinaSchoolSystem);
    const [iSheet, iCol, , , , iLabels] = [0, 1, 2, 3, 4, 5];
    const gradeLabels = new Set(columnValues("enrolment", "grade", chinaSchoolSystem)!.flatMap((v) => v.accepted));
    // Labels a person writes that the guide does not list first but the readers take (each read with a warning, below).
    const habits = new Set(["幼儿园", "普通高中", "合计"]);
    for (const f of readdirSync(FIXTURE).filter((x) => x.endsWith(".csv"))) {
      const sheet = f.replace(/\.csv$/, "");
      const template = readFileSync(join(templates, f), "utf8").replace(/^\uFEFF/, "").trim().split("\n")[0]!.split(",");
      const rows = readFileSync(join(FIXTURE, f), "utf8").replace(/^\uFEFF/, "").trim().split("\n").map((l) => l.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/));
      const cols = guide.rows.filter((r) => r[iSheet] === sheet);
      rows[0]!.forEach((h, i) => {
        const wide = sheet === "在校生" && (gradeLabels.has(h) || h === "合计");
        expect(template.includes(h) || wide, `${f}: header ${h} is the template's (or a grade of the wide layout)`).toBe(true);
        const g = cols.find((r) => r[iCol] === h);
        const labels = String(g?.[iLabels!] ?? "");
        if (labels === "") return;
        const allowed = new Set(labels.split("、"));
        // A school's grade spans (年级范围) hold grade labels between range marks and years: each grade must be a listed label.
        const cells = (c: string): string[] => (h === "年级范围" ? c.replace(/（[^）]*）/g, "").split(/[-；]/) : [c]);
        for (const r of rows.slice(1)) if (r[i] !== "" && r[i] !== undefined) for (const c of cells(r[i]!)) expect(allowed.has(c) || habits.has(c), `${f}: ${h} = ${r[i]}`).toBe(true);
      });
    }
  }, 60_000);

  it("reads the habits of issue 17 as a person would, each with a warning in Chinese saying what was read how", async () => {
    const r = await safeReadDataset(FIXTURE, chinaSchoolSystem);
    if (!r.success) throw new Error(formatIssuesIn(r.issues, "en"));
    const ds = r.data;
    const pupils = (area: string, year: number, grade: string): number | null | undefined => ds.enrolment.find((e) => e.area === area && e.year === year && e.grade === grade)?.pupils;
    // Figures from the fixture's generating formula (README): 青山县 by name, 2016年, "4,947人" in the wide layout.
    expect(pupils("qingshan", 2016, "K1")).toBe(4947);
    expect(pupils("qingshan", 2016, "J1")).toBe(6169); // the 七年级 column
    expect(pupils("qingshan", 2016, "S1")).toBe(3924); // the 高一 column
    expect(pupils("baishui", 2016, "J1")).toBeNull(); // "-": missing, not zero
    expect(pupils("baishui", 2016, "S3")).toBeNull(); // "—"
    expect(ds.enrolment.some((e) => e.area === "合计")).toBe(false); // total rows dropped
    expect(ds.enrolment).toHaveLength(2 * 5 * 15);
    expect(ds.areas.map((a) => [a.id, a.parent])).toEqual([["yunzhou", undefined], ["qingshan", "yunzhou"], ["baishui", "yunzhou"]]);
    expect(ds.capacity!.filter((c) => c.stage === "preschool").map((c) => [c.area, c.places])).toEqual([["qingshan", 16000], ["baishui", 4200]]); // 幼儿园, "16,000"
    expect(ds.capacity!.filter((c) => c.stage === "senior").map((c) => c.area)).toEqual(["qingshan", "baishui"]); // 普通高中
    expect(ds.capacity).toHaveLength(8); // the 合计 row dropped
    expect(ds.plannedPlaces!.map((p) => [p.area, p.year, p.places])).toEqual([["qingshan", 2023, 2700], ["baishui", 2024, 500]]); // 2023年, "2,700个学位"
    // Completion dates 2022/6/30 and 2023年6月 (its last day) before the 31 August cut-off: first occupied that school year.
    expect(ds.housing!.map((h) => [h.area, h.completionDate, h.year, h.dwellings])).toEqual([["qingshan", "2022-06-30", 2022, 1800], ["baishui", "2023-06-30", 2023, 600]]);
    expect(ds.births.find((b) => b.area === "qingshan" && b.year === 2000)!.births).toBe(6600); // "6,600人"
    const warnings = formatIssuesIn(r.warnings, "zh-CN", { limit: 500 });
    for (const read of ['"一年级" 读作 "P1"', '"七年级" 读作 "J1"', '"幼儿园" 读作 "preschool"', '"普通高中" 读作 "senior"', '"2016年" 读作 2016', '"2022/6/30" 读作 "2022-06-30"', '"2023年6月" 读作 "2023-06-30"', '"—" 读作缺数（不是 0）', '"-" 读作缺数（不是 0）', '"青山县" 读作县区 "qingshan"', '"云州市" 读作县区 "yunzhou"', '"4,947人" 读作 4947', '"16,000" 读作 16000', "合计行（合计）已去掉", "是合计列，未读取"]) {
      expect(warnings, read).toContain(read);
    }
    expect(r.warnings.every((w) => w.severity === "warning")).toBe(true);
    // The figures of the wide sheet read with a unit: one warning for the grade columns, not one per grade; a missing figure at its cell.
    expect(warnings).toContain('在校生.csv，第 2 行，C–Q 列：已去掉数字后的单位（"4,947人" 读作 4947），共 5 行（第 2、5、8 行等）');
    expect(warnings).toContain('在校生.csv，第 3 行，L 列（七年级）："-" 读作缺数（不是 0）');
    expect(warnings).toContain('在校生.csv，第 3 行，Q 列（高三）："—" 读作缺数（不是 0）');
  }, 60_000);

  it("reads without a problem and writes every output in Chinese, with area names beside ids", async () => {
    const out = tmp();
    const report = join(out, "report");
    const tables = join(out, "tables");
    const allow = allowList();
    const r = await runCli("forecast", "--data", FIXTURE, "--out", tables, "--lang", "zh-CN", "--draws", "20", "--quiet");
    expect(r.code, r.stderr).toBe(EXIT.ok);
    expect(r.stderr).not.toMatch(/✗ /); // no data problem
    // The habits are read with warnings, in Chinese.
    const warnings = r.stderr.split("\n").filter((l) => l.startsWith("! "));
    expect(warnings.length).toBeGreaterThan(10);
    for (const w of warnings) expect(untranslated(w, allow), w).toEqual([]);
    expect(r.stderr.split("\n").filter((l) => !l.startsWith("! ")).join("\n")).toMatch(/^placecast：预测 2020→2035 学年，2 个县区；\d+ 个县区学段年份学位不足/);
    const stderr = sink();
    const stdout = sink();
    const code = await main(["report", "--data", FIXTURE, "--out", report, "--lang", "zh", "--draws", "20", "--quiet"], { stdout, stderr, fontSetup: () => ({ fontFiles: [], cjk: false }) });
    expect(code, stderr.text()).toBe(EXIT.ok);
    // No CJK font (stubbed): the command says so and how to fix it.
    expect(stderr.text()).toContain("未找到中文字体");
    expect(stderr.text()).toContain("apt install fonts-wqy-microhei");
    expect(stdout.text()).toContain(join(report, "参数.csv"));
    const texts = await textsOf(out);
    const kinds = new Set([...texts.keys()].map((p) => p.slice(p.lastIndexOf(".") + 1)));
    expect([...kinds].sort()).toEqual(["csv", "html", "md", "svg", "xlsx"]);
    for (const [file, text] of texts) {
      expect(untranslated(text, allow), file).toEqual([]);
      expect(text, file).toMatch(/\p{Script=Han}/u);
    }
    // Every table with an area id has the area's name beside it, in every row.
    for (const f of readdirSync(tables).filter((x) => x.endsWith(".csv"))) {
      const lines = readFileSync(join(tables, f), "utf8").replace(/^\uFEFF/, "").trim().split("\n").map((l) => l.split(","));
      const i = lines[0]!.indexOf("县区代码");
      if (i < 0) continue;
      expect(lines[0]![i + 1], f).toBe("县区名称");
      const names: Record<string, string> = { yunzhou: "云州市", qingshan: "青山县", baishui: "白水县" };
      for (const l of lines.slice(1)) expect(l[i + 1], `${f}: ${l[i]}`).toBe(names[l[i]!]);
    }
    // Values are Chinese: 学段, 类别, 预警, booleans.
    const assessment = readFileSync(join(tables, "学位评估.csv"), "utf8");
    expect(assessment).toMatch(/,小学,\d+,预测,公布,/);
    expect(assessment).toMatch(/学位不足/);
    expect(assessment).not.toMatch(/TRUE|FALSE|true|false/);
    // Schools (issue 16): per school pupils with intervals, places and the area flags, names beside ids, values in Chinese.
    const schoolPupils = readFileSync(join(tables, "学校在校生预测.csv"), "utf8");
    expect(schoolPupils).toMatch(/^\uFEFF学校代码,学校名称,县区代码,县区名称,学年,在校生（人）,80%区间下限（人）,80%区间上限（人）,平衡前预测（人）,平衡调整（人）,类别\n/);
    expect(schoolPupils).toMatch(/\nqs-town-1,青山县城关第一小学,qingshan,青山县,2021,\d+,\d+,\d+,\d+,-?\d+,预测\n/);
    const schoolPlaces = readFileSync(join(tables, "学校学位评估.csv"), "utf8");
    expect(schoolPlaces).toMatch(/\nqs-town-1,青山县城关第一小学,qingshan,青山县,2020,4051,实际,3780,-271,[\d.]+,60,上报班数,/);
    expect(schoolPlaces).toMatch(/qs-village-1,青山县石岭村小学,.*学位可能闲置/);
    expect(readFileSync(join(tables, "片区学校预警.csv"), "utf8")).toMatch(/所学校缺学位 [\d,]+ 个，同时 \d+ 所学校使用率低于 80%/);
    expect(r.stderr).toMatch(/\nplacecast：预测 4 所学校至 2035 学年；\d{4} 学年 \d+ 所学校缺学位/);
    for (const f of ["学校在校生预测.csv", "学校学位评估.csv", "片区学校预警.csv"]) expect(readdirSync(report)).toContain(f);
    // The method and parameters used are in the outputs.
    const params = readFileSync(join(tables, "参数.csv"), "utf8");
    for (const p of ["升级比推算方法,简单指数平滑（α = 0.5）,默认值", "随机种子,1,默认值", "模拟次数,20,命令行参数", "学位余量下限（%）,5,", "placecast 版本,"]) expect(params).toContain(p);
  }, 120_000);

  it("shows whole pupils and percentages, keeps exact values in the workbook, with autofilter and a frozen header", async () => {
    const out = tmp();
    const r = await runCli("forecast", "--data", FIXTURE, "--out", out, "--lang", "zh-CN", "--format", "csv,xlsx", "--quiet");
    expect(r.code, r.stderr).toBe(EXIT.ok);
    const lines = readFileSync(join(out, "分年级在校生.csv"), "utf8").trim().split("\n").slice(1);
    // Every pupils cell (column 6) is a whole number.
    for (const l of lines) expect(l.split(",")[5]).toMatch(/^-?\d+$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, "placecast.xlsx"));
    expect(wb.worksheets[0]!.name).toBe("分学段在校生（按年）");
    const ws = wb.getWorksheet("学位评估")!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const u = header.indexOf("学位使用率（%）") + 1;
    expect(u).toBeGreaterThan(0);
    const cell = ws.getRow(2).getCell(u);
    expect(cell.numFmt).toBe("0.0%");
    expect(typeof cell.value).toBe("number");
    expect(cell.value as number).toBeLessThan(3); // a fraction shown as percent, not 95.3
    const pupils = ws.getRow(2).getCell(header.indexOf("在校生（人）") + 1);
    expect(pupils.numFmt).toBe("0");
    expect(ws.autoFilter).toBeDefined();
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  }, 60_000);

  it("advise speaks Chinese under zh-CN: headers, file names, stage names, decisions (保留/推迟/取消), reasons, area names beside ids", async () => {
    const out = tmp();
    const r = await runCli("advise", "--data", FIXTURE, "--lang", "zh-CN", "--draws", "20", "--out", out);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    // estimatedLevers names the exported table of lever costs (a name, as in --help).
    const allow = new Set([...allowList(), "estimatedLevers"]);
    const stageIds = /\b(preschool|primary|junior|senior)\b/; // on the allow-list as input labels, but a zh-CN output names stages
    expect(untranslated(r.stdout, allow)).toEqual([]);
    expect(r.stdout).not.toMatch(stageIds);
    expect(r.stdout).toMatch(/^建议：每个县区、学段、学年的学位不足概率 ≤ 0\.1，模拟 20 条路径（随机种子 1）/);
    for (const s of ["学前教育", "小学", "初中", "高中"]) expect(r.stdout).toMatch(new RegExp(`^${s} `, "m"));
    expect(readdirSync(out).sort()).toEqual(["学位建议.csv", "建议说明.csv", "项目建议.csv"]);
    const texts = await textsOf(out);
    for (const [file, text] of texts) {
      expect(untranslated(text, allow), file).toEqual([]);
      expect(text, file).not.toMatch(stageIds);
    }
    const projects = readFileSync(join(out, "项目建议.csv"), "utf8").replace(/^\uFEFF/, "").trim().split("\n").map((l) => l.split(","));
    expect(projects[0]).toEqual(["县区代码", "县区名称", "学段", "项目", "学位（个）", "规划启用学年", "建议", "建议启用学年"]);
    expect(projects.slice(1).map((p) => p.slice(0, 4))).toEqual([["qingshan", "青山县", "小学", "青山县第二实验小学"], ["baishui", "白水县", "初中", "白水县第一中学扩建"]]);
    for (const p of projects.slice(1)) expect(["保留", "推迟", "取消", "按规划保留（开办在即）"]).toContain(p[6]);
    // Every reason about an area names it (青山县, 白水县), with the stage's name.
    const notes = readFileSync(join(out, "建议说明.csv"), "utf8").replace(/^\uFEFF/, "").trim().split("\n").slice(1);
    const about = notes.filter((l) => !l.startsWith("advise.cost-curve-interpolated"));
    expect(about.length).toBeGreaterThan(0);
    for (const l of about) expect(l, l).toMatch(/^advise\.[a-z-]+,"?(青山县|白水县)，(学前教育|小学|初中|高中)：/);
  }, 120_000);

  it("advise --moves speaks Chinese: the moves table (学位调配.csv) and the moves' reasons name lender and borrower", async () => {
    const out = tmp();
    const r = await runCli("advise", "--data", FIXTURE, "--lang", "zh-CN", "--draws", "20", "--moves", "--out", out);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    const allow = new Set([...allowList(), "estimatedLevers", "estimatedMoves"]);
    expect(untranslated(r.stdout, allow)).toEqual([]);
    expect(readdirSync(out).sort()).toEqual(["学位建议.csv", "学位调配.csv", "建议说明.csv", "项目建议.csv"]);
    for (const [file, text] of await textsOf(out)) expect(untranslated(text, allow), file).toEqual([]);
    const moves = readFileSync(join(out, "学位调配.csv"), "utf8").replace(/^\uFEFF/, "").trim().split("\n").map((l) => l.split(","));
    expect(moves[0]).toEqual(["借出县区代码", "借出县区名称", "借入县区代码", "借入县区名称", "学段", "学年", "学位（个）"]);
    expect(moves.length).toBeGreaterThan(1);
    for (const m of moves.slice(1)) expect([m[1], m[3]].sort()).toEqual(["白水县", "青山县"]);
    const reasons = readFileSync(join(out, "建议说明.csv"), "utf8").split("\n").filter((l) => l.startsWith("advise.move,"));
    expect(reasons.length).toBeGreaterThan(0);
    for (const l of reasons) expect(l).toMatch(/年 (青山县|白水县) 的学生使用 (青山县|白水县) 的学位/);
  }, 120_000);

  it("the zh-CN templates explain every column in Chinese, with labels and examples; no schema text leaks into either language", async () => {
    const out = tmp();
    const r = await runCli("templates", "--out", out);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    const texts = await textsOf(join(out, "zh-CN"));
    // The English name in the example row of 英文名称 is a name.
    const allow = new Set([...allowList(), "Qingshan", "County", "Chengguan", "No", "Primary" /* the school's English name in the example row of the schools sheet */]);
    for (const [file, text] of texts) expect(untranslated(text, allow), file).toEqual([]);
    const zh = columnGuide("zh-CN", chinaSchoolSystem);
    expect(zh.columns).toEqual(["工作表", "列", "可用表头", "必填", "填写要求", "可填标签", "示例"]);
    for (const row of zh.rows) expect(String(row[4]), String(row[1])).toMatch(/\p{Script=Han}/u);
    const grade = zh.rows.find((row) => row[0] === "在校生" && row[1] === "年级")!;
    expect(String(grade[5])).toContain("小学一年级、P1");
    for (const lang of ["en", "zh-CN"] as const) expect(JSON.stringify(columnGuide(lang).rows)).not.toContain("{ zh?, en? }");
  }, 60_000);

  it("--help in Chinese documents every option and names nothing untranslated but options, commands and values", async () => {
    const r = await runCli("--help", "--lang", "zh-CN");
    expect(r.code).toBe(EXIT.ok);
    expect(r.stdout).toBe(`${HELP_ZH}\n`);
    // The words a command line must show as they are typed.
    const typed = new Set(
      [...HELP_ZH.matchAll(/--[a-z-]+/g)].map((m) => m[0].slice(2)).concat(
        ["n", "a", "N", "KiB"], // placeholders (<n>, N 个问题) and a unit
        ["placecast", "forecast", "report", "backtest", "templates", "demo", "advise", "estimatedLevers", "advice.csv", "projects.csv", "adviceNotes.csv", "help", "version", "h", "en", "zh", "zh-CN", "both", "china", "england", "us-k12", "us", "k12"],
        ["ses", "mean", "weighted", "median", "trend", "damped", "last", "stage", "grade", "csv", "xlsx", "json", "html", "md", "svg", "png", "id", "source", "perDwelling", "phasing", "weights", "kind", "key", "dwellingType", "value", "primary", "junior", "charts", "report.html", "report.md", "placecast.json", "placecast.xlsx", "placecast-demo"],
        ["method", "ratioYears", "headroom", "classSize", "apt", "docs", "cli.md", "area", "year", "births", "MiB", "GiB", "GB", "Debian", "Ubuntu", "sheet", "row", "column", "CSV", "JSON", "SVG", "PNG", "Markdown", "HTML", "NUL", "fonts-wqy-microhei", "fonts-noto-cjk"],
      ),
    );
    expect(untranslated(HELP_ZH, new Set([...typed, ...allowList()]))).toEqual([]);
    for (const o of ["--method", "--ratio-years", "--alpha", "--births", "--births-scenario", "--yields", "--headroom", "--surplus-risk", "--class-size", "--config", "--no-png", "--lang"]) expect(HELP_ZH).toContain(o);
  });

  it("usage errors and data errors speak Chinese under --lang zh-CN; an unknown language is refused", async () => {
    const bad = await runCli("forecast", "--data", FIXTURE, "--out", tmp(), "--lang", "zh-CN", "--method", "avg");
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.stderr).toBe("placecast：错误：--method 须为 ses、mean、weighted、median、trend、damped 之一，实际为 \"avg\"\n运行 placecast --help --lang zh-CN 查看命令和选项。\n");
    const fr = await runCli("forecast", "--data", FIXTURE, "--out", tmp(), "--lang", "fr");
    expect(fr.code).toBe(EXIT.usage);
    expect(fr.stderr).toMatch(/^placecast: error: --lang must be en or zh-CN \(zh is taken as zh-CN\), got "fr"/);
    const dir = tmp();
    cpSync(FIXTURE, dir, { recursive: true });
    writeFileSync(join(dir, "在校生.csv"), readFileSync(join(dir, "在校生.csv"), "utf8").replace('"4,947人"', "-4"));
    const data = await runCli("forecast", "--data", dir, "--out", tmp(), "--lang", "zh-CN");
    expect(data.code).toBe(EXIT.data);
    expect(data.stderr).toMatch(/^placecast：数据中有 \d+ 个问题：\n✗ 在校生\.csv，第 2 行，C 列（小班）（县区 qingshan，年级 K1，年份 2016）：人数填写有误，实际为 -4（/);
    expect(data.stderr.match(/^✗ /gm)).toHaveLength(1);
  });
});

describe("the command line plans (issue 17)", () => {
  it("an English authority: housing with --yields, thresholds and class size from the command line, recorded in the parameters", async () => {
    const input = systemInput(englandSchoolSystem);
    const dir = tmp();
    await writeDatasetFiles(input, dir, "csv");
    const t = testYields.england as { perDwelling: Record<string, number>; phasing: { weights: number[] } };
    const yields = join(dir, "la-yields.csv");
    writeFileSync(
      yields,
      ["kind,key,dwellingType,value,source", ...Object.entries(t.perDwelling).map(([s, v]) => `yield,${s},,${v},invented for this test`), ...t.phasing.weights.map((w, k) => `phasing,${k},,${w},invented for this test`)].join("\n"),
    );
    const out = tmp();
    const r = await runCli("forecast", "--data", dir, "--out", out, "--system", "england", "--yields", yields, "--headroom", "2", "--surplus-risk", "85", "--class-size", "primary=30,secondary=30,sixth-form=25", "--source", "LA planning policy 2024", "--method", "mean", "--ratio-years", "3", "--births", "trend", "--format", "csv", "--quiet");
    expect(r.code, r.stderr).toBe(EXIT.ok);
    const housing = readFileSync(join(out, "housing.csv"), "utf8").trim().split("\n");
    expect(housing[0]).toBe("area,area_name,year,stage,component,pupils,kind,basis");
    expect(housing.filter((l) => l.includes(",housing,") && !/,0,forecast/.test(l)).length).toBeGreaterThan(0);
    const params = readFileSync(join(out, "parameters.csv"), "utf8");
    expect(params).toContain("yields,la-yields: invented for this test,option");
    expect(params).toContain("headroom,2,LA planning policy 2024");
    expect(params).toContain("surplusRisk,85,LA planning policy 2024");
    expect(params).toContain("classSize,Primary 30, Secondary 30, Sixth form 25,LA planning policy 2024".replace(/Primary 30, Secondary 30, Sixth form 25/, '"Primary 30, Secondary 30, Sixth form 25"'));
    expect(params).toContain("method,mean of the last 3 ratios,option");
    expect(params).toContain("births,the linear trend of the last 3 known values,option");
    // The thresholds were applied: standard class size 30 in secondary.
    const assessment = readFileSync(join(out, "assessment.csv"), "utf8").trim().split("\n").map((l) => l.split(","));
    const h = assessment[0]!;
    const sec = assessment.find((l) => l[h.indexOf("stage")] === "secondary")!;
    expect(sec[h.indexOf("standard_class_size")]).toBe("30");
    expect(h).toContain("utilisation_pct");
    // The same authority's report (HTML, Markdown, charts) from the command line, housing included.
    const rep = tmp();
    const rr = await runCli("report", "--data", dir, "--out", rep, "--system", "england", "--yields", yields, "--draws", "20", "--quiet");
    expect(rr.code, rr.stderr).toBe(EXIT.ok);
    for (const f of ["report.html", "report.md", "parameters.csv", "charts/forecast-city.svg", "charts/surplus-heatmap.svg"]) expect(statSync(join(rep, f)).size, f).toBeGreaterThan(0);
    const md = readFileSync(join(rep, "report.md"), "utf8");
    expect(md).toMatch(/^\| Housing +\| +10 \|/m); // the 10 housing records of the dataset were read
    expect(md).toContain("Secondary");
    const repParams = readFileSync(join(rep, "parameters.csv"), "utf8");
    expect(repParams).toContain("command,report,option");
    expect(repParams).toContain("housing,yes,default");
    expect(repParams).toContain("yields,la-yields: invented for this test,option");
  }, 120_000);

  it("reads its settings from placecast.json (paths relative to the file), the command line winning, and locates a bad setting", async () => {
    const dir = tmp();
    const out = join(dir, "out");
    writeFileSync(join(dir, "placecast.json"), JSON.stringify({ data: FIXTURE, out: "out", lang: "zh-CN", method: "median", ratioYears: 4, headroom: 3, classSize: { primary: 40 }, source: "云州市规划" }));
    const r = await runCli("forecast", "--config", join(dir, "placecast.json"), "--headroom", "4", "--format", "csv", "--quiet");
    expect(r.code, r.stderr).toBe(EXIT.ok);
    const params = readFileSync(join(out, "参数.csv"), "utf8");
    expect(params).toContain("升级比推算方法,最近 4 个比率的中位数,配置文件");
    expect(params).toContain("学位余量下限（%）,4,云州市规划");
    expect(params).toMatch(/标准班额（人）,学前教育 30，小学 40，初中 50，高中 50,云州市规划/);
    writeFileSync(join(dir, "bad.json"), JSON.stringify({ method: "avg", classSize: { primary: "45" }, headroon: 5 }));
    const bad = await runCli("forecast", "--config", join(dir, "bad.json"));
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.stderr).toContain("method: ");
    expect(bad.stderr).toContain("classSize.primary: ");
    expect(bad.stderr).toContain("headroon");
  }, 60_000);

  it("a births scenario replaces projected births for the years it covers", async () => {
    const dir = tmp();
    const scenario = join(dir, "scenario.csv");
    writeFileSync(scenario, "县区代码,年份,出生人口\nqingshan,2021,9000\nqingshan,2022,9000\n");
    const a = tmp();
    const b = tmp();
    expect((await runCli("forecast", "--data", FIXTURE, "--out", a, "--format", "csv", "--quiet")).code).toBe(EXIT.ok);
    expect((await runCli("forecast", "--data", FIXTURE, "--out", b, "--format", "csv", "--quiet", "--births-scenario", scenario)).code).toBe(EXIT.ok);
    const k1 = (d: string): number => Number(readFileSync(join(d, "pupils.csv"), "utf8").split("\n").find((l) => l.startsWith("qingshan,") && l.includes(",2024,preschool,K1,"))!.split(",")[5]);
    // K1 of 2024 are the births of 2021 (entry age 3): 9,000 in the scenario against 5,400 carried forward.
    expect(k1(b)).toBeGreaterThan(k1(a) * 1.5);
    writeFileSync(scenario, "area,year,births\nnowhere,2021,5\n");
    const bad = await runCli("forecast", "--data", FIXTURE, "--out", tmp(), "--births-scenario", scenario);
    expect(bad.code).toBe(EXIT.data);
    expect(bad.stderr).toContain(`${scenario}: row 2: area "nowhere" is not in the dataset's areas`);
  }, 60_000);
});
