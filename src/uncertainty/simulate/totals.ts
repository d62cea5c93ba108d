/**
 * Sums in `simulate`, computed per simulated path: all grades of an area (stage `"all"`), stage
 * groups, and the kept paths (`SimulateOptions.paths`). Each simulated area (or containing area)
 * is handed here as a `CellBlock`: its stage sums per draw and its places per draw.
 */
import type { SchoolSystem } from "../../domain/schoolSystem.js";
import type { Run } from "./area.js";
import type { SimulationRow } from "./options.js";
import type { SimulatedCellPaths } from "./paths.js";

/**
 * Totals that `simulate` sums per path, beside the stage rows. The interval of a sum is the
 * quantile of the summed draws (draw d of the total = Σ draw d of its parts, the same simulated
 * world), not a sum of the parts' quantiles.
 */
export interface SimulateTotals {
  /**
   * Rows of stage `"all"`: every taught grade of each simulated area (K–12 in a US system, K1–S3
   * in China's), after the area's stage rows. Places: the sum of its stages' places, reported
   * only where every taught stage has places (a surplus in one stage then offsets a shortfall in
   * another: read the stage rows for shortfalls by stage); no class-size bands.
   * @defaultValue false
   */
  readonly allGrades?: boolean;
  /**
   * Stage groups, by id: e.g. `{ compulsory: ["primary", "junior"] }`, a row per area and year
   * after the `"all"` row, with places as for `"all"` (over the group's taught stages). An id
   * must not be a stage id or `"all"`; its stages must be the system's.
   * @defaultValue none
   */
  readonly groups?: Readonly<Record<string, readonly string[]>>;
  /**
   * Simulate every containing area of the forecast areas (by `parent`: a city over its
   * counties), not only those with places of their own, as the sum of its parts per draw. A
   * containing area's stage has its own places where the supply has them, else the sum of its
   * parts' places per draw (each part's own delays) where every part teaching the stage has
   * places (no class-size bands on such a row).
   * @defaultValue false: only containing areas with places of their own
   */
  readonly containingAreas?: boolean;
}

/** A stage group resolved: its id and the system's stage indices in it. */
export interface ResolvedGroup {
  readonly id: string;
  /** 1 for each system stage (by index) in the group. */
  readonly member: Uint8Array;
}

/** `SimulateTotals` checked, with `"all"` first when asked. */
export interface ResolvedTotals {
  readonly groups: readonly ResolvedGroup[];
  readonly containingAreas: boolean;
}

/** The id of the all-grades total in rows and paths. */
export const ALL_GRADES = "all";

/**
 * Checks `SimulateTotals` against the school system.
 *
 * @throws RangeError on a group id that is a stage id or `"all"`, an empty group, or a stage not in the system
 */
export function resolveTotals(system: SchoolSystem, t: SimulateTotals | undefined): ResolvedTotals {
  const ids = system.stages.map((s) => s.id);
  const groups: ResolvedGroup[] = [];
  if (t?.allGrades) groups.push({ id: ALL_GRADES, member: new Uint8Array(ids.length).fill(1) });
  for (const [id, stages] of Object.entries(t?.groups ?? {})) {
    if (id === ALL_GRADES || ids.includes(id)) throw new RangeError(`simulate: totals.groups: the group id "${id}" is ${id === ALL_GRADES ? "the all-grades total's" : "a stage id"}; choose another id`);
    if (!Array.isArray(stages) || stages.length === 0) throw new RangeError(`simulate: totals.groups.${id} must list at least one stage id`);
    const member = new Uint8Array(ids.length);
    for (const s of stages) {
      const i = ids.indexOf(s);
      if (i < 0) throw new RangeError(`simulate: totals.groups.${id}: "${s}" is not a stage of the school system (${ids.join(", ")})`);
      member[i] = 1;
    }
    groups.push({ id, member });
  }
  return { groups, containingAreas: t?.containingAreas ?? false };
}

/**
 * One simulated area's cells: rows si of stage sums per draw, with places. Cell k = si H + h − 1.
 */
export interface CellBlock {
  readonly area: string;
  /** The system's stage index of each row (−1: no row). */
  readonly stageOf: Int32Array;
  /** Pupils per cell and draw, cell-major: [k D + d]. */
  readonly pupils: Float64Array;
  /** The deterministic forecast per cell. */
  readonly det: Float64Array;
  /** 1 where places are known. */
  readonly known: Uint8Array;
  /** Places on schedule (no delay) per cell. */
  readonly places: Float64Array;
  /** Places per draw, [k D + d], read from `varyFrom[si]` on (else `places[k]` in every draw). */
  readonly plc: Float64Array | undefined;
  readonly varyFrom: Int32Array;
}

/** Places of cell k (row si, year h) in draw d: 0 where none are known. */
export function placeAt(b: CellBlock, si: number, h: number, k: number, D: number, d: number): number {
  if (!b.known[k]) return 0;
  return b.plc && h >= b.varyFrom[si]! ? b.plc[k * D + d]! : b.places[k]!;
}

/** Keeps the paths of every row of the block (`SimulatedCellPaths`, draw-major). */
export function keepRows(run: Run, b: CellBlock, keep: SimulatedCellPaths[]): void {
  const H = run.opts.horizon;
  const D = run.opts.draws;
  for (let si = 0; si < b.stageOf.length; si++) {
    const s = b.stageOf[si]!;
    if (s < 0) continue;
    const pupils = new Float64Array(D * H);
    const places = new Float64Array(D * H);
    for (let h = 1; h <= H; h++) {
      const k = si * H + h - 1;
      const from = k * D;
      for (let d = 0; d < D; d++) pupils[d * H + h - 1] = b.pupils[from + d]!;
      if (!b.known[k]) continue;
      if (b.plc && h >= b.varyFrom[si]!) for (let d = 0; d < D; d++) places[d * H + h - 1] = b.plc[from + d]!;
      else for (let d = 0; d < D; d++) places[d * H + h - 1] = b.places[k]!;
    }
    keep.push({ area: b.area, stage: run.ix.stageIds[s]!, years: run.years, pupils, places });
  }
}

/**
 * The block's group rows (stage `"all"` and `SimulateTotals.groups`), in the groups' order: per
 * year, the draws of the group's rows added in row order, and against the sum of their places
 * per draw where every one of them has places; their paths when kept. A group with none of its
 * stages taught here has no row.
 */
export function groupRows(run: Run, b: CellBlock, rows: SimulationRow[], keep: SimulatedCellPaths[] | undefined): void {
  const H = run.opts.horizon;
  const D = run.opts.draws;
  const none = new Float64Array(0);
  for (const g of run.totals.groups) {
    const members: number[] = [];
    for (let si = 0; si < b.stageOf.length; si++) if (b.stageOf[si]! >= 0 && g.member[b.stageOf[si]!]) members.push(si);
    if (members.length === 0) continue;
    const pupils = keep ? new Float64Array(D * H) : undefined;
    const placesKept = keep ? new Float64Array(D * H) : undefined;
    const col = run.pool.get("groupPupils", D);
    const plc = run.pool.get("groupPlaces", D);
    const cls = run.pool.get("groupClasses", D).fill(0);
    for (let h = 1; h <= H; h++) {
      let det = 0;
      let onSchedule = 0;
      let known = true;
      col.fill(0);
      plc.fill(0);
      for (const si of members) {
        const k = si * H + h - 1;
        det += b.det[k]!;
        const from = k * D;
        for (let d = 0; d < D; d++) col[d] = col[d]! + b.pupils[from + d]!;
        if (!b.known[k]) {
          known = false;
          continue;
        }
        onSchedule += b.places[k]!;
        for (let d = 0; d < D; d++) plc[d] = plc[d]! + placeAt(b, si, h, k, D, d);
      }
      const year = run.model.baseYear + h;
      rows.push(known ? run.summariser.placesRow(b.area, g.id, year, det, col, onSchedule, onSchedule, 0, { plc, cls, at: 0 }, [], none) : run.summariser.pupilsRow(b.area, g.id, year, det, col));
      if (pupils && placesKept) {
        for (let d = 0; d < D; d++) pupils[d * H + h - 1] = col[d]!;
        if (known) for (let d = 0; d < D; d++) placesKept[d * H + h - 1] = plc[d]!;
      }
    }
    if (keep && pupils && placesKept) keep.push({ area: b.area, stage: g.id, years: run.years, pupils, places: placesKept });
  }
}
