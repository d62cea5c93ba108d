/**
 * Benchmark of school-level advice (issue 19): 300 synthetic schools of one county in 20 学区 of
 * 15 (60 % primary P1–P6, 40 % junior J1–J3), 8 history years (2013–2020), forecast to 2035 (15
 * years), 1,000 simulated paths (`simulateSchools`, seed 20210101), places per school and a planned
 * extension of every seventh school; `advise` with `estimatedLevers`, risk 0.1, and places
 * moving between the schools of a 学区 (`moves`, estimated figures below), new places in any
 * amount (`wholeBlocks: false`: linear programs but for the planned extensions; whole blocks with
 * the argument `whole`), 16 breakpoints of each year's cost curve (on this case the advised cost
 * 1,024,168.58 against 1,024,168.14 with 48 breakpoints: 4 in 10⁷); target under 10 s.
 * The data, forecast and paths are built once and not timed; HiGHS is loaded once (timed apart);
 * then `schoolAdviceInput` + `advise` are timed `runs` times.
 *
 * The data are synthetic (a fixed linear congruential generator), not estimates of a real county.
 *
 * Run by itself: npx tsx bench/advise-schools.ts [runs] [schools] [whole|any] [breakpoints]   (prints one JSON line;
 * uses src/); in `npm run bench` as the case `advise-schools` (on dist/, its own process).
 */
import { fileURLToPath } from "node:url";
import type { DatasetInput, Levers } from "../src/index.js";
import { loadAverage, machine, summarise, type Lib, type Timing } from "./measure.js";

const PRIMARY = ["P1", "P2", "P3", "P4", "P5", "P6"];
const JUNIOR = ["J1", "J2", "J3"];
export const SCHOOLS = 300;
export const PER_AREA = 15;

/** Synthetic records of one county: 学区 of `perArea` schools, their enrolment, places and planned extensions. */
export function countySchoolsInput(schools: number, perArea: number): DatasetInput {
  let x = 12345;
  const u = (): number => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 4294967296;
  const A = Math.ceil(schools / perArea);
  const grades = [...PRIMARY, ...JUNIOR];
  const areas: { id: string; parent?: string; grades?: string[] }[] = [{ id: "county" }];
  for (let a = 0; a < A; a++) areas.push({ id: `xq${a}`, parent: "county", grades });
  const areaPupils = new Map<string, number>();
  const schoolRecs = [];
  const schoolEnrolment = [];
  const schoolPlaces = [];
  const plannedPlaces = [];
  for (let s = 0; s < schools; s++) {
    const area = `xq${Math.floor(s / perArea)}`;
    const junior = s % 5 < 2;
    const gs = junior ? JUNIOR : PRIMARY;
    const size = 20 + u() * 200;
    const trend = 0.04 * (u() - 0.5);
    let last = 0;
    for (let year = 2013; year <= 2020; year++) {
      for (const grade of gs) {
        const pupils = Math.round(size * (1 + trend * (year - 2013)) * (0.9 + 0.2 * u()));
        schoolEnrolment.push({ school: `s${s}`, year, grade, pupils });
        const k = `${area}\u0000${year}\u0000${grade}`;
        areaPupils.set(k, (areaPupils.get(k) ?? 0) + pupils);
        if (year === 2020) last += pupils;
      }
    }
    schoolRecs.push({ id: `s${s}`, area, grades: [{ first: gs[0]!, last: gs[gs.length - 1]! }] });
    schoolPlaces.push({ school: `s${s}`, year: 2015, places: Math.round(last * (0.75 + 0.5 * u())) });
    if (s % 7 === 0) plannedPlaces.push({ area, stage: junior ? "junior" : "primary", year: 2022 + (s % 5), places: junior ? 150 : 135, school: `s${s}`, project: `ext-s${s}` });
  }
  const enrolment = [...areaPupils].map(([k, pupils]) => {
    const [area, year, grade] = k.split("\u0000");
    return { area: area!, year: Number(year), grade: grade!, pupils };
  });
  return { areas, enrolment, schools: schoolRecs, schoolEnrolment, schoolPlaces, plannedPlaces };
}

const EST = "estimate (benchmark figure, not a measured cost): ";
/** `estimatedLevers` with places moving between the schools of one 学区. */
export function schoolLevers(lib: Lib, groups: readonly (readonly string[])[]): Levers {
  return {
    ...lib.estimatedLevers,
    moves: {
      groups: { value: groups, source: EST + "the schools of one 学区" },
      costPerPlaceYear: { value: 1, source: EST + "a pupil taught at a neighbouring school of the 学区 costs one empty place-year a year (a longer journey)" },
      leadTime: { value: 1, source: EST + "a catchment line redrawn for the next school year" },
      capShare: { value: 0.2, source: EST + "a school lends at most a fifth of its places" },
    },
  };
}

/** Builds the county, forecasts and simulates its schools (untimed), then times `schoolAdviceInput` + `advise` `runs` times. */
export async function adviseSchoolsCase(lib: Lib, runs: number, schools = SCHOOLS, wholeBlocks = false, maxBreakpoints = 16, draws = 1000): Promise<Record<string, unknown> & { time: Timing }> {
  const ds = lib.parseDataset(countySchoolsInput(schools, PER_AREA), lib.chinaSchoolSystem);
  const sf = lib.forecastSchools(ds, lib.forecast(lib.fitModel(ds), { to: 2035 }), { level: 0.8 });
  const sp = lib.simulateSchools(sf, { draws, seed: 20210101 });
  let t0 = performance.now();
  const solver = await lib.loadHighsSolver();
  const loadMs = performance.now() - t0;
  const times: number[] = [];
  let summary: Record<string, unknown> = {};
  const loadBefore = loadAverage();
  for (let r = 0; r < runs; r++) {
    t0 = performance.now();
    const input = lib.schoolAdviceInput(sp, sf, ds);
    const a = await lib.advise(input.paths, input.supply, schoolLevers(lib, input.groups), { risk: 0.1, solver, wholeBlocks, maxBreakpoints });
    times.push(performance.now() - t0);
    if (a.cells.length !== schools) throw new Error(`expected ${schools} cells, got ${a.cells.length}`);
    summary = {
      advisedCost: a.cells.reduce((s, c) => s + c.advised.cost, 0),
      planCost: a.cells.reduce((s, c) => s + c.plan.cost, 0),
      moves: a.moves.length,
      placeYearsMoved: a.moves.reduce((s, m) => s + m.places, 0),
      projects: Object.fromEntries(["keep", "defer", "cancel", "committed"].map((d) => [d, a.projects.filter((p) => p.decision === d).length])),
    };
  }
  return { case: "advise-schools", schools, wholeBlocks, maxBreakpoints, areas: Math.ceil(schools / PER_AREA), years: sp.years.length, draws, runs, ...summary, time: summarise(times), highsLoadMs: Math.round(loadMs), targetMs: 10000, load: `${loadBefore} → ${loadAverage()}` };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const lib = { ...(await import("../src/index.js")), ...(await import("../src/seeds.js")) } as Lib;
  const out = await adviseSchoolsCase(lib, Number(process.argv[2] ?? 3), Number(process.argv[3] ?? SCHOOLS), process.argv[4] === "whole", Number(process.argv[5] ?? 16));
  console.log(JSON.stringify({ ...out, machine: machine() }));
}
