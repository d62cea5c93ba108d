import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitModel, forecast } from "../../src/cohort/model.js";
import { resolveRatioOptions } from "../../src/cohort/methods.js";
import { OptionsError } from "../../src/cohort/options.js";
import { chinaSchoolSystem, parseDataset } from "../../src/index.js";
import { smallInput } from "../io/small.js";

const ds = parseDataset(smallInput, chinaSchoolSystem);

/** The issues of the OptionsError that `f` throws. */
function optionIssues(f: () => unknown): { path: readonly (string | number)[]; message: string }[] {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(OptionsError);
    expect(e).toBeInstanceOf(RangeError);
    return [...(e as OptionsError).issues];
  }
  throw new Error("did not throw");
}

describe("out-of-range options are located errors (issue 20 item 5)", () => {
  it("clampMargin > 1 is refused with its path (it let trend ratios go negative: K1 200 → −200 → −400)", () => {
    const issues = optionIssues(() => fitModel(ds, { progression: { method: "trend", clampMargin: 2 } }));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toEqual(["options", "progression", "clampMargin"]);
    expect(issues[0]!.message).toBe("options.progression.clampMargin must be a number in [0, 1], got 2");
    expect(() => resolveRatioOptions({ clampMargin: 1.5 })).toThrow(RangeError);
  });

  it("alpha, phi, years and the births options, at any depth, each give one located issue", () => {
    const issues = optionIssues(() =>
      fitModel(ds, {
        entry: { alpha: 1.5 },
        stages: { primary: { progression: { method: "damped", phi: -0.1, years: 2.5 } } },
        areas: { county: { stages: { primary: { entry: { alpha: Number.NaN } } } } },
        births: { method: "linear" as "last", years: 0 },
      }),
    );
    expect(issues.map((i) => i.path.join("."))).toEqual([
      "options.entry.alpha",
      "options.stages.primary.progression.years",
      "options.stages.primary.progression.phi",
      "options.areas.county.stages.primary.entry.alpha",
      "options.births.method",
      "options.births.years",
    ]);
    expect(issues[3]!.message).toBe("options.areas.county.stages.primary.entry.alpha must be a number in (0, 1], got NaN");
  });

  it("with any clampMargin in [0, 1], trend and damped forecasts have no negative pupils", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom("trend" as const, "damped" as const), (m, method) => {
        const f = forecast(fitModel(ds, { progression: { method, clampMargin: m }, entry: { method, clampMargin: m } }), { to: 2040 });
        return f.pupils.every((p) => Number.isNaN(p) || p >= 0);
      }),
      { numRuns: 30 },
    );
  });
});

describe("options validated like data (issue 20 item 12)", () => {
  it("an unknown stage key is a located error with a suggestion (stages.primry)", () => {
    const issues = optionIssues(() => fitModel(ds, { stages: { primry: { progression: { method: "mean" } } } }));
    expect(issues).toEqual([
      expect.objectContaining({ path: ["options", "stages", "primry"], message: 'options.stages: "primry" is not a stage of the china system (preschool, primary, junior, senior); did you mean "primary"?' }),
    ]);
  });

  it("unknown areas, unknown fields and unknown nested stages are located errors", () => {
    const issues = optionIssues(() =>
      fitModel(ds, {
        areas: { countyy: {}, city: {}, county: { stages: { junor: {} } } },
        progresion: { method: "mean" },
        entry: { methd: "mean" },
      } as never),
    );
    expect(issues.map((i) => i.message)).toEqual([
      'options: unknown field "progresion"; the fields are progression, entry, stages, areas, births, birthsScenario; did you mean "progression"?',
      'options.entry: unknown field "methd"; the fields are method, years, alpha, phi, clampMargin; did you mean "method"?',
      'options.areas: "countyy" is not an area of the dataset; did you mean "county"?',
      'options.areas.county.stages: "junor" is not a stage of the china system (preschool, primary, junior, senior); did you mean "junior"?',
    ]);
  });

  it("a __proto__ key from JSON is refused, not silently dropped", () => {
    const options = JSON.parse('{"stages": {"__proto__": {"progression": {"method": "mean"}}}}') as never;
    const issues = optionIssues(() => fitModel(ds, options));
    expect(issues.map((i) => i.path)).toEqual([["options", "stages", "__proto__"]]);
  });
});
