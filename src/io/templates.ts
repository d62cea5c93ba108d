import { join } from "node:path";
import { areasTable } from "../data/records/areas.js";
import { birthsTable } from "../data/records/births.js";
import { capacityTable, plannedPlacesTable } from "../data/records/capacity.js";
import { enrolmentTable } from "../data/records/enrolment.js";
import { housingTable } from "../data/records/housing.js";
import { populationTable } from "../data/records/population.js";
import { staffTable } from "../data/records/staff.js";
import { feedersTable, schoolEnrolmentTable, schoolPlacesTable, schoolsTable } from "../data/records/schools.js";
import { headerOf, sheetOf, TABLE_COLUMNS, TABLE_NAMES, type ColumnSpec, type TableName } from "./columns.js";
import type { Lang } from "../domain/sourced.js";
import type { SchoolSystem } from "../domain/schoolSystem.js";
import { chinaSchoolSystem } from "../domain/systems/china.js";
import { writeCsvTables, writeWorkbook, type Cell, type Table } from "./write.js";

const RULES: Readonly<Record<TableName, Readonly<Record<string, string>>>> = {
  areas: areasTable.rules,
  enrolment: enrolmentTable.rules,
  births: birthsTable.rules,
  capacity: capacityTable.rules,
  plannedPlaces: plannedPlacesTable.rules,
  housing: housingTable.rules,
  population: populationTable.rules,
  staff: staffTable.rules,
  schools: schoolsTable.rules,
  schoolEnrolment: schoolEnrolmentTable.rules,
  schoolPlaces: schoolPlacesTable.rules,
  feeders: feedersTable.rules,
};

const EXTRA_RULES: Readonly<Record<string, string>> = {
  provenance: '"reported" (报告) or "estimate" (估算); reported when left empty',
  note: "free text: the source, or how an estimate was made",
  "name.zh": "the Chinese name (青山县), written beside the id in every output",
  "name.en": "the English name, shown beside the id in English outputs; may be left empty",
  grades: "grade ids separated by spaces (K1 K2 K3 P1 …); all grades of the system when left empty",
  pupils: "a non-negative integer; an empty cell is a missing figure",
  "schools.id": "a unique school id of letters, digits or hyphens (qs-town-1); the other sheets name the school by it (or by its unique name)",
  "schools.name.zh": "the school's Chinese name (青山县城关第一小学), written beside the id in every output",
  "schools.area": "the id (or unique name) of the area the school stands in, listed in areas: the lowest level, e.g. a 学区 or 镇街, or the county",
  "schools.grades":
    'the grades the school teaches: a range "P1-P6" (or "小学一年级-小学六年级"), a list "P1, P3", optional school years in brackets "(2012-)" from, "(-2011)" up to, "(2012-2015)" both included; several spans separated by ";" ("P1-P6 (-2019); P1-J3 (2020-)")',
  "schools.opens": "the first school year with pupils (2024 = 2024/25); empty for a school open throughout",
  "schools.closes": "the first school year without pupils (a closure or merger); empty for a school that stays open",
  "schools.urbanRural": 'where the school stands: "urban" (城区), "town" (镇区) or "rural" (乡村); may be left empty',
  school: "the school's id (or its unique name), listed in schools",
  "schoolEnrolment.pupils": "pupils of the school in this grade: a non-negative integer; an empty cell or - is a missing figure",
  "schoolEnrolment.classes": "classes (班数) this grade is taught in; empty when unknown",
  "schoolPlaces.year": "the school year the places hold from (a later row of the same school replaces it: an extension)",
  "schoolPlaces.places": "places of the whole school, in pupils: a non-negative integer",
  "schoolPlaces.classes": "classrooms for teaching groups; empty when unknown",
  "feeders.school": "the receiving school's id (or its unique name), listed in schools: pupils leaving the sending school go on to its entry grade",
  "feeders.from": "the sending school's id (or its unique name), listed in schools: its leavers (after its last grade) go on to the receiving school",
  "feeders.share": "the share of the sending school's leavers who go on to the receiving school: a number from 0 to 1 (0.35, not 35%); the shares of one sending school add up to at most 1; empty when unknown",
};

/** What a cell of each column holds, in Chinese, keyed by table and column path (`enrolment.pupils`), else by path. */
const RULES_ZH: Readonly<Record<string, string>> = {
  "areas.id": "县区代码：由字母、数字或连字符组成的唯一代码（如 qingshan），其他表用它指代县区",
  "name.zh": "中文名称（如 青山县），所有输出都在代码旁列出",
  "name.en": "英文名称，可留空",
  parent: "上级地区的代码（如 yunzhou）；最上级地区留空",
  grades: "开设的年级，用空格分隔（见“可填标签”）；留空表示学制的全部年级",
  area: "县区代码，须已列在“地区”表中",
  year: "学年：按起始年份填写的四位整数（2020 = 2020/21 学年）",
  "births.year": "出生年份：四位整数的日历年",
  births: "出生人数：非负整数",
  grade: "年级（见“可填标签”）",
  pupils: "在校生人数：非负整数；空白表示缺数",
  stage: "学段（见“可填标签”）",
  "capacity.places": "学位数：非负整数（按可容纳学生数计）",
  classes: "班数：非负整数；不知道时留空",
  sector: "办学性质（见“可填标签”）；可留空",
  fromSector: "购买或转设学位原来的办学性质（见“可填标签”）；可留空",
  project: "项目名称；可留空",
  "plannedPlaces.school": "学校代码或学校名称：项目所属学校（须已列在“学校”表中）；可留空",
  "schools.id": "学校代码：由字母、数字或连字符组成的唯一代码（如 qs-town-1），其他表用它（或唯一的学校名称）指代学校",
  "schools.name.zh": "学校名称（如 青山县城关第一小学），所有输出都在代码旁列出",
  "schools.area": "所在地区：学校所在的最低一级地区（学区、镇街，或县区）的代码或名称，须已列在“地区”表中",
  "schools.grades": "年级范围：如 小学一年级-小学六年级，或列出年级 小学一年级、小学三年级（年级可填名称或代码，如 P1）；可在括号内注明学年：（2012年起）、（至2011年）、（2012-2015）；多段用分号分隔，如 小学一年级-小学六年级（至2019年）；小学一年级-初三（2020年起）",
  "schools.opens": "开办年份：首个有学生的学年（四位整数）；一直开办的学校留空",
  "schools.closes": "停办年份：首个无学生的学年（停办、撤并）；继续开办的学校留空",
  "schools.urbanRural": "城乡类别：城区、镇区 或 乡村（见“可填标签”）；可留空",
  school: "学校代码或学校名称，须已列在“学校”表中",
  "schoolEnrolment.pupils": "该校该年级在校生人数：非负整数；空白或 - 表示缺数",
  "schoolEnrolment.classes": "该年级的班数；不知道时留空",
  "schoolPlaces.year": "学位起用学年（同一学校后一年份的记录取代前者，如扩建）",
  "schoolPlaces.places": "全校学位数（按可容纳学生数计）：非负整数",
  "schoolPlaces.classes": "可容纳的班数（教室数）；不知道时留空",
  "feeders.school": "接收学校：学校代码或学校名称，须已列在“学校”表中；生源学校的毕业生升入该校的起始年级",
  "feeders.from": "生源学校：学校代码或学校名称，须已列在“学校”表中；该校最高年级的毕业生升入接收学校",
  "feeders.share": "升入比例：生源学校毕业生中升入接收学校的比例，填 0 到 1 之间的小数（填 0.35，不填 35%）；同一生源学校各行比例之和不超过 1；不知道时留空",
  kind: "建设类型（见“可填标签”）；可留空",
  source: "依据（规划、文件）；可留空",
  "plannedPlaces.year": "启用学年：学位开始使用的学年（四位整数）",
  "plannedPlaces.places": "新增学位数：整数；关停、撤并填负数",
  "housing.year": "首次入住学年（四位整数）；与竣工日期填一项即可",
  completionDate: "竣工日期，如 2026-09-30；与入住学年填一项即可",
  dwellings: "住房套数：非负整数",
  dwellingType: "住房类型代码（与产生率表一致）；可留空",
  development: "楼盘代码；可留空",
  developmentName: "楼盘名称；可留空",
  "population.year": "统计年份：四位整数",
  age: "年龄：周岁，整数",
  persons: "人口数：非负整数",
  staff: "教职工人数：非负整数",
  provenance: "数据性质：报告 或 估算（见“可填标签”）；留空视为报告",
  note: "备注：数据来源，或估算方法",
};

/**
 * An example row of each input table, from a made-up city (云州市, counties 青山县 and 白水县):
 * values by column path, in each language (labels such as grades and stages differ).
 */
/**
 * What a column's cell must hold, in Chinese (the 填写要求 of the zh-CN guide), for messages:
 * the rule of `table.field`, or of the field in any table, or `undefined`.
 *
 * @example
 * ```ts
 * columnRuleZh("enrolment", "pupils") // "在校生人数：非负整数；空白表示缺数"
 * ```
 */
export function columnRuleZh(table: string, field: string): string | undefined {
  const own = (k: string): string | undefined => (Object.prototype.hasOwnProperty.call(RULES_ZH, k) ? RULES_ZH[k] : undefined);
  return own(`${table}.${field}`) ?? own(field);
}

const EXAMPLES: Readonly<Record<TableName, Readonly<Record<string, readonly [Cell, Cell]>>>> = {
  areas: { id: ["qingshan", "qingshan"], "name.zh": ["青山县", "青山县"], "name.en": ["Qingshan County", "Qingshan County"], parent: ["yunzhou", "yunzhou"], provenance: ["reported", "报告"] },
  enrolment: { area: ["qingshan", "qingshan"], year: [2020, 2020], grade: ["P1", "小学一年级"], pupils: [5230, 5230], provenance: ["reported", "报告"] },
  births: { area: ["qingshan", "qingshan"], year: [2014, 2014], births: [6120, 6120], provenance: ["reported", "报告"] },
  capacity: { area: ["qingshan", "qingshan"], stage: ["primary", "小学"], year: [2020, 2020], places: [32000, 32000], classes: [690, 690], sector: ["public", "公办"] },
  plannedPlaces: {
    area: ["qingshan", "qingshan"], stage: ["primary", "小学"], year: [2023, 2023], places: [2700, 2700], sector: ["public", "公办"],
    project: ["Qingshan No. 2 Primary", "青山县第二实验小学"], kind: ["new-school", "新建"], source: ["Yunzhou education plan 2021–2025", "云州市教育发展规划（2021—2025年）"],
  },
  housing: { area: ["qingshan", "qingshan"], year: [2024, 2024], dwellings: [1200, 1200], development: ["qs-garden", "qs-garden"], developmentName: ["Qingshan Garden", "青山花园"] },
  population: { area: ["qingshan", "qingshan"], year: [2020, 2020], age: [3, 3], persons: [5800, 5800] },
  staff: { area: ["qingshan", "qingshan"], stage: ["primary", "小学"], year: [2020, 2020], staff: [1850, 1850] },
  schools: {
    id: ["qs-town-1", "qs-town-1"], "name.zh": ["青山县城关第一小学", "青山县城关第一小学"], "name.en": ["Qingshan Chengguan No. 1 Primary", "Qingshan Chengguan No. 1 Primary"],
    area: ["qingshan", "qingshan"], grades: ["P1-P6", "小学一年级-小学六年级"], sector: ["public", "公办"], opens: [1998, 1998], closes: [null, null], urbanRural: ["urban", "城区"], provenance: ["reported", "报告"],
  },
  schoolEnrolment: { school: ["qs-town-1", "qs-town-1"], year: [2020, 2020], grade: ["P1", "小学一年级"], pupils: [410, 410], classes: [9, 9], provenance: ["reported", "报告"] },
  schoolPlaces: { school: ["qs-town-1", "qs-town-1"], year: [2020, 2020], places: [2430, 2430], classes: [54, 54] },
  feeders: { school: ["qs-junior-1", "qs-junior-1"], from: ["qs-town-1", "qs-town-1"], share: [0.85, 0.85] },
};

/**
 * The labels a column accepts, in the language's order (the readers also take the other
 * language's): grades and stages of the system (id and names), the values of coded columns.
 * Empty for free columns (numbers, ids, text).
 *
 * @example
 * ```ts
 * validLabels(TABLE_COLUMNS.capacity.columns[1]!, chinaSchoolSystem, "zh-CN") // ["学前教育", "preschool", "小学", "primary", …]
 * ```
 */
export function validLabels(column: ColumnSpec, system: SchoolSystem, lang: Lang): string[] {
  const named = (id: string, label: { readonly en: string; readonly zh?: string }): string[] =>
    lang === "zh-CN" ? [...(label.zh ? [label.zh] : []), id] : [id, ...(label.zh ? [label.zh] : [])];
  if (column.kind === "stage") return system.stages.flatMap((s) => named(s.id, s.label));
  if (column.kind === "grade" || column.kind === "grade-spans" || (column.kind === "list" && column.path[0] === "grades")) return system.stages.flatMap((s) => s.grades.flatMap((g) => named(g.id, g.label)));
  if (column.kind === "enum") {
    return Object.entries(column.values ?? {}).flatMap(([v, aliases]) => (lang === "zh-CN" ? [...aliases, v] : [v, ...aliases]));
  }
  return [];
}

/** Blank tables (headers only), one per record type, in the chosen language. */
export function templateTables(lang: Lang): Table[] {
  return TABLE_NAMES.map((t) => ({
    name: lang === "en" ? t : sheetOf(t, lang),
    sheet: sheetOf(t, lang),
    columns: TABLE_COLUMNS[t].columns.map((c) => headerOf(c, lang)),
    rows: [],
  }));
}

/**
 * The column guide of the templates: one row per record type and column, with the header to
 * use, the other headers accepted, whether the column is required, what a cell must hold, the
 * labels the column accepts (grades, stages, coded values: `validLabels`), and an example value
 * (the example rows of a made-up 云州市, one per table), all in the chosen language.
 *
 * @example
 * ```ts
 * columnGuide("zh-CN", chinaSchoolSystem).columns // ["工作表", "列", "可用表头", "必填", "填写要求", "可填标签", "示例"]
 * ```
 */
export function columnGuide(lang: Lang, system: SchoolSystem = chinaSchoolSystem): Table {
  const zh = lang === "zh-CN";
  const rows: Cell[][] = [];
  for (const t of TABLE_NAMES) {
    for (const c of TABLE_COLUMNS[t].columns) {
      const key = c.path.join(".");
      const rule = zh
        ? (RULES_ZH[`${t}.${key}`] ?? RULES_ZH[key] ?? "")
        : (EXTRA_RULES[`${t}.${key}`] ?? (key === "pupils" ? EXTRA_RULES.pupils : undefined) ?? EXTRA_RULES[key] ?? RULES[t][c.path[0]!] ?? "");
      const headers = [c.header.zh, c.header.en, ...(c.aliases ?? [])];
      const example = EXAMPLES[t][key]?.[zh ? 1 : 0] ?? null;
      rows.push([sheetOf(t, lang), headerOf(c, lang), headers.join(zh ? "、" : ", "), c.required ? (zh ? "是" : "yes") : zh ? "否" : "no", rule, validLabels(c, system, lang).join(zh ? "、" : ", "), example]);
    }
  }
  return {
    name: "columns",
    sheet: zh ? "说明" : "README",
    columns: zh ? ["工作表", "列", "可用表头", "必填", "填写要求", "可填标签", "示例"] : ["sheet", "column", "headers accepted", "required", "what a cell holds", "labels accepted", "example"],
    rows,
  };
}

/** Options of `writeTemplates`. */
export interface TemplateOptions {
  /** Headers and sheet names. @defaultValue `"en"` */
  readonly lang?: Lang;
  /** School system whose grades and stages the guide lists. @defaultValue `chinaSchoolSystem` */
  readonly system?: SchoolSystem;
}

/**
 * Writes blank input templates: one CSV file per record type (headers only) and an .xlsx
 * workbook `placecast-template.xlsx` with the guide sheet first (README / 说明: every
 * column, what it holds, the labels it accepts and an example; the readers ignore it) and one
 * sheet per record type. Chinese CSV files start with a BOM so that Excel shows them correctly.
 *
 * @returns the paths written
 * @example
 * ```ts
 * await writeTemplates("templates/zh-CN", { lang: "zh-CN" });
 * ```
 */
export async function writeTemplates(dir: string, options: TemplateOptions = {}): Promise<string[]> {
  const lang = options.lang ?? "en";
  const tables = templateTables(lang);
  const guide = columnGuide(lang, options.system);
  const csv = await writeCsvTables(tables, dir, { bom: lang === "zh-CN" });
  const xlsx = await writeWorkbook([guide, ...tables], join(dir, "placecast-template.xlsx"));
  return [...csv, xlsx];
}
