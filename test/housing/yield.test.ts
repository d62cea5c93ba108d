import { describe, expect, it } from "vitest";
import {
  chinaDefaultYieldTable,
  chinaSchoolSystem,
  DatasetError,
  defineYieldTable,
  gradeYields,
  lifetimeYield,
  yieldFromPerThousand,
} from "../../src/index.js";
import { deepFreeze, expectClose } from "../helpers/expect.js";

describe("yieldFromPerThousand", () => {
  it("converts places per 1,000 residents and persons per household to pupils per dwelling", () => {
    // 80 / 1000 × 3 = 0.24; 40 / 1000 × 3 = 0.12
    const y = yieldFromPerThousand({ primary: 80, junior: 40 }, 3);
    expectClose(y.primary!, 0.24);
    expectClose(y.junior!, 0.12);
  });
  it("refuses negative figures and non-positive household sizes", () => {
    expect(() => yieldFromPerThousand({ primary: -1 }, 3)).toThrow(RangeError);
    expect(() => yieldFromPerThousand({ primary: 80 }, 0)).toThrow(/persons per household/);
    expect(() => yieldFromPerThousand({ primary: Number.NaN }, 3)).toThrow(RangeError);
  });
});

describe("the China default yield table", () => {
  it("is Yangjiang 2020 pupils per 1,000 residents × 3.05 persons per household", () => {
    // primary: 365,000 × 6/9 / 2,602,959 × 1000 = 93.48 per 1,000; × (2,454,459 / 804,747 = 3.0500) / 1000 = 0.28512
    expectClose(chinaDefaultYieldTable.perDwelling.primary!, ((365_000 * 6) / 9 / 2_602_959) * (2_454_459 / 804_747), { rel: 1e-12 });
    expectClose(chinaDefaultYieldTable.perDwelling.primary!, 0.28512, { abs: 5e-5 });
    expectClose(chinaDefaultYieldTable.perDwelling.preschool!, 0.12538, { abs: 5e-5 });
    expectClose(chinaDefaultYieldTable.perDwelling.junior!, 0.14256, { abs: 5e-5 });
    expectClose(chinaDefaultYieldTable.perDwelling.senior!, 0.05742, { abs: 5e-5 });
    expectClose(lifetimeYield(chinaDefaultYieldTable, chinaSchoolSystem), 0.61048, { abs: 1e-4 });
    expect(chinaDefaultYieldTable.source).toMatch(/planning assumption/);
    expect(Object.isFrozen(chinaDefaultYieldTable.perDwelling)).toBe(true);
  });
  it("passes its own checks and its phasing weights sum to 1", () => {
    const t = defineYieldTable(chinaDefaultYieldTable, chinaSchoolSystem);
    expectClose(t.phasing.weights.reduce((a, b) => a + b, 0), 1);
  });
});

describe("defineYieldTable", () => {
  const table = deepFreeze({
    id: "mine",
    source: "2019 survey",
    perDwelling: { preschool: 0.12, primary: 0.3 },
    byType: { resettlement: { primary: 0.6 } },
    gradeShares: { junior: [1, 1, 2] },
    phasing: { weights: [2, 3, 2, 1], source: "same survey" },
  });

  it("normalises weights and shares without changing its input", () => {
    const t = defineYieldTable(table, chinaSchoolSystem);
    expect(t.phasing.weights).toEqual([0.25, 0.375, 0.25, 0.125]);
    expect(t.gradeShares?.junior).toEqual([0.25, 0.25, 0.5]);
    expect(t.gradeShares?.primary).toEqual(new Array(6).fill(1 / 6));
    expect(table.phasing.weights).toEqual([2, 3, 2, 1]);
  });

  it("spreads a stage's yield over its grades and lets a dwelling type override it", () => {
    const t = defineYieldTable(table, chinaSchoolSystem);
    const plain = gradeYields(t, chinaSchoolSystem);
    const res = gradeYields(t, chinaSchoolSystem, "resettlement");
    // K1 = 0.12 / 3 = 0.04; P1 = 0.3 / 6 = 0.05; resettlement P1 = 0.6 / 6 = 0.1, K1 unchanged; junior and senior 0
    expectClose(plain[0]!, 0.04);
    expectClose(plain[3]!, 0.05);
    expectClose(res[3]!, 0.1);
    expectClose(res[0]!, 0.04);
    expect(plain[9]).toBe(0);
    expect(gradeYields(t, chinaSchoolSystem, "villa")).toEqual(plain);
  });

  it("reports every problem, located", () => {
    let err: unknown;
    try {
      defineYieldTable(
        { id: "bad", source: "x", perDwelling: { primary: -0.1, college: 0.2 }, gradeShares: { junior: [1, 1] }, phasing: { weights: [0, 0], source: "y" } },
        chinaSchoolSystem,
      );
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DatasetError);
    const paths = (err as DatasetError).issues.map((i) => i.path.join("."));
    expect(paths).toContain("yields.perDwelling.primary");
  });

  it("reports unknown stages, wrong grade-share lengths and an all-zero phasing curve", () => {
    let err: unknown;
    try {
      defineYieldTable({ id: "bad", source: "x", perDwelling: { college: 0.2 }, gradeShares: { junior: [1, 1] }, phasing: { weights: [0, 0], source: "y" } }, chinaSchoolSystem);
    } catch (e) {
      err = e;
    }
    const issues = (err as DatasetError).issues;
    expect(issues.map((i) => i.code)).toEqual(["unknown_stage", "invalid_value", "invalid_value"]);
    expect(issues[0]!.message).toMatch(/"college" is not a stage of the china system/);
    expect(issues[1]!.message).toMatch(/gradeShares.junior needs 3 weights \(J1, J2, J3\), got 2/);
    expect(issues[2]!.message).toMatch(/phasing weights must have a positive sum/);
  });
});
