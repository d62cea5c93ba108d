import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ratioMethods, resolveBirthsOptions, resolveRatioOptions } from "../../src/index.js";
import { expectClose } from "../helpers/expect.js";
import { projectBirths } from "../../src/cohort/births.js";
import { fitRatio, oneStepErrors, ratioAt } from "../../src/cohort/methods.js";

describe("ratio methods (hand-worked values)", () => {
  const series = [0.9, 1.0, 1.1, 1.3];
  it("mean, weighted, median of the last 3", () => {
    // mean(1.0, 1.1, 1.3) = 3.4 / 3
    expectClose(ratioAt(fitRatio(series, resolveRatioOptions({ method: "mean" }))!, 1), 3.4 / 3);
    // weights 1,2,3: (1.0 + 2.2 + 3.9) / 6 = 7.1 / 6
    expectClose(ratioAt(fitRatio(series, resolveRatioOptions({ method: "weighted" }))!, 1), 7.1 / 6);
    expectClose(ratioAt(fitRatio(series, resolveRatioOptions({ method: "median" }))!, 1), 1.1);
  });
  it("ses with alpha 0.5 over the whole series", () => {
    // l = 0.9 → 0.95 → 1.025 → 1.1625
    expectClose(ratioAt(fitRatio(series, resolveRatioOptions({ method: "ses", alpha: 0.5 }))!, 7), 1.1625);
  });
  it("trend through the last 3, clamped to the window's range ± margin", () => {
    // least squares through (0,1.0),(1,1.1),(2,1.3): slope 0.15, fitted at i=2: 1.1333… + 0.15 = 1.28333…
    const fit = fitRatio(series, resolveRatioOptions({ method: "trend", clampMargin: 0.2 }))!;
    expectClose(ratioAt(fit, 1), 1.28333333333 + 0.15, { rel: 1e-9 });
    // far ahead it is clamped at 1.3 × 1.2 = 1.56
    expectClose(ratioAt(fit, 10), 1.56);
    // with the default margin 0.05 even h = 1 is clamped at 1.3 × 1.05 = 1.365
    expectClose(ratioAt(fitRatio(series, resolveRatioOptions({ method: "trend" }))!, 1), 1.365);
  });
  it("damped trend adds slope · (φ + φ² + …)", () => {
    const fit = fitRatio([1, 1.1, 1.2], resolveRatioOptions({ method: "damped", phi: 0.5, clampMargin: 1 }))!;
    // level 1.2, slope 0.1: h=2 → 1.2 + 0.1 (0.5 + 0.25) = 1.275
    expectClose(ratioAt(fit, 2), 1.275);
  });
  it("damped trend: φʰ of whole years is repeated multiplication (exact JavaScript arithmetic, the same on every engine)", () => {
    // With φ = 0.85 and h = 7, V8's 0.85 ** 7 = 0.32057708828125, while seven multiplications give
    // 0.32057708828124987: the forecast must use the product, whatever the engine's `**` gives.
    // (Slope 1, so that the difference survives into the ratio: 4.85006316640625 against
    // 4.850063166406249 with `**`.)
    const fit = { kind: "trend", level: 1, slope: 1, phi: 0.85, lo: 0, hi: 10, n: 3 } as const;
    let phiH = 1;
    for (let k = 0; k < 7; k++) phiH *= 0.85;
    expect(ratioAt(fit, 7)).toBe(1 + (0.85 * (1 - phiH)) / (1 - 0.85));
  });
  it("an empty series has no fit; bad options throw", () => {
    expect(fitRatio([], resolveRatioOptions())).toBeUndefined();
    expect(() => resolveRatioOptions({ years: 0 })).toThrow(RangeError);
    expect(() => resolveRatioOptions({ alpha: 0 })).toThrow(RangeError);
  });
  it("every method stays inside [min·(1−m), max·(1+m)] of the series (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.01, max: 3, noNaN: true }), { minLength: 1, maxLength: 10 }), fc.constantFrom(...ratioMethods), fc.integer({ min: 1, max: 20 }), (s, method, h) => {
        const o = resolveRatioOptions({ method });
        const v = ratioAt(fitRatio(s, o)!, h);
        return v >= Math.min(...s) * (1 - o.clampMargin) - 1e-12 && v <= Math.max(...s) * (1 + o.clampMargin) + 1e-12;
      }),
    );
  });
});

describe("births projection", () => {
  it("last, mean and trend (floored at zero)", () => {
    expect(projectBirths([30, 20, 10], 4, resolveBirthsOptions())).toBe(10);
    expect(projectBirths([30, 20, 10], 1, resolveBirthsOptions({ method: "mean" }))).toBe(20);
    // line 30 − 10 i; i = 3 → 0; i = 4 → −10 → floored to 0
    expect(projectBirths([30, 20, 10], 1, resolveBirthsOptions({ method: "trend" }))).toBeCloseTo(0, 12);
    expect(projectBirths([30, 20, 10], 2, resolveBirthsOptions({ method: "trend" }))).toBe(0);
    expect(projectBirths([30, 25, 20], 2, resolveBirthsOptions({ method: "trend" }))).toBeCloseTo(10, 12);
  });
});

describe("oneStepErrors", () => {
  it("equals refitting the method to each prefix, to the last bit, for every method (property)", () => {
    // The definition: eᵢ = ln(rᵢ / ratioAt(fitRatio(r₀ … rᵢ₋₁), 1)), skipping pairs that are not positive.
    const byDefinition = (s: readonly number[], o: ReturnType<typeof resolveRatioOptions>): number[] => {
      const e: number[] = [];
      for (let i = 1; i < s.length; i++) {
        const p = ratioAt(fitRatio(s.slice(0, i), o)!, 1);
        if (p > 0 && s[i]! > 0) e.push(Math.log(s[i]! / p));
      }
      return e;
    };
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: 0.01, max: 3, noNaN: true }), fc.constant(0)), { minLength: 0, maxLength: 12 }),
        fc.constantFrom(...ratioMethods),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 5 }),
        (s, method, alpha, years) => {
          const o = resolveRatioOptions({ method, alpha, years });
          expect(oneStepErrors(s, o)).toEqual(byDefinition(s, o));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("hand-worked: SES α 0.5 over 1, 1.1, 1.1 forecasts 1 then 1.05", () => {
    const e = oneStepErrors([1, 1.1, 1.1], resolveRatioOptions({ method: "ses", alpha: 0.5 }));
    expect(e).toEqual([Math.log(1.1 / 1), Math.log(1.1 / 1.05)]);
  });
});
