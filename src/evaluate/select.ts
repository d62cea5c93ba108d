import type { Dataset } from "../data/dataset.js";
import type { RatioOptions } from "../cohort/methods.js";
import type { ModelOptions, RatioChoice } from "../cohort/model.js";
import { backtest, type BacktestCell } from "./backtest.js";
import { errorSummary, type ErrorSummary } from "./metrics.js";
import type { TruncateOptions } from "./truncate.js";

/** Options of `selectMethods`. */
export interface SelectOptions extends TruncateOptions {
  readonly origins: readonly number[];
  readonly horizon: number;
  /** Ratio options to try, for progression and entry alike; the first wins ties. @defaultValue `defaultCandidates` */
  readonly candidates?: readonly RatioOptions[];
  /** Choose per stage, or per area and stage. @defaultValue `"stage"` */
  readonly by?: "stage" | "area";
  /** Score to minimise, over all horizons (see `ErrorSummary`). @defaultValue `"mape"` */
  readonly metric?: "mape" | "mdape" | "wape";
  /** Floor on actuals for percentage errors. @defaultValue 20 */
  readonly minActual?: number;
}

/**
 * The candidates tried by default: the library default first, then the common alternatives.
 *
 * @example
 * ```ts
 * selectMethods(ds, {}, { origins, horizon: 3, candidates: [...defaultCandidates, { method: "trend", years: 5 }] })
 * ```
 */
export const defaultCandidates: readonly RatioOptions[] = [
  { method: "ses", alpha: 0.5 },
  { method: "mean", years: 3 },
  { method: "mean", years: 5 },
  { method: "weighted", years: 3 },
  { method: "median", years: 3 },
  { method: "damped", years: 5 },
];

/** One choice made by `selectMethods`, with the scores that made it. */
export interface MethodChoice {
  readonly stage: string;
  /** Present when choosing per area. */
  readonly area?: string;
  readonly kind: "progression" | "entry";
  readonly chosen: RatioOptions;
  /** Score of every candidate, in candidate order (NaN where no cell could be scored). */
  readonly scores: readonly { readonly candidate: RatioOptions; readonly score: number }[];
}

/** What `selectMethods` returns: model options to use, and why. */
export interface Selection {
  readonly options: ModelOptions;
  readonly choices: readonly MethodChoice[];
}

/**
 * Chooses the progression and the entry method (with its window) per stage, or per area and
 * stage, by rolling-origin backtest: for each candidate c, `backtest` with progression (then
 * entry) set to c and the rest as in `base`; the score of a stage (or area × stage) is the chosen
 * metric of its stage totals over all origins and horizons; the lowest score wins, the earlier
 * candidate on ties (so the default stays unless another does better). The two kinds are chosen
 * one after the other against `base`, not jointly.
 *
 * @throws RangeError as `backtest` does (origins, horizon), or when no candidate is given
 * @example
 * ```ts
 * const sel = selectMethods(ds, {}, { origins: [2010, 2011, 2012], horizon: 3 });
 * const model = fitModel(ds, sel.options);
 * sel.choices.filter((c) => c.kind === "entry") // what was chosen, with each candidate's score
 * ```
 */
export function selectMethods(dataset: Dataset, base: ModelOptions, options: SelectOptions): Selection {
  const candidates = options.candidates ?? defaultCandidates;
  if (candidates.length === 0) throw new RangeError("selectMethods: give at least one candidate");
  const by = options.by ?? "stage";
  const metric = options.metric ?? "mape";
  const minActual = options.minActual ?? 20;
  const plan = { origins: options.origins, horizon: options.horizon, minActual, ...(options.birthsKnownTo !== undefined ? { birthsKnownTo: options.birthsKnownTo } : {}) };
  const keyOf = (c: BacktestCell): string => (by === "area" ? `${c.area}\u0000${c.stage}` : c.stage);
  const choices: MethodChoice[] = [];
  const picked = new Map<string, { progression?: RatioOptions; entry?: RatioOptions }>();
  for (const kind of ["progression", "entry"] as const) {
    const scores = new Map<string, number[]>();
    candidates.forEach((c, ci) => {
      const bt = backtest(dataset, { ...base, [kind]: c }, plan);
      const groups = new Map<string, BacktestCell[]>();
      for (const cell of bt.cells) {
        const k = keyOf(cell);
        let l = groups.get(k);
        if (!l) groups.set(k, (l = []));
        l.push(cell);
      }
      for (const [k, cells] of groups) {
        let s = scores.get(k);
        if (!s) scores.set(k, (s = new Array<number>(candidates.length).fill(NaN)));
        s[ci] = (errorSummary(cells, minActual) as ErrorSummary)[metric];
      }
    });
    for (const [k, s] of scores) {
      let best = -1;
      s.forEach((v, i) => {
        if (Number.isFinite(v) && (best < 0 || v < s[best]!)) best = i;
      });
      if (best < 0) continue;
      const [first, second] = k.split("\u0000");
      const stage = by === "area" ? second! : first!;
      const area = by === "area" ? first! : undefined;
      const chosen = candidates[best]!;
      choices.push({ stage, ...(area !== undefined ? { area } : {}), kind, chosen, scores: s.map((score, i) => ({ candidate: candidates[i]!, score })) });
      let p = picked.get(k);
      if (!p) picked.set(k, (p = {}));
      p[kind] = chosen;
    }
  }
  const stages: Record<string, RatioChoice> = { ...(base.stages ?? {}) };
  const areas: Record<string, RatioChoice & { stages?: Record<string, RatioChoice> }> = {};
  for (const [k, p] of picked) {
    if (by === "stage") stages[k] = { ...stages[k], ...p };
    else {
      const [area, stage] = k.split("\u0000") as [string, string];
      const cur = areas[area] ?? { ...(base.areas?.[area] ?? {}) };
      areas[area] = { ...cur, stages: { ...(cur.stages ?? {}), [stage]: { ...(cur.stages?.[stage] ?? {}), ...p } } };
    }
  }
  const chosenOptions: ModelOptions = by === "stage" ? { ...base, stages } : { ...base, areas: { ...(base.areas ?? {}), ...areas } };
  return { options: chosenOptions, choices };
}
