/**
 * The Yangjiang report: forecast to 2035 with a seeded simulation, the capacity assessment when
 * the seed carries places, in English and in Chinese, as HTML (charts inline) and Markdown (with
 * PNG charts) under out/.
 *
 * Run: npx tsx examples/report.ts   (writes out/report-en/ and out/report-zh/)
 */
import { advise, assessCapacity, buildReport, capacitySchedule, compareWithPlan, componentStageTotals, estimatedLevers, fitModel, forecastWithHousing, planTargetsFromJson, simulate, type Assessment, type ReportAdvice } from "../src/index.js";
import { writeReport } from "../src/node.js";
import { yangjiangDataset, yangjiangPlan } from "../src/seeds.js";

const TO = 2035;
const ds = yangjiangDataset();
// As the main job: the cohort baseline plus new housing (default remedy), against places.
const hf = forecastWithHousing(fitModel(ds), { to: TO });
const fc = hf.baseline;
const components = componentStageTotals(hf);
const pupils = components.filter((r) => r.component === "total");
// The main job's simulation (examples/yangjiang.ts): 1,000 paths, seed 20210101, so bands match npm start, the README chart and the notebook.
const simulation = simulate(fc.model, {
  draws: 1000,
  seed: 20210101,
  to: TO,
  housing: hf,
  ...(ds.capacity?.length ? { supply: ds } : {}),
  // The city total's bands and P(shortfall) from the summed paths (its rows in the report).
  totals: { containingAreas: true },
  paths: true, // the draws per cell, for the advice section
});
let assessment: Assessment[] | undefined;
if (ds.capacity?.length) assessment = assessCapacity(pupils, ds, { missingPlaces: "skip" });

// The advice beside the plan (as the main job's section 12): P(shortfall) ≤ 10% in every county-stage-year.
const RISK = 0.1;
const period = planTargetsFromJson(yangjiangPlan).period;
const advice: ReportAdvice = {
  stages: compareWithPlan(await advise(simulation.paths!, capacitySchedule(ds), estimatedLevers, { risk: RISK }), period),
  risk: RISK,
  period,
  seed: simulation.seed,
};

for (const lang of ["en", "zh-CN"] as const) {
  const doc = buildReport({ dataset: ds, forecast: fc, pupils, simulation, advice, ...(assessment ? { assessment } : {}) }, { lang });
  const dir = `out/report-${lang === "en" ? "en" : "zh"}`;
  const written = await writeReport(doc, dir);
  console.log(`${lang}: ${written.html}, ${written.markdown}, ${written.charts.length} chart files`);
}
if (!assessment) console.log("The seed has no places data: the reports compare the forecast with the 2020 enrolment and say so.");
