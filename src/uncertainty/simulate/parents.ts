/**
 * Containing areas in `simulate`: an area that the model does not forecast (a city without
 * enrolment of its own) but whose parts it does is simulated as the sum of its parts, draw by
 * draw (draw d of the city = Σ draw d of its counties): those with places of their own, or
 * (`SimulateTotals.containingAreas`) every one. A stage's places are the area's own where the
 * supply has them, else the sum of its parts' places per draw where every part teaching the
 * stage has places.
 */
import type { SupplyLine } from "../../capacity/schedule.js";
import { bandsForStage } from "../../domain/systemIndex.js";
import { drawBlock } from "./inputs.js";
import type { Run } from "./area.js";
import { blockDraws } from "./area.js";
import type { SimulationRow } from "./options.js";
import { areaPlaces } from "./supply.js";
import { groupRows, keepRows, placeAt, type CellBlock } from "./totals.js";

/** A containing area's running sums over its parts, by the system's stages (cell k = s H + h − 1). */
export interface ContainingArea {
  readonly id: string;
  /** Cube indices of the forecast areas inside it. */
  readonly parts: readonly number[];
  /** Its own lines by the system's stage index. */
  readonly lines: readonly (SupplyLine | undefined)[];
  /** Σ of the parts' draws, [k D + d]. */
  readonly sum: Float64Array;
  /** Σ of the parts' deterministic forecasts, [k]. */
  readonly det: Float64Array;
  /** Number of parts teaching stage s. */
  readonly teach: Int32Array;
  /** Stages without a line of its own: the number of parts with places known in cell k, their places on schedule, and per draw ([k D + d]). */
  readonly placed: Int32Array;
  readonly partPlaces: Float64Array;
  readonly plc: Float64Array;
}

/**
 * The containing areas of the lines that the model does not forecast (and, with `every`, every
 * other area containing a forecast area, in the dataset's order), with their forecast
 * descendants (by `parent` in the dataset's areas); `unplaced` gets the areas of lines with none
 * (or, with `include`, with a part left out of the run), whose places cannot be simulated.
 */
export function containingAreas(run: Run, lines: ReadonlyMap<string, readonly SupplyLine[]>, include: Uint8Array | undefined, every: boolean, unplaced: (area: string, stages: string[], reason: "no-parts" | "parts-left-out") => void): ContainingArea[] {
  const { model, ix } = run;
  const parentOf = new Map(model.dataset.areas.map((a) => [a.id, a.parent]));
  const forecastIds = new Set(model.cube.areas);
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
  const candidates: [string, readonly SupplyLine[]][] = [...lines];
  if (every) for (const a of model.dataset.areas) if (partsOf.has(a.id) && !forecastIds.has(a.id) && !lines.has(a.id)) candidates.push([a.id, []]);
  const out: ContainingArea[] = [];
  for (const [id, ls] of candidates) {
    const parts = partsOf.get(id);
    const stages = ls.map((l) => l.stage);
    if (!parts) {
      unplaced(id, stages, "no-parts");
      continue;
    }
    if (include && parts.some((a) => !include[a])) {
      // A partial sum would understate the area: only a run with all its parts simulates it.
      if (parts.some((a) => include[a]) && ls.length > 0) unplaced(id, stages, "parts-left-out");
      continue;
    }
    const byStage: (SupplyLine | undefined)[] = ix.stageIds.map((s) => ls.find((l) => l.stage === s));
    const own = byStage.every((l) => l !== undefined);
    out.push({
      id,
      parts,
      lines: byStage,
      sum: new Float64Array(S * H * D),
      det: new Float64Array(S * H),
      teach: new Int32Array(S),
      placed: new Int32Array(S * H),
      partPlaces: new Float64Array(S * H),
      plc: new Float64Array(own ? 0 : S * H * D),
    });
  }
  return out;
}

/** The containing areas of each forecast area, by cube index. */
export function containersByPart(areas: number, containers: readonly ContainingArea[]): (ContainingArea[] | undefined)[] {
  const out: (ContainingArea[] | undefined)[] = Array.from({ length: areas }, () => undefined);
  for (const c of containers) for (const a of c.parts) (out[a] ??= []).push(c);
  return out;
}

/**
 * Adds a forecast area's draws and deterministic forecast (and, for stages without a line of the
 * container's own, its places per draw) to each containing area it is part of.
 */
export function addPart(run: Run, containers: readonly ContainingArea[], b: CellBlock): void {
  const H = run.opts.horizon;
  const D = run.opts.draws;
  for (const c of containers) {
    for (let si = 0; si < b.stageOf.length; si++) {
      const s = b.stageOf[si]!;
      c.teach[s] = c.teach[s]! + 1;
      const own = c.lines[s] !== undefined;
      for (let h = 1; h <= H; h++) {
        const kb = si * H + h - 1;
        const k = s * H + h - 1;
        c.det[k] = c.det[k]! + b.det[kb]!;
        const from = kb * D;
        const to = k * D;
        for (let d = 0; d < D; d++) c.sum[to + d] = c.sum[to + d]! + b.pupils[from + d]!;
        if (own || !b.known[kb]) continue;
        c.placed[k] = c.placed[k]! + 1;
        c.partPlaces[k] = c.partPlaces[k]! + b.places[kb]!;
        for (let d = 0; d < D; d++) c.plc[to + d] = c.plc[to + d]! + placeAt(b, si, h, kb, D, d);
      }
    }
  }
}

/**
 * The rows of a containing area: its summed draws against its own places (which may slip, on its
 * own stream) or its parts' places summed per draw; then its group rows and kept paths.
 */
export function containingRows(run: Run, c: ContainingArea, rows: SimulationRow[]): void {
  const { model, opts } = run;
  const H = opts.horizon;
  const D = opts.draws;
  const S = c.lines.length;
  const sup = areaPlaces(c.lines, model.baseYear, H, opts.sources.places && opts.placesSlip.maxYears > 0, opts.placesSlip.maxYears);
  // Its projects' delays, all draws in one block, from its own stream ("area␀<id>␀<d>").
  const draws = { ...blockDraws(run, c.id, -1, 0, D, 0, sup.projects), ratios: false };
  drawBlock(draws, 0, D);
  const plc = c.plc.length > 0 ? c.plc : new Float64Array(S * H * D);
  const cls = new Float64Array(S * H * D);
  const known = Uint8Array.from(sup.known);
  const places = Float64Array.from(sup.places);
  const varyFrom = Int32Array.from(sup.varyFrom);
  for (let s = 0; s < S; s++) {
    if (!c.lines[s]) {
      // The parts' places, summed per draw (read from the first year on).
      varyFrom[s] = 1;
      for (let h = 1; h <= H; h++) {
        const k = s * H + h - 1;
        if (c.teach[s]! > 0 && c.placed[k] === c.teach[s]) {
          known[k] = 1;
          places[k] = c.partPlaces[k]!;
        }
      }
      continue;
    }
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
  const none = new Float64Array(0);
  for (let s = 0; s < S; s++) {
    if (!c.teach[s]) continue;
    const stage = run.ix.stageIds[s]!;
    const own = c.lines[s] !== undefined;
    const bands = own ? bandsForStage(model.dataset.system, stage) : [];
    const ids = bands.map((b) => b.id);
    const mins = own ? Float64Array.from(bands, (b) => b.min) : none;
    for (let h = 1; h <= H; h++) {
      const k = s * H + h - 1;
      const col = c.sum.subarray(k * D, (k + 1) * D);
      const year = model.baseYear + h;
      if (!known[k]) rows.push(run.summariser.pupilsRow(c.id, stage, year, c.det[k]!, col));
      else {
        const varying = h >= varyFrom[s]! ? { plc, cls, at: k * D } : undefined;
        rows.push(run.summariser.placesRow(c.id, stage, year, c.det[k]!, col, places[k]!, places[k]!, own ? sup.classes[k]! : 0, varying, ids, mins));
      }
    }
  }
  if (!run.keep && run.totals.groups.length === 0) return;
  const block: CellBlock = { area: c.id, stageOf: Int32Array.from(c.teach, (n, s) => (n > 0 ? s : -1)), pupils: c.sum, det: c.det, known, places, plc, varyFrom };
  if (run.keep) keepRows(run, block, run.keep);
  groupRows(run, block, rows, run.keep);
}
