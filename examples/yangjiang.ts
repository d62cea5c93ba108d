/**
 * The main job: the Yangjiang forecast on the embedded seed, per county and stage to 2035 — the
 * headline (what the plan's 2025 pupil targets imply against the births already born, at city
 * level), the plan check (every quantitative target of the plan with its line and a verdict),
 * pupils (cohort baseline plus new housing), places against pupils at each stage's planning level
 * (senior high city-wide, 以市为主), staff needed by the norms, and how sure.
 *
 * Run: npm start   (or: npx tsx examples/yangjiang.ts)
 *
 * The headline rests on city figures the plan publishes and the city births (some estimated, marked);
 * every per-county figure of the seed is an estimate (the plan gives city totals only), so county
 * results are illustrative.
 */
import {
  advise,
  adviseNoteTexts,
  assessAtPlanningLevel,
  capacitySchedule,
  compareWithPlan,
  estimatedLevers,
  assessCapacity,
  checkPlan,
  chinaSchoolSystem,
  chinaStaffNorms,
  componentStageTotals,
  fitModel,
  forecast,
  forecastWithHousing,
  formatCount,
  impliedRates,
  indexSystem,
  planTargetsFromJson,
  pupilRecords,
  renderNote,
  simulate,
  simulationSourcesNote,
  staffDemand,
  sumOverAreas,
  textTable,
  type Assessment,
  type ImpliedRate,
  type StageRecord,
} from "../src/index.js";
import type { Note } from "../src/domain/notes.js";
import { yangjiangDataset, yangjiangInput, yangjiangPlan } from "../src/seeds.js";
import { readFileSync } from "node:fs";
import { assessSchools, forecastSchools, parseDataset, schoolTotalRecords } from "../src/index.js";
import { classesInRange } from "../src/capacity/classes.js";
import { planNoteTexts } from "../src/report/notes/plan.js";

const TO = 2035;
const SHOW = [2020, 2023, 2025, 2028, 2030, 2035];
const CITY = "yangjiang";

const ds = yangjiangDataset();
const model = fitModel(ds);
const hf = forecastWithHousing(model, { to: TO });
const components = componentStageTotals(hf);
const total: StageRecord[] = components.filter((r) => r.component === "total");
const housing: StageRecord[] = components.filter((r) => r.component === "housing");
const assessment = assessCapacity(total, ds);
const targets = planTargetsFromJson(yangjiangPlan);
// Each stage at its planning level (plan line 215: preschool and compulsory by county; line 387: senior 以市为主).
const planned = assessAtPlanningLevel(assessment, ds.areas, targets.planningLevels, ds.system);
// Pupils per grade: the history (for the retention rate's entry cohort) and the forecast.
const gradeStage = new Map(indexSystem(ds.system).grades.map((g) => [g.id, g.stage.id]));
const grades = [
  ...ds.enrolment.flatMap((e) => (e.pupils === null || e.year >= ds.baseYear ? [] : [{ area: e.area, year: e.year, grade: e.grade, stage: gradeStage.get(e.grade)!, pupils: e.pupils, kind: "actual" as const, basis: e.provenance === "estimate" ? ("estimate" as const) : ("reported" as const) }])),
  // the cohort forecast without new housing: retention follows a cohort, and the housing component is per stage only
  ...pupilRecords(forecast(model, { to: targets.period.to })),
];
const plan = checkPlan(targets, assessment.filter((r) => r.year <= targets.period.to), ds, {
  area: CITY,
  planned: planned.filter((r) => r.year <= targets.period.to),
  births: ds.births,
  grades,
  staffNorms: chinaStaffNorms,
});
const DRAWS = 1000;
const SEED = 20210101;
const sim = simulate(hf.baseline.model, {
  draws: DRAWS,
  seed: SEED,
  to: TO,
  supply: ds,
  housing: hf,
  // The city (sum of the counties) simulated path by path: its bands are quantiles of the sum.
  totals: { containingAreas: true },
  paths: true, // the draws per cell, for the advisor (section 12)
});

const ix = indexSystem(chinaSchoolSystem);
const areaName = new Map(ds.areas.map((a) => [a.id, `${a.name?.zh ?? ""} ${a.name?.en ?? a.id}`.trim()]));
const areaZh = new Map(ds.areas.map((a) => [a.id, a.name?.zh ?? a.id]));
const stageName = (id: string): string => {
  const s = ix.stageById.get(id)!;
  return `${s.label.zh ?? ""} ${s.label.en}`.trim();
};
const pct = (v: number | null): string => (v === null ? "–" : `${(v * 100).toFixed(0)}%`);
const r2 = (v: number | null | undefined): string => (v === null || v === undefined ? "–" : v.toFixed(2));
const signed = (v: number | null): string => (v === null ? "–" : `${v >= 0 ? "+" : ""}${formatCount(v)}`);
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
const noteText = (n: Note): string => planNoteTexts[n.code]?.en(n.params) ?? n.code;
const cityBirths = ds.births.filter((b) => b.area === CITY);
const estimatedBirthYears = (r: ImpliedRate): string => {
  const ys = [...new Set([...(r.observed?.of.estimated ?? []), ...r.target.of.estimated])].sort((p, q) => p - q);
  return ys.length ? years(ys) : "none";
};

const methodOf = (stage: string, entry: boolean): string => {
  const g = ix.gradesOfStage.get(stage)![entry ? 0 : 1]!;
  const o = model.methods[g];
  return o ? `${o.method}${o.method === "ses" ? ` α=${o.alpha}` : ` (${o.years} y)`}` : "–";
};

console.log(`placecast — 阳江市 Yangjiang: the 2021–2025 plan against the births, and pupils, places and flags by county and stage, ${ds.baseYear} (actual) to ${TO} (forecast)\n`);

// 1. HEADLINE: what the plan's 2025 pupil targets imply (city level, plan figures and city births).
console.log("规划目标隐含比率 HEADLINE — what the plan's 2025 pupil targets imply, city level (plan figures 2020/2025, city births)");
const impliedRows = plan.implied.map((r) => {
  const t = targets.targets.find((x) => x.id === r.id)!;
  const birthsSpan = (d: { year: number }) => `${d.year - r.ages[r.ages.length - 1]!}–${d.year - r.ages[0]!}`;
  return [
    `${t.label.zh ?? ""} ${t.label.en}`.trim(),
    `${r.ages[0]}–${r.ages[r.ages.length - 1]}`,
    r.observed ? `${formatCount(r.observed.pupils)} / ${r.observed.of.persons === null ? `births ${birthsSpan(r.observed.of)} missing ${r.observed.of.missing.join(",")}` : `${formatCount(r.observed.of.persons)} (${birthsSpan(r.observed.of)})`}` : "–",
    r2(r.observed?.ratio),
    `${formatCount(r.target.pupils)} / ${r.target.of.persons === null ? "–" : `${formatCount(r.target.of.persons)} (${birthsSpan(r.target.of)})`}`,
    r2(r.target.ratio),
    r.forecast ? `${formatCount(r.forecast.pupils)} (${r2(r.forecast.ratio)})` : "–",
    r.atObservedRatio === null ? "–" : formatCount(r.atObservedRatio),
    signed(r.gap),
    signed(r.gapPerYear),
    estimatedBirthYears(r),
  ];
});
console.log(
  textTable(
    ["2025 target 目标", "ages", "2020 pupils / births", "per birth 2020", "2025 target / births", "needed per birth", "forecast 2025 (per birth)", "2025 at 2020 ratio", "gap 缺口", "gap a year", "births estimated"],
    impliedRows,
    ["left", "left"],
  ),
);
console.log(`Method: a pupil of age a in school year t was born in year t − a; births B(t) = Σ births of the cohorts of the stage's ages (preschool 3–5, compulsory 6–14,
senior 15–17). Needed per birth = plan target 2025 / B(2025); observed per birth = plan figure 2020 / B(2020); at 2020 ratio = observed × B(2025);
gap = target − that: children of those ages the target needs beyond what the 2020 ratio gives (net in-migration, or higher participation),
spread over 2020–2025 for "a year". Births 2020, 2021, 2023 are published, 2007–2008 registered; the others are estimates (seeds/yangjiang/README.md).
The forecast column is the cohort model's own 2025 pupils (estimate). The plan's figures are its published city totals.\n`);

// 2. The plan check: every quantitative target, its line and a verdict.
console.log("规划核对 The plan check: every quantitative target of the plan, with its line, the value measured and a verdict");
const verdictText = { met: "met 达成", "not-met": "NOT MET 未达成", "not-checkable": "not checkable 无法核对" } as const;
const targetText = (v: { value: number; comparator: string } | null, id: string): string => {
  if (!v) return id.includes("class") ? "no class above" : "at norms";
  return `${v.comparator.replace(">=", "≥").replace("<=", "≤")} ${v.value <= 1 && v.value > 0 && !Number.isInteger(v.value) ? pct(v.value) : v.value === 1 && /rate|share|conditions/.test(id) ? "100%" : formatCount(v.value)}`;
};
const measuredText = (t: (typeof plan.targets)[number]): string => {
  if (t.measured === null) return "–";
  if (t.kind === "rate" || t.kind === "share") return `${(t.measured * 100).toFixed(1)}%`;
  if (t.kind === "class-size") return `${formatCount(t.measured)} classes`;
  return formatCount(t.measured);
};
console.log(
  textTable(
    ["line", "target 目标", "year", "plan", "measured", "verdict", "why"],
    plan.targets.map((t) => [
      String(t.at.line),
      `${t.label.zh ?? t.label.en}`,
      t.kind === "places" ? `${targets.period.from}–${t.year}` : String(t.year),
      targetText(t.target, t.id),
      `${measuredText(t)}${t.basis === "estimate" ? " *" : ""}`,
      verdictText[t.verdict],
      t.notes.map(noteText).join("; "),
    ]),
    ["right", "left", "left", "left", "right", "left", "left"],
  ),
);
console.log("(* = rests on the seed's estimates. Class sizes: even spread of pupils over classes, so 'met' is a lower bound on breaches.");
console.log(" The retention rate reproduces the seed's own assumption A4, built from the plan's 2020 rate of 98.7%: it checks the method, not the city.)");
console.log("Each target's words, as the plan writes them:");
for (const t of plan.targets) console.log(`  line ${t.at.line} (${t.at.section}): 「${t.at.quote.replace(/\t+/g, " ").trim()}」${t.alsoAt ? `; line ${t.alsoAt.line}: 「${t.alsoAt.quote}」` : ""}`);
console.log("Planning levels: " + targets.planningLevels.map((l) => `${l.stages.join(", ")} at ${l.level === "root" ? "the city" : "each county"} (${l.source})`).join("; ") + "\n");

console.log(`估算 ESTIMATE below: the per-county history, housing pipeline and places are estimates built from the plan's city totals and`);
console.log(`published births (seeds/yangjiang/README.md, HOUSING.md, CAPACITY.md). County figures are illustrative: they rest on fixed county shares of births.`);
console.log(
  `Method: progression ratios ${methodOf("primary", false)}, entry ratios ${methodOf("primary", true)} of births; births after ${Math.max(...ds.births.map((b) => b.year))} held by "${model.birthsOptions.method}"; ` +
    `new housing: ${hf.yields.id}, remedy "${hf.remedy}".\n`,
);

// 3. Births: the decline that works through the stages.
const shownBirths = cityBirths.filter((b) => b.year >= 2010);
console.log("出生人口 Births, city (* = estimate; others published):");
console.log(textTable(["year", ...shownBirths.map((b) => String(b.year))], [["births", ...shownBirths.map((b) => `${formatCount(b.births)}${b.provenance === "estimate" ? "*" : ""}`)]]));
console.log("");

// 4. City pupils by stage, with the housing component.
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
stageTable(sumOverAreas(total, CITY), sumOverAreas(housing, CITY), "全市 Yangjiang city: pupils (sum of counties, baseline + new housing) — estimate");

// 5. Places and class-size flags at each stage's planning level.
console.log("学位与班额预警 Places and class sizes at each stage's planning level: preschool and compulsory per county, senior high city-wide (以市为主) — estimate");
console.log("(shortfall = pupils above places; class size = classes above the standard (compulsory: 46+ primary, 51+ junior, the plan's 2025 rule; preschool: 31+)");
console.log(" or of 56+ (senior, the plan's rule), under an even spread of pupils over classes; surplus risk = under 80% used)");
const flagRows: string[][] = [];
const rule = (r: Assessment): number => (r.stage === "senior" ? 56 : r.standardClassSize + 1);
for (const stage of chinaSchoolSystem.stages) {
  const areas = [...new Set(planned.filter((r) => r.stage === stage.id).map((r) => r.area))];
  for (const area of areas) {
    const rows = planned.filter((r) => r.area === area && r.stage === stage.id);
    const flagged = (code: string): number[] => rows.filter((r) => r.flags.some((f) => f.code === code)).map((r) => r.year);
    const big = rows.filter((r) => (r.spread ? classesInRange(r.spread, rule(r)) > 0 : r.pupilsOrganised > 0 && r.classesAvailable === 0)).map((r) => r.year);
    const u = (y: number): string => pct(rows.find((r) => r.year === y)?.utilisation ?? null);
    flagRows.push([
      area === CITY ? "全市 city" : areaZh.get(area)!,
      stageName(stage.id),
      years(flagged("shortfall")),
      `${rule(rows[0]!)}+: ${years(big)}`,
      years(flagged("surplus-risk")),
      u(2020),
      u(2025),
      u(2030),
      u(2035),
    ]);
  }
}
console.log(textTable(["area 县区", "stage 学段", "shortfall 缺位", "class size 班额", "surplus risk 富余", "used 2020", "2025", "2030", "2035"], flagRows, ["left", "left", "left", "left", "left"]));
console.log("");

// 6. Staff needed by the norms, city (sum of the planning-level rows).
console.log("教职工需求 Staff needed by the norms, city (primary 19, junior 13.5, senior 12.5 pupils per member of staff, 中央编办 2014;");
console.log("kindergartens 2 teachers + 1 carer per class of 30, all staff 1 per 5–7 children, 教育部 2013). Staff in post are not in the seed. — estimate");
const staff = staffDemand(planned, chinaStaffNorms);
const STAFF_YEARS = [2020, 2025, 2030, 2035];
console.log(
  textTable(
    ["stage 学段", ...STAFF_YEARS.map(String)],
    chinaSchoolSystem.stages.map((s) => [
      stageName(s.id),
      ...STAFF_YEARS.map((y) => {
        const ds_ = staff.filter((d) => d.stage === s.id && d.year === y);
        const lo = ds_.reduce((a, d) => a + d.staff.low, 0);
        const hi = ds_.reduce((a, d) => a + d.staff.high, 0);
        const teachers = ds_.reduce((a, d) => a + (d.teachers ?? 0), 0);
        return lo === hi ? formatCount(lo) : `${formatCount(lo)}–${formatCount(hi)} (teachers ${formatCount(teachers)})`;
      }),
    ]),
  ),
);
console.log("");

// 7. How sure: seeded simulation.
console.log(`不确定性 How sure: ${DRAWS} simulated paths (seed ${SEED}). P(shortfall) = share of paths with more pupils than places. — estimate`);
const bandsInclude = renderNote(simulationSourcesNote(sim), "en"); // from the simulation's sources
console.log(`${bandsInclude.charAt(0).toUpperCase()}${bandsInclude.slice(1)}.`);
console.log(`The city row is the sum of the counties in each path, against the counties' places summed per path (each county's openings slipping on their own).`);
const simRows: string[][] = [];
for (const area of [CITY, ...hf.areas]) {
  for (const stage of chinaSchoolSystem.stages) {
    const at = (y: number) => sim.rows.find((r) => r.area === area && r.stage === stage.id && r.year === y);
    const cells = [2023, 2025, 2030].flatMap((y) => {
      const r = at(y);
      return [r ? `${formatCount(r.pupils[0]!)}–${formatCount(r.pupils[2]!)}` : "–", r?.pShortfall === undefined ? "–" : pct(r.pShortfall)];
    });
    simRows.push([area === CITY ? "全市 city" : areaZh.get(area)!, stageName(stage.id), ...cells]);
  }
}
console.log(textTable(["area 县区", "stage 学段", "2023 80% band", "P(short)", "2025 80% band", "P(short)", "2030 80% band", "P(short)"], simRows, ["left", "left"]));
console.log("");

// 8. Planned places per county against the pupil growth of the period (illustrative).
console.log("规划学位与学生增量 Planned new places 2021–2025 per county against the forecast pupil growth 2020→2025 — estimate, illustrative");
console.log(
  textTable(
    ["county 县区", "stage 学段", "planned", "pupil growth", "planned − growth", "surplus 2020", "surplus 2025"],
    plan.placesByArea.map((p) => [areaZh.get(p.area) ?? p.area, stageName(p.stage), formatCount(p.planned), signed(p.pupilGrowth), signed(p.balance), signed(p.surplusBase), signed(p.surplusEnd)]),
    ["left", "left"],
  ),
);
console.log("");

// 9. The implied rates per county: illustrative (county births are fixed shares of the city's, so the ratios are the city's).
console.log("分县隐含比率 The same per county, the plan's city targets shared out by each county's 2020 pupils — illustrative only: county births");
console.log("are the city's births times fixed 2008 shares (seed assumption A6), so every county shows the city's ratios.");
const countyImplied: string[][] = [];
for (const area of hf.areas) {
  const own = total.filter((r) => r.area === area);
  const share = (stages: readonly string[]) => {
    const c = own.filter((r) => r.year === ds.baseYear && stages.includes(r.stage)).reduce((s, r) => s + r.pupils, 0);
    const all = total.filter((r) => r.year === ds.baseYear && stages.includes(r.stage)).reduce((s, r) => s + r.pupils, 0);
    return c / all;
  };
  const pts = targets.targets.flatMap((t) => (t.kind === "pupils" ? [{ id: t.id, stages: t.stages, year: t.year, pupils: t.value * share(t.stages), ...(t.baseline ? { baseline: { year: t.baseline.year, pupils: t.baseline.value * share(t.stages) } } : {}) }] : []));
  for (const r of impliedRates(pts, ds.system, { area, births: ds.births, pupils: own, baseYear: ds.baseYear })) {
    countyImplied.push([areaZh.get(area)!, r.id, r2(r.observed?.ratio), r2(r.target.ratio), r.forecast ? r2(r.forecast.ratio) : "–", signed(r.gap)]);
  }
}
console.log(textTable(["county 县区", "target", "per birth 2020", "needed 2025", "forecast 2025", "gap"], countyImplied, ["left", "left"]));
console.log("");

// 10. Per-county pupils.
for (const area of hf.areas) {
  stageTable(total.filter((r) => r.area === area), housing.filter((r) => r.area === area), `${areaName.get(area)}: pupils — estimate, illustrative`);
}

const notes = [...model.notes.map((n) => renderNote(n, "en")), ...hf.notes.map((n) => renderNote(n, "en"))];
if (notes.length) {
  console.log("Notes:");
  for (const n of notes) console.log(`- ${n}`);
}

// 11. The school view (illustration): 江城区's primary schools inside the county forecast, and what it
// shows that the county view cannot (which schools are short, which stand empty, where the 大班额 classes are).
{
  const ill = JSON.parse(readFileSync(new URL("../seeds/yangjiang/schools-illustration.json", import.meta.url), "utf8")) as { schools: unknown[]; schoolEnrolment: unknown[]; schoolPlaces: unknown[] };
  const sds = parseDataset({ ...yangjiangInput, schools: ill.schools, schoolEnrolment: ill.schoolEnrolment, schoolPlaces: ill.schoolPlaces }, chinaSchoolSystem);
  // The schools are reconciled to the county's pupils with new housing (the `total` of sections 3–5), so the
  // schools of 江城区 sum to the county figures above; 80% intervals per school from the model's errors in the history.
  if (hf.total.length !== hf.baseline.pupils.length || hf.areas.join() !== hf.baseline.areas.join() || hf.grades.join() !== hf.baseline.grades.join()) throw new Error("the housing total is not laid out as the baseline forecast");
  const countyFc = { ...hf.baseline, pupils: hf.total };
  const sfc = forecastSchools(sds, countyFc);
  const sa = assessSchools(sfc, sds);
  const names = new Map((sds.schools ?? []).map((x) => [x.id, x.name?.zh ?? x.id]));
  const totalsOf = new Map(schoolTotalRecords(sfc).map((r) => [`${r.school}|${r.year}`, r]));
  const SY = [2020, 2023, 2025, 2030];
  const atLeast = (r: { bands: Readonly<Record<string, number>> }, from: "large" | "super-large") => (from === "large" ? (r.bands.large ?? 0) : 0) + (r.bands["super-large"] ?? 0);
  console.log("");
  console.log("学校视角（示例） The school view — ILLUSTRATION, NOT DATA: 24 invented primary schools of 江城区 (seeds/yangjiang/schools-illustration.*,");
  console.log("method S1–S5 in seeds/yangjiang/README.md: shares moving from village to town-centre schools, places and 班数 invented), reconciled");
  console.log("to the county's primary pupils above. The county view nets the schools; the school view does not.");
  const countyRows = assessment.filter((r) => r.area === "jiangcheng" && r.stage === "primary");
  console.log(
    textTable(
      ["year", "county view: 56+ classes (even spread)", "schools: net surplus", "short", "places short", `under ${Math.round(sa.utilisationFloor.value * 100)}% used`, "their spare places", "56+ classes", "66+ classes", "pupils over 45/class"],
      SY.map((y) => {
        const f = sa.areas.find((x) => x.area === "jiangcheng" && x.year === y)!;
        const rows = sa.rows.filter((r) => r.year === y);
        const county = countyRows.find((r) => r.year === y);
        return [
          String(y),
          county ? formatCount(county.atOrAbove.large ?? 0) : "–",
          signed(f.netSurplus),
          String(f.schoolsShort),
          formatCount(f.shortBy),
          String(f.schoolsUnderUsed),
          formatCount(f.spareInUnderUsed),
          formatCount(rows.reduce((t, r) => t + atLeast(r, "large"), 0)),
          formatCount(rows.reduce((t, r) => t + atLeast(r, "super-large"), 0)),
          pct(f.shareOverStandard),
        ];
      }),
      ["left"],
    ),
  );
  const y25 = sa.rows.filter((r) => r.year === 2025);
  const band = (r: (typeof y25)[number]) => {
    const t = totalsOf.get(`${r.school}|2025`);
    return t?.lower != null && t.upper != null ? `${formatCount(t.lower)}–${formatCount(t.upper)}` : "–";
  };
  const short = y25.filter((r) => (r.surplus ?? 0) < 0).sort((a, b) => a.surplus! - b.surplus!);
  const under = y25.filter((r) => (r.surplus ?? 0) >= 0 && r.utilisation !== null && r.utilisation < sa.utilisationFloor.value).sort((a, b) => a.utilisation! - b.utilisation!);
  console.log(`2025: ${short.length} schools short, ${under.length} under ${Math.round(sa.utilisationFloor.value * 100)}% used — illustration`);
  console.log(
    textTable(
      ["school 学校", "", "pupils 2025", "80% interval", "places", "surplus", "used", "56+ classes", "66+", "largest class"],
      [...short, ...under].map((r) => [names.get(r.school) ?? r.school, (r.surplus ?? 0) < 0 ? "short 缺学位" : "under-used 闲置", formatCount(r.pupils), band(r), formatCount(r.places ?? 0), signed(r.surplus), pct(r.utilisation), formatCount(atLeast(r, "large")), formatCount(atLeast(r, "super-large")), String(r.largestClass)]),
      ["left", "left"],
    ),
  );
  const large = y25.filter((r) => atLeast(r, "large") > 0);
  const kinds = [...new Set(large.map((r) => (sds.schools ?? []).find((x) => x.id === r.school)?.urbanRural ?? "?"))];
  console.log(`大班额 2025: ${large.length} of ${y25.length} schools have classes of 56 or more (${formatCount(large.reduce((t, r) => t + atLeast(r, "large"), 0))} classes; schools: ${kinds.join(", ")}), their 班数 held at 2020's — illustration.`);
  for (const n of sa.notes.filter((x) => x.code === "schools.mismatch" && SY.includes(Number(x.params.year)))) console.log(`- ${renderNote({ ...n, params: { ...n.params, area: "江城区" } }, "zh-CN")}`);
}
// 12. The advisor: which of the planned places to keep, defer or cancel, and what else, at P(shortfall) ≤ 10 %.
const RISK = 0.1;
const advice = await advise(sim.paths!, capacitySchedule(ds), estimatedLevers, { risk: RISK });
console.log("");
console.log(`建议 Advice: the plan's places against the advised ones, per stage over the six counties, from the same ${DRAWS} paths (seed ${SEED});`);
console.log(`decided in ${advice.decisionYear}, P(shortfall) ≤ ${RISK * 100}% in every county-stage-year (solver ${advice.solver}). Costs in empty place-years`);
console.log("(estimatedLevers: a pupil-year short weighs 5, a new place 20, a temporary place-year 3 — estimates, see docs/advise.md). — estimate, illustrative");
const cmp = compareWithPlan(advice, targets.period);
const placeTarget = (stage: string) => plan.targets.find((t) => t.kind === "places" && t.stages.length === 1 && t.stages[0] === stage)?.target?.value ?? null;
const y0 = advice.years[0]!;
const y1 = advice.years[advice.years.length - 1]!;
console.log(
  textTable(
    ["stage 学段", "plan target", "new places plan", "advised", `empty place-yrs ${y0}–${y1} plan`, "advised", "short pupil-yrs plan", "advised", "max P(short) plan", "advised", "cost plan", "advised"],
    cmp.map((c) => [
      stageName(c.stage),
      placeTarget(c.stage) === null ? "–" : formatCount(placeTarget(c.stage)!),
      formatCount(c.plan.newPlaces),
      formatCount(Math.round(c.advised.newPlaces)),
      formatCount(Math.round(c.plan.emptyPlaceYears)),
      formatCount(Math.round(c.advised.emptyPlaceYears)),
      formatCount(Math.round(c.plan.shortfallPupilYears)),
      formatCount(Math.round(c.advised.shortfallPupilYears)),
      pct(c.plan.maxPShortfall),
      pct(c.advised.maxPShortfall),
      formatCount(Math.round(c.plan.cost)),
      formatCount(Math.round(c.advised.cost)),
    ]),
    ["left"],
  ),
);
const decided = (d: string) => advice.projects.filter((p) => p.decision === d);
const sumPlaces = (ps: readonly { places: number }[]) => formatCount(ps.reduce((s, p) => s + p.places, 0));
console.log(
  `Planned projects: ${decided("keep").length} kept (${sumPlaces(decided("keep"))} places), ${decided("defer").length} deferred (${sumPlaces(decided("defer"))}), ` +
    `${decided("cancel").length} cancelled (${sumPlaces(decided("cancel"))}), ${decided("committed").length} committed (${sumPlaces(decided("committed"))}).`,
);
console.log("Advised places per county and stage (2023 / 2025 / 2030 / 2035, plan → advised):");
const ADV_YEARS = [2023, 2025, 2030, 2035].filter((y) => advice.years.includes(y));
console.log(
  textTable(
    ["county 县区", "stage 学段", ...ADV_YEARS.map(String)],
    advice.cells.map((c) => [
      areaZh.get(c.area) ?? c.area,
      stageName(c.stage),
      ...ADV_YEARS.map((y) => {
        const r = c.rows.find((x) => x.year === y)!;
        return `${formatCount(Math.round(r.planPlaces))} → ${formatCount(Math.round(r.advisedPlaces))}`;
      }),
    ]),
    ["left", "left"],
  ),
);
const reasons = advice.notes.filter((n) => n.code !== "advise.project-kept" && n.code !== "advise.project-committed" && n.code !== "advise.no-supply-line").slice(0, 12);
console.log("Reasons (first 12 of the notes other than projects kept):");
for (const n of reasons) console.log(`- ${adviseNoteTexts[n.code]?.en(n.params) ?? n.code}`);

