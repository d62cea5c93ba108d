import { defineSchoolSystem } from "../systemIndex.js";
import type { SchoolSystem } from "../schoolSystem.js";
import { chinaDefaultYieldTable } from "./chinaYields.js";

const GB50099 = "GB 50099-2011《中小学校设计规范》§3.0.1、建标102-2002《城市普通中小学校校舍建设标准》";
const KINDERGARTEN = "《幼儿园工作规程》(教育部令第39号, 2016) 第十一条: 小班25人, 中班30人, 大班35人";
const MOE_BANDS = "教育部《关于做好消除义务教育阶段大班额工作的通知》(2018)、《消除大班额专项规划》：56–65 人为大班额，66 人及以上为超大班额";

/**
 * The Chinese school system: preschool K1–K3 from age 3, primary P1–P6 from age 6, junior
 * secondary J1–J3 and senior secondary S1–S3 (general senior high; the J3 → S1 ratio carries the
 * academic/vocational split). Entry cut-off 31 August.
 *
 * Standard class sizes: preschool 25/30/35 by grade, primary 45, junior and senior 50.
 * Class-size bands follow each stage's standard: oversized from the standard + 1 to 55 (primary
 * 46–55, junior and senior 51–55, preschool 31–55 on its stage standard of 30), 56–65 大班额,
 * 66+ 超大班额; classes of 56 or more are to be eliminated (`eliminateBand`).
 *
 * @example
 * ```ts
 * indexSystem(chinaSchoolSystem).gradeIds // ["K1","K2","K3","P1",…,"S3"]
 * ```
 */
export const chinaSchoolSystem: SchoolSystem = defineSchoolSystem({
  id: "china",
  label: { en: "China (3 + 6 + 3 + 3)", zh: "中国学制（学前3年、小学6年、初中3年、高中3年）" },
  cutoff: {
    value: { month: 8, day: 31 },
    source: "《义务教育法》第十一条及各省招生入学规定：8 月 31 日前（含）年满六周岁的儿童入小学",
  },
  stages: [
    {
      id: "preschool",
      label: { en: "Preschool", zh: "学前教育" },
      aliases: ["幼儿园", "学前", "幼儿教育", "学前阶段"],
      entryAge: 3,
      entry: "births",
      standardClassSize: { value: 30, source: KINDERGARTEN },
      grades: [
        { id: "K1", label: { en: "K1 (nursery)", zh: "小班" }, aliases: ["幼儿园小班"], standardClassSize: { value: 25, source: KINDERGARTEN } },
        { id: "K2", label: { en: "K2", zh: "中班" }, aliases: ["幼儿园中班"], standardClassSize: { value: 30, source: KINDERGARTEN } },
        { id: "K3", label: { en: "K3", zh: "大班" }, aliases: ["幼儿园大班"], standardClassSize: { value: 35, source: KINDERGARTEN } },
      ],
    },
    {
      id: "primary",
      label: { en: "Primary", zh: "小学" },
      aliases: ["普通小学", "小学阶段"],
      entryAge: 6,
      entry: "births",
      standardClassSize: { value: 45, source: GB50099 },
      // 一年级 … 六年级 and 1年级: the grades of the nine-year compulsory numbering (1–6 primary).
      grades: [1, 2, 3, 4, 5, 6].map((n) => ({ id: `P${n}`, label: { en: `Primary ${n}`, zh: `小学${"一二三四五六"[n - 1]}年级` }, aliases: [`${"一二三四五六"[n - 1]}年级`, `${n}年级`, `小学${n}年级`] })),
    },
    {
      id: "junior",
      label: { en: "Junior secondary", zh: "初中" },
      aliases: ["初级中学", "普通初中", "初中阶段"],
      entryAge: 12,
      entry: "previous-grade",
      standardClassSize: { value: 50, source: GB50099 },
      // 七年级 … 九年级: grades 7–9 of the nine-year compulsory numbering are junior 1–3.
      grades: [1, 2, 3].map((n) => ({ id: `J${n}`, label: { en: `Junior ${n}`, zh: `初${"一二三"[n - 1]}` }, aliases: [`${"七八九"[n - 1]}年级`, `${n + 6}年级`, `初中${"一二三"[n - 1]}年级`] })),
    },
    {
      id: "senior",
      label: { en: "Senior secondary", zh: "高中" },
      aliases: ["普通高中", "高级中学", "高中阶段"],
      entryAge: 15,
      entry: "previous-grade",
      standardClassSize: { value: 50, source: GB50099 },
      grades: [1, 2, 3].map((n) => ({ id: `S${n}`, label: { en: `Senior ${n}`, zh: `高${"一二三"[n - 1]}` }, aliases: [`高中${"一二三"[n - 1]}年级`] })),
    },
  ],
  classSizeBands: [
    {
      id: "oversized",
      label: { en: "oversized class", zh: "超标准班额" },
      min: "above-standard",
      max: 55,
      source: "各学段标准班额加 1 人至 55 人（GB 50099-2011 §3.0.1：小学 45 人，初中、高中 50 人；《幼儿园工作规程》：学前教育按 30 人计），低于大班额的 56 人（教育部 2018）",
    },
    { id: "large", label: { en: "large class", zh: "大班额" }, min: 56, max: 65, source: MOE_BANDS },
    { id: "super-large", label: { en: "super-large class", zh: "超大班额" }, min: 66, source: MOE_BANDS },
  ],
  defaultYields: chinaDefaultYieldTable,
  eliminateBand: {
    value: "large",
    source: `${MOE_BANDS}；阳江市“十四五”教育规划：消除 56 人以上大班额`,
  },
});
