import { s, share } from "./format.js";
import type { NoteTexts } from "./types.js";

/**
 * Texts of the notes the report itself writes (codes `report.…`): the sources of placecast's
 * default thresholds, in the report's language, and an estimate given without a note.
 */
export const reportNoteTexts: NoteTexts = {
  /** The source of `defaultCapacityRules.headroomMargin`. Params: value (a share). */
  "report.default-headroom-source": {
    en: (p) => `placecast default: a ${share(Number(p.value))} operating margin of spare places, a common place-planning convention (e.g. English local authorities' working margin for parental choice and in-year moves); not a regulation — set your own`,
    zh: (p) => `placecast 默认值：保留 ${share(Number(p.value))} 的空余学位作为运行余量，是学位规划的常用做法（如英格兰地方教育部门为择校和学年中转学预留的余量）；并非法规要求，请按本地规定设置`,
  },
  /** The source of `defaultCapacityRules.utilisationFloor`. Params: value (a share). */
  "report.default-utilisation-source": {
    en: (p) => `placecast default: places less than ${share(Number(p.value))} used are reported as at risk of standing empty; a planning convention, not a regulation — set your own`,
    zh: (p) => `placecast 默认值：使用率低于 ${share(Number(p.value))} 的学位视为可能闲置；为规划惯例，并非法规要求，请按本地规定设置`,
  },
  /** An input record marked as an estimate without a note. Params: table. */
  "report.estimate-without-note": {
    en: (p) => `${s(p, "table")}: estimate without a note on its method`,
    zh: (p) => `${s(p, "table")}：估算数未注明估算方法`,
  },
};
