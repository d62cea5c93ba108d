import { join } from "node:path";
import { areasTable } from "../data/records/areas.js";
import { birthsTable } from "../data/records/births.js";
import { capacityTable, plannedPlacesTable } from "../data/records/capacity.js";
import { enrolmentTable } from "../data/records/enrolment.js";
import { housingTable } from "../data/records/housing.js";
import { populationTable } from "../data/records/population.js";
import { staffTable } from "../data/records/staff.js";
import { describeColumn, headerOf, sheetOf, TABLE_COLUMNS, TABLE_NAMES, type TableName } from "./columns.js";
import type { Lang } from "../domain/sourced.js";
import { writeCsvTables, writeWorkbook, type Table } from "./write.js";

const RULES: Readonly<Record<TableName, Readonly<Record<string, string>>>> = {
  areas: areasTable.rules,
  enrolment: enrolmentTable.rules,
  births: birthsTable.rules,
  capacity: capacityTable.rules,
  plannedPlaces: plannedPlacesTable.rules,
  housing: housingTable.rules,
  population: populationTable.rules,
  staff: staffTable.rules,
};

const EXTRA_RULES: Readonly<Record<string, string>> = {
  provenance: '"reported" (报告) or "estimate" (估算); reported when left empty',
  note: "free text: the source, or how an estimate was made",
  "name.zh": "text",
  "name.en": "text",
  grades: "grade ids separated by spaces (K1 K2 K3 P1 …); all grades of the system when left empty",
  pupils: "a non-negative integer; an empty cell is a missing figure",
};

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
 * The column guide of the templates: one row per record type and column, with both headers,
 * whether the column is required, and what a cell must hold.
 */
export function columnGuide(lang: Lang): Table {
  const rows: string[][] = [];
  for (const t of TABLE_NAMES) {
    for (const c of TABLE_COLUMNS[t].columns) {
      const key = c.path.join(".");
      const rule = (key === "pupils" ? EXTRA_RULES.pupils : undefined) ?? RULES[t][c.path[0]!] ?? EXTRA_RULES[key] ?? "";
      rows.push([sheetOf(t, lang), headerOf(c, lang), describeColumn(c), c.required ? (lang === "en" ? "yes" : "是") : "", rule]);
    }
  }
  return {
    name: "columns",
    sheet: lang === "en" ? "README" : "说明",
    columns: lang === "en" ? ["sheet", "column", "headers accepted", "required", "what a cell holds"] : ["工作表", "列", "可用表头", "必填", "填写要求"],
    rows,
  };
}

/** Options of `writeTemplates`. */
export interface TemplateOptions {
  /** Headers and sheet names. @defaultValue `"en"` */
  readonly lang?: Lang;
}

/**
 * Writes blank input templates: one CSV file per record type (headers only) and an .xlsx
 * workbook `placecast-template.xlsx` with one sheet per record type and a column guide sheet
 * (README / 说明, which the readers ignore). Chinese CSV files start with a BOM so that Excel
 * shows them correctly.
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
  const csv = await writeCsvTables(tables, dir, { bom: lang === "zh-CN" });
  const xlsx = await writeWorkbook([columnGuide(lang), ...tables], join(dir, "placecast-template.xlsx"));
  return [...csv, xlsx];
}
