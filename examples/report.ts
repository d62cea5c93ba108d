/**
 * The Yangjiang report: forecast to 2035 with a seeded simulation, the capacity assessment when
 * the seed carries places, the advice, and the school view of 江城区's primary schools on the
 * school-level **illustration** (seeds/yangjiang/schools-illustration.json: invented schools, marked
 * as estimates), in English and in Chinese, as HTML (charts inline) and Markdown (with PNG charts)
 * under out/.
 *
 * Run: npx tsx examples/report.ts   (writes out/report-en/ and out/report-zh/)
 */
import { readFileSync } from "node:fs";
import { advise, assessCapacity, buildReport, capacitySchedule, chinaSchoolSystem, compareWithPlan, componentStageTotals, estimatedLevers, fitModel, forecastSchools, forecastWithHousing, parseDataset, planTargetsFromJson, simulate, type Assessment, type ReportAdvice } from "../src/index.js";
import { writeReport } from "../src/node.js";
import { yangjiangDataset, yangjiangInput, yangjiangPlan } from "../src/seeds.js";

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

// The school view (as the main job's section 11): the seed with the school-level illustration of
// 江城区 (24 invented primary schools, every record marked as an estimate, so the section says so),
// the schools reconciled to the county's pupils with new housing, 80% intervals per school.
const ill = JSON.parse(readFileSync(new URL("../seeds/yangjiang/schools-illustration.json", import.meta.url), "utf8")) as { schools: unknown[]; schoolEnrolment: unknown[]; schoolPlaces: unknown[] };
const sds = parseDataset({ ...yangjiangInput, schools: ill.schools, schoolEnrolment: ill.schoolEnrolment, schoolPlaces: ill.schoolPlaces }, chinaSchoolSystem);
const schools = forecastSchools(sds, { ...fc, pupils: hf.total });

for (const lang of ["en", "zh-CN"] as const) {
  // sds is the seed plus the schools: the report's other figures are those of ds.
  const doc = buildReport({ dataset: sds, forecast: fc, pupils, simulation, advice, schools, ...(assessment ? { assessment } : {}) }, { lang });
  const dir = `out/report-${lang === "en" ? "en" : "zh"}`;
  const written = await writeReport(doc, dir);
  console.log(`${lang}: ${written.html}, ${written.markdown}, ${written.charts.length} chart files`);
}
if (!assessment) console.log("The seed has no places data: the reports compare the forecast with the 2020 enrolment and say so.");
