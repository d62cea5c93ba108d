/**
 * Texts of the advisor's notes (`advise.*`, `advise`), in English and Chinese: the reasons of the
 * advised schedule, and the cells it could not advise.
 */
import type { Note } from "../../domain/notes.js";
import { count } from "./format.js";
import type { NoteTexts } from "./types.js";

type P = Note["params"];

/** A number with thousands separators, rounded to whole places; anything else as it is. */
function n(x: P[string] | undefined): string {
  return typeof x === "number" ? count(Math.round(x)) : String(x);
}

/** A list of years, a consecutive run as "2021–2025". */
function years(x: P[string] | undefined, sep: string): string {
  if (!Array.isArray(x)) return String(x);
  const ns = x.filter((v): v is number => typeof v === "number");
  if (ns.length === x.length && ns.length > 2 && ns.every((v, i) => i === 0 || v === ns[i - 1]! + 1)) return `${ns[0]}–${ns[ns.length - 1]}`;
  return x.join(sep);
}

const pct = (x: P[string] | undefined): string => (typeof x === "number" ? `${Math.round(x * 1000) / 10} %` : String(x));
const at = (p: P): string => `${p.area}, ${p.stage}`;
const atZh = (p: P): string => `${p.area}，${p.stage}`;

/** The advisor's note texts, by code. */
export const adviseNoteTexts: NoteTexts = {
  "advise.project-kept": {
    en: (p) => `${at(p)}: keep ${p.project} (${n(p.places)} places, ${p.year})${p.quantile === null ? "" : `: ${p.year} needs ${n(p.quantile)} places for the risk target, ${n(p.without)} without it`}`,
    zh: (p) => `${atZh(p)}：保留 ${p.project}（${n(p.places)} 个学位，${p.year} 年）${p.quantile === null ? "" : `：${p.year} 年达到风险目标需 ${n(p.quantile)} 个学位，不建则为 ${n(p.without)} 个`}`,
  },
  "advise.project-deferred": {
    en: (p) => `${at(p)}: defer ${p.project} (${n(p.places)} places) from ${p.year} to ${p.to}: the places are not needed before`,
    zh: (p) => `${atZh(p)}：${p.project}（${n(p.places)} 个学位）由 ${p.year} 年推迟至 ${p.to} 年：此前无需这些学位`,
  },
  "advise.project-cancelled": {
    en: (p) => `${at(p)}: cancel ${p.project} (${n(p.places)} places, ${p.year})${p.quantile === null ? "" : `: ${n(p.advised)} places without it already cover the ${n(p.quantile)} the risk target needs in ${p.year}, and later demand does not repay it`}`,
    zh: (p) => `${atZh(p)}：取消 ${p.project}（${n(p.places)} 个学位，${p.year} 年）${p.quantile === null ? "" : `：不建时 ${p.year} 年已有 ${n(p.advised)} 个学位，足以覆盖风险目标所需的 ${n(p.quantile)} 个，此后的需求也不足以抵偿其成本`}`,
  },
  "advise.project-committed": {
    en: (p) => `${at(p)}: ${p.project} (${n(p.places)} places, ${p.year}) opens too soon to change: kept as planned`,
    zh: (p) => `${atZh(p)}：${p.project}（${n(p.places)} 个学位，${p.year} 年）开办在即，无法调整：按规划保留`,
  },
  "advise.project-beyond-horizon": {
    en: (p) => `${at(p)}: ${p.project} (${n(p.places)} places, ${p.year}) opens after the years advised: left as planned`,
    zh: (p) => `${atZh(p)}：${p.project}（${n(p.places)} 个学位，${p.year} 年）在建议年限之后开办：按规划不变`,
  },
  "advise.build": {
    en: (p) => `${at(p)}: build ${n(p.places)} new permanent places (${p.blocks} × ${p.block}) first serving in ${p.year}, when the risk target needs ${n(p.quantile)}`,
    zh: (p) => `${atZh(p)}：新建 ${n(p.places)} 个永久学位（${p.blocks} × ${p.block}），${p.year} 年起使用，当年达到风险目标需 ${n(p.quantile)} 个学位`,
  },
  "advise.temporary": {
    en: (p) => `${at(p)}: temporary places in ${years(p.years, ", ")} (up to ${n(p.places)}): cheaper than building for a passing peak`,
    zh: (p) => `${atZh(p)}：${years(p.years, "、")} 年使用临时学位（最多 ${n(p.places)} 个）：应对短期高峰比新建更省`,
  },
  "advise.close": {
    en: (p) => `${at(p)}: close or repurpose ${n(p.places)} surplus places from ${p.year}`,
    zh: (p) => `${atZh(p)}：自 ${p.year} 年起关闭或转作他用 ${n(p.places)} 个富余学位`,
  },
  "advise.risk-unreachable": {
    en: (p) => `${at(p)}: the risk target P(shortfall) ≤ ${pct(p.risk)} cannot be met in ${years(p.years, ", ")} with the levers' lead times (up to ${n(p.places)} places short of it)`,
    zh: (p) => `${atZh(p)}：受各项措施的准备期所限，${years(p.years, "、")} 年无法达到缺位概率 ≤ ${pct(p.risk)} 的目标（最多差 ${n(p.places)} 个学位）`,
  },
  "advise.move": {
    en: (p) =>
      `${p.stage}: pupils of ${p.to} use up to ${n(p.places)} places of ${p.from} in ${years(p.years, ", ")}: in ${p.year} ${p.to} has ${n(p.toPlaces)} places of its own for ${n(p.toPupils)} pupils expected (${n(p.toQuantile)} for the risk target), ${p.from} ${n(p.fromPlaces)} for ${n(p.fromPupils)} (${n(p.fromQuantile)}); moving places costs less than building or leaving pupils short`,
    zh: (p) =>
      `${p.stage}：${years(p.years, "、")} 年 ${p.to} 的学生使用 ${p.from} 的学位，最多 ${n(p.places)} 个：${p.year} 年 ${p.to} 自有 ${n(p.toPlaces)} 个学位，预计学生 ${n(p.toPupils)} 人（达到风险目标需 ${n(p.toQuantile)} 个学位）；${p.from} 自有 ${n(p.fromPlaces)} 个，预计学生 ${n(p.fromPupils)} 人（需 ${n(p.fromQuantile)} 个）；调配学位比新建或缺位更省`,
  },
  "advise.school-stages": {
    en: (p) => `school ${p.school} teaches ${Array.isArray(p.stages) ? p.stages.join(" and ") : p.stages}: its total is advised as ${p.stage} (most of its grades), against all its places`,
    zh: (p) => `学校 ${p.school} 包含${Array.isArray(p.stages) ? p.stages.join("、") : p.stages}学段：按其多数年级所属的 ${p.stage} 学段、以全部学生对全部学位提供建议`,
  },
  "advise.school-no-places": {
    en: (p) => `school ${p.school}: not advised: no places record and no planned places name it`,
    zh: (p) => `学校 ${p.school}：未提供建议：没有学位记录，也没有规划学位指向该校`,
  },
  "advise.school-closed": {
    en: (p) =>
      `school ${p.school}: ` +
      [Array.isArray(p.years) && p.years.length ? `teaches no grade in ${years(p.years, ", ")}: no places counted then` : "", Array.isArray(p.plannedYears) && p.plannedYears.length ? `${n(p.plannedPlaces)} planned places of ${years(p.plannedYears, ", ")} (years it teaches no grade) left out` : ""].filter((x) => x).join("; "),
    zh: (p) =>
      `学校 ${p.school}：` +
      [Array.isArray(p.years) && p.years.length ? `${years(p.years, "、")} 年不开设任何年级，这些年份不计学位` : "", Array.isArray(p.plannedYears) && p.plannedYears.length ? `${years(p.plannedYears, "、")} 年（不开设年级的年份）的 ${n(p.plannedPlaces)} 个规划学位未计入` : ""].filter((x) => x).join("；"),
  },
  "advise.no-supply-line": {
    en: (p) => `${at(p)}: not advised: the places schedule has no line for it (no capacity record)`,
    zh: (p) => `${atZh(p)}：未提供建议：学位表中没有该地区该学段（无现有学位记录）`,
  },
  "advise.cost-curve-interpolated": {
    en: (p) => `the expected cost of each year was interpolated between ${p.breakpoints} of the ${n(p.draws)} simulated demands (exact at those points; the costs and risks reported use every draw)`,
    zh: (p) => `各年期望成本按 ${n(p.draws)} 条模拟需求中的 ${p.breakpoints} 个点插值（在这些点上精确；报告的成本与风险按全部模拟计算）`,
  },
};
