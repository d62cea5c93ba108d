/**
 * `advise`: which places, where and when, at what risk — per area, stage and year, against the
 * simulated demand paths and the places schedule with its planned projects as options.
 */
import { lineScratch, linePlaces, type CapacitySchedule, type SupplyLine } from "../capacity/schedule.js";
import { note, type Note } from "../domain/notes.js";
import type { SimulatedPaths } from "../uncertainty/simulate/paths.js";
import { solveCell, solveGroup, type CellPlan, type CellProblem, type CellProject, type MoveProblem } from "./cell.js";
import { evaluatePlaces, type YearRisk } from "./evaluate.js";
import type { Levers, MoveLever } from "./levers.js";
import { loadHighsSolver, type Solver } from "./solver.js";

/** Options of `advise`. */
export interface AdviseOptions {
  /**
   * The largest P(shortfall) allowed in every area-stage-year, counted over the draws (at most
   * ⌊risk · draws⌋ draws short). 1 turns the risk target off.
   * @defaultValue 0.1 (issue 19's example target)
   */
  readonly risk?: number;
  /** The school year in which the decisions are taken. @defaultValue the year before the first simulated year */
  readonly decisionYear?: number;
  /** The solver. @defaultValue HiGHS (`loadHighsSolver()`) */
  readonly solver?: Solver;
  /**
   * Most breakpoints of each year's expected-cost curve (those at and above the risk quantile
   * first). With at least as many as distinct demands the program is exact; fewer interpolate the
   * curve between them (an upper bound, exact at the breakpoints), for speed. The costs reported
   * are always computed on every draw.
   * @defaultValue 48
   */
  readonly maxBreakpoints?: number;
  /**
   * New permanent places in whole blocks (`levers.permanent.block`, by default a class of the
   * stage's standard size), or in any amount (`false`: the blocks' integrality relaxed, a lower
   * bound on the cost; the program of a cell without planned projects is then a linear program,
   * solved far faster: for screening many schools).
   * @defaultValue true
   */
  readonly wholeBlocks?: boolean;
  /** Cost per place of the risk target left unmet (where no lever can reach it in time). @defaultValue 1000 × (shortfall weight + cost per permanent place) */
  readonly riskPenalty?: number;
}

/** One planned project of a cell and what the advice does with it. */
export interface ProjectDecision {
  readonly area: string;
  readonly stage: string;
  /** The project's name (`project` of its records), or `plannedPlaces[i]`. */
  readonly project: string;
  readonly places: number;
  /** Planned school year of opening. */
  readonly year: number;
  /** `committed`: opening too soon to change (kept). */
  readonly decision: "keep" | "defer" | "cancel" | "committed";
  /** The advised year of opening; null when cancelled. */
  readonly advisedYear: number | null;
}

/** Costs of a places path over the years, in the levers' cost unit. */
export interface PathCost {
  /** Σ over years of the expected pupils short (pupil-years). */
  readonly shortfallPupilYears: number;
  /** Σ over years of the expected empty places (place-years). */
  readonly emptyPlaceYears: number;
  /** Permanent places paid for (optional projects kept or deferred, and new ones). */
  readonly placesBuilt: number;
  readonly temporaryPlaceYears: number;
  readonly placesClosed: number;
  /** Place-years of neighbours' places this cell's pupils use (moves in), and places opened to it once (the moves lever's one-off cost). */
  readonly movedPlaceYears: number;
  readonly placesOpened: number;
  /** shortfallWeight · shortfall + emptyWeight · empty + cost of building, temporary places, closures and the moves the cell takes. */
  readonly cost: number;
  /** The largest P(shortfall) of any year. */
  readonly maxPShortfall: number;
  /** Years with P(shortfall) above the risk target. */
  readonly yearsOverRisk: readonly number[];
}

/** One year of one cell: the plan's places and the advised ones, each with its risk. */
export interface AdviceRow {
  readonly area: string;
  readonly stage: string;
  readonly year: number;
  /** Places of the schedule as planned (every project on time). */
  readonly planPlaces: number;
  readonly advisedPlaces: number;
  /** Of the advised places: existing and committed, planned projects kept or deferred, new permanent (cumulative), temporary, closed (cumulative). */
  readonly base: number;
  readonly projects: number;
  readonly newPermanent: number;
  readonly temporary: number;
  readonly closed: number;
  /** Places moved in from neighbours (net; negative: lent to them); 0 without the moves lever. Counted in `advisedPlaces`. */
  readonly moved: number;
  /** The fewest places meeting the risk target this year (the demand quantile). */
  readonly quantile: number;
  readonly plan: YearRisk;
  readonly advised: YearRisk;
}

/** The advice for one area and stage. */
export interface CellAdvice {
  readonly area: string;
  readonly stage: string;
  readonly rows: readonly AdviceRow[];
  readonly projects: readonly ProjectDecision[];
  readonly plan: PathCost;
  readonly advised: PathCost;
  /** Reasons, as coded notes (texts in `report/notes/advise.ts`). */
  readonly notes: readonly Note[];
}

/** Places of one cell used by pupils of a neighbour in one year (the moves lever), with why. */
export interface MoveAdvice {
  readonly stage: string;
  /** The area lending its places, and the one whose pupils use them. */
  readonly from: string;
  readonly to: string;
  readonly year: number;
  readonly places: number;
  /** The lender's own places that year (before the move), its expected pupils and its risk quantile. */
  readonly fromPlaces: number;
  readonly fromPupils: number;
  readonly fromQuantile: number;
  /** The borrower's own places that year (before the move), its expected pupils and its risk quantile. */
  readonly toPlaces: number;
  readonly toPupils: number;
  readonly toQuantile: number;
}

/** The advice: per cell, and the notes of the whole run. */
export interface Advice {
  readonly risk: number;
  readonly decisionYear: number;
  readonly years: readonly number[];
  readonly draws: number;
  readonly cells: readonly CellAdvice[];
  /** Every cell's rows, in cell order. */
  readonly rows: readonly AdviceRow[];
  readonly projects: readonly ProjectDecision[];
  /** Places moved between neighbouring cells, per year (empty without the moves lever). */
  readonly moves: readonly MoveAdvice[];
  /** Notes of the run (cells not advised, approximations), every cell's notes and the moves (`advise.move`). */
  readonly notes: readonly Note[];
  /** The solver used. */
  readonly solver: string;
  /** True when every cell's program used the exact expected-cost curve. */
  readonly exact: boolean;
}

const NEVER = 1e6;

function projectName(key: string): string {
  return key.startsWith("p\u0000") ? key.slice(2) : `plannedPlaces[${key.slice(2)}]`;
}

function linePath(line: SupplyLine, years: readonly number[], delay: (i: number) => number): Float64Array {
  const s = lineScratch(line);
  const out = { places: 0, classes: 0 };
  const r = new Float64Array(years.length);
  years.forEach((y, i) => {
    r[i] = linePlaces(line, y, s, out, delay) ? out.places : 0;
  });
  return r;
}

function checkLevers(l: Levers): void {
  const pos = (x: number, what: string, strict = false) => {
    if (!Number.isFinite(x) || x < 0 || (strict && x === 0)) throw new RangeError(`advise: levers.${what} must be a ${strict ? "positive" : "non-negative"} finite number, got ${x}`);
  };
  pos(l.shortfallWeight.value, "shortfallWeight.value");
  pos(l.emptyWeight.value, "emptyWeight.value");
  pos(l.permanent.costPerPlace.value, "permanent.costPerPlace.value");
  pos(l.permanent.leadTime.value, "permanent.leadTime.value");
  if (l.permanent.block) pos(l.permanent.block.value, "permanent.block.value", true);
  if (l.temporary) {
    pos(l.temporary.costPerPlaceYear.value, "temporary.costPerPlaceYear.value");
    pos(l.temporary.capShare.value, "temporary.capShare.value");
    pos(l.temporary.leadTime.value, "temporary.leadTime.value");
  }
  if (l.closure) {
    pos(l.closure.costPerPlace.value, "closure.costPerPlace.value");
    pos(l.closure.leadTime.value, "closure.leadTime.value");
  }
  if (l.moves) {
    pos(l.moves.costPerPlaceYear.value, "moves.costPerPlaceYear.value");
    if (l.moves.costPerPlace) pos(l.moves.costPerPlace.value, "moves.costPerPlace.value");
    pos(l.moves.leadTime.value, "moves.leadTime.value");
    pos(l.moves.capShare.value, "moves.capShare.value");
    l.moves.groups.value.forEach((g, i) => {
      if (new Set(g).size !== g.length) throw new RangeError(`advise: levers.moves.groups.value[${i}] names an area twice: ${g.join(", ")}`);
    });
  }
  pos(l.projects.maxDefer.value, "projects.maxDefer.value");
  pos(l.projects.committedYears.value, "projects.committedYears.value");
}

/** The cost of a places path: the risks per year and what was built, used and closed. */
function pathCost(risks: readonly YearRisk[], l: Levers, built: number, temporaryYears: number, closed: number, risk: number, movedYears: number, opened: number): PathCost {
  let s = 0;
  let e = 0;
  let maxP = 0;
  const over: number[] = [];
  for (const r of risks) {
    s += r.expectedShortfall;
    e += r.expectedEmpty;
    if (r.pShortfall > maxP) maxP = r.pShortfall;
    if (r.pShortfall > risk + 1e-12) over.push(r.year);
  }
  const cost = l.shortfallWeight.value * s + l.emptyWeight.value * e + l.permanent.costPerPlace.value * built + (l.temporary?.costPerPlaceYear.value ?? 0) * temporaryYears + (l.closure?.costPerPlace.value ?? 0) * closed;
  const moves = movedYears || opened ? (l.moves?.costPerPlaceYear.value ?? 0) * movedYears + (l.moves?.costPerPlace?.value ?? 0) * opened : 0;
  return { shortfallPupilYears: s, emptyPlaceYears: e, placesBuilt: built, temporaryPlaceYears: temporaryYears, placesClosed: closed, movedPlaceYears: movedYears, placesOpened: opened, cost: cost + moves, maxPShortfall: maxP, yearsOverRisk: over };
}

/** A cell ready to solve: its problem and what the output needs of it. */
interface PreparedCell {
  readonly cell: SimulatedPaths["cells"][number];
  readonly area: string;
  readonly stage: string;
  readonly problem: CellProblem;
  readonly projects: readonly CellProject[];
  readonly decisions: ProjectDecision[];
  readonly notes: Note[];
  readonly planPath: Float64Array;
  readonly base: Float64Array;
  readonly block: number;
}

/** What a cell took part in of the moves: places moved in per year (null: not coupled), place-years received, places opened. */
interface MoveShare {
  readonly movedIn: Float64Array | null;
  readonly received: number;
  readonly opened: number;
}

/**
 * The cells coupled by the moves lever: per stage where moves are allowed, each group's cells
 * (those of its areas that are advised); groups sharing a cell join one component, solved as one
 * program. `of[k]` is cell k's component, −1 when it is solved alone.
 */
function moveComponents(cells: readonly PreparedCell[], moves: MoveLever | undefined): { of: Int32Array; list: { cells: number[]; groups: number[][] }[] } {
  const of = new Int32Array(cells.length).fill(-1);
  if (!moves) return { of, list: [] };
  const index = new Map<string, number>();
  cells.forEach((c, k) => index.set(`${c.area}\u0000${c.stage}`, k));
  const stages = [...new Set(cells.map((c) => c.stage))].filter((st) => !moves.stages || moves.stages.includes(st));
  const groups: number[][] = [];
  for (const st of stages) {
    for (const g of moves.groups.value) {
      const ks = g.map((a) => index.get(`${a}\u0000${st}`)).filter((k): k is number => k !== undefined);
      if (ks.length > 1) groups.push(ks);
    }
  }
  // union-find over the cells of the groups
  const up = new Int32Array(cells.length).map((_, i) => i);
  const find = (i: number): number => {
    while (up[i] !== i) i = up[i] = up[up[i]!]!;
    return i;
  };
  for (const g of groups) for (const k of g) up[find(k)] = find(g[0]!);
  const byRoot = new Map<number, { cells: number[]; groups: number[][] }>();
  for (const g of groups) {
    const r = find(g[0]!);
    let c = byRoot.get(r);
    if (!c) byRoot.set(r, (c = { cells: [], groups: [] }));
    c.groups.push(g);
  }
  const list = [...byRoot.values()];
  list.forEach((c, ci) => {
    c.cells = [...new Set(c.groups.flat())].sort((a, b) => a - b);
    const local = new Map(c.cells.map((k, i) => [k, i]));
    c.groups = c.groups.map((g) => g.map((k) => local.get(k)!));
    for (const k of c.cells) of[k] = ci;
  });
  return { of, list };
}

/** Mean over the draws of year y's pupils (draw-major paths). */
function meanPupils(pupils: ArrayLike<number>, D: number, Y: number, y: number): number {
  let s = 0;
  for (let d = 0; d < D; d++) s += pupils[d * Y + y]!;
  return D ? s / D : 0;
}

/** One note `advise.move` per lender, borrower and stage: the years, the most places moved, and why (the first such year's places and quantiles). */
function moveRunNotes(moves: readonly MoveAdvice[]): Note[] {
  const by = new Map<string, MoveAdvice[]>();
  for (const m of moves) {
    const k = `${m.stage}\u0000${m.from}\u0000${m.to}`;
    const l = by.get(k);
    if (l) l.push(m);
    else by.set(k, [m]);
  }
  return [...by.values()].map((l) => {
    const top = l.reduce((a, b) => (b.places > a.places ? b : a));
    return note("advise.move", {
      stage: top.stage,
      from: top.from,
      to: top.to,
      years: l.map((m) => m.year),
      places: top.places,
      year: top.year,
      fromPlaces: top.fromPlaces,
      fromPupils: top.fromPupils,
      fromQuantile: top.fromQuantile,
      toPlaces: top.toPlaces,
      toPupils: top.toPupils,
      toQuantile: top.toQuantile,
    });
  });
}

/**
 * Advises, per area and stage, which of the planned projects to keep, defer or cancel, and which
 * new permanent places, temporary places and closures to add in which year, minimising the
 * expected cost over the simulated paths:
 *
 *   E[ Σ_years shortfallWeight · (pupils − places)⁺ + emptyWeight · (places − pupils)⁺ ]
 *     + cost of permanent places (optional projects kept or deferred, new blocks)
 *     + temporary place-years · their yearly cost + places closed · the closure cost
 *
 * subject to P(shortfall) ≤ `risk` in every year (scenario counting: places ≥ the demand
 * quantile), permanent places kept once built, new places only after their lead time, projects
 * opening within `committedYears` of the decision kept as planned. Each cell is one mixed-integer
 * program (`cellProgram`), solved by a real solver (HiGHS); with the moves lever
 * (`levers.moves`), the cells of a stage whose areas share a group may lend each other places
 * (a cost per place-year or one-off, a lead time, a cap) and are solved together as one program
 * (`groupProgram`), the moves listed in `Advice.moves` with their reasons (`advise.move`); cells
 * in no group are solved alone, exactly as without the lever.
 * Decisions are per planned project and year (a project's rows of one year move together).
 *
 * Demand is `paths` (`simulate(model, { …, paths: true }).paths`), pupils per draw; supply is the
 * places schedule (`capacitySchedule`), its planned openings the options. Cells with stage `all`
 * or without a supply line are not advised (a note says which). Costs are undiscounted.
 *
 * @param paths - simulated demand paths per area × stage
 * @param supply - the places schedule (its `lines`)
 * @param levers - the levers and their data (`estimatedLevers` for the seed run)
 * @param options - risk target, decision year, solver
 * @throws RangeError on a lever figure that is negative or not finite, or a risk outside [0, 1]
 * @throws Error when the solver finds no optimum for a cell (named in the message)
 * @example
 * ```ts
 * const sim = simulate(model, { draws: 1000, seed: 1, to: 2035, supply: ds, paths: true });
 * const advice = await advise(sim.paths!, capacitySchedule(ds), estimatedLevers, { risk: 0.1 });
 * advice.projects.filter((p) => p.decision === "cancel").length
 * ```
 */
export async function advise(paths: SimulatedPaths, supply: Pick<CapacitySchedule, "lines">, levers: Levers, options: AdviseOptions = {}): Promise<Advice> {
  const risk = options.risk ?? 0.1;
  if (!(risk >= 0 && risk <= 1)) throw new RangeError(`advise: options.risk must be in [0, 1], got ${risk}`);
  checkLevers(levers);
  const maxBp = options.maxBreakpoints ?? 48;
  if (!(Number.isInteger(maxBp) && maxBp >= 2)) throw new RangeError(`advise: options.maxBreakpoints must be an integer ≥ 2, got ${maxBp}`);
  const solver = options.solver ?? (await loadHighsSolver());
  const cellsIn = paths.cells.filter((c) => c.stage !== "all");
  const years = cellsIn[0]?.years ?? [];
  const Y = years.length;
  const D = paths.draws;
  const decisionYear = options.decisionYear ?? (Y ? years[0]! - 1 : 0);
  const firstIndex = (lead: number): number => {
    const i = years.findIndex((y) => y >= decisionYear + lead);
    return i < 0 ? Y : i;
  };
  const ws = levers.shortfallWeight.value;
  const penalty = options.riskPenalty ?? 1000 * (ws + levers.permanent.costPerPlace.value + 1);
  const runNotes: Note[] = [];
  const lines = new Map<string, SupplyLine>();
  for (const l of supply.lines) lines.set(`${l.area}\u0000${l.stage}`, l);
  const out: CellAdvice[] = [];
  const prepared: PreparedCell[] = [];
  let exact = true;

  for (const cell of paths.cells) {
    if (cell.stage === "all") continue;
    if (cell.years.length !== Y || cell.years.some((y, i) => y !== years[i])) throw new RangeError(`advise: cell ${cell.area} ${cell.stage}: its years differ from the first cell's`);
    if (cell.pupils.length !== D * Y) throw new RangeError(`advise: cell ${cell.area} ${cell.stage}: ${cell.pupils.length} pupil values for ${D} draws × ${Y} years`);
    for (let i = 0; i < cell.pupils.length; i++) {
      const v = cell.pupils[i]!;
      if (!(v >= 0 && Number.isFinite(v))) throw new RangeError(`advise: cell ${cell.area} ${cell.stage}, draw ${Math.floor(i / Y)}, year ${years[i % Y]}: pupils must be a non-negative number, got ${v}`);
    }
    const line = lines.get(`${cell.area}\u0000${cell.stage}`);
    if (!line) {
      runNotes.push(note("advise.no-supply-line", { area: cell.area, stage: cell.stage }));
      continue;
    }
    const { area, stage } = cell;
    const last = Y ? years[Y - 1]! : decisionYear;
    const committedTo = decisionYear + levers.projects.committedYears.value;
    const maxDefer = Math.floor(levers.projects.maxDefer.value);
    // Options: planned openings after the committed years and within the horizon, per project and year.
    const groups = new Map<string, number[]>();
    const notes: Note[] = [];
    const decisions: ProjectDecision[] = [];
    line.changes.forEach((c, i) => {
      if (!c.mayDelay || c.from >= 0 || c.year <= decisionYear) return;
      const key = `${c.project}\u0000${c.year}`;
      if (c.year <= committedTo || c.year > last) return;
      const g = groups.get(key);
      if (g) g.push(i);
      else groups.set(key, [i]);
    });
    const optionOf = new Int32Array(line.changes.length).fill(-1);
    const keys = [...groups.keys()];
    keys.forEach((k, j) => {
      for (const i of groups.get(k)!) optionOf[i] = j;
    });
    const base = linePath(line, years, (i) => (optionOf[i]! >= 0 ? NEVER : 0));
    const planPath = linePath(line, years, () => 0);
    const projects: CellProject[] = keys.map((key, j) => {
      const idx = groups.get(key)!;
      const first = line.changes[idx[0]!]!;
      const effect: Float64Array[] = [];
      for (let k = 0; k <= maxDefer && first.year + k <= last; k++) {
        const p = linePath(line, years, (i) => (optionOf[i] === j ? k : optionOf[i]! >= 0 ? NEVER : 0));
        for (let y = 0; y < Y; y++) p[y] = p[y]! - base[y]!;
        effect.push(p);
      }
      const places = idx.reduce((s, i) => s + (line.changes[i]!.to >= 0 ? line.changes[i]!.places : 0), 0);
      return { project: projectName(first.project), places, year: first.year, effect };
    });
    // Committed openings (and those beyond the horizon) are kept as planned.
    const seen = new Set<string>();
    line.changes.forEach((c, i) => {
      if (!c.mayDelay || c.from >= 0 || optionOf[i]! >= 0 || c.year <= decisionYear) return;
      const key = `${c.project}\u0000${c.year}`;
      if (seen.has(key)) return;
      seen.add(key);
      const places = line.changes.filter((d) => d.project === c.project && d.year === c.year && d.mayDelay && d.to >= 0).reduce((s, d) => s + d.places, 0);
      decisions.push({ area, stage, project: projectName(c.project), places, year: c.year, decision: "committed", advisedYear: c.year });
      notes.push(note(c.year > last ? "advise.project-beyond-horizon" : "advise.project-committed", { area, stage, project: projectName(c.project), year: c.year, places }));
    });

    const block = levers.permanent.block?.value ?? line.standard;
    const problem: CellProblem = {
      years,
      draws: D,
      pupils: cell.pupils,
      base,
      projects,
      shortfallWeight: ws,
      emptyWeight: levers.emptyWeight.value,
      permanentCost: levers.permanent.costPerPlace.value,
      block,
      permanentFrom: firstIndex(levers.permanent.leadTime.value),
      temporaryCost: levers.temporary?.costPerPlaceYear.value ?? 0,
      temporaryFrom: levers.temporary ? firstIndex(levers.temporary.leadTime.value) : Y,
      temporaryCapShare: levers.temporary?.capShare.value ?? 0,
      closureCost: levers.closure?.costPerPlace.value ?? 0,
      closureFrom: levers.closure ? firstIndex(levers.closure.leadTime.value) : Y,
      risk,
      riskPenalty: penalty,
      maxBreakpoints: maxBp,
      ...(options.wholeBlocks === false ? { continuousBlocks: true } : {}),
    };
    prepared.push({ cell, area, stage, problem, projects, decisions, notes, planPath, base, block });
  }

  // Cells coupled by moves are solved together; the others each on its own (as without moves).
  const plans: CellPlan[] = [];
  const moved: MoveShare[] = prepared.map(() => ({ movedIn: null, received: 0, opened: 0 }));
  const moveRows: MoveAdvice[] = [];
  const comps = moveComponents(prepared, levers.moves);
  const mvFrom = levers.moves ? firstIndex(levers.moves.leadTime.value) : Y;
  prepared.forEach((pc, k) => {
    if (comps.of[k]! >= 0) return;
    plans[k] = solveCell(pc.problem, solver, `area ${pc.area}, stage ${pc.stage}`);
  });
  for (const comp of comps.list) {
    const mv: MoveProblem = {
      groups: comp.groups,
      costPerPlaceYear: levers.moves!.costPerPlaceYear.value,
      costPerPlace: levers.moves!.costPerPlace?.value ?? 0,
      from: mvFrom,
      capShare: levers.moves!.capShare.value,
    };
    const members = comp.cells.map((k) => prepared[k]!);
    const g = solveGroup(members.map((m) => m.problem), mv, solver, `stage ${members[0]!.stage}, areas ${members.map((m) => m.area).join(", ")}`);
    comp.cells.forEach((k, i) => {
      plans[k] = g.cells[i]!;
      moved[k] = { movedIn: g.movedIn[i]!, received: g.received[i]!, opened: g.opened[i]! };
    });
    for (const m of g.moves) {
      const from = members[m.from]!;
      const to = members[m.to]!;
      const fp = g.cells[m.from]!;
      const tp = g.cells[m.to]!;
      moveRows.push({
        stage: from.stage,
        from: from.area,
        to: to.area,
        year: years[m.year]!,
        places: m.places,
        fromPlaces: fp.places[m.year]! - g.movedIn[m.from]![m.year]!,
        fromPupils: meanPupils(from.cell.pupils, D, Y, m.year),
        fromQuantile: fp.quantile[m.year]!,
        toPlaces: tp.places[m.year]! - g.movedIn[m.to]![m.year]!,
        toPupils: meanPupils(to.cell.pupils, D, Y, m.year),
        toQuantile: tp.quantile[m.year]!,
      });
    }
  }
  const moveNotes = moveRunNotes(moveRows);

  prepared.forEach((pc, k) => {
    const { cell, area, stage, projects, decisions, notes, planPath, base, block } = pc;
    const plan = plans[k]!;
    const mvd = moved[k]!;
    if (!plan.exact) exact = false;

    projects.forEach((pr, j) => {
      const k = plan.deferral[j];
      const y0 = years.indexOf(pr.year);
      const params = { area, stage, project: pr.project, year: pr.year, places: pr.places };
      if (k === null || k === undefined) {
        decisions.push({ area, stage, project: pr.project, places: pr.places, year: pr.year, decision: "cancel", advisedYear: null });
        notes.push(note("advise.project-cancelled", { ...params, quantile: y0 >= 0 ? plan.quantile[y0]! : null, advised: y0 >= 0 ? plan.places[y0]! : null }));
      } else if (k === 0) {
        decisions.push({ area, stage, project: pr.project, places: pr.places, year: pr.year, decision: "keep", advisedYear: pr.year });
        notes.push(note("advise.project-kept", { ...params, quantile: y0 >= 0 ? plan.quantile[y0]! : null, without: y0 >= 0 ? plan.places[y0]! - pr.effect[0]![y0]! : null }));
      } else {
        decisions.push({ area, stage, project: pr.project, places: pr.places, year: pr.year, decision: "defer", advisedYear: pr.year + k });
        notes.push(note("advise.project-deferred", { ...params, to: pr.year + k }));
      }
    });
    const rows: AdviceRow[] = [];
    const planRisk = evaluatePlaces(cell.pupils, years, planPath);
    const advRisk = evaluatePlaces(cell.pupils, years, plan.places);
    let built = 0;
    let shut = 0;
    let tempYears = 0;
    const tempYearsList: number[] = [];
    let tempMax = 0;
    const unmetYears: number[] = [];
    let unmetMax = 0;
    for (let y = 0; y < Y; y++) {
      if (plan.blocks[y]! > 0) notes.push(note("advise.build", { area, stage, year: years[y]!, places: plan.blocks[y]! * block, blocks: plan.blocks[y]!, block, quantile: plan.quantile[y]! }));
      if (plan.closed[y]! > 0) notes.push(note("advise.close", { area, stage, year: years[y]!, places: plan.closed[y]! }));
      if (plan.temporary[y]! > 0) {
        tempYearsList.push(years[y]!);
        tempMax = Math.max(tempMax, plan.temporary[y]!);
      }
      if (plan.unmet[y]! > 1e-6 * Math.max(1, plan.quantile[y]!)) {
        unmetYears.push(years[y]!);
        unmetMax = Math.max(unmetMax, plan.unmet[y]!);
      }
      built += plan.blocks[y]! * block;
      shut += plan.closed[y]!;
      tempYears += plan.temporary[y]!;
      let proj = 0;
      projects.forEach((pr, j) => {
        const k = plan.deferral[j];
        if (k !== null && k !== undefined) proj += pr.effect[k]![y]!;
      });
      rows.push({ area, stage, year: years[y]!, planPlaces: planPath[y]!, advisedPlaces: plan.places[y]!, base: base[y]!, projects: proj, newPermanent: built, temporary: plan.temporary[y]!, closed: shut, moved: mvd.movedIn ? mvd.movedIn[y]! : 0, quantile: plan.quantile[y]!, plan: planRisk[y]!, advised: advRisk[y]! });
    }
    if (tempYearsList.length) notes.push(note("advise.temporary", { area, stage, years: tempYearsList, places: tempMax }));
    if (unmetYears.length) notes.push(note("advise.risk-unreachable", { area, stage, years: unmetYears, places: unmetMax, risk }));
    const keptPlaces = projects.reduce((s, pr, j) => s + (plan.deferral[j] === null ? 0 : pr.places), 0);
    const planBuilt = projects.reduce((s, pr) => s + pr.places, 0);
    out.push({
      area,
      stage,
      rows,
      projects: decisions,
      plan: pathCost(planRisk, levers, planBuilt, 0, 0, risk, 0, 0),
      advised: pathCost(advRisk, levers, keptPlaces + built, tempYears, shut, risk, mvd.received, mvd.opened),
      notes,
    });
  });
  if (!exact) runNotes.push(note("advise.cost-curve-interpolated", { breakpoints: maxBp, draws: D }));
  return {
    risk,
    decisionYear,
    years,
    draws: D,
    cells: out,
    rows: out.flatMap((c) => c.rows),
    projects: out.flatMap((c) => c.projects),
    moves: moveRows,
    notes: [...runNotes, ...out.flatMap((c) => c.notes), ...moveNotes],
    solver: solver.name,
    exact,
  };
}
