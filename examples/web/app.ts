/**
 * The planning page (examples/web/index.html): drop a workbook (.xlsx, the zh or en template) or the
 * template's CSV files, see the forecast, the flags and charts, and download the results as CSV.
 * With no file dropped it shows the Yangjiang seed. Files are read by the library's own reader
 * (`safeReadDataset`) on an in-memory file system (memfs.ts); charts are the library's Vega-Lite
 * specs drawn by `renderSvg`. Built by scripts/build-web.ts (`npm run web`) into out/web/.
 */
import { chinaSchoolSystem, forecastChart, formatCount, formatIssues, historyStageTotals, renderNote, surplusHeatmap, type Dataset, type Lang } from "../../src/index.js";
import { safeReadDataset } from "../../src/io/read.js";
import { assessmentTable, stagesTable } from "../../src/io/tables.js";
import { csvText, writeDatasetFiles } from "../../src/io/write.js";
import { renderSvg } from "../../src/render/svg.js";
import { yangjiangDataset } from "../../src/seeds.js";
import { FLAG_CODES, keyFigures, planResult, YEARS, type PlanResult } from "./figures.js";
import { clearDir, fileBytes, putFile } from "./memfs.js";

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
let lang: Lang = "zh-CN";
let current: { name: string; result: PlanResult } | undefined;
const t = (zh: string, en: string): string => (lang === "zh-CN" ? zh : en);

function esc(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

/** Reads dropped files with the library's reader: one .xlsx workbook, or the CSV files of the template. */
async function readFiles(files: readonly { name: string; bytes: Uint8Array }[]): Promise<{ ok: true; dataset: Dataset } | { ok: false; message: string }> {
  clearDir("/input");
  const xlsx = files.filter((f) => f.name.toLowerCase().endsWith(".xlsx"));
  const csv = files.filter((f) => f.name.toLowerCase().endsWith(".csv"));
  if (xlsx.length > 1 || (xlsx.length === 1 && csv.length > 0)) return { ok: false, message: t("请只放入一个 .xlsx 工作簿，或一组 CSV 文件。", "Drop one .xlsx workbook, or the CSV files of the template.") };
  if (xlsx.length === 0 && csv.length === 0) return { ok: false, message: t("没有 .xlsx 或 .csv 文件。", "No .xlsx or .csv file.") };
  for (const f of [...xlsx, ...csv]) putFile(`/input/${f.name}`, f.bytes);
  const r = await safeReadDataset(xlsx.length ? `/input/${xlsx[0]!.name}` : "/input", chinaSchoolSystem);
  if (!r.success) return { ok: false, message: formatIssues(r.issues) };
  return { ok: true, dataset: r.data };
}

function areaName(ds: Dataset, id: string): string {
  const a = ds.areas.find((x) => x.id === id);
  return (lang === "zh-CN" ? a?.name?.zh : a?.name?.en) ?? a?.name?.en ?? id;
}
function stageName(ds: Dataset, id: string): string {
  const s = ds.system.stages.find((x) => x.id === id);
  return (lang === "zh-CN" ? s?.label.zh : undefined) ?? s?.label.en ?? id;
}

function renderTables(r: PlanResult): void {
  const ds = r.dataset;
  const by = new Map([...r.pupils, ...r.sums].map((p) => [`${p.area}/${p.stage}/${p.year}`, p.pupils]));
  const rows = ds.areas.filter((a) => [...by.keys()].some((k) => k.startsWith(`${a.id}/`))).flatMap((a) =>
    ds.system.stages.map((s) => `<tr><td>${esc(areaName(ds, a.id))}${r.sums.some((x) => x.area === a.id) ? t("（合计）", " (sum)") : ""}</td><td>${esc(stageName(ds, s.id))}</td>${YEARS.map((y) => {
      const v = by.get(`${a.id}/${s.id}/${y}`);
      return `<td class="n">${v === undefined ? "–" : formatCount(v)}</td>`;
    }).join("")}</tr>`),
  );
  $("pupils").innerHTML = `<thead><tr><th>${t("地区", "Area")}</th><th>${t("学段", "Stage")}</th>${YEARS.map((y) => `<th class="n">${y}</th>`).join("")}</tr></thead><tbody>${rows.join("")}</tbody>`;
  const first = new Map<string, (typeof r.assessment)[number]>();
  for (const a of [...r.assessment].sort((x, y) => x.year - y.year)) for (const f of a.flags) if ((FLAG_CODES as readonly string[]).includes(f.code) && !first.has(`${a.area}/${a.stage}/${f.code}`)) first.set(`${a.area}/${a.stage}/${f.code}`, a);
  const flagRows = [...first].map(([k, a]) => {
    const code = k.split("/")[2]!;
    const f = a.flags.find((x) => x.code === code)!;
    return `<tr><td>${esc(areaName(ds, a.area))}</td><td>${esc(stageName(ds, a.stage))}</td><td>${esc(code === "shortfall" ? t("学位不足", "places short") : t("大班额", "large classes"))}</td><td class="n">${a.year}</td><td>${esc(renderNote(f.reason, lang))}</td></tr>`;
  });
  $("flags").innerHTML = `<thead><tr><th>${t("地区", "Area")}</th><th>${t("学段", "Stage")}</th><th>${t("标记", "Flag")}</th><th class="n">${t("首次年份", "First year")}</th><th>${t("说明", "Why")}</th></tr></thead><tbody>${flagRows.join("") || `<tr><td colspan="5">${t("无", "none")}</td></tr>`}</tbody>`;
}

async function renderCharts(r: PlanResult): Promise<void> {
  const ds = r.dataset;
  const sel = $<HTMLSelectElement>("area");
  const area = ds.areas.some((a) => a.id === sel.value) ? sel.value : (ds.areas.find((a) => a.parent !== undefined) ?? ds.areas[0]!).id;
  sel.innerHTML = ds.areas.map((a) => `<option value="${esc(a.id)}"${a.id === area ? " selected" : ""}>${esc(areaName(ds, a.id))}</option>`).join("");
  const options = { system: ds.system, areas: ds.areas, lang, width: 300, height: 180 } as const;
  const history = historyStageTotals(ds);
  $("chart-forecast").innerHTML = await renderSvg(forecastChart({ area, pupils: r.pupils, history, places: r.assessment }, options));
  $("chart-heatmap").innerHTML = await renderSvg(surplusHeatmap(r.assessment, options));
}

function download(name: string, text: string): void {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([`\uFEFF${text}`], { type: "text/csv;charset=utf-8" }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

async function show(name: string, dataset: Dataset): Promise<void> {
  const result = planResult(dataset);
  current = { name, result };
  $("source").textContent = name;
  $("key-figures").textContent = JSON.stringify({ source: name, ...keyFigures(result) });
  renderTables(result);
  $("status").textContent = t("正在绘图…", "Drawing charts…");
  await renderCharts(result);
  $("status").textContent = t("完成", "Done");
  document.body.dataset.state = "done";
}

/** `#selftest`: the seed written as the zh CSV files and as an .xlsx workbook with the library's writer, read back through the page's reader; its figures must equal the seed's. */
async function selftest(): Promise<void> {
  const seed = JSON.stringify(keyFigures(planResult(yangjiangDataset())));
  const out: Record<string, string> = {};
  for (const [format, target, lang_] of [["csv", "/out/csv", "zh-CN"], ["xlsx", "/out/data.xlsx", "en"]] as const) {
    try {
      const paths = await writeDatasetFiles(yangjiangDataset(), target, format, { lang: lang_ });
      const files = paths.map((p) => ({ name: p.split("/").pop()!, bytes: fileBytes(p)! }));
      const r = await readFiles(files);
      out[format] = !r.ok ? `read failed: ${r.message}` : JSON.stringify(keyFigures(planResult(r.dataset))) === seed ? `same figures (${files.length} files)` : "different figures";
    } catch (e) {
      out[format] = `error: ${e instanceof Error ? `${e.message}\n${e.stack}` : String(e)}`;
    }
  }
  $("selftest").textContent = JSON.stringify(out);
}

async function main(): Promise<void> {
  $<HTMLSelectElement>("lang").addEventListener("change", (e) => {
    lang = (e.target as HTMLSelectElement).value as Lang;
    if (current) void show(current.name, current.result.dataset);
  });
  $<HTMLSelectElement>("area").addEventListener("change", () => current && void renderCharts(current.result));
  const take = async (list: FileList | null): Promise<void> => {
    const files = await Promise.all([...(list ?? [])].map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    $("issues").textContent = "";
    const r = await readFiles(files);
    if (!r.ok) {
      $("issues").textContent = r.message;
      return;
    }
    await show(files.map((f) => f.name).join(", "), r.dataset);
  };
  $<HTMLInputElement>("file").addEventListener("change", (e) => void take((e.target as HTMLInputElement).files));
  const drop = $("drop");
  drop.addEventListener("dragover", (e) => e.preventDefault());
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    void take(e.dataTransfer?.files ?? null);
  });
  $("dl-pupils").addEventListener("click", () => current && download("pupils.csv", csvText(stagesTable(current.result.pupils))));
  $("dl-assessment").addEventListener("click", () => current && download("assessment.csv", csvText(assessmentTable(current.result.assessment))));
  await show(t("阳江市示例数据（placecast/seeds）", "Yangjiang seed data (placecast/seeds)"), yangjiangDataset());
  if (location.hash === "#selftest") await selftest();
}

main().catch((e: unknown) => {
  $("issues").textContent = `error: ${e instanceof Error ? `${e.message}\n${e.stack}` : String(e)}`;
  document.body.dataset.state = "error";
});
