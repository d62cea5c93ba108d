/**
 * One area of `simulate`: its inputs (errors, births paths, places, housing), its draws in
 * blocks through the kernel, then one row per taught stage and forecast year.
 */
import type { SupplyLine } from "../../capacity/schedule.js";
import type { CohortModel, Forecast } from "../../cohort/model.js";
import { Fill, projectArea } from "../../cohort/project.js";
import type { SystemIndex } from "../../domain/systemIndex.js";
import { bandsForStage } from "../../domain/systemIndex.js";
import type { HousingForecast } from "../../housing/forecast.js";
import { fnv1a } from "../prng.js";
import { Xoshiro128 } from "../xoshiro.js";
import type { ErrorWeights } from "./errorModel.js";
import { drawBlock, MAX_PAIR_TABLE, pairTable, type BlockDraws, type SharedErrors } from "./inputs.js";
import { addProject, LANES, projectBlock, stageSums, type BlockKernel } from "./kernel.js";
import type { Resolved, SimulationRow } from "./options.js";
import { areaHousing, areaPlaces, type SimStage } from "./supply.js";
import type { CellSummariser } from "./summary.js";
import { addPart, type ContainingArea } from "./parents.js";
import type { SimulatedCellPaths } from "./paths.js";
import { groupRows, keepRows, type CellBlock, type ResolvedTotals } from "./totals.js";

/** What the areas of one run share: the model and its forecast, the options, and state reused from area to area. */
export interface Run {
  readonly model: CohortModel;
  readonly fc: Forecast;
  readonly ix: SystemIndex;
  readonly opts: Resolved;
  readonly errors: SharedErrors;
  readonly summariser: CellSummariser;
  /** Supply lines by area and stage. */
  readonly lines: ReadonlyMap<string, ReadonlyMap<string, SupplyLine>>;
  readonly housing: HousingForecast | undefined;
  readonly housingProjects: "development" | "area";
  readonly pool: BufferPool;
  readonly gen: Xoshiro128;
  readonly genB: Xoshiro128;
  /** Containing areas simulated as the sum of their parts (`parents.ts`). */
  readonly containers: readonly ContainingArea[];
  /** The containing areas of each forecast area (by cube index; undefined: none). */
  readonly containersOf: readonly (readonly ContainingArea[] | undefined)[];
  /** Sums per path asked for (`SimulateOptions.totals`). */
  readonly totals: ResolvedTotals;
  /** Kept paths (`SimulateOptions.paths`), appended cell by cell; undefined when not asked for. */
  readonly keep: SimulatedCellPaths[] | undefined;
  /** The simulated years, base + 1 … to (shared by the kept cells). */
  readonly years: readonly number[];
}

/**
 * Typed arrays reused from area to area, grown when a larger one is asked for; `get` and `ints`
 * return a view of the asked length, holding whatever the last user wrote (every value read must
 * be written first), `constant` one filled by `init` once per length asked. The kernel's and the
 * draws' buffers come from here rather than being allocated per area (about 120 KB of typed
 * arrays per area, 340 MB a national run, each an ArrayBuffer of its own outside V8's heap); with
 * the one-pass single-grade loop of the kernel, 1,000 areas took 5.93 s of CPU against 6.19 s
 * before both (second runs, measured in turns at load average 16–17 on 2 cores).
 */
export class BufferPool {
  private readonly buffers = new Map<string, Float64Array>();
  private readonly intBuffers = new Map<string, Int32Array>();
  get(name: string, length: number): Float64Array {
    let b = this.buffers.get(name);
    if (!b || b.length < length) this.buffers.set(name, (b = new Float64Array(length)));
    return b.subarray(0, length);
  }
  ints(name: string, length: number): Int32Array {
    let b = this.intBuffers.get(name);
    if (!b || b.length < length) this.intBuffers.set(name, (b = new Int32Array(length)));
    return b.subarray(0, length);
  }
  /** A buffer of `length` values set by `init(i)`, made once per name and length. */
  constant(name: string, length: number, init: (i: number) => number): Float64Array {
    const key = `${name}\u0000${length}`;
    let b = this.buffers.get(key);
    if (!b) this.buffers.set(key, (b = Float64Array.from({ length }, (_, i) => init(i))));
    return b;
  }
  /** `constant` for 32-bit integers. */
  constantInts(name: string, length: number, init: (i: number) => number): Int32Array {
    const key = `${name}\u0000${length}`;
    let b = this.intBuffers.get(key);
    if (!b) this.intBuffers.set(key, (b = Int32Array.from({ length }, (_, i) => init(i))));
    return b;
  }
}

/** The grades an area teaches, by stage (stages it does not teach left out). */
function taughtStages(run: Run, a: number): SimStage[] {
  const G = run.model.cube.grades.length;
  return run.ix.system.stages
    .map((s) => ({ id: s.id, gs: (run.ix.gradesOfStage.get(s.id) ?? []).filter((g) => run.model.fill[a * G + g] !== Fill.none) }))
    .filter((s) => s.gs.length > 0);
}

/** Ratio errors of each grade (empty where not perturbed), their weights (by fill) and pair tables. */
function gradeErrors(run: Run, a: number): { errs: Float64Array[]; weights: ErrorWeights[]; expPair: Float64Array[] } {
  const { model, opts, errors } = run;
  const G = model.cube.grades.length;
  const errs: Float64Array[] = [];
  for (let g = 0; g < G; g++) errs.push(!opts.sources.ratios || model.fill[a * G + g] === Fill.none ? new Float64Array(0) : errors.errorsOf(a, g));
  // exp(e_i + e_j) for every pair of a grade's errors, computed once per area, not per draw
  // and year (the same value: the same sum goes into exp). A longer list (errors pooled over
  // areas: thousands in a national run) would need n² values; it keeps exp(e_i) instead and a
  // draw takes exp(e_i) · exp(e_j).
  const weights = errs.map((_, g) => errors.weightsOf(model.fill[a * G + g]!));
  return { errs, weights, expPair: errs.map((e, g) => (e.length > MAX_PAIR_TABLE ? new Float64Array(0) : pairTable(e, weights[g]!.level, weights[g]!.fresh))) };
}

/** Years past the last known births of each entry cell (kOf[g H + h − 1], 0: known) and the largest. */
function birthYearsAhead(run: Run, a: number, bi: number): { kOf: Int32Array; kMax: number } {
  const { model, fc, ix, opts } = run;
  const G = model.cube.grades.length;
  const H = opts.horizon;
  const kOf = new Int32Array(G * H);
  let kMax = 0;
  if (!opts.sources.births || bi < 0) return { kOf, kMax };
  const last = run.errors.lastKnownBirthYear(bi);
  for (let g = 0; g < G; g++) {
    if (model.fill[a * G + g] !== Fill.births) continue;
    for (let h = 1; h <= H; h++) {
      if (fc.driverProjected[(a * G + g) * H + h - 1] !== 1) continue;
      const k = model.baseYear + h - ix.grades[g]!.age - last;
      if (k > 0) {
        kOf[g * H + h - 1] = k;
        kMax = Math.max(kMax, k);
      }
    }
  }
  return { kOf, kMax };
}

/**
 * Simulates area a and appends its rows: one per taught stage and forecast year.
 */
export function simulateArea(run: Run, a: number, rows: SimulationRow[]): void {
  const { model, fc, opts } = run;
  const area = model.cube.areas[a]!;
  const stages = taughtStages(run, a);
  const H = opts.horizon;
  if (stages.length === 0 || H === 0) return;
  const G = model.cube.grades.length;
  const W = H + 1;
  const D = opts.draws;
  const S = stages.length;
  const SH = S * H;
  const fillA = model.fill.slice(a * G, (a + 1) * G);
  const baseVals = new Float64Array(G);
  for (let g = 0; g < G; g++) baseVals[g] = fc.pupils[(a * G + g) * W]!;
  const { errs, weights, expPair } = gradeErrors(run, a);
  const walk = errs.map((e, g) => (e.length > 0 && weights[g]!.walk > 0 ? run.errors.expOf(e, weights[g]!.walk) : undefined));
  const bi = model.birthSource[a]!;
  const { kOf, kMax } = birthYearsAhead(run, a, bi);
  const ratioBase = fc.ratios.subarray(a * G * H, (a + 1) * G * H);
  const driverBase = fc.drivers.subarray(a * G * H, (a + 1) * G * H);
  const stageGrades = stages.map((st) => Int32Array.from(st.gs));

  // Places and housing of the area.
  const byStage = run.lines.get(area);
  const sup = areaPlaces(
    stages.map((s) => byStage?.get(s.id)),
    model.baseYear,
    H,
    opts.sources.places && opts.placesSlip.maxYears > 0,
    opts.placesSlip.maxYears,
  );
  const maxSlipH = opts.sources.housing ? opts.housingSlip.maxYears : 0;
  const housing = areaHousing(run.housing, area, stages, H, maxSlipH, run.housingProjects);
  const hCount = housing.contrib.length;

  // The deterministic path (every source off, nothing slips): the forecast's own kernel, then
  // whole housing projects in project order, on schedule.
  const det = new Float64Array(SH);
  const outA = new Float64Array(G * W);
  projectArea(G, H, baseVals, 0, fillA, 0, ratioBase, driverBase, outA);
  stageSums(outA, W, H, stageGrades, det);
  for (let j = 0; j < hCount; j++) for (const k of housing.cells[j]!) det[k] = det[k]! + housing.contrib[j]![k]!;

  // Buffers shared by the areas, one after another (every value read is written first).
  // Results are stored cell-major (tot[k * D + d], k = stage × year), so each cell's draws are contiguous.
  const tot = run.pool.get("tot", SH * D);
  const plc = sup.any ? run.pool.get("plc", SH * D) : undefined;
  const cls = sup.any ? run.pool.get("cls", SH * D) : undefined;
  const B = Math.min(D, LANES);
  const draws = blockDraws(run, area, bi, kMax, B, hCount, sup.projects, walk.some((w) => w !== undefined));
  const kernel = blockKernel(run, fillA, baseVals, ratioBase, driverBase, kOf, errs, weights, walk, expPair, stageGrades, draws, tot);
  const slipAt = new Int32Array(B);
  for (let d0 = 0; d0 < D; d0 += B) {
    const n = Math.min(B, D - d0);
    // Random numbers of each draw, then the projection, then housing pupils in their (delayed) years.
    drawBlock(draws, d0, n);
    projectBlock(kernel, d0, n);
    for (let j = 0; j < hCount; j++) addProject(tot, D, d0, n, housing.contrib[j]!, SH, housing.cells[j]!, draws.slipH, j * B, slipAt);
    // Places of the cells that vary by draw (from varyFrom[si] on), per draw under its delays.
    if (plc && cls) {
      for (let si = 0; si < S; si++) {
        const from = sup.varyFrom[si]!;
        if (from > H) continue;
        const m = H - from + 1;
        for (let l = 0; l < n; l++) {
          const p = sup.path(si, draws.slipP, B, l);
          for (let h = from; h <= H; h++) {
            const at = (si * H + h - 1) * D + d0 + l;
            plc[at] = p[h - from]!;
            cls[at] = p[m + h - from]!;
          }
        }
      }
    }
  }

  const within = run.containersOf[a];
  const block: CellBlock | undefined =
    within || run.keep || run.totals.groups.length > 0
      ? { area, stageOf: Int32Array.from(stages, (st) => run.ix.stageIds.indexOf(st.id)), pupils: tot, det, known: sup.known, places: sup.places, plc, varyFrom: sup.varyFrom }
      : undefined;
  if (within && block) addPart(run, within, block);
  stages.forEach((st, si) => {
    const bands = bandsForStage(model.dataset.system, st.id);
    const ids = bands.map((b) => b.id);
    const mins = Float64Array.from(bands, (b) => b.min);
    for (let h = 1; h <= H; h++) {
      const k = si * H + h - 1;
      const col = tot.subarray(k * D, (k + 1) * D);
      const year = model.baseYear + h;
      if (!sup.known[k]) {
        rows.push(run.summariser.pupilsRow(area, st.id, year, det[k]!, col));
        continue;
      }
      const varying = plc && cls && h >= sup.varyFrom[si]! ? { plc, cls, at: k * D } : undefined;
      rows.push(run.summariser.placesRow(area, st.id, year, det[k]!, col, sup.places[k]!, sup.places[k]!, sup.classes[k]!, varying, ids, mins));
    }
  });
  if (!block) return;
  if (run.keep) keepRows(run, block, run.keep);
  groupRows(run, block, rows, run.keep);
}

/** The random inputs' buffers of one area (`drawBlock`). */
export function blockDraws(run: Run, area: string, bi: number, kMax: number, B: number, hCount: number, pCount: number, walk = false): BlockDraws {
  const { opts, model, pool } = run;
  const H = opts.horizon;
  // Stream keys "area␀<id>␀<draw>" and "births␀<id>␀<draw>" (`rng(seed, key)`), hashed once per
  // area, as signed 32-bit integers (the same bits; `fnv1aDigits` only uses them in bit
  // operations): an unsigned value ≥ 2³¹ would be a heap number at every call that passes it.
  return {
    gen: run.gen,
    genB: run.genB,
    seed32: opts.seed32,
    areaKey: fnv1a(`area\u0000${area}\u0000`) | 0,
    birthKey: bi >= 0 ? fnv1a(`births\u0000${model.births.areas[bi]}\u0000`) | 0 : 0,
    H,
    B,
    kMax,
    sigma: kMax > 0 ? run.errors.birthSigma(bi) : 0,
    uP: pool.get("uP", B),
    U: pool.get("U", H * B),
    UW: pool.get("UW", walk ? H * B : 0),
    walk,
    growth: pool.get("growth", (kMax + 1) * B),
    z: pool.get("z", kMax + 1),
    slipH: pool.ints("slipH", hCount * B),
    slipP: pool.ints("slipP", pCount * B),
    hCount,
    pCount,
    ratios: opts.sources.ratios,
    housing: opts.sources.housing,
    places: opts.sources.places,
    housingSlip: opts.housingSlip,
    placesSlip: opts.placesSlip,
  };
}

/** The kernel's inputs and buffers for one area (`projectBlock`). */
function blockKernel(
  run: Run,
  fill: Uint8Array,
  base: Float64Array,
  ratio: Float64Array,
  driver: Float64Array,
  kOf: Int32Array,
  errs: readonly Float64Array[],
  weights: readonly ErrorWeights[],
  walk: readonly (Float64Array | undefined)[],
  expPair: readonly Float64Array[],
  stageGrades: readonly Int32Array[],
  draws: BlockDraws,
  tot: Float64Array,
): BlockKernel {
  const G = fill.length;
  const { H, B } = draws;
  const { pool } = run;
  // Grades with the same number of errors m share their resampled positions: per distinct m,
  // errIx[(h − 1) * B + l] = ⌊u_P m⌋ m + ⌊u_h m⌋, the entry of exp(e[u_P] + e[u_h]) in expPair[g].
  const errN = Int32Array.from(errs, (e) => e.length);
  const ms = [...new Set(errN)].filter((m) => m > 0 && m <= MAX_PAIR_TABLE);
  // A grade's stage row (−1 for none) and whether it is the first of its stage's grades: stage
  // sums are added up as the grades are projected, in the stage's grade order, as stageSums does.
  const stageOf = new Int32Array(G).fill(-1);
  const firstOf = new Uint8Array(G);
  stageGrades.forEach((gs, si) =>
    gs.forEach((g, j) => {
      stageOf[g] = si;
      firstOf[g] = j === 0 ? 1 : 0;
    }),
  );
  return {
    G,
    H,
    D: run.opts.draws,
    B,
    fill,
    base,
    ratio,
    driver,
    kOf,
    expPair,
    expOne: errs.map((e, g) => (e.length > MAX_PAIR_TABLE ? run.errors.expOf(e, weights[g]!.level) : undefined)),
    expOneFresh: errs.map((e, g) => (e.length > MAX_PAIR_TABLE ? run.errors.expOf(e, weights[g]!.fresh) : undefined)),
    walk,
    UW: draws.UW,
    wIx: pool.ints("wIx", draws.walk ? Math.max(1, ms.length) * H * B : 0),
    cw: pool.get("cw", draws.walk ? G * B : 0),
    mul: pool.get("mul", B),
    fac: pool.get("fac", B),
    identity: pool.constantInts("identity", B, (l) => l),
    ms: Int32Array.from(ms),
    mSlot: Int32Array.from(errN, (m) => ms.indexOf(m)),
    errIx: pool.ints("errIx", Math.max(1, ms.length) * H * B),
    rowP: pool.ints("rowP", B),
    uP: draws.uP,
    U: draws.U,
    growth: draws.growth,
    stageOf,
    firstOf,
    tot,
    prev: pool.get("prev", G * B),
    cur: pool.get("cur", G * B),
    src: pool.get("src", B),
    ones: pool.constant("ones", 1, () => 1),
    onesB: pool.constant("ones", B, () => 1),
    zeroIx: pool.constantInts("zeros", B, () => 0),
    needCur: Uint8Array.from({ length: G }, (_, g) => (g + 1 < G && fill[g + 1] === Fill.progression ? 1 : 0)),
  };
}

