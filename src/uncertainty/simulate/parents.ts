/**
 * Containing areas in `simulate`: an area that the model does not forecast (a city without
 * enrolment of its own) but whose parts it does, and which has places, is simulated as the sum of
 * its parts, draw by draw (draw d of the city = Σ draw d of its counties), against its own places.
 */
import type { SupplyLine } from "../../capacity/schedule.js";
import { bandsForStage } from "../../domain/systemIndex.js";
import { drawBlock } from "./inputs.js";
import type { Run } from "./area.js";
import { blockDraws } from "./area.js";
import type { SimulationRow } from "./options.js";
import { areaPlaces, type SimStage } from "./supply.js";

/** A containing area's running sums over its parts, by the system's stages. */
export interface ContainingArea {
  readonly id: string;
  /** Cube indices of the forecast areas inside it. */
  readonly parts: readonly number[];
  /** Its lines by the system's stage index. */
  readonly lines: readonly (SupplyLine | undefined)[];
  /** Σ of the parts' draws, [(s H + h − 1) D + d], s the system's stage index. */
  readonly sum: Float64Array;
  /** Σ of the parts' deterministic forecasts, [s H + h − 1]. */
  readonly det: Float64Array;
  /** 1 where some part teaches stage s. */
  readonly taught: Uint8Array;
}

/**
 * The containing areas of the lines that the model does not forecast, with their forecast
 * descendants (by `parent` in the dataset's areas); `unplaced` gets the areas with none (or, with
 * `include`, with a part left out of the run), whose places cannot be simulated.
 */
export function containingAreas(run: Run, lines: ReadonlyMap<string, readonly SupplyLine[]>, include: Uint8Array | undefined, unplaced: (area: string, stages: string[], reason: "no-parts" | "parts-left-out") => void): ContainingArea[] {
  const { model, ix } = run;
  const parentOf = new Map(model.dataset.areas.map((a) => [a.id, a.parent]));
  const partsOf = new Map<string, number[]>();
  model.cube.areas.forEach((id, a) => {
    const seen = new Set<string>();
    for (let p = parentOf.get(id); p !== undefined && !seen.has(p); p = parentOf.get(p)) {
      seen.add(p);
      const list = partsOf.get(p);
      if (list) list.push(a);
      else partsOf.set(p, [a]);
    }
  });
  const S = ix.stageIds.length;
  const H = run.opts.horizon;
  const D = run.opts.draws;
  const out: ContainingArea[] = [];
  for (const [id, ls] of lines) {
    const parts = partsOf.get(id);
    const stages = ls.map((l) => l.stage);
    if (!parts) {
      unplaced(id, stages, "no-parts");
      continue;
    }
    if (include && parts.some((a) => !include[a])) {
      // A partial sum would understate the area: only a run with all its parts simulates it.
      if (parts.some((a) => include[a])) unplaced(id, stages, "parts-left-out");
      continue;
    }
    const byStage: (SupplyLine | undefined)[] = ix.stageIds.map((s) => ls.find((l) => l.stage === s));
    out.push({ id, parts, lines: byStage, sum: new Float64Array(S * H * D), det: new Float64Array(S * H), taught: new Uint8Array(S) });
  }
  return out;
}

/**
 * Adds area a's draws (`tot`, cell-major over its taught `stages`) and deterministic forecast to
 * every containing area it is part of.
 */
export function addPart(run: Run, containers: readonly ContainingArea[], a: number, stages: readonly SimStage[], tot: Float64Array, det: Float64Array): void {
  const H = run.opts.horizon;
  const D = run.opts.draws;
  for (const c of containers) {
    if (!c.parts.includes(a)) continue;
    stages.forEach((st, si) => {
      const s = run.ix.stageIds.indexOf(st.id);
      c.taught[s] = 1;
      for (let h = 0; h < H; h++) {
        c.det[s * H + h] = c.det[s * H + h]! + det[si * H + h]!;
        const from = (si * H + h) * D;
        const to = (s * H + h) * D;
        for (let d = 0; d < D; d++) c.sum[to + d] = c.sum[to + d]! + tot[from + d]!;
      }
    });
  }
}

/** The rows of a containing area: its summed draws against its own places (which may slip, on its own stream). */
export function containingRows(run: Run, c: ContainingArea, rows: SimulationRow[]): void {
  const { model, opts } = run;
  const H = opts.horizon;
  const D = opts.draws;
  const S = c.lines.length;
  const sup = areaPlaces(c.lines, model.baseYear, H, opts.sources.places && opts.placesSlip.maxYears > 0, opts.placesSlip.maxYears);
  // Its projects' delays, all draws in one block, from its own stream ("area␀<id>␀<d>").
  const draws = { ...blockDraws(run, c.id, -1, 0, D, 0, sup.projects), ratios: false };
  drawBlock(draws, 0, D);
  const plc = new Float64Array(S * H * D);
  const cls = new Float64Array(S * H * D);
  for (let s = 0; s < S; s++) {
    const from = sup.varyFrom[s]!;
    if (from > H) continue;
    const m = H - from + 1;
    for (let d = 0; d < D; d++) {
      const p = sup.path(s, draws.slipP, D, d);
      for (let h = from; h <= H; h++) {
        plc[(s * H + h - 1) * D + d] = p[h - from]!;
        cls[(s * H + h - 1) * D + d] = p[m + h - from]!;
      }
    }
  }
  for (let s = 0; s < S; s++) {
    if (!c.taught[s]) continue;
    const stage = run.ix.stageIds[s]!;
    const bands = bandsForStage(model.dataset.system, stage);
    const ids = bands.map((b) => b.id);
    const mins = Float64Array.from(bands, (b) => b.min);
    for (let h = 1; h <= H; h++) {
      const k = s * H + h - 1;
      const col = c.sum.subarray(k * D, (k + 1) * D);
      const year = model.baseYear + h;
      if (!sup.known[k]) rows.push(run.summariser.pupilsRow(c.id, stage, year, c.det[k]!, col));
      else {
        const varying = h >= sup.varyFrom[s]! ? { plc, cls, at: k * D } : undefined;
        rows.push(run.summariser.placesRow(c.id, stage, year, c.det[k]!, col, sup.places[k]!, sup.places[k]!, sup.classes[k]!, varying, ids, mins));
      }
    }
  }
}
