import type { Note } from "../../domain/notes.js";
import { count, list, n, s } from "./format.js";
import type { NoteTexts } from "./types.js";

type P = Note["params"];

/**
 * Texts of the command line's notes (codes `cli.…`): the progress steps, the notes it adds to
 * the notes table, the summary line and the font warning.
 */
export const cliNoteTexts: NoteTexts = {
  "cli.step-fit": { en: () => "fitting the cohort model", zh: () => "拟合队列模型" },
  "cli.step-forecast": { en: () => "forecasting", zh: () => "预测" },
  "cli.step-forecast-housing": { en: () => "forecasting with housing", zh: () => "预测（含新建住房）" },
  "cli.step-assess": { en: () => "assessing places", zh: () => "评估学位" },
  "cli.step-simulate": { en: (p: P) => `simulating ${count(n(p, "draws"))} draws`, zh: (p: P) => `模拟 ${count(n(p, "draws"))} 次` },
  "cli.step-origin": { en: (p: P) => `origin ${s(p, "origin")}`, zh: (p: P) => `预测起点 ${s(p, "origin")}` },
  "cli.step-summarise": { en: () => "summarising", zh: () => "汇总" },
  "cli.step-report": { en: () => "writing the report and charts", zh: () => "生成报告和图表" },
  "cli.step-done": { en: () => "finished", zh: () => "完成" },
  "cli.no-places": {
    en: (p: P) => `no places known for ${list(p, "cells").join(", ")}; left out of the assessment`,
    zh: (p: P) => `以下县区学段没有学位数据，未纳入学位评估：${list(p, "cells").join("、")}`,
  },
  "cli.simulation": {
    en: (p: P) => `${count(n(p, "draws"))} draws, seed ${s(p, "seed")}`,
    zh: (p: P) => `模拟 ${count(n(p, "draws"))} 次，随机种子 ${s(p, "seed")}`,
  },
  "cli.summary-forecast": {
    en: (p: P) =>
      `forecast ${s(p, "base")}→${s(p, "to")} for ${count(n(p, "areas"))} area${n(p, "areas") === 1 ? "" : "s"}` +
      (p.assessed === true
        ? `; ${count(n(p, "short"))} area-stage-years short of places${p.band !== undefined ? `, ${count(n(p, "large"))} with classes to eliminate (band ${s(p, "band")})` : ""}`
        : "; no capacity records, places not assessed") +
      (p.draws !== undefined ? `; ${count(n(p, "draws"))} draws, seed ${s(p, "seed")}` : "") +
      (p.demo === true ? " (Yangjiang seed: per-county figures are estimates)" : ""),
    zh: (p: P) =>
      `预测 ${s(p, "base")}→${s(p, "to")} 学年，${count(n(p, "areas"))} 个县区` +
      (p.assessed === true
        ? `；${count(n(p, "short"))} 个县区学段年份学位不足${p.band !== undefined ? `，${count(n(p, "large"))} 个需消除 ${s(p, "band")} 人及以上班额` : ""}`
        : "；没有学位数据，未评估学位") +
      (p.draws !== undefined ? `；模拟 ${count(n(p, "draws"))} 次，随机种子 ${s(p, "seed")}` : "") +
      (p.demo === true ? "（阳江示例：分县区数字为估算）" : ""),
  },
  "cli.summary-backtest": {
    en: (p: P) =>
      `backtest of ${count(n(p, "origins"))} origin${n(p, "origins") === 1 ? "" : "s"} (${s(p, "from")}–${s(p, "to")}), horizon ${s(p, "horizon")}: ${count(n(p, "cells"))} cells, ` +
      (Number.isFinite(n(p, "mape")) ? `MAPE ${n(p, "mape").toFixed(1)}%` : `MAPE: no actual above the floor (${s(p, "floor")} pupils)`),
    zh: (p: P) =>
      `回测 ${count(n(p, "origins"))} 个预测起点（${s(p, "from")}–${s(p, "to")}），步长 ${s(p, "horizon")} 年：${count(n(p, "cells"))} 个单元，` +
      (Number.isFinite(n(p, "mape")) ? `平均绝对百分比误差 ${n(p, "mape").toFixed(1)}%` : `平均绝对百分比误差：没有实际值超过下限（${s(p, "floor")} 人）`),
  },
  "cli.font-missing": {
    en: (p: P) =>
      `warning: no CJK font found (looked for ${list(p, "looked").length} font files); Chinese text in the PNG charts may render as empty boxes. ` +
      `Install one: ${s(p, "fix") || "a CJK font package"}; the SVG and HTML files use the viewer's fonts.`,
    zh: (p: P) =>
      `警告：未找到中文字体（查找了 ${list(p, "looked").length} 个字体文件），PNG 图表中的中文可能显示为方框。` +
      `请安装中文字体：${s(p, "fix") || "任一中文字体包"}；SVG 和 HTML 文件使用浏览器的字体。`,
  },
};
