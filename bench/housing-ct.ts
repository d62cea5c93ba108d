/**
 * Real-data check of the housing component: does adding new-housing pupils change rolling-origin
 * accuracy for Connecticut town districts with many housing permits?
 *
 * Run: npx tsx bench/housing-ct.ts
 *
 * Data: CT district enrolment by grade 2007–2015 (CSDE) joined to CT town housing permits
 * 1990–2017 (DECD) through the district's town (`ctDistrictTownMatch`; town districts only).
 *
 * Protocol:
 * - origins 2009–2014 (history from 2007, so at least 3 years); each model is fitted on the
 *   history up to its origin only (the library's default ratio method and entry from the state's
 *   births); the above-trend window is then the model's fitting window (the whole history from
 *   2007 under the default simple exponential smoothing), which includes the 2007–2008 permits
 *   from before the housing crash;
 * - forecasts 1–3 years ahead, compared with the actual district total (K–G12, the grades the
 *   district teaches); MAPE = mean |forecast − actual| / actual × 100 over districts × origins,
 *   bias = the mean signed error; districts with a suppressed cell are left out (incomplete totals);
 * - "high-permit" districts: the top quartile of town districts by permits 2000–2008 (known at
 *   the first origin);
 * - housing: permits of calendar year y are taken as dwellings first occupied in school year
 *   y + 1 (about a year from permit to occupation). The future pipeline is the actual permits,
 *   i.e. perfect knowledge of what gets built: the housing component's best case;
 * - yields (bench assumption): 0.40 public-school pupils per new dwelling over K–G12, spread over
 *   the 13 grades (elementary K–G5 6/13, middle 3/13, high 4/13): Connecticut has roughly
 *   0.4 public-school pupils per household (about 550,000 pupils, 1.37 million households, 2010);
 *   also run at 0.2 and 0.8. Phasing as the China default (0.3, 0.3, 0.2, 0.1, 0.05, 0.05).
 * - remedies: `evidence` (the default: per district, subtract where the history shows the
 *   predicted pupils of past permits, fit as is where it shows they did not come, above-trend
 *   where it cannot tell), `above-trend`, `subtract`, `future`; the findings of the evidence test
 *   are tallied at the end. Results and the choice: docs/housing-remedy.md.
 */
import {
  fitModel,
  forecastWithHousing,
  parseDataset,
  usK12SchoolSystem,
  type DoubleCountRemedy,
  type YieldTable,
} from "../src/index.js";
import { loadCtDistricts, loadCtHousingPermits } from "../test/fixtures/load.js";

const ORIGINS = [2009, 2010, 2011, 2012, 2013, 2014];
const H = 3;
const LAST = 2015;

function yields(total: number): YieldTable {
  return {
    id: `ct-bench-${total}`,
    source: "bench assumption: about 0.4 public-school pupils per Connecticut household (2010); scaled for the sensitivity runs",
    perDwelling: { elementary: (total * 6) / 13, middle: (total * 3) / 13, high: (total * 4) / 13 },
    phasing: { weights: [0.3, 0.3, 0.2, 0.1, 0.05, 0.05], source: "placecast default phasing (planning assumption)" },
  };
}

const full = loadCtDistricts({ kinds: ["town"] });
const permits = loadCtHousingPermits().rows;
const permitsByTown = new Map<string, Map<number, number>>();
for (const r of permits) {
  let m = permitsByTown.get(r.town);
  if (!m) permitsByTown.set(r.town, (m = new Map()));
  m.set(r.year, r.permits);
}
const districts = full.districts.filter((d) => d.town !== undefined && permitsByTown.has(d.town));
const townOf = new Map(districts.map((d) => [d.id, d.town!]));

// Actual district totals.
const actual = new Map<string, number>();
for (const r of full.input.enrolment) {
  if (!townOf.has(r.area) || r.pupils === null) continue;
  const k = `${r.area} ${r.year}`;
  actual.set(k, (actual.get(k) ?? 0) + r.pupils);
}
// Districts with a suppressed cell in some year: their totals are incomplete, leave them out.
const incomplete = new Set(full.input.enrolment.filter((r) => r.pupils === null).map((r) => r.area));

// High-permit districts: top quartile by permits 2000–2008.
const early = districts
  .filter((d) => !incomplete.has(d.id))
  .map((d) => {
    let s = 0;
    for (let y = 2000; y <= 2008; y++) s += permitsByTown.get(d.town!)?.get(y) ?? 0;
    return { id: d.id, town: d.town!, permits: s };
  })
  .sort((p, q) => q.permits - p.permits);
const q = Math.ceil(early.length / 4);
const high = new Set(early.slice(0, q).map((d) => d.id));
const threshold = early[q - 1]!.permits;

// Housing records (all years; the remedy decides what counts).
const housing = districts.flatMap((d) =>
  [...permitsByTown.get(d.town!)!].map(([year, n]) => ({ area: d.id, year: year + 1, dwellings: n, note: `permits ${year}` })),
);

interface Errors {
  readonly byH: number[][];
}
type Variant = { readonly label: string; readonly remedy?: DoubleCountRemedy; readonly total?: number };
const variants: Variant[] = [
  { label: "cohort baseline (no housing)" },
  { label: "+ housing, evidence, 0.4/dwelling", remedy: "evidence", total: 0.4 },
  { label: "+ housing, above-trend, 0.4/dwelling", remedy: "above-trend", total: 0.4 },
  { label: "+ housing, subtract, 0.4/dwelling", remedy: "subtract", total: 0.4 },
  { label: "+ housing, future in full, 0.4/dwelling", remedy: "future", total: 0.4 },
  { label: "+ housing, evidence, 0.2/dwelling", remedy: "evidence", total: 0.2 },
  { label: "+ housing, evidence, 0.8/dwelling", remedy: "evidence", total: 0.8 },
  { label: "+ housing, subtract, 0.2/dwelling", remedy: "subtract", total: 0.2 },
  { label: "+ housing, subtract, 0.8/dwelling", remedy: "subtract", total: 0.8 },
];
const errs = new Map<string, { high: Errors; rest: Errors }>();
for (const v of variants) errs.set(v.label, { high: { byH: [[], [], []] }, rest: { byH: [[], [], []] } });

for (const origin of ORIGINS) {
  const load = loadCtDistricts({ kinds: ["town"], toYear: origin, districts: districts.map((d) => d.id) });
  const ds = parseDataset({ ...load.input, housing }, usK12SchoolSystem);
  const model = fitModel(ds);
  const to = Math.min(LAST, origin + H);
  for (const v of variants) {
    const hf = forecastWithHousing(model, { to, yields: yields(v.total ?? 0.4), remedy: v.remedy ?? "future" });
    const data = v.remedy === undefined ? hf.baseline.pupils : hf.total;
    const G = hf.grades.length;
    const W = hf.years.length;
    hf.areas.forEach((area, a) => {
      if (!townOf.has(area) || incomplete.has(area)) return;
      for (let h = 1; h < W; h++) {
        let f = 0;
        for (let g = 0; g < G; g++) f += data[(a * G + g) * W + h]!;
        const act = actual.get(`${area} ${origin + h}`);
        if (act === undefined || act === 0) continue;
        const e = errs.get(v.label)!;
        (high.has(area) ? e.high : e.rest).byH[h - 1]!.push(((f - act) / act) * 100);
      }
    });
  }
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + Math.abs(b), 0) / xs.length;
const bias = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const base = errs.get(variants[0]!.label)!;
/** Better / equal (within 0.001 points) / worse than the baseline, high-permit cases, per horizon. */
function tally(label: string): string {
  const e = errs.get(label)!;
  return e.high.byH
    .map((xs, h) => {
      let better = 0;
      let same = 0;
      xs.forEach((x, i) => {
        const b = Math.abs(base.high.byH[h]![i]!);
        const y = Math.abs(x);
        if (Math.abs(y - b) < 1e-3) same++;
        else if (y < b) better++;
      });
      return `h${h + 1} ${better}/${same}/${xs.length - better - same}`;
    })
    .join(", ");
}

console.log(`CT town districts: ${districts.length} matched to a town, ${incomplete.size} left out (a suppressed cell), ${early.length} scored`);
console.log(`high-permit districts (top quartile by permits 2000–2008, ≥ ${threshold} permits): ${high.size} — ${early.slice(0, q).map((d) => d.town).join(", ")}`);
console.log(`origins ${ORIGINS.join(", ")}; horizons 1–${H}; MAPE of district totals (K–G12), %\n`);
const pad = (s: string, n: number): string => s + " ".repeat(Math.max(0, n - s.length));
console.log(pad("variant", 50) + "high-permit h1   h2     h3   | other districts h1  h2     h3");
for (const v of variants) {
  const e = errs.get(v.label)!;
  const f = (xs: readonly number[]): string => pad(mean(xs).toFixed(2), 7);
  console.log(pad(v.label, 50) + `${f(e.high.byH[0]!)}${f(e.high.byH[1]!)}${f(e.high.byH[2]!)}| ${f(e.rest.byH[0]!)}${f(e.rest.byH[1]!)}${f(e.rest.byH[2]!)}`);
}
console.log(`\nn (district × origin) per horizon, high-permit: ${base.high.byH.map((x) => x.length).join(", ")}; other: ${base.rest.byH.map((x) => x.length).join(", ")}`);
console.log("\nbias (mean signed % error, forecast − actual), high-permit h1 h2 h3 | other h1 h2 h3:");
for (const v of variants) {
  const e = errs.get(v.label)!;
  console.log(`  ${pad(v.label, 48)}${[...e.high.byH, ...e.rest.byH].map((xs) => bias(xs).toFixed(2)).join("  ")}`);
}
console.log("\nhigh-permit cases better / same / worse than the baseline:");
for (const v of variants.slice(1)) console.log(`  ${pad(v.label, 48)}${tally(v.label)}`);

// What the evidence test found, per origin (0.4 pupils per dwelling).
const findings = new Map<string, number>();
for (const origin of ORIGINS) {
  const load = loadCtDistricts({ kinds: ["town"], toYear: origin, districts: districts.map((d) => d.id) });
  const ds = parseDataset({ ...load.input, housing }, usK12SchoolSystem);
  const hf = forecastWithHousing(fitModel(ds), { to: Math.min(LAST, origin + H), yields: yields(0.4), remedy: "evidence" });
  for (const e of hf.evidence) {
    if (incomplete.has(e.area) || !townOf.has(e.area)) continue;
    const k = `${high.has(e.area) ? "high-permit" : "other"} ${e.finding}`;
    findings.set(k, (findings.get(k) ?? 0) + 1);
  }
}
console.log("\nevidence findings (district × origin, 0.4/dwelling):");
for (const [k, n] of [...findings].sort()) console.log(`  ${k}: ${n}`);
