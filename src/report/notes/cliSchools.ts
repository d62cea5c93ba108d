import type { Note } from "../../domain/notes.js";
import { count, list, n, s, share } from "./format.js";
import type { NoteTexts } from "./types.js";

type P = Note["params"];

/**
 * Texts of the command line's school notes (codes `cli.schools-…`, merged into the `cli` layer):
 * the school step, schools left out, pupils of grades no listed school teaches, and the summary.
 */
export const cliSchoolsNoteTexts: NoteTexts = {
  "cli.schools-step": {
    en: (p: P) => `forecasting ${count(n(p, "schools"))} schools`,
    zh: (p: P) => `预测 ${count(n(p, "schools"))} 所学校`,
  },
  "cli.schools-no-forecast": {
    en: (p: P) =>
      `school${list(p, "schools").length === 1 ? "" : "s"} ${list(p, "schools").join(", ")} stand${list(p, "schools").length === 1 ? "s" : ""} in ${list(p, "areas").join(", ")}, which ${list(p, "areas").length === 1 ? "has no enrolment of its own" : "have no enrolment of their own"} and so no area forecast; left out of the school tables. Give the area's enrolment, or place the schools in an area that has it`,
    zh: (p: P) =>
      `学校 ${list(p, "schools").join("、")} 所在的地区 ${list(p, "areas").join("、")} 没有本地区的在校生数，因而没有地区预测，这些学校未列入学校表。请补充该地区的在校生数，或把学校归入有在校生数的地区`,
  },
  "cli.schools-unallocated": {
    en: (p: P) =>
      `area ${s(p, "area")}: pupils of ${list(p, "grades").join(", ")} in ${s(p, "from")}–${s(p, "to")} (up to ${count(n(p, "pupils"))} a year) are in the area forecast but taught by none of the listed schools; the school tables cover the listed schools only`,
    zh: (p: P) =>
      `地区 ${s(p, "area")}：${s(p, "from")}–${s(p, "to")} 学年 ${list(p, "grades").join("、")} 的学生（每年最多 ${count(n(p, "pupils"))} 人）计入地区预测，但所列学校均未开设这些年级；学校表只含所列学校`,
  },
  "cli.schools-failed": {
    en: (p: P) => `the school forecast could not be made: ${s(p, "reason")}; the area tables are not affected`,
    zh: (p: P) => `无法进行学校预测：${s(p, "reason")}；地区预测不受影响`,
  },
  "cli.schools-summary": {
    en: (p: P) =>
      `${count(n(p, "schools"))} schools forecast to ${s(p, "to")}` +
      (p.year !== undefined
        ? `; in ${s(p, "year")}, ${count(n(p, "short"))} short by ${count(n(p, "shortBy"))} places while ${count(n(p, "underUsed"))} ${n(p, "underUsed") === 1 ? "is" : "are"} under ${share(n(p, "floor"))} used (${count(n(p, "spare"))} spare places)`
        : "; no school places given, so no school is assessed"),
    zh: (p: P) =>
      `预测 ${count(n(p, "schools"))} 所学校至 ${s(p, "to")} 学年` +
      (p.year !== undefined
        ? `；${s(p, "year")} 学年 ${count(n(p, "short"))} 所学校缺学位 ${count(n(p, "shortBy"))} 个，同时 ${count(n(p, "underUsed"))} 所学校使用率低于 ${share(n(p, "floor"))}（空余学位 ${count(n(p, "spare"))} 个）`
        : "；未提供学校学位数，未评估学校学位"),
  },
};
