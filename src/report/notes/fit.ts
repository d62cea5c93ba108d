import { fixed, n, s } from "./format.js";
import type { NoteTexts } from "./types.js";

/**
 * Texts of the cohort model's fitting notes (`CohortModel.notes`, codes `fit.…`).
 *
 * Parameters: `area`, `grade` always; see each code.
 */
export const fitNoteTexts: NoteTexts = {
  /** A grade whose grade below has no pupils in any history year is forecast as a level. Params: below, from, to. */
  "fit.empty-grade-below": {
    en: (p) => `${s(p, "below")} in ${s(p, "area")} has no pupils in any year of the history (${s(p, "from")}–${s(p, "to")}), so ${s(p, "grade")} is not progressed from it; ${s(p, "grade")} is forecast as an entry level (its own counts, fitted like entry)`,
    zh: (p) => `${s(p, "area")} 的 ${s(p, "below")} 在历史各年（${s(p, "from")}–${s(p, "to")}）均无学生，${s(p, "grade")} 不由其升级推算，而按入学水平（自身人数，同入学比拟合）预测`,
  },
  /** No usable history in the area: the ratio pooled over all areas. Params: value. */
  "fit.pooled-ratio": {
    en: (p) => `no usable history for ${s(p, "grade")} in ${s(p, "area")}; used the ratio pooled over all areas (${fixed(n(p, "value"), 4)})`,
    zh: (p) => `${s(p, "area")} 的 ${s(p, "grade")} 无可用历史数据，采用全部地区合并的比率（${fixed(n(p, "value"), 4)}）`,
  },
  /** No usable history in any area: a progression ratio of 1 assumed. */
  "fit.assumed-ratio-one": {
    en: (p) => `no usable history for ${s(p, "grade")} in any area; assumed a ratio of 1`,
    zh: (p) => `各地区 ${s(p, "grade")} 均无可用历史数据，假定比率为 1`,
  },
  /** No usable history in any area: the last known count kept as a level. */
  "fit.assumed-last-level": {
    en: (p) => `no usable history for ${s(p, "grade")} in any area; assumed the last known count as a level`,
    zh: (p) => `各地区 ${s(p, "grade")} 均无可用历史数据，假定沿用最后一个已知人数`,
  },
  /**
   * The base-year figure is missing and was imputed. Params: year, value, method
   * (`progression`: ratio × `from` of `fromYear`; `births`: ratio × births of `birthYear`;
   * `level`: the fitted level; `last-known`: the figure of `fromYear`; `zero`: no earlier figure).
   */
  /**
   * An entry grade (a stage entered from births) has no births to drive it, so it is forecast as a
   * level fitted to its own counts (held flat by the default mean). Params: reason (`no-births`:
   * neither the area nor an area above it has births; `births-do-not-cover`: births exist but not
   * for the birth years of the history), from, to (the birth years the history needs).
   */
  "fit.entry-without-births": {
    en: (p) =>
      `${s(p, "grade")} in ${s(p, "area")} enters from births, but ${s(p, "reason") === "no-births" ? "the area (and every area above it) has no births" : `the births do not cover the birth years ${s(p, "from")}–${s(p, "to")} of the history`}; it is forecast as a level of its own counts (held flat), not from births. Give births to follow the cohorts`,
    zh: (p) =>
      `${s(p, "area")} 的 ${s(p, "grade")} 按出生人口入学，但${s(p, "reason") === "no-births" ? "该地区及其上级地区均无出生人口数据" : `出生人口数据未覆盖历史所需的 ${s(p, "from")}–${s(p, "to")} 年`}，因此按自身人数水平预测（保持不变），而非按出生人口推算；请补充出生人口数据`,
  },
  "fit.base-imputed": {
    en: (p) => `the ${s(p, "year")} figure of ${s(p, "grade")} in ${s(p, "area")} is missing; the forecast starts from ${fixed(n(p, "value"), 1)}, imputed as ${imputedEn(p)}`,
    zh: (p) => `${s(p, "area")} 的 ${s(p, "grade")} 缺少 ${s(p, "year")} 年数据，预测起点取 ${fixed(n(p, "value"), 1)}，推算方法：${imputedZh(p)}`,
  },
};

function imputedEn(p: Parameters<NoteTexts[string]["en"]>[0]): string {
  switch (s(p, "method")) {
    case "progression":
      return `ratio ${fixed(n(p, "ratio"), 4)} × ${s(p, "from")} of ${s(p, "fromYear")}`;
    case "births":
      return `entry ratio ${fixed(n(p, "ratio"), 4)} × births of ${s(p, "birthYear")}`;
    case "level":
      return "the fitted level";
    case "last-known":
      return `the last known figure (${s(p, "fromYear")})`;
    default:
      return "0 (no earlier figure)";
  }
}

function imputedZh(p: Parameters<NoteTexts[string]["zh"]>[0]): string {
  switch (s(p, "method")) {
    case "progression":
      return `比率 ${fixed(n(p, "ratio"), 4)} × ${s(p, "fromYear")} 年 ${s(p, "from")} 人数`;
    case "births":
      return `入学比 ${fixed(n(p, "ratio"), 4)} × ${s(p, "birthYear")} 年出生人口`;
    case "level":
      return "拟合水平";
    case "last-known":
      return `最后一个已知数（${s(p, "fromYear")} 年）`;
    default:
      return "0（无更早数据）";
  }
}
