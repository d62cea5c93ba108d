/**
 * One cell (area × stage) of the advisor: its decision problem as data, the mixed-integer program
 * of it, and the decoded plan; and cells coupled by places moving between them, solved together
 * as one program (`groupProgram`).
 */
import type { Constraint, LinearProgram, Solver, Term, Variable } from "./solver.js";
import { allowedShort } from "./newsvendor.js";

/** A planned project of a cell, as an option. */
export interface CellProject {
  /** The project's key (its name, or a key of its own). */
  readonly project: string;
  /** Places it adds when kept as planned (the sum over its rows in the cell). */
  readonly places: number;
  /** Planned school year of opening. */
  readonly year: number;
  /** Places it adds per year (Y values) when deferred by k = 0 … K years: `effect[k][y]`. */
  readonly effect: readonly Float64Array[];
}

/** The decision problem of one cell. */
export interface CellProblem {
  readonly years: readonly number[];
  readonly draws: number;
  /** Demand, draws × years, draw-major. */
  readonly pupils: ArrayLike<number>;
  /** Places without any optional project (existing places, committed projects, planned removals), per year. */
  readonly base: ArrayLike<number>;
  readonly projects: readonly CellProject[];
  /** Weight per pupil-year short, per empty place-year. */
  readonly shortfallWeight: number;
  readonly emptyWeight: number;
  /** Cost per permanent place (new, or of a planned project kept or deferred). */
  readonly permanentCost: number;
  /** Places per block of new permanent places. */
  readonly block: number;
  /** True: new permanent places in any amount (blocks a continuous variable); false or absent: whole blocks. */
  readonly continuousBlocks?: boolean;
  /** Index of the first year new permanent places can serve (Y: none). */
  readonly permanentFrom: number;
  /** Cost per temporary place-year; index of the first year; cap as a share of base places. */
  readonly temporaryCost: number;
  readonly temporaryFrom: number;
  readonly temporaryCapShare: number;
  /** Cost per place closed; index of the first year a closure takes effect (Y: none). */
  readonly closureCost: number;
  readonly closureFrom: number;
  /** P(shortfall) allowed per year (scenario counting); 1: no risk target. */
  readonly risk: number;
  /** Cost per place of the risk target left unmet (a penalty far above any other cost). */
  readonly riskPenalty: number;
  /** Most breakpoints of the expected-cost curve per year (those at or above the risk quantile come first). */
  readonly maxBreakpoints: number;
}

/** The plan decoded from a solution. */
export interface CellPlan {
  /** Places per year. */
  readonly places: Float64Array;
  /** Per project: deferral in years (0 = as planned), or null when cancelled. */
  readonly deferral: readonly (number | null)[];
  /** Blocks of new permanent places first serving each year. */
  readonly blocks: Float64Array;
  /** Temporary places per year. */
  readonly temporary: Float64Array;
  /** Places closed taking effect in each year. */
  readonly closed: Float64Array;
  /** Places of the risk target left unmet per year (0 where met). */
  readonly unmet: Float64Array;
  /** The risk quantile of demand per year. */
  readonly quantile: Float64Array;
  /** True when the cost curve used every distinct demand as a breakpoint (the program is exact). */
  readonly exact: boolean;
  /** The program's objective. */
  readonly objective: number;
}

/** Breakpoints (sorted, distinct) of year y's expected-cost curve, and the curve at them. */
function curve(sorted: Float64Array, qi: number, maxBp: number, ws: number, we: number): { b: number[]; f: number[]; exact: boolean } {
  const D = sorted.length;
  const idx: number[] = [];
  const above = D - qi;
  const budgetAbove = Math.max(2, Math.min(above, maxBp));
  for (let j = 0; j < budgetAbove; j++) idx.push(qi + Math.round((j * (above - 1)) / Math.max(1, budgetAbove - 1)));
  const budgetBelow = Math.min(qi, Math.max(2, maxBp - budgetAbove));
  for (let j = 0; j < budgetBelow; j++) idx.push(Math.round((j * (qi - 1)) / Math.max(1, budgetBelow - 1)));
  idx.sort((a, b) => a - b);
  const b: number[] = [];
  for (const i of idx) {
    const v = sorted[i]!;
    if (b.length === 0 || v > b[b.length - 1]!) b.push(v);
  }
  let distinct = 0;
  for (let i = 0; i < D; i++) if (i === 0 || sorted[i]! > sorted[i - 1]!) distinct++;
  // f(C) = (1/D) Σ ws (D_d − C)⁺ + we (C − D_d)⁺, from prefix sums of the sorted demands
  const prefix = new Float64Array(D + 1);
  for (let i = 0; i < D; i++) prefix[i + 1] = prefix[i]! + sorted[i]!;
  const f: number[] = [];
  let k = 0;
  for (const c of b) {
    while (k < D && sorted[k]! <= c) k++;
    const short = prefix[D]! - prefix[k]! - (D - k) * c;
    const empty = k * c - prefix[k]!;
    f.push((ws * short + we * empty) / D);
  }
  return { b, f, exact: b.length === distinct };
}

/**
 * The mixed-integer program of a cell. Variables per year y: `c_y` places, `f_y` expected
 * shortfall-and-empty cost, `n_y` blocks of new permanent places first serving in y (integer),
 * `u_y` temporary places, `r_y` places closed from y, `v_y` places of the risk target unmet (only
 * in years where no choice reaches it: there it is a hard constraint); per
 * project j and deferral k, `z_j_k` (binary; none set: cancelled).
 *
 *   minimise Σ_y f_y + cost·block·Σ n_y + cost·Σ_j places_j Σ_k z_jk + temp·Σ u_y + close·Σ r_y + penalty·Σ v_y
 *   c_y = base_y + Σ_jk effect_jk(y) z_jk + block Σ_{s≤y} n_s + u_y − Σ_{s≤y} r_s
 *   c_y + v_y ≥ q_y (the risk quantile),   f_y ≥ each secant of the expected-cost curve,
 *   Σ_k z_jk ≤ 1,   u_y ≤ capShare·base_y,   Σ_{s≤y} r_s ≤ base_y.
 *
 * The expected cost curve E[ws (D − c)⁺ + we (c − D)⁺] is convex and piecewise linear with a
 * break at each draw's demand: with every distinct demand as a breakpoint the max of the secants
 * is the curve itself and the program is exact (sample-average approximation of the draws).
 */
export function cellProgram(p: CellProblem, prefix = ""): { lp: LinearProgram; quantile: Float64Array; exact: boolean } {
  const Y = p.years.length;
  const D = p.draws;
  const vars: Variable[] = [];
  const obj: Term[] = [];
  const cons: Constraint[] = [];
  const quantile = new Float64Array(Y);
  let exact = true;
  const m = allowedShort(D, p.risk);
  // The most places each year can have (every project on time, temporary places at their cap, no
  // closure; unbounded once new places can serve): where the risk quantile is within it, the
  // target is a hard constraint (all years at once: that one choice reaches every such year);
  // elsewhere it is left unmet at the penalty. A soft target everywhere solves several times slower.
  const reach = (y: number): number => {
    if (y >= p.permanentFrom) return Infinity;
    let r = p.base[y]!;
    for (const pr of p.projects) {
      let best = 0;
      for (const e of pr.effect) best = Math.max(best, e[y]!);
      r += best;
    }
    if (y >= p.temporaryFrom) r += Math.max(0, p.temporaryCapShare * p.base[y]!);
    return r;
  };
  const col = new Float64Array(D);
  for (let y = 0; y < Y; y++) {
    for (let d = 0; d < D; d++) col[d] = p.pupils[d * Y + y]!;
    const sorted = Float64Array.from(col).sort();
    const qi = m >= D ? 0 : D - 1 - m;
    quantile[y] = m >= D || D === 0 ? 0 : Math.max(0, sorted[qi]!);
    const soft = quantile[y]! > reach(y) + 1e-9;
    vars.push({ name: prefix + `c${y}`, lower: 0 }, { name: prefix + `f${y}`, lower: -Infinity });
    obj.push({ v: prefix + `f${y}`, c: 1 });
    if (soft) {
      vars.push({ name: prefix + `v${y}`, lower: 0 });
      obj.push({ v: prefix + `v${y}`, c: p.riskPenalty });
    }
    if (D > 0) {
      const cv = curve(sorted, qi, p.maxBreakpoints, p.shortfallWeight, p.emptyWeight);
      if (!cv.exact) exact = false;
      const { b, f } = cv;
      // left of the first breakpoint the slope is −ws (every draw short), right of the last +we
      cons.push({ name: prefix + `l${y}`, terms: [{ v: prefix + `f${y}`, c: 1 }, { v: prefix + `c${y}`, c: p.shortfallWeight }], sense: ">=", rhs: f[0]! + p.shortfallWeight * b[0]! });
      for (let i = 0; i + 1 < b.length; i++) {
        const slope = (f[i + 1]! - f[i]!) / (b[i + 1]! - b[i]!);
        cons.push({ name: prefix + `s${y}_${i}`, terms: [{ v: prefix + `f${y}`, c: 1 }, { v: prefix + `c${y}`, c: -slope }], sense: ">=", rhs: f[i]! - slope * b[i]! });
      }
      const last = b.length - 1;
      cons.push({ name: prefix + `h${y}`, terms: [{ v: prefix + `f${y}`, c: 1 }, { v: prefix + `c${y}`, c: -p.emptyWeight }], sense: ">=", rhs: f[last]! - p.emptyWeight * b[last]! });
    } else cons.push({ name: prefix + `l${y}`, terms: [{ v: prefix + `f${y}`, c: 1 }], sense: ">=", rhs: 0 });
    cons.push({ name: prefix + `q${y}`, terms: soft ? [{ v: prefix + `c${y}`, c: 1 }, { v: prefix + `v${y}`, c: 1 }] : [{ v: prefix + `c${y}`, c: 1 }], sense: ">=", rhs: quantile[y]! });
    // the balance: c_y − block Σ n − u_y + Σ r − Σ effect z = base_y
    const bal: Term[] = [{ v: prefix + `c${y}`, c: 1 }];
    for (let s = p.permanentFrom; s <= y; s++) bal.push({ v: prefix + `n${s}`, c: -p.block });
    if (y >= p.temporaryFrom) bal.push({ v: prefix + `u${y}`, c: -1 });
    const closing: Term[] = [];
    for (let s = p.closureFrom; s <= y; s++) {
      bal.push({ v: prefix + `r${s}`, c: 1 });
      closing.push({ v: prefix + `r${s}`, c: 1 });
    }
    if (closing.length) cons.push({ name: prefix + `k${y}`, terms: closing, sense: "<=", rhs: Math.max(0, p.base[y]!) });
    p.projects.forEach((pr, j) =>
      pr.effect.forEach((e, k) => {
        if (e[y] !== 0) bal.push({ v: prefix + `z${j}_${k}`, c: -e[y]! });
      }),
    );
    cons.push({ name: prefix + `b${y}`, terms: bal, sense: "=", rhs: p.base[y]! });
  }
  for (let y = p.permanentFrom; y < Y; y++) {
    vars.push(p.continuousBlocks ? { name: prefix + `n${y}`, lower: 0 } : { name: prefix + `n${y}`, lower: 0, kind: "integer" });
    obj.push({ v: prefix + `n${y}`, c: p.permanentCost * p.block });
  }
  for (let y = p.temporaryFrom; y < Y; y++) {
    vars.push({ name: prefix + `u${y}`, lower: 0, upper: Math.max(0, p.temporaryCapShare * p.base[y]!) });
    obj.push({ v: prefix + `u${y}`, c: p.temporaryCost });
  }
  for (let y = p.closureFrom; y < Y; y++) {
    vars.push({ name: prefix + `r${y}`, lower: 0 });
    obj.push({ v: prefix + `r${y}`, c: p.closureCost });
  }
  p.projects.forEach((pr, j) => {
    const one: Term[] = [];
    pr.effect.forEach((_, k) => {
      vars.push({ name: prefix + `z${j}_${k}`, kind: "binary", lower: 0, upper: 1 });
      obj.push({ v: prefix + `z${j}_${k}`, c: p.permanentCost * pr.places });
      one.push({ v: prefix + `z${j}_${k}`, c: 1 });
    });
    if (one.length) cons.push({ name: prefix + `o${j}`, terms: one, sense: "<=", rhs: 1 });
  });
  return { lp: { variables: vars, objective: obj, constraints: cons }, quantile, exact };
}

/**
 * Solves a cell's program and decodes the plan; the places are rebuilt from the decisions (whole
 * blocks and projects, temporary places and closures), not read back from the solver's `c_y`.
 *
 * @throws Error when the solver reports anything but an optimum (the program always has a
 * feasible point: the risk target can be left unmet at its penalty)
 */
export function solveCell(p: CellProblem, solver: Solver, where: string): CellPlan {
  const { lp, quantile, exact } = cellProgram(p);
  const sol = solver.solve(lp);
  if (sol.status !== "optimal") throw new Error(`advise: ${where}: the solver (${solver.name}) found no optimum: ${sol.detail}`);
  return decodeCell(p, (n) => sol.values.get(n) ?? 0, "", quantile, exact, sol.objective);
}

/** A cell's plan from the solver's values (names under `prefix`), with the places moved in (net, per year) added. */
function decodeCell(p: CellProblem, val: (name: string) => number, prefix: string, quantile: Float64Array, exact: boolean, objective: number, movedIn?: Float64Array): CellPlan {
  const Y = p.years.length;
  const blocks = new Float64Array(Y);
  const temporary = new Float64Array(Y);
  const closed = new Float64Array(Y);
  const unmet = new Float64Array(Y);
  for (let y = 0; y < Y; y++) {
    if (y >= p.permanentFrom) blocks[y] = p.continuousBlocks ? Math.max(0, val(`${prefix}n${y}`)) : Math.round(val(`${prefix}n${y}`));
    if (y >= p.temporaryFrom) temporary[y] = Math.max(0, val(`${prefix}u${y}`));
    if (y >= p.closureFrom) closed[y] = Math.max(0, val(`${prefix}r${y}`));
  }
  const deferral = p.projects.map((pr, j) => {
    for (let k = 0; k < pr.effect.length; k++) if (val(`${prefix}z${j}_${k}`) > 0.5) return k;
    return null;
  });
  const places = new Float64Array(Y);
  let built = 0;
  let shut = 0;
  for (let y = 0; y < Y; y++) {
    built += blocks[y]! * p.block;
    shut += closed[y]!;
    let c = p.base[y]! + built + temporary[y]! - shut + (movedIn ? movedIn[y]! : 0);
    p.projects.forEach((pr, j) => {
      const k = deferral[j];
      if (k !== null && k !== undefined) c += pr.effect[k]![y]!;
    });
    // The solver holds c_y ≥ q_y to its feasibility tolerance (1e-7): a gap that small is closed
    // by a little more of the year's temporary places or a little less of its closure, so that no
    // draw's demand equal to the quantile counts as short.
    const gap = quantile[y]! - c;
    if (gap > 0 && gap <= 1e-6 * Math.max(1, quantile[y]!)) {
      if (temporary[y]! > 0) temporary[y] = temporary[y]! + gap;
      else if (closed[y]! >= gap) {
        closed[y] = closed[y]! - gap;
        shut -= gap;
      }
      c = quantile[y]!; // otherwise a rounding drift of the sums
    }
    places[y] = c;
    unmet[y] = Math.max(0, quantile[y]! - c);
  }
  return { places, deferral, blocks, temporary, closed, unmet, quantile, exact, objective };
}

/** Places moving between coupled cells: the groups (cell indices) within which any cell may lend to any other, and the lever's figures. */
export interface MoveProblem {
  /** Groups of cells (indices into the cells solved together), each of two or more. */
  readonly groups: readonly (readonly number[])[];
  /** Cost per place moved per year used. */
  readonly costPerPlaceYear: number;
  /** One-off cost per place opened to a group's neighbours (0: none). */
  readonly costPerPlace: number;
  /** Index of the first year places can move (Y: never). */
  readonly from: number;
  /** The most places a cell may lend in a year, as a share of its base places that year. */
  readonly capShare: number;
}

/** One move of a group plan: places of cell `from` used by pupils of cell `to` in year index `year`. */
export interface CellMove {
  readonly group: number;
  readonly from: number;
  readonly to: number;
  readonly year: number;
  readonly places: number;
}

/** The plan of coupled cells: each cell's plan (its places include those moved in, net) and the moves. */
export interface GroupPlan {
  readonly cells: readonly CellPlan[];
  /** Per cell, places moved in (net, negative when lent) per year. */
  readonly movedIn: readonly Float64Array[];
  /** Per cell, place-years received and places opened (one-off), the costs of the moves it takes. */
  readonly received: readonly number[];
  readonly opened: readonly number[];
  readonly moves: readonly CellMove[];
  readonly objective: number;
  readonly exact: boolean;
}

/**
 * The program of cells coupled by moves: each cell's program (`cellProgram`, its names under
 * `x<i>_`) and, per group g, member i and year y from `from` on, places moved in `mi_g_i_y` and
 * lent `mo_g_i_y` (continuous, ≥ 0), with
 *
 *   cell i's balance:  c_iy = … + Σ_g (mi_giy − mo_giy)
 *   per group and year: Σ_i mi_giy = Σ_i mo_giy            (a pool: any member to any other)
 *   per cell and year:  Σ_g mo_giy ≤ capShare · base_iy
 *   one-off cost:       mi_giy ≤ Σ_{s≤y} w_gis              (w: places opened from s)
 *   objective:          Σ cells' objectives + costPerPlaceYear · Σ mi + costPerPlace · Σ w.
 *
 * Any flow within a group decomposes into member-to-member moves, so the pool is exactly the
 * group with a move allowed between every two of its members. The expected cost of each cell
 * depends on its own places only, so the sum of the cells' curves is the group's expected cost.
 */
export function groupProgram(cells: readonly CellProblem[], mv: MoveProblem): { lp: LinearProgram; quantiles: Float64Array[]; exact: boolean } {
  const vars: Variable[] = [];
  const obj: Term[] = [];
  const cons: Constraint[] = [];
  const quantiles: Float64Array[] = [];
  let exact = true;
  const Y = cells[0]?.years.length ?? 0;
  const extra = cells.map(() => Array.from({ length: Y }, () => [] as Term[]));
  const lent = cells.map(() => Array.from({ length: Y }, () => [] as Term[]));
  mv.groups.forEach((g, gi) => {
    for (let y = mv.from; y < Y; y++) {
      const pool: Term[] = [];
      for (const i of g) {
        const mi = `mi${gi}_${i}_${y}`;
        const mo = `mo${gi}_${i}_${y}`;
        vars.push({ name: mi, lower: 0 }, { name: mo, lower: 0 });
        if (mv.costPerPlaceYear !== 0) obj.push({ v: mi, c: mv.costPerPlaceYear });
        pool.push({ v: mi, c: 1 }, { v: mo, c: -1 });
        extra[i]![y]!.push({ v: mi, c: -1 }, { v: mo, c: 1 });
        lent[i]![y]!.push({ v: mo, c: 1 });
        if (mv.costPerPlace > 0) {
          vars.push({ name: `mw${gi}_${i}_${y}`, lower: 0 });
          obj.push({ v: `mw${gi}_${i}_${y}`, c: mv.costPerPlace });
          const open: Term[] = [{ v: mi, c: 1 }];
          for (let s = mv.from; s <= y; s++) open.push({ v: `mw${gi}_${i}_${s}`, c: -1 });
          cons.push({ name: `mc${gi}_${i}_${y}`, terms: open, sense: "<=", rhs: 0 });
        }
      }
      cons.push({ name: `mp${gi}_${y}`, terms: pool, sense: "=", rhs: 0 });
    }
  });
  cells.forEach((p, i) => {
    const prefix = `x${i}_`;
    const one = cellProgram(p, prefix);
    quantiles.push(one.quantile);
    if (!one.exact) exact = false;
    vars.push(...one.lp.variables);
    obj.push(...one.lp.objective);
    for (const c of one.lp.constraints) {
      const y = c.name.startsWith(`${prefix}b`) ? Number(c.name.slice(prefix.length + 1)) : -1;
      cons.push(y >= 0 && extra[i]![y]!.length ? { ...c, terms: [...c.terms, ...extra[i]![y]!] } : c);
    }
    for (let y = mv.from; y < Y; y++) {
      if (lent[i]![y]!.length) cons.push({ name: `mk${i}_${y}`, terms: lent[i]![y]!, sense: "<=", rhs: Math.max(0, mv.capShare * p.base[y]!) });
    }
  });
  return { lp: { variables: vars, objective: obj, constraints: cons }, quantiles, exact };
}

/**
 * Solves coupled cells as one program (`groupProgram`) and decodes each cell's plan and the moves:
 * per group and year, the members' net places moved (in − out) are matched lenders to borrowers
 * in member order (any such matching is a decomposition of the same flow).
 *
 * @throws Error when the solver reports anything but an optimum
 */
export function solveGroup(cells: readonly CellProblem[], mv: MoveProblem, solver: Solver, where: string): GroupPlan {
  const Y = cells[0]?.years.length ?? 0;
  const { lp, quantiles, exact } = groupProgram(cells, mv);
  const sol = solver.solve(lp);
  if (sol.status !== "optimal") throw new Error(`advise: ${where}: the solver (${solver.name}) found no optimum: ${sol.detail}`);
  const val = (n: string) => sol.values.get(n) ?? 0;
  const movedIn = cells.map(() => new Float64Array(Y));
  const received = cells.map(() => 0);
  const opened = cells.map(() => 0);
  const moves: CellMove[] = [];
  mv.groups.forEach((g, gi) => {
    for (let y = mv.from; y < Y; y++) {
      const lend: { i: number; x: number }[] = [];
      const take: { i: number; x: number }[] = [];
      for (const i of g) {
        const net = val(`mi${gi}_${i}_${y}`) - val(`mo${gi}_${i}_${y}`);
        if (mv.costPerPlace > 0) opened[i] = opened[i]! + Math.max(0, val(`mw${gi}_${i}_${y}`));
        if (Math.abs(net) <= 1e-9 * Math.max(1, Math.abs(cells[i]!.base[y]!))) continue;
        movedIn[i]![y] = movedIn[i]![y]! + net;
        if (net > 0) {
          take.push({ i, x: net });
          received[i] = received[i]! + net;
        } else lend.push({ i, x: -net });
      }
      let a = 0;
      for (const t of take) {
        let need = t.x;
        while (need > 1e-12 && a < lend.length) {
          const x = Math.min(need, lend[a]!.x);
          moves.push({ group: gi, from: lend[a]!.i, to: t.i, year: y, places: x });
          lend[a]!.x -= x;
          need -= x;
          if (lend[a]!.x <= 1e-12) a++;
        }
      }
    }
  });
  const plans = cells.map((p, i) => decodeCell(p, val, `x${i}_`, quantiles[i]!, exact, sol.objective, movedIn[i]));
  return { cells: plans, movedIn, received, opened, moves, objective: sol.objective, exact };
}
