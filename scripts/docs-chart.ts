/**
 * Draws the README chart: Jiangcheng District (江城区, Yangjiang) primary pupils against places,
 * with the simulated 10–90% band, labels in Chinese.
 *
 * Run: npx tsx scripts/docs-chart.ts   (writes docs/yangjiang-jiangcheng-primary.png)
 */
import { mkdir, writeFile } from "node:fs/promises";
import { assessCapacity, fitModel, forecast, forecastChart, historyStageTotals, simulate, stageTotals } from "../src/index.js";
import { renderPng, renderSvg } from "../src/node.js";
import { yangjiangDataset } from "../src/seeds.js";

const ds = yangjiangDataset();
const model = fitModel(ds);
const fc = forecast(model, { to: 2035 });
const pupils = stageTotals(fc);
const sim = simulate(model, { draws: 500, seed: 20260101, to: 2035 });
const spec = forecastChart(
  { area: "jiangcheng", stages: ["primary"], pupils, history: historyStageTotals(ds), places: assessCapacity(pupils, ds), simulation: sim },
  { system: ds.system, areas: ds.areas, lang: "zh-CN", width: 480, height: 260 },
);
await mkdir("docs", { recursive: true });
await writeFile("docs/yangjiang-jiangcheng-primary.png", await renderPng(await renderSvg(spec)));
console.log("docs/yangjiang-jiangcheng-primary.png");
