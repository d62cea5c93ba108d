import { count, join, list, n, s } from "./format.js";
import type { NoteTexts } from "./types.js";

/** One decimal for housing pupils and dwellings (they are not whole: shares and yields). */
const one = (x: number): string => (Number.isInteger(x) ? count(x) : x.toFixed(1));

/**
 * Texts of the housing forecast's notes (`HousingForecast.notes`, `CountedHousing.reason`;
 * codes `housing.…`).
 */
export const housingNoteTexts: NoteTexts = {
  /** No yield table was given: the system's default table applies to every area with housing. Params: table (its id), areas. */
  "housing.default-yields": {
    en: (p) => `no pupil yield table was given, so the school system's default table ${s(p, "table")} (a planning assumption, see its sources) turns the dwellings of ${list(p, "areas").length} area(s) (${list(p, "areas").slice(0, 5).join(", ")}${list(p, "areas").length > 5 ? ", …" : ""}) into pupils; give your own yields (千人指标) if you have them`,
    zh: (p) => `未提供生源系数表，${list(p, "areas").length} 个地区（${list(p, "areas").slice(0, 5).join("、")}${list(p, "areas").length > 5 ? "等" : ""}）的新建住房按学制默认系数表 ${s(p, "table")}（规划假定，见其出处）折算学生；如有本地千人指标，请提供`,
  },
  /** Params: area, from, to (the fitting window). */
  "housing.no-past-completions": {
    en: (p) => `area ${s(p, "area")}: no completions recorded in ${s(p, "from")}–${s(p, "to")} (the fitting window), so every future dwelling counts; give past completions if there were any`,
    zh: (p) => `${s(p, "area")}：拟合时段 ${s(p, "from")}–${s(p, "to")} 年无竣工住房记录，今后所有新建住房全部计入；如有过往竣工，请补充`,
  },
  /** Params: types (dwelling types), table (yield table id). */
  "housing.unknown-dwelling-types": {
    en: (p) => `dwelling type(s) ${list(p, "types").map((t) => JSON.stringify(t)).join(", ")} are not in yield table ${s(p, "table")}'s byType; their dwellings use perDwelling`,
    zh: (p) => `住房类型 ${join(list(p, "types"), "zh")} 不在生源系数表 ${s(p, "table")} 的 byType 中，按 perDwelling 计算`,
  },
  /** Params: area, pupils, from. */
  "housing.grades-not-taught": {
    en: (p) => `area ${s(p, "area")}: ${one(n(p, "pupils"))} housing pupils would arrive in grades it does not teach from ${s(p, "from")} on; they are not counted (they attend schools elsewhere)`,
    zh: (p) => `${s(p, "area")}：自 ${s(p, "from")} 年起约 ${one(n(p, "pupils"))} 名住房新增学生属于本地区未开设的年级，未计入（在其他地区就读）`,
  },
  /** Params: cells (count), and for the first three: areas, grades, years, pupils, housing. */
  "housing.subtract-clamped": {
    en: (p) => `subtract: housing pupils exceeded the enrolment in ${s(p, "cells")} cell(s) (e.g. ${cells(p).map((c) => `area ${c.area}, grade ${c.grade}, year ${c.year}: ${c.pupils} pupils, ${c.housing} housing pupils`).join("; ")}); those cells were set to 0 before fitting`,
    zh: (p) => `扣除法：${s(p, "cells")} 个单元的住房新增学生多于在校生（如 ${cells(p).map((c) => `${c.area} ${c.grade} ${c.year} 年：在校生 ${c.pupils} 人，住房学生 ${c.housing} 人`).join("；")}），拟合前这些单元取 0`,
  },
  "housing.counted.area-not-forecast": {
    en: (p) => `area ${s(p, "area")} is not forecast (it has no enrolment)`,
    zh: (p) => `${s(p, "area")} 未作预测（无在校生数据）`,
  },
  /** Params: to (the forecast horizon). */
  "housing.counted.after-horizon": {
    en: (p) => `first occupied after the forecast horizon ${s(p, "to")}`,
    zh: (p) => `首次入住晚于预测期末 ${s(p, "to")} 年`,
  },
  "housing.counted.subtract": {
    en: () => "counted in full; its pupils in history years are taken off the enrolment before fitting",
    zh: () => "全部计入；其历史年份的学生在拟合前从在校生中扣除",
  },
  /** Params: base. */
  "housing.counted.by-base-year": {
    en: (p) => `completed by the base year ${s(p, "base")}: the fitted ratios already carry it`,
    zh: (p) => `基年 ${s(p, "base")} 年前已竣工：拟合的比率已包含其影响`,
  },
  "housing.counted.future": {
    en: () => "future completion, counted in full",
    zh: () => "今后竣工，全部计入",
  },
  /** Params: area, year, total (dwellings that year), average (historical a year), from, to, excess. */
  "housing.counted.above-trend": {
    en: (p) => `${s(p, "area")} ${s(p, "year")}: ${one(n(p, "total"))} dwellings against the historical ${one(n(p, "average"))} a year (${s(p, "from")}–${s(p, "to")}); ${one(n(p, "excess"))} above trend, shared in proportion to dwellings`,
    zh: (p) => `${s(p, "area")} ${s(p, "year")} 年：竣工 ${one(n(p, "total"))} 套，历史年均 ${one(n(p, "average"))} 套（${s(p, "from")}–${s(p, "to")} 年）；超出趋势 ${one(n(p, "excess"))} 套，按套数比例分摊`,
  },
};

function cells(p: Parameters<NoteTexts[string]["en"]>[0]): { area: string; grade: string; year: string; pupils: string; housing: string }[] {
  const areas = list(p, "areas");
  const grades = list(p, "grades");
  const years = list(p, "years");
  const pupils = list(p, "pupils");
  const housing = list(p, "housing").map((h) => one(Number(h)));
  return areas.map((area, i) => ({ area, grade: grades[i] ?? "", year: years[i] ?? "", pupils: pupils[i] ?? "", housing: housing[i] ?? "" }));
}
