import { describe, expect, it } from "vitest";
import { chinaSchoolSystem, safeParseDataset } from "../../src/index.js";
import { show } from "../../src/data/issues.js";

/** `value` nested `depth` levels deep: arrays ([[[…]]], 2 bytes per level in JSON) or objects. */
function nested(depth: number, kind: "array" | "object"): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = kind === "array" ? [v] : { a: v };
  return v;
}

describe("deeply nested input (issue 20 item 8)", () => {
  for (const kind of ["array", "object"] as const) {
    it(`safeParseDataset returns located issues for ${kind}s nested 6,000 deep in every position (no stack overflow)`, () => {
      const deep = nested(6000, kind);
      const inputs: [unknown, string][] = [
        [{ areas: [{ id: "a", name: deep }], enrolment: [] }, "areas.0.name"],
        [{ areas: deep, enrolment: [] }, "areas"],
        [{ areas: [deep], enrolment: [] }, "areas.0"],
        [{ areas: [{ id: "a", grades: [deep] }], enrolment: [] }, "areas.0.grades"],
        [{ areas: [{ id: "a", note: deep }], enrolment: [] }, "areas.0.note"],
        [{ areas: [{ id: "a" }], enrolment: [{ area: "a", year: 2020, grade: "P1", pupils: deep }] }, "enrolment.0.pupils"],
        [deep, ""],
      ];
      for (const [input, where] of inputs) {
        const r = safeParseDataset(input, chinaSchoolSystem);
        expect(r.success, where).toBe(false);
        if (r.success) continue;
        expect(r.issues.some((i) => i.path.join(".").startsWith(where)), where).toBe(true);
        for (const i of r.issues) {
          expect(i.message, where).not.toContain("[object Object]");
          expect(i.message.length, where).toBeLessThan(400);
        }
      }
    });
  }

  it("show renders deep values in a bounded preview", () => {
    expect(show(nested(6000, "object"))).toBe('{"a": {"a": {"a": {…}}}}');
    expect(show(nested(6000, "array"))).toBe("[[[[…]]]]");
    expect(show({ x: 1, y: [1, 2], z: "t" })).toBe('{"x": 1, "y": [1, 2], "z": "t"}');
  });
});

describe("messages cap quoted values (issue 20 item 9)", () => {
  const huge = "x".repeat(10 * 2 ** 20);

  it("a 10 MB value gives a short message: 80 characters, an ellipsis and the length", () => {
    const r = safeParseDataset(
      { areas: [{ id: "a", grades: ["P1"] }, { id: huge, grades: ["P1"] }], enrolment: [{ area: huge, year: 2020, grade: "P1", pupils: huge }, { area: "a", year: 2020, grade: "P1", pupils: 5 }, { area: "zz" + huge, year: 2020, grade: "P1", pupils: 5 }] },
      chinaSchoolSystem,
    );
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issues.length).toBeGreaterThan(1);
    for (const i of r.issues) expect(i.message.length, i.message.slice(0, 200)).toBeLessThan(500);
    expect(r.issues.map((i) => i.message).join("\n")).toContain(`${"x".repeat(78)}…" (${huge.length + 2} characters)`);
    expect(show(huge)).toBe(`"${"x".repeat(80)}…" (${huge.length} characters)`);
  });
});

describe("grouped follow-on errors (issue 20 item 11)", () => {
  const grades = ["P1", "P2", "P3", "P4", "P5", "P6", "J1", "J2", "J3", "S1", "S2", "S3"];
  const years = [2016, 2017, 2018, 2019, 2020];
  const rows = (area: string, gs: readonly string[] = grades) => years.flatMap((year) => gs.map((grade) => ({ area, year, grade, pupils: 100 })));

  it("one bad field drops an area: one message with the count of rows that refer to it, not 66", () => {
    const r = safeParseDataset(
      {
        areas: [{ id: "jc", grades, parent: 5 }, { id: "b", grades }],
        enrolment: [...rows("jc"), ...rows("b")],
        births: [2010, 2011, 2012, 2013, 2014, 2015].map((year) => ({ area: "jc", year, births: 1000 })),
      },
      chinaSchoolSystem,
    );
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issues.map((i) => i.message)).toEqual([
      "areas[0] (id jc): parent must be the id of another area, got 5",
      'areas[0] (id jc): has errors (above), so the 66 rows that refer to area "jc" were not checked (enrolment 60, births 6)',
    ]);
  });

  it("an unknown grade in grades: one message at the area and one for the 5 rows that use it", () => {
    const r = safeParseDataset({ areas: [{ id: "a", grades: ["P1", "P7"] }], enrolment: rows("a", ["P1", "P7"]) }, chinaSchoolSystem);
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issues).toHaveLength(2);
    expect(r.issues[0]!.path).toEqual(["areas", 0, "grades", 1]);
    expect(r.issues[1]!.message).toBe('enrolment[1] (area a, grade P7, year 2016): grade "P7" is not a grade of the china system (K1, K2, K3, P1, P2, P3, P4, P5, P6, J1, J2, J3, S1, S2, S3); so are 4 more enrolment rows (enrolment[3], enrolment[5], enrolment[7] and 1 more)');
  });

  it("a mistyped area id in many rows: one message with the count and the nearest id", () => {
    const r = safeParseDataset({ areas: [{ id: "b", grades }], enrolment: [...rows("b"), ...rows("bb")] }, chinaSchoolSystem);
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]!.message).toMatch(/^enrolment\[60\] \(area bb, grade P1, year 2016\): area "bb" is not in areas; add it there or correct the id; did you mean "b"\?; so are 59 more enrolment rows \(enrolment\[61\], enrolment\[62\], enrolment\[63\] and 56 more\)$/);
  });
});
