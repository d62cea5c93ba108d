/**
 * Why the Connecticut districts' entrants are hard to forecast (printed by bench/accuracy.ts):
 * how well a district's kindergarten can be foretold as a share of the state's births, and what
 * else at the origin might tell where that share goes.
 *
 * Districts: town districts ("… School District") with kindergarten in every year 2007–2015, at
 * least 50 pupils each year. Share of year t: s_t = K_t / B_{t−5} (Connecticut births, known from
 * 2003, so shares from 2008). For each origin t = 2009…2014 and horizon h = 1…5 (t + h ≤ 2015),
 * a share estimate ŝ from the shares up to t gives K̂_{t+h} = ŝ · B_{t+h−5}, and the error is
 * |ln(K_{t+h} / K̂_{t+h})|. Estimates: the last share; simple exponential smoothing (α = 0.5 is
 * the library's default entry method); the mean of the shares; and, for h = 1 only, next year's
 * kindergarten from this year's pre-kindergarten (PK_t times the smoothed ratio K_{s+1} / PK_s).
 */
import { median, sampleCorrelation } from "simple-statistics";
import { enrolmentCube, fitModel, forecast, plainOptions, resolveRatioOptions, withoutBirths, type Dataset, type Forecaster } from "../src/index.js";
import { fixtureText, parseCsv } from "../test/fixtures/load.js";
import { fitRatio, ratioAt } from "../src/cohort/methods.js";
import { Fill, projectArea } from "../src/cohort/project.js";

interface District {
  readonly k: ReadonlyMap<number, number>;
  readonly pk: ReadonlyMap<number, number>;
}

const FIRST = 2007;
const LAST = 2015;
const ORIGINS = [2009, 2010, 2011, 2012, 2013, 2014];
const HORIZON = 5;

/** The library's SES fit of a series, one year ahead. */
const ses = (xs: readonly number[], alpha: number): number => ratioAt(fitRatio(xs, resolveRatioOptions({ method: "ses", alpha }))!, 1);

function load(): { districts: District[]; births: ReadonlyMap<number, number> } {
  const births = new Map<number, number>();
  for (const r of parseCsv(fixtureText("usBirths"), "births").rows) if (r.state === "Connecticut") births.set(Number(r.year), Number(r.births_calendar_year));
  const by = new Map<string, { k: Map<number, number>; pk: Map<number, number> }>();
  for (const r of parseCsv(fixtureText("ctEnrolment"), "ct enrolment").rows) {
    if (!r.district!.endsWith(" School District")) continue;
    let d = by.get(r.district!);
    if (!d) by.set(r.district!, (d = { k: new Map(), pk: new Map() }));
    const y = Number(r.school_year_start);
    if (/^\d+$/.test(r.K!)) d.k.set(y, Number(r.K));
    if (/^\d+$/.test(r.PK!)) d.pk.set(y, Number(r.PK));
  }
  const districts = [...by.values()].filter((d) => {
    for (let y = FIRST; y <= LAST; y++) if (!((d.k.get(y) ?? 0) >= 50)) return false;
    return true;
  });
  return { districts, births };
}

/** The analysis as Markdown lines. */
export function ctEntryReport(): string[] {
  const { districts, births } = load();
  const share = (d: District, y: number): number => d.k.get(y)! / births.get(y - 5)!;
  const methods = ["last share", "smoothed share (α 0.5, default)", "smoothed share (α 0.3)", "mean share", "pre-kindergarten (h = 1)"] as const;
  const errors = new Map<string, number[]>();
  const add = (m: string, h: number, actual: number, predicted: number): void => {
    const key = `${m}\u0000${h}`;
    let l = errors.get(key);
    if (!l) errors.set(key, (l = []));
    l.push(Math.abs(Math.log(actual / predicted)));
  };
  const drift5: number[] = [];
  const prevChange: number[] = [];
  const nextChange: number[] = [];
  for (const d of districts) {
    for (const t of ORIGINS) {
      const hist: number[] = [];
      for (let y = 2008; y <= t; y++) hist.push(share(d, y));
      const estimates = [hist[hist.length - 1]!, ses(hist, 0.5), ses(hist, 0.3), hist.reduce((s, v) => s + v, 0) / hist.length];
      for (let h = 1; h <= HORIZON && t + h <= LAST; h++) {
        const actual = d.k.get(t + h)!;
        estimates.forEach((s, i) => add(methods[i]!, h, actual, s * births.get(t + h - 5)!));
      }
      const ratios: number[] = [];
      for (let s = FIRST; s < t; s++) {
        const pk = d.pk.get(s);
        if (pk) ratios.push(d.k.get(s + 1)! / pk);
      }
      const pkNow = d.pk.get(t);
      if (ratios.length && pkNow) add(methods[4], 1, d.k.get(t + 1)!, pkNow * ses(ratios, 0.5));
      prevChange.push(Math.log(share(d, t) / share(d, t - 1)));
      nextChange.push(Math.log(share(d, t + 1) / share(d, t)));
    }
    drift5.push(Math.abs(Math.log(share(d, LAST) / share(d, 2010))));
  }
  const lines = [
    `**Connecticut kindergarten as a share of the state's births** (${districts.length} town districts with 50 or more in kindergarten every year; origins ${ORIGINS[0]}–${ORIGINS[ORIGINS.length - 1]}; \`bench/ct-entry.ts\`)`,
    "",
    `| share estimate | ${Array.from({ length: HORIZON }, (_, i) => `h = ${i + 1}`).join(" | ")} |`,
    `|---|${"---|".repeat(HORIZON)}`,
  ];
  for (const m of methods) {
    const cells = Array.from({ length: HORIZON }, (_, i) => {
      const l = errors.get(`${m}\u0000${i + 1}`);
      return l ? `${(100 * median(l)).toFixed(1)}% (${l.length})` : "–";
    });
    lines.push(`| ${m} | ${cells.join(" | ")} |`);
  }
  lines.push(
    "",
    `Median absolute log error of kindergarten (cases in brackets). A district's share moved by a median ${(100 * median(drift5)).toFixed(0)}% between 2010 and 2015; one year's change of the share and the next year's correlate at ${sampleCorrelation(prevChange, nextChange).toFixed(2)} (${prevChange.length} pairs): a change is partly undone the next year, so a smoothed share does better than the last one, and no estimate here does better than the default.`,
  );
  return lines;
}

/**
 * The oracle of the report: the plain method (mean of the last 3 progression ratios) with every
 * entry grade's pupils after the origin taken from what happened (`full`, the whole dataset; where
 * that count is suppressed, the plain forecast), and the grades above projected from them by the
 * same ratios. Backtested like any forecaster, it
 * shows how far the plain method would get if entrants were known exactly.
 */
export function oracleEntrants(full: Dataset): Forecaster {
  const cube = enrolmentCube(full);
  const fullIndex = new Map(cube.areas.map((id, i) => [id, i]));
  const Y = cube.years.length;
  return (train, to) => {
    const model = fitModel(withoutBirths(train), plainOptions);
    const fc = forecast(model, { to });
    const G = fc.grades.length;
    const W = to - fc.baseYear + 1;
    const H = W - 1;
    const pupils = new Float64Array(fc.pupils.length);
    const base = new Float64Array(G);
    const fill = new Uint8Array(G);
    const ratio = new Float64Array(G * H);
    const out = new Float64Array(G * W);
    fc.areas.forEach((id, a) => {
      const fa = fullIndex.get(id)!;
      // The same projection as the forecast's (`projectArea`), with every entry grade a level
      // whose value each year is the count that happened (no grade is filled from births, so the
      // driver argument is never read).
      for (let g = 0; g < G; g++) {
        const f = model.fill[a * G + g]!;
        const entry = f === Fill.births || f === Fill.level;
        base[g] = fc.pupils[(a * G + g) * W]!;
        fill[g] = entry ? Fill.level : f;
        for (let h = 1; h <= H; h++) {
          const actual = cube.data[(fa * G + g) * Y + fc.baseYear + h - cube.years[0]!]!;
          // Where that count is suppressed, the plain forecast stays.
          ratio[g * H + h - 1] = !entry ? fc.ratios[(a * G + g) * H + h - 1]! : Number.isFinite(actual) ? actual : fc.pupils[(a * G + g) * W + h]!;
        }
      }
      pupils.set(projectArea(G, H, base, 0, fill, 0, ratio, ratio, out), a * G * W);
    });
    return { ...fc, pupils };
  };
}
