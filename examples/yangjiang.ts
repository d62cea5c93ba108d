/**
 * The main job: the Yangjiang forecast on the embedded seed, per county and stage to 2035.
 *
 * Run: npm start   (or: npx tsx examples/yangjiang.ts)
 *
 * Every per-county figure of the seed is an estimate (the plan gives city totals only); the
 * output says so on every table.
 */
import {
  chinaSchoolSystem,
  fitModel,
  forecast,
  formatCount,
  indexSystem,
  stageTotals,
  sumOverAreas,
  textTable,
  yangjiangDataset,
  type StageRecord,
} from "../src/index.js";

const TO = 2035;
const SHOW = [2020, 2023, 2025, 2028, 2030, 2035];

const ds = yangjiangDataset();
const model = fitModel(ds);
const fc = forecast(model, { to: TO });
const byStage = stageTotals(fc);
const city = sumOverAreas(byStage, "yangjiang");
const ix = indexSystem(chinaSchoolSystem);
const names = new Map(ds.areas.map((a) => [a.id, `${a.name?.zh ?? ""} ${a.name?.en ?? a.id}`.trim()]));
const stageName = (id: string): string => {
  const s = ix.stageById.get(id)!;
  return `${s.label.zh ?? ""} ${s.label.en}`.trim();
};

console.log(`placecast — 阳江市 Yangjiang: pupils by county and stage, ${ds.baseYear} (actual) to ${TO} (forecast)`);
console.log(`Method: cohort progression (mean of the last 3 ratios), entry from births; births after the last known year held at the last value.`);
console.log(`估算 ESTIMATE: the per-county history is estimated from the plan's 2020 city totals and published births (seeds/yangjiang/README.md).\n`);

// Births: the decline that works through the stages.
const cityBirths = ds.births.filter((b) => b.area === "yangjiang");
console.log("出生人口 Births, city (reported = published figure; est. = estimate):");
console.log(
  textTable(
    ["year", ...cityBirths.filter((b) => b.year >= 2010).map((b) => String(b.year))],
    [["births", ...cityBirths.filter((b) => b.year >= 2010).map((b) => `${formatCount(b.births)}${b.provenance === "estimate" ? "*" : ""}`)]],
  ),
);
console.log("* estimate\n");

function table(rows: readonly StageRecord[], title: string): void {
  const body: string[][] = [];
  for (const stage of chinaSchoolSystem.stages) {
    const get = (y: number) => rows.find((r) => r.stage === stage.id && r.year === y);
    const first = get(SHOW[0]!)?.pupils ?? NaN;
    const last = get(SHOW[SHOW.length - 1]!)?.pupils ?? NaN;
    body.push([stageName(stage.id), ...SHOW.map((y) => formatCount(get(y)?.pupils ?? NaN)), `${(((last - first) / first) * 100).toFixed(0)}%`]);
  }
  console.log(title);
  console.log(textTable(["stage 学段", ...SHOW.map((y) => (y === ds.baseYear ? `${y} act.` : String(y))), `${SHOW[0]}→${TO}`], body));
  console.log("");
}

table(city, "全市 Yangjiang city (sum of counties) — estimate");
for (const area of fc.areas) {
  table(byStage.filter((r) => r.area === area), `${names.get(area)} — estimate`);
}
if (model.notes.length) {
  console.log("Fitting notes:");
  for (const n of model.notes) console.log(`- ${n.message}`);
}
