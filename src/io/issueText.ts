import type { DataIssue } from "../data/issues.js";
import { formatIssues } from "../data/issues.js";
import type { Note, NoteValue } from "../domain/notes.js";
import type { Lang } from "../domain/sourced.js";
import type { NoteText, NoteTexts } from "../report/notes/types.js";
import { TABLE_COLUMNS, TABLE_NAMES, type TableName } from "./columns.js";
import type { FileLocation, LocatedIssue } from "./sheets.js";
import { columnRuleZh } from "./templates.js";

/**
 * Data problems in Chinese: the readers' and the dataset check's issues carry their message as
 * coded data (`DataIssue.detail`, codes `data.…`); this file renders them, with their location
 * (file, 工作表, 第 N 行, 列), in English or Chinese. It lives beside the readers (it needs the
 * Chinese headers and sheet names), so the core bundle does not carry it.
 */

type P = Note["params"];

const str = (v: NoteValue | undefined): string => (v === null || v === undefined ? "" : Array.isArray(v) ? v.join(", ") : String(v));
const num = (v: NoteValue | undefined): number => (typeof v === "number" ? v : 0);
const list = (v: NoteValue | undefined): readonly (string | number)[] => (Array.isArray(v) ? (v as readonly (string | number)[]) : []);

/** Record types outside the file tables (school records), by their Chinese name. */
const OTHER_TABLES_ZH: Readonly<Record<string, string>> = { schools: "学校", schoolEnrolment: "学校在校生", schoolPlaces: "学校学位" };
/** Field names not a column header of the file tables, in Chinese. */
const OTHER_FIELDS_ZH: Readonly<Record<string, string>> = { id: "代码", name: "名称", school: "学校", grades: "开设年级", opens: "开办学年", closes: "停办学年", urbanRural: "城乡" };

function isTable(t: string): t is TableName {
  return (TABLE_NAMES as readonly string[]).includes(t);
}

/** A record type's Chinese name: the sheet (`在校生`). */
export function tableZh(table: string): string {
  return isTable(table) ? TABLE_COLUMNS[table].sheet.zh : (OTHER_TABLES_ZH[table] ?? table);
}

/** A field's Chinese name: its column header in the table (`人数`), else in any table. */
export function fieldZh(table: string, field: string): string {
  const own = isTable(table) ? TABLE_COLUMNS[table].columns.find((c) => c.path.join(".") === field || (c.path[0] === field && c.path.length === 1)) : undefined;
  if (own) return own.header.zh;
  if (Object.prototype.hasOwnProperty.call(OTHER_FIELDS_ZH, field)) return OTHER_FIELDS_ZH[field]!;
  for (const t of TABLE_NAMES) {
    const c = TABLE_COLUMNS[t].columns.find((x) => x.path[0] === field);
    if (c) return c.header.zh;
  }
  return field;
}

/** A value as a message shows it (`show`), with the English words of `show` in Chinese. */
function value(v: NoteValue | undefined): string {
  const s = str(v);
  return s === "nothing" ? "空白" : s === "NaN" ? "非数字（NaN）" : s === "null" ? "空" : s;
}

/** `第 5 行`, `共 240 行（第 2、3、4 行等）` (a read-as warning of one row names no row: its location does). */
function rowsZh(count: number, rows: readonly (string | number)[]): string {
  if (count <= 1) return `第 ${rows[0] ?? ""} 行`;
  return `共 ${count} 行（第 ${rows.join("、")} 行${count > rows.length ? "等" : ""}）`;
}

function rowsEn(count: number, rows: readonly (string | number)[]): string {
  if (count <= 1) return `in row ${rows[0] ?? ""}`;
  return `in ${count} rows (rows ${rows.join(", ")}${count > rows.length ? ` and ${count - rows.length} more` : ""})`;
}

const t = (en: NoteText["en"], zh: NoteText["zh"]): NoteText => ({ en, zh });

/** Read-as warnings: what a lenient rule read how. */
function readAs(en: (from: string, to: string) => string, zh: (from: string, to: string) => string): NoteText {
  return t(
    (p) => `${en(str(p.from), str(p.to))} ${rowsEn(num(p.count), list(p.rows))}`,
    (p) => `${zh(str(p.from), str(p.to))}${num(p.count) > 1 ? `，${rowsZh(num(p.count), list(p.rows))}` : ""}`,
  );
}

/**
 * The English and Chinese texts of every `data.…` detail code the readers and the dataset check
 * emit (without the location, which `issueText` adds).
 *
 * @example
 * ```ts
 * dataIssueTexts["data.unknown-area"]!.zh({ area: '"青山"', near: null }) // '县区 "青山" 不在地区表中：请在地区表中添加，或改正代码'
 * ```
 */
export const dataIssueTexts: NoteTexts = Object.freeze({
  "data.not-a-dataset": t((p) => `the dataset must be an object with areas and enrolment, got ${str(p.got)}`, (p) => `数据集须包含地区和在校生两部分，实际为 ${value(p.got)}`),
  "data.unknown-part": t((p) => `unknown part of the dataset ${str(p.part)}`, (p) => `数据集中有未知的部分 ${value(p.part)}`),
  "data.no-usable-enrolment": t(() => "the dataset has no usable enrolment records; give at least one year of pupils by area and grade", () => "没有可用的在校生记录：请至少给出一个学年分县区、分年级的在校生数"),
  "data.not-a-list": t((p) => `${str(p.table)} must be a list of records, got ${str(p.got)}`, (p) => `${tableZh(str(p.table))}须为记录列表，实际为 ${value(p.got)}`),
  "data.not-a-record": t((p) => `must be a record (an object), got ${str(p.got)}`, (p) => `须为一条记录，实际为 ${value(p.got)}`),
  "data.unknown-fields": t(
    (p) => `unknown field ${str(p.fields)}; known fields are ${str(p.known)}`,
    (p) => `未知的字段 ${list(p.fields).join("、")}；可用的字段：${list(p.known).map((f) => fieldZh(str(p.table), String(f))).join("、")}`,
  ),
  "data.field-rule": t(
    (p) => `${str(p.field)} is not valid, got ${str(p.got)}${p.asText ? " (numbers must not be given as text)" : ""}`,
    (p) => `${fieldZh(str(p.table), str(p.field))}填写有误，实际为 ${value(p.got)}${p.asText ? "（数字不能以文本形式填写）" : ""}（填写要求：${columnRuleZh(str(p.table), str(p.field)) ?? "见模板“说明”表"}）`,
  ),
  "data.field-invalid": t((p) => `${str(p.path)}: ${str(p.reason)}`, (p) => `${fieldZh(str(p.table), str(p.path).split(".")[0]!)}填写有误（${str(p.reason)}）`),
  "data.reserved-id": t((p) => `the id ${str(p.id)} is a reserved word; choose another id`, (p) => `代码 ${value(p.id)} 是保留字，请换一个代码`),
  "data.duplicate-id": t((p) => `area id ${str(p.id)} is given twice; ids must be unique`, (p) => `县区代码 ${value(p.id)} 出现了两次；代码不能重复`),
  "data.unknown-grade": t((p) => `grade ${str(p.grade)} is not a grade of the ${str(p.system)} system (${str(p.grades)})`, (p) => `年级 ${value(p.grade)} 不是本学制的年级（可填：${list(p.grades).join("、")}，或模板“说明”表列出的名称）`),
  "data.grade-listed-twice": t((p) => `grade ${str(p.grade)} is listed twice`, (p) => `年级 ${str(p.grade)} 列了两次`),
  "data.unknown-parent": t((p) => `parent ${str(p.parent)} is not an area of the dataset`, (p) => `上级 ${value(p.parent)} 不在地区表中：请把它加入地区表`),
  "data.parent-cycle": t((p) => `parents form a cycle (${list(p.chain).join(" → ")})`, (p) => `上级关系构成循环（${list(p.chain).join(" → ")}）`),
  "data.unknown-area": t((p) => `area ${str(p.area)} is not in areas; add it there or correct the id`, (p) => `县区 ${value(p.area)} 不在地区表中：请在地区表中添加，或改正代码`),
  "data.area-failed": t(
    (p) => `has errors (above), so the ${num(p.count)} rows that refer to area ${str(p.area)} were not checked`,
    (p) => `本行有错误（见上），引用县区 ${value(p.area)} 的 ${num(p.count)} 行未检查（${pairs(list(p.counts), (k, n) => `${tableZh(String(k))} ${n} 行`)}）`,
  ),
  "data.unknown-stage": t((p) => `stage ${str(p.stage)} is not a stage of the ${str(p.system)} system (${str(p.stages)})`, (p) => `学段 ${value(p.stage)} 不是本学制的学段（可填：${list(p.stages).join("、")}，或模板“说明”表列出的名称）`),
  "data.grade-not-offered": t(
    (p) => `area ${str(p.area)} does not teach ${str(p.grade)} (its grades are ${str(p.grades)})`,
    (p) => `县区 ${str(p.area)} 未开设年级 ${str(p.grade)}（开设年级：${list(p.grades).join("、")}）；请在地区表的开设年级中加上它，或删去这条记录`,
  ),
  "data.duplicate-record": t(
    (p) => `duplicates ${p.prevRow !== undefined ? `row ${str(p.prevRow)}` : `record ${str(p.prev)}`}; give one record per ${list(p.by).join(", ")}`,
    (p) => `与${p.prevRow !== undefined ? `第 ${str(p.prevRow)} 行` : `第 ${num(p.prev) + 1} 条记录`}重复；每个${list(p.by).map((f) => fieldZh(str(p.table), String(f))).join("、")}只能有一条记录`,
  ),
  "data.area-without-enrolment": t((p) => `area ${str(p.area)} has no enrolment records and contains no other area; it will not be forecast`, (p) => `县区 ${str(p.area)} 没有在校生记录，也不包含其他县区：不做预测`),
  "data.enrolment-year-gap": t(
    (p) => `area ${str(p.area)}: no enrolment for ${str(p.year)}, between ${str(p.first)} and ${str(p.last)}`,
    (p) => `县区 ${str(p.area)}：缺少 ${str(p.year)} 学年的在校生（在 ${str(p.first)} 至 ${str(p.last)} 学年之间）；请补上该学年的记录（缺数的人数留空）`,
  ),
  "data.missing-record": t(
    (p) => `area ${str(p.area)}, grade ${str(p.grade)}, year ${str(p.year)}: no record`,
    (p) => `县区 ${str(p.area)}，年级 ${str(p.grade)}，${str(p.year)} 学年：没有记录；请填人数（缺数留空），或该年级未开设时把它从地区表的开设年级中去掉`,
  ),
  "data.history-ends-early": t(
    (p) => `area ${str(p.area)}: enrolment ends in ${str(p.last)} but the dataset's base year is ${str(p.base)}`,
    (p) => `县区 ${str(p.area)}：在校生只到 ${str(p.last)} 学年，而数据的基年是 ${str(p.base)} 学年；请补到 ${str(p.base)} 学年`,
  ),
  "data.births-year-gap": t(
    (p) => `area ${str(p.area)}: births jump from ${str(p.from)} to ${str(p.to)}`,
    (p) => `县区 ${str(p.area)}：出生人口从 ${str(p.from)} 年跳到 ${str(p.to)} 年；出生人口须逐年连续（缺的年份可估算，数据性质填“估算”）`,
  ),
  "data.places-in-no-classes": t((p) => `${str(p.places)} places in 0 classes`, (p) => `${str(p.places)} 个学位却是 0 个班；请填班数，不知道时留空`),
  "data.closure-adds-places": t((p) => `a closure removes places, so places must be negative or zero, got ${str(p.places)}`, (p) => `关停会减少学位，新增学位须为负数或 0，实际为 ${str(p.places)}`),
  "data.housing-year-and-date": t(() => "gives both year and completionDate; give one of them", () => "同时填了入住学年和竣工日期；只填其中一项"),
  "data.housing-no-year": t(() => "gives neither year nor completionDate", () => "入住学年和竣工日期都没有填；请填首次入住学年，或竣工日期（如 2026-09-30）"),
  "data.housing-bad-date": t((p) => `completionDate ${str(p.date)} does not give a school year between 1800 and 2300`, (p) => `竣工日期 ${value(p.date)} 不能换算为 1800 至 2300 年之间的学年`),
  "data.housing-without-enrolment": t(
    (p) => `area ${str(p.area)} has no enrolment, so it is not forecast and its housing adds no pupils`,
    (p) => `县区 ${str(p.area)} 没有在校生记录，不做预测，其住房不增加学生；请改填它所辖县区的住房`,
  ),
  // A births scenario file (--births-scenario).
  "data.scenario-missing-columns": t((p) => `the header needs the columns area,year,births; missing ${str(p.fields)}`, (p) => `表头须有 县区代码、年份、出生人口 三列；缺少 ${list(p.fields).map((f) => fieldZh("births", String(f))).join("、")}`),
  "data.scenario-bad-year": t((p) => `year must be a calendar year like 2026, got ${str(p.got)}`, (p) => `年份须为四位数的年份（如 2026），实际为 ${value(p.got)}`),
  "data.scenario-bad-births": t((p) => `births must be a number ≥ 0, got ${str(p.got)}`, (p) => `出生人口须为不小于 0 的数，实际为 ${value(p.got)}`),
  "data.scenario-duplicate": t((p) => `area ${str(p.area)}, year ${str(p.year)} is given twice`, (p) => `县区 ${str(p.area)}、${str(p.year)} 年出现了两次`),
  // A yields file (--yields) as CSV: its column names and kinds are typed as they are (kind, key, value, source; yield, phasing).
  "data.yields-missing-columns": t((p) => `the header needs the columns ${list(p.columns).join(",")}; missing ${str(p.missing)}`, (p) => `表头须有 ${list(p.columns).join(",")} 各列；缺少 ${list(p.missing).join("、")}`),
  "data.yields-bad-value": t((p) => `value must be a number ≥ 0, got ${str(p.got)}`, (p) => `value 列须为不小于 0 的数，实际为 ${value(p.got)}`),
  "data.yields-no-source": t(() => "every row needs a source", () => "每行都须填 source（调查、研究或估算方法）"),
  "data.yields-no-stage": t(() => "a yield row needs the stage id in key", () => "yield 行须在 key 列填学段代码"),
  "data.yields-bad-phasing-year": t((p) => `a phasing row needs the year after first occupation in key, got ${str(p.got)}`, (p) => `phasing 行须在 key 列填入住后的第几年（0、1、2……），实际为 ${value(p.got)}`),
  "data.yields-phasing-twice": t((p) => `phasing year ${str(p.year)} is given twice`, (p) => `phasing 第 ${str(p.year)} 年出现了两次`),
  "data.yields-bad-kind": t((p) => `kind must be yield or phasing, got ${str(p.got)}`, (p) => `kind 列须为 yield 或 phasing，实际为 ${value(p.got)}`),
  "data.yields-no-phasing": t(() => "no phasing rows", () => "没有 phasing 行：请给出入住后每一年的权重（kind 填 phasing，key 填 0、1……）"),
  "data.yields-phasing-gap": t((p) => `phasing years must run 0, 1, 2, … with none missing, got ${list(p.years).join(", ")}`, (p) => `phasing 的年份须为 0、1、2……且不缺，实际为 ${list(p.years).join("、")}`),
  "data.yields-no-yield": t(() => "no yield rows", () => "没有 yield 行：请给出每个学段每套住房的学生数（kind 填 yield，key 填学段代码）"),
  // The readers: files, sheets, headers.
  "data.sheet-empty": t((p) => `is empty; give a header row and one row per record of ${str(p.table)}`, (p) => `是空的：请填表头行，每条${tableZh(str(p.table))}记录一行`),
  "data.unknown-column": t((p) => `unknown column ${str(p.header)}`, (p) => `未知的列 ${value(p.header)}；${tableZh(str(p.table))}的列：${columnsZh(str(p.table))}`),
  "data.grade-column-twice": t((p) => `column ${str(p.header)} gives grade ${str(p.grade)} again`, (p) => `列 ${value(p.header)} 再次给出年级 ${str(p.grade)}；每个年级只留一列`),
  "data.column-twice": t((p) => `column ${str(p.header)} gives ${str(p.field)} again (already in column ${str(p.prev)})`, (p) => `列 ${value(p.header)} 再次给出${fieldZh(str(p.table), str(p.field))}（已在 ${str(p.prev)} 列）；只保留一列`),
  "data.missing-columns": t(
    (p) => `no column for ${str(p.fields)}`,
    (p) => `缺少必填列：${list(p.fields).map((f) => fieldZh(str(p.table), String(f))).join("、")}；表头行须列出必填列（${columnsZh(str(p.table))}）`,
  ),
  "data.value-without-header": t((p) => `value ${str(p.value)} has no column header`, (p) => `值 ${value(p.value)} 所在的列没有表头；请加表头或删去该值`),
  "data.total-column": t(
    (p) => `is a total column and was not read${num(p.differCount) ? `; it differs from the sum of the grades in ${num(p.differCount)} rows` : ""}`,
    (p) => `是合计列，未读取（按年级逐列读取）${num(p.differCount) ? `；有 ${num(p.differCount)} 行与各年级之和不符：${triples(list(p.differ), (r, v, s) => `第 ${r} 行 ${v}，各年级之和 ${s}`)}` : p.equal ? "；各完整行都等于各年级之和" : ""}`,
  ),
  "data.total-rows": t(
    (p) => `total rows (${str(p.words)}) dropped ${rowsEn(num(p.count), list(p.rows))}: a sum, not a record`,
    (p) => {
      const parts = [
        num(p.checked) ? `${num(p.checked)} 个数等于所合计各行之和` : "",
        num(p.differCount) ? `${num(p.differCount)} 个数与之不符（${quads(list(p.differ), (r, f, v, s) => `第 ${r} 行${fieldZh("", String(f))} ${v}，各行之和 ${s}`)}）：请检查` : "",
        num(p.unchecked) ? `${num(p.unchecked)} 个数无法核对（所合计的数有缺）` : "",
      ].filter((x) => x !== "");
      return `合计行（${list(p.words).join("、")}）已去掉，${rowsZh(num(p.count), list(p.rows))}：合计不是记录${parts.length ? `；${parts.join("；")}` : ""}`;
    },
  ),
  "data.table-twice": t(
    (p) => `gives ${str(p.table)} again (already in ${str(p.prevFile)}${p.prevSheet === null ? "" : `, sheet ${str(p.prevSheet)}`})`,
    (p) => `再次给出${tableZh(str(p.table))}（已在 ${str(p.prevFile)}${p.prevSheet === null ? "" : `，工作表 ${str(p.prevSheet)}`}）；每类记录只给一次`,
  ),
  "data.missing-table": t(
    (p) => `has no ${str(p.table)}; it is required`,
    (p) => `缺少${tableZh(str(p.table))}（${p.workbook ? `名为“${tableZh(str(p.table))}”的工作表` : `文件 ${tableZh(str(p.table))}.csv`}）；这是必填的`,
  ),
  "data.file-utf16": t(() => 'is UTF-16; read as UTF-16. Save as "CSV UTF-8" to avoid this warning', () => "是 UTF-16 编码，已按 UTF-16 读取；另存为“CSV UTF-8”可避免此提示"),
  "data.file-utf16-no-bom": t(() => 'looks like UTF-16 without a byte order mark; save it as "CSV UTF-8"', () => "像是不带字节顺序标记的 UTF-16 编码；请另存为“CSV UTF-8”"),
  "data.file-gb18030": t(() => 'is not UTF-8; read as GB18030. Save as "CSV UTF-8" to avoid this warning', () => "不是 UTF-8 编码，已按 GB18030（中文 Windows）读取；另存为“CSV UTF-8”可避免此提示"),
  "data.file-bad-csv": t((p) => `is not valid CSV: ${str(p.reason)}`, (p) => `不是有效的 CSV 文件${p.quote ? "：有一个引号 \" 开始的单元格没有结束" : ""}`),
  "data.file-bad-xlsx": t((p) => `cannot be read as an .xlsx workbook (${str(p.reason)})`, () => "无法作为 .xlsx 工作簿读取；请在 Excel 中另存为 .xlsx"),
  "data.input-too-large": t((p) => `holds ${str(p.size)}, more than the limit of ${str(p.limit)}`, (p) => `大小 ${str(p.size)}，超过上限 ${str(p.limit)}；请拆分数据或调高上限`),
  "data.too-many-rows": t((p) => `has ${str(p.rows)} rows, more than ${str(p.limit)} rows`, (p) => `有 ${str(p.rows)} 行，超过上限 ${str(p.limit)} 行`),
  "data.not-a-table": t(
    (p) => `is not a record type and was not read${p.workbook ? " (sheet)" : ""}`,
    (p) => `不是一类记录，未读取；${p.workbook ? "工作表" : "文件"}名称须为：${TABLE_NAMES.map((x) => tableZh(x)).join("、")}${p.workbook ? "" : "（加 .csv）"}，或其英文名称`,
  ),
  "data.merged-cell": t(
    (p) => `is merged into ${str(p.master)} (cells ${str(p.range)} are merged); it is read as empty`,
    (p) => `与 ${str(p.master)} 合并（合并单元格 ${str(p.range)}），按空白读取，不取 ${str(p.master)} 的值；请取消合并，每格填自己的值`,
  ),
  "data.not-a-dataset-file": t(() => "is neither a folder of CSV files nor an .xlsx workbook", () => "既不是放 CSV 文件的文件夹，也不是 .xlsx 工作簿"),
  // What a lenient rule read how.
  "data.read-as.thousands": readAs((f, to) => `numbers with thousands separators read without them (${f} as ${to})`, (f, to) => `带千位分隔符的数字已按数字读取（${f} 读作 ${to}）`),
  "data.read-as.unit": readAs((f, to) => `a unit after the number dropped (${f} read as ${to})`, (f, to) => `已去掉数字后的单位（${f} 读作 ${to}）`),
  "data.read-as.full-width": readAs((f, to) => `full-width digits read as digits (${f} as ${to})`, (f, to) => `全角数字已按数字读取（${f} 读作 ${to}）`),
  "data.read-as.missing-dash": t(
    (p) => `${str(p.from)} read as ${p.missing ? "a missing figure (not zero)" : "no value"} ${rowsEn(num(p.count), list(p.rows))}`,
    (p) => `${str(p.from)} ${p.missing ? "读作缺数（不是 0）" : "读作未填（该项省略）"}${num(p.count) > 1 ? `，${rowsZh(num(p.count), list(p.rows))}` : ""}`,
  ),
  "data.read-as.year-suffix": readAs((f, to) => `a year with 年/学年 after it read as the year (${f} as ${to})`, (f, to) => `带“年”或“学年”的年份已按年份读取（${f} 读作 ${to}）`),
  "data.read-as.school-year-range": readAs((f, to) => `a school year written as a range read as the year it starts (${f} as ${to})`, (f, to) => `写成起止年份的学年已按起始年份读取（${f} 读作 ${to}）`),
  "data.read-as.date-slash": readAs((f, to) => `a date read as an ISO date (${f} as ${to})`, (f, to) => `日期已按标准格式读取（${f} 读作 ${to}）`),
  "data.read-as.date-chinese": readAs((f, to) => `a date read as an ISO date (${f} as ${to})`, (f, to) => `日期已按标准格式读取（${f} 读作 ${to}）`),
  "data.read-as.month-end": readAs((f, to) => `a month without a day read as the month's last day (${f} as ${to})`, (f, to) => `只有年月的日期按该月最后一天读取（${f} 读作 ${to}）`),
  "data.read-as.label": readAs((f, to) => `${f} read as ${to} (a name of it in the school system)`, (f, to) => `${f} 读作 ${to}（学制中的名称）`),
  "data.read-as.area-name": readAs((f, to) => `${f} read as area ${to} (the area of that name)`, (f, to) => `${f} 读作县区 ${to}（该名称的县区）`),
} satisfies Record<string, NoteText>);

function pairs(v: readonly (string | number)[], f: (a: string | number, b: string | number) => string): string {
  const out: string[] = [];
  for (let i = 0; i + 1 < v.length; i += 2) out.push(f(v[i]!, v[i + 1]!));
  return out.join("，");
}

function triples(v: readonly (string | number)[], f: (a: string | number, b: string | number, c: string | number) => string): string {
  const out: string[] = [];
  for (let i = 0; i + 2 < v.length; i += 3) out.push(f(v[i]!, v[i + 1]!, v[i + 2]!));
  return out.join("；");
}

function quads(v: readonly (string | number)[], f: (a: string | number, b: string | number, c: string | number, d: string | number) => string): string {
  const out: string[] = [];
  for (let i = 0; i + 3 < v.length; i += 4) out.push(f(v[i]!, v[i + 1]!, v[i + 2]!, v[i + 3]!));
  return out.join("；");
}

/** The columns of a file table in Chinese, required ones marked `*`. */
function columnsZh(table: string): string {
  if (!isTable(table)) return "";
  return TABLE_COLUMNS[table].columns.map((c) => `${c.header.zh}${c.required ? "*" : ""}`).join("、") + "（* 为必填）";
}

/**
 * A file location in Chinese: `data.xlsx，工作表 在校生，第 5 行，D 列（人数）`.
 *
 * @example
 * ```ts
 * locationZh({ file: "在校生.csv", row: 2, column: "D", header: "人数" }) // "在校生.csv，第 2 行，D 列（人数）"
 * ```
 */
export function locationZh(loc: FileLocation): string {
  let s = loc.file;
  if (loc.sheet !== undefined) s += `，工作表 ${loc.sheet}`;
  if (loc.row !== undefined) s += `，第 ${loc.row} 行`;
  if (loc.column !== undefined) s += `，${loc.column} 列${loc.header !== undefined ? `（${loc.header}）` : ""}`;
  return s;
}

/** The record an issue is about, in Chinese (`县区 qingshan，年级 K1，年份 2016`), from its detail's `keys`. */
function keysZh(p: P): string {
  const table = str(p.table);
  return pairs(list(p.keys), (k, v) => `${fieldZh(table, String(k))} ${valueZh(table, String(k), v)}`);
}

/** A coded value in Chinese: an enum column's value by its Chinese label (`public` → 公办); other values as they are. */
function valueZh(table: string, field: string, v: string | number): string | number {
  if (!isTable(table) || typeof v !== "string") return v;
  const col = TABLE_COLUMNS[table].columns.find((c) => c.path.join(".") === field && c.kind === "enum");
  const zh = col?.values?.[v]?.find((a) => /\p{Script=Han}/u.test(a));
  return zh ?? v;
}

/**
 * One data issue as a sentence in a language: its English `message`, or in Chinese from its
 * coded `detail` (location, the record's keys, the problem, "did you mean", repeated rows). An
 * issue without a detail (not coded yet) keeps its English message.
 *
 * @example
 * ```ts
 * issueText(issue, "zh-CN") // "在校生.csv，第 2 行，D 列（人数）（县区 qingshan，年级 K1，年份 2016）：人数填写有误，实际为 -4；要求：…"
 * ```
 */
export function issueText(issue: DataIssue | LocatedIssue, lang: Lang): string {
  const d = issue.detail;
  if (lang !== "zh-CN" || !d) return issue.message;
  const text = Object.prototype.hasOwnProperty.call(dataIssueTexts, d.code) ? dataIssueTexts[d.code] : undefined;
  if (!text) return issue.message;
  const p = d.params;
  const loc = (issue as LocatedIssue).location;
  const keys = keysZh(p);
  let where = loc ? locationZh(loc) : typeof p.table === "string" && typeof p.index === "number" ? `${tableZh(p.table)}第 ${p.index + 1} 条记录` : "";
  if (keys !== "") where += `（${keys}）`;
  let s = `${where}${where === "" ? "" : "："}${text.zh(p)}`;
  if (typeof p.near === "string") s += `；您是否指 ${p.near}${typeof p.nearId === "string" ? `（县区 ${p.nearId}）` : ""}？`;
  if (typeof p.moreRowCount === "number") {
    const rows = list(p.moreRows);
    if (p.moreRowCount > 0) s += `；另有 ${p.moreRowCount} 行同样（第 ${rows.join("、")} 行${p.moreRowCount > rows.length ? "等" : ""}）`;
  } else if (num(p.more) > 0) s += `；另有 ${num(p.more)} 条记录同样`;
  if (num(p.same) > 0) s += `；另有 ${num(p.same)} 行同样的问题（第 ${list(p.sameRows).join("、")} 行${num(p.same) > list(p.sameRows).length ? "等" : ""}）`;
  return s;
}

/**
 * Issues as lines people read, in a language (`formatIssues` with `issueText`): errors first,
 * one per line, at most `limit`.
 *
 * @example
 * ```ts
 * formatIssuesIn(r.issues, "zh-CN") // "✗ 在校生.csv，第 2 行，D 列（人数）…"
 * ```
 */
export function formatIssuesIn(issues: readonly DataIssue[], lang: Lang, options: { limit?: number } = {}): string {
  return formatIssues(issues, {
    ...(options.limit !== undefined ? { limit: options.limit } : {}),
    text: (i) => issueText(i, lang),
    more: (n) => (lang === "zh-CN" ? `…… 另有 ${n} 个` : `… and ${n} more`),
  });
}
