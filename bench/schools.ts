/**
 * School-level benchmark (issue 16), one process: `npx tsx bench/schools.ts [schools] [runs]`.
 * - national: `schools` synthetic schools (default 200,000) in areas of 80, grades P1–J3
 *   (primary schools P1–P6, junior J1–J3), 5 history years, forecast 5 years: fit
 *   (`fitSchoolPanel`, κ given: the cross-validated choice is not part of this path), projection
 *   with reconciliation and combination (`projectSchoolPanel`), places held per school
 *   (`schoolPlaceFlags`). Target < 3 s and < 2 GiB.
 * - county: 300 schools, the same plus the rolling-origin error table and 1,000 simulated paths
 *   (`simulateSchools`). Target < 1 s.
 * Synthetic data are deterministic (a fixed linear congruential generator). Prints JSON lines.
 */
import { fitSchoolPanel, projectSchoolPanel, resolveSchoolOptions, schoolErrorTable, schoolPlaceFlags, simulateSchools, type SchoolForecast, type SchoolPanel } from "../src/schools/index.js";

const G = 9;
const Y = 5;
const H = 5;
const T = Y + H;
const W = H + 1;

function synthetic(S: number, perArea: number): { panel: SchoolPanel; places: Float64Array } {
  let x = 12345;
  const u = (): number => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 4294967296);
  const A = Math.ceil(S / perArea);
  const areaOf = new Int32Array(S);
  const pupils = new Float64Array(S * G * Y);
  const offered = new Uint8Array(S * G * T);
  const areaPupils = new Float64Array(A * G * T);
  const places = new Float64Array(S * W);
  for (let s = 0; s < S; s++) {
    const a = Math.floor(s / perArea);
    areaOf[s] = a;
    const junior = s % 5 < 2;
    const size = 20 + u() * 200;
    let tot = 0;
    for (let g = junior ? 6 : 0; g < (junior ? 9 : 6); g++) {
      for (let t = 0; t < T; t++) offered[(s * G + g) * T + t] = 1;
      for (let y = 0; y < Y; y++) {
        const v = Math.round(size * (0.85 + 0.3 * u()));
        pupils[(s * G + g) * Y + y] = v;
        areaPupils[(a * G + g) * T + y]! += v;
        if (y === Y - 1) tot += v;
      }
    }
    for (let h = 0; h < W; h++) places[s * W + h] = Math.round(tot * (0.7 + 0.6 * u()));
  }
  for (let a = 0; a < A; a++) for (let g = 0; g < G; g++) for (let t = Y; t < T; t++) areaPupils[(a * G + g) * T + t] = areaPupils[(a * G + g) * T + Y - 1]! * (1 - 0.02 * (t - Y + 1));
  const panel: SchoolPanel = { schools: Array.from({ length: S }, (_, i) => `s${i}`), areas: Array.from({ length: A }, (_, i) => `a${i}`), areaOf, grades: ["P1", "P2", "P3", "P4", "P5", "P6", "J1", "J2", "J3"], firstYear: 2016, baseYear: 2016 + Y - 1, to: 2016 + Y - 1 + H, pupils, offered, areaPupils };
  return { panel, places };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const S = Number(process.argv[2] ?? 200000);
const runs = Number(process.argv[3] ?? 5);
const opts = resolveSchoolOptions({ shrinkage: 1000 });

{
  const { panel, places } = synthetic(S, 80);
  const times: number[] = [];
  let flagged = 0;
  for (let r = 0; r < runs + 1; r++) {
    const t0 = performance.now();
    const fit = fitSchoolPanel(panel, opts);
    const proj = projectSchoolPanel(panel, fit, opts);
    const f = schoolPlaceFlags(proj.pupils, places, panel.areaOf, panel.areas.length, G, W, 0.8);
    flagged = f.short.reduce((a, b) => a + b, 0);
    if (r > 0) times.push(performance.now() - t0);
  }
  console.log(JSON.stringify({ case: "schools-national", schools: S, areas: panel.areas.length, runs, medianMs: Math.round(median(times)), minMs: Math.round(Math.min(...times)), maxMs: Math.round(Math.max(...times)), schoolYearsShort: flagged, peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }));
}
{
  const { panel } = synthetic(300, 300);
  const times: number[] = [];
  let last = 0;
  for (let r = 0; r < runs + 1; r++) {
    const t0 = performance.now();
    const fit = fitSchoolPanel(panel, opts);
    const proj = projectSchoolPanel(panel, fit, opts);
    const errors = schoolErrorTable(panel, opts, H);
    const sf: SchoolForecast = { panel, fit, options: opts, years: [2020, 2021, 2022, 2023, 2024, 2025], pupils: proj.pupils, raw: proj.raw, lower: new Float64Array(0), upper: new Float64Array(0), level: 0.8, errors, notes: [] };
    last = simulateSchools(sf, { draws: 1000, seed: 1 }).totals.length;
    if (r > 0) times.push(performance.now() - t0);
  }
  console.log(JSON.stringify({ case: "schools-county-1000-draws", schools: 300, draws: 1000, values: last, runs, medianMs: Math.round(median(times)), minMs: Math.round(Math.min(...times)), maxMs: Math.round(Math.max(...times)) }));
}
