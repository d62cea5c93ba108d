/**
 * Texts of the simulation's notes on what its bands rest on (`simulate.sources`), in English and
 * Chinese. Merged into the simulation's texts (`simulateNoteTexts`).
 */
import type { Note } from "../../domain/notes.js";
import type { NoteTexts } from "./types.js";

type P = Note["params"];

const EN: Readonly<Record<string, string>> = {
  ratios: "variation of the progression and entry ratios (history years resampled whole)",
  births: "births after the last known year",
  housing: "housing developments arriving late (where housing is simulated)",
  places: "planned openings arriving late (where places are simulated)",
};
const ZH: Readonly<Record<string, string>> = {
  ratios: "升学率与入学率的波动（按历史年份整体重抽）",
  births: "最后已知年份之后的出生人数",
  housing: "住房项目推迟交付（模拟住房时）",
  places: "规划学位推迟启用（模拟学位时）",
};

const ids = (v: P[string] | undefined): string[] => (Array.isArray(v) ? v.map(String) : []);
const listOf = (v: P[string] | undefined, texts: Readonly<Record<string, string>>, sep: string): string => ids(v).map((s) => texts[s] ?? s).join(sep);

/** The texts of `simulate.sources`, by code. */
export const simulateTotalsNoteTexts: NoteTexts = {
  "simulate.sources": {
    en: (p) => {
      const inc = listOf(p.included, EN, "; ");
      const exc = listOf(p.excluded, EN, "; ");
      return `the bands include ${inc || "no source of uncertainty"}${exc ? `; switched off: ${exc}` : ""}; not included: changes the history's ratios never showed (new policy, sudden migration). A total's band (a city, all grades) is taken from the summed paths, not by adding the parts' bands`;
    },
    zh: (p) => {
      const inc = listOf(p.included, ZH, "；");
      const exc = listOf(p.excluded, ZH, "；");
      return `区间包含：${inc || "无不确定性来源"}${exc ? `；已关闭：${exc}` : ""}；不包含：历史比率中从未出现的变化（新政策、突发迁移）。合计（全市、全学段）的区间取自逐条模拟路径的加总，而非各部分区间相加`;
    },
  },
};
