import type highsLoader from "highs";

/**
 * The advisor's solver interface: a mixed-integer linear program as plain data, its CPLEX LP text,
 * and a solver that takes one. The HiGHS solver (`highs` on npm: HiGHS, University of Edinburgh,
 * compiled to WebAssembly; it runs in Node and in a browser) is loaded on demand by a dynamic
 * import whose specifier a bundler does not follow, so nothing of it enters a bundle (the core's
 * browser bundle stays as it is); a browser build passes `load: () => import("highs")` instead.
 */

/** One linear term: coefficient × variable. */
export interface Term {
  readonly v: string;
  readonly c: number;
}

/** A linear constraint Σ terms `sense` rhs. */
export interface Constraint {
  readonly name: string;
  readonly terms: readonly Term[];
  readonly sense: "<=" | ">=" | "=";
  readonly rhs: number;
}

/** A variable: bounds (lower 0 and upper +∞ by default) and kind. */
export interface Variable {
  readonly name: string;
  /** @defaultValue 0 */
  readonly lower?: number;
  /** @defaultValue Infinity */
  readonly upper?: number;
  /** @defaultValue "continuous" */
  readonly kind?: "continuous" | "integer" | "binary";
}

/** A mixed-integer linear program: minimise Σ objective terms subject to the constraints. */
export interface LinearProgram {
  readonly variables: readonly Variable[];
  readonly objective: readonly Term[];
  readonly constraints: readonly Constraint[];
}

/** A solver's answer: status, objective, and each variable's value by name. */
export interface LpSolution {
  /** `optimal`, or what went wrong. */
  readonly status: "optimal" | "infeasible" | "unbounded" | "other";
  /** The solver's own status text. */
  readonly detail: string;
  readonly objective: number;
  readonly values: ReadonlyMap<string, number>;
}

/** Something that solves a linear program (HiGHS by default; a stub in tests of callers). */
export interface Solver {
  readonly name: string;
  solve(lp: LinearProgram): LpSolution;
}

/** A number as LP text: finite, shortest round-trip form. */
function num(x: number, where: string): string {
  if (!Number.isFinite(x)) throw new RangeError(`linear program: ${where} is ${x}, not a finite number`);
  return String(x);
}

function terms(ts: readonly Term[], where: string): string {
  if (ts.length === 0) return " 0 __zero";
  let s = "";
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    const c = num(t.c, `${where}, coefficient of ${t.v}`);
    s += (c.startsWith("-") ? " - " + c.slice(1) : (i ? " + " : " ") + c) + " " + t.v;
  }
  return s;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;

/**
 * The program in CPLEX LP format (the format HiGHS reads), one row per line. Variable names must
 * be identifiers (letters, digits, `_`, `.`; not starting with a digit).
 *
 * @throws RangeError on a non-finite coefficient or bound, or a name LP format cannot hold
 * @example
 * ```ts
 * lpText({ variables: [{ name: "x" }], objective: [{ v: "x", c: 1 }], constraints: [{ name: "c", terms: [{ v: "x", c: 1 }], sense: ">=", rhs: 2 }] })
 * ```
 */
export function lpText(lp: LinearProgram): string {
  for (const v of lp.variables) if (!NAME.test(v.name)) throw new RangeError(`linear program: variable name ${JSON.stringify(v.name)} is not an LP identifier`);
  const out: string[] = ["Minimize", " obj:" + terms(lp.objective, "objective"), "Subject To"];
  for (const c of lp.constraints) out.push(` ${c.name}:${terms(c.terms, c.name)} ${c.sense} ${num(c.rhs, `${c.name}, right-hand side`)}`);
  out.push("Bounds");
  const zeroVar = lp.objective.length === 0 || lp.constraints.some((c) => c.terms.length === 0);
  for (const v of lp.variables) {
    const lo = v.lower ?? 0;
    const hi = v.upper ?? Infinity;
    if (lo === -Infinity && hi === Infinity) out.push(` ${v.name} free`);
    else out.push(` ${lo === -Infinity ? "-inf" : num(lo, `lower bound of ${v.name}`)} <= ${v.name} <= ${hi === Infinity ? "+inf" : num(hi, `upper bound of ${v.name}`)}`);
  }
  if (zeroVar) out.push(" 0 <= __zero <= 0");
  const ints = lp.variables.filter((v) => v.kind === "integer").map((v) => v.name);
  const bins = lp.variables.filter((v) => v.kind === "binary").map((v) => v.name);
  if (ints.length) out.push("General", " " + ints.join(" "));
  if (bins.length) out.push("Binary", " " + bins.join(" "));
  out.push("End");
  return out.join("\n");
}

/** The part of the `highs` module the solver uses (its one-shot CPLEX LP `solve`). */
interface HighsLike {
  solve(problem: string, options?: Readonly<Record<string, string | number | boolean>>): {
    readonly Status: string;
    readonly ObjectiveValue: number;
    readonly Columns: Readonly<Record<string, { readonly Primal: number }>>;
  };
}

/** Options of `loadHighsSolver`. */
export interface HighsSolverOptions {
  /** Where the loader finds `highs.wasm` (a browser bundle serving it elsewhere); next to the loader by default. */
  readonly locateFile?: (file: string) => string;
  /**
   * Relative MIP gap at which HiGHS stops: the answer's cost is within this share of the optimum.
   * @defaultValue 1e-4 (HiGHS's own default; a tighter gap makes the lumpier cells much slower)
   */
  readonly mipRelGap?: number;
  /**
   * Loads the `highs` module. @defaultValue a dynamic import of `"highs"` that bundlers leave
   * alone (Node resolves it); in a browser bundle give `() => import("highs")` so the bundler
   * includes it.
   */
  readonly load?: () => Promise<{ readonly default: typeof highsLoader }>;
}

/** The package name, in a variable so that bundlers do not follow the import. */
const HIGHS = "highs";

/**
 * A solver backed by HiGHS (npm `highs`, loaded on first call by a dynamic import).
 *
 * @example
 * ```ts
 * const solver = await loadHighsSolver();
 * solver.solve({ variables: [{ name: "x" }], objective: [{ v: "x", c: 1 }], constraints: [{ name: "c", terms: [{ v: "x", c: 1 }], sense: ">=", rhs: 2 }] }).objective // 2
 * ```
 */
export async function loadHighsSolver(options: HighsSolverOptions = {}): Promise<Solver> {
  const mod = options.load ? await options.load() : ((await import(/* @vite-ignore */ HIGHS)) as { readonly default: typeof highsLoader });
  const highs = (await mod.default(options.locateFile ? { locateFile: options.locateFile } : undefined)) as unknown as HighsLike;
  const gap = options.mipRelGap ?? 1e-4;
  return {
    name: "highs",
    solve(lp: LinearProgram): LpSolution {
      const hasInt = lp.variables.some((v) => v.kind === "integer" || v.kind === "binary");
      // Speed: HiGHS's feasibility-jump heuristic is off (`mip_heuristic_run_feasibility_jump`). In
      // the Yangjiang case (bench/advise.ts, 24 cells, 1,000 paths) the warm runs went from 1,932 /
      // 1,957 ms to 1,342–1,369 ms (load average 1.4–2.3), gaoxin/senior from 730–770 ms to
      // 548–591 ms, with the whole Advice identical to the last digit (scripts/advise-snapshot.ts).
      // Also off, `mip_allow_restart` gave 1,239–1,278 ms but moved a temporary place count in
      // its 12th digit, so it is not set. See docs/advise.md, Speed.
      const r = highs.solve(lpText(lp), hasInt ? { mip_rel_gap: gap, random_seed: 0, mip_heuristic_run_feasibility_jump: false } : { random_seed: 0 });
      const values = new Map<string, number>();
      for (const v of lp.variables) values.set(v.name, r.Columns[v.name]?.Primal ?? 0);
      const s = r.Status;
      const status = s === "Optimal" ? "optimal" : s === "Infeasible" ? "infeasible" : s === "Unbounded" ? "unbounded" : "other";
      return { status, detail: s, objective: r.ObjectiveValue, values };
    },
  };
}
