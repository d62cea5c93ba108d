import fc from "fast-check";
import { matrix, multiply, add, zeros, type Matrix } from "mathjs";
import { describe, expect, it } from "vitest";
import { chinaSchoolSystem, englandSchoolSystem, fitModel, forecast, parseDataset, pupilRecords, ratioMethods, usK12SchoolSystem, type DatasetInput, type ModelOptions } from "../../src/index.js";
import { datasetInputArb } from "../helpers/arbitraries.js";
import { deepFreeze, expectClose } from "../helpers/expect.js";
import { Fill } from "../../src/cohort/project.js";

// The law suite: written once, applied to every progression method and to every shipped system.
const methodOptions: ModelOptions[] = ratioMethods.map((method) => ({ progression: { method }, entry: { method } }));
const systems = [chinaSchoolSystem, usK12SchoolSystem, englandSchoolSystem];

function run(input: DatasetInput, opts: ModelOptions, to: number, system = chinaSchoolSystem) {
  const ds = parseDataset(input, system);
  return forecast(fitModel(ds, opts), { to: ds.baseYear + to });
}

function scale(input: DatasetInput, k: number): DatasetInput {
  return {
    areas: input.areas,
    enrolment: input.enrolment.map((r) => ({ ...(r as object), pupils: (r as { pupils: number }).pupils * k })),
    births: (input.births ?? []).map((r) => ({ ...(r as object), births: (r as { births: number }).births * k })),
  };
}

function shift(input: DatasetInput, s: number): DatasetInput {
  const mv = (r: unknown) => ({ ...(r as object), year: (r as { year: number }).year + s });
  return { areas: input.areas, enrolment: input.enrolment.map(mv), births: (input.births ?? []).map(mv) };
}

describe.each(methodOptions.map((o) => [o.progression!.method!, o] as const))("laws for method %s", (_name, opts) => {
  it("non-negativity and no NaN", () => {
    fc.assert(
      fc.property(datasetInputArb(), fc.integer({ min: 1, max: 12 }), (input, h) => {
        const fcst = run(input, opts, h);
        return fcst.pupils.every((v) => Number.isFinite(v) && v >= 0);
      }),
      { numRuns: 40 },
    );
  });

  it("cohort identity: each progression value = its ratio × the grade below a year earlier", () => {
    fc.assert(
      fc.property(datasetInputArb(), (input) => {
        for (const r of pupilRecords(run(input, opts, 5))) {
          if (r.via?.from === "progression") expectClose(r.pupils, r.via.ratio * r.via.fromPupils, { rel: 1e-12, abs: 1e-9 });
          if (r.via?.from === "births") expectClose(r.pupils, r.via.ratio * r.via.births, { rel: 1e-12, abs: 1e-9 });
        }
      }),
      { numRuns: 30 },
    );
  });

  it("scale equivariance: k × (enrolment, births) gives k × forecast", () => {
    fc.assert(
      fc.property(datasetInputArb(), fc.integer({ min: 2, max: 7 }), (input, k) => {
        const a = run(input, opts, 6).pupils;
        const b = run(scale(input, k), opts, 6).pupils;
        a.forEach((v, i) => expectClose(b[i]!, k * v, { rel: 1e-9, abs: 1e-7 }));
      }),
      { numRuns: 30 },
    );
  });

  it("time-shift invariance: moving every year by s moves the forecast by s", () => {
    fc.assert(
      fc.property(datasetInputArb(), fc.integer({ min: -30, max: 30 }), (input, s) => {
        const a = run(input, opts, 6);
        const b = run(shift(input, s), opts, 6);
        expect(b.baseYear).toBe(a.baseYear + s);
        a.pupils.forEach((v, i) => expectClose(b.pupils[i]!, v, { rel: 1e-12, abs: 1e-9 }));
      }),
      { numRuns: 30 },
    );
  });

  it("horizon consistency: a shorter forecast is the start of a longer one", () => {
    fc.assert(
      fc.property(datasetInputArb(), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 10 }), (input, h1, extra) => {
        const s = run(input, opts, h1);
        const l = run(input, opts, h1 + extra);
        const G = s.grades.length;
        for (let a = 0; a < s.areas.length; a++)
          for (let g = 0; g < G; g++)
            for (let h = 0; h <= h1; h++) expect(l.pupils[(a * G + g) * (h1 + extra + 1) + h]).toBe(s.pupils[(a * G + g) * (h1 + 1) + h]);
      }),
      { numRuns: 30 },
    );
  });

  it("area subsets: forecasting some areas gives their values of a forecast of every area, NaN for the others", () => {
    fc.assert(
      fc.property(datasetInputArb(), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 2 ** 30 }), (input, h, pick) => {
        const ds = parseDataset(input, chinaSchoolSystem);
        const model = fitModel(ds, opts);
        const all = forecast(model, { to: ds.baseYear + h });
        const areas = model.cube.areas.filter((_, i) => (pick >> i) & 1);
        const some = forecast(model, { to: ds.baseYear + h, areas });
        const n = all.grades.length * (h + 1);
        model.cube.areas.forEach((id, a) => {
          const got = Array.from(some.pupils.subarray(a * n, (a + 1) * n));
          if (areas.includes(id)) expect(got).toEqual(Array.from(all.pupils.subarray(a * n, (a + 1) * n)));
          else expect(got.every(Number.isNaN)).toBe(true);
        });
        expect(() => forecast(model, { to: ds.baseYear + h, areas: ["no such area"] })).toThrow(/forecast: areas: "no such area" is not an area/);
      }),
      { numRuns: 25 },
    );
  });

  it("never mutates its inputs (deep-frozen dataset and options)", () => {
    fc.assert(
      fc.property(datasetInputArb(), (input) => {
        const ds = deepFreeze(parseDataset(deepFreeze(input), chinaSchoolSystem));
        const before = JSON.stringify(ds);
        forecast(fitModel(ds, deepFreeze({ ...opts })), { to: ds.baseYear + 4 });
        return JSON.stringify(ds) === before;
      }),
      { numRuns: 20 },
    );
  });
});

describe.each(systems.map((s) => [s.id, s] as const))("the %s system runs through the same code", (_id, system) => {
  it("non-negative finite forecasts", () => {
    fc.assert(
      fc.property(datasetInputArb(system), (input) => run(input, {}, 8, system).pupils.every((v) => Number.isFinite(v) && v >= 0)),
      { numRuns: 20 },
    );
  });
});

describe("the typed-array kernel agrees with the matrix view of cohort flow (mathjs oracle)", () => {
  it("x(t+1) = M x(t) + e(t), M sub-diagonal with the progression ratios, e the entries", () => {
    fc.assert(
      fc.property(datasetInputArb(), fc.integer({ min: 1, max: 10 }), (input, H) => {
        const fcst = run(input, { progression: { method: "mean" } }, H);
        const { fill } = fcst.model;
        const G = fcst.grades.length;
        const W = H + 1;
        for (let a = 0; a < fcst.areas.length; a++) {
          let x: Matrix = matrix(Array.from({ length: G }, (_, g) => [fcst.pupils[(a * G + g) * W]!]));
          for (let h = 1; h <= H; h++) {
            const M = zeros(G, G) as Matrix;
            const e = zeros(G, 1) as Matrix;
            for (let g = 0; g < G; g++) {
              const r = fcst.ratios[(a * G + g) * H + h - 1]!;
              const f = fill[a * G + g];
              if (f === Fill.progression) M.set([g, g - 1], r);
              else if (f === Fill.births) e.set([g, 0], r * fcst.drivers[(a * G + g) * H + h - 1]!);
              else if (f === Fill.level) e.set([g, 0], r);
            }
            x = add(multiply(M, x), e) as Matrix;
            for (let g = 0; g < G; g++) expectClose(fcst.pupils[(a * G + g) * W + h]!, x.get([g, 0]) as number, { rel: 1e-9, abs: 1e-9 });
          }
        }
      }),
      { numRuns: 25 },
    );
  });
});
