/**
 * Issue 17: data problems in zh-CN. The 云州市 fixture (test/fixtures/yunzhou) is spoilt the way
 * a person filling the zh-CN templates would spoil it (a negative or text figure, an area by a
 * near-miss name, a figure with a thousands comma in an unquoted CSV cell, an unknown stage, a
 * misspelt header, a duplicated row, one mistake repeated on many rows); every message the
 * command line prints under --lang zh-CN must be Chinese: no English word of the same messages
 * printed under --lang en, nor of the message catalogue, may appear (ids, file names and the
 * grade and stage ids the messages list excepted).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EXIT } from "../../src/cli/main.js";
import { chinaSchoolSystem } from "../../src/index.js";
import { dataIssueTexts, issueText, parseSheets } from "../../src/io/index.js";
import { runCli } from "../helpers/cli.js";

const FIXTURE = join(__dirname, "..", "fixtures", "yunzhou");
const tmp = (): string => mkdtempSync(join(tmpdir(), "placecast-zh-issues-"));

/**
 * Ids and names the spoilt data and the messages hold that are not English words of a message:
 * the areas' ids (and the misspelt one), grade and stage ids (listed as valid labels), a cell
 * value, file formats and the products named by encoding advice (Excel, Windows), and the
 * column names and kinds of a yields CSV, typed as they are (kind, key, value, source, yield, phasing).
 */
const IDS = new Set(["qingshan", "baishui", "yunzhou", "yunzou", "k1", "k2", "k3", "p1", "p2", "p3", "p4", "p5", "p6", "j1", "j2", "j3", "s1", "s2", "s3", "preschool", "primary", "junior", "senior", "abc", "placecast", "csv", "xlsx", "utf-", "gb", "excel", "windows", "bs-lake", "qs-garden", "kind", "key", "dwellingtype", "value", "source", "yield", "phasing"]);

/** Lower-case ASCII words of a text (two letters or more), ids excepted. */
function words(text: string): Set<string> {
  return new Set([...text.matchAll(/[A-Za-z][A-Za-z-]+/g)].map((m) => m[0].toLowerCase()).filter((w) => !IDS.has(w)));
}

/** Every English word of the catalogue's texts, rendered with parameters that fill every branch. */
function catalogueWords(): Set<string> {
  const params = { table: "enrolment", field: "pupils", got: "1", asText: true, keys: [], fields: ["pupils"], known: ["area"], grades: ["P1"], stages: ["primary"], chain: ["a", "b"], counts: ["enrolment", 2], by: ["area", "year"], prev: 1, prevRow: 3, from: "1", to: "2", rows: [2, 3], count: 2, missing: true, differ: [2, "pupils", 3, 4], differCount: 1, checked: 1, unchecked: 1, words: ["合计"], workbook: true, quote: true, equal: true, prevSheet: "x", prevFile: "y", reason: "" };
  const out = new Set<string>();
  for (const t of Object.values(dataIssueTexts)) for (const w of words(t.en(params))) out.add(w);
  return out;
}

/** Copies the fixture and spoils it: each edit replaces a text of one file. */
function spoilt(edits: readonly (readonly [file: string, from: string | RegExp, to: string])[]): string {
  const dir = tmp();
  cpSync(FIXTURE, dir, { recursive: true });
  for (const [file, from, to] of edits) {
    const p = join(dir, file);
    const before = readFileSync(p, "utf8");
    const after = before.replace(from, to);
    expect(after, `${file}: ${String(from)}`).not.toBe(before);
    writeFileSync(p, after);
  }
  return dir;
}

describe("data problems in zh-CN (issue 17)", () => {
  it("every code of the catalogue has an English and a Chinese text, and the Chinese texts hold no English word of the catalogue", () => {
    const english = catalogueWords();
    expect(english.size).toBeGreaterThan(50); // the check has words to find
    const params = { table: "enrolment", field: "pupils", got: "1", keys: [], fields: ['"x"'], known: ["area"], grades: ["P1"], stages: ["primary"], chain: ["a", "b"], counts: ["enrolment", 2], by: ["area", "year"], prev: 1, from: "1", to: "2", rows: [2], count: 1, differ: [], words: ["合计"], reason: "" };
    for (const [code, t] of Object.entries(dataIssueTexts)) {
      expect(code).toMatch(/^data\./);
      const zh = t.zh(params);
      expect(zh, code).toMatch(/\p{Script=Han}/u);
      expect([...words(zh)].filter((w) => english.has(w)), `${code}: ${zh}`).toEqual([]);
    }
  });

  it("spoilt zh-CN data: every message is located and Chinese, with 您是否指 for a near-miss name and repeated mistakes grouped", async () => {
    const dir = spoilt([
      ["在校生.csv", '"4,947人"', "-4"],
      ["在校生.csv", '"4,988人"', "abc"],
      ["在校生.csv", "青山县,2017年", "青山,2017年"],
      ["在校生.csv", /^(baishui,.*),报告$/gm, "$1,报吿"], // a misspelt provenance on every row of baishui: one grouped message
      ["出生人口.csv", '"6,600人"', "6,600"], // an unquoted thousands comma shifts the cells
      ["学位.csv", "青山县,小学,2020", "青山县,小学校,2020"],
      ["地区.csv", "baishui,白水县,Baishui County,云州市", "baishui,白水县,Baishui County,yunzou"],
    ]);
    const zh = await runCli("forecast", "--data", dir, "--out", tmp(), "--lang", "zh-CN");
    const en = await runCli("forecast", "--data", dir, "--out", tmp(), "--lang", "en");
    expect(zh.code).toBe(EXIT.data);
    expect(en.code).toBe(EXIT.data);
    const lines = zh.stderr.trim().split("\n");
    expect(lines[0]).toMatch(/^placecast：数据中有 \d+ 个问题：$/);
    expect(lines.length).toBe(en.stderr.trim().split("\n").length);
    const english = new Set([...words(en.stderr), ...catalogueWords()]);
    for (const l of lines.slice(1)) {
      expect(l, l).toMatch(/^[✗!] \S+\.csv/); // located: the file first
      expect([...words(l)].filter((w) => english.has(w)), l).toEqual([]);
    }
    const text = zh.stderr;
    expect(text).toContain("在校生.csv，第 2 行，C 列（小班）（县区 qingshan，年级 K1，年份 2016）：人数填写有误，实际为 -4");
    expect(text).toContain('在校生.csv，第 2 行，D 列（中班）（县区 qingshan，年级 K2，年份 2016）：人数填写有误，实际为 "abc"');
    expect(text).toContain(`县区 "青山" 不在地区表中：请在地区表中添加，或改正代码；您是否指 "青山县"（县区 "qingshan"）？`);
    expect(text).not.toMatch(/另有 \d+ 行同样（第 5、/); // the 15 records of the wide row 5 are one row
    expect(text).toContain('上级 "yunzou" 不在地区表中');
    expect(text).toContain('您是否指 "yunzhou"？');
    expect(text).toMatch(/学位\.csv，第 \d+ 行，B 列（学段）.*学段 "小学校" 不是本学制的学段/);
    // The 5 rows of baishui with the same misspelt provenance: one line, the others counted.
    expect(text).toMatch(/数据性质填写有误，实际为 "报吿"（填写要求：.*）；另有 4 行同样的问题（第 \d+、\d+、\d+ 行等）/);
    expect(text).toMatch(/出生人口\.csv，第 3 行，D 列（数据性质）（县区 qingshan，年份 2000）：数据性质填写有误，实际为 "600"/);
  }, 60_000);

  it("a misspelt header: the unknown column with 您是否指, and the required column missing", async () => {
    const dir = spoilt([["规划学位.csv", "启用年份", "启用年分"]]);
    const zh = await runCli("forecast", "--data", dir, "--out", tmp(), "--lang", "zh-CN");
    expect(zh.code).toBe(EXIT.data);
    const english = catalogueWords();
    for (const l of zh.stderr.trim().split("\n").slice(1)) expect([...words(l)].filter((w) => english.has(w)), l).toEqual([]);
    expect(zh.stderr).toMatch(/规划学位\.csv，第 1 行，C 列（启用年分）：未知的列 "启用年分".*您是否指 启用年份？/);
    expect(zh.stderr).toContain("规划学位.csv，第 1 行：缺少必填列：启用年份");
  }, 60_000);

  it("warnings of what was read how (the habits in the fixture) are Chinese too", async () => {
    // The fixture holds the habits of issue 17 (its README).
    const zh = await runCli("forecast", "--data", FIXTURE, "--out", tmp(), "--lang", "zh-CN", "--quiet", "--format", "csv");
    expect(zh.code, zh.stderr).toBe(EXIT.ok);
    const warnings = zh.stderr.split("\n").filter((l) => l.startsWith("! "));
    expect(warnings.length).toBeGreaterThanOrEqual(5);
    const english = catalogueWords();
    for (const l of warnings) expect([...words(l)].filter((w) => english.has(w)), l).toEqual([]);
    expect(zh.stderr).toContain('"2016年" 读作 2016');
    expect(zh.stderr).toContain('已去掉数字后的单位（"4,947人" 读作 4947）');
    expect(zh.stderr).toContain('"—" 读作缺数（不是 0）');
    expect(zh.stderr).toContain('"青山县" 读作县区 "qingshan"（该名称的县区）');
    expect(zh.stderr).toContain('日期已按标准格式读取（"2022/6/30" 读作 "2022-06-30"）');
  }, 60_000);

  it("a bad births scenario file: located and Chinese", async () => {
    const dir = tmp();
    const scenario = join(dir, "出生情景.csv");
    writeFileSync(scenario, "县区代码,年份,出生人口\nqingshen,2021,9000\nqingshan,21年,9000\nqingshan,2022,很多\nqingshan,2023,100\nqingshan,2023,100\n");
    const zh = await runCli("forecast", "--data", FIXTURE, "--out", tmp(), "--lang", "zh-CN", "--births-scenario", scenario);
    expect(zh.code).toBe(EXIT.data);
    const english = catalogueWords();
    const lines = zh.stderr.trim().split("\n").filter((l) => l.startsWith("✗ "));
    expect(lines).toHaveLength(4);
    for (const l of lines) expect([...words(l.replace(scenario, ""))].filter((w) => english.has(w)), l).toEqual([]);
    expect(zh.stderr).toContain(`${scenario}，第 2 行：县区 "qingshen" 不在地区表中：请在地区表中添加，或改正代码；您是否指 "qingshan"？`);
    expect(zh.stderr).toContain(`${scenario}，第 3 行：年份须为四位数的年份（如 2026），实际为 "21年"`);
    expect(zh.stderr).toContain(`${scenario}，第 4 行：出生人口须为不小于 0 的数，实际为 "很多"`);
    expect(zh.stderr).toContain(`${scenario}，第 6 行：县区 qingshan、2023 年出现了两次`);
  }, 60_000);

  it("a bad yields CSV: located and Chinese", async () => {
    const dir = tmp();
    const yields = join(dir, "千人指标.csv");
    writeFileSync(yields, "kind,key,dwellingType,value,source\nyield,,,0.2,调查\nyield,primary,,很多,调查\nphasing,一,,0.5,\nphasing,1,,0.5,调查\nphasing,1,,0.5,调查\nrate,x,,1,调查\n");
    const zh = await runCli("forecast", "--data", FIXTURE, "--out", tmp(), "--lang", "zh-CN", "--yields", yields);
    expect(zh.code).toBe(EXIT.data);
    const english = catalogueWords();
    const lines = zh.stderr.trim().split("\n").filter((l) => l.startsWith("✗ "));
    expect(lines).toHaveLength(7);
    for (const l of lines) expect([...words(l.replace(yields, ""))].filter((w) => english.has(w)), l).toEqual([]);
    for (const t of ["第 2 行：yield 行须在 key 列填学段代码", '第 3 行：value 列须为不小于 0 的数，实际为 "很多"', "第 4 行：每行都须填 source", '第 4 行：phasing 行须在 key 列填入住后的第几年（0、1、2……），实际为 "一"', "第 6 行：phasing 第 1 年出现了两次", '第 7 行：kind 列须为 yield 或 phasing，实际为 "rate"', "phasing 的年份须为 0、1、2……且不缺，实际为 1"]) {
      expect(zh.stderr).toContain(t);
    }
  }, 60_000);

  it("property: a bad pupils cell of any text is reported in Chinese at its row and column", () => {
    const english = catalogueWords();
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{1,8}$/), fc.integer({ min: 2, max: 6 }), (cell, row) => {
        const rows = [{ row: 1, cells: ["县区代码", "名称"] }, { row: 2, cells: ["qingshan", "青山县"] }];
        const enrolment = [{ row: 1, cells: ["县区", "年份", "年级", "人数"] }, ...Array.from({ length: 5 }, (_, k) => ({ row: k + 2, cells: ["qingshan", 2015 + k, "P1", k + 2 === row ? cell : 100] as (string | number)[] }))];
        const r = parseSheets([{ file: "地区.csv", table: "areas", rows }, { file: "在校生.csv", table: "enrolment", rows: enrolment }], chinaSchoolSystem, { file: "data" });
        expect(r.success).toBe(false);
        if (r.success) return;
        const bad = r.issues.filter((i) => i.location?.row === row && i.location.column === "D");
        expect(bad.length).toBe(1);
        const text = issueText(bad[0]!, "zh-CN");
        expect(text.startsWith(`在校生.csv，第 ${row} 行，D 列（人数）`)).toBe(true);
        expect([...words(text)].filter((w) => english.has(w) && w !== cell.toLowerCase())).toEqual([]);
      }),
      { seed: 17, numRuns: 50 },
    );
  });
});
