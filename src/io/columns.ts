import type { Lang } from "../domain/sourced.js";
import { normalizeName, validLabels } from "../data/lenient.js";
import type { SchoolSystem } from "../domain/schoolSystem.js";

export { normalizeName };

/**
 * Column headers of the dataset files, as data: for every record type (one CSV file or one
 * workbook sheet), the field each column fills, its English and Chinese header, accepted
 * aliases, and how a cell is read. Readers accept any listed header; writers use `header.en` or
 * `header.zh`.
 */

/** The record types a dataset file set holds, in the order files and sheets are written. */
export const TABLE_NAMES = ["areas", "enrolment", "births", "capacity", "plannedPlaces", "housing", "population", "staff", "schools", "schoolEnrolment", "schoolPlaces", "feeders"] as const;
/** The name of a record table (`areas`, `enrolment`, …). */
export type TableName = (typeof TABLE_NAMES)[number];


/**
 * How a cell becomes a field value.
 * - `id`: text, trimmed; a number cell becomes its digits (`441702`).
 * - `text`: text as given; a number cell becomes its digits.
 * - `integer`: a number (numeric cell, or text such as `1234`, `1,234`); other text is passed on
 *   and refused by the dataset check with a located message.
 * - `number`: read like `integer`, for a field that need not be whole (a share `0.35`); a percent
 *   (`35%`) is not read and is refused with a located message.
 * - `count-or-missing`: like `integer`, but an empty cell is `null` (a missing figure).
 * - `list`: ids separated by spaces, commas, semicolons or 、.
 * - `date`: an ISO date `yyyy-mm-dd` (a date cell is written out as one).
 * - `grade` / `stage`: an id of the school system, or one of its labels (`小学一年级` → `P1`,
 *   `小学` → `primary`).
 * - `enum`: one of `values`' keys or their aliases.
 * - `grade-spans`: a school's grades by year, `P1-P6`, `一年级-六年级（2012年起）`, `P1, P3`
 *   (`readGradeSpans`); a cell that is not in that form is a located error.
 */
export type CellKind = "id" | "text" | "integer" | "number" | "count-or-missing" | "list" | "date" | "grade" | "stage" | "enum" | "grade-spans";

/** One column of a record type. */
export interface ColumnSpec {
  /** Path of the field in the record: `["pupils"]`, `["name", "zh"]`. */
  readonly path: readonly string[];
  readonly kind: CellKind;
  readonly header: { readonly en: string; readonly zh: string };
  /** Other accepted headers (matched ignoring case, spaces, `_`, `.`, `-` and a bracketed unit). */
  readonly aliases?: readonly string[];
  /** A column every file of this type must have. */
  readonly required?: boolean;
  /** For `enum`: canonical value → accepted aliases. */
  readonly values?: Readonly<Record<string, readonly string[]>>;
}

/** The columns of one record type and the names of its file and sheet. */
export interface TableColumns {
  readonly table: TableName;
  /** Sheet names; the CSV file is `<en>.csv` (or `<zh>.csv`). */
  readonly sheet: { readonly en: string; readonly zh: string };
  /** Other accepted sheet and file names. */
  readonly aliases?: readonly string[];
  /** Areas and enrolment must be given; the others may be left out. */
  readonly required: boolean;
  readonly columns: readonly ColumnSpec[];
}

const PROVENANCE: ColumnSpec = {
  path: ["provenance"],
  kind: "enum",
  header: { en: "provenance", zh: "数据性质" },
  aliases: ["来源类型", "数据类型"],
  values: { reported: ["报告", "统计", "实际", "实际数"], estimate: ["估算", "估计", "估计数", "估算数"] },
};
const NOTE: ColumnSpec = { path: ["note"], kind: "text", header: { en: "note", zh: "备注" }, aliases: ["说明", "notes", "comment"] };
const AREA: ColumnSpec = {
  path: ["area"],
  kind: "id",
  header: { en: "area", zh: "县区" },
  aliases: ["地区", "区县", "县(市、区)", "县市区", "行政区", "county", "district"],
  required: true,
};
const SCHOOL_YEAR: ColumnSpec = { path: ["year"], kind: "integer", header: { en: "year", zh: "年份" }, aliases: ["学年", "school year"], required: true };
const STAGE: ColumnSpec = { path: ["stage"], kind: "stage", header: { en: "stage", zh: "学段" }, required: true };
const SECTOR: ColumnSpec = {
  path: ["sector"],
  kind: "enum",
  header: { en: "sector", zh: "办学性质" },
  values: {
    public: ["公办"],
    "inclusive-private": ["普惠性民办", "普惠民办", "普惠"],
    "other-private": ["其他民办", "非普惠民办", "非普惠性民办", "民办"],
  },
};

/** A school referred to from another sheet: its id (学校代码) or its unique name (学校名称). */
const SCHOOL: ColumnSpec = { path: ["school"], kind: "id", header: { en: "school", zh: "学校" }, aliases: ["学校代码", "学校名称", "校名", "school id", "school name"], required: true };

/** The header map: every record type and its columns. */
export const TABLE_COLUMNS: Readonly<Record<TableName, TableColumns>> = {
  areas: {
    table: "areas",
    sheet: { en: "areas", zh: "地区" },
    aliases: ["县区", "area"],
    required: true,
    columns: [
      { path: ["id"], kind: "id", header: { en: "id", zh: "县区代码" }, aliases: ["代码", "编码", "地区代码", "县区", "地区", "area"], required: true },
      { path: ["name", "zh"], kind: "text", header: { en: "name_zh", zh: "名称" }, aliases: ["中文名称", "县区名称", "地区名称", "中文名"] },
      { path: ["name", "en"], kind: "text", header: { en: "name_en", zh: "英文名称" }, aliases: ["英文名", "name"] },
      { path: ["parent"], kind: "id", header: { en: "parent", zh: "上级" }, aliases: ["上级地区", "所属"] },
      { path: ["grades"], kind: "list", header: { en: "grades", zh: "开设年级" }, aliases: ["年级"] },
      PROVENANCE,
      NOTE,
    ],
  },
  enrolment: {
    table: "enrolment",
    sheet: { en: "enrolment", zh: "在校生" },
    aliases: ["enrollment", "学生数", "在校生数"],
    required: true,
    columns: [
      AREA,
      SCHOOL_YEAR,
      { path: ["grade"], kind: "grade", header: { en: "grade", zh: "年级" }, required: true },
      { path: ["pupils"], kind: "count-or-missing", header: { en: "pupils", zh: "人数" }, aliases: ["在校生", "在校生数", "学生数", "students", "enrolment", "enrollment"], required: true },
      PROVENANCE,
      NOTE,
    ],
  },
  births: {
    table: "births",
    sheet: { en: "births", zh: "出生人口" },
    aliases: ["出生"],
    required: false,
    columns: [
      AREA,
      { path: ["year"], kind: "integer", header: { en: "year", zh: "年份" }, aliases: ["出生年份"], required: true },
      { path: ["births"], kind: "integer", header: { en: "births", zh: "出生人口" }, aliases: ["出生数", "出生人数"], required: true },
      PROVENANCE,
      NOTE,
    ],
  },
  capacity: {
    table: "capacity",
    sheet: { en: "capacity", zh: "学位" },
    aliases: ["现有学位", "places"],
    required: false,
    columns: [
      AREA,
      STAGE,
      SCHOOL_YEAR,
      { path: ["places"], kind: "integer", header: { en: "places", zh: "学位数" }, aliases: ["学位"], required: true },
      { path: ["classes"], kind: "integer", header: { en: "classes", zh: "班数" }, aliases: ["班级数", "班级"] },
      SECTOR,
      PROVENANCE,
      NOTE,
    ],
  },
  plannedPlaces: {
    table: "plannedPlaces",
    sheet: { en: "plannedPlaces", zh: "规划学位" },
    aliases: ["planned", "planned places", "新增学位"],
    required: false,
    columns: [
      AREA,
      STAGE,
      { path: ["year"], kind: "integer", header: { en: "year", zh: "启用年份" }, aliases: ["年份", "学年"], required: true },
      { path: ["places"], kind: "integer", header: { en: "places", zh: "新增学位" }, aliases: ["学位数", "学位"], required: true },
      SECTOR,
      { ...SECTOR, path: ["fromSector"], header: { en: "fromSector", zh: "原办学性质" }, aliases: ["from sector"] },
      { path: ["project"], kind: "text", header: { en: "project", zh: "项目" }, aliases: ["项目名称"] },
      { path: ["school"], kind: "text", header: { en: "school", zh: "学校" }, aliases: ["学校代码", "学校名称"] },
      {
        path: ["kind"],
        kind: "enum",
        header: { en: "kind", zh: "类型" },
        aliases: ["建设类型"],
        values: {
          "new-school": ["新建", "新建学校"],
          extension: ["改扩建", "扩建"],
          purchased: ["购买", "政府购买学位", "购买学位"],
          converted: ["转设", "转公办", "转普惠"],
          temporary: ["临时", "临时学位"],
          closure: ["关停", "撤并", "关闭"],
        },
      },
      { path: ["source"], kind: "text", header: { en: "source", zh: "依据" }, aliases: ["出处", "来源"] },
      PROVENANCE,
      NOTE,
    ],
  },
  housing: {
    table: "housing",
    sheet: { en: "housing", zh: "住房" },
    aliases: ["新建住房", "dwellings"],
    required: false,
    columns: [
      AREA,
      { path: ["year"], kind: "integer", header: { en: "year", zh: "入住学年" }, aliases: ["入住年份"] },
      { path: ["completionDate"], kind: "date", header: { en: "completionDate", zh: "竣工日期" }, aliases: ["完工日期", "交付日期"] },
      { path: ["dwellings"], kind: "integer", header: { en: "dwellings", zh: "套数" }, aliases: ["住房套数", "户数"], required: true },
      { path: ["dwellingType"], kind: "id", header: { en: "dwellingType", zh: "住房类型" }, aliases: ["类型"] },
      { path: ["development"], kind: "id", header: { en: "development", zh: "楼盘代码" }, aliases: ["项目代码", "楼盘编号"] },
      { path: ["developmentName"], kind: "text", header: { en: "developmentName", zh: "楼盘名称" }, aliases: ["项目名称"] },
      PROVENANCE,
      NOTE,
    ],
  },
  population: {
    table: "population",
    sheet: { en: "population", zh: "分年龄人口" },
    aliases: ["人口", "常住人口", "age population"],
    required: false,
    columns: [
      AREA,
      { path: ["year"], kind: "integer", header: { en: "year", zh: "年份" }, aliases: ["统计年份"], required: true },
      { path: ["age"], kind: "integer", header: { en: "age", zh: "年龄" }, aliases: ["岁", "周岁"], required: true },
      { path: ["persons"], kind: "integer", header: { en: "persons", zh: "人口数" }, aliases: ["人数", "人口"], required: true },
      PROVENANCE,
      NOTE,
    ],
  },
  staff: {
    table: "staff",
    sheet: { en: "staff", zh: "教职工" },
    aliases: ["教职工数", "teachers"],
    required: false,
    columns: [AREA, STAGE, SCHOOL_YEAR, { path: ["staff"], kind: "integer", header: { en: "staff", zh: "教职工数" }, aliases: ["教职工", "在编人数", "编制数"], required: true }, PROVENANCE, NOTE],
  },
  // Schools (issue 16): the school list, pupils per school and grade, places per school, feeder links.
  schools: {
    table: "schools",
    sheet: { en: "schools", zh: "学校" },
    aliases: ["school", "学校名录", "学校信息", "学校名单"],
    required: false,
    columns: [
      { path: ["id"], kind: "id", header: { en: "id", zh: "学校代码" }, aliases: ["学校编号", "学校标识码", "代码", "school id", "school"], required: true },
      { path: ["name", "zh"], kind: "text", header: { en: "name_zh", zh: "学校名称" }, aliases: ["名称", "中文名称", "校名", "学校"] },
      { path: ["name", "en"], kind: "text", header: { en: "name_en", zh: "英文名称" }, aliases: ["英文名", "name"] },
      { ...AREA, header: { en: "area", zh: "所在地区" }, aliases: [...(AREA.aliases ?? []), "县区", "学区", "片区", "镇街", "所在学区", "所在片区"] },
      { path: ["grades"], kind: "grade-spans", header: { en: "grades", zh: "年级范围" }, aliases: ["开设年级", "年级", "学段年级", "grade span", "grade range"], required: true },
      SECTOR,
      { path: ["opens"], kind: "integer", header: { en: "opens", zh: "开办年份" }, aliases: ["开办学年", "建校年份", "开学年份", "opened", "open year"] },
      { path: ["closes"], kind: "integer", header: { en: "closes", zh: "停办年份" }, aliases: ["停办学年", "撤并年份", "关闭年份", "closed", "close year"] },
      {
        path: ["urbanRural"],
        kind: "enum",
        header: { en: "urbanRural", zh: "城乡类别" },
        aliases: ["城乡", "城乡分类", "urban/rural", "urban rural"],
        values: { urban: ["城区"], town: ["镇区"], rural: ["乡村", "农村"] },
      },
      PROVENANCE,
      NOTE,
    ],
  },
  schoolEnrolment: {
    table: "schoolEnrolment",
    sheet: { en: "schoolEnrolment", zh: "学校在校生" },
    aliases: ["school enrolment", "school enrollment", "schoolEnrollment", "学校学生数", "分校在校生"],
    required: false,
    columns: [
      SCHOOL,
      SCHOOL_YEAR,
      { path: ["grade"], kind: "grade", header: { en: "grade", zh: "年级" }, required: true },
      { path: ["pupils"], kind: "count-or-missing", header: { en: "pupils", zh: "在校生" }, aliases: ["人数", "在校生数", "学生数", "students", "enrolment", "enrollment"], required: true },
      { path: ["classes"], kind: "integer", header: { en: "classes", zh: "班数" }, aliases: ["班级数", "班级"] },
      PROVENANCE,
      NOTE,
    ],
  },
  schoolPlaces: {
    table: "schoolPlaces",
    sheet: { en: "schoolPlaces", zh: "学校学位" },
    aliases: ["school places", "school capacity", "学校学位数"],
    required: false,
    columns: [
      SCHOOL,
      { path: ["year"], kind: "integer", header: { en: "year", zh: "年份" }, aliases: ["学年", "起始年份", "school year"], required: true },
      { path: ["places"], kind: "integer", header: { en: "places", zh: "学位" }, aliases: ["学位数", "核定学位"], required: true },
      { path: ["classes"], kind: "integer", header: { en: "classes", zh: "班数" }, aliases: ["班级数", "教室数", "可容纳班数"] },
      PROVENANCE,
      NOTE,
    ],
  },
  // The feeder map: pupils leaving school `from` after its last grade go on to school `school` (生源学校 → 接收学校).
  feeders: {
    table: "feeders",
    sheet: { en: "feeders", zh: "生源学校" },
    aliases: ["feeder", "feeder map", "feeder schools", "生源", "对口生源", "对口升学", "生源关系"],
    required: false,
    columns: [
      { ...SCHOOL, header: { en: "school", zh: "接收学校" }, aliases: [...(SCHOOL.aliases ?? []), "学校", "升入学校", "对口学校", "receiving school"] },
      { path: ["from"], kind: "id", header: { en: "from", zh: "生源学校" }, aliases: ["来源学校", "输送学校", "毕业学校", "sending school", "feeder", "feeder school"], required: true },
      { path: ["share"], kind: "number", header: { en: "share", zh: "比例" }, aliases: ["升入比例", "生源比例", "占比", "proportion"] },
      PROVENANCE,
      NOTE,
    ],
  },
};

/** The header a writer uses for a column. */
export function headerOf(column: ColumnSpec, lang: Lang): string {
  return lang === "zh-CN" ? column.header.zh : column.header.en;
}

/** The sheet (and CSV file stem) a writer uses for a record type. */
export function sheetOf(table: TableName, lang: Lang): string {
  const s = TABLE_COLUMNS[table].sheet;
  return lang === "zh-CN" ? s.zh : s.en;
}

/** Finds the record type a sheet or file stem names (English or Chinese), if any. */
export function tableForName(name: string): TableName | undefined {
  const n = normalizeName(name);
  for (const t of TABLE_NAMES) {
    const c = TABLE_COLUMNS[t];
    if ([c.table, c.sheet.en, c.sheet.zh, ...(c.aliases ?? [])].some((x) => normalizeName(x) === n)) return t;
  }
  return undefined;
}

/** Finds the column a header names in a record type, if any. English header first, then Chinese, then aliases. */
export function columnForHeader(table: TableName, header: string): ColumnSpec | undefined {
  const n = normalizeName(header);
  if (n === "") return undefined;
  const cols = TABLE_COLUMNS[table].columns;
  return (
    cols.find((c) => normalizeName(c.header.en) === n || normalizeName(c.path.join(".")) === n) ??
    cols.find((c) => normalizeName(c.header.zh) === n) ??
    cols.find((c) => (c.aliases ?? []).some((a) => normalizeName(a) === n))
  );
}

/** Both headers of a column for messages: `pupils (人数)`. */
export function describeColumn(column: ColumnSpec): string {
  return `${column.header.en} (${column.header.zh})`;
}

/** The accepted values of one column: the canonical value and the other texts read as it. */
export interface ColumnValue {
  /** The value stored in the record (`P1`, `primary`, `public`). */
  readonly value: string;
  /** Every text the readers accept for it, the value first (`P1`, `Primary 1`, `小学一年级`, `一年级`, …). */
  readonly accepted: readonly string[];
}

/**
 * The values a column accepts, for templates (a list beside the column, a data-validation list)
 * and help: grades and stages of the system with their labels and aliases (`validLabels`), an
 * enum's values with their aliases. `undefined` for free columns (ids, numbers, text, dates).
 *
 * @param table - the record type
 * @param path - the field, e.g. `"grade"`, `"stage"`, `"sector"`, `"grades"` (an area's grade list)
 * @param system - the school system of grades and stages
 * @example
 * ```ts
 * columnValues("enrolment", "grade", chinaSchoolSystem)![3] // { value: "P1", accepted: ["P1", "Primary 1", "小学一年级", "一年级", "1年级", "小学1年级"] }
 * columnValues("capacity", "sector", chinaSchoolSystem)![0] // { value: "public", accepted: ["public", "公办"] }
 * ```
 */
export function columnValues(table: TableName, path: string, system: SchoolSystem): readonly ColumnValue[] | undefined {
  const col = TABLE_COLUMNS[table].columns.find((c) => c.path.join(".") === path);
  if (!col) return undefined;
  const labels = validLabels(system);
  if (col.kind === "grade" || col.kind === "grade-spans" || (col.kind === "list" && path === "grades")) return labels.grades.map((g) => ({ value: g.id, accepted: g.names }));
  if (col.kind === "stage") return labels.stages.map((s) => ({ value: s.id, accepted: s.names }));
  if (col.kind === "enum") return Object.entries(col.values ?? {}).map(([value, aliases]) => ({ value, accepted: [value, ...aliases] }));
  return undefined;
}
