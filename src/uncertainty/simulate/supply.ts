/**
 * Places and housing of one area in `simulate`, from the library's own supply and housing
 * models: the places schedule's lines (`capacitySchedule`, `linePlaces`: the schedule's rules,
 * applied to planned years moved by each draw's delays) and the housing forecast's developments.
 */
import { linePlaces, lineScratch, type SupplyLine } from "../../capacity/schedule.js";
import { areaIndex } from "../../cohort/areaMask.js";
import type { HousingForecast } from "../../housing/forecast.js";

/** A stage of an area as simulated: its id and the taught grades' indices. */
export interface SimStage {
  readonly id: string;
  readonly gs: readonly number[];
}

/** For each key, the index of its first appearance among the distinct keys (project ids → slots). */
export function keyIndex(keys: readonly string[]): { index: Int32Array; count: number } {
  const seen = new Map<string, number>();
  const index = new Int32Array(keys.length);
  keys.forEach((k, i) => {
    let j = seen.get(k);
    if (j === undefined) seen.set(k, (j = seen.size));
    index[i] = j;
  });
  return { index, count: seen.size };
}

/**
 * Places of one area's stages, years 1 … H after the base year, at [si H + h − 1]:
 * `places`/`classes` on schedule (no delay: the schedule's totals), `known` 1 where places are
 * known, and from `varyFrom[si]` on (H + 1: never) the cells that a delayed opening can change.
 */
export interface AreaPlaces {
  readonly places: Float64Array;
  readonly classes: Float64Array;
  readonly known: Uint8Array;
  readonly varyFrom: Int32Array;
  /** Planned project slots of the area (one delay drawn per slot and draw). */
  readonly projects: number;
  /** True when some stage has a line (places are reported). */
  readonly any: boolean;
  /**
   * Places and classes of stage si for years varyFrom … H under the delays of draw l
   * (slip[slot B + l]), into out (places at [h − varyFrom], classes after them); the same values
   * for the same delays (kept).
   */
  readonly path: (si: number, slip: Int32Array, B: number, l: number) => Float64Array;
}

/**
 * The places of one area from its supply lines (one per stage at most, `lines[si]`).
 *
 * @param lines - the area's lines by stage row (undefined: no places for the stage)
 * @param mayDelay - whether openings slip at all (places a source and maxYears > 0)
 */
export function areaPlaces(lines: readonly (SupplyLine | undefined)[], baseYear: number, H: number, mayDelay: boolean, maxYears: number): AreaPlaces {
  const S = lines.length;
  const places = new Float64Array(S * H);
  const classes = new Float64Array(S * H);
  const known = new Uint8Array(S * H);
  const varyFrom = new Int32Array(S).fill(H + 1);
  // Project slots over the area's planned changes, in the order of their records.
  const changes: { si: number; i: number; index: number; project: string }[] = [];
  lines.forEach((line, si) => line?.changes.forEach((c, i) => changes.push({ si, i, index: c.index, project: c.project })));
  changes.sort((p, q) => p.index - q.index);
  const slots = keyIndex(changes.map((c) => c.project));
  const slotOf = lines.map((line) => new Int32Array(line?.changes.length ?? 0));
  changes.forEach((c, k) => (slotOf[c.si]![c.i] = slots.index[k]!));
  const out = { places: 0, classes: 0 };
  lines.forEach((line, si) => {
    if (!line) return;
    const scratch = lineScratch(line);
    for (let h = 1; h <= H; h++) {
      if (!linePlaces(line, baseYear + h, scratch, out)) continue;
      places[si * H + h - 1] = out.places;
      classes[si * H + h - 1] = out.classes;
      known[si * H + h - 1] = 1;
    }
    if (mayDelay) for (const c of line.changes) if (c.mayDelay) varyFrom[si] = Math.min(varyFrom[si]!, Math.max(1, c.year - baseYear));
  });
  // Paths under delays, per stage, kept by the delays of the stage's own slots (a mixed-radix
  // number): a stage has few projects, so few distinct paths however many draws.
  const stageSlots = lines.map((line, si) => [...new Set((line?.changes ?? []).flatMap((c, i) => (c.mayDelay ? [slotOf[si]![i]!] : [])))]);
  const kept = lines.map(() => new Map<number, Float64Array>());
  const scratches = lines.map((line) => (line ? lineScratch(line) : undefined));
  const radix = maxYears + 1;
  const path = (si: number, slip: Int32Array, B: number, l: number): Float64Array => {
    const line = lines[si]!;
    const own = stageSlots[si]!;
    let key = 0;
    for (let j = 0; j < own.length; j++) key = key * radix + slip[own[j]! * B + l]!;
    const exact = Number.isSafeInteger(key) && radix ** own.length < 2 ** 31;
    let p = exact ? kept[si]!.get(key) : undefined;
    if (p) return p;
    const from = varyFrom[si]!;
    const n = H - from + 1;
    p = new Float64Array(2 * n);
    const delay = (i: number): number => slip[slotOf[si]![i]! * B + l]!;
    for (let h = from; h <= H; h++) {
      if (!linePlaces(line, baseYear + h, scratches[si]!, out, delay)) continue;
      p[h - from] = out.places;
      p[n + h - from] = out.classes;
    }
    if (exact) kept[si]!.set(key, p);
    return p;
  };
  return { places, classes, known, varyFrom, projects: slots.count, any: lines.some((l) => l !== undefined), path };
}

/**
 * Housing pupils of one area by project: contrib[j][δ SH + k], project j's pupils in cell
 * k = si H + h − 1 when it is δ years late, and the cells any delay reaches. A project is a
 * development (`"development"`) or the area's whole housing (`"area"`: `HousingForecast.housing`);
 * projects with no pupil in the years simulated are left out (nothing to delay).
 */
export function areaHousing(hf: HousingForecast | undefined, area: string, stages: readonly SimStage[], H: number, maxSlip: number, by: "development" | "area"): { contrib: Float64Array[]; cells: Int32Array[] } {
  const contrib: Float64Array[] = [];
  const cells: Int32Array[] = [];
  if (!hf) return { contrib, cells };
  const W = hf.years.length;
  const G = hf.grades.length;
  const SH = stages.length * H;
  const add = (pupils: Float64Array, offset: number): void => {
    // Stage sums of the project per year after the base year, in the stage's grade order.
    const rows: { k: number; h: number; pupils: number }[] = [];
    stages.forEach((st, si) => {
      for (let h = 1; h <= H; h++) {
        let s = 0;
        for (const g of st.gs) s += pupils[offset + g * W + h]!;
        if (s !== 0) rows.push({ k: si * H + h - 1, h, pupils: s });
      }
    });
    if (rows.length === 0) return;
    const c = new Float64Array((maxSlip + 1) * SH);
    const reached = new Set<number>();
    for (const r of rows) {
      for (let delay = 0; delay <= maxSlip; delay++) {
        if (r.h + delay > H) continue;
        const k = r.k + delay;
        c[delay * SH + k] = c[delay * SH + k]! + r.pupils;
        reached.add(k);
      }
    }
    contrib.push(c);
    cells.push(Int32Array.from([...reached].sort((x, y) => x - y)));
  };
  if (by === "area") {
    const ha = areaIndex(hf.areas).get(area);
    if (ha !== undefined) add(hf.housing, ha * G * W);
  } else {
    for (const d of hf.developments) if (d.area === area) add(d.pupils, 0);
  }
  return { contrib, cells };
}
