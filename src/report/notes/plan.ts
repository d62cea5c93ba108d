import type { Note } from "../../domain/notes.js";
import type { NoteTexts } from "./types.js";

type P = Note["params"];
type V = P[string] | undefined;

/** Thousands separators, rounded to whole units (presentation only). */
function n(v: V): string {
  if (typeof v !== "number" || !Number.isFinite(v)) return "–";
  const r = Math.round(v);
  const s = String(Math.abs(r)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return r < 0 ? `-${s}` : s;
}
function pct(v: V): string {
  return typeof v === "number" && Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : "–";
}
function ratio(v: V): string {
  return typeof v === "number" && Number.isFinite(v) ? v.toFixed(2) : "–";
}
function list(v: V, sep: string): string {
  return Array.isArray(v) ? v.join(sep) : String(v ?? "");
}
const NEEDS_ZH: Readonly<Record<string, string>> = {
  "teacher-qualifications": "教师学历",
  disability: "残疾儿童入学",
  vocational: "职业教育",
  "schools-by-town": "分镇（街道）学校",
  "school-conditions": "办园条件",
  schools: "学校名录",
  admissions: "招生计划",
};

/**
 * The texts of the plan check's notes (`plan.…` codes), in English and Chinese.
 *
 * @example
 * ```ts
 * planNoteTexts["plan.year-not-assessed"].en({ year: 2030 }) // "2030 is not among the years assessed"
 * ```
 */
export const planNoteTexts: NoteTexts = {
  "plan.unknown-stage": {
    en: (p) => `stage ${p.stage} is not a stage of the school system`,
    zh: (p) => `学段 ${p.stage} 不属于本学制`,
  },
  "plan.year-not-assessed": {
    en: (p) => `${p.year} is not among the years assessed`,
    zh: (p) => `${p.year} 年不在评估年份内`,
  },
  "plan.pupils.forecast": {
    en: (p) => `forecast ${n(p.forecast)} against the plan's ${n(p.target)} (${Number(p.difference) >= 0 ? "+" : ""}${n(p.difference)})`,
    zh: (p) => `预测 ${n(p.forecast)}，规划 ${n(p.target)}（相差 ${n(p.difference)}）`,
  },
  "plan.pupils.implied": {
    en: (p) =>
      `the target needs ${ratio(p.requiredRatio)} pupils per ${p.denominator === "population" ? "person" : "birth"} of ages ${p.ages}, against ${ratio(p.observedRatio)} observed in ${p.observedYear ?? "–"}: ${n(p.gap)} more children than the observed ratio gives (${n(p.gapPerYear)} a year of net in-migration, or higher participation)`,
    zh: (p) =>
      `目标要求每个${p.denominator === "population" ? "适龄人口" : "出生人口"}（${p.ages} 岁）对应 ${ratio(p.requiredRatio)} 名在校生，而 ${p.observedYear ?? "–"} 年实际为 ${ratio(p.observedRatio)}：比按实际比率多 ${n(p.gap)} 人（相当于每年净迁入 ${n(p.gapPerYear)} 人，或入学率提高）`,
  },
  "plan.pupils.implied-no-base": {
    en: (p) => `the target needs ${ratio(p.requiredRatio)} pupils per ${p.denominator === "population" ? "person" : "birth"} of ages ${p.ages}; the ratio observed in ${p.baseYear ?? "the base year"} is not known (no ${p.denominator === "population" ? "population of ages" : "births of"} ${list(p.missing, ", ")})`,
    zh: (p) => `目标要求每个${p.denominator === "population" ? "适龄人口" : "出生人口"}（${p.ages} 岁）对应 ${ratio(p.requiredRatio)} 名在校生；${p.baseYear ?? "基年"}实际比率未知（缺 ${list(p.missing, "、")} ${p.denominator === "population" ? "岁人口" : "年出生人口"}）`,
  },
  "plan.rate.no-population": {
    en: (p) => `needs the population aged ${p.ages} of ${p.area} in ${p.year} (population records), which the dataset does not give`,
    zh: (p) => `需要 ${p.area} ${p.year} 年 ${p.ages} 岁人口（分年龄人口数据），数据集中没有`,
  },
  "plan.rate.gross": {
    en: (p) => `${n(p.pupils)} pupils / ${n(p.persons)} persons of the ages = ${pct(p.rate)}${p.population === "aged-forward" ? " (persons aged forward from an earlier count, no migration)" : ""}`,
    zh: (p) => `在校生 ${n(p.pupils)} ÷ 适龄人口 ${n(p.persons)} = ${pct(p.rate)}${p.population === "aged-forward" ? "（适龄人口由早年人口按队列推移，未计迁移）" : ""}`,
  },
  "plan.rate.no-grades": {
    en: (p) => `needs pupils of ${p.firstGrade} in ${p.entryYear} and ${p.lastGrade} in ${p.year} (pupils by grade)`,
    zh: (p) => `需要 ${p.entryYear} 年 ${p.firstGrade} 与 ${p.year} 年 ${p.lastGrade} 的分年级在校生`,
  },
  "plan.rate.retention": {
    en: (p) => `${p.lastGrade} pupils ${n(p.leavers)} / the cohort's ${p.firstGrade} pupils in ${p.entryYear} ${n(p.entrants)} = ${pct(p.rate)}`,
    zh: (p) => `${p.lastGrade} 在校生 ${n(p.leavers)} ÷ 该届 ${p.entryYear} 年 ${p.firstGrade} 人数 ${n(p.entrants)} = ${pct(p.rate)}`,
  },
  "plan.places.planned": {
    en: (p) =>
      `planned ${p.from}–${p.to}: ${n(p.planned)} places against ${n(p.target)}${Number(p.purchased) > 0 ? `, of which ${n(p.purchased)} purchased or converted (a change of sector, not new capacity)` : ""}${Number(p.unspecified) > 0 ? `; ${n(p.unspecified)} planned places give no sector and are not counted` : ""}`,
    zh: (p) =>
      `${p.from}–${p.to} 年规划新增 ${n(p.planned)} 个，目标 ${n(p.target)} 个${Number(p.purchased) > 0 ? `，其中购买或转设 ${n(p.purchased)} 个（只改变办学性质，不增加学位总量）` : ""}${Number(p.unspecified) > 0 ? `；另有 ${n(p.unspecified)} 个未注明办学性质，未计入` : ""}`,
  },
  "plan.places.includes-purchased": {
    en: (p) => `the plan's figure includes places bought from private schools (含政府购买学位数): they count towards the target but add no places to the city (${n(p.purchased)} such places planned)`,
    zh: (p) => `规划数含政府购买学位：计入目标，但不增加全市学位总量（已规划 ${n(p.purchased)} 个）`,
  },
  "plan.class-size.breach": {
    en: (p) => `${n(p.classes)} classes of ${list(p.from, " / ")} or more in ${list(p.where, ", ")} (even spread of pupils over classes: a lower bound)`,
    zh: (p) => `${list(p.where, "、")} 共 ${n(p.classes)} 个班达 ${list(p.from, " / ")} 人及以上（按平均分班估算，为下限）`,
  },
  "plan.class-size.even-spread": {
    en: (p) => `no class of ${list(p.from, " / ")} or more when pupils are spread evenly over the classes; real classes are less even, so this is a lower bound on breaches`,
    zh: (p) => `按平均分班估算无 ${list(p.from, " / ")} 人及以上的班；实际分班不均，此为下限`,
  },
  "plan.share.no-sector-pupils": {
    en: (p) => `needs pupils by sector (the plan's share is of pupils); the share of places in ${p.year} is ${pct(p.placesShare)}, which is not the same thing`,
    zh: (p) => `需要分办学性质的在园幼儿数（规划口径为幼儿占比）；${p.year} 年学位占比为 ${pct(p.placesShare)}，口径不同`,
  },
  "plan.share.pupils": {
    en: (p) => `${n(p.pupils)} of ${n(p.of)} pupils = ${pct(p.share)}`,
    zh: (p) => `${n(p.of)} 名中 ${n(p.pupils)} 名 = ${pct(p.share)}`,
  },
  "plan.staff.no-norms": {
    en: () => "needs staffing norms per stage",
    zh: () => "需要各学段教职工编制标准",
  },
  "plan.staff.no-current": {
    en: (p) => `the norms ask for ${n(p.needed)} staff in ${p.year}; staff in post are not given, so the target cannot be checked`,
    zh: (p) => `按标准 ${p.year} 年需教职工 ${n(p.needed)} 人；未提供现有教职工数，无法核对`,
  },
  "plan.staff.short": {
    en: (p) => `${n(p.short)} staff short of the norms in ${list(p.where, ", ")} (the norms ask for ${n(p.needed)})`,
    zh: (p) => `${list(p.where, "、")} 低于编制标准，共缺 ${n(p.short)} 人（标准需 ${n(p.needed)} 人）`,
  },
  "plan.staff.within": {
    en: (p) => `${n(p.current)} staff in post for ${n(p.needed)} by the norms`,
    zh: (p) => `现有教职工 ${n(p.current)} 人，标准需 ${n(p.needed)} 人`,
  },
  "plan.not-in-data": {
    en: (p) => `the dataset holds no ${String(p.needs).replace(/-/g, " ")} figures`,
    zh: (p) => `数据集中没有${NEEDS_ZH[String(p.needs)] ?? String(p.needs)}数据`,
  },
};
