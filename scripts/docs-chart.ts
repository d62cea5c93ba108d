/**
 * Draws the README chart: Jiangcheng District (江城区, Yangjiang) primary pupils against places,
 * with the simulated 10–90% band, labels in Chinese: the main job's forecast (examples/yangjiang.ts,
 * `npm start`): cohort baseline plus new housing, and its simulation (1,000 paths, seed 20210101).
 *
 * Run: npx tsx scripts/docs-chart.ts   (writes docs/yangjiang-jiangcheng-primary.png)
 */
import { mkdir, writeFile } from "node:fs/promises";
import { assessCapacity, componentStageTotals, fitModel, forecastChart, forecastWithHousing, historyStageTotals, simulate } from "../src/index.js";
import { renderPng, renderSvg } from "../src/node.js";
import { yangjiangDataset } from "../src/seeds.js";

const ds = yangjiangDataset();
const model = fitModel(ds);
const hf = forecastWithHousing(model, { to: 2035 });
const pupils = componentStageTotals(hf).filter((r) => r.component === "total");
// hf.baseline.model: the cohort model fitted with the housing pupils taken out of the history (remedy "subtract"), as the main job simulates
const sim = simulate(hf.baseline.model, { draws: 1000, seed: 20210101, to: 2035, supply: ds, housing: hf });
const spec = forecastChart(
  { area: "jiangcheng", stages: ["primary"], pupils, history: historyStageTotals(ds), places: assessCapacity(pupils, ds), simulation: sim },
  { system: ds.system, areas: ds.areas, lang: "zh-CN", width: 480, height: 260 },
);
await mkdir("docs", { recursive: true });
await writeFile("docs/yangjiang-jiangcheng-primary.png", await renderPng(await renderSvg(spec)));
console.log("docs/yangjiang-jiangcheng-primary.png");
