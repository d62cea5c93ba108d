import { count, list, n, s } from "./format.js";
import type { NoteTexts } from "./types.js";

/** Texts of `fromWide`'s notes (`WideResult.notes`, codes `wide.…`): what a wide table's reading left out or read by a rule. */
export const wideNoteTexts: NoteTexts = {
  /** Params: column, values (non-empty cells in it). */
  "wide.column-dropped": {
    en: (p) => `column ${s(p, "column")} was left out as asked (${count(n(p, "values"))} non-empty cells)`,
    zh: (p) => `按设定未读取列 ${s(p, "column")}（非空单元格 ${count(n(p, "values"))} 个）`,
  },
  /** Params: rows, labels (the texts that marked them), equal, differ (first three), unchecked (grade figures). */
  "wide.total-rows": {
    en: (p) =>
      `${count(n(p, "rows"))} total row(s) (${list(p, "labels").join(", ")}) dropped: a sum, not an area; against the sum of the areas' rows of their year, ${count(n(p, "equal"))} grade figure(s) equal${list(p, "differ").length ? `, differing: ${list(p, "differ").join("; ")}` : ""}${n(p, "unchecked") > 0 ? `, ${count(n(p, "unchecked"))} not checked (a figure missing)` : ""}`,
    zh: (p) =>
      `已删除 ${count(n(p, "rows"))} 个合计行（${list(p, "labels").join("、")}）：合计不是地区；与当年各地区之和相比，${count(n(p, "equal"))} 个年级数值相等${list(p, "differ").length ? `，不等：${list(p, "differ").join("；")}` : ""}${n(p, "unchecked") > 0 ? `，${count(n(p, "unchecked"))} 个因缺失未核对` : ""}`,
  },
  /** Params: what (`year` or `figure`), rule (a `LenientRule`), cells. */
  "wide.read-as": {
    en: (p) => `${count(n(p, "cells"))} ${s(p, "what") === "year" ? "year" : "figure"} cell(s) read by the rule ${s(p, "rule")} (e.g. "1,234" as 1234, "2016-17" as 2016)`,
    zh: (p) => `${count(n(p, "cells"))} 个${s(p, "what") === "year" ? "年份" : "数值"}单元格按规则 ${s(p, "rule")} 读取（如“1,234”读作 1234，“2016-17”读作 2016）`,
  },
  /** Params: cells (missing figures kept as pupils null). */
  "wide.missing-kept": {
    en: (p) => `${count(n(p, "cells"))} missing figure(s) kept as missing (pupils null), not as 0`,
    zh: (p) => `${count(n(p, "cells"))} 个缺失数值按缺失（null）保留，未作 0 处理`,
  },
  /** Params: area, grades, cells. */
  "wide.not-offered-missing": {
    en: (p) => `area ${s(p, "area")}: ${count(n(p, "cells"))} missing cell(s) in ${list(p, "grades").join(", ")}, grades with no reported figure in any year, so treated as not taught; the cells are dropped`,
    zh: (p) => `${s(p, "area")}：${list(p, "grades").join("、")} 各年均无报告数值，视为未开设，其 ${count(n(p, "cells"))} 个缺失单元格未读取`,
  },
  /** Params: area, grades (taught, not consecutive). */
  "wide.grades-not-consecutive": {
    en: (p) => `area ${s(p, "area")}: the grades taught are not consecutive (${list(p, "grades").join(", ")})`,
    zh: (p) => `${s(p, "area")}：开设年级不连续（${list(p, "grades").join("、")}）`,
  },
  /** Params: area, from, to, absent (years without a row), blank (years whose grades are all missing). */
  "wide.area-incomplete": {
    en: (p) => `area ${s(p, "area")} dropped: not a complete series for ${s(p, "from")}–${s(p, "to")}${list(p, "absent").length ? `; no row for ${list(p, "absent").join(", ")}` : ""}${list(p, "blank").length ? `; every grade missing in ${list(p, "blank").join(", ")}` : ""}`,
    zh: (p) => `${s(p, "area")} 未读取：${s(p, "from")}–${s(p, "to")} 年数据不完整${list(p, "absent").length ? `；缺少 ${list(p, "absent").join("、")} 年` : ""}${list(p, "blank").length ? `；${list(p, "blank").join("、")} 年各年级均缺失` : ""}`,
  },
  /** Params: area, from, to. */
  "wide.area-no-grades": {
    en: (p) => `area ${s(p, "area")} dropped: no grade has a reported, non-zero figure in ${s(p, "from")}–${s(p, "to")}`,
    zh: (p) => `${s(p, "area")} 未读取：${s(p, "from")}–${s(p, "to")} 年各年级均无非零报告数`,
  },
  /** Params: cells, areas. */
  "wide.zero-in-offered": {
    en: (p) => `${count(n(p, "cells"))} figure(s) of 0 in taught grades of ${count(n(p, "areas"))} area(s) kept as 0 (a grade span is per area, not per year)`,
    zh: (p) => `${count(n(p, "areas"))} 个地区已开设年级中的 ${count(n(p, "cells"))} 个 0 值按 0 保留（开设年级按地区而非逐年设定）`,
  },
};
