/**
 * The presentation of `placecast advise` in the run's language: the tables (advice per area,
 * stage and year; the planned projects with their decision; the reasons) with Chinese headers,
 * file names, stage names, decisions (保留/推迟/取消) and area names beside ids under zh-CN, and
 * the printed comparison per stage. English keeps the library's keys and codes.
 */
import type { Note } from "../domain/notes.js";
import type { Lang } from "../domain/sourced.js";
import type { StageComparison } from "../advise/summary.js";
import type { MoveAdvice } from "../advise/advise.js";
import { adviseNoteTexts } from "../report/notes/advise.js";
import { textTable } from "../report/textTable.js";
import type { Cell, ColumnFormat, Table } from "../io/write.js";
import { presenter, type PresentContext } from "./present.js";

/** Chinese headers of the advice tables' columns (the English headers are the keys). */
const HEADERS_ZH: Readonly<Record<string, string>> = {
  area: "县区代码",
  area_name: "县区名称",
  stage: "学段",
  year: "学年",
  planPlaces: "规划学位（个）",
  advisedPlaces: "建议学位（个）",
  base: "现有学位（个）",
  projects: "规划项目学位（个）",
  newPermanent: "新建永久学位（个）",
  temporary: "临时学位（个）",
  closed: "关闭学位（个）",
  quantile: "达到风险目标所需学位（个）",
  planPShortfall: "按规划学位不足概率（%）",
  advisedPShortfall: "按建议学位不足概率（%）",
  planExpectedEmpty: "按规划期望闲置学位（个）",
  advisedExpectedEmpty: "按建议期望闲置学位（个）",
  planExpectedShortfall: "按规划期望缺位（人）",
  advisedExpectedShortfall: "按建议期望缺位（人）",
  project: "项目",
  places: "学位（个）",
  decision: "建议",
  advisedYear: "建议启用学年",
  code: "代码",
  note: "说明",
  lender: "借出县区代码",
  lender_name: "借出县区名称",
  borrower: "借入县区代码",
  borrower_name: "借入县区名称",
};

/** Chinese file stems and sheet names of the advice tables. */
const NAMES_ZH: Readonly<Record<string, string>> = { advice: "学位建议", projects: "项目建议", adviceNotes: "建议说明", moves: "学位调配" };

/** The advisor's decisions on a planned project, in Chinese. */
const DECISIONS_ZH: Readonly<Record<string, string>> = { keep: "保留", defer: "推迟", cancel: "取消", committed: "按规划保留（开办在即）" };

/** Columns of places or pupils (whole numbers) and of probabilities (percent). */
const COUNTS = new Set(["planPlaces", "advisedPlaces", "base", "projects", "newPermanent", "temporary", "closed", "quantile", "planExpectedEmpty", "advisedExpectedEmpty", "planExpectedShortfall", "advisedExpectedShortfall", "places"]);
const SHARES = new Set(["planPShortfall", "advisedPShortfall"]);

/**
 * An advice table (English keys as columns) as a zh-CN planner reads it: the area's name after
 * its id, Chinese headers and file name, stage names, decisions in Chinese, whole places and
 * percent probabilities. English tables are returned as they are.
 *
 * @example
 * ```ts
 * presentAdviceTable({ name: "projects", columns: ["area", "stage", "decision"], rows: [["qingshan", "primary", "defer"]] }, ctx).rows // [["qingshan", "青山县", "小学", "推迟"]]
 * ```
 */
export function presentAdviceTable(t: Table, ctx: PresentContext): Table {
  if (ctx.lang !== "zh-CN") return t;
  const p = presenter(ctx);
  const keys: string[] = [];
  const pick: ((r: readonly Cell[]) => Cell)[] = [];
  t.columns.forEach((k, i) => {
    keys.push(k);
    if (k === "stage") pick.push((r) => (typeof r[i] === "string" ? p.stageName(r[i] as string) : (r[i] ?? null)));
    else if (k === "decision") pick.push((r) => (typeof r[i] === "string" ? (DECISIONS_ZH[r[i] as string] ?? (r[i] as string)) : (r[i] ?? null)));
    else pick.push((r) => r[i] ?? null);
    if (k === "area") {
      keys.push("area_name");
      pick.push((r) => (typeof r[i] === "string" ? p.areaName(r[i] as string) : null));
    }
  });
  const format = (k: string): ColumnFormat | undefined => (COUNTS.has(k) ? { decimals: 0 } : SHARES.has(k) ? { decimals: 1, percent: true } : undefined);
  const name = NAMES_ZH[t.name] ?? t.name;
  // A project's year is the year its places open in the plan.
  const header = (k: string): string => (t.name === "projects" && k === "year" ? "规划启用学年" : (HEADERS_ZH[k] ?? k));
  return { name, sheet: name, columns: keys.map(header), rows: t.rows.map((r) => pick.map((f) => f(r))), formats: keys.map(format) };
}

/**
 * An advisor's note in the run's language; under zh-CN the area is named (青山县) and the stage
 * too (小学), instead of their ids.
 *
 * @example
 * ```ts
 * adviceNoteText(note("advise.close", { area: "qingshan", stage: "primary", places: 300, year: 2030 }), ctx) // "青山县，小学：自 2030 年起关闭或转作他用 300 个富余学位"
 * ```
 */
export function adviceNoteText(n: Note, ctx: PresentContext): string {
  const t = Object.prototype.hasOwnProperty.call(adviseNoteTexts, n.code) ? adviseNoteTexts[n.code] : undefined;
  if (!t) return n.code;
  if (ctx.lang !== "zh-CN") return t.en(n.params);
  const p = presenter(ctx);
  const { area, stage, from, to } = n.params;
  return t.zh({
    ...n.params,
    ...(typeof area === "string" ? { area: p.areaName(area) || area } : {}),
    // The moves lever's lender and borrower (advise.move).
    ...(typeof from === "string" ? { from: p.areaName(from) || from } : {}),
    ...(typeof to === "string" ? { to: p.areaName(to) || to } : {}),
    ...(typeof stage === "string" ? { stage: p.stageName(stage) } : {}),
  });
}

/** What the printed comparison needs. */
export interface AdviceSummaryContext extends PresentContext {
  readonly risk: number;
  readonly draws: number;
  readonly seed: number;
  readonly decisionYear: number;
  readonly period: { readonly from: number; readonly to: number };
  /** With the moves lever: the places moved, summed in a last line. @defaultValue no line */
  readonly moves?: readonly MoveAdvice[];
}

const r0 = (x: number): string => String(Math.round(x));

/**
 * The comparison of the plan and the advice per stage, as printed by `placecast advise`: a line
 * saying the risk target, paths, seed and decision year, then a text table, in the run's language.
 *
 * @example
 * ```ts
 * adviceSummary(comparison, { ...ctx, risk: 0.1, draws: 1000, seed: 1, decisionYear: 2020, period: { from: 2021, to: 2025 } })
 * ```
 */
export function adviceSummary(comparison: readonly StageComparison[], c: AdviceSummaryContext): string {
  const zh = c.lang === "zh-CN";
  const p = presenter(c);
  const head = zh
    ? `建议：每个县区、学段、学年的学位不足概率 ≤ ${c.risk}，模拟 ${c.draws} 条路径（随机种子 ${c.seed}），${c.decisionYear} 学年决策；成本按闲置学位年计（各项措施的成本为估算值，见 estimatedLevers）`
    : `Advice at P(shortfall) ≤ ${c.risk} per area-stage-year, ${c.draws} paths (seed ${c.seed}), decided in ${c.decisionYear}; costs in empty place-years (estimatedLevers: estimates)`;
  const columns = zh
    ? ["学段", `${c.period.from}–${c.period.to} 年新增学位：规划`, "建议", "闲置学位年：规划", "建议", "缺位学生年：规划", "建议", "最大缺位概率：规划", "建议", "成本：规划", "建议"]
    : ["stage", `new places ${c.period.from}–${c.period.to} plan`, "advised", "empty place-yrs plan", "advised", "short pupil-yrs plan", "advised", "max P(short) plan", "advised", "cost plan", "advised"];
  const rows = comparison.map((s) => [
    zh ? p.stageName(s.stage) : s.stage,
    r0(s.plan.newPlaces), r0(s.advised.newPlaces), r0(s.plan.emptyPlaceYears), r0(s.advised.emptyPlaceYears), r0(s.plan.shortfallPupilYears), r0(s.advised.shortfallPupilYears),
    s.plan.maxPShortfall.toFixed(3), s.advised.maxPShortfall.toFixed(3), r0(s.plan.cost), r0(s.advised.cost),
  ]);
  const lines = [head, textTable(columns, rows, ["left"])];
  if (c.moves) {
    const placeYears = r0(c.moves.reduce((a, m) => a + m.places, 0));
    const pairs = new Set(c.moves.map((m) => `${m.from}\u0000${m.to}`)).size;
    lines.push(
      zh
        ? `同一上级的县区之间调配学位（估算成本见 estimatedMoves）：${pairs} 对县区，共 ${placeYears} 个学位年（见 学位调配.csv）`
        : `Places moved between areas of the same parent (estimatedMoves: estimates): ${pairs} lender-borrower pairs, ${placeYears} place-years (moves.csv)`,
    );
  }
  return lines.join("\n");
}
