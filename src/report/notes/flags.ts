import { b, count, join, list, n, pct, s } from "./format.js";
import type { NoteTexts } from "./types.js";

type P = Parameters<NoteTexts[string]["en"]>[0];

/** The band's name and its range: "large class (56–65)" / "大班额（56–65 人）". */
function bandEn(p: P): string {
  const max = p.max;
  return `${s(p, "labelEn")} (${typeof max === "number" ? `${s(p, "min")}–${max}` : `${s(p, "min")}+`})`;
}
function bandZh(p: P): string {
  const max = p.max;
  return `${s(p, "labelZh")}（${typeof max === "number" ? `${s(p, "min")}–${max} 人` : `${s(p, "min")} 人及以上`}）`;
}
/** Minimums of the areas of an aggregate row: "56", or "46/51" when the areas' stages differ. */
function mins(p: P): string {
  return list(p, "min").join("/");
}

/**
 * Texts of the capacity assessment's flag reasons and class-organisation assumptions
 * (`CapacityFlag.reason`, `Assessment.assumption`; codes `flags.…`).
 */
export const flagsNoteTexts: NoteTexts = {
  /** Params: short, pupils, places. */
  "flags.shortfall": {
    en: (p) => `shortfall of ${count(n(p, "short"))} places: ${count(n(p, "pupils"))} pupils for ${count(n(p, "places"))} places`,
    zh: (p) => `学位缺口 ${count(n(p, "short"))} 个：学生 ${count(n(p, "pupils"))} 人，学位 ${count(n(p, "places"))} 个`,
  },
  /** Params: headroom, margin (shares), spare, pupils. */
  "flags.low-headroom": {
    en: (p) => `headroom ${pct(n(p, "headroom"))} is below the ${pct(n(p, "margin"))} margin: ${count(n(p, "spare"))} spare places for ${count(n(p, "pupils"))} pupils`,
    zh: (p) => `学位余量 ${pct(n(p, "headroom"))}，低于 ${pct(n(p, "margin"))} 的余量要求：空余学位 ${count(n(p, "spare"))} 个，学生 ${count(n(p, "pupils"))} 人`,
  },
  /** Params: utilisation, floor (shares), empty, places. */
  "flags.surplus-risk": {
    en: (p) => `utilisation ${pct(n(p, "utilisation"))} is below the ${pct(n(p, "floor"))} floor: ${count(n(p, "empty"))} of ${count(n(p, "places"))} places may stand empty`,
    zh: (p) => `学位使用率 ${pct(n(p, "utilisation"))}，低于 ${pct(n(p, "floor"))}：${count(n(p, "places"))} 个学位中约 ${count(n(p, "empty"))} 个可能闲置`,
  },
  /** Params: band, labelEn, labelZh, min, max (null when open), count, classes, pupils, largest. */
  "flags.band": {
    en: (p) => `${s(p, "count")} of ${s(p, "classes")} classes have ${s(p, "min")} or more pupils (${bandEn(p)}${typeof p.max === "number" ? " or above" : ""}): ${count(n(p, "pupils"))} pupils spread evenly, largest class ${s(p, "largest")}`,
    zh: (p) => `${s(p, "classes")} 个班中 ${s(p, "count")} 个班达 ${s(p, "min")} 人及以上（${bandZh(p)}${typeof p.max === "number" ? "及以上" : ""}）：按 ${count(n(p, "pupils"))} 名学生平均分班估算，最大班 ${s(p, "largest")} 人`,
  },
  /** Params: band, labelEn, labelZh, min, max, pupils. */
  "flags.band-no-classes": {
    en: (p) => `${count(n(p, "pupils"))} pupils and no classes available (${bandEn(p)} and above)`,
    zh: (p) => `学生 ${count(n(p, "pupils"))} 人而无可用班级（${bandZh(p)}及以上）`,
  },
  /** Params: areas (the short ones), of, short. */
  "flags.shortfall-in-parts": {
    en: (p) => `no net shortfall, but ${list(p, "areas").length} of ${s(p, "of")} areas are short (${join(list(p, "areas"), "en")}): ${count(n(p, "short"))} places short there`,
    zh: (p) => `总体无缺口，但 ${s(p, "of")} 个地区中 ${list(p, "areas").length} 个存在学位缺口（${join(list(p, "areas"), "zh")}），合计缺 ${count(n(p, "short"))} 个`,
  },
  /** Params: band, labelEn, labelZh, min (the parts' minimums), count, areas (with the flag), of. */
  "flags.band-in-parts": {
    en: (p) => `${s(p, "count")} classes (${s(p, "labelEn")}: ${mins(p)} or more) in ${list(p, "areas").length} of ${s(p, "of")} areas (${join(list(p, "areas"), "en")})`,
    zh: (p) => `${s(p, "of")} 个地区中 ${list(p, "areas").length} 个（${join(list(p, "areas"), "zh")}）共 ${s(p, "count")} 个班（${s(p, "labelZh")}：${mins(p)} 人及以上）`,
  },
  /** Params: pupils, classes, largeClasses, largeSize, smallClasses, smallSize, derived, standard. */
  "flags.assumption.even-spread": {
    en: (p) =>
      `Class counts assume the ${s(p, "pupils")} pupils (rounded to whole pupils) are spread as evenly as ${s(p, "classes")} classes allow: ${
        n(p, "largeClasses") === 0 ? `all ${s(p, "classes")} classes of ${s(p, "smallSize")}` : `${s(p, "largeClasses")} of ${s(p, "largeSize")} and ${s(p, "smallClasses")} of ${s(p, "smallSize")}`
      }${derivedEn(p)}.`,
    zh: (p) =>
      `班额按 ${s(p, "pupils")} 名学生（取整）在 ${s(p, "classes")} 个班中尽量平均分班估算：${
        n(p, "largeClasses") === 0 ? `${s(p, "classes")} 个班均为 ${s(p, "smallSize")} 人` : `${s(p, "largeClasses")} 个班 ${s(p, "largeSize")} 人、${s(p, "smallClasses")} 个班 ${s(p, "smallSize")} 人`
      }${derivedZh(p)}。`,
  },
  /** Params: pupils, derived, standard. */
  "flags.assumption.no-classes": {
    en: (p) => `No classes available for ${s(p, "pupils")} pupils${derivedEn(p)}.`,
    zh: (p) => `${s(p, "pupils")} 名学生无可用班级${derivedZh(p)}。`,
  },
  /** Params: areas (how many). */
  "flags.assumption.sum": {
    en: (p) => `Sum of ${s(p, "areas")} areas; class counts are each area's even spread, summed (classes are not pooled across areas).`,
    zh: (p) => `${s(p, "areas")} 个地区之和；班额为各地区平均分班估算之和（不跨地区合并班级）。`,
  },
};

function derivedEn(p: P): string {
  return b(p, "derived") ? `; classes derived from places as ⌊places / ${s(p, "standard")}⌋ (at least 1 when there are places)` : "";
}
function derivedZh(p: P): string {
  return b(p, "derived") ? `；班级数按 ⌊学位数 / ${s(p, "standard")}⌋ 由学位推算（有学位时至少 1 个班）` : "";
}
