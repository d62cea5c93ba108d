/**
 * The main job: the Yangjiang forecast on the embedded seed, per county and stage to 2035 —
 * pupils (cohort baseline plus new housing), places against pupils with flags, and the plan check.
 *
 * Run: npm start   (or: npx tsx examples/yangjiang.ts)
 *
 * Every per-county figure of the seed is an estimate (the plan gives city totals only); the
 * output says so on every table.
 */
import { assessCapacity, checkPlan, chinaSchoolSystem, componentStageTotals, fitModel, forecastWithHousing, formatCount, indexSystem, planTargetsFromJson, simulate, sumAssessments, sumOverAreas, textTable, type Assessment, type StageRecord } from "../src/index.js";
import { yangjiangDataset, yangjiangPlan } from "../src/seeds.js";

const TO = 2035;
const SHOW = [2020, 2023, 2025, 2028, 2030, 2035];

const ds = yangjiangDataset();
const model = fitModel(ds);
const hf = forecastWithHousing(model, { to: TO });
const components = componentStageTotals(hf);
const total: StageRecord[] = components.filter((r) => r.component === "total");
const housing: StageRecord[] = components.filter((r) => r.component === "housing");
const assessment = assessCapacity(total, ds);
const cityAssessment = sumAssessments(assessment, "yangjiang");
const plan = checkPlan(planTargetsFromJson(yangjiangPlan), assessment.filter((r) => r.year <= 2025), ds);
const DRAWS = 1000;
const SEED = 20210101;
const sim = simulate(hf.baseline.model, {
  draws: DRAWS,
  seed: SEED,
  to: TO,
  places: ds.capacity ?? [],
  planned: ds.plannedPlaces ?? [],
  housing: housing.filter((r) => r.year > ds.baseYear).map((r) => ({ area: r.area, stage: r.stage, year: r.year, pupils: r.pupils })),
});

const ix = indexSystem(chinaSchoolSystem);
const areaName = new Map(ds.areas.map((a) => [a.id, `${a.name?.zh ?? ""} ${a.name?.en ?? a.id}`.trim()]));
const areaZh = new Map(ds.areas.map((a) => [a.id, a.name?.zh ?? a.id]));
const stageName = (id: string): string => {
  const s = ix.stageById.get(id)!;
  return `${s.label.zh ?? ""} ${s.label.en}`.trim();
};
const pct = (v: number | null): string => (v === null ? "–" : `${(v * 100).toFixed(0)}%`);
const years = (ys: readonly number[]): string => {
  if (ys.length === 0) return "–";
  const runs: string[] = [];
  let start = ys[0]!;
  let prev = start;
  for (const y of [...ys.slice(1), NaN]) {
    if (y === prev + 1) {
      prev = y;
      continue;
    }
    runs.push(start === prev ? String(start) : `${start}–${prev}`);
    start = prev = y;
  }
  return runs.join(", ");
};

const methodOf = (stage: string, entry: boolean): string => {
  const g = ix.gradesOfStage.get(stage)![entry ? 0 : 1]!;
  const o = model.methods[g];
  return o ? `${o.method}${o.method === "ses" ? ` α=${o.alpha}` : ` (${o.years} y)`}` : "–";
};

console.log(`placecast — 阳江市 Yangjiang: pupils, places and flags by county and stage, ${ds.baseYear} (actual) to ${TO} (forecast)`);
console.log(`估算 ESTIMATE: the per-county history, housing pipeline and places are estimates built from the plan's city totals and`);
console.log(`published births (seeds/yangjiang/README.md, HOUSING.md, CAPACITY.md). Read the figures as a worked example of the method.`);
console.log(
  `Method: progression ratios ${methodOf("primary", false)}, entry ratios ${methodOf("primary", true)} of births; births after ${Math.max(...ds.births.map((b) => b.year))} held by "${model.birthsOptions.method}"; ` +
    `new housing: ${hf.yields.id}, remedy "${hf.remedy}".\n`,
);

// 1. Births: the decline that works through the stages.
const cityBirths = ds.births.filter((b) => b.area === "yangjiang" && b.year >= 2010);
console.log("出生人口 Births, city (* = estimate; others published):");
console.log(textTable(["year", ...cityBirths.map((b) => String(b.year))], [["births", ...cityBirths.map((b) => `${formatCount(b.births)}${b.provenance === "estimate" ? "*" : ""}`)]]));
console.log("");

// 2. City pupils by stage, with the housing component.
function stageTable(rows: readonly StageRecord[], housingRows: readonly StageRecord[], title: string): void {
  const body: string[][] = [];
  for (const stage of chinaSchoolSystem.stages) {
    const get = (rs: readonly StageRecord[], y: number) => rs.find((r) => r.stage === stage.id && r.year === y)?.pupils ?? NaN;
    const first = get(rows, SHOW[0]!);
    const last = get(rows, TO);
    body.push([stageName(stage.id), ...SHOW.map((y) => formatCount(get(rows, y))), `${(((last - first) / first) * 100).toFixed(0)}%`]);
    body.push(["  of which new housing", ...SHOW.map((y) => formatCount(get(housingRows, y))), ""]);
  }
  console.log(title);
  console.log(textTable(["stage 学段", ...SHOW.map((y) => (y === ds.baseYear ? `${y} act.` : String(y))), `${SHOW[0]}→${TO}`], body));
  console.log("");
}
stageTable(sumOverAreas(total, "yangjiang"), sumOverAreas(housing, "yangjiang"), "全市 Yangjiang city: pupils (sum of counties, baseline + new housing) — estimate");

// 3. The headline: places against pupils, per county and stage.
console.log("学位与班额预警 Places and class-size flags per county and stage — estimate");
console.log("(shortfall = pupils above places; 56+ = classes of 56 or more under an even spread of pupils over classes; surplus risk = under 80% used)");
const flagRows: string[][] = [];
for (const area of [...hf.areas, "yangjiang"]) {
  for (const stage of chinaSchoolSystem.stages) {
    const rows = (area === "yangjiang" ? cityAssessment : assessment).filter((r) => r.area === area && r.stage === stage.id);
    const flagged = (code: string): number[] => rows.filter((r) => r.flags.some((f) => f.code === code)).map((r) => r.year);
    const u = (y: number): string => pct(rows.find((r) => r.year === y)?.utilisation ?? null);
    flagRows.push([
      area === "yangjiang" ? "全市 city" : areaZh.get(area)!,
      stageName(stage.id),
      years(flagged("shortfall")),
      years(flagged("large")),
      years(flagged("surplus-risk")),
      u(2020),
      u(2025),
      u(2030),
      u(2035),
    ]);
  }
}
console.log(textTable(["county 县区", "stage 学段", "shortfall 缺位", "56+ 大班额", "surplus risk 富余", "used 2020", "2025", "2030", "2035"], flagRows, ["left", "left", "left", "left", "left"]));
console.log("");

// 4. How sure: seeded simulation.
console.log(`不确定性 How sure: ${DRAWS} simulated paths (seed ${SEED}; ratios resampled by whole years, births after the last known year,`);
console.log(`housing and new schools slipping by years). P(shortfall) = share of paths with more pupils than places. — estimate`);
const simRows: string[][] = [];
for (const area of hf.areas) {
  for (const stage of chinaSchoolSystem.stages) {
    const at = (y: number) => sim.rows.find((r) => r.area === area && r.stage === stage.id && r.year === y);
    const cells = [2023, 2025, 2030].flatMap((y) => {
      const r = at(y);
      return [r ? `${formatCount(r.pupils[0]!)}–${formatCount(r.pupils[2]!)}` : "–", r?.pShortfall === undefined ? "–" : pct(r.pShortfall)];
    });
    simRows.push([areaZh.get(area)!, stageName(stage.id), ...cells]);
  }
}
console.log(textTable(["county 县区", "stage 学段", "2023 80% band", "P(short)", "2025 80% band", "P(short)", "2030 80% band", "P(short)"], simRows, ["left", "left"]));
console.log("");

// 5. The plan against the forecast.
console.log("规划核对 The plan against the forecast — estimate");
console.log(
  textTable(
    ["planned new places 新增学位", "plan 规划", "allocated in seed", "difference"],
    plan.places.map((p) => [stageName(p.stage), formatCount(p.planTarget), formatCount(p.planned), formatCount(p.difference)]),
  ),
);
console.log("");
console.log(
  textTable(
    ["2025 indicator 指标", "plan 2025", "forecast 2025", "forecast − plan"],
    plan.indicators.map((i) => [`${i.label.zh ?? ""} ${i.label.en}`.trim(), formatCount(i.target), i.forecast === null ? "–" : formatCount(i.forecast), i.difference === null ? "–" : formatCount(i.difference)]),
  ),
);
console.log("");
const goalRows = plan.classSizes.map((c) => [
  areaZh.get(c.area) ?? c.area,
  c.stages.map(stageName).join(", "),
  `${c.minClassSize}+ by ${c.byYear}`,
  c.firstBreach === null ? "never" : String(c.firstBreach),
  c.clearsIn === null ? (c.firstBreach === null ? "–" : "not within the years assessed") : String(c.clearsIn),
  c.goneByGoal ? "yes 达成" : "NO 未达成",
]);
console.log(textTable(["county 县区", "stages", "goal", "first breach", "clears in", `gone by goal`], goalRows, ["left", "left", "left"]));
console.log("");

// 6. Per-county pupils.
for (const area of hf.areas) {
  stageTable(total.filter((r) => r.area === area), housing.filter((r) => r.area === area), `${areaName.get(area)}: pupils — estimate`);
}

const notes = [...model.notes.map((n) => n.message), ...hf.notes, ...plan.notes];
if (notes.length) {
  console.log("Notes:");
  for (const n of notes) console.log(`- ${n}`);
}
const worst: Assessment | undefined = [...cityAssessment].sort((a, b) => a.surplus - b.surplus)[0];
if (worst) console.log(`\nLargest city-wide gap: ${stageName(worst.stage)} ${worst.year}, surplus ${formatCount(worst.surplus)} places.`);
