/**
 * Texts of the supply layer's notes: the places schedule (`schedule.*`, `capacitySchedule`) and
 * the simulation (`simulate.*`), in English and Chinese.
 */
import type { Note } from "../../domain/notes.js";
import { count } from "./format.js";
import type { NoteTexts } from "./types.js";
import { simulateTotalsNoteTexts } from "./simulateTotals.js";

type P = Note["params"];

/** A number with thousands separators (`count`); anything else as it is. */
function n(x: P[string] | undefined): string {
  return typeof x === "number" ? count(x) : String(x);
}

/** A list of values, or a run of consecutive years as "2021–2025". */
function list(x: P[string] | undefined, sep: string): string {
  if (!Array.isArray(x)) return String(x);
  const ns = x.filter((v): v is number => typeof v === "number");
  if (ns.length === x.length && ns.length > 2 && ns.every((v, i) => i === 0 || v === ns[i - 1]! + 1)) return `${ns[0]}–${ns[ns.length - 1]}`;
  return x.join(sep);
}

const project = (p: P, en: boolean): string => (p.project === null || p.project === undefined ? "" : en ? `, project ${p.project}` : `，项目 ${p.project}`);

/** The places schedule's note texts (`schedule.*`), by code. */
export const scheduleNoteTexts: NoteTexts = {
  "schedule.planned-without-capacity": {
    en: (p) => `plannedPlaces[${p.index}] (area ${p.area}, stage ${p.stage}, year ${p.year}${project(p, true)}): ${n(p.places)} places not scheduled, as there is no capacity record for this area and stage; give a capacity record (places: 0 for a new provision)`,
    zh: (p) => `规划学位第 ${p.index} 行（${p.area}，${p.stage}，${p.year} 年${project(p, false)}）：该地区该学段没有现有学位记录，${n(p.places)} 个学位未计入；请补充现有学位记录（新建可填 0）`,
  },
  "schedule.planned-already-counted": {
    en: (p) => `plannedPlaces[${p.index}] (area ${p.area}, stage ${p.stage}, year ${p.year}${project(p, true)}): not after the first capacity year ${p.capacityYear}, so taken to be counted in the capacity record already`,
    zh: (p) => `规划学位第 ${p.index} 行（${p.area}，${p.stage}，${p.year} 年${project(p, false)}）：不晚于首个现有学位年份 ${p.capacityYear}，视为已计入现有学位`,
  },
  "schedule.removals-exceed-places": {
    en: (p) => `area ${p.area}, stage ${p.stage}, sector ${p.sector}, ${list(p.years, ", ")}: planned removals (${n(p.removed)}) exceed the ${n(p.places)} places; places held at 0`,
    zh: (p) => `${p.area}，${p.stage}，${p.sector}，${list(p.years, "、")} 年：规划减少学位（${n(p.removed)}）超过现有 ${n(p.places)} 个学位，学位按 0 计`,
  },
  "schedule.move-without-source": {
    en: (p) => `plannedPlaces[${p.index}] (area ${p.area}, stage ${p.stage}, year ${p.year}): ${p.kind} places without a fromSector are added as new places (${n(p.places)}); give the sector they come from to move them instead`,
    zh: (p) => `规划学位第 ${p.index} 行（${p.area}，${p.stage}，${p.year} 年）：${p.kind === "purchased" ? "购买" : "转设"}学位未注明原办学性质，按新增 ${n(p.places)} 个学位计；注明原办学性质则按转移计`,
  },
};

/** The simulation's note texts (`simulate.*`), by code. */
export const simulateNoteTexts: NoteTexts = {
  ...simulateTotalsNoteTexts,
  "simulate.default-slip": {
    en: (p) => `${p.what === "housing" ? "housing developments" : "planned openings"} slip a year with probability ${p.probability} (up to ${p.maxYears} years): an assumed default`,
    zh: (p) => `${p.what === "housing" ? "住房项目" : "规划学位项目"}按每年 ${p.probability} 的概率推迟一年（最多 ${p.maxYears} 年）：默认假设`,
  },
  "simulate.area-not-forecast": {
    en: (p) => `places of area ${p.area} (${list(p.stages, ", ")}) are not simulated: no pupils are forecast in it or in any area inside it`,
    zh: (p) => `${p.area}（${list(p.stages, "、")}）的学位未参与模拟：该地区及其下属地区均无学生预测`,
  },
  "simulate.parts-left-out": {
    en: (p) => `places of area ${p.area} (${list(p.stages, ", ")}) are not simulated in this run: some areas inside it are left out (areas option), and a partial sum would understate it`,
    zh: (p) => `${p.area}（${list(p.stages, "、")}）的学位本次未模拟：其部分下属地区不在本次模拟范围内，部分加总会低估`,
  },
};
