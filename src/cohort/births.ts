import { linearRegression, mean } from "simple-statistics";

/**
 * How births beyond the last known year are projected.
 * - `last`: the last known value carried forward.
 * - `mean`: mean of the last `years` known values.
 * - `trend`: least-squares line through the last `years` known values, floored at 0.
 *
 * A user-supplied scenario (`ModelOptions.birthsScenario`) takes precedence for the years it covers.
 */
export interface BirthsOptions {
  /** @defaultValue `"last"` */
  readonly method?: "last" | "mean" | "trend";
  /** Window for `mean` and `trend`. @defaultValue 3 */
  readonly years?: number;
}

/** Resolved births options. */
export type ResolvedBirthsOptions = Required<BirthsOptions>;

/**
 * Resolves births options with their defaults.
 *
 * @throws RangeError on an unknown method or a window below 1
 * @example
 * ```ts
 * resolveBirthsOptions() // { method: "last", years: 3 }
 * ```
 */
export function resolveBirthsOptions(o: BirthsOptions = {}): ResolvedBirthsOptions {
  const r = { method: o.method ?? "last", years: o.years ?? 3 } as const;
  if (!["last", "mean", "trend"].includes(r.method)) throw new RangeError(`unknown births method ${JSON.stringify(r.method)}; use last, mean or trend`);
  if (!Number.isInteger(r.years) || r.years < 1) throw new RangeError(`births years must be an integer ≥ 1, got ${r.years}`);
  return r;
}

/**
 * Projects a births series `k` years after its last known value (k ≥ 1).
 *
 * Formula: last → b_n; mean → mean(b_{n−w+1..n}); trend → max(0, a + m·(w − 1 + k)) for the line
 * a + m·i fitted to the window i = 0..w−1.
 *
 * @param known - known births, oldest first, all finite
 * @example
 * ```ts
 * projectBirths([30, 20, 10], 1, { method: "trend", years: 3 }) // 0
 * projectBirths([30, 20, 10], 2, { method: "mean", years: 2 })  // 15
 * ```
 */
export function projectBirths(known: readonly number[], k: number, o: ResolvedBirthsOptions): number {
  const n = known.length;
  if (n === 0) return NaN;
  const win = known.slice(Math.max(0, n - o.years));
  switch (o.method) {
    case "last":
      return known[n - 1]!;
    case "mean":
      return mean(win);
    case "trend": {
      if (win.length < 2) return win[0]!;
      const { m, b } = linearRegression(win.map((v, i) => [i, v]));
      return Math.max(0, b + m * (win.length - 1 + k));
    }
  }
}
