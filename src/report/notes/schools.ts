/**
 * Texts of the school layer's notes (`schools.*`: `forecastSchools`, `assessSchools`, and the
 * report's schools section), in English and Chinese.
 */
import { count, list, n, s, share } from "./format.js";
import type { NoteTexts } from "./types.js";

/** The school layer's note texts, by code. */
export const schoolsNoteTexts: NoteTexts = {
  "schools.shrinkage": {
    en: (p) => `progression ratios of schools pooled toward their area's with κ = ${count(n(p, "kappa"))} pupils (${p.estimated ? "chosen by cross-validation in the history" : "as given"}): a school's own ratio weighs n / (n + κ)`,
    zh: (p) => `各校升级比向所在片区的比值收缩，κ = ${count(n(p, "kappa"))} 人（${p.estimated ? "由历史数据交叉验证选定" : "按给定值"}）：本校比值的权重为 n / (n + κ)`,
  },
  "schools.new-school-share": {
    en: (p) => `school ${s(p, "school")}, grade ${s(p, "grade")}: no intake history of its own, so its intake is that of an average school of its area (1 / the schools teaching the grade), taken from the others by reconciliation`,
    zh: (p) => `学校 ${s(p, "school")}，${s(p, "grade")} 年级：无本校招生历史，按所在片区的平均学校计（1 / 开设该年级的学校数），经平衡从其他学校调出`,
  },
  "schools.unallocated": {
    en: (p) => `area ${s(p, "area")}, grade ${s(p, "grade")}, ${p.year}: ${count(n(p, "pupils"))} pupils of the area forecast are taught by none of its schools`,
    zh: (p) => `片区 ${s(p, "area")}，${s(p, "grade")} 年级，${p.year} 年：片区预测中有 ${count(n(p, "pupils"))} 名学生无学校开设该年级`,
  },
  "schools.outside-history": {
    en: (p) => `${count(n(p, "records"))} school enrolment records fall outside the areas' history ${p.first}–${p.base} and are not used; give the areas' enrolment for those years to use them`,
    zh: (p) => `${count(n(p, "records"))} 条学校在校生记录不在片区历史年份 ${p.first}–${p.base} 之内，未予使用；如需使用，请补充片区在这些年份的在校生数`,
  },
  "schools.feeders-not-used": {
    en: (p) => `${count(n(p, "links"))} feeder links given but not used: the intake option is "share" (use "map" or "feeder" to forecast entry grades from feeder schools)`,
    zh: (p) => `提供了 ${count(n(p, "links"))} 条生源学校对应关系但未使用：招生选项为 "share"（改用 "map" 或 "feeder" 可按生源学校预测起始年级招生）`,
  },
  "schools.feeder-no-intake": {
    en: (p) => `school ${s(p, "school")}: its feeder links are not used, as it took an intake into a grade above the system's first in fewer than 2 of the last ${count(n(p, "years"))} history years (its intake is its share of the area's)`,
    zh: (p) => `学校 ${s(p, "school")}：其生源学校对应关系未使用，因近 ${count(n(p, "years"))} 个历史年份中该校起始年级（系统首个年级以外）有招生数据的不足 2 年（招生按其占片区的份额计）`,
  },
  "schools.no-places": {
    en: (p) => `school ${s(p, "school")}: no places given, so no surplus or utilisation`,
    zh: (p) => `学校 ${s(p, "school")}：未提供学位数，无法计算余缺与使用率`,
  },
  "schools.closed-places": {
    en: (p) => `school ${s(p, "school")}: teaches no grade in ${s(p, "years")} (not yet open or closed), so its places are not counted in those years (no surplus, not under-used)`,
    zh: (p) => `学校 ${s(p, "school")}：${list(p, "years").join("、")} 年未开设任何年级（尚未开办或已停办），这些年份不计其学位（不计余缺，不计为使用不足）`,
  },
  "schools.area-not-forecast": {
    en: (p) => `area ${s(p, "area")} has no pupils in the area forecast (left out of its areas), so its schools (${s(p, "schools")}) are not forecast; forecast the area to include them`,
    zh: (p) => `片区 ${s(p, "area")} 在片区预测中没有学生数（未列入预测片区），其学校（${list(p, "schools").join("、")}）未作分校预测；如需包含，请预测该片区`,
  },
  "schools.mismatch": {
    en: (p) => `area ${s(p, "area")}, ${p.year}: ${count(n(p, "short"))} school${n(p, "short") === 1 ? "" : "s"} short by ${count(n(p, "shortBy"))} places while ${count(n(p, "underUsed"))} ${n(p, "underUsed") === 1 ? "is" : "are"} under ${share(n(p, "floor"))} used (${count(n(p, "spare"))} spare places); the area's net surplus of ${count(n(p, "net"))} hides both`,
    zh: (p) => `片区 ${s(p, "area")}，${p.year} 年：${count(n(p, "short"))} 所学校缺学位 ${count(n(p, "shortBy"))} 个，同时 ${count(n(p, "underUsed"))} 所学校使用率低于 ${share(n(p, "floor"))}（空余学位 ${count(n(p, "spare"))} 个）；片区净余 ${count(n(p, "net"))} 个学位掩盖了两者`,
  },
  "schools.large-classes": {
    en: (p) => `area ${s(p, "area")}, ${p.year}: ${count(n(p, "classes"))} class${n(p, "classes") === 1 ? "" : "es"} of ${count(n(p, "min"))} or more in ${count(n(p, "schools"))} school${n(p, "schools") === 1 ? "" : "s"}${typeof p.areaView === "number" ? `; spread evenly over the area's classes, the area total shows ${count(n(p, "areaView"))}` : ""}`,
    zh: (p) => `片区 ${s(p, "area")}，${p.year} 年：${count(n(p, "schools"))} 所学校共有 ${count(n(p, "classes"))} 个 ${count(n(p, "min"))} 人及以上的班级${typeof p.areaView === "number" ? `；按片区合计均匀分班，只显示 ${count(n(p, "areaView"))} 个` : ""}`,
  },
  "schools.areas-not-forecast": {
    en: (p) => `the dataset's schools stand in areas the forecast does not cover (${s(p, "areas")}), so the report has no schools section; forecast those areas, or give the school forecast`,
    zh: (p) => `数据集中的学校位于预测未覆盖的片区（${s(p, "areas")}），报告未含分校部分；请预测这些片区，或直接提供分校预测`,
  },
  "schools.grades-not-taught": {
    en: (p) => `area ${s(p, "area")}: no school of the area teaches ${s(p, "grades")}, so the schools section covers the other grades; those grades' pupils stay in the area forecast`,
    zh: (p) => `片区 ${s(p, "area")}：片区内没有学校开设 ${list(p, "grades").join("、")} 年级，分校部分只含其他年级；这些年级的学生仍计入片区预测`,
  },
};
