/**
 * School-level benchmark data (issue 16), for the cases `schools-national` and `schools-county`
 * of bench/case.ts (run by `npm run bench`, each in its own process, on the built package):
 * - national: `S` synthetic schools (200,000) in areas of 80, grades P1–J3 (primary schools
 *   P1–P6, junior J1–J3), 5 history years, forecast 5 years: fit (`fitSchoolPanel`, κ given: the
 *   cross-validated choice is not part of this path), projection with reconciliation and
 *   combination (`projectSchoolPanel`), places held per school (`schoolPlaceFlags`).
 *   Target < 3 s and < 2 GiB.
 * - county: a dataset of one county with 300 schools (same grades and years), through the record
 *   façade: `fitModel` + `forecast` of the county, `forecastSchools` (κ given, no intervals),
 *   `simulate` of the county with 1,000 draws and its paths kept, and `simulateSchools`
 *   reconciled to those paths (the share-error table, the noise and the reconciliation).
 *   Target < 1 s.
 * Synthetic data are deterministic (a fixed linear congruential generator).
 */
import type { SchoolPanel } from "../src/index.js";

/** Grades of the synthetic schools (China system: primary P1–P6, junior J1–J3). */
export const SCHOOL_GRADES = ["P1", "P2", "P3", "P4", "P5", "P6", "J1", "J2", "J3"] as const;
const G = SCHOOL_GRADES.length;
/** History years and forecast years of the synthetic panels. */
export const SCHOOL_HISTORY = 5;
export const SCHOOL_HORIZON = 5;
const FIRST = 2016;

function lcg(seed: number): () => number {
  let x = seed;
  return () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 4294967296;
}

/** A synthetic panel of S schools in areas of `perArea` (2 in 5 junior schools, the rest primary), and places per school and year. */
export function syntheticSchoolPanel(S: number, perArea: number): { panel: SchoolPanel; places: Float64Array } {
  const Y = SCHOOL_HISTORY;
  const H = SCHOOL_HORIZON;
  const T = Y + H;
  const W = H + 1;
  const u = lcg(12345);
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
  const panel: SchoolPanel = { schools: Array.from({ length: S }, (_, i) => `s${i}`), areas: Array.from({ length: A }, (_, i) => `a${i}`), areaOf, grades: [...SCHOOL_GRADES], firstYear: FIRST, baseYear: FIRST + Y - 1, to: FIRST + Y - 1 + H, pupils, offered, areaPupils };
  return { panel, places };
}

/** Tidy records of one county with S schools (the same generator): the county's enrolment is the sum of its schools. */
export function syntheticCountyInput(S: number): Record<string, unknown[]> {
  const u = lcg(54321);
  const Y = SCHOOL_HISTORY;
  const schools: unknown[] = [];
  const schoolEnrolment: { school: string; year: number; grade: string; pupils: number }[] = [];
  const area = new Float64Array(G * Y);
  for (let s = 0; s < S; s++) {
    const junior = s % 5 < 2;
    const size = 20 + u() * 200;
    const lo = junior ? 6 : 0;
    const hi = junior ? 8 : 5;
    schools.push({ id: `s${s}`, area: "county", grades: [{ first: SCHOOL_GRADES[lo], last: SCHOOL_GRADES[hi] }] });
    for (let g = lo; g <= hi; g++) {
      for (let y = 0; y < Y; y++) {
        const v = Math.round(size * (0.85 + 0.3 * u()));
        schoolEnrolment.push({ school: `s${s}`, year: FIRST + y, grade: SCHOOL_GRADES[g]!, pupils: v });
        area[g * Y + y]! += v;
      }
    }
  }
  const enrolment = SCHOOL_GRADES.flatMap((grade, g) => Array.from({ length: Y }, (_, y) => ({ area: "county", year: FIRST + y, grade, pupils: area[g * Y + y]! })));
  return { areas: [{ id: "county", grades: [...SCHOOL_GRADES] }], enrolment, schools, schoolEnrolment };
}
