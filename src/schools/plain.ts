/**
 * The plain per-unit cohort method, the baseline of the school-level backtest and the area
 * projection behind the in-sample error table of `schoolErrorTable`.
 *
 * For unit u (a school or an area) and grade g taught in year t = base + h:
 * - g taught in t − 1 one grade below (g − 1): P[u,g,t] = P[u,g−1,t−1] · mean of the unit's own last
 *   `years` ratios P[u,g,y] / P[u,g−1,y−1] (1 when it has none);
 * - otherwise (its first grade, or a grade it starts): the mean of the unit's last `years` known
 *   counts of g (0 when it has none).
 * Grades not taught are 0. Base-year column h = 0 holds the history (NaN where missing).
 *
 * @param hist - `hist[(u * G + g) * Y + y]`, NaN where missing
 * @param offered - `offered[(u * G + g) * (Y + H) + t]`
 * @param U - units
 * @param G - grades
 * @param Y - history years
 * @param H - forecast years
 * @param years - ratios and counts averaged (the plain method: 3)
 * @returns `out[(u * G + g) * (H + 1) + h]`
 * @example
 * ```ts
 * plainProject(new Float64Array([10, 10, 20, 22]), new Uint8Array([1, 1, 1, 1, 1, 1]), 1, 2, 2, 1, 3)[3] // 22 (grade 2 next year: 10 × 22/10)
 * ```
 */
export function plainProject(hist: Float64Array, offered: Uint8Array, U: number, G: number, Y: number, H: number, years: number): Float64Array {
  const T = Y + H;
  const W = H + 1;
  const out = new Float64Array(U * G * W);
  const ratio = new Float64Array(G);
  const level = new Float64Array(G);
  for (let u = 0; u < U; u++) {
    for (let g = 0; g < G; g++) {
      const i = u * G + g;
      out[i * W] = offered[i * T + Y - 1] ? hist[i * Y + Y - 1]! : 0;
      let sr = 0;
      let nr = 0;
      if (g > 0) {
        for (let y = Y - 1; y >= 1 && nr < years; y--) {
          const p = hist[i * Y + y]!;
          const q = hist[(i - 1) * Y + y - 1]!;
          if (!offered[i * T + y] || !offered[(i - 1) * T + y - 1] || !(p === p) || !(q > 0)) continue;
          sr += p / q;
          nr++;
        }
      }
      ratio[g] = nr > 0 ? sr / nr : 1;
      let sl = 0;
      let nl = 0;
      for (let y = Y - 1; y >= 0 && nl < years; y--) {
        const p = hist[i * Y + y]!;
        if (!offered[i * T + y] || !(p === p)) continue;
        sl += p;
        nl++;
      }
      level[g] = nl > 0 ? sl / nl : 0;
    }
    for (let h = 1; h <= H; h++) {
      const t = Y - 1 + h;
      for (let g = 0; g < G; g++) {
        const i = u * G + g;
        if (!offered[i * T + t]) continue;
        const below = g > 0 && offered[(i - 1) * T + t - 1] ? out[(i - 1) * W + h - 1]! : NaN;
        out[i * W + h] = below === below ? below * ratio[g]! : level[g]!;
      }
    }
  }
  return out;
}
