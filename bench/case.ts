/**
 * One benchmark case, run in its own process by run.ts (so that each case has its own heap and
 * its own peak RSS): `tsx bench/case.ts <case> [areas] [draws] [runs]`. Prints one JSON line.
 */
import type { Dataset } from "../src/index.js";
import { BASE_YEAR, DRAWS, MODEL_OPTIONS, SEED, TO } from "./config.js";
import { adviseSchoolsCase } from "./advise-schools.js";
import { adviseYangjiangCase } from "./advise.js";
import { nationalInput, simulationInputs, yangjiangWithPlaces } from "./data.js";
import { collect, loadLib, peakRssMiB, summarise, time, type Timing } from "./measure.js";
import { naiveDifference, naiveForecast } from "./naive.js";
import { SCHOOL_HORIZON, syntheticCountyInput, syntheticSchoolPanel } from "./schools.js";
import { startPool } from "./parallel.js";

const lib = await loadLib();
const [name = "", a1, a2, a3] = process.argv.slice(2);
const areas = Number(a1 ?? 2844);
const draws = Number(a2 ?? DRAWS);
const runs = Number(a3 ?? 5);

/** A shallow copy: a new dataset object holding the same records (so the same enrolment cube). */
const fresh = (ds: Dataset): Dataset => ({ ...ds });

function deterministic(ds: Dataset): number {
  const model = lib.fitModel(ds, MODEL_OPTIONS);
  const hf = lib.forecastWithHousing(model, { to: TO });
  const rows = lib.componentStageTotals(hf).filter((r) => r.component === "total");
  return lib.assessCapacity(rows, ds).length;
}

const out: Record<string, unknown> = { case: name, areas, pid: process.pid };
switch (name) {
  case "parse": {
    const input = nationalInput(areas);
    out.records = Object.values(input).reduce((s, v) => s + (v as unknown[]).length, 0);
    out.time = time(runs, 1, () => input, (i) => lib.safeParseDataset(i, lib.chinaSchoolSystem), (r) => {
      if (!r.success) throw new Error("synthetic data did not parse");
    });
    break;
  }
  case "yangjiang": {
    const ds = yangjiangWithPlaces(lib);
    out.areas = ds.areas.length - 1;
    out.time = time(runs, 3, () => fresh(ds), (d) => {
      const model = lib.fitModel(d, MODEL_OPTIONS);
      const fc = lib.forecast(model, { to: 2035 });
      return lib.assessCapacity(lib.stageTotals(fc), d).length;
    });
    break;
  }
  case "national": {
    const ds = lib.parseDataset(nationalInput(areas), lib.chinaSchoolSystem);
    // Places per area, stage and year depend on the data only: scheduled once per dataset.
    let schedule = lib.capacitySchedule(ds, { from: BASE_YEAR, to: TO });
    out.schedule = time(3, 0, () => ds, (d) => (schedule = lib.capacitySchedule(d, { from: BASE_YEAR, to: TO })));
    // The typed path: fit + forecast + assessment cube (the enrolment cube is built once per
    // dataset by the first fit, a warm-up run here; its cost is reported as `cube`).
    const kernel = (d: Dataset): number => {
      const model = lib.fitModel(d, MODEL_OPTIONS);
      const fc = lib.forecast(model, { to: TO });
      return lib.assessForecast(fc, lib.placesCube(schedule, fc.areas, fc.years)).flags.length;
    };
    // Five untimed runs first: the functions run once per call (fitModel, forecast, …) reach
    // optimised code after a few calls, as they would in a tool that forecasts more than once.
    out.time = time(runs, 5, () => fresh(ds), kernel);
    out.warm = time(runs * 3, 2, () => fresh(ds), kernel, undefined, false);
    out.cube = time(3, 0, () => ({ ...ds, enrolment: [...ds.enrolment] }), (d) => lib.enrolmentCube(d));
    // The record path: housing component, tidy stage rows and assessment rows with reasons in words.
    out.rows = time(runs, 1, () => fresh(ds), deterministic);
    const parts: Record<string, number[]> = { fit: [], forecastWithHousing: [], stageTotals: [], assess: [] };
    for (let i = 0; i < runs; i++) {
      const d = fresh(ds);
      collect();
      let t = performance.now();
      const model = lib.fitModel(d, MODEL_OPTIONS);
      parts.fit!.push(performance.now() - t);
      t = performance.now();
      const hf = lib.forecastWithHousing(model, { to: TO });
      parts.forecastWithHousing!.push(performance.now() - t);
      t = performance.now();
      const rows = lib.componentStageTotals(hf).filter((r) => r.component === "total");
      parts.stageTotals!.push(performance.now() - t);
      t = performance.now();
      lib.assessCapacity(rows, d);
      parts.assess!.push(performance.now() - t);
    }
    out.parts = Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, summarise(v).median]));
    break;
  }
  case "naive": {
    const input = nationalInput(areas);
    const ds = lib.parseDataset(input, lib.chinaSchoolSystem);
    const enrolment = input.enrolment as { area: string; year: number; grade: string; pupils: number }[];
    const births = input.births as { area: string; year: number; births: number }[];
    let nv: Map<string, number> | undefined;
    out.naive = time(runs, 1, () => null, () => (nv = naiveForecast(enrolment, births, TO, MODEL_OPTIONS.progression)));
    let fc: ReturnType<typeof lib.forecast> | undefined;
    out.typed = time(runs, 1, () => fresh(ds), (d) => (fc = lib.forecast(lib.fitModel(d, MODEL_OPTIONS), { to: TO })));
    // Same forecast: compare every 97th value (and fail loudly if they differ).
    const diff = naiveDifference(nv!, fc!, 97);
    out.check = diff;
    out.time = out.typed;
    if (!(diff.maxRel < 1e-9)) throw new Error(`naive and typed forecasts differ: max relative difference ${diff.maxRel}`);
    break;
  }
  case "simulate":
  case "simulate-threads": {
    const threads = name === "simulate" ? 1 : 2;
    const input = nationalInput(areas);
    const ds = lib.parseDataset(input, lib.chinaSchoolSystem);
    const model = lib.fitModel(ds, MODEL_OPTIONS);
    const fixed = simulationInputs(lib, ds, model);
    const opts = { draws, seed: SEED, to: TO };
    out.draws = draws;
    out.threads = threads;
    collect();
    out.rssBeforeMiB = peakRssMiB();
    out.heapBeforeMiB = process.memoryUsage().heapUsed / 2 ** 20;
    const t: number[] = [];
    const cpu: number[] = [];
    let rows = 0;
    // One untimed run first in both cases (i = −1): the workers start as fresh isolates, cold.
    if (threads === 1) {
      for (let i = -1; i < runs; i++) {
        collect();
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        rows = lib.simulate(model, { ...fixed, ...opts }).rows.length;
        if (i < 0) continue;
        t.push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
      }
    } else {
      const t0 = performance.now();
      const pool = await startPool(threads, input, MODEL_OPTIONS, model.cube.areas);
      out.poolStartMs = performance.now() - t0;
      let last: Awaited<ReturnType<typeof pool.run>> | undefined;
      for (let i = -1; i < runs; i++) {
        last = undefined;
        collect();
        await pool.collect();
        const c0 = process.cpuUsage();
        const t1 = performance.now();
        last = await pool.run(opts);
        if (i < 0) continue;
        t.push(performance.now() - t1);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
        rows = last.rows.length;
        out.parts = pool.times();
      }
      await pool.close();
      // The split run must equal a one-thread run: compare areas from both shares.
      const sample = [...model.cube.areas.slice(0, 5), ...model.cube.areas.slice(-5)];
      const one = lib.simulate(model, { ...fixed, ...opts, areas: sample }).rows;
      const split = last!.rows.filter((r) => sample.includes(r.area));
      if (JSON.stringify(one) !== JSON.stringify(split)) throw new Error("the threaded simulation differs from the one-thread run");
      out.checkedRows = one.length;
    }
    out.rows = rows;
    out.time = summarise(t, cpu);
    out.peakRssMiB = peakRssMiB();
    break;
  }
  case "backtest": {
    const ds = lib.parseDataset(nationalInput(areas), lib.chinaSchoolSystem);
    const origins: number[] = [];
    for (let y = ds.firstYear; y < ds.baseYear; y++) origins.push(y);
    out.origins = origins.length;
    out.time = time(runs, 1, () => ds, (d) => lib.backtest(d, MODEL_OPTIONS, { origins, horizon: 5 }).cells.length);
    break;
  }
  case "advise": {
    Object.assign(out, await adviseYangjiangCase(lib, runs));
    break;
  }
  case "advise-schools": {
    // areas: the schools; draws: 1 for whole blocks, 0 for blocks in any amount
    Object.assign(out, await adviseSchoolsCase(lib, runs, areas, draws === 1));
    break;
  }
  case "schools-national": {
    // `areas` is the number of schools here.
    const { panel, places } = syntheticSchoolPanel(areas, 80);
    const opts = lib.resolveSchoolOptions({ shrinkage: 1000 });
    const G = panel.grades.length;
    let short = 0;
    out.schools = areas;
    out.areaCount = panel.areas.length;
    out.time = time(runs, 1, () => panel, (p) => {
      const proj = lib.projectSchoolPanel(p, lib.fitSchoolPanel(p, opts), opts);
      const f = lib.schoolPlaceFlags(proj.pupils, places, p.areaOf, p.areas.length, G, SCHOOL_HORIZON + 1, 0.8);
      short = f.short.reduce((a, b) => a + b, 0);
      return short;
    });
    out.schoolYearsShort = short;
    out.peakRssMiB = peakRssMiB();
    break;
  }
  case "schools-county": {
    // `areas` is the number of schools of the county, `draws` the paths.
    const ds = lib.parseDataset(syntheticCountyInput(areas), lib.chinaSchoolSystem);
    const to = ds.baseYear + SCHOOL_HORIZON;
    let values = 0;
    out.schools = areas;
    out.draws = draws;
    out.time = time(runs, 1, () => ds, (d) => {
      const model = lib.fitModel(d);
      const sf = lib.forecastSchools(d, lib.forecast(model, { to }), { shrinkage: 1000, level: null });
      const simulation = lib.simulate(model, { draws, seed: SEED, to, paths: true });
      values = lib.simulateSchools(sf, { seed: SEED, area: { simulation, system: d.system } }).totals.length;
      return values;
    });
    out.values = values;
    out.peakRssMiB = peakRssMiB();
    break;
  }
  default:
    throw new Error(`unknown case ${JSON.stringify(name)}`);
}
out.baseYear = BASE_YEAR;
out.seed = SEED;
console.log(JSON.stringify(out));
export type { Timing };
